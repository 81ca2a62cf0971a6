#!/usr/bin/env bash
# Builds Urna's installable images: a jlink runtime per application (the modules jdeps finds, the
# JavaFX native libraries inside it), jpackage app-images, a JDK 25 AOT cache trained on the
# packaged kiosk itself, and the Debian packages urna-kiosk and urna-ledger, each checked by
# lintian. Output in packaging/target/. Usage: packaging/build.sh [--skip-maven] [--no-lintian]
# Needs: JDK 25, dpkg-deb, fakeroot, lintian, Xvfb (the AOT training run shows the first screen).
set -euo pipefail

# What is packaged (one place to change when a module or a main class moves).
# The kiosk package ships the station (StationMain --config FILE), kiosk-app's merged jar: no
# ledger, no Ratis, no Jetty (decision 0510). The demo's jar (kiosk-demo) is never packaged.
KIOSK_MODULE=kiosk-app
KIOSK_MAIN=org.urna.kiosk.station.StationMain
KIOSK_JAR="$KIOSK_MODULE/target/urna-kiosk.jar"
LEDGER_MODULE=cli
LEDGER_MAIN=org.urna.cli.Urna
LEDGER_JAR_GLOB="$LEDGER_MODULE/target/cli-*.jar"
LEDGER_CLASSPATH="$LEDGER_MODULE/target/classpath.txt"

# Modules jdeps names that nothing in the applications reaches at run time (docs/decisions/0501).
DROP_MODULES="jdk.javadoc"
# Modules found only through services or locale data, which jdeps cannot see (0501).
EXTRA_MODULES="jdk.localedata,jdk.crypto.cryptoki,jdk.charsets,jdk.zipfs"
LOCALES="en,ru,tt"

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$here/target"
skip_maven=no
lintian=yes
for a in "$@"; do
  case "$a" in
    --skip-maven) skip_maven=yes ;;
    --no-lintian) lintian=no ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "packaging/build.sh: unknown option '$a' (see --help)" >&2; exit 2 ;;
  esac
done
cd "$root"
source scripts/jdk25.sh >/dev/null
step() { echo "== $(date +%T) $*" >&2; }

