//! Quotation-mark pairing: finds the regions of text inside quotation marks.
//!
//! Marks and the model of which marks open and close what are those of
//! `crate::lexicon::marks` (its module docs): both families quote, one quotation may nest in
//! another one level deep (its content, not a region of its own), and single marks that are
//! apostrophes (`don’t`, `’Tis`, `rock ’n’ roll`, `’90s`, `the Joneses’ car`, `o’ course`, `queuein’
//! since six`) are skipped.
//! Here the model meets real text:
//! - a straight mark (`"`, `'`, `''`) opens or closes according to its neighbours (space,
//!   bracket, dash or an opening mark before and a letter after opens; a letter or
//!   punctuation before and space or punctuation after closes); when they do not tell, a
//!   straight double closes an open double quotation and opens one when none is open, and
//!   a straight single is an apostrophe unless a single quotation is open;
//! - wrong-way marks read as the way they must face: `“Hello,“ said` (a left mark closing),
//!   `”We are` (a right double opening), `„…“`, `‚…‘`, `»…«`, `›…‹`;
//! - a closing mark closes the innermost open quotation of its family; one with nothing of
//!   its family open is ignored;
//! - nesting the same family (`"When it says "Stop", stop,"`) counts only when the outer
//!   quotation closes; when it does not, the outer mark was a stray and the inner pairs are
//!   the quotations (`The “plan is “bold” now`: `bold`), as is a same-family mark still open;
//! - a paragraph that ends inside a quote continues into the next paragraph when that one
//!   opens with the same quotation mark (the news convention for quotes running over
//!   paragraphs: the regions are linked by `prev`/`next`) if it opened its paragraph or
//!   followed a colon, a comma or a sentence end; otherwise the quote runs to the paragraph
//!   end when it opened the paragraph or followed a colon, and is dropped as a stray mark
//!   when not.
//!
//! **Linear time.** Pairing runs once over each paragraph, left to right, reading each
//! character once (a look-ahead reads at most one elision word of 8 bytes), with two open
//! marks at most (a quotation and one nested in it) and a list of the same-family pairs
//! nested in the open quotation, emptied when it closes or the paragraph ends; each mark
//! enters and leaves that list at most once. So the work is linear in the text whatever
//! the marks.

use crate::doc::{Doc, Span};
use crate::lexicon::marks::{self, Facing, Family};

/// "No region" in `prev`/`next` links and token region fields.
pub const NO_REGION: u32 = u32::MAX;

/// The part of one paragraph inside a pair of quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the paragraph ends inside the quote.
    pub close: Option<Span>,
    /// Between the marks, trimmed of whitespace.
    pub content: Span,
    /// From the opening mark to the end of the closing mark (or of the paragraph).
    pub outer: Span,
    /// Paragraph index.
    pub para: u32,
    /// The region in the previous paragraph that this one continues.
    pub prev: u32,
    /// The region in the next paragraph that continues this one.
    pub next: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Either,
}

/// What pairing reads at a byte of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    /// A quotation mark: its facing by type, byte length and family.
    Mark(Mark, usize, Family),
    /// An apostrophe (or an elided word's marks, `’n’`): skip this many bytes.
    Apostrophe(usize),
}

/// What pairing reads at byte `i` of `s` (whose character is `c`; `prev` is the character
/// before), if it is a mark or an apostrophe.
fn read_at(s: &str, i: usize, c: char, prev: Option<char>) -> Option<Read> {
    let rest = &s[i..];
    if rest.starts_with(marks::PTB_OPEN) {
        return Some(Read::Mark(Mark::Open, 2, Family::Double));
    }
    if rest.starts_with(marks::PTB_CLOSE) {
        // `''Tis`: a single opening mark before an elision; `'''` closing a nested quote:
        // the last two marks close the double quote.
        let elided = !prev.is_some_and(char::is_alphanumeric) && elision_len(&rest[2..]).is_some();
        if !elided && !rest[1..].starts_with(marks::PTB_CLOSE) {
            return Some(Read::Mark(Mark::Either, 2, Family::Double));
        }
        if elided {
            return Some(Read::Mark(Mark::Open, 1, Family::Single));
        }
    }
    let mark = marks::quotation_mark(c)?;
    let len = c.len_utf8();
    let facing = match mark.facing {
        Facing::Open => Mark::Open,
        Facing::Close => Mark::Close,
        Facing::Either => Mark::Either,
    };
    if mark.family == Family::Single
        && matches!(c, '\'' | '\u{2019}')
        && let Some(skip) = apostrophe_len(rest, len, prev)
    {
        return Some(Read::Apostrophe(skip));
    }
    // `queuein’ since six`, `o’ course`: a dropped letter, then a lowercase word.
    if mark.family == Family::Single
        && matches!(c, '\'' | '\u{2019}')
        && dropped_letter(&s[..i], &rest[len..])
    {
        return Some(Read::Apostrophe(len));
    }
    Some(Read::Mark(facing, len, mark.family))
}

