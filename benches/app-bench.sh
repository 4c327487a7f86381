#!/usr/bin/env bash
# App benchmark: the desktop app in a release build under Xvfb, on journeys of 100, 1,000 and
# 5,000 cards. Prints one table:
#   - edit → updated canvas: a card dragged to another phase and dropped, until its sticky note
#     stands in its laid-out place (p50 / p95 over BENCH_DRAGS drops);
#   - layout of the journey in the core (median over the drops; reported by the app);
#   - where a drop's time goes in the UI: the round trip to the core (IPC, edit, layout, patch,
#     parsing) and painting the map once (medians; reported by the app);
#   - IPC per edit: calls and bytes (requests and answers) for one drop;
#   - drag frame interval while dragging (mean, and as fps);
# and, once, start to home view with data and idle memory (PSS of the whole process tree) from
# scripts/measure.sh. A benchmark, not a test: it asserts nothing.
#
#   benches/app-bench.sh [SIZES...]          default: 100 1000 5000
#   APP=path/to/klantreis-app CLI=path/to/klantreis benches/app-bench.sh   (another build;
#     nothing is built then)
#
# Results also go to target/app-bench/results.tsv. Runs at low priority (nice) and builds
# what is missing: the UI (npm run build) and `cargo build --release`.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(100 1000 5000)
OUT=target/app-bench
mkdir -p "$OUT"

if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "app-bench: xvfb-run missing (make setup)" >&2; exit 1; }
  exec xvfb-run -a -s "-screen 0 1280x800x24" "$0" "$@"
fi
command -v tauri-driver >/dev/null || { echo "app-bench: tauri-driver missing (make setup)" >&2; exit 1; }

if [ -z "${APP:-}" ]; then
  (cd ui && nice -n 19 npm run build >/dev/null)
  nice -n 19 cargo build --release -q -p klantreis-app -p klantreis
  APP=target/release/klantreis-app
  CLI=target/release/klantreis
fi
CLI="${CLI:-target/release/klantreis}"
APP="$(realpath "$APP")"
CLI="$(realpath "$CLI")"
nice -n 19 cargo build -q --manifest-path e2e/Cargo.toml --target-dir target --example drag_bench

: >"$OUT/results.tsv"
for n in "${SIZES[@]}"; do
  echo "app-bench: $n cards" >&2
  BENCH_CARDS="$n" KLANTREIS_APP="$APP" KLANTREIS_CLI="$CLI" \
    target/debug/examples/drag_bench | tee "$OUT/run-$n.log" >&2
  grep '^BENCH' "$OUT/run-$n.log" >>"$OUT/results.tsv"
done

APP="$APP" scripts/measure.sh 3 | tee "$OUT/measure.log" >&2
start_ms=$(awk '/start to home view/ {v = v sep $(NF-1); sep = ", "} END {print v}' "$OUT/measure.log")
pss=$(awk '/idle after 10 s/ {print $(NF-1)}' "$OUT/measure.log")

field() { tr '\t' '\n' <<<"$1" | awk -F= -v k="$2" '$1 == k {print $2}'; }
printf '\n%-7s | %-26s | %-9s | %-13s | %-8s | %-22s | %-19s\n' cards "edit→canvas p50 / p95 ms" "layout ms" "round trip ms" "paint ms" "IPC per edit" "drag frame ms (fps)"
printf -- '--------+----------------------------+-----------+---------------+----------+------------------------+--------------------\n'
while IFS= read -r line; do
  printf '%-7s | %11s / %-12s | %-9s | %-13s | %-8s | %2s calls, %9s B | %6s (%s)\n' \
    "$(field "$line" cards)" "$(field "$line" drop_p50)" "$(field "$line" drop_p95)" \
    "$(field "$line" layout_ms)" "$(field "$line" round_trip_ms)" "$(field "$line" paint_ms)" \
    "$(field "$line" ipc_calls)" "$(field "$line" ipc_bytes)" \
    "$(field "$line" frame_ms)" "$(field "$line" fps)"
done <"$OUT/results.tsv"
echo
echo "start to home view with data: $start_ms ms (first run creates the document); idle PSS, whole process tree: $pss MiB"
echo "app: $APP"
