//! The derived `Serialize`: the whole envelope, member order, names, and what is left out.

use std::collections::BTreeMap;

use certifier_error::{CertifierError, Code, ExtensionMap, StandardError};
use serde::Serialize;
use serde_json::json;

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[derive(Debug, Serialize)]
struct FieldError {
    field: &'static str,
    reason: &'static str,
}

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,

    #[certifier(
        code = "invalid_version",
        message = "`{0}` is not a supported version."
    )]
    InvalidVersion(String),

    #[certifier(code = "validation_error", message = "{count} parameters are invalid.")]
    Validation {
        count: usize,
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
    },

    /// ExtensionMap come out in field order, whatever their names sort as.
    #[certifier(code = "rate_limited", message = "Slow down.")]
    Ordered {
        #[certifier(extend)]
        zulu: u8,
        #[allow(dead_code)]
        hidden: u8,
        #[certifier(extend)]
        alpha: u8,
        #[certifier(extend)]
        mike: u8,
    },

    #[certifier(code = "conflict", message = "Conflict on {id}.")]
    Optional {
        id: String,
        #[certifier(extend)]
        current_version: Option<u32>,
        #[certifier(extend)]
        hint: Option<&'static str>,
    },

    #[certifier(code = "forbidden", message = "No.")]
    Renamed {
        #[certifier(extend, rename = "X-Thing")]
        thing: bool,
        #[certifier(extend, rename = "message_detail")]
        detail: &'static str,
    },

    #[certifier(code = "bad_request", message = "Bad {type}.")]
    RawIdent {
        #[certifier(extend)]
        r#type: &'static str,
        #[certifier(extend)]
        r#match: u8,
    },

    #[certifier(code = "bad_request", message = "Tuple.")]
    TupleExtension(
        #[certifier(extend, rename = "position")] u32,
        #[allow(dead_code)] String,
    ),

    #[certifier(code = "internal_server_error", status = 503, message = "Unavailable.")]
    WithSource {
        #[source]
        cause: std::io::Error,
        #[certifier(extend)]
        retry: bool,
    },

    #[certifier(code = "internal_server_error", status = 502)]
    WithNamedSource { source: std::io::Error },

    #[certifier(code = "invalid_json")]
    WithFrom(#[from] serde_json::Error),
}

#[test]
fn unit_variant_is_code_and_message() {
    assert_eq!(
        to_json(&ApiError::NotFound),
        r#"{"error":{"code":"not_found","message":"The requested resource does not exist."}}"#
    );
}

#[test]
fn tuple_fields_are_message_only() {
    assert_eq!(
        to_json(&ApiError::InvalidVersion("1999".into())),
        r#"{"error":{"code":"invalid_version","message":"`1999` is not a supported version."}}"#
    );
}

#[test]
fn extension_after_code_and_message() {
    let error = ApiError::Validation {
        count: 2,
        field_errors: vec![
            FieldError {
                field: "name",
                reason: "missing",
            },
            FieldError {
                field: "date",
                reason: "malformed",
            },
        ],
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"validation_error","message":"2 parameters are invalid.","field_errors":[{"field":"name","reason":"missing"},{"field":"date","reason":"malformed"}]}}"#
    );
}

#[test]
fn extensions_in_field_order() {
    let error = ApiError::Ordered {
        zulu: 1,
        hidden: 2,
        alpha: 3,
        mike: 4,
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Slow down.","zulu":1,"alpha":3,"mike":4}}"#
    );
}

#[test]
fn none_left_out_some_written() {
    let none = ApiError::Optional {
        id: "c1".into(),
        current_version: None,
        hint: None,
    };
    assert_eq!(
        to_json(&none),
        r#"{"error":{"code":"conflict","message":"Conflict on c1."}}"#
    );
    let some = ApiError::Optional {
        id: "c1".into(),
        current_version: Some(7),
        hint: None,
    };
    assert_eq!(
        to_json(&some),
        r#"{"error":{"code":"conflict","message":"Conflict on c1.","current_version":7}}"#
    );
    let both = ApiError::Optional {
        id: "c1".into(),
        current_version: None,
        hint: Some("refresh"),
    };
    assert_eq!(
        to_json(&both),
        r#"{"error":{"code":"conflict","message":"Conflict on c1.","hint":"refresh"}}"#
    );
}

