//! PolNeAR quote-attribution scoring: a faithful port of `../shared/eval/score_polnear.py`.
//!
//! The acceptance numbers of the project are defined by that script, so this module
//! reproduces it exactly (same parsing, same trimming, same greedy matching with the same
//! tie-breaking) rather than offering its own notion of a match. Anything the script would
//! reject with an exception (a malformed `.ann` line, a non-object prediction line, a speaker
//! that is not `{"start": int, "end": int}`) is an [`Error::Data`] here.
//!
//! Every offset is a **character** offset (Unicode code point) into the raw file text, as
//! Python's `text[a:b]` reads it; negative offsets index from the end as in Python.
//!
//! ```no_run
//! use quotesmith::eval::polnear;
//!
//! let docs = polnear::load_split("../shared/data/polnear/dev")?;
//! let preds = polnear::load_predictions("preds.jsonl", &docs)?;
//! println!("{}", preds.score(&docs));
//! # Ok::<(), quotesmith::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::io::wire::{Annotation, WireQuote};
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

/// A `[start, end)` pair of character offsets (signed, because Python accepts negative ones).
pub type Range = (i64, i64);

/// The quotation marks whose presence makes a gold content "quoted" (script's `QUOTE_CHARS`).
pub const QUOTE_CHARS: &[char] = &crate::lexicon::marks::DOUBLE;

/// Whether the script's `trim` strips this character from the edges of a span (its `TRIM`).
pub fn is_trim_char(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\r'
            | '\n'
            | '\''
            | '\u{2018}'
            | '\u{2019}'
            | '.'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '-'
            | '\u{2014}'
            | '\u{2013}'
            | '('
            | ')'
            | '['
            | ']'
    ) || QUOTE_CHARS.contains(&c)
}

/// One gold attribution relation (an `E` line with its resolved `T` spans).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldAttribution {
    /// Content pieces, in annotation order (discontinuous when more than one).
    pub content: Vec<Range>,
    /// Source pieces, when the relation names a source.
    pub source: Option<Vec<Range>>,
    /// Cue pieces, when the relation names a cue.
    pub cue: Option<Vec<Range>>,
}

/// One article of a split with its gold attributions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    /// The text file's stem, which predictions use as their `id`.
    pub id: String,
    /// The raw file contents (no newline translation, as Python's `newline=''`).
    pub text: String,
    /// Gold relations from the first annotation file of this stem (empty when none).
    pub gold: Vec<GoldAttribution>,
}

/// One predicted quote, reduced to what the scorer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredQuote {
    /// Content pieces (`spans` when valid, else `[(start, end)]`, as the script's `pred_ranges`).
    pub ranges: Vec<Range>,
    /// The `kind` field when it is a string (`direct`, `mixed`, `indirect`).
    pub kind: Option<String>,
    /// The cue extent.
    pub cue: Option<Range>,
    /// The speaker mention extent.
    pub speaker: Option<Range>,
}

impl From<&WireQuote> for PredQuote {
    fn from(q: &WireQuote) -> Self {
        let to_i = |x: usize| i64::try_from(x).unwrap_or(i64::MAX);
        let ranges = match &q.spans {
            Some(sp) if !sp.is_empty() => sp.iter().map(|&[a, b]| (to_i(a), to_i(b))).collect(),
            _ => vec![(to_i(q.start), to_i(q.end))],
        };
        let kind = serde_json::to_value(q.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string));
        PredQuote {
            ranges,
            kind,
            cue: q.cue.as_ref().map(|c| (to_i(c.start), to_i(c.end))),
            speaker: q.speaker.as_ref().map(|s| (to_i(s.start), to_i(s.end))),
        }
    }
}

impl PredQuote {
    /// All quotes of one pipeline output record.
    pub fn from_annotation(a: &Annotation) -> Vec<PredQuote> {
        a.quotes.iter().map(PredQuote::from).collect()
    }

