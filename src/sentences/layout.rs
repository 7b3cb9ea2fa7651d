//! Paragraphs: where line breaks end a unit of text.

use super::lexicon::Lexicon;
use crate::doc::Span;
use crate::lexicon::marks;

/// How single line breaks are read. Blank lines always end a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LineBreaks {
    /// Every line break ends a paragraph. Right for news exported from web pages, where each
    /// line is a paragraph, a headline, a byline or a dateline.
    #[default]
    Hard,
    /// A line break inside running prose is a wrap: the next line continues the paragraph when
    /// the line before has no final punctuation, the next line starts in lowercase (after any
    /// opening quotation mark) or the line before has a wrap's width (30 characters or more),
    /// and a later line of the block does end in sentence punctuation (so short unpunctuated lines, as in
    /// menus and lists, stay apart). Right for hard-wrapped text (PDF, e-mail, plain-text books).
    Wrapped,
    /// Decided per document by [`detect`]: `Wrapped` when its line breaks look like wraps,
    /// else `Hard`, where a stray wrap still joins (see [`stray_wrap`]).
    Auto,
}

/// Line breaks between two non-blank lines that can be told apart, below which a document is
/// read as `Hard` whatever they look like.
const MIN_JOINTS: usize = 3;
/// Fewer joints suffice (a short wrapped report) when every one of them stops mid-sentence
/// at a wrap's width and one at least goes on in lowercase.
const MIN_PLAIN_JOINTS: usize = 2;
/// A wrapped line is at most this many characters long…
const MAX_WRAP_WIDTH: usize = 100;
/// …and at least this many, so that short lines (headlines, lists) do not count as wraps.
const MIN_WRAP_WIDTH: usize = 30;

