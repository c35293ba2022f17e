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

// The parameter inside a group of tokens: found there too.
#[derive(Debug, CertifierError)]
enum Grouped<E: CertifierError> {
    #[certifier(transparent)]
    Inner {
        #[allow(unused_parens)]
        inner: Box<(E)>,
        #[certifier(extend)]
        path: String,
    },
}

fn main() {}
