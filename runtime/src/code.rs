use alloc::string::String;
use core::convert::Infallible;
use core::fmt;
use core::str::FromStr;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// The Certifier code table, written once: calls `$define!` with one row per code, in
/// table order. A row is the code's doc comment (a literal, so that the derive can read
/// it into `StandardError`'s catalogue), its variant name, its code string, its canonical
/// status and, after `bare`, the statuses of a response without an envelope that stand
/// for the code, with the reason ([`Code::for_status`]; any other 4xx is `bad_request`,
/// anything else `internal_server_error`).
///
/// [`Code`] (here) and [`StandardError`](crate::StandardError) are generated from it;
/// every per-code match of both reads it.
macro_rules! code_table {
    ($define:ident) => {
        $define! {
            /// `400 bad_request`: the request is malformed.
            BadRequest = "bad_request", 400;
            /// `400 missing_version`: the `Certifier-Version` header is absent.
            MissingVersion = "missing_version", 400;
            /// `400 invalid_version`: the `Certifier-Version` header names no valid version.
            InvalidVersion = "invalid_version", 400;
            /// `400 invalid_json`: the body is not valid JSON.
            InvalidJson = "invalid_json", 400, bare [415] "the API reads JSON only";
            /// `400 validation_error`: a parameter is missing or malformed.
            ValidationError = "validation_error", 400,
                bare [422] "well-formed, but a parameter does not fit";
            /// `401 unauthorized`: no valid authentication token came with the request.
            Unauthorized = "unauthorized", 401, bare [401] "its own code";
            /// `402 payment_required`: the object or change needs a premium plan.
            PaymentRequired = "payment_required", 402, bare [402] "its own code";
            /// `403 forbidden`: authenticated, but not allowed to touch that object or property.
            Forbidden = "forbidden", 403, bare [403, 451] "not allowed to read that object";
            /// `404 not_found`: no such route, or no such object.
            NotFound = "not_found", 404,
                bare [404, 405, 410] "a route the API does not have, or an object that is not there";
            /// `409 conflict`: the data changed underneath the request.
            Conflict = "conflict", 409,
                bare [409, 412] "a failed precondition is a data collision: refresh and retry";
            /// `429 rate_limited`: a rate limit was exceeded.
            RateLimited = "rate_limited", 429, bare [429] "its own code";
            /// `500 internal_server_error`: a fault on the server's side.
            InternalServerError = "internal_server_error", 500,
                bare [408] "a timeout of the service itself: see below";
        }
    };
}
pub(crate) use code_table;

