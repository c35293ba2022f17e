#!/usr/bin/env bash
# Compile-time cost of the derive against thiserror plus a hand-written serde impl, for
# enums of 10, 100 and 1000 variants. See benches/compile-time/run.py for what is timed.
#
#   scripts/compile-time.sh [--sizes 10,100,1000] [--runs 3] [--dir /tmp/certifier-compile-time]
#                           [--instructions]   (needs valgrind; counts rebuilds and clean builds)
set -euo pipefail
cd "$(dirname "$0")/.."
exec python3 benches/compile-time/run.py "$@"
