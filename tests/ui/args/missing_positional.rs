use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict", message("{} and {}", .name))]
    Taken { name: String },
}

fn main() {}
