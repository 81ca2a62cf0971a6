#!/usr/bin/env bash
# The packages' tests: build, kiosk smoke test on headless Monocle (the first screen named), AOT
# cache made from the shipped jars, validator /health on loopback, systemd units verified, lintian
# findings only the justified ones, and the .debs installed: version A, whose `urna` is built from
# the commit before the ballot box's newest migration, casts a ballot box into /var/lib/urna at
# that older schema; the built version B over it migrates the box at its first open (every ballot,
# tracking code and the chain head kept, the schema advanced, verify-box passes), A over B refused
# naming both versions, purge asking nothing and keeping every file of the box. Needs root (dpkg -i
# into this system) and git (the history, for A). Always purges what it installed. Does not take
# the build lock itself, except around A's Maven build when URNA_BUILD_LOCK names the lock file.
# Usage: packaging/tests/run.sh [--skip-build | --skip-maven]
#   --skip-build  test packaging/target as it is;  --skip-maven  build the packages from the jars
#   Maven already built (./test.sh: after its verify with -DkioskJar)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
t=$root/packaging/target
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $(date +%T) $*"; }
[ "$(id -u)" = 0 ] || fail "packaging/tests/run.sh needs root (it installs the .debs with dpkg -i)"
# Version A is built from an older commit, which needs the project's whole git history. Without it
# (a source tarball, a shallow clone) A is B's own build relabelled: upgrade, downgrade and purge
# are still tested, the schema migration is not, and the run says so on stderr.
history=yes
if ! git rev-parse --verify -q HEAD >/dev/null 2>&1 ||
  [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" != false ]; then
  history=no
  echo "NOT RUN: the upgrade's schema migration (no full git history here to build version A from the commit before the newest migration; git fetch --unshallow)" >&2
fi
# Monocle, the headless JavaFX platform the smoke tests add from outside the image (decision 0511):
# the version kiosk-app's tests use, from the local Maven repository Maven filled
monocle_version=$(sed -n 's:.*<monocle.version>\(.*\)</monocle.version>.*:\1:p' pom.xml | head -n 1)
monocle_jar=${URNA_MAVEN_REPO:-$HOME/.m2/repository}/org/testfx/openjfx-monocle/$monocle_version/openjfx-monocle-$monocle_version.jar
[ -f "$monocle_jar" ] || fail "no Monocle at $monocle_jar (run Maven on kiosk-app first; URNA_MAVEN_REPO names another local repository)"
for p in urna-kiosk urna-ledger; do
  if dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q installed; then
    fail "$p is installed on this machine; the test installs and purges it and will not touch it"
  fi
done
for d in /var/lib/urna /var/lib/urna-ledger /etc/urna; do
  [ -e "$d" ] && fail "$d exists on this machine; the test will not touch it"
done
# The packages under test are compressed at xz's fastest level (the same files, half the build
# time); packaging/build.sh alone makes the release's -z6 packages whose sizes docs/benchmarks.md gives.
export URNA_DEB_COMPRESSION=${URNA_DEB_COMPRESSION:--Zxz -z1}
case "${1:-}" in
  --skip-build) ;;
  --skip-maven) step "build (jars from Maven)"; packaging/build.sh --skip-maven --no-lintian ;;
  "") step "build"; packaging/build.sh --no-lintian ;;
  *) fail "unknown option '$1'" ;;
esac
source scripts/jdk25.sh >/dev/null

