use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict", message("{0} and {}", .1))]
    Taken(String, u32),
}

fn main() {}
