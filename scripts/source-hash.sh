#!/usr/bin/env bash
# Prints one SHA-256 over every pom.xml and every file under a module's src/main/ (names and
# contents), so a script can tell whether what it built is still current (./kiosk-demo.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
find . \( -name target -o -name .git -o -name node_modules \) -prune -o \
  \( -name pom.xml -o -path '*/src/main/*' -o -path './.mvn/*' \) -type f -print |
  LC_ALL=C sort | xargs -d '\n' sha256sum | sha256sum | cut -d' ' -f1
