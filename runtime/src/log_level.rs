use core::fmt;

/// The level at which the `tracing` integration logs an error response.
///
/// Set per variant, or for a whole type, with `#[certifier(log = "...")]` (`off`,
/// `trace`, `debug`, `info`, `warn` or `error`); the variant's own key wins over the
/// container's. Without either, a server error (5xx) is logged at `error` and any other
/// at `debug` ([`LogLevel::for_status`]). A transparent variant logs at its field's
/// level, and the catalogue lists each entry's level
/// ([`Entry::log_level`](crate::catalogue::Entry::log_level)).
///
/// ```
/// use certifier_error::{CertifierError, ErrorCatalogue, LogLevel};
///
/// #[derive(Debug, CertifierError)]
/// #[certifier(log = "info")]
/// enum ApiError {
///     /// Expected every day: not worth a log line.
///     #[certifier(code = "not_found", log = "off")]
///     NotFound,
///     #[certifier(code = "conflict")]
///     Conflict,
///     #[certifier(code = "internal_server_error", status = 503, log = "warn")]
///     Busy,
/// }
///
/// assert_eq!(ApiError::NotFound.log_level(), LogLevel::Off);
/// assert_eq!(ApiError::Conflict.log_level(), LogLevel::Info);
/// assert_eq!(ApiError::Busy.log_level(), LogLevel::Warn);
/// let levels: Vec<LogLevel> = ApiError::CATALOGUE.iter().map(|e| e.log_level()).collect();
/// assert_eq!(levels, [LogLevel::Off, LogLevel::Info, LogLevel::Warn]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LogLevel {
    /// Not logged at all.
    Off,
    /// `tracing::Level::TRACE`.
    Trace,
    /// `tracing::Level::DEBUG`.
    Debug,
    /// `tracing::Level::INFO`.
    Info,
    /// `tracing::Level::WARN`.
    Warn,
    /// `tracing::Level::ERROR`.
    Error,
}

impl LogLevel {
    /// The level of an error that does not set one: `Error` for a server error (5xx),
    /// `Debug` for any other status.
    ///
    /// ```
    /// use certifier_error::LogLevel;
    ///
    /// assert_eq!(LogLevel::for_status(503), LogLevel::Error);
    /// assert_eq!(LogLevel::for_status(404), LogLevel::Debug);
    /// ```
    #[must_use]
    pub const fn for_status(status: u16) -> LogLevel {
        if status >= 500 {
            LogLevel::Error
        } else {
            LogLevel::Debug
        }
    }

    /// The name as written in `#[certifier(log = "...")]`.
    ///
    /// ```
    /// assert_eq!(certifier_error::LogLevel::Warn.as_str(), "warn");
    /// ```
    #[must_use]
    pub const fn as_str(&self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Trace => "trace",
            LogLevel::Debug => "debug",
            LogLevel::Info => "info",
            LogLevel::Warn => "warn",
            LogLevel::Error => "error",
        }
    }
}

/// Writes the name, as [`LogLevel::as_str`].
///
/// ```
/// assert_eq!(certifier_error::LogLevel::Off.to_string(), "off");
/// ```
impl fmt::Display for LogLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
