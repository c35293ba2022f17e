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
