//! Quotation-mark pairing: finds the regions of text inside double quotation marks.
//!
//! Marks: the double marks of `crate::lexicon::marks` (`"` `“` `”` `„` `‟` `«` `»`, and the
//! two-character forms `''` and ``` `` ```).
//! Single quotes (`‘ ’ '`) are left alone: inside a double-quoted region they are a nested
//! quote and part of the content; outside they are far more often apostrophes.
//!
//! Pairing runs once over each paragraph, left to right, with one open mark at most (double
//! quotes do not nest in news text), so it is linear in the text whatever the marks:
//! - a straight `"` opens or closes according to its neighbours (space or bracket before and a
//!   letter after opens; a letter or punctuation before and space or punctuation after closes)
//!   and, when they do not tell, according to whether a quote is open;
//! - an opening mark while a quote is open drops the earlier, unclosed opening (a stray mark);
//!   a closing mark with nothing open is ignored;
//! - a paragraph that ends inside a quote continues into the next paragraph when that one
//!   opens with the same quotation mark (the news convention for quotes running over paragraphs: the
//!   regions are linked by `prev`/`next`) if it opened its paragraph or followed a colon or a
//!   comma; otherwise the quote runs to the paragraph end when it opened the paragraph or
//!   followed a colon, and is dropped as a stray mark when not.

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

/// The double quotation mark at byte `i` of `s` (whose character is `c`), with its byte
/// length and whether it is a low-9 opener.
fn mark_at(s: &str, i: usize, c: char) -> Option<(Mark, usize, bool)> {
    let rest = &s[i..];
    if rest.starts_with(marks::PTB_OPEN) {
        return Some((Mark::Open, 2, false));
    }
    if rest.starts_with(marks::PTB_CLOSE) {
        // `'''` closing a nested quote: the last two marks close the double quote.
        if i > 0 && rest[1..].starts_with(marks::PTB_CLOSE) {
            return None;
        }
        return Some((Mark::Either, 2, false));
    }
    let mark = marks::quotation_mark(c).filter(|m| m.family == Family::Double)?;
    let facing = match mark.facing {
        Facing::Open => Mark::Open,
        Facing::Close => Mark::Close,
        Facing::Either => Mark::Either,
    };
    Some((facing, c.len_utf8(), mark.low))
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
                )
        }
    }
}

