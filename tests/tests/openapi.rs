//! The OpenAPI document (feature `utoipa`) and the JSON Schemas (feature `schemars`) of
//! derived types, checked against their catalogues; and the OpenAPI document of the axum
//! example's API, checked against its catalogue and against the bodies its server sends.

// The error types exist to be described, not constructed.
#![allow(dead_code)]

/// The example API, shared by the server examples: its error type, `ApiError`, and the
/// requests of its end-to-end cases with the exact bodies its servers answer.
#[path = "../../runtime/examples/support/api.rs"]
mod api;

use std::collections::{BTreeMap, BTreeSet};

use certifier_error::server::{
    JsonRejection, LayerError, PathRejection, QueryRejection, VersionError,
};
use certifier_error::{CertifierError, ErrorCatalogue, ErrorEnvelope, StandardError};
use serde::Serialize;
use serde_json::{json, Value};
use utoipa::openapi::{OpenApi as Document, RefOr};
use utoipa::{IntoResponses, OpenApi};

/// A member type without a schema of its own.
#[derive(Debug, Serialize)]
struct FieldError {
    field: &'static str,
}

/// Errors of the certificate endpoints.
#[derive(Debug, CertifierError)]
#[certifier(
    rename_all = "camelCase",
    doc_url = "https://docs.example.com/errors/{code}"
)]
enum IssueError {
    /// Some parameters are invalid.
    #[certifier(code = "validation_error", message = "{count} parameters are invalid.")]
    Validation {
        count: usize,
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
    },
    #[certifier(code = "rate_limited")]
    RateLimited {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend)]
        bucket: Option<String>,
    },
    /// The plan allows no more certificates.
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} plan is full."
    )]
    PlanLimit {
        plan: String,
        #[certifier(extend, rename = "maxCertificates")]
        max: u32,
    },
    #[certifier(code = "internal_server_error", status = 503)]
    Unavailable,
    #[certifier(transparent)]
    Common(StandardError),
}

/// Errors of the lookup endpoint.
#[derive(Debug, CertifierError)]
enum LookupError<E> {
    #[certifier(status = 410, code = "certificate_revoked", message = "Revoked.")]
    Revoked {
        #[certifier(extend)]
        revoked_at: E,
    },
    #[certifier(code = "not_found")]
    NotFound,
}

/// Issues a certificate.
#[utoipa::path(
    post,
    path = "/certificates",
    responses((status = 201, description = "Issued"), IssueError)
)]
fn issue() {}

/// Looks a certificate up.
#[utoipa::path(
    get,
    path = "/certificates/{id}",
    params(("id" = u64, Path, description = "The certificate's id")),
    responses((status = 200, description = "Found"), LookupError<String>)
)]
fn lookup() {}

#[derive(OpenApi)]
#[openapi(paths(issue, lookup), components(schemas(ErrorEnvelope)))]
struct Api;

