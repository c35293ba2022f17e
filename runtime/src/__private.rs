//! Items the derive's generated code names. Not public API: no stability promise.

use core::fmt::Display;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::CertifierError;

pub use serde;

pub mod arguments;
pub(crate) mod catalogue;
/// The traits generated code chooses by (see the crate's `choice` module).
pub mod choice {
    pub use crate::choice::{FirstChoice, LastChoice, SecondChoice};
}
mod flatten;
mod frameworks;
pub mod json;
mod stubs;

pub use self::arguments::{ArgumentOf, MessageArguments};
pub use self::catalogue::{
    appended_entries, appended_len, appended_member_types, appended_members, appended_rest,
    entry_answered_as, entry_logged_at, entry_translated, new_catalogue, new_entry,
    new_plain_entry, pick_catalogue, CatalogueOf, ChosenCatalogue, Listed, Part, Unlisted,
};
pub use self::flatten::serialize_flattened;

/// Formats what a field holds as a pointer, as `format!("{:p}", field)` does: generated
/// code binds fields by reference, and the reference's own address is not the one asked
/// for. Every other formatting trait passes through.
pub struct Var<'a, T: ?Sized>(pub &'a T);

macro_rules! var_passes_through {
    ($($trait_:ident)*) => {$(
        impl<T: core::fmt::$trait_ + ?Sized> core::fmt::$trait_ for Var<'_, T> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                core::fmt::$trait_::fmt(self.0, f)
            }
        }
    )*};
}

var_passes_through!(Display Debug LowerHex UpperHex Octal Binary LowerExp UpperExp Pointer);

/// The question for a placeholder whose field's type is written as a path (`PathBuf`,
/// `&Path`, `Box<Path>`): the field's own `Display` where it has one, else the path's
/// `display()`, as thiserror shows a path. See [`choice`].
pub struct DisplayPath<'a, T: ?Sized>(pub &'a T);

crate::choice::questions_are_copy!(DisplayPath);

impl<'a, T: Display + ?Sized> choice::FirstChoice for &&DisplayPath<'a, T> {
    type Choice = &'a T;
    #[inline(always)]
    fn choose(self) -> &'a T {
        self.0
    }
}

#[cfg(feature = "std")]
impl<'a, T: AsRef<std::path::Path> + ?Sized> choice::SecondChoice for &DisplayPath<'a, T> {
    type Choice = std::path::Display<'a>;
    #[inline(always)]
    fn choose(self) -> std::path::Display<'a> {
        self.0.as_ref().display()
    }
}

/// Serialises `{"error": {"code": .., "message": .., ..extensions}}`. The derive passes
/// the message when it is a literal, so that it is written as a plain string.
pub fn serialize_envelope<T, S>(
    error: &T,
    literal_message: Option<&'static str>,
    serializer: S,
) -> Result<S::Ok, S::Error>
where
    T: CertifierError,
    S: Serializer,
{
    let mut envelope = serializer.serialize_map(Some(1))?;
    envelope.serialize_entry("error", &ErrorObjectOf(error, literal_message))?;
    envelope.end()
}

/// The inner error object of an envelope, borrowed from the error.
struct ErrorObjectOf<'a, T>(&'a T, Option<&'static str>);

impl<T: CertifierError> Serialize for ErrorObjectOf<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let mut object = serializer.serialize_map(None)?;
        object.serialize_entry("code", error.code())?;
        match self.1 {
            Some(message) => object.serialize_entry("message", message)?,
            None => object.serialize_entry("message", &AsJsonString(&crate::Message(error)))?,
        }
        if let Some(url) = error.doc_url() {
            object.serialize_entry("doc_url", &url)?;
        }
        error.serialize_extensions(&mut object)?;
        object.end()
    }
}

/// The message of a derived type when it is a literal, so that serialisers write it as
/// a plain string; implemented by the derive for types that have one to give.
pub trait LiteralMessage {
    /// The message, or `None` where it has placeholders.
    fn literal_message(&self) -> Option<&'static str>;
}

impl<T: LiteralMessage + ?Sized> LiteralMessage for &T {
    fn literal_message(&self) -> Option<&'static str> {
        (**self).literal_message()
    }
}

impl<T: LiteralMessage + ?Sized> LiteralMessage for alloc::boxed::Box<T> {
    fn literal_message(&self) -> Option<&'static str> {
        (**self).literal_message()
    }
}

impl<T: LiteralMessage + ?Sized> LiteralMessage for alloc::sync::Arc<T> {
    fn literal_message(&self) -> Option<&'static str> {
        (**self).literal_message()
    }
}

