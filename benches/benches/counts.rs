//! Runs one benchmarked operation a given number of times, for counting its
//! instructions under `valgrind --tool=callgrind`: a measure that other load on the
//! machine does not disturb. `python3 benches/counts.py` drives it.
//!
//! Usage: `counts GROUP SIDE CASE ITERATIONS`, with the names of `envelope.rs`.

use std::fmt::Write as _;
use std::hint::black_box;

use certifier_error::{CertifierError, ErrorEnvelope};
use certifier_error_benches::{bodies, named_samples, PlainEnvelope};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test --benches` and `cargo bench` run every bench target: do nothing then.
    let [group, side, case, iterations] = &args[..] else {
        return;
    };
    let iterations: usize = iterations.parse().expect("ITERATIONS is a number");
    let samples = named_samples();
    let chosen: Vec<_> = samples
        .iter()
        .filter(|(name, _, _)| case == "mix" || name == case)
        .collect();
    let body = bodies()
        .into_iter()
        .find(|(name, _)| name == case)
        .map(|(_, body)| body);
    let mut out = Vec::with_capacity(1024);
    let mut text = String::with_capacity(256);
    for _ in 0..iterations {
        for (_, error, base) in &chosen {
            let (error, base) = (black_box(error), black_box(base));
            out.clear();
            text.clear();
            match (group.as_str(), side.as_str()) {
                ("1_serde_vs_hand" | "2_serde_vs_json_macro", "derived") => {
                    serde_json::to_writer(&mut out, error).unwrap()
                }
                ("1_serde_vs_hand" | "5_writer_vs_hand", "hand") => {
                    serde_json::to_writer(&mut out, base).unwrap()
                }
                ("2_serde_vs_json_macro", "json_macro") => {
                    serde_json::to_writer(&mut out, &base.to_json_value()).unwrap()
                }
                ("3_display_vs_thiserror", "derived") => write!(text, "{error}").unwrap(),
                ("3_display_vs_thiserror", "thiserror") => write!(text, "{base}").unwrap(),
                ("5_writer_vs_hand", "writer") => error.write_json(&mut out).unwrap(),
                _ => panic!("unknown benchmark {group}/{side}"),
            }
            black_box((&out, &text));
        }
        if let Some(body) = body {
            match side.as_str() {
                "envelope" => {
                    black_box(serde_json::from_slice::<ErrorEnvelope>(black_box(body)).unwrap());
                }
                "plain" => {
                    black_box(serde_json::from_slice::<PlainEnvelope>(black_box(body)).unwrap());
                }
                _ => panic!("unknown benchmark {group}/{side}"),
            }
        }
    }
}
