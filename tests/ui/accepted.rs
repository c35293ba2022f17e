//! Forms the rules must accept: none of them may be reported.

use certifier_error::{CertifierError, StandardError};

#[derive(Debug, serde::Serialize)]
struct Limits {
    max: u32,
}

#[allow(dead_code)]
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ApiError {
    #[certifier(code = "internal_server_error", status = 502)]
    BadGateway,
    #[certifier(code = "internal_server_error", status = 504)]
    GatewayTimeout { source: std::io::Error },
    #[certifier(code = "not_found", status = 404)]
    #[certifier(message = "No certificate has the id {id:?}; {{braces}} stay literal.")]
    NotFound { id: u64 },
    #[certifier(code = "v2_limit_1", status = 599, message = "{0:>8.2} of {1:x}.")]
    Custom(f64, u32),
    #[certifier(code = "rate_limited")]
    RateLimited {
        #[certifier(extend, rename = "retry")]
        retry_after: u64,
        #[certifier(extend)]
        r#type: Option<String>,
        #[certifier(flatten)]
        limits: Limits,
        #[source]
        cause: std::io::Error,
    },
    #[certifier(transparent)]
    Common(#[from] StandardError),
    #[certifier(code = "invalid_json")]
    InvalidJson(#[from] serde_json::Error),
}

#[allow(dead_code)]
#[derive(Debug, CertifierError)]
#[certifier(log = "warn")]
enum Levelled {
    #[certifier(code = "not_found", log = "off")]
    Gone,
    #[certifier(code = "conflict", log = "trace")]
    Busy,
    #[certifier(code = "forbidden")]
    Denied,
    #[certifier(transparent)]
    Common(StandardError),
}

#[derive(Debug, CertifierError)]
#[certifier(code = "conflict", log = "info")]
struct Taken;

#[allow(dead_code)]
#[derive(Debug, CertifierError)]
enum WithMembers {
    // A member named `source` is a member: the source is the inner error's.
    #[certifier(transparent, header("Cache-Control", "no-store"))]
    Rejected {
        inner: StandardError,
        #[certifier(extend)]
        source: &'static str,
        #[certifier(extend, rename = "origin")]
        from: &'static str,
    },
    // The inner error is the one field without `extend`, wherever it stands.
    #[certifier(transparent)]
    Tuple(#[certifier(extend, rename = "path")] String, StandardError),
}

/// A constant named bare in a format argument, beside fields.
const LIMIT: u32 = 5;

#[derive(Debug, CertifierError)]
#[certifier(code = "bad_request", message("{} of {} allowed.", .count, LIMIT))]
pub struct Over {
    count: u32,
}

/// Sized types whose names only look like unsized ones: an associated type, and a type of
/// a module of the user's own.
pub trait Storage {
    type Path;
}

impl Storage for u8 {
    type Path = u16;
}

mod own {
    #[allow(non_camel_case_types)]
    pub type str = u32;
}

#[derive(Debug, CertifierError)]
#[certifier(code = "not_found")]
pub struct Stored {
    path: <u8 as Storage>::Path,
}

#[derive(Debug, CertifierError)]
#[certifier(code = "not_found")]
pub struct Named {
    tail: own::str,
}

fn main() {
    let error = ApiError::from(StandardError::NotFound);
    assert_eq!(error.code(), "not_found");
    assert_eq!(Levelled::Denied.log_level(), certifier_error::LogLevel::Warn);
    assert_eq!(Taken.log_level(), certifier_error::LogLevel::Info);
}