    /// Reads one element of a prediction line's `quotes` array; `Ok(None)` for elements the
    /// script skips (not an object, or `start`/`end` not integers).
    pub fn from_json(q: &Value) -> std::result::Result<Option<PredQuote>, String> {
        let Some(obj) = q.as_object() else {
            return Ok(None);
        };
        let (Some(start), Some(end)) = (
            obj.get("start").and_then(py_int),
            obj.get("end").and_then(py_int),
        ) else {
            return Ok(None);
        };
        let ranges = match obj.get("spans") {
            Some(Value::Array(sp))
                if !sp.is_empty()
                    && sp
                        .iter()
                        .all(|x| x.as_array().is_some_and(|p| p.len() == 2)) =>
            {
                let mut out = Vec::with_capacity(sp.len());
                for x in sp {
                    let p = x.as_array().map(Vec::as_slice).unwrap_or_default();
                    match (
                        p.first().and_then(py_int_cast),
                        p.get(1).and_then(py_int_cast),
                    ) {
                        (Some(a), Some(b)) => out.push((a, b)),
                        _ => return Err(format!("`spans` holds a non-integer pair: {x}")),
                    }
                }
                out
            }
            _ => vec![(start, end)],
        };
        let kind = obj.get("kind").and_then(Value::as_str).map(str::to_string);
        // `speaker`: the script tests `is None`, then reads ['start'] / ['end'].
        let speaker = match obj.get("speaker") {
            None | Some(Value::Null) => None,
            Some(v) => Some(span_of(v).ok_or_else(|| format!("bad `speaker`: {v}"))?),
        };
        // `cue`: the script tests truthiness, then reads ['start'] / ['end'].
        let cue = match obj.get("cue") {
            None => None,
            Some(v) if !py_truthy(v) => None,
            Some(v) => Some(span_of(v).ok_or_else(|| format!("bad `cue`: {v}"))?),
        };
        Ok(Some(PredQuote {
            ranges,
            kind,
            cue,
            speaker,
        }))
    }
}

/// Python's `isinstance(v, int)` on a JSON value (booleans are ints in Python).
fn py_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// Python's `int(v)` for the values `int()` accepts without error.
fn py_int_cast(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite() && f.abs() < 9.2e18)
                .map(|f| f.trunc() as i64)
        }),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::String(s) => s.trim().replace('_', "").parse().ok(),
        _ => None,
    }
}

fn py_truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn span_of(v: &Value) -> Option<Range> {
    let o = v.as_object()?;
    Some((py_int(o.get("start")?)?, py_int(o.get("end")?)?))
}

