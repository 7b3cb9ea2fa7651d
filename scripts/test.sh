#!/usr/bin/env bash
# The whole test suite, as CI runs it (README "Run the tests"): formatting and lints, the
# default build's tests, the Python-side tests (tests/python: the Python package and Spark
# included), the library alone without the CLI or engines, and the rust-bert engine
# (libtorch set up from PyPI wheels, cached in ~/.cache/quotesmith).
#
#   scripts/test.sh
#
# With QUOTESMITH_REQUIRE_DATA=1 (as .ci/run sets it), every test and bench that reads the
# third-party data in ../shared/data fails when that data is missing, instead of skipping.
# Needs: cargo (with clippy and rustfmt), python3 with pip and venv, a C/C++ compiler, unzip;
# apt-get for chromium when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*" >&2; }

step "format and lints"
cargo fmt --all --check
cargo clippy --all-targets -- -D warnings
cargo clippy -p quotesmith-python -- -D warnings

step "the default build's tests"
cargo test --release

# --- Python-side tests (issue 19: tables read by DuckDB, the HTML view in headless Chromium;
# issue 18: the Python package and quotesmith.spark in local[2]) ---
# scripts/setup-python-env.sh makes the pinned virtual environment of tests/python/requirements.txt
# (cached in ~/.cache/quotesmith/venv) and installs Debian's chromium + chromium-driver and
# openjdk-17-jre-headless when missing. The CLI tests use target/release/quotesmith, which the
# step above built. The package is built as a wheel with maturin (python/, sharing target/) and
# installed into the environment; the tests import it from there. pytest's exit code 5 (no
# test collected) counts as a failure.
step "Python-side tests: the Python package and Spark, DuckDB reads the tables, the HTML view"
python_env=$(scripts/setup-python-env.sh --print-env)
eval "$python_env"
rm -f target/wheels/quotesmith-*.whl
(cd python && maturin build --release --quiet -i "$QUOTESMITH_VENV/bin/python" -o ../target/wheels)
python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
    target/wheels/quotesmith-*.whl
status=0
PYTHONDONTWRITEBYTECODE=1 python -m pytest -q -p no:cacheprovider tests/python || status=$?
if [ "$status" -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi
if [ "$status" -ne 0 ]; then exit "$status"; fi
# --- end of the Python-side tests ---

step "the library alone: no CLI or engine dependencies"
cargo check --lib --no-default-features
scripts/check-lean-library.sh

step "the rust-bert engine"
libtorch_env=$(scripts/setup-libtorch.sh --print-env)
eval "$libtorch_env"
cargo bench --features rust-bert --bench backends -- --quick
cargo test --release --features rust-bert --test backend_parity

# About 5 minutes here: setup 61 s from nothing (24 MB wheel, the export's environment, the
# export), building the feature 2-3 min, the tests 55 s (int8 quality floors included) on the
# loaded machine. Last, so that the run closes on cargo test's summary.
step "the ONNX Runtime engine"
ort_env=$(scripts/setup-onnxruntime.sh --print-env)
eval "$ort_env"
cargo test --release --features onnx --test onnx_parity
