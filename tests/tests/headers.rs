//! `#[certifier(header = "...")]`: the headers a derived error visits, and the response
//! parts the integrations build from them.

use std::fmt::Display;

use certifier_error::server::answer;
use certifier_error::{CertifierError, StandardError};

fn headers_of(error: &dyn CertifierError) -> Vec<(&'static str, String)> {
    let mut headers = Vec::new();
    error.headers(&mut |name, value| headers.push((name, value.to_string())));
    headers
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ApiError {
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    RateLimited {
        #[certifier(extend, header = "Retry-After")]
        retry_after: u64,
        #[certifier(header = "X-RateLimit-Scope")]
        scope: Option<&'static str>,
    },
    #[certifier(code = "conflict")]
    Conflict(
        #[certifier(header = "ETag")] String,
        #[certifier(extend, rename = "id")] u32,
    ),
    #[certifier(code = "not_found")]
    NotFound,
    #[certifier(transparent)]
    Inner(Inner),
    #[certifier(transparent)]
    Common(StandardError),
}

#[derive(Debug, CertifierError)]
#[certifier(code = "unauthorized")]
struct Inner {
    #[certifier(header = "WWW-Authenticate")]
    challenge: String,
}

#[test]
fn a_field_sets_its_header_and_stays_an_extension() {
    let error = ApiError::RateLimited {
        retry_after: 30,
        scope: Some("account"),
    };
    assert_eq!(
        headers_of(&error),
        [
            ("Retry-After", "30".to_owned()),
            ("X-RateLimit-Scope", "account".to_owned())
        ]
    );
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"error":{"code":"rate_limited","message":"Retry in 30 s.","retryAfter":30}}"#
    );
}

#[test]
fn an_option_that_is_none_sets_nothing() {
    let error = ApiError::RateLimited {
        retry_after: 5,
        scope: None,
    };
    assert_eq!(headers_of(&error), [("Retry-After", "5".to_owned())]);
}

#[test]
fn tuple_fields_and_variants_without_headers() {
    let error = ApiError::Conflict("\"v2\"".into(), 7);
    assert_eq!(headers_of(&error), [("ETag", "\"v2\"".to_owned())]);
    assert!(headers_of(&ApiError::NotFound).is_empty());
    assert!(headers_of(&ApiError::Common(StandardError::RateLimited)).is_empty());
}

#[test]
fn a_transparent_variant_delegates() {
    let error = ApiError::Inner(Inner {
        challenge: "Bearer".into(),
    });
    assert_eq!(
        headers_of(&error),
        [("WWW-Authenticate", "Bearer".to_owned())]
    );
}

#[test]
fn pointers_forward_the_headers() {
    let boxed: Box<dyn CertifierError> = Box::new(Inner {
        challenge: "Basic".into(),
    });
    assert_eq!(
        headers_of(&boxed),
        [("WWW-Authenticate", "Basic".to_owned())]
    );
    let shared = std::sync::Arc::new(Inner {
        challenge: "Basic".into(),
    });
    assert_eq!(
        headers_of(&shared),
        [("WWW-Authenticate", "Basic".to_owned())]
    );
}

#[derive(Debug, CertifierError)]
#[certifier(code = "rate_limited")]
struct Generic<T, U> {
    #[certifier(header = "Retry-After")]
    retry_after: T,
    #[certifier(header = "X-Hint")]
    hint: Option<U>,
}

fn visit<E: CertifierError>(error: &E) -> Vec<(&'static str, String)> {
    let mut headers = Vec::new();
    error.headers(&mut |name, value| headers.push((name, value.to_string())));
    headers
}

#[test]
fn a_generic_field_needs_only_display() {
    // Neither parameter is `Serialize`: a header field is not serialised.
    struct Seconds;
    impl Display for Seconds {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("12")
        }
    }
    impl std::fmt::Debug for Seconds {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Seconds")
        }
    }
    let error = Generic::<Seconds, Seconds> {
        retry_after: Seconds,
        hint: Some(Seconds),
    };
    assert_eq!(
        visit(&error),
        [
            ("Retry-After", "12".to_owned()),
            ("X-Hint", "12".to_owned())
        ]
    );
    let error = Generic::<u8, String> {
        retry_after: 1,
        hint: None,
    };
    assert_eq!(visit(&error), [("Retry-After", "1".to_owned())]);
}

