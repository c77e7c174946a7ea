#!/usr/bin/env bash
# A/B of the read side on the embedded default between two builds of this repository, on one and the same backlog:
# the baseline tree stores a backlog with the read side off (OpenDeal for a while from 4 connections, all deals on
# one day, then stage moves for a while), then each tree, alternately, starts on a copy of that data directory with
# the read side on and applies the whole backlog; printed: the time until every projection has applied it, the
# events per second over that time and over its second half (after the JIT's warm-up), and the JVM's CPU time.
# Needs: both trees built (./mvnw -q -DskipTests package in each), curl, wrk. Nothing else should run meanwhile.
# Usage: deploy/loadgen/run-backlog-ab.sh <baseline tree> <candidate tree> [rounds] [seconds of opening] [seconds of moves]
# JVM options of each side: BASELINE_JAVA_OPTS, CANDIDATE_JAVA_OPTS (unset: the defaults); with one tree given twice,
# this compares JVM settings.
set -uo pipefail
BASELINE=$(cd "$1" && pwd); CANDIDATE=$(cd "$2" && pwd); ROUNDS=${3:-2}; OPEN_SECS=${4:-60}; MOVE_SECS=${5:-60}
HERE="$(cd "$(dirname "$0")" && pwd)"
PORT=18290; BASE="http://127.0.0.1:$PORT"; WORK=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
field() { sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<<"$2" | tr -d '"' | head -1; }
slowest() { curl -sf "$BASE/api/v1/admin/projections" | grep -o '"position":[0-9]*' | cut -d: -f2 | sort -n | head -1; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
start() { # JVM options, tree, data directory, extra arguments
  CRM_DATA_DIR="$3" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=19295 CRM_EMBEDDED_MONGO_PORT=27231 \
    java $1 -jar "$2/deploy/standalone/target/crm-standalone.jar" "${@:4}" >> "$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 180); do curl -sf "$BASE/actuator/health" > /dev/null && return; sleep 1; done
  echo "did not start; see $WORK/app.log" >&2; exit 1
}

start "${BASELINE_JAVA_OPTS:-}" "$BASELINE" "$WORK/backlog" --crm.projections.enabled=false
CONTACT=$(field id "$(curl -sf -XPOST -H 'Content-Type: application/json' "$BASE/api/v1/contacts" \
  -d '{"name":"backlog","ownerId":"m1"}')")
DEALS_OUT="$WORK/deals" wrk -t2 -c4 -d"${OPEN_SECS}s" -s "$HERE/wrk/open-deal.lua" "$BASE" -- "$CONTACT" > /dev/null
cat "$WORK"/deals.* > "$WORK/deals.txt"
DEALS="$WORK/deals.txt" wrk -t2 -c4 -d"${MOVE_SECS}s" -s "$HERE/wrk/move-deal-stage.lua" "$BASE" -- 4 > /dev/null
# Events stored, counted page by page: a rolled-back insert leaves a hole in the index, so the head index can exceed
# the events the projections will ever consume.
TOTAL=0; AFTER=0; HEAD=$(field headIndex "$(curl -sf "$BASE/api/v1/events?afterIndex=0&limit=1")")
while [[ "$AFTER" -lt "$HEAD" ]]; do
  PAGE=$(curl -sf "$BASE/api/v1/events?afterIndex=$AFTER&limit=1000")
  TOTAL=$((TOTAL + $(grep -o '"eventId"' <<<"$PAGE" | wc -l))); AFTER=$(field lastIndex "$PAGE")
  [[ "$AFTER" =~ ^[0-9]+$ ]] || break
done
kill "$APP"; wait "$APP" 2>/dev/null
echo "backlog: $(wc -l < "$WORK/deals.txt") deals opened on one day, $TOTAL events"

for round in $(seq 1 "$ROUNDS"); do
  for side in baseline candidate; do
    if [[ $side == baseline ]]; then tree=$BASELINE; opts=${BASELINE_JAVA_OPTS:-}; else tree=$CANDIDATE; opts=${CANDIDATE_JAVA_OPTS:-}; fi
    rm -rf "$WORK/run"; cp -r "$WORK/backlog" "$WORK/run"
    t0=$(date +%s%N); start "$opts" "$tree" "$WORK/run"; ticks=$(cpu_ticks); half=""
    while true; do
      p=$(slowest); now=$(date +%s%N)
      if [[ -z "$half" && "${p:-0}" -ge $(( TOTAL / 2 )) ]]; then half=$now; fi
      [[ "${p:-0}" -ge "$TOTAL" ]] && break
      sleep 0.2
    done
    cpu=$(( ($(cpu_ticks) - ticks) / $(getconf CLK_TCK) ))
    printf 'round %s %s: all applied %5.1f s after the start, %4.0f events/s; second half %4.0f events/s; CPU %s s\n' \
      "$round" "$side ($(basename "$tree")${opts:+ $opts})" "$(awk -v a=$t0 -v b=$now 'BEGIN{print (b-a)/1e9}')" \
      "$(awk -v n=$TOTAL -v a=$t0 -v b=$now 'BEGIN{print n/((b-a)/1e9)}')" \
      "$(awk -v n=$TOTAL -v a=$half -v b=$now 'BEGIN{print (n/2)/((b-a)/1e9)}')" "$cpu"
    kill "$APP"; wait "$APP" 2>/dev/null
  done
done
