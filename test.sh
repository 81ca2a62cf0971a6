#!/usr/bin/env bash
# Runs every test of Urna: installs what the tests need when missing, finds JDK 25, runs Maven.
# Usage: ./test.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")"
scripts/install-test-deps.sh
source scripts/jdk25.sh
echo "Using JDK at $JAVA_HOME"
exec ./mvnw -B -ntp verify "$@"
