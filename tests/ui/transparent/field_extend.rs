use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent)]
    Common(#[certifier(extend, rename = "inner")] StandardError),
}

fn main() {}
