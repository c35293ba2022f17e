use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found", status = 410)]
    Gone,
}

fn main() {}
