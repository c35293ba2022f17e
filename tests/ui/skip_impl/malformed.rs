use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(skip_impl = "axum")]
enum WithValue {
    #[certifier(code = "not_found")]
    NotFound,
}

#[derive(Debug, CertifierError)]
#[certifier(skip_impl())]
enum Empty {
    #[certifier(code = "not_found")]
    NotFound,
}

#[derive(Debug, CertifierError)]
#[certifier(skip_impl(utoipa, utoipa))]
enum Twice {
    #[certifier(code = "not_found")]
    NotFound,
}

#[derive(Debug, CertifierError)]
enum OnVariant {
    #[certifier(code = "not_found", skip_impl(axum))]
    NotFound,
}

#[derive(Debug, CertifierError)]
#[certifier(skip_impl(axum = 1))]
enum NotNames {
    #[certifier(code = "not_found")]
    NotFound,
}

fn main() {}
