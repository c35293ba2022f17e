use certifier_error::CertifierError;

#[derive(Debug)]
struct Plan;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(status = 402, code = "plan_limit", message = "The {plan} plan is full.")]
    PlanLimit { plan: Plan },
}

fn main() {}
