use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error", status = 501)]
    NotImplemented,
}

fn main() {}
