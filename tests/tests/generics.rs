//! Generic error types: the derive infers bounds from how each field is used, so each
//! generated impl asks only for what it needs.

use std::error::Error as _;
use std::fmt;

use certifier_error::{CertifierError, StandardError};
use serde::Serialize;

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

/// Displays, but neither serialises nor is an error.
#[derive(Debug)]
struct DisplayOnly(&'static str);

impl fmt::Display for DisplayOnly {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>", self.0)
    }
}

/// Debug only.
#[derive(Debug)]
struct DebugOnly {
    #[allow(dead_code)]
    n: u8,
}

/// Serialises, but has no `Display`.
#[derive(Debug, Serialize)]
struct Detail {
    field: &'static str,
}

#[derive(Debug, CertifierError)]
enum Generic<T, M, D> {
    #[certifier(code = "validation_error", message = "Invalid.")]
    Extension {
        #[certifier(extend)]
        detail: T,
    },

    #[certifier(code = "bad_request", message = "Bad {value} ({debug:?}).")]
    Message { value: M, debug: D },

    #[certifier(code = "not_found")]
    Neither(#[allow(dead_code)] Vec<D>),
}

#[test]
fn extension_field_needs_serialize_only() {
    // `T = Detail` has no `Display`, `M`/`D` are not `Serialize`: still a full error.
    let error: Generic<Detail, DisplayOnly, DebugOnly> = Generic::Extension {
        detail: Detail { field: "name" },
    };
    assert_eq!(error.status(), 400);
    assert_eq!(error.to_string(), "Invalid.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"validation_error","message":"Invalid.","detail":{"field":"name"}}}"#
    );
    assert!(error.source().is_none());
}

#[test]
fn message_fields_need_display_and_debug_only() {
    let error: Generic<Detail, DisplayOnly, DebugOnly> = Generic::Message {
        value: DisplayOnly("v"),
        debug: DebugOnly { n: 1 },
    };
    assert_eq!(error.to_string(), "Bad <v> (DebugOnly { n: 1 }).");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"bad_request","message":"Bad <v> (DebugOnly { n: 1 })."}}"#
    );
    let error: Generic<Detail, DisplayOnly, DebugOnly> = Generic::Neither(vec![]);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#
    );
}

#[test]
fn works_as_a_trait_object() {
    let error: Box<dyn CertifierError> =
        Box::new(Generic::<u32, DisplayOnly, DebugOnly>::Extension { detail: 4 });
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"validation_error","message":"Invalid.","detail":4}}"#
    );
}

#[derive(Debug, CertifierError)]
enum Transparent<E> {
    #[certifier(transparent)]
    Wrapped(E),

    #[certifier(code = "conflict", message = "Own.")]
    Own,
}

/// A `CertifierError` whose source is set, to see `source()` delegate.
#[derive(Debug, CertifierError)]
#[certifier(code = "internal_server_error", message = "Failed.")]
struct WithSource(#[source] std::io::Error);

#[test]
fn generic_transparent_field() {
    let error: Transparent<StandardError> = Transparent::Wrapped(StandardError::Unauthorized);
    assert_eq!(error.status(), 401);
    assert_eq!(error.code(), "unauthorized");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"unauthorized","message":"Authentication is required for this request."}}"#
    );
    let error: Transparent<WithSource> =
        Transparent::Wrapped(WithSource(std::io::Error::other("io")));
    assert_eq!(error.source().unwrap().to_string(), "io");
    let error: Transparent<StandardError> = Transparent::Own;
    assert_eq!(error.to_string(), "Own.");
}

/// A `CertifierError` that is not a `std::error::Error`: transparent over it still gives
/// status, code, message and JSON (the `Error` bound sits on the `Error` impl only).
#[derive(Debug)]
struct NotAnError;

impl fmt::Display for NotAnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Not an error type.")
    }
}

impl CertifierError for NotAnError {
    fn status(&self) -> u16 {
        418
    }

    fn code(&self) -> &str {
        "teapot"
    }
}

#[test]
fn transparent_field_needs_no_error_or_serialize_impl() {
    let error = Transparent::Wrapped(NotAnError);
    assert_eq!(error.status(), 418);
    assert_eq!(error.code(), "teapot");
    assert_eq!(error.to_string(), "Not an error type.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"teapot","message":"Not an error type."}}"#
    );
}

#[derive(Debug, CertifierError)]
enum Sourced<E> {
    #[certifier(code = "conflict", message = "Failed: {0}.")]
    Failed(#[source] E),

    #[certifier(code = "internal_server_error")]
    Maybe { source: Option<E> },
}

#[test]
fn generic_source() {
    let error = Sourced::Failed(std::io::Error::other("boom"));
    assert_eq!(error.to_string(), "Failed: boom.");
    assert_eq!(error.source().unwrap().to_string(), "boom");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"conflict","message":"Failed: boom."}}"#
    );
    let error: Sourced<std::io::Error> = Sourced::Maybe { source: None };
    assert!(error.source().is_none());
    let error = Sourced::Maybe {
        source: Some(std::fmt::Error),
    };
    assert_eq!(
        error.source().unwrap().to_string(),
        std::fmt::Error.to_string()
    );
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Borrowed<'a, 'b: 'a, T: ?Sized + fmt::Display + 'a> {
    #[certifier(code = "not_found", message = "No {kind} named {name}.")]
    Missing {
        kind: &'a T,
        #[certifier(extend)]
        name: &'b str,
        #[certifier(extend)]
        tried_names: &'a [&'b str],
    },
}

