//! The derive's expansion is lint-clean in a user crate that denies warnings, clippy's
//! pedantic group and the stricter allow-by-default lints. Compiling this file is the
//! test; the assertions check that the type still works.

#![deny(
    warnings,
    missing_docs,
    missing_debug_implementations,
    unused_qualifications,
    unused_results,
    unused_import_braces,
    unused_lifetimes,
    unused_extern_crates,
    unused_crate_dependencies,
    unreachable_pub,
    single_use_lifetimes,
    trivial_casts,
    trivial_numeric_casts,
    elided_lifetimes_in_paths,
    explicit_outlives_requirements,
    meta_variable_misuse,
    non_ascii_idents,
    let_underscore_drop,
    redundant_lifetimes,
    unit_bindings,
    unsafe_code,
    variant_size_differences,
    rust_2018_idioms,
    clippy::all,
    clippy::pedantic,
    clippy::nursery,
    clippy::cargo
)]
#![allow(
    // The tests crate's dev-dependencies are shared by every test file.
    unused_crate_dependencies,
    // Workspace metadata, not the expansion.
    clippy::cargo_common_metadata,
    clippy::multiple_crate_versions
)]

use std::collections::BTreeMap;
use std::marker::PhantomData;

use certifier_error::{CertifierError, StandardError};
use serde::Serialize;

/// One problem with one request parameter.
#[derive(Debug, Serialize)]
pub struct FieldError {
    /// The parameter's name.
    pub field: String,
    /// What is wrong with it.
    pub reason: String,
}

/// The errors of a certificate API, with every feature of the derive.
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
pub enum ApiError {
    /// The version header is missing.
    #[certifier(code = "missing_version")]
    MissingVersion,

    /// The version header names no supported version.
    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version."
    )]
    InvalidVersion(String),

    /// The body is not JSON.
    #[certifier(code = "invalid_json")]
    InvalidJson(#[from] serde_json::Error),

    /// Some parameters are invalid.
    #[certifier(code = "validation_error", message = "{count} parameters are invalid.")]
    Validation {
        /// How many.
        count: usize,
        /// Which, and why.
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
    },

    /// Too many requests.
    #[certifier(
        code = "rate_limited",
        message = "Too many requests; retry in {retry_after} s."
    )]
    RateLimited {
        /// Seconds to wait.
        #[certifier(extend, header = "Retry-After")]
        retry_after: u64,
        /// The bucket that ran out, when known.
        #[certifier(extend, rename = "bucket")]
        bucket_name: Option<String>,
    },

    /// The plan's limit is reached.
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} plan allows {max:>3} certificates, costs {price:.2}."
    )]
    PlanLimit {
        /// The plan.
        plan: String,
        /// Its limit.
        max: u32,
        /// Its price.
        price: f64,
        /// Usage details.
        #[certifier(flatten)]
        usage: BTreeMap<String, u32>,
    },

    /// Everything else.
    #[certifier(transparent)]
    Common(StandardError),

    /// The store is down.
    #[certifier(code = "internal_server_error", status = 503)]
    Unavailable {
        /// Why.
        #[source]
        cause: std::io::Error,
    },

    /// Upstream failed.
    #[certifier(
        code = "internal_server_error",
        status = 502,
        message = "Upstream {name} failed."
    )]
    Upstream {
        /// The upstream's name.
        name: &'static str,
        /// Its error, when there is one.
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

/// A generic, borrowing struct error.
#[derive(Debug, CertifierError)]
#[certifier(
    code = "not_found",
    message = "No {kind} with id {id:?} in {window:?}."
)]
pub struct NotFound<'a, T, const N: usize>
where
    T: std::fmt::Debug,
{
    /// The kind of object.
    pub kind: &'a str,
    /// Its id.
    #[certifier(extend)]
    pub id: T,
    /// The ids tried.
    #[certifier(extend)]
    pub tried: &'a [u8],
    /// A fixed-size list, in the message only.
    pub window: [u8; N],
    /// A marker.
    pub marker: PhantomData<&'a ()>,
}

/// A generic transparent wrapper.
#[derive(Debug, CertifierError)]
pub enum Wrapped<E> {
    /// The inner error.
    #[certifier(transparent)]
    Inner(E),
    /// A unit variant.
    #[certifier(code = "conflict")]
    Conflict,
}

/// A transparent wrapper with members of its own, one borrowed and one generic.
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
pub enum Routed<'a, T> {
    /// A standard error, with where it happened.
    #[certifier(transparent)]
    Standard {
        /// The inner error.
        inner: StandardError,
        /// The request's path.
        #[certifier(extend)]
        request_path: &'a str,
        /// A tag.
        #[certifier(extend, rename = "tag")]
        label: Option<T>,
    },
    /// A tuple variant.
    #[certifier(transparent)]
    Tuple(ApiError, #[certifier(extend, rename = "attempt")] u32),
}

/// A generic source.
#[derive(Debug, CertifierError)]
#[certifier(code = "internal_server_error", message = "Failed.")]
pub struct Failed<E>(#[source] pub E);

/// An empty enum.
#[derive(Debug, CertifierError)]
pub enum Never {}

#[test]
fn lint_clean_types_work() {
    let error = ApiError::RateLimited {
        retry_after: 30,
        bucket_name: None,
    };
    assert_eq!(error.status(), 429);
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"error":{"code":"rate_limited","message":"Too many requests; retry in 30 s.","retryAfter":30}}"#
    );
    let error = NotFound {
        kind: "certificate",
        id: 7_u8,
        tried: &[1, 2],
        window: [0; 2],
        marker: PhantomData,
    };
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"error":{"code":"not_found","message":"No certificate with id 7 in [0, 0].","id":7,"tried":[1,2]}}"#
    );
    let error: Wrapped<StandardError> = Wrapped::Inner(StandardError::Forbidden);
    assert_eq!(error.status(), 403);
    let error = Failed(std::fmt::Error);
    assert!(std::error::Error::source(&error).is_some());
    let _: Option<&Never> = None;
    assert_eq!(Wrapped::<StandardError>::Conflict.status(), 409);
    let error = Routed::Standard {
        inner: StandardError::NotFound,
        request_path: "/v1",
        label: Some(3_u8),
    };
    assert_eq!(error.status(), 404);
    assert!(error
        .to_json()
        .unwrap()
        .ends_with(r#","requestPath":"/v1","tag":3}}"#));
    let error: Routed<'_, u8> = Routed::Tuple(ApiError::MissingVersion, 2);
    assert!(error.to_json().unwrap().ends_with(r#","attempt":2}}"#));
}
