//! RFC 9457 Problem Details, for the clients that ask for them: the `Accept`
//! negotiation and the problem body the envelope layers write in place of an envelope.
//!
//! The layers turn the envelope an error already wrote into a problem, rather than ask
//! the error again: a derived error's response is bytes by the time a layer sees it,
//! and every answer (derived, a bare status, a panic) goes through one path.

use alloc::borrow::Cow;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The media type of a problem body.
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

/// The members RFC 9457 defines, which an error's own members must not overwrite;
/// `extensions`, the member that holds those that would; and `code`, written once.
const RESERVED: &[&str] = &[
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "extensions",
    "code",
];

/// Whether the `Accept` header fields `values` prefer `application/problem+json` to
/// `application/json`: the quality the most specific matching range gives the first is
/// higher than the one it gives the second. Without an `Accept`, with `*/*`, or with
/// both at one quality, the envelope stays.
///
/// Ranges are read as RFC 9110 writes them (`type/subtype`, parameters, `q` between 0
/// and 1 with at most three decimals); a range that does not parse is skipped. A range
/// with parameters other than `q` is more specific than one without, and matches only
/// when they are `charset=utf-8`, the only charset a JSON body has. The time taken is
/// linear in the header's length, and nothing is allocated.
pub(crate) fn prefers_problem<'a>(values: impl IntoIterator<Item = &'a [u8]>) -> bool {
    let mut problem = Preference::NONE;
    let mut json = Preference::NONE;
    let mut any_range = false;
    for value in values {
        for range in split_outside_quotes(value, b',') {
            let Some(range) = MediaRange::parse(range) else {
                continue;
            };
            any_range = true;
            problem.consider(&range, b"problem+json");
            json.consider(&range, b"json");
        }
    }
    if !any_range {
        return false;
    }
    problem.quality > json.quality
}

/// The quality the most specific range so far gives one media type.
#[derive(Debug, Clone, Copy)]
struct Preference {
    /// 0 when no range matched; 1 `*/*`, 2 `application/*`, 3 the type, 4 the type with
    /// parameters.
    specificity: u8,
    /// Thousandths.
    quality: u16,
}

impl Preference {
    const NONE: Preference = Preference {
        specificity: 0,
        quality: 0,
    };

    /// Takes `range` into account for `application/<subtype>`.
    fn consider(&mut self, range: &MediaRange<'_>, subtype: &[u8]) {
        let specificity = match (range.kind, range.subtype) {
            (b"*", b"*") => 1,
            (kind, b"*") if kind.eq_ignore_ascii_case(b"application") => 2,
            (kind, sub)
                if kind.eq_ignore_ascii_case(b"application")
                    && sub.eq_ignore_ascii_case(subtype) =>
            {
                match range.parameters {
                    Parameters::None => 3,
                    Parameters::Utf8 => 4,
                    Parameters::Other => return,
                }
            }
            _ => return,
        };
        // Of two equally specific ranges, the first counts.
        if specificity > self.specificity {
            *self = Preference {
                specificity,
                quality: range.quality,
            };
        }
    }
}

/// One media range of an `Accept` header.
#[derive(Debug)]
struct MediaRange<'a> {
    kind: &'a [u8],
    subtype: &'a [u8],
    parameters: Parameters,
    quality: u16,
}

/// The parameters of a media range, other than `q` and what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parameters {
    None,
    /// Only `charset=utf-8`, which every JSON body has.
    Utf8,
    Other,
}

impl<'a> MediaRange<'a> {
    fn parse(text: &'a [u8]) -> Option<Self> {
        let mut pieces = split_outside_quotes(text, b';');
        let media = trim(pieces.next()?);
        let slash = media.iter().position(|&byte| byte == b'/')?;
        let (kind, subtype) = (&media[..slash], &media[slash + 1..]);
        if !is_token(kind) || !is_token(subtype) || (kind == b"*" && subtype != b"*") {
            return None;
        }
        let mut parameters = Parameters::None;
        let mut quality = 1000;
        for parameter in pieces {
            let parameter = trim(parameter);
            let equals = parameter.iter().position(|&byte| byte == b'=')?;
            let name = trim(&parameter[..equals]);
            let value = trim(&parameter[equals + 1..]);
            if !is_token(name) {
                return None;
            }
            if name.eq_ignore_ascii_case(b"q") {
                quality = parse_quality(value)?;
                // What follows `q` are accept-extensions, not media type parameters.
                break;
            }
            let value = unquote(value)?;
            parameters = if name.eq_ignore_ascii_case(b"charset")
                && value.eq_ignore_ascii_case(b"utf-8")
                && parameters != Parameters::Other
            {
                Parameters::Utf8
            } else {
                Parameters::Other
            };
        }
        Some(MediaRange {
            kind,
            subtype,
            parameters,
            quality,
        })
    }
}

