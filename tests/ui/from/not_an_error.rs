use certifier_error::CertifierError;

/// A third-party error type that is only `Debug + Display`.
#[derive(Debug)]
pub struct ClientError;

impl std::fmt::Display for ClientError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("upstream failed")
    }
}

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error", status = 502)]
    Upstream(#[from] ClientError),
}

#[derive(Debug, CertifierError)]
#[certifier(code = "internal_server_error", status = 502)]
struct Upstream {
    #[source]
    cause: ClientError,
}

#[derive(Debug, CertifierError)]
enum Sources {
    #[certifier(code = "internal_server_error")]
    Named { source: ClientError },
    #[certifier(code = "internal_server_error")]
    Optional(#[source] Option<ClientError>),
}

fn main() {
    let _ = ApiError::from(ClientError);
}
