use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error")]
    Storage {
        #[source]
        #[certifier(extend)]
        cause: std::io::Error,
    },
}

fn main() {}