#[test]
fn rename() {
    let error = ApiError::Renamed {
        thing: true,
        detail: "d",
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"forbidden","message":"No.","X-Thing":true,"message_detail":"d"}}"#
    );
}

#[test]
fn raw_identifiers_serialise_without_prefix() {
    let error = ApiError::RawIdent {
        r#type: "date",
        r#match: 1,
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"bad_request","message":"Bad date.","type":"date","match":1}}"#
    );
}

#[test]
fn renamed_tuple_extension() {
    assert_eq!(
        to_json(&ApiError::TupleExtension(4, "secret".into())),
        r#"{"error":{"code":"bad_request","message":"Tuple.","position":4}}"#
    );
}

#[test]
fn sources_never_serialised() {
    let error = ApiError::WithSource {
        cause: std::io::Error::other("disk on fire at /var/secret"),
        retry: true,
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"internal_server_error","message":"Unavailable.","retry":true}}"#
    );
    assert_eq!(error.status(), 503);
    let error = ApiError::WithNamedSource {
        source: std::io::Error::other("secret"),
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"internal_server_error","message":"Something went wrong on our side; please try again later."}}"#
    );
    assert_eq!(error.status(), 502);
    let parse = serde_json::from_str::<u8>("{").unwrap_err();
    let error = ApiError::from(parse);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON."}}"#
    );
}

#[test]
fn unmarked_fields_never_serialised() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "forbidden", message = "Denied for {user}.")]
    struct Denied {
        user: String,
        token: String,
        #[allow(dead_code)]
        internal: Vec<u8>,
    }
    let error = Denied {
        user: "ann".into(),
        token: "SECRET-TOKEN".into(),
        internal: vec![1],
    };
    let json = to_json(&error);
    assert_eq!(
        json,
        r#"{"error":{"code":"forbidden","message":"Denied for ann."}}"#
    );
    assert!(!json.contains(&error.token));
}

