//! RFC 9457 Problem Details, for the clients that ask for them: the `Accept`
//! negotiation and the problem body the envelope layers write in place of an envelope.
//!
//! The layers turn the envelope an error already wrote into a problem, rather than ask
//! the error again: a derived error's response is bytes by the time a layer sees it,
//! and every answer (derived, a bare status, a panic) goes through one path.

use alloc::vec::Vec;

use super::accept;

/// The media type of a problem body.
pub(crate) const PROBLEM_JSON: &str = "application/problem+json";

/// Whether the `Accept` header fields `values` prefer `application/problem+json` to
/// `application/json` (see [`accept::prefers`]). Without an `Accept`, with `*/*`, or
/// with both at one quality, the envelope stays.
pub(crate) fn prefers_problem<'a>(values: impl IntoIterator<Item = &'a [u8]>) -> bool {
    accept::prefers(values, accept::PROBLEM_JSON, accept::JSON)
}

/// The problem body for an error envelope `envelope` sent with `status`, or `None` if
/// `envelope` is not an envelope (`{"error": {"code": .., "message": .., ..}}`, valid
/// JSON, nothing after it).
///
/// `type` is the envelope's `doc_url` (else `about:blank`), `title` the status's reason
/// phrase, `status` the status, `detail` the message, `code` the code; every other
/// member of the error object follows at the top level in its order, but that one named
/// as a member of RFC 9457 (or `extensions`) goes into an `extensions` object after them,
/// so that it cannot overwrite the problem's own. A `request_id` that ends the envelope
/// ends the problem too. Values are copied as they were written, never re-encoded.
///
/// The envelope is read by a strict JSON scanner rather than `serde_json`: the layers
/// run this on every error a client asks a problem for, and the scanner finds the
/// members' bounds in one pass, without allocating.
pub(crate) fn from_envelope(envelope: &[u8], status: u16) -> Option<Vec<u8>> {
    let mut members = [Member::EMPTY; INLINE_MEMBERS];
    let mut spilled = Vec::new();
    let count = scan_envelope(envelope, |at, member| match members.get_mut(at) {
        Some(slot) => *slot = member,
        None => spilled.push(member),
    })?;
    let member = |at: usize| match at < INLINE_MEMBERS {
        true => members[at],
        false => spilled[at - INLINE_MEMBERS],
    };
    let text = |range: Span| &envelope[range.0..range.1];

    let mut code = None;
    let mut message = None;
    let mut doc_url = None;
    let mut request_id = None;
    let mut nested = false;
    for at in 0..count {
        match member(at).kind {
            // Two codes or two messages: the client refuses such an envelope too.
            Name::Code => code = Some(at),
            Name::Message => message = Some(at),
            // A member read twice keeps its last value, in every JSON reader.
            Name::DocUrl => doc_url = Some(at),
            Name::RequestId if at + 1 == count => request_id = Some(at),
            Name::Reserved => nested = true,
            _ => {}
        }
    }
    let codes = (0..count)
        .filter(|&at| member(at).kind == Name::Code)
        .count();
    let messages = (0..count)
        .filter(|&at| member(at).kind == Name::Message)
        .count();
    if codes != 1 || messages != 1 {
        return None;
    }
    let (code, message) = (code?, message?);
    let is_string = |at: usize| text(member(at).value).first() == Some(&b'"');
    if !is_string(code) || !is_string(message) {
        return None;
    }
    // The last `doc_url` is the type when it is text; an earlier one is shadowed.
    let last_url = doc_url;
    let doc_url = last_url.filter(|&at| is_string(at));
    let shadowed = |at: usize| member(at).kind == Name::DocUrl && Some(at) != last_url;

    let mut body = Vec::with_capacity(envelope.len() + 80);
    body.extend_from_slice(b"{\"type\":");
    match doc_url {
        Some(at) => body.extend_from_slice(text(member(at).value)),
        None => body.extend_from_slice(b"\"about:blank\""),
    }
    body.extend_from_slice(b",\"title\":\"");
    body.extend_from_slice(reason_phrase(status).as_bytes());
    body.extend_from_slice(b"\",\"status\":");
    body.extend_from_slice(itoa::Buffer::new().format(status).as_bytes());
    body.extend_from_slice(b",\"detail\":");
    body.extend_from_slice(text(member(message).value));
    body.extend_from_slice(b",\"code\":");
    body.extend_from_slice(text(member(code).value));
    let own = |at: usize| {
        ![Some(code), Some(message), doc_url, request_id].contains(&Some(at)) && !shadowed(at)
    };
    for at in (0..count).filter(|&at| own(at)) {
        let Member { name, value, kind } = member(at);
        if kind != Name::Reserved {
            body.push(b',');
            body.extend_from_slice(text(name));
            body.push(b':');
            body.extend_from_slice(text(value));
        }
    }
    if nested {
        body.extend_from_slice(b",\"extensions\":{");
        let mut first = true;
        for at in (0..count).filter(|&at| own(at)) {
            let Member { name, value, kind } = member(at);
            if kind == Name::Reserved {
                if !first {
                    body.push(b',');
                }
                first = false;
                body.extend_from_slice(text(name));
                body.push(b':');
                body.extend_from_slice(text(value));
            }
        }
        body.push(b'}');
    }
    if let Some(at) = request_id {
        body.extend_from_slice(b",\"request_id\":");
        body.extend_from_slice(text(member(at).value));
    }
    body.push(b'}');
    Some(body)
}

