#!/usr/bin/env bash
# What the shared HTTP hardening costs per request: the same authenticated GET on a bare Helidon
# routing (bearer auth + handler) and on the full shared setup (ServiceHost.configure), alternating
# rounds in one JVM, keep-alive raw-socket clients on loopback.
# Usage: scripts/bench-http.sh [--connections=16] [--seconds=10] [--rounds=3]
# JVM options of the bench JVM can be added with BENCH_JAVA_OPTS; nothing else heavy should run meanwhile.
set -euo pipefail
# shellcheck source=scripts/bench-jvm.sh
. "$(dirname "${BASH_SOURCE[0]}")/bench-jvm.sh"
bench_run infra/service-common 512m dev.pulse.service.bench.RoutingBench "$@"
