#!/usr/bin/env bash
# Assembles the Klantreis .deb and .rpm from one staged tree (docs/packaging.md):
#   scripts/package.sh            from target/release (`make package`)
#   PROFILE=debug scripts/package.sh   from target/debug: what CI checks (`make package-check
#                                  PROFILE=debug`), so it reuses the binaries the end-to-end
#                                  tests built instead of a 20-minute release build. The tree
#                                  is the same; only where the binaries come from differs, and
#                                  both are stripped the same way here.
# The binaries must be built already (the Makefile does that). Output in target/package/:
# the staged tree root/, klantreis_<version>_<arch>.deb and klantreis-<version>.<arch>.rpm.
# The identity (maintainer, homepage, description) is read from packaging/package.conf.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 022

PROFILE="${PROFILE:-release}"
BIN="target/$PROFILE"
OUT="target/package"
ROOT="$OUT/root"
# shellcheck source=../packaging/package.conf
. packaging/package.conf
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)"
DEB_VERSION="$VERSION-$DEBIAN_REVISION"
ARCH="$(dpkg --print-architecture)"
EMAIL="$(sed 's/.*<\(.*\)>.*/\1/' <<<"$MAINTAINER")"
CHANGELOG_DATE="$(LC_ALL=C date -u -R -d "$RELEASE_DATE 12:00 UTC")"

for b in klantreis klantreis-app; do
  [ -x "$BIN/$b" ] || { echo "package: $BIN/$b missing; build it first (make package)" >&2; exit 1; }
done

# The templates' @NAME@ placeholders, filled from package.conf and Cargo.toml.
fill() {
  sed -e "s|@MAINTAINER@|$MAINTAINER|g" -e "s|@HOMEPAGE@|$HOMEPAGE|g" \
      -e "s|@UPDATE_CONTACT@|$EMAIL|g" -e "s|@VERSION@|$VERSION|g" \
      -e "s|@DEB_VERSION@|$DEB_VERSION|g" -e "s|@RELEASE_DATE@|$RELEASE_DATE|g" \
      -e "s|@CHANGELOG_DATE@|$CHANGELOG_DATE|g" "$1"
}

rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN"
share="$ROOT/usr/share"
doc="$share/doc/klantreis"

# The binaries, stripped as Debian's dh_strip does (symbols and the .comment/.note sections);
# a release build comes without symbols already (Cargo.toml's `strip`), a debug build loses
# its line tables here.
for b in klantreis klantreis-app; do
  install -D -m 755 "$BIN/$b" "$ROOT/usr/bin/$b"
  strip --remove-section=.comment --remove-section=.note "$ROOT/usr/bin/$b"
done

