//! `Display` of derived errors: placeholders, format specs, escapes and default messages.

use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum Messages {
    #[certifier(
        code = "plan_limit",
        status = 402,
        message = "The {plan} plan allows {max} certificates."
    )]
    Named { plan: String, max: u32 },

    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version."
    )]
    Positional(String),

    #[certifier(code = "bad_request", message = "{1} before {0}, then {1} again")]
    Reordered(&'static str, &'static str),

    #[certifier(code = "payment_required", message = "You owe {amount:.2} EUR.")]
    Precision { amount: f64 },

    #[certifier(code = "not_found", message = "No certificate {id:?}.")]
    Debug { id: String },

    #[certifier(code = "conflict", message = "[{n:>5}] [{n:<5}] [{n:^5}] [{n:05}]")]
    Aligned { n: u32 },

    #[certifier(code = "forbidden", message = "{v:#x} {v:x} {v:X} {v:#o} {v:#b} {v:e}")]
    Radix { v: u32 },

    #[certifier(code = "conflict", message = "[{v:w$}] [{v:>w$}] [{f:.p$}]")]
    WidthFromField { v: u32, w: usize, f: f64, p: usize },

    #[certifier(
        code = "validation_error",
        message = "Use {{braces}} for {name}, not }}{{."
    )]
    Escapes { name: String },

    #[certifier(code = "validation_error", message = "Literal {{only}} braces.")]
    EscapesOnly,

    #[certifier(code = "rate_limited")]
    DefaultMessage,

    #[certifier(code = "rate_limited")]
    DefaultMessageWithFields { _retry_after: u64 },

    #[certifier(
        code = "validation_error",
        message = "Field of type {type} is invalid."
    )]
    RawIdent { r#type: String },

    #[certifier(code = "validation_error", message = "{type:?} {type:>6} {fn}")]
    RawIdentSpecs { r#type: &'static str, r#fn: u8 },

    #[certifier(
        code = "internal_server_error",
        message = "Same {x} twice: {x}, {x:?}."
    )]
    Repeated { x: &'static str },

    #[certifier(code = "bad_request", message = "Tuple {0} and {0:?}, {1:>3}.")]
    TupleSpecs(&'static str, u8),

    #[certifier(code = "bad_request", message = "Unicode ✓ {0} — ok")]
    Unicode(char),
}

#[test]
fn named_fields() {
    let error = Messages::Named {
        plan: "free".into(),
        max: 3,
    };
    assert_eq!(error.to_string(), "The free plan allows 3 certificates.");
}

#[test]
fn positional_fields() {
    assert_eq!(
        Messages::Positional("2019-01-01".into()).to_string(),
        "`2019-01-01` is not a supported version."
    );
    assert_eq!(
        Messages::Reordered("a", "b").to_string(),
        "b before a, then b again"
    );
}

#[test]
fn precision() {
    assert_eq!(
        Messages::Precision { amount: 12.345 }.to_string(),
        "You owe 12.35 EUR."
    );
    assert_eq!(
        Messages::Precision { amount: 3.0 }.to_string(),
        "You owe 3.00 EUR."
    );
}

#[test]
fn debug_placeholder() {
    assert_eq!(
        Messages::Debug {
            id: "crt_\"1\"".into()
        }
        .to_string(),
        r#"No certificate "crt_\"1\""."#
    );
}

#[test]
fn alignment_and_padding() {
    assert_eq!(
        Messages::Aligned { n: 42 }.to_string(),
        "[   42] [42   ] [ 42  ] [00042]"
    );
}

#[test]
fn radix_and_exponent() {
    assert_eq!(
        Messages::Radix { v: 255 }.to_string(),
        "0xff ff FF 0o377 0b11111111 2.55e2"
    );
}

#[test]
fn width_and_precision_from_fields() {
    let error = Messages::WidthFromField {
        v: 7,
        w: 4,
        f: 1.23456,
        p: 3,
    };
    assert_eq!(error.to_string(), "[   7] [   7] [1.235]");
}

#[test]
fn brace_escapes() {
    assert_eq!(
        Messages::Escapes { name: "x".into() }.to_string(),
        "Use {braces} for x, not }{."
    );
    assert_eq!(Messages::EscapesOnly.to_string(), "Literal {only} braces.");
}

#[test]
fn default_messages_of_standard_codes() {
    assert_eq!(
        Messages::DefaultMessage.to_string(),
        StandardError::RateLimited.to_string()
    );
    assert_eq!(
        Messages::DefaultMessageWithFields { _retry_after: 3 }.to_string(),
        "Too many requests; please slow down and try again later."
    );
    let expected = [
        (
            StandardError::BadRequest,
            "The request could not be understood.",
        ),
        (
            StandardError::MissingVersion,
            "The Certifier-Version header is required.",
        ),
        (
            StandardError::InvalidVersion,
            "The Certifier-Version header does not name a supported version.",
        ),
        (
            StandardError::InvalidJson,
            "The request body is not valid JSON.",
        ),
        (
            StandardError::ValidationError,
            "One or more parameters are missing or invalid.",
        ),
        (
            StandardError::Unauthorized,
            "Authentication is required for this request.",
        ),
        (
            StandardError::PaymentRequired,
            "This feature requires a premium plan.",
        ),
        (
            StandardError::Forbidden,
            "You do not have access to this resource.",
        ),
        (
            StandardError::NotFound,
            "The requested resource does not exist.",
        ),
        (
            StandardError::Conflict,
            "The request conflicts with the current state; refresh and try again.",
        ),
        (
            StandardError::RateLimited,
            "Too many requests; please slow down and try again later.",
        ),
        (
            StandardError::InternalServerError,
            "Something went wrong on our side; please try again later.",
        ),
    ];
    assert_eq!(expected.len(), StandardError::ALL.len());
    for (error, message) in expected {
        assert_eq!(error.to_string(), message, "{error:?}");
    }
}

#[test]
fn default_messages_are_neutral() {
    for &error in StandardError::ALL {
        let message = error.to_string();
        assert!(!message.is_empty(), "{error:?}");
        assert!(message.ends_with('.'), "{error:?}: {message}");
        assert!(
            !message.contains('{') && !message.contains('}'),
            "{message}"
        );
        assert!(message.len() < 100, "{message}");
    }
}

#[test]
fn raw_identifiers() {
    let error = Messages::RawIdent {
        r#type: "date".into(),
    };
    assert_eq!(error.to_string(), "Field of type date is invalid.");
    let error = Messages::RawIdentSpecs {
        r#type: "x",
        r#fn: 9,
    };
    assert_eq!(error.to_string(), r#""x"      x 9"#);
}

#[test]
fn repeated_and_mixed_placeholders() {
    assert_eq!(
        Messages::Repeated { x: "a" }.to_string(),
        r#"Same a twice: a, "a"."#
    );
    assert_eq!(
        Messages::TupleSpecs("t", 7).to_string(),
        r#"Tuple t and "t",   7."#
    );
    assert_eq!(Messages::Unicode('é').to_string(), "Unicode ✓ é — ok");
}

#[test]
fn formatter_flags_of_the_caller_do_not_leak_into_the_message() {
    // The message is written as-is; a caller's width applies to nothing inside it.
    let error = Messages::Named {
        plan: "pro".into(),
        max: 10,
    };
    assert_eq!(format!("{error}"), "The pro plan allows 10 certificates.");
    assert_eq!(
        format!("{error:>3}"),
        "The pro plan allows 10 certificates."
    );
}

/// A struct derive takes its attributes on the struct itself.
#[derive(Debug, CertifierError)]
#[certifier(
    code = "plan_limit",
    status = 402,
    message = "The {plan} plan allows {max:>3} certificates."
)]
struct PlanLimit {
    plan: String,
    max: u32,
}