/// The document, written out and parsed back with utoipa's own types.
fn document() -> Document {
    let text = Api::openapi().to_pretty_json().unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Status -> every example envelope of that response.
fn examples_of(document: &Document, path: &str, get: bool) -> BTreeMap<String, Vec<Value>> {
    let item = &document.paths.paths[path];
    let operation = if get {
        item.get.as_ref()
    } else {
        item.post.as_ref()
    }
    .unwrap();
    let mut out = BTreeMap::new();
    for (status, response) in &operation.responses.responses {
        let RefOr::T(response) = response else {
            panic!("inline responses expected");
        };
        let values = response
            .content
            .get("application/json")
            .map(|content| {
                content
                    .examples
                    .values()
                    .map(|example| match example {
                        RefOr::T(example) => example.value.clone().unwrap(),
                        RefOr::Ref(_) => panic!("inline examples expected"),
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.insert(status.clone(), values);
    }
    out
}

fn check_against_catalogue<T: ErrorCatalogue>(
    examples: &BTreeMap<String, Vec<Value>>,
    own: &[&str],
) {
    let catalogue = T::CATALOGUE;
    let statuses: BTreeSet<String> = catalogue.iter().map(|e| e.status().to_string()).collect();
    let documented: BTreeSet<String> = examples
        .keys()
        .filter(|status| !own.contains(&status.as_str()))
        .cloned()
        .collect();
    assert_eq!(documented, statuses, "one response per status, no other");
    for entry in catalogue {
        // The example has the shape of the body: the envelope's members and every
        // extension member, none other.
        let mut expected: BTreeSet<&str> = ["code", "message"].into();
        if entry.doc_url().is_some() {
            expected.insert("doc_url");
        }
        expected.extend(entry.members());
        let listed = &examples[&entry.status().to_string()];
        let example = listed
            .iter()
            .find(|value| {
                let shown: BTreeSet<&str> = value["error"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .map(String::as_str)
                    .collect();
                value["error"]["code"] == entry.code()
                    && value["error"]["message"] == shown_message(entry.message())
                    && shown == expected
            })
            .unwrap_or_else(|| {
                panic!(
                    "no example for {} under {} with members {expected:?}",
                    entry.code(),
                    entry.status()
                )
            });
        match entry.doc_url() {
            Some(url) => assert_eq!(example["error"]["doc_url"], url.to_string()),
            None => assert!(example["error"].get("doc_url").is_none()),
        }
        // The example is a body a client decodes.
        let decoded: ErrorEnvelope = serde_json::from_value(example.clone()).unwrap();
        assert_eq!(decoded.error.code.as_str(), entry.code());
    }
    let count: usize = examples.values().map(Vec::len).sum();
    let mut distinct: Vec<_> = Vec::new();
    for entry in catalogue {
        if !distinct.contains(&entry) {
            distinct.push(entry);
        }
    }
    assert_eq!(count, distinct.len(), "one example per distinct entry");
}

/// The message an example shows: the message as sent when the template has no
/// placeholder (brace escapes undone), else the template itself.
fn shown_message(template: &str) -> String {
    let unescaped = template.replace("{{", "").replace("}}", "");
    if unescaped.contains('{') || unescaped.contains('}') {
        template.to_owned()
    } else {
        template.replace("{{", "{").replace("}}", "}")
    }
}

#[test]
fn the_document_lists_every_status_and_code() {
    let document = document();
    let issue = examples_of(&document, "/certificates", false);
    check_against_catalogue::<IssueError>(&issue, &["201"]);
    // Both internal_server_error statuses are there.
    assert!(issue.contains_key("500") && issue.contains_key("503"));
    assert_eq!(
        issue["400"].len(),
        6,
        "validation_error plus StandardError's five 400s"
    );

    let lookup = examples_of(&document, "/certificates/{id}", true);
    check_against_catalogue::<LookupError<String>>(&lookup, &["200"]);
    assert_eq!(lookup.keys().collect::<Vec<_>>(), ["200", "404", "410"]);
}

#[test]
fn responses_describe_their_codes() {
    let responses = IssueError::responses();
    let RefOr::T(payment) = &responses["402"] else {
        panic!("inline response expected");
    };
    assert_eq!(
        payment.description,
        "- `plan_limit`: The plan allows no more certificates.\n\
         - `payment_required`: `402 payment_required`: the object or change needs a premium plan."
    );
    let content = &payment.content["application/json"];
    let RefOr::T(example) = &content.examples["plan_limit"] else {
        panic!("inline example expected");
    };
    assert_eq!(
        example.description,
        "`message` is the template: each `{…}` is filled in from the error. \
         Extension members (placeholder values): `maxCertificates`."
    );
    // A message with placeholders is shown as its template, and the description says so;
    // the member's placeholder comes from its type's schema.
    let value = example.value.as_ref().unwrap();
    assert_eq!(
        value,
        &json!({"error": {
            "code": "plan_limit",
            "message": "The {plan} plan is full.",
            "doc_url": "https://docs.example.com/errors/plan_limit",
            "maxCertificates": 0,
        }})
    );
    assert_eq!(example.summary, "The plan allows no more certificates.");
    let RefOr::T(payment_required) = &content.examples["payment_required"] else {
        panic!("inline example expected");
    };
    assert_eq!(payment_required.description, "");
    let RefOr::T(validation) = &responses["400"] else {
        panic!("inline response expected");
    };
    let RefOr::T(example) = &validation.content["application/json"].examples
        ["validation_error (IssueError::Validation)"]
    else {
        panic!("inline example expected");
    };
    assert_eq!(
        example.description,
        "`message` is the template: each `{…}` is filled in from the error. \
         Extension members (placeholder values): `fieldErrors`."
    );
    // `Vec<FieldError>` has no schema: `null`.
    assert_eq!(
        example.value.as_ref().unwrap()["error"]["fieldErrors"],
        Value::Null
    );
    let RefOr::T(slow) = &responses["429"] else {
        panic!("inline response expected");
    };
    let RefOr::T(example) =
        &slow.content["application/json"].examples["rate_limited (IssueError::RateLimited)"]
    else {
        panic!("inline example expected");
    };
    // The standard message, without placeholders, is shown as sent; an `Option` member
    // is shown with its inner type's placeholder.
    assert_eq!(
        example.value.as_ref().unwrap(),
        &json!({"error": {
            "code": "rate_limited",
            "message": StandardError::RateLimited.to_string(),
            "doc_url": "https://docs.example.com/errors/rate_limited",
            "retryAfter": 0,
            "bucket": "",
        }})
    );
    // The registered component, not a copy of it.
    let schema = serde_json::to_value(content.schema.as_ref().unwrap()).unwrap();
    assert_eq!(
        schema,
        json!({"$ref": "#/components/schemas/ErrorEnvelope"})
    );
    assert!(!responses.contains_key("default"));
}

#[test]
fn an_open_catalogue_adds_a_default_response() {
    type Open = LookupError<Box<dyn CertifierError + Send + Sync>>;
    // The transparent-free generic type is complete whatever its member type...
    assert!(Open::CATALOGUE.is_complete());
    // ...while a transparent trait object is not.
    #[derive(Debug, CertifierError)]
    enum Wrapper<E> {
        #[certifier(transparent)]
        Any(E),
    }
    let responses = <Wrapper<Box<dyn CertifierError + Send + Sync>>>::responses();
    assert_eq!(responses.keys().collect::<Vec<_>>(), ["default"]);
    let responses = <Wrapper<StandardError>>::responses();
    let statuses: Vec<&String> = responses.keys().collect();
    assert_eq!(
        statuses,
        ["400", "401", "402", "403", "404", "409", "429", "500"]
    );
}

#[test]
fn the_envelope_schema_is_registered() {
    let document = document();
    let components = document.components.unwrap();
    let schema = |name: &str| serde_json::to_value(&components.schemas[name]).unwrap();
    let envelope = schema("ErrorEnvelope");
    assert_eq!(envelope["type"], "object");
    assert_eq!(
        envelope["properties"]["error"]["$ref"],
        "#/components/schemas/ErrorObject"
    );
    // Registering the envelope registers what it refers to.
    let error = schema("ErrorObject");
    assert_eq!(
        error["properties"]["code"]["$ref"],
        "#/components/schemas/ErrorCode"
    );
    assert_eq!(error["properties"]["message"]["type"], "string");
    // Translated messages say their language in a header.
    let message = error["properties"]["message"]["description"]
        .as_str()
        .unwrap();
    assert!(message.contains("`Content-Language`"), "{message}");
    assert_eq!(
        error["properties"]["errors"]["items"]["$ref"],
        "#/components/schemas/Violation"
    );
    assert_eq!(error["additionalProperties"], true);
    assert_eq!(error["properties"]["request_id"]["type"], "string");
    let codes = schema("ErrorCode")["examples"].as_array().unwrap().len();
    assert_eq!(codes, StandardError::ALL.len());
    let violation = schema("Violation");
    assert_eq!(violation["oneOf"].as_array().unwrap().len(), 2);
    // Every reference in the document resolves to a registered component.
    let text = serde_json::to_string(&Api::openapi()).unwrap();
    for reference in text.split(r##""$ref":"#/components/schemas/"##).skip(1) {
        let name = reference.split('"').next().unwrap();
        assert!(components.schemas.contains_key(name), "{name}");
    }
}

#[test]
fn json_schema_of_a_derived_type() {
    let schema = serde_json::to_value(schemars::schema_for!(IssueError)).unwrap();
    assert_eq!(schema["title"], "IssueError");
    let error = &schema["properties"]["error"];
    assert_eq!(error["required"], json!(["code", "message", "doc_url"]));
    let properties = error["properties"].as_object().unwrap();
    let names: Vec<&str> = properties.keys().map(String::as_str).collect();
    assert_eq!(names, ["code", "doc_url", "message", "request_id"]);
    assert_eq!(properties["request_id"]["type"], "string");
    // Each code's members are in its own subschema.
    let members = |code: &str| -> Vec<String> {
        let mut names: Vec<String> = code_branch(&schema, code)
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        names.sort();
        names
    };
    assert_eq!(members("validation_error"), ["code", "fieldErrors"]);
    assert_eq!(members("rate_limited"), ["bucket", "code", "retryAfter"]);
    assert_eq!(members("plan_limit"), ["code", "maxCertificates"]);
    assert_eq!(members("not_found"), ["code"]);
    let branches = error["oneOf"].as_array().unwrap();
    let mut codes: Vec<&str> = IssueError::CATALOGUE.iter().map(|e| e.code()).collect();
    codes.dedup();
    let listed: BTreeSet<&str> = properties["code"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap())
        .collect();
    assert_eq!(listed, codes.iter().copied().collect());
    assert_eq!(branches.len(), listed.len(), "one subschema per code");
    // Members with a schema get it; `Option` members describe the inner type; a type
    // without one accepts anything.
    assert_eq!(
        code_branch(&schema, "rate_limited")["retryAfter"]["type"],
        "integer"
    );
    assert_eq!(
        code_branch(&schema, "rate_limited")["bucket"]["type"],
        "string"
    );
    assert_eq!(
        code_branch(&schema, "plan_limit")["maxCertificates"]["type"],
        "integer"
    );
    // `Vec<FieldError>` has no schema, since `FieldError` has none.
    assert_eq!(
        code_branch(&schema, "validation_error")["fieldErrors"],
        true
    );
    assert!(
        !text_of(&schema).contains("\"count\""),
        "message-only fields stay out"
    );
}

/// The members of the subschema for `code` in a derived type's JSON Schema.
fn code_branch<'a>(schema: &'a Value, code: &str) -> &'a Value {
    let branches = schema["properties"]["error"]["oneOf"].as_array().unwrap();
    let branch = branches
        .iter()
        .find(|branch| branch["properties"]["code"]["const"] == code)
        .unwrap_or_else(|| panic!("no subschema for {code}"));
    &branch["properties"]
}

fn text_of(value: &Value) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn json_schema_of_a_generic_type_and_the_envelope() {
    let schema = serde_json::to_value(schemars::schema_for!(LookupError<u64>)).unwrap();
    let error = &schema["properties"]["error"];
    // A member whose type is a parameter cannot be probed: it accepts anything.
    assert_eq!(
        code_branch(&schema, "certificate_revoked")["revoked_at"],
        true
    );
    assert_eq!(error["required"], json!(["code", "message"]));

    let envelope = serde_json::to_value(schemars::schema_for!(ErrorEnvelope)).unwrap();
    assert_eq!(envelope["required"], json!(["error"]));
    let object = &envelope["$defs"]["ErrorObject"];
    assert_eq!(object["required"], json!(["code", "message"]));
    assert_eq!(object["additionalProperties"], true);
    assert_eq!(object["properties"]["code"]["$ref"], "#/$defs/ErrorCode");
    assert_eq!(object["properties"]["request_id"]["type"], "string");
}

#[test]
fn an_envelope_matches_its_schema_members() {
    let error = IssueError::RateLimited {
        retry_after: 3,
        bucket: None,
    };
    let body = serde_json::to_value(&error).unwrap();
    let schema = serde_json::to_value(schemars::schema_for!(IssueError)).unwrap();
    let mut properties = schema["properties"]["error"]["properties"]
        .as_object()
        .unwrap()
        .clone();
    let code = body["error"]["code"].as_str().unwrap();
    properties.extend(code_branch(&schema, code).as_object().unwrap().clone());
    for (member, value) in body["error"].as_object().unwrap() {
        assert!(properties.contains_key(member), "{member} has a schema");
        if properties[member].get("type") == Some(&json!("integer")) {
            assert!(value.is_u64());
        }
        if properties[member].get("type") == Some(&json!("string")) {
            assert!(value.is_string());
        }
    }
}

/// What every route of the axum example's router (`runtime/examples/support/axum_app.rs`)
/// can answer with, whatever its handler: the `VersionError` of the `RequireVersionLayer`
/// route layer, the envelope layer's own answers (a method the route lacks, a timeout, a
/// body over the limit, ...), and `500` for a `Json` response that cannot be written.
#[derive(Debug, CertifierError)]
enum EveryRoute {
    #[certifier(transparent)]
    Version(VersionError),
    #[certifier(transparent)]
    Layer(LayerError),
    /// A response body that cannot be written as JSON.
    #[certifier(code = "internal_server_error")]
    Unserialisable,
}

/// `GET /certificates`: a `Query` that may not fit.
#[derive(Debug, CertifierError)]
enum ListError {
    #[certifier(transparent)]
    Route(EveryRoute),
    #[certifier(transparent)]
    Query(QueryRejection),
}

/// `POST /certificates`: a `Json` body, and the handler's `ApiError`.
#[derive(Debug, CertifierError)]
enum IssueRouteError {
    #[certifier(transparent)]
    Route(EveryRoute),
    #[certifier(transparent)]
    Body(JsonRejection),
    #[certifier(transparent)]
    Api(api::ApiError),
}

/// `/certificates/{id}` and below: a `Path`, and the handler's `ApiError`.
#[derive(Debug, CertifierError)]
enum ByIdError {
    #[certifier(transparent)]
    Route(EveryRoute),
    #[certifier(transparent)]
    Path(PathRejection),
    #[certifier(transparent)]
    Api(api::ApiError),
}

/// `GET /account`: the handler's `ApiError`.
#[derive(Debug, CertifierError)]
enum AccountError {
    #[certifier(transparent)]
    Route(EveryRoute),
    #[certifier(transparent)]
    Api(api::ApiError),
}

mod example_api {
    use super::{AccountError, ByIdError, IssueRouteError, ListError};

    /// Lists the certificates.
    #[utoipa::path(
        get,
        path = "/certificates",
        params(("limit" = Option<u32>, Query, description = "At most this many")),
        responses((status = 200, description = "The certificates"), ListError)
    )]
    pub fn list() {}

    /// Issues a certificate.
    #[utoipa::path(
        post,
        path = "/certificates",
        responses((status = 200, description = "The issued certificate"), IssueRouteError)
    )]
    pub fn issue() {}

    /// One certificate.
    #[utoipa::path(
        get,
        path = "/certificates/{id}",
        params(("id" = String, Path)),
        responses((status = 200, description = "The certificate"), ByIdError)
    )]
    pub fn show() {}

    /// Renews a certificate.
    #[utoipa::path(
        post,
        path = "/certificates/{id}/renew",
        params(("id" = String, Path)),
        responses((status = 200, description = "The renewed certificate"), ByIdError)
    )]
    pub fn renew() {}

    /// A certificate's chain.
    #[utoipa::path(
        get,
        path = "/certificates/{id}/chain",
        params(("id" = String, Path)),
        responses((status = 200, description = "The chain"), ByIdError)
    )]
    pub fn chain() {}

    /// The caller's account.
    #[utoipa::path(
        get,
        path = "/account",
        responses((status = 200, description = "The account"), AccountError)
    )]
    pub fn account() {}
}