/// A `qvalue` in thousandths: `0`, `0.5`, `1.000`; `None` for anything else.
fn parse_quality(text: &[u8]) -> Option<u16> {
    let (&first, rest) = text.split_first()?;
    let decimals = match rest {
        [] => &[][..],
        [b'.', decimals @ ..] if decimals.len() <= 3 => decimals,
        _ => return None,
    };
    let mut thousandths = match first {
        b'0' => 0,
        b'1' => 1000,
        _ => return None,
    };
    let mut scale = 100;
    for &digit in decimals {
        if !digit.is_ascii_digit() || (first == b'1' && digit != b'0') {
            return None;
        }
        thousandths += u16::from(digit - b'0') * scale;
        scale /= 10;
    }
    Some(thousandths)
}

/// The text of a parameter value: a token, or a quoted string without its quotes
/// (escapes left in place: only `utf-8` is ever compared).
fn unquote(value: &[u8]) -> Option<&[u8]> {
    match value {
        [b'"', inner @ .., b'"'] => Some(inner),
        _ if is_token(value) => Some(value),
        _ => None,
    }
}

/// RFC 9110's `token`.
fn is_token(text: &[u8]) -> bool {
    !text.is_empty()
        && text
            .iter()
            .all(|&byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}

fn trim(text: &[u8]) -> &[u8] {
    let start = text.iter().position(|&byte| byte != b' ' && byte != b'\t');
    let end = text.iter().rposition(|&byte| byte != b' ' && byte != b'\t');
    match (start, end) {
        (Some(start), Some(end)) => &text[start..=end],
        _ => &[],
    }
}

/// The pieces of `text` between the `separator`s that are not inside a quoted string.
fn split_outside_quotes(text: &[u8], separator: u8) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let text = rest?;
        let mut quoted = false;
        let mut escaped = false;
        for (at, &byte) in text.iter().enumerate() {
            if escaped {
                escaped = false;
            } else if quoted && byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                quoted = !quoted;
            } else if byte == separator && !quoted {
                rest = Some(&text[at + 1..]);
                return Some(&text[..at]);
            }
        }
        rest = None;
        Some(text)
    })
}

/// The problem body for an error envelope `envelope` sent with `status`, or `None` if
/// `envelope` is not an envelope (`{"error": {"code": .., "message": .., ..}}`).
///
/// `type` is the envelope's `doc_url` (else `about:blank`), `title` the status's reason
/// phrase, `status` the status, `detail` the message, `code` the code; every other
/// member of the error object follows at the top level in its order, but that one named
/// as a member of RFC 9457 (or `extensions`) goes into an `extensions` object after them,
/// so that it cannot overwrite the problem's own. A `request_id` that ends the envelope
/// ends the problem too. Values are copied as they were written, never re-encoded.
pub(crate) fn from_envelope(envelope: &[u8], status: u16) -> Option<Vec<u8>> {
    let mut deserializer = serde_json::Deserializer::from_slice(envelope);
    let members = deserializer.deserialize_map(EnvelopeVisitor).ok()?;
    deserializer.end().ok()?;
    let members = members?;

    let mut code = None;
    let mut message = None;
    let mut doc_url = None;
    let mut request_id = None;
    for (at, (name, value)) in members.iter().enumerate() {
        match &**name {
            "code" if code.is_none() => code = Some(at),
            "message" if message.is_none() => message = Some(at),
            "doc_url" if doc_url.is_none() && value.get().starts_with('"') => doc_url = Some(at),
            "request_id" if at + 1 == members.len() => request_id = Some(at),
            _ => {}
        }
    }
    let (code, message) = (code?, message?);
    if !members[code].1.get().starts_with('"') || !members[message].1.get().starts_with('"') {
        return None;
    }

    let mut body = Vec::with_capacity(envelope.len() + 64);
    body.extend_from_slice(b"{\"type\":");
    match doc_url {
        Some(at) => body.extend_from_slice(members[at].1.get().as_bytes()),
        None => body.extend_from_slice(b"\"about:blank\""),
    }
    body.extend_from_slice(b",\"title\":\"");
    body.extend_from_slice(reason_phrase(status).as_bytes());
    body.extend_from_slice(b"\",\"status\":");
    body.extend_from_slice(itoa::Buffer::new().format(status).as_bytes());
    body.extend_from_slice(b",\"detail\":");
    body.extend_from_slice(members[message].1.get().as_bytes());
    body.extend_from_slice(b",\"code\":");
    body.extend_from_slice(members[code].1.get().as_bytes());
    let own = |at: &usize| ![Some(code), Some(message), doc_url, request_id].contains(&Some(*at));
    let mut nested = false;
    for (_, (name, value)) in members.iter().enumerate().filter(|(at, _)| own(at)) {
        if RESERVED.contains(&&**name) {
            nested = true;
            continue;
        }
        write_member(&mut body, name, value);
    }
    if nested {
        body.extend_from_slice(b",\"extensions\":{");
        let mut first = true;
        for (_, (name, value)) in members.iter().enumerate().filter(|(at, _)| own(at)) {
            if RESERVED.contains(&&**name) {
                if !first {
                    body.push(b',');
                }
                first = false;
                write_name(&mut body, name);
                body.push(b':');
                body.extend_from_slice(value.get().as_bytes());
            }
        }
        body.push(b'}');
    }
    if let Some(at) = request_id {
        write_member(&mut body, "request_id", members[at].1);
    }
    body.push(b'}');
    Some(body)
}

