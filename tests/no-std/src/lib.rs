//! A `no_std` user of certifier-error: the runtime with `default-features = false`
//! (only `core` and `alloc`), and a realistic error enum deriving `CertifierError`.
//!
//! Outside tests the crate defines the `#[panic_handler]`. The standard library defines
//! one too, so if anything in the dependency graph linked `std`, this crate would fail
//! to build with a duplicate lang item: `cargo build` is the proof that nothing does,
//! and `cargo test` (whose harness brings `std` in for itself, while the runtime keeps
//! its `std` feature off) runs the checks below.

#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![deny(warnings, missing_docs)]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use certifier_error::{CertifierError, Code, ErrorEnvelope, StandardError};

/// One field error of a validation failure.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FieldError {
    /// The parameter's name.
    pub field: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

/// A firmware update service's errors.
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
pub enum ApiError {
    /// The request names no firmware version.
    #[certifier(code = "missing_version")]
    MissingVersion,

    /// The version is not one the device accepts.
    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version."
    )]
    InvalidVersion(String),

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
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    RateLimited {
        /// Seconds to wait.
        #[certifier(extend)]
        retry_after: u64,
        /// The remaining quota, when known.
        #[certifier(extend)]
        quota: Option<u32>,
    },

    /// A custom code.
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} plan allows {max} devices."
    )]
    PlanLimit {
        /// The plan's name.
        plan: &'static str,
        /// Its limit.
        #[certifier(extend)]
        max: u32,
    },

    /// Formatting the payload failed.
    #[certifier(code = "internal_server_error", status = 503)]
    Encoding(#[from] fmt::Error),

    /// Everything else.
    #[certifier(transparent)]
    Common(StandardError),

    /// Everything else, with the request's path after the inner error's members.
    #[certifier(transparent)]
    Routed {
        /// The inner error.
        inner: StandardError,
        /// The request's path.
        #[certifier(extend)]
        path: &'static str,
    },
}

/// Serialises `error` and decodes the body again, as a client would; `None` if anything
/// fails.
pub fn round_trip(error: &ApiError) -> Option<ErrorEnvelope> {
    let body = serde_json::to_vec(error).ok()?;
    serde_json::from_slice(&body).ok()
}

/// Checks the derived behaviour without std; `true` when all holds.
pub fn check() -> bool {
    let error = ApiError::Validation {
        count: 1,
        field_errors: alloc::vec![FieldError {
            field: "version".into(),
            reason: "unknown",
        }],
    };
    let Some(envelope) = round_trip(&error) else {
        return false;
    };
    let object: &dyn CertifierError = &error;
    envelope.error.code == Code::ValidationError
        && envelope.error.message == "1 parameters are invalid."
        && envelope.error.extensions.contains_key("fieldErrors")
        && object.status() == 400
        && ApiError::from(fmt::Error).status() == 503
        && core::error::Error::source(&ApiError::from(fmt::Error)).is_some()
        && ApiError::Common(StandardError::NotFound).code() == "not_found"
        && round_trip(&ApiError::Routed {
            inner: StandardError::NotFound,
            path: "/v1",
        })
        .is_some_and(|envelope| envelope.error.extensions["path"] == "/v1")
}

#[cfg(not(test))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {
        core::hint::spin_loop();
    }
}

#[cfg(test)]
mod tests {
    use super::{check, round_trip, ApiError};

    #[test]
    fn derived_behaviour_without_std() {
        assert!(check());
        let envelope = round_trip(&ApiError::RateLimited {
            retry_after: 30,
            quota: None,
        })
        .unwrap();
        assert_eq!(envelope.error.message, "Retry in 30 s.");
        assert_eq!(envelope.error.extensions["retryAfter"], 30);
        assert!(!envelope.error.extensions.contains_key("quota"));
    }
}
