//! OpenAPI and JSON Schema descriptions of the error envelope and of derived types,
//! behind the `utoipa` and `schemars` features.
//!
//! The derive calls [`openapi!`](crate::__private::openapi) for every type; the macro
//! expands to the impls of the enabled features only, so the proc-macro itself stays
//! free of features.

#[cfg(feature = "schemars")]
mod schemars;
#[cfg(feature = "utoipa")]
mod utoipa;

/// What generated code names, re-exported by `crate::__private`.
pub mod private {
    pub use crate::__certifier_openapi as openapi;
    pub use crate::__certifier_openapi_schemars as openapi_schemars;
    pub use crate::__certifier_openapi_utoipa as openapi_utoipa;

    #[cfg(feature = "schemars")]
    pub use schemars;
    #[cfg(feature = "utoipa")]
    pub use utoipa;

    /// Helpers of the generated impls.
    pub mod openapi_types {
        pub use alloc::borrow::Cow;

        pub use crate::__private::choice::{FirstChoice, LastChoice};
        #[cfg(feature = "schemars")]
        pub use crate::openapi::schemars::{InlineJsonSchemaOf, JsonSchemaOf, Members};
        #[cfg(feature = "utoipa")]
        pub use crate::openapi::utoipa::{
            responses, Placeholders, Responses, ResponsesOf, SchemaOf,
        };
    }
}

/// Emits, for one derived type, `utoipa::IntoResponses` (feature `utoipa`) and
/// `schemars::JsonSchema` (feature `schemars`).
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_openapi {
    (
        runtime = [$($runtime:tt)*],
        impl [$($impl_generics:tt)*] for [$($ty:tt)*] where [$($where:tt)*],
        name = [$name:literal],
        members = [$(($code:literal, $member:literal, $member_ty:ty),)*],
        inner = [$($inner:ty,)*],
    ) => {
        $($runtime)*::__private::openapi_utoipa! {
            runtime = [$($runtime)*],
            impl [$($impl_generics)*] for [$($ty)*] where [$($where)*],
            members = [$(($code, $member, $member_ty),)*],
            inner = [$($inner,)*],
        }
        $($runtime)*::__private::openapi_schemars! {
            runtime = [$($runtime)*],
            impl [$($impl_generics)*] for [$($ty)*] where [$($where)*],
            name = [$name],
            members = [$(($code, $member, $member_ty),)*],
            inner = [$($inner,)*],
        }
    };
}

/// The `utoipa` part of [`__certifier_openapi!`]: nothing without the feature.
#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_openapi_utoipa {
    ($($input:tt)*) => {};
}

/// The `utoipa` part of [`__certifier_openapi!`]: `IntoResponses` from the catalogue,
/// with example values for the extension members: from the schemas of the type's own
/// members, and from the examples of its transparent fields' types.
#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_openapi_utoipa {
    (
        runtime = [$($runtime:tt)*],
        impl [$($impl_generics:tt)*] for [$($ty:tt)*] where [$($where:tt)*],
        members = [$(($code:literal, $member:literal, $member_ty:ty),)*],
        inner = [$($inner:ty,)*],
    ) => {
        #[automatically_derived]
        impl $($impl_generics)* $($runtime)*::__private::utoipa::IntoResponses for $($ty)*
        where
            $($where)*
        {
            fn responses() -> $($runtime)*::__private::openapi_types::Responses {
                #[allow(unused_imports)]
                use $($runtime)*::__private::openapi_types::{
                    self as __types, FirstChoice as _, LastChoice as _,
                };
                #[allow(unused_mut)]
                let mut __members = __types::Placeholders::new();
                $(
                    __members.member(
                        $code,
                        $member,
                        (&&__types::SchemaOf::<$member_ty>::NEW).choose(),
                    );
                )*
                $(
                    __members.inner((&&__types::ResponsesOf::<$inner>::NEW).choose());
                )*
                __types::responses(<Self as $($runtime)*::ErrorCatalogue>::CATALOGUE, &__members)
            }
        }
    };
}

/// The `schemars` part of [`__certifier_openapi!`]: nothing without the feature.
#[cfg(not(feature = "schemars"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_openapi_schemars {
    ($($input:tt)*) => {};
}

/// The `schemars` part of [`__certifier_openapi!`]: `JsonSchema` of the type's envelope,
/// with one subschema per code holding the schemas of that code's extension members,
/// its own and its transparent fields' (read inline, so that each code's members are
/// in the schema rather than in an unreferenced definition).
#[cfg(feature = "schemars")]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_openapi_schemars {
    (
        runtime = [$($runtime:tt)*],
        impl [$($impl_generics:tt)*] for [$($ty:tt)*] where [$($where:tt)*],
        name = [$name:literal],
        members = [$(($code:literal, $member:literal, $member_ty:ty),)*],
        inner = [$($inner:ty,)*],
    ) => {
        #[automatically_derived]
        impl $($impl_generics)* $($runtime)*::__private::schemars::JsonSchema for $($ty)*
        where
            $($where)*
        {
            fn schema_name() -> $($runtime)*::__private::openapi_types::Cow<'static, ::core::primitive::str> {
                $($runtime)*::__private::openapi_types::Cow::Borrowed($name)
            }

            fn schema_id() -> $($runtime)*::__private::openapi_types::Cow<'static, ::core::primitive::str> {
                $($runtime)*::__private::openapi_types::Cow::Borrowed(
                    ::core::any::type_name::<Self>(),
                )
            }

            fn json_schema(
                __generator: &mut $($runtime)*::__private::schemars::SchemaGenerator,
            ) -> $($runtime)*::__private::schemars::Schema {
                #[allow(unused_imports)]
                use $($runtime)*::__private::openapi_types::{
                    self as __types, FirstChoice as _, LastChoice as _,
                };
                let mut __members = __types::Members::new();
                $(
                    __members.member(
                        $code,
                        $member,
                        (&&__types::JsonSchemaOf::<$member_ty>::NEW)
                            .choose()
                            .map(|__schema| __schema(__generator)),
                    );
                )*
                $(
                    __members.inner(
                        (&&__types::InlineJsonSchemaOf::<$inner>::NEW)
                            .choose()
                            .map(|__schema| __schema(__generator)),
                    );
                )*
                __members.into_schema(<Self as $($runtime)*::ErrorCatalogue>::CATALOGUE)
            }
        }
    };
}