/// Python's `str(v)` for the JSON value of an `id`.
fn py_str(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `os.path.splitext(os.path.basename(id))[0]`, which the script applies to ids ending `.txt`.
fn txt_stem(id: &str) -> &str {
    let base = id.rsplit('/').next().unwrap_or(id);
    match base.rfind('.') {
        // A name made only of leading dots before the last one has no extension.
        Some(dot) if base[..dot].chars().any(|c| c != '.') => &base[..dot],
        _ => base,
    }
}

/// Reads a file as Python's text mode does: UTF-8, `\r\n` and `\r` turned into `\n`.
fn read_universal(path: &Path) -> Result<String> {
    let raw = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if raw.contains('\r') {
        Ok(raw.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Ok(raw)
    }
}

fn data_error(path: &Path, line: usize, reason: impl Into<String>) -> Error {
    Error::Data {
        path: path.to_path_buf(),
        line,
        reason: reason.into(),
    }
}

/// Parses brat standoff text (the script's `parse_ann`); `path` only labels errors.
pub fn parse_ann(content: &str, path: &Path) -> Result<Vec<GoldAttribution>> {
    let mut spans: HashMap<&str, Vec<Range>> = HashMap::new();
    let mut rels: Vec<HashMap<&str, &str>> = Vec::new();
    for (n, line) in content.split_inclusive('\n').enumerate() {
        let line_no = n + 1;
        let line = line.strip_suffix('\n').unwrap_or(line);
        let parts: Vec<&str> = line.split('\t').collect();
        let head = parts[0];
        if head.is_empty() || parts.len() < 2 {
            continue;
        }
        if head.starts_with('T') {
            let rng = parts[1].split_once(' ').map_or("", |(_, r)| r);
            let mut ranges = Vec::new();
            for r in rng.split(';') {
                let ab: Vec<&str> = r.split_whitespace().collect();
                let [a, b] = ab[..] else {
                    return Err(data_error(path, line_no, format!("bad range `{r}`")));
                };
                let parse = |s: &str| {
                    s.replace('_', "")
                        .parse::<i64>()
                        .map_err(|_| data_error(path, line_no, format!("bad offset `{s}`")))
                };
                ranges.push((parse(a)?, parse(b)?));
            }
            spans.insert(head, ranges);
        } else if head.starts_with('E') {
            let mut args = HashMap::new();
            for a in parts[1].split_whitespace() {
                let Some((k, v)) = a.split_once(':') else {
                    return Err(data_error(path, line_no, format!("bad argument `{a}`")));
                };
                args.insert(k, v);
            }
            rels.push(args);
        }
    }
    let lookup = |args: &HashMap<&str, &str>, role: &str| {
        args.get(role).and_then(|id| spans.get(id)).cloned()
    };
    Ok(rels
        .iter()
        .filter_map(|args| {
            Some(GoldAttribution {
                content: lookup(args, "Content")?,
                source: lookup(args, "Source"),
                cue: lookup(args, "Cue"),
            })
        })
        .collect())
}

fn sorted_names(dir: &Path, suffix: &str) -> Result<Vec<(String, PathBuf)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(suffix) {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

/// Loads a split folder holding `text/*.txt` and `attributions/*.ann` (the script's
/// `load_split`): documents in file-name order, each with the relations of the first
/// annotation file (by name) whose name minus `_XXXX.ann` is the text's stem.
pub fn load_split(split_dir: impl AsRef<Path>) -> Result<Vec<GoldDoc>> {
    let dir = split_dir.as_ref();
    let mut anns: HashMap<String, PathBuf> = HashMap::new();
    for (name, path) in sorted_names(&dir.join("attributions"), ".ann")? {
        let base = &name[..name.len() - 4];
        let stem = base.rsplit_once('_').map_or(base, |(s, _)| s);
        anns.entry(stem.to_string()).or_insert(path);
    }
    let mut docs = Vec::new();
    for (name, path) in sorted_names(&dir.join("text"), ".txt")? {
        let stem = name[..name.len() - 4].to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let gold = match anns.get(&stem) {
            Some(ann) => parse_ann(&read_universal(ann)?, ann)?,
            None => Vec::new(),
        };
        docs.push(GoldDoc {
            id: stem,
            text,
            gold,
        });
    }
    Ok(docs)
}

/// Predictions read from a JSON Lines file, keyed by document id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Predictions {
    /// Quotes per document id (a later line for the same id replaces an earlier one).
    pub quotes: HashMap<String, Vec<PredQuote>>,
    /// Lines whose id names a document of the split (the script's `docs_in_pred`).
    pub seen: usize,
}

impl Predictions {
    /// Scores these predictions, reporting `seen` as the number of documents with predictions.
    pub fn score(&self, docs: &[GoldDoc]) -> Scores {
        let mut s = score(docs, &self.quotes);
        s.docs_in_pred = self.seen;
        s
    }
}

/// Reads a predictions file (the script's `load_preds`): one JSON object per line with `id`
/// (the article stem, or a path ending `.txt`) and `quotes`; ids not in `docs` are ignored.
pub fn load_predictions(path: impl AsRef<Path>, docs: &[GoldDoc]) -> Result<Predictions> {
    let path = path.as_ref();
    let ids: HashSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    let content = read_universal(path)?;
    let mut preds = Predictions::default();
    for (n, line) in content.split('\n').enumerate() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c));
        if line.is_empty() {
            continue;
        }
        let obj: Value =
            serde_json::from_str(line).map_err(|e| data_error(path, n + 1, e.to_string()))?;
        let Some(map) = obj.as_object() else {
            return Err(data_error(path, n + 1, "not a JSON object"));
        };
        let raw_id = map.get("id").map_or_else(String::new, py_str);
        let stem = if raw_id.ends_with(".txt") {
            txt_stem(&raw_id)
        } else {
            &raw_id
        };
        if !ids.contains(stem) {
            continue;
        }
        preds.seen += 1;
        let mut qs = Vec::new();
        if let Some(Value::Array(items)) = map.get("quotes") {
            for q in items {
                if let Some(p) = PredQuote::from_json(q).map_err(|e| data_error(path, n + 1, e))? {
                    qs.push(p);
                }
            }
        }
        preds.quotes.insert(stem.to_string(), qs);
    }
    Ok(preds)
}

/// Precision, recall and F1, serialised as the script's `[p, r, f]` list.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf(pub f64, pub f64, pub f64);

impl Prf {
    /// The script's `prf(tp_p, n_pred, tp_g, n_gold)`.
    pub fn new(tp_p: usize, n_pred: usize, tp_g: usize, n_gold: usize) -> Prf {
        let p = ratio(tp_p, n_pred);
        let r = ratio(tp_g, n_gold);
        let f = if p + r != 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf(p, r, f)
    }

