#!/usr/bin/env python3
"""Instructions per operation for each benchmark pair, counted by callgrind.

Wall-clock medians move with whatever else the machine is doing; instruction counts
do not. For each pair of `envelope.rs` this runs the `counts` bench binary under
`valgrind --tool=callgrind` with 0 and with N iterations and prints the difference per
iteration, and the ratio ours/baseline.

Run: cargo bench -p certifier-error-benches --bench counts --no-run
     python3 benches/counts.py [ITERATIONS]
"""

import glob
import os
import re
import subprocess
import sys

CASES = ["mix", "unit", "tuple", "struct_list", "extension", "custom", "transparent"]
PAIRS = [
    ("1_serde_vs_hand", "derived", "hand", CASES, 1.05),
    ("2_serde_vs_json_macro", "derived", "json_macro", CASES, 0.25),
    ("3_display_vs_thiserror", "derived", "thiserror", CASES, 1.05),
    ("4_decode_vs_plain", "envelope", "plain", ["known_code", "unknown_members"], 1.2),
    ("5_writer_vs_hand", "writer", "hand", CASES, 0.2),
]


def binary():
    candidates = [
        path
        for path in glob.glob("target/release/deps/counts-*")
        if os.access(path, os.X_OK) and not path.endswith(".d")
    ]
    if not candidates:
        sys.exit("build it first: cargo bench -p certifier-error-benches --bench counts --no-run")
    return max(candidates, key=os.path.getmtime)


def instructions(program, *args):
    result = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", program, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", result.stderr)
    return int(match.group(1))


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    program = binary()
    print("| group | case | ours: instructions | baseline: instructions | ratio | target | met |")
    print("|---|---|---|---|---|---|---|")
    for group, ours, baseline, cases, target in PAIRS:
        for case in cases:
            counts = []
            for side in (ours, baseline):
                empty = instructions(program, group, side, case, "0")
                full = instructions(program, group, side, case, str(iterations))
                counts.append((full - empty) / iterations)
            ratio = counts[0] / counts[1]
            met = "yes" if ratio <= target else "**no**"
            print(
                f"| {group} | {case} | {counts[0]:,.0f} | {counts[1]:,.0f} | {ratio:.2f} | <= {target} | {met} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