/// The question for a transparent field: its literal message where its type gives one
/// ([`LiteralMessage`]), else `None`, and the message goes through `core::fmt`. See
/// [`choice`].
pub struct LiteralOf<'a, T: ?Sized>(pub &'a T);

crate::choice::questions_are_copy!(LiteralOf);

impl<T: LiteralMessage + ?Sized> choice::FirstChoice for &&LiteralOf<'_, T> {
    type Choice = Option<&'static str>;
    #[inline(always)]
    fn choose(self) -> Option<&'static str> {
        self.0.literal_message()
    }
}

impl<T: ?Sized> choice::LastChoice for LiteralOf<'_, T> {
    type Choice = Option<&'static str>;
    #[inline(always)]
    fn choose(self) -> Option<&'static str> {
        None
    }
}

/// Serialises a `Display` value as a string without building the string first.
struct AsJsonString<'a, T: ?Sized>(&'a T);

impl<T: Display + ?Sized> Serialize for AsJsonString<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// The first error of a run of writes that go on after one fails: the field writes of
/// the derived `write_json` and the members of the derived `serialize_extensions`. The
/// writes record their error here rather than return it, so that the generated code has
/// no `?` per field or member: each `?` is a branch and a call in every variant of the
/// user's crate, the bulk of what it compiles for a large enum.
///
/// ```
/// use certifier_error::__private::Failure;
///
/// let mut failure = Failure::new();
/// failure.check(Ok(()));
/// assert!(!failure.has_failed());
/// failure.check(Err("first"));
/// failure.check(Err("second"));
/// assert_eq!(failure.into_result(), Err("first"));
/// ```
pub struct Failure<E>(Option<E>);

impl<E> Default for Failure<E> {
    fn default() -> Self {
        Failure::new()
    }
}

impl<E> Failure<E> {
    /// No failure yet.
    #[inline]
    #[must_use]
    pub const fn new() -> Self {
        Failure(None)
    }

    /// Whether a write has failed.
    #[inline]
    #[must_use]
    pub fn has_failed(&self) -> bool {
        self.0.is_some()
    }

    /// Records the error of a write that can fail; the first error is kept.
    #[inline]
    pub fn check(&mut self, result: Result<(), E>) {
        if let Err(error) = result {
            self.record(error);
        }
    }

    #[cold]
    fn record(&mut self, error: E) {
        self.0.get_or_insert(error);
    }

    /// The first error recorded, if any.
    ///
    /// # Errors
    ///
    /// The first error recorded.
    #[inline]
    pub fn into_result(self) -> Result<(), E> {
        self.0.map_or(Ok(()), Err)
    }
}

