//! News outlets: which organisations a document names and the role each plays.
//!
//! [`OutletFinder`] is a stage. It
//! 1. finds outlet names with one leftmost-longest automaton over the gazetteer's aliases
//!    ([`Gazetteer`], `data/outlets/outlets.tsv`), web domains with a second one, back-references
//!    ("the newspaper", "the agency", "the network") and Reuters signature lines
//!    ("(Reporting by …; Editing by …)");
//! 2. reads each mention's role from its context (`patterns.rs`): `wire`/`publisher` for
//!    datelines ("WASHINGTON (AP) —"), bylines ("By Jane Doe, Reuters") and credit lines;
//!    `interviewer` for "told X", "in an interview with X", "said on X"; `publisher` for "wrote
//!    in X" and "At X, NAME writes" (also after a topic label: "Hard to assess: At X, …");
//!    `source` for "per X", "according to X", "X reported", "reports X", "as reported by X",
//!    "X's NAME", "NAME of X", "X, quoting NAME"; a station's call sign after an affiliate
//!    descriptor ("told ABC affiliate KTRK", "NPR member station WBUR", "local station WXYZ")
//!    names the station that plays the role, an outlet of its own even when the gazetteer does
//!    not list it, and the network before it plays none; so does a four-letter call sign
//!    right after "told", "speaking to" or "interview with" ("speaking to KCUR");
//! 3. resolves ambiguous short forms ("the Times", "the Post", "AP", "Fox", "The Sun"; "The
//!    Star" after "The Kansas City Star" is that paper, whatever the list says): they
//!    count only in an attribution pattern or when a candidate outlet is named elsewhere in the
//!    document, and go to the candidate named most recently; back-references go to the most
//!    recent outlet of a compatible type within two sentences;
//! 4. fills `Doc::outlets` and `Doc::outlet_mentions`.
//!
//! [`OutletLinker`], the last stage, then links quotes, speaker mentions and speakers to
//! those outlets (see `link.rs`): quotes with no outlet in their attribution take the
//! article's wire or publisher credit.

mod gazetteer;
mod link;
mod patterns;

pub use gazetteer::{Alias, Entry, Gazetteer, OutletType};
pub use link::OutletLinker;

use crate::doc::{Doc, Outlet, OutletId, OutletMention, OutletRelation, Span};
use crate::error::Result;
use crate::pipeline::{Contract, Layer, Stage};
use gazetteer::{BackRefClass, NameHit, NamePattern};
use patterns::{Patterns, Role, Site, Strength, ceil_char, floor_char};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// How far to look for the line around a mention, in bytes.
const LINE_SCAN: usize = 2000;
/// Longest line read as a whole (bylines, credit lines).
const SHORT_LINE: usize = 200;
/// Credit lines stand in the first or last this many paragraphs.
const EDGE_PARAGRAPHS: usize = 3;
/// How many sentences back a back-reference may reach.
const BACKREF_SENTENCES: usize = 2;
/// The outlet whose house style the signature line is.
const SIGNATURE_OUTLET: &str = "Reuters";

/// Finds outlets and attaches them to quotes.
#[derive(Debug)]
pub struct OutletFinder {
    gazetteer: Arc<Gazetteer>,
    patterns: Patterns,
    signature_outlet: Option<u32>,
}

/// Where a candidate mention came from.
#[derive(Debug, Clone, Copy)]
enum What {
    Alias(u32),
    BackRef(BackRefClass),
    Domain(u32),
    Signature(u32),
}

/// A mention kept by detection.
#[derive(Debug, Clone, Copy)]
struct Kept {
    span: Span,
    /// The gazetteer entry; unused when `call_sign` is set.
    entry: u32,
    /// A station's call sign the gazetteer does not list ("ABC affiliate KTRK"): the outlet is
    /// named by the text over `span`.
    call_sign: bool,
    role: Role,
    sentence: usize,
}

