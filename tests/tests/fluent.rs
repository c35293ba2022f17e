//! Messages in the user's language: the derive's keys and arguments, the template, the
//! negotiation and the safety rules, in process.

use std::path::PathBuf;

use certifier_error::fluent::{template, Problem, TranslationError, Translations};
use certifier_error::{CertifierError, ErrorCatalogue, StandardError, Violation, Violations};

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ApiError {
    #[certifier(
        code = "plan_limit",
        status = 402,
        message = "The {plan} plan allows {max} certificates."
    )]
    PlanLimit {
        plan: String,
        max: u32,
        #[certifier(extend)]
        upgrade_url: String,
    },
    #[certifier(code = "not_found", message = "No certificate `{0}`.")]
    Missing(String),
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Slow {
        #[certifier(extend)]
        retry_after: u64,
    },
    #[certifier(code = "rate_limited", message = "Too many checks.")]
    TooManyChecks,
    #[certifier(code = "conflict", key = "name-taken", message("{} is taken ({:?}).", .name, .name.len()))]
    Taken { name: String },
    #[certifier(code = "bad_request", message = "Cannot read {file}.")]
    Unreadable { file: PathBuf },
    #[certifier(transparent)]
    Invalid(Violations),
    #[certifier(
        code = "internal_server_error",
        status = 503,
        message = "Signing is down: {cause}.",
        allow_source_in_message
    )]
    Down {
        #[source]
        cause: std::io::Error,
    },
}

fn entry(index: usize) -> certifier_error::catalogue::Entry {
    ApiError::CATALOGUE.get(index).unwrap()
}

#[test]
fn keys_default_to_the_code_or_the_code_and_the_variant() {
    let keys: Vec<&str> = ApiError::CATALOGUE
        .iter()
        .map(|entry| entry.key())
        .collect();
    assert_eq!(
        keys,
        [
            "plan_limit",
            "not_found",
            "rate_limited-slow",
            "rate_limited-too_many_checks",
            "name-taken",
            "bad_request",
            "validation_error",
            "internal_server_error",
        ]
    );
    let standard: Vec<&str> = StandardError::CATALOGUE
        .iter()
        .map(|entry| entry.key())
        .collect();
    let codes: Vec<&str> = StandardError::CATALOGUE
        .iter()
        .map(|entry| entry.code())
        .collect();
    assert_eq!(standard, codes);
}

#[test]
fn arguments_are_the_named_fields_then_the_members_by_rust_name() {
    assert_eq!(entry(0).arguments(), ["plan", "max", "upgrade_url"]);
    assert_eq!(entry(1).arguments(), ["field0"]);
    assert_eq!(entry(2).arguments(), ["retry_after"]);
    assert!(entry(3).arguments().is_empty());
    assert_eq!(entry(4).arguments(), ["arg0", "arg1"]);
    assert_eq!(entry(5).arguments(), ["file"]);
    // A server error's source is never an argument, even where its message shows it.
    assert!(entry(7).arguments().is_empty());
}

#[test]
fn the_catalogue_json_carries_keys_and_arguments() {
    let json = serde_json::to_value(ApiError::CATALOGUE).unwrap();
    assert_eq!(json[0]["key"], "plan_limit");
    assert_eq!(
        json[0]["arguments"],
        serde_json::json!(["plan", "max", "upgrade_url"])
    );
    assert_eq!(json[3]["key"], "rate_limited-too_many_checks");
    assert_eq!(json[3]["arguments"], serde_json::json!([]));
}

fn every_error() -> Vec<ApiError> {
    vec![
        ApiError::PlanLimit {
            plan: "Free".into(),
            max: 1,
            upgrade_url: "https://example.com/up".into(),
        },
        ApiError::PlanLimit {
            plan: "Team {x}".into(),
            max: 25,
            upgrade_url: String::new(),
        },
        ApiError::Missing("c-{1}".into()),
        ApiError::Slow { retry_after: 30 },
        ApiError::TooManyChecks,
        ApiError::Taken {
            name: "a\"b".into(),
        },
        ApiError::Unreadable {
            file: PathBuf::from("/tmp/x y"),
        },
        ApiError::Invalid(Violation::at_parameter("missing", "q").into()),
        ApiError::Down {
            cause: std::io::Error::other("hsm offline"),
        },
    ]
}

