use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "validation_error", message = "`{r#type}` is not a certificate type.")]
    UnknownType { r#type: String },
}

fn main() {}
