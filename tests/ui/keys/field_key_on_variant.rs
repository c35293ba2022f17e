use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "rate_limited", extend)]
    RateLimited { retry_after: u64 },
}

fn main() {}