/// How `text` uses single line breaks. A hard-wrapped text breaks its lines at a column:
/// most lines followed by another non-blank line are 30 to 100 characters long and stop
/// in the middle of a sentence. A news export breaks at paragraphs: its lines end in sentence
/// punctuation, or are headlines, bylines and datelines too short to be wraps, or are longer
/// than any wrap width; and where it puts blank lines between paragraphs, a single line
/// break is rare. `Wrapped` when line breaks that join two non-blank lines follow at least
/// half of the lines of a wrap's width or longer and either there are 3 or more, at least 60% of the lines
/// before them have a wrap's width and at least half of those end mid-sentence, or (a short
/// wrapped report of two or three lines) there are 2 or more, every line before them has a
/// wrap's width and ends mid-sentence, and one at least goes on in lowercase; `Hard`
/// otherwise. (A headline or a byline stops without punctuation too, but is shorter than a
/// wrap or followed by a capital.)
pub fn detect(text: &str) -> LineBreaks {
    let mut all = Vec::new();
    lines(text, |s| all.push(s));
    let (mut joints, mut wrap_width, mut mid_sentence) = (0usize, 0usize, 0usize);
    let (mut lowercase, mut long_lines) = (0usize, 0usize);
    for (i, l) in all.iter().enumerate() {
        let line = &text[*l];
        let width = line.chars().count();
        // Headlines, bylines and datelines are too short to be wrapped; they do not count.
        if width >= MIN_WRAP_WIDTH {
            long_lines += 1;
        }
        let Some(next) = all.get(i + 1) else {
            continue;
        };
        if l.is_empty() || next.is_empty() {
            continue;
        }
        joints += 1;
        if (MIN_WRAP_WIDTH..=MAX_WRAP_WIDTH).contains(&width) {
            wrap_width += 1;
            if !ends_sentence(line) {
                mid_sentence += 1;
                if continues(&text[*next]) {
                    lowercase += 1;
                }
            }
        }
    }
    let short_but_plain = joints >= MIN_PLAIN_JOINTS && mid_sentence == joints && lowercase > 0;
    if joints * 2 >= long_lines
        && (joints >= MIN_JOINTS && wrap_width * 10 >= joints * 6 && mid_sentence * 2 >= wrap_width
            || short_but_plain)
    {
        LineBreaks::Wrapped
    } else {
        LineBreaks::Hard
    }
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
pub(super) fn paragraphs(text: &str, mode: LineBreaks, lex: &Lexicon, out: &mut Vec<Span>) {
    let detected = match mode {
        LineBreaks::Auto => detect(text),
        fixed => fixed,
    };
    match detected {
        LineBreaks::Hard if mode == LineBreaks::Auto => {
            let mut current: Option<Span> = None;
            lines(text, |l| {
                if l.is_empty() {
                    out.extend(current.take());
                    return;
                }
                current = Some(match current {
                    Some(p) if stray_wrap(text, p, l, lex) => p.cover(&l),
                    Some(p) => {
                        out.push(p);
                        l
                    }
                    None => l,
                });
            });
            out.extend(current);
        }
        LineBreaks::Hard => lines(text, |s| {
            if !s.is_empty() {
                out.push(s);
            }
        }),
        LineBreaks::Wrapped | LineBreaks::Auto => {
            let mut all = Vec::new();
            lines(text, |s| all.push(s));
            wrapped(text, &all, out);
        }
    }
}

/// True when the line break between the paragraph `para` and the line `next` is a wrap in a
/// document whose line breaks are otherwise hard (a short report with one or two wraps, a
/// quotation broken over a line): the paragraph's last line stops mid-sentence and either the
/// next line goes on in lowercase, or the line ends on a word that leaves it open (an
/// article, a preposition, a conjunction: `open_line_ends`) or on a capitalised word right
/// after a verb of saying ("… said Councillor"). A headline, a byline or a list item stops on a content word and
/// the next line starts with a capital, so they stay apart.
fn stray_wrap(text: &str, para: Span, next: Span, lex: &Lexicon) -> bool {
    let line = text[para].rsplit(['\n', '\r']).next().unwrap_or("").trim();
    // A line ending in a semicolon, a dash or a bracket is a headline or a list item.
    let open_end = line
        .trim_end_matches(marks::may_close)
        .ends_with(|c: char| c.is_alphanumeric() || c == ',');
    if !open_end || ends_sentence(line) {
        return false;
    }
    if continues(&text[next]) {
        return true;
    }
    let mut words = line.split_whitespace().rev().map(bare_word);
    let last = words.next().unwrap_or("");
    let name_starts = last.starts_with(char::is_uppercase);
    lex.leaves_line_open(last)
        || name_starts && words.next().is_some_and(|w| lex.is_reporting_verb(w))
}

/// `word` without the punctuation and quotation marks around it.
fn bare_word(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(|c: char| marks::may_close(c) || matches!(c, ')' | ']'))
        .ends_with(['.', '!', '?', '\u{2026}', ':'])
}

/// True when `line` goes on in lowercase: a wrap inside a sentence, also just after an
/// opening quotation mark (`“moving in the right direction”` wrapped onto its own line).
fn continues(line: &str) -> bool {
    let opens =
        |c: char| marks::quotation_mark(c).is_some_and(|m| m.facing != marks::Facing::Close);
    let body = line.trim_start_matches(opens);
    if body.len() < line.len() {
        return body.starts_with(char::is_lowercase);
    }
    let mut chars = line.chars();
    match (chars.next(), chars.next(), chars.next()) {
        // "b. item", "c) item": a lettered list item, not a continuation.
        (Some(c), Some('.' | ')'), Some(s)) if c.is_lowercase() && s.is_whitespace() => false,
        (Some('('), Some(c), _) => c.is_lowercase(),
        (Some(c), _, _) => c.is_lowercase(),
        _ => false,
    }
}

/// True when the line `next` continues the unfinished paragraph `para` (which ends
/// mid-sentence): it starts in lowercase, or the paragraph's last line has a wrap's width
/// (a wrap falls before a name or a quotation as often as before any other word; a short
/// unfinished line is a heading or a list item).
fn joins(text: &str, para: Span, next: Span) -> bool {
    let last_line = text[para].rsplit(['\n', '\r']).next().unwrap_or("").trim();
    continues(&text[next]) || last_line.chars().count() >= MIN_WRAP_WIDTH
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
            Some(p) if !ends_sentence(&text[p]) && joins(text, p, *l) && closes_later[i] => {
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
        paragraphs(text, mode, &Lexicon::load().unwrap(), &mut out);
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

    /// `(text, expected mode, why)`.
    #[test]
    fn detect_reads_the_layout() {
        let wrapped = "The committee met on a grey morning and argued for most of the\n\
                       day about the budget, the roads and the long delay at the harbour\n\
                       before anyone agreed to the compromise that the chair had offered\n\
                       on the first day of the session.\n\n\
                       Nobody expected the vote to pass, least of all the members who\n\
                       had written the motion.\n";
        let web = "Council approves budget\n\
                   By A. Writer\n\
                   The council voted on Tuesday to approve the budget after a debate that ran late.\n\
                   \u{201c}It was the right call,\u{201d} the chair said after the meeting ended.\n\
                   Opponents said they would try again next year, when the seats change hands.\n";
        let blank_separated = "First paragraph, one line.\n\nSecond paragraph.\n\nThird.\n";
        let list = "Menu\nHome\nAbout us\nContact\nNews\n";
        let two_wraps = "A short note that was wrapped by the mail program at a\n\
                         column, only once or twice, so there is little to\n\
                         tell.";
        let one_wrap = "A note wrapped by the mail program at a column only\n\
                        once, so there is too little to tell.";
        let headline = "Council approves the budget after a long debate\n\
                        By Ana Writer, City Hall reporter for the Courier\n\
                        The council voted on Tuesday.";
        let mostly_paragraphs = "One paragraph of a web export that runs on past any wrap width, as paragraphs do.\n\n\
                                 Another paragraph, also long enough to be read as a paragraph and not a wrap.\n\n\
                                 An embedded widget left a line broken in the middle of its\n\
                                 attribute list and then\n\
                                 one more line here.\n\n\
                                 A closing paragraph that ends the article with a full sentence.\n";
        let cases: &[(&str, LineBreaks, &str)] = &[
            (
                mostly_paragraphs,
                LineBreaks::Hard,
                "a few joined lines among blank-separated paragraphs",
            ),
            (
                wrapped,
                LineBreaks::Wrapped,
                "lines of one width stopping mid-sentence",
            ),
            (
                web,
                LineBreaks::Hard,
                "one paragraph a line, ending in punctuation",
            ),
            (
                blank_separated,
                LineBreaks::Hard,
                "no single line breaks at all",
            ),
            (list, LineBreaks::Hard, "short lines are not wraps"),
            (
                two_wraps,
                LineBreaks::Wrapped,
                "two joints, both mid-sentence at a wrap's width, one going on in lowercase",
            ),
            (
                one_wrap,
                LineBreaks::Hard,
                "one joint is too little to tell",
            ),
            (
                headline,
                LineBreaks::Hard,
                "two unpunctuated lines, neither followed by lowercase",
            ),
            ("", LineBreaks::Hard, "nothing to read"),
        ];
        for (text, want, why) in cases {
            assert_eq!(detect(text), *want, "{why}: {text:?}");
        }
    }

    /// Stray wraps in a document read as hard: `(text, paragraphs under Auto, why)`.
    #[test]
    fn auto_joins_a_stray_wrap() {
        let cases: &[(&str, &[&str], &str)] = &[
            (
                "“We never saw the canal\nthis low,” said a lock keeper.",
                &["“We never saw the canal\nthis low,” said a lock keeper."],
                "next line goes on in lowercase",
            ),
            (
                "The council told residents that the road would close from\nMonday.",
                &["The council told residents that the road would close from\nMonday."],
                "line ends on a preposition",
            ),
            (
                "“Not this year,” said Alderman\nRo Vance.",
                &["“Not this year,” said Alderman\nRo Vance."],
                "a capitalised word right after a verb of saying",
            ),
            (
                "Mayor claims victory;\nRivals cry foul",
                &["Mayor claims victory;", "Rivals cry foul"],
                "a headline ending in a semicolon",
            ),
            (
                "Storm latest\nBy Kit Moss\nRoads were closed.",
                &["Storm latest", "By Kit Moss", "Roads were closed."],
                "headline and byline end on content words",
            ),
            (
                "It rained all day.\nthen it stopped.",
                &["It rained all day.", "then it stopped."],
                "the line before ends a sentence",
            ),
        ];
        for (text, want, why) in cases {
            assert_eq!(detect(text), LineBreaks::Hard, "{why}: {text:?}");
            assert_eq!(paras(text, LineBreaks::Auto), *want, "{why}: {text:?}");
            let hard: Vec<&str> = text.lines().collect();
            assert_eq!(
                paras(text, LineBreaks::Hard),
                hard,
                "Hard never joins: {text:?}"
            );
        }
    }

    #[test]
    fn auto_splits_as_the_detected_mode() {
        let text = "It was late when the ferry finally left the dock and the crowd\n\
                    on the pier began to thin out, one family at a time, until only\n\
                    the harbour master was left standing beside the empty gate, his\n\
                    lamp still lit.\n\n\
                    Then it rained.";
        assert_eq!(detect(text), LineBreaks::Wrapped);
        assert_eq!(
            paras(text, LineBreaks::Auto),
            paras(text, LineBreaks::Wrapped)
        );
        assert_eq!(paras(text, LineBreaks::Auto).len(), 2);
    }
}
