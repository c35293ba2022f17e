//! The direct JSON writer (`CertifierError::write_json`) writes the same bytes as the
//! derived `Serialize` through `serde_json`, for every kind of variant, field and
//! message, with strings full of characters that need escaping.

use std::fmt;
use std::sync::Arc;

use certifier_error::{CertifierError, StandardError};
use proptest::prelude::*;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
struct FieldError {
    field: String,
    reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Limits {
    window_seconds: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining: Option<u32>,
}

/// A placeholder type whose `Display` is its own: written through `core::fmt`.
#[derive(Debug, Clone)]
struct Plan(String);

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.0)
    }
}

#[derive(Debug, Clone, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Inner {
    #[certifier(
        code = "conflict",
        message = "Version {expected} expected, found {found}."
    )]
    Stale {
        #[certifier(extend)]
        expected: u64,
        #[certifier(extend)]
        found: u64,
    },
}

#[derive(Debug, Clone, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,

    #[certifier(
        status = 418,
        code = "teapot",
        message = "Tab\there, \"quoted\", back\\slash, \u{1}\u{1f}\u{7f} {{braces}} é \u{2028}"
    )]
    Literal,

    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version."
    )]
    InvalidVersion(String),

    #[certifier(
        code = "validation_error",
        message = "{count} invalid; first: {first}."
    )]
    Validation {
        count: usize,
        first: String,
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
        #[certifier(extend)]
        tags: Vec<String>,
    },

    #[certifier(
        code = "rate_limited",
        message = "Retry in {retry_after} s ({signed})."
    )]
    RateLimited {
        #[certifier(extend)]
        retry_after: u64,
        signed: i32,
        #[certifier(extend)]
        quota: Option<u32>,
        #[certifier(extend, rename = "x-note\"\n")]
        note: Option<String>,
        #[certifier(flatten)]
        limits: Limits,
    },

    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} plan allows {max}; {flag} {letter} {ratio}."
    )]
    PlanLimit {
        plan: Plan,
        #[certifier(extend)]
        max: u32,
        #[certifier(extend)]
        flag: bool,
        #[certifier(extend)]
        letter: char,
        #[certifier(extend)]
        ratio: f64,
    },

    #[certifier(
        status = 402,
        code = "payment_due",
        message = "{amount:.2} due for {id:?}."
    )]
    Formatted {
        amount: f64,
        #[certifier(extend)]
        id: String,
    },

    #[certifier(status = 400, code = "bad_pair", message = "{1} and {0}")]
    Pair(#[certifier(extend, rename = "first")] i128, String),

    #[certifier(
        code = "validation_error",
        message("{} of {max}: {:?} {label}", .names.len(), .names, max = .limit, label = .plan)
    )]
    Arguments {
        names: Vec<String>,
        limit: u32,
        #[certifier(extend)]
        plan: String,
    },

    #[certifier(status = 400, code = "extra", message = "Extra members.")]
    Extra {
        #[certifier(flatten)]
        members: serde_json::Map<String, serde_json::Value>,
        #[certifier(extend)]
        r#type: String,
    },

    #[certifier(transparent)]
    Common(StandardError),

    #[certifier(transparent)]
    Nested(Inner),

    #[certifier(transparent)]
    Shared(Arc<Inner>),

    /// The inner error's members, then the variant's own.
    #[certifier(transparent)]
    Appended {
        #[certifier(extend)]
        note_text: String,
        inner: Inner,
        #[certifier(extend)]
        quota: Option<u32>,
        #[certifier(extend, rename = "expected")]
        again: i64,
    },

    #[certifier(transparent)]
    AppendedStandard(
        StandardError,
        #[certifier(extend, rename = "x-path\"\n")] String,
        #[certifier(extend, rename = "errors")] Vec<FieldError>,
    ),
}

/// A struct error with a generic member: its placeholder takes the `Display` path.
#[derive(Debug, CertifierError)]
#[certifier(status = 409, code = "generic", message = "Label {label}.")]
struct Generic<T: fmt::Display + fmt::Debug + Serialize> {
    label: T,
    #[certifier(extend)]
    value: T,
}

