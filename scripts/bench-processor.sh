#!/usr/bin/env bash
# Stream processor benchmark, in one run on an embedded broker (its own JVM by default):
#   a) plain consume->produce pipe (baseline), d) one-store EOS count (reference),
#   b) the whole topology with exactly_once_v2 (events/s and the ratio to a),
#   c) latency from produce acknowledgement to the notification being visible to a
#      read_committed consumer, at a fixed rate.
# Usage: scripts/bench-processor.sh [--key=value ...]    (--help lists the options, e.g.
#        --events=50000 --pipe=100000 --latency-seconds=10 --commit-interval-ms=20 --threads=2)
# JVM options of the bench JVM can be added with BENCH_JAVA_OPTS; nothing else heavy should run meanwhile.
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
  dev.pulse.processor.bench.ProcessorBench "$@"
