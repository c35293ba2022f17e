//! The error types the benchmarks compare: a realistic derived error enum, and the same
//! enum written the ways a team would write it by hand.
//!
//! - [`ApiError`]: `#[derive(CertifierError)]`, with unit, tuple, struct, extension and
//!   transparent variants.
//! - [`Baseline`]: the same variants and messages with `thiserror`, plus a hand-written
//!   `Serialize` that is as fast as serde allows ([`Baseline`]'s own impl) and writes
//!   exactly the bytes of the derived one, and the usual `serde_json::json!` approach
//!   ([`Baseline::to_json_value`]).
//! - [`PlainEnvelope`]: the plain `#[derive(Deserialize)]` a client would write instead
//!   of [`certifier_error::ErrorEnvelope`].
//!
//! ```
//! use certifier_error::CertifierError;
//! use certifier_error_benches::{samples, ApiError, Baseline};
//!
//! for (derived, baseline) in samples() {
//!     let mut body = Vec::new();
//!     derived.write_json(&mut body).unwrap();
//!     assert_eq!(body, serde_json::to_vec(&baseline).unwrap());
//! }
//! ```

use certifier_error::{CertifierError, StandardError};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

/// One invalid parameter of a validation error.
#[derive(Debug, Clone, Serialize)]
pub struct FieldError {
    /// The parameter's name.
    pub field: String,
    /// Why it is invalid.
    pub message: String,
}

/// The benchmark enum, derived.
#[derive(Debug, Clone, CertifierError)]
#[certifier(rename_all = "camelCase")]
pub enum ApiError {
    /// Unit variant, standard code, default message.
    #[certifier(code = "missing_version")]
    MissingVersion,

    /// Tuple variant whose message quotes its field.
    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version."
    )]
    InvalidVersion(String),

    /// Struct variant with a list of objects as an extension.
    #[certifier(code = "validation_error", message = "{count} parameters are invalid.")]
    Validation {
        /// How many parameters are invalid.
        count: usize,
        /// One entry per invalid parameter.
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
    },

    /// Integer extension, also in the message.
    #[certifier(
        code = "rate_limited",
        message = "Too many requests; retry in {retry_after} s."
    )]
    RateLimited {
        /// Seconds until the next request is allowed.
        #[certifier(extend)]
        retry_after: u64,
    },

    /// Custom code: a string in the message, an integer extension.
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} plan allows {max} certificates."
    )]
    PlanLimit {
        /// The plan's name.
        plan: String,
        /// The plan's limit.
        #[certifier(extend)]
        max: u32,
    },

    /// Transparent variant.
    #[certifier(transparent)]
    Common(StandardError),
}

/// The benchmark enum with `thiserror`, same messages.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Baseline {
    /// See [`ApiError::MissingVersion`].
    #[error("The Certifier-Version header is required.")]
    MissingVersion,
    /// See [`ApiError::InvalidVersion`].
    #[error("`{0}` is not a supported version.")]
    InvalidVersion(String),
    /// See [`ApiError::Validation`].
    #[error("{count} parameters are invalid.")]
    Validation {
        /// See [`ApiError::Validation`].
        count: usize,
        /// See [`ApiError::Validation`].
        field_errors: Vec<FieldError>,
    },
    /// See [`ApiError::RateLimited`].
    #[error("Too many requests; retry in {retry_after} s.")]
    RateLimited {
        /// See [`ApiError::RateLimited`].
        retry_after: u64,
    },
    /// See [`ApiError::PlanLimit`].
    #[error("The {plan} plan allows {max} certificates.")]
    PlanLimit {
        /// See [`ApiError::PlanLimit`].
        plan: String,
        /// See [`ApiError::PlanLimit`].
        max: u32,
    },
    /// See [`ApiError::Common`].
    #[error(transparent)]
    Common(StandardError),
}

