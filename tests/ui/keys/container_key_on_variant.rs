use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "rate_limited", rename_all = "camelCase")]
    RateLimited {
        #[certifier(extend)]
        retry_after: u64,
    },
}

fn main() {}
