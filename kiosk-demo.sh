#!/usr/bin/env bash
# Runs the Urna kiosk demo: the station (operator shell, PIN pad, poll-worker and service mode, the
# voter's screens) from a configuration made at start in a temporary folder: a signed sample
# election package and demo operator cards (made once into ${XDG_CACHE_HOME:-~/.cache}/urna/demo,
# decision 0347) in the simulated card reader (poll worker PIN 111111), the ESC/POS printer
# emulator (its paper shows beside the station), an in-process ledger.
# No hardware, no network.
#   ./kiosk-demo.sh                 a window (F11: full screen)
#   ./kiosk-demo.sh --kiosk         full screen, locked down
#   ./kiosk-demo.sh --help          every option (answers without building)
# Builds the merged kiosk jar only when a pom or a main source changed (a hash of them is kept
# beside the jar), trains a JDK 25 AOT cache on that exact jar once, then starts the jar directly:
# no Maven on a second start. Extra JVM options: URNA_JAVA_OPTS="-Dprism.order=sw" ./kiosk-demo.sh
set -euo pipefail

# What the demo is and where it is built (one place to change when the demo moves module).
KIOSK_MODULE=kiosk-demo
KIOSK_MAIN=org.urna.kiosk.demo.DemoMain
KIOSK_JAR="$KIOSK_MODULE/target/urna-kiosk-demo.jar"
KIOSK_AOT="$KIOSK_MODULE/target/urna-kiosk-demo.aot"
SOURCES_STAMP="$KIOSK_JAR.sources.sha256"

cd "$(dirname "$0")"

for a in "$@"; do
  case "$a" in
    -h | --help | -V | --version)
      if [ -f "$KIOSK_JAR" ]; then
        source scripts/jdk25.sh >/dev/null
        exec "$JAVA_HOME/bin/java" -Xshare:auto -cp "$KIOSK_JAR" "$KIOSK_MAIN" "$a"
      fi
      exec cat "scripts/kiosk-demo-usage.txt"
      ;;
  esac
done

source scripts/jdk25.sh >/dev/null
sources=$(scripts/source-hash.sh)
if [ ! -f "$KIOSK_JAR" ] || [ "$(cat "$SOURCES_STAMP" 2>/dev/null)" != "$sources" ]; then
  echo "Building the kiosk (first run or sources changed)..." >&2
  ./mvnw -B -q -ntp -pl "$KIOSK_MODULE" -am package -DskipTests -Dspotless.check.skip=true \
    -DkioskJar >&2
  echo "$sources" >"$SOURCES_STAMP"
fi

# JDK-8377932: a JDK 25 cache made for another jar is used silently; the jar's size and time at
# training are kept beside the cache and a changed jar is trained again.
jar_id=$(stat -c '%s %Y' "$KIOSK_JAR")
aot=()
if [ -f "$KIOSK_AOT" ] && [ "$(cat "$KIOSK_AOT.jar" 2>/dev/null)" = "$jar_id" ]; then
  aot=("-XX:AOTCache=$KIOSK_AOT")
elif [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Training the start-up cache (once per build)..." >&2
  rm -f "$KIOSK_AOT" "$KIOSK_AOT.jar"
  # the election material cached first, so the training starts as every later start does
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${URNA_JAVA_OPTS:-} -cp "$KIOSK_JAR" org.urna.kiosk.demo.DemoCache >/dev/null 2>&1 || true
  # shellcheck disable=SC2086
  if "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${URNA_JAVA_OPTS:-} \
    "-XX:AOTCacheOutput=$KIOSK_AOT" -cp "$KIOSK_JAR" "$KIOSK_MAIN" --startup-probe \
    >/dev/null 2>&1 && [ -f "$KIOSK_AOT" ]; then
    echo "$jar_id" >"$KIOSK_AOT.jar"
    aot=("-XX:AOTCache=$KIOSK_AOT")
  fi
fi

# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${URNA_JAVA_OPTS:-} "${aot[@]}" \
  -cp "$KIOSK_JAR" "$KIOSK_MAIN" "$@"
