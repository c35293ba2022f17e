use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum AppError {
    #[certifier(code = "internal_server_error", catch_all)]
    Other(anyhow::Error),
}

// The type converts from every error, so it is not one itself.
fn boxed(error: AppError) -> Box<dyn std::error::Error> {
    Box::new(error)
}

fn main() {}
