use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[error("the certificate was not found")]
    #[certifier(code = "not_found")]
    NotFound,
}

fn main() {}
