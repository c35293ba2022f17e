use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier()]
    NotFound,
    #[certifier]
    Conflict,
}

fn main() {}
