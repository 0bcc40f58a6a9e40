#!/usr/bin/env bash
# Stops the Kafka nodes started from DIR (default .run/default): SIGTERM, then SIGKILL after 30 s.
#   bin/stop.sh [--dir DIR]
set -euo pipefail
. "$(dirname "$0")/common.sh"
dir="$KAFKA_HOME_DIR/.run/default"
[ "${1:-}" = "--dir" ] && dir="$2"
pids=()
for f in "$dir"/node*/pid; do
  [ -f "$f" ] || continue
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; pids+=("$pid"); fi
  rm -f "$f"
done
# In parallel: the nodes shut down together, as they were asked to.
for pid in "${pids[@]}"; do stop_kafka_pid "$pid" 30 & done
wait
exit 0
