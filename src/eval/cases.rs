//! Scoring against the team's own development set (`tests/cases/`, issue 16): hand-written
//! cases, each a text with the quotes it expects, in JSON Lines files named by category.
//!
//! The file format and the labelling conventions are documented in `tests/cases/README.md`.
//! The matching rules, in short:
//!
//! - a quote is **found** when its [`normalise`]d text (its pieces joined, for an interrupted
//!   quote) equals the expected quote's, or one of its `alt`ernatives;
//! - its **speaker** is right when the resolved name or the mention text contains the expected
//!   one, ignoring case (an outlet named by an alias, "PA Media", resolves to its canonical
//!   name; an expected speaker that is an alias of the expected outlet, "AFP", also matches
//!   that outlet's canonical name); an expected `null` needs no speaker;
//! - its **outlet** is right when the canonical name and the relation both match; an expected
//!   `null` needs none;
//! - **right** (the headline) = found with the right speaker and outlet; recall = right /
//!   expected; precision = predictions that found an expected quote / all predictions;
//! - a **negative** (scare quote, title) is **taken** when a prediction that found no expected
//!   quote has the negative's normalised text.
//!
//! ```no_run
//! use quotesmith::eval::cases;
//! use quotesmith::{Config, Document, Pipeline};
//!
//! let all = cases::load_dir("tests/cases")?;
//! assert!(cases::validate(&all).is_empty());
//! let pipeline = Pipeline::new(&Config::default())?;
//! let mut predictions = Vec::new();
//! for case in &all {
//!     predictions.push(pipeline.annotate(&Document::new(case.id.clone(), case.text.clone()))?.quotes);
//! }
//! print!("{}", cases::score(&all, &predictions));
//! # Ok::<(), quotesmith::Error>(())
//! ```

use crate::doc::{OutletRelation, QuoteKind};
use crate::error::{Error, Result};
use crate::io::wire::{QuoteSpeaker, WireQuote};
use crate::outlets::Gazetteer;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

/// Which half of the set a case belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Cases to develop rules on.
    Dev,
    /// Cases kept aside as a check nobody tunes on.
    Held,
}

impl fmt::Display for Split {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Split::Dev => "dev",
            Split::Held => "held",
        })
    }
}

/// One case: a text and every quote it expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// `<category>-NNN`, unique in the set.
    pub id: String,
    /// The file's name without `.jsonl`.
    pub category: String,
    /// The kind of writing (`wire`, `broadsheet`, `tabloid`, `blog`, …).
    pub register: String,
    /// Development or held-out half.
    pub split: Split,
    /// The quotation-mark style the case tests (`curly`, `latex`, …), when it tests one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<String>,
    /// The input text.
    pub text: String,
    /// Every quote the case expects, in text order.
    pub quotes: Vec<ExpectedQuote>,
    /// Scare quotes and titles that must not come out as quotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub negatives: Vec<Negative>,
    /// A remark for readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A quote a case expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedQuote {
    /// The content as it appears in the text (an interrupted quote: its whole extent).
    pub text: String,
    /// The pieces of an interrupted quote, each as it appears in the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pieces: Option<Vec<String>>,
    /// Other extents that count as this quote.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alt: Vec<String>,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The speaker's name (or mention), `None` when the text names none.
    pub speaker: Option<String>,
    /// The core attributing words, `None` when there are none.
    pub cue: Option<String>,
    /// The outlet the quote is sourced to, with its relation.
    pub outlet: Option<ExpectedOutlet>,
}

/// An outlet as a case expects it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedOutlet {
    /// Canonical gazetteer name (or the call sign of an affiliate the gazetteer lacks).
    pub name: String,
    /// Its role for the quote.
    pub relation: OutletRelation,
}

/// A span of the text in quotation marks that is not a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Negative {
    /// The words inside the marks.
    pub text: String,
    /// Scare quote or title.
    pub what: NegativeKind,
}

/// Why a quoted span is not a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NegativeKind {
    /// A scare quote, a word used as a word, a nickname, a slogan.
    Scare,
    /// The title of a work, a headline, a programme's name.
    Title,
}

