use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent, log = "off")]
    Common(StandardError),
}

fn main() {}
