use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error", message("Query failed: {}", .cause.kind()))]
    Database {
        #[source]
        cause: std::io::Error,
    },
}

fn main() {}