#[test]
fn the_template_read_back_reproduces_every_message() {
    let ftl = template::<ApiError>();
    let source = Translations::new("en").add("en", ftl.clone()).unwrap();
    source.check::<ApiError>().unwrap();
    for error in every_error() {
        if error.status() >= 500 {
            continue;
        }
        let localized = source.localize(&error, "en");
        assert_eq!(localized.message, error.to_string(), "{ftl}");
        assert_eq!(localized.locale, "en");
    }
    // The template names each key once, with its code, status and variables.
    assert!(ftl.contains("# plan_limit (402). Variables: $plan, $max, $upgrade_url\n"));
    assert!(ftl.contains("rate_limited-too_many_checks = Too many checks.\n"));
    assert!(ftl.contains("name-taken = { $arg0 } is taken ({ $arg1 }).\n"));
    assert_eq!(ftl.matches("\nvalidation_error =").count(), 1);
    // Validation errors bring the violations' keys.
    assert!(ftl.contains("violation-missing = A required value is missing.\n"));
    assert!(ftl.contains("violation-other = This value is invalid.\n"));
}

#[test]
fn a_message_with_braces_and_lines_survives_the_template() {
    #[derive(Debug, CertifierError)]
    #[certifier(
        code = "bad_request",
        message = "  Use {{braces}} for {name}\n[like this]\n*or this* "
    )]
    struct Odd {
        name: String,
    }
    let source = Translations::new("en")
        .add("en", template::<Odd>())
        .unwrap();
    let error = Odd {
        name: "{$x}".into(),
    };
    assert_eq!(source.localize(&error, "en").message, error.to_string());
}

const FR: &str = r#"
plan_limit = L'offre { $plan } permet { $max ->
    [one] un seul certificat
   *[other] { $max } certificats
}.
not_found = Aucun certificat « { $field0 } ».
rate_limited-slow = Réessayez dans { $retry_after } s.
name-taken = { $arg0 } est déjà pris.
bad_request = Impossible de lire { $file }.
validation_error = Un ou plusieurs paramètres sont absents ou invalides.
internal_server_error = Signature indisponible : { $cause }.
violation-missing = Une valeur obligatoire est absente.
"#;

const EN: &str = r#"
plan_limit = The { $plan } plan allows { $max ->
    [one] one certificate
   *[other] { $max } certificates
}.
"#;

fn translations() -> Translations {
    Translations::new("en")
        .add("fr", FR)
        .unwrap()
        .add("en", EN)
        .unwrap()
}

fn plan(max: u32) -> ApiError {
    ApiError::PlanLimit {
        plan: "Free".into(),
        max,
        upgrade_url: String::new(),
    }
}

#[test]
fn plurals_follow_each_locale() {
    let translations = translations();
    let say = |max, language| translations.localize(&plan(max), language).message;
    assert_eq!(say(1, "fr"), "L'offre Free permet un seul certificat.");
    assert_eq!(say(0, "fr"), "L'offre Free permet un seul certificat.");
    assert_eq!(say(2, "fr"), "L'offre Free permet 2 certificats.");
    assert_eq!(say(1, "en"), "The Free plan allows one certificate.");
    assert_eq!(say(0, "en"), "The Free plan allows 0 certificates.");
    assert_eq!(say(2, "en"), "The Free plan allows 2 certificates.");
}

