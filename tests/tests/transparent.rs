//! `transparent`: a variant delegates status, code, message, extensions and source to its
//! inner error, and writes the members of its `extend` fields after the inner error's.

use std::error::Error as _;

use certifier_error::server::{decode_json, JsonRejection};
use certifier_error::{CertifierError, Code, StandardError, Unauthorized};
use serde_json::json;

fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap()
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Inner {
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Limited {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend)]
        bucket_name: Option<&'static str>,
    },

    #[certifier(
        code = "internal_server_error",
        status = 503,
        message = "Storage is down."
    )]
    Storage(#[source] std::io::Error),

    #[certifier(code = "plan_limit", status = 402, message = "Plan {0} is full.")]
    Plan(&'static str),
}

#[derive(Debug, CertifierError)]
enum Outer {
    #[certifier(transparent)]
    Standard(StandardError),

    #[certifier(transparent)]
    Inner(Inner),

    #[certifier(transparent)]
    Named { inner: Inner },

    #[certifier(transparent)]
    Boxed(Box<Inner>),

    #[certifier(transparent)]
    Shared(std::sync::Arc<Inner>),

    #[certifier(code = "not_found", message = "Own variant.")]
    Own {
        #[certifier(extend)]
        id: u8,
    },
}

#[test]
fn delegates_to_standard_error() {
    for &standard in StandardError::ALL {
        let error = Outer::Standard(standard);
        assert_eq!(error.status(), standard.status());
        assert_eq!(error.code(), standard.code());
        assert_eq!(error.to_string(), standard.to_string());
        assert_eq!(to_json(&error), to_json(&standard));
        assert!(error.source().is_none());
        assert!(error.to_envelope().unwrap().error.extensions.is_empty());
    }
    assert_eq!(
        to_json(&Outer::Standard(StandardError::Conflict)),
        r#"{"error":{"code":"conflict","message":"The request conflicts with the current state; refresh and try again."}}"#
    );
}

#[test]
fn delegates_to_a_derived_enum_with_extensions() {
    let error = Outer::Inner(Inner::Limited {
        retry_after: 30,
        bucket_name: Some("api"),
    });
    assert_eq!(error.status(), 429);
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(error.to_string(), "Retry in 30 s.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 30 s.","retryAfter":30,"bucketName":"api"}}"#
    );
    assert_eq!(
        serde_json::Value::Object(error.to_envelope().unwrap().error.extensions),
        json!({"retryAfter": 30, "bucketName": "api"})
    );
    let envelope = error.to_envelope().unwrap();
    assert_eq!(envelope.error.code, Code::RateLimited);
    assert_eq!(envelope.error.message, "Retry in 30 s.");

    let error = Outer::Named {
        inner: Inner::Limited {
            retry_after: 1,
            bucket_name: None,
        },
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 1 s.","retryAfter":1}}"#
    );
}

#[test]
fn delegates_custom_codes_and_statuses() {
    let error = Outer::Inner(Inner::Plan("free"));
    assert_eq!(error.status(), 402);
    assert_eq!(error.code(), "plan_limit");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"plan_limit","message":"Plan free is full."}}"#
    );
}

#[test]
fn delegates_source() {
    let error = Outer::Inner(Inner::Storage(std::io::Error::other("disk")));
    assert_eq!(error.status(), 503);
    assert_eq!(error.code(), "internal_server_error");
    // The transparent variant's source is its field's source, not the field itself.
    let source = error.source().expect("the inner error's source");
    assert_eq!(source.to_string(), "disk");
    assert!(source.downcast_ref::<std::io::Error>().is_some());
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"internal_server_error","message":"Storage is down."}}"#
    );
    assert!(Outer::Inner(Inner::Plan("x")).source().is_none());
}

#[test]
fn own_variants_beside_transparent_ones() {
    let error = Outer::Own { id: 7 };
    assert_eq!(error.status(), 404);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"not_found","message":"Own variant.","id":7}}"#
    );
}

#[test]
fn transparent_over_a_box_and_an_arc() {
    let error = Outer::Boxed(Box::new(Inner::Limited {
        retry_after: 5,
        bucket_name: Some("b"),
    }));
    assert_eq!(error.status(), 429);
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(error.to_string(), "Retry in 5 s.");
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 5 s.","retryAfter":5,"bucketName":"b"}}"#
    );
    let error = Outer::Boxed(Box::new(Inner::Storage(std::io::Error::other("boxed"))));
    assert_eq!(error.source().unwrap().to_string(), "boxed");
    let error = Outer::Shared(std::sync::Arc::new(Inner::Plan("team")));
    assert_eq!(error.status(), 402);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"plan_limit","message":"Plan team is full."}}"#
    );
}