/// The example API, one operation per route of the axum example's router.
#[derive(OpenApi)]
#[openapi(
    paths(
        example_api::list,
        example_api::issue,
        example_api::show,
        example_api::renew,
        example_api::chain,
        example_api::account,
    ),
    components(schemas(ErrorEnvelope))
)]
struct ExampleApi;

/// `(method, path template, error type's catalogue)` of every operation.
fn example_operations() -> Vec<(
    &'static str,
    &'static str,
    certifier_error::catalogue::Catalogue,
)> {
    vec![
        ("GET", "/certificates", ListError::CATALOGUE),
        ("POST", "/certificates", IssueRouteError::CATALOGUE),
        ("GET", "/certificates/{id}", ByIdError::CATALOGUE),
        ("POST", "/certificates/{id}/renew", ByIdError::CATALOGUE),
        ("GET", "/certificates/{id}/chain", ByIdError::CATALOGUE),
        ("GET", "/account", AccountError::CATALOGUE),
    ]
}

/// The document, written out and parsed back with utoipa's types, which must give it
/// back unchanged.
fn example_document() -> Document {
    let text = ExampleApi::openapi().to_pretty_json().unwrap();
    let parsed: Document = serde_json::from_str(&text).unwrap();
    let again: Value = serde_json::from_str(&parsed.to_pretty_json().unwrap()).unwrap();
    assert_eq!(again, serde_json::from_str::<Value>(&text).unwrap());
    parsed
}

