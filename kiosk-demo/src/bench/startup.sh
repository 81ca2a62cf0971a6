#!/usr/bin/env bash
# Kiosk cold start to the first frame of the waiting screen, plain and with a JDK 25 AOT cache.
# Needs a display (Xvfb :77 works). Prints one line per run (with the start-up trace) and the
# medians. Runs the kiosk as it ships: the one merged jar (-DkioskJar, docs/decisions/0308).
# Usage (from the repository root): kiosk-demo/src/bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../../.."
source scripts/jdk25.sh
RUNS=${1:-5}
./mvnw -B -q -ntp -pl kiosk-demo -am package -DskipTests -Dspotless.check.skip=true -DkioskJar
JAR=kiosk-demo/target/urna-kiosk-demo.jar
AOT=kiosk-demo/target/kiosk.aot
run() {
  java --enable-native-access=ALL-UNNAMED -Dprism.order=sw "$@" -cp "$JAR" \
    org.urna.kiosk.demo.DemoMain --startup-probe 2>/dev/null | sed -n 's/^kiosk\.//p' | tr '\n' ' '
}
ms() { sed -n 's/.*waitingScreen.firstFrame.ms=\([0-9]*\).*/\1/p'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rm -f "$AOT"   # JDK-8377932: never reuse a cache made for another jar
run -XX:AOTCacheOutput="$AOT" >/dev/null
plain=(); aot=()
uptime
for i in $(seq "$RUNS"); do
  line=$(run); echo "plain $line"; plain+=("$(echo "$line" | ms)")
  line=$(run -XX:AOTCache="$AOT"); echo "aot   $line"; aot+=("$(echo "$line" | ms)")
done
uptime
echo "plain ms: ${plain[*]}  median $(printf '%s\n' "${plain[@]}" | median)"
echo "aot   ms: ${aot[*]}  median $(printf '%s\n' "${aot[@]}" | median)"
