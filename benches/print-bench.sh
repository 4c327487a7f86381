#!/usr/bin/env bash
# Print benchmark: time, peak memory and file size of `klantreis pdf` for journeys of 50, 500
# and 5000 cards, as an A0 page, as a poster tiled on A4 and as a print-shop PDF/X, side by side with Chromium's
# print-to-PDF of the SVG export of the same Scene (how browser-based tools print).
#
#   benches/print-bench.sh [SIZES...]        default: 50 500 5000
#
# Uses a release build. Installs chromium with apt when it is missing (it is not part of
# `make test`). Environment: KLANTREIS_BIN=path measures that binary instead of building
# target/release/klantreis (to compare two builds with the same script); CHROMIUM=0 leaves
# Chromium out. Results go to stdout as a table and to target/print-bench/results.tsv.
# This is a benchmark, not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(50 500 5000)
OUT=target/print-bench
mkdir -p "$OUT"

CHROMIUM=${CHROMIUM:-1}
if [ "$CHROMIUM" != 0 ] && ! command -v chromium >/dev/null; then
  echo "print-bench: installing chromium" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
command -v python3 >/dev/null || { echo "print-bench: python3 is needed to generate journeys" >&2; exit 1; }

if [ -n "${KLANTREIS_BIN:-}" ]; then
  K=$KLANTREIS_BIN
else
  cargo build --release -q -p klantreis
  K=target/release/klantreis
fi

# Measures a command: prints "wall_seconds<TAB>cpu_seconds<TAB>peak_rss_kib". CPU time (user +
# system) is shown beside wall time because a shared build machine stretches wall time.
measure() {
  local log="$OUT/time.log"
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$OUT/stderr.log" || {
    echo "print-bench: failed: $*" >&2
    cat "$OUT/stderr.log" >&2
    exit 1
  }
  python3 - "$log" <<'PY'
import sys, re
t = open(sys.argv[1]).read()
wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", t)
h = int(wall.group(1) or 0); m = int(wall.group(2)); s = float(wall.group(3))
rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)
cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", t).group(1)) for k in ("User", "System"))
print(f"{h*3600 + m*60 + s:.2f}\t{cpu:.2f}\t{rss}")
PY
}

# A journey JSON with N cards spread over 8 phases × 8 lanes, from the sample's shape.
make_journey() {
  local n=$1 json=$2
  python3 - "$n" "$json" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
words = ("ik zoek vergelijk bel mail bezoek bestel betaal wacht twijfel koop gebruik deel "
         "review proefrit levering factuur klantenservice app website winkel adviseur").split()
phases = [{"id": f"ph{i}", "order": f"{i+1}", "name": f"Fase {i+1}", "duration": f"{i+1} dagen"} for i in range(8)]
kinds = ["actions", "touchpoints", "channels", "thoughts", "feelings", "pain_points", "opportunities", "backstage"]
lanes = [{"id": f"ln{i}", "order": f"{i+1}", "kind": k, "title": k.replace("_", " ").title(), "hint": "…"} for i, k in enumerate(kinds)]
cards = []
for i in range(n):
    ph, ln = i % 8, (i // 8) % 8
    text = " ".join(words[(i * 7 + k * 3) % len(words)] for k in range(4 + i % 9))
    c = {"id": f"c{i}", "phase_id": f"ph{ph}", "lane_id": f"ln{ln}", "order": f"{i:06d}1",
         "text": f"{i}: {text}"}
    if kinds[ln] == "feelings":
        c["emotion"] = (i % 5) - 2
    if i % 17 == 0:
        c["impact"] = True
    cards.append(c)
doc = {"format": "klantreis/1",
       "journey": {"id": "bench", "title": f"Benchmark {n} kaarten", "language": "nl",
                   "phases": phases, "lanes": lanes, "cards": cards},
       "personas": []}
json.dump(doc, open(path, "w"), ensure_ascii=False)
PY
}

printf "cards\toutput\twall_s\tcpu_s\tpeak_MiB\tsize_KiB\tpages\n" | tee "$OUT/results.tsv"
row() {
  local n=$1 what=$2 tr=$3 file=$4
  local secs cpu rss
  IFS=$'\t' read -r secs cpu rss <<<"$tr"
  local size pages
  size=$(( $(stat -c %s "$file") / 1024 ))
  pages=$(pdfinfo "$file" 2>/dev/null | awk '/^Pages:/ {print $2}')
  printf "%s\t%s\t%s\t%s\t%s\t%s\t%s\n" "$n" "$what" "$secs" "$cpu" "$(( rss / 1024 ))" "$size" "${pages:-?}" | tee -a "$OUT/results.tsv"
}

for n in "${SIZES[@]}"; do
  doc="$OUT/bench-$n.klantreis"
  rm -f "$doc" "$OUT/bench-$n.json"
  make_journey "$n" "$OUT/bench-$n.json"
  $K new "$doc" --template canvas >/dev/null
  jid=$($K import "$doc" "$OUT/bench-$n.json")

  row "$n" "klantreis A0" "$(measure $K pdf "$doc" --journey "$jid" -o "$OUT/a0-$n.pdf")" "$OUT/a0-$n.pdf"
  row "$n" "klantreis A0 tiled A4" "$(measure $K pdf "$doc" --journey "$jid" --tile a4 -o "$OUT/tiled-$n.pdf")" "$OUT/tiled-$n.pdf"
  # The print-shop PDF (PDF/X-4, CMYK, 3 mm bleed; docs/printing.md) of the same page: the
  # embedded FOGRA39 profile is about 0.5 MB of its size.
  row "$n" "klantreis A0 print shop" "$(measure $K pdf "$doc" --journey "$jid" --print-shop -o "$OUT/shop-$n.pdf")" "$OUT/shop-$n.pdf"

  [ "$CHROMIUM" = 0 ] && continue
  # Chromium: the SVG export of the same Scene, inline in a page of the same size.
  $K svg "$doc" --journey "$jid" -o "$OUT/a0-$n.svg" 2>/dev/null
  {
    printf '<!doctype html><meta charset="utf-8"><style>@page{size:1189mm 841mm;margin:0}html,body{margin:0}svg{display:block}</style>'
    cat "$OUT/a0-$n.svg"
  } >"$OUT/a0-$n.html"
  row "$n" "chromium A0 (SVG)" "$(measure chromium --headless --no-sandbox --disable-gpu \
    --disable-background-networking --disable-component-update --disable-sync --no-first-run \
    --no-pdf-header-footer --print-to-pdf="$OUT/chromium-$n.pdf" "file://$PWD/$OUT/a0-$n.html")" "$OUT/chromium-$n.pdf"
done
