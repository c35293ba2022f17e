//! Serialising a derived error allocates nothing beyond the output buffer, and a message
//! without placeholders is written with one `write_str`.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use certifier_error::{CertifierError, StandardError};

mod counting_allocator;

use counting_allocator::allocations_during;

/// Serialises into a buffer with room to spare and returns the allocation count and
/// the text.
fn serialise_counting<T: serde::Serialize + ?Sized>(value: &T) -> (usize, String) {
    let mut buffer = Vec::with_capacity(4096);
    let allocations = allocations_during(|| {
        serde_json::to_writer(&mut buffer, value).unwrap();
    });
    assert!(buffer.capacity() == 4096, "the buffer itself grew");
    (allocations, String::from_utf8(buffer).unwrap())
}

#[derive(Debug, serde::Serialize)]
struct Detail {
    field: &'static str,
    reasons: Vec<&'static str>,
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ApiError {
    #[certifier(code = "not_found")]
    Unit,

    #[certifier(code = "conflict", message = "Plain message without placeholders.")]
    Plain,

    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version ({1:?}, {2:>6.2})."
    )]
    Tuple(String, u32, f64),

    #[certifier(
        code = "validation_error",
        message = "{count} parameters are invalid: \"{first}\"."
    )]
    Struct {
        count: usize,
        first: String,
        #[certifier(extend)]
        field_errors: Vec<Detail>,
        #[certifier(extend, rename = "doc")]
        documentation: &'static str,
    },

    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Optional {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend)]
        bucket: Option<String>,
        #[certifier(extend)]
        reset_at: Option<u64>,
    },

    #[certifier(transparent)]
    Transparent(StandardError),

    #[certifier(
        code = "internal_server_error",
        status = 503,
        message = "Storage unavailable."
    )]
    WithSource {
        #[source]
        cause: std::io::Error,
    },

    #[certifier(code = "bad_request", message = "Flattened.")]
    Flattened {
        #[certifier(flatten)]
        members: BTreeMap<String, u32>,
    },
}

/// Transparent over another derived enum with extensions.
#[derive(Debug, CertifierError)]
enum Outer {
    #[certifier(transparent)]
    Api(ApiError),

    #[certifier(transparent)]
    Boxed(Box<ApiError>),
}

#[derive(Debug, CertifierError)]
#[certifier(
    status = 402,
    code = "plan_limit",
    message = "The {plan} plan allows {max} certificates."
)]
struct PlanLimit {
    plan: String,
    #[certifier(extend)]
    max: u32,
}

/// Messages with `format!` arguments, and a type whose `Display` is another derive's.
#[derive(Debug, CertifierError)]
enum WithArguments {
    #[certifier(
        code = "validation_error",
        message("{} of {max} domains are invalid.", .domains.len(), max = .limit)
    )]
    Domains { domains: Vec<String>, limit: usize },

    #[certifier(code = "bad_request", message("Sum {}.", .a + .b))]
    Sum { a: u32, b: u32 },
}

#[derive(Debug, thiserror::Error, CertifierError)]
#[certifier(skip_display)]
enum BesideThiserror {
    #[error("lookup of {id} failed in shard {shard}")]
    #[certifier(code = "not_found", message = "No certificate {id}.")]
    Missing { id: u64, shard: u8 },
}

fn assert_no_allocations<T: serde::Serialize + ?Sized>(value: &T, expected: &str) {
    let (allocations, text) = serialise_counting(value);
    assert_eq!(text, expected);
    assert_eq!(allocations, 0, "serialising allocated: {text}");
}

#[test]
fn the_counter_counts() {
    let allocations = allocations_during(|| {
        let boxed = Box::new(5_u64);
        assert_eq!(**std::hint::black_box(&boxed), 5);
    });
    assert_eq!(allocations, 1);
    let (allocations, _) = serialise_counting(&serde_json::json!({"a": [1, 2]}).to_string());
    assert_eq!(allocations, 0);
    // A serialisation that does allocate is seen.
    let value = BTreeMap::from([(1_u8, 2_u8)]);
    let allocations = allocations_during(|| {
        drop(serde_json::to_value(&value).unwrap());
    });
    assert!(allocations > 0);
}

