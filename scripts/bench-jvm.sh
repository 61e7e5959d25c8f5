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

  # Built in the reactor, never installed: worktrees share the local repository, and an install would
  # overwrite the others' SNAPSHOTs. The reactor resolves sibling modules to their target/ folders, and
  # each module writes its classpath to its own target/ (a relative outputFile is per module).
  ./mvnw -q -B -DskipTests test-compile dependency:build-classpath -pl "$module" -am \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt

  local classpath
  classpath="$root/$module/target/test-classes:$root/$module/target/classes:$(cat "$root/$module/target/bench-classpath.txt")"

  local flags=("-Xms$heap" "-Xmx$heap" -XX:+UseG1GC --enable-native-access=ALL-UNNAMED
               "-Dlog4j2.configurationFile=$root/config/log4j2-test.xml")
  if [ "$(pulse_java_major "$JAVA_HOME")" -ge 24 ]; then
    flags+=(--sun-misc-unsafe-memory-access=allow)
  fi
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  exec "$JAVA_HOME/bin/java" "${flags[@]}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" "$main" "$@"
}
