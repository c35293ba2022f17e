//! What real applications reach for, answered alike by both frameworks: urlencoded
//! forms (`Form`), validated extractors (`Valid`, `Garde`) and field-keyed errors, each
//! case with the exact body expected.

use std::net::SocketAddr;

use http_body_util::Full;
use hyper::body::Bytes;
use serde::Deserialize;

/// `POST /login`: an urlencoded form.
#[derive(Debug, Deserialize)]
pub struct Login {
    pub name: String,
    pub remember: bool,
}

/// `GET /search/valid`: a query checked by validator.
#[derive(Debug, Deserialize, validator::Validate)]
pub struct SearchV {
    #[validate(length(min = 2))]
    pub q: String,
    #[validate(range(max = 50))]
    pub limit: Option<u8>,
}

/// `POST /login/valid`: a form checked by validator.
#[derive(Debug, Deserialize, validator::Validate)]
pub struct LoginV {
    #[validate(length(min = 3))]
    pub name: String,
    pub remember: bool,
}

/// `GET /users/{name}/valid`: a path checked by validator.
#[derive(Debug, Deserialize, validator::Validate)]
pub struct UserV {
    #[validate(length(max = 5))]
    pub name: String,
}

/// `GET /search/garde`: a query checked by garde.
#[derive(Debug, Deserialize, garde::Validate)]
pub struct SearchG {
    #[garde(length(min = 2))]
    pub q: String,
    #[garde(inner(range(max = 50)))]
    pub limit: Option<u8>,
}

/// `GET /users/{name}/garde`: a path checked by garde.
#[derive(Debug, Deserialize, garde::Validate)]
pub struct UserG {
    #[garde(length(max = 5))]
    pub name: String,
}

/// `POST /users…`: a new user, whose name and email the database keeps unique.
#[derive(Debug, Deserialize)]
pub struct NewUser {
    pub username: String,
    pub email: String,
}

/// The unique constraints of the users table and the members they protect.
pub const UNIQUE: &[(&str, &str)] = &[
    ("user_username_key", "username"),
    ("user_email_key", "email"),
];

/// The constraint the database reports for `user`, if it breaks one: a taken name or
/// email.
fn broken_constraint(user: &NewUser) -> Option<&'static str> {
    if user.username == "taken" {
        Some("user_username_key")
    } else if user.email == "taken@example.com" {
        Some("user_email_key")
    } else {
        None
    }
}

/// An API that keeps realworld's own `errors` member: a map of messages by field.
#[derive(Debug, certifier_error::CertifierError)]
pub enum RealWorldError {
    #[certifier(
        code = "unprocessable",
        status = 422,
        message = "The request could not be processed."
    )]
    Unprocessable {
        #[certifier(extend)]
        errors: std::collections::BTreeMap<String, Vec<String>>,
    },
}

/// `POST /users`: a broken constraint, as a violation at the member it protects.
pub fn create_user(user: NewUser) -> Result<String, certifier_error::Violations> {
    match broken_constraint(&user) {
        Some(constraint) => {
            let violation =
                certifier_error::Violation::from_constraint(constraint, UNIQUE, "taken")
                    .expect("every constraint of the table is mapped")
                    .with_message("has already been taken");
            Err(violation.into())
        }
        None => Ok(user.username),
    }
}

/// The realworld map of messages by field for `user`'s broken constraint.
fn messages(user: &NewUser) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut errors = std::collections::BTreeMap::new();
    if let Some(constraint) = broken_constraint(user) {
        let field = UNIQUE
            .iter()
            .find(|(name, _)| *name == constraint)
            .unwrap()
            .1;
        errors.insert(field.to_owned(), vec![format!("{field} taken")]);
    }
    errors
}

/// `POST /users/map`: the realworld map, turned into this crate's violations.
pub fn create_user_from_map(user: NewUser) -> Result<String, certifier_error::Violations> {
    let errors = messages(&user);
    if errors.is_empty() {
        return Ok(user.username);
    }
    Err(certifier_error::Violations::from_field_messages(
        "taken", errors,
    ))
}

/// `POST /users/own`: the realworld map, kept as the API's own `errors` member.
pub fn create_user_own(user: NewUser) -> Result<String, RealWorldError> {
    let errors = messages(&user);
    if errors.is_empty() {
        return Ok(user.username);
    }
    Err(RealWorldError::Unprocessable { errors })
}

/// The handlers' work, whatever the framework.
pub fn login(login: Login) -> String {
    format!("{} {}", login.name, login.remember)
}

pub fn search(q: &str, limit: Option<u8>) -> String {
    format!("{q} {limit:?}")
}