/// Defines [`Code`] and its per-code methods from the rows of [`code_table!`].
macro_rules! define_code {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $code:literal, $status:literal
            $(, bare [$($bare:literal),+] $why:literal)?;
    )*) => {
        /// A Certifier error code, as found in the `code` member of an error object.
        ///
        /// One variant per code of the Certifier table, plus [`Code::Other`] for codes this
        /// version of the crate does not know yet. The API may add codes at any time, so a
        /// client must be ready for `Other`; the enum is `#[non_exhaustive]` because a later
        /// version may give such a code its own variant.
        ///
        /// Build a `Code` from its string with `From<&str>`, `From<String>`, [`FromStr`] or
        /// [`Deserialize`]. These always turn a known string into its named variant, so two
        /// codes are equal exactly when their strings are.
        ///
        /// ```
        /// use certifier_error::Code;
        ///
        /// let code = Code::from("rate_limited");
        /// assert_eq!(code, Code::RateLimited);
        /// assert_eq!(code.as_str(), "rate_limited");
        /// assert_eq!(code.status(), Some(429));
        ///
        /// let newer = Code::from("quota_exceeded");
        /// assert_eq!(newer, Code::Other("quota_exceeded".into()));
        /// assert_eq!(newer.status(), None);
        /// ```
        // Equality and hashing go by the string, so even a hand-built `Other("not_found")`
        // equals `NotFound`.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum Code {
            $(
                $(#[doc = $doc])*
                ///
                /// ```
                /// use certifier_error::Code;
                ///
                #[doc = concat!(
                    "assert_eq!(Code::from(\"", $code, "\"), Code::", stringify!($variant), ");"
                )]
                #[doc = concat!(
                    "assert_eq!(Code::", stringify!($variant), ".status(), Some(", $status, "));"
                )]
                /// ```
                $variant,
            )*
            /// A code this version of the crate does not know, holding its string.
            ///
            /// Obtain it from the constructors (`From<&str>`, `From<String>`, [`FromStr`],
            /// [`Deserialize`]), which map every known string to its named variant, so that a
            /// `match` on the named variants sees every known code. Equality and hashing go by
            /// the string, so a hand-built `Code::Other("not_found".into())` still equals
            /// [`Code::NotFound`]; but it would not match the pattern `Code::NotFound`. The
            /// variant is public so that it can be matched.
            ///
            /// ```
            /// use certifier_error::Code;
            ///
            /// match Code::from("quota_exceeded") {
            ///     Code::Other(code) => assert_eq!(code, "quota_exceeded"),
            ///     _ => unreachable!(),
            /// }
            /// ```
            Other(String),
        }

        impl Code {
            /// Every code of the Certifier table that this version knows, in table order.
            /// [`Code::Other`] is not part of it.
            ///
            /// ```
            /// use certifier_error::Code;
            ///
            /// assert!(Code::KNOWN.contains(&Code::Conflict));
            /// for code in Code::KNOWN {
            ///     assert!(code.is_known());
            ///     assert_eq!(&Code::from(code.as_str()), code);
            /// }
            /// ```
            pub const KNOWN: &'static [Code] = &[$(Code::$variant),*];

            /// The snake_case code string, as sent in the `code` member.
            ///
            /// ```
            /// use certifier_error::Code;
            ///
            /// assert_eq!(Code::InternalServerError.as_str(), "internal_server_error");
            /// assert_eq!(Code::from("plan_limit").as_str(), "plan_limit");
            /// ```
            pub fn as_str(&self) -> &str {
                match self {
                    $(Code::$variant => $code,)*
                    Code::Other(code) => code,
                }
            }

            /// The canonical HTTP status of a known code; `None` for [`Code::Other`].
            ///
            /// `internal_server_error` is also sent with 502, 503 and 504; its canonical
            /// status is 500. Clients should branch on the code rather than on the status.
            ///
            /// ```
            /// use certifier_error::Code;
            ///
            /// assert_eq!(Code::ValidationError.status(), Some(400));
            /// assert_eq!(Code::NotFound.status(), Some(404));
            /// assert_eq!(Code::from("plan_limit").status(), None);
            /// ```
            pub const fn status(&self) -> Option<u16> {
                match self {
                    $(Code::$variant => Some($status),)*
                    Code::Other(_) => None,
                }
            }

            /// The code that a response with `status` and no envelope stands for: the one
            /// mapping from HTTP status to code, shared by the client decoder
            /// ([`ErrorResponse::decode`](crate::ErrorResponse::decode)) and the server
            /// layers that put every error response in the envelope.
            ///
            /// | status | code | why |
            /// |---|---|---|
            $($(
                #[doc = concat!(
                    "| ", stringify!($($bare),+), " | `", $code, "` | ", $why, " |"
                )]
            )?)*
            /// | any other 4xx (400, 406, 411, 413, 414, 418, 431, …) | `bad_request` | a malformed request |
            /// | every 5xx, and anything else | `internal_server_error` | the server's fault |
            ///
            /// A `408` that reaches a service's layers comes from a timeout of the service
            /// itself (a client too slow to send its request is cut off by the HTTP server
            /// before any service runs), so it is the server's fault, and retryable. A
            /// status that is not an error (a 2xx body a client could not read, say) is
            /// also `internal_server_error`. The status an envelope with that code is sent
            /// with is [`envelope_status`](Self::envelope_status).
            ///
            /// ```
            /// use certifier_error::Code;
            ///
            /// assert_eq!(Code::for_status(405), Code::NotFound);
            /// assert_eq!(Code::for_status(413), Code::BadRequest);
            /// assert_eq!(Code::for_status(418), Code::BadRequest);
            /// assert_eq!(Code::for_status(422), Code::ValidationError);
            /// assert_eq!(Code::for_status(408), Code::InternalServerError);
            /// assert_eq!(Code::for_status(503), Code::InternalServerError);
            /// ```
            pub const fn for_status(status: u16) -> Code {
                match status {
                    $($($($bare)|+ => Code::$variant,)?)*
                    400..=499 => Code::BadRequest,
                    _ => Code::InternalServerError,
                }
            }

            /// The named variant for a known code string.
            fn lookup(code: &str) -> Option<Code> {
                Some(match code {
                    $($code => Code::$variant,)*
                    _ => return None,
                })
            }
        }
    };
}

