use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "validation_error", message = "{cnt} parameters are invalid.")]
    Validation { count: usize },
}

fn main() {}
