# Shared by run-http.sh and run-cluster.sh (sourced, not run): wait for a server, run one wrk load, and run a set
# of loads interleaved. A load is a line "name|base-url|path-template|keys[|body]" of $LOADS (body defaults to
# {"args":[1]}); $ROOT, $RUNS, $DURATION, $CONNECTIONS and $RESULTS come from the calling script; $SERVER_PID, when
# set, adds the server's CPU time per request to each result.

await_post() { # url: POSTs {"args":[1]} until it answers 2xx (at most 60 s)
  for _ in $(seq 1 120); do
    if curl -sf -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"args":[1]}' "$1"; then return 0; fi
    sleep 0.5
  done
  echo "No answer from $1 within 60 s" >&2
  return 1
}

cpu_ticks() { # the user + system CPU time of $SERVER_PID, in clock ticks (0 without a server pid)
  if [ -n "${SERVER_PID:-}" ]; then awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; else echo 0; fi
}

run_wrk() { # connections seconds base-url path-template keys [body] -> RESULT req/s p50 p99 requests errors cpu-us
  local threads=2 before result
  if [ "$1" -lt 2 ]; then threads=1; fi
  before=$(cpu_ticks)
  result=$(PATH_TEMPLATE="$4" KEYS="$5" BODY="${6:-{\"args\":[1]\}}" wrk -t"$threads" -c"$1" -d"$2"s --timeout 10s \
    -s "$ROOT/benchmarks/http-load.lua" "$3" | grep '^RESULT')
  echo "$result" | awk -v ticks=$(( $(cpu_ticks) - before )) -v hz="$(getconf CLK_TCK)" \
    '{ printf "%s %.1f\n", $0, ($5 > 0) ? ticks * 1e6 / hz / $5 : 0 }'
}

run_loads() { # warm-up-connections: every load once ($WARMUP seconds, 5 by default; at least 30 s over 10,000 keys
  # so that each is created), then $RUNS rounds of every load at each connection count
  echo "Warming up (every load, $1 connections)..."
  while IFS='|' read -r name base template keys body; do
    run_wrk "$1" "$(( keys >= 10000 && ${WARMUP:-5} < 30 ? 30 : ${WARMUP:-5} ))" "$base" "$template" "$keys" "$body" >/dev/null
  done <<<"$LOADS"
  for c in $CONNECTIONS; do
    for run in $(seq 1 "$RUNS"); do
      while IFS='|' read -r name base template keys body; do
        line=$(run_wrk "$c" "$DURATION" "$base" "$template" "$keys" "$body")
        echo "$name $c $run ${line#RESULT }" | tee -a "$RESULTS"
      done <<<"$LOADS"
    done
  done
}
