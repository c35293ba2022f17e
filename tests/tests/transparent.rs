//! `transparent`: a one-field variant delegates status, code, message, extensions and
//! source to its field.

use std::error::Error as _;

use certifier_error::{CertifierError, Code, StandardError};
use serde_json::json;

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Inner {
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Limited {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend)]
        bucket_name: Option<&'static str>,
    },

    #[certifier(
        code = "internal_server_error",
        status = 503,
        message = "Storage is down."
    )]
    Storage(#[source] std::io::Error),

    #[certifier(code = "plan_limit", status = 402, message = "Plan {0} is full.")]
    Plan(&'static str),
}

#[derive(Debug, CertifierError)]
enum Outer {
    #[certifier(transparent)]
    Standard(StandardError),

    #[certifier(transparent)]
    Inner(Inner),

    #[certifier(transparent)]
    Named { inner: Inner },

    #[certifier(transparent)]
    Boxed(Box<Inner>),

    #[certifier(transparent)]
    Shared(std::sync::Arc<Inner>),

    #[certifier(code = "not_found", message = "Own variant.")]
    Own {
        #[certifier(extend)]
        id: u8,
    },
}

#[test]
fn delegates_to_standard_error() {
    for &standard in StandardError::ALL {
        let error = Outer::Standard(standard);
        assert_eq!(error.status(), standard.status());
        assert_eq!(error.code(), standard.code());
        assert_eq!(error.to_string(), standard.to_string());
        assert_eq!(to_json(&error), to_json(&standard));
        assert!(error.source().is_none());
        assert!(error.to_envelope().unwrap().error.extensions.is_empty());
    }
    assert_eq!(
        to_json(&Outer::Standard(StandardError::Conflict)),
        r#"{"error":{"code":"conflict","message":"The request conflicts with the current state; refresh and try again."}}"#
    );
}

#[test]
fn delegates_to_a_derived_enum_with_extensions() {
    let error = Outer::Inner(Inner::Limited {
        retry_after: 30,
        bucket_name: Some("api"),
    });
    assert_eq!(error.status(), 429);
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(error.to_string(), "Retry in 30 s.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 30 s.","retryAfter":30,"bucketName":"api"}}"#
    );
    assert_eq!(
        serde_json::Value::Object(error.to_envelope().unwrap().error.extensions),
        json!({"retryAfter": 30, "bucketName": "api"})
    );
    let envelope = error.to_envelope().unwrap();
    assert_eq!(envelope.error.code, Code::RateLimited);
    assert_eq!(envelope.error.message, "Retry in 30 s.");

    let error = Outer::Named {
        inner: Inner::Limited {
            retry_after: 1,
            bucket_name: None,
        },
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 1 s.","retryAfter":1}}"#
    );
}

#[test]
fn delegates_custom_codes_and_statuses() {
    let error = Outer::Inner(Inner::Plan("free"));
    assert_eq!(error.status(), 402);
    assert_eq!(error.code(), "plan_limit");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"plan_limit","message":"Plan free is full."}}"#
    );
}

#[test]
fn delegates_source() {
    let error = Outer::Inner(Inner::Storage(std::io::Error::other("disk")));
    assert_eq!(error.status(), 503);
    assert_eq!(error.code(), "internal_server_error");
    // The transparent variant's source is its field's source, not the field itself.
    let source = error.source().expect("the inner error's source");
    assert_eq!(source.to_string(), "disk");
    assert!(source.downcast_ref::<std::io::Error>().is_some());
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"internal_server_error","message":"Storage is down."}}"#
    );
    assert!(Outer::Inner(Inner::Plan("x")).source().is_none());
}

#[test]
fn own_variants_beside_transparent_ones() {
    let error = Outer::Own { id: 7 };
    assert_eq!(error.status(), 404);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"not_found","message":"Own variant.","id":7}}"#
    );
}

