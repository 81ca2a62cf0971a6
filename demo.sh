#!/usr/bin/env bash
# Runs the Urna kiosk demo: the station in a window, started from a demo configuration (a freshly
# signed sample election package, operator cards in a simulated reader, the printer emulator whose
# paper shows beside it, an in-process ledger). No hardware, no network. Options: ./demo.sh --help
# (The command-line tour without a display: scripts/cli-demo.sh)
set -euo pipefail
exec "$(dirname "$0")/kiosk-demo.sh" "$@"
