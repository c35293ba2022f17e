//! A `message` and `status` on the enum, the default of the variants that give none, as
//! thiserror's enum-level `#[error(...)]`.

use certifier_error::{CertifierError, ErrorCatalogue};

#[derive(Debug, CertifierError)]
#[certifier(message = "{0}", status = 422)]
enum Inherited {
    #[certifier(code = "unprocessable")]
    Some(&'static str),
    #[certifier(code = "other", message = "other error")]
    Other(&'static str),
    #[certifier(code = "teapot", status = 418)]
    Own(u8),
    // A standard code keeps its status where the enum's does not fit it…
    #[certifier(code = "not_found")]
    Missing(u32),
    #[certifier(transparent)]
    Standard(certifier_error::StandardError),
}

#[derive(Debug, CertifierError)]
#[certifier(status = 503, message = "Try again later.")]
enum Unavailable {
    // …and takes it where it does.
    #[certifier(code = "internal_server_error")]
    Database { table: &'static str },
    #[certifier(code = "upstream_down")]
    Upstream,
}

#[test]
fn variants_without_a_message_take_the_enums() {
    assert_eq!(Inherited::Some("some error").to_string(), "some error");
    assert_eq!(Inherited::Other("...").to_string(), "other error");
    assert_eq!(Inherited::Own(7).to_string(), "7");
    assert_eq!(
        Inherited::Some("x").to_json().unwrap(),
        r#"{"error":{"code":"unprocessable","message":"x"}}"#
    );
    let standard = Inherited::Standard(certifier_error::StandardError::Forbidden);
    assert_eq!(
        standard.to_string(),
        certifier_error::StandardError::Forbidden.to_string()
    );
}

#[test]
fn variants_without_a_status_take_the_enums_where_it_fits_their_code() {
    assert_eq!(Inherited::Some("x").status(), 422);
    assert_eq!(Inherited::Other("x").status(), 422);
    assert_eq!(Inherited::Own(1).status(), 418);
    assert_eq!(Inherited::Missing(1).status(), 404);
    assert_eq!(Inherited::Missing(1).to_string(), "1");
    let database = Unavailable::Database { table: "certs" };
    assert_eq!(database.status(), 503);
    assert_eq!(database.to_string(), "Try again later.");
    assert_eq!(Unavailable::Upstream.status(), 503);
}

#[test]
fn the_catalogue_lists_what_each_variant_ends_up_with() {
    let entries: Vec<(&str, u16, &str)> = Unavailable::CATALOGUE
        .iter()
        .map(|entry| (entry.code(), entry.status(), entry.message()))
        .collect();
    assert_eq!(
        entries,
        [
            ("internal_server_error", 503, "Try again later."),
            ("upstream_down", 503, "Try again later."),
        ]
    );
}

#[test]
fn the_same_text_as_thiserror() {
    #[derive(Debug, thiserror::Error)]
    #[error("{0}")]
    enum Theirs {
        Some(&'static str),
        #[error("other error")]
        Other(&'static str),
    }
    assert_eq!(
        Inherited::Some("a").to_string(),
        Theirs::Some("a").to_string()
    );
    assert_eq!(
        Inherited::Other("a").to_string(),
        Theirs::Other("a").to_string()
    );
}
