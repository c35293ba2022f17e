use certifier_error::{CertifierError, StandardError};

#[derive(Debug, CertifierError)]
#[certifier(doc_url = "https://docs.example.com/{code}")]
enum ApiError {
    #[certifier(transparent)]
    Rejected {
        inner: StandardError,
        #[certifier(extend)]
        code: String,
        #[certifier(extend, rename = "doc_url")]
        link: String,
        #[certifier(extend)]
        path: String,
        #[certifier(extend, rename = "path")]
        again: String,
    },
    // A tuple field has no name of its own.
    #[certifier(transparent)]
    Tuple(StandardError, #[certifier(extend)] String),
}

fn main() {}
