//! End-to-end tests of `quotesmith extract` over the articles in `data/samples/`.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotesmith"))
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = bin();
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run quotesmith");
    let mut pipe = child.stdin.take().unwrap();
    if let Some(input) = stdin {
        pipe.write_all(input).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<Value> {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

fn extract_file(name: &str) -> (String, Value) {
    let path = samples().join("articles").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let out = run(&["extract", "--no-progress", path.to_str().unwrap()], None);
    let mut recs = lines(&out);
    assert_eq!(recs.len(), 1);
    (text, recs.remove(0))
}

/// Python-style `text[start:end]` on characters.
fn slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

fn quote_containing<'a>(rec: &'a Value, needle: &str) -> &'a Value {
    rec["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["text"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no quote containing {needle:?} in {rec:#}"))
}

fn speaker_name(q: &Value) -> String {
    let sp = &q["speaker"];
    sp["name"]
        .as_str()
        .or(sp["text"].as_str())
        .unwrap_or("")
        .to_string()
}

#[test]
fn every_offset_slices_to_its_text() {
    for name in ["bridge-vote.txt", "harbor-strike.txt", "science-grant.txt"] {
        let (text, rec) = extract_file(name);
        for q in rec["quotes"].as_array().unwrap() {
            let (s, e) = (q["start"].as_u64().unwrap(), q["end"].as_u64().unwrap());
            assert_eq!(slice(&text, s, e), q["text"].as_str().unwrap());
            for part in ["cue", "speaker", "outlet"] {
                let p = &q[part];
                if p.is_object() {
                    let (s, e) = (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap());
                    assert_eq!(slice(&text, s, e), p["text"].as_str().unwrap(), "{part}");
                }
            }
        }
        for ent in rec["entities"].as_array().unwrap() {
            let (s, e) = (ent["start"].as_u64().unwrap(), ent["end"].as_u64().unwrap());
            assert_eq!(slice(&text, s, e), ent["text"].as_str().unwrap());
        }
        assert!(!rec["sentences"].as_array().unwrap().is_empty());
    }
}

#[test]
fn direct_quote_with_said_after() {
    let (_, rec) = extract_file("bridge-vote.txt");
    let q = quote_containing(&rec, "We cannot keep asking families");
    assert_eq!(q["kind"], "direct");
    assert_eq!(q["cue"]["text"], "said");
    assert!(speaker_name(q).contains("Alvarez"), "{q:#}");
    assert!(!q["text"].as_str().unwrap().starts_with('\u{201c}'));
}

#[test]
fn speaker_before_colon() {
    let (_, rec) = extract_file("bridge-vote.txt");
    let q = quote_containing(&rec, "The money is there");
    assert!(speaker_name(q).contains("Cho"), "{q:#}");
}

#[test]
fn indirect_quote() {
    let (_, rec) = extract_file("bridge-vote.txt");
    let q = quote_containing(&rec, "the work would begin in March");
    assert_eq!(q["kind"], "indirect");
    assert_eq!(q["cue"]["text"], "said");
    assert!(speaker_name(q).contains("Okafor"), "{q:#}");
}

#[test]
fn quote_over_several_paragraphs() {
    let (_, rec) = extract_file("harbor-strike.txt");
    let first = quote_containing(&rec, "We came to the table in good faith");
    let last = quote_containing(&rec, "What we will not accept");
    assert!(speaker_name(first).contains("Brandt"), "{first:#}");
    assert!(speaker_name(last).contains("Brandt"), "{last:#}");
}

