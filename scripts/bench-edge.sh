#!/usr/bin/env bash
# WebSocket edge benchmarks of issue 13, each figure next to a bare Helidon /ws endpoint measured in the same
# run by the same load tool (ws-edge test class dev.pulse.edge.bench.EdgeLoad).
#   --memory   heap per idle socket as a slope between two counts: (a) the bare endpoint, (b) a real edge node
#              (its own JVM) on the embedded broker with a real processor (the launcher, in another JVM);
#              every edge socket is authenticated with its own HS256 token and resumed (one query call each)
#   --fanout   frames/s delivered to --connections sockets: (a) the bare endpoint broadcasting --frames frames
#              to each, back to back; (b) the edge with every socket watching --hot-posts posts while new users
#              like them at --likes-rate/s (counts coalesced per post, every 250 ms); (c) the edge with messages
#              at --messages-rate/s, each to one random connected user: per-user notifications, and the
#              latency from the producer's ack to visible on the inbox topic (the processor's own) and to the
#              frame at the client, over the same events
# Options (after the mode): --steps=2000,16000 --processes=2 --sources=4 --rate=400 --heap=1g
#   --connections=10000 --frames=20 --hot-posts=1 --likes-rate=500 --messages-rate=500 --seconds=30 --warmup=10
#   --parts=bare,hot,messages (fan-out: which of (a) (b) (c) to run)
# Everything listens on 127.0.0.1 only and stops by itself. Output and logs: $BENCH_OUT (default a temp dir).
# BENCH_GC=-XX:+UseZGC runs the measured JVMs (bare endpoint, edge) with another collector; BENCH_CLIENT_GC the
# load tool's JVMs (the clients).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/java-home.sh
. "$root/scripts/java-home.sh"
cd "$root"

mode=${1:-}
[ $# -gt 0 ] && shift
steps=2000,16000 processes=2 sources=4 rate=400 heap=1g frames=20 connections=10000
hot_posts=1 likes_rate=500 messages_rate=500 seconds=30 warmup=10 parts=bare,hot,messages
for arg in "$@"; do
  case $arg in
    --steps=*) steps=${arg#*=} ;;
    --processes=*) processes=${arg#*=} ;;
    --sources=*) sources=${arg#*=} ;;
    --rate=*) rate=${arg#*=} ;;
    --heap=*) heap=${arg#*=} ;;
    --frames=*) frames=${arg#*=} ;;
    --connections=*) connections=${arg#*=} ;;
    --hot-posts=*) hot_posts=${arg#*=} ;;
    --likes-rate=*) likes_rate=${arg#*=} ;;
    --messages-rate=*) messages_rate=${arg#*=} ;;
    --seconds=*) seconds=${arg#*=} ;;
    --parts=*) parts=${arg#*=} ;;
    --warmup=*) warmup=${arg#*=} ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
case $mode in
  --memory|--fanout) ;;
  *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

out=${BENCH_OUT:-$(mktemp -d)}
mkdir -p "$out"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

# Built in the reactor, never installed (worktrees share the local repository).
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -pl ws-edge,infra/launcher -am \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
edge_cp="$root/ws-edge/target/test-classes:$root/ws-edge/target/classes:$(cat ws-edge/target/bench-classpath.txt)"
launcher_cp="$root/infra/launcher/target/classes:$(cat infra/launcher/target/bench-classpath.txt)"

common=(--enable-native-access=ALL-UNNAMED "-Dlog4j2.configurationFile=$root/config/log4j2-test.xml")
if [ "$(pulse_java_major "$JAVA_HOME")" -ge 24 ]; then
  common+=(--sun-misc-unsafe-memory-access=allow)
fi
# The measured JVMs: pinned, pre-touched heap (G1 would otherwise commit ~1.26x what it uses).
# BENCH_GC picks their collector, BENCH_CLIENT_GC the load tool's and its client JVMs' (default G1 for both;
# the backend always uses G1).
target=("-Xms$heap" "-Xmx$heap" -XX:+AlwaysPreTouch "${BENCH_GC:--XX:+UseG1GC}" "${common[@]}")
clients=("${BENCH_CLIENT_GC:--XX:+UseG1GC}" "${common[@]}")
common+=(-XX:+UseG1GC)

