use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found", log = warn)]
    NotFound,
}

fn main() {}
