#!/usr/bin/env python3
"""Compile-time cost of `#[derive(CertifierError)]` against `thiserror` plus a
hand-written `Serialize`, `status()` and `code()` for the same enum.

Generates, in a scratch workspace outside the repository, one user crate per flavour
and size (10, 100 and 1000 variants by default), builds the dependencies once, then
times rebuilding each user crate alone (`touch src/lib.rs && cargo build -p NAME`,
debug profile), several times after one untimed rebuild, the two crates of a size
taking turns, in wall-clock and CPU seconds (`getrusage`, so Unix only), and prints
the medians, the ratio derive/hand, and the cost per variant between sizes (constant
per-variant cost = linear growth).

It also times a clean build of the proc-macro crates with their dependencies, in a
fresh target directory each (`certifier-error-macros` against `thiserror-impl`), as
many times as the rebuilds, the two taking turns, and counts their dependencies with
`cargo tree`. Those builds are not incremental: a dependency from a registry never is,
while cargo would build the local path of `certifier-error-macros` incrementally, which
costs its clean build about 0.4 s that no user pays.

With `--instructions` it also counts the instructions rustc executes for each rebuild
(Valgrind's callgrind, two runs each), and those of one clean build of each proc-macro
crate with its dependencies (every process together): on a shared machine, where
seconds vary by a tenth from run to run, a count that does not.

Usage: python3 benches/compile-time/run.py [--sizes 10,100,1000] [--runs 3]
                                           [--dir /tmp/certifier-compile-time]
                                           [--instructions]
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

KINDS = ("unit", "tuple", "extension", "custom")


def derive_enum(count):
    lines = [
        "use certifier_error::{CertifierError, StandardError};",
        "",
        "#[derive(Debug, CertifierError)]",
        '#[certifier(rename_all = "camelCase")]',
        "pub enum ApiError {",
        "    #[certifier(transparent)]",
        "    Common(StandardError),",
    ]
    for i in range(count - 1):
        kind = KINDS[i % len(KINDS)]
        if kind == "unit":
            lines += [
                f'    #[certifier(status = 400, code = "unit_{i}", message = "Unit error {i}.")]',
                f"    Unit{i},",
            ]
        elif kind == "tuple":
            lines += [
                f'    #[certifier(status = 404, code = "tuple_{i}", message = "`{{0}}` is unknown ({i}).")]',
                f"    Tuple{i}(String),",
            ]
        elif kind == "extension":
            lines += [
                f'    #[certifier(status = 429, code = "extension_{i}", message = "Retry in {{retry_after}} s ({i}).")]',
                f"    Extension{i} {{",
                "        #[certifier(extend)]",
                "        retry_after: u64,",
                "    },",
            ]
        else:
            lines += [
                f'    #[certifier(status = 402, code = "custom_{i}", message = "The {{plan}} plan allows {{max}} ({i}).")]',
                f"    Custom{i} {{",
                "        plan: String,",
                "        #[certifier(extend)]",
                "        max: u32,",
                "    },",
            ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def hand_enum(count):
    variants = ["    #[error(transparent)]", "    Common(StandardError),"]
    status = ["            ApiError::Common(inner) => inner.status(),"]
    code = ["            ApiError::Common(inner) => inner.code(),"]
    object = [
        "            ApiError::Common(inner) => {",
        '                let mut object = serializer.serialize_struct("Error", 2)?;',
        '                object.serialize_field("code", inner.code())?;',
        '                object.serialize_field("message", &Collect(error))?;',
        "                object.end()",
        "            }",
    ]
    for i in range(count - 1):
        kind = KINDS[i % len(KINDS)]
        if kind == "unit":
            name, pattern, http = f"Unit{i}", f"ApiError::Unit{i}", 400
            variants += [f'    #[error("Unit error {i}.")]', f"    Unit{i},"]
            members = [
                f'                object.serialize_field("message", "Unit error {i}.")?;'
            ]
            binding = pattern
        elif kind == "tuple":
            name, pattern, http = f"Tuple{i}", f"ApiError::Tuple{i}(_)", 404
            variants += [f'    #[error("`{{0}}` is unknown ({i}).")]', f"    Tuple{i}(String),"]
            members = ['                object.serialize_field("message", &Collect(error))?;']
            binding = pattern
        elif kind == "extension":
            name, pattern, http = f"Extension{i}", f"ApiError::Extension{i} {{ .. }}", 429
            variants += [
                f'    #[error("Retry in {{retry_after}} s ({i}).")]',
                f"    Extension{i} {{ retry_after: u64 }},",
            ]
            members = [
                '                object.serialize_field("message", &Collect(error))?;',
                '                object.serialize_field("retryAfter", retry_after)?;',
            ]
            binding = f"ApiError::Extension{i} {{ retry_after }}"
        else:
            name, pattern, http = f"Custom{i}", f"ApiError::Custom{i} {{ .. }}", 402
            variants += [
                f'    #[error("The {{plan}} plan allows {{max}} ({i}).")]',
                f"    Custom{i} {{ plan: String, max: u32 }},",
            ]
            members = [
                '                object.serialize_field("message", &Collect(error))?;',
                '                object.serialize_field("max", max)?;',
            ]
            binding = f"ApiError::Custom{i} {{ max, .. }}"
        code_name = name.lower().rstrip("0123456789") + f"_{i}"
        status.append(f"            {pattern} => {http},")
        code.append(f'            {pattern} => "{code_name}",')
        object += [
            f"            {binding} => {{",
            f'                let mut object = serializer.serialize_struct("Error", {len(members) + 1})?;',
            f'                object.serialize_field("code", "{code_name}")?;',
            *members,
            "                object.end()",
            "            }",
        ]
    return "\n".join(
        [
            "use certifier_error::{CertifierError, StandardError};",
            "use serde::ser::{Serialize, SerializeStruct, Serializer};",
            "",
            "#[derive(Debug, thiserror::Error)]",
            "pub enum ApiError {",
            *variants,
            "}",
            "",
            "impl ApiError {",
            "    pub fn status(&self) -> u16 {",
            "        match self {",
            *status,
            "        }",
            "    }",
            "",
            "    pub fn code(&self) -> &str {",
            "        match self {",
            *code,
            "        }",
            "    }",
            "}",
            "",
            "struct Collect<'a, T>(&'a T);",
            "",
            "impl<T: std::fmt::Display> Serialize for Collect<'_, T> {",
            "    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
            "        serializer.collect_str(self.0)",
            "    }",
            "}",
            "",
            "struct ErrorObject<'a>(&'a ApiError);",
            "",
            "impl Serialize for ApiError {",
            "    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
            '        let mut envelope = serializer.serialize_struct("Envelope", 1)?;',
            '        envelope.serialize_field("error", &ErrorObject(self))?;',
            "        envelope.end()",
            "    }",
            "}",
            "",
            "impl Serialize for ErrorObject<'_> {",
            "    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {",
            "        let error = self.0;",
            "        match error {",
            *object,
            "        }",
            "    }",
            "}",
        ]
    ) + "\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def generate(root, sizes):
    members = []
    for size in sizes:
        for flavour, source in (("derive", derive_enum), ("hand", hand_enum)):
            name = f"{flavour}_{size}"
            members.append(name)
            deps = [f'certifier-error = {{ path = "{REPO}/runtime" }}', 'serde = "1"']
            if flavour == "hand":
                deps.append('thiserror = "2"')
            write(
                os.path.join(root, name, "Cargo.toml"),
                "\n".join(
                    [
                        "[package]",
                        f'name = "{name}"',
                        'version = "0.0.0"',
                        'edition = "2021"',
                        "publish = false",
                        "",
                        "[dependencies]",
                        *deps,
                    ]
                )
                + "\n",
            )
            write(os.path.join(root, name, "src", "lib.rs"), source(size))
    # Crates that hold nothing but one proc-macro dependency each, for its clean build.
    for name, dep in (
        ("only_certifier_macros", f'certifier-error-macros = {{ path = "{REPO}/macros" }}'),
        ("only_thiserror_impl", 'thiserror-impl = "2"'),
    ):
        members.append(name)
        write(
            os.path.join(root, name, "Cargo.toml"),
            f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n{dep}\n',
        )
        write(os.path.join(root, name, "src", "lib.rs"), "")
    listed = ", ".join(f'"{member}"' for member in members)
    write(os.path.join(root, "Cargo.toml"), f'[workspace]\nresolver = "2"\nmembers = [{listed}]\n')


def cargo(root, *args, target=None, quiet=True, incremental=True, wrapper=()):
    env = dict(os.environ)
    env["CARGO_TARGET_DIR"] = target or os.path.join(root, "target")
    env.pop("RUSTFLAGS", None)
    if not incremental:
        env["CARGO_INCREMENTAL"] = "0"
    # A compiler wrapper (sccache) would compile outside this process tree, where the CPU
    # time is not counted, and would answer rebuilds from its cache.
    env.pop("RUSTC_WRAPPER", None)
    start = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [*wrapper, "cargo", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE if quiet else None,
        stderr=subprocess.STDOUT if quiet else None,
        text=True,
    )
    elapsed = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        sys.exit(f"cargo {' '.join(args)} failed:\n{result.stdout}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, result.stdout, cpu


def rebuild_times(root, names, runs):
    """Wall-clock and CPU seconds (user + system, cargo and rustc together) of each
    crate's rebuild, the crates taking turns so that other load falls on all alike."""
    wall = {name: [] for name in names}
    cpu = {name: [] for name in names}
    # The first rebuild after a fresh build takes several times as long as the next
    # ones (2.3 s against 0.6 s for the derive's 1,000 variants): one untimed rebuild
    # of each crate comes first, as every rebuild a developer waits for follows others.
    for name in names:
        os.utime(os.path.join(root, name, "src", "lib.rs"))
        cargo(root, "build", "-p", name)
    for run in range(runs):
        # Each crate goes first every other round, so that neither always follows the other.
        for name in names if run % 2 == 0 else reversed(names):
            os.utime(os.path.join(root, name, "src", "lib.rs"))
            elapsed, _, seconds = cargo(root, "build", "-p", name)
            wall[name].append(elapsed)
            cpu[name].append(seconds)
    return wall, cpu