#[test]
fn unit_variant() {
    assert_no_allocations(
        &ApiError::Unit,
        r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#,
    );
    assert_no_allocations(
        &ApiError::Plain,
        r#"{"error":{"code":"conflict","message":"Plain message without placeholders."}}"#,
    );
}

#[test]
fn tuple_variant_with_placeholders() {
    assert_no_allocations(
        &ApiError::Tuple("v\"1".into(), 7, 1.5),
        r#"{"error":{"code":"invalid_version","message":"`v\"1` is not a supported version (7,   1.50)."}}"#,
    );
}

#[test]
fn struct_variant_with_extensions() {
    let error = ApiError::Struct {
        count: 2,
        first: "name".into(),
        field_errors: vec![Detail {
            field: "name",
            reasons: vec!["missing", "short"],
        }],
        documentation: "https://example.test/errors",
    };
    assert_no_allocations(
        &error,
        r#"{"error":{"code":"validation_error","message":"2 parameters are invalid: \"name\".","fieldErrors":[{"field":"name","reasons":["missing","short"]}],"doc":"https://example.test/errors"}}"#,
    );
}

#[test]
fn option_extensions() {
    assert_no_allocations(
        &ApiError::Optional {
            retry_after: 3,
            bucket: Some("uploads".into()),
            reset_at: None,
        },
        r#"{"error":{"code":"rate_limited","message":"Retry in 3 s.","retryAfter":3,"bucket":"uploads"}}"#,
    );
    assert_no_allocations(
        &ApiError::Optional {
            retry_after: 3,
            bucket: None,
            reset_at: Some(99),
        },
        r#"{"error":{"code":"rate_limited","message":"Retry in 3 s.","retryAfter":3,"resetAt":99}}"#,
    );
}

#[test]
fn transparent_variants() {
    assert_no_allocations(
        &ApiError::Transparent(StandardError::Forbidden),
        r#"{"error":{"code":"forbidden","message":"You do not have access to this resource."}}"#,
    );
    let error = Outer::Api(ApiError::Optional {
        retry_after: 1,
        bucket: Some("b".into()),
        reset_at: None,
    });
    assert_no_allocations(
        &error,
        r#"{"error":{"code":"rate_limited","message":"Retry in 1 s.","retryAfter":1,"bucket":"b"}}"#,
    );
}

#[test]
fn transparent_over_a_boxed_derived_error() {
    // A `Box` of a sized derived error is still a derived error: no `dyn` in sight.
    let error = Outer::Boxed(Box::new(ApiError::Optional {
        retry_after: 1,
        bucket: Some("b".into()),
        reset_at: None,
    }));
    assert_no_allocations(
        &error,
        r#"{"error":{"code":"rate_limited","message":"Retry in 1 s.","retryAfter":1,"bucket":"b"}}"#,
    );
}

#[test]
fn source_variant() {
    assert_no_allocations(
        &ApiError::WithSource {
            cause: std::io::Error::other("disk"),
        },
        r#"{"error":{"code":"internal_server_error","message":"Storage unavailable."}}"#,
    );
}

#[test]
fn struct_derive() {
    assert_no_allocations(
        &PlanLimit {
            plan: "free".into(),
            max: 3,
        },
        r#"{"error":{"code":"plan_limit","message":"The free plan allows 3 certificates.","max":3}}"#,
    );
}

#[test]
fn every_standard_error() {
    for &error in StandardError::ALL {
        let (allocations, _) = serialise_counting(&error);
        assert_eq!(allocations, 0, "{error:?}");
    }
}

#[test]
fn flatten_and_dyn_paths_still_serialise() {
    // These paths may allocate (documented); only their output is checked.
    let error = ApiError::Flattened {
        members: BTreeMap::from([("a".to_owned(), 1)]),
    };
    let (_, text) = serialise_counting(&error);
    assert_eq!(
        text,
        r#"{"error":{"code":"bad_request","message":"Flattened.","a":1}}"#
    );
    let boxed: Box<dyn CertifierError> = Box::new(ApiError::Optional {
        retry_after: 2,
        bucket: None,
        reset_at: None,
    });
    let (_, text) = serialise_counting(&boxed);
    assert_eq!(
        text,
        r#"{"error":{"code":"rate_limited","message":"Retry in 2 s.","retryAfter":2}}"#
    );
}

/// A `fmt::Write` that records how it was called.
#[derive(Default)]
struct RecordingWriter {
    write_str_calls: usize,
    other_calls: usize,
    text: String,
}

