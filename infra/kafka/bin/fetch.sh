#!/usr/bin/env bash
# Fetches Apache Kafka ($KAFKA_VERSION, default 3.9.2) and its runtime jars from Maven Central.
set -euo pipefail
. "$(dirname "$0")/common.sh"
ensure_kafka_jars
echo "$KAFKA_LIB"