/// Reads every `*.jsonl` file of `dir`, in name order. Blank lines are skipped; a line that
/// is not a case, or a case whose `category` is not its file's name, is an [`Error::Data`]
/// naming the file and line.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Vec<Case>> {
    let dir = dir.as_ref();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl") && p.is_file())
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for path in files {
        let category = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let content = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        for (i, line) in content.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let bad = |reason: String| Error::Data {
                path: path.clone(),
                line: i + 1,
                reason,
            };
            let case: Case = serde_json::from_str(line).map_err(|e| bad(e.to_string()))?;
            if case.category != category {
                return Err(bad(format!(
                    "category {:?} in a file named {category:?}",
                    case.category
                )));
            }
            cases.push(case);
        }
    }
    Ok(cases)
}

/// What is wrong with a set of cases, one line per problem (empty when nothing is): duplicate
/// or badly formed ids, empty fields, and expected texts, pieces, alternatives or negatives
/// that do not occur in their case's text.
pub fn validate(cases: &[Case]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    for case in cases {
        let id = &case.id;
        if !ids.insert(id.as_str()) {
            problems.push(format!("{id}: duplicate id"));
        }
        if !id.starts_with(&format!("{}-", case.category)) {
            problems.push(format!("{id}: the id does not start with its category"));
        }
        if case.text.trim().is_empty() || case.register.trim().is_empty() {
            problems.push(format!("{id}: empty text or register"));
        }
        let mut missing = |what: &str, s: &str| {
            if s.trim().is_empty() || !case.text.contains(s) {
                problems.push(format!("{id}: {what} {s:?} is not in the text"));
            }
        };
        for q in &case.quotes {
            missing("quote", &q.text);
            for p in q.pieces.iter().flatten() {
                missing("piece", p);
            }
            for a in &q.alt {
                missing("alternative", a);
            }
        }
        for n in &case.negatives {
            missing("negative", &n.text);
        }
        for q in &case.quotes {
            if let Some(pieces) = &q.pieces
                && (pieces.len() < 2 || !pieces_in_order(&q.text, pieces))
            {
                problems.push(format!(
                    "{id}: the pieces of {:?} are not two or more, in order, inside it",
                    q.text
                ));
            }
            let empty = |s: &Option<String>| s.as_ref().is_some_and(|s| s.trim().is_empty());
            if empty(&q.speaker)
                || empty(&q.cue)
                || q.outlet.as_ref().is_some_and(|o| o.name.trim().is_empty())
            {
                problems.push(format!(
                    "{id}: an empty speaker, cue or outlet name in {:?}",
                    q.text
                ));
            }
        }
    }
    problems
}

fn pieces_in_order(whole: &str, pieces: &[String]) -> bool {
    let mut from = 0;
    for p in pieces {
        match whole[from..].find(p.as_str()) {
            Some(at) => from += at + p.len(),
            None => return false,
        }
    }
    true
}

/// Quotation marks, straight, curly, low, angle and grave.
const MARKS: &[char] = &[
    '"', '\u{201c}', '\u{201d}', '\u{201e}', '\u{201f}', '\u{ab}', '\u{bb}', '\u{2039}',
    '\u{203a}', '\'', '\u{2018}', '\u{2019}', '\u{201a}', '\u{201b}', '`',
];

/// Whether matching trims this character from the edges of a piece.
fn is_edge(c: char) -> bool {
    c.is_whitespace()
        || MARKS.contains(&c)
        || matches!(
            c,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '-'
                | '\u{2013}'
                | '\u{2014}'
                | '\u{2026}'
                | '('
                | ')'
                | '['
                | ']'
        )
}

/// The text that matching compares: each piece trimmed of whitespace, quotation marks and
/// edge punctuation, the pieces joined with a space, a quotation mark that opens a line (a
/// paragraph of a multi-paragraph quotation reopening) dropped, whitespace runs made one space.
pub fn normalise<'a>(pieces: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for piece in pieces {
        let piece = piece.trim_matches(is_edge);
        if piece.is_empty() {
            continue;
        }
        let mut line_start = false;
        let mut space = !out.is_empty();
        for c in piece.chars() {
            if c == '\n' || c == '\r' {
                line_start = true;
                space = true;
            } else if c.is_whitespace() {
                space = true;
            } else if line_start && MARKS.contains(&c) {
                // a reopening mark: skip it, keep the pending space
            } else {
                if space {
                    out.push(' ');
                }
                out.push(c);
                space = false;
                line_start = false;
            }
        }
    }
    out
}

