use certifier_error::CertifierError;

#[derive(Debug, serde::Serialize)]
struct Limits {
    max: u32,
}

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "rate_limited")]
    RateLimited {
        #[certifier(extend, flatten)]
        limits: Limits,
    },
}

fn main() {}
