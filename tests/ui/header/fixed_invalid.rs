use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(header("Cache-Control", "no-store"))]
enum ApiError {
    #[certifier(code = "not_found", header("Cache Control", "no-store"))]
    BadName,
    #[certifier(code = "not_found", header("Cache-Control", "no-store\n"))]
    BadValue,
    #[certifier(code = "not_found", header("Cache-Control", " no-store"))]
    Padded,
    #[certifier(code = "not_found", header("Content-Type", "text/plain"))]
    Reserved,
    #[certifier(code = "not_found", header("Cache-Control"))]
    NoValue,
    #[certifier(code = "not_found", header("Cache-Control", 5))]
    NotAString,
    #[certifier(code = "not_found", header = "Cache-Control")]
    NameOnly,
    #[certifier(code = "not_found", header("Cache-Control", "no-store"))]
    #[certifier(header("cache-control", "no-cache"))]
    Twice,
    #[certifier(code = "rate_limited", header("Retry-After", "5"))]
    AlsoAField {
        #[certifier(header = "Retry-After")]
        seconds: u64,
    },
    #[certifier(code = "not_found")]
    OnAField(#[certifier(header("ETag", "x"))] String),
}

fn main() {}
