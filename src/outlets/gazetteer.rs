//! The outlet gazetteer: entries read from TSV files and compiled once into two automata, one
//! for names (case-sensitive, with generated variants) and one for web domains.
//!
//! The file format is documented in `data/outlets/README.md`.

use crate::doc::Span;
use crate::error::{Error, Result};
use crate::lexicon::{self, Comments};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The built-in gazetteer.
const BUILTIN: &str = include_str!("../../data/outlets/outlets.tsv");
/// How the built-in file is named in error messages.
const BUILTIN_PATH: &str = "data/outlets/outlets.tsv";

/// What kind of organisation an outlet is; back-references ("the newspaper", "the agency")
/// resolve only to outlets of a compatible type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutletType {
    /// News agency whose copy other outlets run (Reuters, AP, AFP).
    Wire,
    /// Printed daily or weekly newspaper.
    Newspaper,
    /// Television or radio network.
    Broadcaster,
    /// Magazine.
    Magazine,
    /// Online-first outlet.
    Online,
}

impl OutletType {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "wire" => OutletType::Wire,
            "newspaper" => OutletType::Newspaper,
            "broadcaster" => OutletType::Broadcaster,
            "magazine" => OutletType::Magazine,
            "online" | "digital" => OutletType::Online,
            _ => return None,
        })
    }
}

/// One form under which an outlet is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The form as listed (without its `~`/`=` prefixes).
    pub text: String,
    /// `~`: also an ordinary phrase; counts only in an outlet context.
    pub ambiguous: bool,
    /// `=`: matched exactly as written, with no generated variants.
    pub exact: bool,
    /// `!`: this entry is the default reading of an alias that several entries share.
    pub default: bool,
}

/// One outlet of the gazetteer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Canonical name, reported in the output.
    pub name: String,
    /// Wire, newspaper, broadcaster, magazine or online.
    pub kind: OutletType,
    /// ISO 3166 alpha-2 country code, if known.
    pub country: Option<String>,
    /// Forms to match.
    pub aliases: Vec<Alias>,
    /// Web domains (lower case, no `www.`).
    pub domains: Vec<String>,
}

/// A line of a gazetteer file: an entry, or the removal of one.
enum Line {
    Entry(Entry),
    Remove(String),
}

/// Parses one gazetteer file; errors name the file and line.
fn parse(text: &str, path: &Path) -> Result<Vec<Line>> {
    let err = |line: usize, reason: String| lexicon::data_error(path, line, reason);
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for entry in lexicon::lines(text, Comments::WholeLine("#")) {
        let n = entry.number;
        let cols = lexicon::split_fields(entry.text.trim_end_matches('\r'));
        if cols.len() != 5 {
            return Err(err(
                n,
                format!(
                    "expected 5 tab-separated columns (name, type, country, aliases, domains), found {}",
                    cols.len()
                ),
            ));
        }
        let name = cols[0];
        if name.is_empty() || name == "-" {
            return Err(err(n, "empty outlet name".into()));
        }
        if !seen.insert(name.to_lowercase()) {
            return Err(err(
                n,
                format!("outlet `{name}` is listed twice in this file"),
            ));
        }
        if cols[1] == "remove" {
            out.push(Line::Remove(name.to_string()));
            continue;
        }
        let kind = OutletType::parse(cols[1]).ok_or_else(|| {
            err(
                n,
                format!(
                    "unknown type `{}` (expected wire, newspaper, broadcaster, magazine, online or remove)",
                    cols[1]
                ),
            )
        })?;
        let country = match cols[2] {
            "" | "-" => None,
            c if (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase()) => {
                Some(c.to_string())
            }
            c => {
                return Err(err(
                    n,
                    format!("bad country code `{c}` (expected e.g. US, GB)"),
                ));
            }
        };
        let mut aliases = Vec::new();
        for a in list(cols[3]) {
            let mut rest = a;
            let (mut ambiguous, mut exact, mut default) = (false, false, false);
            loop {
                if let Some(r) = rest.strip_prefix('~') {
                    ambiguous = true;
                    rest = r;
                } else if let Some(r) = rest.strip_prefix('=') {
                    exact = true;
                    rest = r;
                } else if let Some(r) = rest.strip_prefix('!') {
                    default = true;
                    rest = r;
                } else {
                    break;
                }
            }
            if rest.trim().is_empty() || rest.trim() != rest {
                return Err(err(n, format!("bad alias `{a}`")));
            }
            aliases.push(Alias {
                text: rest.to_string(),
                ambiguous,
                exact,
                default,
            });
        }
        let mut domains = Vec::new();
        for d in list(cols[4]) {
            domains.push(normalize_domain(d).ok_or_else(|| err(n, format!("bad domain `{d}`")))?);
        }
        if aliases.is_empty() && domains.is_empty() {
            return Err(err(
                n,
                format!("outlet `{name}` has no alias and no domain"),
            ));
        }
        out.push(Line::Entry(Entry {
            name: name.to_string(),
            kind,
            country,
            aliases,
            domains,
        }));
    }
    Ok(out)
}