impl fmt::Write for RecordingWriter {
    fn write_str(&mut self, piece: &str) -> fmt::Result {
        self.write_str_calls += 1;
        self.text.push_str(piece);
        Ok(())
    }

    fn write_char(&mut self, c: char) -> fmt::Result {
        self.other_calls += 1;
        self.text.push(c);
        Ok(())
    }
}

fn record(error: &dyn fmt::Display) -> RecordingWriter {
    let mut writer = RecordingWriter {
        text: String::with_capacity(256),
        ..RecordingWriter::default()
    };
    write!(writer, "{error}").unwrap();
    writer
}

#[test]
fn placeholder_free_message_is_one_write_str() {
    let cases: [(&dyn fmt::Display, &str); 5] = [
        (&ApiError::Unit, "The requested resource does not exist."),
        (&ApiError::Plain, "Plain message without placeholders."),
        (
            &ApiError::Transparent(StandardError::Conflict),
            "The request conflicts with the current state; refresh and try again.",
        ),
        (
            &ApiError::WithSource {
                cause: std::io::Error::other("x"),
            },
            "Storage unavailable.",
        ),
        (
            &StandardError::RateLimited,
            "Too many requests; please slow down and try again later.",
        ),
    ];
    for (error, message) in cases {
        let writer = record(error);
        assert_eq!(writer.text, message);
        assert_eq!(writer.write_str_calls, 1, "{message}");
        assert_eq!(writer.other_calls, 0, "{message}");
    }
}

#[test]
fn escaped_braces_without_placeholders_are_one_write_str() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "bad_request", message = "Send {{\"a\": 1}} instead.")]
    struct Braces;
    let writer = record(&Braces);
    assert_eq!(writer.text, r#"Send {"a": 1} instead."#);
    assert_eq!(writer.write_str_calls, 1);
}

#[test]
fn placeholders_write_in_pieces() {
    let writer = record(&PlanLimit {
        plan: "free".into(),
        max: 3,
    });
    assert_eq!(writer.text, "The free plan allows 3 certificates.");
    assert!(writer.write_str_calls > 1);
}

#[test]
fn display_allocates_nothing() {
    let error = ApiError::Tuple("v".into(), 1, 2.0);
    let mut writer = RecordingWriter {
        text: String::with_capacity(256),
        ..RecordingWriter::default()
    };
    let allocations = allocations_during(|| {
        write!(writer, "{error}").unwrap();
    });
    assert_eq!(allocations, 0);
    assert_eq!(writer.text, "`v` is not a supported version (1,   2.00).");
}

#[test]
fn messages_with_format_arguments() {
    assert_no_allocations(
        &WithArguments::Domains {
            domains: vec!["a".into(), "b".into()],
            limit: 1,
        },
        r#"{"error":{"code":"validation_error","message":"2 of 1 domains are invalid."}}"#,
    );
    assert_no_allocations(
        &WithArguments::Sum { a: 2, b: 3 },
        r#"{"error":{"code":"bad_request","message":"Sum 5."}}"#,
    );
}

#[test]
fn the_public_message_beside_thiserror() {
    assert_no_allocations(
        &BesideThiserror::Missing { id: 4, shard: 1 },
        r#"{"error":{"code":"not_found","message":"No certificate 4."}}"#,
    );
}

/// Negotiating a request's language allocates nothing, whatever its header holds.
#[test]
fn negotiation_allocates_nothing() {
    let translations = certifier_error::fluent::Translations::new("en")
        .add("fr", "not_found = Introuvable.")
        .unwrap()
        .add("de-CH", "not_found = Nicht gefunden.")
        .unwrap();
    let huge = "xx;q=0.9, ".repeat(820) + "fr";
    for (header, locale) in [
        ("fr-CH, en;q=0.5", "fr"),
        ("de-CH-1996;q=0.8, fr;q=0.1", "de-CH"),
        ("es, *;q=0.1", "en"),
        ("", "en"),
        ("fr;q=0, de-ch", "de-CH"),
        (huge.as_str(), "en"),
    ] {
        let mut chosen = "";
        let allocations = allocations_during(|| {
            chosen = translations.first_locale_for(header.as_bytes());
        });
        assert_eq!((allocations, chosen), (0, locale), "{header:.40}");
    }
}
