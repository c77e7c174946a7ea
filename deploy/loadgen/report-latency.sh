# Sourced by the report latency scripts (needs BASE and WORK set, curl and wrk): waiting for the read side, and
# measuring report endpoints.

field() { sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<<"$2" | tr -d '"' | head -1; }
position() { field position "$(curl -sf "$BASE/api/v1/admin/projections/$1")"; }

# Caught up: every named projection at the head index $1, or all of them unchanged for 30 s (a rolled-back insert
# leaves a hole in the index, so the head can be above the number of events published; a batch on a read model
# with very large documents can take several seconds).
wait_for_read_side() {
  local total=$1; shift
  local last="" same=0 now
  for _ in $(seq 1 2400); do
    now=$(for p in "$@"; do position "$p"; done | xargs)
    [[ $(tr ' ' '\n' <<<"$now" | sort -n | head -1) -ge "$total" ]] 2>/dev/null && break
    if [[ "$now" == "$last" ]]; then same=$((same + 1)); else same=0; last="$now"; fi
    if [[ $same -ge 60 ]]; then echo "positions $now settled below the head index $total (holes)"; break; fi
    sleep 0.5
  done
  sleep 2
}

# Each path under wrk for 10 s from 4 connections: its p50, p99 and requests per second (skipped unless 200).
measure() {
  local path code
  for path in "$@"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    if [[ "$code" != 200 ]]; then echo "$path: $code (skipped)"; continue; fi
    wrk -t2 -c4 -d10s --latency "$BASE$path" > "$WORK/wrk.txt"
    printf '%-75s p50 %8s  p99 %8s  %s req/s\n' "$path" \
      "$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")" "$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")" \
      "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
  done
}