/// Splits a `|`-separated column; `-` is empty.
fn list(col: &str) -> impl Iterator<Item = &str> {
    col.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
}

/// Lower-cases a domain and strips a scheme, `www.` and a trailing slash; None if malformed.
fn normalize_domain(d: &str) -> Option<String> {
    let d = d.to_ascii_lowercase();
    let d = d
        .strip_prefix("https://")
        .or_else(|| d.strip_prefix("http://"))
        .unwrap_or(&d);
    let d = d.strip_prefix("www.").unwrap_or(d);
    let d = d.trim_end_matches('/');
    let ok = d.contains('.')
        && !d.starts_with('.')
        && !d.ends_with('.')
        && d.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    ok.then(|| d.to_string())
}

/// Which outlets a back-reference may point to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BackRefClass {
    /// the newspaper, the paper, the daily, the tabloid.
    Newspaper,
    /// the weekly.
    Weekly,
    /// the agency, the news agency, the wire service.
    Wire,
    /// the network, the broadcaster, the channel, the station, the programme.
    Broadcaster,
    /// the magazine.
    Magazine,
    /// the outlet, the publication, the website.
    Any,
}

impl BackRefClass {
    /// True when an outlet of type `t` can be called this way.
    pub(crate) fn accepts(self, t: OutletType) -> bool {
        use OutletType as T;
        match self {
            BackRefClass::Newspaper => t == T::Newspaper,
            BackRefClass::Weekly => matches!(t, T::Newspaper | T::Magazine),
            BackRefClass::Wire => t == T::Wire,
            BackRefClass::Broadcaster => t == T::Broadcaster,
            BackRefClass::Magazine => t == T::Magazine,
            BackRefClass::Any => true,
        }
    }

    /// The type used to classify the context of a back-reference.
    pub(crate) fn typical(self) -> OutletType {
        match self {
            BackRefClass::Newspaper | BackRefClass::Weekly => OutletType::Newspaper,
            BackRefClass::Wire => OutletType::Wire,
            BackRefClass::Broadcaster => OutletType::Broadcaster,
            BackRefClass::Magazine => OutletType::Magazine,
            BackRefClass::Any => OutletType::Online,
        }
    }
}

/// Common nouns that refer back to an outlet named earlier.
const BACKREFS: &[(&str, BackRefClass)] = &[
    ("newspaper", BackRefClass::Newspaper),
    ("paper", BackRefClass::Newspaper),
    ("daily", BackRefClass::Newspaper),
    ("tabloid", BackRefClass::Newspaper),
    ("broadsheet", BackRefClass::Newspaper),
    ("weekly", BackRefClass::Weekly),
    ("agency", BackRefClass::Wire),
    ("news agency", BackRefClass::Wire),
    ("wire service", BackRefClass::Wire),
    ("news service", BackRefClass::Wire),
    ("newswire", BackRefClass::Wire),
    ("network", BackRefClass::Broadcaster),
    ("broadcaster", BackRefClass::Broadcaster),
    ("channel", BackRefClass::Broadcaster),
    ("cable network", BackRefClass::Broadcaster),
    ("news network", BackRefClass::Broadcaster),
    ("news channel", BackRefClass::Broadcaster),
    ("station", BackRefClass::Broadcaster),
    ("programme", BackRefClass::Broadcaster),
    ("program", BackRefClass::Broadcaster),
    ("news programme", BackRefClass::Broadcaster),
    ("news program", BackRefClass::Broadcaster),
    ("magazine", BackRefClass::Magazine),
    ("publication", BackRefClass::Any),
    ("outlet", BackRefClass::Any),
    ("news outlet", BackRefClass::Any),
    ("news organization", BackRefClass::Any),
    ("news organisation", BackRefClass::Any),
    ("website", BackRefClass::Any),
    ("news site", BackRefClass::Any),
    ("site", BackRefClass::Any),
];