#[derive(Debug, CertifierError)]
#[certifier(doc_url = "https://docs.example.com/errors/{code}?q=\"x\"")]
enum Documented {
    #[certifier(code = "forbidden", message = "No access to {0}.")]
    Forbidden(String),
    #[certifier(transparent)]
    Inner(Inner),
    #[certifier(transparent)]
    Appended(Inner, #[certifier(extend, rename = "tag")] String),
}

/// An implementation by hand that leaves `write_json` to the trait's default.
#[derive(Debug)]
struct ByHand(String);

impl fmt::Display for ByHand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl CertifierError for ByHand {
    fn status(&self) -> u16 {
        400
    }

    fn code(&self) -> &str {
        "by_hand"
    }

    fn extension_members(&self) -> Result<Vec<(String, serde_json::Value)>, serde_json::Error> {
        Ok(vec![(
            "echo".to_owned(),
            serde_json::Value::String(self.0.clone()),
        )])
    }
}

/// Checks every way of writing `error` against the `Serialize` path.
fn assert_same<T: CertifierError + Serialize>(error: &T) -> Result<(), TestCaseError> {
    let expected = serde_json::to_vec(error).unwrap();
    let mut direct = b"prefix ".to_vec();
    error.write_json(&mut direct).unwrap();
    prop_assert_eq!(
        String::from_utf8_lossy(&direct[7..]),
        String::from_utf8_lossy(&expected)
    );
    let object: &dyn CertifierError = error;
    let text = object.to_json().unwrap();
    prop_assert_eq!(text.as_bytes(), &expected[..]);
    prop_assert_eq!(serde_json::to_vec(object).unwrap(), expected);
    Ok(())
}

/// Text that leans on what JSON escapes: quotes, backslashes, control characters, and
/// characters beyond ASCII.
fn text() -> impl Strategy<Value = String> {
    let tricky = prop_oneof![
        Just('"'),
        Just('\\'),
        Just('\n'),
        Just('\t'),
        Just('\u{0}'),
        Just('\u{8}'),
        Just('\u{c}'),
        Just('\r'),
        Just('\u{1f}'),
        Just('\u{7f}'),
        Just('é'),
        Just('\u{2028}'),
        Just('\u{1f600}'),
        Just('{'),
        Just('}'),
    ];
    let character =
        prop_oneof![3 => any::<char>(), 2 => tricky, 5 => proptest::char::range('a', 'z')];
    proptest::collection::vec(character, 0..24).prop_map(|chars| chars.into_iter().collect())
}

fn standard() -> impl Strategy<Value = StandardError> {
    prop_oneof![
        Just(StandardError::BadRequest),
        Just(StandardError::ValidationError),
        Just(StandardError::NotFound),
        Just(StandardError::RateLimited),
        Just(StandardError::InternalServerError),
    ]
}

fn inner() -> impl Strategy<Value = Inner> {
    (any::<u64>(), any::<u64>()).prop_map(|(expected, found)| Inner::Stale { expected, found })
}

fn api_error() -> impl Strategy<Value = ApiError> {
    let field_error = (text(), proptest::collection::vec(text(), 0..3))
        .prop_map(|(field, reasons)| FieldError { field, reasons })
        .boxed();
    prop_oneof![
        Just(ApiError::NotFound),
        Just(ApiError::Literal),
        text().prop_map(ApiError::InvalidVersion),
        (
            any::<usize>(),
            text(),
            proptest::collection::vec(field_error.clone(), 0..3),
            proptest::collection::vec(text(), 0..3),
        )
            .prop_map(|(count, first, field_errors, tags)| ApiError::Validation {
                count,
                first,
                field_errors,
                tags,
            }),
        (
            any::<u64>(),
            any::<i32>(),
            any::<Option<u32>>(),
            proptest::option::of(text()),
            any::<u32>(),
            any::<Option<u32>>(),
        )
            .prop_map(
                |(retry_after, signed, quota, note, window_seconds, remaining)| {
                    ApiError::RateLimited {
                        retry_after,
                        signed,
                        quota,
                        note,
                        limits: Limits {
                            window_seconds,
                            remaining,
                        },
                    }
                }
            ),
        (
            text(),
            any::<u32>(),
            any::<bool>(),
            any::<char>(),
            any::<f64>()
        )
            .prop_map(|(plan, max, flag, letter, ratio)| ApiError::PlanLimit {
                plan: Plan(plan),
                max,
                flag,
                letter,
                ratio,
            }),
        (any::<f64>(), text()).prop_map(|(amount, id)| ApiError::Formatted { amount, id }),
        // `serde_json::Value`, behind the trait object's `Serialize`, holds 64-bit
        // integers only; wider ones are checked below.
        (any::<i64>(), text()).prop_map(|(first, second)| ApiError::Pair(first.into(), second)),
        (proptest::collection::vec((text(), text()), 0..3), text()).prop_map(
            |(members, r#type)| ApiError::Extra {
                members: members
                    .into_iter()
                    .map(|(name, value)| (name, serde_json::Value::String(value)))
                    .collect(),
                r#type,
            }
        ),
        (
            proptest::collection::vec(text(), 0..3),
            any::<u32>(),
            text()
        )
            .prop_map(|(names, limit, plan)| ApiError::Arguments { names, limit, plan }),
        standard().prop_map(ApiError::Common),
        inner().prop_map(ApiError::Nested),
        inner().prop_map(|error| ApiError::Shared(Arc::new(error))),
        (text(), inner(), any::<Option<u32>>(), any::<i64>()).prop_map(
            |(note_text, inner, quota, again)| ApiError::Appended {
                note_text,
                inner,
                quota,
                again,
            }
        ),
        (
            standard(),
            text(),
            proptest::collection::vec(field_error, 0..3)
        )
            .prop_map(|(standard, path, errors)| ApiError::AppendedStandard(
                standard, path, errors
            )),
    ]
}

/// Any JSON value, nested a few levels, with tricky strings as keys and values.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        text().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            proptest::collection::vec((text(), inner), 0..4)
                .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn extension_values_are_written_like_serde_json(value in json_value()) {
        let mut out = Vec::new();
        certifier_error::__private::json::write_serialize(&mut out, &value).unwrap();
        prop_assert_eq!(
            String::from_utf8(out).unwrap(),
            serde_json::to_string(&value).unwrap()
        );
    }