/// The normalised texts an expected quote matches: its own, then its alternatives.
fn expected_keys(q: &ExpectedQuote) -> Vec<String> {
    let own = match &q.pieces {
        Some(p) if !p.is_empty() => normalise(p.iter().map(String::as_str)),
        _ => normalise([q.text.as_str()]),
    };
    std::iter::once(own)
        .chain(q.alt.iter().map(|a| normalise([a.as_str()])))
        .collect()
}

/// The normalised text of a prediction: its `spans` read from `text` when it has them (an
/// interrupted quote), else its `text`.
fn predicted_key(text: &str, chars: &[usize], q: &WireQuote) -> String {
    match &q.spans {
        Some(spans) if !spans.is_empty() => {
            let slice = |[a, b]: [usize; 2]| {
                let at = |i: usize| chars.get(i).copied().unwrap_or(text.len());
                text.get(at(a)..at(b.max(a))).unwrap_or("")
            };
            normalise(spans.iter().map(|&s| slice(s)))
        }
        _ => normalise([q.text.as_str()]),
    }
}

/// Lower-cased, with whitespace runs made one space.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The speaker's resolved name, or its mention text when it has none.
fn speaker_name(s: &QuoteSpeaker) -> &str {
    s.name.as_deref().unwrap_or(&s.text)
}

fn speaker_right(exp: &ExpectedQuote, got: Option<&QuoteSpeaker>) -> bool {
    match (exp.speaker.as_deref(), got) {
        (None, None) => true,
        (Some(e), Some(s)) => {
            let names = [fold(speaker_name(s)), fold(&s.text)];
            let e = fold(e);
            names.iter().any(|n| n.contains(&e))
                || outlet_alias(exp, &e).is_some_and(|c| names.iter().any(|n| n.contains(&c)))
        }
        _ => false,
    }
}

/// The expected outlet's canonical name, folded, when the expected speaker `e` (folded) is
/// one of that outlet's aliases ("AFP" for Agence France-Presse): a speaker resolved to the
/// canonical name ("the agency said") names the same outlet.
fn outlet_alias(exp: &ExpectedQuote, e: &str) -> Option<String> {
    static GAZETTEER: OnceLock<Option<Gazetteer>> = OnceLock::new();
    let outlet = exp.outlet.as_ref()?;
    let entry = GAZETTEER
        .get_or_init(|| Gazetteer::new(&[]).ok())
        .as_ref()?
        .lookup(&outlet.name)?;
    entry
        .aliases
        .iter()
        .any(|a| fold(&a.text) == e)
        .then(|| fold(&entry.name))
}

fn outlet_right(expected: Option<&ExpectedOutlet>, got: &WireQuote) -> bool {
    match (expected, &got.outlet) {
        (None, None) => true,
        (Some(e), Some(o)) => e.name == o.name && e.relation == o.relation,
        _ => false,
    }
}

fn cue_right(expected: Option<&str>, got: &WireQuote) -> bool {
    let got = got
        .cue
        .as_ref()
        .map(|c| c.text.as_str())
        .filter(|t| t.chars().any(char::is_alphanumeric));
    match (expected, got) {
        (None, None) => true,
        (Some(e), Some(g)) => fold(g).contains(&fold(e)),
        _ => false,
    }
}

/// Counts over a group of cases.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Cases.
    pub cases: usize,
    /// Expected quotes.
    pub expected: usize,
    /// Expected quotes found (text matched).
    pub found: usize,
    /// Found with the right speaker and the right outlet (the headline).
    pub right: usize,
    /// Found with the right speaker.
    pub speaker: usize,
    /// Found with the right outlet.
    pub outlet: usize,
    /// Found with the right kind.
    pub kind: usize,
    /// Found with the right cue.
    pub cue: usize,
    /// Predicted quotes.
    pub predicted: usize,
    /// Negatives (scare quotes and titles).
    pub negatives: usize,
    /// Negatives output as quotes.
    pub taken: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.cases += o.cases;
        self.expected += o.expected;
        self.found += o.found;
        self.right += o.right;
        self.speaker += o.speaker;
        self.outlet += o.outlet;
        self.kind += o.kind;
        self.cue += o.cue;
        self.predicted += o.predicted;
        self.negatives += o.negatives;
        self.taken += o.taken;
    }

    /// Expected quotes found with the right speaker and outlet, over expected quotes (1 when
    /// none are expected).
    pub fn recall(&self) -> f64 {
        ratio(self.right, self.expected)
    }

    /// Expected quotes found (text only), over expected quotes.
    pub fn found_rate(&self) -> f64 {
        ratio(self.found, self.expected)
    }

    /// Predictions that found an expected quote, over predictions (1 when there are none).
    pub fn precision(&self) -> f64 {
        ratio(self.found, self.predicted)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// A prediction as the error list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Got {
    /// Normalised content.
    pub text: String,
    /// Its kind.
    pub kind: QuoteKind,
    /// Resolved speaker name, or the mention text.
    pub speaker: Option<String>,
    /// Cue text.
    pub cue: Option<String>,
    /// Outlet name and relation.
    pub outlet: Option<ExpectedOutlet>,
}