/// What a pattern of the name automaton stands for.
#[derive(Debug, Clone)]
pub(crate) enum NamePattern {
    /// An alias of one or more entries.
    Alias {
        /// Entries that list it, in priority order; the default reading first.
        candidates: Vec<u32>,
        /// Some entry lists it with `~`.
        ambiguous: bool,
        /// The alias begins with "the"/"The".
        leading_the: bool,
    },
    /// "the newspaper", "the agency"...
    BackRef(BackRefClass),
}

/// The compiled gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    names: AhoCorasick,
    name_patterns: Vec<NamePattern>,
    domains: AhoCorasick,
    domain_entries: Vec<u32>,
    by_name: HashMap<String, u32>,
}

/// A raw hit of the name automaton, word boundaries checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameHit {
    pub span: Span,
    pub pattern: u32,
}

impl Gazetteer {
    /// Reads the built-in list and `extra` files (which add entries or override built-in
    /// ones) and compiles the automata.
    pub fn new(extra: &[PathBuf]) -> Result<Self> {
        let mut sources: Vec<Vec<Line>> = vec![parse(BUILTIN, Path::new(BUILTIN_PATH))?];
        for path in extra {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            sources.push(parse(&text, path)?);
        }
        // Later sources first: they override and take priority.
        let mut seen = HashSet::new();
        let mut entries = Vec::new();
        for lines in sources.into_iter().rev() {
            for line in lines {
                match line {
                    Line::Remove(name) => {
                        seen.insert(name.to_lowercase());
                    }
                    Line::Entry(e) => {
                        if seen.insert(e.name.to_lowercase()) {
                            entries.push(e);
                        }
                    }
                }
            }
        }
        Self::compile(entries)
    }

