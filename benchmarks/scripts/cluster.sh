#!/usr/bin/env bash
# Several nodes on Redis: the fan-out driver with K server JVMs sharing one Redis event log (a
# redis-server child process per run, no persistence) against one node, in four parts (flat, paced,
# scale, failover). Builds the benchmarks jar, raises the open-files limit as far as allowed, runs
# the suite and writes benchmarks/results/cluster.md. Options are passed through (--key=value), for
# example a small smoke run:
#   benchmarks/scripts/cluster.sh --reps=1 --flatN=300 --pacedN=300 --paced=50 --scalePerNode=100 \
#     --scaleEvents=10 --failoverN=300 --failoverPaced=100 --killAfter=5 --out=/tmp/cluster.md
# Needs redis-server (Debian: apt-get install redis-server). Takes about 30 minutes with the
# defaults, bounded to one hour.
export SUITE_TIMEOUT="${SUITE_TIMEOUT:-3600}"
exec "$(dirname "$0")/run-suite.sh" dev.ssekit.benchmarks.fanout.ClusterCoordinator "$@"
