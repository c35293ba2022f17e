use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent, status = 400, message = "Something is wrong.")]
    Common(StandardError),
}

fn main() {}