#[test]
fn answers_carry_the_headers() {
    let error = ApiError::RateLimited {
        retry_after: 30,
        scope: None,
    };
    let parts = answer(&error);
    assert_eq!(parts.status, 429);
    assert_eq!(parts.headers, [("Retry-After", "30".to_owned())]);
    assert_eq!(parts.body, serde_json::to_vec(&error).unwrap());
}

#[test]
fn a_value_that_cannot_be_a_header_is_left_out() {
    let error = ApiError::Conflict("v1\r\nSet-Cookie: session=stolen".into(), 1);
    let parts = answer(&error);
    assert!(parts.headers.is_empty(), "{:?}", parts.headers);
    assert_eq!(parts.status, 409);
}

/// A hand-written error, free to name any header and any status.
#[derive(Debug)]
struct HandWritten(u16);

impl Display for HandWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Hand-written.")
    }
}

impl std::error::Error for HandWritten {}

impl serde::Serialize for HandWritten {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str("hand-written")
    }
}

impl CertifierError for HandWritten {
    fn status(&self) -> u16 {
        self.0
    }

    fn code(&self) -> &str {
        "hand_written"
    }

    fn headers(&self, visit: &mut dyn FnMut(&'static str, &dyn Display)) {
        visit("Bad Name", &1);
        visit("", &2);
        visit("X-Good", &3);
    }
}

#[test]
fn a_name_that_cannot_be_a_header_is_left_out() {
    let parts = answer(&HandWritten(418));
    assert_eq!(parts.status, 418);
    assert_eq!(parts.headers, [("X-Good", "3".to_owned())]);
}

#[test]
fn a_status_that_is_not_http_answers_500() {
    for status in [0, 99, 1000, u16::MAX] {
        let parts = answer(&HandWritten(status));
        assert_eq!(parts.status, 500, "{status}");
        assert!(parts.headers.is_empty());
        assert_eq!(
            parts.body,
            serde_json::to_vec(&StandardError::InternalServerError).unwrap()
        );
    }
}

#[no_implicit_prelude]
mod hygiene {
    #[derive(::std::fmt::Debug, ::certifier_error::CertifierError)]
    #[certifier(code = "rate_limited")]
    pub struct Slow {
        #[certifier(header = "Retry-After")]
        pub retry_after: ::std::option::Option<u64>,
    }
}

#[test]
fn generated_code_needs_no_prelude() {
    let error = hygiene::Slow {
        retry_after: Some(9),
    };
    assert_eq!(headers_of(&error), [("Retry-After", "9".to_owned())]);
}

#[derive(Debug, CertifierError)]
enum Fixed {
    #[certifier(code = "not_found", header("Cache-Control", "no-store"))]
    #[certifier(header("Deprecation", "@1735689600"))]
    Gone {
        #[certifier(header = "ETag")]
        tag: &'static str,
    },
    #[certifier(transparent, header("Deprecation", "true"))]
    Inner(Inner),
    #[certifier(code = "conflict")]
    Plain,
}

/// A struct takes fixed headers too.
#[derive(Debug, CertifierError)]
#[certifier(code = "unauthorized", header("Cache-Control", "no-store, private"))]
struct Token;

#[test]
fn fixed_headers_come_first_in_written_order() {
    assert_eq!(
        headers_of(&Fixed::Gone { tag: "\"v2\"" }),
        [
            ("Cache-Control", "no-store".to_owned()),
            ("Deprecation", "@1735689600".to_owned()),
            ("ETag", "\"v2\"".to_owned()),
        ]
    );
    assert_eq!(
        headers_of(&Token),
        [("Cache-Control", "no-store, private".to_owned())]
    );
    assert!(headers_of(&Fixed::Plain).is_empty());
}

#[test]
fn a_transparent_variant_sends_its_fixed_headers_then_the_inner_ones() {
    let error = Fixed::Inner(Inner {
        challenge: "Bearer".to_owned(),
    });
    assert_eq!(
        headers_of(&error),
        [
            ("Deprecation", "true".to_owned()),
            ("WWW-Authenticate", "Bearer".to_owned()),
        ]
    );
    let parts = answer(&error);
    assert_eq!(parts.status, 401);
    assert_eq!(parts.headers.len(), 2);
}
