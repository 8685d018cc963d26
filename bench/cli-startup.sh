#!/usr/bin/env bash
# Cold start of `stint credential-process` beside the AWS CLI v2 doing the same job, in one run:
#   ./stint credential-process --profile bench
#   /usr/bin/aws configure export-credentials --profile bench --format process
# `bench` is an assume-role profile whose credentials are in the AWS CLI cache (~/.aws/cli/cache),
# valid for hours, so both read the same cache entry and neither calls STS (a closed proxy port
# makes sure of it). Wall time of whole processes, as an AWS SDK running credential_process sees
# it: the launcher (./stint, with its class cache warm), the JVM, the command.
# Needs: a JDK 21+ (JAVA_HOME or the launcher's search), /usr/bin/aws, hyperfine (Debian package).
# Usage: bench/cli-startup.sh              (RUNS=40 WARMUP=5 by default)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
RUNS="${RUNS:-40}"
WARMUP="${WARMUP:-5}"
say() { printf '%s\n' "$*" >&2; }
command -v hyperfine >/dev/null || { say "needs hyperfine (apt-get install hyperfine)"; exit 1; }
[ -x /usr/bin/aws ] || { say "needs the AWS CLI v2 at /usr/bin/aws (apt-get install awscli)"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
role=arn:aws:iam::123456789012:role/bench
mkdir -p "$work/.aws/cli/cache"
printf '[profile bench]\nrole_arn = %s\nsource_profile = base\nrole_session_name = bench\n' "$role" \
  >"$work/.aws/config"
printf '[base]\naws_access_key_id = AKIABENCHBENCHBENCH1\naws_secret_access_key = base\n' \
  >"$work/.aws/credentials"
# The AWS CLI's cache file name: SHA-1 of json.dumps of the AssumeRole arguments, keys sorted.
key="$(printf '{"RoleArn": "%s", "RoleSessionName": "bench"}' "$role" | sha1sum)"
expires="$(date -u -d '+6 hours' +%Y-%m-%dT%H:%M:%SZ)"
printf '{"Credentials": {"AccessKeyId": "ASIABENCHBENCHBENCH1", "SecretAccessKey": "benchsecret", "SessionToken": "benchtoken", "Expiration": "%s"}, "AssumedRoleUser": {"AssumedRoleId": "AROABENCH:bench", "Arn": "arn:aws:sts::123456789012:assumed-role/bench/bench"}}' \
  "$expires" >"$work/.aws/cli/cache/${key%% *}.json"

export HOME="$work" AWS_CONFIG_FILE="$work/.aws/config" AWS_SHARED_CREDENTIALS_FILE="$work/.aws/credentials"
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER="" HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN

stint_cmd="$root/stint credential-process --profile bench"
aws_cmd="/usr/bin/aws configure export-credentials --profile bench --format process"

say "building and warming the launcher's class cache"
$stint_cmd >"$work/stint.out"
for _ in $(seq 1 120); do
  ls "$root"/cli/target/stint-jdk*.[aj][os][ta] >/dev/null 2>&1 && ! pgrep -f "$root/.stint-build/training" >/dev/null && break
  sleep 1
done
$aws_cmd >"$work/aws.out"
cmp -s "$work/stint.out" "$work/aws.out" || { say "the two outputs differ:"; diff "$work/stint.out" "$work/aws.out" >&2; exit 1; }

say "timing ($RUNS runs each, $WARMUP warm-up)"
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" --export-json "$work/times.json" \
  -n stint "$stint_cmd" -n aws "$aws_cmd" >&2
python3 - "$work/times.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
s, a = r["stint"], r["aws"]
print("| command | median (ms) | mean ± σ (ms) | min (ms) | max (ms) |")
print("|---|---:|---:|---:|---:|")
for name, x in (("stint credential-process", s), ("aws configure export-credentials", a)):
    print(f"| {name} | {x['median']*1000:.0f} | {x['mean']*1000:.0f} ± {x['stddev']*1000:.0f}"
          f" | {x['min']*1000:.0f} | {x['max']*1000:.0f} |")
print(f"\nstint / aws, medians: {s['median']/a['median']:.2f}")
PY
