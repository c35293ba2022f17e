use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent, grpc = "aborted")]
    Common(StandardError),
}

fn main() {}
