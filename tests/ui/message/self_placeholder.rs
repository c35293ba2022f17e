use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found", message = "Missing: {self:?}")]
    Missing { id: u64 },
    #[certifier(code = "conflict", message = "Conflict: {self}")]
    Conflict(u64),
}

fn main() {}
