use certifier_error::CertifierError;

// An error type of another library, as `anyhow::Error` is: `Debug`, `Display`, and a
// `Deref` to `dyn Error`, but no `CertifierError`.
#[derive(Debug)]
struct Foreign(std::io::Error);

impl std::fmt::Display for Foreign {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::ops::Deref for Foreign {
    type Target = dyn std::error::Error + Send + Sync + 'static;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,
    #[certifier(transparent)]
    Other(Foreign),
}

fn main() {}
