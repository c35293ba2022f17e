use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent, code = "bad_request")]
    Common(StandardError),
}

fn main() {}
