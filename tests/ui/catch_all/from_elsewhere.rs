use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum AppError {
    #[certifier(code = "internal_server_error")]
    Io(#[from] std::io::Error),
    #[certifier(code = "internal_server_error", catch_all)]
    Other(anyhow::Error),
}

fn main() {}
