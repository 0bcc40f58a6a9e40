#!/usr/bin/env bash
# Starts Kafka in KRaft mode on loopback: one node, or three (RF 3, min.insync 2).
#   bin/start.sh [--nodes 1|3] [--dir DIR] [--port BASE]
# Brokers listen on BASE, BASE+1, BASE+2; controllers on BASE+100…  Waits until every node has
# started, then prints KAFKA_BROKERS=… . Storage is formatted on first start and kept in DIR, so
# start after stop resumes with the same data. Environment: KAFKA_VERSION (default 3.9.2).
# When a node fails to start, the nodes this run started are stopped again before it exits:
# exit 75 (EX_TEMPFAIL) when a node's port was already in use (choose another BASE), else 1.
set -euo pipefail
. "$(dirname "$0")/common.sh"

nodes=1
dir="$KAFKA_HOME_DIR/.run/default"
port=19092
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    *) echo "unknown option $1 (use --nodes 1|3, --dir DIR, --port BASE)" >&2; exit 2 ;;
  esac
done
case "$nodes" in 1) rf=1; min_isr=1 ;; 3) rf=3; min_isr=2 ;; *) echo "--nodes must be 1 or 3" >&2; exit 2 ;; esac

ensure_kafka_jars
mkdir -p "$dir"
[ -f "$dir/cluster-id" ] || new_cluster_id > "$dir/cluster-id"
cluster_id="$(cat "$dir/cluster-id")"

# Nodes this run started; stopped again unless every node comes up.
started_pids=()
started_ok=0
stop_started() {
  [ "$started_ok" = 1 ] && return 0
  for pid in "${started_pids[@]}"; do stop_kafka_pid "$pid" 15 & done
  wait
  for i in $(seq 1 "$nodes"); do
    f="$dir/node$i/pid"
    [ -f "$f" ] && ! kill -0 "$(cat "$f")" 2>/dev/null && rm -f "$f"
  done
  return 0
}
trap stop_started EXIT
trap 'exit 130' INT TERM

voters=""
for i in $(seq 1 "$nodes"); do voters="${voters:+$voters,}$i@127.0.0.1:$((port + 99 + i))"; done

brokers=""
for i in $(seq 1 "$nodes"); do
  node_dir="$dir/node$i"
  mkdir -p "$node_dir/data" "$node_dir/logs"
  bport=$((port + i - 1)); cport=$((port + 99 + i))
  brokers="${brokers:+$brokers,}127.0.0.1:$bport"
  if [ -f "$node_dir/pid" ] && kill -0 "$(cat "$node_dir/pid")" 2>/dev/null; then continue; fi
  sed -e "s|@NODE_ID@|$i|" -e "s|@BROKER_PORT@|$bport|" -e "s|@CONTROLLER_PORT@|$cport|" \
      -e "s|@VOTERS@|$voters|" -e "s|@DATA_DIR@|$node_dir/data|" -e "s|@RF@|$rf|" -e "s|@MIN_ISR@|$min_isr|" \
      "$KAFKA_HOME_DIR/config/server.properties.tmpl" > "$node_dir/server.properties"
  if [ ! -f "$node_dir/data/meta.properties" ]; then
    kafka_java_cmd "$node_dir/logs" kafka.tools.StorageTool format -t "$cluster_id" -c "$node_dir/server.properties" --ignore-formatted
    "${KAFKA_JAVA_CMD[@]}" >/dev/null
  fi
  : > "$node_dir/logs/server.log"
  kafka_java_cmd "$node_dir/logs" kafka.Kafka "$node_dir/server.properties"
  nohup "${KAFKA_JAVA_CMD[@]}" > "$node_dir/logs/stdout.log" 2>&1 < /dev/null &
  echo $! > "$node_dir/pid"
  started_pids+=("$!")
done

# Watch every node at once: the first one to die fails the start (a node waiting for a quorum
# would otherwise hide a dead peer until the timeout).
deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-300}))
pending=$(seq 1 "$nodes")
while [ -n "$pending" ]; do
  still=""
  for i in $pending; do
    node_dir="$dir/node$i"
    grep -q "Kafka Server started" "$node_dir/logs/server.log" 2>/dev/null && continue
    if ! kill -0 "$(cat "$node_dir/pid" 2>/dev/null || echo 0)" 2>/dev/null; then
      bport=$((port + i - 1)); cport=$((port + 99 + i))
      if grep -qs "Address already in use" "$node_dir/logs/server.log" "$node_dir/logs/stdout.log"; then
        echo "Kafka node $i could not listen: port $bport or $cport is already in use" >&2
        code=75
      else
        echo "Kafka node $i exited; last lines of its log:" >&2
        tail -n 30 "$node_dir/logs/server.log" "$node_dir/logs/stdout.log" >&2 || true
        code=1
      fi
      exit "$code"
    fi
    still="$still $i"
  done
  pending="${still# }"
  [ -z "$pending" ] && break
  if [ $SECONDS -ge $deadline ]; then echo "Kafka node(s) $pending did not start in time" >&2; exit 1; fi
  sleep 0.5
done
started_ok=1
echo "KAFKA_BROKERS=$brokers"
