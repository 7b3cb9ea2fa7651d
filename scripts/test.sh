#!/usr/bin/env bash
# The whole test suite, as CI runs it (README "Run the tests"): formatting and lints, the
# default build's tests, the library alone without the CLI or engines, and the rust-bert
# engine (libtorch set up from PyPI wheels, cached in ~/.cache/quotesmith).
#
#   scripts/test.sh
#
# With QUOTESMITH_REQUIRE_DATA=1 (as .ci/run sets it), every test and bench that reads the
# third-party data in ../shared/data fails when that data is missing, instead of skipping.
# Needs: cargo (with clippy and rustfmt), python3 with pip, a C/C++ compiler, unzip.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*" >&2; }

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings

step "the default build's tests"
cargo test --release

step "the library alone: no CLI or engine dependencies"
cargo check --lib --no-default-features
scripts/check-lean-library.sh

step "the rust-bert engine"
libtorch_env=$(scripts/setup-libtorch.sh --print-env)
eval "$libtorch_env"
cargo bench --features rust-bert --bench backends -- --quick
# Last, so that the run closes on cargo test's summary.
cargo test --release --features rust-bert --test backend_parity
