//! Person names: finding the name inside a mention, stripping titles and possessives,
//! normalising it for matching, and guessing gender from the first name.

use super::Toks;
use super::lexicons::{HeadClass, Lexicons, norm};
use crate::doc::{EntityLabel, Span};

/// A person's gender as far as the text tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Gender {
    /// Not known (or a unisex first name).
    #[default]
    Unknown,
    /// Male.
    Male,
    /// Female.
    Female,
}

impl Gender {
    /// False only when both are known and differ.
    pub fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }

    /// `self` if known, else `other`.
    pub fn or(self, other: Gender) -> Gender {
        if self == Gender::Unknown { other } else { self }
    }
}

/// The core of a person name: no titles, no possessive.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PersonName {
    /// First token of the core.
    pub lo: usize,
    /// One past its last token.
    pub hi: usize,
    /// Byte extent of the core.
    pub span: Span,
    /// The name as it should be shown.
    pub display: String,
    /// Lowercased words for matching: no periods, initials or suffixes ("Paul D. Ryan Jr." →
    /// `["paul", "ryan"]`).
    pub key: Vec<String>,
}

const SUFFIXES: [&str; 7] = ["jr", "sr", "ii", "iii", "iv", "phd", "md"];
/// Words that open a family name ("van der Heijden", "de la Peña", "bin Rashid").
pub(super) const PARTICLES: [&str; 19] = [
    "de", "da", "del", "della", "di", "du", "dos", "das", "van", "von", "der", "den", "le", "la",
    "bin", "binti", "ibn", "al", "ter",
];
/// Months and weekdays, which are capitalised but name no one when they stand alone.
const CALENDAR: [&str; 19] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
/// Capitalised words that start sentences but never start names.
const CAPS_STOP: [&str; 52] = [
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "for",
    "of",
    "to",
    "as",
    "by",
    "with",
    "when",
    "after",
    "before",
    "while",
    "if",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "my",
    "its",
    "according",
    "meanwhile",
    "however",
    "still",
    "yet",
    "so",
    "then",
    "there",
    "here",
    "now",
    "asked",
    "said",
    "says",
    "what",
    "why",
    "how",
];

