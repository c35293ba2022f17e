use certifier_error::CertifierError;

const PAYMENT_REQUIRED: u16 = 402;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(status = PAYMENT_REQUIRED, code = "plan_limit", message = "The plan limit is reached.")]
    PlanLimit,
}

fn main() {}
