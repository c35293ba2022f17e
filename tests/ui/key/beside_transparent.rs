use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent, key = "common")]
    Common(StandardError),
}

fn main() {}
