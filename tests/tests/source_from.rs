//! Sources: `#[source]`, `#[from]`, a field named `source`, optional and boxed sources,
//! and the chain through `std::error::Error::source`.

use std::error::Error;
use std::io;

use certifier_error::CertifierError;

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// The messages of the whole chain, starting at `error`.
fn chain(error: &dyn Error) -> Vec<String> {
    let mut messages = vec![error.to_string()];
    let mut next = error.source();
    while let Some(source) = next {
        messages.push(source.to_string());
        next = source.source();
    }
    messages
}

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "invalid_json")]
    Json(#[from] serde_json::Error),

    #[certifier(
        code = "internal_server_error",
        status = 503,
        message = "Storage unavailable."
    )]
    Storage {
        #[source]
        cause: io::Error,
        #[certifier(extend)]
        retry: bool,
    },

    #[certifier(code = "internal_server_error", message = "Named source.")]
    NamedSource {
        source: io::Error,
        #[allow(dead_code)]
        detail: String,
    },

    #[certifier(code = "internal_server_error", message = "Maybe.")]
    Optional {
        #[source]
        cause: Option<io::Error>,
    },

    #[certifier(code = "internal_server_error", message = "Maybe named.")]
    OptionalNamed { source: Option<io::Error> },

    #[certifier(code = "internal_server_error", message = "Boxed.")]
    Boxed(#[source] Box<dyn Error + Send + Sync>),

    #[certifier(code = "internal_server_error", message = "Boxed from.")]
    BoxedFrom {
        #[from]
        source: Box<dyn Error + Send + Sync + 'static>,
    },

    #[certifier(code = "bad_request", message = "No source: {0}.")]
    NoSource(String),

    #[certifier(code = "forbidden", message = "Wrapped.")]
    Wrapped(#[from] Inner),

    #[certifier(code = "not_found", message = "Unit.")]
    Unit,
}

#[derive(Debug, CertifierError)]
#[certifier(code = "forbidden", message = "Inner failed.")]
struct Inner {
    #[from]
    cause: io::Error,
}

#[test]
fn source_attribute() {
    let error = ApiError::Storage {
        cause: io::Error::other("disk full"),
        retry: true,
    };
    let source = error.source().unwrap();
    assert_eq!(source.to_string(), "disk full");
    assert!(source.downcast_ref::<io::Error>().is_some());
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"internal_server_error","message":"Storage unavailable.","retry":true}}"#
    );
}

#[test]
fn field_named_source() {
    let error = ApiError::NamedSource {
        source: io::Error::other("named"),
        detail: "hidden".into(),
    };
    assert_eq!(error.source().unwrap().to_string(), "named");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"internal_server_error","message":"Named source."}}"#
    );
}

#[test]
fn optional_source() {
    let error = ApiError::Optional { cause: None };
    assert!(error.source().is_none());
    let error = ApiError::Optional {
        cause: Some(io::Error::other("inner")),
    };
    assert_eq!(error.source().unwrap().to_string(), "inner");
    let error = ApiError::OptionalNamed { source: None };
    assert!(error.source().is_none());
    let error = ApiError::OptionalNamed {
        source: Some(io::Error::other("named inner")),
    };
    assert_eq!(error.source().unwrap().to_string(), "named inner");
}

#[test]
fn boxed_source() {
    let error = ApiError::Boxed(Box::new(io::Error::other("boxed")));
    let source = error.source().unwrap();
    assert_eq!(source.to_string(), "boxed");
    assert!(source.downcast_ref::<io::Error>().is_some());
    let error = ApiError::Boxed("plain text".into());
    assert_eq!(error.source().unwrap().to_string(), "plain text");
}

#[test]
fn from_works_with_the_question_mark() {
    fn parse(body: &str) -> Result<u32, ApiError> {
        Ok(serde_json::from_str::<u32>(body)?)
    }
    assert_eq!(parse("7").unwrap(), 7);
    let error = parse("{").unwrap_err();
    assert!(matches!(error, ApiError::Json(_)));
    assert_eq!(error.status(), 400);
    assert_eq!(error.code(), "invalid_json");
    assert!(error
        .source()
        .unwrap()
        .downcast_ref::<serde_json::Error>()
        .is_some());
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON."}}"#
    );

    fn boxed() -> Result<(), ApiError> {
        let failure: Box<dyn Error + Send + Sync> = "underlying".into();
        Err(failure)?
    }
    let error = boxed().unwrap_err();
    assert!(matches!(error, ApiError::BoxedFrom { .. }));
    assert_eq!(error.source().unwrap().to_string(), "underlying");

    fn nested() -> Result<(), ApiError> {
        let inner: Result<(), io::Error> = Err(io::Error::other("root cause"));
        inner.map_err(Inner::from)?;
        Ok(())
    }
    let error = nested().unwrap_err();
    assert!(matches!(error, ApiError::Wrapped(_)));
    assert_eq!(error.status(), 403);
}

#[test]
fn from_on_a_struct() {
    let error = Inner::from(io::Error::other("x"));
    assert_eq!(error.source().unwrap().to_string(), "x");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"forbidden","message":"Inner failed."}}"#
    );
}

#[test]
fn no_source() {
    assert!(ApiError::NoSource("x".into()).source().is_none());
    assert!(ApiError::Unit.source().is_none());
}

#[test]
fn source_chain() {
    let error = ApiError::Wrapped(Inner {
        cause: io::Error::other("root cause"),
    });
    assert_eq!(chain(&error), ["Wrapped.", "Inner failed.", "root cause"]);

    let error = ApiError::Boxed(Box::new(ApiError::Storage {
        cause: io::Error::other("disk"),
        retry: false,
    }));
    assert_eq!(chain(&error), ["Boxed.", "Storage unavailable.", "disk"]);
    // The chain is never serialised.
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"internal_server_error","message":"Boxed."}}"#
    );
}

#[test]
fn source_through_a_trait_object() {
    let error: Box<dyn Error + Send + Sync> = Box::new(ApiError::Wrapped(Inner {
        cause: io::Error::other("deep"),
    }));
    assert_eq!(chain(&*error), ["Wrapped.", "Inner failed.", "deep"]);
    // `?` into anyhow-style boxes works because the derived type is `Error + Send + Sync`.
    fn boxed() -> Result<(), Box<dyn Error + Send + Sync>> {
        Err(ApiError::Unit)?
    }
    assert_eq!(boxed().unwrap_err().to_string(), "Unit.");
}

#[test]
fn source_and_message_field_together() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "bad_request", message = "Could not read {path}: {source}.")]
    struct Read {
        path: String,
        source: io::Error,
    }
    let error = Read {
        path: "/tmp/x".into(),
        source: io::Error::other("denied"),
    };
    assert_eq!(error.to_string(), "Could not read /tmp/x: denied.");
    assert_eq!(error.source().unwrap().to_string(), "denied");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"bad_request","message":"Could not read /tmp/x: denied."}}"#
    );
}

#[test]
fn source_attribute_wins_over_the_name() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "internal_server_error", message = "m")]
    struct Marked {
        #[allow(dead_code)]
        source: String,
        #[source]
        cause: io::Error,
    }
    let error = Marked {
        source: "not an error".into(),
        cause: io::Error::other("marked"),
    };
    assert_eq!(error.source().unwrap().to_string(), "marked");
}