impl OutletFinder {
    /// Builds the built-in gazetteer plus `extra` files, which add entries or override
    /// built-in ones (format: `data/outlets/README.md`); a bad line is an `Error::Data` naming
    /// the file and line. All automata and patterns are compiled here, once.
    pub fn new(extra: &[PathBuf]) -> Result<Self> {
        Self::with_gazetteer(Arc::new(Gazetteer::new(extra)?))
    }

    /// Builds the stage over a gazetteer compiled elsewhere, so that a pipeline compiles its
    /// automata once for this stage and the speakers' outlet names.
    pub fn with_gazetteer(gazetteer: Arc<Gazetteer>) -> Result<Self> {
        let signature_outlet = gazetteer.index_of(SIGNATURE_OUTLET);
        Ok(OutletFinder {
            gazetteer,
            patterns: Patterns::new()?,
            signature_outlet,
        })
    }

    /// The gazetteer in use.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Finds the outlet mentions of `doc` with their roles, in text order.
    fn detect(&self, doc: &Doc) -> Vec<Kept> {
        let text: &str = &doc.text;
        let mut cands: Vec<(Span, What)> = Vec::new();
        let mut names: Vec<NameHit> = Vec::new();
        self.gazetteer.find_names(text, &mut names);
        for h in names {
            cands.push((
                h.span,
                match self.gazetteer.pattern(h.pattern) {
                    NamePattern::Alias { .. } => What::Alias(h.pattern),
                    NamePattern::BackRef(c) => What::BackRef(*c),
                },
            ));
        }
        let mut domains = Vec::new();
        self.gazetteer.find_domains(text, &mut domains);
        cands.extend(domains.into_iter().map(|(s, e)| (s, What::Domain(e))));
        if let Some(r) = self.signature_outlet
            && text.contains("eporting by")
        {
            for m in self.patterns.signature.find_iter(text) {
                cands.push((Span::new(m.start(), m.end()), What::Signature(r)));
            }
        }
        cands.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut last_end = 0;
        cands.retain(|(s, _)| {
            let keep = s.start >= last_end;
            if keep {
                last_end = s.end;
            }
            keep
        });

        // Outlets named unambiguously somewhere in the document.
        let mut named: HashSet<u32> = HashSet::new();
        for (_, w) in &cands {
            match *w {
                What::Alias(p) => {
                    if let NamePattern::Alias {
                        candidates,
                        ambiguous: false,
                        ..
                    } = self.gazetteer.pattern(p)
                        && candidates.len() == 1
                    {
                        named.insert(candidates[0]);
                    }
                }
                What::Domain(e) => {
                    named.insert(e);
                }
                _ => {}
            }
        }

        let mut kept: Vec<Kept> = Vec::new();
        let mut last_seen: HashMap<u32, usize> = HashMap::new();
        for (i, &(span, what)) in cands.iter().enumerate() {
            // "the newspaper El País": the descriptor is not a mention of its own.
            if matches!(what, What::BackRef(_))
                && cands
                    .get(i + 1)
                    .is_some_and(|(next, _)| text[span.end..next.start].trim().is_empty())
            {
                continue;
            }
            let site = site(doc, span);
            let sentence = doc.sentence_at(span.start).unwrap_or(0);
            let accepted = match what {
                What::Alias(p) => self.alias(&site, p, &named, &last_seen),
                What::Domain(e) => {
                    let mut role = self.patterns.classify(&site, self.gazetteer.entry(e).kind);
                    if role.relation.is_none() && is_link(text, span) {
                        role.relation = Some(OutletRelation::Source);
                    }
                    Some((e, role))
                }
                What::Signature(e) => {
                    let wire = self.gazetteer.entry(e).kind == OutletType::Wire;
                    Some((
                        e,
                        Role {
                            relation: Some(if wire {
                                OutletRelation::Wire
                            } else {
                                OutletRelation::Publisher
                            }),
                            strength: Strength::Strong,
                            credit: true,
                            claimant: false,
                        },
                    ))
                }
                What::BackRef(class) => self.backref(&site, class, sentence, &kept),
            };
            if let Some((entry, role)) = accepted {
                last_seen.insert(entry, span.start);
                kept.push(Kept {
                    span,
                    entry,
                    call_sign: false,
                    role,
                    sentence,
                });
            }
        }
        self.call_signs(doc, &mut kept);
        kept
    }

