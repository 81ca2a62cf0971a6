#!/usr/bin/env bash
# The demo's first start (its election material made into an empty cache) against its second start
# (the material loaded from the cache), paired and interleaved, both with a JDK 25 AOT cache trained
# on a second start as kiosk-demo.sh trains it. Needs a display and the merged jar
# (kiosk-demo/src/bench/startup.sh or ./demo.sh builds it). Usage: second-start.sh [pairs]
set -euo pipefail
cd "$(dirname "$0")/../../.."
source scripts/jdk25.sh >/dev/null
PAIRS=${1:-5}
JAR=kiosk-demo/target/urna-kiosk-demo.jar
AOT=$(mktemp -u /tmp/urna-demo-bench-XXXXXX.aot)
WARM=$(mktemp -d /tmp/urna-demo-bench-cache-XXXXXX)
trap 'rm -rf "$WARM" "$AOT"' EXIT
run() {
  java --enable-native-access=ALL-UNNAMED -Dprism.order=sw "$@" -cp "$JAR" \
    org.urna.kiosk.demo.DemoMain --startup-probe 2>/dev/null | sed -n 's/^kiosk\.//p' | tr '\n' ' '
}
ms() { sed -n 's/.*waitingScreen.firstFrame.ms=\([0-9]*\).*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
java -Durna.demo.cache="$WARM" -cp "$JAR" org.urna.kiosk.demo.DemoCache >/dev/null
run -Durna.demo.cache="$WARM" -XX:AOTCacheOutput="$AOT" >/dev/null
first=(); second=()
uptime
for i in $(seq "$PAIRS"); do
  cold=$(mktemp -d /tmp/urna-demo-bench-cold-XXXXXX)
  line=$(run -Durna.demo.cache="$cold" -XX:AOTCache="$AOT"); rm -rf "$cold"
  echo "first  $line"; first+=("$(echo "$line" | ms)")
  line=$(run -Durna.demo.cache="$WARM" -XX:AOTCache="$AOT")
  echo "second $line"; second+=("$(echo "$line" | ms)")
done
uptime
echo "first  ms: ${first[*]}  median $(printf '%s\n' "${first[@]}" | median)"
echo "second ms: ${second[*]}  median $(printf '%s\n' "${second[@]}" | median)"