# start NAME CLASSPATH [JVM OPTIONS...] MAIN [ARGS...]: a measured JVM in the background, output in $out/NAME.log
start() {
  local name=$1 cp=$2
  shift 2
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
  "$JAVA_HOME/bin/java" "${target[@]}" ${BENCH_JAVA_OPTS:-} -cp "$cp" "$@" > "$out/$name.log" 2>&1 &
  pids+=($!)
  echo $! > "$out/$name.pid"
}

# wait_for FILE PATTERN SECONDS: until PATTERN appears in FILE
wait_for() {
  local deadline=$((SECONDS + $3))
  until grep -q "$2" "$1" 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then echo "no '$2' in $1 after $3 s:" >&2; tail -20 "$1" >&2; exit 1; fi
    sleep 0.2
  done
}

# wait_http URL SECONDS: until URL answers 200
wait_http() {
  local deadline=$((SECONDS + $2))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ]; do
    if [ $SECONDS -ge $deadline ]; then echo "$1 not ready after $2 s" >&2; exit 1; fi
    sleep 0.5
  done
}

# load [EdgeLoad options]: a failed socket is reported, not fatal
load() {
  "$JAVA_HOME/bin/java" -Xms256m -Xmx256m "${clients[@]}" -cp "$edge_cp" dev.pulse.edge.bench.EdgeLoad \
    --processes="$processes" --sources="$sources" --rate="$rate" "$@" | tee -a "$out/results.txt" || true
}

# start_bare [json] [park]: the bare endpoint, optionally doing one more thing at open (BareWsServer)
start_bare() {
  start bare "$edge_cp" dev.pulse.edge.bench.BareWsServer 0 "$@"
  wait_for "$out/bare.log" '^port ' 30
  bare_port=$(sed -n 's/^port //p' "$out/bare.log")
  bare_pid=$(cat "$out/bare.pid")
}

stop() {
  kill "$1"
  wait "$1" 2>/dev/null || true
}

kafka=${BENCH_KAFKA_PORT:-29092}

# The backend (embedded broker, topics, processor; the launcher's own edge and ingest API stay idle) and one
# edge node in its own JVM, on ports of their own, sharing one HS256 secret with the load tool.
start_edge() {
  secret=$(head -c 32 /dev/urandom | base64)
  local processor=${BENCH_PROCESSOR_PORT:-28081}
  edge_port=${BENCH_EDGE_PORT:-28082}
  "$JAVA_HOME/bin/java" -Xms2g -Xmx2g "${common[@]}" -Dsecurity.jwt.secret="$secret" \
    -Dkafka.port="$kafka" -Dkafka.controller.port=$((kafka + 1)) -Dprocessor.server.port="$processor" \
    -Dedge.server.port=0 -Dingest.server.port=0 -cp "$launcher_cp" dev.pulse.launcher.Launcher \
    --data-dir "$out/pulse-data" > "$out/backend.log" 2>&1 &
  pids+=($!)
  wait_for "$out/backend.log" 'Ctrl-C' 180
  wait_http "http://127.0.0.1:$processor/health" 120
  start edge "$edge_cp" -Dserver.host=127.0.0.1 -Dserver.port="$edge_port" \
    -Dkafka.bootstrap.servers="127.0.0.1:$kafka" -Dprocessor.url="http://127.0.0.1:$processor" \
    -Dsecurity.jwt.secret="$secret" -Dsecurity.jwt.issuer=pulse-dev dev.pulse.edge.WsEdgeMain
  wait_http "http://127.0.0.1:$edge_port/health" 120
  edge_pid=$(cat "$out/edge.pid")
  # A fresh processor rebalances and restores for a while after /health turns UP: wait until one socket
  # is resumed (hello) three times in a row before measuring.
  local ok=0 deadline=$((SECONDS + 300))
  while [ $ok -lt 3 ]; do
    if [ $SECONDS -ge $deadline ]; then echo "the edge never resumed a socket; see $out/*.log" >&2; exit 1; fi
    if "$JAVA_HOME/bin/java" -Xmx128m "${common[@]}" -cp "$edge_cp" dev.pulse.edge.bench.EdgeLoad \
        --url="ws://127.0.0.1:$edge_port/ws" --connections=1 --processes=1 --sources=0 --users=warmup \
        --secret="$secret" --ready-on=hello --child-heap=128m --label=warmup > "$out/warmup.log" 2>&1; then
      ok=$((ok + 1))
    else
      ok=0
    fi
  done
}

result() {
  grep "^RESULT label=$1 " "$out/results.txt" | tail -1 | tr ' ' '\n' | sed -n "s/^$2=//p"
}

