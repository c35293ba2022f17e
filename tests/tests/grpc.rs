//! gRPC (feature `tonic`): derived errors as `tonic::Status` with google.rpc details,
//! read back with `ErrorResponse::from_status`; then the example service over a real
//! tonic server and client on a loopback port.
#![cfg(feature = "tonic")]

#[allow(dead_code)]
#[path = "../../runtime/examples/support/grpc_api.rs"]
mod grpc_api;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use certifier_error::{CertifierError, Code, ErrorResponse, StandardError};
use grpc_api::{ServiceError, StoreDown};
use tonic::Status;
use tonic_types::StatusExt;

#[derive(Debug, CertifierError)]
enum Plain {
    #[certifier(code = "payment_required", message = "Upgrade.")]
    Pay {
        #[certifier(extend)]
        plan: String,
        #[certifier(extend)]
        limits: Vec<u32>,
    },
}

#[test]
fn every_status_of_the_table_has_its_grpc_code() {
    let table = [
        (StandardError::BadRequest, tonic::Code::InvalidArgument),
        (StandardError::Unauthorized, tonic::Code::Unauthenticated),
        (
            StandardError::PaymentRequired,
            tonic::Code::FailedPrecondition,
        ),
        (StandardError::Forbidden, tonic::Code::PermissionDenied),
        (StandardError::NotFound, tonic::Code::NotFound),
        (StandardError::Conflict, tonic::Code::Aborted),
        (StandardError::RateLimited, tonic::Code::ResourceExhausted),
        (StandardError::InternalServerError, tonic::Code::Internal),
    ];
    for (error, code) in table {
        let status = Status::from(error);
        assert_eq!(status.code(), code, "{error:?}");
        assert_eq!(status.message(), error.to_string());
        let read = ErrorResponse::from_status(&status);
        assert_eq!(
            (read.status, read.code().as_str()),
            (error.status(), error.code())
        );
    }
    for (status, code) in [
        (501, tonic::Code::Unimplemented),
        (502, tonic::Code::Unavailable),
        (503, tonic::Code::Unavailable),
        (504, tonic::Code::DeadlineExceeded),
    ] {
        assert_eq!(certifier_error::tonic::code_for_status(status), code);
    }
}

#[test]
fn the_details_carry_what_the_envelope_carries() {
    let status = Status::from(ServiceError::Exists {
        domain: "example.com".into(),
        certificate_id: "cert_1".into(),
    });
    assert_eq!(
        status.code(),
        tonic::Code::AlreadyExists,
        "the variant's `grpc`"
    );
    let details = status.get_error_details();
    let info = details.error_info().unwrap();
    assert_eq!(info.reason, "conflict");
    assert_eq!(info.domain, "certifier.example.com");
    assert_eq!(info.metadata.len(), 1);
    assert_eq!(info.metadata["certificate_id"], "cert_1");
    assert!(details.retry_info().is_none() && details.bad_request().is_none());

    // The deriving package's name is the default domain; values that are not strings
    // are compact JSON.
    let status = Status::from(Plain::Pay {
        plan: "free".into(),
        limits: vec![1, 2],
    });
    let info = status.get_error_details().error_info().cloned().unwrap();
    assert_eq!(info.domain, "certifier-error-tests");
    assert_eq!(info.metadata["plan"], "free");
    assert_eq!(info.metadata["limits"], "[1,2]");
    let read = ErrorResponse::from_status(&status);
    assert_eq!(read.status, 402);
    assert_eq!(read.error.extensions["plan"], "free");
    assert_eq!(read.error.extensions["limits"], serde_json::json!([1, 2]));

    // `Retry-After` as `RetryInfo`.
    let status = Status::from(ServiceError::Throttled { retry_after: 30 });
    let retry = status.get_error_details().retry_info().cloned().unwrap();
    assert_eq!(retry.retry_delay, Some(Duration::from_secs(30)));
    let read = ErrorResponse::from_status(&status);
    assert_eq!(read.retry_after(), Some(Duration::from_secs(30)));
    assert!(read.is_retryable());

    // Violations as `BadRequest`.
    let status = Status::from(grpc_api::answer("invalid").unwrap_err());
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    let bad = status.get_error_details().bad_request().cloned().unwrap();
    let fields: Vec<(&str, &str)> = bad
        .field_violations
        .iter()
        .map(|violation| (violation.field.as_str(), violation.reason.as_str()))
        .collect();
    assert_eq!(fields, [("/domains/0", "too_long"), ("limit", "missing")]);
    let read = ErrorResponse::from_status(&status);
    assert_eq!(*read.code(), Code::ValidationError);
    assert_eq!(read.error.extensions["errors"][1]["parameter"], "limit");
}

#[test]
fn nothing_from_a_source_is_ever_sent() {
    let status = Status::from(ServiceError::Store(StoreDown));
    assert_eq!(status.code(), tonic::Code::Internal);
    let everything = format!(
        "{} {:?} {:?}",
        status.message(),
        status.details(),
        status.get_error_details()
    );
    assert!(!everything.contains("db-2"), "{everything}");
    let read = ErrorResponse::from_status(&status);
    assert_eq!(
        (read.status, read.code().as_str()),
        (500, "internal_server_error")
    );
}

