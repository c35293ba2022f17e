//! Items the derive's generated code names. Not public API: no stability promise.

use core::fmt::Display;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::{CertifierError, Extensions};

pub use serde;

mod flatten;

pub use self::flatten::serialize_flattened;

/// Serialises `{"error": {"code": .., "message": .., ..extensions}}`.
pub fn serialize_envelope<T, S>(error: &T, serializer: S) -> Result<S::Ok, S::Error>
where
    T: CertifierError,
    S: Serializer,
{
    let mut envelope = serializer.serialize_map(Some(1))?;
    envelope.serialize_entry("error", &ErrorObjectOf(error))?;
    envelope.end()
}

/// The inner error object of an envelope, borrowed from the error.
struct ErrorObjectOf<'a, T>(&'a T);

impl<T: CertifierError> Serialize for ErrorObjectOf<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let error = self.0;
        let mut object = serializer.serialize_map(None)?;
        object.serialize_entry("code", error.code())?;
        object.serialize_entry("message", &AsJsonString(error))?;
        error.serialize_extensions(&mut object)?;
        object.end()
    }
}

/// Serialises a `Display` value as a string without building the string first.
struct AsJsonString<'a, T: ?Sized>(&'a T);

impl<T: Display + ?Sized> Serialize for AsJsonString<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// The derived [`CertifierError::extensions`]: runs the allocation-free member writer
/// into a JSON map.
pub fn collect_extensions<T: CertifierError>(error: &T) -> Result<Extensions, serde_json::Error> {
    let mut map = serde_json::value::Serializer.serialize_map(None)?;
    error.serialize_extensions(&mut map)?;
    match SerializeMap::end(map)? {
        serde_json::Value::Object(members) => Ok(members),
        // The value serialiser always ends a map as an object.
        _ => Ok(Extensions::new()),
    }
}

/// Writes the members of an error known only through its vtable.
pub fn serialize_dyn_extensions<T, M>(error: &T, map: &mut M) -> Result<(), M::Error>
where
    T: CertifierError + ?Sized,
    M: SerializeMap,
{
    let members = error
        .extensions()
        .map_err(<M::Error as serde::ser::Error>::custom)?;
    for (name, value) in &members {
        map.serialize_entry(name, value)?;
    }
    Ok(())
}

/// Implements the framework integrations selected by the runtime's cargo features for
/// one derived type. Each feature adds its arm here, so the proc-macro stays feature-free.
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_integrations {
    (
        runtime = [$($runtime:tt)*],
        impl [$($impl_generics:tt)*] for [$($ty:tt)*] where [$($where:tt)*],
    ) => {};
}

pub use crate::__certifier_integrations as integrations;

pub use serde_json;

/// Views a source as `&dyn Error`, whether it is a sized error type or already a trait
/// object (such as the target of a `Box<dyn Error + Send + Sync>`).
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
