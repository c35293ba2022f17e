use std::fmt;

use certifier_error::{CertifierError, ErrorCatalogue};

#[derive(Debug)]
struct Upstream;

impl fmt::Display for Upstream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("The upstream service failed.")
    }
}

impl CertifierError for Upstream {
    fn status(&self) -> u16 {
        502
    }
    fn code(&self) -> &str {
        "internal_server_error"
    }
}

#[derive(Debug, CertifierError)]
enum Wrapper<E> {
    #[certifier(transparent)]
    Inner(E),
}

fn catalogue_of<T: ErrorCatalogue>() -> certifier_error::catalogue::Catalogue {
    T::CATALOGUE
}

fn main() {
    let _ = catalogue_of::<Wrapper<Upstream>>();
}
