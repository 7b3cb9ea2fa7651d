//! Tabular output (`extract --format parquet|csv`, `convert`): the columns say what the JSON
//! Lines say, value for value; CSV is RFC 4180; usage errors; error records.
#![cfg(feature = "export")]

mod shared_data;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Int32Type, Int64Type};
use arrow_array::{Array, RecordBatch};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn quotesmith(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(args)
        .output()
        .expect("run quotesmith")
}

fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn read_jsonl(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn read_parquet(path: &Path) -> Vec<RecordBatch> {
    let file = std::fs::File::open(path).unwrap();
    ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(|b| b.unwrap())
        .collect()
}

/// One cell as JSON: strings, integers, floats (f32 widened), nulls.
fn cell(col: &dyn Array, row: usize) -> Value {
    use arrow_schema::DataType;
    if col.is_null(row) {
        return Value::Null;
    }
    match col.data_type() {
        DataType::Utf8 => Value::from(col.as_string::<i32>().value(row)),
        DataType::Int32 => Value::from(col.as_primitive::<Int32Type>().value(row)),
        DataType::Int64 => Value::from(col.as_primitive::<Int64Type>().value(row)),
        DataType::Float32 => Value::from(col.as_primitive::<Float32Type>().value(row) as f64),
        other => panic!("unexpected column type {other}"),
    }
}

/// Every row of a Parquet file as a map of column name to value.
fn parquet_rows(path: &Path) -> Vec<serde_json::Map<String, Value>> {
    let mut rows = Vec::new();
    for batch in read_parquet(path) {
        for r in 0..batch.num_rows() {
            let mut m = serde_json::Map::new();
            for (f, col) in batch.schema().fields().iter().zip(batch.columns()) {
                m.insert(f.name().clone(), cell(col.as_ref(), r));
            }
            rows.push(m);
        }
    }
    rows
}

/// What each quote row must hold, read straight from the JSON Lines records.
fn expected_rows(records: &[Value]) -> Vec<serde_json::Map<String, Value>> {
    let mut rows = Vec::new();
    for rec in records.iter().filter(|r| r.get("error").is_none()) {
        for (i, q) in rec["quotes"].as_array().unwrap().iter().enumerate() {
            let sp = &q["speaker"];
            let resolved = sp["id"].as_u64().and_then(|id| {
                rec["speakers"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["id"] == id)
            });
            let from_speaker = |k: &str| resolved.map_or(Value::Null, |s| s[k].clone());
            let mut m = serde_json::Map::new();
            m.insert("doc_id".into(), rec["id"].clone());
            m.insert("quote_index".into(), Value::from(i));
            m.insert("text".into(), q["text"].clone());
            m.insert("kind".into(), q["kind"].clone());
            m.insert("start".into(), q["start"].clone());
            m.insert("end".into(), q["end"].clone());
            m.insert("cue".into(), q["cue"]["text"].clone());
            m.insert("speaker_text".into(), sp["text"].clone());
            m.insert("speaker_name".into(), sp["name"].clone());
            m.insert("speaker_type".into(), from_speaker("type"));
            m.insert("speaker_title".into(), from_speaker("title"));
            m.insert("speaker_affiliation".into(), from_speaker("affiliation"));
            m.insert("outlet".into(), q["outlet"]["name"].clone());
            m.insert("outlet_relation".into(), q["outlet"]["relation"].clone());
            m.insert("confidence".into(), q["confidence"].clone());
            rows.push(m);
        }
    }
    rows
}

fn same_value(got: &Value, want: &Value) -> bool {
    match (got.as_f64(), want.as_f64()) {
        (Some(g), Some(w)) if got.is_f64() || want.is_f64() => (g - w).abs() <= 1e-6,
        _ => got == want,
    }
}

fn assert_rows_match(
    got: &[serde_json::Map<String, Value>],
    want: &[serde_json::Map<String, Value>],
    what: &str,
) {
    assert_eq!(got.len(), want.len(), "{what}: row count");
    for (r, (g, w)) in got.iter().zip(want).enumerate() {
        for (col, wv) in w {
            let gv = g
                .get(col)
                .unwrap_or_else(|| panic!("{what}: no column {col}"));
            assert!(
                same_value(gv, wv),
                "{what}: row {r} column {col}: got {gv}, JSON Lines say {wv}"
            );
        }
    }
}

/// CSV rows as maps (empty field = null, numbers parsed where the JSON has numbers).
fn csv_rows(path: &Path) -> Vec<serde_json::Map<String, Value>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            header
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| {
                    let value = match h.as_str() {
                        _ if v.is_empty() => Value::Null,
                        "quote_index" | "start" | "end" => Value::from(v.parse::<u64>().unwrap()),
                        "confidence" => Value::from(v.parse::<f64>().unwrap()),
                        _ => Value::from(v),
                    };
                    (h.clone(), value)
                })
                .collect()
        })
        .collect()
}