macro_rules! rename_all_case {
    ($name:ident, $rule:literal, $expected:literal) => {
        #[test]
        fn $name() {
            #[derive(Debug, CertifierError)]
            #[certifier(rename_all = $rule)]
            enum Derived {
                #[certifier(code = "rate_limited", message = "m")]
                Limited {
                    #[certifier(extend)]
                    retry_after_secs: u8,
                    #[certifier(extend)]
                    r#type: u8,
                    #[certifier(extend)]
                    x: u8,
                    #[certifier(extend, rename = "Explicit_Name")]
                    overridden: u8,
                },
            }

            #[derive(Serialize)]
            #[serde(rename_all = $rule)]
            struct Reference {
                retry_after_secs: u8,
                r#type: u8,
                x: u8,
                #[serde(rename = "Explicit_Name")]
                overridden: u8,
            }

            let error = Derived::Limited {
                retry_after_secs: 1,
                r#type: 2,
                x: 3,
                overridden: 4,
            };
            let reference = Reference {
                retry_after_secs: 1,
                r#type: 2,
                x: 3,
                overridden: 4,
            };
            let json = to_json(&error);
            assert_eq!(json, $expected);
            let inner = to_json(&reference);
            let members = inner.trim_start_matches('{');
            assert_eq!(
                json,
                format!(r#"{{"error":{{"code":"rate_limited","message":"m",{members}}}"#),
                "must name members as serde does"
            );
        }
    };
}

rename_all_case!(
    rename_all_lowercase,
    "lowercase",
    r#"{"error":{"code":"rate_limited","message":"m","retry_after_secs":1,"type":2,"x":3,"Explicit_Name":4}}"#
);
rename_all_case!(
    rename_all_uppercase,
    "UPPERCASE",
    r#"{"error":{"code":"rate_limited","message":"m","RETRY_AFTER_SECS":1,"TYPE":2,"X":3,"Explicit_Name":4}}"#
);
rename_all_case!(
    rename_all_pascal,
    "PascalCase",
    r#"{"error":{"code":"rate_limited","message":"m","RetryAfterSecs":1,"Type":2,"X":3,"Explicit_Name":4}}"#
);
rename_all_case!(
    rename_all_camel,
    "camelCase",
    r#"{"error":{"code":"rate_limited","message":"m","retryAfterSecs":1,"type":2,"x":3,"Explicit_Name":4}}"#
);
rename_all_case!(
    rename_all_snake,
    "snake_case",
    r#"{"error":{"code":"rate_limited","message":"m","retry_after_secs":1,"type":2,"x":3,"Explicit_Name":4}}"#
);
rename_all_case!(
    rename_all_screaming_snake,
    "SCREAMING_SNAKE_CASE",
    r#"{"error":{"code":"rate_limited","message":"m","RETRY_AFTER_SECS":1,"TYPE":2,"X":3,"Explicit_Name":4}}"#
);
rename_all_case!(
    rename_all_kebab,
    "kebab-case",
    r#"{"error":{"code":"rate_limited","message":"m","retry-after-secs":1,"type":2,"x":3,"Explicit_Name":4}}"#
);
rename_all_case!(
    rename_all_screaming_kebab,
    "SCREAMING-KEBAB-CASE",
    r#"{"error":{"code":"rate_limited","message":"m","RETRY-AFTER-SECS":1,"TYPE":2,"X":3,"Explicit_Name":4}}"#
);

#[test]
fn rename_all_on_a_struct() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "rate_limited", rename_all = "camelCase")]
    struct Limited {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend)]
        reset_at_unix: Option<u64>,
    }
    assert_eq!(
        to_json(&Limited {
            retry_after: 30,
            reset_at_unix: Some(9)
        }),
        r#"{"error":{"code":"rate_limited","message":"Too many requests; please slow down and try again later.","retryAfter":30,"resetAtUnix":9}}"#
    );
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Quota {
    used: u32,
    max_allowed: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    reset: Option<u64>,
}

#[derive(Debug, CertifierError)]
enum Flattened {
    #[certifier(code = "plan_limit", status = 402, message = "Over quota.")]
    Struct {
        #[certifier(extend)]
        plan: &'static str,
        #[certifier(flatten)]
        quota: Quota,
        #[certifier(extend)]
        after: bool,
    },

    #[certifier(code = "bad_request", message = "Map.")]
    Map {
        #[certifier(flatten)]
        members: BTreeMap<String, u32>,
    },

    #[certifier(code = "bad_request", message = "Json map.")]
    JsonMap {
        #[certifier(flatten)]
        members: ExtensionMap,
    },

    #[certifier(code = "bad_request", message = "Maybe.")]
    Optional {
        #[certifier(flatten)]
        quota: Option<Quota>,
    },
}

#[test]
fn flatten_struct() {
    let error = Flattened::Struct {
        plan: "free",
        quota: Quota {
            used: 3,
            max_allowed: 3,
            reset: None,
        },
        after: true,
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"plan_limit","message":"Over quota.","plan":"free","used":3,"maxAllowed":3,"after":true}}"#
    );
}

#[test]
fn flatten_map() {
    let mut members = BTreeMap::new();
    members.insert("b".to_owned(), 2);
    members.insert("a".to_owned(), 1);
    assert_eq!(
        to_json(&Flattened::Map { members }),
        r#"{"error":{"code":"bad_request","message":"Map.","a":1,"b":2}}"#
    );
    assert_eq!(
        to_json(&Flattened::Map {
            members: BTreeMap::new()
        }),
        r#"{"error":{"code":"bad_request","message":"Map."}}"#
    );
    let mut members = ExtensionMap::new();
    members.insert("list".into(), json!([1, "two", null]));
    assert_eq!(
        to_json(&Flattened::JsonMap { members }),
        r#"{"error":{"code":"bad_request","message":"Json map.","list":[1,"two",null]}}"#
    );
}

