//! The derive under pressure: a 500-variant enum, raw identifiers and keyword-like
//! field names, lifetimes, const generics, a module without the implicit prelude, and a
//! user crate as strict as it gets about lints (this file's own attributes below; the
//! CI's clippy run checks them on the generated code too).

#![deny(warnings, clippy::pedantic, unused_qualifications)]

use std::fmt;

use certifier_error::{CertifierError, StandardError};
use seq_macro::seq;
use serde_json::{json, Value};

fn body<T: CertifierError + serde::Serialize>(error: &T) -> Value {
    serde_json::to_value(error).unwrap()
}

// Five shapes, a hundred variants each: `Unit0`..`Unit99`, `Tuple0`.., and so on.
seq!(N in 0..100 {
    #[derive(Debug, CertifierError)]
    #[certifier(rename_all = "camelCase")]
    enum Big {
        #(
            #[certifier(code = "not_found")]
            Unit~N,
        )*
        #(
            #[certifier(status = 402, code = "plan_limit", message = "Plan {0} is over its limit.")]
            Tuple~N(u32),
        )*
        #(
            #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
            Named~N {
                #[certifier(extend)]
                retry_after: u32,
            },
        )*
        #(
            #[certifier(code = "internal_server_error", status = 503)]
            Source~N(#[source] fmt::Error),
        )*
        #(
            #[certifier(transparent)]
            Transparent~N(StandardError),
        )*
    }

    fn all_of_big() -> Vec<Big> {
        let mut errors = Vec::new();
        #(
            errors.extend([
                Big::Unit~N,
                Big::Tuple~N(N),
                Big::Named~N { retry_after: N },
                Big::Source~N(fmt::Error),
                Big::Transparent~N(StandardError::Conflict),
            ]);
        )*
        errors
    }
});

#[test]
fn five_hundred_variants() {
    let errors = all_of_big();
    assert_eq!(errors.len(), 500);
    for (index, error) in errors.iter().enumerate() {
        let n = u32::try_from(index / 5).unwrap();
        let (status, code, message, extra) = match index % 5 {
            0 => (
                404,
                "not_found",
                StandardError::NotFound.to_string(),
                json!({}),
            ),
            1 => (
                402,
                "plan_limit",
                format!("Plan {n} is over its limit."),
                json!({}),
            ),
            2 => (
                429,
                "rate_limited",
                format!("Retry in {n} s."),
                json!({ "retryAfter": n }),
            ),
            3 => (
                503,
                "internal_server_error",
                StandardError::InternalServerError.to_string(),
                json!({}),
            ),
            _ => (
                409,
                "conflict",
                StandardError::Conflict.to_string(),
                json!({}),
            ),
        };
        assert_eq!(error.status(), status, "{error:?}");
        assert_eq!(error.code(), code, "{error:?}");
        assert_eq!(error.to_string(), message, "{error:?}");
        let mut expected = json!({ "code": code, "message": message });
        for (name, value) in extra.as_object().unwrap() {
            expected[name] = value.clone();
        }
        assert_eq!(body(error), json!({ "error": expected }), "{error:?}");
        assert_eq!(
            std::error::Error::source(error).is_some(),
            index % 5 == 3,
            "{error:?}"
        );
    }
}

/// Raw identifiers and words that are keywords in some edition or context.
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Keywords {
    #[certifier(
        code = "validation_error",
        message = "Bad {type} in {match} ({union}, {default}, {async})."
    )]
    Fields {
        r#type: String,
        r#match: u32,
        #[certifier(extend)]
        r#async: bool,
        #[certifier(extend)]
        r#fn: u8,
        #[certifier(extend)]
        r#gen: u8,
        #[certifier(extend)]
        union: u8,
        #[certifier(extend)]
        default: u8,
        #[certifier(extend)]
        r#try: Option<u8>,
        #[certifier(extend)]
        raw_name: u8,
    },

    #[certifier(code = "conflict", message = "{self_} vs {crate_}: {_0_0}")]
    Suffixed {
        self_: u8,
        crate_: u8,
        #[certifier(extend, rename = "type")]
        _0_0: u8,
    },

    #[allow(non_camel_case_types)]
    #[certifier(code = "not_found", message = "No {0} here.")]
    r#struct(&'static str),

    #[certifier(code = "bad_request")]
    r#Self_,
}

