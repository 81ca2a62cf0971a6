#!/usr/bin/env bash
# Sourced by the project's scripts: finds a JDK 25 (or newer) and exports JAVA_HOME.
# Looks at JAVA_HOME, then `java` on the PATH, then the usual install folders.
urna_java_major() {
  # the JDK's release file answers without starting a JVM (a start costs ~100 ms)
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1
    return
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}
urna_find_jdk25() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$d" ] && candidates+=("$d")
  done
  local c major
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/javac" ] || continue
    major=$(urna_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      echo "$c"
      return 0
    fi
  done
  return 1
}
if ! URNA_JDK=$(urna_find_jdk25); then
  echo "Urna needs a JDK 25 or newer; none was found in JAVA_HOME, on the PATH or under /usr/lib/jvm." >&2
  echo "Install one (for example Temurin 25) and run this again." >&2
  exit 1
fi
export JAVA_HOME="$URNA_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
