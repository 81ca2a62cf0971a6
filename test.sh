#!/usr/bin/env bash
# Runs every test of Urna: installs what the tests need when missing, finds JDK 25, runs Maven
# (with the merged kiosk jar, -DkioskJar), then the packages' tests on the jars Maven built
# (packaging/tests/run.sh: needs root; URNA_PACKAGING_TESTS=no leaves them out, and says so).
# Usage: ./test.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
source scripts/jdk25.sh
echo "Using JDK at $JAVA_HOME"
./mvnw -B -ntp verify -DkioskJar "$@"
if [ "${URNA_PACKAGING_TESTS:-yes}" = no ]; then
  echo "NOT RUN: the packages' tests (URNA_PACKAGING_TESTS=no)" >&2
  exit 0
fi
start=$(date +%s)
if [ "$(id -u)" = 0 ]; then
  packaging/tests/run.sh --skip-maven
else
  sudo -n -E packaging/tests/run.sh --skip-maven
fi
echo "packaging tests: $(($(date +%s) - start)) s"
