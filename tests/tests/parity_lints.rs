//! The expansion in a strict crate: no warning for fields the message leaves out, none
//! for a deprecated type, and no clash with crate-level `forbid`s. Compiling this file
//! is the test.

#![forbid(
    non_upper_case_globals,
    unused_qualifications,
    dead_code,
    unused_variables,
    clippy::needless_lifetimes,
    clippy::all,
    clippy::pedantic
)]
#![allow(
    // Shared dev-dependencies of the tests crate.
    unused_crate_dependencies
)]

use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum Logged {
    // `user` and `attempt` are for the logs: the message leaves them out.
    #[certifier(code = "forbidden")]
    Denied { user: String, attempt: u32 },
    #[certifier(code = "bad_request", message = "Field {0} is wrong.")]
    Tuple(&'static str, u64),
}

#[derive(Debug, CertifierError)]
#[certifier(code = "conflict", message("{} conflicts.", .name))]
struct Borrowed<'a> {
    name: &'a str,
}

#[test]
fn fields_left_out_of_the_message_are_read() {
    let error = Logged::Denied {
        user: "u".into(),
        attempt: 1,
    };
    assert_eq!(error.code(), "forbidden");
    assert_eq!(Logged::Tuple("x", 9).to_string(), "Field x is wrong.");
    assert_eq!(Borrowed { name: "n" }.to_string(), "n conflicts.");
}

mod deprecated_type {
    // The expansion must not use the deprecated items; the test itself does.
    #![deny(deprecated)]

    use certifier_error::CertifierError;

    #[deprecated = "use the new error"]
    #[derive(Debug, CertifierError)]
    #[certifier(code = "not_found")]
    pub struct Old;

    #[derive(Debug, CertifierError)]
    pub enum Some {
        #[deprecated = "gone"]
        #[certifier(code = "conflict")]
        Retired,
        #[certifier(code = "bad_request", message = "{0}")]
        Current(#[deprecated = "renamed"] u8),
    }

    #[test]
    #[allow(deprecated)]
    fn a_deprecated_type_derives() {
        assert_eq!(Old.status(), 404);
        assert_eq!(Some::Retired.status(), 409);
        assert_eq!(Some::Current(3).to_string(), "3");
    }
}