#[test]
fn flatten_option() {
    assert_eq!(
        to_json(&Flattened::Optional { quota: None }),
        r#"{"error":{"code":"bad_request","message":"Maybe."}}"#
    );
    assert_eq!(
        to_json(&Flattened::Optional {
            quota: Some(Quota {
                used: 1,
                max_allowed: 2,
                reset: Some(60)
            })
        }),
        r#"{"error":{"code":"bad_request","message":"Maybe.","used":1,"maxAllowed":2,"reset":60}}"#
    );
}

#[test]
fn flatten_of_a_scalar_is_a_serialisation_error() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "bad_request", message = "m")]
    struct Scalar {
        #[certifier(flatten)]
        n: u32,
    }
    let error = serde_json::to_string(&Scalar { n: 1 }).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("can only flatten a struct or map"),
        "{error}"
    );
}

#[derive(Debug, CertifierError)]
enum Escaping {
    #[certifier(
        code = "bad_request",
        message = "Quote \" backslash \\ tab \t newline \n bell \u{7} nul \u{0} del \u{7f}"
    )]
    Literal,

    #[certifier(code = "bad_request", message = "Value: {0}")]
    FromField(String),

    #[certifier(code = "bad_request", message = "m")]
    InExtension {
        #[certifier(extend)]
        text: String,
        #[certifier(extend, rename = "quo\"te")]
        renamed: u8,
    },
}

#[test]
fn escaping_in_literal_messages() {
    assert_eq!(
        to_json(&Escaping::Literal),
        r#"{"error":{"code":"bad_request","message":"Quote \" backslash \\ tab \t newline \n bell \u0007 nul \u0000 del "#
            .to_owned()
            + "\u{7f}\"}}"
    );
}

#[test]
fn escaping_in_formatted_messages() {
    let error = Escaping::FromField("<\"\\\r\u{1f}é日本🎉\u{2028}>".into());
    assert_eq!(
        to_json(&error),
        "{\"error\":{\"code\":\"bad_request\",\"message\":\"Value: <\\\"\\\\\\r\\u001fé日本🎉\u{2028}>\"}}"
    );
    // And the output is valid JSON that decodes back to the message.
    let value: serde_json::Value = serde_json::from_str(&to_json(&error)).unwrap();
    assert_eq!(value["error"]["message"], error.to_string());
}

#[test]
fn escaping_in_extensions() {
    let error = Escaping::InExtension {
        text: "a\"b\\c\nd\u{1}é".into(),
        renamed: 1,
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"bad_request","message":"m","text":"a\"b\\c\nd\u0001é","quo\"te":1}}"#
    );
}

#[test]
fn pretty_printing_keeps_the_order() {
    let error = ApiError::Ordered {
        zulu: 1,
        hidden: 2,
        alpha: 3,
        mike: 4,
    };
    assert_eq!(
        serde_json::to_string_pretty(&error).unwrap(),
        "{\n  \"error\": {\n    \"code\": \"rate_limited\",\n    \"message\": \"Slow down.\",\n    \"zulu\": 1,\n    \"alpha\": 3,\n    \"mike\": 4\n  }\n}"
    );
}

#[test]
fn serialising_to_a_value() {
    let error = ApiError::Optional {
        id: "c".into(),
        current_version: Some(2),
        hint: None,
    };
    assert_eq!(
        serde_json::to_value(&error).unwrap(),
        json!({"error": {"code": "conflict", "message": "Conflict on c.", "current_version": 2}})
    );
}

