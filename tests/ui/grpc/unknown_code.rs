use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict", grpc = "AlreadyExists")]
    Exists,
    #[certifier(code = "conflict", grpc = "alredy_exists")]
    Typo,
    #[certifier(code = "not_found", grpc = "ok")]
    Fine,
    #[certifier(code = "not_found", grpc = "teapot")]
    Teapot,
}

fn main() {}