/// Whether `message` is `template` with each placeholder filled in.
fn fills(template: &str, message: &str) -> bool {
    // The literal pieces between placeholders, in order.
    let mut pieces = vec![String::new()];
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                pieces.last_mut().unwrap().push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                pieces.last_mut().unwrap().push('}');
            }
            '{' => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                pieces.push(String::new());
            }
            c => pieces.last_mut().unwrap().push(c),
        }
    }
    let (first, last) = (&pieces[0], pieces.last().unwrap());
    if pieces.len() == 1 {
        return message == first;
    }
    let Some(mut rest) = message.strip_prefix(first.as_str()) else {
        return false;
    };
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece.as_str()) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last.as_str())
}

#[test]
fn placeholders_are_matched() {
    assert!(fills(
        "No certificate has the id `{0}`.",
        "No certificate has the id `x`."
    ));
    assert!(fills("A {{literal}}.", "A {literal}."));
    assert!(fills("{a} and {b}", "1 and 2"));
    assert!(!fills(
        "No certificate has the id `{0}`.",
        "No certificate `x`."
    ));
    assert!(!fills("Fixed.", "Fixed!"));
}

#[test]
fn the_example_api_document_lists_every_error_of_its_types() {
    let document = example_document();
    assert_eq!(document.paths.paths.len(), 5);
    for (method, path, catalogue) in example_operations() {
        let examples = examples_of(&document, path, method == "GET");
        // Each catalogue is complete: the document can list everything.
        assert!(catalogue.is_complete());
        let statuses: BTreeSet<String> = catalogue
            .iter()
            .map(|entry| entry.status().to_string())
            .collect();
        let documented: BTreeSet<String> = examples
            .keys()
            .filter(|status| *status != "200")
            .cloned()
            .collect();
        assert_eq!(documented, statuses, "{method} {path}");
        for entry in catalogue {
            let code = entry.code();
            assert!(
                examples[&entry.status().to_string()]
                    .iter()
                    .any(|value| value["error"]["code"] == code),
                "{method} {path}: {code} under {}",
                entry.status()
            );
        }
        let count: usize = examples.values().map(Vec::len).sum();
        assert_eq!(
            count,
            catalogue.len(),
            "{method} {path}: one example per entry"
        );
    }
    check_against_catalogue::<ListError>(&examples_of(&document, "/certificates", true), &["200"]);
    check_against_catalogue::<ByIdError>(
        &examples_of(&document, "/certificates/{id}/renew", false),
        &["200"],
    );
    check_against_catalogue::<AccountError>(&examples_of(&document, "/account", true), &["200"]);
    check_against_catalogue::<IssueRouteError>(
        &examples_of(&document, "/certificates", false),
        &["200"],
    );

    // Every standard code, and the API's own, is documented somewhere.
    let mut codes = BTreeSet::new();
    for (method, path, _) in example_operations() {
        for values in examples_of(&document, path, method == "GET").values() {
            codes.extend(
                values
                    .iter()
                    .map(|value| value["error"]["code"].to_string()),
            );
        }
    }
    for &standard in StandardError::ALL {
        assert!(
            codes.contains(&format!("\"{}\"", standard.code())),
            "{} is not documented",
            standard.code()
        );
    }
    assert!(codes.contains("\"plan_limit\""));
    // The framework's errors are there, with their members.
    let issue = examples_of(&document, "/certificates", false);
    let missing = issue["400"]
        .iter()
        .find(|value| value["error"]["code"] == "missing_version")
        .unwrap();
    assert!(missing["error"].get("supported_versions").is_some());
    // `errors` is shown with example items: a misfit in the body and a parameter for
    // `validation_error`, a syntax error for `invalid_json`.
    let items = |code: &str| -> Vec<Value> {
        issue["400"]
            .iter()
            .filter(|value| value["error"]["code"] == code)
            .filter_map(|value| value["error"].get("errors").cloned())
            .collect()
    };
    let both = json!([
        {"code": "invalid_type", "message": "This value has the wrong type.", "pointer": "/validity_days"},
        {"code": "missing", "message": "A required value is missing.", "parameter": "limit"},
    ]);
    assert_eq!(items("validation_error"), [both.clone(), both]);
    assert_eq!(
        items("invalid_json"),
        [
            json!([{"code": "invalid_syntax", "message": "The JSON is malformed or cut short here.", "pointer": "/domain"}])
        ]
    );
}

