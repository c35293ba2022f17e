use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError<E>
where
    E: std::error::Error + 'static
{
    #[certifier(code = "internal_server_error", status = 507)]
    Storage(#[source] E),
    #[certifier(code = "invalid_json")]
    InvalidJson(#[from] serde_json::Error),
}

fn respond<E: std::error::Error + 'static>(error: &ApiError<E>) -> String {
    format!("{} {}", error.status(), error)
}

fn parse(body: &str) -> Result<u32, ApiError<std::io::Error>> {
    Ok(serde_json::from_str(body)?)
}

fn main() {
    let error = ApiError::<std::io::Error>::Storage(std::io::Error::other("disk"));
    let _ = respond(&error);
    let _ = parse("1");
}
