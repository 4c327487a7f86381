#!/usr/bin/env bash
# Measures the built app: cold start to first paint (process start until the home view has its
# data, the app's own `home` trace, `list_journeys` in older builds) and idle memory (RSS and
# PSS of the app with its WebKit processes, 10 s after start). Runs under Xvfb when no display is set.
#   scripts/measure.sh [runs]        APP=path/to/binary to measure another build
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
APP="${APP:-target/debug/klantreis-app}"
RUNS="${1:-5}"
data="$(mktemp -d)"
trap 'rm -rf "$data"' EXIT

descendants() {
  local p
  echo "$1"
  for p in $(pgrep -P "$1" || true); do descendants "$p"; done
}

for i in $(seq 1 "$RUNS"); do
  log="$data/run$i.log"
  : >"$log"
  start=$(date +%s%3N)
  KLANTREIS_DATA_DIR="$data" KLANTREIS_STARTUP_TRACE=1 "$APP" 2>"$log" &
  pid=$!
  for _ in $(seq 1 300); do
    grep -qE "klantreis-startup (home|list_journeys) " "$log" && break
    sleep 0.05
  done
  ready=$(awk '/klantreis-startup (home|list_journeys) / {print $3; exit}' "$log")
  kind="reopen"
  [ "$i" -eq 1 ] && kind="first start (creates the document)"
  echo "run $i, $kind: start to home view with data: $((ready - start)) ms"
  # Where that time went: each milestone of the app's trace, in ms after the process started.
  echo "  $(awk -v s="$start" '/^klantreis-startup / {printf "%s %d  ", $2, $3 - s}' "$log")"
  if [ "$i" -eq "$RUNS" ]; then
    sleep 10
    rss=0 pss=0
    for p in $(descendants "$pid"); do
      [ -r "/proc/$p/smaps_rollup" ] || continue
      r=$(awk '/^Rss:/ {print $2}' "/proc/$p/smaps_rollup")
      s=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup")
      printf '  %-28s RSS %6d KiB  PSS %6d KiB\n' "$(cat /proc/$p/comm)" "$r" "$s"
      rss=$((rss + r)) pss=$((pss + s))
    done
    echo "idle after 10 s, all processes: RSS $((rss / 1024)) MiB, PSS $((pss / 1024)) MiB"
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
