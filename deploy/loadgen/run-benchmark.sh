#!/usr/bin/env bash
# Command throughput/latency and command-to-read-model lag of the standalone jar over the machine's PostgreSQL,
# beside the raw PostgreSQL single-row insert rate measured with pgbench in the same run.
# Needs: the built jars (./mvnw -q -DskipTests package), PostgreSQL at 127.0.0.1:5432 (user postgres), pgbench.
# Usage: deploy/loadgen/run-benchmark.sh [seconds] [workers] [offered rate/s for the open-loop runs]
# The standalone's JVM options: CRM_JAVA_OPTS (e.g. "-XX:+UseShenandoahGC -Xmx12g"; the default JVM settings if unset).
# With wrk installed (apt-get install wrk) it also runs a wrk burst of MoveDealStage from 16 connections.
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
  TPS=$(pgbench $PG -n -f "$WORK/insert.sql" -c "$clients" -j "$clients" -T "$SECONDS_PER_RUN" crm_bench_raw \
    | grep -E "^tps" | sed 's/ (without initial connection time)//')
  echo "$TPS"
done
RAW_TPS=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' <<<"$TPS")

PORT=18080
LOADGEN="java -jar deploy/loadgen/target/crm-loadgen.jar http://127.0.0.1:$PORT"
start_app() { # a fresh database and data directory each time
  psql $PG -q -c "DROP DATABASE IF EXISTS crm_bench" -c "CREATE DATABASE crm_bench"
  rm -rf "$WORK/data"
  CRM_DATA_DIR="$WORK/data" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=19092 CRM_EMBEDDED_MONGO_PORT=27018 \
    CRM_EVENTSTORE_URL="jdbc:postgresql://127.0.0.1:5432/crm_bench?user=postgres" \
    java ${CRM_JAVA_OPTS:-} -jar deploy/standalone/target/crm-standalone.jar "$@" > "$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health" > /dev/null && break
    sleep 1
  done
}

BASE="http://127.0.0.1:$PORT"
field() { sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<<"$2" | tr -d '"' | head -1; }
# wrk (lighter than the JVM client, so more of the 2 cores serve the commands), 16 connections, MoveDealStage on
# 400 fresh deals after a 10 s warm-up on 400 others
wrk_burst() {
  if ! command -v wrk > /dev/null; then
    echo "-- wrk not installed (apt-get install wrk): the wrk burst is skipped"; return
  fi
  echo "-- wrk, 16 connections, MoveDealStage on 400 fresh deals (after a warm-up on 400 others)"
  local contact file i
  contact=$(field id "$(curl -sf -XPOST -H 'Content-Type: application/json' "$BASE/api/v1/contacts" \
    -d '{"name":"wrk","ownerId":"m1"}')")
  for file in warm run; do
    for i in $(seq 1 400); do
      field id "$(curl -sf -XPOST -H 'Content-Type: application/json' "$BASE/api/v1/deals" -d "{\"contactId\":\
\"$contact\",\"title\":\"wrk $i\",\"amount\":{\"value\":\"1.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}")"
    done > "$WORK/$file.txt"
  done
  wrk_run() { DEALS="$WORK/$1.txt" wrk -t16 -c16 -d"$2"s --latency -s deploy/loadgen/wrk/move-deal-stage.lua "$BASE" -- 16; }
  wrk_run warm 10 > /dev/null
  WRK=$(wrk_run run "$SECONDS_PER_RUN")
  grep -E "requests in|Non-2xx|Requests/sec|^ +(50|99)%" <<<"$WRK"
  local rate
  rate=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$WRK")
  awk -v a="$rate" -v b="$RAW_TPS" -v c="$WORKERS" \
    'BEGIN { printf "   ratio to pgbench with %s clients: %.3f (target >= 0.25)\n", c, a / b }'
}

echo "== command path alone: standalone over PostgreSQL, publication and projections switched off"
start_app --crm.publication.enabled=false --crm.projections.enabled=false
$LOADGEN "$WORKERS" 10 0 nolag > /dev/null
echo "-- closed loop, 1 worker";        $LOADGEN 1 "$SECONDS_PER_RUN" 0 nolag
echo "-- closed loop, $WORKERS workers"; $LOADGEN "$WORKERS" "$SECONDS_PER_RUN" 0 nolag
echo "-- open loop, $RATE/s offered, 16 workers"; $LOADGEN 16 "$SECONDS_PER_RUN" "$RATE" nolag
wrk_burst
kill $APP; wait $APP 2>/dev/null || true

echo "== whole flow: standalone over PostgreSQL, embedded Kafka and MongoDB, all on this machine"
start_app
echo "-- warm-up"; $LOADGEN "$WORKERS" 10 0 > /dev/null
echo "-- open loop, 20/s offered (light load)"; $LOADGEN 2 "$SECONDS_PER_RUN" 20
echo "-- closed loop, 1 worker";        $LOADGEN 1 "$SECONDS_PER_RUN" 0
echo "-- open loop, $RATE/s offered";   $LOADGEN "$WORKERS" "$SECONDS_PER_RUN" "$RATE"
echo "-- closed loop, $WORKERS workers (beyond what the projections sustain: their lag grows)"
$LOADGEN "$WORKERS" "$SECONDS_PER_RUN" 0
echo "-- open loop, $RATE/s offered, 16 workers"; $LOADGEN 16 "$SECONDS_PER_RUN" "$RATE"
wrk_burst
if command -v wrk > /dev/null; then  # the read side ran beside the burst: it must deliver every stored event once
  stored=$(psql $PG -At -d crm_bench -c "SELECT count(*) FROM domainevententry"); t0=$(date +%s%N); fed=0
  for _ in $(seq 1 1200); do
    fed=$(field position "$(curl -sf "$BASE/api/v1/admin/projections/change-feed")")
    [[ "$fed" -ge "$stored" ]] && break; sleep 0.1
  done
  echo "   events stored: $stored; in the change feed (dense positions, one per event): $fed;" \
    "$(( ($(date +%s%N) - t0) / 1000000 )) ms after the burst"
fi
