//! Each group measures the derived code against the baseline a team would write by
//! hand, in the same run, per variant and over the whole enum (`mix`).
//!
//! Run: `cargo bench -p certifier-error-benches --bench envelope`, then
//! `python3 benches/report.py` for the table of medians and ratios.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use certifier_error::{CertifierError, ErrorEnvelope};
use certifier_error_benches::{bodies, named_samples, ApiError, Baseline, PlainEnvelope};
use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion};

type Group<'a> = BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// Benchmarks `derived` and `baseline` on each sample and on all of them in turn.
fn side_by_side(
    group: &mut Group<'_>,
    derived_name: &str,
    baseline_name: &str,
    derived: impl Fn(&ApiError, &mut Vec<u8>),
    baseline: impl Fn(&Baseline, &mut Vec<u8>),
) {
    let samples = named_samples();
    let mut out = Vec::with_capacity(1024);
    for (name, error, base) in &samples {
        group.bench_function(format!("{derived_name}/{name}"), |b| {
            b.iter(|| {
                out.clear();
                derived(black_box(error), &mut out);
            });
        });
        group.bench_function(format!("{baseline_name}/{name}"), |b| {
            b.iter(|| {
                out.clear();
                baseline(black_box(base), &mut out);
            });
        });
    }
    group.bench_function(format!("{derived_name}/mix"), |b| {
        b.iter(|| {
            for (_, error, _) in &samples {
                out.clear();
                derived(black_box(error), &mut out);
            }
        });
    });
    group.bench_function(format!("{baseline_name}/mix"), |b| {
        b.iter(|| {
            for (_, _, base) in &samples {
                out.clear();
                baseline(black_box(base), &mut out);
            }
        });
    });
}

/// 1. The derived `Serialize` against the optimal hand-written one.
fn serde_vs_hand(c: &mut Criterion) {
    let mut group = c.benchmark_group("1_serde_vs_hand");
    side_by_side(
        &mut group,
        "derived",
        "hand",
        |error, out| serde_json::to_writer(out, error).unwrap(),
        |error, out| serde_json::to_writer(out, error).unwrap(),
    );
    group.finish();
}

/// 2. The derived `Serialize` against `serde_json::json!` with `to_string()`.
fn serde_vs_json_macro(c: &mut Criterion) {
    let mut group = c.benchmark_group("2_serde_vs_json_macro");
    side_by_side(
        &mut group,
        "derived",
        "json_macro",
        |error, out| serde_json::to_writer(out, error).unwrap(),
        |error, out| serde_json::to_writer(out, &error.to_json_value()).unwrap(),
    );
    group.finish();
}

/// 3. The derived `Display` against `thiserror`'s, into a reused `String` and through
///    `to_string()`.
fn display_vs_thiserror(c: &mut Criterion) {
    let mut group = c.benchmark_group("3_display_vs_thiserror");
    let samples = named_samples();
    let mut text = String::with_capacity(256);
    for (name, error, base) in &samples {
        group.bench_function(format!("derived/{name}"), |b| {
            b.iter(|| {
                text.clear();
                write!(text, "{}", black_box(error)).unwrap();
            });
        });
        group.bench_function(format!("thiserror/{name}"), |b| {
            b.iter(|| {
                text.clear();
                write!(text, "{}", black_box(base)).unwrap();
            });
        });
    }
    group.bench_function("derived/mix", |b| {
        b.iter(|| {
            for (_, error, _) in &samples {
                text.clear();
                write!(text, "{}", black_box(error)).unwrap();
            }
        });
    });
    group.bench_function("thiserror/mix", |b| {
        b.iter(|| {
            for (_, _, base) in &samples {
                text.clear();
                write!(text, "{}", black_box(base)).unwrap();
            }
        });
    });
    group.bench_function("derived_to_string/mix", |b| {
        b.iter(|| {
            for (_, error, _) in &samples {
                black_box(black_box(error).to_string());
            }
        });
    });
    group.bench_function("thiserror_to_string/mix", |b| {
        b.iter(|| {
            for (_, _, base) in &samples {
                black_box(black_box(base).to_string());
            }
        });
    });
    group.finish();
}

/// 4. Decoding `ErrorEnvelope` against a plain derived struct.
fn decode_vs_plain(c: &mut Criterion) {
    let mut group = c.benchmark_group("4_decode_vs_plain");
    for (name, body) in bodies() {
        group.bench_function(format!("envelope/{name}"), |b| {
            b.iter(|| serde_json::from_slice::<ErrorEnvelope>(black_box(body)).unwrap());
        });
        group.bench_function(format!("plain/{name}"), |b| {
            b.iter(|| serde_json::from_slice::<PlainEnvelope>(black_box(body)).unwrap());
        });
    }
    group.finish();
}

/// 5. The direct writer against the optimal hand-written `Serialize`.
fn writer_vs_hand(c: &mut Criterion) {
    let mut group = c.benchmark_group("5_writer_vs_hand");
    side_by_side(
        &mut group,
        "writer",
        "hand",
        |error, out| error.write_json(out).unwrap(),
        |error, out| serde_json::to_writer(out, error).unwrap(),
    );
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = config();
    targets = serde_vs_hand, serde_vs_json_macro, display_vs_thiserror, decode_vs_plain, writer_vs_hand
}
criterion_main!(benches);