    #[test]
    fn every_variant_writes_the_serialize_bytes(error in api_error()) {
        assert_same(&error)?;
    }

    #[test]
    fn generic_members_take_the_general_paths(label in text(), value in text()) {
        assert_same(&Generic { label, value })?;
        assert_same(&Generic { label: 7u8, value: 9u8 })?;
    }

    #[test]
    fn doc_urls_are_written_like_serialize(name in text(), expected in any::<u64>()) {
        assert_same(&Documented::Inner(Inner::Stale { expected, found: 0 }))?;
        assert_same(&Documented::Appended(Inner::Stale { expected, found: 1 }, name.clone()))?;
        assert_same(&Documented::Forbidden(name))?;
    }

    #[test]
    fn the_default_writer_matches_serialize_of_the_trait_object(echo in text()) {
        let error = ByHand(echo);
        let object: &dyn CertifierError = &error;
        let mut direct = Vec::new();
        object.write_json(&mut direct).unwrap();
        prop_assert_eq!(direct, serde_json::to_vec(object).unwrap());
    }
}

#[test]
fn a_member_that_fails_to_serialise_leaves_the_buffer_untouched() {
    let mut members = serde_json::Map::new();
    members.insert("a".into(), 1.into());
    // A flattened map is fine; a flattened string is not.
    #[derive(Debug, CertifierError)]
    #[certifier(status = 400, code = "odd", message = "Odd.")]
    struct Odd {
        #[certifier(flatten)]
        members: &'static str,
    }
    let mut out = b"kept".to_vec();
    let error = Odd { members: "text" }.write_json(&mut out).unwrap_err();
    assert!(serde_json::to_vec(&Odd { members: "text" }).is_err());
    assert!(error.to_string().contains("can only flatten"), "{error}");
    assert_eq!(out, b"kept");
}

