use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(code = "not_found")]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,
}

fn main() {}
