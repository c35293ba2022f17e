//! A small certificate-issuing API, independent of any web framework: its error type
//! and its operations. The axum and actix-web examples serve it.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

use certifier_error::{CertifierError, Violation, Violations};
use serde::{Deserialize, Serialize};

/// The API version the examples accept in `Certifier-Version`.
pub const VERSION: &str = "2024-06-01";

/// The token `GET /account` accepts.
pub const TOKEN: &str = "demo-token";

/// The `WWW-Authenticate` challenge every `401` carries.
pub const CHALLENGE: &str = r#"Bearer realm="certifier""#;

/// What `DELETE /certificates/{id}` answers: revoking is not written yet, and the
/// handler says so with a bare status, without a body.
pub const REVOKE_STATUS: u16 = 501;

/// The servers' limits: users copy the examples, so they are hardened.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest request body; a larger declared `Content-Length` is refused at once.
    pub body: usize,
    /// How long a handler may take before the request answers
    /// `503 internal_server_error`.
    pub request: Duration,
    /// How long a client may take to send its request head (a slowloris client is cut
    /// off after that).
    pub header_read: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body: 1 << 20,
            request: Duration::from_secs(10),
            header_read: Duration::from_secs(5),
        }
    }
}

impl Limits {
    /// The defaults, with the request timeout from `REQUEST_TIMEOUT_MS` if set (the load
    /// test shortens it).
    pub fn from_env() -> Self {
        let mut limits = Limits::default();
        if let Some(ms) = std::env::var("REQUEST_TIMEOUT_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
        {
            limits.request = Duration::from_millis(ms);
        }
        limits
    }
}

/// Every error of the API. Framework failures (a missing `Certifier-Version`, a body
/// that is not JSON, a query string that does not fit, an unknown route) come from the
/// integrations instead.
///
/// Members are snake_case, as in the API's success bodies and in the members the
/// integrations add (`supported_versions`, `errors`): one convention per API.
///
/// Every envelope links to its code's page in the error reference the servers serve at
/// `/errors` (`doc_url`).
#[derive(Debug, CertifierError)]
#[certifier(doc_url = "/errors/{code}")]
pub enum ApiError {
    /// What is wrong with the request, member by member, in the integrations' format.
    #[certifier(transparent)]
    Invalid(Violations),

    #[certifier(
        code = "bad_request",
        key = "unexpected-body",
        message = "This request takes no body."
    )]
    UnexpectedBody,

    #[certifier(code = "unauthorized")]
    Unauthorized,

    #[certifier(
        code = "payment_required",
        key = "wildcard-needs-premium",
        message = "Wildcard certificates need a premium plan."
    )]
    WildcardNeedsPremium,

    /// The issue endpoint's own error, with its own members.
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} plan allows certificates valid for at most {max_validity_days} days."
    )]
    PlanLimit {
        #[certifier(extend)]
        plan: &'static str,
        #[certifier(extend)]
        max_validity_days: u32,
    },

    #[certifier(
        code = "forbidden",
        key = "certificate-not-yours",
        message = "Certificate `{0}` belongs to another organization."
    )]
    NotYours(String),

    #[certifier(
        code = "not_found",
        key = "unknown-certificate",
        message = "No certificate has the id `{0}`."
    )]
    UnknownCertificate(String),

    #[certifier(
        code = "conflict",
        key = "domain-taken",
        message = "`{domain}` already has an active certificate."
    )]
    DomainTaken {
        domain: String,
        #[certifier(extend)]
        certificate_id: String,
    },

    #[certifier(
        code = "rate_limited",
        key = "renewal-limited",
        message = "Renewals are limited; retry in {retry_after} s."
    )]
    RenewalLimited {
        #[certifier(extend, header = "Retry-After")]
        retry_after: u64,
    },

    /// Domain checks are throttled per certificate; the client example retries after
    /// the delay.
    #[certifier(
        code = "rate_limited",
        key = "check-limited",
        message = "Domain checks are limited to one per second; retry in {retry_after} s."
    )]
    CheckLimited {
        #[certifier(extend, header = "Retry-After")]
        retry_after: u64,
    },

    /// The cause is logged (feature `tracing`), never sent.
    #[certifier(code = "internal_server_error", status = 503)]
    SigningUnavailable {
        #[source]
        cause: std::io::Error,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub id: String,
    pub domain: String,
    pub validity_days: u32,
}