#[test]
fn transparent_struct() {
    #[derive(Debug, CertifierError)]
    #[certifier(transparent)]
    struct Wrapper(Inner);

    #[derive(Debug, CertifierError)]
    #[certifier(transparent)]
    struct NamedWrapper {
        error: Outer,
    }

    let error = Wrapper(Inner::Limited {
        retry_after: 2,
        bucket_name: None,
    });
    assert_eq!(error.status(), 429);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 2 s.","retryAfter":2}}"#
    );
    // Two levels of delegation.
    let error = NamedWrapper {
        error: Outer::Inner(Inner::Storage(std::io::Error::other("deep"))),
    };
    assert_eq!(error.status(), 503);
    assert_eq!(error.source().unwrap().to_string(), "deep");
    assert_eq!(error.to_string(), "Storage is down.");
}

#[test]
fn dyn_transparent_error_gives_the_same_bytes() {
    let concrete = Outer::Inner(Inner::Limited {
        retry_after: 9,
        bucket_name: Some("z"),
    });
    let boxed: Box<dyn CertifierError> = Box::new(Outer::Inner(Inner::Limited {
        retry_after: 9,
        bucket_name: Some("z"),
    }));
    assert_eq!(to_json(&boxed), to_json(&concrete));
}

/// Wraps whatever error a lower layer produced, known only through its vtable.
#[derive(Debug, CertifierError)]
enum AnyLayer {
    #[certifier(transparent)]
    Any(Box<dyn CertifierError + Send + Sync>),
}

#[test]
fn transparent_over_a_boxed_trait_object() {
    let error = AnyLayer::Any(Box::new(StandardError::Conflict));
    assert_eq!(error.status(), 409);
    assert_eq!(error.code(), "conflict");
    assert_eq!(error.to_string(), StandardError::Conflict.to_string());
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        serde_json::to_string(&StandardError::Conflict).unwrap(),
    );
    // A trait object of `CertifierError` is not an `Error`: no source to report.
    assert!(std::error::Error::source(&error).is_none());
}

/// A transparent variant's message, when its field's is a literal, reaches the
/// serialisers as that literal (written as a plain string, not through `core::fmt`),
/// also through a box or an `Arc`; a message with placeholders, or a field known only as
/// a trait object, takes the general path.
#[test]
fn hands_the_field_literal_message_to_the_serialisers() {
    use certifier_error::__private::LiteralMessage;

    let storage = || Inner::Storage(std::io::Error::other("disk"));
    let literal = |error: &Outer| error.literal_message();
    let not_found = StandardError::NotFound.to_string();
    assert_eq!(
        literal(&Outer::Standard(StandardError::NotFound)),
        Some(not_found.as_str())
    );
    assert_eq!(literal(&Outer::Inner(storage())), Some("Storage is down."));
    assert_eq!(
        literal(&Outer::Named { inner: storage() }),
        Some("Storage is down.")
    );
    assert_eq!(
        literal(&Outer::Boxed(Box::new(storage()))),
        Some("Storage is down.")
    );
    assert_eq!(
        literal(&Outer::Shared(std::sync::Arc::new(storage()))),
        Some("Storage is down.")
    );
    assert_eq!(literal(&Outer::Inner(Inner::Plan("pro"))), None);
    assert_eq!(literal(&Outer::Own { id: 1 }), Some("Own variant."));

    #[derive(Debug, CertifierError)]
    enum Opaque {
        #[certifier(transparent)]
        Any(Box<dyn CertifierError + Send + Sync>),
    }
    assert_eq!(
        Opaque::Any(Box::new(StandardError::Conflict)).literal_message(),
        None
    );
    // Whichever path the message takes, the bytes are the same.
    assert_eq!(
        to_json(&Opaque::Any(Box::new(StandardError::Conflict))),
        to_json(&StandardError::Conflict),
    );
}

