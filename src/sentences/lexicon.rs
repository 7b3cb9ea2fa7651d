//! The splitter's word lists: abbreviation classes and the small closed lists the rules consult.
//!
//! Both files are embedded from `data/sentences/`. Lookups never allocate for ASCII words: a
//! word is lower-cased into a stack buffer before it is looked up.

use crate::error::Result;
use crate::lexicon::{self, Comments};
use std::collections::{HashMap, HashSet};

const ABBREVIATIONS: &str = include_str!("../../data/sentences/abbreviations.txt");
const WORDS: &str = include_str!("../../data/sentences/words.txt");

/// How an abbreviation behaves before the word that follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Abbr {
    /// Comes before a name or number ("Mr.", "Sen.", "St."): never ends a sentence.
    Title,
    /// Abbreviates only before a number ("No. 5", "p. 55").
    Number,
    /// Ends a sentence only before a clear sentence starter ("U.S.", "Inc.", "Calif.").
    Weak,
    /// A clock time ("a.m.").
    Time,
    /// An era ("B.C.", "A.D.").
    Era,
    /// A unit of measure ("ft.", "lb.").
    Unit,
    /// A unit that is also a common word ("in."): a unit only right after a number.
    UnitAfterNumber,
    /// A post-nominal degree ("Ph.D.").
    Degree,
    /// A compass direction ("NE.").
    Direction,
}

impl Abbr {
    fn from_section(name: &str) -> Option<Abbr> {
        Some(match name {
            "title" => Abbr::Title,
            "number" => Abbr::Number,
            "weak" => Abbr::Weak,
            "time" => Abbr::Time,
            "era" => Abbr::Era,
            "unit" => Abbr::Unit,
            "unit-after-number" => Abbr::UnitAfterNumber,
            "degree" => Abbr::Degree,
            "direction" => Abbr::Direction,
            _ => return None,
        })
    }
}

/// The word lists, parsed once when the splitter is built.
#[derive(Debug)]
pub(super) struct Lexicon {
    /// Case-sensitive entries, as written and in ALL CAPS.
    exact: HashMap<String, Abbr>,
    /// Case-insensitive entries, lower-cased.
    folded: HashMap<String, Abbr>,
    starters: HashSet<&'static str>,
    reporting: HashSet<&'static str>,
    intro: HashSet<&'static str>,
    after_time: HashSet<&'static str>,
    elisions: HashSet<&'static str>,
    open_ends: HashSet<&'static str>,
}

/// Iterates `(section, line number, entry)` over a sectioned word list.
fn sections(
    list: &'static str,
    file: &'static str,
) -> impl Iterator<Item = Result<(&'static str, usize, &'static str)>> {
    let mut section: Option<&'static str> = None;
    lexicon::lines(list, Comments::Anywhere).filter_map(move |entry| {
        let (n, line) = (entry.number - 1, entry.text.trim());
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Some(name);
            return None;
        }
        Some(match section {
            Some(s) => Ok((s, n + 1, line)),
            None => Err(lexicon::data_error(
                file,
                n + 1,
                "entry before the first [section] header",
            )),
        })
    })
}

