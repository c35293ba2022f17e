use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict", message = "Taken.", message("{} is taken.", .name))]
    Taken { name: String },
}

fn main() {}
