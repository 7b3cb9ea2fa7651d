//! Quotation marks: which characters open and close a quotation, in one place.
//!
//! | mark | name | family | faces |
//! |------|------|--------|-------|
//! | `“` U+201C | left double | double | opens (closes a `„` quotation: German `„…“`) |
//! | `”` U+201D | right double | double | closes |
//! | `„` U+201E | double low-9 | double | opens (German, Polish…) |
//! | `‟` U+201F | double high-reversed-9 | double | opens |
//! | `"` | straight double | double | either, read from its neighbours |
//! | `«` `»` | guillemets | double | open, close (reversed `»…«`: `»` opens, `«` closes) |
//! | ``` `` ``` `''` | PTB/LaTeX doubles (two characters) | double | open; `''` closes, or either where typed as a straight mark |
//! | `‘` U+2018 | left single | single | opens (closes a `‚` quotation) |
//! | `’` U+2019 | right single | single | closes; an apostrophe inside a word (`don’t`) or before an elision (`’Tis`) |
//! | `‚` U+201A | single low-9 | single | opens |
//! | `‛` U+201B | single high-reversed-9 | single | opens |
//! | `‹` `›` | single guillemets | single | open, close (reversed `›…‹` too) |
//! | `'` | straight single | single | either; an apostrophe where `’` would be one |
//! | `` ` `` | grave accent | single | opens (a typed `‘`, PTB `` `…' ``) |
//!
//! # The pairing model
//!
//! Both families quote. A quotation opens with a mark of either family when none is open
//! (British primary single marks, `‘…’` and `'…'`, are as much a quotation as `“…”`); a
//! mark that opens inside it, of either family, opens a quotation nested in it (one level
//! deep), which is part of its content; a closing mark closes the innermost open quotation
//! of its own family. A single `’` or `'` is an **apostrophe**, never a mark, when it stands
//! between two letters or digits (`don’t`, `rock'n'roll`), before an elision of
//! [`is_elision`] (`’Tis`, `’em`, `’n’`) or before two digits (`’90s`), or after a word in
//! `s` with a lowercase word after it (`the Joneses’ car`), or after a word of four letters
//! or more in `in`, or after `o`, `an`, `th` or `ol`, with a lowercase word after it (a
//! dropped letter: `queuein’ since six`, `o’ course`). The
//! quote stage applies the
//! model in `quotes/pairing.rs` (with the rules for straight marks, wrong-way and stray
//! marks and quotations over paragraphs); which stages read which marks:
//! - quote finding pairs both families as above ([`quotation_mark`], [`PTB_OPEN`],
//!   [`PTB_CLOSE`], [`is_elision`]);
//! - the sentence splitter reads both families from bytes (`sentences/marks.rs`);
//! - a claim is "quoted" when it holds a double mark ([`DOUBLE`], as in the PolNeAR
//!   scorer's `QUOTE_CHARS`);
//! - the NER features fold marks their own way ([`ner_folds_to_double`] and the other `ner_`
//!   sets): the shipped NER model was trained on these features, so their membership stays
//!   as it is unless the model is retrained.

use std::collections::HashSet;
use std::sync::LazyLock;

const WORDS: &str = include_str!("../../data/sentences/words.txt");

/// The `[elisions]` list of `data/sentences/words.txt`, shared with the sentence splitter.
static ELISIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut out = HashSet::new();
    let mut inside = false;
    for line in WORDS.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == "[elisions]";
        } else if inside && !line.is_empty() && !line.starts_with('#') {
            out.insert(line);
        }
    }
    out
});

/// True for a word written with a leading apostrophe (`tis`, `em`, `n`, `cause`), from the
/// sentence splitter's `[elisions]` list; `word` is compared in lowercase.
pub fn is_elision(word: &str) -> bool {
    word.len() <= 8 && ELISIONS.contains(word.to_ascii_lowercase().as_str())
}

/// The two families of quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Double marks: a quotation.
    Double,
    /// Single marks: a nested quotation, or an apostrophe.
    Single,
}

/// Which way a mark faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    /// Opens a quotation.
    Open,
    /// Closes a quotation.
    Close,
    /// Straight marks: opens or closes, as the neighbouring characters tell.
    Either,
}

/// A one-character quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotationMark {
    /// Double or single.
    pub family: Family,
    /// Which way it faces.
    pub facing: Facing,
    /// A low-9 opener (`„`, `‚`): the left mark (`“`, `‘`) closes its quotation.
    pub low: bool,
}

/// The quotation mark `c` is, if any (see the table in the module docs).
pub fn quotation_mark(c: char) -> Option<QuotationMark> {
    use Facing::{Close, Either, Open};
    use Family::{Double, Single};
    let (family, facing, low) = match c {
        '"' => (Double, Either, false),
        '\u{201c}' => (Double, Open, false),
        '\u{201d}' => (Double, Close, false),
        '\u{201e}' => (Double, Open, true),
        '\u{201f}' => (Double, Open, false),
        '\u{ab}' => (Double, Open, false),
        '\u{bb}' => (Double, Close, false),
        '\'' => (Single, Either, false),
        '\u{2018}' => (Single, Open, false),
        '\u{2019}' => (Single, Close, false),
        '\u{201a}' => (Single, Open, true),
        '\u{201b}' => (Single, Open, false),
        '\u{2039}' => (Single, Open, false),
        '\u{203a}' => (Single, Close, false),
        '`' => (Single, Open, false),
        _ => return None,
    };
    Some(QuotationMark {
        family,
        facing,
        low,
    })
}