memory() {
  start_bare
  load --url="ws://127.0.0.1:$bare_port/ws" --steps="$steps" --heap-pid="$bare_pid" --label=bare \
    --growth-file="$out/growth-bare.tsv"
  stop "$bare_pid"
  if [ -n "${BENCH_VARIANTS:-}" ]; then variants; fi
  start_edge
  load --url="ws://127.0.0.1:$edge_port/ws" --steps="$steps" --heap-pid="$edge_pid" --label=edge \
    --growth-file="$out/growth-edge.tsv" --secret="$secret" --ready-on=hello --timeout=1800
  local bare edge
  bare=$(result bare heap_per_socket)
  edge=$(result edge heap_per_socket)
  echo "heap per idle socket: bare ${bare} B, edge ${edge} B, edge - bare = $((edge - bare)) B (aim: <= 1024 B)" \
    | tee -a "$out/results.txt"
  echo "classes the edge holds more of than the bare endpoint, per socket (bytes, instances, class):" \
    | tee -a "$out/results.txt"
  growth_diff "$out/growth-bare.tsv" "$out/growth-edge.tsv" | tee -a "$out/results.txt"
}

# The bare endpoint doing one edge thing at open (BENCH_VARIANTS=1): what each costs per socket.
variants() {
  local variant
  for variant in json park; do
    start_bare "$variant"
    load --url="ws://127.0.0.1:$bare_port/ws" --steps="$steps" --heap-pid="$bare_pid" --label="bare-$variant" \
      --growth-file="$out/growth-bare-$variant.tsv" --histogram-top=6
    stop "$bare_pid"
  done
}

# growth_diff BASE OTHER: per class, OTHER's bytes and instances per socket minus BASE's, largest first
growth_diff() {
  awk -F '\t' 'NR == FNR { b[$3] = $1; n[$3] = $2; next }
    { d = $1 - b[$3]; if (d > 16 || d < -16) printf "%9.1f  %7.2f  %s\n", d, $2 - n[$3], $3 }' "$1" "$2" \
    | sort -rn | head -15
}

fanout() {
  if [[ ,$parts, == *,bare,* ]]; then
    start_bare
    load --url="ws://127.0.0.1:$bare_port/ws" --connections="$connections" --label=bare-broadcast \
      --trigger="http://127.0.0.1:$bare_port/broadcast?frames=$frames" --hold=5
    stop "$bare_pid"
  fi
  start_edge
  if [[ ,$parts, == *,hot,* ]]; then
    local posts i
    posts=$(for ((i = 0; i < hot_posts; i++)); do printf '"hot%d",' "$i"; done)
    load --url="ws://127.0.0.1:$edge_port/ws" --connections="$connections" --label=edge-hot-posts \
      --secret="$secret" --ready-on=hello --on-ready="{\"type\":\"subscribe\",\"posts\":[${posts%,}]}" \
      --drive=likes --hot-posts="$hot_posts" --kafka="127.0.0.1:$kafka" --drive-rate="$likes_rate" \
      --drive-seconds="$seconds" --drive-warmup="$warmup" --latency-field=none --timeout=1800
  fi
  if [[ ,$parts, == *,messages,* ]]; then
    load --url="ws://127.0.0.1:$edge_port/ws" --connections="$connections" --label=edge-messages \
      --secret="$secret" --ready-on=hello --users=m --drive=messages --kafka="127.0.0.1:$kafka" \
      --drive-rate="$messages_rate" --drive-seconds="$seconds" --drive-warmup="$warmup" --latency-field=none --timeout=1800
  fi
  echo "frames/s: bare broadcast $(result bare-broadcast frames_per_s); edge, ${hot_posts} hot post(s) to" \
    "${connections} watchers $(result edge-hot-posts drive_frames_per_s) (aim >= 50000 and >= 0.7 of bare);" \
    "edge, messages to ${connections} users $(result edge-messages drive_frames_per_s)" | tee -a "$out/results.txt"
  echo "latency over the same messages: $(grep '^RESULT label=edge-messages ' "$out/results.txt" | tail -1 \
    | grep -o 'visible_p50.*missing=[0-9]*')" | tee -a "$out/results.txt"
}

echo "output and logs in $out; $(date -u +%FT%TZ); $(nproc) cores; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)" \
  | tee "$out/results.txt"
case $mode in
  --memory) memory ;;
  --fanout) fanout ;;
esac
