//! Logging of the error responses the integrations build (feature `tracing`).

use core::error::Error;
use core::fmt;

use crate::{CertifierError, LogLevel};

/// One event at a level chosen at run time: `tracing` wants a constant level per
/// call site, so there is one call site per level.
macro_rules! event_at {
    ($level:expr, $($event:tt)+) => {
        match $level {
            LogLevel::Off => {}
            LogLevel::Trace => tracing::trace!($($event)+),
            LogLevel::Debug => tracing::debug!($($event)+),
            LogLevel::Info => tracing::info!($($event)+),
            LogLevel::Warn => tracing::warn!($($event)+),
            LogLevel::Error => tracing::error!($($event)+),
        }
    };
}

/// Logs one error response at the error's [`log_level`](CertifierError::log_level),
/// with the request id of the request being served, if any.
pub(crate) fn response<T>(status: u16, error: &T)
where
    T: CertifierError + crate::__private::LogSource + ?Sized,
{
    let level = error.log_level();
    if level == LogLevel::Off {
        return;
    }
    let code = Escaped(error.code());
    // Left out of the event when the error has no cause, or no request id.
    let sources = error
        .log_source()
        .map(|first| tracing::field::display(Escaped(Sources(Some(first)))));
    #[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
    let request_id = super::request_id::current();
    #[cfg(not(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14")))]
    let request_id: Option<&str> = None;
    let request_id = request_id
        .as_ref()
        .map(Escaped)
        .map(tracing::field::display);
    event_at!(
        level,
        target: "certifier_error",
        status,
        code = %code,
        variant = error.variant_name(),
        error.type = error_type(error.code()),
        public_message = %Escaped(crate::Message(error)),
        internal_message = internal_message(error).map(tracing::field::display),
        sources,
        request_id,
        "error response",
    );
}

/// A client's `x-request-id` that is not a valid id: a fresh one replaces it. The value
/// itself is not logged.
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
pub(crate) fn invalid_request_id(length: usize) {
    tracing::debug!(
        target: "certifier_error",
        length,
        "x-request-id is not 1 to 128 visible ASCII characters; a fresh id replaces it",
    );
}

/// The error's `Display` when it is not its public message, as under
/// `#[certifier(skip_display)]` beside thiserror's derive: the internal text, for logs.
/// Computed only when the event is recorded.
fn internal_message<T: CertifierError + ?Sized>(error: &T) -> Option<Escaped<String>> {
    use alloc::string::ToString as _;
    let internal = error.to_string();
    (internal != crate::Message(error).to_string()).then_some(Escaped(internal))
}

/// OpenTelemetry's `error.type` for a code: the code itself where it is snake_case, as
/// every code of a derived type is, else `_OTHER`, the conventions' fallback, so that the
/// field stays a short list of values and never carries arbitrary text.
fn error_type(code: &str) -> &str {
    if crate::violation::is_snake_case(code) {
        code
    } else {
        "_OTHER"
    }
}

/// Writes its value quoted, in the syntax of Rust's `Debug` of a string: between double
/// quotes, with `"` and `\` escaped by a backslash, `\n`, `\r` and `\t` as such, other
/// control characters (ANSI escapes included), the Unicode line and paragraph separators
/// and the bidirectional controls as `\u{..}`. A key=value reader then sees one value
/// however many spaces, `=` or quotes the text holds, no text breaks or disguises the
/// line, and, the backslash being escaped too, two different texts never log alike.
pub(crate) struct Escaped<T>(pub(crate) T);

impl<T: fmt::Display> fmt::Display for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        f.write_char('"')?;
        write!(EscapingWriter(f), "{}", self.0)?;
        f.write_char('"')
    }
}

struct EscapingWriter<'a, 'b>(&'a mut fmt::Formatter<'b>);

impl fmt::Write for EscapingWriter<'_, '_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        let mut clean_from = 0;
        for (at, character) in text.char_indices() {
            if !needs_escape(character) {
                continue;
            }
            self.0.write_str(&text[clean_from..at])?;
            match character {
                '"' => self.0.write_str("\\\"")?,
                '\\' => self.0.write_str("\\\\")?,
                '\n' => self.0.write_str("\\n")?,
                '\r' => self.0.write_str("\\r")?,
                '\t' => self.0.write_str("\\t")?,
                other => write!(self.0, "\\u{{{:x}}}", u32::from(other))?,
            }
            clean_from = at + character.len_utf8();
        }
        self.0.write_str(&text[clean_from..])
    }
}

