use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(transparent)]
    Common(StandardError, u32),
    #[certifier(transparent)]
    Named {
        inner: StandardError,
        #[certifier(extend)]
        path: String,
        attempt: u32,
    },
}

fn main() {}
