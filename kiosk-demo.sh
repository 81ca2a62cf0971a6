#!/usr/bin/env bash
# Runs the Urna voter's kiosk demo: the sample election, a real encrypted H2 ballot box in a
# temporary folder, the ESC/POS printer emulator (its paper shows beside the kiosk) and a poll
# worker's "activate next voter" button. No hardware, no network.
#   ./kiosk-demo.sh                 a window (F11: full screen)
#   ./kiosk-demo.sh --kiosk         full screen, locked down
#   ./kiosk-demo.sh --help          every option
set -euo pipefail
cd "$(dirname "$0")"
source scripts/jdk25.sh
exec ./mvnw -B -q -pl kiosk-app -am package -Ddemo -DskipTests -Dspotless.check.skip=true \
  "-Ddemo.args=$*"