/// PolNeAR dev, fast mode: every Parquet and CSV column matches the JSON Lines output, for
/// `extract` writing the table directly and for `convert` from the JSON Lines.
#[test]
fn columns_match_jsonl_on_polnear_dev() {
    let Some(dev) = shared_data::path("polnear/dev/text") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = tmp.path().join("dev.jsonl");
    let pq = tmp.path().join("dev.parquet");
    let csv = tmp.path().join("dev.csv");
    ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&dev),
        "-o",
        s(&jsonl),
    ]));
    ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&dev),
        "--format",
        "parquet",
        "-o",
        s(&pq),
    ]));
    ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&dev),
        "--format",
        "csv",
        "-o",
        s(&csv),
    ]));
    let records = read_jsonl(&jsonl);
    let want = expected_rows(&records);
    assert!(want.len() > 500, "PolNeAR dev has hundreds of quotes");
    assert_rows_match(&parquet_rows(&pq), &want, "extract --format parquet");
    assert_rows_match(&csv_rows(&csv), &want, "extract --format csv");

    let pq2 = tmp.path().join("converted.parquet");
    let csv2 = tmp.path().join("converted.csv");
    ok(quotesmith(&["convert", s(&jsonl), "-o", s(&pq2)]));
    ok(quotesmith(&[
        "convert",
        s(&jsonl),
        "--format",
        "csv",
        "-o",
        s(&csv2),
    ]));
    assert_rows_match(&parquet_rows(&pq2), &want, "convert to parquet");
    assert_eq!(
        std::fs::read(&csv).unwrap(),
        std::fs::read(&csv2).unwrap(),
        "convert writes the same CSV as extract"
    );

    // Document rows keep the nested arrays.
    let docs = tmp.path().join("docs.parquet");
    ok(quotesmith(&[
        "convert",
        s(&jsonl),
        "--rows",
        "documents",
        "-o",
        s(&docs),
    ]));
    let batches = read_parquet(&docs);
    let mut r = 0;
    for b in &batches {
        let ids = b.column_by_name("id").unwrap().as_string::<i32>();
        let quotes = b.column_by_name("quotes").unwrap().as_list::<i32>();
        let sentences = b.column_by_name("sentences").unwrap().as_list::<i32>();
        for i in 0..b.num_rows() {
            let rec = &records[r];
            assert_eq!(ids.value(i), rec["id"].as_str().unwrap());
            let q = quotes.value(i);
            let q = q.as_struct();
            assert_eq!(q.len(), rec["quotes"].as_array().unwrap().len());
            let texts = q.column_by_name("text").unwrap().as_string::<i32>();
            let speakers = q.column_by_name("speaker").unwrap().as_struct();
            let names = speakers.column_by_name("name").unwrap();
            for (k, wq) in rec["quotes"].as_array().unwrap().iter().enumerate() {
                assert_eq!(texts.value(k), wq["text"].as_str().unwrap());
                assert_eq!(speakers.is_null(k), wq["speaker"].is_null());
                assert_eq!(
                    cell(names.as_ref(), k),
                    if speakers.is_null(k) {
                        Value::Null
                    } else {
                        wq["speaker"]["name"].clone()
                    }
                );
            }
            let st = sentences.value(i);
            let starts = st
                .as_struct()
                .column_by_name("start")
                .unwrap()
                .as_primitive::<Int64Type>()
                .clone();
            let want: Vec<i64> = rec["sentences"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p[0].as_i64().unwrap())
                .collect();
            assert_eq!(starts.values().to_vec(), want);
            r += 1;
        }
    }
    assert_eq!(r, records.len());
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

