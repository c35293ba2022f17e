//! gRPC (feature `tonic`): a derived error's `Status` with its details against the same
//! `Status` written by hand with `tonic-types`, and `ErrorResponse::from_status` against
//! `ErrorResponse::decode` of the same error's envelope, side by side in one run.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::Duration;

use certifier_error::{CertifierError, ErrorResponse};
use criterion::{criterion_group, criterion_main, Criterion};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

/// An endpoint's error: a message with a placeholder, two members.
#[derive(Debug, CertifierError)]
#[certifier(domain = "certifier.example.com")]
enum ApiError {
    #[certifier(
        code = "conflict",
        message = "`{domain}` already has an active certificate.",
        grpc = "already_exists"
    )]
    Exists {
        domain: String,
        #[certifier(extend)]
        certificate_id: String,
        #[certifier(extend)]
        renewals: u32,
    },
}

fn error() -> ApiError {
    ApiError::Exists {
        domain: "example.com".into(),
        certificate_id: "cert_1".into(),
        renewals: 3,
    }
}

/// What a team writes by hand for the same error.
fn by_hand(error: &ApiError) -> Status {
    let ApiError::Exists {
        domain,
        certificate_id,
        renewals,
    } = error;
    let metadata = HashMap::from([
        ("certificate_id".to_string(), certificate_id.clone()),
        ("renewals".to_string(), renewals.to_string()),
    ]);
    let details = ErrorDetails::with_error_info("conflict", "certifier.example.com", metadata);
    let message = format!("`{domain}` already has an active certificate.");
    Status::with_error_details(Code::AlreadyExists, message, details)
}

fn to_status(c: &mut Criterion) {
    let mut group = c.benchmark_group("grpc_status");
    group.bench_function("derived", |b| b.iter(|| Status::from(black_box(error()))));
    group.bench_function("hand_written", |b| {
        b.iter(|| {
            let error = black_box(error());
            by_hand(&error)
        })
    });
    group.finish();
}

fn from_status(c: &mut Criterion) {
    let status = Status::from(error());
    let envelope = error().to_json().unwrap().into_bytes();
    // Both read the same error: the code, the message and the members.
    let read = ErrorResponse::from_status(&status);
    assert_eq!(read.error, ErrorResponse::decode(409, &envelope).error);
    let mut group = c.benchmark_group("grpc_read");
    group.bench_function("from_status", |b| {
        b.iter(|| ErrorResponse::from_status(black_box(&status)))
    });
    group.bench_function("decode_envelope", |b| {
        b.iter(|| ErrorResponse::decode(409, black_box(&envelope)))
    });
    group.finish();
    // The hand-written status reads alike.
    let ours = status.get_error_details().error_info().cloned().unwrap();
    let theirs = by_hand(&error())
        .get_error_details()
        .error_info()
        .cloned()
        .unwrap();
    assert_eq!(
        (ours.reason, ours.domain, ours.metadata),
        (theirs.reason, theirs.domain, theirs.metadata)
    );
}

fn configured() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = configured();
    targets = to_status, from_status
}
criterion_main!(benches);
