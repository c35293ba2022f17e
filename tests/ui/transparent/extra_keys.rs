use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent)]
    Rejected {
        inner: StandardError,
        #[certifier(extend, flatten)]
        members: serde_json::Map<String, serde_json::Value>,
        #[certifier(extend, header = "X-Path")]
        path: String,
        #[certifier(extend)]
        #[from]
        origin: &'static str,
        #[certifier(extend)]
        #[source]
        cause: std::io::Error,
    },
}

fn main() {}
