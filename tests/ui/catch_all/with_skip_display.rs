use certifier_error::CertifierError;

#[derive(Debug, thiserror::Error, CertifierError)]
#[certifier(skip_display)]
enum AppError {
    #[error("something failed: {0}")]
    #[certifier(code = "internal_server_error", catch_all)]
    Other(anyhow::Error),
}

fn main() {}