#[test]
fn a_status_from_any_server_decodes_without_a_panic() {
    // No details at all.
    let read = ErrorResponse::from_status(&Status::not_found("gone"));
    assert_eq!(
        (read.status, read.code(), read.message()),
        (404, &Code::NotFound, "gone")
    );
    let read = ErrorResponse::from_status(&Status::deadline_exceeded(""));
    assert_eq!(
        (read.status, read.code()),
        (504, &Code::InternalServerError)
    );
    // Details that are not a google.rpc.Status.
    let garbage = Status::with_details(tonic::Code::Aborted, "m", vec![0xff; 64].into());
    let read = ErrorResponse::from_status(&garbage);
    assert_eq!((read.status, read.code()), (409, &Code::Conflict));
    // An unknown reason is kept; its status follows the gRPC code.
    let details = tonic_types::ErrorDetails::with_error_info(
        "quota_gone",
        "other.example",
        [("n".to_string(), "not json {".to_string())],
    );
    let status = Status::with_error_details(tonic::Code::ResourceExhausted, "m", details);
    let read = ErrorResponse::from_status(&status);
    assert_eq!((read.status, read.code().as_str()), (429, "quota_gone"));
    assert_eq!(read.error.extensions["n"], "not json {");
    // Huge metadata: at most 256 members are kept.
    let many: std::collections::HashMap<String, String> = (0..10_000)
        .map(|n| (format!("m{n:05}"), "x".repeat(100)))
        .collect();
    let details = tonic_types::ErrorDetails::with_error_info("conflict", "d", many);
    let status = Status::with_error_details(tonic::Code::Aborted, "m", details);
    assert_eq!(
        ErrorResponse::from_status(&status).error.extensions.len(),
        256
    );
    // The request id from the metadata when the details have none.
    let mut status = Status::internal("m");
    status
        .metadata_mut()
        .insert("x-request-id", "req-9".parse().unwrap());
    assert_eq!(
        ErrorResponse::from_status(&status).request_id(),
        Some("req-9")
    );
}

/// What the `tracing` integration writes, kept for the test to read.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The example service on a loopback port, called with a tonic client: each case
/// answers with its status and details, the client reads each back, and the server
/// logs each error once.
#[tokio::test]
async fn the_example_service_round_trips_every_case() {
    // The test's runtime has one thread, which serves the requests too: a default set
    // for this thread sees the server's events.
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    assert!(address.ip().is_loopback());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(grpc_api::serve(listener, async {
        let _ = stopped.await;
    }));
    let call = |id: &'static str, request_id: Option<&'static str>| async move {
        tokio::time::timeout(
            Duration::from_secs(10),
            grpc_api::get(address, id, request_id),
        )
        .await
        .expect("an answer within 10 s")
    };

    let certificate = call("cert_1", None).await.unwrap();
    assert_eq!(certificate.domain, "example.com");

    let cases: &[(&str, tonic::Code, u16, &str)] = &[
        ("missing", tonic::Code::NotFound, 404, "not_found"),
        ("taken", tonic::Code::AlreadyExists, 409, "conflict"),
        (
            "throttled",
            tonic::Code::ResourceExhausted,
            429,
            "rate_limited",
        ),
        (
            "invalid",
            tonic::Code::InvalidArgument,
            400,
            "validation_error",
        ),
        ("forbidden", tonic::Code::PermissionDenied, 403, "forbidden"),
        ("down", tonic::Code::Internal, 500, "internal_server_error"),
        ("panic", tonic::Code::Internal, 500, "internal_server_error"),
    ];
    for (id, grpc, http, code) in cases {
        let request_id = format!("grpc-{id}");
        let request_id: &'static str = Box::leak(request_id.into_boxed_str());
        let status = call(id, Some(request_id)).await.unwrap_err();
        assert_eq!(status.code(), *grpc, "{id}: {status:?}");
        let read = ErrorResponse::from_status(&status);
        assert_eq!((read.status, read.code().as_str()), (*http, *code), "{id}");
        assert_eq!(read.request_id(), Some(request_id), "{id}");
        let info = status.get_error_details().request_info().cloned();
        assert_eq!(
            info.map(|info| info.request_id).as_deref(),
            Some(request_id),
            "{id}"
        );
        assert!(!status.message().contains("hunter2") && !status.message().contains("db-2"));
    }
    let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    for (id, _, _, code) in cases {
        let lines: Vec<&str> = text
            .lines()
            .filter(|line| line.contains(&format!("request_id=\"grpc-{id}\"")))
            .collect();
        assert_eq!(lines.len(), 1, "{id}: {lines:?}");
        assert!(
            lines[0].contains(&format!("error.type=\"{code}\"")),
            "{}",
            lines[0]
        );
    }
    assert!(text.contains("variant=\"Exists\""), "{text}");
    // The panic's text and the store's cause are the log's.
    assert!(text.contains("hunter2") && text.contains("db-2"));
    let read = ErrorResponse::from_status(&call("missing", None).await.unwrap_err());
    assert_eq!(read.message(), "No certificate has the id `missing`.");
    assert_eq!(read.error.extensions["id"], "missing");
    // Without a request id, the layer makes one up.
    let fresh = ErrorResponse::from_status(&call("missing", None).await.unwrap_err());
    assert_eq!(fresh.request_id().map(str::len), Some(36));

    stop.send(()).unwrap();
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops")
        .unwrap();
}
