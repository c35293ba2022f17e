use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(skip_impl(axum, actix, openapi))]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,
}

fn main() {}
