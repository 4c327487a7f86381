#!/usr/bin/env bash
# Figures for live sharing (docs/sharing.md, "Measured"): starts the stock sync server
# (scripts/sync-server, as `make sync-server` does) on a free loopback port with a fresh
# DATA_DIR, runs examples/measure_sync.rs against it and stops the server.
#
#   scripts/measure-sync.sh            (dev profile, dependencies at opt-level 2)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d scripts/sync-server/node_modules ] || scripts/setup.sh
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
data=$(mktemp -d)
PORT=$port DATA_DIR=$data node scripts/sync-server/node_modules/@automerge/automerge-repo-sync-server/src/index.js >/dev/null &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 100); do (echo >/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
KLANTREIS_SYNC_SERVER=ws://127.0.0.1:$port nice -n 10 cargo run -q --example measure_sync
echo "server data after the run: $(du -sk "$data" | cut -f1) KB"
