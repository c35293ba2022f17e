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

    #[deprecated = "use the new error"]
    #[derive(Debug, CertifierError)]
    #[certifier(code = "conflict", message = "old")]
    pub struct OldInner;

    #[deprecated = "use the new error"]
    #[derive(Debug)]
    pub struct OldCause;

    #[allow(deprecated)]
    impl std::fmt::Display for OldCause {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("old cause")
        }
    }

    #[allow(deprecated)]
    impl std::error::Error for OldCause {}

    // The field's own `#[allow(deprecated)]` covers the impls that name its type.
    #[derive(Debug, CertifierError)]
    pub enum AllowedOnFrom {
        #[certifier(transparent)]
        Transparent(
            #[from]
            #[allow(deprecated)]
            OldInner,
        ),
        #[certifier(code = "internal_server_error")]
        Cause(
            #[from]
            #[allow(deprecated)]
            OldCause,
        ),
    }

    #[test]
    #[allow(deprecated)]
    fn allow_deprecated_on_a_from_field_reaches_the_from_impl() {
        assert_eq!(AllowedOnFrom::from(OldInner).to_string(), "old");
        assert_eq!(AllowedOnFrom::from(OldInner).status(), 409);
        let error = AllowedOnFrom::from(OldCause);
        assert_eq!(error.code(), "internal_server_error");
        assert_eq!(
            std::error::Error::source(&error).unwrap().to_string(),
            "old cause"
        );
    }

    #[test]
    #[allow(deprecated)]
    fn a_deprecated_type_derives() {
        assert_eq!(Old.status(), 404);
        assert_eq!(Some::Retired.status(), 409);
        assert_eq!(Some::Current(3).to_string(), "3");
    }
}
