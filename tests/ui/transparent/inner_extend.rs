use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    // The inner error's members are its own type's.
    #[certifier(transparent)]
    Common(#[certifier(extend, rename = "inner")] StandardError),
    // No field is left for the inner error.
    #[certifier(transparent)]
    Both {
        #[certifier(extend)]
        inner: StandardError,
        #[certifier(extend)]
        path: String,
    },
    // The inner error cannot be flattened either, with or without members beside it.
    #[certifier(transparent)]
    Flat {
        #[certifier(flatten)]
        inner: StandardError,
        #[certifier(extend)]
        path: String,
    },
}

fn main() {}
