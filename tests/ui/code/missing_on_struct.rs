use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
struct PlanLimit {
    #[certifier(extend)]
    max_certificates: u32,
}

fn main() {}
