//! OpenAPI and JSON Schema descriptions of the error envelope and of derived types,
//! behind the `utoipa` and `schemars` features.
//!
//! The derive calls [`openapi!`](crate::__private::openapi) for every type (`__private`
//! re-exports the relay and what its impls name); the macro
//! expands to the impls of the enabled features only, so the proc-macro itself stays
//! free of features.

/// Declares a question that only names a type (`type_question!`) with its two answers:
/// `Some(answer)` where the type has the trait that the answer needs, else `None`, so that
/// a feature never requires the trait of a member's type. See
/// [`choice`](crate::choice).
#[cfg(any(feature = "schemars-1", feature = "utoipa-5"))]
macro_rules! question_or_none {
    (
        $(#[$attr:meta])*
        $name:ident<$t:ident: $bound:path> -> Option<$choice:ty> = $answer:expr
    ) => {
        $crate::choice::type_question! {
            $(#[$attr])*
            $name
        }

        impl<$t: $bound + ?Sized> $crate::choice::FirstChoice for &&$name<$t> {
            type Choice = Option<$choice>;
            fn choose(self) -> Self::Choice {
                Some($answer)
            }
        }

        impl<$t: ?Sized> $crate::choice::LastChoice for $name<$t> {
            type Choice = Option<$choice>;
            fn choose(self) -> Self::Choice {
                None
            }
        }
    };
}

#[cfg(feature = "schemars-1")]
pub(crate) mod schemars;
#[cfg(feature = "utoipa-5")]
pub(crate) mod utoipa;

/// What the `utoipa` and `schemars` descriptions say alike.
#[cfg(any(feature = "schemars-1", feature = "utoipa-5"))]
mod common {
    use serde_json::{json, Value};

    use crate::{Code, Violation};

    /// A code string: snake_case, as the Certifier table's codes are.
    pub const CODE_PATTERN: &str = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$";

    pub const CODE_DESCRIPTION: &str = "A Certifier error code. Branch on it rather than on \
         the HTTP status; new codes may appear at any time.";

    pub const MESSAGE_DESCRIPTION: &str = "A neutral message, safe to show a user. A \
         server that translates its messages writes it in the language the request's \
         `Accept-Language` prefers, named by the response's `Content-Language` header.";

    pub const ENVELOPE_DESCRIPTION: &str = "A Certifier error body.";

    pub const ERRORS_DESCRIPTION: &str = "What is wrong with the request, item by item: in \
         `validation_error` and `invalid_json` answers.";

    pub const VIOLATION_DESCRIPTION: &str = "One problem with the request: a `code`, a \
         neutral `message`, and where it is: exactly one of `pointer` and `parameter`.";

    pub const POINTER_DESCRIPTION: &str = "An RFC 6901 JSON Pointer into the request body; \
         for a missing member, the pointer of that member.";

    pub const PARAMETER_DESCRIPTION: &str = "The name of the query or path parameter.";

    pub const REQUEST_ID_DESCRIPTION: &str = "The request's id, as in the `x-request-id` \
         response header: the last member of every error object where the server's \
         envelope layer has request ids on.";

    pub const PROBLEM_DESCRIPTION: &str = "An RFC 9457 problem, as the server's envelope \
         layer answers a client whose `Accept` prefers `application/problem+json`: the error \
         object's members at the top level, `message` as `detail`.";

    pub const PROBLEM_TYPE_DESCRIPTION: &str = "The documentation of the code (the \
         envelope's `doc_url`), else `about:blank`.";

    pub const PROBLEM_TITLE_DESCRIPTION: &str = "The reason phrase of the HTTP status.";

    pub const PROBLEM_EXTENSIONS_DESCRIPTION: &str = "The error's own members whose names \
         are those of RFC 9457 (`type`, `title`, `status`, `detail`, `instance`) or \
         `extensions`, moved here so that they do not overwrite the problem's own.";

    /// The known codes, the examples of a code string (a client must accept others).
    pub fn known_codes() -> impl Iterator<Item = &'static str> {
        Code::KNOWN.iter().map(Code::as_str)
    }

    /// The examples of a [`Violation`]: one in the body, one in a parameter.
    pub fn violation_examples() -> [Value; 2] {
        [
            json!({"code": "invalid_type", "message": Violation::default_message("invalid_type"), "pointer": "/validity_days"}),
            json!({"code": "missing", "message": Violation::default_message("missing"), "parameter": "limit"}),
        ]
    }
}

/// Emits, for one derived type, `utoipa::IntoResponses` (feature `utoipa`) and
/// `schemars::JsonSchema` (feature `schemars`), each through its feature's gate, so that
/// the proc-macro itself stays free of features.
///
/// `IntoResponses` comes from the catalogue, with example values for the extension
/// members: from the schemas of the type's own members (those of a transparent variant
/// for every code of its inner error's catalogue), and from the examples of its
/// transparent fields' types.
///
/// `JsonSchema` is the schema of the type's envelope, with one subschema per code holding
/// the schemas of that code's extension members, its own and its transparent fields'
/// (read inline, so that each code's members are in the schema rather than in an
/// unreferenced definition).
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_openapi {
    (
        runtime = [$($runtime:tt)*],
        impl [$($impl_generics:tt)*] for [$($ty:tt)*] where [$($where:tt)*],
        gates = [$($utoipa:tt)*] [$($schemars:tt)*],
        name = [$name:literal],
        members = [$(($code:literal, $member:literal, $member_ty:ty),)*],
        inner = [$($inner:ty,)*],
        appended = [$(($appended_inner:ty, $appended:literal, $appended_ty:ty),)*],
    ) => {
        $($utoipa)*! {
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
                        __members.appended(
                            __types::pick_catalogue(|| {
                                (&&__types::CatalogueOf::<$appended_inner>::NEW).choose()
                            }),
                            $appended,
                            (&&__types::SchemaOf::<$appended_ty>::NEW).choose(),
                        );
                    )*
                    $(
                        __members.inner((&&__types::ResponsesOf::<$inner>::NEW).choose());
                    )*
                    __types::responses(<Self as $($runtime)*::ErrorCatalogue>::CATALOGUE, &__members)
                }
            }
        }

        $($schemars)*! {
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
                        __members.appended(
                            __types::pick_catalogue(|| {
                                (&&__types::CatalogueOf::<$appended_inner>::NEW).choose()
                            }),
                            $appended,
                            (&&__types::JsonSchemaOf::<$appended_ty>::NEW)
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
        }
    };
}

// The feature gates of `__certifier_openapi!`: each keeps its input where this crate has
// the feature and drops it where it does not, as the code is expanded in the user's crate.

#[cfg(feature = "utoipa-5")]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_utoipa {
    ($($item:tt)*) => { $($item)* };
}

#[cfg(not(feature = "utoipa-5"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_utoipa {
    ($($item:tt)*) => {};
}

#[cfg(feature = "schemars-1")]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_schemars {
    ($($item:tt)*) => { $($item)* };
}

#[cfg(not(feature = "schemars-1"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_schemars {
    ($($item:tt)*) => {};
}
