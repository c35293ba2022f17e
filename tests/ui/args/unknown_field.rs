use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "validation_error", message("{} domains are invalid.", .domians.len()))]
    Domains { domains: Vec<String> },
    #[certifier(code = "validation_error", message("{} domains are invalid.", .domains.len()))]
    NoFields,
}

fn main() {}
