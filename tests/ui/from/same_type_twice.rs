use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "invalid_json")]
    InvalidJson(#[from] serde_json::Error),
    #[certifier(code = "validation_error")]
    Validation(#[from] serde_json::Error),
}

fn main() {}
