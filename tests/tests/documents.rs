//! The generated JSON Schema (feature `schemars`) and OpenAPI document (feature
//! `utoipa`) checked against real response bodies with an independent validator, the
//! `jsonschema` crate: every body the example servers send, and the integrations'
//! rejections, validate; a body that breaks a member's type does not.

// The error types exist to be described, not constructed.
#![allow(dead_code)]

#[path = "../../runtime/examples/support/api.rs"]
mod api;

use certifier_error::server::{
    answer, decode_json, decode_query, JsonRejection, LayerError, PathRejection, QueryRejection,
    VersionError,
};
use certifier_error::{CertifierError, ErrorEnvelope, Violation, Violations};
use serde_json::{json, Value};
use utoipa::OpenApi;

/// Every error the example API answers with, as in `examples/catalogue.rs`.
#[derive(Debug, CertifierError)]
enum EveryAnswer {
    #[certifier(transparent)]
    Api(api::ApiError),
    #[certifier(transparent)]
    Version(VersionError),
    #[certifier(transparent)]
    Body(JsonRejection),
    #[certifier(transparent)]
    Query(QueryRejection),
    #[certifier(transparent)]
    Path(PathRejection),
    #[certifier(transparent)]
    Layer(LayerError),
    #[certifier(code = "not_found")]
    NoRoute,
    #[certifier(code = "internal_server_error")]
    Unserialisable,
}

#[utoipa::path(
    post,
    path = "/certificates",
    responses((status = 200, description = "Issued"), EveryAnswer)
)]
fn issue() {}

#[derive(OpenApi)]
#[openapi(paths(issue), components(schemas(ErrorEnvelope)))]
struct Document;

/// The error bodies the example servers send (checked byte for byte by the end-to-end
/// tests, which take off the `request_id` member the servers add; here each is also
/// given one), the envelope layers' own answers, and the integrations' rejections of
/// bodies, query strings and path segments.
fn real_bodies() -> Vec<Value> {
    let mut bodies: Vec<Value> = api::CASES
        .iter()
        .filter(|case| case.code.is_some())
        .map(|case| serde_json::from_str(case.expected_body).unwrap())
        .collect();
    let with_ids: Vec<Value> = bodies
        .iter()
        .map(|body| with_member(body, "request_id", json!("0b9c2f4e-req")))
        .collect();
    bodies.extend(with_ids);
    for received in [405, 408, 413, 414, 415, 431] {
        let error = LayerError::for_status(received).unwrap();
        bodies.push(serde_json::from_slice(&answer(&error).body).unwrap());
    }
    #[derive(Debug, serde::Deserialize)]
    struct Order {
        certificate: Certificate,
    }
    #[derive(Debug, serde::Deserialize)]
    struct Certificate {
        domains: Vec<String>,
    }
    #[derive(Debug, serde::Deserialize)]
    struct Page {
        size: u8,
    }
    for body in [
        r#"{"certificate":{"domains":[1]}}"#,
        r#"{"certificate":{}}"#,
        r#"{"certificate":{"domains":["#,
        "nope",
    ] {
        let error = decode_json::<Order>(Some(b"application/json"), body.as_bytes()).unwrap_err();
        bodies.push(serde_json::to_value(&error).unwrap());
    }
    for query in ["size=ten", "size=300", ""] {
        let error = decode_query::<Page>(query).unwrap_err();
        bodies.push(serde_json::to_value(&error).unwrap());
    }
    let error = PathRejection::new(Some("id"), "invalid digit found in string");
    bodies.push(serde_json::from_slice(&answer(&error).body).unwrap());
    let violations = Violations::from_iter([
        Violation::at_path("too_long", ["domains", "0"]),
        Violation::at_parameter("missing", "limit"),
    ]);
    bodies.push(serde_json::to_value(&violations).unwrap());
    bodies
}

/// `body` with `member` of its error object set to `value`.
fn with_member(body: &Value, member: &str, value: Value) -> Value {
    let mut body = body.clone();
    body["error"][member] = value;
    body
}

/// The body of the first case answering `code`.
fn case_body(code: &str) -> Value {
    let case = api::CASES
        .iter()
        .find(|case| case.code == Some(code))
        .unwrap();
    serde_json::from_str(case.expected_body).unwrap()
}

