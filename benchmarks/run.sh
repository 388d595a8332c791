#!/usr/bin/env bash
# Every figure of docs/benchmarks.md in one run: the HTTP suite (loads, JFR profile, broadcast), then the
# in-process suite (JMH durable actions, wake/create latency, heap, tell). About 15 minutes on 2 cores.
# The whole output is also kept in benchmarks/target/results.txt.
# Usage: benchmarks/run.sh            (as root, or with sudo available: see run-http.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p benchmarks/target
{
  echo "benchmarks/run.sh, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  benchmarks/run-http.sh
  echo
  echo "In process:"
  benchmarks/run-in-process.sh
} 2>&1 | tee benchmarks/target/results.txt