pub const FORM: &str = "application/x-www-form-urlencoded";
pub const JSON: &str = "application/json";

pub struct AppCase {
    pub name: &'static str,
    pub method: &'static str,
    pub path: &'static str,
    pub content_type: Option<&'static str>,
    pub body: &'static str,
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

pub const APP_CASES: &[AppCase] = &[
    AppCase {
        name: "form that fits",
        method: "POST",
        path: "/login",
        content_type: Some(FORM),
        body: "name=ann%20lee&remember=true",
        status: 200,
        expected_body: "ann lee true",
    },
    AppCase {
        name: "form field of the wrong type, not first",
        method: "POST",
        path: "/login",
        content_type: Some(FORM),
        body: "name=ann&remember=maybe",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid_type","message":"This value has the wrong type.","parameter":"remember"}"#
        ),
    },
    AppCase {
        name: "form field missing",
        method: "POST",
        path: "/login",
        content_type: Some(FORM),
        body: "remember=false",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"missing","message":"A required value is missing.","parameter":"name"}"#
        ),
    },
    AppCase {
        name: "form sent as JSON",
        method: "POST",
        path: "/login",
        content_type: Some(JSON),
        body: r#"{"name":"ann","remember":true}"#,
        status: 400,
        expected_body: r#"{"error":{"code":"bad_request","message":"The request body must be form data, sent with `content-type: application/x-www-form-urlencoded`."}}"#,
    },
    AppCase {
        name: "form without a content type",
        method: "POST",
        path: "/login",
        content_type: None,
        body: "name=ann&remember=true",
        status: 400,
        expected_body: r#"{"error":{"code":"bad_request","message":"The request body must be form data, sent with `content-type: application/x-www-form-urlencoded`."}}"#,
    },
    AppCase {
        name: "valid json: rules broken, by pointer",
        method: "POST",
        path: "/signup/valid",
        content_type: Some(JSON),
        body: r#"{"name":"ab","contacts":[{"email":"nope"}],"address":{"floor":0}}"#,
        status: 400,
        expected_body: invalid!(
            r#"{"code":"out_of_range","message":"Must be between 1 and 99.","pointer":"/address/floor"},"#,
            r#"{"code":"invalid_email","message":"This is not a valid email address.","pointer":"/contacts/0/email"},"#,
            r#"{"code":"too_short","message":"Must have a length between 3 and 20.","pointer":"/name"}"#,
        ),
    },
    AppCase {
        name: "valid json: the body is not JSON",
        method: "POST",
        path: "/signup/valid",
        content_type: Some(JSON),
        body: r#"{"name":"#,
        status: 400,
        expected_body: r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON.","errors":[{"code":"invalid_syntax","message":"The JSON is malformed or cut short here.","pointer":"/name"}]}}"#,
    },
    AppCase {
        name: "valid json: fits",
        method: "POST",
        path: "/signup/valid",
        content_type: Some(JSON),
        body: r#"{"name":"abc","contacts":[],"address":{"floor":3}}"#,
        status: 200,
        expected_body: "abc",
    },
    AppCase {
        name: "valid query: rules broken, by parameter",
        method: "GET",
        path: "/search/valid?q=r&limit=60",
        content_type: None,
        body: "",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"out_of_range","message":"Must be at most 50.","parameter":"limit"},"#,
            r#"{"code":"too_short","message":"Must have a length of at least 2.","parameter":"q"}"#,
        ),
    },
    AppCase {
        name: "valid query: the query does not decode",
        method: "GET",
        path: "/search/valid?q=rust&limit=ten",
        content_type: None,
        body: "",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid_type","message":"This value has the wrong type.","parameter":"limit"}"#
        ),
    },
    AppCase {
        name: "valid query: fits",
        method: "GET",
        path: "/search/valid?q=rust&limit=5",
        content_type: None,
        body: "",
        status: 200,
        expected_body: "rust Some(5)",
    },
    AppCase {
        name: "valid form: rule broken, by parameter",
        method: "POST",
        path: "/login/valid",
        content_type: Some(FORM),
        body: "name=al&remember=true",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"too_short","message":"Must have a length of at least 3.","parameter":"name"}"#
        ),
    },
    AppCase {
        name: "valid form: wrong content type",
        method: "POST",
        path: "/login/valid",
        content_type: Some(JSON),
        body: "{}",
        status: 400,
        expected_body: r#"{"error":{"code":"bad_request","message":"The request body must be form data, sent with `content-type: application/x-www-form-urlencoded`."}}"#,
    },
    AppCase {
        name: "valid path: rule broken, by parameter",
        method: "GET",
        path: "/users/rumpelstiltskin/valid",
        content_type: None,
        body: "",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"too_long","message":"Must have a length of at most 5.","parameter":"name"}"#
        ),
    },
    AppCase {
        name: "valid path: fits",
        method: "GET",
        path: "/users/ann/valid",
        content_type: None,
        body: "",
        status: 200,
        expected_body: "ann",
    },
    AppCase {
        name: "garde json: rules broken, by pointer",
        method: "POST",
        path: "/signup/garde",
        content_type: Some(JSON),
        body: r#"{"name":"ab","contacts":[],"address":{"floor":0}}"#,
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid","message":"lower than 1","pointer":"/address/floor"},"#,
            r#"{"code":"invalid","message":"length is lower than 3","pointer":"/name"}"#,
        ),
    },
    AppCase {
        name: "garde query: rules broken, by parameter",
        method: "GET",
        path: "/search/garde?q=r&limit=60",
        content_type: None,
        body: "",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid","message":"greater than 50","parameter":"limit"},"#,
            r#"{"code":"invalid","message":"length is lower than 2","parameter":"q"}"#,
        ),
    },
    AppCase {
        name: "garde query: fits",
        method: "GET",
        path: "/search/garde?q=rust",
        content_type: None,
        body: "",
        status: 200,
        expected_body: "rust None",
    },
    AppCase {
        name: "garde path: rule broken, by parameter",
        method: "GET",
        path: "/users/rumpelstiltskin/garde",
        content_type: None,
        body: "",
        status: 400,
        expected_body: invalid!(
            r#"{"code":"invalid","message":"length is greater than 5","parameter":"name"}"#
        ),
    },
    AppCase {
        name: "database constraint, at its field",
        method: "POST",
        path: "/users",
        content_type: Some(JSON),
        body: r#"{"username":"ann","email":"taken@example.com"}"#,
        status: 400,
        expected_body: invalid!(
            r#"{"code":"taken","message":"has already been taken","pointer":"/email"}"#
        ),
    },
    AppCase {
        name: "database constraint, none broken",
        method: "POST",
        path: "/users",
        content_type: Some(JSON),
        body: r#"{"username":"ann","email":"ann@example.com"}"#,
        status: 200,
        expected_body: "ann",
    },
    AppCase {
        name: "field-keyed messages, as violations",
        method: "POST",
        path: "/users/map",
        content_type: Some(JSON),
        body: r#"{"username":"taken","email":"ann@example.com"}"#,
        status: 400,
        expected_body: invalid!(
            r#"{"code":"taken","message":"username taken","pointer":"/username"}"#
        ),
    },
    AppCase {
        name: "field-keyed messages, kept as the API's own member",
        method: "POST",
        path: "/users/own",
        content_type: Some(JSON),
        body: r#"{"username":"taken","email":"ann@example.com"}"#,
        status: 422,
        expected_body: r#"{"error":{"code":"unprocessable","message":"The request could not be processed.","errors":{"username":["username taken"]}}}"#,
    },
];

