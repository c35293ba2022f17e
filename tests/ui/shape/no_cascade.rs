use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not-found")]
    NotFound,
    #[certifier(code = "invalid_json")]
    InvalidJson(#[from] serde_json::Error),
}

fn describe(error: &dyn CertifierError) -> String {
    format!("{} {} {}", error.status(), error.code(), error)
}

fn parse(body: &str) -> Result<serde_json::Value, ApiError> {
    Ok(serde_json::from_str(body)?)
}

fn main() {
    let error = ApiError::NotFound;
    let _ = describe(&error);
    let _ = serde_json::to_string(&error);
    let _: &dyn std::error::Error = &error;
    let _ = parse("{}");
}
