//! Messages in the user's language, end to end: every case of the example API asked in
//! French and German, compared with its English answer member by member, and headers no
//! client should be able to break a response with.

use std::net::SocketAddr;

use serde_json::{Map, Value};

use super::envelope::get;
use super::problem::{send_with, varies_on, PROBLEM};
use super::{Answer, CASES};

const VERSION: (&str, &str) = ("Certifier-Version", "2024-06-01");

fn object(what: &str, body: &[u8]) -> Map<String, Value> {
    match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => object,
        _ => panic!("{what}: not JSON: {}", String::from_utf8_lossy(body)),
    }
}

fn header<'a>(answer: &'a Answer, name: &str) -> Option<&'a str> {
    answer
        .headers
        .get(name)
        .map(|value| value.to_str().unwrap())
}

fn varies_on_language(answer: &Answer) -> bool {
    varies_on(answer, "accept-language")
}

/// The error object of an envelope answer.
fn error_object(what: &str, answer: &Answer) -> Map<String, Value> {
    match object(what, &answer.body).remove("error") {
        Some(Value::Object(error)) => error,
        _ => panic!("{what}: no error object"),
    }
}

/// Every case in `language`: the same status, members and headers as in English, the
/// message (and each violation's default message) translated, `request_id` still last,
/// `Content-Language` naming the locale; success answers untouched. The cases change
/// the API's state, so each language asks a fresh server of its own (`english`,
/// `translated`).
pub async fn check_every_case_in(
    english: SocketAddr,
    translated: SocketAddr,
    accept_language: &str,
    locale: &str,
) {
    let (english_server, translated_server) = (english, translated);
    for case in CASES {
        let what = format!("{} ({accept_language})", case.name);
        let english = send_with(english_server, case, &[]).await;
        let translated = send_with(
            translated_server,
            case,
            &[("accept-language", accept_language)],
        )
        .await;
        assert_eq!(translated.status, english.status, "{what}");
        if english.status < 400 {
            assert_eq!(translated.body, english.body, "{what}");
            assert_eq!(header(&translated, "content-language"), None, "{what}");
            assert!(!varies_on_language(&translated), "{what}");
            continue;
        }
        assert_eq!(header(&english, "content-language"), Some("en"), "{what}");
        assert_eq!(
            header(&translated, "content-language"),
            Some(locale),
            "{what}"
        );
        assert!(
            varies_on_language(&english) && varies_on_language(&translated),
            "{what}"
        );
        for name in ["retry-after", "www-authenticate", "allow", "content-type"] {
            assert_eq!(
                header(&translated, name),
                header(&english, name),
                "{what}: {name}"
            );
        }
        let english_error = error_object(&what, &english);
        let translated_error = error_object(&what, &translated);
        let names = |error: &Map<String, Value>| error.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&translated_error), names(&english_error), "{what}");
        // The request id is still the last member.
        let text = String::from_utf8_lossy(&translated.body);
        let id = super::request_id(&what, &translated);
        let last = format!(",\"request_id\":\"{id}\"}}}}");
        assert!(text.ends_with(&last), "{what}: {text}");
        for (name, value) in &english_error {
            let other = &translated_error[name];
            match name.as_str() {
                "message" => assert_ne!(other, value, "{what}: the message is not translated"),
                "request_id" => {}
                "errors" => check_violations(&what, value, other),
                _ => assert_eq!(other, value, "{what}: {name}"),
            }
        }
    }
}

/// Violations keep their codes and locations; default messages are translated, the
/// service's own messages kept.
fn check_violations(what: &str, english: &Value, translated: &Value) {
    let (english, translated) = (english.as_array().unwrap(), translated.as_array().unwrap());
    assert_eq!(english.len(), translated.len(), "{what}");
    for (english, translated) in english.iter().zip(translated) {
        let code = english["code"].as_str().unwrap();
        for name in ["code", "pointer", "parameter"] {
            assert_eq!(english.get(name), translated.get(name), "{what}: {name}");
        }
        let message = english["message"].as_str().unwrap();
        if message == certifier_error::Violation::default_message(code) {
            assert_ne!(translated["message"], english["message"], "{what}: {code}");
        } else {
            assert_eq!(translated["message"], english["message"], "{what}: {code}");
        }
    }
}

