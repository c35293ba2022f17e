use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "plan_limit", status = 402)]
    PlanLimit,
}

fn main() {}
