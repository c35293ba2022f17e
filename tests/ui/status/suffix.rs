use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(status = 402i8, code = "plan_limit", message = "The plan limit is reached.")]
    PlanLimit,
}

fn main() {}
