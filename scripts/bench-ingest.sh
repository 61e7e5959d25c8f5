#!/usr/bin/env bash
# Ingest API benchmark (issue 14), in one JVM with the embedded broker:
#   a) events/s accepted through POST /v1/events in batches of 100 by 8 concurrent keep-alive HTTP
#      clients, next to the raw Java producer (EventPublisher) writing the same events, alternating rounds;
#   b) a single-event POST at a steady 1,000 requests/s, open loop, latency from each request's intended
#      send time: p50/p99/max over 30 s after a 10 s warm-up.
# Usage: scripts/bench-ingest.sh [--key=value ...]    (--help lists the options, e.g. --clients=4 --rate=500)
# JVM options of the bench JVM can be added with BENCH_JAVA_OPTS; nothing else heavy should run meanwhile.
set -euo pipefail
# shellcheck source=scripts/bench-jvm.sh
. "$(dirname "${BASH_SOURCE[0]}")/bench-jvm.sh"
bench_run ingest-api 1g dev.pulse.ingest.bench.IngestBench "$@"
