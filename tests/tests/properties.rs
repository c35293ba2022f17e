//! Properties that hold for any input. Serialising: any message text and any extension
//! values give valid JSON that decodes back to the same code, message and members, in
//! the order code, message, extensions; `Display` is the JSON message; the trait-object
//! path writes the same text. Decoding: any body, random or hostile, is accepted or
//! refused without a panic, and any response decodes, by the rules in `decoder_oracle`,
//! which the fuzz targets under `fuzz/` apply too.

mod decoder_oracle;

use std::fmt;

use certifier_error::{CertifierError, Code, ErrorEnvelope, ErrorResponse, ExtensionMap};
use proptest::prelude::*;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::{json, Value};

use decoder_oracle::{check_decoder, check_response_decoder};

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Echo {
    #[certifier(code = "validation_error", message = "{text}")]
    Text { text: String },

    #[certifier(
        status = 422,
        code = "unprocessable_thing",
        message = "{text} | {count:>5} | {text:?}"
    )]
    Mixed {
        text: String,
        #[certifier(extend)]
        count: u64,
        #[certifier(extend)]
        detail_value: Value,
        #[certifier(extend)]
        maybe: Option<String>,
        #[certifier(extend)]
        tags: Vec<String>,
    },

    #[certifier(code = "conflict", message = "{0}")]
    Tuple(String, #[certifier(extend, rename = "payload")] Value),
}

impl Echo {
    /// The members the error object must hold after `code` and `message`, in order.
    fn expected_members(&self) -> Vec<(String, Value)> {
        match self {
            Echo::Text { .. } => vec![],
            Echo::Mixed {
                count,
                detail_value,
                maybe,
                tags,
                ..
            } => {
                let mut members = vec![
                    ("count".to_owned(), json!(count)),
                    ("detailValue".to_owned(), detail_value.clone()),
                ];
                if let Some(maybe) = maybe {
                    members.push(("maybe".to_owned(), json!(maybe)));
                }
                members.push(("tags".to_owned(), json!(tags)));
                members
            }
            Echo::Tuple(_, payload) => vec![("payload".to_owned(), payload.clone())],
        }
    }
}

/// A body with exactly one member, `error`, whose members are kept in document order.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    error: Ordered,
}

/// A JSON object's members in document order (`serde_json::Map` sorts them).
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor;

        impl<'de> Visitor<'de> for OrderedVisitor {
            type Value = Ordered;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Ordered(members))
            }
        }

        deserializer.deserialize_map(OrderedVisitor)
    }
}

/// Characters that trouble encoders: quotes, backslashes, controls, line and paragraph
/// separators, bidirectional overrides, joiners, astral emoji, format braces.
const TRICKY: &[char] = &[
    '"',
    '\\',
    '/',
    '\n',
    '\r',
    '\t',
    '\0',
    '\u{8}',
    '\u{c}',
    '\u{1b}',
    '\u{7f}',
    '\u{85}',
    '\u{2028}',
    '\u{2029}',
    '\u{202e}',
    '\u{200f}',
    '\u{200d}',
    '\u{fe0f}',
    '\u{feff}',
    '\u{fffd}',
    '\u{10ffff}',
    '😀',
    '👩',
    'é',
    'ß',
    'ﷺ',
    'ع',
    '{',
    '}',
    '%',
    '<',
    '&',
];

fn character() -> impl Strategy<Value = char> {
    prop_oneof![3 => any::<char>(), 2 => prop::sample::select(TRICKY)]
}

/// Short text, for member names and values inside extensions.
fn short_text() -> impl Strategy<Value = String> {
    prop::collection::vec(character(), 0..24).prop_map(String::from_iter)
}

/// Message text: mostly short, sometimes thousands of characters.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(character(), 0..48).prop_map(String::from_iter),
        1 => prop::collection::vec(character(), 1_000..5_000).prop_map(String::from_iter),
    ]
}

