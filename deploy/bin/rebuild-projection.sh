#!/usr/bin/env bash
# Rebuilds one projection from the event store through the admin API and shows its progress until it is live again.
# Usage: deploy/bin/rebuild-projection.sh <name> [base URL, default http://localhost:8080]
#        deploy/bin/rebuild-projection.sh --list [base URL]
# Needs curl. Exit status: 0 when the rebuild finished, 1 when it was refused or failed.
set -euo pipefail
NAME=${1:?usage: $0 <projection name>|--list [base URL]}
BASE=${2:-http://localhost:8080}
API="$BASE/api/v1/admin/projections"

field() { # the first value of a JSON field in a flat-enough document: field <name> <json>
  sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[^,}]*\).*/\1/p" <<<"$2" | tr -d '"' | head -1
}

if [[ "$NAME" == "--list" ]]; then
  curl -sf "$API"; echo
  exit 0
fi

answer=$(curl -s -w '\n%{http_code}' -X POST "$API/$NAME/rebuild")
status=${answer##*$'\n'}
body=${answer%$'\n'*}
if [[ "$status" != "202" ]]; then
  echo "rebuild of $NAME refused ($status): $(field detail "$body")" >&2
  exit 1
fi

width=40
while true; do
  now=$(curl -sf "$API/$NAME")
  state=$(field state "$now")
  done_=$(field eventsDone "$now"); total=$(field eventsTotal "$now"); rate=$(field eventsPerSecond "$now")
  done_=${done_:-0}; total=${total:-0}
  percent=0
  if [[ "$total" =~ ^[0-9]+$ && "$total" -gt 0 ]]; then percent=$(( done_ * 100 / total )); fi
  (( percent > 100 )) && percent=100
  filled=$(( percent * width / 100 ))
  printf '\r%-14s [%s%s] %3d%%  %s/%s events  %s events/s ' "$NAME" \
    "$(printf '%*s' "$filled" '' | tr ' ' '#')" "$(printf '%*s' $(( width - filled )) '' | tr ' ' '.')" \
    "$percent" "$done_" "$total" "${rate:-0}"
  if [[ "$state" == "LIVE" ]]; then
    finished=$(field finishedAt "$now")
    echo
    if [[ -n "$finished" && "$finished" != "null" ]]; then
      echo "$NAME is live again (version $(field version "$now")), finished at $finished"
      exit 0
    fi
    echo "the rebuild of $NAME failed; the previous collection kept serving (see the application log)" >&2
    exit 1
  fi
  sleep 0.5
done
