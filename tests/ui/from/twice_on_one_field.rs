use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "invalid_json")]
    InvalidJson(#[from] #[from] serde_json::Error),
}

fn main() {}
