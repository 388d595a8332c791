#!/usr/bin/env bash
# In-process benchmarks (JMH): durable actions on one hot actor and over 1,000 actors, against one SQLite
# commit per increment measured in the same run. Usage: benchmarks/run-in-process.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -B install -DskipTests
cd benchmarks
../mvnw -q -B exec:exec -Dexec.executable=java \
  -Dexec.args="-classpath %classpath org.openjdk.jmh.Main -rf text -rff target/jmh-result.txt $*"
cat target/jmh-result.txt
