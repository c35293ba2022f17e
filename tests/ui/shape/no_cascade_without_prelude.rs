mod api {
    #![no_implicit_prelude]

    #[allow(dead_code)]
    pub struct Result;
    #[allow(dead_code)]
    pub struct Option;
    #[allow(dead_code)]
    pub struct Error;

    #[derive(::core::fmt::Debug, ::certifier_error::CertifierError)]
    pub enum ApiError {
        #[certifier(code = "plan_limit", status = 402)]
        PlanLimit,
        #[certifier(code = "invalid_json")]
        InvalidJson(#[from] ::serde_json::Error),
    }
}

fn main() {
    use certifier_error::CertifierError;
    let error = api::ApiError::PlanLimit;
    let _ = (error.status(), error.to_string(), serde_json::to_string(&error));
    let _ = api::ApiError::from(serde_json::from_str::<u8>("x").unwrap_err());
}