/// A transparent variant with `extend` fields: status, code, message and source are the
/// inner error's, and the members are the inner error's followed by the variant's own.
#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum WithMembers {
    #[certifier(transparent)]
    Rejected {
        inner: JsonRejection,
        #[certifier(extend)]
        path: String,
        #[certifier(extend, rename = "origin")]
        from: &'static str,
    },

    #[certifier(transparent)]
    Standard(
        StandardError,
        #[certifier(extend, rename = "path")] &'static str,
    ),

    /// The inner error need not come first; the members follow it all the same.
    #[certifier(transparent)]
    Limited {
        #[certifier(extend)]
        attempt: u32,
        inner: Inner,
        #[certifier(extend)]
        retry_note: Option<&'static str>,
    },

    #[certifier(transparent)]
    Boxed(Box<Inner>, #[certifier(extend, rename = "shard")] u8),

    #[certifier(transparent)]
    Any(
        Box<dyn CertifierError + Send + Sync>,
        #[certifier(extend, rename = "layer")] &'static str,
    ),

    #[certifier(transparent)]
    Authorization {
        inner: Unauthorized,
        #[certifier(extend)]
        realm: &'static str,
    },

    #[certifier(code = "not_found", message = "Own variant.")]
    Own,
}

fn rejected(inner: JsonRejection) -> WithMembers {
    WithMembers::Rejected {
        inner,
        path: "/v1/certificates".into(),
        from: "body",
    }
}

fn limited(retry_note: Option<&'static str>) -> WithMembers {
    WithMembers::Limited {
        attempt: 2,
        inner: Inner::Limited {
            retry_after: 30,
            bucket_name: Some("api"),
        },
        retry_note,
    }
}

/// Every way of writing the envelope gives the same bytes.
fn assert_writers_agree(error: &WithMembers) -> String {
    let serialized = to_json(error);
    let mut direct = b"kept".to_vec();
    error.write_json(&mut direct).unwrap();
    assert_eq!(String::from_utf8_lossy(&direct[4..]), serialized);
    let object: &dyn CertifierError = error;
    assert_eq!(object.to_json().unwrap(), serialized);
    assert_eq!(to_json(object), serialized);
    serialized
}

#[test]
fn members_follow_those_of_a_rejection() {
    let error = rejected(JsonRejection::TooLarge);
    assert_eq!(error.status(), 400);
    assert_eq!(error.code(), "bad_request");
    assert_eq!(error.to_string(), "The request body is too large.");
    assert_eq!(
        assert_writers_agree(&error),
        r#"{"error":{"code":"bad_request","message":"The request body is too large.","path":"/v1/certificates","origin":"body"}}"#
    );

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Issue {
        domain: String,
    }
    let inner = decode_json::<Issue>(Some(b"application/json"), b"{}").unwrap_err();
    let inner_json = to_json(&inner);
    let error = rejected(inner);
    assert_eq!(error.code(), "validation_error");
    assert_eq!(
        assert_writers_agree(&error),
        format!(
            r#"{},"path":"/v1/certificates","origin":"body"}}}}"#,
            &inner_json[..inner_json.len() - 2]
        )
    );
    let envelope = error.to_envelope().unwrap();
    let names: Vec<&String> = envelope.error.extensions.keys().collect();
    assert_eq!(names.len(), 3);
    assert_eq!(envelope.error.extensions["path"], "/v1/certificates");
    assert_eq!(envelope.error.extensions["origin"], "body");
    assert_eq!(envelope.error.extensions["errors"][0]["pointer"], "/domain");
    // The rejection's source is the serde error, and stays the variant's.
    assert!(error
        .source()
        .unwrap()
        .downcast_ref::<serde_json::Error>()
        .is_some());
}

#[test]
fn members_follow_those_of_a_standard_error_in_a_tuple_variant() {
    let error = WithMembers::Standard(StandardError::NotFound, "/v1/orders/7");
    assert_eq!(error.status(), 404);
    assert_eq!(error.code(), "not_found");
    assert_eq!(error.to_string(), StandardError::NotFound.to_string());
    assert!(error.source().is_none());
    assert_eq!(
        assert_writers_agree(&error),
        format!(
            r#"{{"error":{{"code":"not_found","message":"{}","path":"/v1/orders/7"}}}}"#,
            StandardError::NotFound
        )
    );
}

