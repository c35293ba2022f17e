use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "validation_error", message = "{0} parameters are invalid.")]
    Validation { count: usize },
}

fn main() {}
