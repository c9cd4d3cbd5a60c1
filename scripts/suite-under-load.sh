#!/usr/bin/env bash
# Runs the whole test suite several times in a row while busy loops keep every core at 100%, as
# a loaded CI machine would. Stops at the first failing run and keeps its log.
#
#   scripts/suite-under-load.sh [runs] [extra mvn args...]     (default: 10 runs)
#
# The busy loops end with this script (and after two hours in any case).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
shift || true
logs=target/suite-under-load
mkdir -p "$logs"

busy=()
cleanup() { [ ${#busy[@]} -eq 0 ] || kill "${busy[@]}" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq "$(nproc)"); do
  timeout 7200 sh -c 'while :; do :; done' &
  busy+=("$!")
done
echo "busy loops: ${busy[*]} on $(nproc) cores"

for i in $(seq "$runs"); do
  start=$(date +%s)
  if mvn -B -o verify -Dmaven.javadoc.skip=true "$@" >"$logs/run-$i.log" 2>&1; then
    tests=$(awk -F'[ ,]+' '/^\[INFO\] Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: [0-9]+$/ {s += $4}
      END {print s + 0}' "$logs/run-$i.log")
    echo "run $i/$runs: passed, $tests tests, $(( $(date +%s) - start )) s, load $(cut -d' ' -f1-3 /proc/loadavg)"
  else
    echo "run $i/$runs: FAILED after $(( $(date +%s) - start )) s; see $logs/run-$i.log"
    grep -E 'FAIL|Tests run:.*(Failures|Errors): [1-9]' "$logs/run-$i.log" | head -20 || true
    exit 1
  fi
done
echo "$runs runs in a row passed under load"
