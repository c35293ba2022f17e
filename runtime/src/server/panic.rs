//! The answer to a handler that panicked, which every server layer gives alike: the
//! envelope layers and the gRPC `StatusLayer`.

use alloc::boxed::Box;
use alloc::string::String;
use core::any::Any;
use core::fmt;

use crate::CertifierError;

/// The answer to a handler that panicked: the standard `500`, with the panic's text as
/// the `source()`, so that the log shows it and the response does not.
#[derive(Debug, CertifierError)]
#[certifier(code = "internal_server_error")]
pub(crate) struct Panicked(#[source] PanicText);

impl Panicked {
    pub(crate) fn new(payload: &(dyn Any + Send)) -> Self {
        let text = if let Some(text) = payload.downcast_ref::<&'static str>() {
            String::from(*text)
        } else if let Some(text) = payload.downcast_ref::<String>() {
            text.clone()
        } else {
            String::from("(a panic payload that is not a string)")
        };
        Panicked(PanicText(text))
    }

    /// From the payload `catch_unwind` returns.
    pub(crate) fn from_box(payload: Box<dyn Any + Send>) -> Self {
        Panicked::new(&*payload)
    }
}

/// What a panic said, for the log.
#[derive(Debug)]
pub(crate) struct PanicText(String);

impl fmt::Display for PanicText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the handler panicked: {}", self.0)
    }
}

impl core::error::Error for PanicText {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::StandardError;

    #[test]
    fn a_panic_keeps_its_text_for_the_log_only() {
        let error = Panicked::new(&"secret /etc/passwd");
        assert_eq!(
            error.to_string(),
            StandardError::InternalServerError.to_string()
        );
        let source = core::error::Error::source(&error).unwrap().to_string();
        assert!(source.contains("secret /etc/passwd"), "{source}");
        let formatted = Panicked::new(&String::from("formatted 7"));
        assert!(core::error::Error::source(&formatted)
            .unwrap()
            .to_string()
            .contains("formatted 7"));
        let other = Panicked::new(&7_u32);
        assert!(core::error::Error::source(&other).is_some());
    }
}
