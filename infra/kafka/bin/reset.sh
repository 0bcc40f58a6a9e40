#!/usr/bin/env bash
# Stops the nodes of DIR and deletes their data (topics, offsets, cluster id).
#   bin/reset.sh [--dir DIR]
set -euo pipefail
. "$(dirname "$0")/common.sh"
dir="$KAFKA_HOME_DIR/.run/default"
[ "${1:-}" = "--dir" ] && dir="$2"
"$(dirname "$0")/stop.sh" --dir "$dir"
rm -rf "$dir"
