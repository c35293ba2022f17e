use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "PlanLimit", status = 402, message = "The plan limit is reached.")]
    PlanLimit,
}

fn main() {}
