use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(code = "not_found", log = "off", log = "info")]
struct Gone;

fn main() {}
