//! The validation cases both frameworks must answer alike: a request body with nested
//! members and lists, a query string, a path parameter, and `validator` and `garde`
//! reports, each with the exact body expected.

use std::net::SocketAddr;

use certifier_error::Violations;
use http_body_util::Full;
use hyper::body::Bytes;
use serde::Deserialize;
// validator's derive calls `validate()` on nested members as a method.
use validator::Validate as _;

/// `POST /orders`: nested members and lists.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Order {
    pub certificate: CertificateRequest,
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct CertificateRequest {
    pub domains: Vec<String>,
    pub validity_days: u32,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Contact {
    pub email: String,
}

/// `GET /orders`: the query string.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
pub struct Search {
    pub q: String,
    pub limit: Option<u8>,
}

/// `POST /signup/validator`: checked with validator after decoding.
#[derive(Debug, Deserialize, validator::Validate)]
pub struct SignupV {
    #[validate(length(min = 3, max = 20))]
    pub name: String,
    #[validate(nested)]
    pub contacts: Vec<ContactV>,
    #[validate(nested)]
    pub address: AddressV,
}

#[derive(Debug, Deserialize, validator::Validate)]
pub struct ContactV {
    #[validate(email)]
    pub email: String,
}

#[derive(Debug, Deserialize, validator::Validate)]
pub struct AddressV {
    #[validate(range(min = 1, max = 99))]
    pub floor: u32,
}

/// `POST /signup/garde`: checked with garde after decoding.
#[derive(Debug, Deserialize, garde::Validate)]
pub struct SignupG {
    #[garde(length(min = 3, max = 20))]
    pub name: String,
    #[garde(dive)]
    pub contacts: Vec<ContactG>,
    #[garde(dive)]
    pub address: AddressG,
}

#[derive(Debug, Deserialize, garde::Validate)]
pub struct ContactG {
    #[garde(email)]
    pub email: String,
}

#[derive(Debug, Deserialize, garde::Validate)]
pub struct AddressG {
    #[garde(range(min = 1, max = 99))]
    pub floor: u32,
}

/// The handlers' work, whatever the framework.
pub fn order(order: Order) -> String {
    order.certificate.domains.len().to_string()
}

pub fn search(search: Search) -> String {
    format!("{} {:?}", search.q, search.limit)
}

pub fn item(id: u32) -> String {
    id.to_string()
}

pub fn signup_validator(signup: SignupV) -> Result<String, Violations> {
    validator::Validate::validate(&signup).map_err(Violations::from)?;
    Ok(signup.name)
}

pub fn signup_garde(signup: SignupG) -> Result<String, Violations> {
    garde::Validate::validate(&signup).map_err(Violations::from)?;
    Ok(signup.name)
}

pub struct ValidationCase {
    pub name: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub body: Option<&'static str>,
    pub status: u16,
    pub expected_body: &'static str,
}

macro_rules! invalid {
    ($($item:literal),* $(,)?) => {
        concat!(
            r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":["#,
            $($item,)*
            "]}}"
        )
    };
}

macro_rules! not_json {
    ($pointer:literal) => {
        concat!(
            r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON.","errors":[{"code":"invalid_syntax","message":"The JSON is malformed or cut short here.","pointer":""#,
            $pointer,
            r#""}]}}"#
        )
    };
}

pub const VALIDATION_CASES: &[ValidationCase] = &[
    ValidationCase {
        name: "nested wrong type",
        method: "POST",
        path: "/orders",
        body: Some(
            r#"{"certificate":{"domains":["a.example",7],"validity_days":30},"contacts":[]}"#,
        ),
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid_type","message":"This value has the wrong type.","pointer":"/certificate/domains/1"}"#
        ),
    },
    ValidationCase {
        name: "nested missing member",
        method: "POST",
        path: "/orders",
        body: Some(r#"{"certificate":{"domains":[]},"contacts":[]}"#),
        status: 400,
        expected_body: invalid!(
            r#"{"code":"missing","message":"A required value is missing.","pointer":"/certificate/validity_days"}"#
        ),
    },
    ValidationCase {
        name: "missing member of a list item",
        method: "POST",
        path: "/orders",
        body: Some(
            r#"{"certificate":{"domains":[],"validity_days":1},"contacts":[{"email":"a@b.example"},{}]}"#,
        ),
        status: 400,
        expected_body: invalid!(
            r#"{"code":"missing","message":"A required value is missing.","pointer":"/contacts/1/email"}"#
        ),
    },
    ValidationCase {
        name: "negative number for an unsigned member",
        method: "POST",
        path: "/orders",
        body: Some(r#"{"certificate":{"domains":[],"validity_days":-1},"contacts":[]}"#),
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid_value","message":"This value is not one of the accepted values.","pointer":"/certificate/validity_days"}"#
        ),
    },
    ValidationCase {
        name: "truncated after a wrong type",
        method: "POST",
        path: "/orders",
        body: Some(r#"{"certificate":{"domains":[7"#),
        status: 400,
        expected_body: not_json!("/certificate/domains"),
    },
    ValidationCase {
        name: "truncated inside a member",
        method: "POST",
        path: "/orders",
        body: Some(r#"{"certificate":"#),
        status: 400,
        expected_body: not_json!("/certificate"),
    },
    ValidationCase {
        name: "deep lists, truncated",
        method: "POST",
        path: "/orders",
        body: Some("[[[["),
        status: 400,
        expected_body: not_json!("/0/0/0"),
    },
    ValidationCase {
        name: "not JSON",
        method: "POST",
        path: "/orders",
        body: Some("domains=a.example"),
        status: 400,
        expected_body: not_json!(""),
    },
    ValidationCase {
        name: "query parameter of the wrong type, not first",
        method: "GET",
        path: "/orders?q=x&limit=ten",
        body: None,
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid_type","message":"This value has the wrong type.","parameter":"limit"}"#
        ),
    },
    ValidationCase {
        name: "query parameter out of range",
        method: "GET",
        path: "/orders?limit=300&q=x",
        body: None,
        status: 400,
        expected_body: invalid!(
            r#"{"code":"out_of_range","message":"This value is out of the accepted range.","parameter":"limit"}"#
        ),
    },
    ValidationCase {
        name: "missing query parameter",
        method: "GET",
        path: "/orders?limit=3",
        body: None,
        status: 400,
        expected_body: invalid!(
            r#"{"code":"missing","message":"A required value is missing.","parameter":"q"}"#
        ),
    },
    ValidationCase {
        name: "query that fits",
        method: "GET",
        path: "/orders?q=x&limit=3",
        body: None,
        status: 200,
        expected_body: "x Some(3)",
    },
    ValidationCase {
        name: "path parameter of the wrong type",
        method: "GET",
        path: "/orders/seven",
        body: None,
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid_type","message":"This value has the wrong type.","parameter":"id"}"#
        ),
    },
    ValidationCase {
        name: "validator: nested structs and lists",
        method: "POST",
        path: "/signup/validator",
        body: Some(
            r#"{"name":"ab","contacts":[{"email":"a@b.example"},{"email":"nope"}],"address":{"floor":0}}"#,
        ),
        status: 400,
        expected_body: invalid!(
            r#"{"code":"out_of_range","message":"Must be between 1 and 99.","pointer":"/address/floor"},"#,
            r#"{"code":"invalid_email","message":"This is not a valid email address.","pointer":"/contacts/1/email"},"#,
            r#"{"code":"too_short","message":"Must have a length between 3 and 20.","pointer":"/name"}"#,
        ),
    },
    ValidationCase {
        name: "validator: valid",
        method: "POST",
        path: "/signup/validator",
        body: Some(r#"{"name":"abc","contacts":[],"address":{"floor":3}}"#),
        status: 200,
        expected_body: "abc",
    },
    ValidationCase {
        name: "garde: nested structs and lists",
        method: "POST",
        path: "/signup/garde",
        body: Some(
            r#"{"name":"ab","contacts":[{"email":"a@b.example"},{"email":"nope"}],"address":{"floor":0}}"#,
        ),
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid","message":"lower than 1","pointer":"/address/floor"},"#,
            r#"{"code":"invalid","message":"not a valid email: value is missing `@`","pointer":"/contacts/1/email"},"#,
            r#"{"code":"invalid","message":"length is lower than 3","pointer":"/name"}"#,
        ),
    },
];

/// Sends every case to the server at `address` and checks the status and the whole body.
pub async fn check_validation(address: SocketAddr) {
    assert!(address.ip().is_loopback());
    for case in VALIDATION_CASES {
        let mut request = hyper::Request::builder()
            .method(case.method)
            .uri(format!("http://{address}{}", case.path));
        if case.body.is_some() {
            request = request.header("content-type", "application/json");
        }
        let body = Full::new(Bytes::from(case.body.unwrap_or_default()));
        let answer = super::exchange(case.name, request.body(body).unwrap()).await;
        let body = std::str::from_utf8(&answer.body).unwrap();
        assert_eq!(
            (answer.status, body),
            (case.status, case.expected_body),
            "{}",
            case.name
        );
        if case.status >= 400 {
            assert_eq!(
                answer.headers["content-type"], "application/json",
                "{}",
                case.name
            );
            // The client decodes each item.
            let envelope: certifier_error::ErrorEnvelope<Items> =
                serde_json::from_str(body).unwrap();
            assert!(
                !envelope.error.extensions.errors.is_empty(),
                "{}",
                case.name
            );
        }
    }
}

/// The `errors` member, as a client names it.
#[derive(Debug, Deserialize)]
struct Items {
    errors: Vec<certifier_error::Violation>,
}
