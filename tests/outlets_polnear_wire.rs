//! Acceptance: the wire credit of PolNeAR articles (AP, AFP, UPI, Reuters in `metadata.tsv`)
//! appears as a doc-level outlet with relation `wire` for at least 95% of the dev articles that
//! have one, and a `wire` relation appears for at most 2% of those without one.
//!
//! Skips (passes with a message) when `../shared/data/polnear` is absent.

use quotesmith::doc::{Doc, OutletRelation};
use quotesmith::outlets::OutletFinder;
use quotesmith::pipeline::PipelineBuilder;
use quotesmith::sentences::SentenceSplitter;
use quotesmith::tokens::Tokenizer;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

mod shared_data;

fn polnear() -> Option<PathBuf> {
    shared_data::path("polnear/metadata.tsv")?;
    shared_data::path("polnear")
}

/// `filename` → `wire` from metadata.tsv.
fn wires(root: &Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(root.join("metadata.tsv")).expect("metadata.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (f, w) = (col("filename"), col("wire"));
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|c| c.len() > f.max(w))
        .map(|c| (c[f].to_string(), c[w].trim().to_string()))
        .collect()
}

/// The gazetteer name of a metadata wire value, or None for no wire (`None`, `NA`, empty).
fn canonical(wire: &str) -> Option<&'static str> {
    match wire.to_ascii_lowercase().as_str() {
        "ap" => Some("Associated Press"),
        "afp" => Some("Agence France-Presse"),
        "upi" => Some("United Press International"),
        "reuters" => Some("Reuters"),
        _ => None,
    }
}

/// Looks up a text file's stem; annotation files carry a `_XXXX` annotator suffix.
fn lookup<'m>(meta: &'m HashMap<String, String>, stem: &str) -> Option<&'m String> {
    meta.get(stem).or_else(|| {
        let (base, suffix) = stem.rsplit_once('_')?;
        (suffix.len() == 4 && suffix.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| meta.get(base))
            .flatten()
    })
}

struct Rates {
    with: usize,
    with_hit: usize,
    without: usize,
    without_wire: usize,
}

fn measure(root: &Path, split: &str) -> Rates {
    let meta = wires(root);
    let pipeline = PipelineBuilder::new()
        .with_stage(Box::new(SentenceSplitter::new().unwrap()))
        .with_stage(Box::new(Tokenizer::new().unwrap()))
        .with_stage(Box::new(OutletFinder::new(&[]).unwrap()))
        .build()
        .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(split).join("text"))
        .expect("text dir")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut r = Rates {
        with: 0,
        with_hit: 0,
        without: 0,
        without_wire: 0,
    };
    let mut unmatched = 0;
    for path in files {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let Some(wire) = lookup(&meta, &stem) else {
            unmatched += 1;
            continue;
        };
        let text = std::fs::read_to_string(&path).unwrap();
        let mut doc = Doc::new(stem.clone(), text);
        pipeline.process(&mut doc).unwrap();
        let wired: Vec<&str> = doc
            .outlets
            .iter()
            .filter(|o| o.relations.contains(&OutletRelation::Wire))
            .map(|o| o.name.as_str())
            .collect();
        match canonical(wire) {
            Some(name) => {
                r.with += 1;
                if wired.contains(&name) {
                    r.with_hit += 1;
                } else {
                    eprintln!("  missed {name} wire in {stem} (found {wired:?})");
                }
            }
            None => {
                r.without += 1;
                if !wired.is_empty() {
                    r.without_wire += 1;
                    eprintln!("  spurious wire {wired:?} in {stem} (metadata: {wire})");
                }
            }
        }
    }
    assert_eq!(
        unmatched, 0,
        "{unmatched} {split} files not in metadata.tsv"
    );
    eprintln!(
        "polnear {split}: wire credit found for {}/{} = {:.3} of articles with one; \
         wire reported for {}/{} = {:.3} of articles without one",
        r.with_hit,
        r.with,
        r.with_hit as f64 / r.with.max(1) as f64,
        r.without_wire,
        r.without,
        r.without_wire as f64 / r.without.max(1) as f64,
    );
    r
}

#[test]
fn polnear_dev_wire_credit() {
    let Some(root) = polnear() else { return };
    let r = measure(&root, "dev");
    assert!(r.with > 0, "no wire articles in dev");
    assert!(
        r.with_hit as f64 >= 0.95 * r.with as f64,
        "recall {}/{}",
        r.with_hit,
        r.with
    );
    assert!(
        r.without_wire as f64 <= 0.02 * r.without as f64,
        "false wire {}/{}",
        r.without_wire,
        r.without
    );
}

/// Development numbers on train (not an acceptance check): `cargo test --test
/// outlets_polnear_wire -- --ignored --nocapture`.
#[test]
#[ignore]
fn polnear_train_wire_credit() {
    let Some(root) = polnear() else { return };
    measure(&root, "train");
}
