use certifier_error::CertifierError;

#[derive(Debug)]
struct Cause;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "internal_server_error")]
    Storage(#[from] Cause),
}

fn main() {}
