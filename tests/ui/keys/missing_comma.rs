use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict" message = "The resource changed meanwhile.")]
    Conflict,
}

fn main() {}
