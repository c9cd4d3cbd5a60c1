#!/usr/bin/env bash
# Client benchmark: N concurrent streams of ssekit, OkHttp SSE and LaunchDarkly EventSource against one
# server, in separate JVMs. Builds the benchmarks jar, raises the open-files limit as far as allowed, runs the suite and
# writes benchmarks/results/client.md. Options are passed through (--key=value), for example
#   benchmarks/scripts/client.sh --reps=1 --plan=ssekit:1000
# Run from anywhere; takes about 10 minutes with the defaults.
exec "$(dirname "$0")/run-suite.sh" dev.ssekit.benchmarks.client.ClientCoordinator "$@"
