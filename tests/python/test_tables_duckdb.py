"""DuckDB reads the Parquet and CSV that `quotesmith extract` writes: one row per quote."""

import duckdb
import pytest

from conftest import count_quotes, read_jsonl


@pytest.fixture(scope="module")
def outputs(quotesmith, samples, tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    jsonl, pq, csv, parts = out / "q.jsonl", out / "q.parquet", out / "q.csv", out / "parts"
    quotesmith("extract", samples, "--no-progress", "-o", jsonl)
    quotesmith("extract", samples, "--no-progress", "--format", "parquet", "--rows", "quotes", "-o", pq)
    quotesmith("extract", samples, "--no-progress", "--format", "csv", "-o", csv)
    quotesmith("extract", samples, "--no-progress", "--format", "parquet", "--part-rows", "2",
               "-o", f"{parts}/")
    records = read_jsonl(jsonl)
    assert count_quotes(records) > 0
    return {"records": records, "parquet": pq, "csv": csv, "parts": parts}


def test_parquet_row_count_is_the_number_of_quotes(outputs):
    rows = duckdb.sql(f"select count(*) from '{outputs['parquet']}'").fetchall()[0][0]
    assert rows == count_quotes(outputs["records"])


def test_csv_row_count_is_the_number_of_quotes(outputs):
    rel = duckdb.sql(f"select * from read_csv('{outputs['csv']}', header = true)")
    assert len(rel.fetchall()) == count_quotes(outputs["records"])
    assert rel.columns[:3] == ["doc_id", "quote_index", "text"]


def test_part_files_read_as_one_table(outputs):
    parts = sorted(p.name for p in outputs["parts"].glob("*.parquet"))
    assert len(parts) > 1
    rows = duckdb.sql(f"select count(*) from '{outputs['parts']}/*.parquet'").fetchall()[0][0]
    assert rows == count_quotes(outputs["records"])


def test_readme_query(outputs):
    """The query the README shows."""
    got = duckdb.sql(
        f"select speaker_name, outlet, count(*) as n from '{outputs['parquet']}' group by all"
    ).fetchall()
    assert sum(n for _, _, n in got) == count_quotes(outputs["records"])
    want = {}
    for r in outputs["records"]:
        for q in r.get("quotes", []):
            key = ((q.get("speaker") or {}).get("name"), (q.get("outlet") or {}).get("name"))
            want[key] = want.get(key, 0) + 1
    assert {(s, o): n for s, o, n in got} == want


def test_values_match_the_jsonl(outputs):
    got = duckdb.sql(
        f"select doc_id, quote_index, text, kind, start, \"end\", confidence "
        f"from '{outputs['parquet']}' order by doc_id, quote_index"
    ).fetchall()
    want = sorted(
        (r["id"], i, q["text"], q["kind"], q["start"], q["end"], q["confidence"])
        for r in outputs["records"]
        for i, q in enumerate(r.get("quotes", []))
    )
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g[:6] == w[:6]
        assert abs(g[6] - w[6]) < 1e-6
