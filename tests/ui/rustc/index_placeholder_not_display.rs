use certifier_error::CertifierError;

#[derive(Debug)]
struct Version;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "invalid_version", message = "`{0}` is not a supported version.")]
    InvalidVersion(Version),
}

fn main() {}
