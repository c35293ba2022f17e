//! `transparent`, which here delegates to a `CertifierError` (thiserror's delegates to
//! any error): everything — status, code, message, members and source — comes from the
//! field.

use std::error::Error as _;

use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum Inner {
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Limited {
        #[certifier(extend)]
        retry_after: u64,
    },
    #[certifier(code = "internal_server_error")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, CertifierError)]
enum Outer {
    #[certifier(transparent)]
    Inner(Inner),
    #[certifier(transparent)]
    Standard(StandardError),
    #[certifier(transparent)]
    Boxed(Box<dyn CertifierError + Send + Sync>),
}

#[derive(Debug, CertifierError)]
#[certifier(transparent)]
struct Wrapper(Inner);

#[test]
fn everything_comes_from_the_field() {
    let outer = Outer::Inner(Inner::Limited { retry_after: 3 });
    assert_eq!(outer.status(), 429);
    assert_eq!(outer.to_string(), "Retry in 3 s.");
    assert_eq!(
        outer.to_json().unwrap(),
        r#"{"error":{"code":"rate_limited","message":"Retry in 3 s.","retry_after":3}}"#
    );
    assert_eq!(
        serde_json::to_string(&outer).unwrap(),
        outer.to_json().unwrap()
    );
    let wrapper = Wrapper(Inner::Io(std::io::Error::other("disk")));
    // As in thiserror, the source is the inner error's source.
    assert_eq!(wrapper.source().unwrap().to_string(), "disk");
    let standard = Outer::Standard(StandardError::Forbidden);
    assert_eq!(standard.status(), 403);
    assert!(standard.source().is_none());
    let boxed = Outer::Boxed(Box::new(StandardError::Conflict));
    assert_eq!(boxed.code(), "conflict");
    assert_eq!(boxed.to_string(), StandardError::Conflict.to_string());
}