#[test]
fn negotiation() {
    let translations = Translations::new("en")
        .add("fr", "not_found = Introuvable « { $field0 } ».")
        .unwrap()
        .add("de", "not_found = Nicht gefunden: { $field0 }.")
        .unwrap()
        .add("pt-BR", "not_found = Não encontrado: { $field0 }.")
        .unwrap();
    let error = ApiError::Missing("c1".into());
    let locale = |header: &str| translations.localize(&error, header).locale;
    assert_eq!(locale("fr"), "fr");
    assert_eq!(locale("fr-CH"), "fr");
    assert_eq!(locale("FR-ch"), "fr");
    assert_eq!(locale("de;q=0.5, fr;q=0.9"), "fr");
    assert_eq!(locale("de, fr"), "de");
    assert_eq!(locale("fr;q=0, de;q=0.1"), "de");
    assert_eq!(locale("fr-CH;q=0.9, fr;q=0"), "en");
    assert_eq!(locale("pt-BR"), "pt-BR");
    // A range covers the more specific tags.
    assert_eq!(locale("pt"), "pt-BR");
    assert_eq!(locale("es, en;q=0.9, fr;q=0.8"), "en");
    assert_eq!(locale("*"), "en");
    assert_eq!(locale("es, *;q=0.5, fr;q=0.1"), "en");
    assert_eq!(locale(""), "en");
    assert_eq!(locale("zh-Hant-TW-x-private, de-DE-1996"), "de");
    for hostile in [
        "fr;q=2",
        "fr;q=-1",
        "fr;q=0.5555",
        ";;;,,,",
        "fr_FR",
        "\u{0}fr",
        "français",
        "fr;q=1;q=0.5;q=0",
    ] {
        let localized = translations.localize(&error, hostile);
        assert!(
            ["fr", "en"].contains(&localized.locale.as_str()),
            "{hostile:?}: {localized:?}"
        );
    }
}

#[test]
fn a_huge_header_is_read_to_a_bound() {
    let translations = translations();
    // 8 KiB of ranges, the translated one last: past the bound, so never read.
    let mut header = "xx;q=0.9, ".repeat(820);
    header.push_str("fr");
    assert!(header.len() > 8 * 1024);
    let localized = translations.localize(&plan(2), &header);
    assert_eq!(localized.locale, "en");
    // Within the bound, a late range is found.
    let localized = translations.localize(&plan(2), "xx, yy, zz;q=0.5, fr;q=0.4");
    assert_eq!(localized.locale, "fr");
}

#[test]
fn a_missing_key_falls_back_along_the_client_list_then_to_the_source() {
    let translations = Translations::new("en")
        .add("fr", "not_found = Introuvable.")
        .unwrap()
        .add("de", "rate_limited-slow = Warten Sie { $retry_after } s.")
        .unwrap();
    let slow = ApiError::Slow { retry_after: 5 };
    let localized = translations.localize(&slow, "fr, de;q=0.5");
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("de", "Warten Sie 5 s.")
    );
    let localized = translations.localize(&ApiError::TooManyChecks, "fr, de;q=0.5");
    assert_eq!(localized.locale, "en");
    assert_eq!(localized.message, "Too many checks.");
}

#[test]
fn a_translation_cannot_reach_past_the_arguments() {
    let translations = Translations::new("en")
        .add(
            "fr",
            "internal_server_error = Cause : { $cause }.\n\
             not_found = { $field1 } introuvable.\n\
             plan_limit = { $upgrade_url } { $plan } { $max }",
        )
        .unwrap();
    // The source of a server error is no argument, whatever the resource says: the
    // source message is sent instead (the derive's own, here allowed to show it).
    let down = ApiError::Down {
        cause: std::io::Error::other("hsm offline"),
    };
    let localized = translations.localize(&down, "fr");
    assert_eq!(localized.locale, "en");
    assert_eq!(localized.message, "Signing is down: hsm offline.");
    // A variable the error does not have gives the source message.
    let localized = translations.localize(&ApiError::Missing("c1".into()), "fr");
    assert_eq!(localized.message, "No certificate `c1`.");
    // Members are arguments, by their Rust names.
    let localized = translations.localize(
        &ApiError::PlanLimit {
            plan: "Free".into(),
            max: 3,
            upgrade_url: "https://u".into(),
        },
        "fr",
    );
    assert_eq!(localized.message, "https://u Free 3");
}

#[test]
fn client_text_is_inserted_as_text() {
    let translations = Translations::new("en")
        .add("fr", "not_found = Aucun certificat « { $field0 } ».")
        .unwrap();
    for input in [
        "{ $field0 }",
        "{\"x\"}",
        "{ -term }",
        "\u{2068}x\u{2069}",
        "line\nbreak",
        "*[other] x",
    ] {
        let localized = translations.localize(&ApiError::Missing(input.into()), "fr");
        assert_eq!(localized.message, format!("Aucun certificat « {input} »."));
    }
    // No isolation marks around values.
    let localized = translations.localize(&ApiError::Missing("c1".into()), "fr");
    assert!(!localized.message.contains(['\u{2068}', '\u{2069}']));
}