/// The members most error objects fit in without a heap allocation.
const INLINE_MEMBERS: usize = 8;

/// `start..end` in the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span(usize, usize);

/// One member of the error object: its name and value as written (the name with its
/// quotes), and what the name means here.
#[derive(Debug, Clone, Copy)]
struct Member {
    name: Span,
    value: Span,
    kind: Name,
}

impl Member {
    const EMPTY: Member = Member {
        name: Span(0, 0),
        value: Span(0, 0),
        kind: Name::Other,
    };
}

/// The member names the conversion treats apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Code,
    Message,
    DocUrl,
    RequestId,
    /// One of RFC 9457's members, or `extensions`.
    Reserved,
    Other,
}

impl Name {
    /// The meaning of a name, given as written between its quotes.
    fn of(raw: &[u8]) -> Name {
        match unescaped(raw).as_ref() {
            b"code" => Name::Code,
            b"message" => Name::Message,
            b"doc_url" => Name::DocUrl,
            b"request_id" => Name::RequestId,
            b"type" | b"title" | b"status" | b"detail" | b"instance" | b"extensions" => {
                Name::Reserved
            }
            _ => Name::Other,
        }
    }
}

/// A member name as written between its quotes, its escapes undone: escapes spell a
/// name in other bytes (`t\u0079pe` is `type`).
fn unescaped(raw: &[u8]) -> alloc::borrow::Cow<'_, [u8]> {
    if !raw.contains(&b'\\') {
        return alloc::borrow::Cow::Borrowed(raw);
    }
    let quoted = [&b"\""[..], raw, b"\""].concat();
    let decoded = serde_json::from_slice::<alloc::string::String>(&quoted).unwrap_or_default();
    alloc::borrow::Cow::Owned(decoded.into_bytes())
}

/// How deep the scanner follows nested arrays and objects (`serde_json`'s own limit).
const MAX_DEPTH: usize = 128;

/// Scans `{"error": {..}}` (other members of the envelope are skipped), handing each
/// member of the error object to `found` with its index; the number of members, or
/// `None` if `envelope` is not valid JSON of that shape.
fn scan_envelope(envelope: &[u8], mut found: impl FnMut(usize, Member)) -> Option<usize> {
    let mut scanner = Scanner {
        text: envelope,
        at: 0,
        skipping: false,
    };
    let mut count = None;
    scanner.object(|scanner, name| {
        let is_error = unescaped(&scanner.text[name.0 + 1..name.1 - 1]).as_ref() == b"error";
        if is_error && count.is_none() {
            // The error object's strings are copied as they were written: they must be
            // UTF-8. (A reader skips the other members without looking at theirs.)
            let start = scanner.skip_space();
            let mut members = 0;
            scanner.object(|scanner, name| {
                let start = scanner.skip_space();
                scanner.value(0)?;
                let value = Span(start, scanner.at);
                let kind = Name::of(&scanner.text[name.0 + 1..name.1 - 1]);
                found(members, Member { name, value, kind });
                members += 1;
                Some(())
            })?;
            core::str::from_utf8(&scanner.text[start..scanner.at]).ok()?;
            count = Some(members);
            Some(())
        } else {
            scanner.skip_space();
            scanner.skipping = true;
            let skipped = scanner.value(0);
            scanner.skipping = false;
            skipped
        }
    })?;
    scanner.skip_space();
    (scanner.at == envelope.len()).then_some(())?;
    count
}

