use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
#[certifier(transparent)]
enum ApiError {
    Common(StandardError),
}

fn main() {}