#[test]
fn members_follow_those_of_a_derived_type() {
    let error = limited(Some("later"));
    assert_eq!(error.status(), 429);
    assert_eq!(error.code(), "rate_limited");
    assert_eq!(error.to_string(), "Retry in 30 s.");
    assert_eq!(
        assert_writers_agree(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 30 s.","retryAfter":30,"bucketName":"api","attempt":2,"retryNote":"later"}}"#
    );
    // An `Option` member that is `None` is left out, as anywhere else.
    assert_eq!(
        assert_writers_agree(&limited(None)),
        r#"{"error":{"code":"rate_limited","message":"Retry in 30 s.","retryAfter":30,"bucketName":"api","attempt":2}}"#
    );
    let object: &dyn CertifierError = &error;
    assert_eq!(
        object.extension_members().unwrap(),
        [
            ("retryAfter".to_owned(), json!(30)),
            ("bucketName".to_owned(), json!("api")),
            ("attempt".to_owned(), json!(2)),
            ("retryNote".to_owned(), json!("later")),
        ]
    );
    let envelope = object.to_envelope().unwrap();
    assert_eq!(envelope.error.code, Code::RateLimited);
    assert_eq!(envelope.error.message, "Retry in 30 s.");
    assert_eq!(
        serde_json::Value::Object(envelope.error.extensions),
        json!({"retryAfter": 30, "bucketName": "api", "attempt": 2, "retryNote": "later"})
    );

    let error = WithMembers::Boxed(Box::new(Inner::Storage(std::io::Error::other("disk"))), 3);
    assert_eq!(error.status(), 503);
    assert_eq!(error.to_string(), "Storage is down.");
    assert_eq!(error.source().unwrap().to_string(), "disk");
    assert_eq!(
        assert_writers_agree(&error),
        r#"{"error":{"code":"internal_server_error","message":"Storage is down.","shard":3}}"#
    );
}

#[test]
fn members_follow_those_of_a_trait_object() {
    let error = WithMembers::Any(
        Box::new(Inner::Limited {
            retry_after: 1,
            bucket_name: None,
        }),
        "storage",
    );
    assert_eq!(error.status(), 429);
    assert_eq!(
        assert_writers_agree(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 1 s.","retryAfter":1,"layer":"storage"}}"#
    );
}

#[test]
fn headers_log_level_and_variant_name_are_the_plain_transparent_ones() {
    let error = WithMembers::Authorization {
        inner: Unauthorized::new(r#"Bearer realm="api""#),
        realm: "api",
    };
    assert_eq!(error.status(), 401);
    let mut headers = Vec::new();
    error.headers(&mut |name, value| headers.push((name, value.to_string())));
    assert_eq!(
        headers,
        [("WWW-Authenticate", r#"Bearer realm="api""#.to_owned())]
    );
    assert_eq!(
        assert_writers_agree(&error),
        format!(
            r#"{{"error":{{"code":"unauthorized","message":"{}","realm":"api"}}}}"#,
            StandardError::Unauthorized
        )
    );
    assert_eq!(error.variant_name(), Some("Authorization"));
    assert_eq!(limited(None).variant_name(), Some("Limited"));
    assert_eq!(
        limited(None).log_level(),
        Inner::Limited {
            retry_after: 1,
            bucket_name: None
        }
        .log_level()
    );
    let storage = WithMembers::Boxed(Box::new(Inner::Storage(std::io::Error::other("x"))), 0);
    assert_eq!(storage.log_level(), certifier_error::LogLevel::Error);
}

/// The derive cannot know the inner type's member names: a member of the variant's own
/// with the name of one of the inner error's is written after it, so a reader that keeps
/// the last of two equal names (serde_json, `ErrorEnvelope`, `JSON.parse`) sees the
/// variant's.
#[test]
fn a_member_named_as_one_of_the_inner_errors_is_written_after_it() {
    #[derive(Debug, CertifierError)]
    enum Shadowing {
        #[certifier(transparent)]
        Again {
            inner: Inner,
            #[certifier(extend, rename = "retryAfter")]
            retry_after: &'static str,
        },
    }

    let error = Shadowing::Again {
        inner: Inner::Limited {
            retry_after: 30,
            bucket_name: None,
        },
        retry_after: "soon",
    };
    let body = to_json(&error);
    assert_eq!(
        body,
        r#"{"error":{"code":"rate_limited","message":"Retry in 30 s.","retryAfter":30,"retryAfter":"soon"}}"#
    );
    assert_eq!(error.to_json().unwrap(), body);
    let object: &dyn CertifierError = &error;
    assert_eq!(
        object.extension_members().unwrap(),
        [
            ("retryAfter".to_owned(), json!(30)),
            ("retryAfter".to_owned(), json!("soon")),
        ]
    );
    assert_eq!(
        object.to_envelope().unwrap().error.extensions["retryAfter"],
        "soon"
    );
    let decoded: certifier_error::ErrorEnvelope = serde_json::from_str(&body).unwrap();
    assert_eq!(decoded.error.extensions["retryAfter"], "soon");
}

#[test]
fn a_struct_and_a_container_doc_url_take_members_too() {
    #[derive(Debug, CertifierError)]
    #[certifier(transparent)]
    struct Wrapper {
        error: StandardError,
        #[certifier(extend)]
        trace: u64,
    }

    #[derive(Debug, CertifierError)]
    #[certifier(doc_url = "https://docs.example.com/{code}")]
    enum Documented {
        #[certifier(transparent)]
        Inner(Inner, #[certifier(extend, rename = "shard")] u8),
    }

    let error = Wrapper {
        error: StandardError::Conflict,
        trace: 7,
    };
    assert_eq!(error.status(), 409);
    assert_eq!(
        to_json(&error),
        format!(
            r#"{{"error":{{"code":"conflict","message":"{}","trace":7}}}}"#,
            StandardError::Conflict
        )
    );
    assert_eq!(error.to_json().unwrap(), to_json(&error));

    let error = Documented::Inner(Inner::Plan("free"), 1);
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"plan_limit","message":"Plan free is full.","doc_url":"https://docs.example.com/plan_limit","shard":1}}"#
    );
    assert_eq!(error.to_json().unwrap(), to_json(&error));
}

/// The catalogue lists the entries a transparent variant reaches with the variant's
/// members after each one's, with their types.
#[test]
fn catalogue_entries_list_the_variants_members_after_the_inner_ones() {
    use certifier_error::ErrorCatalogue;

    let entries: Vec<_> = WithMembers::CATALOGUE.iter().collect();
    let inner_entries: Vec<_> = JsonRejection::CATALOGUE
        .iter()
        .chain(StandardError::CATALOGUE.iter())
        .chain(Inner::CATALOGUE.iter())
        .chain(Inner::CATALOGUE.iter())
        .chain(Unauthorized::CATALOGUE.iter())
        .collect();
    let own: Vec<&[&str]> = [
        &["path", "origin"][..],
        &["path"],
        &["attempt", "retryNote"],
        &["shard"],
        &["realm"],
    ]
    .into_iter()
    .zip([
        JsonRejection::CATALOGUE.len(),
        StandardError::CATALOGUE.len(),
        Inner::CATALOGUE.len(),
        Inner::CATALOGUE.len(),
        Unauthorized::CATALOGUE.len(),
    ])
    .flat_map(|(members, count)| std::iter::repeat(members).take(count))
    .collect();
    let own_types: Vec<&[&str]> = [
        &["String", "&'static str"][..],
        &["&'static str"],
        &["u32", "Option<&'static str>"],
        &["u8"],
        &["&'static str"],
    ]
    .into_iter()
    .zip([
        JsonRejection::CATALOGUE.len(),
        StandardError::CATALOGUE.len(),
        Inner::CATALOGUE.len(),
        Inner::CATALOGUE.len(),
        Unauthorized::CATALOGUE.len(),
    ])
    .flat_map(|(types, count)| std::iter::repeat(types).take(count))
    .collect();
    // The boxed trait object adds no entries, then the own variant's.
    assert_eq!(entries.len(), inner_entries.len() + 1);
    for (index, inner) in inner_entries.iter().enumerate() {
        let entry = entries[index];
        assert_eq!(
            (
                entry.status(),
                entry.code(),
                entry.message(),
                entry.variant()
            ),
            (
                inner.status(),
                inner.code(),
                inner.message(),
                inner.variant()
            )
        );
        assert_eq!(
            (entry.docs(), entry.log_level()),
            (inner.docs(), inner.log_level())
        );
        let members: Vec<&str> = inner.members().iter().chain(own[index]).copied().collect();
        assert_eq!(entry.members(), members, "entry {index}");
        let types: Vec<&str> = inner
            .member_types()
            .iter()
            .chain(own_types[index])
            .copied()
            .collect();
        assert_eq!(entry.member_types(), types, "entry {index}");
    }
    let last = entries.last().unwrap();
    assert_eq!((last.code(), last.members()), ("not_found", &[][..]));
    assert_eq!(last.message(), WithMembers::Own.to_string());
    // The trait object's errors cannot be listed.
    assert!(!WithMembers::CATALOGUE.is_complete());

    let limited = WithMembers::CATALOGUE
        .iter()
        .find(|entry| entry.variant() == "Inner::Limited")
        .unwrap();
    assert_eq!(
        limited.members(),
        ["retryAfter", "bucketName", "attempt", "retryNote"]
    );
    assert_eq!(
        limited.member_types(),
        ["u64", "Option<&'static str>", "u32", "Option<&'static str>"]
    );
    // Usable in a `const`, as every catalogue.
    const LEN: usize = WithMembers::CATALOGUE.len();
    assert_eq!(LEN, entries.len());
}

#[test]
fn catalogue_members_add_up_through_two_transparent_layers() {
    use certifier_error::ErrorCatalogue;

    #[derive(Debug, CertifierError)]
    #[certifier(doc_url = "https://docs.example.com/{code}")]
    enum Outermost {
        #[certifier(transparent)]
        Layer {
            inner: WithMembers,
            #[certifier(extend)]
            request_id: String,
        },
    }

    assert_eq!(Outermost::CATALOGUE.len(), WithMembers::CATALOGUE.len());
    assert!(!Outermost::CATALOGUE.is_complete());
    for (outer, inner) in Outermost::CATALOGUE
        .iter()
        .zip(WithMembers::CATALOGUE.iter())
    {
        let members: Vec<&str> = inner
            .members()
            .iter()
            .copied()
            .chain(["request_id"])
            .collect();
        assert_eq!(outer.members(), members);
        assert_eq!(outer.member_types().last(), Some(&"String"));
        assert_eq!(outer.member_types().len(), members.len());
        // The outermost `doc_url` replaces the inner ones.
        assert_eq!(
            outer.doc_url().unwrap().to_string(),
            format!("https://docs.example.com/{}", outer.code())
        );
    }
    let error = Outermost::Layer {
        inner: limited(None),
        request_id: "r-1".into(),
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"rate_limited","message":"Retry in 30 s.","doc_url":"https://docs.example.com/rate_limited","retryAfter":30,"bucketName":"api","attempt":2,"request_id":"r-1"}}"#
    );
    assert_eq!(error.to_json().unwrap(), to_json(&error));
}

/// A generic type: a member of a parameter's type, and an inner error with the type's
/// lifetime.
#[test]
fn generic_types_take_members_beside_a_concrete_inner_error() {
    use certifier_error::ErrorCatalogue;

    #[derive(Debug, CertifierError)]
    #[certifier(code = "conflict", message = "Taken: {0}.")]
    struct Borrowed<'a>(&'a str);

    #[derive(Debug, CertifierError)]
    enum Layer<'a, T: serde::Serialize + std::fmt::Debug> {
        #[certifier(transparent)]
        Standard {
            inner: StandardError,
            #[certifier(extend)]
            value: T,
        },
        #[certifier(transparent)]
        Borrowed {
            inner: Borrowed<'a>,
            #[certifier(extend)]
            note: &'a str,
        },
    }

    let error: Layer<'_, Vec<u8>> = Layer::Standard {
        inner: StandardError::Forbidden,
        value: vec![1, 2],
    };
    assert_eq!(
        to_json(&error),
        format!(
            r#"{{"error":{{"code":"forbidden","message":"{}","value":[1,2]}}}}"#,
            StandardError::Forbidden
        )
    );
    assert_eq!(error.to_json().unwrap(), to_json(&error));
    let name = String::from("x");
    let error: Layer<'_, u8> = Layer::Borrowed {
        inner: Borrowed(&name),
        note: &name,
    };
    assert_eq!(
        to_json(&error),
        r#"{"error":{"code":"conflict","message":"Taken: x.","note":"x"}}"#
    );
    let catalogue = <Layer<'static, u8> as ErrorCatalogue>::CATALOGUE;
    assert_eq!(catalogue.len(), StandardError::CATALOGUE.len() + 1);
    assert!(catalogue
        .iter()
        .take(StandardError::CATALOGUE.len())
        .all(|entry| entry.members() == ["value"] && entry.member_types() == ["T"]));
    let last = catalogue.iter().next_back().unwrap();
    assert_eq!(
        (last.code(), last.members(), last.member_types()),
        ("conflict", &["note"][..], &["&'a str"][..])
    );
}
