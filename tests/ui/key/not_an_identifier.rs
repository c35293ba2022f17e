use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict", key = "name taken")]
    Taken,
    #[certifier(code = "not_found", key = "1-missing")]
    Missing,
}

fn main() {}
