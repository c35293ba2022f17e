//! Error types declared through `macro_rules!`, as generated code and DSLs do.

use certifier_error::CertifierError;

macro_rules! declare {
    ($name:ident, $code:literal, $msg:literal, $field:ident: $ty:ty) => {
        #[derive(Debug, CertifierError)]
        pub enum $name {
            #[certifier(code = $code, message = "{0}")]
            Index(u32),
            #[certifier(code = $code, message = "{fn} / {type}")]
            Raw { r#fn: &'static str, r#type: u8 },
            #[certifier(code = $code, message = $msg)]
            Literal { $field: $ty },
            #[certifier(code = $code, message($msg, $field = .$field))]
            Arguments { $field: $ty },
            #[certifier(code = $code, message("{} and {}", .0, .1))]
            Positional(u8, u8),
            #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
            Members {
                #[certifier(extend, header = "Retry-After")]
                retry_after: u64,
                #[certifier(extend)]
                note: Option<&'static str>,
                #[certifier(flatten)]
                extra: std::collections::BTreeMap<&'static str, u8>,
            },
        }
    };
}

declare!(Declared, "bad_request", "value {value}", value: u32);

#[test]
fn every_placeholder_kind_resolves() {
    assert_eq!(Declared::Index(3).to_string(), "3");
    assert_eq!(
        Declared::Raw {
            r#fn: "f",
            r#type: 1
        }
        .to_string(),
        "f / 1"
    );
    assert_eq!(Declared::Literal { value: 4 }.to_string(), "value 4");
    assert_eq!(Declared::Arguments { value: 5 }.to_string(), "value 5");
    assert_eq!(Declared::Positional(1, 2).to_string(), "1 and 2");
    assert_eq!(
        Declared::Literal { value: 4 }.to_json().unwrap(),
        r#"{"error":{"code":"bad_request","message":"value 4"}}"#
    );
}

#[test]
fn members_and_headers_of_fields_declared_in_the_macro() {
    let error = Declared::Members {
        retry_after: 2,
        note: Some("n"),
        extra: [("k", 1)].into(),
    };
    let json = r#"{"error":{"code":"rate_limited","message":"Retry in 2 s.","retry_after":2,"note":"n","k":1}}"#;
    assert_eq!(error.to_json().unwrap(), json);
    assert_eq!(serde_json::to_string(&error).unwrap(), json);
    let mut headers = Vec::new();
    error.headers(&mut |name, value| headers.push((name, value.to_string())));
    assert_eq!(headers, [("Retry-After", "2".to_owned())]);
}

// The enum is written in the macro, its variants at the call site: the bindings must
// resolve where the variants' tokens come from.
macro_rules! enum_of {
    ($name:ident { $($variants:tt)* }) => {
        #[derive(Debug, CertifierError)]
        pub enum $name {
            $($variants)*
        }
    };
}

macro_rules! beside_thiserror {
    ($name:ident { $($variants:tt)* }) => {
        #[derive(Debug, thiserror::Error, CertifierError)]
        #[certifier(skip_display)]
        pub enum $name {
            $($variants)*
        }
    };
}

macro_rules! variant_from_call_site {
    ($variant:ident($value:ident)) => {
        #[derive(Debug, CertifierError)]
        pub enum FromCallSite {
            #[certifier(code = "bad_request", message = "{0:?}")]
            $variant($value),
        }
    };
}

enum_of!(CallSite {
    #[certifier(code = "bad_request", message = "{0}")]
    Unnamed(u8),
    #[certifier(code = "bad_request", message = "{x}")]
    Named { x: u8 },
    #[certifier(code = "bad_request", message("{} {}", .0, .1.len()))]
    Arguments(u8, String),
    #[certifier(code = "internal_server_error")]
    Source(#[from] std::io::Error),
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Member {
        #[certifier(extend, header = "Retry-After")]
        retry_after: u64,
    },
    #[certifier(transparent)]
    Standard(certifier_error::StandardError),
});

beside_thiserror!(SkipDisplay {
    #[error("internal {0}")]
    #[certifier(code = "not_found", message = "No certificate {0}.")]
    Unnamed(u8),
    #[error("internal {x}")]
    #[certifier(code = "conflict", message("{} conflicts", .x))]
    Named { x: u8 },
});

variant_from_call_site!(Repro(u8));

#[test]
fn variants_written_at_the_macro_call_site() {
    use std::error::Error as _;
    assert_eq!(CallSite::Unnamed(1).to_string(), "1");
    assert_eq!(CallSite::Named { x: 2 }.to_string(), "2");
    assert_eq!(CallSite::Arguments(3, "ab".into()).to_string(), "3 2");
    let error = CallSite::from(std::io::Error::other("disk"));
    assert_eq!(error.source().unwrap().to_string(), "disk");
    let error = CallSite::Member { retry_after: 4 };
    assert_eq!(
        error.to_json().unwrap(),
        r#"{"error":{"code":"rate_limited","message":"Retry in 4 s.","retry_after":4}}"#
    );
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        error.to_json().unwrap()
    );
    assert_eq!(
        CallSite::Standard(certifier_error::StandardError::Conflict).code(),
        "conflict"
    );
    assert_eq!(FromCallSite::Repro(0).to_string(), "0");
}

#[test]
fn variants_written_at_the_macro_call_site_under_skip_display() {
    use certifier_error::Message;
    let error = SkipDisplay::Unnamed(5);
    assert_eq!(error.to_string(), "internal 5");
    assert_eq!(Message(&error).to_string(), "No certificate 5.");
    assert_eq!(
        error.to_json().unwrap(),
        r#"{"error":{"code":"not_found","message":"No certificate 5."}}"#
    );
    let error = SkipDisplay::Named { x: 6 };
    assert_eq!(Message(&error).to_string(), "6 conflicts");
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        error.to_json().unwrap()
    );
}