/// The query string of `GET /certificates`.
#[derive(Debug, Clone, Deserialize)]
pub struct ListQuery {
    pub limit: Option<usize>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct IssueRequest {
    pub domain: String,
    #[serde(default = "default_validity")]
    pub validity_days: u32,
}

fn default_validity() -> u32 {
    90
}

/// The answer of `POST /certificates/{id}/check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCheck {
    pub id: String,
    pub domain: String,
    pub reachable: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub organization: String,
    pub plan: String,
}

const FREE_PLAN_MAX_DAYS: u32 = 90;
const RENEWAL_INTERVAL_S: u64 = 3600;
const CHECK_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

struct Stored {
    certificate: Certificate,
    ours: bool,
}

/// The certificates, in memory. `cert_example` (for `example.com`) is ours and was just
/// renewed; `cert_other` belongs to another organization.
pub struct Store {
    certificates: Mutex<BTreeMap<String, Stored>>,
    /// When each certificate's domain was last checked.
    checks: Mutex<BTreeMap<String, std::time::Instant>>,
}

impl Default for Store {
    fn default() -> Self {
        let mut certificates = BTreeMap::new();
        for (id, domain, ours) in [
            ("cert_example", "example.com", true),
            ("cert_other", "other.org", false),
        ] {
            let certificate = Certificate {
                id: id.into(),
                domain: domain.into(),
                validity_days: 90,
            };
            certificates.insert(id.into(), Stored { certificate, ours });
        }
        Store {
            certificates: Mutex::new(certificates),
            checks: Mutex::new(BTreeMap::new()),
        }
    }
}

impl Store {
    /// `GET /certificates?limit=N`: ours, at most `limit` of them.
    pub fn list(&self, query: ListQuery) -> Vec<Certificate> {
        let certificates = self.certificates.lock().unwrap();
        certificates
            .values()
            .filter(|stored| stored.ours)
            .map(|stored| stored.certificate.clone())
            .take(query.limit.unwrap_or(usize::MAX))
            .collect()
    }

    /// `GET /certificates/{id}`.
    pub fn get(&self, id: &str) -> Result<Certificate, ApiError> {
        check_id(id)?;
        let certificates = self.certificates.lock().unwrap();
        match certificates.get(id) {
            Some(stored) if stored.ours => Ok(stored.certificate.clone()),
            Some(_) => Err(ApiError::NotYours(id.into())),
            None => Err(ApiError::UnknownCertificate(id.into())),
        }
    }

    /// `POST /certificates`.
    pub fn issue(&self, request: IssueRequest) -> Result<Certificate, ApiError> {
        let mut violations = Violations::new();
        let domain = request.domain.trim().to_ascii_lowercase();
        if domain.is_empty() || domain.contains(char::is_whitespace) {
            violations.push(
                Violation::at_path("invalid_format", ["domain"])
                    .with_message("Must be a domain name, such as `example.com`."),
            );
        }
        if request.validity_days == 0 {
            violations.push(
                Violation::at_path("out_of_range", ["validity_days"])
                    .with_message("Must be at least 1."),
            );
        }
        if !violations.is_empty() {
            return Err(ApiError::Invalid(violations));
        }
        if domain.starts_with("*.") {
            return Err(ApiError::WildcardNeedsPremium);
        }
        if request.validity_days > FREE_PLAN_MAX_DAYS {
            return Err(ApiError::PlanLimit {
                plan: "free",
                max_validity_days: FREE_PLAN_MAX_DAYS,
            });
        }
        let mut certificates = self.certificates.lock().unwrap();
        if let Some(taken) = certificates
            .values()
            .find(|s| s.certificate.domain == domain)
        {
            return Err(ApiError::DomainTaken {
                domain,
                certificate_id: taken.certificate.id.clone(),
            });
        }
        let id = format!("cert_{}", certificates.len() + 1);
        let certificate = Certificate {
            id: id.clone(),
            domain,
            validity_days: request.validity_days,
        };
        let stored = Stored {
            certificate: certificate.clone(),
            ours: true,
        };
        certificates.insert(id, stored);
        Ok(certificate)
    }