/// The bytes to skip when the `'` or `’` (`len` bytes) at the start of `rest` is an
/// apostrophe (see the `marks` module docs); `None` when it may be a quotation mark.
fn apostrophe_len(rest: &str, len: usize, prev: Option<char>) -> Option<usize> {
    let after = &rest[len..];
    let word_before = prev.is_some_and(char::is_alphanumeric);
    if word_before && after.chars().next().is_some_and(char::is_alphanumeric) {
        return Some(len);
    }
    if !word_before && let Some(word) = elision_len(after) {
        // `’n’`: the mark after the elided `n` goes with it.
        let tail = &after[word..];
        let mut it = tail.chars();
        let extra = match (it.next(), it.next()) {
            (Some(m @ ('\'' | '\u{2019}')), n)
                if after[..word].eq_ignore_ascii_case("n")
                    && n.is_none_or(|n| !n.is_alphanumeric()) =>
            {
                m.len_utf8()
            }
            _ => 0,
        };
        return Some(len + word + extra);
    }
    // `the Joneses’ car`: a plural possessive before a lowercase word.
    if matches!(prev, Some('s' | 'S')) {
        let mut it = after.chars();
        if it.next() == Some(' ') && it.next().is_some_and(char::is_lowercase) {
            return Some(len);
        }
    }
    None
}

/// True when the mark between `before` and `after` ends a word with its g dropped: a word of
/// four letters or more ending in `in`, then a space and a lowercase word.
/// Words whose last letter a writer drops for an apostrophe (`o’ course`, `an’ then`, `th’
/// end`, `ol’ man`), besides the dropped g of `-in’`.
const CLIPPED: [&str; 4] = ["o", "an", "th", "ol"];

fn dropped_letter(before: &str, after: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .take(12)
        .collect::<String>()
        .to_lowercase();
    let clipped = CLIPPED.iter().any(|w| word.chars().rev().eq(w.chars()));
    let mut next = after.chars();
    (word.len() >= 4 && word.starts_with("ni") || clipped)
        && next.next() == Some(' ')
        && next.next().is_some_and(char::is_lowercase)
}

/// The byte length of the elided word at the start of `s` (`tis`, `em`, `n`, or two digits
/// and an optional `s`: `90s`), when it is one and a non-word character or the end follows.
fn elision_len(s: &str) -> Option<usize> {
    let end = s
        .char_indices()
        .take(9)
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    let word = &s[..end];
    if word.is_empty() || end > 8 {
        return None;
    }
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let year = digits == 2 && (word.len() == 2 || &word[2..] == "s");
    (year || marks::is_elision(word)).then_some(end)
}

fn opens_before(p: Option<char>) -> bool {
    match p {
        None => true,
        Some(p) => {
            p.is_whitespace()
                || matches!(
                    p,
                    '(' | '['
                        | '{'
                        | '\u{2014}'
                        | '\u{2013}'
                        | '\u{2015}'
                        | '-'
                        | '/'
                        | '\u{2018}'
                        | '\u{201c}'
                        | '\u{ab}'
                        | ':'
                )
        }
    }
}

fn closes_after(n: Option<char>) -> bool {
    match n {
        None => true,
        Some(n) => {
            n.is_whitespace()
                || matches!(
                    n,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '\u{2014}'
                        | '\u{2013}'
                        | '\u{2015}'
                        | '-'
                        | '\u{2026}'
                        | '\''
                        | '\u{2019}'
                        | '"'
                        | '\u{201d}'
                        | '\u{201c}'
                        | '\u{bb}'
                        | '\u{203a}'
                )
        }
    }
}