/// Each error the example's router really sends (the bodies the `e2e_axum` test checks)
/// is documented for its operation: same status and code, the same members, and a
/// message that fills in the documented template.
#[test]
fn the_example_api_document_matches_the_bodies_sent() {
    let document = example_document();
    let operations = example_operations();
    let mut checked = 0;
    for case in api::CASES {
        let Some(code) = case.code else {
            continue;
        };
        let path = case.path.split('?').next().unwrap();
        let operation = operations.iter().find(|(method, template, _)| {
            *method == case.method && {
                let (a, b): (Vec<&str>, Vec<&str>) =
                    (template.split('/').collect(), path.split('/').collect());
                a.len() == b.len() && a.iter().zip(&b).all(|(t, p)| t == p || t.starts_with('{'))
            }
        });
        let Some((method, template, _)) = operation else {
            // No operation: the router's `not_found`, or the envelope layer's answer on
            // a route the document leaves out (a handler's bare status, a panic).
            assert!(
                matches!(
                    (case.status, code),
                    (404, "not_found") | (500, "internal_server_error")
                ),
                "{}",
                case.name
            );
            continue;
        };
        let sent: Value = serde_json::from_str(case.expected_body).unwrap();
        let sent = sent["error"].as_object().unwrap();
        let members: BTreeSet<&String> = sent.keys().collect();
        let examples = examples_of(&document, template, *method == "GET");
        let listed = examples
            .get(&case.status.to_string())
            .unwrap_or_else(|| panic!("{}: status {} undocumented", case.name, case.status));
        let found = listed.iter().any(|value| {
            let error = value["error"].as_object().unwrap();
            error["code"] == code
                && error.keys().collect::<BTreeSet<_>>() == members
                && fills(
                    error["message"].as_str().unwrap(),
                    sent["message"].as_str().unwrap(),
                )
        });
        assert!(
            found,
            "{}: no example matches {}",
            case.name, case.expected_body
        );
        checked += 1;
    }
    assert!(checked >= 15, "{checked} bodies checked");
}