/// `,"name":value`.
fn write_member(body: &mut Vec<u8>, name: &str, value: &RawValue) {
    body.push(b',');
    write_name(body, name);
    body.push(b':');
    body.extend_from_slice(value.get().as_bytes());
}

fn write_name(body: &mut Vec<u8>, name: &str) {
    // Writing a string into a `Vec` cannot fail.
    let _ = serde_json::to_writer(&mut *body, name);
}

/// The reason phrase of `status`, for the problem's `title`.
fn reason_phrase(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("Error")
}

/// The members of an error object, in order, their values as written.
type Members<'a> = Vec<(Cow<'a, str>, &'a RawValue)>;

/// Reads `{"error": {..}}`: the error object's members, or `None` if there is no
/// `error` object. Other members of the envelope are skipped.
struct EnvelopeVisitor;

impl<'de> Visitor<'de> for EnvelopeVisitor {
    type Value = Option<Members<'de>>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an error envelope")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut object = None;
        while let Some(name) = map.next_key::<Name<'de>>()? {
            if name.0 == "error" && object.is_none() {
                object = Some(map.next_value_seed(ObjectSeed)?);
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(object)
    }
}

/// Reads an error object's members.
struct ObjectSeed;

impl<'de> de::DeserializeSeed<'de> for ObjectSeed {
    type Value = Members<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ObjectSeed {
    type Value = Members<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an error object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(4));
        while let Some(name) = map.next_key::<Name<'de>>()? {
            members.push((name.0, map.next_value::<&'de RawValue>()?));
        }
        Ok(members)
    }
}