#[test]
fn lifetimes() {
    let tried = ["a", "b"];
    let kind = String::from("bucket");
    let error: Borrowed<'_, '_, str> = Borrowed::Missing {
        kind: kind.as_str(),
        name: "logs",
        tried_names: &tried,
    };
    assert_eq!(error.to_string(), "No bucket named logs.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"not_found","message":"No bucket named logs.","name":"logs","triedNames":["a","b"]}}"#
    );
}

#[derive(Debug, CertifierError)]
#[certifier(code = "validation_error", message = "Expected {values:?}, got {got}.")]
struct Arity<const N: usize> {
    #[certifier(extend)]
    got: usize,
    values: [u8; N],
}

#[test]
fn const_generics() {
    let error = Arity::<2> {
        got: 3,
        values: [1, 2],
    };
    assert_eq!(error.to_string(), "Expected [1, 2], got 3.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"validation_error","message":"Expected [1, 2], got 3.","got":3}}"#
    );
}

trait Resource {
    type Id: fmt::Display + fmt::Debug;
    const KIND: &'static str;
}

#[derive(Debug)]
struct Certificate;

impl Resource for Certificate {
    type Id = u64;
    const KIND: &'static str = "certificate";
}

#[derive(Debug, CertifierError)]
enum WhereClause<R>
where
    R: Resource,
    R::Id: Serialize,
{
    #[certifier(code = "not_found", message = "No resource {id}.")]
    Missing {
        #[certifier(extend)]
        id: R::Id,
    },

    #[certifier(code = "conflict", message = "Conflict on {0:?}.")]
    Conflict(R::Id, #[allow(dead_code)] std::marker::PhantomData<R>),
}

#[test]
fn where_clauses_and_associated_types() {
    let error: WhereClause<Certificate> = WhereClause::Missing { id: 42 };
    assert_eq!(error.to_string(), "No resource 42.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"not_found","message":"No resource 42.","id":42}}"#
    );
    let error: WhereClause<Certificate> = WhereClause::Conflict(7, std::marker::PhantomData);
    assert_eq!(error.to_string(), "Conflict on 7.");
    assert_eq!(<Certificate as Resource>::KIND, "certificate");
}

#[derive(Debug, CertifierError)]
#[certifier(code = "bad_request", message = "Bad: {inner}.")]
struct DefaultParam<T = u8> {
    inner: T,
    #[certifier(flatten)]
    more: Option<std::collections::BTreeMap<String, T>>,
}

#[test]
fn default_type_parameters_and_generic_flatten() {
    let mut more = std::collections::BTreeMap::new();
    more.insert("k".to_owned(), 5);
    let error: DefaultParam = DefaultParam {
        inner: 1,
        more: Some(more),
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"bad_request","message":"Bad: 1.","k":5}}"#
    );
}

/// The inferred bounds are exactly those: a generic type with a field used nowhere needs
/// nothing of it; this compiles only if no bound is added for `U`.
#[derive(Debug, CertifierError)]
#[certifier(code = "forbidden")]
struct Unused<U: fmt::Debug> {
    #[allow(dead_code)]
    hidden: U,
}

#[test]
fn unused_parameters_get_no_bounds() {
    let error = Unused {
        hidden: DebugOnly { n: 0 },
    };
    assert_eq!(error.status(), 403);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"forbidden","message":"You do not have access to this resource."}}"#
    );
    let _: &dyn std::error::Error = &error;
}

#[derive(Debug, CertifierError)]
enum WithFrom<T> {
    #[certifier(code = "invalid_json")]
    Json(#[from] serde_json::Error),

    #[certifier(code = "bad_request", message = "Bad {0}.")]
    Other(T),
}

#[test]
fn from_in_a_generic_enum() {
    fn parse<T>(body: &str) -> Result<u8, WithFrom<T>> {
        Ok(serde_json::from_str(body)?)
    }
    let error = parse::<DisplayOnly>("[").unwrap_err();
    assert_eq!(error.code(), "invalid_json");
    assert!(error.source().is_some());
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON."}}"#
    );
    assert_eq!(WithFrom::Other(DisplayOnly("x")).to_string(), "Bad <x>.");
}

/// An `Option` member whose type names a parameter: serialising it asks `Serialize` of
/// what it holds, so that is what the impl is bound by.
#[derive(Debug, CertifierError)]
#[certifier(code = "conflict", message = "Taken.")]
struct OptionalMember<T> {
    #[certifier(extend)]
    value: Option<T>,
}

#[test]
fn an_optional_member_is_bound_by_what_it_holds() {
    let error = OptionalMember { value: Some(3_u8) };
    let expected = r#"{"error":{"code":"conflict","message":"Taken.","value":3}}"#;
    assert_eq!(to_json(&error), expected);
    assert_eq!(error.to_json().unwrap(), expected);
    assert_eq!(
        to_json(&OptionalMember::<u8> { value: None }),
        r#"{"error":{"code":"conflict","message":"Taken."}}"#
    );
}
