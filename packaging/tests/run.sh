#!/usr/bin/env bash
# The packages' tests: build, kiosk smoke test, AOT cache made from the shipped jars, validator
# /health on loopback, systemd units verified, lintian findings only the justified ones, and the
# .debs installed: an older version A with a ballot box in /var/lib/urna, the built version B
# over it (every ballot kept, verify-box passes, the schema history complete), A over B refused,
# purge asking nothing and keeping the box. Needs root (dpkg -i into this system) and does not
# take the build lock itself (./test.sh runs it inside its own run). Always purges what it
# installed. Usage: packaging/tests/run.sh [--skip-build | --skip-maven]
#   --skip-build  test packaging/target as it is;  --skip-maven  build the packages from the jars
#   Maven already built (./test.sh: after its verify with -DkioskJar)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
t=$root/packaging/target
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $(date +%T) $*"; }
[ "$(id -u)" = 0 ] || fail "packaging/tests/run.sh needs root (it installs the .debs with dpkg -i)"
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

Xvfb -displayfd 3 -screen 0 1920x1200x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(cat "$work/display")"

step "kiosk app-image: the station, not the demo: no ledger, Ratis or Jetty in its jar"
grep -q '^app.mainclass=org.urna.kiosk.station.StationMain$' "$t/image/urna-kiosk/lib/app/urna-kiosk.cfg" ||
  fail "the kiosk's main class is not StationMain: $(grep mainclass "$t/image/urna-kiosk/lib/app/urna-kiosk.cfg")"
unzip -Z1 "$t/image/urna-kiosk/lib/app/urna-kiosk.jar" >"$work/kiosk-jar.txt"
grep -q '^org/urna/kiosk/station/StationMain.class$' "$work/kiosk-jar.txt" || fail "no StationMain in the kiosk's jar"
! grep -E -m 3 '^(org/apache/ratis|org/eclipse/jetty|org/urna/ledger|org/urna/kiosk/demo)/' "$work/kiosk-jar.txt" ||
  fail "the kiosk's jar carries the ledger, Ratis, Jetty or the demo"
"$t/image/urna-kiosk/bin/urna-kiosk" >"$work/noconf" 2>&1 && fail "the station started without --config"
grep -q -- '--config FILE is required' "$work/noconf" || fail "no word about --config: $(cat "$work/noconf")"

step "kiosk app-image: first screen, exit 0, nothing written by JavaFX into a fresh HOME"
mkdir "$work/home"
conf=$(packaging/common/kiosk-check-config.sh "$t/image/urna-ledger/bin/urna" "$work/check-station")
"$t/image/urna-kiosk/bin/urna-kiosk" --config "$conf" --check >"$work/check" 2>&1 ||
  fail "--check of a good configuration: $(cat "$work/check")"
HOME="$work/home" "$t/image/urna-kiosk/bin/urna-kiosk" --config "$conf" --smoke-test >"$work/smoke" 2>&1 ||
  fail "smoke test exit $?: $(cat "$work/smoke")"
grep -q 'first screen shown' "$work/smoke" || fail "no first screen: $(cat "$work/smoke")"
[ ! -e "$work/home/.openjfx" ] || fail "JavaFX extracted libraries into HOME"

step "the shipped AOT cache was made from the shipped jars and runtime, and is used"
(cd "$t/image/urna-kiosk" && sha256sum -c --quiet lib/app/urna-kiosk.aot.sha256) ||
  fail "the AOT cache was trained on other files"