    /// Precision.
    pub fn p(&self) -> f64 {
        self.0
    }
    /// Recall.
    pub fn r(&self) -> f64 {
        self.1
    }
    /// F1.
    pub fn f1(&self) -> f64 {
        self.2
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The metrics of one subset, with the script's JSON keys in its order.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct SubsetScores {
    /// Gold attributions in the subset.
    pub gold: usize,
    /// Predicted quotes in the subset.
    pub pred: usize,
    /// Content spans equal after trimming.
    pub content_exact: Prf,
    /// Content spans matched one-to-one with character Jaccard >= 0.5.
    pub content_loose: Prf,
    /// Loose content match with a correct speaker.
    pub attribution: Prf,
    /// Share of loose matches with a correct speaker.
    pub speaker_accuracy: f64,
    /// Share of loose matches whose cue overlaps the gold cue.
    pub cue_accuracy: f64,
    /// Exact match over the per-document sets of trimmed source spans.
    pub source_exact: Prf,
    /// Exact match over the per-document sets of trimmed cue spans.
    pub cue_exact: Prf,
    /// Raw counts behind the ratios (not part of the script's output).
    #[serde(skip)]
    pub counts: Counts,
}

/// The integer counts the ratios of a [`SubsetScores`] are built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Predictions whose trimmed content key is a gold key.
    pub exact_p: usize,
    /// Golds whose trimmed content key is predicted.
    pub exact_g: usize,
    /// Loose one-to-one matches.
    pub loose: usize,
    /// Loose matches with a correct speaker.
    pub speaker_ok: usize,
    /// Loose matches with an overlapping cue.
    pub cue_ok: usize,
    /// Predicted source spans (per-document sets).
    pub src_p: usize,
    /// Gold source spans (per-document sets).
    pub src_g: usize,
    /// Source spans in both.
    pub src_tp: usize,
    /// Predicted cue spans (per-document sets).
    pub cue_p: usize,
    /// Gold cue spans (per-document sets).
    pub cue_g: usize,
    /// Cue spans in both.
    pub cue_tp: usize,
}

/// Everything `score_polnear.py score` prints, with its JSON keys.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Scores {
    /// Documents in the split.
    pub docs: usize,
    /// Prediction lines naming a document of the split.
    pub docs_in_pred: usize,
    /// Gold contents holding a double quotation mark vs. direct and mixed predictions.
    pub quoted: SubsetScores,
    /// Every attribution vs. every prediction.
    pub all: SubsetScores,
}

impl fmt::Display for Scores {
    /// The script's plain-text report, line for line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "docs {}  with predictions {}",
            self.docs, self.docs_in_pred
        )?;
        for (name, r) in [("quoted", &self.quoted), ("all", &self.all)] {
            writeln!(f, "[{name}] gold {}  pred {}", r.gold, r.pred)?;
            for (k, v) in [
                ("content_exact", r.content_exact),
                ("content_loose", r.content_loose),
                ("attribution", r.attribution),
                ("source_exact", r.source_exact),
                ("cue_exact", r.cue_exact),
            ] {
                writeln!(f, "  {k:15} P {:.3}  R {:.3}  F1 {:.3}", v.0, v.1, v.2)?;
            }
            writeln!(
                f,
                "  speaker_accuracy {:.3}  cue_accuracy {:.3}",
                r.speaker_accuracy, r.cue_accuracy
            )?;
        }
        Ok(())
    }
}

/// Which attributions and predictions a [`score_subset`] call looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subset {
    /// Gold contents holding a quotation mark; predictions of kind direct or mixed.
    Quoted,
    /// Everything.
    All,
}

/// Scores predictions against a split on both subsets (`docs_in_pred` = documents of the split
/// with an entry in `preds`).
pub fn score(docs: &[GoldDoc], preds: &HashMap<String, Vec<PredQuote>>) -> Scores {
    Scores {
        docs: docs.len(),
        docs_in_pred: docs.iter().filter(|d| preds.contains_key(&d.id)).count(),
        quoted: score_subset(docs, preds, Subset::Quoted),
        all: score_subset(docs, preds, Subset::All),
    }
}

/// A document's text as Python indexes it.
struct PyText {
    chars: Vec<char>,
}

impl PyText {
    fn new(text: &str) -> Self {
        PyText {
            chars: text.chars().collect(),
        }
    }

    /// `text[i]`, with Python's negative indexing; `None` where Python raises.
    fn at(&self, i: i64) -> Option<char> {
        let n = self.chars.len() as i64;
        let i = if i < 0 { i + n } else { i };
        if (0..n).contains(&i) {
            Some(self.chars[i as usize])
        } else {
            None
        }
    }

    /// The characters of `text[a:b]` (Python slice bounds).
    fn slice(&self, a: i64, b: i64) -> &[char] {
        let n = self.chars.len() as i64;
        let clamp = |x: i64| (if x < 0 { x + n } else { x }).clamp(0, n) as usize;
        let (a, b) = (clamp(a), clamp(b));
        if a < b { &self.chars[a..b] } else { &[] }
    }

    /// The script's `trim`.
    fn trim(&self, (mut a, mut b): Range) -> Range {
        while a < b && self.at(a).is_some_and(is_trim_char) {
            a += 1;
        }
        while b > a && self.at(b - 1).is_some_and(is_trim_char) {
            b -= 1;
        }
        (a, b)
    }

