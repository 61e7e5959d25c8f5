#!/usr/bin/env bash
# Stream processor benchmark, in one run on an embedded broker (its own JVM by default):
#   a) plain consume->produce pipe (baseline), d) one-store EOS count (reference),
#   b) the whole topology with exactly_once_v2 (events/s and the ratio to a),
#   c) latency from produce acknowledgement to the notification being visible to a
#      read_committed consumer, at a fixed rate.
# Usage: scripts/bench-processor.sh [--key=value ...]    (--help lists the options, e.g.
#        --events=50000 --pipe=100000 --latency-seconds=10 --commit-interval-ms=20 --threads=2,
#        --mix=inbox for inbox actions and retractions, --variants=rocksdb,memory for inbox stores in memory)
# JVM options of the bench JVM can be added with BENCH_JAVA_OPTS; nothing else heavy should run meanwhile.
set -euo pipefail
# shellcheck source=scripts/bench-jvm.sh
. "$(dirname "${BASH_SOURCE[0]}")/bench-jvm.sh"
bench_run stream-processor 1g dev.pulse.processor.bench.ProcessorBench "$@"
