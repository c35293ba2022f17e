use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(domain = " ", code = "conflict")]
struct Exists;

#[derive(Debug, CertifierError)]
#[certifier(domain = "api.example.com")]
enum OnAVariant {
    #[certifier(code = "conflict", domain = "api.example.com")]
    Exists,
}

fn main() {}