fn needs_escape(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '"' | '\\'
                | '\u{2028}'
                | '\u{2029}'
                // The bidirectional controls: marks, embeddings, overrides, isolates.
                | '\u{61c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// A header field whose value cannot be sent; the header is left out.
pub(crate) fn bad_header<T>(name: &str, error: &T)
where
    T: CertifierError + ?Sized,
{
    tracing::warn!(
        target: "certifier_error",
        header = name,
        code = %Escaped(error.code()),
        error.type = error_type(error.code()),
        "header name or value is not valid in HTTP; header left out",
    );
}

/// An error whose status is not a valid HTTP status.
pub(crate) fn bad_status<T>(status: u16, error: &T)
where
    T: CertifierError + ?Sized,
{
    tracing::error!(
        target: "certifier_error",
        status,
        code = %Escaped(error.code()),
        error.type = error_type(error.code()),
        "error status is not a valid HTTP status; answering 500 internal_server_error",
    );
}

/// An error whose extension members could not be serialised.
pub(crate) fn unserialisable<T>(error: &T, failure: &serde_json::Error)
where
    T: CertifierError + ?Sized,
{
    tracing::error!(
        target: "certifier_error",
        code = %Escaped(error.code()),
        error.type = error_type(error.code()),
        failure = %Escaped(failure),
        "error envelope could not be serialised; answering 500 internal_server_error",
    );
}

/// The most causes [`Sources`] writes: a chain that loops (an error that is its own
/// source, directly or not) must not hang the logging.
const MAX_SOURCES: usize = 64;

/// The `source()` chain, each cause's message joined by `: `; empty without causes.
/// At most [`MAX_SOURCES`] causes, then `: …` if the chain goes on.
struct Sources<'a>(Option<&'a (dyn Error + 'static)>);

impl fmt::Display for Sources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut next = self.0;
        for depth in 0..MAX_SOURCES {
            let Some(cause) = next else {
                return Ok(());
            };
            if depth > 0 {
                f.write_str(": ")?;
            }
            fmt::Display::fmt(cause, f)?;
            next = cause.source();
        }
        if next.is_some() {
            f.write_str(": …")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};

    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Level, Metadata, Subscriber};

    use super::{Escaped, Sources};
    use crate::server::answer;

    #[derive(Debug)]
    struct Layer(&'static str, Option<Box<Layer>>);

    impl std::fmt::Display for Layer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Layer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            self.1.as_deref().map(|inner| inner as _)
        }
    }

    #[derive(Debug, crate::CertifierError)]
    enum Failure {
        #[certifier(code = "internal_server_error", status = 503)]
        Down {
            #[source]
            cause: Layer,
        },
        #[certifier(code = "conflict")]
        Conflict,
    }

    type Events = Arc<Mutex<Vec<(Level, BTreeMap<String, String>)>>>;

    /// Keeps every event's level and fields.
    struct Capture(Events);

    struct Fields<'a>(&'a mut BTreeMap<String, String>);

    impl Visit for Fields<'_> {
        fn record_str(&mut self, field: &Field, value: &str) {
            self.0.insert(field.name().to_owned(), value.to_owned());
        }

        fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
            self.0.insert(field.name().to_owned(), format!("{value:?}"));
        }
    }

    impl Subscriber for Capture {
        fn enabled(&self, _: &Metadata<'_>) -> bool {
            true
        }

        fn new_span(&self, _: &Attributes<'_>) -> Id {
            Id::from_u64(1)
        }

        fn record(&self, _: &Id, _: &Record<'_>) {}

        fn record_follows_from(&self, _: &Id, _: &Id) {}

        fn event(&self, event: &Event<'_>) {
            let mut fields = BTreeMap::new();
            event.record(&mut Fields(&mut fields));
            let level = *event.metadata().level();
            self.0.lock().unwrap().push((level, fields));
        }

        fn enter(&self, _: &Id) {}

        fn exit(&self, _: &Id) {}
    }

    /// Its `Display` is another derive's (thiserror's, say): the internal text.
    #[derive(Debug, crate::CertifierError)]
    #[certifier(skip_display, code = "not_found", message = "No certificate {id}.")]
    struct Missing {
        id: u32,
    }

    impl std::fmt::Display for Missing {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "certificate {} is not in shard 3", self.id)
        }
    }

    impl std::error::Error for Missing {}

    fn logged<E: crate::CertifierError + serde::Serialize + std::error::Error>(
        error: &E,
    ) -> Vec<(Level, BTreeMap<String, String>)> {
        let events = Events::default();
        tracing::subscriber::with_default(Capture(events.clone()), || {
            answer(error);
        });
        let events = events.lock().unwrap().clone();
        events
    }

    #[test]
    fn a_server_error_is_logged_at_error_level_with_its_causes() {
        let cause = Layer(
            "pool exhausted",
            Some(Box::new(Layer("connection refused", None))),
        );
        let events = logged(&Failure::Down { cause });
        assert_eq!(events.len(), 1);
        let (level, fields) = &events[0];
        assert_eq!(*level, Level::ERROR);
        assert_eq!(fields["status"], "503");
        assert_eq!(fields["code"], r#""internal_server_error""#);
        assert_eq!(fields["error.type"], "internal_server_error");
        assert_eq!(fields["sources"], r#""pool exhausted: connection refused""#);
        assert_eq!(
            fields["public_message"],
            r#""Something went wrong on our side; please try again later.""#
        );
        assert_eq!(fields["message"], "error response");
    }

    #[test]
    fn both_texts_are_logged_when_display_is_not_the_message() {
        let events = logged(&Missing { id: 7 });
        let (_, fields) = &events[0];
        assert_eq!(fields["public_message"], r#""No certificate 7.""#);
        assert_eq!(
            fields["internal_message"],
            r#""certificate 7 is not in shard 3""#
        );
        // Where `Display` is the message, it is logged once.
        let events = logged(&Failure::Conflict);
        assert!(!events[0].1.contains_key("internal_message"));
    }

    #[test]
    fn a_client_error_is_logged_at_debug_level() {
        let events = logged(&Failure::Conflict);
        assert_eq!(events.len(), 1);
        let (level, fields) = &events[0];
        assert_eq!(*level, Level::DEBUG);
        assert_eq!(fields["status"], "409");
        assert_eq!(fields["code"], r#""conflict""#);
        assert_eq!(fields["error.type"], "conflict");
        assert!(!fields.contains_key("sources"));
    }

    #[test]
    fn control_characters_are_escaped() {
        let forged =
            "x\n2026-01-01T00:00:00Z ERROR forged\r\tend\u{1b}[31m\u{7f}\u{85}\u{2028}\u{202e}\u{200f}\u{2067}é";
        assert_eq!(
            Escaped(forged).to_string(),
            "\"x\\n2026-01-01T00:00:00Z ERROR forged\\r\\tend\\u{1b}[31m\\u{7f}\\u{85}\\u{2028}\\u{202e}\\u{200f}\\u{2067}é\""
        );
        assert_eq!(Escaped("plain text").to_string(), "\"plain text\"");
    }

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(
            Escaped(r#"a "b" c=d \ e"#).to_string(),
            r#""a \"b\" c=d \\ e""#
        );
        // A backslash and an `n` are not a line break, and a quote does not end the value.
        assert_ne!(Escaped("x\\n").to_string(), Escaped("x\n").to_string());
        assert_ne!(Escaped("a\" b").to_string(), Escaped("a\\\" b").to_string());
        // What Rust's `Debug` writes for a string, for text without other escapes.
        for text in ["x\\n", "x\n", "say \"hi\"", "\r\t\\"] {
            assert_eq!(Escaped(text).to_string(), format!("{text:?}"));
        }
    }

    fn captured(log: impl FnOnce()) -> Vec<(Level, BTreeMap<String, String>)> {
        let events = Events::default();
        tracing::subscriber::with_default(Capture(events.clone()), log);
        let events = events.lock().unwrap().clone();
        events
    }

    #[test]
    fn the_layers_own_problems_are_logged_with_their_fields() {
        let error = Failure::Conflict;
        let events = captured(|| super::bad_header("x-limit", &error));
        let (level, fields) = &events[0];
        assert_eq!(*level, Level::WARN);
        assert_eq!(
            (
                fields["header"].as_str(),
                fields["code"].as_str(),
                fields["error.type"].as_str()
            ),
            ("x-limit", r#""conflict""#, "conflict")
        );

        let events = captured(|| super::bad_status(1000, &error));
        let (level, fields) = &events[0];
        assert_eq!(*level, Level::ERROR);
        assert_eq!(
            (fields["status"].as_str(), fields["error.type"].as_str()),
            ("1000", "conflict")
        );

        let failure = serde_json::from_str::<u8>("x\n").unwrap_err();
        let events = captured(|| super::unserialisable(&error, &failure));
        let (level, fields) = &events[0];
        assert_eq!(*level, Level::ERROR);
        assert_eq!(fields["failure"], Escaped(&failure).to_string());
        assert_eq!(fields["code"], r#""conflict""#);

        #[cfg(any(feature = "axum-0_8", feature = "actix-web-4", feature = "tonic-0_14"))]
        {
            let events = captured(|| super::invalid_request_id(300));
            let (level, fields) = &events[0];
            assert_eq!(*level, Level::DEBUG);
            assert_eq!(fields["length"], "300");
        }
    }

    #[test]
    fn error_type_is_the_code_or_other() {
        assert_eq!(super::error_type("not_found"), "not_found");
        assert_eq!(super::error_type("plan_limit"), "plan_limit");
        assert_eq!(super::error_type("Not Found"), "_OTHER");
        assert_eq!(super::error_type("x\ny"), "_OTHER");
        assert_eq!(super::error_type(""), "_OTHER");
    }

    #[derive(Debug, crate::CertifierError)]
    #[certifier(code = "not_found", message = "No certificate `{0}`.")]
    struct Unknown(String, #[source] Layer);

    #[test]
    fn a_message_and_its_causes_cannot_forge_lines() {
        let events = Events::default();
        tracing::subscriber::with_default(Capture(events.clone()), || {
            answer(&Unknown(
                "x\n2026-01-01T00:00:00Z ERROR forged".into(),
                Layer("cause\r\nERROR also forged", None),
            ));
        });
        let events = events.lock().unwrap();
        let (_, fields) = &events[0];
        for (name, value) in fields {
            assert!(!value.chars().any(char::is_control), "{name}: {value:?}");
        }
        assert_eq!(
            fields["public_message"],
            "\"No certificate `x\\n2026-01-01T00:00:00Z ERROR forged`.\""
        );
        assert_eq!(fields["sources"], "\"cause\\r\\nERROR also forged\"");
    }

    #[derive(Debug, crate::CertifierError)]
    #[certifier(log = "warn")]
    enum Levelled {
        #[certifier(code = "conflict")]
        Conflict,
        #[certifier(code = "not_found", log = "off")]
        Quiet,
        #[certifier(code = "internal_server_error", log = "info")]
        Calm,
    }

    #[test]
    fn each_error_is_logged_at_its_level() {
        for (error, expected) in [
            (Levelled::Conflict, Some(Level::WARN)),
            (Levelled::Quiet, None),
            (Levelled::Calm, Some(Level::INFO)),
        ] {
            let events = Events::default();
            tracing::subscriber::with_default(Capture(events.clone()), || {
                answer(&error);
            });
            let levels: Vec<Level> = events.lock().unwrap().iter().map(|(l, _)| *l).collect();
            assert_eq!(
                levels,
                expected.into_iter().collect::<Vec<_>>(),
                "{error:?}"
            );
        }
    }

    #[test]
    fn sources_join_the_chain() {
        let chain = Layer("pool", Some(Box::new(Layer("connect", None))));
        assert_eq!(Sources(Some(&chain)).to_string(), "pool: connect");
        assert_eq!(Sources(None).to_string(), "");
    }

    #[cfg(feature = "axum-0_8")]
    #[test]
    fn a_response_body_that_cannot_be_written_logs_the_serde_error() {
        use ::axum::response::IntoResponse;

        let events = Events::default();
        let response = tracing::subscriber::with_default(Capture(events.clone()), || {
            // JSON object keys must be strings: this map cannot be written.
            let body = BTreeMap::from([((1_u8, 2_u8), 3_u8)]);
            crate::axum::Json(body).into_response()
        });
        assert_eq!(response.status(), 500);
        let events = events.lock().unwrap();
        assert_eq!(events.len(), 1);
        let (level, fields) = &events[0];
        assert_eq!(*level, Level::ERROR);
        assert_eq!(fields["status"], "500");
        assert_eq!(fields["code"], r#""internal_server_error""#);
        assert_eq!(fields["sources"], r#""key must be a string""#);
    }

    /// An error that is its own source.
    #[derive(Debug)]
    struct Loop;

    impl std::fmt::Display for Loop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("loop")
        }
    }

    impl std::error::Error for Loop {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(self)
        }
    }

    #[test]
    fn a_looping_chain_is_cut() {
        let text = Sources(Some(&Loop)).to_string();
        let mut expected = vec!["loop"; super::MAX_SOURCES];
        expected.push("…");
        assert_eq!(text, expected.join(": "));
    }

    #[test]
    fn a_chain_of_exactly_the_limit_is_whole() {
        let mut chain = Layer("last", None);
        for _ in 1..super::MAX_SOURCES {
            chain = Layer("cause", Some(Box::new(chain)));
        }
        let text = Sources(Some(&chain)).to_string();
        assert!(text.ends_with(": last"), "{text}");
        assert_eq!(text.matches(": ").count(), super::MAX_SOURCES - 1);
    }
}
