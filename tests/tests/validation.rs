//! validator and garde reports as `Violations`: one item per failed rule, nested structs
//! and list indexes as pointers, in pointer order.

use certifier_error::{CertifierError, Violation, Violations};
use serde_json::json;
use validator::Validate as _;

fn items(violations: &Violations) -> Vec<(String, String, String)> {
    violations
        .as_slice()
        .iter()
        .map(|item| {
            (
                item.code().to_owned(),
                item.message().to_owned(),
                item.pointer().unwrap().to_owned(),
            )
        })
        .collect()
}

fn item(code: &str, message: &str, pointer: &str) -> (String, String, String) {
    (code.into(), message.into(), pointer.into())
}

mod with_validator {
    use std::borrow::Cow;

    use validator::{Validate, ValidationError};

    #[derive(Validate)]
    #[validate(schema(function = "dates_in_order", skip_on_field_errors = false))]
    pub struct Order {
        #[validate(nested)]
        pub domains: Vec<Domain>,
        #[validate(length(min = 1, max = 3))]
        pub tags: Vec<String>,
        #[validate(nested)]
        pub owner: Owner,
        #[validate(url)]
        pub callback: String,
        pub starts: u32,
        pub ends: u32,
    }

    #[derive(Validate)]
    pub struct Domain {
        #[validate(length(min = 3, message = "A domain has at least 3 characters."))]
        pub name: String,
        #[validate(custom(function = "not_taken"))]
        pub label: String,
    }

    #[derive(Validate)]
    pub struct Owner {
        #[validate(email)]
        pub email: String,
        #[validate(range(exclusive_min = 0.0, max = 100.0))]
        pub share: f64,
        #[validate(required)]
        pub country: Option<String>,
    }

    fn dates_in_order(order: &Order) -> Result<(), ValidationError> {
        if order.starts > order.ends {
            return Err(ValidationError::new("dates_out_of_order"));
        }
        Ok(())
    }

    fn not_taken(label: &str) -> Result<(), ValidationError> {
        match label {
            "taken" => Err(ValidationError::new("Taken Label")
                .with_message(Cow::Owned(format!("`{}` is taken.", "x".repeat(500))))),
            _ => Ok(()),
        }
    }
}

#[test]
fn a_validator_report_lists_every_failed_rule_with_its_pointer() {
    use with_validator::{Domain, Order, Owner};

    let domain = |name: &str, label: &str| Domain {
        name: name.into(),
        label: label.into(),
    };
    let mut domains: Vec<Domain> = (0..11).map(|_| domain("ok.example", "free")).collect();
    domains[2] = domain("ab", "free");
    domains[10] = domain("ab", "taken");
    let order = Order {
        domains,
        owner: Owner {
            email: "nope".into(),
            share: 0.0,
            country: None,
        },
        tags: vec!["a".into(); 4],
        callback: "not a url".into(),
        starts: 2,
        ends: 1,
    };
    let violations = Violations::from(order.validate().unwrap_err());
    let cut = format!("`{}…", "x".repeat(198));
    assert_eq!(
        items(&violations),
        [
            // The struct's own rule points at the struct: the whole body.
            item("dates_out_of_order", "This value is invalid.", ""),
            item("invalid_url", "This is not a valid URL.", "/callback"),
            // List indexes in numeric order: 2 before 10.
            item(
                "too_short",
                "A domain has at least 3 characters.",
                "/domains/2/name"
            ),
            item(
                "too_short",
                "A domain has at least 3 characters.",
                "/domains/10/label"
            ),
            item(
                "too_short",
                "A domain has at least 3 characters.",
                "/domains/10/name"
            ),
            item("missing", "A required value is missing.", "/owner/country"),
            item(
                "invalid_email",
                "This is not a valid email address.",
                "/owner/email"
            ),
            item(
                "out_of_range",
                "Must be greater than 0.0 and at most 100.0.",
                "/owner/share"
            ),
            item("too_long", "Must have a length between 1 and 3.", "/tags"),
        ]
        .into_iter()
        .map(|(code, message, pointer)| {
            // The custom rule's code is not snake_case, and its message is cut.
            if pointer == "/domains/10/label" {
                ("invalid".to_owned(), cut.clone(), pointer)
            } else {
                (code, message, pointer)
            }
        })
        .collect::<Vec<_>>()
    );
    assert_eq!(
        (violations.status(), violations.code()),
        (400, "validation_error")
    );
}

mod with_garde {
    use garde::Validate;

    #[derive(Validate)]
    pub struct Order {
        #[garde(length(min = 1, max = 3), dive)]
        pub domains: Vec<Domain>,
        #[garde(dive)]
        pub owner: Option<Owner>,
    }

    #[derive(Validate)]
    pub struct Domain {
        #[garde(length(min = 3))]
        pub name: String,
    }

    #[derive(Validate)]
    pub struct Owner {
        #[garde(email)]
        pub email: String,
    }
}

#[test]
fn a_garde_report_lists_every_failed_rule_with_its_pointer() {
    use garde::Validate as _;
    use with_garde::{Domain, Order, Owner};

    let order = Order {
        domains: ["ab", "ok.example", "cd", "ef"]
            .into_iter()
            .map(|name| Domain { name: name.into() })
            .collect(),
        owner: Some(Owner {
            email: "nope".into(),
        }),
    };
    let violations = Violations::from(order.validate().unwrap_err());
    assert_eq!(
        items(&violations),
        [
            item("invalid", "length is greater than 3", "/domains"),
            item("invalid", "length is lower than 3", "/domains/0/name"),
            item("invalid", "length is lower than 3", "/domains/2/name"),
            item("invalid", "length is lower than 3", "/domains/3/name"),
            // The `Option` adds no step.
            item(
                "invalid",
                "not a valid email: value is missing `@`",
                "/owner/email"
            ),
        ]
    );
}

/// In a handler: `?` turns the report into the API's error through a transparent
/// variant.
#[test]
fn a_report_answers_through_the_api_error() {
    #[derive(Debug, CertifierError)]
    enum ApiError {
        #[certifier(transparent)]
        Invalid(#[from] Violations),
        #[certifier(code = "not_found")]
        NotFound,
    }

    #[derive(validator::Validate)]
    struct Rename {
        #[validate(length(min = 1))]
        name: String,
    }

    fn handler(input: Rename) -> Result<String, ApiError> {
        input.validate().map_err(Violations::from)?;
        Err(ApiError::NotFound)
    }

    let error = handler(Rename {
        name: String::new(),
    })
    .unwrap_err();
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        json!({"error": {
            "code": "validation_error",
            "message": "One or more parameters are missing or invalid.",
            "errors": [{"code": "too_short", "message": "Must have a length of at least 1.", "pointer": "/name"}],
        }})
    );
    let again: Violation =
        serde_json::from_value(serde_json::to_value(&error).unwrap()["error"]["errors"][0].clone())
            .unwrap();
    assert_eq!(again.pointer(), Some("/name"));
}
