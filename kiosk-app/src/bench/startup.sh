#!/usr/bin/env bash
# Kiosk cold start to the first frame of the waiting screen, plain and with a JDK 25 AOT cache.
# Needs a display (Xvfb :77 works). Prints one line per run and the medians.
# Usage (from the repository root): kiosk-app/src/bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/../../.."
source scripts/jdk25.sh
RUNS=${1:-5}
./mvnw -B -q -pl kiosk-app -am package -DskipTests -Dspotless.check.skip=true \
  dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/cp-runtime.txt
CP="kiosk-app/target/kiosk-app-0.1.0-SNAPSHOT.jar:$(cat kiosk-app/target/cp-runtime.txt)"
MAIN=org.urna.kiosk.demo.DemoMain
AOT=kiosk-app/target/kiosk.aot
run() { java --enable-native-access=ALL-UNNAMED -Dprism.order=sw "$@" -cp "$CP" $MAIN --startup-probe 2>/dev/null | sed -n 's/^kiosk.waitingScreen.firstFrame.ms=//p'; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
rm -f "$AOT"   # JDK-8377932: never reuse a cache made for another jar
run -XX:AOTCacheOutput="$AOT" >/dev/null
plain=(); aot=()
for i in $(seq "$RUNS"); do
  plain+=("$(run)")
  aot+=("$(run -XX:AOTCache="$AOT")")
done
echo "plain ms: ${plain[*]}  median $(printf '%s\n' "${plain[@]}" | median)"
echo "aot   ms: ${aot[*]}  median $(printf '%s\n' "${aot[@]}" | median)"
