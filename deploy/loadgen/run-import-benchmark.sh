#!/usr/bin/env bash
# CSV import throughput of the standalone jar on its embedded default (H2 event store, embedded Kafka and MongoDB, all
# on this machine, read side running): ImportBench posts a file of N contacts and prints rows/s.
# With CRM_EVENTSTORE_URL set (e.g. jdbc:postgresql://127.0.0.1:5432/crm_import_bench?user=postgres, an empty
# database), the events go to that database instead.
# Needs: the built jars (./mvnw -q -DskipTests package), curl.
# Usage: deploy/loadgen/run-import-benchmark.sh [rows, default 100000]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-100000}
WORK=$(mktemp -d)
PORT=18097; KAFKA_PORT=19097; MONGO_PORT=27037
BASE="http://127.0.0.1:$PORT"
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT

CRM_DATA_DIR="$WORK/data" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=$KAFKA_PORT CRM_EMBEDDED_MONGO_PORT=$MONGO_PORT \
  java -jar deploy/standalone/target/crm-standalone.jar > "$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health" > /dev/null && break; sleep 1; done
curl -sf "$BASE/actuator/health" > /dev/null || { echo "the standalone did not start:" >&2; tail -20 "$WORK/app.log" >&2; exit 1; }

echo "== CSV import of $ROWS contacts"
java -cp deploy/loadgen/target/crm-loadgen.jar dev.eventcrm.loadgen.ImportBench "$BASE" "$ROWS"
kill "$APP"; wait "$APP" 2>/dev/null || true