/// Bodies that break the documented type of one member, with what they break.
fn broken_bodies() -> Vec<(&'static str, Value)> {
    let missing_version = case_body("missing_version");
    let rate_limited = case_body("rate_limited");
    let plan_limit = case_body("plan_limit");
    let invalid = case_body("validation_error");
    let item = &invalid["error"]["errors"][0];
    let mut both = item.clone();
    both["parameter"] = json!("limit");
    both["pointer"] = json!("/limit");
    let mut neither = item.clone();
    neither.as_object_mut().unwrap().remove("pointer");
    neither.as_object_mut().unwrap().remove("parameter");
    let mut numeric_code = item.clone();
    numeric_code["code"] = json!(5);
    vec![
        (
            "supported_versions is not an array",
            with_member(
                &missing_version,
                "supported_versions",
                json!("not-an-array"),
            ),
        ),
        (
            "supported_versions holds a number",
            with_member(&missing_version, "supported_versions", json!([20240601])),
        ),
        (
            "retry_after is a string",
            with_member(&rate_limited, "retry_after", json!("soon")),
        ),
        (
            "max_validity_days is a string",
            with_member(&plan_limit, "max_validity_days", json!("90")),
        ),
        (
            "errors is a string",
            with_member(&invalid, "errors", json!("x")),
        ),
        (
            "an item with pointer and parameter",
            with_member(&invalid, "errors", json!([both])),
        ),
        (
            "an item with neither",
            with_member(&invalid, "errors", json!([neither])),
        ),
        (
            "an item whose code is a number",
            with_member(&invalid, "errors", json!([numeric_code])),
        ),
        (
            "message is a number",
            with_member(&invalid, "message", json!(5)),
        ),
        (
            "request_id is a number",
            with_member(&rate_limited, "request_id", json!(7)),
        ),
    ]
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).unwrap_or_else(|error| panic!("{error}: {schema:#}"))
}

fn errors_of(validator: &jsonschema::Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|error| error.to_string())
        .collect()
}

#[test]
fn the_json_schema_accepts_every_real_body() {
    let schema = serde_json::to_value(schemars::schema_for!(EveryAnswer)).unwrap();
    let validator = validator(&schema);
    let bodies = real_bodies();
    assert!(bodies.len() >= 25, "{}", bodies.len());
    for body in &bodies {
        assert_eq!(errors_of(&validator, body), Vec::<String>::new(), "{body}");
    }
}

#[test]
fn the_json_schema_rejects_a_member_of_the_wrong_type() {
    let schema = serde_json::to_value(schemars::schema_for!(EveryAnswer)).unwrap();
    let validator = validator(&schema);
    for (what, body) in broken_bodies() {
        assert!(!validator.is_valid(&body), "{what}: {body}");
    }
    // A code the type does not answer with.
    let body = with_member(&case_body("conflict"), "code", json!("teapot"));
    assert!(!validator.is_valid(&body), "{body}");
    // No definition is left unreferenced: each one is reached from the schema.
    let text = serde_json::to_string(&schema).unwrap();
    for name in schema["$defs"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, _)| name)
    {
        assert!(
            text.contains(&format!("\"#/$defs/{name}\"")),
            "{name} is unreferenced"
        );
    }
}

/// A JSON Schema that checks a value against the component `name` of `document`.
fn component_validator(document: &Value, name: &str) -> jsonschema::Validator {
    validator(&json!({
        "$ref": format!("#/components/schemas/{name}"),
        "components": document["components"],
    }))
}

#[test]
fn the_openapi_document_accepts_every_real_body_and_its_examples() {
    let document = serde_json::to_value(Document::openapi()).unwrap();
    let envelope = component_validator(&document, "ErrorEnvelope");
    for body in real_bodies() {
        assert_eq!(errors_of(&envelope, &body), Vec::<String>::new(), "{body}");
    }
    // Each response refers to the registered envelope, and each of its examples fits.
    let responses = document["paths"]["/certificates"]["post"]["responses"]
        .as_object()
        .unwrap();
    let mut examples = 0;
    for (status, response) in responses {
        let Some(content) = response["content"].get("application/json") else {
            continue;
        };
        assert_eq!(
            content["schema"],
            json!({"$ref": "#/components/schemas/ErrorEnvelope"}),
            "{status}"
        );
        for (name, example) in content["examples"].as_object().unwrap() {
            let value = &example["value"];
            assert_eq!(
                errors_of(&envelope, value),
                Vec::<String>::new(),
                "{status} {name}"
            );
            examples += 1;
        }
    }
    assert!(examples >= 15, "{examples}");
}

#[test]
fn the_openapi_document_rejects_an_item_of_the_wrong_shape() {
    let document = serde_json::to_value(Document::openapi()).unwrap();
    let envelope = component_validator(&document, "ErrorEnvelope");
    // The shared envelope documents `code`, `message`, `doc_url`, `errors` and
    // `request_id`; members of one endpoint are described by its examples.
    for (what, body) in broken_bodies() {
        let documented = what.starts_with("errors")
            || what.starts_with("an item")
            || what.starts_with("message")
            || what.starts_with("request_id");
        assert_eq!(envelope.is_valid(&body), !documented, "{what}: {body}");
    }
    let body = with_member(&case_body("conflict"), "code", json!("Not Snake"));
    assert!(!envelope.is_valid(&body), "{body}");
    // The document is small: no copy of the envelope per response.
    let text = Document::openapi().to_json().unwrap();
    assert_eq!(text.matches("A Certifier error body.").count(), 1);
}

