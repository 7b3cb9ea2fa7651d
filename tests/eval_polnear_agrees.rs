//! The Rust PolNeAR scorer agrees with `../shared/eval/score_polnear.py` on the dev split.
//!
//! Three prediction sets are scored by both: deterministic perturbations of the gold spans
//! written as raw JSON (shifted, truncated, widened, merged, duplicated, dropped, wrong or
//! missing speakers and cues, odd lines the script tolerates), the same perturbations passed
//! through the wire structs (the path `quotesmith eval polnear` scores in memory), and the
//! real pipeline's output via the binary. Every number must agree to 1e-3 and the plain-text
//! reports must be identical.

mod shared_data;

use quotesmith::doc::{MentionKind, QuoteKind};
use quotesmith::eval::polnear::{self, GoldDoc, PredQuote, Range, Scores};
use quotesmith::io::jsonl::{FieldSet, Output, render};
use quotesmith::io::wire::{Annotation, QuoteSpeaker, TextSpan, WireQuote};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

const TOLERANCE: f64 = 1e-3;

/// The dev split and the script, or `None` (with a message) when they or python3 are absent.
fn setup() -> Option<(PathBuf, PathBuf)> {
    let split = shared_data::shared("data/polnear/dev");
    let script = shared_data::shared("eval/score_polnear.py");
    if !split.join("text").is_dir() || !script.is_file() {
        shared_data::skip(
            "../shared/data/polnear/dev or ../shared/eval/score_polnear.py not found",
        );
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        shared_data::skip("python3 not found");
        return None;
    }
    Some((split, script))
}

