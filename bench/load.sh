#!/usr/bin/env bash
# HTTP load benchmark of the token service, with its baselines measured in the same run:
#   stint AssumeRole, stint GetCallerIdentity signed with session credentials,
#   moto_server AssumeRole (the nearest open-source STS), and a trivial endpoint on stint's own
#   HTTP stack returning a body of the same size as stint's AssumeRole response.
# Needs: a JDK 21+ (JAVA_HOME or the launcher's search), wrk, /usr/bin/aws, moto_server, curl.
# Usage: bench/load.sh            (DURATION=15 CONNECTIONS=64 THREADS=2 WARMUP=30 RUNS=5 by default)
# 64 connections: at 32, AssumeRole left a quarter of the machine idle while its requests waited
# for their audit record's disk sync, so the run measured latency rather than the peak. Five runs:
# a run's rate here moves by up to 25% from one to the next, and a median of three followed it.
# Every run is preceded by WARMUP seconds of the same load, not counted: the JIT compiles the hot
# paths of a fresh JVM for about that long, and on two cores the compiler competes with the server.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
cd "$root"
DURATION="${DURATION:-15}"
RUNS="${RUNS:-5}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-30}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
say() { printf '%s\n' "$*" >&2; }
# shellcheck source=bench/common.sh
. "$root/bench/common.sh"
wait_http() { for _ in $(seq 1 300); do curl -s -o /dev/null "$1" && return 0; sleep 0.05; done; say "no answer from $1"; exit 1; }
# One measured run: prints wrk's RESULT line.
one_run() { wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$1" "$2" | grep '^RESULT' | sed 's/^RESULT //'; }
warm_up() { [ "$WARMUP" -le 0 ] || wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$1" "$2" >/dev/null; }
# The run with the median rate of the RESULT lines given, followed by runs=R1/R2/... (every run's
# rate). Rates here vary by up to 15% from run to run.
summarize() {
  local median all
  median="$(printf '%s\n' "$@" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^rps=/) print substr($i, 5), $0 }' \
    | sort -n | sed -n "$((($# + 1) / 2))p" | cut -d' ' -f2-)"
  all="$(printf '%s\n' "$@" | sed -n 's/.*rps=\([0-9]*\).*/\1/p' | paste -sd/)"
  printf '%s runs=%s\n' "$median" "$all"
}
# One warm-up, then RUNS measured runs back to back; prints summarize's line.
run_wrk() {
  warm_up "$1" "$2"
  local lines=() i
  for ((i = 0; i < RUNS; i++)); do lines+=("$(one_run "$1" "$2")"); done
  summarize "${lines[@]}"
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
runs() { sed -n 's/.*runs=\([0-9/]*\).*/\1/p' <<<"$1"; }

say "building"
./mvnw -q -B -pl cli,bench -am package -DskipTests
bench_cp="bench/target/benchmarks.jar"

# 1. stint, started as a user starts it (./stint server: the launcher's JVM flags and class
#    cache), timed until /readyz answers 200: once on an empty data directory (the first start
#    creates the administrator, Argon2 included), once more on the same directory (a restart).
#    A throwaway start first lets the launcher train its class cache if this build has none yet.
start_stint() { # data-dir -> sets stint_pid, port, ready_ms
  port="$(free_port)"
  local t0; t0=$(date +%s%N)
  STINT_JAVA_OPTS="${SERVER_JAVA_OPTS:-}" ./stint server --port "$port" --data-dir "$1" 2>>"$work/stint.log" &
  stint_pid=$!; pids+=("$stint_pid")
  await_ready "$port" || true
  ready_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop_stint() { kill "$stint_pid"; wait "$stint_pid" 2>/dev/null || true; }
start_stint "$work/throwaway"; stop_stint
for _ in $(seq 1 600); do
  [ -n "$(find cli/target -maxdepth 1 -name 'stint-server-jdk*' -newer cli/target/stint-cli.jar)" ] && break
  sleep 0.1
done
start_stint "$work/data"; stop_stint; first_ready_ms=$ready_ms
start_stint "$work/data"
endpoint="http://127.0.0.1:$port"
read_admin "$work/data"
key="$admin_key"
export STINT_BENCH_SECRET="$admin_secret"
role_arn="$(create_bench_role "$endpoint")"
assume_form="$(assume_form "$role_arn")"
"$JAVA" -cp "$bench_cp" dev.stint.bench.http.WrkScript "$endpoint" sts "$assume_form" "$key" env:STINT_BENCH_SECRET > "$work/assume.lua"
read -r skey ssecret stoken < <(aws_admin "$endpoint" sts assume-role --role-arn "$role_arn" --role-session-name gci \
  --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]')
export STINT_BENCH_SESSION_SECRET="$ssecret"
"$JAVA" -cp "$bench_cp" dev.stint.bench.http.WrkScript "$endpoint" sts "Action=GetCallerIdentity&Version=2011-06-15" \
  "$skey" env:STINT_BENCH_SESSION_SECRET "$stoken" > "$work/gci.lua"
mapfile -t curl_args < <(WRK_SCRIPT_FORMAT=curl "$JAVA" -cp "$bench_cp" dev.stint.bench.http.WrkScript \
  "$endpoint" sts "$assume_form" "$key" env:STINT_BENCH_SECRET)
body_bytes="$(curl -s -X POST "$endpoint/" "${curl_args[@]}" | wc -c)"

# 2. stint's AssumeRole and the trivial endpoint on the same stack, their runs alternated: the
#    machine's speed drifts by 10 to 30% within minutes, and measured one after the other their
#    ratio carried that drift. The ratio reported is the median of each pair's.
tport="$(free_port)"
"$JAVA" -cp "$bench_cp" dev.stint.bench.http.TrivialServer "$tport" "$body_bytes" 2>/dev/null &
pids+=("$!"); wait_http "http://127.0.0.1:$tport/"
say "stint AssumeRole and the trivial endpoint, alternating"
warm_up "$work/assume.lua" "$endpoint/"
warm_up "$work/assume.lua" "http://127.0.0.1:$tport/"
assume_runs=(); trivial_runs=(); pair_ratios=()
for ((i = 0; i < RUNS; i++)); do
  assume_runs+=("$(one_run "$work/assume.lua" "$endpoint/")")
  trivial_runs+=("$(one_run "$work/assume.lua" "http://127.0.0.1:$tport/")")
  pair_ratios+=("$(python3 -c "print($(field rps "${assume_runs[i]}") / $(field rps "${trivial_runs[i]}"))")")
done
assume="$(summarize "${assume_runs[@]}")"
trivial="$(summarize "${trivial_runs[@]}")"
pair_ratio="$(printf '%s\n' "${pair_ratios[@]}" | python3 -c 'import statistics, sys; print(f"{statistics.median(float(l) for l in sys.stdin):.2f}")')"
say "stint GetCallerIdentity (session credentials)"
gci="$(run_wrk "$work/gci.lua" "$endpoint/")"
peak="$(field rps "$assume")"
# Half the peak rate: each connection waits a delay between its requests, so it sends one per
# (delay + latency); the latency at that rate is learned from a short calibration run at a first
# guess that ignores it, and the delay is set so that CONNECTIONS / (delay + latency) = peak / 2.
half_lua() { "$JAVA" -cp "$bench_cp" dev.stint.bench.http.WrkScript "$endpoint" sts "$assume_form" "$key" env:STINT_BENCH_SECRET - "$1" > "$work/assume-half.lua"; }
delay="$(python3 -c "print(f'{2 * $CONNECTIONS * 1000 / $peak:.2f}')")"
half_lua "$delay"
say "stint AssumeRole: calibrating the delay for half the peak rate"
probe="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d10s -s "$work/assume-half.lua" "$endpoint/" | sed -n 's/^RESULT //p')"
delay="$(python3 -c "
c, peak, d, r = $CONNECTIONS, $peak, $delay, $(field rps "$probe")
latency = c * 1000 / r - d
print(f'{max(0.1, 2 * c * 1000 / peak - latency):.2f}')")"
half_lua "$delay"
say "stint AssumeRole at half the peak rate"
# The server's own view of the same runs: its request timer's histogram (routing to response sent),
# read before and after, gives the share of those requests that it served within 10 ms.
assume_bucket() { curl -s "$endpoint/metrics" | sed -n "s/^stint_http_requests_seconds_bucket{action=\"AssumeRole\",status=\"200\",le=\"$1\"} \([0-9.E+]*\)$/\1/p"; }
before_10="$(assume_bucket 0.01)"; before_all="$(assume_bucket +Inf)"
half="$(WARMUP=0 run_wrk "$work/assume-half.lua" "$endpoint/")"
server_within_10="$(python3 -c "print(f'{100 * ($(assume_bucket 0.01) - $before_10) / ($(assume_bucket +Inf) - $before_all):.2f}')")"
rss_kb="$(sed -n 's/^VmHWM:\s*\([0-9]*\) kB/\1/p' "/proc/$stint_pid/status")"
stop_stint


# 3. moto_server's AssumeRole (it checks no signature; the same request is fine).
mport="$(free_port)"
moto_server -H 127.0.0.1 -p "$mport" >/dev/null 2>&1 &
pids+=("$!"); wait_http "http://127.0.0.1:$mport/"
say "moto_server AssumeRole"
moto="$(run_wrk "$work/assume.lua" "http://127.0.0.1:$mport/")"

ratio() { python3 -c "print(f'{$1 / $2:.2f}')"; }
cat <<TABLE
| run (${THREADS} wrk threads, ${CONNECTIONS} connections, median of ${RUNS} runs of ${DURATION} s after ${WARMUP} s warm-up) | requests/s | p50 ms | p99 ms | non-2xx | every run, requests/s |
|---|---:|---:|---:|---:|---|
| stint AssumeRole | $(field rps "$assume") | $(field p50_ms "$assume") | $(field p99_ms "$assume") | $(field non2xx "$assume") | $(runs "$assume") |
| stint GetCallerIdentity, session credentials | $(field rps "$gci") | $(field p50_ms "$gci") | $(field p99_ms "$gci") | $(field non2xx "$gci") | $(runs "$gci") |
| stint AssumeRole at half peak ($(ratio "$(field rps "$half")" "$peak")x of it; delay ${delay} ms) | $(field rps "$half") | $(field p50_ms "$half") | $(field p99_ms "$half") | $(field non2xx "$half") | $(runs "$half") |
| baseline: trivial endpoint, ${body_bytes}-byte body | $(field rps "$trivial") | $(field p50_ms "$trivial") | $(field p99_ms "$trivial") | $(field non2xx "$trivial") | $(runs "$trivial") |
| baseline: moto_server AssumeRole | $(field rps "$moto") | $(field p50_ms "$moto") | $(field p99_ms "$moto") | $(field non2xx "$moto") | $(runs "$moto") |

- AssumeRole vs moto: $(ratio "$(field rps "$assume")" "$(field rps "$moto")")x
- AssumeRole vs trivial endpoint: ${pair_ratio}x (median of the alternated pairs' ratios; of the medians: $(ratio "$(field rps "$assume")" "$(field rps "$trivial")")x); GetCallerIdentity vs trivial: $(ratio "$(field rps "$gci")" "$(field rps "$trivial")")x
- at half peak, the server's own timer (routing to response sent) served ${server_within_10}% of AssumeRole requests within 10 ms
- stint peak RSS (VmHWM): $((rss_kb / 1024)) MB; ready (launch to /readyz 200): first start ${first_ready_ms} ms, restart ${ready_ms} ms
TABLE