    /// `POST /certificates/{id}/renew`, which takes no body: every certificate was
    /// renewed within the hour.
    pub fn renew(&self, id: &str, body: &[u8]) -> Result<Certificate, ApiError> {
        if !body.is_empty() {
            return Err(ApiError::UnexpectedBody);
        }
        self.get(id)?;
        Err(ApiError::RenewalLimited {
            retry_after: RENEWAL_INTERVAL_S,
        })
    }

    /// `POST /certificates/{id}/check`: checks that the domain answers, at most once per
    /// second per certificate; sooner, the answer is `rate_limited` with the whole
    /// seconds left in `Retry-After`.
    pub fn check(&self, id: &str) -> Result<DomainCheck, ApiError> {
        let certificate = self.get(id)?;
        let mut checks = self.checks.lock().unwrap();
        let now = std::time::Instant::now();
        if let Some(last) = checks.get(id) {
            let elapsed = now.duration_since(*last);
            if elapsed < CHECK_INTERVAL {
                let left = CHECK_INTERVAL - elapsed;
                // Rounded up, so that a client waiting that long is not early.
                let retry_after = left.as_secs() + u64::from(left.subsec_nanos() > 0);
                return Err(ApiError::CheckLimited { retry_after });
            }
        }
        checks.insert(id.into(), now);
        Ok(DomainCheck {
            id: certificate.id,
            domain: certificate.domain,
            reachable: true,
        })
    }

    /// `GET /certificates/{id}/ocsp`: not written yet, and the handler panics, with the
    /// id in its message.
    pub fn ocsp(&self, id: &str) -> Result<String, ApiError> {
        self.get(id)?;
        todo!("OCSP responses (asked for {id})")
    }

    /// `GET /certificates/export`: building the archive takes far longer than the
    /// request timeout allows.
    pub async fn export(&self) -> Vec<Certificate> {
        tokio::time::sleep(Duration::from_secs(3600)).await;
        self.list(ListQuery { limit: None })
    }

    /// `GET /certificates/{id}/chain`: the signing service is down.
    pub fn chain(&self, id: &str) -> Result<String, ApiError> {
        self.get(id)?;
        let refused = std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "signing service at 10.0.0.7:7000 refused the connection",
        );
        Err(ApiError::SigningUnavailable { cause: refused })
    }
}

/// The longest certificate id the API accepts.
const ID_MAX_LEN: usize = 64;

/// Refuses an id no certificate can have (longer than [`ID_MAX_LEN`], or with
/// characters other than ASCII letters, digits, `_` and `-`) before any message quotes
/// it: `validation_error` naming the parameter, without its value. A message that
/// quoted whatever the client sent would grow with it (a 10,000-character id made a
/// 10 KB body and log line) and would carry text of the client's choosing to every
/// reader of the body and of the log. An empty id names no certificate: `not_found`.
fn check_id(id: &str) -> Result<(), ApiError> {
    let allowed = |byte: u8| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-';
    if id.len() <= ID_MAX_LEN && id.bytes().all(allowed) {
        return Ok(());
    }
    let violation = Violation::at_parameter("invalid_format", "id")
        .with_message("Must be at most 64 letters, digits, `_` or `-`.");
    Err(ApiError::Invalid(violation.into()))
}

/// The API's messages in French and German (the derive's are English), as the servers
/// serve them.
#[cfg(feature = "fluent")]
pub fn translations() -> certifier_error::fluent::Translations {
    let translations = certifier_error::fluent::Translations::new("en")
        .add("fr", include_str!("locales/fr.ftl"))
        .and_then(|translations| translations.add("de", include_str!("locales/de.ftl")));
    // The resources are part of the program; `locales_are_complete` checks them.
    translations.unwrap_or_else(|error| panic!("the example's translations: {error}"))
}