impl Lexicon {
    /// Parses the embedded lists.
    pub(super) fn load() -> Result<Self> {
        const ABBR_FILE: &str = "data/sentences/abbreviations.txt";
        const WORDS_FILE: &str = "data/sentences/words.txt";
        let mut lex = Lexicon {
            exact: HashMap::new(),
            folded: HashMap::new(),
            starters: HashSet::new(),
            reporting: HashSet::new(),
            intro: HashSet::new(),
            after_time: HashSet::new(),
            elisions: HashSet::new(),
            open_ends: HashSet::new(),
        };
        for item in sections(ABBREVIATIONS, ABBR_FILE) {
            let (section, line, entry) = item?;
            let class = Abbr::from_section(section).ok_or_else(|| {
                lexicon::data_error(
                    ABBR_FILE,
                    line,
                    format!("unknown abbreviation class [{section}]"),
                )
            })?;
            if let Some(word) = entry.strip_prefix('=') {
                lex.exact.insert(word.to_string(), class);
                // "FT." in capitals too, but "p" (page) must not catch the initial "P.".
                if word.chars().count() > 1 {
                    lex.exact.entry(word.to_uppercase()).or_insert(class);
                }
            } else {
                lex.folded.insert(entry.to_lowercase(), class);
            }
        }
        for item in sections(WORDS, WORDS_FILE) {
            let (section, line, entry) = item?;
            let set = match section {
                "starters" => &mut lex.starters,
                "reporting_verbs" => &mut lex.reporting,
                "intro_prepositions" => &mut lex.intro,
                "after_time" => &mut lex.after_time,
                "elisions" => &mut lex.elisions,
                "open_line_ends" => &mut lex.open_ends,
                other => {
                    return Err(lexicon::data_error(
                        WORDS_FILE,
                        line,
                        format!("unknown word list [{other}]"),
                    ));
                }
            };
            set.insert(entry);
        }
        Ok(lex)
    }

    /// The class of an abbreviation written `word` (without its final period).
    pub(super) fn abbreviation(&self, word: &str) -> Option<Abbr> {
        if let Some(&c) = self.exact.get(word) {
            return Some(c);
        }
        with_lowercase(word, |w| self.folded.get(w).copied()).flatten()
    }

    /// True for capitalised words that begin a sentence after an ambiguous abbreviation.
    pub(super) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// True for verbs of saying ("said", "asked").
    pub(super) fn is_reporting_verb(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.reporting.contains(w)).unwrap_or(false)
    }

    /// True for prepositions that open an introductory time phrase ("At", "In").
    pub(super) fn is_intro_preposition(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.intro.contains(w)).unwrap_or(false)
    }

    /// True for words that continue a clock time ("EDT", "Monday").
    pub(super) fn continues_time(&self, word: &str) -> bool {
        self.after_time.contains(word)
    }

    /// True for words after which a line cannot end a paragraph ("the", "of", "and").
    pub(super) fn leaves_line_open(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.open_ends.contains(w)).unwrap_or(false)
    }

    /// True for words written with a leading apostrophe ("'em", "'tis", tokenised "'s").
    pub(super) fn is_elision(&self, word: &str) -> bool {
        with_lowercase(word, |w| self.elisions.contains(w)).unwrap_or(false)
    }
}

/// Calls `f` with the ASCII-lowercased `word`, without allocating; `None` for words that are
/// too long or not ASCII (no list entry is).
fn with_lowercase<T>(word: &str, f: impl FnOnce(&str) -> T) -> Option<T> {
    const MAX: usize = 24;
    if word.len() > MAX {
        return None;
    }
    if !word.is_ascii() {
        // Rare ("N°"): allocate.
        return Some(f(&word.to_lowercase()));
    }
    let mut buf = [0u8; MAX];
    let bytes = &mut buf[..word.len()];
    bytes.copy_from_slice(word.as_bytes());
    bytes.make_ascii_lowercase();
    std::str::from_utf8(bytes).ok().map(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_and_case() {
        let lex = Lexicon::load().unwrap();
        assert_eq!(lex.abbreviation("Mr"), Some(Abbr::Title));
        assert_eq!(lex.abbreviation("MR"), Some(Abbr::Title));
        assert_eq!(lex.abbreviation("U.S"), Some(Abbr::Weak));
        assert_eq!(lex.abbreviation("in"), Some(Abbr::UnitAfterNumber));
        assert_eq!(lex.abbreviation("In"), None);
        assert_eq!(lex.abbreviation("Calif"), Some(Abbr::Weak));
        assert_eq!(lex.abbreviation("calif"), None);
        assert_eq!(lex.abbreviation("N°"), Some(Abbr::Number));
        assert_eq!(lex.abbreviation("Ph.D"), Some(Abbr::Degree));
        assert!(lex.is_starter("The"));
        assert!(lex.is_reporting_verb("Said"));
        assert!(lex.is_elision("Tis"));
    }
}
