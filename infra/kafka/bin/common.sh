# Shared by the Kafka scripts. Sourced, not run.
KAFKA_HOME_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
KAFKA_LIB="$KAFKA_HOME_DIR/lib-$KAFKA_VERSION"

# Copies Kafka and its runtime dependencies from Maven Central once per version.
ensure_kafka_jars() {
  if [ -f "$KAFKA_LIB/.complete" ]; then return 0; fi
  command -v mvn >/dev/null || { echo "Maven (mvn) is needed to fetch Kafka from Maven Central" >&2; return 1; }
  command -v java >/dev/null || { echo "Java 17 is needed to run Kafka" >&2; return 1; }
  echo "fetching Apache Kafka $KAFKA_VERSION from Maven Central into $KAFKA_LIB" >&2
  rm -rf "$KAFKA_LIB"
  mvn -q -B -f "$KAFKA_HOME_DIR/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIB" >&2
  touch "$KAFKA_LIB/.complete"
}

# Sets KAFKA_JAVA_CMD to the java command line for a Kafka main class: kafka_java_cmd LOGDIR CLASS ARGS…
kafka_java_cmd() {
  local logdir="$1"; shift
  local logging="-Dlog4j.configuration=file:$KAFKA_HOME_DIR/config/log4j.properties"
  # shellcheck disable=SC2206
  local heap=(${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m})
  KAFKA_JAVA_CMD=(java "${heap[@]}" -XX:+UseG1GC -Djava.awt.headless=true \
    -Dkafka.logs.dir="$logdir" "$logging" -cp "$KAFKA_LIB/*" "$@")
}

# Stops one Kafka process: SIGTERM (controlled shutdown), then SIGKILL after GRACE seconds (default 30).
stop_kafka_pid() {
  local pid="$1" grace="${2:-30}"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((grace * 2))); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null || true
}

# Prints a new cluster id: 16 random bytes in base64url (22 characters), never starting with "-" —
# the storage tool would read such an id as an option and fail (1 new cluster in 64). Kafka's own
# random ids avoid a leading "-" for the same reason.
new_cluster_id() {
  local id
  while :; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' | cut -c1-22)"
    if [ "${id:0:1}" != "-" ]; then echo "$id"; return 0; fi
  done
}
