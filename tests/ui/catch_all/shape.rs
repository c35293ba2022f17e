use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum TwoFields {
    #[certifier(code = "internal_server_error", catch_all)]
    Other(anyhow::Error, u32),
}

#[derive(Debug, CertifierError)]
enum Transparent {
    #[certifier(transparent, catch_all)]
    Other(certifier_error::StandardError),
}

#[derive(Debug, CertifierError)]
enum WithFrom {
    #[certifier(code = "internal_server_error", catch_all)]
    Other(#[from] anyhow::Error),
}

fn main() {}