impl Baseline {
    /// The code, as a hand-written `match`.
    pub fn code(&self) -> &'static str {
        match self {
            Baseline::MissingVersion => "missing_version",
            Baseline::InvalidVersion(_) => "invalid_version",
            Baseline::Validation { .. } => "validation_error",
            Baseline::RateLimited { .. } => "rate_limited",
            Baseline::PlanLimit { .. } => "plan_limit",
            Baseline::Common(inner) => standard_code(inner),
        }
    }

    /// The usual hand-rolled envelope: a `serde_json::json!` value with the message
    /// from `to_string()`. Its members come out in `serde_json::Map`'s order (sorted by
    /// key without `preserve_order`), so its bytes may differ from the derived ones.
    pub fn to_json_value(&self) -> serde_json::Value {
        let mut error = serde_json::json!({
            "code": self.code(),
            "message": self.to_string(),
        });
        match self {
            Baseline::Validation { field_errors, .. } => {
                error["fieldErrors"] = serde_json::json!(field_errors);
            }
            Baseline::RateLimited { retry_after } => {
                error["retryAfter"] = serde_json::json!(retry_after);
            }
            Baseline::PlanLimit { max, .. } => {
                error["max"] = serde_json::json!(max);
            }
            _ => {}
        }
        serde_json::json!({ "error": error })
    }
}

fn standard_code(error: &StandardError) -> &'static str {
    match error {
        StandardError::BadRequest => "bad_request",
        StandardError::MissingVersion => "missing_version",
        StandardError::InvalidVersion => "invalid_version",
        StandardError::InvalidJson => "invalid_json",
        StandardError::ValidationError => "validation_error",
        StandardError::Unauthorized => "unauthorized",
        StandardError::PaymentRequired => "payment_required",
        StandardError::Forbidden => "forbidden",
        StandardError::NotFound => "not_found",
        StandardError::Conflict => "conflict",
        StandardError::RateLimited => "rate_limited",
        _ => "internal_server_error",
    }
}

/// The optimal hand-written envelope: structs rather than maps, literal messages as
/// `serialize_str`, formatted ones through `collect_str` of the `thiserror` message.
impl Serialize for Baseline {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut envelope = serializer.serialize_struct("Envelope", 1)?;
        envelope.serialize_field("error", &ErrorObject(self))?;
        envelope.end()
    }
}

struct ErrorObject<'a>(&'a Baseline);

/// A `Display` value serialised as a string without building the string.
struct Collect<'a, T>(&'a T);

impl<T: std::fmt::Display> Serialize for Collect<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

impl Serialize for ErrorObject<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let code = error.code();
        match error {
            Baseline::MissingVersion => {
                let mut object = serializer.serialize_struct("Error", 2)?;
                object.serialize_field("code", code)?;
                object.serialize_field("message", "The Certifier-Version header is required.")?;
                object.end()
            }
            Baseline::InvalidVersion(_) | Baseline::Common(_) => {
                let mut object = serializer.serialize_struct("Error", 2)?;
                object.serialize_field("code", code)?;
                object.serialize_field("message", &Collect(error))?;
                object.end()
            }
            Baseline::Validation { field_errors, .. } => {
                let mut object = serializer.serialize_struct("Error", 3)?;
                object.serialize_field("code", code)?;
                object.serialize_field("message", &Collect(error))?;
                object.serialize_field("fieldErrors", field_errors)?;
                object.end()
            }
            Baseline::RateLimited { retry_after } => {
                let mut object = serializer.serialize_struct("Error", 3)?;
                object.serialize_field("code", code)?;
                object.serialize_field("message", &Collect(error))?;
                object.serialize_field("retryAfter", retry_after)?;
                object.end()
            }
            Baseline::PlanLimit { max, .. } => {
                let mut object = serializer.serialize_struct("Error", 3)?;
                object.serialize_field("code", code)?;
                object.serialize_field("message", &Collect(error))?;
                object.serialize_field("max", max)?;
                object.end()
            }
        }
    }
}

