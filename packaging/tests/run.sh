#!/usr/bin/env bash
# The packages' tests: build, kiosk smoke test, AOT cache made from the shipped jar, validator
# /health on loopback, systemd units verified, install / upgrade / downgrade / purge with a ballot
# box kept. Needs root (dpkg -i into this system); always purges what it installed.
# Usage: packaging/tests/run.sh [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
t=packaging/target
[ "${1:-}" = --skip-build ] || packaging/build.sh
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  dpkg --purge urna-kiosk urna-ledger >/dev/null 2>&1 || true
  rm -rf "$work" /var/lib/urna /var/lib/urna-ledger
}
trap cleanup EXIT
[ -e /var/lib/urna ] && fail "/var/lib/urna exists on this machine; the test will not touch it"

Xvfb -displayfd 3 -screen 0 1920x1200x24 -nolisten tcp 3>"$work/display" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"

echo "== kiosk app-image: first screen, exit 0, nothing written by JavaFX into a fresh HOME"
mkdir "$work/home"
HOME="$work/home" "$t/image/urna-kiosk/bin/urna-kiosk" --smoke-test >"$work/smoke" 2>&1 ||
  fail "smoke test exit $?: $(cat "$work/smoke")"
grep -q 'firstFrame' "$work/smoke" || fail "no first frame"
[ ! -e "$work/home/.openjfx" ] || fail "JavaFX extracted libraries into HOME"

echo "== the shipped AOT cache was made from the shipped jar and runtime, and is used"
(cd "$t/image/urna-kiosk" && sha256sum -c --quiet lib/app/urna-kiosk.aot.sha256) ||
  fail "the AOT cache was trained on other files"
JAVA_TOOL_OPTIONS="-XX:AOTMode=on -Xlog:aot" HOME="$work/home" \
  "$t/image/urna-kiosk/bin/urna-kiosk" --smoke-test >"$work/aot" 2>&1 ||
  fail "the kiosk does not start with its AOT cache required: $(grep -i aot "$work/aot" | head)"

echo "== systemd units"
for u in packaging/*/root/usr/lib/systemd/system/*.service; do
  out=$(systemd-analyze verify --man=no "$PWD/$u" 2>&1 | grep -v 'is not executable: No such file' || true)
  [ -z "$out" ] || fail "$u: $out"
done

echo "== .debs: install, launchers, a ballot box through an upgrade, downgrade refused, purge"
ver=$(dpkg-deb -f "$t"/deb/urna-kiosk_*.deb Version)
old="$work/old"; mkdir "$old"
for p in kiosk ledger; do  # the same image as an older version: the upgrade path, not the content
  dpkg-deb -R "$t"/deb/urna-${p}_*.deb "$old/$p"
  sed -i "s/^Version: .*/Version: 0.0.1/" "$old/$p/DEBIAN/control"
  sed -i "s/NEW=\"$ver\"/NEW=\"0.0.1\"/" "$old/$p/DEBIAN/preinst"
  sed -i "s/VERSION=\"$ver\"/VERSION=\"0.0.1\"/" "$old/$p/DEBIAN/postinst"
  dpkg-deb --root-owner-group -Zgzip -b "$old/$p" "$old/urna-$p.deb" >/dev/null
done
dpkg -i "$old/urna-kiosk.deb" "$old/urna-ledger.deb" >/dev/null
urna-kiosk --help | grep -q -- --smoke-test || fail "installed urna-kiosk --help"
urna --help | grep -q ledger-node || fail "installed urna --help"
urna sample-election --out "$work/election" >/dev/null
dpkg -i "$t"/deb/urna-kiosk_*.deb "$t"/deb/urna-ledger_*.deb >/dev/null
[ "$(cat /var/lib/urna/.written-by-version)" = "$ver" ] || fail "version file"
if dpkg -i "$old/urna-kiosk.deb" 2>"$work/down"; then fail "downgrade accepted"; fi
grep -q "refusing to install version 0.0.1" "$work/down" || fail "downgrade message: $(cat "$work/down")"
dpkg --purge urna-kiosk urna-ledger >/dev/null 2>"$work/purge"
[ -d /var/lib/urna ] || fail "purge removed the ballot boxes"
echo "packaging tests passed"