/// Checks bytes against RFC 4180: each field is either plain (no comma, quotation mark, CR
/// or LF) or quoted with inner quotation marks doubled; every record ends in CRLF. Returns
/// the records.
fn rfc_4180_records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let mut records = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    loop {
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next().expect("a quoted field ends") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' {
                    break;
                }
                assert!(
                    c != '"' && c != '\n',
                    "bare {c:?} in a plain field: {field:?}"
                );
                field.push(c);
                chars.next();
            }
        }
        record.push(std::mem::take(&mut field));
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return records;
                }
            }
            other => panic!("a record must end in CRLF, found {other:?}"),
        }
    }
}

/// CSV is RFC 4180 and holds what the JSON Lines hold (a quote with a line break and
/// quotation marks inside, from data/samples); kept fields are columns, a clashing name gets
/// `input_`; a bad record goes to `<out>.errors.jsonl` and the summary counts it.
#[test]
fn csv_is_rfc_4180_and_errors_go_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for name in ["bridge-vote.txt", "harbor-strike.txt"] {
        std::fs::copy(samples().join("articles").join(name), input.join(name)).unwrap();
    }
    let mut dump = std::fs::read_to_string(samples().join("dump.jsonl")).unwrap();
    dump = dump.replacen(
        "{\"id\":\"jsonl-1\",",
        "{\"id\":\"jsonl-1\",\"date\":\"2024-05-01\",\"meta\":{\"n\":[1,2]},",
        1,
    );
    dump.push_str("{not json\n");
    write(&input.join("z.jsonl"), &dump);

    let jsonl = tmp.path().join("all.jsonl");
    ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&input),
        "-o",
        s(&jsonl),
    ]));
    let out = tmp.path().join("q.csv");
    let run = ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&input),
        "--format",
        "csv",
        "-o",
        s(&out),
        "--keep-fields",
        "date,text,meta",
    ]));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("5 documents") && stderr.contains("1 errors"),
        "{stderr}"
    );
    let err_lines = read_jsonl(&tmp.path().join("q.csv.errors.jsonl"));
    assert_eq!(err_lines.len(), 1);
    assert_eq!(err_lines[0]["error"]["kind"], "json");

    let bytes = std::fs::read(&out).unwrap();
    let records = rfc_4180_records(&bytes);
    assert_eq!(
        records[0].join(","),
        "doc_id,quote_index,text,kind,start,end,cue,speaker_text,speaker_name,speaker_type,speaker_title,speaker_affiliation,outlet,outlet_relation,confidence,date,input_text,meta"
    );
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("\"We came to the table in good faith."),
        "quoted: holds a line break"
    );
    assert!(text.contains("ready to talk at any hour.\u{201d}"));

    let rows = csv_rows(&out);
    let want = expected_rows(&read_jsonl(&jsonl));
    assert_eq!(rows.len() + 1, records.len());
    assert_rows_match(&rows, &want, "csv");
    assert!(
        rows.iter()
            .any(|r| r["text"].as_str().unwrap().contains('\n'))
    );
    for r in &rows {
        let first_dump_record = r["doc_id"] == "jsonl-1";
        assert_eq!(
            r["date"],
            if first_dump_record {
                Value::from("2024-05-01")
            } else {
                Value::Null
            }
        );
        assert_eq!(
            r["meta"],
            if first_dump_record {
                Value::from(r#"{"n":[1,2]}"#)
            } else {
                Value::Null
            }
        );
        let text_kept = r["doc_id"].as_str().unwrap().starts_with("jsonl-");
        assert_eq!(
            r["input_text"].is_string(),
            text_kept,
            "the text is kept from JSON records"
        );
    }
}

