use std::path::PathBuf;

use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found", message = "No file {path}.")]
    Missing { path: Option<PathBuf> },
    // Debug shows the `Option` itself.
    #[certifier(code = "conflict", message = "Conflict at {0:?}.")]
    Conflict(Option<PathBuf>),
}

fn main() {}
