use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,
    Conflict,
}

fn main() {}
