#!/usr/bin/env bash
# Installs what building, running and testing Klantreis needs on Debian 12 / Ubuntu, and only
# what is missing, so a second run is fast. Called by `make run` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # build
  build-essential pkg-config libwebkit2gtk-4.1-dev
  # test: a virtual display, the WebKit WebDriver, PDF and SQLite checkers
  xvfb xauth webkit2gtk-driver poppler-utils qpdf sqlite3
  # test: the print-shop PDF rendered by a second reader (tests/print_shop.rs)
  ghostscript
  # package (`make package`, `make package-check`, docs/packaging.md): the distributions' own
  # builders and checkers, and what the install test asks the installed package with
  dpkg-dev rpm lintian desktop-file-utils appstream man-db xdg-utils libfile-mimeinfo-perl
  shared-mime-info
  # test: a real reader of the PowerPoint fill-in file (`soffice --headless --convert-to pdf`)
  libreoffice-impress
  # scan (`klantreis scan`, the app's "Read a photo of the wall…"): OCR of the sticky notes'
  # text, with the Dutch and English data (src/scan/ocr.rs)
  tesseract-ocr tesseract-ocr-nld tesseract-ocr-eng
  # lint: a Python virtual environment for the workflow checkers (below)
  python3-venv
  # test: wss:// through a real TLS reverse proxy with a certificate authority made by the test
  # (tests/live_sync.rs, docs/sharing.md); the system's trusted certificates, which the test
  # checks its own authority is refused against
  nginx-light openssl ca-certificates
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null; then
  echo "setup: cargo not found; install Rust from https://rustup.rs (1.90 or newer)" >&2
  exit 1
fi
# rustfmt and clippy (`make test` builds through clippy's driver): each one that is missing.
installed="$(rustup component list --installed 2>/dev/null || true)"
for c in rustfmt clippy; do
  grep -q "^$c" <<<"$installed" || rustup component add "$c" || true
done

# The UI toolchain: Vite 8 needs Node.js 20.19 or newer (Debian 12's own nodejs is 18).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "setup: Node.js 20.19+ with npm is needed for the UI; install it (e.g. from nodejs.org) and run again" >&2
  exit 1
fi
node_version="$(node --version | sed 's/^v//')"
IFS=. read -r node_major node_minor _ <<<"$node_version"
if [ "$node_major" -lt 20 ] || { [ "$node_major" -eq 20 ] && [ "$node_minor" -lt 19 ]; }; then
  echo "setup: Node.js $node_version is too old; the UI build (Vite 8) needs 20.19 or newer" >&2
  exit 1
fi
# npm ci when node_modules is missing or older than the lock file (npm writes its own copy of
# the lock into node_modules on every install). Never through a symbolic link: a git worktree
# that links another checkout's node_modules would have npm ci empty the shared packages (a
# fresh checkout's lock file is always newer), so there the other checkout's setup installs.
if [ -L ui/node_modules ]; then
  echo "setup: ui/node_modules is a link to shared packages: not installing through it"
elif [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing the UI's packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi

# The stock automerge-repo sync server (pinned in scripts/sync-server/package.json), which
# `make sync-server` runs and tests/live_sync.rs starts on loopback (docs/sharing.md).
if [ -L scripts/sync-server/node_modules ]; then
  echo "setup: scripts/sync-server/node_modules is a link to shared packages: not installing through it"
elif [ ! -f scripts/sync-server/node_modules/.package-lock.json ] || [ scripts/sync-server/package-lock.json -nt scripts/sync-server/node_modules/.package-lock.json ]; then
  echo "setup: installing the sync server (npm ci in scripts/sync-server)"
  # `npm install` from the lock, not `npm ci`: npm 11's ci refuses this lock file because
  # cbor-extract's platform packages are optional dependencies without a version in it.
  (cd scripts/sync-server && npm install --no-save --no-audit --no-fund --loglevel=error)
fi

# The checkers of .github/workflows (`make lint-workflows`, part of `make lint` and `make test`),
# from PyPI at pinned versions, in a virtual environment under target/ (Debian 12's Python
# refuses a system-wide `pip install`; the venv needs no root and is rebuilt when the pins change).
WORKFLOW_TOOLS=(zizmor==1.33.1 check-jsonschema==0.39.0)
TOOLS_VENV=target/tools/venv
if [ "$(cat "$TOOLS_VENV/.pins" 2>/dev/null)" != "${WORKFLOW_TOOLS[*]}" ]; then
  echo "setup: installing ${WORKFLOW_TOOLS[*]} into $TOOLS_VENV"
  rm -rf "$TOOLS_VENV"
  # Debian's own Python first: a pyenv or conda python3 earlier on PATH may lack venv support.
  python=/usr/bin/python3
  [ -x "$python" ] || python="$(command -v python3)"
  "$python" -m venv "$TOOLS_VENV"
  "$TOOLS_VENV/bin/pip" install -q --disable-pip-version-check "${WORKFLOW_TOOLS[@]}"
  echo "${WORKFLOW_TOOLS[*]}" >"$TOOLS_VENV/.pins"
fi

# Fuzzing (libFuzzer, built from the `libfuzzer-sys` crate with the C++ compiler above) is set up
# by scripts/fuzz.sh when `make fuzz` or `make test` asks for it, so `make run` stays fast.

# The end-to-end tests drive the app through tauri-driver.
if ! command -v tauri-driver >/dev/null; then
  echo "setup: installing tauri-driver"
  cargo install tauri-driver --locked --version '^2'
fi
