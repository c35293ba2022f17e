use certifier_error::CertifierError;

// The enum's message is checked against each variant that takes it.
#[derive(Debug, CertifierError)]
#[certifier(message = "Failed: {source}")]
enum ApiError {
    // A client error may show its source.
    #[certifier(code = "invalid_json")]
    InvalidJson { source: std::fmt::Error },

    // A server error may not.
    #[certifier(code = "internal_server_error")]
    Database { source: std::fmt::Error },

    // Its own message wins.
    #[certifier(code = "internal_server_error", message = "Storage failed.")]
    Storage { source: std::fmt::Error },
}

fn main() {}
