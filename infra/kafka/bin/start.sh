#!/usr/bin/env bash
# Starts Kafka in KRaft mode on loopback: one node, or three (RF 3, min.insync 2).
#   bin/start.sh [--nodes 1|3] [--dir DIR] [--port BASE]
# Brokers listen on BASE, BASE+1, BASE+2; controllers on BASE+100…  Waits until every node has
# started, then prints KAFKA_BROKERS=… . Storage is formatted on first start and kept in DIR, so
# start after stop resumes with the same data. Environment: KAFKA_VERSION (default 3.9.2).
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
[ -f "$dir/cluster-id" ] || head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | cut -c1-22 > "$dir/cluster-id"
cluster_id="$(cat "$dir/cluster-id")"

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
done

deadline=$((SECONDS + ${KAFKA_START_TIMEOUT:-120}))
for i in $(seq 1 "$nodes"); do
  node_dir="$dir/node$i"
  until grep -q "Kafka Server started" "$node_dir/logs/server.log" 2>/dev/null; do
    if ! kill -0 "$(cat "$node_dir/pid")" 2>/dev/null; then
      echo "Kafka node $i exited; last lines of its log:" >&2
      tail -n 30 "$node_dir/logs/server.log" "$node_dir/logs/stdout.log" >&2 || true
      exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then echo "Kafka node $i did not start in time" >&2; exit 1; fi
    sleep 0.5
  done
done
echo "KAFKA_BROKERS=$brokers"
