#!/usr/bin/env bash
# Installs the Debian packages the tests drive (listed in scripts/test-packages.txt), only those
# missing. Needs root or sudo when something is missing.
set -euo pipefail
cd "$(dirname "$0")"
packages=()
while read -r p; do
  p=${p%%#*}
  p=$(echo "$p" | tr -d '[:space:]')
  [ -n "$p" ] || continue
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || packages+=("$p")
done < test-packages.txt
if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing test dependencies: ${packages[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${packages[@]}"
