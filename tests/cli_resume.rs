//! An interrupted run, resumed, writes every record exactly once.

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn write_dump(path: &std::path::Path, n: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        writeln!(
            f,
            "{{\"id\":\"doc-{i}\",\"text\":\"\\u201cRecord {i} is here,\\u201d said Mia Torres. The council said that the plan for district {i} would go ahead. Officials noted that costs rose.\"}}"
        )
        .unwrap();
    }
    // A duplicate id must be written once per record, not dropped.
    writeln!(f, "{{\"id\":\"doc-7\",\"text\":\"Again.\"}}").unwrap();
}

fn wait_for_lines(path: &std::path::Path, min: usize) {
    let t = Instant::now();
    while t.elapsed() < Duration::from_secs(120) {
        if let Ok(s) = std::fs::read(path)
            && s.iter().filter(|&&b| b == b'\n').count() >= min
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("output never reached {min} lines");
}

fn check_complete(out: &std::path::Path, n: usize) {
    let text = std::fs::read_to_string(out).unwrap();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("whole JSON lines only");
        *seen
            .entry(v["id"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    assert_eq!(seen.len(), n);
    for i in 0..n {
        let want = if i == 7 { 2 } else { 1 };
        assert_eq!(seen.get(&format!("doc-{i}")), Some(&want), "doc-{i}");
    }
}

/// Resumes the run into `out` and checks that every record is there exactly once.
fn resume_and_check(input: &std::path::Path, out: &std::path::Path, n: usize) {
    let status = Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(["extract", "--no-progress", "--resume", "-o"])
        .arg(out)
        .arg(input)
        .status()
        .unwrap();
    assert!(status.success());
    check_complete(out, n);
}

#[test]
fn killed_run_resumes_with_every_record_once() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dump.jsonl");
    let out = dir.path().join("out.jsonl");
    let n = 30_000;
    write_dump(&input, n);

    let mut child = Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(["extract", "--no-progress", "-j", "1", "-o"])
        .arg(&out)
        .arg(&input)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_lines(&out, 600);
    child.kill().unwrap();
    child.wait().unwrap();
    // Simulate a half-written last line as well.
    std::fs::OpenOptions::new()
        .append(true)
        .open(&out)
        .unwrap()
        .write_all(b"{\"id\":\"doc-trunc")
        .unwrap();
    let before = std::fs::read_to_string(&out).unwrap().lines().count();
    assert!(before < n, "run finished before it could be killed");

    resume_and_check(&input, &out, n);
}

#[cfg(unix)]
#[test]
fn sigint_finishes_records_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("dump.jsonl");
    let out = dir.path().join("out.jsonl");
    let n = 30_000;
    write_dump(&input, n);
    let child = Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(["extract", "--no-progress", "-j", "1", "-o"])
        .arg(&out)
        .arg(&input)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_lines(&out, 600);
    let ok = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.ends_with('\n'));
    for line in text.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("whole JSON lines only");
    }
    resume_and_check(&input, &out, n);
}
