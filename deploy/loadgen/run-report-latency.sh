#!/usr/bin/env bash
# Latency of the report queries (issue 9: p99 under 20 ms on a few hundred thousand events) on the embedded default
# (H2 event store, embedded Kafka and MongoDB, all on this machine): deals opened for a while (20 owners, 5 sources,
# each with its default next-step task), then moved through the open stages for a while, the read side allowed to
# catch up, then each report endpoint under wrk for 10 s (4 connections), twice, printing its p50 and p99; then how
# long a new deal takes to reach the funnel, and the funnel's latencies while deals are being opened.
# Needs: the built jars (./mvnw -q -DskipTests package), curl, wrk.
# Usage: deploy/loadgen/run-report-latency.sh [seconds of opening deals, default 60] [seconds of moves, default 60]
#        [contacts the deals are spread over at random, default 1]
# The standalone's JVM options: CRM_JAVA_OPTS (e.g. "-XX:+UseShenandoahGC -Xmx12g"; the default JVM settings if unset).
set -euo pipefail
OPEN_SECS=${1:-60}; MOVE_SECS=${2:-60}; CONTACTS=${3:-1}
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/../.." && pwd)"
PORT=18090; BASE="http://127.0.0.1:$PORT"; WORK=$(mktemp -d)
. "$HERE/report-latency.sh"

CRM_DATA_DIR="$WORK/data" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=19093 CRM_EMBEDDED_MONGO_PORT=27019 \
  java ${CRM_JAVA_OPTS:-} -jar "$ROOT/deploy/standalone/target/crm-standalone.jar" > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health" > /dev/null && break; sleep 1; done
IDS=()
for n in $(seq 1 "$CONTACTS"); do
  IDS+=("$(field id "$(curl -sf -XPOST -H 'Content-Type: application/json' "$BASE/api/v1/contacts" \
    -d "{\"name\":\"report load $n\",\"ownerId\":\"m1\"}")")")
done

echo "== opening deals on $CONTACTS contact(s) for ${OPEN_SECS} s, then moving them for ${MOVE_SECS} s"
DEALS_OUT="$WORK/deals" wrk -t4 -c4 -d"${OPEN_SECS}s" -s "$HERE/wrk/open-deal.lua" "$BASE" -- "${IDS[@]}" \
  | grep -E 'Requests/sec|Non-2xx' || true
cat "$WORK"/deals.* > "$WORK/deals.txt"
DEALS="$WORK/deals.txt" wrk -t4 -c4 -d"${MOVE_SECS}s" -s "$HERE/wrk/move-deal-stage.lua" "$BASE" -- 4 \
  | grep -E 'Requests/sec|Non-2xx' || true
TOTAL=$(field headIndex "$(curl -sf "$BASE/api/v1/events?afterIndex=0&limit=1")")
echo "$(wc -l < "$WORK/deals.txt") deals, $TOTAL events stored; waiting for the read side"
wait_for_read_side "$TOTAL" change-feed deal-funnel deal-facts customer-value manager-kpis lead-sources
echo "caught up; data directory: $(du -sh "$WORK/data" | cut -f1) ($(du -sh "$WORK"/data/* | tr '\n\t' ', ' | sed 's|'"$WORK"'/data/||g'))"

FROM=$(date -u -d '-1 day' +%F); TO=$(date -u -d '+1 day' +%F)
# Twice: the first pass also pays for the first requests after the catch-up (counting, the JIT, collecting the
# catch-up's garbage), the second shows the steady state.
for PASS in 1 2; do
  echo "== pass $PASS"
  measure "/api/v1/reports/funnel?from=$FROM&to=$TO" "/api/v1/reports/funnel?from=$FROM&to=$TO&mode=strict&ownerId=m7" \
    "/api/v1/reports/forecast?months=3" "/api/v1/reports/dynamics?granularity=day&from=$FROM&to=$TO" \
    "/api/v1/reports/segments" "/api/v1/reports/managers?from=$FROM&to=$TO&granularity=day" \
    "/api/v1/reports/leaderboard?metric=dealsOpened&from=$FROM&to=$TO" "/api/v1/reports/sources?from=$FROM&to=$TO"
done

# A new deal, from its OpenDeal until the whole-cohort funnel counts it (the projection applies it, and the first
# request after that counts the cohort again), 3 times.
funnel_deals() { sed -n 's/.*"totals":{"deals":\([0-9]*\).*/\1/p' <<<"$(curl -sf "$BASE/api/v1/reports/funnel?from=$FROM&to=$TO")"; }
for _ in 1 2 3; do
  BEFORE=$(funnel_deals); START=$(date +%s%N)
  curl -sf -XPOST -H 'Content-Type: application/json' "$BASE/api/v1/deals" > /dev/null \
    -d "{\"contactId\":\"${IDS[0]}\",\"title\":\"fresh\",\"ownerId\":\"m1\",\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"}}"
  until [[ $(funnel_deals) -gt $BEFORE ]]; do :; done
  echo "a new deal counted in the funnel of $((BEFORE + 1)) deals after $(( ($(date +%s%N) - START) / 1000000 )) ms"
done

# The funnel while deals are opened from one connection (as fast as the command side answers): most requests then
# find deals changed since the one before. The dynamics (buckets read by key) beside it, as a control.
echo "== the funnel while deals are opened from one connection"
DEALS_OUT="$WORK/busy" wrk -t1 -c1 -d36s -s "$HERE/wrk/open-deal.lua" "$BASE" -- "${IDS[@]}" > "$WORK/busy.txt" &
BUSY=$!
sleep 2
measure "/api/v1/reports/funnel?from=$FROM&to=$TO" "/api/v1/reports/funnel?from=$FROM&to=$TO&mode=strict&ownerId=m7" \
  "/api/v1/reports/dynamics?granularity=day&from=$FROM&to=$TO"
wait $BUSY
grep -E 'Requests/sec|Non-2xx' "$WORK/busy.txt" || true
