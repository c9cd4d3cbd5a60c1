#!/usr/bin/env bash
# Fan-out benchmark: ssekit EventHub vs Jersey SseBroadcaster, server and load client in separate
# JVMs. Builds the benchmarks jar, raises the open-files limit as far as allowed, runs the suite and
# writes benchmarks/results/fanout.md. Options are passed through (--key=value), for example
#   benchmarks/scripts/fanout.sh --reps=1 --n=1000 --bigN=
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
  dev.ssekit.benchmarks.fanout.FanoutCoordinator "$@"
