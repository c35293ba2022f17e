//! The examples' log: every level from debug up, to stderr.

use std::io::IsTerminal;

use tracing_subscriber::fmt::MakeWriter;

/// Logs to stderr, with colours only when stderr is a terminal, so that a log
/// redirected to a file holds no escape codes.
pub fn init() {
    subscriber(std::io::stderr, std::io::stderr().is_terminal()).init();
}

/// The subscriber, logging to `writer`, with ANSI colours if `ansi`.
fn subscriber<W>(
    writer: W,
    ansi: bool,
) -> tracing_subscriber::fmt::SubscriberBuilder<
    tracing_subscriber::fmt::format::DefaultFields,
    tracing_subscriber::fmt::format::Format,
    tracing_subscriber::filter::LevelFilter,
    W,
>
where
    W: for<'writer> MakeWriter<'writer> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(writer)
        .with_ansi(ansi)
}

#[cfg(test)]
#[path = "logfmt.rs"]
mod logfmt;

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::logfmt::{pairs, values, HOSTILE};

    /// A log kept in memory.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// What `log` writes through the examples' subscriber.
    fn logged(ansi: bool, log: impl FnOnce()) -> String {
        let buffer = Buffer::default();
        let sink = buffer.clone();
        let subscriber = super::subscriber(move || sink.clone(), ansi).finish();
        tracing::subscriber::with_default(subscriber, log);
        let bytes = buffer.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    fn an_event() {
        tracing::error!(status = 503, "error response");
    }

    #[test]
    fn a_log_that_is_not_a_terminal_has_no_escape_codes() {
        let plain = logged(false, an_event);
        assert!(plain.contains("error response"), "{plain}");
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
        // The same event with colours on does carry them: the check above can fail.
        assert!(logged(true, an_event).contains('\u{1b}'));
    }

    /// An error whose message quotes what the client sent.
    #[derive(Debug, certifier_error::CertifierError)]
    #[certifier(code = "not_found", message = "No certificate has the id `{0}`.")]
    struct Unknown(String);

    /// Every hostile text logs one line whose key=value fields read back as logged: one
    /// `status`, the code, and the message exactly, whatever the text holds.
    #[test]
    fn a_log_line_reads_back_as_its_fields() {
        let mut lines = Vec::new();
        for text in HOSTILE {
            let line = logged(false, || {
                certifier_error::server::answer(&Unknown((*text).into()));
            });
            assert_eq!(line.lines().count(), 1, "{line:?}");
            let line = line.trim_end().to_owned();
            let read = pairs(&line);
            assert_eq!(values(&read, "status"), ["404"], "{line}");
            assert_eq!(values(&read, "code"), ["not_found"], "{line}");
            assert_eq!(values(&read, "error.type"), ["not_found"], "{line}");
            assert!(values(&read, "request_id").is_empty(), "{line}");
            let message = format!("No certificate has the id `{text}`.");
            assert_eq!(
                values(&read, "public_message"),
                [message.as_str()],
                "{line}"
            );
            let raw = |c: char| {
                c.is_control()
                    || matches!(c, '\u{2028}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            };
            assert!(!line.contains(raw), "{line:?}");
            // The line from the message on: the time stamp differs anyway.
            lines.push(line[line.find("public_message=").unwrap()..].to_owned());
        }
        // No two texts log alike (a backslash and `n` against a line break, say).
        let mut distinct = lines.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), lines.len());
    }
}
