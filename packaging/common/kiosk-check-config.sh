#!/usr/bin/env bash
# Writes a station configuration that starts the packaged station on any machine, for the AOT
# training run and the packages' smoke tests: the simulated card reader, the printer emulator,
# folders under <dir>, a card authority minted by `urna mint-cards` and a ledger trust policy from
# `urna ledger-keys` (throwaway keys: the station only starts, nothing is voted). Prints the file.
# Usage: kiosk-check-config.sh <urna launcher> <dir>
set -euo pipefail
urna=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)
"$urna" mint-cards --out "$dir/cards" --days 2 >/dev/null
openssl x509 -in "$dir/cards/authority/authority-ca.pem" -outform der -out "$dir/cards-ca.der"
{
  "$urna" ledger-keys --origin check.urna.invalid/station --name v1.check.urna.invalid \
    --out "$dir/ledger-keys" | sed 's|$| http://127.0.0.1:9/|; s|^log \(.*\) http://127.0.0.1:9/$|log \1|'
  echo "quorum v1.check.urna.invalid"
} >"$dir/ledger.policy"
cat >"$dir/station.conf" <<CONF
# A station that starts anywhere (packaging checks only; see /usr/share/urna-kiosk/station.conf.example)
station.id = check-1
card.reader = simulated
printer = emulator
printer.profile = epson-tm-t20
ballot-box.folder = $dir/ballot-box
ledger.endpoints = http://127.0.0.1:9/
ledger.trust-policy = ledger.policy
language.default = ru
operator.inactivity-minutes = 15
station.state-folder = $dir/state
election.package-folders = $dir/usb
election.trust-anchor = $(sha256sum "$dir/cards-ca.der" | cut -d' ' -f1)
cards.authority-certificate = cards-ca.der
CONF
echo "$dir/station.conf"
