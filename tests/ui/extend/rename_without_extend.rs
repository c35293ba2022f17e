use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "rate_limited")]
    RateLimited {
        #[certifier(rename = "retryAfter")]
        retry_after: u64,
    },
}

fn main() {}
