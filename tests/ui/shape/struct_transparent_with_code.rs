use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
#[certifier(transparent, code = "bad_request")]
struct Wrapper(StandardError);

fn main() {}