    /// Stations named by a call sign after an affiliate descriptor ("told ABC affiliate
    /// KTRK", "local station WXYZ") that the gazetteer does not list: each is an outlet of its
    /// own, a broadcaster, with the role its context gives it. `kept` stays in text order.
    fn call_signs(&self, doc: &Doc, kept: &mut Vec<Kept>) {
        let text: &str = &doc.text;
        let before = kept.len();
        for c in self.patterns.call_sign.captures_iter(text) {
            let (all, m) = match (c.get(0), c.get(1), c.get(2).or_else(|| c.get(3))) {
                (Some(all), Some(m), _) => (all, m),
                // After a verb ("speaking to KCUR"), or before its apposition: the context
                // is around the call sign itself.
                (_, None, Some(m)) => (m, m),
                _ => continue,
            };
            let span = Span::new(m.start(), m.end());
            // The role is read around the whole phrase, network name included ("told ABC
            // affiliate KTRK" is "told X").
            let phrase_start = kept[..before]
                .iter()
                .find(|k| {
                    k.span.end <= all.start() && text[k.span.end..all.start()].trim().is_empty()
                })
                .map_or(all.start(), |k| k.span.start);
            let phrase = site(doc, Span::new(phrase_start, span.end));
            // A listed station ("NPR member station WBUR") keeps its entry, with that role.
            if let Some(k) = kept[..before].iter_mut().find(|k| k.span.overlaps(&span)) {
                if !k.call_sign && k.role.relation.is_none() {
                    let kind = self.gazetteer.entry(k.entry).kind;
                    k.role = self.patterns.classify(&phrase, kind);
                }
                continue;
            }
            let role = self.patterns.classify(&phrase, OutletType::Broadcaster);
            kept.push(Kept {
                span,
                entry: u32::MAX,
                call_sign: true,
                role,
                sentence: doc.sentence_at(span.start).unwrap_or(0),
            });
        }
        if kept.len() > before {
            kept.sort_by_key(|k| k.span.start);
        }
    }

    /// Resolves and accepts (or drops) an alias hit.
    fn alias(
        &self,
        site: &Site<'_>,
        pattern: u32,
        named: &HashSet<u32>,
        last_seen: &HashMap<u32, usize>,
    ) -> Option<(u32, Role)> {
        let NamePattern::Alias {
            candidates,
            ambiguous,
            leading_the,
        } = self.gazetteer.pattern(pattern)
        else {
            return None;
        };
        // "The Star" after "The Kansas City Star": an outlet named earlier in the document
        // whose name ends with the alias's word, even when the list gives the alias to another.
        let word = site.text[site.span].split_whitespace().last().unwrap_or("");
        let shortened = last_seen
            .iter()
            .filter(|(e, _)| {
                let name = &self.gazetteer.entry(**e).name;
                name.split_whitespace().count() > 2 && name.split_whitespace().last() == Some(word)
            })
            .max_by_key(|(_, p)| **p)
            .map(|(e, _)| *e);
        let entry = shortened
            .or_else(|| {
                candidates
                    .iter()
                    .filter_map(|c| last_seen.get(c).map(|p| (*p, *c)))
                    .max()
                    .map(|(_, c)| c)
            })
            .or_else(|| candidates.iter().find(|c| named.contains(c)).copied())
            .or_else(|| candidates.first().copied())?;
        let role = self
            .patterns
            .classify(site, self.gazetteer.entry(entry).kind);
        if !*ambiguous || role.credit {
            return Some((entry, role));
        }
        if part_of_longer_name(site, *leading_the) {
            return None;
        }
        let needed = if *leading_the {
            Strength::Weak
        } else {
            Strength::Strong
        };
        let accept = role.strength >= needed
            || (named.contains(&entry) && !after_locative(site.text, site.span.start));
        accept.then_some((entry, role))
    }