/// `GET /account`: needs `Authorization: Bearer demo-token`.
pub fn account(authorization: Option<&[u8]>) -> Result<Account, ApiError> {
    let expected = format!("Bearer {TOKEN}");
    match authorization {
        Some(value) if value == expected.as_bytes() => Ok(Account {
            organization: "Example Org".into(),
            plan: "free".into(),
        }),
        _ => Err(ApiError::Unauthorized),
    }
}

/// One request the startup banner lists, and the exact answer the end-to-end tests
/// expect from both servers: one list serves both, so the banner cannot drift.
// The examples print only some members; the end-to-end tests read them all.
#[allow(dead_code)]
pub struct Case {
    pub name: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Option<&'static str>,
    pub status: u16,
    /// `None` for a success.
    pub code: Option<&'static str>,
    pub expected_body: &'static str,
    /// Headers the answer must carry besides `content-type: application/json`.
    pub expected_headers: &'static [(&'static str, &'static str)],
}

const V: (&str, &str) = ("Certifier-Version", VERSION);
const JSON: (&str, &str) = ("Content-Type", "application/json");

/// A request for every standard code, and the endpoint-specific one. In order: the
/// issuing cases at the end change the store.
pub const CASES: &[Case] = &[
    Case {
        name: "success",
        method: "GET",
        path: "/certificates",
        headers: &[V],
        body: None,
        status: 200,
        code: None,
        expected_body: r#"[{"id":"cert_example","domain":"example.com","validity_days":90}]"#,
        expected_headers: &[],
    },
    Case {
        name: "validation_error (query parameter)",
        method: "GET",
        path: "/certificates?limit=ten",
        headers: &[V],
        body: None,
        status: 400,
        code: Some("validation_error"),
        expected_body: r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{"code":"invalid_type","message":"This value has the wrong type.","parameter":"limit"}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "bad_request (a body where none is taken)",
        method: "POST",
        path: "/certificates/cert_example/renew",
        headers: &[V, JSON],
        body: Some("{}"),
        status: 400,
        code: Some("bad_request"),
        expected_body: r#"{"error":{"code":"bad_request","message":"This request takes no body.","doc_url":"/errors/bad_request"}}"#,
        expected_headers: &[],
    },
    Case {
        name: "missing_version",
        method: "GET",
        path: "/certificates",
        headers: &[],
        body: None,
        status: 400,
        code: Some("missing_version"),
        expected_body: r#"{"error":{"code":"missing_version","message":"The Certifier-Version header is required.","supported_versions":["2024-06-01"]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "invalid_version",
        method: "GET",
        path: "/certificates/cert_example",
        headers: &[("Certifier-Version", "1999-01-01")],
        body: None,
        status: 400,
        code: Some("invalid_version"),
        expected_body: r#"{"error":{"code":"invalid_version","message":"The Certifier-Version header does not name a supported version.","supported_versions":["2024-06-01"]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "invalid_json (syntax)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "#),
        status: 400,
        code: Some("invalid_json"),
        expected_body: r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON.","errors":[{"code":"invalid_syntax","message":"The JSON is malformed or cut short here.","pointer":"/domain"}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "invalid_json (cut short after a value of the wrong type)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": 5"#),
        status: 400,
        code: Some("invalid_json"),
        expected_body: r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON.","errors":[{"code":"invalid_syntax","message":"The JSON is malformed or cut short here.","pointer":""}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "invalid_json (content type)",
        method: "POST",
        path: "/certificates",
        headers: &[V, ("Content-Type", "text/plain")],
        body: Some(r#"{"domain": "example.net"}"#),
        status: 400,
        code: Some("invalid_json"),
        expected_body: r#"{"error":{"code":"invalid_json","message":"The request body must be JSON, sent with `content-type: application/json`."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "validation_error (body of the wrong shape)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"validity_days": 30}"#),
        status: 400,
        code: Some("validation_error"),
        expected_body: r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{"code":"missing","message":"A required value is missing.","pointer":"/domain"}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "validation_error (a member of the wrong type)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "example.net", "validity_days": "ninety"}"#),
        status: 400,
        code: Some("validation_error"),
        expected_body: r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{"code":"invalid_type","message":"This value has the wrong type.","pointer":"/validity_days"}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "validation_error (field errors)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": " ", "validity_days": 0}"#),
        status: 400,
        code: Some("validation_error"),
        expected_body: r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","doc_url":"/errors/validation_error","errors":[{"code":"invalid_format","message":"Must be a domain name, such as `example.com`.","pointer":"/domain"},{"code":"out_of_range","message":"Must be at least 1.","pointer":"/validity_days"}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "unauthorized",
        method: "GET",
        path: "/account",
        headers: &[V, ("Authorization", "Bearer guess")],
        body: None,
        status: 401,
        code: Some("unauthorized"),
        expected_body: r#"{"error":{"code":"unauthorized","message":"Authentication is required for this request.","doc_url":"/errors/unauthorized"}}"#,
        expected_headers: &[("www-authenticate", CHALLENGE)],
    },
    Case {
        name: "authorized",
        method: "GET",
        path: "/account",
        headers: &[V, ("Authorization", "Bearer demo-token")],
        body: None,
        status: 200,
        code: None,
        expected_body: r#"{"organization":"Example Org","plan":"free"}"#,
        expected_headers: &[],
    },
    Case {
        name: "payment_required",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "*.example.net"}"#),
        status: 402,
        code: Some("payment_required"),
        expected_body: r#"{"error":{"code":"payment_required","message":"Wildcard certificates need a premium plan.","doc_url":"/errors/payment_required"}}"#,
        expected_headers: &[],
    },
    Case {
        name: "plan_limit (endpoint-specific members)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "example.net", "validity_days": 365}"#),
        status: 402,
        code: Some("plan_limit"),
        expected_body: r#"{"error":{"code":"plan_limit","message":"The free plan allows certificates valid for at most 90 days.","doc_url":"/errors/plan_limit","plan":"free","max_validity_days":90}}"#,
        expected_headers: &[],
    },
    Case {
        name: "forbidden",
        method: "GET",
        path: "/certificates/cert_other",
        headers: &[V],
        body: None,
        status: 403,
        code: Some("forbidden"),
        expected_body: r#"{"error":{"code":"forbidden","message":"Certificate `cert_other` belongs to another organization.","doc_url":"/errors/forbidden"}}"#,
        expected_headers: &[],
    },
    Case {
        name: "not_found (no such certificate)",
        method: "GET",
        path: "/certificates/cert_missing",
        headers: &[V],
        body: None,
        status: 404,
        code: Some("not_found"),
        expected_body: r#"{"error":{"code":"not_found","message":"No certificate has the id `cert_missing`.","doc_url":"/errors/not_found"}}"#,
        expected_headers: &[],
    },
    Case {
        name: "validation_error (an id no certificate can have)",
        method: "GET",
        path: "/certificates/x%60.%20status=200%20code=ok%20request_id=FORGED10",
        headers: &[V],
        body: None,
        status: 400,
        code: Some("validation_error"),
        expected_body: r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","doc_url":"/errors/validation_error","errors":[{"code":"invalid_format","message":"Must be at most 64 letters, digits, `_` or `-`.","parameter":"id"}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "validation_error (a path segment that is not UTF-8)",
        method: "GET",
        path: "/certificates/%FF",
        headers: &[V],
        body: None,
        status: 400,
        code: Some("validation_error"),
        expected_body: r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{"code":"invalid_value","message":"This value is not one of the accepted values.","parameter":"id"}]}}"#,
        expected_headers: &[],
    },
    Case {
        name: "not_found (no such route, without a version)",
        method: "GET",
        path: "/nowhere",
        headers: &[],
        body: None,
        status: 404,
        code: Some("not_found"),
        expected_body: r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "not_found (no such method), with Allow",
        method: "DELETE",
        path: "/certificates",
        headers: &[V],
        body: None,
        status: 404,
        code: Some("not_found"),
        expected_body: r#"{"error":{"code":"not_found","message":"The requested resource does not support this method."}}"#,
        expected_headers: &[("allow", "GET,HEAD,POST")],
    },
    Case {
        name: "not_found (no such method, without a version)",
        method: "POST",
        path: "/account",
        headers: &[],
        body: None,
        status: 404,
        code: Some("not_found"),
        expected_body: r#"{"error":{"code":"not_found","message":"The requested resource does not support this method."}}"#,
        expected_headers: &[("allow", "GET,HEAD")],
    },
    Case {
        name: "internal_server_error (a bare 501 from the handler)",
        method: "DELETE",
        path: "/certificates/cert_example",
        headers: &[V],
        body: None,
        status: 500,
        code: Some("internal_server_error"),
        expected_body: r#"{"error":{"code":"internal_server_error","message":"Something went wrong on our side; please try again later."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "internal_server_error (the handler panics)",
        method: "GET",
        path: "/certificates/cert_example/ocsp",
        headers: &[V],
        body: None,
        status: 500,
        code: Some("internal_server_error"),
        expected_body: r#"{"error":{"code":"internal_server_error","message":"Something went wrong on our side; please try again later."}}"#,
        expected_headers: &[],
    },
    Case {
        name: "conflict",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "example.com"}"#),
        status: 409,
        code: Some("conflict"),
        expected_body: r#"{"error":{"code":"conflict","message":"`example.com` already has an active certificate.","doc_url":"/errors/conflict","certificate_id":"cert_example"}}"#,
        expected_headers: &[],
    },
    Case {
        name: "rate_limited, with Retry-After",
        method: "POST",
        path: "/certificates/cert_example/renew",
        headers: &[V],
        body: None,
        status: 429,
        code: Some("rate_limited"),
        expected_body: r#"{"error":{"code":"rate_limited","message":"Renewals are limited; retry in 3600 s.","doc_url":"/errors/rate_limited","retry_after":3600}}"#,
        expected_headers: &[("retry-after", "3600")],
    },
    Case {
        name: "internal_server_error (cause in the log)",
        method: "GET",
        path: "/certificates/cert_example/chain",
        headers: &[V],
        body: None,
        status: 503,
        code: Some("internal_server_error"),
        expected_body: r#"{"error":{"code":"internal_server_error","message":"Something went wrong on our side; please try again later.","doc_url":"/errors/internal_server_error"}}"#,
        expected_headers: &[],
    },
    Case {
        name: "issued",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "new.example.net"}"#),
        status: 200,
        code: None,
        expected_body: r#"{"id":"cert_3","domain":"new.example.net","validity_days":90}"#,
        expected_headers: &[],
    },
    Case {
        name: "conflict with the issued certificate",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some(r#"{"domain": "New.Example.net", "validity_days": 30}"#),
        status: 409,
        code: Some("conflict"),
        expected_body: r#"{"error":{"code":"conflict","message":"`new.example.net` already has an active certificate.","doc_url":"/errors/conflict","certificate_id":"cert_3"}}"#,
        expected_headers: &[],
    },
];

/// The startup banner: a `curl` command for each case, with the status and code it
/// answers.
pub fn banner(framework: &str, address: std::net::SocketAddr) -> String {
    let mut text = format!("certificate API ({framework}) listening on http://{address}\n");
    text += "try (add -i to see the status and headers):\n";
    for case in CASES {
        let mut command = format!("curl -s -X {} 'http://{address}{}'", case.method, case.path);
        for (name, value) in case.headers {
            command += &format!(" -H '{name}: {value}'");
        }
        if let Some(body) = case.body {
            command += &format!(" -d '{body}'");
        }
        text += &format!("\n  # {} {}\n  {command}\n", case.status, case.name);
    }
    text
}

/// The port from the first argument, else `PORT`, else `default`.
pub fn port(default: u16) -> u16 {
    std::env::args()
        .nth(1)
        .or_else(|| std::env::var("PORT").ok())
        .and_then(|port| port.parse().ok())
        .unwrap_or(default)
}