/// Every kind of variant, with extensions written in alphabetical field order so that
/// a sorted map and field order agree.
fn dyn_samples() -> Vec<Box<dyn CertifierError + Send + Sync>> {
    vec![
        Box::new(ApiError::NotFound),
        Box::new(ApiError::InvalidVersion("v".into())),
        Box::new(ApiError::Optional {
            id: "x".into(),
            current_version: Some(1),
            hint: Some("h"),
        }),
        Box::new(ApiError::Optional {
            id: "x".into(),
            current_version: None,
            hint: None,
        }),
        Box::new(ApiError::Validation {
            count: 1,
            field_errors: vec![FieldError {
                field: "f",
                reason: "r",
            }],
        }),
        Box::new(ApiError::RawIdent {
            r#type: "t",
            r#match: 0,
        }),
        Box::new(StandardError::Conflict),
    ]
}

#[test]
fn dyn_serialisation_gives_identical_bytes() {
    for (boxed, concrete) in dyn_samples().iter().zip(dyn_samples()) {
        let direct = to_json(&*concrete);
        let plain: &dyn CertifierError = &**boxed;
        assert_eq!(to_json(plain), direct);
        let send_sync: &(dyn CertifierError + Send + Sync) = &**boxed;
        assert_eq!(to_json(send_sync), direct);
        let send: &(dyn CertifierError + Send) = &**boxed;
        assert_eq!(to_json(send), direct);
        assert_eq!(to_json(boxed), direct);
        let unsync: Box<dyn CertifierError> = Box::new(StandardError::NotFound);
        assert_eq!(to_json(&unsync), to_json(&StandardError::NotFound));
    }
}

#[test]
fn dyn_serialisation_matches_the_concrete_bytes() {
    let concrete = ApiError::Ordered {
        zulu: 1,
        hidden: 2,
        alpha: 3,
        mike: 4,
    };
    let boxed: Box<dyn CertifierError> = Box::new(ApiError::Ordered {
        zulu: 1,
        hidden: 2,
        alpha: 3,
        mike: 4,
    });
    assert_eq!(to_json(&boxed), to_json(&concrete));
}

#[test]
fn extensions_method() {
    let error = ApiError::Optional {
        id: "x".into(),
        current_version: Some(3),
        hint: None,
    };
    let members = error.to_envelope().unwrap().error.extensions;
    let mut expected = ExtensionMap::new();
    expected.insert("current_version".into(), json!(3));
    assert_eq!(members, expected);
    assert!(ApiError::NotFound
        .to_envelope()
        .unwrap()
        .error
        .extensions
        .is_empty());
    assert!(StandardError::NotFound
        .to_envelope()
        .unwrap()
        .error
        .extensions
        .is_empty());
    let error: &dyn CertifierError = &ApiError::Renamed {
        thing: false,
        detail: "d",
    };
    assert_eq!(
        serde_json::Value::Object(error.to_envelope().unwrap().error.extensions),
        json!({"X-Thing": false, "message_detail": "d"})
    );
    let error = Flattened::Struct {
        plan: "p",
        quota: Quota {
            used: 1,
            max_allowed: 2,
            reset: None,
        },
        after: false,
    };
    assert_eq!(
        serde_json::Value::Object(error.to_envelope().unwrap().error.extensions),
        json!({"plan": "p", "used": 1, "maxAllowed": 2, "after": false})
    );
}

#[test]
fn to_envelope() {
    let error = ApiError::Validation {
        count: 1,
        field_errors: vec![FieldError {
            field: "f",
            reason: "r",
        }],
    };
    let envelope = error.to_envelope().unwrap();
    assert_eq!(envelope.error.code, Code::ValidationError);
    assert_eq!(envelope.error.message, "1 parameters are invalid.");
    assert_eq!(
        serde_json::Value::Object(envelope.error.extensions.clone()),
        json!({"field_errors": [{"field": "f", "reason": "r"}]})
    );
    assert_eq!(to_json(&envelope), to_json(&error));

    #[derive(Debug, CertifierError)]
    #[certifier(code = "plan_limit", status = 402, message = "Upgrade.")]
    struct Custom;
    let boxed: Box<dyn CertifierError> = Box::new(Custom);
    let envelope = boxed.to_envelope().unwrap();
    assert_eq!(envelope.error.code, Code::Other("plan_limit".into()));
    assert_eq!(envelope.error.message, "Upgrade.");
    assert!(envelope.error.extensions.is_empty());
}

