#!/usr/bin/env bash
# Paired comparison of start-up time between two built checkouts: `./stint server` to the first
# /readyz 200, on an empty data directory (first start) and again on the same one (restart),
# alternating A and B so that both see the same moments of a machine whose speed drifts.
# Prints every pair, then each side's medians and the median of the paired differences (B - A).
# Usage: bench/start-pair.sh A_CHECKOUT [B_CHECKOUT] (B defaults to this checkout; both built and
#        each started once, so that its launcher has trained its class cache). ROUNDS=14.
# Needs: curl, python3.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
a_root="$(cd "$1" && pwd)"; b_root="$(cd "${2:-$here}" && pwd)"
ROUNDS="${ROUNDS:-14}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"
ready_ms() { # root data-dir -> ms from launch to /readyz 200
  local port t0 pid
  port="$(free_port)"; t0=$(date +%s%N)
  "$1/stint" server --port "$port" --data-dir "$2" >/dev/null 2>&1 &
  pid=$!
  await_ready "$port" || true
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
: >"$work/pairs"
for ((i = 1; i <= ROUNDS; i++)); do
  row=()
  for root in "$a_root" "$b_root"; do
    d="$(mktemp -d "$work/data.XXXXXX")"
    row+=("$(ready_ms "$root" "$d")" "$(ready_ms "$root" "$d")")
  done
  echo "${row[*]}" | tee -a "$work/pairs"
done
python3 - "$work/pairs" "$a_root" "$b_root" <<'PY'
import statistics, sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1])]
print(f"A = {sys.argv[2]}\nB = {sys.argv[3]}\ncolumns: A first start, A restart, B first start, B restart (ms)")
for name, a, b in (("first start", 0, 2), ("restart", 1, 3)):
    print(f"{name}: median A {statistics.median(r[a] for r in rows)} ms, B {statistics.median(r[b] for r in rows)} ms,"
          f" median of B - A {statistics.median(r[b] - r[a] for r in rows)} ms, B faster in {sum(r[b] < r[a] for r in rows)} of {len(rows)}")
PY
