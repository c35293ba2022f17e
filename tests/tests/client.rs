//! Client-side decoding with `ErrorEnvelope`, and `Code` conversions.

use std::collections::HashSet;
use std::str::FromStr;

use certifier_error::{
    CertifierError, Code, ErrorEnvelope, ErrorObject, ExtensionMap, StandardError,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

const KNOWN: [(&str, Code); 12] = [
    ("bad_request", Code::BadRequest),
    ("missing_version", Code::MissingVersion),
    ("invalid_version", Code::InvalidVersion),
    ("invalid_json", Code::InvalidJson),
    ("validation_error", Code::ValidationError),
    ("unauthorized", Code::Unauthorized),
    ("payment_required", Code::PaymentRequired),
    ("forbidden", Code::Forbidden),
    ("not_found", Code::NotFound),
    ("conflict", Code::Conflict),
    ("rate_limited", Code::RateLimited),
    ("internal_server_error", Code::InternalServerError),
];

#[test]
fn decodes_every_known_code_to_its_variant() {
    for (text, code) in KNOWN {
        let body = format!(r#"{{"error":{{"code":"{text}","message":"m"}}}}"#);
        let envelope: ErrorEnvelope = serde_json::from_str(&body).unwrap();
        assert_eq!(envelope.error.code, code);
        assert!(envelope.error.code.is_known());
        assert_eq!(envelope.error.message, "m");
        assert!(envelope.error.extensions.is_empty());
    }
}

#[test]
fn decodes_an_unknown_code() {
    let body = r#"{"error":{"code":"quantum_flux","message":"Something new."}}"#;
    let envelope: ErrorEnvelope = serde_json::from_str(body).unwrap();
    assert_eq!(envelope.error.code, Code::from("quantum_flux"));
    assert!(matches!(&envelope.error.code, Code::Other(text) if text == "quantum_flux"));
    assert_eq!(envelope.error.code.status(), None);
    assert_eq!(envelope.error.code.as_str(), "quantum_flux");
    assert!(!envelope.error.code.is_known());
}

#[test]
fn keeps_unknown_members_as_extensions() {
    let body = r#"{"error":{"extra":{"nested":[1,2]},"code":"validation_error","zeta":null,"message":"Bad.","errors":[{"field":"a"}]},"request_id":"r1"}"#;
    let envelope: ErrorEnvelope = serde_json::from_str(body).unwrap();
    assert_eq!(envelope.error.code, Code::ValidationError);
    assert_eq!(envelope.error.message, "Bad.");
    assert_eq!(
        serde_json::Value::Object(envelope.error.extensions.clone()),
        json!({"extra": {"nested": [1, 2]}, "zeta": null, "errors": [{"field": "a"}]})
    );
}

#[test]
fn rejects_bodies_without_code_or_message() {
    for body in [
        r#"{}"#,
        r#"{"error":{}}"#,
        r#"{"error":{"code":"not_found"}}"#,
        r#"{"error":{"message":"m"}}"#,
        r#"{"error":{"code":404,"message":"m"}}"#,
        r#"{"error":{"code":"not_found","message":7}}"#,
        r#"{"error":"not_found"}"#,
        r#"[]"#,
    ] {
        assert!(
            serde_json::from_str::<ErrorEnvelope>(body).is_err(),
            "{body} should not decode"
        );
    }
}

#[derive(Debug, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
struct Limits {
    retry_after: u64,
    #[serde(default)]
    bucket: Option<String>,
}

#[test]
fn user_extension_struct() {
    let body =
        r#"{"error":{"code":"rate_limited","message":"Slow.","retryAfter":30,"unknown":true}}"#;
    let envelope: ErrorEnvelope<Limits> = serde_json::from_str(body).unwrap();
    assert_eq!(envelope.error.code, Code::RateLimited);
    assert_eq!(
        envelope.error.extensions,
        Limits {
            retry_after: 30,
            bucket: None
        }
    );
    // Missing a required member of the user's struct is the user's struct's error.
    let body = r#"{"error":{"code":"rate_limited","message":"Slow."}}"#;
    assert!(serde_json::from_str::<ErrorEnvelope<Limits>>(body).is_err());
    // Dropping every member.
    let body = r#"{"error":{"code":"rate_limited","message":"Slow.","a":1}}"#;
    let envelope: ErrorEnvelope<serde::de::IgnoredAny> = serde_json::from_str(body).unwrap();
    assert_eq!(envelope.error.message, "Slow.");
}

#[test]
fn error_object_decodes_on_its_own() {
    let object: ErrorObject =
        serde_json::from_str(r#"{"code":"conflict","message":"Retry.","id":"c_1"}"#).unwrap();
    assert_eq!(object.code, Code::Conflict);
    assert_eq!(object.extensions["id"], "c_1");
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ServerError {
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Limited {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend)]
        bucket: Option<String>,
    },

    #[certifier(code = "plan_limit", status = 402, message = "Plan \"{0}\" is full.")]
    Plan(String),

    #[certifier(code = "not_found")]
    Missing,
}

#[test]
fn round_trip_of_a_derived_error() {
    let error = ServerError::Limited {
        retry_after: 12,
        bucket: Some("uploads".into()),
    };
    let body = serde_json::to_string(&error).unwrap();
    let envelope: ErrorEnvelope = serde_json::from_str(&body).unwrap();
    assert_eq!(envelope.error.code, Code::RateLimited);
    assert_eq!(envelope.error.message, error.to_string());
    assert_eq!(envelope, error.to_envelope().unwrap());
    assert_eq!(envelope.error.extensions["retryAfter"], 12);
    let typed: ErrorEnvelope<Limits> = serde_json::from_str(&body).unwrap();
    assert_eq!(
        typed.error.extensions,
        Limits {
            retry_after: 12,
            bucket: Some("uploads".into())
        }
    );
    // Serialising the typed envelope gives back the server's exact bytes.
    assert_eq!(serde_json::to_string(&typed).unwrap(), body);

    let error = ServerError::Plan("free".into());
    let body = serde_json::to_string(&error).unwrap();
    let envelope: ErrorEnvelope = serde_json::from_str(&body).unwrap();
    assert_eq!(envelope.error.code, Code::Other("plan_limit".into()));
    assert_eq!(envelope.error.message, "Plan \"free\" is full.");
    assert_eq!(serde_json::to_string(&envelope).unwrap(), body);

    let body = serde_json::to_string(&ServerError::Missing).unwrap();
    let envelope: ErrorEnvelope = serde_json::from_str(&body).unwrap();
    assert_eq!(envelope.error.code, Code::NotFound);
    assert_eq!(
        StandardError::from_code(&envelope.error.code),
        Some(StandardError::NotFound)
    );
    assert_eq!(serde_json::to_string(&envelope).unwrap(), body);
}

#[test]
fn envelope_serialises_code_and_message_first() {
    let mut extensions = ExtensionMap::new();
    extensions.insert("a".into(), json!(1));
    let envelope = ErrorEnvelope::from(ErrorObject {
        code: Code::from("custom_code"),
        message: "Text.".into(),
        extensions,
    });
    assert_eq!(
        serde_json::to_string(&envelope).unwrap(),
        r#"{"error":{"code":"custom_code","message":"Text.","a":1}}"#
    );
    assert_eq!(envelope.to_string(), "Text.");
}

#[test]
fn code_conversions_known_strings_are_named() {
    for (text, code) in KNOWN {
        assert_eq!(Code::from(text), code);
        assert_eq!(Code::from(text.to_owned()), code);
        assert_eq!(Code::from_str(text).unwrap(), code);
        assert_eq!(text.parse::<Code>().unwrap(), code);
        assert_eq!(code.as_str(), text);
        assert_eq!(code.to_string(), text);
        assert_eq!(serde_json::to_string(&code).unwrap(), format!("\"{text}\""));
        assert_eq!(
            serde_json::from_str::<Code>(&format!("\"{text}\"")).unwrap(),
            code
        );
        assert!(!matches!(Code::from(text), Code::Other(_)));
    }
    assert_eq!(Code::KNOWN.len(), KNOWN.len());
}

#[test]
fn code_conversions_unknown_strings_are_other() {
    let code = Code::from("plan_limit");
    assert_eq!(code, Code::Other("plan_limit".into()));
    assert_eq!(code.to_string(), "plan_limit");
    assert_eq!(serde_json::to_string(&code).unwrap(), r#""plan_limit""#);
    assert_eq!(
        serde_json::from_str::<Code>(r#""plan_limit""#).unwrap(),
        code
    );
    // Case matters: codes are snake_case, anything else is a different code.
    assert!(matches!(Code::from("Not_Found"), Code::Other(_)));
    assert!(matches!(Code::from(""), Code::Other(_)));
    let _: Result<Code, std::convert::Infallible> = "x".parse();
}

#[test]
fn code_is_hashable_and_comparable() {
    let mut set = HashSet::new();
    for (text, code) in KNOWN {
        set.insert(code);
        set.insert(Code::from(text));
    }
    set.insert(Code::from("a"));
    set.insert(Code::from("a".to_owned()));
    assert_eq!(set.len(), 13);
    assert_eq!(Code::from("conflict"), "conflict");
    assert_eq!(Code::NotFound.clone(), Code::NotFound);
    assert_eq!(format!("{:?}", Code::NotFound), "NotFound");
}

#[test]
fn client_branches_on_code() {
    fn handle(body: &str) -> &'static str {
        let envelope: ErrorEnvelope = serde_json::from_str(body).unwrap();
        match envelope.error.code {
            Code::RateLimited => "retry later",
            Code::NotFound => "gone",
            _ => "generic",
        }
    }
    assert_eq!(
        handle(&serde_json::to_string(&StandardError::RateLimited).unwrap()),
        "retry later"
    );
    assert_eq!(
        handle(r#"{"error":{"code":"brand_new","message":"?"}}"#),
        "generic"
    );
}
