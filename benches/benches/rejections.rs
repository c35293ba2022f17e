//! What naming the misfit costs: `decode_json` against the same content-type check
//! followed by a plain `serde_json::from_slice` (what it did before it found pointers),
//! in the same run, on a body that fits (the path every accepted request takes: one
//! plain parse) and on bodies that do not (where `decode_json` reads the body again to
//! sort syntax from shape and to find the pointer).
//!
//! Run: `cargo bench -p certifier-error-benches --bench rejections`.

use std::hint::black_box;
use std::time::Duration;

use certifier_error::server::{decode_json, is_json_content_type};
use criterion::{criterion_group, criterion_main, Criterion};
use serde::Deserialize;

#[derive(Deserialize)]
#[allow(dead_code)]
struct Order {
    certificate: Certificate,
    contacts: Vec<Contact>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Certificate {
    domains: Vec<String>,
    validity_days: u32,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Contact {
    email: String,
}

const BODIES: [(&str, &str); 3] = [
    (
        "fits",
        r#"{"certificate":{"domains":["a.example","b.example","c.example"],"validity_days":90},"contacts":[{"email":"ops@example.com"}]}"#,
    ),
    (
        "misfit",
        r#"{"certificate":{"domains":["a.example","b.example",7],"validity_days":90},"contacts":[{"email":"ops@example.com"}]}"#,
    ),
    (
        "truncated",
        r#"{"certificate":{"domains":["a.example","b.example",7],"validity_days":90},"contacts":[{"email":"#,
    ),
];

fn decode(c: &mut Criterion) {
    let mut group = c.benchmark_group("decode_json");
    for (name, body) in BODIES {
        group.bench_function(format!("decode_json/{name}"), |b| {
            b.iter(|| {
                let result =
                    decode_json::<Order>(Some(b"application/json"), black_box(body.as_bytes()));
                black_box(result.is_ok())
            });
        });
        group.bench_function(format!("serde_json/{name}"), |b| {
            b.iter(|| {
                let json = is_json_content_type(black_box(b"application/json"));
                let result = serde_json::from_slice::<Order>(black_box(body.as_bytes()));
                black_box(json && result.is_ok())
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = decode
}
criterion_main!(benches);