impl PersonName {
    /// Builds the name over tokens `[lo, hi)`; `None` when nothing name-like is left.
    pub fn new(toks: &Toks<'_>, lo: usize, mut hi: usize) -> Option<PersonName> {
        while hi > lo && (is_possessive(toks.s(hi - 1)) || !has_alpha(toks.s(hi - 1))) {
            hi -= 1;
        }
        if hi <= lo {
            return None;
        }
        let span = toks.cover(lo, hi);
        let raw = toks.text[span.start..span.end].trim_end_matches(['\'', '\u{2019}']);
        let mut key = Vec::with_capacity(hi - lo);
        for i in lo..hi {
            let low = norm(toks.s(i));
            let low = low.replace('.', "");
            if low.is_empty() || SUFFIXES.contains(&low.as_str()) || !has_alpha(&low) {
                continue;
            }
            if low.chars().count() == 1 && hi - lo > 1 {
                continue;
            }
            key.push(low);
        }
        if key.is_empty() {
            return None;
        }
        Some(PersonName {
            lo,
            hi,
            span: Span::new(span.start, span.start + raw.len()),
            display: display_case(
                &crate::tokens::unwrap_hyphen(raw)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            key,
        })
    }

    /// The given name, when the name has more than one word and does not open with a
    /// family name's particles ("van der Berg", "Van der Heijden"; "Van Morrison" has one).
    pub fn first(&self) -> Option<&str> {
        let particle = |i: usize| {
            self.key
                .get(i)
                .is_some_and(|w| PARTICLES.contains(&w.as_str()))
        };
        let surname = particle(0) && (self.display.starts_with(char::is_lowercase) || particle(1));
        (self.key.len() > 1 && !surname).then(|| self.key[0].as_str())
    }

    /// Gender from the first-name lexicon (single words are taken as surnames: unknown).
    pub fn gender(&self, lex: &Lexicons) -> Gender {
        self.first()
            .and_then(|f| lex.first_name(f))
            .unwrap_or_default()
    }
}

/// Title-cases a name written in capitals ("WALLACE" → "Wallace"); leaves others alone.
fn display_case(raw: &str) -> String {
    let letters: Vec<char> = raw.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 4 || letters.iter().any(|c| c.is_lowercase()) {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut start = true;
    for c in raw.chars() {
        if c.is_alphabetic() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = true;
        }
    }
    out
}

fn has_alpha(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// True for the possessive clitic as the tokenizer splits it (`'s`, `’s`, or a bare `'`).
pub(super) fn is_possessive(s: &str) -> bool {
    matches!(
        s,
        "'s" | "\u{2019}s" | "'S" | "\u{2019}S" | "'" | "\u{2019}"
    )
}

/// True for a word that starts with a capital letter.
pub(super) fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// True for a word that may be part of a person name ("Vladimir", "D.", "O'Neill", "WALLACE").
fn is_name_token(s: &str) -> bool {
    is_capitalized(s) && has_alpha(s) && !CAPS_STOP.contains(&s.to_lowercase().as_str())
}

/// True for a title-like word that may precede a name: a title, role qualifier, honorific,
/// nationality or party ("Sen.", "Former", "Mr.", "Russian").
pub(super) fn is_title_like(lex: &Lexicons, low: &str) -> bool {
    lex.is_title(low) || lex.is_modifier(low) || lex.is_demonym(low) || lex.gendered(low).is_some()
}

/// Drops leading titles from the run `[lo, hi)`: the core starts after the last title-like word
/// that still leaves a word ("Retired Lt. Gen. Michael Flynn" → "Michael Flynn").
pub(super) fn strip_titles(toks: &Toks<'_>, lo: usize, hi: usize, lex: &Lexicons) -> usize {
    let mut start = lo;
    for i in lo..hi.saturating_sub(1) {
        if is_title_like(lex, &norm(toks.s(i))) {
            start = i + 1;
        }
    }
    start
}

/// Maximal runs of name-like tokens in `[lo, hi)` that stay inside one sentence
/// ("Retired Lt. Gen. Michael Flynn", "Charles de Gaulle").
pub(super) fn name_runs(toks: &Toks<'_>, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = lo;
    while i < hi {
        if !is_name_token(toks.s(i)) {
            i += 1;
            continue;
        }
        let start = i;
        let sentence = toks.tokens[i].sentence;
        while i < hi && toks.tokens[i].sentence == sentence {
            let s = toks.s(i);
            let low = s.to_lowercase();
            let particle = PARTICLES.contains(&low.as_str())
                && i + 1 < hi
                && is_name_token(toks.s(i + 1))
                && i > start;
            if is_name_token(s) || particle {
                i += 1;
            } else {
                break;
            }
        }
        runs.push((start, i));
    }
    runs
}

/// Capitalised last words that mark an organisation, not a person, when no NER says so:
/// legal forms, news titles, and the trade words that end company names ("Corrin Telecom",
/// "Northgate Rail", "Halloran's Bakery").
const ORG_SUFFIXES: &[&str] = &[
    "house",
    "inc",
    "corp",
    "co",
    "ltd",
    "llc",
    "plc",
    "gmbh",
    "association",
    "times",
    "post",
    "news",
    "journal",
    "press",
    "motors",
    "airlines",
    "airways",
    "bank",
    "group",
    "holdings",
    "telecom",
    "energy",
    "foods",
    "logistics",
    "pharmaceuticals",
    "pharma",
    "rail",
    "railways",
    "bakery",
    "brewery",
    "systems",
    "technologies",
    "industries",
    "insurance",
    "mining",
    "shipping",
    "steel",
    "partners",
    "capital",
    "labs",
    "ferries",
    "railway",
    "distillers",
    "distillery",
    "brewing",
    "breweries",
    "farms",
    "hotels",
    "resorts",
    "stores",
    "supermarkets",
    "electric",
    "electronics",
    "chemicals",
    "semiconductor",
    "semiconductors",
    "robotics",
    "aggregates",
    "polymers",
    "software",
    "ventures",
    "securities",
    "steelworks",
    "leisure",
    "aviation",
    "aerospace",
    "automotive",
    "therapeutics",
    "utilities",
];

/// True when the token before `hi` is one of [`ORG_SUFFIXES`].
pub(super) fn ends_in_org_word(toks: &Toks<'_>, hi: usize) -> bool {
    hi > 0 && ORG_SUFFIXES.contains(&norm(toks.s(hi - 1)).as_str())
}

/// True when the run `[lo, hi)` names an organisation, a group ("House Republicans") or a
/// place rather than a person.
pub(super) fn not_a_person(toks: &Toks<'_>, lo: usize, hi: usize, lex: &Lexicons) -> bool {
    let last = norm(toks.s(hi - 1));
    let group = super::lexicons::singular(&last).is_some_and(|s| lex.is_demonym(s));
    let words: Vec<String> = (lo..hi).map(|k| norm(toks.s(k))).collect();
    let start = usize::from(words.first().is_some_and(|w| w == "the"));
    ends_in_org_word(toks, hi)
        || lex
            .head(&last)
            .is_some_and(|h| h.class != HeadClass::Person)
        || group
        || lex.is_place(&words[start..].join(" "))
}

/// Finds the person named in tokens `[lo, hi)`: a PER entity when one overlaps, else the best
/// run of capitalised words. Titles are stripped; a possessor ("Clinton's aide X") loses to a
/// later name; runs with a known first name or a title before them win.
pub(super) fn find_name(
    toks: &Toks<'_>,
    lo: usize,
    hi: usize,
    entities: &[(usize, usize, EntityLabel)],
    lex: &Lexicons,
) -> Option<PersonName> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let pers: Vec<(usize, usize)> = entities
        .iter()
        .filter(|e| e.2 == EntityLabel::Per && e.0 < hi && e.1 > lo)
        .map(|e| (e.0.max(lo), e.1.min(hi)))
        .collect();
    if pers.is_empty() {
        for (start, end) in name_runs(toks, lo, hi) {
            // Organisation entities over the run make it an affiliation, not a name.
            let org = entities
                .iter()
                .any(|e| e.2 != EntityLabel::Per && e.0 <= start && e.1 >= end);
            if !org && !not_a_person(toks, start, end, lex) {
                runs.push((start, end));
            }
        }
    } else {
        runs = pers;
    }
    let mut best: Option<(i32, PersonName)> = None;
    let n = runs.len();
    for (k, &(rlo, rhi)) in runs.iter().enumerate() {
        let core = strip_titles(toks, rlo, rhi, lex);
        let Some(name) = PersonName::new(toks, core, rhi) else {
            continue;
        };
        let only = name.key.len() == 1;
        let low = norm(toks.s(name.lo));
        if only && (is_title_like(lex, &low) || lex.head(&low).is_some()) {
            continue;
        }
        // "NAACP" is an organisation; "WALLACE:" opening a transcript line is a person.
        let colon = toks
            .tokens
            .get(rhi)
            .is_some_and(|t| &toks.text[t.span] == ":");
        if only && is_acronym(toks.s(name.lo)) && !colon {
            continue;
        }
        if only && CALENDAR.contains(&name.key[0].as_str()) {
            continue;
        }
        let mut score = 0;
        if name.first().is_some_and(|f| lex.first_name(f).is_some()) {
            score += 2;
        }
        let titled = core > rlo || (rlo > lo && is_title_like(lex, &norm(toks.s(rlo - 1))));
        if titled {
            score += 2;
        }
        if rhi < hi && is_possessive(toks.s(rhi)) {
            score -= 3;
        }
        if k + 1 == n {
            score += 1;
        }
        if best.as_ref().is_none_or(|(b, _)| score >= *b) {
            best = Some((score, name));
        }
    }
    best.map(|(_, n)| n)
}

/// True for a short all-capitals word ("FBI", "NATO"), which names an organisation.
pub(super) fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters) && !s.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals() {
        assert_eq!(display_case("WALLACE"), "Wallace");
        assert_eq!(display_case("O'NEILL"), "O'Neill");
        assert_eq!(display_case("Paul D. Ryan"), "Paul D. Ryan");
        assert!(is_acronym("FBI") && !is_acronym("Putin"));
        assert!(
            Gender::Male.compatible(Gender::Unknown) && !Gender::Male.compatible(Gender::Female)
        );
    }
}
