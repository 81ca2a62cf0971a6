#!/usr/bin/env bash
# Builds one .deb from a jpackage app-image and a package folder (packaging/kiosk, packaging/ledger):
#   control            the control file; @VERSION@ and @INSTALLED_SIZE@ are filled in
#   preinst postinst prerm postrm   maintainer scripts (else packaging/common's)
#   vars               KEY=value lines filled into the maintainer scripts as @KEY@
#   links              "target link" pairs, paths without the leading /
#   root/              files installed as they are (systemd units, manual pages)
#   lintian-overrides  the lintian findings that stay, each with its reason (docs/decisions/0504)
# The app-image goes to /usr/lib/<package>/. Usage: make-deb.sh <package-folder> <app-image> <version> <out-dir>
set -euo pipefail
pkgdir=$(cd "$1" && pwd)
img=$(cd "$2" && pwd)
version=$3
outdir=$(mkdir -p "$4" && cd "$4" && pwd)
common="$(cd "$(dirname "$0")" && pwd)"
name=$(sed -n 's/^Package: *//p' "$pkgdir/control")
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
r="$stage/root"
mkdir -p "$r/usr/lib" "$r/DEBIAN"
cp -a "$img" "$r/usr/lib/$name"
# the launcher jpackage adds is not stripped either
find "$r/usr/lib/$name" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jexec -o -name jspawnhelper \) \
  -exec strip --strip-unneeded {} + 2>/dev/null || true
[ -d "$pkgdir/root" ] && cp -a "$pkgdir/root/." "$r/"
while read -r target link; do
  [ -n "$target" ] || continue
  mkdir -p "$(dirname "$r/$link")"
  ln -s "$(realpath -m --relative-to="/$(dirname "$link")" "/$target")" "$r/$link"
done <"$pkgdir/links"
doc="$r/usr/share/doc/$name"
mkdir -p "$doc" "$r/usr/share/lintian/overrides"
cp "$common/copyright" "$doc/copyright"
# packaging/README.md: what the packages install and the steps to lock a kiosk machine down (the
# unit, the manual page and the description point to it)
cp "$common/../README.md" "$doc/"
sed "s/@VERSION@/$version/; s/@PACKAGE@/$name/; s/@DATE@/$(date -R -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")/" \
  "$common/changelog" | gzip -9n >"$doc/changelog.gz"
cp "$pkgdir/lintian-overrides" "$r/usr/share/lintian/overrides/$name"
find "$r/usr/share/man" -name '*.[0-9]' -exec gzip -9n {} + 2>/dev/null || true
# Debian's modes: directories and executables 0755, everything else 0644; the jpackage image
# marks its native libraries executable, which Debian's policy does not want for libraries.
find "$r" -type d -exec chmod 0755 {} +
find "$r" -type f -exec chmod 0644 {} +
chmod 0755 "$r/usr/lib/$name/bin/"* "$r/usr/lib/$name/lib/runtime/bin/"* \
  "$r/usr/lib/$name/lib/runtime/lib/jspawnhelper"
# maintainer scripts: the package's own, else the common one; @VERSION@, @PACKAGE@ and the
# package's vars (KEY=value lines) filled in
subst=(-e "s|@VERSION@|$version|g" -e "s|@PACKAGE@|$name|g")
while IFS='=' read -r k v; do [ -n "$k" ] && subst+=(-e "s|@$k@|$v|g"); done <"$pkgdir/vars"
for s in preinst postinst prerm postrm; do
  src="$pkgdir/$s"
  [ -f "$src" ] || src="$common/$s"
  if [ -f "$src" ]; then
    sed "${subst[@]}" "$src" >"$r/DEBIAN/$s"
    chmod 0755 "$r/DEBIAN/$s"
  fi
done
size=$(du -sk --exclude=DEBIAN "$r" | cut -f1)
sed "s/@VERSION@/$version/; s/@INSTALLED_SIZE@/$size/" "$pkgdir/control" >"$r/DEBIAN/control"
(cd "$r" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
  xargs -0 md5sum >DEBIAN/md5sums)
chmod 0644 "$r/DEBIAN/control" "$r/DEBIAN/md5sums"
deb="$outdir/${name}_${version}_amd64.deb"
# shellcheck disable=SC2086
dpkg-deb --root-owner-group ${URNA_DEB_COMPRESSION:--Zxz -z6} --build "$r" "$deb" >/dev/null
echo "$(du -h "$deb" | cut -f1) $deb" >&2