impl Got {
    fn new(key: String, q: &WireQuote) -> Self {
        Got {
            text: key,
            kind: q.kind,
            speaker: q.speaker.as_ref().map(|s| speaker_name(s).to_string()),
            cue: q.cue.as_ref().map(|c| c.text.clone()),
            outlet: q.outlet.as_ref().map(|o| ExpectedOutlet {
                name: o.name.clone(),
                relation: o.relation,
            }),
        }
    }
}

/// One thing a case got wrong.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum Issue {
    /// No prediction has the expected text.
    Missed {
        /// The quote expected.
        expected: ExpectedQuote,
    },
    /// Found, with the wrong speaker or outlet.
    WrongAttribution {
        /// The quote expected.
        expected: ExpectedQuote,
        /// The prediction that found it.
        got: Got,
    },
    /// A prediction the case does not expect.
    Unexpected {
        /// The prediction.
        got: Got,
    },
    /// A scare quote or title output as a quote.
    Taken {
        /// The negative.
        negative: Negative,
    },
}

/// One case's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseScore {
    /// The case id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// Its half.
    pub split: Split,
    /// Its counts.
    pub tally: Tally,
    /// What it got wrong.
    pub issues: Vec<Issue>,
}

/// Scores one case against the quotes predicted for its text.
pub fn score_case(case: &Case, predicted: &[WireQuote]) -> CaseScore {
    let text = case.text.as_str();
    let chars: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let keys: Vec<String> = predicted
        .iter()
        .map(|q| predicted_key(text, &chars, q))
        .collect();
    let wanted: Vec<Vec<String>> = case.quotes.iter().map(expected_keys).collect();
    let attributed = |e: &ExpectedQuote, p: &WireQuote| {
        speaker_right(e, p.speaker.as_ref()) && outlet_right(e.outlet.as_ref(), p)
    };

    let mut used = vec![false; predicted.len()];
    let mut matched: Vec<Option<usize>> = vec![None; case.quotes.len()];
    for strict in [true, false] {
        for (e, exp) in case.quotes.iter().enumerate() {
            if matched[e].is_some() {
                continue;
            }
            matched[e] = (0..predicted.len()).find(|&p| {
                !used[p]
                    && wanted[e].contains(&keys[p])
                    && (!strict || attributed(exp, &predicted[p]))
            });
            if let Some(p) = matched[e] {
                used[p] = true;
            }
        }
    }

    let mut tally = Tally {
        cases: 1,
        expected: case.quotes.len(),
        predicted: predicted.len(),
        negatives: case.negatives.len(),
        ..Tally::default()
    };
    let mut issues = Vec::new();
    for (exp, m) in case.quotes.iter().zip(&matched) {
        let Some(p) = *m else {
            issues.push(Issue::Missed {
                expected: exp.clone(),
            });
            continue;
        };
        let got = &predicted[p];
        let speaker = speaker_right(exp, got.speaker.as_ref());
        let outlet = outlet_right(exp.outlet.as_ref(), got);
        tally.found += 1;
        tally.speaker += usize::from(speaker);
        tally.outlet += usize::from(outlet);
        tally.right += usize::from(speaker && outlet);
        tally.kind += usize::from(exp.kind == got.kind);
        tally.cue += usize::from(cue_right(exp.cue.as_deref(), got));
        if !(speaker && outlet) {
            issues.push(Issue::WrongAttribution {
                expected: exp.clone(),
                got: Got::new(keys[p].clone(), got),
            });
        }
    }
    for (p, q) in predicted.iter().enumerate() {
        if !used[p] {
            issues.push(Issue::Unexpected {
                got: Got::new(keys[p].clone(), q),
            });
        }
    }
    for n in &case.negatives {
        let key = normalise([n.text.as_str()]);
        if (0..predicted.len()).any(|p| !used[p] && keys[p] == key) {
            tally.taken += 1;
            issues.push(Issue::Taken {
                negative: n.clone(),
            });
        }
    }
    CaseScore {
        id: case.id.clone(),
        category: case.category.clone(),
        split: case.split,
        tally,
        issues,
    }
}

