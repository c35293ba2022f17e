use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "invalid_json")]
    InvalidJson(#[from(serde_json::Error)] serde_json::Error),
}

fn main() {}
