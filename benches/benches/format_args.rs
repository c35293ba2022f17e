//! Messages with `format!` arguments: the derive's `message("...", args...)` against
//! thiserror's `#[error("...", args...)]`, side by side in one run.
//!
//! Run: `cargo bench -p certifier-error-benches --bench format_args`. With the arguments
//! `SIDE ITERATIONS` (`display/ours`, ...) the binary runs that one operation, for
//! counting its instructions: `valgrind --tool=callgrind target/release/deps/format_args-*
//! display/ours 200`, minus the same with 0.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use certifier_error::CertifierError;
use criterion::{criterion_group, Criterion};
use serde::ser::{SerializeMap, Serializer};

#[derive(Debug, CertifierError)]
enum Ours {
    #[certifier(
        code = "validation_error",
        message("{} of {max} domains are invalid; first: {}.", .domains.len(), .domains[0], max = .limit)
    )]
    Domains { domains: Vec<String>, limit: usize },
}

#[derive(Debug, thiserror::Error)]
enum Theirs {
    #[error("{} of {max} domains are invalid; first: {}.", .domains.len(), .domains[0], max = .limit)]
    Domains { domains: Vec<String>, limit: usize },
}

/// The envelope a team writes by hand around thiserror's message: a map, the message
/// through `collect_str`.
impl serde::Serialize for Theirs {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Object<'a>(&'a Theirs);
        impl serde::Serialize for Object<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut object = serializer.serialize_map(Some(2))?;
                object.serialize_entry("code", "validation_error")?;
                object.serialize_entry("message", &format_args!("{}", self.0))?;
                object.end()
            }
        }
        let mut envelope = serializer.serialize_map(Some(1))?;
        envelope.serialize_entry("error", &Object(self))?;
        envelope.end()
    }
}

fn domains() -> Vec<String> {
    vec!["a.example".into(), "b.example".into(), "c.example".into()]
}

fn samples() -> (Ours, Theirs) {
    let ours = Ours::Domains {
        domains: domains(),
        limit: 2,
    };
    let theirs = Theirs::Domains {
        domains: domains(),
        limit: 2,
    };
    (ours, theirs)
}

/// One operation `iterations` times, for callgrind.
fn count(side: &str, iterations: usize) {
    let (ours, theirs) = samples();
    let mut text = String::with_capacity(256);
    let mut out = Vec::with_capacity(256);
    for _ in 0..iterations {
        text.clear();
        out.clear();
        match side {
            "display/ours" => write!(text, "{}", black_box(&ours)).unwrap(),
            "display/thiserror" => write!(text, "{}", black_box(&theirs)).unwrap(),
            "serialize/ours" => serde_json::to_writer(&mut out, black_box(&ours)).unwrap(),
            "serialize/thiserror_and_hand_serde" => {
                serde_json::to_writer(&mut out, black_box(&theirs)).unwrap();
            }
            "write_json/ours" => black_box(&ours).write_json(&mut out).unwrap(),
            _ => panic!("unknown operation {side}"),
        }
    }
}

fn bench(c: &mut Criterion) {
    let (ours, theirs) = samples();
    assert_eq!(ours.to_string(), theirs.to_string());
    assert_eq!(
        serde_json::to_string(&ours).unwrap(),
        serde_json::to_string(&theirs).unwrap()
    );

    let mut group = c.benchmark_group("format_args");
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(3));
    let mut text = String::with_capacity(256);
    group.bench_function("display/ours", |b| {
        b.iter(|| {
            text.clear();
            write!(text, "{}", black_box(&ours)).unwrap();
        });
    });
    group.bench_function("display/thiserror", |b| {
        b.iter(|| {
            text.clear();
            write!(text, "{}", black_box(&theirs)).unwrap();
        });
    });
    let mut out = Vec::with_capacity(256);
    group.bench_function("serialize/ours", |b| {
        b.iter(|| {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&ours)).unwrap();
        });
    });
    group.bench_function("serialize/thiserror_and_hand_serde", |b| {
        b.iter(|| {
            out.clear();
            serde_json::to_writer(&mut out, black_box(&theirs)).unwrap();
        });
    });
    group.bench_function("write_json/ours", |b| {
        b.iter(|| {
            out.clear();
            black_box(&ours).write_json(&mut out).unwrap();
        });
    });
    group.finish();
}

criterion_group!(benches, bench);

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [side, iterations] = &args[..] {
        if let Ok(iterations) = iterations.parse() {
            return count(side, iterations);
        }
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
