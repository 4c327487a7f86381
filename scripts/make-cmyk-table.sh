#!/usr/bin/env bash
# Makes assets/icc/srgb-to-fogra39.bin, the table the print-shop PDF converts colours with
# (src/export/pdf/cmyk.rs): sRGB to Coated FOGRA39 through LittleCMS (`transicc`, Debian's
# liblcms2-utils), relative colorimetric with black-point compensation, on a 17 × 17 × 17 grid
# (r outermost, b innermost), four bytes C M Y K (0…255) a point. Run it only to remake the
# table (another profile, another intent); the build reads the committed file.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v transicc >/dev/null || { echo "needs transicc (apt install liblcms2-utils)" >&2; exit 1; }
levels=$(for i in $(seq 0 16); do v=$((i * 16)); [ $v -gt 255 ] && v=255; echo $v; done)
for r in $levels; do for g in $levels; do for b in $levels; do echo "$r $g $b"; done; done; done |
  transicc -t1 -b -i "*sRGB" -o assets/icc/CoatedFOGRA39.icc -n |
  grep -E '^[0-9. ]+$' |
  python3 -c '
import sys
out = bytearray()
for line in sys.stdin:
    out += bytes(max(0, min(255, round(float(v) * 2.55))) for v in line.split())
assert len(out) == 17 ** 3 * 4, len(out)
open("assets/icc/srgb-to-fogra39.bin", "wb").write(out)
'
