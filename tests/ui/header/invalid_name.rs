use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "rate_limited")]
    Spaced {
        #[certifier(header = "Retry After")]
        retry_after: u64,
    },
    #[certifier(code = "rate_limited")]
    Colon {
        #[certifier(extend, header = "Retry-After:")]
        retry_after: u64,
    },
    #[certifier(code = "rate_limited")]
    Empty {
        #[certifier(header = "")]
        retry_after: u64,
    },
    #[certifier(code = "bad_request")]
    Reserved {
        #[certifier(header = "Content-Type")]
        kind: String,
    },
}

fn main() {}