work=$(mktemp -d)
chmod 0755 "$work"
pids=()
installed=no
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  if [ "$installed" = yes ]; then
    URNA_PURGE_BALLOT_BOXES=yes URNA_PURGE_LEDGER_STATE=yes \
      dpkg --purge urna-kiosk urna-ledger >/dev/null 2>&1 || true
    rm -rf /var/lib/urna /var/lib/urna-ledger /etc/urna-ledger /etc/urna
    for u in urna-kiosk urna-ledger; do
      getent passwd "$u" >/dev/null && deluser --system "$u" >/dev/null 2>&1 || true
      getent group "$u" >/dev/null && delgroup --system "$u" >/dev/null 2>&1 || true
    done
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# The kiosk's smoke tests run headless: no display at all, and the image's own launcher, runtime,
# jar and .cfg, with Monocle added by the java launcher's JDK_JAVA_OPTIONS on a module path of its
# own (an automatic module; JavaFX's glass finds its platform factory by name). A real kiosk has no
# such variable and runs GTK glass. The AOT cache is made for the real kiosk's module graph, so
# these runs do not use it (-XX:AOTMode=off); the AOT step below starts the real one on Xvfb.
mkdir "$work/monocle"
cp "$monocle_jar" "$work/monocle/"
chmod -R a+rX "$work/monocle"
headless() {
  env -u DISPLAY -u WAYLAND_DISPLAY JDK_JAVA_OPTIONS="-XX:AOTMode=off --module-path $work/monocle \
--add-modules org.testfx.monocle -Dglass.platform=Monocle -Dmonocle.platform=Headless \
-Dprism.order=sw -Dheadless.geometry=1920x1200-32" "$@"
}
# The station's first screen with no election loaded: the public screen's words in the check
# configuration's language (ru), as the shipped jar has them.
first_screen=$(unzip -p "$t/image/urna-kiosk/lib/app/urna-kiosk.jar" org/urna/kiosk/i18n/polls_ru.properties |
  sed -n 's/^public\.NO_ELECTION=//p')
[ -n "$first_screen" ] || fail "no public.NO_ELECTION in the kiosk's polls_ru.properties"
smoke_check() { # <output of --smoke-test>: the first screen named, no exception on the way
  grep -q -F "station check-1: first screen shown: " "$1" || fail "no first screen: $(cat "$1")"
  grep -F "first screen shown: " "$1" | grep -q -F "$first_screen" ||
    fail "the first screen is not the public screen '$first_screen': $(grep -F 'first screen shown' "$1")"
  ! grep -E -m 3 'Exception|^Error' "$1" || fail "the smoke test printed an error: $(cat "$1")"
}

step "kiosk app-image: the station, not the demo: no ledger, Ratis or Jetty in its jar"
grep -q '^app.mainclass=org.urna.kiosk.station.StationMain$' "$t/image/urna-kiosk/lib/app/urna-kiosk.cfg" ||
  fail "the kiosk's main class is not StationMain: $(grep mainclass "$t/image/urna-kiosk/lib/app/urna-kiosk.cfg")"
unzip -Z1 "$t/image/urna-kiosk/lib/app/urna-kiosk.jar" >"$work/kiosk-jar.txt"
grep -q '^org/urna/kiosk/station/StationMain.class$' "$work/kiosk-jar.txt" || fail "no StationMain in the kiosk's jar"
! grep -E -m 3 '^(org/apache/ratis|org/eclipse/jetty|org/urna/ledger|org/urna/kiosk/demo)/' "$work/kiosk-jar.txt" ||
  fail "the kiosk's jar carries the ledger, Ratis, Jetty or the demo"
"$t/image/urna-kiosk/bin/urna-kiosk" >"$work/noconf" 2>&1 && fail "the station started without --config"
grep -q -- '--config FILE is required' "$work/noconf" || fail "no word about --config: $(cat "$work/noconf")"

step "kiosk app-image: headless (Monocle), its first screen named, exit 0, nothing written into a fresh HOME"
mkdir "$work/home"
conf=$(packaging/common/kiosk-check-config.sh "$t/image/urna-ledger/bin/urna" "$work/check-station")
"$t/image/urna-kiosk/bin/urna-kiosk" --config "$conf" --check >"$work/check" 2>&1 ||
  fail "--check of a good configuration: $(cat "$work/check")"
