#!/usr/bin/env bash
# The HTTP benchmark: the durable counter actor (natively and through the RivetKit gateway) and the samples' actions as shipped (ChatRoom.sendMessage,
# HourlyAnalytics.trackEvent: one INSERT through ctx.sql() each) on 1, 1,000 and 10,000 keys, against a no-op
# endpoint, a naive one-SQLite-commit-per-request endpoint and the same counter in PostgreSQL, all served by one
# application (module benchmarks/), loaded by wrk on the same machine at several concurrencies. Prints one table with req/s, p50, p99, the server's CPU time per
# request and the ratios, a JFR profile of the actor loads, then the broadcast figures.
#
# Usage: benchmarks/run-http.sh            (as root, or with sudo available, for apt-get and PostgreSQL)
# Environment: DURATION seconds per run (5), RUNS per load (3, the median is kept), CONNECTIONS ("1 16 64"),
#              PG_PORT (55432), APP_PORT (18090), PROFILE_SECONDS (20; 0 skips the JFR profile),
#              LOADS_ONLY (names of the loads to run, all by default), APP_ARGS (more arguments for the application).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. benchmarks/wrk-loads.sh
DURATION=${DURATION:-5}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-"1 16 64"}
PG_PORT=${PG_PORT:-55432}
APP_PORT=${APP_PORT:-18090}
PROFILE_SECONDS=${PROFILE_SECONDS:-20}
WORK=$(mktemp -d /tmp/actor-bench.XXXXXX)
chmod 755 "$WORK"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if ! command -v wrk >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1 || [ -z "$PG_BIN" ]; then
  echo "Installing wrk and PostgreSQL from Debian's packages..."
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk postgresql curl >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
trap cleanup EXIT

echo "Building..."
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt

echo "Starting PostgreSQL on 127.0.0.1:$PG_PORT..."
if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; fi
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U bench -A trust >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
  -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $WORK -c max_connections=50" start >/dev/null
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U bench bench

echo "Starting the benchmark application on 127.0.0.1:$APP_PORT..."
mkdir -p "$WORK/app"
java -Xms1g -Xmx1g -cp "$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")" \
  dev.actorspring.benchmarks.http.BenchmarkApplication --server.port="$APP_PORT" --server.address=127.0.0.1 \
  --actor.data-dir="$WORK/app/data" \
  --bench.postgres.url="jdbc:postgresql://127.0.0.1:$PG_PORT/bench?user=bench" ${APP_ARGS:-} >"$WORK/app/app.log" 2>&1 &
APP_PID=$!
SERVER_PID=$APP_PID
BASE="http://127.0.0.1:$APP_PORT"
await_post "$BASE/noop"

# name | base URL | path template | keys [| body]
CHAT='{"args":["hello world"]}'
PAGE_VIEW='{"args":[{"type":"page_view","url":"/pricing"}]}'
QUEUED='{"body":{"type":"page_view","url":"/pricing"}}'
LOADS="noop|$BASE|/noop|1
actor-1|$BASE|/actors/counter/{key}/actions/increment|1
actor-1000|$BASE|/actors/counter/{key}/actions/increment|1000
chat-1|$BASE|/actors/chatRoom/{key}/actions/sendMessage|1|$CHAT
chat-1000|$BASE|/actors/chatRoom/{key}/actions/sendMessage|1000|$CHAT
analytics-1|$BASE|/actors/hourlyAnalytics/{key}/actions/trackEvent|1|$PAGE_VIEW
analytics-1000|$BASE|/actors/hourlyAnalytics/{key}/actions/trackEvent|1000|$PAGE_VIEW
queue-1|$BASE|/actors/hourlyAnalytics/{key}/queues/ingest|1|$QUEUED
queue-1000|$BASE|/actors/hourlyAnalytics/{key}/queues/ingest|1000|$QUEUED
rivet-1|$BASE|/rivet/gateway/counter/action/increment?rvt-method=getOrCreate&rvt-key={key}|1
rivet-1000|$BASE|/rivet/gateway/counter/action/increment?rvt-method=getOrCreate&rvt-key={key}|1000
naive-1|$BASE|/naive/{key}/increment|1
naive-1000|$BASE|/naive/{key}/increment|1000
pg-1|$BASE|/pg/{key}/increment|1
pg-1000|$BASE|/pg/{key}/increment|1000"
# Then, apart (so that their 20,000 files do not evict the steady state of the loads above): 10,000 rooms and hour
# shards visited in turn, more than the default number of open files.
CLIFF_LOADS="chat-10000|$BASE|/actors/chatRoom/{key}/actions/sendMessage|10000|$CHAT
analytics-10000|$BASE|/actors/hourlyAnalytics/{key}/actions/trackEvent|10000|$PAGE_VIEW"

only() { # the loads of $1 named in $LOADS_ONLY (all of them without it)
  if [ -z "${LOADS_ONLY:-}" ]; then echo "$1"; return; fi
  while IFS='|' read -r name rest; do
    case " $LOADS_ONLY " in *" $name "*) echo "$name|$rest" ;; esac
  done <<<"$1"
}
LOADS=$(only "$LOADS")
CLIFF_LOADS=$(only "$CLIFF_LOADS")

RESULTS="$WORK/results.txt"
: >"$RESULTS"
run_loads 64
if [ -n "$CLIFF_LOADS" ]; then
  MAIN_LOADS=$LOADS
  LOADS=$CLIFF_LOADS
  run_loads 64
  LOADS=$MAIN_LOADS
fi # the warm-up at 64 connections creates the 1,000 actors