#[test]
fn check_lists_missing_keys_and_unknown_variables() {
    let translations = Translations::new("en")
        .add("fr", FR)
        .unwrap()
        .add("de", "plan_limit = Der Tarif { $tarif } ist voll.")
        .unwrap();
    let incomplete = translations.check::<ApiError>().unwrap_err();
    let text = incomplete.to_string();
    assert!(
        text.contains("- fr: `rate_limited-too_many_checks` is missing"),
        "{text}"
    );
    assert!(
        text.contains(
            "- fr: `internal_server_error` names the unknown variable `$cause` (it has none)"
        ),
        "{text}"
    );
    assert!(
        text.contains("- de: `plan_limit` names the unknown variable `$tarif` (it may use `$max`, `$plan`, `$upgrade_url`)"),
        "{text}"
    );
    assert!(
        text.contains("- de: `violation-too_long` is missing"),
        "{text}"
    );
    assert!(incomplete
        .problems()
        .iter()
        .any(|problem| matches!(problem, Problem::Missing { locale, key } if locale == "de" && key == "not_found")));
    // A complete set passes.
    let complete = Translations::new("en")
        .add("en", template::<ApiError>())
        .unwrap();
    complete.check::<ApiError>().unwrap();
}

#[test]
fn bad_resources_are_refused_with_their_line() {
    let error = Translations::new("en")
        .add("fr", "a = b\n\nc = { $x\n")
        .unwrap_err();
    match &error {
        TranslationError::Syntax { locale, line, .. } => {
            assert_eq!((locale.as_str(), *line), ("fr", 3));
        }
        other => panic!("{other:?}"),
    }
    assert!(error
        .to_string()
        .starts_with("the `fr` translations do not parse at line 3: "));
    assert!(matches!(
        Translations::new("en").add("fr--x", "").unwrap_err(),
        TranslationError::Locale { .. }
    ));
    let duplicate = Translations::new("en")
        .add("fr", "a = b")
        .unwrap()
        .add("fr", "a = c")
        .unwrap_err();
    assert_eq!(
        duplicate,
        TranslationError::Duplicate {
            locale: "fr".into(),
            key: "a".into()
        }
    );
}

#[test]
fn translations_are_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Translations>();
    let translations = std::sync::Arc::new(translations());
    let handles: Vec<_> = (0..4)
        .map(|max| {
            let translations = translations.clone();
            std::thread::spawn(move || translations.localize(&plan(max), "fr").message)
        })
        .collect();
    for handle in handles {
        assert!(handle.join().unwrap().starts_with("L'offre Free permet"));
    }
}

#[cfg(feature = "fluent")]
#[allow(dead_code)]
#[path = "../../runtime/examples/support/api.rs"]
mod api;

/// The example API's French and German resources translate every message its servers
/// can send: its own errors, the violations, and every answer of the layers and
/// extractors it uses.
#[cfg(feature = "fluent")]
#[test]
fn the_example_locales_are_complete() {
    use certifier_error::server::{
        FormRejection, JsonRejection, LayerError, PathRejection, QueryRejection, VersionError,
    };

    let translations = api::translations();
    assert_eq!(translations.locales().collect::<Vec<_>>(), ["fr", "de"]);
    let checks = [
        translations.check::<api::ApiError>(),
        translations.check::<StandardError>(),
        translations.check::<LayerError>(),
        translations.check::<JsonRejection>(),
        translations.check::<QueryRejection>(),
        translations.check::<PathRejection>(),
        translations.check::<FormRejection>(),
        translations.check::<VersionError>(),
    ];
    for check in checks {
        if let Err(incomplete) = check {
            panic!("{incomplete}");
        }
    }
    // And they say something else than the English.
    let error = api::ApiError::UnknownCertificate("c1".into());
    for locale in ["fr", "de"] {
        let localized = translations.localize(&error, locale);
        assert_eq!(localized.locale, locale);
        assert_ne!(localized.message, error.to_string());
        assert!(localized.message.contains("`c1`"));
    }
}

