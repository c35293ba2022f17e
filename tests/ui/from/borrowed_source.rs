#![allow(unused_parens)]

use certifier_error::CertifierError;

#[derive(Debug)]
struct Parse<'a> {
    input: &'a str,
}

impl std::fmt::Display for Parse<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot parse {}", self.input)
    }
}

impl std::error::Error for Parse<'_> {}

#[derive(Debug, CertifierError)]
enum ApiError<'a> {
    #[certifier(code = "bad_request")]
    Parse(#[from] Parse<'a>),
    // A borrow inside parentheses is a borrow too.
    #[certifier(code = "bad_request")]
    Grouped(#[source] (Parse<'a>)),
    // A reference that is not `'static`.
    #[certifier(code = "bad_request")]
    Referenced(#[source] &'a std::io::Error),
    // A `'static` borrow is fine.
    #[certifier(code = "conflict")]
    Static(#[source] &'static std::io::Error),
}

fn main() {}
