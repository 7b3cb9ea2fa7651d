"""The Python package (python/, installed into the test environment by scripts/test.sh):
the same records as the CLI, error records in place, threads, the GIL, the streaming runner,
and the installed wheel used from outside the checkout."""

import _thread
import json
import os
import pathlib
import subprocess
import sys
import threading
import time

import pytest

import quotesmith as qs
from conftest import ROOT, folder_texts, read_jsonl, sample_texts, shared_data

SAID = "\u201cWe will rebuild the bridge,\u201d Mayor Ana Ortiz said on Monday."


@pytest.fixture(scope="module")
def pipeline():
    return qs.Pipeline()


def cli_records(quotesmith_cli, tmp_path, inputs, *args):
    out = tmp_path / "cli.jsonl"
    quotesmith_cli("extract", "--no-progress", *args, "-o", out, *inputs)
    return read_jsonl(out)


def test_annotate_batch_gives_the_clis_records_on_the_samples(quotesmith, samples, tmp_path, pipeline):
    cli = cli_records(quotesmith, tmp_path, [samples])
    texts = sample_texts(samples)
    assert sorted(r["id"] for r in cli) == sorted(texts)
    ids = [r["id"] for r in cli]
    got = pipeline.annotate_batch([texts[i] for i in ids], ids=ids, threads=2)
    assert got == cli
    assert sum(len(r["quotes"]) for r in got) > 0
    assert pipeline.annotate(texts[ids[0]], id=ids[0]) == cli[0]


def test_combined_mode_uses_the_bundled_model_and_matches_the_cli(quotesmith, samples, tmp_path):
    cli = cli_records(quotesmith, tmp_path, [samples], "--attribution", "combined")
    texts = sample_texts(samples)
    ids = [r["id"] for r in cli]
    got = qs.Pipeline(attribution="combined").annotate_batch([texts[i] for i in ids], ids)
    assert got == cli


def test_the_default_mode_is_the_clis(quotesmith, tmp_path, pipeline):
    text_file = tmp_path / "one.txt"
    text_file.write_text(SAID, encoding="utf-8")
    [cli] = cli_records(quotesmith, tmp_path, [text_file])
    assert pipeline.annotate(SAID, id=cli["id"]) == cli
    assert cli["quotes"][0]["text"] == "We will rebuild the bridge,"


def test_a_bad_record_gives_an_error_record_in_its_place(pipeline):
    texts = [SAID, None, 42, "A plain sentence."]
    got = pipeline.annotate_batch(texts, threads=2)
    assert [r["id"] for r in got] == ["0", "1", "2", "3"]
    assert got[0]["quotes"] and "error" not in got[0]
    assert got[1]["error"]["kind"] == "not_string"
    assert "NoneType" in got[1]["error"]["message"]
    assert got[2]["error"]["kind"] == "not_string"
    assert got[3]["quotes"] == [] and "error" not in got[3]
    assert got[0] == pipeline.annotate(SAID)


def test_errors_are_typed_exceptions_with_the_library_message(pipeline, tmp_path):
    with pytest.raises(qs.InputError, match="not a string"):
        pipeline.annotate(None)
    with pytest.raises(qs.ModelError, match="unknown attribution mode"):
        qs.Pipeline(attribution="bogus")
    with pytest.raises(qs.ModelError) as err:
        qs.Pipeline(attribution="combined", model_dir=tmp_path)
    message = str(err.value)
    assert str(tmp_path / "config.json") in message and qs.MODEL_DIR_ENV in message
    assert issubclass(qs.ModelError, qs.QuotesmithError)
    with pytest.raises(qs.InputError):
        pipeline.annotate_jsonl(tmp_path / "missing.jsonl", tmp_path / "out.jsonl")


def test_the_model_search_order(tmp_path, monkeypatch):
    monkeypatch.delenv(qs.MODEL_DIR_ENV, raising=False)
    bundled = qs.find_model_dir()
    assert bundled == pathlib.Path(qs.__file__).parent / "models" / "transformer"
    assert (bundled / "model.safetensors").is_file()
    monkeypatch.setenv(qs.MODEL_DIR_ENV, str(tmp_path))
    assert qs.find_model_dir() == tmp_path
    assert qs.find_model_dir("/explicit") == pathlib.Path("/explicit")
    with pytest.raises(qs.ModelError, match=qs.MODEL_DIR_ENV):
        qs.Pipeline(ner="transformer")


def test_threads_give_identical_results(samples, pipeline):
    texts = list(sample_texts(samples).values()) * 8
    one = pipeline.annotate_batch(texts, threads=1)
    assert pipeline.annotate_batch(texts, threads=2) == one
    assert pipeline.annotate_batch(texts, threads=3) == one


