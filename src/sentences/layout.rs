//! Paragraphs: where line breaks end a unit of text.

use crate::doc::Span;
use crate::lexicon::marks;

/// How single line breaks are read. Blank lines always end a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineBreaks {
    /// Every line break ends a paragraph. Right for news exported from web pages, where each
    /// line is a paragraph, a headline, a byline or a dateline.
    #[default]
    Hard,
    /// A line break inside running prose is a wrap: the next line continues the paragraph when
    /// the line before has no final punctuation, the next line starts in lowercase, and a later
    /// line of the block does end in sentence punctuation (so short unpunctuated lines, as in
    /// menus and lists, stay apart). Right for hard-wrapped text (PDF, e-mail, plain-text books).
    Wrapped,
}

/// Byte length of a line break at `i` (`\r\n` counts as one).
#[inline]
fn line_break(b: &[u8], i: usize) -> Option<usize> {
    match b[i] {
        b'\n' | 0x0B | 0x0C => Some(1),
        b'\r' => Some(if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 }),
        0xC2 if b.get(i + 1) == Some(&0x85) => Some(2),
        0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => Some(3),
        _ => None,
    }
}

/// Calls `f` with each line's trimmed span (empty for blank lines), in order.
fn lines(text: &str, mut f: impl FnMut(Span)) {
    let b = text.as_bytes();
    // Nearly all text breaks lines with `\n` or `\r`: find those with memchr unless a rarer
    // break (VT, FF, NEL, U+2028, U+2029) may be present.
    let rare = memchr::memchr3(0x0B, 0x0C, 0x85, b).is_some()
        || memchr::memmem::find(b, "\u{2028}".as_bytes()).is_some()
        || memchr::memmem::find(b, "\u{2029}".as_bytes()).is_some();
    if !rare {
        let mut start = 0;
        let mut from = 0;
        while let Some(p) = memchr::memchr2(b'\n', b'\r', &b[from..]) {
            let i = from + p;
            f(Span::new(start, i).trim(text));
            let len = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            start = i + len;
            from = start;
        }
        f(Span::new(start, b.len()).trim(text));
        return;
    }
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        if matches!(b[i], b'\n' | b'\r' | 0x0B | 0x0C | 0xC2 | 0xE2)
            && let Some(len) = line_break(b, i)
        {
            f(Span::new(start, i).trim(text));
            i += len;
            start = i;
            continue;
        }
        i += 1;
    }
    f(Span::new(start, b.len()).trim(text));
}

/// Paragraph spans (trimmed, non-empty, in order) of `text` under `mode`.
pub(super) fn paragraphs(text: &str, mode: LineBreaks, out: &mut Vec<Span>) {
    match mode {
        LineBreaks::Hard => lines(text, |s| {
            if !s.is_empty() {
                out.push(s);
            }
        }),
        LineBreaks::Wrapped => {
            let mut all = Vec::new();
            lines(text, |s| all.push(s));
            wrapped(text, &all, out);
        }
    }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(|c: char| marks::may_close(c) || matches!(c, ')' | ']'))
        .ends_with(['.', '!', '?', '\u{2026}', ':'])
}

fn continues(line: &str) -> bool {
    let mut chars = line.chars();
    match (chars.next(), chars.next(), chars.next()) {
        // "b. item", "c) item": a lettered list item, not a continuation.
        (Some(c), Some('.' | ')'), Some(s)) if c.is_lowercase() && s.is_whitespace() => false,
        (Some('('), Some(c), _) => c.is_lowercase(),
        (Some(c), _, _) => c.is_lowercase(),
        _ => false,
    }
}

fn wrapped(text: &str, lines: &[Span], out: &mut Vec<Span>) {
    // For each line, whether it or a later line of its block ends a sentence.
    let mut closes_later = vec![false; lines.len()];
    let mut seen = false;
    for (i, l) in lines.iter().enumerate().rev() {
        if l.is_empty() {
            seen = false;
            continue;
        }
        seen |= ends_sentence(&text[*l]);
        closes_later[i] = seen;
    }
    let mut current: Option<Span> = None;
    for (i, l) in lines.iter().enumerate() {
        if l.is_empty() {
            out.extend(current.take());
            continue;
        }
        current = Some(match current {
            Some(p) if !ends_sentence(&text[p]) && continues(&text[*l]) && closes_later[i] => {
                p.cover(l)
            }
            Some(p) => {
                out.push(p);
                *l
            }
            None => *l,
        });
    }
    out.extend(current);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(text: &str, mode: LineBreaks) -> Vec<&str> {
        let mut out = Vec::new();
        paragraphs(text, mode, &mut out);
        out.iter().map(|s| &text[*s]).collect()
    }

    #[test]
    fn hard_breaks() {
        assert_eq!(
            paras(
                "Title\r\nBy A. Writer\n\n  Body text.  \u{2028}More.",
                LineBreaks::Hard
            ),
            ["Title", "By A. Writer", "Body text.", "More."]
        );
    }

    #[test]
    fn common_breaks_fast_path() {
        assert_eq!(
            paras("a\r\nb\rc\n\n d \n", LineBreaks::Hard),
            ["a", "b", "c", "d"]
        );
        assert_eq!(
            paras("\u{b}x\u{c}y\u{85}z", LineBreaks::Hard),
            ["x", "y", "z"]
        );
    }

    #[test]
    fn wrapped_prose_joins_but_lists_do_not() {
        assert_eq!(
            paras(
                "It was a\ncold night.\n\nmenu\nhome\nabout",
                LineBreaks::Wrapped
            ),
            ["It was a\ncold night.", "menu", "home", "about"]
        );
        assert_eq!(
            paras("Headline here\nThe story starts.", LineBreaks::Wrapped),
            ["Headline here", "The story starts."]
        );
    }
}
