use certifier_error::CertifierError;

#[derive(Debug)]
struct Limits {
    max: u32,
}

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "rate_limited")]
    RateLimited {
        #[certifier(flatten)]
        limits: Limits,
    },
}

fn main() {}
