use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "missing_version", message = "The {header} header is required.")]
    MissingVersion,
}

fn main() {}
