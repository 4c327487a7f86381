#!/usr/bin/env bash
# Times importing, undoing and redoing a journey with 10,000 cards in one cell through the
# command-line tool (docs/reliability.md, "Large inputs"): the path that was quadratic in the
# number of cards (edit::apply_changes, ChangeSet::check_applies_to).
#
#   scripts/bench-large-edit.sh [path/to/klantreis]   (default: target/debug/klantreis)
#
# Needs python3 (to write the 10,000-card interchange file) and GNU time.
set -euo pipefail
K=${1:-target/debug/klantreis}
K=$(realpath "$K")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
id=$("$K" new base.klantreis --template five-stages --lang en)
"$K" export-json base.klantreis --journey "$id" --no-images > base.json
python3 - <<'PY'
import json
d = json.load(open('base.json'))
j = d['journey']
phase, lane = j['phases'][0]['id'], j['lanes'][0]['id']
digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
def key(n):
    s = ''
    for _ in range(3):
        s = digits[n % 62] + s
        n //= 62
    return 'a' + s + 'V'  # increasing, never ending in 0
j['cards'] = [{'id': 'crowd-%05d' % n, 'phase_id': phase, 'lane_id': lane,
               'order': key(n + 1), 'text': 'Card %d' % n} for n in range(10000)]
json.dump(d, open('crowd.json', 'w'))
PY
"$K" new doc.klantreis --template five-stages --lang en > /dev/null
for step in "import doc.klantreis crowd.json" "undo doc.klantreis" "redo doc.klantreis"; do
  # shellcheck disable=SC2086
  /usr/bin/time -f "${step%% *}: %e s, peak %M KB" "$K" $step > /dev/null
done