def test_the_gil_is_released_during_a_batch(samples, pipeline):
    texts = list(sample_texts(samples).values()) * 60
    ticks = [0]
    stop = threading.Event()

    def count():
        while not stop.is_set():
            ticks[0] += 1

    t = threading.Thread(target=count)
    t.start()
    try:
        # The batch's native part runs without the GIL, so the counting thread keeps going.
        native = pipeline._native
        ids = [str(i) for i in range(len(texts))]
        before = ticks[0]
        native.annotate_batch_json(texts, ids, 2, False)
        during = ticks[0] - before
    finally:
        stop.set()
        t.join()
    assert during > 10_000, f"the counting thread advanced only {during} times"


def test_pipelines_are_counted():
    before = qs.pipelines_built()
    qs.Pipeline()
    assert qs.pipelines_built() == before + 1


def test_help_reads_well():
    doc = " ".join((qs.Pipeline.__doc__ + qs.Pipeline.annotate_batch.__doc__).split())
    assert "attribution" in doc and "releas" in doc and "error record" in doc
    stubs = pathlib.Path(qs.__file__).with_name("__init__.pyi")
    assert stubs.is_file() and pathlib.Path(qs.__file__).with_name("py.typed").is_file()


def test_annotate_jsonl_writes_what_extract_writes_and_resumes(quotesmith, samples, tmp_path, pipeline):
    expected = tmp_path / "cli.jsonl"
    quotesmith("extract", "--no-progress", "-o", expected, samples)
    out = tmp_path / "py.jsonl"
    summary = pipeline.annotate_jsonl(samples, out, threads=2)
    assert out.read_bytes() == expected.read_bytes()
    assert summary["documents"] == len(read_jsonl(expected)) and summary["errors"] == 0
    # An interrupted run: two whole records and half of the third.
    lines = expected.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:2]) + lines[2][:20])
    summary = pipeline.annotate_jsonl(samples, out, threads=2, resume=True)
    assert out.read_bytes() == expected.read_bytes()
    assert summary["skipped"] == 2 and summary["documents"] == len(lines) - 2


def test_annotate_jsonl_writes_error_records(tmp_path, pipeline):
    dump = tmp_path / "in.jsonl"
    dump.write_text('{"id":"a","text":"Fine."}\nnot json\n{"id":"c","body":"no text"}\n')
    summary = pipeline.annotate_jsonl(dump, tmp_path / "out.jsonl")
    got = read_jsonl(tmp_path / "out.jsonl")
    assert [("error" in r) for r in got] == [False, True, True]
    assert summary["errors"] == 2 and summary["documents"] == 3


def test_ctrl_c_stops_between_batches_and_keeps_whole_records(tmp_path, pipeline):
    docs = 100_000
    dump = tmp_path / "in.jsonl"
    with open(dump, "w", encoding="utf-8") as f:
        for i in range(docs):
            f.write(json.dumps({"id": f"d{i}", "text": f"{SAID} Item {i} was approved."}) + "\n")
    out = tmp_path / "out.jsonl"

    # Ctrl-C once the first batch is on disk (not after a fixed delay, which a fast run can
    # beat): the run is then mid-way whatever the machine's speed.
    def interrupt_after_first_batch():
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if out.exists() and out.stat().st_size > 0:
                break
            time.sleep(0.001)
        _thread.interrupt_main()

    watcher = threading.Thread(target=interrupt_after_first_batch)
    watcher.start()
    with pytest.raises(KeyboardInterrupt):
        pipeline.annotate_jsonl(dump, out, threads=1)
    watcher.join()
    written = read_jsonl(out)
    assert 0 < len(written) < docs
    assert len(written) % 512 == 0, "whole batches only"
    summary = pipeline.annotate_jsonl(dump, out, threads=2, resume=True)
    assert summary["skipped"] == len(written)
    assert [r["id"] for r in read_jsonl(out)] == [f"d{i}" for i in range(docs)]


def test_polnear_train_gives_the_clis_records(quotesmith, tmp_path, pipeline):
    train = shared_data("polnear/train/text")
    cli = cli_records(quotesmith, tmp_path, [train], "--threads", "2")
    texts = folder_texts(train)
    ids = [r["id"] for r in cli]
    assert len(ids) == 840
    assert pipeline.annotate_batch([texts[i] for i in ids], ids, threads=2) == cli


def test_the_installed_wheel_works_outside_the_checkout(tmp_path):
    """The package imports from site-packages and finds its bundled model, from a folder
    that is not the checkout, without QUOTESMITH_MODEL_DIR."""
    env = {k: v for k, v in os.environ.items() if k not in ("QUOTESMITH_MODEL_DIR", "PYTHONPATH")}
    script = (
        "import json, quotesmith as qs\n"
        "p = qs.Pipeline(attribution='combined')\n"
        "print(json.dumps({'file': qs.__file__, 'models': str(qs.find_model_dir()),"
        " 'record': p.annotate('\u201cYes,\u201d she said.')}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    for key in ("file", "models"):
        assert not pathlib.Path(got[key]).resolve().is_relative_to(ROOT), got[key]
    assert got["record"]["quotes"][0]["text"] == "Yes,"