#[test]
fn outlet_per_reuters() {
    let (_, rec) = extract_file("harbor-strike.txt");
    let outlets = rec["outlets"].as_array().unwrap();
    let reuters = outlets
        .iter()
        .find(|o| o["name"] == "Reuters")
        .unwrap_or_else(|| panic!("no Reuters in {outlets:#?}"));
    let rel: Vec<&str> = reuters["relations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(rel.contains(&"wire"), "{rel:?}");
    assert!(rel.contains(&"source"), "{rel:?}");
    let bbc = quote_containing(&rec, "ready to talk at any hour");
    assert_eq!(bbc["outlet"]["relation"], "interviewer", "{bbc:#}");
}

#[test]
fn jsonl_with_bad_lines_keeps_every_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.jsonl");
    std::fs::write(
        &path,
        b"{\"id\":\"ok1\",\"text\":\"The mayor said the budget was balanced.\"}\n\
          {\"id\":\"broken\",\"text\":\n\
          {\"id\":\"num\",\"text\":42}\n\
          {\"id\":\"none\"}\n\
          [1,2]\n\
          {\"id\":\"bad-utf8\",\"text\":\"\xff\xfe\"}\n\
          {\"id\":\"ok2\",\"text\":\"\"}\n",
    )
    .unwrap();
    let out = run(&["extract", "--no-progress", path.to_str().unwrap()], None);
    let recs = lines(&out);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(recs.len(), 7, "{ids:?}");
    assert_eq!(recs[0]["id"], "ok1");
    assert!(recs[0]["error"].is_null());
    let kinds: Vec<&str> = recs[1..6]
        .iter()
        .map(|r| r["error"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["json", "not_string", "missing_text", "json", "utf8"]
    );
    assert!(
        recs[1]["error"]["source"]
            .as_str()
            .unwrap()
            .ends_with("mixed.jsonl:2")
    );
    assert_eq!(recs[6]["quotes"], serde_json::json!([]));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("7 documents") && summary.contains("5 errors"),
        "{summary}"
    );

    let strict = run(
        &[
            "extract",
            "--no-progress",
            "--strict",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(strict.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&strict.stdout).lines().count(), 1);
}

#[test]
fn stdin_to_stdout() {
    let input = b"{\"id\":\"s1\",\"text\":\"\\u201cIt works,\\u201d said Jo Park.\"}\n";
    let out = run(&["extract", "--no-progress", "-"], Some(input));
    let recs = lines(&out);
    assert_eq!(recs.len(), 1);
    assert_eq!(recs[0]["id"], "s1");
    let text = run(
        &["extract", "--no-progress"],
        Some(b"Plain text. Two sentences."),
    );
    let recs = lines(&text);
    assert_eq!(recs[0]["id"], "-");
    assert_eq!(recs[0]["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn gz_and_zst_input_match_plain() {
    let dir = tempfile::tempdir().unwrap();
    let plain = std::fs::read(samples().join("dump.jsonl")).unwrap();
    let gz = dir.path().join("dump.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&plain).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let zst = dir.path().join("dump.jsonl.zst");
    std::fs::write(&zst, zstd::encode_all(&plain[..], 3).unwrap()).unwrap();

    let want = run(&["extract", "--no-progress", "-"], Some(&plain));
    for p in [&gz, &zst] {
        let got = run(&["extract", "--no-progress", p.to_str().unwrap()], None);
        assert!(got.status.success());
        assert_eq!(got.stdout, want.stdout, "{}", p.display());
    }
}

#[test]
fn truncated_gz_gives_an_error_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..2000 {
        writeln!(
            enc,
            "{{\"id\":\"d{i}\",\"text\":\"Line {i} said nothing.\"}}"
        )
        .unwrap();
    }
    let bytes = enc.finish().unwrap();
    let path = dir.path().join("cut.jsonl.gz");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let out = run(&["extract", "--no-progress", path.to_str().unwrap()], None);
    let recs = lines(&out);
    let last = recs.last().unwrap();
    assert_eq!(last["error"]["kind"], "io", "{last}");
    assert!(recs.len() > 10);
}

#[test]
fn folder_input_ids_are_relative_paths_and_order_is_stable() {
    let dir = samples();
    let out1 = run(
        &[
            "extract",
            "--no-progress",
            "--threads",
            "1",
            dir.to_str().unwrap(),
        ],
        None,
    );
    let out4 = run(
        &[
            "extract",
            "--no-progress",
            "--threads",
            "4",
            dir.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out1.stdout, out4.stdout);
    let recs = lines(&out1);
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"articles/bridge-vote.txt"), "{ids:?}");
    assert!(ids.contains(&"jsonl-1"), "{ids:?}");
}

#[test]
fn same_output_at_one_and_four_threads_on_many_records() {
    let mut input = Vec::new();
    for i in 0..1500 {
        writeln!(
            input,
            "{{\"id\":\"r{i}\",\"text\":\"\\u201cNumber {i} is fine,\\u201d said Ana Lee. She added that it was {i}.\"}}"
        )
        .unwrap();
    }
    let a = run(&["extract", "--no-progress", "-j", "1"], Some(&input));
    let b = run(&["extract", "--no-progress", "-j", "4"], Some(&input));
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(lines(&a).len(), 1500);
}

#[test]
fn fields_selects_arrays_and_usage_errors_exit_2() {
    let out = run(
        &["extract", "--no-progress", "--fields", "quotes,outlets"],
        Some(b"Hello."),
    );
    let rec = &lines(&out)[0];
    let mut keys: Vec<&String> = rec.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["id", "outlets", "quotes"]);
    let bad = run(&["extract", "--fields", "nope"], Some(b""));
    assert_eq!(
        bad.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );
    let bad = run(&["extract", "--threads", "0"], Some(b""));
    assert_eq!(bad.status.code(), Some(2));
    let bad = run(&["extract", "--bogus"], Some(b""));
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn output_file_and_missing_input() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("out.jsonl");
    let out = run(
        &["extract", "--no-progress", "-o", out_path.to_str().unwrap()],
        Some(b"Some text."),
    );
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap().lines().count(),
        1
    );
    let missing = run(&["extract", "/no/such/file.txt"], None);
    assert_eq!(missing.status.code(), Some(2));
}
