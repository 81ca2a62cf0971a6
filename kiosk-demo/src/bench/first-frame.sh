#!/usr/bin/env bash
# Cold start to the first frame, wall clock, two builds paired in one run: the packaged kiosk
# (`urna-kiosk --config FILE --smoke-test` from two app-images) or the demo's second start (two
# merged demo jars, each with an AOT cache trained on its own jar). Every run notes the time it
# starts the command at; a build that prints `kiosk.startup.epoch` (-Durna.startup.trace=true for
# the kiosk, --startup-probe for the demo) gives, from it, the wall-clock time to the starting
# screen's first frame ("firstFrame") and to the station's own screen ("stationShown"). hyperfine
# then times both whole commands, paired, to the station's screen and the exit.
# Needs a display (DISPLAY), hyperfine, and takes `flock /tmp/urna-cpu.lock` around the timed runs.
# Usage: first-frame.sh kiosk BASE_IMAGE NEW_IMAGE STATION_CONF [runs]
#        first-frame.sh demo  BASE_JAR   NEW_JAR   CACHE_DIR    [runs]
set -euo pipefail
cd "$(dirname "$0")/../../.."
source scripts/jdk25.sh >/dev/null
kind=$1 base=$2 new=$3 arg=$4 runs=${5:-7}
tmp=$(mktemp -d /tmp/urna-first-frame-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
case "$kind" in
  kiosk)
    cmd() { echo "$1/bin/urna-kiosk --config $arg --smoke-test"; }
    traced() { JAVA_TOOL_OPTIONS=-Durna.startup.trace=true "$1/bin/urna-kiosk" --config "$arg" --smoke-test 2>/dev/null; }
    ;;
  demo)
    for j in "$base" "$new"; do # an AOT cache per jar, trained on a second start (as kiosk-demo.sh does)
      java -Durna.demo.cache="$arg" -cp "$j" org.urna.kiosk.demo.DemoCache >/dev/null
      java --enable-native-access=ALL-UNNAMED -Durna.demo.cache="$arg" -XX:AOTCacheOutput="$j.aot" \
        -cp "$j" org.urna.kiosk.demo.DemoMain --startup-probe >/dev/null 2>&1
    done
    cmd() { echo "java --enable-native-access=ALL-UNNAMED -Durna.demo.cache=$arg -XX:AOTCache=$1.aot -cp $1 org.urna.kiosk.demo.DemoMain --startup-probe"; }
    traced() { $(cmd "$1") 2>/dev/null; }
    ;;
  *) echo "first-frame.sh: kiosk or demo, not '$kind'" >&2; exit 2 ;;
esac
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
since() { # phase epoch-line t0: ms from t0 to the phase, or - when the build does not print it
  local v
  v=$(echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1)
  [ -n "$v" ] && echo $((v - $3)) || echo -
}
exec 9>/tmp/urna-cpu.lock
flock 9
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for b in base new; do eval "dir=\$$b"; : >"$tmp/$b.first"; : >"$tmp/$b.shown"; done
for i in $(seq "$runs"); do
  for b in base new; do
    eval "dir=\$$b"
    t0=$(date +%s%3N)
    out=$(traced "$dir" || true)
    t1=$(date +%s%3N)
    epoch=$(echo "$out" | sed -n 's/^kiosk\.startup\.epoch //p')
    f=$(since firstFrame "$epoch" "$t0"); s=$(since stationShown "$epoch" "$t0")
    echo "$b run $i: firstFrame $f ms, stationShown $s ms, exit $((t1 - t0)) ms"
    [ "$f" != - ] && echo "$f" >>"$tmp/$b.first"
    [ "$s" != - ] && echo "$s" >>"$tmp/$b.shown"
  done
done
for b in base new; do
  [ -s "$tmp/$b.first" ] && echo "$b: firstFrame median $(median <"$tmp/$b.first") ms, stationShown median $(median <"$tmp/$b.shown") ms"
done
echo "load after traced runs: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N -w 1 -r "$runs" -n base "$(cmd "$base")" -n new "$(cmd "$new")" 2>&1 |
  grep -E 'Benchmark|Time|Range|faster|±'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
