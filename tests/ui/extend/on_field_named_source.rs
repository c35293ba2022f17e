use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error")]
    Storage {
        #[certifier(extend)]
        source: std::io::Error,
    },
}

fn main() {}
