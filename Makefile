# Klantreis: `make run` starts the app, `make test` runs every check. Both set up what is
# missing first (scripts/setup.sh).
SHELL := /bin/bash
CARGO ?= cargo
SAMPLE ?= target/sample.klantreis

.PHONY: setup run test fmt lint test-core bench

setup:
	@scripts/setup.sh

run: setup
	$(CARGO) build --release -p klantreis
	rm -f $(SAMPLE)
	./target/release/klantreis sample $(SAMPLE) --lang nl
	./target/release/klantreis list $(SAMPLE)

fmt:
	$(CARGO) fmt --all -- --check

lint:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

test-core:
	$(CARGO) test --workspace

test: setup fmt lint test-core

bench:
	$(CARGO) bench -p klantreis
