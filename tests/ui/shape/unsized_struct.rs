use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(code = "bad_request", message = "head {head}")]
pub struct Text {
    head: u8,
    tail: str,
}

#[derive(Debug, CertifierError)]
#[certifier(code = "not_found")]
pub struct Missing {
    path: std::path::Path,
}

#[derive(Debug, CertifierError)]
#[certifier(code = "bad_request")]
pub struct Bytes {
    tail: [u8],
}

#[derive(Debug, CertifierError)]
#[certifier(code = "internal_server_error")]
pub struct Any {
    cause: dyn std::error::Error + Send + Sync,
}

fn main() {}
