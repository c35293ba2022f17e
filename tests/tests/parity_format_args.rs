//! `message("template", args...)`, as thiserror's `#[error("...", args...)]`: positional
//! and named arguments, `.field` and `.0` shorthands, and every path agreeing on the text.

use certifier_error::{CertifierError, ErrorCatalogue};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(
        code = "validation_error",
        message("{} of {max} domains are invalid.", .domains.len(), max = .limit)
    )]
    Domains { domains: Vec<String>, limit: usize },

    #[certifier(code = "bad_request", message("Sum {}, product {p}.", .a + .b, p = .a * .b))]
    Arithmetic { a: u32, b: u32 },

    #[certifier(code = "not_found", message("No file {}.", .0.display()))]
    Path(std::path::PathBuf),

    #[certifier(code = "conflict", message("{0} and {1} {name}", "first", "second", name = .name))]
    Explicit { name: &'static str },

    #[certifier(code = "conflict", message("[{:>6}] [{width:.2}]", .value, width = .ratio))]
    Specs { value: u32, ratio: f64 },

    #[certifier(code = "rate_limited", message("Retry in {} s; {retry_after} is the field.", .retry_after * 2))]
    Mixed {
        #[certifier(extend)]
        retry_after: u64,
    },

    #[certifier(code = "forbidden", message("`{}` may not {}.", .0, .1.to_uppercase()))]
    Tuple(&'static str, String),
}

fn all() -> Vec<(ApiError, &'static str)> {
    vec![
        (
            ApiError::Domains {
                domains: vec!["a".into(), "b".into(), "c".into()],
                limit: 2,
            },
            "3 of 2 domains are invalid.",
        ),
        (ApiError::Arithmetic { a: 3, b: 4 }, "Sum 7, product 12."),
        (
            ApiError::Path(std::path::PathBuf::from("/etc/x")),
            "No file /etc/x.",
        ),
        (ApiError::Explicit { name: "n" }, "first and second n"),
        (
            ApiError::Specs {
                value: 42,
                ratio: 0.5,
            },
            "[    42] [0.50]",
        ),
        (
            ApiError::Mixed { retry_after: 5 },
            "Retry in 10 s; 5 is the field.",
        ),
        (
            ApiError::Tuple("Bob", "delete \"x\"".into()),
            "`Bob` may not DELETE \"X\".",
        ),
    ]
}

#[test]
fn display_formats_the_arguments() {
    for (error, text) in all() {
        assert_eq!(error.to_string(), text);
    }
}

#[test]
fn serde_and_the_direct_writer_write_the_same_bytes() {
    for (error, text) in all() {
        let serde = serde_json::to_string(&error).unwrap();
        assert_eq!(error.to_json().unwrap(), serde);
        let envelope: serde_json::Value = serde_json::from_str(&serde).unwrap();
        assert_eq!(envelope["error"]["message"], text);
    }
    assert_eq!(
        ApiError::Mixed { retry_after: 5 }.to_json().unwrap(),
        r#"{"error":{"code":"rate_limited","message":"Retry in 10 s; 5 is the field.","retry_after":5}}"#
    );
}

#[test]
fn the_catalogue_shows_the_template() {
    let messages: Vec<&str> = ApiError::CATALOGUE
        .iter()
        .map(|entry| entry.message())
        .collect();
    assert_eq!(messages[0], "{} of {max} domains are invalid.");
    assert_eq!(messages[1], "Sum {}, product {p}.");
}

#[test]
fn the_same_text_as_thiserror() {
    #[derive(Debug, thiserror::Error)]
    enum Theirs {
        #[error("{} of {max} domains are invalid.", .domains.len(), max = .limit)]
        Domains { domains: Vec<String>, limit: usize },
        #[error("`{}` may not {}.", .0, .1.to_uppercase())]
        Tuple(&'static str, String),
    }
    let theirs = Theirs::Domains {
        domains: vec!["a".into()],
        limit: 9,
    };
    let ours = ApiError::Domains {
        domains: vec!["a".into()],
        limit: 9,
    };
    assert_eq!(ours.to_string(), theirs.to_string());
    let theirs = Theirs::Tuple("x", "y".into());
    let ours = ApiError::Tuple("x", "y".into());
    assert_eq!(ours.to_string(), theirs.to_string());
}

#[test]
fn a_field_right_after_match_or_if_is_rewritten() {
    #[derive(Debug, CertifierError)]
    enum Keywords {
        #[certifier(code = "bad_request", message("{}", match .0 { true => "yes", false => "no" }))]
        Match(bool),
        #[certifier(
            code = "bad_request",
            message("shift {} by {maximum}", if *.is_left { "left" } else { "right" })
        )]
        If { is_left: bool, maximum: u64 },
        #[certifier(
            code = "bad_request",
            message("{intro}: {0}", intro = match .1 { Some(n) => n * 2, None => 0 })
        )]
        Named(&'static str, Option<u32>),
        #[certifier(code = "bad_request", message("{}", if let Some(n) = .0 { *n } else { 0 }))]
        IfLet(Option<u8>),
    }
    assert_eq!(Keywords::Match(true).to_string(), "yes");
    assert_eq!(
        Keywords::If {
            is_left: false,
            maximum: 8
        }
        .to_string(),
        "shift right by 8"
    );
    assert_eq!(Keywords::Named("x", Some(2)).to_string(), "4: x");
    assert_eq!(Keywords::IfLet(Some(3)).to_string(), "3");
}

#[test]
fn a_field_of_a_field() {
    #[derive(Debug)]
    struct Inner(u32, (u8, u8));

    #[derive(Debug, CertifierError)]
    enum Nested {
        #[certifier(code = "bad_request", message("{} {}", .0.0, .0.1.1))]
        Tuple(Inner),
        #[certifier(code = "bad_request", message("{}-{}", .inner.0, .inner.1.0))]
        Named { inner: Inner },
    }
    assert_eq!(Nested::Tuple(Inner(4, (5, 6))).to_string(), "4 6");
    assert_eq!(
        Nested::Named {
            inner: Inner(1, (2, 3))
        }
        .to_string(),
        "1-2"
    );
}

#[test]
fn an_associated_type_constraint_is_not_a_named_argument() {
    pub trait Trait<T>: std::fmt::Display {
        type A;
    }
    impl<T> Trait<T> for i32 {
        type A = i32;
    }

    #[derive(Debug, CertifierError)]
    #[allow(non_snake_case)]
    #[certifier(
        code = "bad_request",
        message("{A} {b} {c}", b = &0 as &dyn Trait<i32, A = i32>, c = .A.len().max(1))
    )]
    struct Constrained {
        A: String,
    }
    let error = Constrained { A: "...".into() };
    assert_eq!(error.to_string(), "... 0 3");
}
