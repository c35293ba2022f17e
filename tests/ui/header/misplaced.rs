use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent)]
    Common(#[certifier(header = "X-Code")] StandardError),
    #[certifier(code = "rate_limited")]
    Twice {
        #[certifier(header = "Retry-After")]
        seconds: u64,
        #[certifier(header = "retry-after")]
        again: u64,
    },
}

fn main() {}