/// A cursor over JSON text that checks what it skips.
struct Scanner<'a> {
    text: &'a [u8],
    at: usize,
    /// Inside a value the reader skips: escaped surrogates are not paired there, as
    /// `serde_json` does not pair them in what it ignores.
    skipping: bool,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    /// Skips whitespace; the position after it.
    fn skip_space(&mut self) -> usize {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
        self.at
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_space();
        (self.peek() == Some(byte)).then(|| self.at += 1)
    }

    /// An object, handing each member's name (with its quotes) to `member`, which
    /// consumes the value.
    fn object(&mut self, mut member: impl FnMut(&mut Self, Span) -> Option<()>) -> Option<()> {
        self.eat(b'{')?;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            let start = self.skip_space();
            self.string()?;
            let name = Span(start, self.at);
            self.eat(b':')?;
            member(self, name)?;
            self.skip_space();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// Any value, at nesting `depth`.
    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_space();
        match self.peek()? {
            b'"' => self.string(),
            b'{' => self.object(|scanner, _| scanner.value(depth + 1)),
            b'[' => {
                self.at += 1;
                if self.eat(b']').is_some() {
                    return Some(());
                }
                loop {
                    self.value(depth + 1)?;
                    self.skip_space();
                    match self.peek()? {
                        b',' => self.at += 1,
                        b']' => {
                            self.at += 1;
                            return Some(());
                        }
                        _ => return None,
                    }
                }
            }
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        self.text[self.at..]
            .starts_with(word)
            .then(|| self.at += word.len())
    }

    /// A string, at its opening quote: no control characters, only JSON's escapes.
    fn string(&mut self) -> Option<()> {
        (self.peek()? == b'"').then_some(())?;
        self.at += 1;
        loop {
            // Skip the plain run at once.
            let plain = self.text[self.at..]
                .iter()
                .position(|&byte| byte == b'"' || byte == b'\\' || byte < 0x20)?;
            self.at += plain;
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => {
                    self.at += 1;
                    match self.peek()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => self.at += 1,
                        b'u' => {
                            self.at += 1;
                            let unit = self.hex_unit()?;
                            // UTF-16 in escapes: a high surrogate must be followed by an
                            // escaped low one, and a low one cannot stand alone.
                            if self.skipping {
                                // Four hex digits are all a skipped string needs.
                            } else if (0xd800..0xdc00).contains(&unit) {
                                let rest = self.text.get(self.at..)?;
                                rest.starts_with(b"\\u").then_some(())?;
                                self.at += 2;
                                (0xdc00..0xe000).contains(&self.hex_unit()?).then_some(())?;
                            } else if (0xdc00..0xe000).contains(&unit) {
                                return None;
                            }
                        }
                        _ => return None,
                    }
                }
                0..=0x1f => return None,
                _ => self.at += 1,
            }
        }
    }

    /// Four hexadecimal digits, consumed: one UTF-16 code unit.
    fn hex_unit(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        let digits = core::str::from_utf8(digits).ok()?;
        digits
            .bytes()
            .all(|byte| byte.is_ascii_hexdigit())
            .then_some(())?;
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    /// A number as JSON writes it: `-`, digits without a leading zero, a fraction, an
    /// exponent.
    fn number(&mut self) -> Option<()> {
        let start = self.at;
        self.number_syntax()?;
        // A number too large for an `f64` is refused by `serde_json` (and by the
        // clients that read the problem): refused here too (found by fuzzing).
        let text = core::str::from_utf8(&self.text[start..self.at]).ok()?;
        text.parse::<f64>().ok().filter(|value| value.is_finite())?;
        Some(())
    }

    fn number_syntax(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            self.peek().filter(u8::is_ascii_digit)?;
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            self.peek().filter(u8::is_ascii_digit)?;
            self.digits();
        }
        Some(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|byte| byte.is_ascii_digit()) {
            self.at += 1;
        }
    }
}

