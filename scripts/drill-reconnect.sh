#!/usr/bin/env bash
# The mass-reconnect drill of issue 13: N clients (default 5000) connected to one edge node are cut at
# once while events keep coming; all reconnect to another node with their epoch and last seq, and each
# must end gap-free by the resume rule. Prints how long the reconnect took and how many query-API calls
# the second node made. Loopback only; runs the system test MassReconnectIT with more clients.
#   scripts/drill-reconnect.sh [--clients=5000]
set -euo pipefail
cd "$(dirname "$0")/.."
clients=5000
for arg in "$@"; do
  case "$arg" in
    --clients=*) clients="${arg#*=}" ;;
    *) echo "unknown argument: $arg (use --clients=N)" >&2; exit 2 ;;
  esac
done
./mvnw -o -B verify -pl infra/system-tests -am -Dtest=NoSuchTest -Dit.test=MassReconnectIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dpulse.drill.clients="$clients" 2>&1 | tee target/drill-reconnect.log | grep -E 'Drill:|Tests run:|BUILD|FAIL'
