#!/usr/bin/env bash
# Runs the Urna kiosk demo: the voter's touchscreen in a window with the sample election, a real
# encrypted ballot box, the printer emulator's paper beside it and a poll worker's activation
# button. No hardware, no network. Options: ./demo.sh --help
# (The command-line tour without a display: scripts/cli-demo.sh)
set -euo pipefail
exec "$(dirname "$0")/kiosk-demo.sh" "$@"
