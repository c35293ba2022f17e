use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    // The default status of `internal_server_error` is 500.
    #[certifier(code = "internal_server_error", message = "Could not read: {0}")]
    Read(#[from] std::io::Error),

    #[certifier(code = "internal_server_error", status = 503, message = "Down: {cause:?}")]
    Unavailable {
        #[source]
        cause: std::io::Error,
    },

    #[certifier(code = "upstream_failed", status = 502, message = "Upstream said {source}.")]
    Upstream { source: std::fmt::Error },

    // A client error may show its source: it is about the request.
    #[certifier(code = "invalid_json", message = "Bad JSON: {0}")]
    InvalidJson(#[source] std::fmt::Error),

    // Naming other fields of a server error is fine.
    #[certifier(code = "internal_server_error", message = "Job {job} failed.")]
    Job {
        job: u32,
        #[source]
        cause: std::fmt::Error,
    },
}

fn main() {}
