#!/usr/bin/env bash
# In-process benchmarks: JMH durable actions on one hot actor and over 1,000 actors, against one SQLite commit
# per increment measured in the same run; then LifecycleBenchmark (wake and create latency over 10,000 actors,
# heap of 100,000 awake actors, tell throughput, ActorClient answers handed to its executor), each against its own
# baseline.
# Usage: benchmarks/run-in-process.sh [JMH options]   (default: -f 1 -wi 2 -w 2 -i 3 -r 2, about 5 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -eq 0 ]; then set -- -f 1 -wi 2 -w 2 -i 3 -r 2; fi
./mvnw -q -B install -DskipTests
cd benchmarks
../mvnw -q -B exec:exec -Dexec.executable=java \
  -Dexec.args="-classpath %classpath org.openjdk.jmh.Main -rf text -rff target/jmh-result.txt $*"
cat target/jmh-result.txt
../mvnw -q -B exec:exec -Dexec.executable=java \
  -Dexec.args="-Xmx1g -classpath %classpath dev.actorspring.benchmarks.LifecycleBenchmark 10000 100000" 2>/dev/null
