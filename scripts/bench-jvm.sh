# Sourced by the bench scripts: bench_run <module> <heap> <main class> [args...] builds the module
# and what it depends on (no tests), then runs <main class> from its test classes in a JVM of its
# own with a pinned heap. JVM options can be added with BENCH_JAVA_OPTS.
# shellcheck shell=bash

bench_run() {
  local module=$1 heap=$2 main=$3
  shift 3
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  # shellcheck source=scripts/java-home.sh
  . "$root/scripts/java-home.sh"
  cd "$root"

  ./mvnw -q -B -DskipTests install -pl "$module" -am

  local cp_file classpath
  cp_file=$(mktemp)
  ./mvnw -q -B -pl "$module" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
  classpath="$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$cp_file")"
  rm -f "$cp_file"

  local flags=("-Xms$heap" "-Xmx$heap" -XX:+UseG1GC --enable-native-access=ALL-UNNAMED
               "-Dlog4j2.configurationFile=$root/config/log4j2-test.xml")
  if [ "$(pulse_java_major "$JAVA_HOME")" -ge 24 ]; then
    flags+=(--sun-misc-unsafe-memory-access=allow)
  fi
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  exec "$JAVA_HOME/bin/java" "${flags[@]}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" "$main" "$@"
}
