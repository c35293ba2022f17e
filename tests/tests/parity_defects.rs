//! Regression tests for the places where the derive differed from thiserror.

use std::error::Error as _;

use certifier_error::{CertifierError, Message};

#[test]
fn a_pointer_placeholder_formats_what_the_field_holds() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "conflict", message = "at {ptr:p} ({ptr})")]
    struct Pointer {
        ptr: Box<i32>,
    }
    let error = Pointer { ptr: Box::new(7) };
    assert_eq!(error.to_string(), format!("at {:p} (7)", error.ptr));
    assert_eq!(
        error.to_json().unwrap(),
        serde_json::to_string(&error).unwrap()
    );
}

#[test]
fn from_an_optional_source_wraps_it_in_some() {
    #[derive(Debug, CertifierError)]
    enum ApiError {
        #[certifier(code = "internal_server_error")]
        Io(#[from] Option<std::io::Error>),
    }
    let error = ApiError::from(std::io::Error::other("disk"));
    assert_eq!(error.source().unwrap().to_string(), "disk");
    assert!(matches!(error, ApiError::Io(Some(_))));
}

#[test]
fn a_raw_source_field_is_not_the_source() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "bad_request", message = "bad {source}")]
    struct Opted {
        r#source: String,
    }
    let error = Opted {
        r#source: "input".into(),
    };
    assert!(error.source().is_none());
    assert_eq!(error.to_string(), "bad input");
}

#[test]
fn beside_thiserror_with_skip_display() {
    #[derive(Debug, thiserror::Error, CertifierError)]
    #[certifier(skip_display)]
    enum ApiError {
        #[error("database failure on {table}")]
        #[certifier(code = "internal_server_error")]
        Database {
            table: &'static str,
            #[source]
            cause: std::io::Error,
        },
        #[error("user {0} asked for a missing certificate")]
        #[certifier(code = "not_found", message = "No certificate {0}.")]
        Missing(u32),
        #[error(transparent)]
        #[certifier(transparent)]
        Standard(certifier_error::StandardError),
        // thiserror's derive writes this `From`; this one writes none beside it.
        #[error("bad input")]
        #[certifier(code = "invalid_json")]
        Json(#[from] serde_json::Error),
    }
    let error = ApiError::from(serde_json::from_str::<u8>("x").unwrap_err());
    assert_eq!(error.code(), "invalid_json");
    assert!(error.source().is_some());
    let error = ApiError::Database {
        table: "certs",
        cause: std::io::Error::other("disk full"),
    };
    assert_eq!(error.to_string(), "database failure on certs");
    assert_eq!(
        Message(&error).to_string(),
        certifier_error::StandardError::InternalServerError.to_string()
    );
    assert_eq!(error.source().unwrap().to_string(), "disk full");
    let json = serde_json::to_string(&error).unwrap();
    assert!(!json.contains("certs"), "{json}");
    assert_eq!(error.to_json().unwrap(), json);

    let error = ApiError::Missing(7);
    assert_eq!(error.to_string(), "user 7 asked for a missing certificate");
    assert_eq!(
        error.to_json().unwrap(),
        r#"{"error":{"code":"not_found","message":"No certificate 7."}}"#
    );
    let dynamic: &dyn CertifierError = &error;
    assert_eq!(Message(dynamic).to_string(), "No certificate 7.");
    assert_eq!(
        dynamic.to_envelope().unwrap().error.message,
        "No certificate 7."
    );
    assert_eq!(
        serde_json::to_string(dynamic).unwrap(),
        error.to_json().unwrap()
    );
    let error = ApiError::Standard(certifier_error::StandardError::Forbidden);
    assert_eq!(
        Message(&error).to_string(),
        certifier_error::StandardError::Forbidden.to_string()
    );
}
