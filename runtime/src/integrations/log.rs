//! Logging of the error responses the integrations build (feature `tracing`).

use core::error::Error;
use core::fmt;

use crate::CertifierError;

/// Logs one error response: error level for a 5xx status, debug level otherwise.
pub(crate) fn response<T>(status: u16, error: &T)
where
    T: CertifierError + Error + ?Sized,
{
    let code = error.code();
    // Left out of the event when the error has no cause.
    let sources = error
        .source()
        .map(|first| tracing::field::display(Sources(Some(first))));
    if status >= 500 {
        tracing::error!(
            target: "certifier_error",
            status,
            code,
            public_message = %crate::Message(error),
            sources,
            "error response",
        );
    } else {
        tracing::debug!(
            target: "certifier_error",
            status,
            code,
            public_message = %crate::Message(error),
            sources,
            "error response",
        );
    }
}

/// A header field whose value cannot be sent; the header is left out.
pub(crate) fn bad_header<T>(name: &str, error: &T)
where
    T: CertifierError + ?Sized,
{
    tracing::warn!(
        target: "certifier_error",
        header = name,
        code = error.code(),
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
        code = error.code(),
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
        code = error.code(),
        failure = %failure,
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

    use super::Sources;
    use crate::server::response_parts;

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

    fn logged(error: &Failure) -> Vec<(Level, BTreeMap<String, String>)> {
        let events = Events::default();
        tracing::subscriber::with_default(Capture(events.clone()), || {
            response_parts(error);
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
        assert_eq!(fields["code"], "internal_server_error");
        assert_eq!(fields["sources"], "pool exhausted: connection refused");
        assert_eq!(
            fields["public_message"],
            "Something went wrong on our side; please try again later."
        );
        assert_eq!(fields["message"], "error response");
    }

    #[test]
    fn a_client_error_is_logged_at_debug_level() {
        let events = logged(&Failure::Conflict);
        assert_eq!(events.len(), 1);
        let (level, fields) = &events[0];
        assert_eq!(*level, Level::DEBUG);
        assert_eq!(fields["status"], "409");
        assert_eq!(fields["code"], "conflict");
        assert!(!fields.contains_key("sources"));
    }

    #[test]
    fn sources_join_the_chain() {
        let chain = Layer("pool", Some(Box::new(Layer("connect", None))));
        assert_eq!(Sources(Some(&chain)).to_string(), "pool: connect");
        assert_eq!(Sources(None).to_string(), "");
    }

    #[cfg(feature = "axum")]
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
        assert_eq!(fields["code"], "internal_server_error");
        assert_eq!(fields["sources"], "key must be a string");
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