/// The PTB/LaTeX opening double mark, two grave accents.
pub const PTB_OPEN: &str = "``";
/// The PTB/LaTeX closing double mark, two straight single marks.
pub const PTB_CLOSE: &str = "''";

/// Every one-character double mark. A span holding one (or enclosed by them) is quoted.
pub const DOUBLE: [char; 7] = [
    '"', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}', '\u{201e}', '\u{201f}',
];

/// True when `token` is one double mark of [`DOUBLE`].
#[inline]
pub fn is_double_mark(token: &str) -> bool {
    let mut chars = token.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if DOUBLE.contains(&c))
}

/// True for a quotation mark that may close a quotation at a line or word end: a straight
/// mark or a right-facing one (`"` `'` `”` `’` `»`).
#[inline]
pub fn may_close(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | '\u{bb}')
}

/// True for a character that the NER features' normal form writes as `"`: curly, low-9,
/// reversed and angle doubles, and the double prime.
#[inline]
pub fn ner_folds_to_double(c: char) -> bool {
    matches!(
        c,
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}' | '\u{2033}'
    )
}

/// True for a character that the NER features' normal form writes as `'`: curly, low-9 and
/// reversed singles, the prime and the grave accent.
#[inline]
pub fn ner_folds_to_single(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`'
    )
}

/// True for a character that the NER features' word shape writes as `"`: unlike
/// [`ner_folds_to_double`], not the reversed double nor the double prime.
#[inline]
pub fn ner_shape_double(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}'
    )
}

/// True for a character that the NER features' word shape writes as `'`.
#[inline]
pub fn ner_shape_single(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '`')
}

/// True for a token that the NER features flag as a quotation mark: straight, PTB and curly
/// doubles, and the double low-9, but no guillemet.
#[inline]
pub fn ner_quote_token(token: &str) -> bool {
    matches!(
        token,
        "\"" | "``" | "''" | "\u{201c}" | "\u{201d}" | "\u{201e}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark() {
        use Facing::{Close, Either, Open};
        use Family::{Double, Single};
        // (mark, family, facing, low-9, why)
        #[rustfmt::skip]
        let cases: &[(char, Family, Facing, bool, &str)] = &[
            ('"', Double, Either, false, "straight double"),
            ('\u{201c}', Double, Open, false, "left double"),
            ('\u{201d}', Double, Close, false, "right double"),
            ('\u{201e}', Double, Open, true, "double low-9"),
            ('\u{201f}', Double, Open, false, "double reversed"),
            ('\u{ab}', Double, Open, false, "left guillemet"),
            ('\u{bb}', Double, Close, false, "right guillemet"),
            ('\'', Single, Either, false, "straight single"),
            ('\u{2018}', Single, Open, false, "left single"),
            ('\u{2019}', Single, Close, false, "right single, or an apostrophe"),
            ('\u{201a}', Single, Open, true, "single low-9"),
            ('\u{201b}', Single, Open, false, "single reversed"),
            ('\u{2039}', Single, Open, false, "left single guillemet"),
            ('\u{203a}', Single, Close, false, "right single guillemet"),
            ('`', Single, Open, false, "grave accent"),
        ];
        assert_eq!(cases.len(), 15);
        for &(c, family, facing, low, why) in cases {
            let want = QuotationMark {
                family,
                facing,
                low,
            };
            assert_eq!(quotation_mark(c), Some(want), "{c} ({why})");
        }
        // Near misses: primes, dashes and the acute accent are no quotation marks.
        for c in ['\u{2032}', '\u{2033}', '\u{b4}', '-', '\u{2014}'] {
            assert_eq!(quotation_mark(c), None, "{c}");
        }
    }

    #[test]
    fn elisions() {
        for w in ["tis", "Tis", "em", "n", "cause"] {
            assert!(is_elision(w), "{w}");
        }
        // Near misses: ordinary words that a quotation may open with.
        for w in ["it", "we", "the", "nobody", ""] {
            assert!(!is_elision(w), "{w}");
        }
    }

    #[test]
    fn the_sets_agree_with_the_model() {
        for c in DOUBLE {
            assert_eq!(quotation_mark(c).map(|m| m.family), Some(Family::Double));
        }
        for s in ["\"", "\u{201c}", "\u{bb}", "\u{201e}"] {
            assert!(is_double_mark(s), "{s}");
        }
        for s in ["\"\"", "''", "\u{2019}", "a", ""] {
            assert!(!is_double_mark(s), "{s}");
        }
        for c in ['"', '\'', '\u{201d}', '\u{2019}', '\u{bb}'] {
            assert!(may_close(c), "{c}");
            assert_ne!(quotation_mark(c).map(|m| m.facing), Some(Facing::Open));
        }
        assert!(!may_close('\u{201c}'));
    }
}
