use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict", message = 409)]
    Conflict,
}

fn main() {}
