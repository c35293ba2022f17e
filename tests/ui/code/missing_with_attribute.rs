use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(status = 409, message = "The resource changed meanwhile.")]
    Conflict,
}

fn main() {}
