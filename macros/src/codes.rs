//! The Certifier code table, as the macro needs it: canonical statuses and the default
//! public messages of standard codes. The runtime's `Code` carries the same table; a
//! test in the tests crate keeps the two in step.

pub struct StandardCode {
    pub code: &'static str,
    /// Every status the code may be answered with; the first is the default.
    pub statuses: &'static [u16],
    pub message: &'static str,
}

pub const STANDARD_CODES: &[StandardCode] = &[
    StandardCode {
        code: "bad_request",
        statuses: &[400],
        message: "The request could not be understood.",
    },
    StandardCode {
        code: "missing_version",
        statuses: &[400],
        message: "The Certifier-Version header is required.",
    },
    StandardCode {
        code: "invalid_version",
        statuses: &[400],
        message: "The Certifier-Version header does not name a supported version.",
    },
    StandardCode {
        code: "invalid_json",
        statuses: &[400],
        message: "The request body is not valid JSON.",
    },
    StandardCode {
        code: "validation_error",
        statuses: &[400],
        message: "One or more parameters are missing or invalid.",
    },
    StandardCode {
        code: "unauthorized",
        statuses: &[401],
        message: "Authentication is required for this request.",
    },
    StandardCode {
        code: "payment_required",
        statuses: &[402],
        message: "This feature requires a premium plan.",
    },
    StandardCode {
        code: "forbidden",
        statuses: &[403],
        message: "You do not have access to this resource.",
    },
    StandardCode {
        code: "not_found",
        statuses: &[404],
        message: "The requested resource does not exist.",
    },
    StandardCode {
        code: "conflict",
        statuses: &[409],
        message: "The request conflicts with the current state; refresh and try again.",
    },
    StandardCode {
        code: "rate_limited",
        statuses: &[429],
        message: "Too many requests; please slow down and try again later.",
    },
    StandardCode {
        code: "internal_server_error",
        statuses: &[500, 502, 503, 504],
        message: "Something went wrong on our side; please try again later.",
    },
];

pub fn lookup(code: &str) -> Option<&'static StandardCode> {
    for standard in STANDARD_CODES {
        if standard.code == code {
            return Some(standard);
        }
    }
    None
}
