#!/usr/bin/env bash
# Paired comparison of AssumeRole throughput between two builds, for a change whose effect is
# smaller than the machine's drift: whole load.sh runs of one build here moved by 30% from one
# run to the next, so both servers run at once and wrk alternates short runs between them.
# Prints every pair and the median of the pairs' ratios (B/A) for requests/s and server CPU per
# request.
# Usage: bench/pair.sh A_CHECKOUT [B_CHECKOUT]   (B defaults to this checkout; both built, e.g.
#        ./mvnw -q -pl cli,bench -am package -DskipTests in each, and each started once so that
#        its launcher has trained its class cache)
# Needs: wrk, /usr/bin/aws, curl, python3. PAIRS=10 SECONDS_EACH=5 WARMUP=20 CONNECTIONS=64.
# DELAY=MS paces each connection (a mean delay between its requests, fractional allowed), for
# comparing latency below the peak: the p99 columns and their median ratio are the result then.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
a_root="$(cd "$1" && pwd)"; b_root="$(cd "${2:-$here}" && pwd)"
PAIRS="${PAIRS:-10}"; SECONDS_EACH="${SECONDS_EACH:-5}"; WARMUP="${WARMUP:-20}"; CONNECTIONS="${CONNECTIONS:-64}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$(mktemp -d)"; pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"

start() { # name root -> $work/name.{port,pid,lua}
  local name=$1 root=$2 port d form
  port="$(free_port)"; d="$work/$name-data"
  "$root/stint" server --port "$port" --data-dir "$d" 2>"$work/$name.log" &
  pids+=("$!"); echo "$!" >"$work/$name.pid"; echo "$port" >"$work/$name.port"
  await_ready "$port" 600 0.05 || true
  read_admin "$d"
  form="$(assume_form "$(create_bench_role "http://127.0.0.1:$port")")"
  STINT_BENCH_SECRET="$admin_secret" "$JAVA" -cp "$here/bench/target/benchmarks.jar" dev.stint.bench.http.WrkScript \
    "http://127.0.0.1:$port" sts "$form" "$admin_key" env:STINT_BENCH_SECRET ${DELAY:+- "$DELAY"} >"$work/$name.lua"
}
# One run against server $1: prints "requests/s server-CPU-microseconds-per-request p99-ms".
run() {
  local pid port t0 t1 result rps p99
  pid="$(cat "$work/$1.pid")"; port="$(cat "$work/$1.port")"
  t0="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  result="$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -s "$work/$1.lua" "http://127.0.0.1:$port/" | grep '^RESULT')"
  t1="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
  rps="$(sed -n 's/.*rps=\([0-9.]*\).*/\1/p' <<<"$result")"; p99="$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$result")"
  python3 -c "print($rps, round(($t1 - $t0) / 100 * 1e6 / ($rps * $SECONDS_EACH), 1), $p99)"
}

start A "$a_root"; start B "$b_root"
for s in A B; do
  wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$work/$s.lua" "http://127.0.0.1:$(cat "$work/$s.port")/" >/dev/null
done
: >"$work/pairs"
for ((i = 1; i <= PAIRS; i++)); do
  if ((i % 2)); then read -r ra ca pa < <(run A); read -r rb cb pb < <(run B)
  else read -r rb cb pb < <(run B); read -r ra ca pa < <(run A); fi
  echo "$ra $ca $pa $rb $cb $pb" | tee -a "$work/pairs"
done
python3 - "$work/pairs" "$a_root" "$b_root" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
print(f"A = {sys.argv[2]}\nB = {sys.argv[3]}")
print("columns: A requests/s, A CPU us/request, A p99 ms, then the same for B")
print(f"median B/A requests/s: {statistics.median(r[3] / r[0] for r in rows):.3f}")
print(f"median B/A server CPU per request: {statistics.median(r[4] / r[1] for r in rows):.3f}")
print(f"median B/A p99: {statistics.median(r[5] / r[2] for r in rows):.3f}"
      f" (median p99 A {statistics.median(r[2] for r in rows):.2f} ms, B {statistics.median(r[5] for r in rows):.2f} ms)")
PY