    /// Resolves a back-reference to the most recent compatible outlet, if it plays a role.
    fn backref(
        &self,
        site: &Site<'_>,
        class: BackRefClass,
        sentence: usize,
        kept: &[Kept],
    ) -> Option<(u32, Role)> {
        if part_of_longer_name(site, true) {
            return None;
        }
        let role = self.patterns.classify(site, class.typical());
        if role.relation.is_none() || role.credit {
            return None;
        }
        let k = kept
            .iter()
            .rev()
            .take_while(|k| sentence.saturating_sub(k.sentence) <= BACKREF_SENTENCES)
            .find(|k| {
                !k.role.credit
                    && class.accepts(self.gazetteer.entry(k.entry).kind)
                    && k.span.end <= site.span.start
            })?;
        Some((k.entry, role))
    }
}

/// The clause and line around a mention.
fn site(doc: &Doc, span: Span) -> Site<'_> {
    let text: &str = &doc.text;
    let bytes = text.as_bytes();
    let lo = floor_char(text, span.start.saturating_sub(LINE_SCAN));
    let (line_start, start_found) = match bytes[lo..span.start].iter().rposition(|&b| b == b'\n') {
        Some(i) => (lo + i + 1, true),
        None => (lo, lo == 0),
    };
    let hi = ceil_char(text, span.end + LINE_SCAN);
    let (line_end, end_found) = match bytes[span.end..hi].iter().position(|&b| b == b'\n') {
        Some(i) => (span.end + i, true),
        None => (hi, hi == text.len()),
    };
    let line_span = Span::new(line_start, line_end).trim(text);
    let line = (start_found && end_found && line_span.len() <= SHORT_LINE).then_some(line_span);
    // The clause goes on over a hard wrap inside its sentence ("told the\nBBC that"), not
    // over a line that starts a list item or follows a colon.
    let mut clause_start = line_start;
    while clause_start > lo + 1 && soft_break(bytes, clause_start - 1) {
        clause_start = bytes[lo..clause_start - 1]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |i| lo + i + 1);
    }
    let mut clause_end = line_end;
    while clause_end + 1 < hi && soft_break(bytes, clause_end) {
        clause_end = bytes[clause_end + 1..hi]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(hi, |i| clause_end + 1 + i);
    }
    let clause = doc
        .sentence_at(span.start)
        .map(|i| doc.sentences[i].span)
        .filter(|s| s.contains(&span))
        .map(|s| Span::new(s.start.max(clause_start), s.end.min(clause_end)))
        .unwrap_or(Span::new(line_start, line_end));
    let edge = doc.paragraphs.is_empty() || {
        let i = doc.paragraphs.partition_point(|p| p.end <= span.start);
        i < EDGE_PARAGRAPHS || i + EDGE_PARAGRAPHS >= doc.paragraphs.len()
    };
    Site {
        text,
        span,
        clause,
        line,
        line_start,
        edge,
    }
}

/// True when the line break at byte `i` is a hard wrap inside a paragraph: a single break,
/// the line before not ending in a colon, the line after not opening a list item (a bullet,
/// a dash, a number, a bracket, "b)").
fn soft_break(bytes: &[u8], i: usize) -> bool {
    if bytes.get(i) != Some(&b'\n') || i == 0 || matches!(bytes[i - 1], b'\n' | b'\r' | b':') {
        return false;
    }
    let rest = &bytes[i + 1..];
    let first = rest.iter().position(|&b| b != b' ' && b != b'\t');
    let Some(f) = first else { return false };
    let c = rest[f];
    // An item letter or numeral: "(ii) ", "b) ".
    let item = || {
        let word = &rest[f..];
        let n = word
            .iter()
            .take(5)
            .take_while(|b| b.is_ascii_lowercase())
            .count();
        (1..=4).contains(&n) && word.get(n) == Some(&b')')
    };
    let marker = matches!(c, b'*' | b'-' | b'(' | b'\n' | b'\r')
        || rest[f..].starts_with("\u{2022}".as_bytes())
        || rest[f..].starts_with("\u{2013}".as_bytes())
        || rest[f..].starts_with("\u{2014}".as_bytes())
        || c.is_ascii_digit()
        || item();
    !marker
}

