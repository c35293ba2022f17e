use certifier_error::CertifierError;

struct Plan;

#[derive(CertifierError)]
enum ApiError {
    #[certifier(status = 402, code = "plan_limit", message = "The plan {plan:?} is full.")]
    PlanLimit { plan: Plan },
}

impl std::fmt::Debug for ApiError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str("ApiError")
    }
}

fn main() {}