#[test]
fn transparent_over_a_box_and_an_arc() {
    let error = Outer::Boxed(Box::new(Inner::Limited {
        retry_after: 5,
        bucket_name: Some("b"),
    }));
    assert_eq!(error.status(), 429);
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(error.to_string(), "Retry in 5 s.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 5 s.","retryAfter":5,"bucketName":"b"}}"#
    );
    let error = Outer::Boxed(Box::new(Inner::Storage(std::io::Error::other("boxed"))));
    assert_eq!(error.source().unwrap().to_string(), "boxed");
    let error = Outer::Shared(std::sync::Arc::new(Inner::Plan("team")));
    assert_eq!(error.status(), 402);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"plan_limit","message":"Plan team is full."}}"#
    );
}

#[test]
fn transparent_struct() {
    #[derive(Debug, CertifierError)]
    #[certifier(transparent)]
    struct Wrapper(Inner);

    #[derive(Debug, CertifierError)]
    #[certifier(transparent)]
    struct NamedWrapper {
        error: Outer,
    }

    let error = Wrapper(Inner::Limited {
        retry_after: 2,
        bucket_name: None,
    });
    assert_eq!(error.status(), 429);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 2 s.","retryAfter":2}}"#
    );
    // Two levels of delegation.
    let error = NamedWrapper {
        error: Outer::Inner(Inner::Storage(std::io::Error::other("deep"))),
    };
    assert_eq!(error.status(), 503);
    assert_eq!(error.source().unwrap().to_string(), "deep");
    assert_eq!(error.to_string(), "Storage is down.");
}

#[test]
fn dyn_transparent_error_gives_the_same_bytes() {
    let concrete = Outer::Inner(Inner::Limited {
        retry_after: 9,
        bucket_name: Some("z"),
    });
    let boxed: Box<dyn CertifierError> = Box::new(Outer::Inner(Inner::Limited {
        retry_after: 9,
        bucket_name: Some("z"),
    }));
    assert_eq!(to_json(&boxed), to_json(&concrete));
}

/// Wraps whatever error a lower layer produced, known only through its vtable.
#[derive(Debug, CertifierError)]
enum AnyLayer {
    #[certifier(transparent)]
    Any(Box<dyn CertifierError + Send + Sync>),
}

#[test]
fn transparent_over_a_boxed_trait_object() {
    let error = AnyLayer::Any(Box::new(StandardError::Conflict));
    assert_eq!(error.status(), 409);
    assert_eq!(error.code(), "conflict");
    assert_eq!(error.to_string(), StandardError::Conflict.to_string());
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        serde_json::to_string(&StandardError::Conflict).unwrap(),
    );
    // A trait object of `CertifierError` is not an `Error`: no source to report.
    assert!(std::error::Error::source(&error).is_none());
}

/// A transparent variant's message, when its field's is a literal, reaches the
/// serialisers as that literal (written as a plain string, not through `core::fmt`),
/// also through a box or an `Arc`; a message with placeholders, or a field known only as
/// a trait object, takes the general path.
#[test]
fn hands_the_field_literal_message_to_the_serialisers() {
    use certifier_error::__private::LiteralMessage;

    let storage = || Inner::Storage(std::io::Error::other("disk"));
    let literal = |error: &Outer| error.literal_message();
    let not_found = StandardError::NotFound.to_string();
    assert_eq!(
        literal(&Outer::Standard(StandardError::NotFound)),
        Some(not_found.as_str())
    );
    assert_eq!(literal(&Outer::Inner(storage())), Some("Storage is down."));
    assert_eq!(
        literal(&Outer::Named { inner: storage() }),
        Some("Storage is down.")
    );
    assert_eq!(
        literal(&Outer::Boxed(Box::new(storage()))),
        Some("Storage is down.")
    );
    assert_eq!(
        literal(&Outer::Shared(std::sync::Arc::new(storage()))),
        Some("Storage is down.")
    );
    assert_eq!(literal(&Outer::Inner(Inner::Plan("pro"))), None);
    assert_eq!(literal(&Outer::Own { id: 1 }), Some("Own variant."));

    #[derive(Debug, CertifierError)]
    enum Opaque {
        #[certifier(transparent)]
        Any(Box<dyn CertifierError + Send + Sync>),
    }
    assert_eq!(
        Opaque::Any(Box::new(StandardError::Conflict)).literal_message(),
        None
    );
    // Whichever path the message takes, the bytes are the same.
    assert_eq!(
        to_json(&Opaque::Any(Box::new(StandardError::Conflict))),
        to_json(&StandardError::Conflict),
    );
}