#[test]
fn usage_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let samples = samples();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--format", "csv", "--rows", "documents", "-o", "x.csv"],
            "--rows quotes",
        ),
        (&["--format", "parquet"], "needs -o"),
        (
            &["--format", "parquet", "-o", "x.parquet", "--resume"],
            "-o DIR/",
        ),
        (
            &[
                "--format",
                "parquet",
                "-o",
                "x.parquet",
                "--fields",
                "quotes",
            ],
            "--fields",
        ),
        (
            &[
                "--keep-fields",
                "text,input_text",
                "--format",
                "csv",
                "-o",
                "x.csv",
            ],
            "input_text",
        ),
        (
            &["--format", "parquet", "-o", "x.parquet", "--part-rows", "5"],
            "--part-rows",
        ),
    ];
    for (args, needle) in cases {
        let mut all = vec!["extract", "--no-progress", s(&samples)];
        all.extend_from_slice(args);
        let out = Command::new(env!("CARGO_BIN_EXE_quotesmith"))
            .args(&all)
            .current_dir(tmp.path())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
    assert!(
        std::fs::read_dir(tmp.path()).unwrap().next().is_none(),
        "no file written on a usage error"
    );
    let out = quotesmith(&[
        "convert",
        s(&samples.join("dump.jsonl")),
        "-o",
        s(&tmp.path().join("c.parquet")),
        "--keep-fields",
        "date",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--input"));
}

/// `--keep-fields` through `convert --input`, and quote rows as JSON Lines.
#[test]
fn kept_fields_through_convert_and_jsonl_rows() {
    let tmp = tempfile::tempdir().unwrap();
    let dump = samples().join("dump.jsonl");
    let jsonl = tmp.path().join("out.jsonl");
    ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&dump),
        "-o",
        s(&jsonl),
    ]));
    let direct = tmp.path().join("direct.parquet");
    let converted = tmp.path().join("converted.parquet");
    ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&dump),
        "--format",
        "parquet",
        "--keep-fields",
        "id,url",
        "-o",
        s(&direct),
    ]));
    ok(quotesmith(&[
        "convert",
        s(&jsonl),
        "--input",
        s(&dump),
        "--keep-fields",
        "id,url",
        "-o",
        s(&converted),
    ]));
    let a = parquet_rows(&direct);
    assert!(!a.is_empty());
    assert_eq!(a, parquet_rows(&converted));
    // `id` is not a quote-row column (that is `doc_id`), so it keeps its name.
    assert!(a.iter().all(|r| r["id"] == r["doc_id"]));

    let rows = ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&dump),
        "--rows",
        "quotes",
        "--keep-fields",
        "url",
    ]));
    let lines: Vec<Value> = String::from_utf8(rows.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let want = expected_rows(&read_jsonl(&jsonl));
    assert_eq!(lines.len(), want.len());
    for (l, w) in lines.iter().zip(&want) {
        for (k, v) in w {
            assert!(same_value(&l[k], v), "{k}: {} vs {v}", l[k]);
        }
        assert!(l.get("url").is_some());
    }
}

/// `convert` into a part folder: a resumed conversion whose last part was not recorded
/// redoes that part only, and ends with every row once.
#[test]
fn convert_resumes_a_part_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let jsonl = tmp.path().join("out.jsonl");
    ok(quotesmith(&[
        "extract",
        "--no-progress",
        s(&samples()),
        "-o",
        s(&jsonl),
    ]));
    let want = expected_rows(&read_jsonl(&jsonl));
    let dir = tmp.path().join("parts");
    let dir_arg = format!("{}/", dir.display());
    ok(quotesmith(&[
        "convert",
        s(&jsonl),
        "--format",
        "csv",
        "--part-rows",
        "4",
        "-o",
        &dir_arg,
    ]));
    let progress = dir.join("_progress.jsonl");
    let text = std::fs::read_to_string(&progress).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() >= 3, "{text}");
    // As if the run had been killed after writing its last part but before recording it.
    let kept: String = lines[..lines.len() - 1]
        .iter()
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&progress, format!("{kept}{{\"part\":\"par")).unwrap();
    let first = dir.join("part-00000.csv");
    let before = std::fs::metadata(&first).unwrap().modified().unwrap();
    let out = ok(quotesmith(&[
        "convert",
        s(&jsonl),
        "--format",
        "csv",
        "--part-rows",
        "4",
        "-o",
        &dir_arg,
        "--resume",
    ]));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already done"));
    assert_eq!(
        std::fs::metadata(&first).unwrap().modified().unwrap(),
        before
    );
    let mut parts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    parts.sort();
    assert_eq!(parts.len(), lines.len());
    let rows: Vec<_> = parts.iter().flat_map(|p| csv_rows(p)).collect();
    assert_rows_match(&rows, &want, "resumed conversion");
}
