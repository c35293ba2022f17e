use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error")]
    Storage {
        #[source]
        #[certifier(extend)]
        cause: std::io::Error,
    },
    // Each field marked as a source is one, even beside another.
    #[certifier(code = "internal_server_error")]
    Both {
        #[source]
        first: std::io::Error,
        #[source]
        #[certifier(extend)]
        second: std::io::Error,
    },
}

fn main() {}
