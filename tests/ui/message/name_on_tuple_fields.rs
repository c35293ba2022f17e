use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "invalid_version", message = "`{version}` is not a supported version.")]
    InvalidVersion(String),
}

fn main() {}
