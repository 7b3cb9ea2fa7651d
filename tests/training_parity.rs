//! The Rust code that must match the Python training code (case classes, windows, stacked
//! piece types), held to it on committed golden vectors: `tests/golden/training_vectors.json`,
//! written by `training/golden_vectors.py` from the Python functions themselves. The
//! vectors include characters on which Python's `str.isalpha` and Rust's `is_alphabetic`
//! disagree.

mod shared_data;

use quotesmith::doc::{
    Doc, Entity, EntityLabel, Mention, MentionId, MentionKind, Quote, QuoteKind, Span, TokenId,
};
use quotesmith::transformer::Piece;
use quotesmith::transformer::case::case_class;
use quotesmith::transformer::features::StackedFeatures;
use quotesmith::transformer::windows::windows;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn golden() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/training_vectors.json");
    let text = std::fs::read_to_string(&path).expect("golden vectors are committed");
    serde_json::from_str(&text).expect("golden vectors are JSON")
}

fn usize_of(v: &Value) -> usize {
    v.as_u64().expect("a count") as usize
}

#[test]
fn case_classes_match_the_training_code() {
    let g = golden();
    let mut wrong = Vec::new();
    for case in g["case_class"].as_array().unwrap() {
        let piece = case[0].as_str().unwrap();
        let want = case[1].as_u64().unwrap() as u32;
        let got = case_class(piece);
        if got != want {
            wrong.push(format!(
                "{piece:?} ({:?}): python {want}, rust {got}",
                piece
                    .chars()
                    .map(|c| format!("U+{:04X}", c as u32))
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "case classes differ:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn windows_match_the_training_code() {
    let g = golden();
    for case in g["windows"].as_array().unwrap() {
        let (n, size, overlap) = (usize_of(&case[0]), usize_of(&case[1]), usize_of(&case[2]));
        let want: Vec<(usize, usize)> = case[3]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| (usize_of(&w[0]), usize_of(&w[1])))
            .collect();
        assert_eq!(
            windows(n, size, overlap),
            want,
            "windows({n}, {size}, {overlap})"
        );
    }
}

/// Character offsets to byte offsets in `text`.
fn byte_span(text: &str, start: &Value, end: &Value) -> Span {
    let byte = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(b, _)| b);
    Span::new(byte(usize_of(start)), byte(usize_of(end)))
}

fn label(name: &str) -> EntityLabel {
    match name {
        "PER" => EntityLabel::Per,
        "ORG" => EntityLabel::Org,
        "LOC" => EntityLabel::Loc,
        "MISC" => EntityLabel::Misc,
        other => panic!("unknown label {other}"),
    }
}

/// The document the fast stages would have produced for an `extract` record.
fn doc_of(record: &Value) -> Doc {
    let text = record["text"].as_str().unwrap();
    let mut doc = Doc::new("golden", text);
    for e in record["entities"].as_array().unwrap() {
        doc.entities.push(Entity {
            span: byte_span(text, &e["start"], &e["end"]),
            label: label(e["label"].as_str().unwrap()),
            first: TokenId(0),
            end: TokenId(0),
        });
    }
    for q in record["quotes"].as_array().unwrap() {
        let pieces: Vec<Span> = match q["spans"].as_array() {
            Some(spans) => spans
                .iter()
                .map(|s| byte_span(text, &s[0], &s[1]))
                .collect(),
            None => vec![byte_span(text, &q["start"], &q["end"])],
        };
        let speaker: Option<MentionId> = q.get("speaker").filter(|s| !s.is_null()).map(|s| {
            doc.push_mention(Mention {
                span: byte_span(text, &s["start"], &s["end"]),
                kind: MentionKind::Name,
                entity: None,
                speaker: None,
            })
        });
        let cue = q
            .get("cue")
            .filter(|c| !c.is_null())
            .map(|c| byte_span(text, &c["start"], &c["end"]));
        doc.quotes.push(Quote {
            span: pieces[0].cover(pieces.last().unwrap()),
            pieces,
            kind: QuoteKind::Direct,
            cue,
            speaker,
            inherited: false,
            outlet: None,
            confidence: 1.0,
        });
    }
    doc
}

#[test]
fn stacked_piece_types_match_the_training_code() {
    let g = golden();
    for case in g["stacked_types"].as_array().unwrap() {
        let doc = doc_of(&case["record"]);
        let text: &str = &doc.text;
        let mut pieces: Vec<Piece> = case["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let span = byte_span(text, &p[0], &p[1]);
                Piece {
                    id: 0,
                    case: case_class(&text[span]),
                    start: span.start,
                    end: span.end,
                }
            })
            .collect();
        StackedFeatures::from_doc(&doc).apply(&mut pieces);
        let got: Vec<u64> = pieces.iter().map(|p| p.case as u64).collect();
        let want: Vec<u64> = case["types"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_u64().unwrap())
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

/// The committed file is what the Python code gives today.
#[test]
fn the_golden_file_is_current_with_the_python_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = match Command::new("python3")
        .arg(root.join("training/golden_vectors.py"))
        .arg("--check")
        .output()
    {
        Ok(out) => out,
        Err(_) => return shared_data::skip("python3 not found"),
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
