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
  echo "setup: cargo not found; install Rust from https://rustup.rs (1.85 or newer)" >&2
  exit 1
fi
rustup component list --installed 2>/dev/null | grep -q rustfmt || rustup component add rustfmt clippy || true