#[derive(Debug, CertifierError)]
#[certifier(
    code = "invalid_version",
    message = "`{0}` is not a supported version ({1:?})."
)]
struct TupleStruct(String, u8);

#[derive(Debug, CertifierError)]
#[certifier(code = "not_found")]
struct UnitStruct;

#[derive(Debug, CertifierError)]
#[certifier(code = "forbidden", message = "No access.")]
struct PlainStruct {
    _owner: String,
}

#[test]
fn struct_derive() {
    let error = PlanLimit {
        plan: "free".into(),
        max: 3,
    };
    assert_eq!(error.to_string(), "The free plan allows   3 certificates.");
    assert_eq!(error.status(), 402);
    assert_eq!(error.code(), "plan_limit");
    assert_eq!(
        TupleStruct("v9".into(), 1).to_string(),
        "`v9` is not a supported version (1)."
    );
    assert_eq!(
        UnitStruct.to_string(),
        "The requested resource does not exist."
    );
    assert_eq!(UnitStruct.status(), 404);
    assert_eq!(PlainStruct { _owner: "o".into() }.to_string(), "No access.");
}

#[test]
fn display_is_the_message_through_dyn() {
    let error: Box<dyn CertifierError> = Box::new(Messages::Precision { amount: 1.0 });
    assert_eq!(error.to_string(), "You owe 1.00 EUR.");
    let error: &dyn core::error::Error = &Messages::Positional("x".into());
    assert_eq!(error.to_string(), "`x` is not a supported version.");
}

#[derive(Debug, CertifierError)]
enum Unusual {
    #[certifier(code = "bad_request", message = r#"Say "{0}" \n {{raw}}"#)]
    RawString(&'static str),

    #[certifier(code = "bad_request", message = "[{0:1$}] [{2:.1$}] [{0:>1$}]")]
    PositionalWidth(u32, usize, f64),

    #[certifier(code = "bad_request", message = "[{type:width$}] [{type:>width$}]")]
    RawWidth { r#type: &'static str, width: usize },

    #[certifier(code = "bad_request", message = "\x41\u{42} {0} \t|")]
    Escapes(u8),
}

#[test]
fn raw_string_messages() {
    assert_eq!(Unusual::RawString("hi").to_string(), r#"Say "hi" \n {raw}"#);
    assert_eq!(
        serde_json::to_string(&Unusual::RawString("hi")).unwrap(),
        r#"{"error":{"code":"bad_request","message":"Say \"hi\" \\n {raw}"}}"#
    );
}

#[test]
fn positional_width_and_precision() {
    assert_eq!(
        Unusual::PositionalWidth(7, 3, 2.0).to_string(),
        "[  7] [2.000] [  7]"
    );
}

#[test]
fn width_from_a_named_field_beside_a_raw_identifier() {
    let error = Unusual::RawWidth {
        r#type: "ab",
        width: 4,
    };
    assert_eq!(error.to_string(), "[ab  ] [  ab]");
}

#[test]
fn escape_sequences_in_messages() {
    assert_eq!(Unusual::Escapes(1).to_string(), "AB 1 \t|");
}
