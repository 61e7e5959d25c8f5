#!/usr/bin/env bash
# What the shared HTTP hardening costs per request: the same authenticated GET on a bare Helidon
# routing (bearer auth + handler) and on the full shared setup (ServiceHost.configure), alternating
# rounds in one JVM, keep-alive raw-socket clients on loopback.
# Usage: scripts/bench-http.sh [--connections=16] [--seconds=10] [--rounds=3]
# JVM options of the bench JVM can be added with BENCH_JAVA_OPTS; nothing else heavy should run meanwhile.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/java-home.sh
. "$root/scripts/java-home.sh"
cd "$root"

./mvnw -q -B -DskipTests install -pl infra/service-common -am

cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -q -B -pl infra/service-common dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
classpath="$root/infra/service-common/target/test-classes:$root/infra/service-common/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
trap - EXIT

flags=(-Xms512m -Xmx512m -XX:+UseG1GC "-Dlog4j2.configurationFile=$root/config/log4j2-test.xml")
if [ "$(pulse_java_major "$JAVA_HOME")" -ge 24 ]; then
  flags+=(--sun-misc-unsafe-memory-access=allow)
fi
# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
exec "$JAVA_HOME/bin/java" "${flags[@]}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" dev.pulse.service.bench.RoutingBench "$@"
