#!/usr/bin/env bash
# Command throughput/latency and command-to-read-model lag of the standalone jar over the machine's PostgreSQL,
# beside the raw PostgreSQL single-row insert rate measured with pgbench in the same run.
# Needs: the built jars (./mvnw -q -DskipTests package), PostgreSQL at 127.0.0.1:5432 (user postgres), pgbench.
# Usage: deploy/loadgen/run-benchmark.sh [seconds] [workers] [offered rate/s for the open-loop run]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
WORKERS=${2:-8}
RATE=${3:-300}
PG="-h 127.0.0.1 -p 5432 -U postgres"
WORK=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "== raw PostgreSQL: one-row INSERT + COMMIT per transaction (pgbench, fsync as configured)"
psql $PG -q -c "DROP DATABASE IF EXISTS crm_bench_raw" -c "CREATE DATABASE crm_bench_raw"
psql $PG -q -d crm_bench_raw -c "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, payload BYTEA NOT NULL)"
echo "INSERT INTO t (payload) VALUES (convert_to(repeat('x', 300), 'UTF8'));" > "$WORK/insert.sql"
for clients in 1 $WORKERS; do
  printf "clients=%-3s " "$clients"
  pgbench $PG -n -f "$WORK/insert.sql" -c "$clients" -j "$clients" -T "$SECONDS_PER_RUN" crm_bench_raw \
    | grep -E "^tps" | sed 's/ (without initial connection time)//'
done

PORT=18080
LOADGEN="java -jar deploy/loadgen/target/crm-loadgen.jar http://127.0.0.1:$PORT"
start_app() { # a fresh database and data directory each time
  psql $PG -q -c "DROP DATABASE IF EXISTS crm_bench" -c "CREATE DATABASE crm_bench"
  rm -rf "$WORK/data"
  CRM_DATA_DIR="$WORK/data" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=19092 CRM_EMBEDDED_MONGO_PORT=27018 \
    CRM_EVENTSTORE_URL="jdbc:postgresql://127.0.0.1:5432/crm_bench?user=postgres" \
    java -jar deploy/standalone/target/crm-standalone.jar "$@" > "$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && break
    sleep 1
  done
}

echo "== command path alone: standalone over PostgreSQL, publication and projections switched off"
start_app --crm.publication.enabled=false --crm.projections.enabled=false
$LOADGEN "$WORKERS" 10 0 nolag > /dev/null
echo "-- closed loop, 1 worker";        $LOADGEN 1 "$SECONDS_PER_RUN" 0 nolag
echo "-- closed loop, $WORKERS workers"; $LOADGEN "$WORKERS" "$SECONDS_PER_RUN" 0 nolag
kill $APP; wait $APP 2>/dev/null || true

echo "== whole flow: standalone over PostgreSQL, embedded Kafka and MongoDB, all on this machine"
start_app
echo "-- warm-up"; $LOADGEN "$WORKERS" 10 0 > /dev/null
echo "-- open loop, 20/s offered (light load)"; $LOADGEN 2 "$SECONDS_PER_RUN" 20
echo "-- closed loop, 1 worker";        $LOADGEN 1 "$SECONDS_PER_RUN" 0
echo "-- open loop, $RATE/s offered";   $LOADGEN "$WORKERS" "$SECONDS_PER_RUN" "$RATE"
echo "-- closed loop, $WORKERS workers (beyond what the projections sustain: their lag grows)"
$LOADGEN "$WORKERS" "$SECONDS_PER_RUN" 0
