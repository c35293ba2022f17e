//! The derive's code table (seen through `StandardError`, whose statuses and messages the
//! derive fills in) and the runtime's `Code` table agree.

use certifier_error::{CertifierError, Code, StandardError};

#[test]
fn standard_statuses_agree_with_code_status() {
    assert_eq!(StandardError::ALL.len(), Code::KNOWN.len());
    for (index, error) in StandardError::ALL.iter().enumerate() {
        let code: Code = error.code().parse().unwrap();
        assert_eq!(code, Code::KNOWN[index], "table order differs at {index}");
        assert!(code.is_known(), "{} parsed to Other", error.code());
        assert_eq!(
            code.status(),
            Some(error.status()),
            "status of {}",
            error.code()
        );
        assert_eq!(code.as_str(), error.code());
        assert_eq!(StandardError::from_code(&code), Some(*error));
    }
}

#[test]
fn canonical_statuses_match_the_documentation() {
    let expected: [(StandardError, &str, u16); 12] = [
        (StandardError::BadRequest, "bad_request", 400),
        (StandardError::MissingVersion, "missing_version", 400),
        (StandardError::InvalidVersion, "invalid_version", 400),
        (StandardError::InvalidJson, "invalid_json", 400),
        (StandardError::ValidationError, "validation_error", 400),
        (StandardError::Unauthorized, "unauthorized", 401),
        (StandardError::PaymentRequired, "payment_required", 402),
        (StandardError::Forbidden, "forbidden", 403),
        (StandardError::NotFound, "not_found", 404),
        (StandardError::Conflict, "conflict", 409),
        (StandardError::RateLimited, "rate_limited", 429),
        (
            StandardError::InternalServerError,
            "internal_server_error",
            500,
        ),
    ];
    assert_eq!(StandardError::ALL, expected.map(|(error, _, _)| error));
    for (error, code, status) in expected {
        assert_eq!(error.code(), code);
        assert_eq!(error.status(), status);
        assert_eq!(error.status_code().as_u16(), status);
    }
}

#[test]
fn standard_codes_in_a_derived_enum_get_the_table_status() {
    #[derive(Debug, CertifierError)]
    enum Every {
        #[certifier(code = "bad_request")]
        BadRequest,
        #[certifier(code = "missing_version")]
        MissingVersion,
        #[certifier(code = "invalid_version")]
        InvalidVersion,
        #[certifier(code = "invalid_json")]
        InvalidJson,
        #[certifier(code = "validation_error")]
        ValidationError,
        #[certifier(code = "unauthorized")]
        Unauthorized,
        #[certifier(code = "payment_required")]
        PaymentRequired,
        #[certifier(code = "forbidden")]
        Forbidden,
        #[certifier(code = "not_found")]
        NotFound,
        #[certifier(code = "conflict")]
        Conflict,
        #[certifier(code = "rate_limited")]
        RateLimited,
        #[certifier(code = "internal_server_error")]
        InternalServerError,
    }
    let every = [
        Every::BadRequest,
        Every::MissingVersion,
        Every::InvalidVersion,
        Every::InvalidJson,
        Every::ValidationError,
        Every::Unauthorized,
        Every::PaymentRequired,
        Every::Forbidden,
        Every::NotFound,
        Every::Conflict,
        Every::RateLimited,
        Every::InternalServerError,
    ];
    for (error, standard) in every.iter().zip(StandardError::ALL) {
        assert_eq!(error.code(), standard.code());
        assert_eq!(error.status(), standard.status());
        assert_eq!(error.to_string(), standard.to_string());
        assert_eq!(
            serde_json::to_string(error).unwrap(),
            serde_json::to_string(&standard).unwrap()
        );
    }
}

#[test]
fn internal_server_error_accepts_the_gateway_statuses() {
    #[derive(Debug, CertifierError)]
    enum Server {
        #[certifier(code = "internal_server_error", status = 500)]
        Plain,
        #[certifier(code = "internal_server_error", status = 502)]
        BadGateway,
        #[certifier(code = "internal_server_error", status = 503)]
        Unavailable,
        #[certifier(code = "internal_server_error", status = 504)]
        Timeout,
    }
    let statuses: Vec<u16> = [
        Server::Plain,
        Server::BadGateway,
        Server::Unavailable,
        Server::Timeout,
    ]
    .iter()
    .map(CertifierError::status)
    .collect();
    assert_eq!(statuses, [500, 502, 503, 504]);
    assert_eq!(Server::Timeout.code(), "internal_server_error");
    assert_eq!(
        Server::Timeout.to_string(),
        StandardError::InternalServerError.to_string()
    );
    // An explicit status equal to the canonical one is accepted too.
    #[derive(Debug, CertifierError)]
    #[certifier(code = "not_found", status = 404)]
    struct Explicit;
    assert_eq!(Explicit.status(), 404);
}

#[test]
fn every_standard_error_is_a_distinct_code() {
    let mut codes: Vec<&str> = StandardError::ALL.iter().map(|e| e.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 12);
}

#[test]
fn status_code_of_derived_errors() {
    use certifier_error::http::StatusCode;

    #[derive(Debug, CertifierError)]
    enum Custom {
        #[certifier(code = "plan_limit", status = 402, message = "Upgrade.")]
        Plan,
        #[certifier(code = "internal_server_error", status = 504)]
        Timeout,
        #[certifier(code = "teapot", status = 418, message = "No coffee.")]
        Teapot,
    }
    assert_eq!(Custom::Plan.status_code(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(Custom::Timeout.status_code(), StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(Custom::Teapot.status_code(), StatusCode::IM_A_TEAPOT);
    let boxed: Box<dyn CertifierError> = Box::new(Custom::Timeout);
    assert_eq!(boxed.status_code().as_u16(), 504);
}

#[test]
fn lists_of_codes_are_slices() {
    // A later version adds codes: nothing may depend on how many there are today.
    let known: &'static [Code] = Code::KNOWN;
    let standard: &'static [StandardError] = StandardError::ALL;
    assert_eq!(known.len(), standard.len());
}