HOME="$work/home" headless "$t/image/urna-kiosk/bin/urna-kiosk" --config "$conf" --smoke-test >"$work/smoke" 2>&1 ||
  fail "smoke test exit $?: $(cat "$work/smoke")"
smoke_check "$work/smoke"
grep -F 'first screen shown' "$work/smoke"
[ -z "$(ls -A "$work/home")" ] || fail "the kiosk wrote into HOME: $(ls -A "$work/home")"

step "the shipped AOT cache was made from the shipped jars and runtime, and is used"
(cd "$t/image/urna-kiosk" && sha256sum -c --quiet lib/app/urna-kiosk.aot.sha256) ||
  fail "the AOT cache was trained on other files"
for j in "$t"/image/urna-kiosk/lib/app/*.jar; do
  grep -q " lib/app/$(basename "$j")\$" "$t/image/urna-kiosk/lib/app/urna-kiosk.aot.sha256" ||
    fail "$(basename "$j") is shipped but the AOT cache's record does not name it"
done
# -XX:AOTMode=on: the JVM refuses to start when it cannot map the cache (other jars, other JVM).
# The real kiosk's start (GTK glass, no Monocle) on a private Xvfb: the module graph it was trained on.
Xvfb -displayfd 3 -screen 0 1920x1200x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
xvfb=$!
pids+=("$xvfb")
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
DISPLAY=":$(cat "$work/display")" JAVA_TOOL_OPTIONS="-XX:AOTMode=on -Xlog:aot=info" HOME="$work/home" \
  "$t/image/urna-kiosk/bin/urna-kiosk" --config "$conf" --smoke-test >"$work/aot" 2>&1 ||
  fail "the kiosk does not start with its AOT cache required: $(grep -i aot "$work/aot" | head)"
grep -q 'Opened AOT cache' "$work/aot" || fail "the AOT cache was not opened: $(grep -i aot "$work/aot" | head)"
smoke_check "$work/aot"
kill "$xvfb" && wait "$xvfb" 2>/dev/null || true

step "validator app-image: one node on loopback answers /health, stops on SIGTERM"
free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
ledger_node_test() { # <urna launcher> <folder for the node's files>
  local urna=$1 dir=$2 http raft pid
  mkdir -p "$dir"
  http=$(free_port)
  raft=$(free_port)
  "$urna" ledger-keys --origin ledger.test/e --name v1.test --out "$dir" >"$dir/keys"
  { sed "s|^witness .*|& http://127.0.0.1:$http|" "$dir/keys"
    echo "group validators all v1.test"
    echo "quorum validators"; } >"$dir/network.policy"
  # the signed election-wide package and, beside it, the authority's trust-anchor.sha256
  "$urna" sample-election --out "$dir" >"$dir/election" || fail "sample-election: $(cat "$dir/election")"
  printf '%s\n' id=v1 group=3b0f6f5e-2f1c-4d4e-9a5b-0d5f2c1a7e01 origin=ledger.test/e data=v1 \
    "http.port=$http" "peers=v1@127.0.0.1:$raft@http://127.0.0.1:$http" log.key=v1.test.log.key \
    cosigner.key=v1.test.cosigner.key policy=network.policy election.package=election-package.json \
    >"$dir/node.properties"
  (cd "$dir" && exec "$urna" ledger-node --config "$dir/node.properties") >"$dir/out" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 300); do
    grep -q "ready on http://127.0.0.1:$http" "$dir/out" && break
    kill -0 "$pid" 2>/dev/null || fail "the validator exited: $(tail -5 "$dir/out")"
    sleep 0.1
  done
  curl -sf "http://127.0.0.1:$http/health" >"$dir/health" || fail "/health: $(tail -5 "$dir/out")"
  grep -q '"status":"ok"' "$dir/health" || fail "/health says: $(cat "$dir/health")"
  kill -TERM "$pid"
  local rc=0
  wait "$pid" || rc=$?
  [ "$rc" = 0 ] || [ "$rc" = 143 ] || fail "the validator's exit on SIGTERM: $rc"
  curl -s -o /dev/null "http://127.0.0.1:$http/health" && fail "still answering after SIGTERM"
  true
}
ledger_node_test "$t/image/urna-ledger/bin/urna" "$work/node"

step "systemd units"
for u in packaging/*/root/usr/lib/systemd/system/*.service; do
  # the units' programs exist only once installed: the one finding allowed here
  out=$(systemd-analyze verify --man=no "$PWD/$u" 2>&1 | grep -v 'is not executable: No such file' || true)
  [ -z "$out" ] || fail "$u: $out"
done

step "lintian: no finding beyond the overrides justified in docs/decisions/0504"
# both packages at once (two cores); --info: an override that no longer matches is reported too
lint_pids=()
for d in "$t"/deb/*.deb; do
  l="$work/lintian-$(basename "$d")"
  (lintian --fail-on error,warning,info --info "$d" >"$l" 2>&1; echo $? >"$l.rc") &
  lint_pids+=($!)
done
wait "${lint_pids[@]}"
for d in "$t"/deb/*.deb; do
  l="$work/lintian-$(basename "$d")"
  findings=$(grep -v 'running with root privileges' "$l" || true)
  [ -z "$findings" ] && [ "$(cat "$l.rc")" = 0 ] ||
    fail "lintian on $(basename "$d") (exit $(cat "$l.rc")): $findings"
done

step "version A: urna built from the commit before the ballot box's newest migration"
# A is a real older release for the ballot box: its `urna` (the urna-ledger package) is built from
# the last commit whose ballot box had one migration fewer, so the box it casts is at that older
# schema and B's first open must migrate it (decisions 0055, 0511). The packaging scripts, the
# runtime and the kiosk's image are B's (that commit had no packages); A is packaged as 0.0.1.
migrations=ballot-box/src/main/resources/org/urna/ballotbox/migration
newest=$(ls "$migrations" | grep -E '^V[0-9]+__.*\.sql$' | sort -V | tail -n 1)
newest_version=$(echo "$newest" | sed 's/^V\([0-9]*\)__.*/\1/')
if [ "$history" = yes ]; then
  added=$(git log --diff-filter=A --format=%H -1 -- "$migrations/$newest")
  [ -n "$added" ] || fail "git log does not say which commit added $migrations/$newest"
  a_commit=$(git rev-parse "$added^")
  echo "A: commit $(git log -1 --format='%h %ad' --date=short "$a_commit") (before $newest)"
  mkdir -p "$work/A-src" "$work/A/image"
  git archive "$a_commit" | tar -x -C "$work/A-src"
  a_schema=$(ls "$work/A-src/$migrations" | grep -E '^V[0-9]+__.*\.sql$' | sed 's/^V\([0-9]*\)__.*/\1/' | sort -n | tail -n 1)
  [ "$a_schema" -lt "$newest_version" ] || fail "A's newest migration ($a_schema) is not older than B's ($newest_version)"
  (cd "$work/A-src" && ${URNA_BUILD_LOCK:+flock "$URNA_BUILD_LOCK"} bash -c 's=$(date +%s)
    ./mvnw -B -q -ntp -pl cli -am package -DskipTests -Dspotless.check.skip=true || exit
    echo "A built in $(($(date +%s) - s)) s" >&3') 3>&1 >"$work/A-build" 2>&1 || fail "building A: $(tail -20 "$work/A-build")"
  # A's app-image: B's runtime and launcher, A's jars and class path
  a_img="$work/A/image/urna-ledger"
  cp -a "$t/image/urna-ledger" "$a_img"
  rm "$a_img"/lib/app/*.jar
  cp "$(ls "$work"/A-src/cli/target/cli-*.jar | grep -v -e sources -e tests | head -n 1)" "$a_img/lib/app/urna-cli.jar"
  tr ':' '\n' <"$work/A-src/cli/target/classpath.txt" | while read -r j; do [ -n "$j" ] && cp "$j" "$a_img/lib/app/"; done
  cfg="$a_img/lib/app/urna.cfg"
  { echo "[Application]"
    echo "app.classpath=\$APPDIR/urna-cli.jar"
    grep '^app.mainclass=' "$t/image/urna-ledger/lib/app/urna.cfg"
    for j in "$a_img"/lib/app/*.jar; do
      [ "$(basename "$j")" = urna-cli.jar ] || echo "app.classpath=\$APPDIR/$(basename "$j")"
    done
    echo
    sed -n '/^\[JavaOptions\]/,$p' "$t/image/urna-ledger/lib/app/urna.cfg"; } >"$cfg.new"
  mv "$cfg.new" "$cfg"
else
  a_schema=$newest_version
  a_img="$work/A/image/urna-ledger"
  mkdir -p "$work/A/image"
  cp -a "$t/image/urna-ledger" "$a_img"
  echo "A: B's build relabelled (no history): the box stays at schema $a_schema"
fi

step ".debs: version A installed, launchers run, a ballot box cast into /var/lib/urna at schema $a_schema"
ver=$(dpkg-deb -f "$t"/deb/urna-kiosk_*.deb Version)
old=0.0.1
dpkg --compare-versions "$old" lt "$ver" || fail "$old is not older than $ver"
# gzip -1 only to keep the test quick
URNA_DEB_COMPRESSION="-Zgzip -z1" packaging/common/make-deb.sh packaging/kiosk "$t/image/urna-kiosk" "$old" "$work/A" 2>/dev/null
URNA_DEB_COMPRESSION="-Zgzip -z1" packaging/common/make-deb.sh packaging/ledger "$a_img" "$old" "$work/A" 2>/dev/null
installed=yes
dpkg -i "$work"/A/urna-kiosk_${old}_amd64.deb "$work"/A/urna-ledger_${old}_amd64.deb >"$work/dpkg" 2>&1 ||
  fail "dpkg -i A: $(cat "$work/dpkg")"
urna-kiosk --help | grep -q -- --smoke-test || fail "installed urna-kiosk --help"
[ "$(stat -c '%U %a' /etc/urna)" = "urna-kiosk 750" ] || fail "/etc/urna: $(stat -c '%U %a' /etc/urna)"
grep -q '^card.reader = pcsc' /usr/share/urna-kiosk/station.conf.example || fail "no sample configuration"
HOME="$work/home" headless urna-kiosk --config "$conf" --smoke-test >"$work/smoke-installed" 2>&1 ||
  fail "installed urna-kiosk --smoke-test: $(cat "$work/smoke-installed")"
smoke_check "$work/smoke-installed"
urna --help | grep -q ledger-node || fail "installed urna --help"
[ "$(stat -c '%U %a' /var/lib/urna)" = "urna-kiosk 700" ] || fail "/var/lib/urna: $(stat -c '%U %a' /var/lib/urna)"
[ "$(stat -c '%U %a' /var/lib/urna-ledger)" = "urna-ledger 700" ] || fail "/var/lib/urna-ledger"
[ "$(cat /var/lib/urna/.written-by-version)" = "$old" ] || fail "A's version file"
as_kiosk() { setpriv --reuid=urna-kiosk --regid=urna-kiosk --init-groups -- "$@"; }
urna sample-election --out "$work/election" >/dev/null
chmod -R a+rX "$work/election"
echo "a-long-box-password" >"$work/password"
chmod 0644 "$work/password"
box=(--election "$work/election" --box /var/lib/urna/uik-1701 --password-file "$work/password"
  --station uik-1701)
as_kiosk urna cast "${box[@]}" --count 12 --challenge-every 4 --seed 7 >"$work/cast" 2>&1 ||
  fail "urna cast under A: $(cat "$work/cast")"
grep -q "9 cast, 3 challenged" "$work/cast" || fail "urna cast under A: $(cat "$work/cast")"
h2() { # SQL on the box, read only, with the installed runtime and H2
  /usr/lib/urna-ledger/lib/runtime/bin/java -cp "$(ls /usr/lib/urna-ledger/lib/app/h2-*.jar)" \
    org.h2.tools.Shell -url "jdbc:h2:file:/var/lib/urna/uik-1701;CIPHER=AES;IFEXISTS=TRUE;ACCESS_MODE_DATA=r" \
    -user BOX -password "a-long-box-password a-long-box-password" -sql "$1"
}
# every recorded ballot: id, state, place in the chain, tracking code, SHA-256 of its recorded bytes
ballots() {
  h2 "SELECT RAWTOHEX(ballot_id), state, chain_pos, RAWTOHEX(tracking_code),
        RAWTOHEX(HASH('SHA-256', recorded)) FROM ballot WHERE state <> 'PENDING' ORDER BY chain_pos" |
    grep -E '^[0-9a-f]{32} ' | tr -s ' ' || true
}
schema() { h2 'SELECT MAX(CAST("version" AS INT)) FROM "flyway_schema_history" WHERE "success"' | grep -E '^[0-9]+ *$' | tr -d ' '; }
ballots >"$work/ballots-A"
[ "$(grep -c -E ' \| (CAST|CHALLENGED) \| ' "$work/ballots-A")" = 12 ] ||
  fail "12 ballots expected in the box: $(cat "$work/ballots-A")"
[ "$(schema)" = "$a_schema" ] || fail "A's box is at schema $(schema), not $a_schema"
head_a=$(tail -n 1 "$work/ballots-A" | cut -d'|' -f4 | tr -d ' ')
files() { (cd /var/lib/urna && find . -type f ! -name .written-by-version -printf '%P\n' | LC_ALL=C sort | xargs -r sha256sum); }
files >"$work/files-A"

step ".debs: version B ($ver) over A; B's first open migrates the box to schema $newest_version and keeps every ballot"
dpkg -i "$t"/deb/urna-kiosk_*.deb "$t"/deb/urna-ledger_*.deb >"$work/dpkg" 2>&1 ||
  fail "dpkg -i B over A: $(cat "$work/dpkg")"
[ "$(dpkg-query -W -f '${Version}' urna-kiosk)" = "$ver" ] || fail "B is not installed"
[ "$(cat /var/lib/urna/.written-by-version)" = "$ver" ] || fail "B's version file"
files | diff "$work/files-A" - >&2 || fail "installing B changed a file of the ballot box"
[ "$(schema)" = "$a_schema" ] || fail "installing B migrated the box (that is the station's first open)"
# the installed units: now that their programs exist, systemd finds nothing at all
out=$(systemd-analyze verify --man=no /usr/lib/systemd/system/urna-kiosk-session.service \
  /usr/lib/systemd/system/urna-ledger.service 2>&1 || true)
[ -z "$out" ] || fail "systemd-analyze verify on the installed units: $out"
# every document the kiosk's unit, manual page and description point to is installed
for f in $(grep -h -o '/usr/share/[A-Za-z0-9./_-]*' /usr/lib/systemd/system/urna-kiosk-session.service \
  <(zcat /usr/share/man/man1/urna-kiosk.1.gz) <(dpkg-query -W -f '${Description}' urna-kiosk) | sed 's/[.)]*$//' | sort -u); do
  [ -e "$f" ] || fail "$f is named by the kiosk's unit, manual page or description but not installed"
done
# B opens the box for writing as the station does (BallotBox.open: checks read-only at A's schema,
# then Flyway migrates) and casts two more
as_kiosk urna cast "${box[@]}" --count 2 --seed 8 >"$work/cast" 2>&1 ||
  fail "urna cast under B: $(cat "$work/cast")"
[ "$(schema)" = "$newest_version" ] || fail "B's first open left the box at schema $(schema), not $newest_version"
h2 'SELECT "version", "success" FROM "flyway_schema_history" ORDER BY "installed_rank"' >"$work/history"
for v in $(seq 1 "$newest_version"); do
  grep -q -E "^$v +\| TRUE" "$work/history" || fail "migration $v is not recorded as applied: $(cat "$work/history")"
done
grep -q -E '\| FALSE' "$work/history" && fail "a failed migration is recorded: $(cat "$work/history")"
ballots >"$work/ballots-B"
head -n 12 "$work/ballots-B" | diff "$work/ballots-A" - >&2 || fail "a ballot of A changed in B's first open"
[ "$(wc -l <"$work/ballots-B")" = 14 ] || fail "14 ballots expected after B's cast: $(cat "$work/ballots-B")"
prev13=$(h2 'SELECT RAWTOHEX(previous_code) FROM ballot WHERE chain_pos = 13' | grep -E '^[0-9a-f]{64} *$' | tr -d ' ')
[ "$prev13" = "$head_a" ] || fail "B's first ballot does not follow A's chain head ($prev13, $head_a)"
as_kiosk urna verify-box "${box[@]}" >"$work/verify" 2>&1 || fail "verify-box under B: $(cat "$work/verify")"
grep -q "All 14 ballots verify" "$work/verify" || fail "verify-box under B: $(cat "$work/verify")"
echo "the box went from schema $a_schema to $(schema); A's 12 ballots unchanged, B's chain goes on from ${head_a:0:16}..."
ledger_node_test /usr/bin/urna "$work/node-installed"

step ".debs: A over B refused, naming both versions"
files >"$work/files-B"
for p in urna-kiosk urna-ledger; do
  if dpkg -i "$work/A/${p}_${old}_amd64.deb" >"$work/down" 2>&1; then fail "downgrade of $p accepted"; fi
  grep -q "$p: refusing to install version $old: version $ver is installed" "$work/down" ||
    fail "downgrade message: $(cat "$work/down")"
  grep -q "install $ver or newer" "$work/down" || fail "downgrade message: $(cat "$work/down")"
  [ "$(dpkg-query -W -f '${Version}' "$p")" = "$ver" ] || fail "B's $p no longer installed"
done
files | diff "$work/files-B" - >&2 || fail "the refused downgrade changed a file of the ballot box"

step ".debs: purge asks nothing, keeps every file of the ballot box; reinstalling A after it is refused too"
# the technician's configuration, as the README's steps leave it
cp /usr/share/urna-kiosk/station.conf.example /etc/urna/station.conf
chown -R urna-kiosk: /etc/urna
dpkg --purge urna-kiosk urna-ledger </dev/null >"$work/purge" 2>&1 || fail "purge: $(cat "$work/purge")"
grep -q "kept /var/lib/urna (election data)" "$work/purge" || fail "purge message: $(cat "$work/purge")"
files | diff "$work/files-B" - >&2 || fail "purge removed or changed a file of the ballot box"
[ "$(cat /var/lib/urna/.written-by-version)" = "$ver" ] || fail "purge removed the version file"
[ -f /etc/urna/station.conf ] || fail "purge removed the station's configuration"
[ -d /var/lib/urna-ledger ] || fail "purge removed the ledger state"
if dpkg -i "$work"/A/urna-kiosk_${old}_amd64.deb >"$work/down" 2>&1; then fail "A after purge of B accepted"; fi
grep -q "/var/lib/urna was last used by version $ver" "$work/down" || fail "message: $(cat "$work/down")"
dpkg -i "$t"/deb/urna-kiosk_*.deb >/dev/null 2>&1 || fail "B after purge"
URNA_PURGE_BALLOT_BOXES=yes dpkg --purge urna-kiosk >"$work/purge" 2>&1
[ ! -e /var/lib/urna ] || fail "URNA_PURGE_BALLOT_BOXES=yes kept /var/lib/urna"
echo "packaging tests passed"