/// True when the domain at `span` is part of a link (scheme, `www.` or a path).
fn is_link(text: &str, span: Span) -> bool {
    let before = &text[floor_char(text, span.start.saturating_sub(3))..span.start];
    before.ends_with("://") || text[span].starts_with("www.") || text[span.end..].starts_with('/')
}

const WEEKDAYS_MONTHS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// An ambiguous form that continues or ends a longer name: "the Post Office", "the Journal
/// of Medicine", "Vicente Fox", "AP Calculus".
fn part_of_longer_name(site: &Site<'_>, leading_the: bool) -> bool {
    let text = site.text;
    let after = &text[site.span.end..];
    if let Some(rest) = after.strip_prefix(' ') {
        let word: &str = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("");
        if word.chars().next().is_some_and(char::is_uppercase) && !WEEKDAYS_MONTHS.contains(&word) {
            return true;
        }
        if let Some(r) = rest.strip_prefix("of ")
            && r.chars().next().is_some_and(char::is_uppercase)
        {
            return true;
        }
    }
    if leading_the {
        return false;
    }
    let before = &text[site.clause.start.min(site.span.start)..site.span.start];
    let Some(b) = before.strip_suffix(' ') else {
        return false;
    };
    let mut words = b.rsplit(' ');
    let prev = words.next().unwrap_or("");
    let prev_is_name = prev.chars().next().is_some_and(char::is_uppercase)
        && prev
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '\u{2019}' | '-'));
    // Capitalised because it starts the sentence, or after a colon, a quotation mark or a
    // list marker ("• At Fortune", "(ii) At Fortune").
    let starts_clause = match words.next() {
        None => true,
        Some(w) => {
            w.is_empty()
                || w.ends_with(['.', ':', ';', '!', '?', '"', '“', '”', '(', ')', '—'])
                || w.chars().all(|c| !c.is_alphanumeric())
        }
    };
    prev_is_name && !starts_clause
}

/// Sets each outlet's relations: every role of every mention of it, sorted.
fn collect_relations(doc: &mut Doc) {
    for o in &mut doc.outlets {
        o.relations.clear();
    }
    for om in &doc.outlet_mentions {
        if let Some(r) = om.relation {
            let rel = &mut doc.outlets[om.outlet.index()].relations;
            if !rel.contains(&r) {
                rel.push(r);
            }
        }
    }
    for o in &mut doc.outlets {
        o.relations.sort();
    }
}

/// "on the Hill", "across the Atlantic": a place, not an outlet.
fn after_locative(text: &str, start: usize) -> bool {
    const LOCATIVE: &[&str] = &[
        "on", "across", "over", "around", "up", "onto", "into", "toward", "towards", "beyond",
        "under", "atop", "off", "cross", "along",
    ];
    let before = text[floor_char(text, start.saturating_sub(20))..start].trim_end();
    let prev = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    LOCATIVE.contains(&prev.to_lowercase().as_str())
}

