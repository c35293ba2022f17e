use certifier_error::CertifierError;

// The enum's message is checked against each variant that takes it.
#[derive(Debug, CertifierError)]
#[certifier(message = "No certificate {id}.")]
enum ApiError {
    #[certifier(code = "not_found")]
    Missing { id: u64 },

    #[certifier(code = "conflict")]
    Replaced { certificate: u64 },

    #[certifier(code = "gone", status = 410, message = "Gone.")]
    Gone { serial: u64 },
}

fn main() {}
