// Included by each edition's crate: the same derives, expanded in 2018, 2021 and 2024.

use certifier_error::{CertifierError, StandardError};

/// A user's error enum, exercising every attribute the derive knows.
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
pub enum ApiError {
    /// A standard code with its default message.
    #[certifier(code = "missing_version")]
    MissingVersion,

    /// A positional placeholder.
    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version."
    )]
    InvalidVersion(String),

    /// A `#[from]` source.
    #[certifier(code = "invalid_json", message = "The body is not JSON.")]
    InvalidJson(#[from] serde_json::Error),

    /// Named placeholders, format specs and extensions.
    #[certifier(
        code = "validation_error",
        message = "{count:>3} parameters are invalid in {type:?}."
    )]
    Validation {
        /// Shown in the message only.
        count: usize,
        /// A raw identifier.
        r#type: &'static str,
        /// An extension.
        #[certifier(extend)]
        field_errors: Vec<String>,
        /// Left out when `None`.
        #[certifier(extend, rename = "hint")]
        help: Option<String>,
        /// A word that is a keyword in edition 2024.
        #[certifier(extend)]
        r#gen: u8,
    },

    /// A custom code and a flattened member.
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} plan allows {max}."
    )]
    PlanLimit {
        /// Message only.
        plan: String,
        /// Message and extension.
        #[certifier(extend)]
        max: u32,
        /// Its members join the error object.
        #[certifier(flatten)]
        details: Details,
    },

    /// A source kept out of a server error's message.
    #[certifier(code = "internal_server_error", status = 503)]
    Unavailable {
        /// The cause.
        #[source]
        cause: std::io::Error,
    },

    /// Delegation.
    #[certifier(transparent)]
    Common(StandardError),

    /// Delegation, with members after the inner error's.
    #[certifier(transparent)]
    Routed(
        StandardError,
        #[certifier(extend, rename = "path")] &'static str,
    ),
}

/// Flattened into the error object.
#[derive(Debug, serde::Serialize)]
pub struct Details {
    /// A member.
    pub upgrade_url: &'static str,
}

/// A generic struct with a lifetime and a const parameter.
#[derive(Debug, CertifierError)]
#[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
pub struct Limited<'a, T: serde::Serialize + std::fmt::Debug, const N: usize> {
    /// Extension.
    #[certifier(extend)]
    pub retry_after: u64,
    /// A generic extension.
    #[certifier(extend)]
    pub windows: &'a [T],
    /// Not serialised.
    pub buckets: [u8; N],
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body<E: CertifierError + serde::Serialize>(error: &E) -> String {
        serde_json::to_string(error).unwrap()
    }

    #[test]
    fn derived_in_this_edition() {
        assert_eq!(ApiError::MissingVersion.status(), 400);
        assert_eq!(
            ApiError::InvalidVersion("9".into()).to_string(),
            "`9` is not a supported version."
        );
        let json_error = serde_json::from_str::<u8>("x").unwrap_err();
        let error = ApiError::from(json_error);
        assert!(std::error::Error::source(&error).is_some());

        let error = ApiError::Validation {
            count: 2,
            r#type: "date",
            field_errors: vec!["from".into()],
            help: None,
            r#gen: 1,
        };
        assert_eq!(
            body(&error),
            r#"{"error":{"code":"validation_error","message":"  2 parameters are invalid in \"date\".","fieldErrors":["from"],"gen":1}}"#
        );

        let error = ApiError::PlanLimit {
            plan: "free".into(),
            max: 3,
            details: Details {
                upgrade_url: "https://example.com/upgrade",
            },
        };
        assert_eq!(
            serde_json::to_value(&error).unwrap(),
            json!({"error": {
                "code": "plan_limit",
                "message": "The free plan allows 3.",
                "max": 3,
                "upgrade_url": "https://example.com/upgrade"
            }})
        );

        let error = ApiError::Unavailable {
            cause: std::io::Error::other("disk"),
        };
        assert_eq!(error.status(), 503);
        assert!(!body(&error).contains("disk"));
        assert_eq!(ApiError::Common(StandardError::NotFound).status(), 404);
        let error = ApiError::Routed(StandardError::NotFound, "/v1");
        assert_eq!(error.status(), 404);
        assert!(body(&error).ends_with(r#","path":"/v1"}}"#));
        assert_eq!(error.to_json().unwrap(), body(&error));
        let catalogue = <ApiError as certifier_error::ErrorCatalogue>::CATALOGUE;
        assert_eq!(catalogue.iter().next_back().unwrap().members(), ["path"]);

        let error = Limited::<'_, u8, 2> {
            retry_after: 5,
            windows: &[1, 2],
            buckets: [0; 2],
        };
        assert_eq!(error.buckets, [0; 2]);
        assert_eq!(
            body(&error),
            r#"{"error":{"code":"rate_limited","message":"Retry in 5 s.","retry_after":5,"windows":[1,2]}}"#
        );
        let object: &dyn CertifierError = &error;
        assert_eq!(object.to_envelope().unwrap().error.message, "Retry in 5 s.");
    }
}
