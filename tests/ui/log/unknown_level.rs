use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(log = "verbose")]
enum ApiError {
    #[certifier(code = "not_found", log = "warning")]
    NotFound,
    #[certifier(code = "conflict", log = "Info")]
    Conflict,
}

fn main() {}
