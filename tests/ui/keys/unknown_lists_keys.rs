use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found", colour = "red")]
    NotFound,
}

fn main() {}
