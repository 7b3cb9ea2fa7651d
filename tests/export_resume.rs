//! Part files: a killed `extract --format parquet -o DIR/` resumes after its last closed part,
//! never rewrites one, and ends with every quote row and every document exactly once.
#![cfg(feature = "export")]

use arrow_array::cast::AsArray;
use arrow_array::types::Int32Type;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

fn write_dump(path: &Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        // Every third document has no quote: it must still count as finished.
        let text = if i % 3 == 2 {
            format!("District {i} has no news today. The weather stayed mild.")
        } else {
            format!(
                "\\u201cRecord {i} is here,\\u201d said Mia Torres. The council said that the plan for district {i} would go ahead."
            )
        };
        writeln!(
            f,
            "{{\"id\":\"doc-{i}\",\"text\":\"{text}\",\"date\":\"2024-01-{:02}\"}}",
            i % 28 + 1
        )
        .unwrap();
    }
    writeln!(f, "not json").unwrap();
}

fn progress_lines(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("_progress.jsonl"))
        .map(|s| s.lines().count())
        .unwrap_or(0)
}

fn extract(input: &Path, out: &Path, resume: bool) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quotesmith"));
    c.args(["extract", "--no-progress", "-j", "1"])
        .arg(input)
        .args([
            "--format",
            "parquet",
            "--keep-fields",
            "date",
            "--part-rows",
            "300",
            "-o",
        ])
        .arg(format!("{}/", out.display()));
    if resume {
        c.arg("--resume");
    }
    c.stdout(Stdio::null()).stderr(Stdio::piped());
    c
}

fn parts(dir: &Path) -> Vec<(String, SystemTime, u64)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".parquet"))
        .map(|e| {
            let m = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                m.modified().unwrap(),
                m.len(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn killed_part_run_resumes_without_rewriting_a_part() {
    let n = 6000;
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("dump.jsonl");
    write_dump(&input, n);
    let out = tmp.path().join("out");

    let mut child = extract(&input, &out, false).spawn().unwrap();
    let t = Instant::now();
    while progress_lines(&out) < 2 {
        assert!(
            t.elapsed() < Duration::from_secs(120),
            "no part closed in time"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // The closed parts are those progress.jsonl lists (one renamed just before the kill but
    // not yet listed is not closed, and is redone).
    let listed: Vec<String> = std::fs::read_to_string(out.join("_progress.jsonl"))
        .unwrap()
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["part"].as_str().map(String::from))
        .collect();
    let closed: Vec<_> = parts(&out)
        .into_iter()
        .filter(|p| listed.contains(&p.0))
        .collect();
    let before = progress_lines(&out);
    assert!(before >= 2 && !closed.is_empty());

    let done = extract(&input, &out, true).output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(done.status.success(), "{stderr}");
    assert!(
        stderr.contains("already done") && stderr.contains("1 errors"),
        "{stderr}"
    );
    let after = parts(&out);
    assert_eq!(closed.len(), listed.len());
    for p in &closed {
        // A closed part is kept and never rewritten (same size, same modification time).
        let a = after.iter().find(|a| a.0 == p.0).expect("closed part kept");
        assert_eq!((a.1, a.2), (p.1, p.2), "{} was rewritten", p.0);
    }
    assert!(
        std::fs::read_dir(&out).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".inprogress")),
        "no unfinished part is left"
    );

    // Every quote row exactly once: documents i % 3 != 2 have one or more quotes.
    let mut rows: HashMap<(String, i32), usize> = HashMap::new();
    let mut dates = 0;
    for (name, _, _) in &after {
        let file = std::fs::File::open(out.join(name)).unwrap();
        for b in ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap()
        {
            let b = b.unwrap();
            let ids = b.column_by_name("doc_id").unwrap().as_string::<i32>();
            let qi = b
                .column_by_name("quote_index")
                .unwrap()
                .as_primitive::<Int32Type>();
            let date = b.column_by_name("date").unwrap().as_string::<i32>();
            for r in 0..b.num_rows() {
                *rows
                    .entry((ids.value(r).to_string(), qi.value(r)))
                    .or_default() += 1;
                dates += date.value(r).starts_with("2024-01-") as usize;
            }
        }
    }
    assert!(rows.values().all(|&c| c == 1), "a row was written twice");
    assert_eq!(dates, rows.len());
    let with_quotes: std::collections::HashSet<&str> =
        rows.keys().map(|(d, _)| d.as_str()).collect();
    for i in 0..n {
        assert_eq!(
            with_quotes.contains(format!("doc-{i}").as_str()),
            i % 3 != 2,
            "doc-{i}"
        );
    }

    // Every document, quotes or not, and the bad line, finished exactly once.
    let mut finished: HashMap<String, usize> = HashMap::new();
    for line in std::fs::read_to_string(out.join("_progress.jsonl"))
        .unwrap()
        .lines()
    {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for id in v["ids"].as_array().unwrap() {
            *finished
                .entry(id.as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert_eq!(finished.len(), n + 1);
    assert!(finished.values().all(|&c| c == 1));
    let errors = std::fs::read_to_string(out.join("_errors.jsonl")).unwrap();
    assert_eq!(errors.lines().count(), 1, "{errors}");

    // A fresh run into a folder that holds a run is refused; resuming a finished run adds nothing.
    let again = extract(&input, &out, false).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--resume"));
    let noop = extract(&input, &out, true).output().unwrap();
    assert!(noop.status.success());
    assert_eq!(parts(&out), after);
}
