#!/usr/bin/env bash
# Shared by fanout.sh and client.sh: builds the benchmarks jar (unless SKIP_BUILD=1), raises the
# open-files limit as far as allowed, and runs the given coordinator class with the options passed
# through, bounded to SUITE_TIMEOUT seconds (default 1800, 30 minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
coordinator="$1"
shift
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  mvn -B -o -q -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
export SSEKIT_NOFILE="$(ulimit -n)"
echo "open files limit: $SSEKIT_NOFILE; uptime: $(uptime)"
exec timeout --kill-after=30 "${SUITE_TIMEOUT:-1800}" java -Xmx256m -cp benchmarks/target/benchmarks.jar \
  "$coordinator" "$@"