/// Runs the script; `json` selects `--json` (parsed) or the plain report.
fn python_score(script: &Path, split: &Path, pred: &Path, json: bool) -> String {
    let mut cmd = Command::new("python3");
    cmd.arg(script)
        .arg("score")
        .arg("--split-dir")
        .arg(split)
        .arg("--pred")
        .arg(pred);
    if json {
        cmd.arg("--json");
    }
    let out = cmd.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "score_polnear.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Asserts two JSON trees have the same shape and numbers within [`TOLERANCE`]; returns the
/// largest difference seen and how many numbers were compared.
fn compare(path: &str, py: &Value, rs: &Value, stats: &mut (f64, usize)) {
    match (py, rs) {
        (Value::Object(a), Value::Object(b)) => {
            let mut ka: Vec<_> = a.keys().collect();
            let mut kb: Vec<_> = b.keys().collect();
            ka.sort();
            kb.sort();
            assert_eq!(ka, kb, "keys differ at {path}");
            for k in ka {
                compare(&format!("{path}.{k}"), &a[k], &b[k], stats);
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "lengths differ at {path}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare(&format!("{path}[{i}]"), x, y, stats);
            }
        }
        (Value::Number(a), Value::Number(b)) => {
            let (x, y) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            let d = (x - y).abs();
            assert!(d <= TOLERANCE, "{path}: python {x} vs rust {y}");
            stats.0 = stats.0.max(d);
            stats.1 += 1;
        }
        _ => panic!("type differs at {path}: {py} vs {rs}"),
    }
}

/// Scores `pred` with both scorers and checks they agree, in JSON and in the plain report.
fn check_agreement(script: &Path, split: &Path, pred: &Path, rust: &Scores, label: &str) {
    let py: Value = serde_json::from_str(&python_score(script, split, pred, true)).unwrap();
    let rs = serde_json::to_value(rust).unwrap();
    let mut stats = (0.0, 0);
    compare(label, &py, &rs, &mut stats);
    assert_eq!(python_score(script, split, pred, false), rust.to_string());
    eprintln!(
        "{label}: {} numbers agree (max |diff| {:e}); reports identical\n{rust}",
        stats.1, stats.0
    );
}

/// A small deterministic generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// One synthetic prediction, in character offsets.
#[derive(Clone)]
struct Synth {
    ranges: Vec<Range>,
    kind: &'static str,
    speaker: Option<Range>,
    cue: Option<Range>,
}

fn is_quoted(chars: &[char], ranges: &[Range]) -> bool {
    ranges.iter().any(|&(a, b)| {
        chars[a as usize..b as usize]
            .iter()
            .any(|c| polnear::QUOTE_CHARS.contains(c))
    })
}

/// Perturbs the gold of one document into predictions that exercise every metric.
fn synthesize(doc: &GoldDoc, rng: &mut Lcg) -> Vec<Synth> {
    let chars: Vec<char> = doc.text.chars().collect();
    let n = chars.len() as i64;
    let clamp = |x: i64| x.clamp(0, n);
    let mut out = Vec::new();
    for (k, g) in doc.gold.iter().enumerate() {
        let quoted = is_quoted(&chars, &g.content);
        let mut kind = if quoted { "direct" } else { "indirect" };
        if rng.below(10) == 0 {
            kind = "mixed";
        }
        let (a, b) = (
            g.content.iter().map(|r| r.0).min().unwrap(),
            g.content.iter().map(|r| r.1).max().unwrap(),
        );
        let len = b - a;
        let base = Synth {
            ranges: g.content.clone(),
            kind,
            speaker: g.source.as_ref().map(|s| s[0]),
            cue: g.cue.as_ref().map(|c| c[0]),
        };
        let s = |ranges: Vec<Range>| Synth {
            ranges,
            ..base.clone()
        };
        match rng.below(14) {
            0 | 1 => out.push(base.clone()),
            2 => {
                let d = rng.below(6) as i64 + 1;
                let d = if rng.below(2) == 0 { d } else { -d };
                out.push(s(vec![(clamp(a + d), clamp(b + d))]));
            }
            3 => out.push(s(vec![(a, a + len * 6 / 10)])),
            4 => out.push(s(vec![(a + len * 7 / 10, b)])),
            5 => out.push(s(vec![(clamp(a - 1), clamp(b + 1))])),
            6 => {}
            7 => {
                let end = doc.gold.get(k + 1).map_or(b, |h| h.content[0].1.max(b));
                out.push(s(vec![(a, end)]));
            }
            8 => out.push(Synth {
                speaker: None,
                ..base.clone()
            }),
            9 => out.push(Synth {
                speaker: base.cue,
                cue: base.speaker,
                ..base.clone()
            }),
            10 => {
                out.push(base.clone());
                out.push(base.clone());
            }
            11 => out.push(Synth {
                kind: if quoted { "indirect" } else { "direct" },
                cue: None,
                ..base.clone()
            }),
            12 => {
                // Speaker widened by one character each side: overlaps but is not exact.
                let sp = base.speaker.map(|(x, y)| (clamp(x - 1), clamp(y + 1)));
                out.push(Synth {
                    speaker: sp,
                    ..base.clone()
                });
            }
            _ => {
                // Split a contiguous content into two pieces with a gap.
                let m = a + len / 2;
                out.push(s(vec![(a, m), (clamp(m + 3).min(b), b)]));
            }
        }
    }
    for _ in 0..rng.below(3) {
        let a = rng.below(n as u64) as i64;
        let b = clamp(a + 1 + rng.below(200) as i64);
        let sp = rng.below(n as u64) as i64;
        out.push(Synth {
            ranges: vec![(a, b)],
            kind: ["direct", "mixed", "indirect"][rng.below(3) as usize],
            speaker: (rng.below(2) == 0).then_some((sp, clamp(sp + 8))),
            cue: None,
        });
    }
    out
}

fn synth_json(q: &Synth) -> Value {
    let start = q.ranges.iter().map(|r| r.0).min().unwrap();
    let end = q.ranges.iter().map(|r| r.1).max().unwrap();
    let mut v = json!({
        "start": start, "end": end, "kind": q.kind,
        "cue": q.cue.map(|(a, b)| json!({"start": a, "end": b, "text": "x"})),
        "speaker": q.speaker.map(|(a, b)| json!({"start": a, "end": b})),
    });
    if q.ranges.len() > 1 {
        v["spans"] = json!(q.ranges.iter().map(|&(a, b)| [a, b]).collect::<Vec<_>>());
    }
    v
}

fn to_wire(doc: &GoldDoc, q: &Synth) -> WireQuote {
    let u = |x: i64| x as usize;
    let start = q.ranges.iter().map(|r| r.0).min().unwrap();
    let end = q.ranges.iter().map(|r| r.1).max().unwrap();
    let chars: Vec<char> = doc.text.chars().collect();
    let sub = |a: i64, b: i64| chars[u(a)..u(b)].iter().collect::<String>();
    WireQuote {
        text: sub(start, end),
        start: u(start),
        end: u(end),
        spans: (q.ranges.len() > 1).then(|| q.ranges.iter().map(|&(a, b)| [u(a), u(b)]).collect()),
        kind: match q.kind {
            "direct" => QuoteKind::Direct,
            "mixed" => QuoteKind::Mixed,
            _ => QuoteKind::Indirect,
        },
        cue: q.cue.map(|(a, b)| TextSpan {
            text: sub(a, b),
            start: u(a),
            end: u(b),
        }),
        speaker: q.speaker.map(|(a, b)| QuoteSpeaker {
            text: sub(a, b),
            start: u(a),
            end: u(b),
            kind: MentionKind::Name,
            name: None,
            id: None,
        }),
        outlet: None,
        confidence: 0.5,
    }
}

fn write_lines(lines: &[String]) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    for l in lines {
        writeln!(f, "{l}").unwrap();
    }
    f.flush().unwrap();
    f
}