code_table!(define_code);

impl Code {
    /// The status an envelope with this code is sent with, in place of `status`: the
    /// code's canonical status, except that `internal_server_error` keeps 502, 503 and
    /// 504 (the statuses the table gives it besides 500) and sends a 408, a timeout of
    /// the service, as 503. `None` for [`Code::Other`].
    ///
    /// Together with [`for_status`](Self::for_status), the status/code pair of every
    /// envelope built from a bare status is one of the table's.
    ///
    /// ```
    /// use certifier_error::Code;
    ///
    /// assert_eq!(Code::for_status(405).envelope_status(405), Some(404));
    /// assert_eq!(Code::for_status(413).envelope_status(413), Some(400));
    /// assert_eq!(Code::for_status(408).envelope_status(408), Some(503));
    /// assert_eq!(Code::for_status(502).envelope_status(502), Some(502));
    /// assert_eq!(Code::for_status(501).envelope_status(501), Some(500));
    /// ```
    #[must_use]
    pub const fn envelope_status(&self, status: u16) -> Option<u16> {
        match (self, status) {
            (Code::InternalServerError, 502..=504) => Some(status),
            (Code::InternalServerError, 408) => Some(503),
            _ => self.status(),
        }
    }

    /// Whether this is one of the named codes, that is, not [`Code::Other`].
    ///
    /// ```
    /// use certifier_error::Code;
    ///
    /// assert!(Code::from("forbidden").is_known());
    /// assert!(!Code::from("plan_limit").is_known());
    /// ```
    #[must_use]
    pub const fn is_known(&self) -> bool {
        !matches!(self, Code::Other(_))
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Code {}

impl core::hash::Hash for Code {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

/// Writes the code string.
///
/// ```
/// use certifier_error::Code;
///
/// assert_eq!(Code::RateLimited.to_string(), "rate_limited");
/// assert_eq!(format!("{}", Code::from("plan_limit")), "plan_limit");
/// ```
impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses a code string; never fails, as an unknown string becomes [`Code::Other`].
///
/// ```
/// use certifier_error::Code;
///
/// let code: Code = "not_found".parse().unwrap();
/// assert_eq!(code, Code::NotFound);
/// let code: Code = "plan_limit".parse().unwrap();
/// assert_eq!(code, Code::Other("plan_limit".into()));
/// ```
impl FromStr for Code {
    type Err = Infallible;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        Ok(Code::from(code))
    }
}

/// A known string becomes its named variant; any other string becomes [`Code::Other`].
///
/// ```
/// use certifier_error::Code;
///
/// assert_eq!(Code::from("conflict"), Code::Conflict);
/// assert_eq!(Code::from("plan_limit"), Code::Other("plan_limit".into()));
/// ```
impl From<&str> for Code {
    fn from(code: &str) -> Self {
        Code::lookup(code).unwrap_or_else(|| Code::Other(code.into()))
    }
}

/// A known string becomes its named variant; any other string becomes [`Code::Other`],
/// which keeps the given `String` without copying it.
///
/// ```
/// use certifier_error::Code;
///
/// assert_eq!(Code::from(String::from("unauthorized")), Code::Unauthorized);
/// assert_eq!(Code::from(String::from("plan_limit")).as_str(), "plan_limit");
/// ```
impl From<String> for Code {
    fn from(code: String) -> Self {
        Code::lookup(&code).unwrap_or(Code::Other(code))
    }
}

/// Compares the code with a code string.
///
/// ```
/// use certifier_error::Code;
///
/// assert!(Code::NotFound == *"not_found");
/// assert!(Code::from("plan_limit") == *"plan_limit");
/// ```
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// Compares the code with a code string.
///
/// ```
/// use certifier_error::Code;
///
/// assert_eq!(Code::NotFound, "not_found");
/// assert_ne!(Code::NotFound, "forbidden");
/// ```
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// Compares a code string with the code.
///
/// ```
/// use certifier_error::Code;
///
/// assert!(*"conflict" == Code::Conflict);
/// ```
impl PartialEq<Code> for str {
    fn eq(&self, other: &Code) -> bool {
        self == other.as_str()
    }
}

/// Compares a code string with the code.
///
/// ```
/// use certifier_error::Code;
///
/// assert_eq!("conflict", Code::Conflict);
/// ```
impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

/// Serialises the code as its plain string.
///
/// ```
/// use certifier_error::Code;
///
/// assert_eq!(serde_json::to_string(&Code::RateLimited)?, r#""rate_limited""#);
/// assert_eq!(serde_json::to_string(&Code::from("plan_limit"))?, r#""plan_limit""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Deserialises the code from a string, as `From<&str>` does: never fails on an unknown
/// code, only on a value that is not a string.
///
/// ```
/// use certifier_error::Code;
///
/// let code: Code = serde_json::from_str(r#""invalid_json""#)?;
/// assert_eq!(code, Code::InvalidJson);
/// let code: Code = serde_json::from_str(r#""plan_limit""#)?;
/// assert_eq!(code, Code::Other("plan_limit".into()));
/// assert!(serde_json::from_str::<Code>("404").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(CodeVisitor)
    }
}

