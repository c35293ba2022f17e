//! A small certificate-issuing API, independent of any web framework: its error type
//! and its operations. The axum and actix-web examples serve it.

use std::collections::BTreeMap;
use std::sync::Mutex;

use certifier_error::CertifierError;
use serde::{Deserialize, Serialize};

/// The API version the examples accept in `Certifier-Version`.
pub const VERSION: &str = "2024-06-01";

/// The token `GET /account` accepts.
pub const TOKEN: &str = "demo-token";

/// Every error of the API. Framework failures (a missing `Certifier-Version`, a body
/// that is not JSON, an unknown route) come from the integrations instead.
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
pub enum ApiError {
    #[certifier(
        code = "bad_request",
        message = "The query parameter `{name}` could not be understood."
    )]
    BadQuery { name: &'static str },

    #[certifier(code = "validation_error")]
    Invalid {
        #[certifier(extend)]
        errors: Vec<FieldError>,
    },

    #[certifier(code = "unauthorized")]
    Unauthorized,

    #[certifier(
        code = "payment_required",
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
        message = "Certificate `{0}` belongs to another organization."
    )]
    NotYours(String),

    #[certifier(code = "not_found", message = "No certificate has the id `{0}`.")]
    UnknownCertificate(String),

    #[certifier(
        code = "conflict",
        message = "`{domain}` already has an active certificate."
    )]
    DomainTaken {
        domain: String,
        #[certifier(extend)]
        certificate_id: String,
    },

    #[certifier(
        code = "rate_limited",
        message = "Renewals are limited; retry in {retry_after} s."
    )]
    RenewalLimited {
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

/// One problem with one parameter, in a `validation_error`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Certificate {
    pub id: String,
    pub domain: String,
    pub validity_days: u32,
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub organization: String,
    pub plan: String,
}

const FREE_PLAN_MAX_DAYS: u32 = 90;
const RENEWAL_INTERVAL_S: u64 = 3600;

struct Stored {
    certificate: Certificate,
    ours: bool,
}

/// The certificates, in memory. `cert_example` (for `example.com`) is ours and was just
/// renewed; `cert_other` belongs to another organization.
pub struct Store {
    certificates: Mutex<BTreeMap<String, Stored>>,
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
        }
    }
}

impl Store {
    /// `GET /certificates?limit=N`: ours, at most `limit` of them.
    pub fn list(&self, query: Option<&str>) -> Result<Vec<Certificate>, ApiError> {
        let mut limit = usize::MAX;
        for pair in query
            .unwrap_or_default()
            .split('&')
            .filter(|pair| !pair.is_empty())
        {
            if let Some(value) = pair.strip_prefix("limit=") {
                limit = value
                    .parse()
                    .map_err(|_| ApiError::BadQuery { name: "limit" })?;
            }
        }
        let certificates = self.certificates.lock().unwrap();
        Ok(certificates
            .values()
            .filter(|stored| stored.ours)
            .map(|stored| stored.certificate.clone())
            .take(limit)
            .collect())
    }

    /// `GET /certificates/{id}`.
    pub fn get(&self, id: &str) -> Result<Certificate, ApiError> {
        let certificates = self.certificates.lock().unwrap();
        match certificates.get(id) {
            Some(stored) if stored.ours => Ok(stored.certificate.clone()),
            Some(_) => Err(ApiError::NotYours(id.into())),
            None => Err(ApiError::UnknownCertificate(id.into())),
        }
    }

    /// `POST /certificates`.
    pub fn issue(&self, request: IssueRequest) -> Result<Certificate, ApiError> {
        let mut errors = Vec::new();
        let domain = request.domain.trim().to_ascii_lowercase();
        if domain.is_empty() || domain.contains(char::is_whitespace) {
            errors.push(FieldError {
                field: "domain".into(),
                problem: "must be a domain name, such as `example.com`".into(),
            });
        }
        if request.validity_days == 0 {
            errors.push(FieldError {
                field: "validity_days".into(),
                problem: "must be at least 1".into(),
            });
        }
        if !errors.is_empty() {
            return Err(ApiError::Invalid { errors });
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

    /// `POST /certificates/{id}/renew`: every certificate was renewed within the hour.
    pub fn renew(&self, id: &str) -> Result<Certificate, ApiError> {
        self.get(id)?;
        Err(ApiError::RenewalLimited {
            retry_after: RENEWAL_INTERVAL_S,
        })
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

/// One request the banner lists, with what it shows.
pub struct Case {
    pub shows: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Option<&'static str>,
}

const V: (&str, &str) = ("Certifier-Version", VERSION);
const JSON: (&str, &str) = ("Content-Type", "application/json");

/// A request for every standard code, and the endpoint-specific one.
pub const CASES: &[Case] = &[
    Case {
        shows: "200 the certificates",
        method: "GET",
        path: "/certificates",
        headers: &[V],
        body: None,
    },
    Case {
        shows: "400 bad_request",
        method: "GET",
        path: "/certificates?limit=ten",
        headers: &[V],
        body: None,
    },
    Case {
        shows: "400 missing_version",
        method: "GET",
        path: "/certificates",
        headers: &[],
        body: None,
    },
    Case {
        shows: "400 invalid_version",
        method: "GET",
        path: "/certificates",
        headers: &[("Certifier-Version", "1999-01-01")],
        body: None,
    },
    Case {
        shows: "400 invalid_json",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some("{\"domain\": "),
    },
    Case {
        shows: "400 validation_error (body of the wrong shape)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some("{\"validity_days\": 30}"),
    },
    Case {
        shows: "400 validation_error (field errors)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some("{\"domain\": \" \", \"validity_days\": 0}"),
    },
    Case {
        shows: "401 unauthorized",
        method: "GET",
        path: "/account",
        headers: &[V],
        body: None,
    },
    Case {
        shows: "402 payment_required",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some("{\"domain\": \"*.example.net\"}"),
    },
    Case {
        shows: "402 plan_limit (endpoint-specific members)",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some("{\"domain\": \"example.net\", \"validity_days\": 365}"),
    },
    Case {
        shows: "403 forbidden",
        method: "GET",
        path: "/certificates/cert_other",
        headers: &[V],
        body: None,
    },
    Case {
        shows: "404 not_found (no such certificate)",
        method: "GET",
        path: "/certificates/cert_missing",
        headers: &[V],
        body: None,
    },
    Case {
        shows: "404 not_found (no such route)",
        method: "GET",
        path: "/nowhere",
        headers: &[],
        body: None,
    },
    Case {
        shows: "409 conflict",
        method: "POST",
        path: "/certificates",
        headers: &[V, JSON],
        body: Some("{\"domain\": \"example.com\"}"),
    },
    Case {
        shows: "429 rate_limited, with Retry-After",
        method: "POST",
        path: "/certificates/cert_example/renew",
        headers: &[V],
        body: None,
    },
    Case {
        shows: "503 internal_server_error (cause in the log)",
        method: "GET",
        path: "/certificates/cert_example/chain",
        headers: &[V],
        body: None,
    },
];

/// The startup banner: a `curl` command for each case.
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
        text += &format!("\n  # {}\n  {command}\n", case.shows);
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