/// Any JSON value. Floats are those that serde_json parses back exactly without its
/// `float_roundtrip` feature (a few significant digits); the rest is unrestricted.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<i32>().prop_map(|n| Value::from(f64::from(n) / 8.0)),
        short_text().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(short_text(), inner, 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

fn echo() -> impl Strategy<Value = Echo> {
    prop_oneof![
        text().prop_map(|text| Echo::Text { text }),
        (
            text(),
            any::<u64>(),
            json_value(),
            prop::option::of(short_text()),
            prop::collection::vec(short_text(), 0..4),
        )
            .prop_map(|(text, count, detail_value, maybe, tags)| Echo::Mixed {
                text,
                count,
                detail_value,
                maybe,
                tags,
            }),
        (text(), json_value()).prop_map(|(text, payload)| Echo::Tuple(text, payload)),
    ]
}

proptest! {
    #[test]
    fn envelope_round_trips(error in echo()) {
        let body = serde_json::to_string(&error).unwrap();

        // Valid JSON, exactly one `error` member, code and message first, then the
        // extensions in field order.
        let Envelope { error: Ordered(members) } = serde_json::from_str(&body).unwrap();
        let mut expected = vec![
            ("code".to_owned(), json!(error.code())),
            ("message".to_owned(), json!(error.to_string())),
        ];
        expected.extend(error.expected_members());
        prop_assert_eq!(&members, &expected);

        // The client decoder gives back the same code, message and members.
        let envelope: ErrorEnvelope = serde_json::from_str(&body).unwrap();
        prop_assert_eq!(&envelope.error.code, &Code::from(error.code()));
        prop_assert_eq!(&envelope.error.message, &error.to_string());
        let extensions: ExtensionMap = error.expected_members().into_iter().collect();
        prop_assert_eq!(&envelope.error.extensions, &extensions);

        // The trait-object path writes the same text and builds the same envelope.
        let object: &dyn CertifierError = &error;
        prop_assert_eq!(&serde_json::to_string(object).unwrap(), &body);
        prop_assert_eq!(&object.to_envelope().unwrap(), &envelope);

        // And the decoded envelope writes the body again, byte for byte.
        prop_assert_eq!(&serde_json::to_string(&envelope).unwrap(), &body);
    }

    #[test]
    fn display_is_the_json_message(text in text(), count in any::<u64>()) {
        let error = Echo::Mixed {
            text: text.clone(),
            count,
            detail_value: Value::Null,
            maybe: None,
            tags: vec![],
        };
        let shown = error.to_string();
        prop_assert_eq!(&shown, &format!("{text} | {count:>5} | {text:?}"));
        let body: Value = serde_json::to_value(&error).unwrap();
        prop_assert_eq!(&body["error"]["message"], &json!(shown));
        let plain = Echo::Text { text: text.clone() };
        prop_assert_eq!(plain.to_string(), text);
    }

    #[test]
    fn any_code_string_survives(code in short_text()) {
        let parsed = Code::from(code.as_str());
        prop_assert_eq!(parsed.as_str(), code.as_str());
        let body = json!({"error": {"code": code, "message": "m"}}).to_string();
        let envelope = check_decoder(body.as_bytes()).expect("a string code is accepted");
        prop_assert_eq!(envelope.error.code, parsed);
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2_048)) {
        let _ = check_decoder(&bytes);
    }

    #[test]
    fn any_response_decodes(status in any::<u16>(), bytes in prop::collection::vec(any::<u8>(), 0..1_500)) {
        check_response_decoder(status, &bytes);
    }

    #[test]
    fn response_excerpts_keep_the_start_of_any_text(
        status in 300..600_u16,
        body in prop_oneof![
            text().prop_map(String::into_bytes),
            // Continuation bytes only: no character boundary anywhere.
            prop::collection::vec(0x80..0xC0_u8, 400..700),
            prop::collection::vec(any::<u8>(), 400..700),
        ],
    ) {
        check_response_decoder(status, &body);
    }

    #[test]
    fn responses_with_envelopes_keep_them(status in prop_oneof![400..600_u16, any::<u16>()], error in echo()) {
        let body = serde_json::to_vec(&error).unwrap();
        check_response_decoder(status, &body);
        if !(200..=299).contains(&status) {
            let response = ErrorResponse::decode(status, &body);
            prop_assert!(response.is_envelope());
            prop_assert_eq!(response.error.message, error.to_string());
        }
    }

    #[test]
    fn valid_bodies_with_any_members_are_accepted(
        code in text(),
        message in text(),
        members in prop::collection::btree_map(short_text(), json_value(), 0..6),
        siblings in prop::collection::btree_map(short_text(), json_value(), 0..3),
    ) {
        let mut object = serde_json::Map::new();
        object.insert("code".into(), json!(code));
        object.insert("message".into(), json!(message));
        for (name, value) in &members {
            if name != "code" && name != "message" {
                object.insert(name.clone(), value.clone());
            }
        }
        let mut outer: serde_json::Map<String, Value> = siblings.into_iter().collect();
        outer.insert("error".into(), Value::Object(object.clone()));
        let body = Value::Object(outer).to_string();
        let envelope = check_decoder(body.as_bytes()).expect("a well-formed body is accepted");
        prop_assert_eq!(envelope.error.code.as_str(), code.as_str());
        prop_assert_eq!(&envelope.error.message, &message);
        object.remove("code");
        object.remove("message");
        prop_assert_eq!(envelope.error.extensions, object);
    }

    #[test]
    fn mutated_bodies_never_panic(
        error in echo(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        // Start from a real body and damage it: flipped bytes, truncation.
        let mut body = serde_json::to_vec(&error).unwrap();
        for (at, byte) in cuts {
            let at = at.index(body.len());
            if byte % 5 == 0 {
                body.truncate(at);
            } else {
                body[at] = byte;
            }
            if body.is_empty() {
                break;
            }
        }
        let _ = check_decoder(&body);
    }

    #[test]
    fn wrong_member_types_are_refused(
        bad in prop_oneof![
            Just(json!(null)),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<i32>().prop_map(|n| Value::from(f64::from(n) / 4.0)),
            json_value().prop_filter("not a string", |value| !value.is_string()),
        ],
        which in 0..3_u8,
    ) {
        let body = match which {
            0 => json!({"error": {"code": bad, "message": "m"}}),
            1 => json!({"error": {"code": "x", "message": bad}}),
            _ => json!({"error": bad}),
        };
        let body = if which == 2 && bad.is_object() {
            // An object is the right type for `error`; without `code` it is still refused.
            json!({"error": {"message": "m", "nested": bad}})
        } else {
            body
        };
        prop_assert!(check_decoder(body.to_string().as_bytes()).is_none(), "{}", body);
    }

    #[test]
    fn repeated_members_are_refused_or_last_wins(
        name in prop::sample::select(&["code", "message", "error", "extra"][..]),
        first in short_text(),
        second in short_text(),
    ) {
        let first = Value::from(first).to_string();
        let second = Value::from(second).to_string();
        let (body, refused) = match name {
            "error" => (
                format!(r#"{{"error":{{"code":{first},"message":"m"}},"error":{{"code":{second},"message":"m"}}}}"#),
                true,
            ),
            "extra" => (
                format!(r#"{{"error":{{"code":"x","message":"m","extra":{first},"extra":{second}}}}}"#),
                false,
            ),
            member => (
                format!(r#"{{"error":{{"code":"x","message":"m","{member}":{first},"{member}":{second}}}}}"#),
                true,
            ),
        };
        let decoded = check_decoder(body.as_bytes());
        prop_assert_eq!(decoded.is_none(), refused, "{}", body);
        if let Some(envelope) = decoded {
            let last: Value = serde_json::from_str(&second).unwrap();
            prop_assert_eq!(&envelope.error.extensions["extra"], &last);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn deep_nesting_is_refused_without_overflow(depth in 129_usize..200_000, place in 0..3_u8) {
        let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let body = match place {
            0 => format!(r#"{{"error":{{"code":"x","message":"m","deep":{nested}}}}}"#),
            1 => format!(r#"{{"error":{{"code":{nested},"message":"m"}}}}"#),
            _ => format!(r#"{{"error":{nested}}}"#),
        };
        // serde_json stops at 128 levels: refused, never a stack overflow.
        prop_assert!(check_decoder(body.as_bytes()).is_none());
    }

    #[test]
    fn deep_ignored_members_are_skipped_without_overflow(depth in 0_usize..200_000) {
        // A member beside `error` is skipped without recursion, so any depth is fine.
        let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let body = format!(r#"{{"sibling":{nested},"error":{{"code":"x","message":"m"}}}}"#);
        let envelope = check_decoder(body.as_bytes()).expect("an ignored member is skipped");
        prop_assert_eq!(envelope.error.message, "m");
    }

    #[test]
    fn nesting_within_the_limit_is_kept(depth in 0_usize..120) {
        let nested = format!("{}{{}}{}", "[".repeat(depth), "]".repeat(depth));
        let body = format!(r#"{{"error":{{"code":"x","message":"m","deep":{nested}}}}}"#);
        let envelope = check_decoder(body.as_bytes()).expect("within serde_json's limit");
        let mut value = &envelope.error.extensions["deep"];
        for _ in 0..depth {
            value = &value[0];
        }
        prop_assert_eq!(value, &json!({}));
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn huge_strings_are_kept_whole(count in 0_usize..(1 << 20), fill in prop::sample::select(TRICKY)) {
        let long = fill.to_string().repeat(count);
        let body = json!({"error": {"code": long, "message": long, "member": long}}).to_string();
        let envelope = check_decoder(body.as_bytes()).expect("long strings are accepted");
        prop_assert_eq!(envelope.error.code.as_str(), long.as_str());
        prop_assert_eq!(&envelope.error.message, &long);
        prop_assert_eq!(&envelope.error.extensions["member"], &json!(long));
    }
}

#[test]
fn many_members_are_kept() {
    let mut object = serde_json::Map::new();
    object.insert("code".into(), json!("x"));
    object.insert("message".into(), json!("m"));
    for index in 0..100_000 {
        object.insert(format!("m{index}"), json!(index));
    }
    let body = Value::Object(object).to_string();
    let body = format!(r#"{{"error":{body}}}"#);
    let envelope = check_decoder(body.as_bytes()).expect("a wide body is accepted");
    assert_eq!(envelope.error.extensions.len(), 100_000);
    assert_eq!(envelope.error.extensions["m99999"], 99_999);
}

#[test]
fn hostile_classics_never_panic() {
    let cases: &[&[u8]] = &[
        b"",
        b"{",
        b"}",
        b"null",
        b"{\"error\":",
        b"{\"error\":{\"code\":\"x\",\"message\":\"m\"",
        b"{\"error\":{\"code\":\"\\ud800\",\"message\":\"m\"}}",
        b"{\"error\":{\"code\":\"\xff\xfe\",\"message\":\"m\"}}",
        b"{\"error\":{\"code\":\"x\",\"message\":\"m\",\"n\":1e999}}",
        b"{\"error\":{\"code\":\"x\",\"message\":\"m\",\"n\":-1e-999}}",
        b"{\"error\":{\"code\":\"x\",\"message\":\"m\",\"n\":123456789012345678901234567890}}",
        b"{\"error\":{\"code\":\"x\",\"message\":\"m\"}} trailing",
        b"\xef\xbb\xbf{\"error\":{\"code\":\"x\",\"message\":\"m\"}}",
        b"{\"error\":{\"code\":\"x\",\"message\":\"m\",\"\":0}}",
        b"{\"error\":{\"code\":\"\",\"message\":\"\"}}",
        b"{\"error\":{\"code\":\"x\",\"message\":\"m\\u0000\"}}",
    ];
    for body in cases {
        let _ = check_decoder(body);
    }
    // Accepted ones: a NUL in the message, an empty member name, empty strings,
    // an integer beyond u64 (read as a float).
    assert!(check_decoder(br#"{"error":{"code":"x","message":"m\u0000"}}"#).is_some());
    assert!(check_decoder(br#"{"error":{"code":"","message":""}}"#).is_some());
    let wide = check_decoder(
        br#"{"error":{"code":"x","message":"m","n":123456789012345678901234567890}}"#,
    )
    .expect("a big integer is a float");
    assert!(wide.error.extensions["n"].is_f64());
    // Found by fuzzing: serde_json skips the members beside `error` without checking
    // their UTF-8, so invalid UTF-8 there does not make the body unreadable.
    let lenient =
        check_decoder(b"{\"id\":\"r_\xe8\xe8\",\"error\":{\"code\":\"x\",\"message\":\"m\"}}");
    assert_eq!(
        lenient
            .expect("an ignored member is not read")
            .error
            .message,
        "m"
    );
    // Refused ones: a lone surrogate, invalid UTF-8, an infinite number, trailing text.
    for body in [
        &br#"{"error":{"code":"\ud800","message":"m"}}"#[..],
        b"{\"error\":{\"code\":\"\xff\xfe\",\"message\":\"m\"}}",
        br#"{"error":{"code":"x","message":"m","n":1e999}}"#,
        br#"{"error":{"code":"x","message":"m"}} trailing"#,
    ] {
        assert!(
            check_decoder(body).is_none(),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}
