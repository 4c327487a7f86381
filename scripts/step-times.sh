#!/usr/bin/env bash
# Prints how long each step of `make test` took, from the log of start times the Makefile's
# STEP writes (one "name epoch-seconds" line per step, in order): a step lasts until the next
# one starts, the last one until now.
set -euo pipefail
log="$1"
[ -s "$log" ] || exit 0
now="$(date +%s)"
echo "== time per step (min:s)"
awk -v now="$now" '
  { name[NR] = $1; start[NR] = $2 }
  END {
    for (i = 1; i <= NR; i++) {
      end = (i < NR) ? start[i + 1] : now
      d = end - start[i]
      printf "   %-18s %4d:%02d\n", name[i], d / 60, d % 60
    }
    d = now - start[1]
    printf "   %-18s %4d:%02d\n", "total", d / 60, d % 60
  }' "$log"
