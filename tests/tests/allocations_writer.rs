//! The direct JSON writer (`CertifierError::write_json`) allocates nothing when the
//! buffer has room for the envelope, for every kind of variant, field and message.

use std::fmt;

use certifier_error::{CertifierError, StandardError};

mod counting_allocator;

use counting_allocator::allocations_during;

/// Writes `error` into a buffer with room to spare; returns the allocation count, after
/// checking the bytes against the `Serialize` path.
fn allocations_writing<T: CertifierError + serde::Serialize>(error: &T) -> usize {
    let mut out = Vec::with_capacity(4096);
    let mut result = Ok(());
    let allocations = allocations_during(|| result = error.write_json(&mut out));
    result.unwrap();
    assert_eq!(out.capacity(), 4096, "the buffer itself grew");
    assert_eq!(out, serde_json::to_vec(error).unwrap());
    allocations
}

#[derive(Debug, serde::Serialize)]
struct FieldError {
    field: String,
    reasons: Vec<&'static str>,
}

#[derive(Debug, serde::Serialize)]
struct Limits {
    window: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining: Option<u32>,
}

#[derive(Debug)]
struct Plan(&'static str);

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} plan", self.0)
    }
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Inner {
    #[certifier(code = "conflict", message = "Expected version {0}.")]
    Stale(#[certifier(extend, rename = "expected")] u64),
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ApiError {
    #[certifier(code = "not_found")]
    Unit,
    #[certifier(status = 418, code = "teapot", message = "Literal \"quoted\"\n text.")]
    Literal,
    #[certifier(code = "invalid_version", message = "`{0}` is not supported.")]
    Tuple(String),
    #[certifier(code = "validation_error", message = "{count} invalid.")]
    Struct {
        count: usize,
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
        #[certifier(extend)]
        tags: Vec<String>,
    },
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Extension {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend)]
        quota: Option<u32>,
        #[certifier(extend)]
        ratio: f64,
        #[certifier(flatten)]
        limits: Limits,
    },
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} allows {max:>4}."
    )]
    Formatted {
        plan: Plan,
        #[certifier(extend)]
        max: u32,
    },
    #[certifier(transparent)]
    Standard(StandardError),
    #[certifier(transparent)]
    Derived(Inner),
    #[certifier(transparent)]
    WithMembers {
        inner: Inner,
        #[certifier(extend)]
        request_path: &'static str,
        #[certifier(extend)]
        attempt: Option<u32>,
    },
}

#[derive(Debug, CertifierError)]
#[certifier(status = 409, code = "generic", message = "Label {label}.")]
struct Generic<T: fmt::Display + fmt::Debug + serde::Serialize> {
    label: T,
    #[certifier(extend)]
    value: T,
}

#[derive(Debug, CertifierError)]
#[certifier(doc_url = "https://docs.example.com/errors/{code}")]
enum Documented {
    #[certifier(code = "forbidden")]
    Forbidden,
    #[certifier(transparent)]
    Inner(Inner),
}

#[test]
fn every_variant_kind_writes_without_allocating() {
    let errors = [
        ApiError::Unit,
        ApiError::Literal,
        ApiError::Tuple("2019-\"01\"".into()),
        ApiError::Struct {
            count: 2,
            field_errors: vec![FieldError {
                field: "name".into(),
                reasons: vec!["empty", "too \"short\""],
            }],
            tags: vec!["a".into(), "b\n".into()],
        },
        ApiError::Extension {
            retry_after: 30,
            quota: Some(7),
            ratio: 0.5,
            limits: Limits {
                window: 60,
                remaining: None,
            },
        },
        ApiError::Extension {
            retry_after: 0,
            quota: None,
            ratio: f64::NAN,
            limits: Limits {
                window: 1,
                remaining: Some(0),
            },
        },
        ApiError::Formatted {
            plan: Plan("free"),
            max: 3,
        },
        ApiError::Standard(StandardError::RateLimited),
        ApiError::Derived(Inner::Stale(4)),
        ApiError::WithMembers {
            inner: Inner::Stale(5),
            request_path: "/v1/\"x\"",
            attempt: Some(2),
        },
    ];
    for error in &errors {
        assert_eq!(allocations_writing(error), 0, "{error:?}");
    }
    assert_eq!(
        allocations_writing(&Generic {
            label: "l",
            value: "v"
        }),
        0
    );
    assert_eq!(allocations_writing(&Documented::Forbidden), 0);
    assert_eq!(allocations_writing(&Documented::Inner(Inner::Stale(1))), 0);
}

#[test]
fn a_trait_object_writes_without_allocating() {
    let error = ApiError::Tuple("v".into());
    let object: &dyn CertifierError = &error;
    let mut out = Vec::with_capacity(4096);
    let allocations = allocations_during(|| object.write_json(&mut out).unwrap());
    assert_eq!(allocations, 0);
    assert_eq!(out, serde_json::to_vec(&error).unwrap());
}

#[test]
fn the_count_sees_an_allocation() {
    let counted = allocations_during(|| drop(std::hint::black_box(String::from("allocated"))));
    assert_eq!(counted, 1);
}

#[derive(Debug, thiserror::Error, CertifierError)]
#[certifier(skip_display)]
enum FormatArguments {
    #[error("internal: {domains:?}")]
    #[certifier(
        code = "validation_error",
        message("{} of {max} domains are invalid.", .domains.len(), max = .limit)
    )]
    Domains { domains: Vec<String>, limit: usize },
}

#[test]
fn messages_with_format_arguments() {
    let error = FormatArguments::Domains {
        domains: vec!["a".into()],
        limit: 3,
    };
    assert_eq!(allocations_writing(&error), 0);
    assert_eq!(
        error.to_json().unwrap(),
        r#"{"error":{"code":"validation_error","message":"1 of 3 domains are invalid."}}"#
    );
}
