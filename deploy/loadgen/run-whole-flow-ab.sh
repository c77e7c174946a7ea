#!/usr/bin/env bash
# A/B of the whole flow on the embedded default between two builds of this repository, alternating runs in the same
# session: each run starts the standalone on a fresh data directory, warms it up for 5 s, then offers a fixed rate of
# MoveDealStage-like commands (the load generator, open loop, 16 workers) and prints the achieved rate, the command
# latency, the command -> SSE lag and the JVM's CPU time per command (user + system, from /proc).
# Needs: both trees built (./mvnw -q -DskipTests package in each), curl. Nothing else should run meanwhile.
# Usage: deploy/loadgen/run-whole-flow-ab.sh <baseline tree> <candidate tree> [rounds] [seconds] [rate per second]
# e.g.:  git worktree add /tmp/base <commit> && (cd /tmp/base && ./mvnw -q -DskipTests package)
#        deploy/loadgen/run-whole-flow-ab.sh /tmp/base . 3 40 350
set -uo pipefail
BASELINE=$(cd "$1" && pwd); CANDIDATE=$(cd "$2" && pwd); ROUNDS=${3:-3}; SECS=${4:-40}; RATE=${5:-350}
LOADGEN="$CANDIDATE/deploy/loadgen/target/crm-loadgen.jar"
PORT=18190; BASE="http://127.0.0.1:$PORT"; WORK=$(mktemp -d)
trap 'kill $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT
cpu_ticks() { awk '{print $14 + $15}' "/proc/$APP/stat"; }
for round in $(seq 1 "$ROUNDS"); do
  for tree in "$BASELINE" "$CANDIDATE"; do
    rm -rf "$WORK/data"
    CRM_DATA_DIR="$WORK/data" SERVER_PORT=$PORT CRM_EMBEDDED_KAFKA_PORT=19195 CRM_EMBEDDED_MONGO_PORT=27131 \
      java -jar "$tree/deploy/standalone/target/crm-standalone.jar" >> "$WORK/app.log" 2>&1 &
    APP=$!
    for _ in $(seq 1 120); do curl -sf "$BASE/actuator/health" > /dev/null && break; sleep 1; done
    java -jar "$LOADGEN" "$BASE" 8 5 "$RATE" lag > /dev/null
    before=$(cpu_ticks)
    out=$(java -jar "$LOADGEN" "$BASE" 16 "$SECS" "$RATE" lag)
    used=$(( ($(cpu_ticks) - before) * 1000000 / $(getconf CLK_TCK) ))
    commands=$(sed -n 's/.*commands ok=\([0-9]*\).*/\1/p' <<<"$out")
    echo "round $round $(basename "$tree"): $(grep -o 'throughput=[0-9]*/s' <<<"$out")" \
      "| command $(grep 'command latency' <<<"$out" | grep -o 'p50=[0-9.]* p90=[0-9.]* p99=[0-9.]*')" \
      "| lag $(grep '^command-to-read' <<<"$out" | grep -o 'p50=[0-9.]* p90=[0-9.]* p99=[0-9.]*')" \
      "| JVM CPU $(( used / commands )) us/command (load $(cut -d' ' -f1 /proc/loadavg))"
    kill "$APP"; wait "$APP" 2>/dev/null
  done
done
