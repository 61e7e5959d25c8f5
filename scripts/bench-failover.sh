#!/usr/bin/env bash
# Failover benchmark, in one run on an embedded broker in the bench's JVM: for each option (session
# timeout, standby replicas, transaction timeout, rebalance protocol, broker abort interval), two
# stream processors, a timed preload, then one instance killed with SIGKILL and the time until its
# users get notifications again.
# Usage: scripts/bench-failover.sh [--options=old-defaults,session10-standby1] [--runs=1] [--preload=20000]
# Option names are listed in FailoverBench.options(). Nothing else heavy should run meanwhile.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/java-home.sh
. "$root/scripts/java-home.sh"
cd "$root"

./mvnw -q -B -DskipTests install -pl stream-processor -am

cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -pl stream-processor dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
classpath="$root/stream-processor/target/test-classes:$root/stream-processor/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
trap - EXIT

flags=(-Xms1g -Xmx1g -XX:+UseG1GC --enable-native-access=ALL-UNNAMED
       "-Dlog4j2.configurationFile=$root/config/log4j2-test.xml")
if [ "$(pulse_java_major "$JAVA_HOME")" -ge 24 ]; then
  flags+=(--sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$JAVA_HOME/bin/java" "${flags[@]}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
  dev.pulse.processor.it.FailoverBench "$@"