    fn compile(entries: Vec<Entry>) -> Result<Self> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut strings: Vec<String> = Vec::new();
        let mut patterns: Vec<NamePattern> = Vec::new();
        let mut defaults: HashMap<usize, u32> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            for a in &e.aliases {
                for v in variants(a) {
                    let k = *index.entry(v.clone()).or_insert_with(|| {
                        strings.push(v.clone());
                        patterns.push(NamePattern::Alias {
                            candidates: Vec::new(),
                            ambiguous: false,
                            leading_the: starts_with_the(&v),
                        });
                        patterns.len() - 1
                    });
                    if let NamePattern::Alias {
                        candidates,
                        ambiguous,
                        ..
                    } = &mut patterns[k]
                    {
                        if !candidates.contains(&(i as u32)) {
                            candidates.push(i as u32);
                        }
                        if a.default {
                            defaults.entry(k).or_insert(i as u32);
                        }
                        *ambiguous |= a.ambiguous;
                    }
                }
            }
        }
        for (k, d) in defaults {
            if let NamePattern::Alias { candidates, .. } = &mut patterns[k]
                && let Some(pos) = candidates.iter().position(|c| *c == d)
            {
                let c = candidates.remove(pos);
                candidates.insert(0, c);
            }
        }
        for &(noun, class) in BACKREFS {
            for the in ["the", "The"] {
                let v = format!("{the} {noun}");
                if !index.contains_key(&v) {
                    index.insert(v.clone(), patterns.len());
                    strings.push(v);
                    patterns.push(NamePattern::BackRef(class));
                }
            }
        }
        let names = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&strings)
            .map_err(|e| Error::Config(format!("outlet name automaton: {e}")))?;

        let mut dom_index: HashMap<&str, usize> = HashMap::new();
        let mut dom_strings: Vec<&str> = Vec::new();
        let mut domain_entries = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for d in &e.domains {
                // Entries earlier in priority keep a shared domain.
                dom_index.entry(d.as_str()).or_insert_with(|| {
                    dom_strings.push(d.as_str());
                    domain_entries.push(i as u32);
                    dom_strings.len() - 1
                });
            }
        }
        let domains = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&dom_strings)
            .map_err(|e| Error::Config(format!("outlet domain automaton: {e}")))?;
        let by_name = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.to_lowercase(), i as u32))
            .collect();
        Ok(Gazetteer {
            entries,
            names,
            name_patterns: patterns,
            domains,
            domain_entries,
            by_name,
        })
    }

    /// All entries, in priority order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this canonical name (case-insensitive).
    pub fn lookup(&self, name: &str) -> Option<&Entry> {
        self.index_of(name).map(|i| &self.entries[i as usize])
    }

    pub(crate) fn index_of(&self, name: &str) -> Option<u32> {
        self.by_name.get(&name.to_lowercase()).copied()
    }

    pub(crate) fn entry(&self, i: u32) -> &Entry {
        &self.entries[i as usize]
    }

    pub(crate) fn pattern(&self, i: u32) -> &NamePattern {
        &self.name_patterns[i as usize]
    }

    /// Name and back-reference hits on whole words, leftmost-longest.
    pub(crate) fn find_names(&self, text: &str, out: &mut Vec<NameHit>) {
        // A name broken by a hard wrap ("The\nGlobe and Mail") matches as if on one line.
        let joined;
        let text = match join_wrapped_lines(text) {
            Some(j) => {
                joined = j;
                joined.as_str()
            }
            None => text,
        };
        for m in self.names.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if name_boundary_before(text, s) && name_boundary_after(text, e) {
                out.push(NameHit {
                    span: Span::new(s, e),
                    pattern: m.pattern().as_u32(),
                });
            }
        }
    }

    /// Domain hits (host span, subdomains included) with the entry each names.
    pub(crate) fn find_domains(&self, text: &str, out: &mut Vec<(Span, u32)>) {
        // Cheap pre-check: no dot followed by a letter, no domain.
        if !text
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == b'.' && w[1].is_ascii_alphabetic())
        {
            return;
        }
        for m in self.domains.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let bytes = text.as_bytes();
            let before_ok = s == 0 || {
                let b = bytes[s - 1];
                !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'@' || b >= 0x80)
            };
            let after_ok = match bytes.get(e) {
                None => true,
                Some(&b) if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b >= 0x80 => {
                    false
                }
                Some(b'.') => !bytes.get(e + 1).is_some_and(|c| c.is_ascii_alphanumeric()),
                Some(_) => true,
            };
            if !(before_ok && after_ok) {
                continue;
            }
            // Extend left over subdomain labels ("www.", "edition.").
            let mut start = s;
            while start > 0 && bytes[start - 1] == b'.' {
                let mut j = start - 1;
                while j > 0 && (bytes[j - 1].is_ascii_alphanumeric() || bytes[j - 1] == b'-') {
                    j -= 1;
                }
                if j == start - 1 || (j > 0 && bytes[j - 1] == b'@') {
                    break;
                }
                start = j;
            }
            if start > 0 && bytes[start - 1] == b'@' {
                continue;
            }
            out.push((
                Span::new(start, e),
                self.domain_entries[m.pattern().as_usize()],
            ));
        }
    }
}

/// `text` with each single line break (one inside a paragraph) made a space: same length,
/// same offsets; `None` when it has none (most articles: paragraphs only), so nothing is
/// copied.
fn join_wrapped_lines(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let lone = |i: usize| {
        b[i] == b'\n'
            && (i == 0 || !matches!(b[i - 1], b'\n' | b'\r'))
            && b.get(i + 1).is_none_or(|&n| n != b'\n' && n != b'\r')
    };
    let first = first_lone_break(b, &lone)?;
    let mut joined = b.to_vec();
    for (i, c) in joined.iter_mut().enumerate().skip(first) {
        if lone(i) {
            *c = b' ';
        }
    }
    // Only an ASCII byte was replaced by another.
    String::from_utf8(joined).ok()
}

/// The first byte index where `lone` holds among the line breaks of `b`.
fn first_lone_break(b: &[u8], lone: &impl Fn(usize) -> bool) -> Option<usize> {
    b.iter()
        .enumerate()
        .filter(|&(_, &c)| c == b'\n')
        .map(|(i, _)| i)
        .find(|&i| lone(i))
}

fn starts_with_the(s: &str) -> bool {
    s.starts_with("the ") || s.starts_with("The ") || s.starts_with("THE ")
}

