//! Feature `validator`: a `validator::ValidationErrors` report as [`Violations`].

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::Value;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

use super::{bounded_text, sorted_by_path, Token, Violation, Violations};

/// The key validator files a struct's own (schema-level) errors under.
const STRUCT_LEVEL: &str = "__all__";

/// One violation per failed rule, with the pointer of its member (nested structs and
/// list indexes included), sorted by pointer (list indexes in numeric order) so the
/// answer does not depend on validator's hash map order; a member's rules keep their
/// order. A struct-level rule (`#[validate(schema(..))]`) points at its struct.
///
/// Member names are those validator reports: the Rust field names.
///
/// Codes: validator's own rules map to this crate's codes (`length` to `too_short`,
/// `too_long` or `invalid_length`, `range` to `out_of_range`, `email` to
/// `invalid_email`, `url` to `invalid_url`, `regex` to `invalid_format`, `required` to
/// `missing`, `contains` to `missing_part`, `does_not_contain` to `forbidden_part`,
/// `credit_card` to `invalid_card`, `non_control_character` to `control_character`,
/// `ip` to `invalid_ip`; `must_match` stays); a custom code stays as it is when it is
/// snake_case, else becomes `invalid`. The message is the rule's own `message` where it
/// has one (cut to 200 characters), else one built from the rule's bounds
/// (`Must be between 1 and 90.`, `Must have a length of at least 3.`), else the code's default.
///
/// ```
/// use certifier_error::Violations;
/// use validator::{ValidationError, ValidationErrors};
///
/// let mut report = ValidationErrors::new();
/// report.add("domain", ValidationError::new("taken").with_message("This domain is taken.".into()));
/// let violations = Violations::from(report);
/// let item = &violations.as_slice()[0];
/// assert_eq!((item.code(), item.pointer()), ("taken", Some("/domain")));
/// assert_eq!(item.message(), "This domain is taken.");
/// ```
impl From<ValidationErrors> for Violations {
    fn from(report: ValidationErrors) -> Self {
        let mut found = Vec::new();
        collect(&report, &mut Vec::new(), &mut found);
        sorted_by_path(found)
    }
}

fn collect(
    report: &ValidationErrors,
    path: &mut Vec<Token>,
    found: &mut Vec<(Vec<Token>, Violation)>,
) {
    for (field, kind) in report.errors() {
        let member = field != STRUCT_LEVEL;
        if member {
            path.push(Token::Key(field.to_string()));
        }
        match kind {
            ValidationErrorsKind::Field(errors) => {
                for error in errors {
                    found.push((path.clone(), violation(path, error)));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(inner, path, found),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    path.push(Token::Index(*index));
                    collect(inner, path, found);
                    path.pop();
                }
            }
        }
        if member {
            path.pop();
        }
    }
}

fn violation(path: &[Token], error: &ValidationError) -> Violation {
    let code = code(error);
    let violation = Violation::at_path(code, path);
    match &error.message {
        Some(message) => violation.with_message(bounded_text(message.to_string())),
        None => match bounds_message(&error.code, error) {
            Some(message) => violation.with_message(message),
            None => violation,
        },
    }
}

fn code(error: &ValidationError) -> Cow<'static, str> {
    let code = match &*error.code {
        "length" => length_code(error),
        "range" => "out_of_range",
        "email" => "invalid_email",
        "url" => "invalid_url",
        "regex" => "invalid_format",
        "required" => "missing",
        "contains" => "missing_part",
        "does_not_contain" => "forbidden_part",
        "credit_card" => "invalid_card",
        "non_control_character" => "control_character",
        "ip" => "invalid_ip",
        // A custom validator's code is the service's own; one that is not snake_case
        // becomes `invalid`, as the public constructors would not take it.
        custom if super::is_snake_case(custom) => return error.code.clone(),
        _ => "invalid",
    };
    Cow::Borrowed(code)
}

/// `too_short` or `too_long` where the reported value's length says which bound it
/// broke, else `invalid_length`.
fn length_code(error: &ValidationError) -> &'static str {
    let length = match error.params.get("value") {
        Some(Value::String(text)) => text.chars().count(),
        Some(Value::Array(items)) => items.len(),
        Some(Value::Object(members)) => members.len(),
        _ => return "invalid_length",
    };
    let bound = |name: &str| error.params.get(name).and_then(Value::as_u64);
    match (bound("min"), bound("max")) {
        (Some(min), _) if (length as u64) < min => "too_short",
        (_, Some(max)) if (length as u64) > max => "too_long",
        _ => "invalid_length",
    }
}

/// A message from a `length` or `range` rule's bounds, which the server set.
fn bounds_message(rule: &str, error: &ValidationError) -> Option<String> {
    let number = |name: &str| match error.params.get(name) {
        Some(value @ Value::Number(_)) => Some(value.to_string()),
        _ => None,
    };
    let (min, max) = (number("min"), number("max"));
    let message = match rule {
        "length" => match (number("equal"), min, max) {
            (Some(equal), _, _) => format!("Must have a length of exactly {equal}."),
            (None, Some(min), Some(max)) => format!("Must have a length between {min} and {max}."),
            (None, Some(min), None) => format!("Must have a length of at least {min}."),
            (None, None, Some(max)) => format!("Must have a length of at most {max}."),
            (None, None, None) => return None,
        },
        "range" => {
            let lower = min
                .map(|min| ("at least", min))
                .or_else(|| number("exclusive_min").map(|min| ("greater than", min)));
            let upper = max
                .map(|max| ("at most", max))
                .or_else(|| number("exclusive_max").map(|max| ("less than", max)));
            match (lower, upper) {
                (Some(("at least", min)), Some(("at most", max))) => {
                    format!("Must be between {min} and {max}.")
                }
                (Some((lower, min)), Some((upper, max))) => {
                    format!("Must be {lower} {min} and {upper} {max}.")
                }
                (Some((bound, value)), None) | (None, Some((bound, value))) => {
                    format!("Must be {bound} {value}.")
                }
                (None, None) => return None,
            }
        }
        _ => return None,
    };
    Some(message)
}
