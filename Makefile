# Klantreis: `make run` starts the app, `make test` runs every check. Both set up what is
# missing first (scripts/setup.sh).
SHELL := /bin/bash
CARGO ?= cargo
# One build of the app serves `make run` and the end-to-end tests: a debug build that serves
# the bundled UI (src-tauri enables tauri's custom-protocol by default).
APP := target/debug/klantreis-app
# A screen as large as the largest window the tests ask for (e2e/tests/firsthour.rs: 1920 × 1080).
XVFB := xvfb-run -a -s "-screen 0 1920x1080x24"

# Each step of `make test` says when it starts, so a CI log shows where the time goes, and
# notes it in $STEP_LOG (set by `make test`), from which the end of `make test` prints how long
# each step took (scripts/step-times.sh).
STEP = @echo "== $@: $$(date +%T)"; if [ -n "$$STEP_LOG" ]; then echo "$@ $$(date +%s)" >>"$$STEP_LOG"; fi

.PHONY: setup ui app run test step-log fmt lint lint-workflows icons lint-build test-core types check-types check-ui test-ui e2e fuzz fuzz-short fuzz-replay package package-check package-check-ci bench cli-sample sync-server

setup:
	$(STEP)
	@scripts/setup.sh

ui:
	$(STEP)
	cd ui && npm run build

# Built together with the workspace's tests (`--tests`) so cargo resolves the same features as
# for `cargo test --workspace`: the app and the tests then share one build of every dependency
# (a plain `-p klantreis-app` build would compile the GTK/WebKit stack a second time).
app: ui
	$(STEP)
	$(CARGO) build --workspace --bins --tests

run: setup app
	./$(APP)

fmt:
	$(STEP)
	$(CARGO) fmt --all -- --check
	$(CARGO) fmt --manifest-path e2e/Cargo.toml -- --check
	$(CARGO) fmt --manifest-path fuzz/Cargo.toml -- --check

lint: ui lint-workflows
	$(STEP)
	$(CARGO) clippy --workspace --all-targets -- -D warnings
	$(CARGO) clippy --manifest-path e2e/Cargo.toml --target-dir target --all-targets -- -D warnings

# The GitHub workflows (.github/workflows): GitHub's schema, and zizmor's security audits
# offline (its configuration: .github/zizmor.yml). Any finding fails. scripts/setup.sh installs
# both checkers from PyPI into target/tools/venv.
WORKFLOW_TOOLS := target/tools/venv/bin
lint-workflows:
	$(STEP)
	@test -x $(WORKFLOW_TOOLS)/zizmor -a -x $(WORKFLOW_TOOLS)/check-jsonschema || { echo "lint-workflows: zizmor or check-jsonschema missing (make setup)"; exit 1; }
	$(WORKFLOW_TOOLS)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(WORKFLOW_TOOLS)/zizmor --offline .github/workflows
	$(WORKFLOW_TOOLS)/check-jsonschema --regex-variant python --schemafile ui/node_modules/@tauri-apps/cli/config.schema.json src-tauri/tauri.conf.json

# The app's icons for every system (.ico for Windows, .icns for macOS, the PNGs), made from
# icons/app-icon.svg by the tauri CLI, offline. It also writes store and mobile icons, which the
# desktop bundles do not use: only those named in tauri.conf.json's bundle.icon are kept.
icons:
	rm -rf target/icons
	cd ui && npm run tauri -- icon icons/app-icon.svg -o target/icons
	cp target/icons/{32x32,64x64,128x128,128x128@2x,icon}.png target/icons/icon.ico target/icons/icon.icns icons/

# Core and shell unit tests; the shell's include the check that ui/src/generated/types.ts is
# up to date with the Rust types.
test-core: ui
	$(STEP)
	$(CARGO) test --workspace

# Rewrites the TypeScript types from the Rust ones.
types: ui
	UPDATE_TYPES=1 $(CARGO) test --workspace --bins -- bindings::tests::generated_types_are_fresh

check-types: ui
	$(CARGO) test --workspace --bins -- bindings::tests::generated_types_are_fresh

check-ui:
	$(STEP)
	cd ui && npm run check

test-ui:
	$(STEP)
	cd ui && npm test

# The tests read the document back through the command-line tool: `make app` builds it too
# (target/debug/klantreis, with the workspace's features, so no second build of the deps).
e2e: app
	$(STEP)
	@command -v xvfb-run >/dev/null || { echo "e2e: xvfb-run missing (make setup)"; exit 1; }
	$(XVFB) $(CARGO) test --manifest-path e2e/Cargo.toml --target-dir target -- --test-threads=1