/// True when the paragraph starts with an opening quotation mark.
fn starts_with_open(s: &str, mark: &str) -> bool {
    let Some(c) = s.chars().next() else {
        return false;
    };
    // A writer who continues a quotation reopens it with the same mark; a different one
    // (`"…` then `“…`) is a new quotation after a typo.
    if !s.starts_with(mark) {
        return false;
    }
    match mark_at(s, 0, c) {
        Some((Mark::Open, _, _)) => true,
        Some((Mark::Either, len, _)) => s[len..].chars().next().is_some_and(|n| !n.is_whitespace()),
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

/// Finds the quotation regions of a document, in text order.
pub fn find_regions(doc: &Doc) -> Vec<Region> {
    let text: &str = &doc.text;
    let mut out: Vec<Region> = Vec::new();
    // Region (index into `out`) that the previous paragraph left open and linked forward.
    let mut carry: u32 = NO_REGION;
    for (pi, &para) in doc.paragraphs.iter().enumerate() {
        let s = &text[para];
        let base = para.start;
        // Open mark: (span, low-9 opener, index of the previous paragraph's region it continues).
        let mut cur: Option<(Span, bool, u32)> = None;
        let mut prev_char: Option<char> = None;
        let mut first_mark = true;
        let mut iter = s.char_indices();
        while let Some((i, c)) = iter.next() {
            let Some((mark, len, low9)) = mark_at(s, i, c) else {
                prev_char = Some(c);
                continue;
            };
            if len > c.len_utf8() {
                iter.next();
            }
            let next_char = s[i + len..].chars().next();
            let span = Span::new(base + i, base + i + len);
            let open_low9 = cur.map(|(_, low9, _)| low9);
            let kind = facing_in_context(c, mark, open_low9, prev_char, next_char);
            match kind {
                Mark::Open => {
                    let cont = if first_mark && i == 0 {
                        carry
                    } else {
                        NO_REGION
                    };
                    cur = Some((span, low9, cont));
                }
                Mark::Close => {
                    if let Some((open, _, cont)) = cur.take() {
                        push(&mut out, text, open, Some(span), pi as u32, cont);
                    }
                }
                Mark::Either => {}
            }
            first_mark = false;
            prev_char = text[span].chars().last();
        }
        carry = NO_REGION;
        if let Some((open, _, cont)) = cur
            && let Some(region) = left_open(doc, &mut out, pi, open, cont)
        {
            carry = region;
        }
    }
    out
}

/// Which way the double mark `c` at hand faces, where it `mark`s by itself, given whether a
/// quotation is open (`open_low9`: whether its opener is a low-9 mark) and the characters
/// before and after it:
/// - `„ … “` (German): the second mark closes; so does a `“` typed as a closing mark (`a
///   fascist?“ he asked`), and a `”` typed as an opening one (`”Yes`) opens;
/// - a straight mark opens with a space or bracket before and text after, closes with text
///   before and a space or punctuation after, and otherwise closes an open quotation and
///   opens one when none is open.
fn facing_in_context(
    c: char,
    mark: Mark,
    open_low9: Option<bool>,
    prev_char: Option<char>,
    next_char: Option<char>,
) -> Mark {
    let open = open_low9.is_some();
    match mark {
        Mark::Open if c == '\u{201c}' && open_low9 == Some(true) => Mark::Close,
        Mark::Open
            if c == '\u{201c}'
                && open
                && prev_char.is_some_and(|p| !p.is_whitespace())
                && closes_after(next_char) =>
        {
            Mark::Close
        }
        Mark::Close
            if !open
                && c == '\u{201d}'
                && opens_before(prev_char)
                && next_char.is_some_and(char::is_alphanumeric) =>
        {
            Mark::Open
        }
        Mark::Either => {
            let opens = opens_before(prev_char) && next_char.is_some_and(|n| !n.is_whitespace());
            let closes = prev_char.is_some_and(|p| !p.is_whitespace()) && closes_after(next_char);
            match (opens, closes) {
                (true, false) => Mark::Open,
                (false, true) => Mark::Close,
                _ if open => Mark::Close,
                _ => Mark::Open,
            }
        }
        m => m,
    }
}

/// A quotation still open at the end of paragraph `pi` (its opening mark `open`, and the
/// region of the paragraph before that it continues, `cont`). Only a quotation that opens
/// its paragraph or follows a colon or comma runs on (when the next paragraph opens with
/// the same mark); one that opens its paragraph or follows a colon runs to the paragraph
/// end; one opened mid-sentence is a stray mark. Returns the region pushed when it runs on,
/// for the next paragraph to continue.
fn left_open(doc: &Doc, out: &mut Vec<Region>, pi: usize, open: Span, cont: u32) -> Option<u32> {
    let text: &str = &doc.text;
    let para = doc.paragraphs[pi];
    let rest_opens = doc
        .paragraphs
        .get(pi + 1)
        .is_some_and(|&n| starts_with_open(&text[n], &text[open]));
    let before = text[para.start..open.start].trim_end();
    let led = before.is_empty() || before.ends_with(':') || cont != NO_REGION;
    let runs_on = rest_opens && (led || before.ends_with(','));
    let pushed = (runs_on || led) && push(out, text, open, None, pi as u32, cont);
    (pushed && runs_on).then(|| (out.len() - 1) as u32)
}

/// Adds a region; links it to the one it continues. Returns false when it is empty.
fn push(
    out: &mut Vec<Region>,
    text: &str,
    open: Span,
    close: Option<Span>,
    para: u32,
    cont: u32,
) -> bool {
    let end = match close {
        Some(c) => c.start,
        None => {
            // Runs to the end of the paragraph: the caller passes paragraphs trimmed, so
            // find the line end.
            let rest = &text[open.end..];
            open.end + rest.find(['\n', '\r']).unwrap_or(rest.len())
        }
    };
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
            // Colon-led quote left open at the paragraph end runs to it.
            ("She said: \u{201c}It will rain\nNext paragraph.", &[("It will rain", false)]),
            // Unpaired mark in the middle of a paragraph: no region.
            ("He is 6'' tall and \u{201c}strong", &[]),
            ("\"\"\"\"", &[]),
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
