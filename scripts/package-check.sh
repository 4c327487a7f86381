#!/usr/bin/env bash
# Checks the package scripts/package.sh built, with the distributions' own tools
# (`make package-check`, docs/packaging.md):
#   desktop-file-validate, appstreamcli validate, lintian (no errors, no warnings beyond
#   packaging/lintian-overrides), rpm -qpl, and an install test: the .deb installed into an
#   empty root with dpkg, then asked what a user's system would be asked.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="target/package"
ROOT="$OUT/root"
deb="$(ls "$OUT"/klantreis_*.deb)"
fail() { echo "package-check: $*" >&2; exit 1; }
step() { echo "package-check: $*"; }

step "desktop-file-validate"
desktop-file-validate "$ROOT/usr/share/applications/nl.klantreis.app.desktop"

step "appstreamcli validate"
# --no-net: the screenshot URLs are checked for form (https) but not fetched (CI is offline).
appstreamcli validate --no-net --pedantic "$ROOT/usr/share/metainfo/nl.klantreis.app.metainfo.xml"

step "lintian $deb"
# --fail-on warning: a new warning fails the check until it is fixed or overridden (with a
# reason) in packaging/lintian-overrides. Lintian notes that it runs as root in CI; harmless.
lintian --fail-on error,warning --display-info "$deb"

if command -v rpm >/dev/null && ls "$OUT"/*.rpm >/dev/null 2>&1; then
  step "rpm -qpl"
  files="$(rpm -qpl "$OUT"/*.rpm)"
  for f in /usr/bin/klantreis /usr/bin/klantreis-app /usr/share/man/man1/klantreis.1.gz \
           /usr/share/applications/nl.klantreis.app.desktop; do
    grep -qx "$f" <<<"$files" || fail "the .rpm lacks $f"
  done
  rpm -qpR "$OUT"/*.rpm | grep -q 'libwebkit2gtk-4.1.so.0' || fail "the .rpm does not require WebKitGTK"
fi

# The install test: a root with nothing but an initialised dpkg database. --force-depends
# because that root has none of the package's dependencies (GTK, WebKitGTK): installing them
# there would mean a whole Debian (debootstrap, network, minutes); the binaries run against
# the host's libraries instead, which the test machine has. --path-include undoes a host's
# path-exclude (Docker images drop /usr/share/man), so the manual pages are really installed.
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/root/var/lib/dpkg/info" "$dir/root/var/lib/dpkg/updates" "$dir/home"
touch "$dir/root/var/lib/dpkg/status" "$dir/root/var/lib/dpkg/available"
r="$dir/root"
step "dpkg --root=$r -i $deb"
dpkg --root="$r" --force-depends --path-include='/*' -i "$deb" >/dev/null 2>"$dir/dpkg.err" \
  || { cat "$dir/dpkg.err" >&2; fail "dpkg -i failed"; }
dpkg --root="$r" -s klantreis | grep -q '^Status: install ok installed' || fail "not installed"

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n1)"
got="$("$r/usr/bin/klantreis" --version)"
[ "$got" = "klantreis $version" ] || fail "klantreis --version says '$got', not 'klantreis $version'"
step "klantreis --version: $got"

for page in klantreis klantreis-pdf klantreis-app; do
  p="$(MANPATH="$r/usr/share/man" man -w "$page")" || fail "man -w $page found nothing"
  [[ "$p" == "$r/"* ]] || fail "man -w $page found $p, not the installed page"
done
# The page renders without groff warnings (as lintian's check, once more on the installed file).
MANPATH="$r/usr/share/man" MANWIDTH=80 man --warnings klantreis 2>"$dir/man.err" >/dev/null
[ ! -s "$dir/man.err" ] || { cat "$dir/man.err" >&2; fail "man klantreis warns"; }
step "man -w klantreis: $(MANPATH="$r/usr/share/man" man -w klantreis)"

# What the system's triggers would do after installing (desktop-file-utils, shared-mime-info),
# then ask xdg-utils as a desktop without its own association tool does (no XDG_CURRENT_DESKTOP),
# with an empty home so the user's own mimeapps.list cannot answer instead.
update-desktop-database "$r/usr/share/applications"
XDG_DATA_DIRS="$r/usr/share" update-mime-database "$r/usr/share/mime"
xdg() {
  env -u XDG_CURRENT_DESKTOP -u DESKTOP_SESSION -u KDE_FULL_SESSION -u GNOME_DESKTOP_SESSION_ID \
    HOME="$dir/home" XDG_DATA_HOME="$dir/home/.local/share" XDG_CONFIG_HOME="$dir/home/.config" \
    XDG_CONFIG_DIRS="$dir/none" XDG_DATA_DIRS="$r/usr/share" xdg-mime "$@"
}
default="$(xdg query default application/x-klantreis)"
[ "$default" = "nl.klantreis.app.desktop" ] || fail "xdg-mime's default for application/x-klantreis is '$default'"
step "xdg-mime query default application/x-klantreis: $default"

# A real document (SQLite inside): the *.klantreis glob must win over the SQLite magic.
"$r/usr/bin/klantreis" sample "$dir/x.klantreis" >/dev/null
type="$(cd "$dir" && xdg query filetype x.klantreis)"
[ "$type" = "application/x-klantreis" ] || fail "xdg-mime query filetype x.klantreis says '$type'"
step "xdg-mime query filetype x.klantreis: $type"

# The file type's icon, as the compiled MIME database names it, is installed.
icon="$(sed -n 's|^application/x-klantreis:||p' "$r/usr/share/mime/icons")"
[ "$icon" = "application-x-klantreis" ] || fail "the MIME database names icon '$icon'"
[ -f "$r/usr/share/icons/hicolor/scalable/mimetypes/$icon.svg" ] || fail "no icon $icon.svg"
[ -f "$r/usr/share/icons/hicolor/48x48/mimetypes/$icon.png" ] || fail "no icon $icon.png"

# The completions load in their shell and complete the subcommands.
bash -c ". '$r/usr/share/bash-completion/completions/klantreis' && complete -p klantreis" >/dev/null \
  || fail "the bash completion does not register"
step "ok"
