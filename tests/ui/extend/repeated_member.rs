use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ApiError {
    #[certifier(code = "rate_limited")]
    RateLimited {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend, rename = "retryAfter")]
        retry_after_ms: u64,
    },
}

fn main() {}