    /// The script's `charset`, as sorted disjoint intervals.
    fn charset(&self, ranges: &[Range]) -> Vec<Range> {
        let mut iv: Vec<Range> = ranges
            .iter()
            .map(|&r| self.trim(r))
            .filter(|(a, b)| a < b)
            .collect();
        iv.sort_unstable();
        let mut out: Vec<Range> = Vec::with_capacity(iv.len());
        for (a, b) in iv {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        out
    }

    /// The script's content key: sorted trimmed pieces.
    fn key(&self, ranges: &[Range]) -> Vec<Range> {
        let mut k: Vec<Range> = ranges.iter().map(|&r| self.trim(r)).collect();
        k.sort_unstable();
        k
    }

    fn is_quoted(&self, ranges: &[Range]) -> bool {
        ranges
            .iter()
            .any(|&(a, b)| self.slice(a, b).iter().any(|c| QUOTE_CHARS.contains(c)))
    }
}

fn set_len(s: &[Range]) -> i64 {
    s.iter().map(|(a, b)| b - a).sum()
}

/// Size of the intersection of two sorted disjoint interval lists.
fn inter_len(x: &[Range], y: &[Range]) -> i64 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        let lo = x[i].0.max(y[j].0);
        let hi = x[i].1.min(y[j].1);
        if lo < hi {
            n += hi - lo;
        }
        if x[i].1 < y[j].1 { i += 1 } else { j += 1 }
    }
    n
}

fn overlaps(r1: &[Range], r2: &[Range]) -> bool {
    r1.iter()
        .any(|&(a, b)| r2.iter().any(|&(c, d)| a < d && c < b))
}

