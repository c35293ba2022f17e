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
            public_message = %error,
            sources,
            "error response",
        );
    } else {
        tracing::debug!(
            target: "certifier_error",
            status,
            code,
            public_message = %error,
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
        "header value is not valid in HTTP; header left out",
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

/// The `source()` chain, each cause's message joined by `: `; empty without causes.
struct Sources<'a>(Option<&'a (dyn Error + 'static)>);

impl fmt::Display for Sources<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut next = self.0;
        let mut first = true;
        while let Some(cause) = next {
            if !first {
                f.write_str(": ")?;
            }
            fmt::Display::fmt(cause, f)?;
            first = false;
            next = cause.source();
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
}
