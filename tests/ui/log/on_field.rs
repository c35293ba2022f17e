use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "rate_limited")]
    RateLimited {
        #[certifier(extend, log = "info")]
        retry_after: u64,
    },
}

fn main() {}
