#!/usr/bin/env bash
# Trains the JDK 25 AOT cache of a jpackage app-image on that image itself: its launcher, its
# runtime, its jar, shown once up to the first screen. Writes lib/app/<name>.aot, records the
# SHA-256 of every jar and of the runtime's module image it was made from (<name>.aot.sha256, checked by
# packaging/tests/run.sh) and makes the launcher use it. JDK-8377932: a JDK 25 cache made
# for another jar is used silently, so the cache is made again in every build, never copied.
# Usage: train-aot.sh <app-image> [arguments that show the first screen and exit]
set -euo pipefail
img=$(cd "$1" && pwd)
shift
name=$(basename "$img")
app="$img/lib/app"
cfg="$app/$name.cfg"
aot="$app/$name.aot"
xvfb_pid=""
cleanup() { [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null; true; }
trap cleanup EXIT
if [ -z "${DISPLAY:-}" ]; then
  # a private X server only for the training run; -displayfd picks a free display number
  Xvfb -displayfd 1 -screen 0 1920x1200x24 -nolisten tcp >"$app/.xvfb-display" 2>/dev/null &
  xvfb_pid=$!
  for _ in $(seq 100); do [ -s "$app/.xvfb-display" ] && break; sleep 0.1; done
  export DISPLAY=":$(head -n 1 "$app/.xvfb-display")"
  rm -f "$app/.xvfb-display"
fi
rm -f "$aot"
sed -i '/-XX:AOTCache=/d' "$cfg"
# a fresh HOME: the training run must not find (or leave) anything in the builder's home
train_home=$(mktemp -d)
HOME="$train_home" JAVA_TOOL_OPTIONS="-XX:AOTCacheOutput=$aot" "$img/bin/$name" "$@" \
  >"$app/.training.log" 2>&1 || { cat "$app/.training.log" >&2; exit 1; }
rm -rf "$train_home" "$app/.training.log"
[ -s "$aot" ] || { echo "train-aot.sh: no AOT cache was written" >&2; exit 1; }
chmod 0644 "$aot"
sed -i '/^\[JavaOptions\]/a java-options=-XX:AOTCache=$APPDIR/'"$name"'.aot' "$cfg"
(cd "$img" && sha256sum lib/app/*.jar lib/runtime/lib/modules) >"$aot.sha256"
echo "AOT cache: $(du -h "$aot" | cut -f1) for $(wc -l <"$aot.sha256") files" >&2