impl Stage for OutletFinder {
    fn name(&self) -> &'static str {
        "outlets"
    }
    fn contract(&self) -> Contract {
        Contract::new(&[Layer::Sentences, Layer::Tokens], &[Layer::Outlets])
            .invalidating(&[Layer::OutletLinks])
    }
    fn process(&self, doc: &mut Doc) -> Result<()> {
        let kept = self.detect(doc);
        doc.outlets.clear();
        doc.outlet_mentions.clear();
        let mut ids: HashMap<u32, OutletId> = HashMap::new();
        let mut stations: HashMap<String, OutletId> = HashMap::new();
        for k in &kept {
            let new_outlet = |doc: &mut Doc, name: String| {
                doc.outlets.push(Outlet {
                    name,
                    relations: Vec::new(),
                });
                OutletId((doc.outlets.len() - 1) as u32)
            };
            let id = if k.call_sign {
                let name = doc.text[k.span].to_string();
                match stations.get(&name) {
                    Some(&id) => id,
                    None => {
                        let id = new_outlet(doc, name.clone());
                        stations.insert(name, id);
                        id
                    }
                }
            } else {
                match ids.get(&k.entry) {
                    Some(&id) => id,
                    None => {
                        let id = new_outlet(doc, self.gazetteer.entry(k.entry).name.clone());
                        ids.insert(k.entry, id);
                        id
                    }
                }
            };
            doc.outlet_mentions.push(OutletMention {
                outlet: id,
                span: k.span,
                relation: k.role.relation,
                claimant: k.role.claimant,
                credit: k.role.credit,
            });
        }
        collect_relations(doc);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::OutletRelation::{self, *};

    fn run(text: &str) -> Vec<(String, String, Option<OutletRelation>)> {
        let mut doc = crate::pipeline::testing::tokenized(text);
        OutletFinder::new(&[]).unwrap().process(&mut doc).unwrap();
        doc.outlet_mentions
            .iter()
            .map(|m| {
                (
                    doc.text[m.span].to_string(),
                    doc.outlets[m.outlet.index()].name.clone(),
                    m.relation,
                )
            })
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, Want<'_>)] = &[
            (
                "The plan will cost $2 billion, per Reuters.",
                &[("Reuters", "Reuters", Some(Source))],
            ),
            (
                "The mayor told the BBC that she would stay.",
                &[("BBC", "BBC", Some(Interviewer))],
            ),
            // A wire's dateline with no dash ("Place, Mon DD (PTI) …").
            (
                "Ranipur, Jan 12 (PTI) Two workers were hurt, police said.",
                &[("PTI", "Press Trust of India", Some(Wire))],
            ),
            // An affiliate's call sign names the station that plays the role, listed in the
            // gazetteer or not; the network before it plays none.
            (
                "A ranger told CNN affiliate WXKT that the trail was shut.",
                &[("CNN", "CNN", None), ("WXKT", "WXKT", Some(Interviewer))],
            ),
            (
                "The head of the water board told ABC affiliate KZPM that pipes froze.",
                &[
                    ("ABC", "ABC News", None),
                    ("KZPM", "KZPM", Some(Interviewer)),
                ],
            ),
            (
                "A nurse told local station WQRA that beds ran short.",
                &[("WQRA", "WQRA", Some(Interviewer))],
            ),
            (
                "A nurse told NPR member station WBUR that beds ran short.",
                &[("NPR", "NPR", None), ("WBUR", "WBUR", Some(Interviewer))],
            ),
            // A four-letter call sign right after "speaking to" or "told"; a broadcaster's
            // "our partners at".
            (
                "The superintendent, speaking to KQRV, said she would wait.",
                &[("KQRV", "KQRV", Some(Interviewer))],
            ),
            (
                "The chief told our partners at NBC affiliate KZPM that crews were near.",
                &[
                    ("NBC", "NBC News", None),
                    ("KZPM", "KZPM", Some(Interviewer)),
                ],
            ),
            // "The Star" after an outlet whose name ends with it is that outlet.
            (
                "The vote failed, according to The Kansas City Star. The Star now reports that a recount is due.",
                &[
                    ("The Kansas City Star", "The Kansas City Star", Some(Source)),
                    ("The Star", "The Kansas City Star", Some(Source)),
                ],
            ),
            // Near misses: no affiliate descriptor, or no call-sign shape.
            (
                "A nurse told CNN that beds ran short at WQRA hospital.",
                &[("CNN", "CNN", Some(Interviewer))],
            ),
            (
                "A nurse told the local station ABCD that beds ran short.",
                &[],
            ),
            (
                "WASHINGTON (AP) — The Senate voted on Tuesday.",
                &[("AP", "Associated Press", Some(Wire))],
            ),
            (
                "The Post Office closed early, and AP Calculus classes were cancelled.",
                &[],
            ),
            (
                "The New York Times reported the deal. The Times said it had seen the contract.",
                &[
                    ("The New York Times", "The New York Times", Some(Source)),
                    ("The Times", "The New York Times", Some(Source)),
                ],
            ),
            ("Vicente Fox said he would not pay for the wall.", &[]),
            (
                "At the BBC, Tom Ashby writes that the talks stalled.",
                &[("BBC", "BBC", Some(Publisher))],
            ),
            (
                "• Hard to assess: At the BBC, Tom Ashby writes that the talks stalled.",
                &[("BBC", "BBC", Some(Publisher))],
            ),
            // A guest on a programme is interviewed by it.
            (
                "On NPR, historian Joan Beale says the treaty is old.",
                &[("NPR", "NPR", Some(Interviewer))],
            ),
            (
                "The Post’s Dana Kerr reports that the agency lost laptops.",
                &[("The Post", "The Washington Post", Some(Publisher))],
            ),
            // The outlet's own writer arguing in its pages; its reporter saying is a source.
            (
                "Le Monde’s Claire Duval argues that the rules are too tight.",
                &[("Le Monde", "Le Monde", Some(Publisher))],
            ),
            (
                "CNN's Dana Bash said the vote was close.",
                &[("CNN", "CNN", Some(Source))],
            ),
        ];
        check(cases);
    }

    type Want<'a> = &'a [(&'a str, &'a str, Option<OutletRelation>)];

    fn check(cases: &[(&str, Want<'_>)]) {
        for (text, want) in cases {
            let got = run(text);
            let want: Vec<_> = want
                .iter()
                .map(|(a, b, r)| (a.to_string(), b.to_string(), *r))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    /// Writers, broadcast comments and stations an apposition or a back-reference names.
    #[test]
    fn writers_broadcasts_and_stations() {
        let cases: &[(&str, Want<'_>)] = &[
            // An outlet's own critic writes in it; an ambiguous name ("Variety") with them.
            (
                "Variety's chief critic, Ann Hale, writes that it is dull.",
                &[("Variety", "Variety", Some(Publisher))],
            ),
            // "And in X, Name makes the case that …" in a numbered round-up.
            (
                "3. And in Le Monde, Claire Duval makes the case that the vote slipped.",
                &[("Le Monde", "Le Monde", Some(Publisher))],
            ),
            // A time adjunct between speaking and the outlet.
            (
                "Speaking on Sunday to NHK, the mayor said the roads were shut.",
                &[("NHK", "NHK", Some(Interviewer))],
            ),
            // A round-up's verbs for what a piece says ("notes", "points out") are writing;
            // "says" stays a journalist speaking.
            (
                "Le Monde's Claire Duval notes that the vote slipped.",
                &[("Le Monde", "Le Monde", Some(Publisher))],
            ),
            (
                "Claire Duval of Le Monde says the vote slipped.",
                &[("Le Monde", "Le Monde", Some(Source))],
            ),
            // Comments that an outlet broadcast were made to it.
            (
                "In comments broadcast by the BBC on Monday, the mayor said the pier would close.",
                &[("BBC", "BBC", Some(Interviewer))],
            ),
            // "The programme" points back at a broadcaster.
            (
                "Fares will rise, Channel 4 News has learned. The programme said it had seen emails.",
                &[
                    ("Channel 4 News", "Channel 4 News", Some(Source)),
                    ("The programme", "Channel 4 News", Some(Source)),
                ],
            ),
            // A call sign that an apposition calls a station, before its verb.
            (
                "Fares will rise, KQRV, the CBS affiliate in Tulsa, reported.",
                &[("KQRV", "KQRV", Some(Source)), ("CBS", "CBS News", None)],
            ),
        ];
        check(cases);
    }
}