/// The strings an alias matches: itself, the other case of a leading "the", the other
/// apostrophe, and capitals for names of five letters or more.
fn variants(a: &Alias) -> Vec<String> {
    let mut v = vec![a.text.clone()];
    if a.exact {
        return v;
    }
    if let Some(rest) = a.text.strip_prefix("The ") {
        v.push(format!("the {rest}"));
    } else if let Some(rest) = a.text.strip_prefix("the ") {
        v.push(format!("The {rest}"));
    }
    for i in 0..v.len() {
        if v[i].contains('\'') {
            let c = v[i].replace('\'', "\u{2019}");
            v.push(c);
        } else if v[i].contains('\u{2019}') {
            let c = v[i].replace('\u{2019}', "'");
            v.push(c);
        }
    }
    let letters = a.text.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 5 && a.text.chars().any(char::is_lowercase) {
        for i in 0..v.len() {
            let up = v[i].to_uppercase();
            v.push(up);
        }
    }
    v.sort();
    v.dedup();
    v
}

/// A name may not continue a word, a handle, a hashtag or a domain.
fn name_boundary_before(text: &str, s: usize) -> bool {
    match text[..s].chars().next_back() {
        None => true,
        Some(c) => !(c.is_alphanumeric() || matches!(c, '@' | '#' | '_' | '.')),
    }
}

/// A name may be followed by punctuation, a possessive or a hyphenated capitalised word
/// ("Post-ABC"), but not by more letters, a lower-case hyphen compound or a domain.
fn name_boundary_after(text: &str, e: usize) -> bool {
    let mut it = text[e..].chars();
    match it.next() {
        None => true,
        Some(c) if c.is_alphanumeric() || c == '_' => false,
        Some('-') => !it
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_numeric()),
        Some('.') => !it.next().is_some_and(|c| c.is_alphanumeric()),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_is_large() {
        let g = Gazetteer::new(&[]).unwrap();
        assert!(g.entries().len() >= 300, "{}", g.entries().len());
        let ap = g.lookup("Associated Press").unwrap();
        assert_eq!(ap.kind, OutletType::Wire);
        assert!(ap.aliases.iter().any(|a| a.text == "AP" && a.ambiguous));
    }

    #[test]
    fn variants_cover_case_and_apostrophes() {
        let v = variants(&Alias {
            text: "The Investor's Daily".into(),
            ambiguous: false,
            exact: false,
            default: false,
        });
        for s in [
            "The Investor's Daily",
            "the Investor's Daily",
            "the Investor\u{2019}s Daily",
            "THE INVESTOR'S DAILY",
        ] {
            assert!(v.iter().any(|x| x == s), "{s} missing from {v:?}");
        }
        let v = variants(&Alias {
            text: "The Blaze".into(),
            ambiguous: false,
            exact: true,
            default: false,
        });
        assert_eq!(v, ["The Blaze"]);
    }

    #[test]
    fn hard_wraps_join_and_paragraphs_stay() {
        assert_eq!(join_wrapped_lines("one\n\ntwo"), None);
        assert_eq!(
            join_wrapped_lines("The\nGlobe and Mail\n\nNext").as_deref(),
            Some("The Globe and Mail\n\nNext")
        );
    }

    #[test]
    fn domains_normalize() {
        assert_eq!(
            normalize_domain("https://www.NYTimes.com/").as_deref(),
            Some("nytimes.com")
        );
        assert_eq!(normalize_domain("no spaces.com"), None);
        assert_eq!(normalize_domain("nodot"), None);
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let cases = [
            "A\tnewspaper\tUS\tA\n",
            "A\tpaper\tUS\tA\ta.com\n",
            "A\tnewspaper\tusa\tA\ta.com\n",
            "A\tnewspaper\tUS\t-\t-\n",
            "A\tnewspaper\tUS\tA\tnot a domain\n",
            "A\tnewspaper\tUS\tA\ta.com\nA\tnewspaper\tUS\tA\ta.com\n",
        ];
        for text in cases {
            match parse(text, Path::new("x.tsv")) {
                Err(Error::Data { path, line, .. }) => {
                    assert_eq!(path, Path::new("x.tsv"));
                    assert!(line >= 1);
                }
                Err(e) => panic!("wrong error for {text:?}: {e}"),
                Ok(_) => panic!("accepted {text:?}"),
            }
        }
    }
}