#[test]
fn synthetic_predictions_agree_with_the_script() {
    let Some((split, script)) = setup() else {
        return;
    };
    let docs = polnear::load_split(&split).unwrap();
    assert!(docs.len() > 10 && docs.iter().map(|d| d.gold.len()).sum::<usize>() > 100);
    let mut rng = Lcg(20240611);
    let synth: Vec<Vec<Synth>> = docs.iter().map(|d| synthesize(d, &mut rng)).collect();

    // 1. Raw JSON lines, with the oddities the script tolerates.
    let mut lines = Vec::new();
    for (i, (doc, qs)) in docs.iter().zip(&synth).enumerate() {
        let mut quotes: Vec<Value> = qs.iter().map(synth_json).collect();
        match i % 9 {
            0 => continue, // a document with no prediction line
            1 => {
                // an earlier line for the same document, replaced by the later one
                lines.push(
                    json!({"id": doc.id, "quotes": [{"start": 0, "end": 50, "kind": "direct"}]})
                        .to_string(),
                );
            }
            2 => {
                // elements the script skips, and a negative (end-relative) quote
                quotes.push(json!("not a quote"));
                quotes.push(json!({"start": 1.0, "end": 20, "kind": "direct"}));
                quotes.push(json!({"start": -40, "end": -3, "kind": "mixed", "cue": null}));
                quotes.push(
                    json!({"start": 10, "end": 60, "kind": "direct", "spans": [[10, 20, 30]]}),
                );
            }
            _ => {}
        }
        let id = if i % 9 == 3 {
            format!("some/folder/{}.txt", doc.id)
        } else {
            doc.id.clone()
        };
        lines.push(json!({"id": id, "quotes": quotes}).to_string());
        if i % 9 == 4 {
            lines.push(String::new());
            lines.push(json!({"id": "not-in-the-split", "quotes": []}).to_string());
        }
    }
    let file = write_lines(&lines);
    let loaded = polnear::load_predictions(file.path(), &docs).unwrap();
    let scores = loaded.score(&docs);
    check_agreement(&script, &split, file.path(), &scores, "synthetic-json");

    // The perturbations make every metric non-trivial.
    for sub in [&scores.quoted, &scores.all] {
        for prf in [
            sub.content_exact,
            sub.content_loose,
            sub.attribution,
            sub.source_exact,
            sub.cue_exact,
        ] {
            for x in [prf.p(), prf.r(), prf.f1()] {
                assert!(x > 0.05 && x < 0.999, "trivial metric {x} in {scores:?}");
            }
        }
        assert!(sub.speaker_accuracy > 0.05 && sub.speaker_accuracy < 0.999);
        assert!(sub.cue_accuracy > 0.05 && sub.cue_accuracy < 0.999);
    }

    // 2. The same perturbations through the wire structs, scored in memory.
    let mut lines = Vec::new();
    let mut in_memory: HashMap<String, Vec<PredQuote>> = HashMap::new();
    for (doc, qs) in docs.iter().zip(&synth) {
        let a = Annotation {
            id: doc.id.clone(),
            quotes: qs.iter().map(|q| to_wire(doc, q)).collect(),
            ..Annotation::default()
        };
        in_memory.insert(doc.id.clone(), PredQuote::from_annotation(&a));
        let mut buf = Vec::new();
        render(&Output::Annotation(a), FieldSet::default(), &mut buf);
        lines.push(String::from_utf8(buf).unwrap().trim_end().to_string());
    }
    let file = write_lines(&lines);
    let scores = polnear::score(&docs, &in_memory);
    check_agreement(&script, &split, file.path(), &scores, "synthetic-wire");
}

#[test]
fn pipeline_predictions_agree_with_the_script() {
    let Some((split, script)) = setup() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.jsonl");
    let run = |json: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_quotesmith"));
        cmd.args(["eval", "polnear", "--split-dir"])
            .arg(&split)
            .arg("--pred-out")
            .arg(&pred);
        if json {
            cmd.arg("--json");
        }
        let out = cmd.output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 3)),
            "quotesmith eval polnear failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let rs: Value = serde_json::from_str(&run(true)).unwrap();
    let py: Value = serde_json::from_str(&python_score(&script, &split, &pred, true)).unwrap();
    let mut stats = (0.0, 0);
    compare("pipeline", &py, &rs, &mut stats);
    let text = run(false);
    assert_eq!(python_score(&script, &split, &pred, false), text);
    eprintln!(
        "pipeline: {} numbers agree (max |diff| {:e}); reports identical\n{text}",
        stats.1, stats.0
    );
}
