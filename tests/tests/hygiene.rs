//! The derive's expansion names everything by absolute path: it works without the
//! prelude and beside user items that shadow the names it could have used.

#![allow(
    non_camel_case_types,
    dead_code,
    unused_macros,
    unused_imports,
    clippy::upper_case_acronyms
)]

/// No prelude at all, and user items named like every prelude item the expansion could
/// have reached for.
mod isolated {
    #![no_implicit_prelude]

    use ::certifier_error::CertifierError;
    use ::core::fmt::Debug;

    pub struct Result;
    pub struct Option;
    pub struct Some;
    pub struct None;
    pub struct Ok;
    pub struct Err;
    pub struct Error;
    pub struct Serialize;
    pub struct Serializer;
    pub struct SerializeMap;
    pub struct Display;
    pub struct Formatter;
    pub struct Box;
    pub struct String;
    pub struct Vec;
    pub struct From;
    pub struct Into;
    pub struct Self_;
    pub struct ExtensionMap;
    pub struct Code;
    pub struct StandardError;

    /// Modules that shadow crate names; `::core`, `::std`, `::serde` and
    /// `::certifier_error` still name the crates.
    pub mod core {}
    pub mod std {}
    pub mod alloc {}
    pub mod serde {}
    pub mod serde_json {}
    pub mod certifier_error {}
    pub mod http {}
    pub mod fmt {}
    pub mod __private {}

    pub trait CertifierErrorExt {}

    macro_rules! write {
        ($($tt:tt)*) => {
            ::core::compile_error!("the user's `write!` was called")
        };
    }
    macro_rules! format_args {
        ($($tt:tt)*) => {
            ::core::compile_error!("the user's `format_args!` was called")
        };
    }
    macro_rules! matches {
        ($($tt:tt)*) => {
            ::core::compile_error!("the user's `matches!` was called")
        };
    }
    pub(crate) use {format_args, matches, write};

    #[derive(Debug, ::serde::Serialize)]
    pub struct Detail {
        pub field: &'static ::core::primitive::str,
    }

    #[derive(Debug, ::serde::Serialize)]
    pub struct Quota {
        pub used: ::core::primitive::u32,
    }

    #[derive(Debug, CertifierError)]
    #[certifier(rename_all = "camelCase")]
    pub enum ApiError<T: Debug> {
        #[certifier(code = "not_found")]
        NotFound,

        #[certifier(
            code = "invalid_version",
            message = "`{0}` is not a supported version."
        )]
        InvalidVersion(::std::string::String),

        #[certifier(
            code = "validation_error",
            message = "{count:>3} parameters are invalid: {names:?}."
        )]
        Validation {
            count: ::core::primitive::usize,
            names: ::std::vec::Vec<&'static ::core::primitive::str>,
            #[certifier(extend)]
            field_errors: ::std::vec::Vec<Detail>,
            #[certifier(extend, rename = "hint")]
            maybe_hint: ::core::option::Option<&'static ::core::primitive::str>,
        },

        #[certifier(code = "plan_limit", status = 402, message = "Plan {plan} is full.")]
        PlanLimit {
            plan: T,
            #[certifier(flatten)]
            quota: Quota,
        },

        #[certifier(transparent)]
        Common(::certifier_error::StandardError),

        #[certifier(code = "invalid_json")]
        Json(#[from] ::serde_json::Error),

        #[certifier(code = "internal_server_error", status = 503, message = "Down.")]
        Unavailable {
            #[source]
            cause: ::core::option::Option<::std::io::Error>,
        },

        #[certifier(code = "internal_server_error", status = 502, message = "Bad gateway.")]
        Gateway {
            source: ::std::boxed::Box<
                dyn ::std::error::Error + ::core::marker::Send + ::core::marker::Sync,
            >,
        },
    }

    #[derive(Debug, CertifierError)]
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    pub struct RateLimited {
        #[certifier(extend)]
        pub retry_after: ::core::primitive::u64,
    }

    #[derive(Debug, CertifierError)]
    #[certifier(transparent)]
    pub struct Wrapper<E: ::certifier_error::CertifierError>(pub E);
}

/// A module that shadows the primitive types the expansion's signatures name.
mod primitives {
    #![no_implicit_prelude]

    use ::certifier_error::CertifierError;
    use ::core::fmt::Debug;

    pub struct u16;
    pub struct u64;
    pub struct str;
    pub struct usize;
    pub struct bool;

    #[derive(Debug, CertifierError)]
    pub enum Shadowed {
        #[certifier(code = "conflict", message = "Conflict {0}.")]
        Conflict(::core::primitive::u16),

        #[certifier(code = "not_found", message = "None.")]
        NotFound {
            #[certifier(extend)]
            id: ::core::primitive::u64,
        },
    }
}