struct CodeVisitor;

impl Visitor<'_> for CodeVisitor {
    type Value = Code;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a Certifier error code string")
    }

    fn visit_str<E: de::Error>(self, code: &str) -> Result<Code, E> {
        Ok(Code::from(code))
    }

    fn visit_borrowed_str<E: de::Error>(self, code: &str) -> Result<Code, E> {
        Ok(Code::from(code))
    }

    fn visit_string<E: de::Error>(self, code: String) -> Result<Code, E> {
        Ok(Code::from(code))
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;
    use alloc::vec::Vec;

    use super::*;

    /// Each comparison with a string says no as well as yes, both ways round.
    #[test]
    fn comparisons_with_strings_tell_codes_apart() {
        let code = Code::NotFound;
        let other = Code::from("plan_limit");
        assert!(code == *"not_found" && code != *"forbidden");
        assert!(code == "not_found" && code != "forbidden");
        assert!(*"not_found" == code && *"forbidden" != code);
        assert!("not_found" == code && "forbidden" != code);
        assert!(other == *"plan_limit" && other != *"not_found");
        assert!("plan_limit" == other && "not_found" != other);
        let same = Code::from("not_found");
        assert!(code != other && code == same);
    }

    /// Equal codes hash alike, whichever variant holds them; different codes do not.
    #[test]
    fn hashing_follows_the_code_string() {
        use core::hash::{Hash, Hasher};

        /// FNV-1a, enough to compare two hashes without `std`.
        struct Fnv(u64);
        impl Hasher for Fnv {
            fn finish(&self) -> u64 {
                self.0
            }
            fn write(&mut self, bytes: &[u8]) {
                for byte in bytes {
                    self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x100_0000_01b3);
                }
            }
        }
        let hash = |code: &Code| {
            let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
            code.hash(&mut hasher);
            hasher.finish()
        };
        assert_eq!(hash(&Code::NotFound), hash(&Code::from("not_found")));
        assert_ne!(hash(&Code::NotFound), hash(&Code::Forbidden));
        assert_ne!(hash(&Code::from("a")), hash(&Code::from("b")));
    }

    /// An envelope from a bare status keeps the server error statuses of the table and
    /// sends a timeout as 503; every other code sends its canonical status.
    #[test]
    fn envelope_statuses() {
        for (status, expected) in [
            (500, 500),
            (501, 500),
            (502, 502),
            (503, 503),
            (504, 504),
            (408, 503),
        ] {
            let code = Code::for_status(status);
            assert_eq!(code.envelope_status(status), Some(expected), "{status}");
        }
        assert_eq!(Code::NotFound.envelope_status(405), Some(404));
        assert_eq!(Code::BadRequest.envelope_status(413), Some(400));
        assert_eq!(Code::from("plan_limit").envelope_status(402), None);
    }

    /// A value that is not a string says what was expected.
    #[test]
    fn a_code_that_is_not_a_string_names_what_was_expected() {
        let error = serde_json::from_str::<Code>("404").unwrap_err().to_string();
        assert!(error.contains("a Certifier error code string"), "{error}");
    }

    const TABLE: [(&str, Code, u16); 12] = [
        ("bad_request", Code::BadRequest, 400),
        ("missing_version", Code::MissingVersion, 400),
        ("invalid_version", Code::InvalidVersion, 400),
        ("invalid_json", Code::InvalidJson, 400),
        ("validation_error", Code::ValidationError, 400),
        ("unauthorized", Code::Unauthorized, 401),
        ("payment_required", Code::PaymentRequired, 402),
        ("forbidden", Code::Forbidden, 403),
        ("not_found", Code::NotFound, 404),
        ("conflict", Code::Conflict, 409),
        ("rate_limited", Code::RateLimited, 429),
        ("internal_server_error", Code::InternalServerError, 500),
    ];

    #[test]
    fn known_strings_round_trip_to_named_variants() {
        for (text, code, _) in TABLE {
            assert_eq!(Code::from(text), code);
            assert_eq!(Code::from(String::from(text)), code);
            assert_eq!(text.parse::<Code>(), Ok(code.clone()));
            assert_eq!(code.as_str(), text);
            assert_eq!(code.to_string(), text);
            assert!(code.is_known());
            assert!(!matches!(Code::from(text), Code::Other(_)));
        }
    }

    #[test]
    fn known_lists_the_table_in_order() {
        let known: Vec<Code> = Code::KNOWN.to_vec();
        let table: Vec<Code> = TABLE.iter().map(|(_, code, _)| code.clone()).collect();
        assert_eq!(known, table);
    }

    #[test]
    fn status_table() {
        for (_, code, status) in TABLE {
            assert_eq!(code.status(), Some(status), "{code}");
        }
        assert_eq!(Code::from("plan_limit").status(), None);
    }

    #[test]
    fn unknown_strings_become_other() {
        for text in ["plan_limit", "", "Not_Found", "not_found ", "NOT_FOUND"] {
            let code = Code::from(text);
            assert_eq!(code, Code::Other(text.into()));
            assert_eq!(code.as_str(), text);
            assert_eq!(code.status(), None);
            assert!(!code.is_known());
            assert_eq!(Code::from(String::from(text)), code);
        }
    }

    #[test]
    fn from_string_keeps_the_allocation() {
        let text = String::from("plan_limit");
        let pointer = text.as_ptr();
        match Code::from(text) {
            Code::Other(kept) => assert_eq!(kept.as_ptr(), pointer),
            other => panic!("expected Other, got {other:?}"),
        }
    }

    #[test]
    fn compares_with_strings() {
        assert_eq!(Code::NotFound, "not_found");
        assert_eq!("not_found", Code::NotFound);
        assert!(Code::NotFound == *"not_found");
        assert!(*"not_found" == Code::NotFound);
        assert_ne!(Code::NotFound, "forbidden");
        assert_eq!(Code::from("plan_limit"), "plan_limit");
    }

    #[test]
    fn serde_round_trip() {
        for (text, code, _) in TABLE {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, alloc::format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
            // Owned and borrowed string paths.
            let value = serde_json::Value::String(text.into());
            assert_eq!(serde_json::from_value::<Code>(value).unwrap(), code);
        }
        let other: Code = serde_json::from_str(r#""plan_limit""#).unwrap();
        assert_eq!(other, Code::Other("plan_limit".into()));
        assert_eq!(serde_json::to_string(&other).unwrap(), r#""plan_limit""#);
        // An escaped string is decoded into a buffer first (the `visit_str` path).
        let escaped: Code = serde_json::from_str(r#""not\u005ffound""#).unwrap();
        assert_eq!(escaped, Code::NotFound);
    }

    #[test]
    fn non_strings_are_rejected() {
        for json in ["404", "null", "true", "[]", "{}"] {
            assert!(serde_json::from_str::<Code>(json).is_err(), "{json}");
        }
    }
}