for j in "$t"/image/urna-kiosk/lib/app/*.jar; do
  grep -q " lib/app/$(basename "$j")\$" "$t/image/urna-kiosk/lib/app/urna-kiosk.aot.sha256" ||
    fail "$(basename "$j") is shipped but the AOT cache's record does not name it"
done
# -XX:AOTMode=on: the JVM refuses to start when it cannot map the cache (other jars, other JVM)
JAVA_TOOL_OPTIONS="-XX:AOTMode=on -Xlog:aot=info" HOME="$work/home" \
  "$t/image/urna-kiosk/bin/urna-kiosk" --config "$conf" --smoke-test >"$work/aot" 2>&1 ||
  fail "the kiosk does not start with its AOT cache required: $(grep -i aot "$work/aot" | head)"
grep -q 'Opened AOT cache' "$work/aot" || fail "the AOT cache was not opened: $(grep -i aot "$work/aot" | head)"

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

step ".debs: version A (older) installed, launchers run, a ballot box cast into /var/lib/urna"
ver=$(dpkg-deb -f "$t"/deb/urna-kiosk_*.deb Version)
old=0.0.1
dpkg --compare-versions "$old" lt "$ver" || fail "$old is not older than $ver"
# A: the same images packaged by the same script as version 0.0.1 (the upgrade path is what is
# tested here; gzip -1 only to keep the test quick)
for p in kiosk ledger; do
  URNA_DEB_COMPRESSION="-Zgzip -z1" packaging/common/make-deb.sh "packaging/$p" \
    "$t/image/urna-$p" "$old" "$work/A" 2>/dev/null
done
installed=yes
dpkg -i "$work"/A/urna-kiosk_${old}_amd64.deb "$work"/A/urna-ledger_${old}_amd64.deb >"$work/dpkg" 2>&1 ||
  fail "dpkg -i A: $(cat "$work/dpkg")"
urna-kiosk --help | grep -q -- --smoke-test || fail "installed urna-kiosk --help"
[ "$(stat -c '%U %a' /etc/urna)" = "urna-kiosk 750" ] || fail "/etc/urna: $(stat -c '%U %a' /etc/urna)"
grep -q '^card.reader = pcsc' /usr/share/urna-kiosk/station.conf.example || fail "no sample configuration"
HOME="$work/home" urna-kiosk --config "$conf" --smoke-test >"$work/smoke-installed" 2>&1 ||
  fail "installed urna-kiosk --smoke-test: $(cat "$work/smoke-installed")"
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
ballots() { h2 'SELECT RAWTOHEX(ballot_id), state FROM ballot ORDER BY 1' | grep -E '^[0-9a-f]{32} ' || true; }
ballots >"$work/ballots-A"
[ "$(grep -c -E ' \| (CAST|CHALLENGED)$' "$work/ballots-A")" = 12 ] ||
  fail "12 ballots expected in the box: $(cat "$work/ballots-A")"

step ".debs: version B ($ver) over A keeps every ballot, verify-box passes, schema complete"
dpkg -i "$t"/deb/urna-kiosk_*.deb "$t"/deb/urna-ledger_*.deb >"$work/dpkg" 2>&1 ||
  fail "dpkg -i B over A: $(cat "$work/dpkg")"
[ "$(dpkg-query -W -f '${Version}' urna-kiosk)" = "$ver" ] || fail "B is not installed"
[ "$(cat /var/lib/urna/.written-by-version)" = "$ver" ] || fail "B's version file"
ballots >"$work/ballots-B"
diff "$work/ballots-A" "$work/ballots-B" >&2 || fail "the ballots changed in the upgrade"
# B opens the box for writing (where its Flyway migrations run, BoxOpener) and casts two more
as_kiosk urna cast "${box[@]}" --count 2 --seed 8 >"$work/cast" 2>&1 ||
  fail "urna cast under B: $(cat "$work/cast")"
as_kiosk urna verify-box "${box[@]}" >"$work/verify" 2>&1 || fail "verify-box under B: $(cat "$work/verify")"
grep -q "All 14 ballots verify" "$work/verify" || fail "verify-box under B: $(cat "$work/verify")"
ballots >"$work/ballots-B2"
[ "$(comm -23 "$work/ballots-A" "$work/ballots-B2" | wc -l)" = 0 ] ||
  fail "a ballot of A is missing after B's first write"
# every migration B ships is recorded as applied, and none failed
shipped=$(unzip -Z1 /usr/lib/urna-ledger/lib/app/ballot-box-*.jar 'org/urna/ballotbox/migration/V*.sql' |
  sed 's|.*/V\([0-9]*\)__.*|\1|' | sort -n | tr '\n' ' ')
applied=$(h2 'SELECT "version" FROM "flyway_schema_history" WHERE "success" ORDER BY "installed_rank"' |
  grep -E '^[0-9]+ *$' | tr -d ' ' | sort -n | tr '\n' ' ')
[ -n "$shipped" ] && [ "$shipped" = "$applied" ] || fail "migrations shipped: $shipped; applied: $applied"
h2 'SELECT COUNT(*) FROM "flyway_schema_history" WHERE NOT "success"' | grep -q -E '^0 *$' ||
  fail "a failed migration is recorded"
ledger_node_test /usr/bin/urna "$work/node-installed"

step ".debs: A over B refused with a clear message"
if dpkg -i "$work"/A/urna-kiosk_${old}_amd64.deb >"$work/down" 2>&1; then fail "downgrade accepted"; fi
grep -q "urna-kiosk: refusing to install version $old: version $ver is installed" "$work/down" ||
  fail "downgrade message: $(cat "$work/down")"
grep -q "install $ver or newer" "$work/down" || fail "downgrade message: $(cat "$work/down")"
[ "$(dpkg-query -W -f '${Version}' urna-kiosk)" = "$ver" ] || fail "B no longer installed"

step ".debs: purge asks nothing, keeps the ballot box; reinstalling A after it is refused too"
dpkg --purge urna-kiosk urna-ledger </dev/null >"$work/purge" 2>&1 || fail "purge: $(cat "$work/purge")"
grep -q "kept /var/lib/urna (election data)" "$work/purge" || fail "purge message: $(cat "$work/purge")"
[ -f /var/lib/urna/uik-1701.mv.db ] || fail "purge removed the ballot box"
[ -d /var/lib/urna-ledger ] || fail "purge removed the ledger state"
if dpkg -i "$work"/A/urna-kiosk_${old}_amd64.deb >"$work/down" 2>&1; then fail "A after purge of B accepted"; fi
grep -q "/var/lib/urna was last used by version $ver" "$work/down" || fail "message: $(cat "$work/down")"
dpkg -i "$t"/deb/urna-kiosk_*.deb >/dev/null 2>&1 || fail "B after purge"
URNA_PURGE_BALLOT_BOXES=yes dpkg --purge urna-kiosk >"$work/purge" 2>&1
[ ! -e /var/lib/urna ] || fail "URNA_PURGE_BALLOT_BOXES=yes kept /var/lib/urna"
echo "packaging tests passed"
