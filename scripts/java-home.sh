# Sourced by ./mvnw and ./pulse: finds a JDK 21 or newer and exports JAVA_HOME.
# Order: JAVA_HOME, then the usual install places; the newest qualifying JDK wins
# among the install places. Without one it says what to install and exits non-zero.

pulse_min_java=21

pulse_java_major() {
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
  fi
  v=${v#1.}
  v=${v%%[.+-]*}
  case $v in ''|*[!0-9]*) return 1 ;; esac
  echo "$v"
}

pulse_find_java() {
  local major best="" best_major=0 candidate
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(pulse_java_major "$JAVA_HOME") || major=0
    if [ "$major" -ge "$pulse_min_java" ]; then
      echo "$JAVA_HOME"
      return 0
    fi
  fi
  local java_on_path=""
  if command -v java >/dev/null 2>&1; then
    java_on_path=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  fi
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /opt/*jdk* \
                   "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                   /Library/Java/JavaVirtualMachines/*/Contents/Home "$java_on_path"; do
    [ -d "$candidate" ] || continue
    major=$(pulse_java_major "$candidate") || continue
    if [ "$major" -ge "$pulse_min_java" ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate
      best_major=$major
    fi
  done
  [ -n "$best" ] && echo "$best"
}

if pulse_home=$(pulse_find_java); then
  export JAVA_HOME=$pulse_home
  export PATH="$JAVA_HOME/bin:$PATH"
else
  {
    echo "error: no JDK ${pulse_min_java} or newer found."
    echo "  JAVA_HOME=${JAVA_HOME:-<unset>}; also looked in /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks."
    echo "  Install a JDK ${pulse_min_java}+ (for example Eclipse Temurin 21 or 25, or the openjdk-21-jdk package"
    echo "  where your distribution has it), then set JAVA_HOME to it or install it under /usr/lib/jvm."
  } >&2
  exit 1
fi
unset pulse_home
