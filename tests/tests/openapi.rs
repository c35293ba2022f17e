//! The OpenAPI document (feature `utoipa`) and the JSON Schemas (feature `schemars`) of
//! derived types, checked against their catalogues.

// The error types exist to be described, not constructed.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

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
        let listed = &examples[&entry.status().to_string()];
        let example = listed
            .iter()
            .find(|value| {
                value["error"]["code"] == entry.code()
                    && value["error"]["message"] == entry.message()
            })
            .unwrap_or_else(|| panic!("no example for {} under {}", entry.code(), entry.status()));
        match entry.doc_url() {
            Some(url) => assert_eq!(example["error"]["doc_url"], url.to_string()),
            None => assert!(example["error"].get("doc_url").is_none()),
        }
        // The example is a body a client decodes.
        let decoded: ErrorEnvelope = serde_json::from_value(example.clone()).unwrap();
        assert_eq!(decoded.error.code.as_str(), entry.code());
    }
    let count: usize = examples.values().map(Vec::len).sum();
    assert_eq!(count, catalogue.len(), "one example per entry");
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
    assert_eq!(example.description, "Extension members: `maxCertificates`.");
    let schema = serde_json::to_value(content.schema.as_ref().unwrap()).unwrap();
    assert_eq!(schema["required"], json!(["error"]));
    assert_eq!(
        schema["properties"]["error"]["required"],
        json!(["code", "message"])
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
    let schema = serde_json::to_value(&components.schemas["ErrorEnvelope"]).unwrap();
    assert_eq!(schema["type"], "object");
    let error = &schema["properties"]["error"];
    assert_eq!(error["properties"]["code"]["type"], "string");
    assert_eq!(error["properties"]["message"]["type"], "string");
    assert_eq!(error["additionalProperties"], true);
    let codes = error["properties"]["code"]["examples"].as_array().unwrap();
    assert_eq!(codes.len(), StandardError::ALL.len());
}

#[test]
fn json_schema_of_a_derived_type() {
    let schema = serde_json::to_value(schemars::schema_for!(IssueError)).unwrap();
    assert_eq!(schema["title"], "IssueError");
    let error = &schema["properties"]["error"];
    assert_eq!(error["required"], json!(["code", "message", "doc_url"]));
    let properties = error["properties"].as_object().unwrap();
    let names: Vec<&str> = properties.keys().map(String::as_str).collect();
    for member in [
        "code",
        "message",
        "doc_url",
        "fieldErrors",
        "retryAfter",
        "bucket",
        "maxCertificates",
    ] {
        assert!(names.contains(&member), "{member} in {names:?}");
    }
    let mut codes: Vec<&str> = IssueError::CATALOGUE.iter().map(|e| e.code()).collect();
    codes.dedup();
    let listed: BTreeSet<&str> = properties["code"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|code| code.as_str().unwrap())
        .collect();
    assert_eq!(listed, codes.into_iter().collect());
    // Members with a schema get it; `Option` members describe the inner type; a type
    // without one accepts anything.
    assert_eq!(properties["retryAfter"]["type"], "integer");
    assert_eq!(properties["bucket"]["type"], "string");
    assert_eq!(properties["maxCertificates"]["type"], "integer");
    // `Vec<FieldError>` has no schema, since `FieldError` has none.
    assert_eq!(properties["fieldErrors"], true);
    assert!(
        !properties.contains_key("count"),
        "message-only fields stay out"
    );
}

#[test]
fn json_schema_of_a_generic_type_and_the_envelope() {
    let schema = serde_json::to_value(schemars::schema_for!(LookupError<u64>)).unwrap();
    let error = &schema["properties"]["error"];
    // A member whose type is a parameter cannot be probed: it accepts anything.
    assert_eq!(error["properties"]["revoked_at"], true);
    assert_eq!(error["required"], json!(["code", "message"]));

    let envelope = serde_json::to_value(schemars::schema_for!(ErrorEnvelope)).unwrap();
    assert_eq!(envelope["required"], json!(["error"]));
    let object = &envelope["$defs"]["ErrorObject"];
    assert_eq!(object["required"], json!(["code", "message"]));
    assert_eq!(object["additionalProperties"], true);
    assert_eq!(object["properties"]["code"]["$ref"], "#/$defs/ErrorCode");
}

#[test]
fn an_envelope_matches_its_schema_members() {
    let error = IssueError::RateLimited {
        retry_after: 3,
        bucket: None,
    };
    let body = serde_json::to_value(&error).unwrap();
    let schema = serde_json::to_value(schemars::schema_for!(IssueError)).unwrap();
    let properties = schema["properties"]["error"]["properties"]
        .as_object()
        .unwrap();
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
