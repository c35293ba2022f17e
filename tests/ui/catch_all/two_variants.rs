use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum AppError {
    #[certifier(code = "internal_server_error", catch_all)]
    Other(anyhow::Error),
    #[certifier(code = "internal_server_error", catch_all)]
    Boxed(Box<dyn std::error::Error + Send + Sync>),
}

fn main() {}
