use certifier_error::CertifierError;

#[derive(Debug)]
struct Seconds(u64);

#[derive(Debug, CertifierError)]
#[certifier(code = "rate_limited")]
struct Slow {
    #[certifier(header = "Retry-After")]
    retry_after: Seconds,
}

fn main() {}
