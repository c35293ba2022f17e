//! Field-keyed errors: an API that keeps its own `errors` member of another shape
//! (realworld's map of messages by field) is described as it is sent, by the catalogue,
//! both schemas and the client.

use std::collections::BTreeMap;

use certifier_error::catalogue::ErrorCatalogue;
use certifier_error::{decode_response, CertifierError, Violation};
use serde_json::{json, Value};

#[derive(Debug, CertifierError)]
enum RealWorldError {
    #[certifier(
        code = "unprocessable",
        status = 422,
        message = "The request could not be processed."
    )]
    Unprocessable {
        #[certifier(extend)]
        errors: BTreeMap<String, Vec<String>>,
    },
    #[certifier(code = "conflict")]
    #[allow(dead_code)] // described, never sent here
    Conflict,
}

/// The crate's own shape, for comparison.
#[derive(Debug, CertifierError)]
#[certifier(code = "validation_error")]
struct Listed {
    #[certifier(extend)]
    errors: Vec<Violation>,
}

fn taken() -> RealWorldError {
    let mut errors = BTreeMap::new();
    errors.insert("username".to_owned(), vec!["username taken".to_owned()]);
    RealWorldError::Unprocessable { errors }
}

#[test]
fn the_catalogue_lists_the_member() {
    let entry = RealWorldError::CATALOGUE.get(0).unwrap();
    assert_eq!((entry.status(), entry.code()), (422, "unprocessable"));
    assert_eq!(entry.members(), ["errors"]);
}

#[test]
fn the_utoipa_response_describes_the_map() {
    let responses = <RealWorldError as utoipa::IntoResponses>::responses();
    let responses = serde_json::to_value(&responses).unwrap();
    let content = &responses["422"]["content"]["application/json"];
    let errors = &content["schema"]["properties"]["error"]["properties"]["errors"];
    assert_eq!(errors["type"], "object", "{content}");
    assert_eq!(errors["additionalProperties"]["type"], "array", "{content}");
    assert_eq!(
        errors["additionalProperties"]["items"]["type"], "string",
        "{content}"
    );
    assert_eq!(
        content["examples"]["unprocessable"]["value"]["error"]["errors"],
        json!({})
    );
    // A status without such a member keeps the shared envelope.
    assert_eq!(
        responses["409"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorEnvelope"
    );
    // A list of violations keeps the shared envelope, whose `errors` says so.
    let listed = serde_json::to_value(<Listed as utoipa::IntoResponses>::responses()).unwrap();
    assert_eq!(
        listed["400"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ErrorEnvelope"
    );
}

#[test]
fn the_json_schema_describes_the_map() {
    let schema = serde_json::to_value(schemars::schema_for!(RealWorldError)).unwrap();
    let branch = schema["properties"]["error"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .find(|branch| branch["properties"]["code"]["const"] == "unprocessable")
        .unwrap();
    let errors = &branch["properties"]["errors"];
    assert_eq!(errors["type"], "object", "{schema}");
    assert_eq!(errors["additionalProperties"]["items"]["type"], "string");
    let body = serde_json::to_value(taken()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&body), "{body}");
}

#[test]
fn the_client_keeps_the_member_as_sent() {
    let body = serde_json::to_vec(&taken()).unwrap();
    let error = decode_response::<Value>(422, &body).unwrap_err();
    assert!(error.is_envelope());
    assert_eq!(error.error.code.as_str(), "unprocessable");
    let errors: BTreeMap<String, Vec<String>> =
        serde_json::from_value(error.error.extensions["errors"].clone()).unwrap();
    assert_eq!(errors["username"], ["username taken"]);
    // Reading it as violations is the client's mistake, and a plain serde error.
    assert!(
        serde_json::from_value::<Vec<Violation>>(error.error.extensions["errors"].clone()).is_err()
    );
}
