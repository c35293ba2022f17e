use certifier_error::CertifierError;

#[derive(CertifierError)]
union ApiError {
    status: u16,
    code: u32,
}

fn main() {}