# Counts the instructions of a command and of every process it starts.
CALLGRIND = ("valgrind", "--tool=callgrind", "--trace-children=yes", "--callgrind-out-file=/dev/null")


def rebuild_instructions(root, names, runs=2):
    """Instructions rustc executes to rebuild each crate (the largest count among the
    processes callgrind follows: cargo, and the one rustc)."""
    counts = {name: [] for name in names}
    for run in range(runs):
        for name in names if run % 2 == 0 else reversed(names):
            os.utime(os.path.join(root, name, "src", "lib.rs"))
            _, output, _ = cargo(
                root,
                "build",
                "-p",
                name,
                wrapper=CALLGRIND,
            )
            counts[name].append(max(collected_instructions(output)))
    return counts


def collected_instructions(output):
    """The instruction count callgrind reports for each process it followed."""
    return [
        int(line.split()[-1].replace(",", ""))
        for line in output.splitlines()
        if "Collected :" in line
    ]


def clean_build_instructions(root, name):
    """Instructions of a clean build of the crate with its dependencies, not incremental:
    every process callgrind follows (cargo, build scripts and each rustc) together."""
    fresh = os.path.join(root, "fresh", name)
    shutil.rmtree(fresh, ignore_errors=True)
    _, output, _ = cargo(
        root,
        "build",
        "-p",
        name,
        target=fresh,
        incremental=False,
        wrapper=CALLGRIND,
    )
    return sum(collected_instructions(output))


