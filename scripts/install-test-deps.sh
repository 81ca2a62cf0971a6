#!/usr/bin/env bash
# Installs the Debian packages the tests drive (pcscd + virtual reader, socat, Chromium, Xvfb),
# only those missing. Needs root or sudo when something is missing.
set -euo pipefail
packages=()
need() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || packages+=("$1"); }
for p in ${URNA_TEST_PACKAGES:-}; do need "$p"; done
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing test dependencies: ${packages[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