/// Exact messages: a client's id inside a French sentence, a German plural, the
/// standard message of a server error whose cause stays in the log, a bare status, and
/// a problem whose `detail` is translated.
pub async fn check_exact_messages(address: SocketAddr) {
    let answer = get(
        address,
        "/certificates/cert_missing",
        &[VERSION, ("accept-language", "fr")],
    )
    .await;
    assert_eq!(answer.status, 404);
    let error = error_object("unknown certificate", &answer);
    assert_eq!(
        error["message"],
        "Aucun certificat n'a l'identifiant `cert_missing`."
    );
    // A client reads which language it got.
    let headers = answer
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()));
    let decoded = certifier_error::ErrorResponse::from_parts(answer.status, headers, &answer.body);
    assert_eq!(decoded.content_language(), Some("fr"));
    assert_eq!(decoded.error.code, "not_found");

    let plan = CASES
        .iter()
        .find(|case| case.code == Some("plan_limit"))
        .unwrap();
    let answer = send_with(address, plan, &[("accept-language", "de-DE, fr;q=0.2")]).await;
    assert_eq!(header(&answer, "content-language"), Some("de"));
    assert_eq!(
        error_object("plan limit", &answer)["message"],
        "Der Tarif free erlaubt Zertifikate mit höchstens 90 Tagen Gültigkeit."
    );

    let down = CASES.iter().find(|case| case.status == 503).unwrap();
    let answer = send_with(address, down, &[("accept-language", "fr")]).await;
    let error = error_object("server error", &answer);
    assert_eq!(
        error["message"],
        "Une erreur s'est produite de notre côté ; réessayez plus tard."
    );

    let problem = send_with(address, plan, &[("accept-language", "fr"), PROBLEM]).await;
    assert_eq!(header(&problem, "content-language"), Some("fr"));
    let problem = object("problem", &problem.body);
    assert_eq!(
        problem["detail"],
        "L'offre free permet des certificats valables 90 jours au plus."
    );
}

/// A language nobody translated, and excluded or unknown ranges: the English message,
/// said to be English.
pub async fn check_fallbacks(address: SocketAddr) {
    for (accept_language, locale) in [
        ("es", "en"),
        ("es, de;q=0.5", "de"),
        ("fr;q=0, de;q=0", "en"),
        ("*", "en"),
        ("fr-CA;q=0.9, fr;q=0", "en"),
        ("de-AT-1996, fr;q=0.9", "de"),
    ] {
        let answer = get(
            address,
            "/certificates/cert_missing",
            &[VERSION, ("accept-language", accept_language)],
        )
        .await;
        assert_eq!(answer.status, 404, "{accept_language}");
        assert_eq!(
            header(&answer, "content-language"),
            Some(locale),
            "{accept_language}"
        );
    }
    // Several `Accept-Language` fields read as one list.
    let fields = [
        VERSION,
        ("accept-language", "es"),
        ("accept-language", "de;q=0.5"),
    ];
    let answer = get(address, "/certificates/cert_missing", &fields).await;
    assert_eq!(header(&answer, "content-language"), Some("de"));
}

/// Headers built to hurt: huge, malformed, not UTF-8. Every one gets a whole envelope,
/// in time (each exchange is bounded by the suite's timeout).
pub async fn check_hostile_headers(address: SocketAddr) {
    let huge = "xx;q=0.9, ".repeat(820) + "fr";
    let many = (0..2000)
        .map(|i| format!("l{i}"))
        .collect::<Vec<_>>()
        .join(",");
    let hostile: Vec<Vec<u8>> = vec![
        huge.into_bytes(),
        many.into_bytes(),
        b"fr;q=2, de;q=-1, ;;;,,,".to_vec(),
        b"\xff\xfe fr".to_vec(),
        b"fr\xc3\x28".to_vec(),
        b"fr;q=0.5;q=1;q=0, *;q=abc".to_vec(),
        "-".repeat(4000).into_bytes(),
        b"fr-CH-x-".to_vec(),
    ];
    for value in hostile {
        let request = hyper::Request::get(format!("http://{address}/certificates/cert_missing"))
            .header(VERSION.0, VERSION.1)
            .header(
                "accept-language",
                hyper::header::HeaderValue::from_bytes(&value).unwrap(),
            )
            .body(http_body_util::Full::default())
            .unwrap();
        let what = String::from_utf8_lossy(&value[..value.len().min(40)]).into_owned();
        let answer = super::exchange(&what, request).await;
        assert_eq!(answer.status, 404, "{what}");
        let locale = header(&answer, "content-language").unwrap();
        assert!(["en", "fr"].contains(&locale), "{what}: {locale}");
        let error = error_object(&what, &answer);
        assert_eq!(error["code"], "not_found");
    }
}

/// The timeout of the example API served with a short one, in French.
pub async fn check_timeout_in_french(address: SocketAddr) {
    let answer = get(
        address,
        "/certificates/export",
        &[VERSION, ("accept-language", "fr")],
    )
    .await;
    assert_eq!(answer.status, 503);
    assert_eq!(header(&answer, "content-language"), Some("fr"));
    assert_eq!(
        error_object("timeout", &answer)["message"],
        "Le serveur n'a pas répondu à temps ; réessayez."
    );
}