#[test]
fn negotiation_follows_rfc_9110_and_rfc_4647() {
    let translations = Translations::new("en-GB")
        .add("fr", "not_found = Introuvable « { $field0 } ».\nrate_limited-slow = Attendez { $retry_after } s.")
        .unwrap()
        .add("fr-CH", "not_found = Pas trouvé « { $field0 } ».")
        .unwrap()
        .add("de", "not_found = Nicht gefunden: { $field0 }.")
        .unwrap();
    let missing = ApiError::Missing("c1".into());
    let locale = |header: &str| translations.localize(&missing, header).locale;
    // `*;q=0` excludes the languages no range names, not those it names.
    assert_eq!(locale("fr, *;q=0"), "fr");
    // A range covers the more specific tags: `en` asks for the source, `en-GB`.
    assert_eq!(locale("en, de;q=0.5"), "en-GB");
    assert_eq!(locale("de;q=0.5, en"), "en-GB");
    // A message missing in `fr-CH` is looked up in `fr` before the next range.
    let slow = ApiError::Slow { retry_after: 3 };
    let localized = translations.localize(&slow, "fr-CH, de;q=0.9");
    assert_eq!(
        (localized.locale.as_str(), localized.message.as_str()),
        ("fr", "Attendez 3 s.")
    );
    assert_eq!(
        translations.localize(&missing, "fr-CH").message,
        "Pas trouvé « c1 »."
    );
    // A header of exactly the limit keeps its last range.
    let limit = certifier_error::fluent::MAX_ACCEPT_LANGUAGE_LEN;
    let header = format!("xx{}, fr", " ".repeat(limit - 6));
    assert_eq!(header.len(), limit);
    assert_eq!(locale(&header), "fr");
}

#[test]
fn numbers_read_back_as_the_derive_writes_them() {
    #[derive(Debug, CertifierError)]
    #[certifier(
        code = "bad_request",
        message = "Ratio {ratio}, weight {weight:.2}, count {count}."
    )]
    struct Measured {
        ratio: f32,
        weight: f64,
        count: i64,
    }
    let source = Translations::new("en")
        .add("en", template::<Measured>())
        .unwrap();
    for error in [
        Measured {
            ratio: 0.1,
            weight: 2.0,
            count: -3,
        },
        Measured {
            ratio: 1.5e-7,
            weight: 1.0 / 3.0,
            count: i64::MAX,
        },
    ] {
        assert_eq!(source.localize(&error, "en").message, error.to_string());
    }
}

#[test]
fn a_server_error_never_hands_over_its_source() {
    #[derive(Debug, CertifierError)]
    #[certifier(
        code = "internal_server_error",
        status = 503,
        message("Down: {why} ({}).", .cause.kind(), why = .cause),
        allow_source_in_message
    )]
    struct Down {
        #[source]
        cause: std::io::Error,
    }
    assert!(Down::CATALOGUE.get(0).unwrap().arguments().is_empty());
    let translations = Translations::new("en")
        .add(
            "fr",
            "internal_server_error = En panne : { $why } { $arg0 }.",
        )
        .unwrap();
    let error = Down {
        cause: std::io::Error::other("hsm offline"),
    };
    // The translation names what it cannot have: the source message is sent.
    assert_eq!(translations.localize(&error, "fr").locale, "en");
}

#[test]
fn made_up_names_are_fluent_identifiers() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "conflict", message = "{_x} is taken.")]
    struct Taken {
        _x: String,
    }
    assert_eq!(Taken::CATALOGUE.get(0).unwrap().arguments(), ["v_x"]);
    let source = Translations::new("en")
        .add("en", template::<Taken>())
        .unwrap();
    let error = Taken { _x: "a".into() };
    assert_eq!(source.localize(&error, "en").message, "a is taken.");
}

#[test]
fn a_resource_the_parser_cannot_read_is_an_error_not_a_panic() {
    let error = Translations::new("en")
        .add("fr", "ok = Bien\nk = {\"\\u00é\"}\n")
        .unwrap_err();
    assert!(
        matches!(&error, TranslationError::Syntax { locale, line: 2, .. } if locale == "fr"),
        "{error:?}"
    );
}