#[test]
fn integers_wider_than_64_bits_are_written_whole() {
    for first in [i128::MIN, i128::from(i64::MIN) - 1, i128::MAX] {
        let error = ApiError::Pair(first, "x".into());
        assert_eq!(
            error.to_json().unwrap(),
            serde_json::to_string(&error).unwrap()
        );
    }
}

#[test]
fn an_empty_enum_has_a_writer_too() {
    #[derive(Debug, CertifierError)]
    enum Never {}
    fn assert_writer<T: CertifierError>() {}
    assert_writer::<Never>();
}

#[test]
fn writes_the_documented_envelope() {
    let error = ApiError::RateLimited {
        retry_after: 30,
        signed: -1,
        quota: None,
        note: Some("n".into()),
        limits: Limits {
            window_seconds: 60,
            remaining: Some(0),
        },
    };
    assert_eq!(
        error.to_json().unwrap(),
        r#"{"error":{"code":"rate_limited","message":"Retry in 30 s (-1).","retryAfter":30,"x-note\"\n":"n","windowSeconds":60,"remaining":0}}"#
    );
}

#[test]
fn writes_a_transparent_variants_members_after_the_inner_ones() {
    let error = ApiError::Appended {
        note_text: "n".into(),
        inner: Inner::Stale {
            expected: 2,
            found: 1,
        },
        quota: None,
        again: -2,
    };
    // `expected` twice: the inner error's, then the variant's own.
    assert_eq!(
        error.to_json().unwrap(),
        r#"{"error":{"code":"conflict","message":"Version 2 expected, found 1.","expected":2,"found":1,"noteText":"n","expected":-2}}"#
    );
    assert_eq!(
        error.to_json().unwrap(),
        serde_json::to_string(&error).unwrap()
    );
}

/// A field whose `Display` fails.
#[derive(Debug)]
struct FailingDisplay;

impl fmt::Display for FailingDisplay {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        Err(fmt::Error)
    }
}

/// A member whose `Serialize` fails with its own text.
#[derive(Debug)]
struct FailingMember(&'static str);

impl Serialize for FailingMember {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom(self.0))
    }
}

#[test]
fn the_first_failure_of_an_envelope_is_the_one_returned() {
    #[derive(Debug, CertifierError)]
    #[certifier(status = 400, code = "broken", message = "Before {shown} after.")]
    struct Broken {
        shown: FailingDisplay,
        #[certifier(extend)]
        first: FailingMember,
    }
    #[derive(Debug, CertifierError)]
    #[certifier(status = 400, code = "broken", message = "Shown.")]
    struct BrokenMembers {
        #[certifier(extend)]
        fine: u32,
        #[certifier(extend)]
        first: FailingMember,
        #[certifier(extend)]
        second: FailingMember,
    }
    let broken = Broken {
        shown: FailingDisplay,
        first: FailingMember("first"),
    };
    let mut out = b"kept".to_vec();
    let error = broken.write_json(&mut out).unwrap_err();
    assert!(error.to_string().contains("Display"), "{error}");
    assert_eq!(out, b"kept");

    let broken = BrokenMembers {
        fine: 1,
        first: FailingMember("first"),
        second: FailingMember("second"),
    };
    let error = broken.write_json(&mut out).unwrap_err();
    assert_eq!(error.to_string(), "first");
    assert_eq!(out, b"kept");
    assert_eq!(broken.extension_members().unwrap_err().to_string(), "first");
    assert_eq!(
        serde_json::to_string(&broken).unwrap_err().to_string(),
        "first"
    );
}
