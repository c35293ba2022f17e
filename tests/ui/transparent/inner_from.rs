use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent)]
    Common(#[from] StandardError, #[certifier(extend, rename = "path")] String),
}

fn main() {}