/// A member name, borrowed from the body unless it holds escapes.
struct Name<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameVisitor;

        impl<'de> Visitor<'de> for NameVisitor {
            type Value = Name<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("a member name")
            }

            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Borrowed(name)))
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Name<'de>, E> {
                Ok(Name(Cow::Owned(name.into())))
            }
        }

        deserializer.deserialize_str(NameVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefers(accept: &str) -> bool {
        prefers_problem([accept.as_bytes()])
    }

    #[test]
    fn the_envelope_stays_unless_problem_json_is_preferred() {
        for envelope in [
            "",
            "*/*",
            "application/json",
            "application/*",
            "application/json, application/problem+json",
            "application/problem+json;q=0.5, application/json",
            "application/problem+json;q=0, */*",
            "text/html",
            "application/problem+json;q=0",
            "application/problem+json; profile=\"x\"",
            "garbage, ;;;, /, */json",
            "application/problem+json;q=2",
            "application/problem+json;q=0.5x",
        ] {
            assert!(!prefers(envelope), "{envelope:?}");
        }
        for problem in [
            "application/problem+json",
            "APPLICATION/Problem+JSON",
            "application/problem+json, application/json;q=0.9",
            "application/problem+json, */*;q=0.8",
            "application/json;q=0.5, application/problem+json",
            "application/problem+json;charset=utf-8",
            "application/problem+json; charset=\"UTF-8\"; q=1.0; ext=1",
            "application/*;q=0.2, application/problem+json;q=0.3",
            "text/plain; title=\"a, application/json\", application/problem+json",
            "application/json;q=0, */*",
        ] {
            assert!(prefers(problem), "{problem:?}");
        }
    }

    #[test]
    fn the_most_specific_range_decides() {
        // `application/json;charset=utf-8` is more specific than `application/json`.
        assert!(prefers(
            "application/json;q=1, application/json;charset=utf-8;q=0.1, application/problem+json;q=0.5"
        ));
        // Several header fields are one list.
        assert!(prefers_problem([
            &b"application/json;q=0.1"[..],
            b"application/problem+json"
        ]));
    }

    #[test]
    fn qualities_read_as_rfc_9110_writes_them() {
        assert_eq!(parse_quality(b"0"), Some(0));
        assert_eq!(parse_quality(b"0.5"), Some(500));
        assert_eq!(parse_quality(b"0.125"), Some(125));
        assert_eq!(parse_quality(b"1.000"), Some(1000));
        assert_eq!(parse_quality(b"1."), Some(1000));
        for invalid in [&b""[..], b"1.5", b"0.1234", b"2", b".5", b"-0", b"0,5"] {
            assert_eq!(parse_quality(invalid), None, "{invalid:?}");
        }
    }

    #[test]
    fn a_huge_header_is_read_once() {
        let huge = "application/json;q=0.1, ".repeat(10_000) + "application/problem+json";
        assert!(prefers(&huge));
        let quotes = "\"".repeat(100_000);
        assert!(!prefers(&quotes));
    }

    fn problem(envelope: &str, status: u16) -> String {
        String::from_utf8(from_envelope(envelope.as_bytes(), status).unwrap()).unwrap()
    }

    #[test]
    fn an_envelope_becomes_a_problem() {
        assert_eq!(
            problem(
                r#"{"error":{"code":"rate_limited","message":"Slow down.","retry_after":30,"request_id":"r1"}}"#,
                429
            ),
            r#"{"type":"about:blank","title":"Too Many Requests","status":429,"detail":"Slow down.","code":"rate_limited","retry_after":30,"request_id":"r1"}"#
        );
        assert_eq!(
            problem(
                r#"{"error":{"code":"not_found","message":"No \"x\".","doc_url":"https://d/errors/not_found","item":{"id":[1,2]}}}"#,
                404
            ),
            r#"{"type":"https://d/errors/not_found","title":"Not Found","status":404,"detail":"No \"x\".","code":"not_found","item":{"id":[1,2]}}"#
        );
    }

    #[test]
    fn members_named_as_the_problems_own_are_nested() {
        assert_eq!(
            problem(
                r#"{"error":{"code":"conflict","message":"m","status":"pending","a":1,"type":"t","extensions":[],"title":null,"detail":2,"instance":"/x","request_id":"r"}}"#,
                409
            ),
            r#"{"type":"about:blank","title":"Conflict","status":409,"detail":"m","code":"conflict","a":1,"extensions":{"status":"pending","type":"t","extensions":[],"title":null,"detail":2,"instance":"/x"},"request_id":"r"}"#
        );
    }

    #[test]
    fn names_with_escapes_are_written_back_escaped() {
        assert_eq!(
            problem(
                r#"{"error":{"code":"c","message":"m","a\"b\u0000":1}}"#,
                400
            ),
            r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"m","code":"c","a\"b\u0000":1}"#
        );
    }

    #[test]
    fn a_client_reads_the_problem_as_it_reads_the_envelope() {
        for (status, envelope) in [
            (
                429,
                r#"{"error":{"code":"rate_limited","message":"Slow down.","retry_after":30,"request_id":"r1"}}"#,
            ),
            (
                404,
                r#"{"error":{"code":"not_found","message":"m","doc_url":"https://d/e#not_found"}}"#,
            ),
            (
                409,
                r#"{"error":{"code":"conflict","message":"m","status":"pending","type":1,"title":[],"detail":{},"instance":"/i","extensions":{"a":1},"b":null}}"#,
            ),
            (
                400,
                r#"{"error":{"code":"validation_error","message":"m","errors":[{"pointer":"/a","code":"c","message":"m"}]}}"#,
            ),
            (418, r#"{"error":{"code":"its_own","message":"m"}}"#),
        ] {
            let problem = from_envelope(envelope.as_bytes(), status).unwrap();
            let read = crate::ErrorResponse::decode(status, &problem);
            assert_eq!(
                read,
                crate::ErrorResponse::decode(status, envelope.as_bytes()),
                "{envelope}"
            );
            assert!(read.is_envelope());
        }
    }

    #[test]
    fn what_is_not_an_envelope_is_refused() {
        for body in [
            "",
            "{}",
            "[]",
            r#"{"error":{"message":"m"}}"#,
            r#"{"error":{"code":1,"message":"m"}}"#,
            r#"{"error":{"code":"c","message":"m"}} trailing"#,
            r#"{"error":"c"}"#,
            r#"{"error":{"code":"c","message":"m""#,
        ] {
            assert_eq!(from_envelope(body.as_bytes(), 400), None, "{body:?}");
        }
    }
}
