#!/usr/bin/env bash
# A/B of the command path between two builds of this repository, alternating runs in the same session:
# the standalone jar over the machine's PostgreSQL (publication and projections off), a wrk burst of MoveDealStage
# from 16 connections on 400 fresh deals after a 10 s warm-up. Prints each run and the ratio of the medians.
# Needs: both trees built (./mvnw -q -DskipTests package in each), PostgreSQL at 127.0.0.1:5432 (user postgres), wrk.
# Usage: deploy/loadgen/run-command-path-ab.sh <baseline tree> <candidate tree> [seconds per run] [rounds]
# e.g.:  git worktree add /tmp/base <commit> && (cd /tmp/base && ./mvnw -q -DskipTests package)
#        deploy/loadgen/run-command-path-ab.sh /tmp/base . 20 2
set -euo pipefail
BASELINE=$(cd "$1" && pwd); CANDIDATE=$(cd "$2" && pwd); SECS=${3:-20}; ROUNDS=${4:-2}
LUA="$(cd "$(dirname "$0")" && pwd)/wrk/move-deal-stage.lua"
PG="-h 127.0.0.1 -p 5432 -U postgres"; PORT=18080; BASE="http://127.0.0.1:$PORT"
field() { sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<<"$2" | tr -d '"' | head -1; }

one_run() { # prints requests/s of one burst against the tree in $1
  local work app contact file i
  work=$(mktemp -d)
  psql $PG -q -c "DROP DATABASE IF EXISTS crm_bench_ab" -c "CREATE DATABASE crm_bench_ab" > /dev/null 2>&1
  CRM_DATA_DIR="$work/data" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=19092 CRM_EMBEDDED_MONGO_PORT=27018 \
    CRM_EVENTSTORE_URL="jdbc:postgresql://127.0.0.1:5432/crm_bench_ab?user=postgres" \
    java -jar "$1/deploy/standalone/target/crm-standalone.jar" --crm.publication.enabled=false \
    --crm.projections.enabled=false > "$work/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health" > /dev/null && break; sleep 1; done
  contact=$(field id "$(curl -sf -XPOST -H 'Content-Type: application/json' "$BASE/api/v1/contacts" \
    -d '{"name":"wrk","ownerId":"m1"}')")
  for file in warm run; do
    for i in $(seq 1 400); do
      field id "$(curl -sf -XPOST -H 'Content-Type: application/json' "$BASE/api/v1/deals" -d "{\"contactId\":\
\"$contact\",\"title\":\"wrk $i\",\"amount\":{\"value\":\"1.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}")"
    done > "$work/$file.txt"
  done
  DEALS="$work/warm.txt" wrk -t16 -c16 -d10s -s "$LUA" "$BASE" -- 16 > /dev/null
  DEALS="$work/run.txt" wrk -t16 -c16 -d"${SECS}"s -s "$LUA" "$BASE" -- 16 \
    | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p'
  kill $app; wait $app 2>/dev/null || true
  rm -rf "$work"
}

declare -a A B
for round in $(seq 1 "$ROUNDS"); do
  a=$(one_run "$BASELINE"); b=$(one_run "$CANDIDATE")
  echo "round $round: baseline $a req/s, candidate $b req/s"
  A+=("$a"); B+=("$b")
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
awk -v a="$(median "${A[@]}")" -v b="$(median "${B[@]}")" \
  'BEGIN { printf "median: baseline %.0f req/s, candidate %.0f req/s, ratio candidate/baseline %.2f\n", a, b, b / a }'