/// Scores one subset (the script's `score(docs, preds, subset)`).
pub fn score_subset(
    docs: &[GoldDoc],
    preds: &HashMap<String, Vec<PredQuote>>,
    subset: Subset,
) -> SubsetScores {
    let mut c = Counts::default();
    let (mut n_gold, mut n_pred) = (0, 0);
    for doc in docs {
        let text = PyText::new(&doc.text);
        let pq_all: &[PredQuote] = preds.get(&doc.id).map_or(&[], Vec::as_slice);
        let (gold, pq): (Vec<&GoldAttribution>, Vec<&PredQuote>) = match subset {
            Subset::All => (doc.gold.iter().collect(), pq_all.iter().collect()),
            Subset::Quoted => (
                doc.gold
                    .iter()
                    .filter(|g| text.is_quoted(&g.content))
                    .collect(),
                pq_all
                    .iter()
                    .filter(|q| matches!(q.kind.as_deref(), Some("direct" | "mixed")))
                    .collect(),
            ),
        };
        let g_sets: Vec<Vec<Range>> = gold.iter().map(|g| text.charset(&g.content)).collect();
        let p_sets: Vec<Vec<Range>> = pq.iter().map(|q| text.charset(&q.ranges)).collect();
        n_gold += gold.len();
        n_pred += pq.len();

        let g_keys: Vec<Vec<Range>> = gold.iter().map(|g| text.key(&g.content)).collect();
        let p_keys: Vec<Vec<Range>> = pq.iter().map(|q| text.key(&q.ranges)).collect();
        let g_exact: HashSet<&Vec<Range>> = g_keys.iter().collect();
        let p_exact: HashSet<&Vec<Range>> = p_keys.iter().collect();
        c.exact_p += p_keys.iter().filter(|k| g_exact.contains(k)).count();
        c.exact_g += g_keys.iter().filter(|k| p_exact.contains(k)).count();

        let mut cand: Vec<(f64, usize, usize)> = Vec::new();
        for (i, gs) in g_sets.iter().enumerate() {
            let g_len = set_len(gs);
            for (j, ps) in p_sets.iter().enumerate() {
                let inter = inter_len(gs, ps);
                if inter > 0 {
                    let union = g_len + set_len(ps) - inter;
                    let jac = inter as f64 / union as f64;
                    if jac >= 0.5 {
                        cand.push((jac, i, j));
                    }
                }
            }
        }
        // Python's `cand.sort(reverse=True)`: descending by (jaccard, i, j).
        cand.sort_by(|x, y| y.0.total_cmp(&x.0).then(y.1.cmp(&x.1)).then(y.2.cmp(&x.2)));
        let mut used_g = vec![false; gold.len()];
        let mut used_p = vec![false; pq.len()];
        for &(_, i, j) in &cand {
            if used_g[i] || used_p[j] {
                continue;
            }
            used_g[i] = true;
            used_p[j] = true;
            c.loose += 1;
            let (g, q) = (gold[i], pq[j]);
            let ok = match (&g.source, q.speaker) {
                (None, sp) => sp.is_none(),
                (Some(src), Some(sp)) => overlaps(src, &[sp]),
                (Some(_), None) => false,
            };
            c.speaker_ok += usize::from(ok);
            if let (Some(gc), Some(cu)) = (&g.cue, q.cue)
                && !gc.is_empty()
                && overlaps(gc, &[cu])
            {
                c.cue_ok += 1;
            }
        }

        let trim_all = |rs: &[Range]| rs.iter().map(|&r| text.trim(r)).collect::<Vec<_>>();
        let gs_src: HashSet<Vec<Range>> = gold
            .iter()
            .filter_map(|g| g.source.as_deref().map(trim_all))
            .collect();
        let ps_src: HashSet<Vec<Range>> = pq
            .iter()
            .filter_map(|q| q.speaker.map(|s| vec![text.trim(s)]))
            .collect();
        let gs_cue: HashSet<Vec<Range>> = gold
            .iter()
            .filter_map(|g| g.cue.as_deref().map(trim_all))
            .collect();
        let ps_cue: HashSet<Vec<Range>> = pq
            .iter()
            .filter_map(|q| q.cue.map(|s| vec![text.trim(s)]))
            .collect();
        c.src_p += ps_src.len();
        c.src_g += gs_src.len();
        c.src_tp += ps_src.intersection(&gs_src).count();
        c.cue_p += ps_cue.len();
        c.cue_g += gs_cue.len();
        c.cue_tp += ps_cue.intersection(&gs_cue).count();
    }
    SubsetScores {
        gold: n_gold,
        pred: n_pred,
        content_exact: Prf::new(c.exact_p, n_pred, c.exact_g, n_gold),
        content_loose: Prf::new(c.loose, n_pred, c.loose, n_gold),
        attribution: Prf::new(c.speaker_ok, n_pred, c.speaker_ok, n_gold),
        speaker_accuracy: ratio(c.speaker_ok, c.loose),
        cue_accuracy: ratio(c.cue_ok, c.loose),
        source_exact: Prf::new(c.src_tp, c.src_p, c.src_tp, c.src_g),
        cue_exact: Prf::new(c.cue_tp, c.cue_p, c.cue_tp, c.cue_g),
        counts: c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str, gold: Vec<GoldAttribution>) -> GoldDoc {
        GoldDoc {
            id: id.into(),
            text: text.into(),
            gold,
        }
    }

    fn attr(content: &[Range], source: Option<Range>, cue: Option<Range>) -> GoldAttribution {
        GoldAttribution {
            content: content.to_vec(),
            source: source.map(|s| vec![s]),
            cue: cue.map(|c| vec![c]),
        }
    }

    fn pred(ranges: &[Range], kind: &str, speaker: Option<Range>, cue: Option<Range>) -> PredQuote {
        PredQuote {
            ranges: ranges.to_vec(),
            kind: Some(kind.into()),
            cue,
            speaker,
        }
    }

    #[test]
    fn parses_brat_relations() {
        let ann = "T1\tSource 0 8\tThe mayor\r\n\
                   T2\tCue 9 13\tsaid\r\n\
                   T3\tContent 15 20;25 30\tab cd\n\
                   A1\tNegated T3\n\
                   \n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n\
                   T4\tAttribution 9 13\tsaid\n\
                   E2\tAttribution-no-source:T9 Content:T5\n\
                   T5\tContent 40 50\tx\n\
                   E3\tAttribution:T10 Source:T1\n";
        let got = parse_ann(ann, Path::new("x.ann")).unwrap();
        assert_eq!(
            got,
            vec![
                GoldAttribution {
                    content: vec![(15, 20), (25, 30)],
                    source: Some(vec![(0, 8)]),
                    cue: Some(vec![(9, 13)]),
                },
                GoldAttribution {
                    content: vec![(40, 50)],
                    source: None,
                    cue: None,
                },
            ]
        );
    }

    #[test]
    fn rejects_what_the_script_cannot_parse() {
        for bad in [
            "T1\tContent 1\tx\n",
            "T1\tContent\n",
            "E1\tContent\n",
            "T1\tCue a b\tx\n",
        ] {
            assert!(
                matches!(
                    parse_ann(bad, Path::new("b.ann")),
                    Err(Error::Data { line: 1, .. })
                ),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn trims_like_the_script() {
        let t = PyText::new("  \u{201c}Yes, we can.\u{201d} (said) \u{00e9}t\u{00e9}!");
        let cases: &[(Range, Range, &str)] = &[
            ((0, 17), (3, 14), "Yes, we can"),
            ((16, 23), (18, 22), "said"),
            ((24, 28), (24, 27), "\u{00e9}t\u{00e9}"),
            ((0, 3), (3, 3), ""),
            ((5, 2), (5, 2), ""),
            ((-4, -1), (-4, -1), "\u{00e9}t\u{00e9}"),
            // Python raises IndexError here; trimming stops instead.
            ((24, 99), (24, 99), "\u{00e9}t\u{00e9}!"),
        ];
        for &(r, want, surface) in cases {
            let got = t.trim(r);
            assert_eq!(got, want, "{r:?}");
            assert_eq!(t.slice(got.0, got.1).iter().collect::<String>(), surface);
        }
        assert!(t.is_quoted(&[(0, 5)]));
        assert!(!t.is_quoted(&[(4, 14)]));
        assert!(is_trim_char('\u{2014}') && is_trim_char('\u{00bb}') && !is_trim_char('\u{00e9}'));
    }

    #[test]
    fn charsets_merge_and_intersect() {
        let t = PyText::new("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        let a = t.charset(&[(10, 20), (0, 5), (3, 8)]);
        assert_eq!(a, vec![(0, 8), (10, 20)]);
        let b = t.charset(&[(4, 12)]);
        assert_eq!(inter_len(&a, &b), 6);
        assert_eq!(set_len(&a), 18);
    }

    #[test]
    fn scores_a_small_document() {
        // 0         1         2         3         4         5         6
        // 0123456789012345678901234567890123456789012345678901234567890123
        let text = "Ann said \"we will win the vote.\" Bob said taxes would rise.";
        let d = doc(
            "d",
            text,
            vec![
                attr(&[(9, 32)], Some((0, 3)), Some((4, 8))),
                attr(&[(42, 59)], Some((33, 36)), Some((37, 41))),
            ],
        );
        let preds = HashMap::from([(
            "d".to_string(),
            vec![
                // exact after trimming the quote marks, right speaker and cue
                pred(&[(10, 30)], "direct", Some((0, 3)), Some((4, 8))),
                // loose (14 of 17 characters), speaker overlaps but is not exact, no cue
                pred(&[(42, 56)], "indirect", Some((33, 38)), None),
                // spurious
                pred(&[(0, 3)], "direct", None, None),
            ],
        )]);
        let s = score(&[d], &preds);
        assert_eq!((s.docs, s.docs_in_pred), (1, 1));
        assert_eq!(
            (s.all.gold, s.all.pred, s.quoted.gold, s.quoted.pred),
            (2, 3, 1, 2)
        );
        let c = s.all.counts;
        assert_eq!(
            (c.exact_p, c.exact_g, c.loose, c.speaker_ok, c.cue_ok),
            (1, 1, 2, 2, 1)
        );
        assert_eq!((c.src_p, c.src_g, c.src_tp), (2, 2, 1));
        assert_eq!((c.cue_p, c.cue_g, c.cue_tp), (1, 2, 1));
        assert_eq!(s.all.content_loose, Prf::new(2, 3, 2, 2));
        assert!((s.all.content_loose.f1() - 0.8).abs() < 1e-12);
        assert_eq!(s.quoted.counts.loose, 1);
        assert_eq!(s.quoted.cue_accuracy, 1.0);
    }

    #[test]
    fn duplicates_count_once_per_prediction_for_exact_precision() {
        let d = doc(
            "d",
            "one two three four five",
            vec![attr(&[(4, 13)], None, None)],
        );
        let p = pred(&[(4, 13)], "indirect", None, None);
        let preds = HashMap::from([("d".to_string(), vec![p.clone(), p])]);
        let c = score(&[d], &preds).all.counts;
        assert_eq!((c.exact_p, c.exact_g, c.loose, c.speaker_ok), (2, 1, 1, 1));
    }

    #[test]
    fn ties_go_to_the_highest_gold_index_like_python_reverse_sort() {
        // Two identical golds; only the second has a source. `sort(reverse=True)` visits
        // (jac, 1, 0) before (jac, 0, 0), so the prediction pairs with gold 1.
        let d = doc(
            "d",
            "Carl said the plan works well now.",
            vec![
                attr(&[(10, 33)], None, None),
                attr(&[(10, 33)], Some((0, 4)), Some((5, 9))),
            ],
        );
        let preds = HashMap::from([(
            "d".to_string(),
            vec![pred(&[(10, 33)], "indirect", Some((0, 4)), Some((5, 9)))],
        )]);
        let c = score(&[d], &preds).all.counts;
        assert_eq!((c.loose, c.speaker_ok, c.cue_ok), (1, 1, 1));
    }

    #[test]
    fn reads_prediction_lines_like_the_script() {
        let docs = vec![
            doc("a", "text a", vec![]),
            doc("b", "text b", vec![]),
            doc("c", "text c", vec![]),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.jsonl");
        let lines = [
            r#"{"id": "a", "quotes": [{"start": 0, "end": 4, "kind": "direct"}]}"#.to_string(),
            r#"{"id": "a", "quotes": [{"start": 1, "end": 4, "spans": [[1, 2], [3, "4"]], "kind": 3,
                "cue": {}, "speaker": {"start": 0, "end": 1}}, "skip me", {"start": 1.5, "end": 2}]}"#
                .replace('\n', ""),
            "  ".to_string(),
            r#"{"id": "dir/b.txt", "quotes": {"start": 0}}"#.to_string(),
            r#"{"id": "zzz", "quotes": []}"#.to_string(),
        ];
        std::fs::write(&path, lines.join("\r\n")).unwrap();
        let p = load_predictions(&path, &docs).unwrap();
        assert_eq!(p.seen, 3);
        assert_eq!(p.quotes.len(), 2);
        assert_eq!(
            p.quotes["a"],
            vec![PredQuote {
                ranges: vec![(1, 2), (3, 4)],
                kind: None,
                cue: None,
                speaker: Some((0, 1)),
            }]
        );
        assert!(p.quotes["b"].is_empty());
        let s = p.score(&docs);
        assert_eq!((s.docs, s.docs_in_pred), (3, 3));

        std::fs::write(
            &path,
            r#"{"id": "a", "quotes": [{"start": 0, "end": 1, "speaker": "x"}]}"#,
        )
        .unwrap();
        assert!(load_predictions(&path, &docs).is_err());
        std::fs::write(&path, "[1, 2]").unwrap();
        assert!(load_predictions(&path, &docs).is_err());
    }

    #[test]
    fn txt_ids_lose_folder_and_extension() {
        for (id, stem) in [
            ("x/y/abc.txt", "abc"),
            ("abc.txt", "abc"),
            (".txt", ".txt"),
            ("a.b.txt", "a.b"),
        ] {
            assert_eq!(txt_stem(id), stem);
        }
        assert_eq!(py_str(&serde_json::json!(7)), "7");
        assert_eq!(py_str(&Value::Null), "None");
    }

    #[test]
    fn loads_a_split_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (t, a) = (dir.path().join("text"), dir.path().join("attributions"));
        std::fs::create_dir_all(&t).unwrap();
        std::fs::create_dir_all(&a).unwrap();
        std::fs::write(t.join("art_one.txt"), "Al said \"hi\".\r\nBye.").unwrap();
        std::fs::write(t.join("art_two.txt"), "Nothing here.").unwrap();
        std::fs::write(t.join("notes.md"), "ignored").unwrap();
        std::fs::write(
            a.join("art_one_bb01.ann"),
            "T1\tContent 8 12\t\"hi\"\nE1\tContent:T1\n",
        )
        .unwrap();
        std::fs::write(
            a.join("art_one_aa02.ann"),
            "T1\tContent 9 11\thi\nE1\tContent:T1\n",
        )
        .unwrap();
        let docs = load_split(dir.path()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "art_one");
        assert_eq!(docs[0].text, "Al said \"hi\".\r\nBye.");
        // The first annotation file by name wins.
        assert_eq!(docs[0].gold, vec![attr(&[(9, 11)], None, None)]);
        assert!(docs[1].gold.is_empty());
    }

    #[test]
    fn report_layout_and_rounding_match_python() {
        let mut s = Scores {
            docs: 2,
            docs_in_pred: 1,
            ..Scores::default()
        };
        // Exact binary ties: Python prints 0.062, 0.188, 0.312 (round half to even).
        s.all.content_exact = Prf(0.0625, 0.1875, 0.3125);
        s.all.speaker_accuracy = 2.0 / 3.0;
        let text = s.to_string();
        assert!(text.starts_with("docs 2  with predictions 1\n[quoted] gold 0  pred 0\n"));
        assert!(text.contains("\n  content_exact   P 0.062  R 0.188  F1 0.312\n"));
        assert!(text.ends_with("  speaker_accuracy 0.667  cue_accuracy 0.000\n"));
        assert_eq!(text.lines().count(), 15);
        let json = serde_json::to_value(s).unwrap();
        assert_eq!(
            json["all"]["content_exact"],
            serde_json::json!([0.0625, 0.1875, 0.3125])
        );
        assert!(json["all"].get("counts").is_none());
    }
}
