#!/usr/bin/env bash
# Runs the JMH benchmarks: scripts/bench.sh [JMH regex] [JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/jdk25.sh
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
exec java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/target/classpath.txt)" \
  org.openjdk.jmh.Main "${@:-.*}"
