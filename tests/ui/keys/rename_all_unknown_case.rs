use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelcase")]
enum ApiError {
    #[certifier(code = "rate_limited")]
    RateLimited {
        #[certifier(extend)]
        retry_after: u64,
    },
}

fn main() {}