/// One extension member of a derived `serialize_extensions`, written by `entry` (the
/// generated code passes `SerializeMap::serialize_entry` for the member's type, so that
/// a type that is not `Serialize` is reported by that bound, at the field). Once a
/// member has failed, the map is not written to again, and `serialize_extensions`
/// returns the first error ([`Failure`]).
///
/// ```
/// use certifier_error::__private::{serialize_member, Failure};
/// use serde::ser::{SerializeMap, Serializer};
///
/// let mut out = Vec::new();
/// let mut serializer = serde_json::Serializer::new(&mut out);
/// let mut map = serializer.serialize_map(None).unwrap();
/// let mut failed = Failure::new();
/// serialize_member(&mut map, &mut failed, "retry_after", &30, SerializeMap::serialize_entry::<str, u64>);
/// failed.into_result().unwrap();
/// map.end().unwrap();
/// assert_eq!(out, br#"{"retry_after":30}"#);
/// ```
#[inline]
pub fn serialize_member<M, V, F>(
    map: &mut M,
    failed: &mut Failure<M::Error>,
    name: &'static str,
    value: &V,
    entry: F,
) where
    M: SerializeMap,
    V: ?Sized,
    F: FnOnce(&mut M, &'static str, &V) -> Result<(), M::Error>,
{
    if !failed.has_failed() {
        failed.check(entry(map, name, value));
    }
}

/// The derived [`CertifierError::extension_members`]: runs the allocation-free member
/// writer into a list of JSON values, keeping field order.
pub fn collect_members<T: CertifierError>(
    error: &T,
) -> Result<Vec<(String, serde_json::Value)>, serde_json::Error> {
    let mut members = MemberList::default();
    error.serialize_extensions(&mut members)?;
    Ok(members.members)
}

/// A `SerializeMap` that keeps its entries as JSON values, in order.
#[derive(Default)]
struct MemberList {
    members: Vec<(String, serde_json::Value)>,
    pending_key: Option<String>,
}

impl SerializeMap for MemberList {
    type Ok = ();
    type Error = serde_json::Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Self::Error> {
        match serde_json::to_value(key)? {
            serde_json::Value::String(key) => {
                self.pending_key = Some(key);
                Ok(())
            }
            other => Err(serde::ser::Error::custom(format_args!(
                "an extension member name must be a string, not {other}"
            ))),
        }
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Self::Error> {
        let key = self.pending_key.take().ok_or_else(|| {
            <serde_json::Error as serde::ser::Error>::custom("member value without a name")
        })?;
        self.members.push((key, serde_json::to_value(value)?));
        Ok(())
    }

    fn end(self) -> Result<(), Self::Error> {
        Ok(())
    }
}

/// Writes the members [`CertifierError::extension_members`] lists: the default
/// `serialize_extensions`, for a hand-written impl or a trait object. Allocates them.
pub fn serialize_member_list<T, M>(error: &T, map: &mut M) -> Result<(), M::Error>
where
    T: CertifierError + ?Sized,
    M: SerializeMap,
{
    let members = error
        .extension_members()
        .map_err(<M::Error as serde::ser::Error>::custom)?;
    for (name, value) in &members {
        map.serialize_entry(name, value)?;
    }
    Ok(())
}

pub use crate::__certifier_if_actix_web as if_actix_web;
pub use crate::__certifier_if_axum as if_axum;
pub use crate::__certifier_if_tonic as if_tonic;
pub use crate::__certifier_integrations as integrations;
pub use crate::__certifier_keep as keep;
pub use crate::__certifier_skip as skip;
pub use crate::__certifier_stubs as stubs;

/// The response of the derived `ResponseError`: `actix_web::error_response`, for any
/// error whose cause the log can read ([`LogSource`]).
#[cfg(feature = "actix-web-4")]
pub fn actix_response<T>(error: &T) -> ::actix_web::HttpResponse
where
    T: CertifierError + serde::Serialize + LogSource + ?Sized,
{
    crate::server::respond(error)
}

/// The response of the derived `IntoResponse`: `axum::into_response`, for any error
/// whose cause the log can read ([`LogSource`]).
#[cfg(feature = "axum-0_8")]
pub fn axum_response<T>(error: &T) -> ::axum::response::Response
where
    T: CertifierError + serde::Serialize + LogSource + ?Sized,
{
    crate::server::respond(error)
}

/// The status of `error` as actix-web's status type, for the derived `ResponseError`.
#[cfg(feature = "actix-web-4")]
pub fn actix_status<T: CertifierError + ?Sized>(error: &T) -> ::actix_web::http::StatusCode {
    crate::actix_web::status_of(error)
}
#[cfg(feature = "actix-web-4")]
pub use ::actix_web;
#[cfg(feature = "axum-0_8")]
pub use ::axum;
#[cfg(feature = "tonic-0_14")]
pub use ::tonic;

/// The `Status` of the derived `From<E> for tonic::Status`: `tonic::status`, logged as
/// the HTTP integrations log their answers.
#[cfg(feature = "tonic-0_14")]
pub fn tonic_status<T>(error: &T) -> ::tonic::Status
where
    T: CertifierError + LogSource,
{
    #[cfg(feature = "tracing")]
    crate::server::log::response(error.status(), error);
    crate::tonic::status_of_sized(error)
}

mod openapi_relay;
pub use self::openapi_relay::*;

pub use serde_json;

pub use alloc::string::String;
pub use alloc::vec::Vec;

/// Views a source as `&dyn Error`, whether it is a sized error type or already a trait
/// object (such as the target of a `Box<dyn Error + Send + Sync>`).
///
/// A source that is not an error reaches the user as this trait's message: it says what
/// the field needs and how to wrap a type that is only `Debug + Display`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a `#[source]` or `#[from]` field: it does not implement \
               `std::error::Error`",
    label = "not a `std::error::Error`",
    note = "a source must implement `std::error::Error`, which many types that are only \
            `Debug + Display` do not",
    note = "wrap it in a newtype of your own with `impl std::fmt::Display` and \
            `impl std::error::Error for MyError {{}}`, or keep its text as a \
            `Box<dyn std::error::Error + Send + Sync>`, made with `error.to_string().into()`"
)]
pub trait AsDynError<'a> {
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a);
}

impl<'a, T: core::error::Error + 'a> AsDynError<'a> for T {
    fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
        self
    }
}

macro_rules! as_dyn_error_for_objects {
    ($($object:ty),*) => {$(
        impl<'a> AsDynError<'a> for $object {
            fn as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
                self
            }
        }
    )*};
}

as_dyn_error_for_objects!(
    dyn core::error::Error + 'a,
    dyn core::error::Error + Send + 'a,
    dyn core::error::Error + Send + Sync + 'a,
    dyn core::error::Error + Send + Sync + core::panic::UnwindSafe + 'a
);