use certifier_error::{CertifierError, Code};
use isolated::{ApiError, Detail, Quota, RateLimited, Wrapper};

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[test]
fn isolated_enum_works() {
    let error: ApiError<&str> = ApiError::NotFound;
    assert_eq!(error.status(), 404);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#
    );

    let error: ApiError<&str> = ApiError::Validation {
        count: 2,
        names: vec!["a", "b"],
        field_errors: vec![Detail { field: "a" }],
        maybe_hint: Some("see docs"),
    };
    assert_eq!(
        error.to_string(),
        r#"  2 parameters are invalid: ["a", "b"]."#
    );
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"validation_error","message":"  2 parameters are invalid: [\"a\", \"b\"].","fieldErrors":[{"field":"a"}],"hint":"see docs"}}"#
    );

    let error = ApiError::PlanLimit {
        plan: "free",
        quota: Quota { used: 3 },
    };
    assert_eq!(error.status(), 402);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"plan_limit","message":"Plan free is full.","used":3}}"#
    );

    let error: ApiError<u8> = ApiError::Common(certifier_error::StandardError::Conflict);
    assert_eq!(error.status(), 409);
    assert_eq!(error.to_envelope().unwrap().error.code, Code::Conflict);

    let error: ApiError<u8> = serde_json::from_str::<u8>("x").unwrap_err().into();
    assert_eq!(error.code(), "invalid_json");

    let error: ApiError<u8> = ApiError::Unavailable { cause: None };
    assert!(std::error::Error::source(&error).is_none());
    let error: ApiError<u8> = ApiError::Gateway {
        source: "upstream".into(),
    };
    assert_eq!(
        std::error::Error::source(&error).unwrap().to_string(),
        "upstream"
    );
    assert_eq!(error.status(), 502);
}

#[test]
fn isolated_structs_work() {
    let error = RateLimited { retry_after: 4 };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 4 s.","retry_after":4}}"#
    );
    let wrapped = Wrapper(RateLimited { retry_after: 5 });
    assert_eq!(wrapped.status(), 429);
    assert_eq!(
        to_json(&wrapped),
        r#"{"error":{"code":"rate_limited","message":"Retry in 5 s.","retry_after":5}}"#
    );
}

#[test]
fn shadowed_primitives() {
    let error = primitives::Shadowed::Conflict(3);
    assert_eq!(error.status(), 409);
    assert_eq!(error.code(), "conflict");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"conflict","message":"Conflict 3."}}"#
    );
    assert_eq!(
        to_json(&primitives::Shadowed::NotFound { id: 1 }),
        r#"{"error":{"code":"not_found","message":"None.","id":1}}"#
    );
}

/// The runtime re-exported under another name, for crates that wrap it.
mod reexport {
    pub mod api {
        pub use certifier_error as errors;
    }
}

mod renamed_runtime {
    use super::reexport::api::errors::CertifierError;

    #[derive(Debug, CertifierError)]
    #[certifier(
        crate = "crate::reexport::api::errors",
        code = "conflict",
        message = "Taken: {name}."
    )]
    pub struct Taken {
        #[certifier(extend)]
        pub name: String,
    }
}

#[test]
fn crate_path() {
    let error = renamed_runtime::Taken { name: "x".into() };
    assert_eq!(error.status(), 409);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"conflict","message":"Taken: x.","name":"x"}}"#
    );
}

/// Generated code does not depend on anything the user imported.
mod without_imports {
    #[derive(Debug, certifier_error::CertifierError)]
    #[certifier(code = "forbidden")]
    pub struct Denied;
}

#[test]
fn derive_by_path_without_imports() {
    assert_eq!(without_imports::Denied.status(), 403);
}

/// Fields named like the expansion's own locals.
#[derive(Debug, CertifierError)]
enum LocalNames {
    #[certifier(
        code = "bad_request",
        message = "{__formatter} {__map} {__self_0} {__serializer} {__source}"
    )]
    Named {
        __formatter: u8,
        #[certifier(extend)]
        __map: u8,
        #[certifier(extend)]
        __self_0: u8,
        __serializer: u8,
        __source: u8,
    },

    #[certifier(code = "bad_request", message = "{1} {0}")]
    Tuple(
        #[certifier(extend, rename = "a")] u8,
        #[certifier(extend, rename = "b")] u8,
    ),
}

#[test]
fn fields_named_like_generated_locals() {
    let error = LocalNames::Named {
        __formatter: 1,
        __map: 2,
        __self_0: 3,
        __serializer: 4,
        __source: 5,
    };
    assert_eq!(error.to_string(), "1 2 3 4 5");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"bad_request","message":"1 2 3 4 5","__map":2,"__self_0":3}}"#
    );
    let error = LocalNames::Tuple(1, 2);
    assert_eq!(error.to_string(), "2 1");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"bad_request","message":"2 1","a":1,"b":2}}"#
    );
}

mod own_option_type {
    /// A type of the user's own that happens to be called `Option`.
    #[derive(Debug, serde::Serialize)]
    pub struct Option<T>(pub T);
}

/// Only the standard `Option` (written `Option<T>` or by its full path) is left out when
/// `None`; a type of the user's own named `Option`, written with its path, is an
/// ordinary value.
#[derive(Debug, CertifierError)]
#[certifier(code = "conflict", message = "Choose again.")]
struct ChoiceConflict {
    #[certifier(extend)]
    hint: own_option_type::Option<u8>,
    #[certifier(extend)]
    standard: ::core::option::Option<u8>,
    #[certifier(extend)]
    absent: std::option::Option<u8>,
}

#[test]
fn a_user_type_named_option_is_not_the_standard_option() {
    let error = ChoiceConflict {
        hint: own_option_type::Option(7),
        standard: Some(1),
        absent: None,
    };
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"error":{"code":"conflict","message":"Choose again.","hint":7,"standard":1}}"#,
    );
}
