#!/usr/bin/env bash
# Failover benchmark, in one run on an embedded broker in the bench's JVM: for each option (session
# timeout, standby replicas, transaction timeout, rebalance protocol, broker abort interval), two
# stream processors, a timed preload, then one instance killed with SIGKILL and the time until its
# users get notifications again.
# Usage: scripts/bench-failover.sh [--options=old-defaults,session10-standby1] [--runs=1] [--preload=20000]
# Option names are listed in FailoverBench.options(). Nothing else heavy should run meanwhile.
set -euo pipefail
# shellcheck source=scripts/bench-jvm.sh
. "$(dirname "${BASH_SOURCE[0]}")/bench-jvm.sh"
bench_run stream-processor 1g dev.pulse.processor.it.FailoverBench "$@"
