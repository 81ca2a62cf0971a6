#!/usr/bin/env bash
# The command-line tour (scripts/cli-demo.sh): a sample election, 50 ballots cast into an encrypted ballot box,
# every proof verified, the totals decrypted. Needs only a JDK 25 (found by itself).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${URNA_DEMO_DIR:-$here/urna-demo}"
mkdir -p "$work"
cd "$work"
"$here/urna" sample-election --out election
[ -f box.password ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > box.password
box=(--box "$work/ballot-box" --password-file "$work/box.password" --station uik-1701)
"$here/urna" cast --election election "${box[@]}" --count 50 --challenge-every 10
"$here/urna" verify-box --election election "${box[@]}"
"$here/urna" tally --election election "${box[@]}" --secret-file election/demo-election-secret.hex --lang "${URNA_LANG:-en}"
