use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error")]
    Storage {
        #[source]
        #[source]
        cause: std::io::Error,
    },
}

fn main() {}
