use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "conflict", key = "taken", message = "The name {name} is taken.")]
    NameTaken { name: String },
    #[certifier(code = "conflict", key = "taken", message = "The name {name} is taken.")]
    AliasTaken { name: String, #[certifier(extend)] alias: String },
    #[certifier(code = "not_found", key = "gone", message = "Gone.")]
    Gone,
    #[certifier(code = "not_found", key = "gone", message = "Removed.")]
    Removed,
    #[certifier(code = "rate_limited", key = "slow", message = "Slow down.")]
    Slow,
    #[certifier(code = "rate_limited", key = "slow", message = "Slow down.")]
    AlsoSlow,
}

fn main() {}
