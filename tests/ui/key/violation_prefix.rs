use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(code = "bad_request", key = "violation-missing")]
struct Unreadable;

fn main() {}