: >"$WORK/profile.txt"
if [ "$PROFILE_SECONDS" -gt 0 ]; then
  echo "Profiling (JFR) the actor loads at 64 connections, ${PROFILE_SECONDS}s each..."
  # JFR's profile settings, with monitor waits and parks recorded from 1 ms (10 ms by default): CPU samples do not
  # show time spent waiting for a lock or spinning on it
  JAVA_HOME_DIR=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.home/ { print $2 }')
  sed 's/control="locking-threshold">10 ms</control="locking-threshold">1 ms</' \
    "$JAVA_HOME_DIR/lib/jfr/profile.jfc" >"$WORK/profile.jfc"
  while IFS='|' read -r name base template keys body; do
    case "$name" in actor-*|chat-1|chat-1000) ;; *) continue ;; esac
    jcmd "$APP_PID" JFR.start name="$name" settings="$WORK/profile.jfc" filename="$WORK/$name.jfr" >/dev/null
    run_wrk 64 "$PROFILE_SECONDS" "$base" "$template" "$keys" "$body" >/dev/null
    jcmd "$APP_PID" JFR.stop name="$name" >/dev/null
    java -cp "$ROOT/benchmarks/target/classes" dev.actorspring.benchmarks.profile.ProfileSummary "$WORK/$name.jfr" \
      "$name at 64 connections" >>"$WORK/profile.txt"
  done <<<"$LOADS"
fi

echo "Broadcast: 1,000 WebSocket subscribers of one actor, 50 events..."
java -cp "$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")" \
  dev.actorspring.benchmarks.http.BroadcastBenchmark "$BASE" 1000 50 2>/dev/null \
  | grep '^Broadcast' >"$WORK/broadcast.txt" || echo "Broadcast benchmark failed" >"$WORK/broadcast.txt"

echo
echo "Machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1); wrk and the server on the same machine."
echo "Each figure: the median of $RUNS runs of ${DURATION}s (loads interleaved run by run); p50/p99 of that run;"
echo "cpu us: the server process's CPU time (user + system) per request in that run."
echo
# median run per (load, connections): sort by req/s, take the middle one
awk '{ print $1, $2, $4, $5, $6, $8, $9 }' "$RESULTS" | sort -k1,1 -k2,2n -k3,3n | awk -v runs="$RUNS" '
  { key = $1 " " $2; n[key]++
    if (n[key] == int((runs + 1) / 2)) { rps[key] = $3; p50[key] = $4; p99[key] = $5; cpu[key] = $7 }
    err[key] += $6; if (!(key in seen)) { seen[key] = 1; order[++count] = key } }
  END {
    printf "%-11s %5s %10s %9s %9s %7s %8s  %s\n", "load", "conns", "req/s", "p50 ms", "p99 ms", "errors", "cpu us",
      "ratios"
    for (i = 1; i <= count; i++) {
      split(order[i], parts, " "); load = parts[1]; c = parts[2]; key = order[i]
      ratio = ""
      if (load != "noop") ratio = sprintf("%.2fx noop", rps[key] / rps["noop " c])
      if (load ~ /^(actor|chat|analytics)-/) {
        suffix = load; sub(/^[a-z]+-/, "", suffix); family = load; sub(/-[0-9]+$/, "", family)
        base = (suffix == "1") ? "1" : "1000"
        ratio = ratio sprintf(", %.2fx naive-%s, %.2fx pg-%s", rps[key] / rps["naive-" base " " c], base,
          rps[key] / rps["pg-" base " " c], base)
        if (suffix == "10000") ratio = ratio sprintf(", %.2fx %s-1000", rps[key] / rps[family "-1000 " c], family)
      }
      if (load ~ /^rivet-/) { # the same counter through the RivetKit gateway (json): its own connection per call
        suffix = load; sub(/^rivet-/, "", suffix)
        ratio = ratio sprintf(", %.2fx actor-%s", rps[key] / rps["actor-" suffix " " c], suffix)
      }
      printf "%-11s %5d %10.0f %9.2f %9.2f %7d %8.1f  %s\n", load, c, rps[key], p50[key], p99[key], err[key],
        cpu[key], ratio
    }
  }'
echo
echo "Round by round: each actor load against the baselines of its own round (run minutes apart at most), the"
echo "median over the $RUNS rounds (the baselines move from round to round as much as the loads do):"
awk '{ rps[$1 " " $2 " " $3] = $4
    if ($1 ~ /^(actor|chat|analytics)-[0-9]+$/ && !(($1 " " $2) in seen)) { seen[$1 " " $2] = 1; order[++count] = $1 " " $2 } }
  function median(values, n,   i, j, t, sorted) {
    for (i = 1; i <= n; i++) sorted[i] = values[i]
    for (i = 2; i <= n; i++) for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) { t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t }
    return (n == 0) ? 0 : (n % 2) ? sorted[(n + 1) / 2] : (sorted[n / 2] + sorted[n / 2 + 1]) / 2
  }
  function ratio(a, b) { return (b > 0) ? a / b : 0 }
  END {
    for (i = 1; i <= count; i++) {
      split(order[i], parts, " "); load = parts[1]; c = parts[2]
      suffix = load; sub(/^[a-z]+-/, "", suffix); base = (suffix == "1") ? "1" : "1000"
      n = 0; delete noop; delete naive
      for (r = 1; (load " " c " " r) in rps; r++) {
        n++; noop[n] = ratio(rps[load " " c " " r], rps["noop " c " " r])
        naive[n] = ratio(rps[load " " c " " r], rps["naive-" base " " c " " r])
      }
      printf "%-11s %5d  %.2fx noop, %.2fx naive-%s\n", load, c, median(noop, n), median(naive, n), base
    }
  }' "$RESULTS"
cat "$WORK/profile.txt"
echo
cat "$WORK/broadcast.txt"