# Manual pages: the command line's from its clap definition (`klantreis manpages`), the app's
# written by hand; compressed as Debian policy asks (gzip -9n: no name or time stamp).
man="$share/man/man1"
mkdir -p "$man"
"$ROOT/usr/bin/klantreis" manpages --dir "$man"
fill packaging/klantreis-app.1 >"$man/klantreis-app.1"
gzip -9n "$man"/*.1

# Shell completions, where each shell's own packages look for them.
"$ROOT/usr/bin/klantreis" completions bash | install -D -m 644 /dev/stdin "$share/bash-completion/completions/klantreis"
"$ROOT/usr/bin/klantreis" completions zsh | install -D -m 644 /dev/stdin "$share/zsh/vendor-completions/_klantreis"
"$ROOT/usr/bin/klantreis" completions fish | install -D -m 644 /dev/stdin "$share/fish/vendor_completions.d/klantreis.fish"

# Desktop entry (named by the AppStream id, as the metainfo's launchable says), file type,
# software-centre entry.
install -D -m 644 packaging/klantreis.desktop "$share/applications/nl.klantreis.app.desktop"
install -D -m 644 packaging/klantreis-mime.xml "$share/mime/packages/klantreis.xml"
fill packaging/nl.klantreis.app.metainfo.xml | install -D -m 644 /dev/stdin "$share/metainfo/nl.klantreis.app.metainfo.xml"

# Icons: the app's in each size icons/ has, the document's (the MIME type's <icon>) likewise.
hicolor="$share/icons/hicolor"
for pair in 32x32:32x32 64x64:64x64 128x128:128x128 256x256:128x128@2x 512x512:icon; do
  install -D -m 644 "icons/${pair#*:}.png" "$hicolor/${pair%%:*}/apps/klantreis-app.png"
done
install -D -m 644 icons/app-icon.svg "$hicolor/scalable/apps/klantreis-app.svg"
for s in 16 24 32 48 64 128 256; do
  install -D -m 644 "packaging/icons/application-x-klantreis-$s.png" "$hicolor/${s}x$s/mimetypes/application-x-klantreis.png"
done
install -D -m 644 packaging/icons/application-x-klantreis.svg "$hicolor/scalable/mimetypes/application-x-klantreis.svg"

# /usr/share/doc: the licences (machine-readable), the Debian changelog.
fill packaging/copyright | install -D -m 644 /dev/stdin "$doc/copyright"
fill packaging/changelog | gzip -9n | install -D -m 644 /dev/stdin "$doc/changelog.Debian.gz"
install -D -m 644 packaging/lintian-overrides "$share/lintian/overrides/klantreis"

# The control file. Depends: the shared libraries the binaries link, as dpkg-shlibdeps reads
# them from the system's package database (it wants a debian/control, hence the temp dir).
shlib_dir="$(mktemp -d)"
trap 'rm -rf "$shlib_dir"' EXIT
mkdir -p "$shlib_dir/debian"
printf 'Source: klantreis\n\nPackage: klantreis\nArchitecture: any\n' >"$shlib_dir/debian/control"
abs_root="$(cd "$ROOT" && pwd)"
depends="$(cd "$shlib_dir" && dpkg-shlibdeps -O -e"$abs_root/usr/bin/klantreis-app" -e"$abs_root/usr/bin/klantreis" 2>"$shlib_dir/warnings" | sed -n 's/^shlibs:Depends=//p')"
grep -v "^dpkg-shlibdeps: warning: .*unused\|^$" "$shlib_dir/warnings" >&2 || true
[ -n "$depends" ] || { echo "package: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
# Installed-Size as dpkg-gencontrol counts it: KiB per file rounded up, 1 per other entry.
installed_size="$(cd "$ROOT" && find usr \( -type f -printf '%s\n' \) -o -printf '1024\n' | awk '{ t += int(($1 + 1023) / 1024) } END { print t }')"
{
  echo "Package: klantreis"
  echo "Version: $DEB_VERSION"
  echo "Architecture: $ARCH"
  echo "Maintainer: $MAINTAINER"
  echo "Installed-Size: $installed_size"
  echo "Depends: $depends"
  echo "Section: $SECTION"
  echo "Priority: optional"
  echo "Homepage: $HOMEPAGE"
  echo "Description: $SUMMARY"
  # Continuation lines start with a space; an empty line would be " ." (Debian policy 5.6.13).
  fmt -w 76 <<<"$DESCRIPTION" | sed -e 's/^$/./' -e 's/^/ /'
} >"$ROOT/DEBIAN/control"
(cd "$ROOT" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$ROOT/DEBIAN/md5sums"
chmod 644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/md5sums"

deb="$OUT/klantreis_${DEB_VERSION}_$ARCH.deb"
rm -f "$OUT"/*.deb "$OUT"/*.rpm
# xz at dpkg-deb's default level for a release; level 1 for a debug build, which is only ever
# checked (CI), never shipped: 8 s instead of 26 s of CPU for its 44 MB of binaries.
zlevel=6
[ "$PROFILE" = release ] || zlevel=1
dpkg-deb -Zxz -z"$zlevel" --build --root-owner-group "$ROOT" "$deb" >/dev/null
echo "$deb"

# The .rpm: the same tree, less what only Debian reads; rpm works out Requires from the
# binaries itself (autoreq), as dpkg-shlibdeps does for the .deb.
if command -v rpmbuild >/dev/null; then
  rpm_top="$(cd "$OUT" && pwd)/rpmbuild"
  rm -rf "$rpm_top"
  mkdir -p "$rpm_top"
  fmt -w 76 <<<"$DESCRIPTION" >"$rpm_top/description"
  rpmbuild -bb --quiet packaging/klantreis.spec \
    --define "_topdir $rpm_top" \
    --define "stage $abs_root" \
    --define "pkg_version $VERSION" \
    --define "pkg_packager $MAINTAINER" \
    --define "pkg_url $HOMEPAGE" \
    --define "pkg_summary $SUMMARY" \
    --define "pkg_description_file $rpm_top/description" >"$rpm_top/build.log" 2>&1 \
    || { cat "$rpm_top/build.log" >&2; exit 1; }
  find "$rpm_top/RPMS" -name '*.rpm' -exec mv {} "$OUT/" \;
  rm -rf "$rpm_top"
  ls "$OUT"/*.rpm
else
  echo "package: rpmbuild missing (make setup installs it); no .rpm" >&2
fi
