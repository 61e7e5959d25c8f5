#!/usr/bin/env bash
# Measures ./pulse start three times in a fresh data directory (the first run formats it):
# time from the command to the ready lines, the embedded broker's own start time, the RSS of
# the whole launcher JVM, and how long a SIGTERM takes to stop everything.
# Usage: scripts/bench-start.sh   (build first: ./pulse build; needs ports 9092, 9093, 8081-8083)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
for run in 1 2 3; do
  start=$(date +%s%N)
  "$root/pulse" start > out.txt 2> err.txt &
  launcher=$!
  until grep -q "Ctrl-C" out.txt 2>/dev/null; do
    kill -0 "$launcher" 2>/dev/null || { cat err.txt >&2; exit 1; }
    sleep 0.05
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  rss=$(( $(ps -o rss= -p "$launcher") / 1024 ))
  broker=$(grep -o 'ready at [^ ]* in [0-9]* ms' err.txt | grep -o '[0-9]* ms')
  stop_start=$(date +%s%N)
  kill -TERM "$launcher"
  wait "$launcher" || true
  stopped=$(( ($(date +%s%N) - stop_start) / 1000000 ))
  echo "run $run: ready lines after ${ready} ms (broker ${broker}), RSS ${rss} MB, stopped in ${stopped} ms"
done