/// Two error types in one `responses(..)` keep one response per status: for a status both
/// answer, utoipa keeps the later type's response alone. An enum of transparent variants
/// documents both.
#[test]
fn several_error_types_are_joined_by_a_transparent_enum() {
    #[utoipa::path(get, path = "/a", responses(AccountError, JsonRejection))]
    fn listed_apart() {}

    #[derive(Debug, CertifierError)]
    enum Joined {
        #[certifier(transparent)]
        Account(AccountError),
        #[certifier(transparent)]
        Body(JsonRejection),
        #[certifier(transparent)]
        Again(VersionError),
    }

    #[utoipa::path(get, path = "/b", responses(Joined))]
    fn joined() {}

    #[derive(OpenApi)]
    #[openapi(paths(listed_apart, joined))]
    struct Both;

    let document = Both::openapi();
    let apart = examples_of(&document, "/a", true);
    let joined = examples_of(&document, "/b", true);
    // Both answer 400: listed apart, `JsonRejection`'s response replaces
    // `AccountError`'s, whose `missing_version` is lost.
    let codes = |examples: &[Value]| -> BTreeSet<String> {
        examples
            .iter()
            .map(|value| value["error"]["code"].to_string())
            .collect()
    };
    assert!(!codes(&apart["400"]).contains("\"missing_version\""));
    assert!(codes(&joined["400"]).contains("\"missing_version\""));
    assert!(codes(&joined["400"]).contains("\"invalid_json\""));
    // `VersionError`, reached twice, is listed once.
    check_against_catalogue::<Joined>(&joined, &[]);
}