# The project version, Debian-style: 0.1.0-SNAPSHOT sorts after 0.1.0 for Maven but would be a
# Debian revision; 0.1.0~SNAPSHOT sorts before 0.1.0 as it should.
project_version=$(sed -n '/<artifactId>urna-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
deb_version=${URNA_DEB_VERSION:-${project_version//-/\~}}
numeric_version=$(echo "$project_version" | sed 's/[^0-9.].*//')

if [ "$skip_maven" = no ]; then
  step "Maven: the merged kiosk jar and the command line ($project_version)"
  ./mvnw -B -q -ntp -o -pl "$KIOSK_MODULE,$LEDGER_MODULE" -am package -DskipTests \
    -Dspotless.check.skip=true -DkioskJar
fi
# shellcheck disable=SC2086
ledger_jar=$(ls $LEDGER_JAR_GLOB | grep -v -e sources -e tests | head -n 1)
for f in "$KIOSK_JAR" "$ledger_jar" "$LEDGER_CLASSPATH"; do
  [ -f "$f" ] || { echo "packaging/build.sh: $f is missing (run without --skip-maven)" >&2; exit 1; }
done

rm -rf "$out"
mkdir -p "$out"/{input/kiosk,input/ledger,runtime,image,deb}
cp "$KIOSK_JAR" "$out/input/kiosk/urna-kiosk.jar"
# Native libraries for other systems and processors, never loaded on linux-amd64; JavaFX's own go
# into the runtime below. (The jar is trimmed before the AOT training, which sees the final jar.)
zip -q -d "$out/input/kiosk/urna-kiosk.jar" 'META-INF/native/*.dll' 'META-INF/native/*.jnilib' \
  'META-INF/native/*aarch_64*' 'Android/*' 'FreeBSD/*' 'OpenBSD/*' 'Solaris/*' 'Windows/*' \
  'OSX/*' 'Linux/arm*' 'Linux/ppc64le/*' 'Linux/x86/*' >/dev/null || true
cp "$ledger_jar" "$out/input/ledger/urna-cli.jar"
tr ':' '\n' <"$LEDGER_CLASSPATH" | while read -r j || [ -n "$j" ]; do [ -n "$j" ] && cp "$j" "$out/input/ledger/"; done

modules_of() { # the JDK modules a set of jars needs, by jdeps, minus DROP_MODULES, plus EXTRA_MODULES
  local mods
  mods=$(jdeps --multi-release 25 --ignore-missing-deps --print-module-deps -q "$@" 2>/dev/null | tail -n 1)
  for d in ${DROP_MODULES//,/ }; do mods=$(echo ",$mods," | sed "s/,$d,/,/; s/^,//; s/,$//"); done
  echo "$mods,$EXTRA_MODULES"
}

step "jdeps: the modules each application needs"
ledger_cp=$(ls "$out"/input/ledger/*.jar | grep -v urna-cli.jar | tr '\n' ':')
kiosk_modules=$(modules_of "$out/input/kiosk/urna-kiosk.jar")
ledger_modules=$(modules_of --class-path "$ledger_cp" "$out/input/ledger/urna-cli.jar" "$out"/input/ledger/*.jar)
echo "kiosk:  $kiosk_modules" | tee "$out/runtime/kiosk.modules" >&2
echo "ledger: $ledger_modules" | tee "$out/runtime/ledger.modules" >&2

link() { # name modules; the module image uncompressed: the .deb's xz compresses it (0507)
  jlink --add-modules "$2" --include-locales="$LOCALES" --strip-debug --no-header-files \
    --no-man-pages --compress=zip-0 --output "$out/runtime/$1"
}
step "jlink: two runtimes"
link kiosk "$kiosk_modules"
link ledger "$ledger_modules"
# JavaFX would otherwise unpack its native libraries into ~/.openjfx/cache on every new HOME:
# they go into the runtime's lib/, where the JDK's own library path finds them first.
unzip -q -j -o "$out/input/kiosk/urna-kiosk.jar" 'lib*.so' -d "$out/runtime/kiosk/lib"
zip -q -d "$out/input/kiosk/urna-kiosk.jar" 'lib*.so' >/dev/null
# ICU4J's locale data for the languages the kiosk speaks only (LOCALES, root and the files that
# are no locale's); then the jar stored uncompressed: xz compresses the .deb far better than the
# jar's own deflate (docs/decisions/0507) and the JVM reads its classes without inflating them.
icu=com/ibm/icu/impl/data/icudata
keep_re="^($(echo "root,$LOCALES" | sed 's/,/|/g'))(_.*)?\.res\$"
unzip -Z1 "$out/input/kiosk/urna-kiosk.jar" "$icu/*" 2>/dev/null |
  awk -F/ -v keep="$keep_re" '$NF ~ /^[a-z][a-z][a-z]?(_[A-Za-z0-9]+)*\.res$/ && $NF !~ keep' \
  >"$out/input/icu-dropped.txt" || true
[ -s "$out/input/icu-dropped.txt" ] && zip -q -d "$out/input/kiosk/urna-kiosk.jar" -@ <"$out/input/icu-dropped.txt" >/dev/null
rm -rf "$out/input/unpacked" && mkdir "$out/input/unpacked"
unzip -q "$out/input/kiosk/urna-kiosk.jar" -d "$out/input/unpacked"
rm "$out/input/kiosk/urna-kiosk.jar"
(cd "$out/input/unpacked" && zip -q -X -0 ../kiosk/urna-kiosk.jar META-INF/MANIFEST.MF &&
  zip -q -X -0 -r ../kiosk/urna-kiosk.jar . -x META-INF/MANIFEST.MF)
rm -rf "$out/input/unpacked"
# Debian ships native code without its symbol tables (lintian: unstripped-binary-or-object)
for rt in "$out"/runtime/kiosk "$out"/runtime/ledger; do
  find "$rt" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) \
    -exec strip --strip-unneeded {} +
done

step "jpackage: app-images"
common=(--type app-image --dest "$out/image" --app-version "$numeric_version" --vendor "Urna"
  --copyright "The Urna authors")
jpackage "${common[@]}" --name urna-kiosk --input "$out/input/kiosk" --main-jar urna-kiosk.jar \
  --main-class "$KIOSK_MAIN" --runtime-image "$out/runtime/kiosk" \
  --description "Urna polling-station voting kiosk" \
  --java-options "--enable-native-access=ALL-UNNAMED" --java-options "--add-opens=java.smartcardio/sun.security.smartcardio=ALL-UNNAMED" --java-options "-XX:+UseSerialGC"
jpackage "${common[@]}" --name urna --input "$out/input/ledger" --main-jar urna-cli.jar \
  --main-class "$LEDGER_MAIN" --runtime-image "$out/runtime/ledger" \
  --description "Urna command line and ledger validator" \
  --java-options "--enable-native-access=ALL-UNNAMED"
mv "$out/image/urna" "$out/image/urna-ledger"
# our launcher in place of jpackage's native one, which queries rpm and dpkg at every start (0508)
for l in urna-kiosk/bin/urna-kiosk urna-ledger/bin/urna; do
  sed "s/@NAME@/$(basename "$l")/g" "$here/common/launcher" >"$out/image/$l"
  chmod 0755 "$out/image/$l"
done

step "AOT cache: trained on the packaged kiosk (its own jar, runtime and launcher)"
# a station configuration that starts anywhere: simulated reader, printer emulator (0510)
check_conf=$("$here/common/kiosk-check-config.sh" "$out/image/urna-ledger/bin/urna" "$out/check-station")
"$here/common/train-aot.sh" "$out/image/urna-kiosk" --config "$check_conf" --smoke-test
rm -rf "$out/check-station"

step "Debian packages ($deb_version)"
"$here/common/make-deb.sh" "$here/kiosk" "$out/image/urna-kiosk" "$deb_version" "$out/deb"
"$here/common/make-deb.sh" "$here/ledger" "$out/image/urna-ledger" "$deb_version" "$out/deb"

if [ "$lintian" = yes ]; then
  step "lintian"
  for d in "$out"/deb/*.deb; do
    # findings that stay are overridden inside the package, each with its reason (0504)
    lintian --fail-on error,warning --info "$d" ||
      { echo "packaging/build.sh: lintian found problems in $d" >&2; exit 1; }
  done
fi
step "done"
ls -l "$out"/deb/*.deb >&2