/// True when the paragraph `s` starts with the opening quotation mark `mark`.
fn starts_with_open(s: &str, mark: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    // A writer who continues a quotation reopens it with the same mark; a different one
    // (`"…` then `“…`) is a new quotation after a typo.
    if !s.starts_with(mark) {
        return false;
    }
    match read_at(s, 0, c, None) {
        Some(Read::Mark(Mark::Open, _, _)) => true,
        Some(Read::Mark(Mark::Either, len, _)) => {
            s[len..].chars().next().is_some_and(|n| !n.is_whitespace())
        }
        _ => false,
    }
}

/// True when a quotation reads like a title or a name rather than speech: at most eight
/// words, every word of four letters or more capitalised, and no sentence mark at its end
/// (“Make Your Kid a Millionaire,” “The Walking Dead”).
pub fn looks_like_title(content: &str) -> bool {
    let body = content.trim_end_matches([',', ' ']);
    if body.ends_with(['.', '!', '?']) {
        return false;
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let mut long = 0;
    for w in &words {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        if letters >= 4 {
            long += 1;
            if !w
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
            {
                return false;
            }
        }
    }
    // Two capitalised words or more, or a lone capitalised word (a name).
    long >= 2 || words.len() == 1 && long == 1
}

/// An opening mark waiting for its closing mark.
#[derive(Debug, Clone, Copy)]
struct Opened {
    span: Span,
    family: Family,
    /// The opening character: `„`, `‚`, `»` and `›` are closed by their mirror image.
    opener: char,
    /// The region of the previous paragraph it continues.
    cont: u32,
}

/// The quotations open in a paragraph: one, one nested in it, and the pairs of the same
/// family as the outer one that closed inside it (`nested`).
#[derive(Debug, Default)]
struct OpenMarks {
    outer: Option<Opened>,
    inner: Option<Opened>,
    nested: Vec<(Opened, Span)>,
    /// Every quotation of either family that opened and closed inside the open outer one:
    /// when the outer one closes, they are its nested quotations.
    closed_inner: Vec<(Opened, Span)>,
}

impl OpenMarks {
    /// The innermost open quotation of `family`.
    fn of(&self, family: Family) -> Option<Opened> {
        self.inner
            .filter(|o| o.family == family)
            .or(self.outer.filter(|o| o.family == family))
    }

    fn open(&mut self, o: Opened) {
        if self.outer.is_none() {
            self.outer = Some(o);
        } else {
            // A second nested mark replaces the first, a stray.
            self.inner = Some(o);
        }
    }

    /// Closes the innermost open quotation of `family` with the mark `close`; returns the
    /// outer quotation when that is the one it closes.
    fn close(&mut self, family: Family, close: Span) -> Option<Opened> {
        let outer_family = self.outer.map(|o| o.family);
        if let Some(inner) = self.inner.filter(|o| o.family == family) {
            self.inner = None;
            if outer_family == Some(family) {
                self.nested.push((inner, close));
            }
            self.closed_inner.push((inner, close));
            return None;
        }
        if outer_family == Some(family) {
            self.inner = None;
            self.nested.clear();
            return self.outer.take();
        }
        None
    }

    /// At the paragraph end, with the outer quotation unclosed: when a mark of its own
    /// family opened inside it, the outer mark was a stray, and the nested pairs are
    /// quotations; returns them and the quotation left open (the inner one then).
    fn finish(&mut self) -> (Vec<(Opened, Span)>, Option<Opened>) {
        self.closed_inner.clear();
        let Some(outer) = self.outer.take() else {
            return (Vec::new(), None);
        };
        let inner_same = self.inner.take().filter(|o| o.family == outer.family);
        if self.nested.is_empty() && inner_same.is_none() {
            return (Vec::new(), Some(outer));
        }
        (std::mem::take(&mut self.nested), inner_same)
    }
}

/// Finds the quotation regions of a document, in text order.
#[cfg(test)]
pub fn find_regions(doc: &Doc) -> Vec<Region> {
    find_regions_and_nested(doc).0
}

/// The quotation regions of a document and, apart, the quotations nested one level inside
/// them (“He told us, ‘Stay,’ and we stayed”: `Stay,`), each list in text order. A nested
/// quotation is part of its outer one's content; the rules read it on its own only to find
/// an attribution inside the outer quotation (`quotes::nested`).
pub fn find_regions_and_nested(doc: &Doc) -> (Vec<Region>, Vec<Region>) {
    let text: &str = &doc.text;
    let mut out: Vec<Region> = Vec::new();
    let mut inside: Vec<Region> = Vec::new();
    // Region (index into `out`) that the previous paragraph left open and linked forward.
    let mut carry: u32 = NO_REGION;
    for (pi, &para) in doc.paragraphs.iter().enumerate() {
        let s = &text[para];
        let base = para.start;
        let mut open = OpenMarks::default();
        let mut prev_char: Option<char> = None;
        let mut first_mark = true;
        let mut skip_to = 0;
        for (i, c) in s.char_indices() {
            if i < skip_to {
                prev_char = Some(c);
                continue;
            }
            let (mark, len, family) = match read_at(s, i, c, prev_char) {
                None => {
                    prev_char = Some(c);
                    continue;
                }
                Some(Read::Apostrophe(n)) => {
                    skip_to = i + n;
                    prev_char = Some(c);
                    continue;
                }
                Some(Read::Mark(m, len, f)) => (m, len, f),
            };
            skip_to = i + len;
            let next_char = s[i + len..].chars().next();
            let span = Span::new(base + i, base + i + len);
            let opener = open.of(family).map(|o| o.opener);
            match facing_in_context(c, mark, family, opener, prev_char, next_char) {
                Mark::Open => {
                    let cont = if first_mark && i == 0 {
                        carry
                    } else {
                        NO_REGION
                    };
                    open.open(Opened {
                        span,
                        family,
                        opener: c,
                        cont,
                    });
                }
                Mark::Close => {
                    if let Some(o) = open.close(family, span) {
                        push(
                            &mut out,
                            text,
                            o.span,
                            Some(span),
                            (pi as u32, para.end),
                            o.cont,
                        );
                        for (n, close) in std::mem::take(&mut open.closed_inner) {
                            push(
                                &mut inside,
                                text,
                                n.span,
                                Some(close),
                                (pi as u32, para.end),
                                NO_REGION,
                            );
                        }
                    }
                }
                Mark::Either => {}
            }
            first_mark = false;
            prev_char = Some(c);
        }
        let (nested, left) = open.finish();
        for (o, close) in nested {
            push(
                &mut out,
                text,
                o.span,
                Some(close),
                (pi as u32, para.end),
                o.cont,
            );
        }
        carry = NO_REGION;
        if let Some(o) = left
            && let Some(region) = left_open(doc, &mut out, pi, o.span, o.cont)
        {
            carry = region;
        }
    }
    inside.sort_by_key(|r| r.outer.start);
    (out, inside)
}

/// The mark that closes a quotation opened by `opener` when it is a low-9 or reversed mark
/// (`„…“`, `‚…‘`, `»…«`, `›…‹`).
fn mirror(opener: char) -> Option<char> {
    match opener {
        '\u{201e}' => Some('\u{201c}'),
        '\u{201a}' => Some('\u{2018}'),
        '\u{bb}' => Some('\u{ab}'),
        '\u{203a}' => Some('\u{2039}'),
        _ => None,
    }
}

/// Which way the mark `c` of `family` at hand faces, where it `mark`s by itself, given the
/// opening character of the innermost open quotation of its family (`opener`) and the
/// characters before and after it:
/// - the mirror of a low-9 or reversed opener closes (`„ … “`, `» … «`); so does a `“` or
///   `‘` typed as a closing mark (`a fascist?“ he asked`), and a right double or a right
///   guillemet typed as an opening one (`”Yes`, `»Ja`) opens;
/// - a straight mark opens with a space, bracket, dash or opening mark before and text
///   after, closes with text before and a space or punctuation after; otherwise a straight
///   double closes an open quotation and opens one when none is open, and a straight single
///   closes an open single quotation and is an apostrophe when none is open.
fn facing_in_context(
    c: char,
    mark: Mark,
    family: Family,
    opener: Option<char>,
    prev_char: Option<char>,
    next_char: Option<char>,
) -> Mark {
    let open = opener.is_some();
    if opener.and_then(mirror) == Some(c) {
        return Mark::Close;
    }
    match mark {
        Mark::Open
            if matches!(c, '\u{201c}' | '\u{2018}')
                && open
                && prev_char.is_some_and(|p| !p.is_whitespace())
                && closes_after(next_char) =>
        {
            Mark::Close
        }
        Mark::Close
            if !open
                && matches!(c, '\u{201d}' | '\u{bb}' | '\u{203a}')
                && opens_before(prev_char)
                && next_char.is_some_and(char::is_alphanumeric) =>
        {
            Mark::Open
        }
        Mark::Either => {
            let opens = opens_before(prev_char)
                && next_char.is_some_and(|n| match family {
                    Family::Double => !n.is_whitespace(),
                    Family::Single => n.is_alphanumeric(),
                });
            let closes = prev_char.is_some_and(|p| !p.is_whitespace()) && closes_after(next_char);
            match (opens, closes) {
                (true, false) => Mark::Open,
                (false, true) => Mark::Close,
                _ if open => Mark::Close,
                _ if family == Family::Double => Mark::Open,
                _ => Mark::Either,
            }
        }
        m => m,
    }
}

/// A quotation still open at the end of paragraph `pi` (its opening mark `open`, and the
/// region of the paragraph before that it continues, `cont`). Only a quotation that opens
/// its paragraph or follows a colon, a comma or a sentence end runs on (when the next
/// paragraph opens with the same mark); one that opens its paragraph or follows a colon
/// runs to the paragraph end, and so does one that opens a sentence in a paragraph ending
/// in sentence punctuation (a closing mark left out: `“Not even the chairs.`); one opened
/// mid-sentence is a stray mark. Returns the region pushed when it runs on, for the next
/// paragraph to continue.
fn left_open(doc: &Doc, out: &mut Vec<Region>, pi: usize, open: Span, cont: u32) -> Option<u32> {
    let text: &str = &doc.text;
    let para = doc.paragraphs[pi];
    let rest_opens = doc
        .paragraphs
        .get(pi + 1)
        .is_some_and(|&n| starts_with_open(&text[n], &text[open]));
    let before = text[para.start..open.start].trim_end();
    let after_sentence = before.ends_with(['.', '!', '?', '\u{2026}']);
    let ends_sentence = text[open.end..para.end].ends_with(['.', '!', '?', '\u{2026}']);
    let led = before.is_empty()
        || before.ends_with(':')
        || cont != NO_REGION
        || after_sentence && ends_sentence;
    let runs_on = rest_opens && (led || before.ends_with(',') || after_sentence);
    // “We did all they asked, said the head, X. The report …: a closing mark left out
    // before an attribution; the quotation ends at its comma.
    if !runs_on
        && (led || after_sentence || before.ends_with(','))
        && let Some(cut) = comma_before_said(&text[open.end..para.end])
    {
        push(out, text, open, None, (pi as u32, open.end + cut), cont);
        return None;
    }
    let pushed = (runs_on || led) && push(out, text, open, None, (pi as u32, para.end), cont);
    (pushed && runs_on).then(|| (out.len() - 1) as u32)
}

/// In an unclosed quotation's text, the end (past the comma) of the words before ", said"
/// and the like, when that comes before any sentence end.
fn comma_before_said(rest: &str) -> Option<usize> {
    const INVERTED: [&str; 6] = [
        ", said ",
        ", says ",
        ", added ",
        ", adds ",
        ", insisted ",
        ", explained ",
    ];
    let cut = INVERTED.iter().filter_map(|w| rest.find(w)).min()?;
    let sentence_end = rest[..cut].contains(['.', '!', '?']);
    (!sentence_end && cut > 0).then_some(cut + 1)
}

/// Adds a region; links it to the one it continues. Returns false when it is empty.
fn push(
    out: &mut Vec<Region>,
    text: &str,
    open: Span,
    close: Option<Span>,
    (para, para_end): (u32, usize),
    cont: u32,
) -> bool {
    // Unclosed, it runs to the end of its paragraph (trimmed; a hard-wrapped one holds line
    // breaks).
    let end = close.map_or(para_end.max(open.end), |c| c.start);
    let content = Span::new(open.end, end.max(open.end)).trim(text);
    if content.is_empty() {
        return false;
    }
    let outer = Span::new(open.start, close.map_or(end, |c| c.end));
    let idx = out.len() as u32;
    if let Some(p) = out.get_mut(cont as usize) {
        p.next = idx;
    }
    out.push(Region {
        open,
        close,
        content,
        outer,
        para,
        prev: cont,
        next: NO_REGION,
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::SentenceSplitter;

    fn regions(text: &str) -> Vec<(String, bool)> {
        let mut doc = Doc::new("t", text);
        doc.paragraphs = SentenceSplitter::new().unwrap().paragraphs(text);
        find_regions(&doc)
            .into_iter()
            .map(|r| (text[r.content].to_string(), r.prev != NO_REGION))
            .collect()
    }

    #[test]
    fn table() {
        #[rustfmt::skip]
        let cases: &[(&str, &[(&str, bool)])] = &[
            ("\u{201c}We will win,\u{201d} she said. \u{201c}No doubt.\u{201d}", &[("We will win,", false), ("No doubt.", false)]),
            ("He said \"yes\" and \"no.\" Then \"maybe\".", &[("yes", false), ("no.", false), ("maybe", false)]),
            ("''It is over,'' he said.", &[("It is over,", false)]),
            ("\u{ab}Non,\u{bb} dit-il.", &[("Non,", false)]),
            ("\u{201e}Wir schaffen das\u{201c}, sagte sie.", &[("Wir schaffen das", false)]),
            // A stray opening mark is dropped; the later pair still pairs.
            ("The \u{201c}plan is \u{201c}bold\u{201d} now.", &[("bold", false)]),
            // A quote running over paragraphs.
            ("\u{201c}First part.\n\n\u{201c}Second part,\u{201d} he said.", &[("First part.", false), ("Second part,", true)]),
            // A closing mark left out before an attribution: the quotation ends at its comma.
            ("\u{201c}We did all they asked, said the head. The report is due.", &[("We did all they asked,", false)]),
            // Colon-led quote left open at the paragraph end runs to it.
            ("She said: \u{201c}It will rain\nNext paragraph.", &[("It will rain", false)]),
            // Unpaired mark in the middle of a paragraph: no region.
            ("He is 6'' tall and \u{201c}strong", &[]),
            ("\"\"\"\"", &[]),
            // Single marks as primary marks, told apart from apostrophes.
            ("\u{2018}It\u{2019}s the worst since the \u{2019}90s,\u{2019} said Gwen.", &[("It\u{2019}s the worst since the \u{2019}90s,", false)]),
            ("\u{2018}\u{2019}Tis the season,\u{2019} she said.", &[("\u{2019}Tis the season,", false)]),
            ("''Tis the season,' she said.", &[("'Tis the season,", false)]),
            ("'We play rock 'n' roll,' he said.", &[("We play rock 'n' roll,", false)]),
            ("'The Joneses' car is there,' she said.", &[("The Joneses' car is there,", false)]),
            ("I don't know the Joneses' car, rock 'n' roll or the '90s.", &[]),
            ("\u{2018}We\u{2019}ve been queuein\u{2019} since six,\u{2019} said Jo.", &[("We\u{2019}ve been queuein\u{2019} since six,", false)]),
            ("'We waited since '98, an' o' course it rained,' he said.", &[("We waited since '98, an' o' course it rained,", false)]),
            ("The players' union met. It's late.", &[]),
            // LaTeX and PTB marks, guillemets.
            ("``We are full,'' she said.", &[("We are full,", false)]),
            ("`We will appeal,' he said.", &[("We will appeal,", false)]),
            ("\u{ab}Non\u{bb} et \u{ab} oui \u{bb}.", &[("Non", false), ("oui", false)]),
            ("\u{bb}Ja\u{ab}, sagte er.", &[("Ja", false)]),
            ("\u{2039}Pr\u{ea}t,\u{203a} dit-il.", &[("Pr\u{ea}t,", false)]),
            // Nested quotations are content, of the same family or the other.
            ("\"When it says \"Stop\", stop,\" he said.", &[("When it says \"Stop\", stop,", false)]),
            ("\u{201c}He said \u{2018}no\u{2019} twice,\u{201d} she said.", &[("He said \u{2018}no\u{2019} twice,", false)]),
            ("\u{2018}He said \u{201c}no\u{201d} twice,\u{2019} she said.", &[("He said \u{201c}no\u{201d} twice,", false)]),
            // Two in a row; a closing mark left out at a paragraph's end.
            ("\u{201c}I\u{2019}m fine.\u{201d}\u{201c}You\u{2019}re not.\u{201d}", &[("I\u{2019}m fine.", false), ("You\u{2019}re not.", false)]),
            ("\u{201c}A,\u{201d} said Kos. \u{201c}Not even the chairs.\nNext.", &[("A,", false), ("Not even the chairs.", false)]),
            ("The \u{201c}plan is bold now\nNext.", &[]),
            // Paragraphs reopening after a sentence, with single marks too.
            ("She spoke. \u{201c}First part.\n\n\u{201c}Second part,\u{201d} she said.", &[("First part.", false), ("Second part,", true)]),
            ("He said: \u{2018}First part.\n\n\u{2018}Second part.\u{2019}", &[("First part.", false), ("Second part.", true)]),
        ];
        for (input, want) in cases {
            let got = regions(input);
            let got: Vec<(&str, bool)> = got.iter().map(|(s, b)| (s.as_str(), *b)).collect();
            assert_eq!(&got, want, "{input}");
        }
    }

    #[test]
    fn titles() {
        for t in [
            "Make Your Kid a Millionaire,",
            "The Walking Dead",
            "Face the Nation",
            "Scandal",
        ] {
            assert!(looks_like_title(t), "{t}");
        }
        for t in [
            "We will win,",
            "It is over.",
            "The Plan Is Working!",
            "a lot of people",
            "They sue,",
        ] {
            assert!(!looks_like_title(t), "{t}");
        }
    }

    #[test]
    fn nested_quotations_are_listed_apart() {
        let nested = |text: &str| {
            let mut doc = Doc::new("t", text);
            doc.paragraphs = SentenceSplitter::new().unwrap().paragraphs(text);
            let (outer, inner) = find_regions_and_nested(&doc);
            let s = |r: &Region| text[r.content].to_string();
            (
                outer.iter().map(s).collect::<Vec<_>>(),
                inner.iter().map(s).collect::<Vec<_>>(),
            )
        };
        let cases: &[(&str, &[&str], &[&str])] = &[
            // Of the other family and of the same one.
            (
                "\u{201c}Ed told me \u{2018}wait\u{2019} twice,\u{201d} Jo said.",
                &["Ed told me \u{2018}wait\u{2019} twice,"],
                &["wait"],
            ),
            (
                "\"Ed said \"go\", so I went,\" Jo said.",
                &["Ed said \"go\", so I went,"],
                &["go"],
            ),
            // A stray outer mark: the inner pair is the quotation, nothing is nested.
            (
                "The \u{201c}plan is \u{201c}bold\u{201d} now",
                &["bold"],
                &[],
            ),
            // Apostrophes are no marks.
            (
                "\u{201c}It\u{2019}s the Joneses\u{2019} car,\u{201d} Jo said.",
                &["It\u{2019}s the Joneses\u{2019} car,"],
                &[],
            ),
        ];
        for (text, outer, inner) in cases {
            let (o, i) = nested(text);
            let (o, i): (Vec<&str>, Vec<&str>) = (
                o.iter().map(String::as_str).collect(),
                i.iter().map(String::as_str).collect(),
            );
            assert_eq!((o.as_slice(), i.as_slice()), (*outer, *inner), "{text}");
        }
    }

    #[test]
    fn every_mark_and_apostrophe_stays_linear() {
        let unit = "\"\u{201c}\u{201d}\u{201e}\u{201f}\u{ab}\u{bb}''``'\u{2018}\u{2019}\u{201a}\u{201b}\u{2039}\u{203a}` 'tis '90s rock 'n' Joneses' ";
        let text = unit.repeat(20_000);
        let mut doc = Doc::new("t", text.as_str());
        doc.paragraphs = SentenceSplitter::new().unwrap().paragraphs(&text);
        let start = std::time::Instant::now();
        let r = find_regions(&doc);
        assert!(r.len() <= text.len());
        assert!(start.elapsed().as_secs() < 5);
    }

    #[test]
    fn many_unmatched_marks_stay_linear() {
        let text = "\u{201c}a ".repeat(100_000);
        let mut doc = Doc::new("t", text.as_str());
        doc.paragraphs = SentenceSplitter::new().unwrap().paragraphs(&text);
        let start = std::time::Instant::now();
        let r = find_regions(&doc);
        assert!(r.len() <= 1);
        assert!(start.elapsed().as_secs() < 5);
    }
}