/// One value of each variant, derived and baseline, with the variant's name.
pub fn named_samples() -> Vec<(&'static str, ApiError, Baseline)> {
    let field_errors = vec![
        FieldError {
            field: "subject.common_name".into(),
            message: "Must not be empty.".into(),
        },
        FieldError {
            field: "validity_days".into(),
            message: "Must be between 1 and 398.".into(),
        },
    ];
    vec![
        ("unit", ApiError::MissingVersion, Baseline::MissingVersion),
        (
            "tuple",
            ApiError::InvalidVersion("2019-01-01".into()),
            Baseline::InvalidVersion("2019-01-01".into()),
        ),
        (
            "struct_list",
            ApiError::Validation {
                count: 2,
                field_errors: field_errors.clone(),
            },
            Baseline::Validation {
                count: 2,
                field_errors,
            },
        ),
        (
            "extension",
            ApiError::RateLimited { retry_after: 30 },
            Baseline::RateLimited { retry_after: 30 },
        ),
        (
            "custom",
            ApiError::PlanLimit {
                plan: "free".into(),
                max: 3,
            },
            Baseline::PlanLimit {
                plan: "free".into(),
                max: 3,
            },
        ),
        (
            "transparent",
            ApiError::Common(StandardError::NotFound),
            Baseline::Common(StandardError::NotFound),
        ),
    ]
}

/// The derived and baseline values of [`named_samples`], without names.
pub fn samples() -> Vec<(ApiError, Baseline)> {
    named_samples()
        .into_iter()
        .map(|(_, derived, baseline)| (derived, baseline))
        .collect()
}

/// What a client would decode into without this crate: two strings and the rest of
/// the members as a JSON map.
#[derive(Debug, Deserialize)]
pub struct PlainEnvelope {
    /// The error object.
    pub error: PlainObject,
}

/// See [`PlainEnvelope`].
#[derive(Debug, Deserialize)]
pub struct PlainObject {
    /// The code, as a string.
    pub code: String,
    /// The message.
    pub message: String,
    /// Every other member.
    #[serde(flatten)]
    pub extensions: serde_json::Map<String, serde_json::Value>,
}

/// Error bodies to decode: a known code with members, and an unknown code with members
/// this version does not know, beside the error object too.
pub fn bodies() -> Vec<(&'static str, &'static [u8])> {
    vec![
        (
            "known_code",
            br#"{"error":{"code":"rate_limited","message":"Too many requests; retry in 30 s.","retryAfter":30}}"#,
        ),
        (
            "unknown_members",
            br#"{"error":{"code":"quota_exceeded","message":"The free plan allows 3 certificates.","max":3,"plan":{"name":"free","tier":1},"fieldErrors":[{"field":"a","message":"b"}]},"requestId":"req_123"}"#,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use certifier_error::{CertifierError, ErrorEnvelope};

    use super::{bodies, named_samples, PlainEnvelope};

    #[test]
    fn the_optimal_baseline_writes_the_derived_bytes() {
        for (name, derived, baseline) in named_samples() {
            let expected = serde_json::to_string(&derived).unwrap();
            assert_eq!(
                serde_json::to_string(&baseline).unwrap(),
                expected,
                "{name}"
            );
            assert_eq!(derived.to_json().unwrap(), expected, "{name}");
            assert_eq!(derived.to_string(), baseline.to_string(), "{name}");
            assert_eq!(derived.code(), baseline.code(), "{name}");
        }
    }

    #[test]
    fn the_json_macro_baseline_has_the_same_members() {
        for (name, derived, baseline) in named_samples() {
            let expected: serde_json::Value = serde_json::to_value(&derived).unwrap();
            assert_eq!(baseline.to_json_value(), expected, "{name}");
        }
    }

    #[test]
    fn both_decoders_read_the_bodies() {
        for (name, body) in bodies() {
            let envelope: ErrorEnvelope = serde_json::from_slice(body).unwrap();
            let plain: PlainEnvelope = serde_json::from_slice(body).unwrap();
            assert_eq!(envelope.error.code.as_str(), plain.error.code, "{name}");
            assert_eq!(envelope.error.message, plain.error.message, "{name}");
            assert_eq!(
                envelope.error.extensions.len(),
                plain.error.extensions.len(),
                "{name}"
            );
        }
    }
}
