use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camel")]
enum ApiError {
    #[certifier(code = "NotFound")]
    NotFound,
    #[certifier(code = "plan_limit", status = 700, message = "The {plan} plan is full.")]
    PlanLimit { name: String },
    #[certifier(code = "rate_limited", stauts = 429)]
    RateLimited {
        #[certifier(extend, rename = "code")]
        retry_after: u64,
    },
    Conflict,
}

fn main() {}
