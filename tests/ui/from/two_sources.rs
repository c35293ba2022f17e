use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error")]
    Storage {
        #[source]
        io: std::io::Error,
        #[source]
        json: serde_json::Error,
    },
}

fn main() {}
