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
for pid in "${pids[@]}"; do
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid" 2>/dev/null || true; }
done
exit 0
