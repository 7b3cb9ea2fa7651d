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


def shared_data(rel):
    """`../shared/data/<rel>` beside the checkout; skips the test when it is missing, or
    fails when QUOTESMITH_REQUIRE_DATA is set (as .ci/run sets it)."""
    path = ROOT.parent / "shared" / "data" / rel
    if not path.exists():
        message = f"../shared/data/{rel} not found"
        if os.environ.get("QUOTESMITH_REQUIRE_DATA", "") not in ("", "0"):
            pytest.fail(f"{message}, and QUOTESMITH_REQUIRE_DATA is set: this run needs it")
        pytest.skip(message)
    return path


def sample_texts(samples):
    """The texts of data/samples under the ids `quotesmith extract data/samples` gives them."""
    texts = {}
    for path in sorted((samples / "articles").glob("*.txt")):
        texts[f"articles/{path.name}"] = path.read_text(encoding="utf-8")
    for rec in read_jsonl(samples / "dump.jsonl"):
        texts[rec["id"]] = rec["text"]
    return texts


def folder_texts(folder):
    """The `.txt` files of a folder, under the ids `quotesmith extract FOLDER` gives them."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}
