#!/usr/bin/env python3
"""Builds every Rust example of README.md as a user would paste it into a new crate.

Each ```rust block (except `compile_fail` and `ignore` ones, which the README's doctests
check) becomes the `src/main.rs` of a crate of its own, whose `Cargo.toml` is a
`[package]` header plus the nearest ```toml block above the example, as written. The
crates share one scratch workspace and the repository's target folder; a `[patch]`
points `certifier-error` and `certifier-error-macros` at this checkout, and the
repository's lockfile seeds the scratch one, so the examples build against the same
versions as the tests.

Each crate is built on its own (`cargo rustc -p <crate>`): building them together would
unify their features, and an example that forgot `features = ["axum"]` would pass
because another one asked for it. Warnings in an example are errors, except `dead_code`:
an example shows a type's variants without constructing each of them.

    scripts/check-readme.py [--readme README.md] [--keep-going]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FENCE = re.compile(r"^```(\S*)\s*$")


def examples(readme: Path):
    """Yields (line, toml, rust) for each Rust example to build, in README order."""
    lines = readme.read_text(encoding="utf-8").splitlines()
    toml = None
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        info = [word.strip() for word in fence.group(1).split(",") if word.strip()]
        start = i + 1
        end = start
        while end < len(lines) and lines[end] != "```":
            end += 1
        if end == len(lines):
            sys.exit(f"{readme}:{i + 1}: a code block that never ends")
        body = "\n".join(lines[start:end]) + "\n"
        language = info[0] if info else ""
        if language == "toml":
            toml = (i + 1, body)
        elif language == "rust" and not {"compile_fail", "ignore"} & set(info[1:]):
            yield i + 1, toml, body
        i = end + 1


def manifest(name: str, toml: str) -> str:
    return (
        "[package]\n"
        f'name = "{name}"\n'
        'version = "0.0.0"\n'
        'edition = "2024"\n'
        "publish = false\n\n"
        f"{toml}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readme", type=Path, default=ROOT / "README.md")
    parser.add_argument("--keep-going", action="store_true", help="build all, then report")
    args = parser.parse_args()

    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")).resolve()
    scratch = target / "readme-examples"
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)

    crates = []
    for line, toml, rust in examples(args.readme):
        where = f"{args.readme.name}:{line}"
        if toml is None:
            sys.exit(f"{where}: a Rust example with no ```toml block above it")
        if not re.search(r"^(async )?fn main\(", rust, re.M):
            sys.exit(f"{where}: a Rust example must be a whole `src/main.rs`, with `fn main`")
        name = f"readme-line-{line}"
        crate = scratch / name
        (crate / "src").mkdir(parents=True)
        (crate / "Cargo.toml").write_text(manifest(name, toml[1]), encoding="utf-8")
        (crate / "src" / "main.rs").write_text(rust, encoding="utf-8")
        crates.append((name, where, toml[0]))

    members = "".join(f'    "{name}",\n' for name, _, _ in crates)
    (scratch / "Cargo.toml").write_text(
        "[workspace]\n"
        'resolver = "3"\n'
        f"members = [\n{members}]\n\n"
        "[patch.crates-io]\n"
        f'certifier-error = {{ path = "{ROOT / "runtime"}" }}\n'
        f'certifier-error-macros = {{ path = "{ROOT / "macros"}" }}\n',
        encoding="utf-8",
    )
    shutil.copy(ROOT / "Cargo.lock", scratch / "Cargo.lock")

    failed = []
    started = time.monotonic()
    for name, where, toml_line in crates:
        print(f"--- {where} (dependencies from line {toml_line})", flush=True)
        command = [
            "cargo", "rustc", "--quiet",
            "--manifest-path", str(scratch / "Cargo.toml"),
            "--target-dir", str(target),
            "-p", name, "--bin", name,
            "--", "-D", "warnings", "-A", "dead_code",
        ]
        if subprocess.run(command).returncode != 0:
            failed.append(where)
            if not args.keep_going:
                break
    elapsed = time.monotonic() - started

    if failed:
        print(f"README examples that do not build as pasted: {', '.join(failed)}")
        return 1
    print(f"{len(crates)} README examples build as pasted ({elapsed:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
