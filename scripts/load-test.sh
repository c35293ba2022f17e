#!/usr/bin/env bash
# Bounded load test of the envelope layers, against 127.0.0.1 only.
#
#   scripts/load-test.sh [--duration 60] [--rounds 3] [--round-seconds 5] [--connections 32]
#
# 1. Mixed load: the `axum_server` and `actix_server` examples in turn, each for
#    --duration seconds under wrk with scripts/load-test/mix.lua (successes, the crate's
#    errors, bare statuses, panics and timeouts, with a 50 ms request timeout). Reports
#    the requests served, the error answers that are not an envelope ending with the
#    answer's request id (must be 0), and the server's resident memory before and after.
# 2. Success-path overhead: benches' `overhead_server` without the layer, with it, and
#    with request ids, interleaved (--rounds rounds of --round-seconds each), per
#    framework; reports throughput and p99 latency of each and the ratios to "off".
#
# Installs wrk (Debian's package) if it is missing. Every server and wrk run stops by
# itself; the servers are stopped when the script exits.
set -euo pipefail
cd "$(dirname "$0")/.."

duration=60
rounds=3
round_seconds=5
connections=32
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) duration="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --round-seconds) round_seconds="$2"; shift 2 ;;
        --connections) connections="$2"; shift 2 ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

if ! command -v wrk >/dev/null; then
    echo "==> installing wrk"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi

echo "==> building the servers (release)"
cargo build --release --quiet -p certifier-error --features axum,actix-web,tracing \
    --example axum_server --example actix_server
cargo build --release --quiet -p certifier-error-benches --bin overhead_server
target=target/release

servers=()
stop_servers() {
    for pid in "${servers[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    servers=()
}
trap stop_servers EXIT

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# Waits until 127.0.0.1:$1 accepts connections (at most 30 s) while process $2 lives.
wait_for_port() {
    for _ in $(seq 300); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# Starts "$@ PORT" on the next free port (trying a few, in case one is taken); sets
# `pid` and `port`.
start_server() {
    for _ in 1 2 3 4 5; do
        port=$((port + 1))
        "$@" "$port" >/dev/null 2>&1 &
        pid=$!
        servers+=("$pid")
        if wait_for_port "$port" "$pid"; then return 0; fi
        stop_servers
    done
    echo "could not start $*" >&2
    return 1
}

port=38400
samples=$(mktemp)
echo
echo "==> mixed load, ${duration} s per framework, ${connections} connections"
export REQUEST_TIMEOUT_MS=50
for example in axum_server actix_server; do
    start_server "$target/examples/$example"
    before=$(rss_kib "$pid")
    # The resident memory every tenth of the run: growth that levels off is the
    # allocator's working set, growth that does not is a leak.
    (for _ in $(seq 10); do sleep "$((duration / 10))"; rss_kib "$pid"; done) >"$samples" 2>/dev/null &
    sampler=$!
    result=$(wrk --threads 1 --connections "$connections" --duration "${duration}s" --timeout 5s \
        --script scripts/load-test/mix.lua "http://127.0.0.1:$port" | grep '^RESULT')
    wait "$sampler" || true
    after=$(rss_kib "$pid")
    echo "$example: ${result#RESULT } rss_before_kib=$before rss_after_kib=$after"
    echo "$example: rss_kib every $((duration / 10)) s: $(tr '\n' ' ' <"$samples")"
    stop_servers
done
unset REQUEST_TIMEOUT_MS

echo
echo "==> success-path overhead: GET /ok, ${rounds} interleaved rounds of ${round_seconds} s"
runs=$(mktemp)
for framework in axum actix; do
    for round in $(seq "$rounds"); do
        for layer in off on ids; do
            start_server "$target/overhead_server" "$framework" "$layer"
            # A short warm-up, then the measured run.
            wrk --threads 1 --connections "$connections" --duration 1s "http://127.0.0.1:$port/ok" >/dev/null
            result=$(wrk --threads 1 --connections "$connections" --duration "${round_seconds}s" \
                --script scripts/load-test/ok.lua "http://127.0.0.1:$port/ok" | grep '^RESULT')
            echo "$framework $layer round=$round ${result#RESULT }" | tee -a "$runs"
            stop_servers
        done
    done
done
python3 - "$runs" <<'SUMMARY'

import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    framework, layer = line.split()[:2]
    fields = dict(re.findall(r"(\w+)=([\d.]+)", line))
    rows.setdefault((framework, layer), []).append(
        (float(fields["requests"]) / float(fields["seconds"]), float(fields["p99_us"])))
print()
print("| framework | layer | requests/s (median) | p99 µs (median) | throughput / off | p99 / off |")
print("|---|---|---|---|---|---|")
for framework in ("axum", "actix"):
    base = rows[(framework, "off")]
    base_rps = statistics.median(r for r, _ in base)
    base_p99 = statistics.median(p for _, p in base)
    for layer in ("off", "on", "ids"):
        runs = rows[(framework, layer)]
        rps = statistics.median(r for r, _ in runs)
        p99 = statistics.median(p for _, p in runs)
        print(f"| {framework} | {layer} | {rps:,.0f} | {p99:,.0f} | {rps / base_rps:.3f} | {p99 / base_p99:.3f} |")
SUMMARY
rm -f "$runs" "$samples"
