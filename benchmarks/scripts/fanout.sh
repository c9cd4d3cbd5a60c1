#!/usr/bin/env bash
# Fan-out benchmark: ssekit EventHub vs Jersey SseBroadcaster, server and load client in separate
# JVMs. Builds the benchmarks jar, raises the open-files limit as far as allowed, runs the suite and
# writes benchmarks/results/fanout.md. Options are passed through (--key=value), for example
#   benchmarks/scripts/fanout.sh --reps=1 --n=1000 --bigN=
# Run from anywhere; takes about 10 minutes with the defaults.
exec "$(dirname "$0")/run-suite.sh" dev.ssekit.benchmarks.fanout.FanoutCoordinator "$@"
