#!/usr/bin/env bash
# The read side on the embedded default (H2 event store, embedded Kafka and MongoDB, all on this machine), beside raw
# baselines of the same embedded MongoDB measured in the same run, each figure printed with its ratio:
#   1. raw per-document and bulk upsert rates of the embedded MongoDB (MongoBaseline, same durability contract);
#   2. projection apply rate in steady state: a backlog of events built with the read side off, then applied;
#   3. projection apply rate during a rebuild from the event store (admin API);
#   4. whole-flow lag, recordedAt -> SSE, at 100, 300 and 1,000 commands/s offered (open loop);
#   5. a burst at the command side's maximum rate, then how long the read side needs to deliver everything;
#   6. SSE delivery with 1,000 and 5,000 subscribers (SseBench).
# With CRM_MONGODB_URI set, the raw baselines are also measured against that external MongoDB.
# Needs: the built jars (./mvnw -q -DskipTests package), curl.
# Usage: deploy/loadgen/run-read-side-benchmark.sh [seconds per run, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}
WORK=$(mktemp -d)
PORT=18090; KAFKA_PORT=19095; MONGO_PORT=27031
BASE="http://127.0.0.1:$PORT"
LOADGEN_JAR=deploy/loadgen/target/crm-loadgen.jar
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT

start_app() { # on the data directory of this run; extra arguments go to the application
  CRM_DATA_DIR="$WORK/data" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=$KAFKA_PORT CRM_EMBEDDED_MONGO_PORT=$MONGO_PORT \
    java -jar deploy/standalone/target/crm-standalone.jar "$@" >> "$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health" > /dev/null && return; sleep 1; done
  echo "the standalone did not start; see $WORK/app.log" >&2; exit 1
}
stop_app() { kill "$APP"; wait "$APP" 2>/dev/null || true; }
field() { sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<<"$2" | tr -d '"' | head -1; }
position() { field position "$(curl -sf "$BASE/api/v1/admin/projections/$1")"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
rate_of() { sed -n 's/.*: \([0-9.]*\) docs\/s.*/\1/p' <<<"$1" | head -1; }

echo "== 1. raw baselines: the embedded MongoDB alone (same commit per write / per bulk as the projections)"
start_app --crm.publication.enabled=false  # the projections register in the catalog (empty store: nothing to rebuild)
BASELINE=$(java -cp "$LOADGEN_JAR" dev.eventcrm.loadgen.MongoBaseline "mongodb://127.0.0.1:$MONGO_PORT" 20000 --embedded)
echo "$BASELINE"
RAW_SINGLE=$(rate_of "$(grep -i 'per-document' <<<"$BASELINE")")
RAW_BULK=$(rate_of "$(grep -i 'bulk' <<<"$BASELINE")")
if [[ -n "${CRM_MONGODB_URI:-}" ]]; then
  echo "-- external MongoDB at CRM_MONGODB_URI"
  java -cp "$LOADGEN_JAR" dev.eventcrm.loadgen.MongoBaseline "$CRM_MONGODB_URI" 20000
fi
stop_app

echo "== 2. steady-state apply rate: a backlog built with the read side off, then applied"
start_app --crm.projections.enabled=false
java -jar "$LOADGEN_JAR" "$BASE" 16 $((SECONDS_PER_RUN * 2)) 0 nolag | grep -E "throughput"
stop_app
start_app
TOTAL=$(field headIndex "$(curl -sf "$BASE/api/v1/events?afterIndex=0&limit=1")")
first=""; t0=0; half=""; th=0
while true; do  # from the end of the first applied batch (the consumer has joined) to the last
  p=$(position change-feed); now=$(date +%s%N)
  if [[ -z "$first" && "${p:-0}" -gt 0 ]]; then first=$p; t0=$now; fi
  if [[ -n "$first" && -z "$half" && "${p:-0}" -ge $(( (first + TOTAL) / 2 )) ]]; then half=$p; th=$now; fi
  if [[ "${p:-0}" -ge "$TOTAL" ]]; then t1=$now; break; fi
  sleep 0.1
done
rate() { awk -v n="$1" -v ns="$2" 'BEGIN { printf "%.0f", n / (ns / 1e9) }'; }
APPLY=$(rate "$((TOTAL - first))" "$((t1 - t0))")
STEADY=$(rate "$((TOTAL - half))" "$((t1 - th))")
echo "applied $((TOTAL - first)) events to deal-board, contact-card and change-feed in $(( (t1 - t0) / 1000000 )) ms: $APPLY events/s"
echo "   (the JVM has just started: that includes its JIT warm-up; the second half of the backlog, $((TOTAL - half)) events"
echo "   in $(( (t1 - th) / 1000000 )) ms, went at $STEADY events/s)"
echo "   ratio to raw per-document upsert: $(ratio "$APPLY" "$RAW_SINGLE") (second half $(ratio "$STEADY" "$RAW_SINGLE"))" \
  "  ratio to raw bulk upsert: $(ratio "$APPLY" "$RAW_BULK") (second half $(ratio "$STEADY" "$RAW_BULK"))"
for _ in $(seq 1 300); do  # the rebuilds started for the new catalog must end before timing one
  [[ "$(field state "$(curl -sf "$BASE/api/v1/admin/projections/deal-board")")" == LIVE ]] && break; sleep 0.5
done

echo "== 3. rebuild of deal-board from the event store ($TOTAL events)"
deploy/bin/rebuild-projection.sh deal-board "$BASE" | tr '\r' '\n' | tail -2
REBUILD=$(field eventsPerSecond "$(curl -sf "$BASE/api/v1/admin/projections/deal-board")")
echo "   rebuild $REBUILD events/s; ratio to raw per-document upsert: $(ratio "$REBUILD" "$RAW_SINGLE") (target >= 2)"

echo "== 4. whole-flow lag at fixed offered rates (recordedAt -> SSE)"
for rate in 100 300 1000; do
  echo "-- open loop, $rate/s offered"
  java -jar "$LOADGEN_JAR" "$BASE" 16 "$SECONDS_PER_RUN" "$rate" | grep -E "throughput|latency|recordedAt|delivered"
done

echo "== 5. burst at the command side's maximum rate (closed loop, 16 workers), then catch-up"
java -jar "$LOADGEN_JAR" "$BASE" 16 "$SECONDS_PER_RUN" 0 | grep -E "throughput|recordedAt|delivered"
echo "   (target: delivered within one burst length, ${SECONDS_PER_RUN} s, after the burst ends)"

echo "== 6. SSE fan-out at 20 commands/s"
for subscribers in 1000 5000; do
  echo "-- $subscribers subscribers"
  java -cp "$LOADGEN_JAR" dev.eventcrm.loadgen.SseBench "$BASE" "$subscribers" "$SECONDS_PER_RUN" 20
done
stop_app