/// One line of the report: a split (or both) and a category (or all).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The half, `None` for both together.
    pub split: Option<Split>,
    /// The category, `None` for all together.
    pub category: Option<String>,
    /// The counts.
    #[serde(flatten)]
    pub tally: Tally,
    /// [`Tally::recall`].
    pub recall: f64,
    /// [`Tally::found_rate`].
    pub found_rate: f64,
    /// [`Tally::precision`].
    pub precision: f64,
}

impl Row {
    fn new(split: Option<Split>, category: Option<String>, tally: Tally) -> Self {
        Row {
            split,
            category,
            tally,
            recall: tally.recall(),
            found_rate: tally.found_rate(),
            precision: tally.precision(),
        }
    }
}

/// Scores of a set of cases: one row per split and category, a total per split and, when
/// both splits are present, a grand total; and every case's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Rows: per split, each category then the split's total; then both splits together.
    pub rows: Vec<Row>,
    /// Per case, in input order.
    pub cases: Vec<CaseScore>,
}

impl Report {
    /// The row of one split (or both, `None`) and one category (or all, `None`).
    pub fn row(&self, split: Option<Split>, category: Option<&str>) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.split == split && r.category.as_deref() == category)
    }

    /// The total row of the cases scored: both splits when both are present, else the one.
    pub fn total(&self) -> Option<&Row> {
        self.rows.iter().rev().find(|r| r.category.is_none())
    }

    /// Writes every case's issues, one line each, led by the case id.
    pub fn write_errors(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let who = |s: &Option<String>| s.as_deref().unwrap_or("-").to_string();
        let outlet = |o: &Option<ExpectedOutlet>| {
            o.as_ref()
                .map_or("-".to_string(), |o| format!("{}/{:?}", o.name, o.relation))
        };
        for c in &self.cases {
            for issue in &c.issues {
                let line = match issue {
                    Issue::Missed { expected: e } => format!(
                        "missed      {:?} [{} | {} | {}]",
                        normalise([e.text.as_str()]),
                        who(&e.speaker),
                        who(&e.cue),
                        outlet(&e.outlet)
                    ),
                    Issue::WrongAttribution {
                        expected: e,
                        got: g,
                    } => format!(
                        "wrong       {:?} expected [{} | {}] got [{} | {}]",
                        g.text,
                        who(&e.speaker),
                        outlet(&e.outlet),
                        who(&g.speaker),
                        outlet(&g.outlet)
                    ),
                    Issue::Unexpected { got: g } => format!(
                        "unexpected  {:?} [{} | {} | {}]",
                        g.text,
                        who(&g.speaker),
                        who(&g.cue),
                        outlet(&g.outlet)
                    ),
                    Issue::Taken { negative: n } => {
                        format!("taken       {:?} ({:?})", n.text, n.what)
                    }
                };
                writeln!(out, "{:<18} {line}", c.id)?;
            }
        }
        Ok(())
    }
}

