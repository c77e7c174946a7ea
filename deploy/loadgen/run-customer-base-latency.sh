#!/usr/bin/env bash
# Latency of the reports that rank or count every customer (segments) and of the managers report and leaderboard,
# on a customer base rather than on one contact's deals: on the embedded default, N contacts (5 countries, 5
# sources), one deal each (20 owners), two in three of them won, one call each; the read side allowed to catch up;
# then each report under wrk for 10 s (4 connections), printing its p50 and p99.
# Needs: the built jars (./mvnw -q -DskipTests package), curl, wrk.
# Usage: deploy/loadgen/run-customer-base-latency.sh [contacts, default 3000]
set -euo pipefail
CONTACTS=${1:-3000}
HERE="$(cd "$(dirname "$0")" && pwd)"; ROOT="$(cd "$HERE/../.." && pwd)"
PORT=18092; BASE="http://127.0.0.1:$PORT"; WORK=$(mktemp -d)
. "$HERE/report-latency.sh"
post() { curl -sf -XPOST -H 'Content-Type: application/json' "$BASE$1" -d "$2"; }
export -f field post; export BASE

CRM_DATA_DIR="$WORK/data" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=19094 CRM_EMBEDDED_MONGO_PORT=27020 \
  java -jar "$ROOT/deploy/standalone/target/crm-standalone.jar" > "$WORK/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health" > /dev/null && break; sleep 1; done

START=$(date +%s)
# one customer per line: contact, deal; 4 at a time
seq 1 "$CONTACTS" | xargs -P4 -I{} bash -c '
  n={}; countries=(DE FR RU AT PL); sources=(web referral cold-call exhibition partner)
  c=$(field id "$(post /api/v1/contacts "{\"name\":\"Customer $n\",\"ownerId\":\"m$((n % 20 + 1))\",\"country\":\"${countries[$((n % 5))]}\",\"city\":\"City $((n % 7))\",\"source\":\"${sources[$((n % 5))]}\"}")")
  d=$(field id "$(post /api/v1/deals "{\"contactId\":\"$c\",\"title\":\"order $n\",\"amount\":{\"value\":\"$((n % 50 * 100 + 100)).00\",\"currency\":\"EUR\"},\"ownerId\":\"m$((n % 20 + 1))\"}")")
  post /api/v1/calls "{\"contactId\":\"$c\",\"dealId\":\"$d\",\"direction\":\"OUTBOUND\",\"outcome\":\"CONNECTED\",\"durationSeconds\":$((n % 300))}" > /dev/null
  if (( n % 3 != 0 )); then post /api/v1/deals/$d/stage "{\"stage\":\"WON\"}" > /dev/null; fi'
TOTAL=$(field headIndex "$(curl -sf "$BASE/api/v1/events?afterIndex=0&limit=1")")
echo "$CONTACTS contacts with a deal and a call each, 2 in 3 deals won: $TOTAL events stored in $(( $(date +%s) - START )) s; waiting for the read side"
wait_for_read_side "$TOTAL" change-feed customer-value manager-kpis contact-card

FROM=$(date -u -d '-30 day' +%F); TO=$(date -u -d '+1 day' +%F)
measure "/api/v1/reports/segments" "/api/v1/contacts?segment=champions&limit=50" \
  "/api/v1/reports/managers?from=$FROM&to=$TO&granularity=week" \
  "/api/v1/reports/leaderboard?metric=revenueWon&from=$FROM&to=$TO" "/api/v1/reports/funnel?from=$FROM&to=$TO"
