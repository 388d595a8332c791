#!/usr/bin/env bash
# What cluster mode costs: the durable counter on one node (cluster mode off) against the same counter on a
# two-node cluster on the same machine (every commit copied to the other node before the answer), entered
# through the key's owner and through the other node. Prints one table with req/s, p50, p99 and the ratios.
#
# Usage: benchmarks/run-cluster.sh     (installs wrk and curl with apt when missing; about 7 minutes)
# Environment: DURATION seconds per run (5), RUNS per load (3, the median is kept), CONNECTIONS ("1 16"), WARMUP
# seconds of each load before the runs (30: the JIT compilers of these JVMs take about a minute of load to settle,
# and the 1-connection rounds, which come first, measured them still compiling).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. benchmarks/wrk-loads.sh
DURATION=${DURATION:-5}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-"1 16"}
WARMUP=${WARMUP:-30}
WORK=$(mktemp -d /tmp/actor-cluster-bench.XXXXXX)
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
if ! command -v wrk >/dev/null 2>&1 || ! command -v curl >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl >/dev/null
fi
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Building..."
./mvnw -q -B install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
CP="$ROOT/benchmarks/target/classes:$(cat "$ROOT/benchmarks/target/classpath.txt")"

start() { # name http-port extra-args...
  local name=$1 port=$2
  shift 2
  java -Xms512m -Xmx512m -cp "$CP" dev.actorspring.benchmarks.http.BenchmarkApplication --server.port="$port" \
    --server.address=127.0.0.1 --actor.data-dir="$WORK/$name" "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}
start single 18190
SEEDS=127.0.0.1:25611,127.0.0.1:25612
start node1 18191 --actor.cluster.enabled=true --actor.cluster.port=25611 --actor.cluster.seed-nodes=$SEEDS
start node2 18192 --actor.cluster.enabled=true --actor.cluster.port=25612 --actor.cluster.seed-nodes=$SEEDS
for port in 18190 18191 18192; do
  await_post "http://127.0.0.1:$port/actors/counter/probe/actions/increment"
done
# which node owns the hot key: its file is in that node's data directory
await_post "http://127.0.0.1:18191/actors/counter/hot/actions/increment"
if [ -f "$WORK/node1/counter/k-hot.db" ]; then OWNER=18191; OTHER=18192; else OWNER=18192; OTHER=18191; fi

# every key of the 1,000-key loads exists before the runs (creating an actor in cluster mode takes a take-over and a
# full copy: a warm-up of a few seconds does not reach them all, and the runs would measure creations)
echo "Creating the 1,000 keys on both setups..."
for port in 18190 18191; do
  seq 0 999 | xargs -P 16 -I{} curl -sf --retry 5 --retry-delay 1 -o /dev/null -X POST \
    -H 'Content-Type: application/json' -d '{"args":[1]}' "http://127.0.0.1:$port/actors/counter/k{}/actions/increment" \
    || echo "Some keys could not be created on port $port" >&2
done
ACTION=/actors/counter/{key}/actions/increment
LOADS="single-1|http://127.0.0.1:18190|$ACTION|1
owner-1|http://127.0.0.1:$OWNER|$ACTION|1
other-1|http://127.0.0.1:$OTHER|$ACTION|1
single-1000|http://127.0.0.1:18190|$ACTION|1000
cluster-1000|http://127.0.0.1:18191|$ACTION|1000"
RESULTS="$WORK/results.txt"
: >"$RESULTS"
run_loads 16

echo
echo "Machine: $(nproc) cores, $(uname -sr), $(java -version 2>&1 | head -1); wrk and all nodes on the same machine."
echo "single: cluster mode off. owner-1/other-1: the hot key on a two-node cluster, requests sent to the node that"
echo "owns it / to the other node. cluster-1000: 1,000 keys spread over both nodes, requests sent to node1."
echo "Each figure: the median of $RUNS runs of ${DURATION}s (loads interleaved); p50/p99 of that run."
echo
awk '{ print $1, $2, $4, $5, $6, $8 }' "$RESULTS" | sort -k1,1 -k2,2n -k3,3n | awk -v runs="$RUNS" '
  { key = $1 " " $2; n[key]++; if (n[key] == int((runs + 1) / 2)) { rps[key] = $3; p50[key] = $4; p99[key] = $5 }
    err[key] += $6; if (!(key in seen)) { seen[key] = 1; order[++count] = key } }
  END {
    printf "%-13s %5s %10s %9s %9s %7s  %s\n", "load", "conns", "req/s", "p50 ms", "p99 ms", "errors", "vs single node"
    for (i = 1; i <= count; i++) {
      split(order[i], parts, " "); load = parts[1]; c = parts[2]; key = order[i]; ratio = ""
      base = (load ~ /1000$/) ? "single-1000 " c : "single-1 " c
      if (load !~ /^single/) ratio = sprintf("%.2fx req/s, p50 +%.2f ms", rps[key] / rps[base], p50[key] - p50[base])
      printf "%-13s %5d %10.0f %9.2f %9.2f %7d  %s\n", load, c, rps[key], p50[key], p99[key], err[key], ratio
    }
  }'
