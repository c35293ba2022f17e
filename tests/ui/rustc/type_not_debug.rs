use certifier_error::CertifierError;

#[derive(CertifierError)]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,
}

fn main() {}