/// A transparent variant's own members join every code it reaches: its examples show
/// them beside the inner error's, and the schema of each of those codes lists them.
#[test]
fn a_transparent_variants_members_join_every_code_it_reaches() {
    #[derive(Debug, CertifierError)]
    enum Routed {
        #[certifier(transparent)]
        Body {
            inner: JsonRejection,
            #[certifier(extend)]
            path: String,
            #[certifier(extend)]
            attempt: Option<u32>,
        },
        #[certifier(code = "not_found")]
        Missing,
    }

    #[utoipa::path(get, path = "/r", responses(Routed))]
    fn routed() {}

    #[derive(OpenApi)]
    #[openapi(paths(routed))]
    struct Doc;

    let examples = examples_of(&Doc::openapi(), "/r", true);
    check_against_catalogue::<Routed>(&examples, &[]);
    assert!(examples["400"].len() > 1);
    for example in &examples["400"] {
        // Placeholders from the members' schemas.
        assert_eq!(example["error"]["path"], "");
        assert_eq!(example["error"]["attempt"], 0);
    }
    assert!(examples["404"][0]["error"].get("path").is_none());

    let schema = serde_json::to_value(schemars::schema_for!(Routed)).unwrap();
    for code in ["invalid_json", "validation_error", "bad_request"] {
        let members = code_branch(&schema, code);
        assert_eq!(members["path"]["type"], "string", "{code}");
        assert_eq!(members["attempt"]["type"], "integer", "{code}");
    }
    assert!(code_branch(&schema, "validation_error")
        .get("errors")
        .is_some());
    assert!(code_branch(&schema, "not_found").get("path").is_none());
}