/// The reason phrase of `status`, for the problem's `title`.
fn reason_phrase(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("Error")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefers(accept: &str) -> bool {
        prefers_problem([accept.as_bytes()])
    }

    #[test]
    fn the_envelope_stays_unless_problem_json_is_preferred() {
        accept::check_choice(
            accept::PROBLEM_JSON,
            accept::JSON,
            &[
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
            ],
            &[
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
            ],
        );
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
    fn a_member_read_twice_reads_as_its_last_value() {
        // Found by the `problem_details` fuzz target: the type is the last `doc_url`.
        assert_eq!(
            problem(
                r#"{"error":{"code":"c","message":"m","doc_url":"a","doc_url":"b","x":1,"x":2}}"#,
                400
            ),
            r#"{"type":"b","title":"Bad Request","status":400,"detail":"m","code":"c","x":1,"x":2}"#
        );
        // A last `doc_url` that is not text stays a member.
        assert_eq!(
            problem(
                r#"{"error":{"code":"c","message":"m","doc_url":"a","doc_url":7}}"#,
                400
            ),
            r#"{"type":"about:blank","title":"Bad Request","status":400,"detail":"m","code":"c","doc_url":7}"#
        );
    }

    #[test]
    fn only_the_error_object_must_be_utf8() {
        // Found by the `problem_details` fuzz target: a reader skips other members
        // without checking their bytes, and so does the writer.
        let mut envelope = br#"{"error":{"code":"c","message":"m"},"other":"x"#.to_vec();
        envelope.extend_from_slice(&[0xfa, 0xfa]);
        envelope.extend_from_slice(br#""}"#);
        assert!(from_envelope(&envelope, 400).is_some());
        let mut bad = br#"{"error":{"code":"c","message":"m"#.to_vec();
        bad.extend_from_slice(&[0xfa]);
        bad.extend_from_slice(br#""}}"#);
        assert_eq!(from_envelope(&bad, 400), None);
        // Nor are escaped surrogates paired in a member the reader skips (found by the
        // same target): only the error object's strings are decoded.
        let skipped = br#"{"error":{"code":"c","message":"m"},"other":{"k":"\ud12d\ude00"}}"#;
        assert!(from_envelope(skipped, 400).is_some());
        assert!(serde_json::from_slice::<crate::ErrorEnvelope>(skipped).is_ok());
        let decoded = br#"{"error":{"code":"c","message":"m","k":"\ude00"}}"#;
        assert_eq!(from_envelope(decoded, 400), None);
        // An escaped `error` is `error`.
        assert!(from_envelope(br#"{"\u0065rror":{"code":"c","message":"m"}}"#, 400).is_some());
    }

    #[test]
    fn escaped_surrogate_pairs_are_kept() {
        let envelope = r#"{"error":{"code":"c","message":"\ud83d\ude00 \u00e9"}}"#;
        let problem = problem(envelope, 400);
        assert!(
            problem.contains(r#""detail":"\ud83d\ude00 \u00e9""#),
            "{problem}"
        );
        let value: serde_json::Value = serde_json::from_str(&problem).unwrap();
        assert_eq!(value["detail"], "\u{1f600} \u{e9}");
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
            // A lone low surrogate, and a high one without its pair: not JSON (found by
            // the `problem_details` fuzz target).
            r#"{"error":{"code":"c","message":"m\ud41d\ude00"}}"#,
            r#"{"error":{"code":"c","message":"m\ud800x"}}"#,
            r#"{"error":{"code":"c","message":"m\ud800\u0041"}}"#,
            // A raw control character in a string.
            "{\"error\":{\"code\":\"c\",\"message\":\"m\u{0}\"}}",
            // Two codes or two messages, which the client refuses as well.
            r#"{"error":{"code":"c","message":"m","code":"d"}}"#,
            r#"{"error":{"code":"c","message":"m","message":"n"}}"#,
            // A number no `f64` holds (found by the same target).
            r#"{"error":{"code":"c","message":"m","n":184467440737095516161e308}}"#,
            r#"{"error":"c"}"#,
            r#"{"error":{"code":"c","message":"m""#,
        ] {
            assert_eq!(from_envelope(body.as_bytes(), 400), None, "{body:?}");
        }
    }
}