def summary(times):
    return statistics.median(times), min(times), max(times)


def count_dependencies(root, name):
    _, tree, _ = cargo(root, "tree", "-p", name, "--prefix", "none", "--edges", "normal")
    packages = {line.split(" (")[0].strip() for line in tree.splitlines() if line.strip()}
    # Leave out the scratch crate itself: what remains is the proc-macro crate and its
    # own dependencies.
    packages = {p for p in packages if p and not p.startswith(name + " ")}
    return len(packages), sorted(packages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "certifier-compile-time"))
    parser.add_argument("--instructions", action="store_true")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        sys.exit("--instructions counts with Valgrind's callgrind: install valgrind first")
    sizes = [int(size) for size in args.sizes.split(",")]
    root = args.dir
    if os.path.exists(os.path.join(root, "Cargo.toml")):
        for entry in os.listdir(root):
            path = os.path.join(root, entry)
            if entry in ("target", "Cargo.lock", "fresh"):
                continue
            if os.path.isdir(path):
                shutil.rmtree(path)
            else:
                os.remove(path)
    generate(root, sizes)

    print("## Building every user crate once (dependencies, not timed)")
    cargo(root, "build", "--workspace")

    print()
    print(f"## Rebuilding the user crate alone (debug, median of {args.runs}, seconds)")
    print()
    print("The two crates of a size take turns. CPU seconds are user + system time of")
    print("cargo and rustc together: the steadier measure on a shared machine.")
    print()
    print("| variants | measure | derive: median (min–max) | thiserror + hand serde: median (min–max) | ratio |")
    print("|---|---|---|---|---|")
    medians = {}
    for size in sizes:
        derive_name, hand_name = f"derive_{size}", f"hand_{size}"
        wall, cpu = rebuild_times(root, [derive_name, hand_name], args.runs)
        for measure, times in (("wall clock", wall), ("CPU", cpu)):
            derive, hand = summary(times[derive_name]), summary(times[hand_name])
            if measure == "wall clock":
                medians[size] = (derive[0], hand[0])
            print(
                f"| {size} | {measure} | {derive[0]:.2f} ({derive[1]:.2f}–{derive[2]:.2f}) "
                f"| {hand[0]:.2f} ({hand[1]:.2f}–{hand[2]:.2f}) | {derive[0] / hand[0]:.2f} |"
            )
    print()
    print("Growth: cost per added variant between sizes (ms per variant).")
    print()
    print("| from → to | derive | thiserror + hand serde |")
    print("|---|---|---|")
    for small, large in zip(sizes, sizes[1:]):
        per = [
            (medians[large][side] - medians[small][side]) / (large - small) * 1000
            for side in (0, 1)
        ]
        print(f"| {small} → {large} | {per[0]:.2f} | {per[1]:.2f} |")

    if args.instructions:
        print()
        print("Instructions rustc executes for the rebuild (callgrind, two runs each).")
        print()
        print("| variants | derive | thiserror + hand serde | ratio |")
        print("|---|---|---|---|")
        for size in sizes:
            derive_name, hand_name = f"derive_{size}", f"hand_{size}"
            counts = rebuild_instructions(root, [derive_name, hand_name])
            derive, hand = statistics.median(counts[derive_name]), statistics.median(counts[hand_name])
            print(f"| {size} | {derive / 1e9:.3f} G | {hand / 1e9:.3f} G | {derive / hand:.3f} |")

    print()
    print(f"## The proc-macro crates with their dependencies (clean build, median of {args.runs})")
    print()
    print("Each in a fresh target directory, not incremental (as from a registry), the two")
    print("taking turns.")
    print()
    print("| crate | wall clock: median (min–max) | CPU: median (min–max) | crates built (the macro crate and its dependencies) |")
    print("|---|---|---|---|")
    macro_crates = ("only_certifier_macros", "only_thiserror_impl")
    wall = {name: [] for name in macro_crates}
    cpu = {name: [] for name in macro_crates}
    for run in range(args.runs):
        for name in macro_crates if run % 2 == 0 else reversed(macro_crates):
            fresh = os.path.join(root, "fresh", name)
            shutil.rmtree(fresh, ignore_errors=True)
            elapsed, _, seconds = cargo(root, "build", "-p", name, target=fresh, incremental=False)
            wall[name].append(elapsed)
            cpu[name].append(seconds)
    for name in macro_crates:
        count, packages = count_dependencies(root, name)
        (w, w_min, w_max), (c, c_min, c_max) = summary(wall[name]), summary(cpu[name])
        print(
            f"| {name} | {w:.2f} ({w_min:.2f}–{w_max:.2f}) | {c:.2f} ({c_min:.2f}–{c_max:.2f}) "
            f"| {count}: {', '.join(packages)} |"
        )
    ours, theirs = (statistics.median(wall[name]) for name in macro_crates)
    ours_cpu, theirs_cpu = (statistics.median(cpu[name]) for name in macro_crates)
    print()
    print(f"Ratio: wall clock {ours / theirs:.2f}, CPU {ours_cpu / theirs_cpu:.2f}.")
    if args.instructions:
        print()
        print("Instructions of the clean builds (callgrind over cargo, the build scripts and")
        print("every rustc; one run each: the counts do not move between runs).")
        print()
        print("| crate | instructions |")
        print("|---|---|")
        counts = [clean_build_instructions(root, name) for name in macro_crates]
        for name, count in zip(macro_crates, counts):
            print(f"| {name} | {count / 1e9:.3f} G |")
        print()
        print(f"Ratio: {counts[0] / counts[1]:.3f}.")
    print()
    _, duplicates, _ = cargo(root, "tree", "--workspace", "--duplicates", "--edges", "normal")
    print("## `cargo tree --duplicates` over all user crates")
    print()
    print("```")
    lines = [
        line
        for line in duplicates.splitlines()
        if line.strip() and not line.startswith(("Blocking", "warning: nothing", "To find"))
    ]
    print("\n".join(lines) or "(no crate appears twice: one syn, one proc-macro2, one quote)")
    print("```")


if __name__ == "__main__":
    main()