/// The envelope layer's own answers, as the actix-web middleware sends them for a bare
/// 405, 408 (a timeout), 413, 415 and 431, are documented, body for body, for every
/// operation of the example API.
#[cfg(feature = "actix-web")]
#[test]
fn the_layers_own_answers_are_documented() {
    use actix_web::http::StatusCode;
    use actix_web::{test, web, App, HttpResponse};

    let answers: Vec<(u16, Value)> = actix_web::rt::System::new().block_on(async {
        let app = test::init_service(
            App::new()
                .wrap(certifier_error::actix_web::Envelope::new())
                .route(
                    "/status/{status}",
                    web::get().to(|status: web::Path<u16>| async move {
                        HttpResponse::new(StatusCode::from_u16(*status).unwrap())
                    }),
                ),
        )
        .await;
        let mut answers = Vec::new();
        for received in [405, 408, 413, 415, 431] {
            let request = test::TestRequest::get()
                .uri(&format!("/status/{received}"))
                .to_request();
            let response = test::call_service(&app, request).await;
            let status = response.status().as_u16();
            answers.push((status, test::read_body_json(response).await));
        }
        answers
    });
    let document = example_document();
    for (method, path, _) in example_operations() {
        let examples = examples_of(&document, path, method == "GET");
        for (status, body) in &answers {
            let listed = examples
                .get(&status.to_string())
                .unwrap_or_else(|| panic!("{method} {path}: no {status} response"));
            assert!(
                listed.contains(body),
                "{method} {path}: {body} is not among the {status} examples"
            );
        }
    }
}
