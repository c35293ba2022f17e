use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "invalid_json")]
    InvalidJson {
        #[from]
        cause: serde_json::Error,
        body_length: usize,
    },
}

fn main() {}
