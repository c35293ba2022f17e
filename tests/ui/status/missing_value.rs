use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "plan_limit", status, message = "The plan limit is reached.")]
    PlanLimit,
}

fn main() {}
