use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    // thiserror binds fields under their names; here a field is `.token`.
    #[certifier(code = "bad_request", message("unexpected token: {:?}", token))]
    Unexpected { token: String },
    #[certifier(code = "bad_request", message("{} of {max}", count.min(3), max = limit))]
    Counts { count: usize, limit: usize },
    // Not fields: a constant, a function, a method.
    #[certifier(code = "bad_request", message("{} {}", LIMIT, len(.0)))]
    Fine(String),
}

const LIMIT: usize = 3;

fn len(value: &str) -> usize {
    value.len()
}

fn main() {}
