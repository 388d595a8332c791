#!/usr/bin/env bash
# Posts realistic page views to the analytics sample: a few hundred users browsing a handful of pages,
# some of them hammering the site (so the rate limiter refuses them).
# Usage: sample-analytics-app/load.sh [base-url] [seconds] [parallel-clients]
set -euo pipefail
base=${1:-http://localhost:8081}
seconds=${2:-30}
clients=${3:-4}
pages=(/ /pricing /docs /docs/getting-started /blog /blog/actors-on-the-jvm /signup /login)
end=$((SECONDS + seconds))
client() {
  local sent=0 refused=0
  while [ $SECONDS -lt $end ]; do
    local user="user-$((RANDOM % 300))"
    if [ $((RANDOM % 10)) -eq 0 ]; then user="bot-$((RANDOM % 3))"; fi
    local page=${pages[$((RANDOM % ${#pages[@]}))]}
    status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/api/track" \
      -H 'Content-Type: application/json' -d "{\"userId\":\"$user\",\"url\":\"$page\"}")
    if [ "$status" = 202 ]; then sent=$((sent + 1)); else refused=$((refused + 1)); fi
  done
  echo "$sent accepted, $refused refused"
}
for i in $(seq 1 "$clients"); do client & done
wait
