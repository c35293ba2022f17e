use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum Layer<E: CertifierError> {
    #[certifier(transparent)]
    Inner {
        inner: Box<E>,
        #[certifier(extend)]
        path: String,
    },
}

fn main() {}