use certifier_error::ProblemDetails;

#[derive(OpenApi)]
#[openapi(
    paths(issue),
    components(schemas(ErrorEnvelope)),
    modifiers(&ProblemDetails)
)]
struct ProblemDocument;

/// `envelope` as the layers send it to a client that asks for problem details, written
/// here independently of the crate: `type`, `title`, `status`, `detail`, `code`, the
/// members, those named as RFC 9457's in `extensions`.
fn as_problem(status: u16, envelope: &Value) -> Value {
    let error = envelope["error"].as_object().unwrap();
    let mut problem = json!({
        "type": error.get("doc_url").cloned().unwrap_or(json!("about:blank")),
        "title": certifier_error::http::StatusCode::from_u16(status).unwrap().canonical_reason().unwrap(),
        "status": status,
        "detail": error["message"],
        "code": error["code"],
    });
    for (name, value) in error {
        match name.as_str() {
            "code" | "message" | "doc_url" => {}
            "type" | "title" | "status" | "detail" | "instance" | "extensions" => {
                problem["extensions"][name] = value.clone();
            }
            _ => problem[name] = value.clone(),
        }
    }
    problem
}

/// The status an envelope of a real body is sent with: its code's (`402` for the API's
/// own `plan_limit`).
fn status_of(body: &Value) -> u16 {
    let code = certifier_error::Code::from(body["error"]["code"].as_str().unwrap());
    code.status().unwrap_or(402)
}

#[test]
fn the_problem_schemas_accept_every_real_body_as_a_problem() {
    let document = serde_json::to_value(ProblemDocument::openapi()).unwrap();
    let openapi = component_validator(&document, "ProblemDetails");
    let json_schema =
        validator(&serde_json::to_value(schemars::schema_for!(ProblemDetails)).unwrap());
    for body in real_bodies() {
        let problem = as_problem(status_of(&body), &body);
        assert_eq!(
            errors_of(&openapi, &problem),
            Vec::<String>::new(),
            "{problem}"
        );
        assert_eq!(
            errors_of(&json_schema, &problem),
            Vec::<String>::new(),
            "{problem}"
        );
    }
    // A member of the wrong type, and a missing `detail`, do not fit.
    let body = real_bodies().remove(0);
    let mut problem = as_problem(status_of(&body), &body);
    problem["status"] = json!("400");
    assert!(!openapi.is_valid(&problem) && !json_schema.is_valid(&problem));
    problem["status"] = json!(400);
    problem.as_object_mut().unwrap().remove("detail");
    assert!(!openapi.is_valid(&problem) && !json_schema.is_valid(&problem));
}

#[test]
fn the_switch_lists_both_formats_for_every_error_response() {
    let document = serde_json::to_value(ProblemDocument::openapi()).unwrap();
    let responses = document["paths"]["/certificates"]["post"]["responses"]
        .as_object()
        .unwrap();
    let problem_validator = component_validator(&document, "ProblemDetails");
    let mut examples = 0;
    for (status, response) in responses {
        let Some(json) = response["content"].get("application/json") else {
            assert!(response.get("content").is_none(), "{status}");
            continue;
        };
        let problem = &response["content"]["application/problem+json"];
        assert_eq!(
            problem["schema"],
            json!({"$ref": "#/components/schemas/ProblemDetails"}),
            "{status}"
        );
        let envelopes = json["examples"].as_object().unwrap();
        let problems = problem["examples"].as_object().unwrap();
        assert_eq!(
            envelopes.keys().collect::<Vec<_>>(),
            problems.keys().collect::<Vec<_>>(),
            "{status}"
        );
        let status: u16 = status.parse().unwrap();
        for (name, example) in envelopes {
            let expected = as_problem(status, &example["value"]);
            let written = &problems[name]["value"];
            assert_eq!(written, &expected, "{status} {name}");
            assert_eq!(
                errors_of(&problem_validator, written),
                Vec::<String>::new(),
                "{status} {name}"
            );
            // A client reads both alike.
            let read = |value: &Value| {
                certifier_error::ErrorResponse::decode(status, value.to_string().as_bytes())
            };
            assert_eq!(read(written), read(&example["value"]), "{status} {name}");
            examples += 1;
        }
    }
    assert!(examples >= 15, "{examples}");
    // Without the switch, only the envelope.
    let plain = serde_json::to_value(Document::openapi()).unwrap();
    assert!(!plain.to_string().contains("problem+json"));
}

#[test]
fn both_documents_are_valid_openapi() {
    for text in [
        Document::openapi().to_json().unwrap(),
        ProblemDocument::openapi().to_json().unwrap(),
    ] {
        let spec = oas3::from_json(&text).unwrap_or_else(|error| panic!("{error}: {text}"));
        assert_eq!(spec.openapi, "3.1.0");
    }
}
