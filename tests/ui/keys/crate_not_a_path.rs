use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(crate = "not a path")]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,
}

fn main() {}
