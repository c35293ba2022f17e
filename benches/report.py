#!/usr/bin/env python3
"""Prints the table of BENCHMARKS.md from criterion's results.

Run after `cargo bench -p certifier-error-benches --bench envelope`:

    python3 benches/report.py [target/criterion]

For each pair of benchmarks (ours against its baseline, same group, same case) it
prints both medians with the fastest and slowest sample (time per iteration), the
ratio of the medians, and whether the ratio meets the group's target.
"""

import json
import os
import sys

# group -> (our side, baseline side, highest acceptable ratio ours/baseline, label)
PAIRS = {
    "1_serde_vs_hand": [("derived", "hand", 1.05, "derived Serialize / optimal hand Serialize")],
    "2_serde_vs_json_macro": [
        ("derived", "json_macro", 0.25, "derived Serialize / json! + to_string()"),
    ],
    "3_display_vs_thiserror": [
        ("derived", "thiserror", 1.05, "derived Display / thiserror Display"),
        ("derived_to_string", "thiserror_to_string", 1.05, "to_string(): derived / thiserror"),
    ],
    "4_decode_vs_plain": [("envelope", "plain", 1.2, "ErrorEnvelope / plain Deserialize")],
    "5_writer_vs_hand": [("writer", "hand", 0.2, "direct writer / optimal hand Serialize")],
}


def load(root):
    results = {}
    for directory, _, files in os.walk(root):
        if os.path.basename(directory) != "new" or "benchmark.json" not in files:
            continue
        with open(os.path.join(directory, "benchmark.json")) as f:
            bench = json.load(f)
        with open(os.path.join(directory, "estimates.json")) as f:
            estimates = json.load(f)
        with open(os.path.join(directory, "sample.json")) as f:
            sample = json.load(f)
        per_iter = [t / n for t, n in zip(sample["times"], sample["iters"])]
        results[bench["full_id"]] = (
            estimates["median"]["point_estimate"],
            min(per_iter),
            max(per_iter),
        )
    return results


def fmt(value):
    median, low, high = value
    return f"{median:,.1f} ({low:,.1f}–{high:,.1f})"


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "target/criterion"
    results = load(root)
    print("| group | case | ours: median (min–max) ns | baseline: median (min–max) ns | ratio | target | met |")
    print("|---|---|---|---|---|---|---|")
    for group, pairs in PAIRS.items():
        for ours, baseline, target, label in pairs:
            cases = sorted(
                {
                    full_id.split("/", 2)[2]
                    for full_id in results
                    if full_id.startswith(f"{group}/{ours}/")
                },
                key=lambda case: (case != "mix", case),
            )
            for case in cases:
                mine = results.get(f"{group}/{ours}/{case}")
                theirs = results.get(f"{group}/{baseline}/{case}")
                if mine is None or theirs is None:
                    continue
                ratio = mine[0] / theirs[0]
                met = "yes" if ratio <= target else "**no**"
                print(
                    f"| {label} | {case} | {fmt(mine)} | {fmt(theirs)} | {ratio:.2f} | <= {target} | {met} |"
                )


if __name__ == "__main__":
    main()