/// Sends every case to the server at `address` and checks the status and the whole body;
/// the client decodes every error answer.
pub async fn check_apps(address: SocketAddr) {
    assert!(address.ip().is_loopback());
    for case in APP_CASES {
        let mut request = hyper::Request::builder()
            .method(case.method)
            .uri(format!("http://{address}{}", case.path));
        if let Some(content_type) = case.content_type {
            request = request.header("content-type", content_type);
        }
        let body = Full::new(Bytes::from(case.body));
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
            let error =
                certifier_error::decode_response::<serde_json::Value>(answer.status, &answer.body)
                    .unwrap_err();
            assert!(error.is_envelope(), "{}: {error:?}", case.name);
            // Whatever the shape of `errors`, the client keeps it as sent.
            let sent: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(
                error.error.extensions.get("errors"),
                sent["error"].get("errors"),
                "{}",
                case.name
            );
        }
    }
}

/// A form body over the server's limit (`limit` bytes) is `bad_request`, as a JSON body
/// over it is.
pub async fn check_form_too_large(address: SocketAddr, limit: usize) {
    let body = format!("name={}&remember=true", "a".repeat(limit + 1));
    let request = hyper::Request::post(format!("http://{address}/login"))
        .header("content-type", FORM)
        .body(Full::new(Bytes::from(body)))
        .unwrap();
    let answer = super::exchange("form too large", request).await;
    assert_eq!(
        (answer.status, std::str::from_utf8(&answer.body).unwrap()),
        (
            400,
            r#"{"error":{"code":"bad_request","message":"The request body is too large."}}"#
        )
    );
}
