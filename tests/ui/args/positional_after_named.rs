use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict", message("{n} {}", n = .name, .name))]
    Taken { name: String },
}

fn main() {}