/// The question `source()` asks of a `#[source]` field (see [`choice`]): an error, a
/// pointer to one (`Box<dyn Error + Send + Sync>`, `Arc<dyn Error>`, `anyhow::Error`), or
/// neither, which is then reported as [`AsDynError`]'s message, at the field.
#[derive(Clone, Copy)]
pub struct SourceOf<'b, T: ?Sized>(pub &'b T);

/// A field's source, as `&dyn Error`.
pub struct Source<'b>(&'b (dyn core::error::Error + 'static));

impl<'b> Source<'b> {
    #[must_use]
    pub fn get(self) -> &'b (dyn core::error::Error + 'static) {
        self.0
    }
}

/// A field that is not an error: `get` asks for [`AsDynError`], whose message says so.
pub struct NotAnError<'b, T: ?Sized>(&'b T);

impl<'b, T: ?Sized> NotAnError<'b, T> {
    #[must_use]
    pub fn get(self) -> &'b (dyn core::error::Error + 'static)
    where
        T: AsDynError<'static>,
    {
        self.0.as_dyn_error()
    }
}

impl<'b, T: AsDynError<'static> + ?Sized> choice::FirstChoice for &&SourceOf<'b, T> {
    type Choice = Source<'b>;
    fn choose(self) -> Source<'b> {
        Source(self.0.as_dyn_error())
    }
}

impl<'b, T> choice::SecondChoice for &SourceOf<'b, T>
where
    T: core::ops::Deref + ?Sized,
    T::Target: AsDynError<'static>,
{
    type Choice = Source<'b>;
    fn choose(self) -> Source<'b> {
        Source(self.0.deref().as_dyn_error())
    }
}

impl<'b, T: ?Sized> choice::LastChoice for SourceOf<'b, T> {
    type Choice = NotAnError<'b, T>;
    fn choose(self) -> NotAnError<'b, T> {
        NotAnError(self.0)
    }
}

/// The gRPC facts of a derived type: see `CertifierError::grpc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grpc {
    /// The `ErrorInfo` domain.
    pub domain: Option<&'static str>,
    /// The snake_case name of the gRPC code that overrides the status's.
    pub code: Option<&'static str>,
}

impl Grpc {
    /// Neither.
    pub const NONE: Grpc = Grpc {
        domain: None,
        code: None,
    };
}

/// Where the log reads an error's cause: `source()` for every `Error`, and what the
/// derive writes for a type with a `catch_all` variant, which is no `Error` (its
/// `From` for every error would overlap with `From<T> for T`).
pub trait LogSource {
    /// The first cause of the error, as `Error::source` gives it.
    fn log_source(&self) -> Option<&(dyn core::error::Error + 'static)>;
}

impl<T: core::error::Error + ?Sized> LogSource for T {
    fn log_source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.source()
    }
}

/// The source of a transparent variant: the inner error's own `source()`. An inner
/// `dyn CertifierError` (behind a `Box` or `Arc`) is not an `Error`, so it has none.
pub trait TransparentSource {
    fn transparent_source(&self) -> Option<&(dyn core::error::Error + 'static)>;
}

impl<T: core::error::Error + ?Sized> TransparentSource for T {
    fn transparent_source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.source()
    }
}

macro_rules! no_transparent_source_for_objects {
    ($($object:ty),*) => {$(
        impl TransparentSource for $object {
            fn transparent_source(&self) -> Option<&(dyn core::error::Error + 'static)> {
                None
            }
        }
    )*};
}

no_transparent_source_for_objects!(
    dyn CertifierError + '_,
    dyn CertifierError + Send + '_,
    dyn CertifierError + Send + Sync + '_
);

/// Entry points of the fuzz targets (`fuzz/`) into parsers the public API reaches only
/// through a server: not API, and not for use elsewhere.
#[doc(hidden)]
pub mod fuzz {
    /// Whether the `Accept` header fields `fields` prefer problem details.
    #[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
    #[must_use]
    pub fn prefers_problem(fields: &[&[u8]]) -> bool {
        crate::server::problem::prefers_problem(fields.iter().copied())
    }

    /// The problem body the layers write for `envelope` sent with `status`.
    #[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
    #[must_use]
    pub fn problem_from_envelope(envelope: &[u8], status: u16) -> Option<alloc::vec::Vec<u8>> {
        crate::server::problem::from_envelope(envelope, status)
    }

    /// `text` as the `tracing` integration writes a value a client can shape.
    #[cfg(feature = "tracing")]
    #[must_use]
    pub fn escape_log_value(text: &str) -> alloc::string::String {
        alloc::string::ToString::to_string(&crate::server::log::Escaped(text))
    }
}
