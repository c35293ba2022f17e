//! Nothing reaches the JSON unless its author asked for it: fields that are neither
//! `extend` nor `flatten`, sources and `Debug` output stay out of every path that writes
//! an envelope (the derived `Serialize`, the trait-object path, `to_envelope`,
//! `extensions`). A server error's message shows its source only with
//! `allow_source_in_message`; the compile-time side of that rule is in `tests/ui/leak/`.

use std::error::Error as _;
use std::fmt;

use certifier_error::{CertifierError, ErrorEnvelope, StandardError};
use serde_json::{json, Value};

const SECRET: &str = "hunter2-db-password";

/// A source whose every rendering carries the secret.
struct Internal;

impl fmt::Display for Internal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "connect to postgres://admin:{SECRET}@db failed")
    }
}

impl fmt::Debug for Internal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Internal {{ password: {SECRET:?} }}")
    }
}

impl std::error::Error for Internal {}

/// An extension value that is safe to serialise but whose `Debug` is not.
#[derive(serde::Serialize)]
struct Public {
    id: u32,
}

impl fmt::Debug for Public {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Public {{ id: {}, token: {SECRET:?} }}", self.id)
    }
}

#[derive(Debug, serde::Serialize)]
struct Flat {
    region: &'static str,
}

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found", message = "No certificate {id}.")]
    NotFound {
        id: u32,
        /// Unmarked: never serialised.
        owner_email: String,
    },

    #[certifier(code = "internal_server_error")]
    Database(#[from] Internal),

    #[certifier(code = "internal_server_error", status = 503)]
    Unavailable {
        #[source]
        cause: Internal,
        retry_token: String,
    },

    #[certifier(code = "bad_gateway", status = 502, message = "The upstream failed.")]
    Upstream { source: Internal },

    #[certifier(code = "conflict", message = "Certificate {id} changed.")]
    Conflict {
        id: u32,
        #[certifier(extend)]
        current: Public,
        #[certifier(flatten)]
        place: Flat,
        internal_note: String,
    },

    #[certifier(code = "bad_request", message = "Rejected: {0}")]
    BadInput(String, String),

    #[certifier(
        code = "internal_server_error",
        message = "Upstream said: {0}",
        allow_source_in_message
    )]
    UpstreamSaid(#[source] std::fmt::Error),

    #[certifier(code = "invalid_json", message = "Bad JSON: {0}")]
    InvalidJson(#[source] Internal),
}

fn errors() -> Vec<ApiError> {
    vec![
        ApiError::NotFound {
            id: 7,
            owner_email: format!("{SECRET}@example.com"),
        },
        ApiError::Database(Internal),
        ApiError::Unavailable {
            cause: Internal,
            retry_token: SECRET.to_owned(),
        },
        ApiError::Upstream { source: Internal },
        ApiError::Conflict {
            id: 3,
            current: Public { id: 3 },
            place: Flat { region: "eu" },
            internal_note: SECRET.to_owned(),
        },
        ApiError::BadInput("only the first".to_owned(), SECRET.to_owned()),
    ]
}

/// Every text an envelope can be written as.
fn renderings(error: &ApiError) -> Vec<String> {
    let object: &dyn CertifierError = error;
    let boxed: Box<dyn CertifierError + Send + Sync + '_> = Box::new(error);
    vec![
        serde_json::to_string(error).unwrap(),
        serde_json::to_string(object).unwrap(),
        serde_json::to_string(&object.to_envelope().unwrap()).unwrap(),
        serde_json::to_string(&object.to_envelope().unwrap().error.extensions).unwrap(),
        serde_json::to_string(&object.extension_members().unwrap()).unwrap(),
        serde_json::to_string(&boxed).unwrap(),
        error.to_string(),
    ]
}

#[test]
fn the_secret_is_there_to_find() {
    // The fixtures really hold the secret where a careless derive could pick it up.
    for error in errors() {
        let debug = format!("{error:?}");
        let chain = error.source().map(ToString::to_string).unwrap_or_default();
        assert!(
            debug.contains(SECRET) || chain.contains(SECRET),
            "{debug} / {chain}"
        );
    }
}

#[test]
fn no_rendering_carries_unmarked_fields_sources_or_debug_output() {
    for error in errors() {
        for text in renderings(&error) {
            assert!(!text.contains(SECRET), "{error:?} leaked: {text}");
            assert!(!text.contains("postgres"), "{error:?} leaked: {text}");
        }
    }
}

#[test]
fn the_error_object_holds_exactly_the_marked_members() {
    let expected = [
        json!({"code": "not_found", "message": "No certificate 7."}),
        json!({"code": "internal_server_error", "message": StandardError::InternalServerError.to_string()}),
        json!({"code": "internal_server_error", "message": StandardError::InternalServerError.to_string()}),
        json!({"code": "bad_gateway", "message": "The upstream failed."}),
        json!({"code": "conflict", "message": "Certificate 3 changed.", "current": {"id": 3}, "region": "eu"}),
        json!({"code": "bad_request", "message": "Rejected: only the first"}),
    ];
    for (error, expected) in errors().iter().zip(expected) {
        let body: Value = serde_json::to_value(error).unwrap();
        assert_eq!(body, json!({ "error": expected }), "{error:?}");
        let decoded: ErrorEnvelope = serde_json::from_value(body).unwrap();
        assert_eq!(decoded.error.message, error.to_string());
    }
}

/// What a service would log: everything, including what the response leaves out.
fn log_line(error: &ApiError) -> String {
    let detail = match error {
        ApiError::NotFound { owner_email, .. } => owner_email.clone(),
        ApiError::Unavailable { retry_token, .. } => retry_token.clone(),
        ApiError::Conflict { internal_note, .. } => internal_note.clone(),
        ApiError::BadInput(_, detail) => detail.clone(),
        _ => String::new(),
    };
    let cause = error.source().map(ToString::to_string).unwrap_or_default();
    format!("{error} [{detail}] [{cause}]")
}

#[test]
fn what_stays_out_of_the_response_is_still_there_for_logs() {
    for error in errors() {
        assert!(log_line(&error).contains(SECRET), "{error:?}");
    }
}

#[test]
fn sources_stay_reachable_for_logs() {
    // Kept out of the response, but not lost: the chain still has them.
    let error = ApiError::Unavailable {
        cause: Internal,
        retry_token: String::new(),
    };
    assert!(error.source().unwrap().to_string().contains(SECRET));
    let error = ApiError::Upstream { source: Internal };
    assert!(error.source().unwrap().to_string().contains(SECRET));
    let error = ApiError::from(Internal);
    assert!(error.source().unwrap().to_string().contains(SECRET));
}

#[test]
fn a_source_is_shown_only_where_allowed() {
    // A 5xx message shows its source only with `allow_source_in_message`...
    let allowed = ApiError::UpstreamSaid(std::fmt::Error);
    assert_eq!(allowed.status(), 500);
    assert_eq!(
        allowed.to_string(),
        "Upstream said: an error occurred when formatting an argument"
    );
    // ...and a 4xx message may show it without: it is about the request.
    let client = ApiError::InvalidJson(Internal);
    assert_eq!(client.status(), 400);
    assert!(client.to_string().starts_with("Bad JSON: connect to"));
}
