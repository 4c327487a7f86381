#!/usr/bin/env bash
# Coverage-guided fuzzing of every way data comes into Klantreis (targets in fuzz/).
#
#   scripts/fuzz.sh                 each target for FUZZ_SECONDS (default 600) — `make fuzz`
#   FUZZ_SECONDS=20 scripts/fuzz.sh a short run (`make fuzz-short`)
#   FUZZ_TARGETS="image" ...        only some targets
#   FUZZ_PROFILE=short ...          a quicker, less optimised build (for short runs)
#   FUZZ_BUILD_ONLY=1 ...           build the targets and stop
#
# `make test` runs none of this: tests/fuzz_replay.rs runs every target's check (fuzz/src/) on
# the seeds from the normal test build.
#
# libFuzzer (the `libfuzzer-sys` crate, built from source with the C++ compiler that
# build-essential brings) on the stable toolchain: the coverage instrumentation is plain `-C`
# flags, so neither nightly, RUSTC_BOOTSTRAP nor cargo-fuzz is needed. No sanitizer: the code
# under test is safe Rust (panics, overflows and debug assertions are the crashes we look for);
# SQLite is C but is fuzzed upstream far harder than here.
#
# The corpus grows in target/fuzz/corpus/<target> (seeded from the templates, the tests and
# fuzz/seeds/); crashing inputs land in fuzz/artifacts/<target>/, and the script fails if any
# target found one. Every crash becomes a regression test in tests/ (docs/reliability.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
SECONDS_EACH="${FUZZ_SECONDS:-600}"
TARGETS=(${FUZZ_TARGETS:-interchange open_bytes hostile_rows image text_imports})
# Fuzzing must not slow down the rest of the machine.
NICE="nice -n ${FUZZ_NICE:-19}"

if ! command -v c++ >/dev/null; then
  echo "fuzz: installing a C++ compiler for libFuzzer (build-essential)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends build-essential >/dev/null
fi

HOST="$(rustc -vV | sed -n 's/^host: //p')"
export CARGO_TARGET_DIR="$ROOT/target/fuzz"
# `--target` keeps these flags off build scripts and proc macros (they would need libFuzzer's
# symbols to link). The flags are cargo-fuzz's, minus the sanitizer.
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
echo "fuzz: building the targets (first build takes minutes; later ones are incremental)"
PROFILE="${FUZZ_PROFILE:-release}"
# Without `make test`'s clippy wrapper: these flags and this workspace are the fuzzer's own.
$NICE env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS \
  cargo build --profile "$PROFILE" --manifest-path fuzz/Cargo.toml --target "$HOST" --bins
unset RUSTFLAGS CARGO_TARGET_DIR
if [ -n "${FUZZ_BUILD_ONLY:-}" ]; then
  exit 0
fi
BIN="$ROOT/target/fuzz/$HOST/$PROFILE"

# Seeds: every template as a document and as an interchange file, the sample with a photo.
CORPUS="$ROOT/target/fuzz/corpus"
SEEDS="$CORPUS/generated"
if [ ! -f "$SEEDS/.done" ]; then
  echo "fuzz: making seeds from the templates"
  rm -rf "$SEEDS" && mkdir -p "$SEEDS/docs" "$SEEDS/json" "$SEEDS/images"
  # The same selection as `make app` (`--workspace --bins --tests`: dev-dependencies take part
  # in feature resolution), so this reuses that build instead of compiling the core again.
  cargo build -q --workspace --bins --tests
  CLI="$ROOT/target/debug/klantreis"
  for lang in nl en; do
    for t in $("$CLI" templates --lang "$lang" | cut -f1); do
      doc="$SEEDS/docs/$t-$lang.klantreis"
      id="$("$CLI" new "$doc" --template "$t" --lang "$lang")"
      "$CLI" export-json "$doc" --journey "$id" -o "$SEEDS/json/$t-$lang.json"
    done
    doc="$SEEDS/docs/sample-$lang.klantreis"
    id="$("$CLI" sample "$doc" --lang "$lang")"
    "$CLI" export-json "$doc" --journey "$id" -o "$SEEDS/json/sample-$lang.json"
    if command -v pdftoppm >/dev/null; then
      "$CLI" pdf "$doc" --journey "$id" --paper a4 -o "$SEEDS/sample-$lang.pdf" 2>/dev/null
      pdftoppm -png -r 4 -singlefile "$SEEDS/sample-$lang.pdf" "$SEEDS/images/sample-$lang"
      pdftoppm -jpeg -r 4 -singlefile "$SEEDS/sample-$lang.pdf" "$SEEDS/images/sample-$lang"
      rm -f "$SEEDS/sample-$lang.pdf"
    fi
  done
  rm -f "$SEEDS"/docs/*-wal "$SEEDS"/docs/*-shm
  touch "$SEEDS/.done"
fi

seeds_for() {
  case "$1" in
    interchange) echo "$SEEDS/json $ROOT/fuzz/seeds/interchange" ;;
    open_bytes) echo "$SEEDS/docs $ROOT/fuzz/seeds/open_bytes" ;;
    hostile_rows) echo "$ROOT/fuzz/seeds/hostile_rows" ;;
    image) echo "$SEEDS/images $ROOT/fuzz/seeds/image" ;;
    text_imports) echo "$ROOT/fuzz/seeds/text_imports" ;;
  esac
}

LOGS="$ROOT/target/fuzz/logs"
mkdir -p "$LOGS"
failed=()
for t in "${TARGETS[@]}"; do
  mkdir -p "$CORPUS/$t" "$ROOT/fuzz/artifacts/$t"
  seed_dirs=()
  for d in $(seeds_for "$t"); do [ -d "$d" ] && seed_dirs+=("$d"); done
  echo "fuzz: $t for ${SECONDS_EACH}s"
  # -rss_limit_mb: a target that needs more than 2 GB is a finding (the limits in
  # src/media.rs keep every accepted image far below it). -timeout: one input, 10 s.
  if ! $NICE "$BIN/$t" "$CORPUS/$t" "${seed_dirs[@]}" \
      -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -max_len=262144 \
      -print_final_stats=1 -artifact_prefix="$ROOT/fuzz/artifacts/$t/" \
      >"$LOGS/$t.log" 2>&1; then
    failed+=("$t")
  fi
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOGS/$t.log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' "$LOGS/$t.log" | tail -1)"
  echo "fuzz: $t: ${execs:-?} runs, ${cov:-cov: ?}, corpus $(ls "$CORPUS/$t" | wc -l) inputs"
done
if [ ${#failed[@]} -gt 0 ]; then
  for t in "${failed[@]}"; do
    echo "fuzz: $t FAILED; the input is in fuzz/artifacts/$t/, the log in $LOGS/$t.log:" >&2
    grep -m1 -A12 -E "panicked|ERROR: libFuzzer" "$LOGS/$t.log" >&2 || tail -20 "$LOGS/$t.log" >&2
  done
  exit 1
fi