# Coverage-guided fuzzing of every input (fuzz/, scripts/fuzz.sh): each target for
# FUZZ_SECONDS (default 600), from libFuzzer binaries built in their own target dir
# (target/fuzz, about 12 CPU-minutes from cold). `make fuzz-short`: 20 s each.
#
# `make test` does not build them: its `cargo test --workspace` runs tests/fuzz_replay.rs,
# which feeds every seed (fuzz/seeds/, the templates, fixed mutations of both) through the
# very checks the fuzz binaries call (fuzz/src/), from the normal test build.
# `make fuzz-replay` adds the corpus `make fuzz` grew in target/fuzz/corpus.
FUZZ_SECONDS ?= 600
fuzz:
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

fuzz-short:
	FUZZ_SECONDS=20 FUZZ_PROFILE=short scripts/fuzz.sh

fuzz-replay:
	FUZZ_CORPUS=$(CURDIR)/target/fuzz/corpus $(CARGO) test --workspace --test fuzz_replay

# `make test` lints while it builds: clippy's driver compiles our own crates (as cargo's
# workspace wrapper, with `-D warnings`), so the lint and the tests share one build of the
# dependencies, where `make lint` (`cargo clippy`) checks every dependency a second time. Every
# cargo step after it runs with the same wrapper and reuses that build.
#
# At the end (also when a step failed) it prints how long each step took.
TEST_STEPS := fmt lint-workflows check-ui test-ui lint-build test-core e2e package-check-ci
CLIPPY_DRIVER = $(shell rustup which clippy-driver 2>/dev/null || command -v clippy-driver)
LINTING = RUSTC_WORKSPACE_WRAPPER="$(CLIPPY_DRIVER)" CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
test: export STEP_LOG := $(CURDIR)/target/step-times
test: step-log setup
	@export $(LINTING); \
	if [ -z "$$RUSTC_WORKSPACE_WRAPPER" ]; then echo "test: clippy-driver missing (rustup component add clippy)"; exit 1; fi; \
	$(MAKE) --no-print-directory $(TEST_STEPS); status=$$?; \
	scripts/step-times.sh "$$STEP_LOG"; exit $$status

# A fresh log of step start times for this `make test`.
step-log:
	@mkdir -p target; : >"$$STEP_LOG"

# The lint of `make test`: every target of the workspace and of the end-to-end crate, built
# through clippy's driver.
lint-build: ui
	$(STEP)
	$(LINTING) $(CARGO) test --workspace --all-targets --no-run
	$(LINTING) $(CARGO) test --manifest-path e2e/Cargo.toml --target-dir target --all-targets --no-run

# The .deb and the .rpm, from one staged tree (scripts/package.sh, packaging/,
# docs/packaging.md), into target/package/. PROFILE=release (the default) builds the release
# binaries (stripped by Cargo.toml's release profile; 20-30 minutes from cold); PROFILE=debug
# packs the debug binaries that `make app` / `make e2e` already built. The staging script is
# the same for both and strips both the same way; only where the binaries come from differs.
PROFILE ?= release
# (The debug package does not rebuild the UI: a fresh ui/dist would make cargo rebuild the app
# that the end-to-end tests just tested.)
ifeq ($(PROFILE),release)
PACKAGE_UI := ui
PACKAGE_BUILD := $(CARGO) build --release -p klantreis -p klantreis-app --bins
else
PACKAGE_UI :=
PACKAGE_BUILD := $(CARGO) build --workspace --bins --tests
endif
package: setup $(PACKAGE_UI)
	$(PACKAGE_BUILD)
	PROFILE=$(PROFILE) scripts/package.sh

# The distributions' own checks of that package: desktop-file-validate, appstreamcli
# validate, lintian, rpm -qpl and an install test into an empty root (scripts/package-check.sh).
package-check: package
	scripts/package-check.sh

# What `make test` (CI) runs: the same package and checks from the debug binaries the
# end-to-end tests built, so CI does not pay for a release build.
package-check-ci:
	$(STEP)
	$(MAKE) package-check PROFILE=debug

bench:
	$(CARGO) bench -p klantreis

# The command-line tool's sample document, as a quick look at the core without the app.
cli-sample:
	$(CARGO) build --release -p klantreis
	rm -f target/sample.klantreis
	./target/release/klantreis sample target/sample.klantreis --lang nl
	./target/release/klantreis list target/sample.klantreis

# The stock automerge-repo sync server for live sharing (docs/sharing.md): PORT and DATA_DIR as
# the server reads them. `make sync-server PORT=3030 DATA_DIR=sync-data`; the app and
# `klantreis share/join/sync --server ws://HOST:PORT` then connect to it.
PORT ?= 3030
DATA_DIR ?= sync-data
sync-server: setup
	mkdir -p $(DATA_DIR)
	PORT=$(PORT) DATA_DIR=$(abspath $(DATA_DIR)) node scripts/sync-server/node_modules/@automerge/automerge-repo-sync-server/src/index.js