/// Scores `cases` against `predicted` (the quotes output for each case's text, in the same
/// order; a missing entry counts as no quotes).
pub fn score(cases: &[Case], predicted: &[Vec<WireQuote>]) -> Report {
    let scores: Vec<CaseScore> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| score_case(c, predicted.get(i).map_or(&[][..], Vec::as_slice)))
        .collect();
    let mut groups: BTreeMap<(Split, &str), Tally> = BTreeMap::new();
    for s in &scores {
        groups
            .entry((s.split, s.category.as_str()))
            .or_default()
            .add(&s.tally);
    }
    let mut rows = Vec::new();
    let mut grand = Tally::default();
    let mut splits = 0;
    for split in [Split::Dev, Split::Held] {
        let mut total = Tally::default();
        let mut any = false;
        for ((_, category), t) in groups
            .range((split, "")..)
            .take_while(|((s, _), _)| *s == split)
        {
            rows.push(Row::new(Some(split), Some(category.to_string()), *t));
            total.add(t);
            any = true;
        }
        if any {
            rows.push(Row::new(Some(split), None, total));
            grand.add(&total);
            splits += 1;
        }
    }
    if splits > 1 {
        rows.push(Row::new(None, None, grand));
    }
    Report {
        rows,
        cases: scores,
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<5} {:<13} {:>5} {:>8} {:>5} {:>5} {:>6} {:>9} {:>9} {:>7} {:>6} {:>4} {:>4} {:>6}",
            "split",
            "category",
            "cases",
            "expected",
            "found",
            "right",
            "recall",
            "predicted",
            "precision",
            "speaker",
            "outlet",
            "kind",
            "cue",
            "taken"
        )?;
        for r in &self.rows {
            let t = &r.tally;
            writeln!(
                f,
                "{:<5} {:<13} {:>5} {:>8} {:>5} {:>5} {:>6.3} {:>9} {:>9.3} {:>7} {:>6} {:>4} {:>4} {:>6}",
                r.split.map_or("all".to_string(), |s| s.to_string()),
                r.category.as_deref().unwrap_or("all"),
                t.cases,
                t.expected,
                t.found,
                t.right,
                r.recall,
                t.predicted,
                r.precision,
                t.speaker,
                t.outlet,
                t.kind,
                t.cue,
                format!("{}/{}", t.taken, t.negatives)
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::wire::{QuoteOutlet, TextSpan};

    fn expected(text: &str, speaker: Option<&str>) -> ExpectedQuote {
        ExpectedQuote {
            text: text.into(),
            pieces: None,
            alt: Vec::new(),
            kind: QuoteKind::Direct,
            speaker: speaker.map(str::to_string),
            cue: Some("said".into()),
            outlet: None,
        }
    }

    fn case(text: &str, quotes: Vec<ExpectedQuote>) -> Case {
        Case {
            id: "t-001".into(),
            category: "t".into(),
            register: "wire".into(),
            split: Split::Dev,
            style: None,
            text: text.into(),
            quotes,
            negatives: Vec::new(),
            note: None,
        }
    }

    /// A prediction over `content` (found in `text`), with a speaker mention and its name.
    fn pred(text: &str, content: &str, mention: Option<&str>, name: Option<&str>) -> WireQuote {
        let byte = text.find(content).expect("content in text");
        let start = text[..byte].chars().count();
        WireQuote {
            text: content.into(),
            start,
            end: start + content.chars().count(),
            spans: None,
            kind: QuoteKind::Direct,
            cue: Some(TextSpan {
                text: "said".into(),
                start: 0,
                end: 4,
            }),
            speaker: mention.map(|m| QuoteSpeaker {
                text: m.into(),
                start: 0,
                end: m.chars().count(),
                kind: crate::doc::MentionKind::Name,
                name: name.map(str::to_string),
                id: None,
            }),
            outlet: None,
            confidence: 0.9,
        }
    }

    #[test]
    fn normalise_trims_marks_punctuation_and_spaces() {
        let table: &[(&[&str], &str, &str)] = &[
            (&["“We will win,”"], "We will win", "curly marks and comma"),
            (
                &["  'Tis the season, '"],
                "Tis the season",
                "apostrophe at the edge",
            ),
            (&["``No.''"], "No", "LaTeX marks"),
            (&["« Oui »"], "Oui", "spaced guillemets"),
            (&["A,", "B."], "A B", "pieces joined with a space"),
            (
                &["one\ntwo  three"],
                "one two three",
                "line break and spaces",
            ),
            (&["A.\n\n“B."], "A. B", "reopening mark of a new paragraph"),
            (&["A.\n\n  ‘B"], "A. B", "reopening mark after indentation"),
            (
                &["the “green” plan"],
                "the “green” plan",
                "inner marks stay",
            ),
            (&["—", "x"], "x", "an empty piece is dropped"),
        ];
        for (pieces, want, why) in table {
            assert_eq!(normalise(pieces.iter().copied()), *want, "{why}");
        }
    }

    #[test]
    fn found_right_speaker_by_name_or_mention() {
        let text = "“We will win,” said Ana Ruiz. “Soon,” she said.";
        let c = case(
            text,
            vec![
                expected("We will win,", Some("Ana Ruiz")),
                expected("Soon,", Some("Ana Ruiz")),
            ],
        );
        let s = score_case(
            &c,
            &[
                pred(text, "We will win,", Some("Ana Ruiz"), None),
                pred(text, "Soon", Some("she"), Some("ana ruiz")),
            ],
        );
        assert_eq!((s.tally.found, s.tally.right, s.tally.predicted), (2, 2, 2));
        assert!(s.issues.is_empty());
    }

    #[test]
    fn wrong_speaker_is_found_but_not_right() {
        let text = "“Soon,” she said.";
        let c = case(text, vec![expected("Soon,", Some("Ana Ruiz"))]);
        let s = score_case(&c, &[pred(text, "Soon,", Some("she"), None)]);
        assert_eq!((s.tally.found, s.tally.right, s.tally.speaker), (1, 0, 0));
        assert!(matches!(s.issues[0], Issue::WrongAttribution { .. }));
        // an expected null speaker needs none
        let c = case(text, vec![expected("Soon,", None)]);
        assert_eq!(
            score_case(&c, &[pred(text, "Soon,", None, None)])
                .tally
                .right,
            1
        );
        assert_eq!(
            score_case(&c, &[pred(text, "Soon,", Some("she"), None)])
                .tally
                .right,
            0
        );
    }

    #[test]
    fn outlet_needs_name_and_relation() {
        let text = "Talks stalled, per Reuters.";
        let mut e = expected("Talks stalled", Some("Reuters"));
        e.outlet = Some(ExpectedOutlet {
            name: "Reuters".into(),
            relation: OutletRelation::Source,
        });
        let c = case(text, vec![e]);
        let with = |relation| {
            let mut p = pred(text, "Talks stalled", Some("Reuters"), None);
            p.outlet = Some(QuoteOutlet {
                name: "Reuters".into(),
                text: "Reuters".into(),
                start: 19,
                end: 26,
                relation,
            });
            p
        };
        assert_eq!(
            score_case(&c, &[with(OutletRelation::Source)]).tally.right,
            1
        );
        let s = score_case(&c, &[with(OutletRelation::Wire)]);
        assert_eq!((s.tally.found, s.tally.outlet, s.tally.right), (1, 0, 0));
        let s = score_case(&c, &[pred(text, "Talks stalled", Some("Reuters"), None)]);
        assert_eq!(s.tally.right, 0);
    }

    #[test]
    fn outlet_alias_as_expected_speaker() {
        let text = "Talks stalled, AFP said. The agency said so.";
        let mut e = expected("Talks stalled", Some("AFP"));
        e.outlet = Some(ExpectedOutlet {
            name: "Agence France-Presse".into(),
            relation: OutletRelation::Source,
        });
        let c = case(text, vec![e.clone()]);
        let mut p = pred(text, "Talks stalled", Some("The agency"), None);
        p.outlet = Some(QuoteOutlet {
            name: "Agence France-Presse".into(),
            text: "AFP".into(),
            start: 15,
            end: 18,
            relation: OutletRelation::Source,
        });
        let mut named = p.clone();
        if let Some(sp) = named.speaker.as_mut() {
            sp.name = Some("Agence France-Presse".into());
        }
        assert_eq!(score_case(&c, &[named.clone()]).tally.right, 1);
        // unresolved, the mention names another outlet's alias: wrong
        assert_eq!(score_case(&c, &[p]).tally.right, 0);
        // "AFP" is no alias of Reuters
        e.outlet = Some(ExpectedOutlet {
            name: "Reuters".into(),
            relation: OutletRelation::Source,
        });
        named.outlet.as_mut().unwrap().name = "Reuters".into();
        named.speaker.as_mut().unwrap().name = Some("Reuters".into());
        assert_eq!(score_case(&case(text, vec![e]), &[named]).tally.right, 0);
    }

    #[test]
    fn interrupted_quote_matches_by_pieces() {
        let text = "“A first part,” she said, “and a second.”";
        let mut e = expected("A first part,” she said, “and a second.", Some("she"));
        e.pieces = Some(vec!["A first part,".into(), "and a second.".into()]);
        let c = case(text, vec![e]);
        let mut p = pred(
            text,
            "A first part,” she said, “and a second.",
            Some("she"),
            None,
        );
        p.spans = Some(vec![[1, 14], [27, 40]]);
        let s = score_case(&c, &[p.clone()]);
        assert_eq!(s.tally.right, 1, "{:?}", s.issues);
        // the whole extent without pieces is not the quote
        p.spans = None;
        assert_eq!(score_case(&c, &[p]).tally.found, 0);
    }

    #[test]
    fn alternatives_count_and_each_prediction_matches_once() {
        let text = "He called it a “breakthrough” twice: “breakthrough”.";
        let mut e = expected("breakthrough", Some("He"));
        e.alt = vec!["it a “breakthrough”".into()];
        let c = case(text, vec![e]);
        let s = score_case(&c, &[pred(text, "it a “breakthrough”", Some("He"), None)]);
        assert_eq!(s.tally.right, 1);
        let s = score_case(
            &c,
            &[
                pred(text, "breakthrough", Some("He"), None),
                pred(text, "it a “breakthrough”", Some("He"), None),
            ],
        );
        assert_eq!((s.tally.found, s.tally.predicted), (1, 2));
        assert!((s.tally.precision() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn a_right_match_is_preferred_over_a_wrong_one() {
        let text = "“Yes.” “Yes.”";
        let c = case(
            text,
            vec![expected("Yes.", Some("Kim")), expected("Yes.", Some("Lee"))],
        );
        let s = score_case(
            &c,
            &[
                pred(text, "Yes.", Some("Lee"), None),
                pred(text, "Yes.", Some("Kim"), None),
            ],
        );
        assert_eq!(s.tally.right, 2);
    }

    #[test]
    fn negatives_are_taken_only_by_unmatched_predictions() {
        let text = "The so-called “green” plan failed.";
        let mut c = case(text, Vec::new());
        c.negatives = vec![Negative {
            text: "green".into(),
            what: NegativeKind::Scare,
        }];
        let s = score_case(&c, &[pred(text, "green", None, None)]);
        assert_eq!((s.tally.taken, s.tally.predicted, s.tally.found), (1, 1, 0));
        assert_eq!(s.tally.precision(), 0.0);
        assert_eq!(score_case(&c, &[]).tally.taken, 0);
    }

    #[test]
    fn report_rows_per_split_and_category() {
        let text = "“Soon,” said Kim.";
        let mut a = case(text, vec![expected("Soon,", Some("Kim"))]);
        a.category = "marks".into();
        let mut b = a.clone();
        b.split = Split::Held;
        b.category = "outlets".into();
        let preds = vec![vec![pred(text, "Soon", Some("Kim"), None)], Vec::new()];
        let r = score(&[a, b], &preds);
        let dev = r.row(Some(Split::Dev), Some("marks")).expect("dev row");
        assert_eq!((dev.tally.right, dev.recall), (1, 1.0));
        let held = r.row(Some(Split::Held), None).expect("held total");
        assert_eq!((held.tally.expected, held.recall), (1, 0.0));
        let all = r.total().expect("total");
        assert_eq!(
            (all.split, all.tally.expected, all.tally.right),
            (None, 2, 1)
        );
        assert!(r.to_string().contains("outlets"));
        let mut errors = String::new();
        r.write_errors(&mut errors).expect("write");
        assert!(errors.starts_with("t-001") && errors.contains("missed"));
    }

    #[test]
    fn validate_finds_texts_that_are_not_in_the_case() {
        let mut c = case("“Soon,” said Kim.", vec![expected("Later", Some("Kim"))]);
        c.id = "x-1".into();
        let problems = validate(&[c.clone(), c]);
        assert!(problems.iter().any(|p| p.contains("duplicate")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("\"Later\" is not in the text"))
        );
        assert!(problems.iter().any(|p| p.contains("category")));
    }

    #[test]
    fn load_dir_names_the_bad_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = serde_json::to_string(&case("“Soon,” said Kim.", Vec::new())).expect("json");
        std::fs::write(dir.path().join("t.jsonl"), format!("{good}\n\n{good}\n")).expect("write");
        assert_eq!(load_dir(dir.path()).expect("load").len(), 2);
        std::fs::write(dir.path().join("u.jsonl"), format!("{good}\n")).expect("write");
        let err = load_dir(dir.path())
            .expect_err("category mismatch")
            .to_string();
        assert!(err.contains("u.jsonl:1"), "{err}");
        std::fs::write(dir.path().join("u.jsonl"), "{\"id\": 3}\n").expect("write");
        let err = load_dir(dir.path()).expect_err("bad line").to_string();
        assert!(err.contains("u.jsonl:1"), "{err}");
    }
}
