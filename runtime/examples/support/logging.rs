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
mod tests {
    use std::sync::{Arc, Mutex};

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

    fn logged(ansi: bool) -> String {
        let buffer = Buffer::default();
        let sink = buffer.clone();
        let subscriber = super::subscriber(move || sink.clone(), ansi).finish();
        tracing::subscriber::with_default(subscriber, || {
            tracing::error!(status = 503, "error response");
        });
        let bytes = buffer.0.lock().unwrap().clone();
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn a_log_that_is_not_a_terminal_has_no_escape_codes() {
        let plain = logged(false);
        assert!(plain.contains("error response"), "{plain}");
        assert!(!plain.contains('\u{1b}'), "{plain:?}");
        // The same event with colours on does carry them: the check above can fail.
        assert!(logged(true).contains('\u{1b}'));
    }
}
