use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "validation_error", message("{} domains are invalid.", .count, .limit))]
    Domains { count: usize, limit: usize },
    #[certifier(code = "conflict", message("Taken.", name = .name))]
    Taken { name: String },
}

fn main() {}
