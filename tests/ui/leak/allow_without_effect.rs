use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    // Allowed and needed: compiles.
    #[certifier(
        code = "internal_server_error",
        message = "Upstream said {0}.",
        allow_source_in_message
    )]
    Upstream(#[source] std::fmt::Error),

    // A client error may show its source anyway.
    #[certifier(code = "invalid_json", message = "Bad JSON: {0}", allow_source_in_message)]
    InvalidJson(#[source] std::fmt::Error),

    // The message does not show the source.
    #[certifier(code = "internal_server_error", allow_source_in_message)]
    Io(#[from] std::io::Error),

    #[certifier(transparent, allow_source_in_message)]
    Common(certifier_error::StandardError),
}

fn main() {}