#[test]
fn extension_that_is_not_json_representable_fails_cleanly() {
    #[derive(Debug, CertifierError)]
    #[certifier(code = "bad_request", message = "m")]
    struct Odd {
        #[certifier(extend)]
        by_pair: BTreeMap<(u8, u8), u8>,
    }
    let mut by_pair = BTreeMap::new();
    by_pair.insert((1, 2), 3);
    let error = Odd { by_pair };
    assert!(serde_json::to_string(&error).is_err());
    assert!(error.extension_members().is_err());
    assert!(error.to_envelope().is_err());
    let boxed: Box<dyn CertifierError> = Box::new(error);
    assert!(serde_json::to_string(&boxed).is_err());
}

#[test]
fn dyn_serialisation_of_flattened_members() {
    let concrete = Flattened::Struct {
        plan: "free",
        quota: Quota {
            used: 3,
            max_allowed: 4,
            reset: Some(1),
        },
        after: false,
    };
    let boxed: Box<dyn CertifierError> = Box::new(Flattened::Struct {
        plan: "free",
        quota: Quota {
            used: 3,
            max_allowed: 4,
            reset: Some(1),
        },
        after: false,
    });
    assert_eq!(to_json(&boxed), to_json(&concrete));
    assert_eq!(
        to_json(&boxed),
        r#"{"error":{"code":"plan_limit","message":"Over quota.","plan":"free","used":3,"maxAllowed":4,"reset":1,"after":false}}"#
    );
}

#[test]
fn flattened_members_cannot_repeat_code_or_message() {
    for name in ["code", "message"] {
        let mut members = BTreeMap::new();
        members.insert(name.to_owned(), 1);
        let error = Flattened::Map { members };
        let result = serde_json::to_string(&error);
        let problem = result.expect_err("a second member of a reserved name was written");
        assert!(
            problem
                .to_string()
                .contains(&format!("cannot be named `{name}`")),
            "{problem}"
        );
    }

    #[derive(serde::Serialize)]
    struct Clashing {
        message: &'static str,
    }
    #[derive(Debug, CertifierError)]
    #[certifier(code = "conflict")]
    struct WithStruct {
        #[certifier(flatten)]
        members: ClashingHolder,
    }
    #[derive(Debug)]
    struct ClashingHolder(&'static str);
    impl serde::Serialize for ClashingHolder {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Clashing { message: self.0 }.serialize(serializer)
        }
    }
    let error = WithStruct {
        members: ClashingHolder("again"),
    };
    assert!(serde_json::to_string(&error).is_err());
}

/// Flattens a map beside an extension member and under a type with `doc_url`.
#[derive(Debug, CertifierError)]
#[certifier(doc_url = "https://docs.example.com/errors/{code}")]
enum Documented {
    #[certifier(code = "conflict", message = "Refresh and retry.")]
    Clash {
        #[certifier(extend)]
        extra: u8,
        #[certifier(flatten)]
        members: BTreeMap<String, u8>,
    },
}

#[test]
fn flattened_members_cannot_repeat_an_extension_or_doc_url() {
    for name in ["extra", "doc_url"] {
        let error = Documented::Clash {
            extra: 1,
            members: BTreeMap::from([(name.to_owned(), 2)]),
        };
        let problem = serde_json::to_string(&error).expect_err("a member was written twice");
        assert!(
            problem
                .to_string()
                .contains(&format!("cannot be named `{name}`")),
            "{problem}"
        );
        let mut out = Vec::new();
        assert!(error.write_json(&mut out).is_err());
        assert!(out.is_empty(), "a failed write leaves nothing behind");
    }
    let fine = Documented::Clash {
        extra: 1,
        members: BTreeMap::from([("other".to_owned(), 2)]),
    };
    assert_eq!(
        serde_json::to_string(&fine).unwrap(),
        r#"{"error":{"code":"conflict","message":"Refresh and retry.","doc_url":"https://docs.example.com/errors/conflict","extra":1,"other":2}}"#
    );
}
