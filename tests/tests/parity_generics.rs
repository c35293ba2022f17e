//! Generic error types, with bounds inferred only where a field needs them.

use std::fmt::{Debug, Display};

use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum Generic<T, E> {
    #[certifier(code = "not_found", message = "missing {0}")]
    Missing(T),
    #[certifier(code = "internal_server_error")]
    Failed(#[source] E),
    #[certifier(code = "bad_request", message("{} items", .0.len()))]
    Many(Vec<T>),
}

#[derive(Debug, thiserror::Error)]
enum TheirGeneric<T: Display + Debug, E: std::error::Error + 'static> {
    #[error("missing {0}")]
    Missing(T),
    #[error("failed")]
    Failed(#[source] E),
    #[error("{} items", .0.len())]
    Many(Vec<T>),
}

#[test]
fn generic_messages_match_thiserror() {
    let ours: Generic<u32, std::io::Error> = Generic::Missing(3);
    let theirs: TheirGeneric<u32, std::io::Error> = TheirGeneric::Missing(3);
    assert_eq!(ours.to_string(), theirs.to_string());
    let ours: Generic<u32, std::io::Error> = Generic::Failed(std::io::Error::other("x"));
    let theirs: TheirGeneric<u32, std::io::Error> =
        TheirGeneric::Failed(std::io::Error::other("x"));
    assert_eq!(
        std::error::Error::source(&ours).map(ToString::to_string),
        std::error::Error::source(&theirs).map(ToString::to_string)
    );
    let ours: Generic<u32, std::io::Error> = Generic::Many(vec![1, 2]);
    let theirs: TheirGeneric<u32, std::io::Error> = TheirGeneric::Many(vec![1, 2]);
    assert_eq!(ours.to_string(), theirs.to_string());
    assert_eq!(ours.to_string(), "2 items");
}

#[test]
fn a_parameter_only_in_the_source_is_bound_as_an_error() {
    let error: Generic<u8, std::io::Error> = Generic::Failed(std::io::Error::other("x"));
    assert_eq!(error.code(), "internal_server_error");
    assert_eq!(std::error::Error::source(&error).unwrap().to_string(), "x");
}

#[derive(Debug, CertifierError)]
#[certifier(code = "conflict", message = "{value} conflicts")]
struct Borrowing<'a, T: Display + Debug + ?Sized> {
    value: &'a T,
}

#[test]
fn lifetimes_and_unsized_parameters() {
    let error = Borrowing { value: "name" };
    assert_eq!(error.to_string(), "name conflicts");
    assert_eq!(
        error.to_json().unwrap(),
        r#"{"error":{"code":"conflict","message":"name conflicts"}}"#
    );
}
