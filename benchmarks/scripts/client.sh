#!/usr/bin/env bash
# Client benchmark: N concurrent streams of ssekit, OkHttp SSE and LaunchDarkly EventSource against one
# server, in separate JVMs. Builds the benchmarks jar, raises the open-files limit as far as allowed, runs the suite and
# writes benchmarks/results/client.md. Options are passed through (--key=value), for example
#   benchmarks/scripts/client.sh --reps=1 --plan=ssekit:1000
# Run from anywhere; takes about 10 minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  mvn -B -o -q -Pbenchmarks -pl benchmarks -am package -DskipTests
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
export SSEKIT_NOFILE="$(ulimit -n)"
echo "open files limit: $SSEKIT_NOFILE; uptime: $(uptime)"
exec timeout --kill-after=30 1800 java -Xmx256m -cp benchmarks/target/benchmarks.jar \
  dev.ssekit.benchmarks.client.ClientCoordinator "$@"