#[test]
fn raw_identifiers_and_keywords() {
    let error = Keywords::Fields {
        r#type: "date".into(),
        r#match: 3,
        r#async: true,
        r#fn: 1,
        r#gen: 2,
        union: 4,
        default: 5,
        r#try: None,
        raw_name: 6,
    };
    assert_eq!(error.to_string(), "Bad date in 3 (4, 5, true).");
    assert_eq!(
        body(&error)["error"],
        json!({
            "code": "validation_error",
            "message": "Bad date in 3 (4, 5, true).",
            "async": true,
            "fn": 1,
            "gen": 2,
            "union": 4,
            "default": 5,
            "rawName": 6,
        })
    );
    let error = Keywords::Suffixed {
        self_: 1,
        crate_: 2,
        _0_0: 3,
    };
    assert_eq!(error.to_string(), "1 vs 2: 3");
    assert_eq!(body(&error)["error"]["type"], 3);
    assert_eq!(Keywords::r#struct("x").to_string(), "No x here.");
    assert_eq!(Keywords::r#Self_.status(), 400);
}

#[derive(Debug, serde::Serialize)]
struct Window<const N: usize> {
    size: usize,
}

/// Lifetimes, a type parameter and const generics, with a default.
#[derive(Debug, CertifierError)]
enum Generic<'a, 'b: 'a, T, const N: usize, const M: u8 = 3>
where
    T: fmt::Debug + ?Sized,
{
    #[certifier(code = "not_found", message = "No certificate {id}.")]
    NotFound {
        id: &'a str,
        #[certifier(extend)]
        tried: &'b [&'b str],
        seen: &'a T,
    },

    #[certifier(
        status = 413,
        code = "too_many",
        message = "At most {max} items, got {got}."
    )]
    TooMany {
        max: usize,
        #[certifier(extend)]
        got: usize,
        #[certifier(extend)]
        window: Window<N>,
        buffer: [u8; N],
        marker: [u16; N],
    },
}

#[test]
fn lifetimes_and_const_generics() {
    let tried = ["a", "b"];
    let error: Generic<'_, '_, str, 2> = Generic::NotFound {
        id: "c_1",
        tried: &tried,
        seen: "x",
    };
    assert_eq!(error.to_string(), "No certificate c_1.");
    assert_eq!(body(&error)["error"]["tried"], json!(["a", "b"]));
    if let Generic::NotFound { seen, .. } = error {
        assert_eq!(seen, "x");
    }

    let error: Generic<'_, '_, u8, 2, 1> = Generic::TooMany {
        max: 4,
        got: 9,
        window: Window { size: 2 },
        buffer: [0; 2],
        marker: [7, 8],
    };
    assert_eq!(error.status(), 413);
    assert_eq!(
        body(&error)["error"],
        json!({"code": "too_many", "message": "At most 4 items, got 9.", "got": 9, "window": {"size": 2}})
    );
    if let Generic::TooMany { buffer, marker, .. } = error {
        assert_eq!((buffer, marker), ([0; 2], [7, 8]));
    }
}

/// No prelude, and the prelude's names taken by the user's own items.
#[no_implicit_prelude]
mod bare {
    #![allow(dead_code)]

    use ::certifier_error::CertifierError;

    pub struct Result;
    pub struct Option;
    pub struct Ok;
    pub struct Some;
    pub struct None;
    pub struct Error;
    pub struct Serialize;
    pub struct String;
    pub struct Vec;
    pub struct Box;
    pub trait Display {}
    pub trait Debug {}
    pub trait Into {}
    pub trait From {}

    #[derive(::core::fmt::Debug, CertifierError)]
    #[certifier(rename_all = "kebab-case")]
    pub enum Bare {
        #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
        Limited {
            #[certifier(extend)]
            retry_after: u32,
            #[certifier(extend)]
            quota: ::core::option::Option<u32>,
        },
        #[certifier(code = "internal_server_error")]
        Io(#[from] ::std::io::Error),
        #[certifier(transparent)]
        Common(::certifier_error::StandardError),
    }
}

#[test]
fn without_the_prelude() {
    let error = bare::Bare::Limited {
        retry_after: 5,
        quota: None,
    };
    assert_eq!(error.to_string(), "Retry in 5 s.");
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"error":{"code":"rate_limited","message":"Retry in 5 s.","retry-after":5}}"#
    );
    let error = bare::Bare::from(std::io::Error::other("disk"));
    assert_eq!(error.status(), 500);
    let error = bare::Bare::Common(StandardError::Forbidden);
    assert_eq!(error.status(), 403);
}
