use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "validation_error")]
    Validation {
        #[certifier(extend)]
        code: String,
    },
}

fn main() {}
