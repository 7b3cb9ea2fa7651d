"""Shared fixtures for the Python-side tests: the quotesmith binary and the sample data.

The binary is $QUOTESMITH_BIN, else target/release/quotesmith (built by `cargo test
--release`, which .ci/run runs first).
"""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def quotesmith():
    path = pathlib.Path(os.environ.get("QUOTESMITH_BIN", ROOT / "target/release/quotesmith"))
    if not path.is_file():
        pytest.fail(f"{path} not found: run `cargo build --release` first (or set QUOTESMITH_BIN)")

    def run(*args):
        done = subprocess.run(
            [str(path), *map(str, args)], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, f"quotesmith {' '.join(map(str, args))}: {done.stderr}"
        return done

    return run


@pytest.fixture(scope="session")
def samples():
    return ROOT / "data/samples"


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def count_quotes(records):
    return sum(len(r.get("quotes", [])) for r in records if "error" not in r)
