//! Finds the sentence boundaries inside one paragraph.
//!
//! The scanner walks the paragraph's bytes and stops only at bytes that can end or start a
//! sentence (terminators, bullets, list markers, emoticons). At a terminator run (`.`, `?!`,
//! `...`, `. . .`) it takes the closing quotation marks, brackets and citation marks (`[12]`)
//! that follow, then decides from the word before the run and the word after it. No allocation
//! happens per character; the only buffers are the paragraph's marks and the output.

use super::lexicon::{Abbr, Lexicon};
use super::marks::{Marks, Role};
use crate::doc::Span;
use crate::lexicon::marks as quotation_marks;

/// A numbered or lettered list item marker (`1.`, `2)`, `3.)`, `a.`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ListMarker {
    /// The item's number (letters count from `a` = 1).
    value: u32,
    /// True for letters.
    letter: bool,
    /// The punctuation after the number: `.`, `)` or `.)`.
    style: u8,
}

/// The kind of a terminator character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Term {
    Dot,
    Ellipsis,
    Strong,
}

/// A run of terminators: `.`, `?!`, `...`, `. . . .`, `! ! !`.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    dots: u32,
    strong: u32,
    ellipsis: bool,
}

impl Run {
    fn single_dot(&self) -> bool {
        self.dots == 1 && self.strong == 0 && !self.ellipsis && self.end == self.start + 1
    }
    fn ellipsis_like(&self) -> bool {
        self.ellipsis || self.dots >= 2
    }
}

/// Longest token (bytes) the rules look at; longer runs without spaces are cut, which keeps
/// the scan linear on any input.
const MAX_TOKEN: usize = 128;

/// What follows a terminator run and belongs to its sentence.
#[derive(Debug, Clone, Copy, Default)]
struct Tail {
    /// One past the last byte taken.
    end: usize,
    /// A closing quotation mark was taken.
    quoted: bool,
    /// A terminator followed a closing mark (`(D-Calif.).`, `"...required.".`).
    restated: bool,
}

/// What the text after a candidate boundary begins with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next<'a> {
    /// A capitalised (or uncased-script) word, letters only.
    Upper(&'a str),
    Lower,
    /// A digit or currency sign.
    Digit,
    /// Punctuation that continues a sentence (`,`, `;`, `-`).
    Punct,
    /// Anything else that can begin a sentence (symbols, bullets).
    Other,
}

/// What the word before a lone period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// An ordinary word or number: the period ends a sentence before a capital.
    Word,
    /// A single capital letter: an initial.
    Initial,
    /// A listed or patterned abbreviation.
    Abbr(Abbr),
}

/// Splits one paragraph; `out` receives trimmed sentence spans relative to the paragraph.
pub(super) struct Scanner<'a> {
    lex: &'a Lexicon,
    marks: &'a Marks,
    text: &'a str,
    b: &'a [u8],
    out: &'a mut Vec<Span>,
    /// Start of the current sentence (may point at whitespace).
    start: usize,
    /// The next list marker expected, once the paragraph opened with one.
    list: Option<ListMarker>,
}

#[inline]
fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace()
}

/// Bytes at which the scanner stops.
static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b':' as usize] = true;
    t[b';' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// The terminator at `i`, with its byte length.
#[inline]
fn terminator(b: &[u8], i: usize) -> Option<(Term, usize)> {
    match b[i] {
        b'.' => Some((Term::Dot, 1)),
        b'!' | b'?' => Some((Term::Strong, 1)),
        0xE2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0xA6)) => Some((Term::Ellipsis, 3)), // …
            (Some(0x80), Some(0xBC | 0xBD)) => Some((Term::Strong, 3)), // ‼ ‽
            (Some(0x81), Some(0x87..=0x89)) => Some((Term::Strong, 3)), // ⁇ ⁈ ⁉
            _ => None,
        },
        0xEF => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0xBC), Some(0x81 | 0x9F)) => Some((Term::Strong, 3)), // ！ ？
            (Some(0xBC), Some(0x8E)) => Some((Term::Dot, 3)),           // ．
            (Some(0xBD), Some(0xA1)) => Some((Term::Strong, 3)),        // ｡
            _ => None,
        },
        0xE3 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x82) => {
            Some((Term::Strong, 3)) // 。
        }
        _ => None,
    }
}

/// The byte length of a bullet character at `i`.
#[inline]
fn bullet(b: &[u8], i: usize) -> Option<usize> {
    if b[i] != 0xE2 {
        return None;
    }
    match (b.get(i + 1), b.get(i + 2)) {
        (Some(0x80), Some(0xA2 | 0xA3)) // • ‣
        | (Some(0x81), Some(0x83)) // ⁃
        | (Some(0x96), Some(0xA0 | 0xAA | 0xB6 | 0xBA)) // ■ ▪ ▶ ►
        | (Some(0x97), Some(0x8F | 0xA6)) // ● ◦
        | (Some(0x9E), Some(0xA2)) => Some(3), // ➢
        _ => None,
    }
}

/// A closing bracket at `i`, with its byte length.
#[inline]
fn closing_bracket(b: &[u8], i: usize) -> Option<usize> {
    match b[i] {
        b')' | b']' | b'}' => Some(1),
        0xEF if b.get(i + 1) == Some(&0xBC) && b.get(i + 2) == Some(&0x89) => Some(3),
        0xE3 if b.get(i + 1) == Some(&0x80)
            && matches!(b.get(i + 2), Some(0x89 | 0x8B | 0x8D | 0x8F | 0x91)) =>
        {
            Some(3)
        }
        _ => None,
    }
}

/// An opening quotation mark or bracket at `i`, with its byte length.
#[inline]
fn opener(b: &[u8], i: usize) -> Option<usize> {
    match b[i] {
        b'"' | b'\'' | b'`' | b'(' | b'[' | b'{' => Some(1),
        0xE2 if b.get(i + 1) == Some(&0x80)
            && matches!(b.get(i + 2), Some(0x98 | 0x9C | 0x9E | 0xB9)) =>
        {
            Some(3)
        }
        0xC2 if b.get(i + 1) == Some(&0xAB) => Some(2),
        0xEF if b.get(i + 1) == Some(&0xBC) && b.get(i + 2) == Some(&0x88) => Some(3),
        0xE3 if b.get(i + 1) == Some(&0x80)
            && matches!(b.get(i + 2), Some(0x88 | 0x8A | 0x8C | 0x8E | 0x90)) =>
        {
            Some(3)
        }
        _ => None,
    }
}

/// A citation mark `[12]`, `[2–11]`, `[3, 4]` at `i`: its end.
fn citation(b: &[u8], i: usize) -> Option<usize> {
    if b[i] != b'[' {
        return None;
    }
    let mut j = i + 1;
    let mut digits = 0;
    while j < b.len() && j - i <= 16 {
        match b[j] {
            b'0'..=b'9' => digits += 1,
            b',' | b'-' | b' ' => {}
            0xE2 if b.get(j + 1) == Some(&0x80) && matches!(b.get(j + 2), Some(0x93 | 0x94)) => {
                j += 2; // – —
            }
            b']' => return (digits > 0).then_some(j + 1),
            _ => return None,
        }
        j += 1;
    }
    None
}

/// A list marker at `i` followed by whitespace: the marker and the byte after it.
fn list_marker(b: &[u8], i: usize) -> Option<(ListMarker, usize)> {
    let mut j = i;
    let (value, letter) = if b.get(j).is_some_and(u8::is_ascii_digit) {
        let mut v = 0u32;
        while j < b.len() && b[j].is_ascii_digit() && j - i < 2 {
            v = v * 10 + u32::from(b[j] - b'0');
            j += 1;
        }
        if b.get(j).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        (v, false)
    } else if b.get(j).is_some_and(u8::is_ascii_lowercase) {
        j += 1;
        (u32::from(b[i] - b'a') + 1, true)
    } else {
        return None;
    };
    let style = match (b.get(j), b.get(j + 1)) {
        (Some(b'.'), Some(b')')) => {
            j += 2;
            b']'
        }
        (Some(b'.'), _) => {
            j += 1;
            b'.'
        }
        (Some(b')'), _) => {
            j += 1;
            b')'
        }
        _ => return None,
    };
    if !b.get(j).is_some_and(|&c| is_space(c)) {
        return None;
    }
    Some((
        ListMarker {
            value,
            letter,
            style,
        },
        j,
    ))
}

impl<'a> Scanner<'a> {
    /// A scanner over one paragraph whose marks were analysed into `marks`.
    pub(super) fn new(
        lex: &'a Lexicon,
        marks: &'a Marks,
        text: &'a str,
        out: &'a mut Vec<Span>,
    ) -> Self {
        Scanner {
            lex,
            marks,
            text,
            b: text.as_bytes(),
            out,
            start: 0,
            list: None,
        }
    }

    /// Ends the current sentence at `end`; the next one starts at `next`.
    fn emit(&mut self, end: usize, next: usize) {
        let s = Span::new(self.start, end.max(self.start)).trim(self.text);
        if !s.is_empty() {
            self.out.push(s);
        }
        self.start = next.max(end);
    }

    /// Splits the whole paragraph.
    pub(super) fn run(mut self) {
        let b = self.b;
        let n = b.len();
        let mut i = self.skip_list_marker(0);
        while i < n {
            if self.list.is_none() {
                // Skip plain bytes fast.
                match b[i..].iter().position(|&c| INTERESTING[c as usize]) {
                    Some(p) => i += p,
                    None => break,
                }
            }
            let c = b[i];
            if let Some(expect) = self.list
                && (c.is_ascii_digit() || c.is_ascii_lowercase())
                && i > 0
                && is_space(b[i - 1])
            {
                if let Some((m, end)) = list_marker(b, i)
                    && m.value == expect.value
                    && m.letter == expect.letter
                    && m.style == expect.style
                {
                    self.emit(i, i);
                    self.list = Some(ListMarker {
                        value: m.value + 1,
                        ..m
                    });
                    i = end;
                    continue;
                }
                i += 1;
                continue;
            }
            if !INTERESTING[c as usize] {
                i += 1;
                continue;
            }
            if let Some((kind, _)) = terminator(b, i) {
                i = self.at_terminator(i, kind);
                continue;
            }
            if let Some(len) = bullet(b, i) {
                if i == 0 || is_space(b[i - 1]) {
                    self.emit(i, i);
                    let mut j = i + len;
                    while j < n && b[j] == b' ' {
                        j += 1;
                    }
                    i = self.skip_list_marker(j).max(i + len);
                } else {
                    i += len;
                }
                continue;
            }
            if matches!(c, b':' | b';') {
                i = self.at_emoticon(i);
                continue;
            }
            i += 1;
        }
        self.emit(n, n);
    }

    /// Skips a list marker at `i` (paragraph or bullet start) and expects the next one.
    fn skip_list_marker(&mut self, i: usize) -> usize {
        match list_marker(self.b, i) {
            Some((m, end)) => {
                self.list = Some(ListMarker {
                    value: m.value + 1,
                    ..m
                });
                end
            }
            None => i,
        }
    }

    /// An emoticon (`:)`, `;-)`, `:D`) between spaces ends a sentence before a capital.
    fn at_emoticon(&mut self, i: usize) -> usize {
        let b = self.b;
        if i > 0 && !is_space(b[i - 1]) {
            return i + 1;
        }
        let mut j = i + 1;
        if b.get(j) == Some(&b'-') {
            j += 1;
        }
        if !matches!(b.get(j), Some(b')' | b'(' | b'D' | b'P' | b'p' | b'/')) {
            return i + 1;
        }
        j += 1;
        if j >= b.len() || !is_space(b[j]) {
            return i + 1;
        }
        let k = self.skip_space(j);
        if k < b.len() && matches!(self.next_word(k), Next::Upper(_) | Next::Digit) {
            self.emit(j, k);
            return k;
        }
        j
    }

    /// The first non-whitespace byte at or after `i` (Unicode spaces count as whitespace).
    fn skip_space(&self, mut i: usize) -> usize {
        let b = self.b;
        while i < b.len() {
            if is_space(b[i]) {
                i += 1;
            } else if b[i] >= 0x80
                && let Some(c) = self.text[i..].chars().next()
                && c.is_whitespace()
            {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        i
    }

    /// Start of the whitespace-separated token that ends at `e`, looking back at most
    /// [`MAX_TOKEN`] bytes and not before `floor`.
    fn token_start(&self, e: usize, floor: usize) -> usize {
        let lo = e.saturating_sub(MAX_TOKEN).max(floor).min(e);
        let mut s = self.b[lo..e]
            .iter()
            .rposition(|&c| is_space(c))
            .map_or(lo, |p| lo + p + 1);
        while !self.text.is_char_boundary(s) {
            s += 1;
        }
        s
    }

    /// End of the whitespace-separated token that holds `i`, looking ahead at most
    /// [`MAX_TOKEN`] bytes.
    fn token_end(&self, i: usize) -> usize {
        let hi = (i + MAX_TOKEN).min(self.b.len());
        let e = self.b[i..hi]
            .iter()
            .position(|&c| is_space(c))
            .map_or(hi, |p| i + p);
        self.text.floor_char_boundary(e)
    }

    /// The run of terminators that starts at `i`, with single spaces between them allowed
    /// (`. . .`, `! ! !`).
    fn run_at(&self, i: usize) -> Run {
        let b = self.b;
        let mut r = Run {
            start: i,
            end: i,
            dots: 0,
            strong: 0,
            ellipsis: false,
        };
        let mut j = i;
        loop {
            if j < b.len()
                && let Some((kind, len)) = terminator(b, j)
            {
                match kind {
                    Term::Dot => r.dots += 1,
                    Term::Strong => r.strong += 1,
                    Term::Ellipsis => r.ellipsis = true,
                }
                j += len;
                r.end = j;
                continue;
            }
            if j + 1 < b.len() && b[j] == b' ' && terminator(b, j + 1).is_some() {
                j += 1;
                continue;
            }
            break;
        }
        r
    }

    /// After a terminator run: closing quotation marks, closing brackets, citation marks and
    /// further terminators that belong to the same sentence.
    fn tail(&self, mut j: usize) -> Tail {
        let mut t = Tail::default();
        let b = self.b;
        let n = b.len();
        let mut quoted = false;
        let mut closed = false;
        loop {
            if j >= n {
                break;
            }
            if let Some(m) = self.marks.quote_at(j)
                && m.role == Role::Close
            {
                j = m.end;
                quoted = true;
                closed = true;
                continue;
            }
            if let Some(len) = closing_bracket(b, j) {
                j += len;
                closed = true;
                continue;
            }
            if let Some(end) = citation(b, j) {
                j = end;
                continue;
            }
            if closed && let Some((_, len)) = terminator(b, j) {
                j += len;
                t.restated = true;
                continue;
            }
            // Tokenised text: ` '' .`, ` [1]`.
            let mut k = j;
            while k < n && (b[k] == b' ' || b[k] == b'\t') {
                k += 1;
            }
            if k > j && k < n {
                if let Some(m) = self.marks.quote_at(k)
                    && m.role == Role::Close
                {
                    j = m.end;
                    quoted = true;
                    closed = true;
                    continue;
                }
                if let Some(end) = citation(b, k) {
                    j = end;
                    continue;
                }
                if closed && terminator(b, k).is_some_and(|(t, _)| t != Term::Ellipsis) {
                    j = k;
                    t.restated = true;
                    continue;
                }
            }
            break;
        }
        t.end = j;
        t.quoted = quoted;
        t
    }

    /// What the text at `k` begins with, after any opening quotation marks and brackets.
    fn next_word(&self, mut k: usize) -> Next<'a> {
        let b = self.b;
        let n = b.len();
        let mut hops = 0;
        while k < n && hops < 4 {
            match opener(b, k) {
                Some(len) => {
                    k += len;
                    if b.get(k) == Some(&b'\'') || b.get(k) == Some(&b'`') {
                        k += 1; // '' and ``
                    }
                    while k < n && b[k] == b' ' {
                        k += 1;
                    }
                    hops += 1;
                }
                None => break,
            }
        }
        // A sentence may open with an ellipsis: "... I don't know", ". . . The practice".
        if k < n && (b[k] == b'.' || b[k] == 0xE2) {
            let run = self.run_at(k);
            if run.ellipsis_like()
                && run.strong == 0
                && b.get(run.end).is_some_and(|&c| c == b' ')
                && run.end > k
            {
                k = self.skip_space(run.end);
            }
        }
        let Some(c) = self.text[k.min(n)..].chars().next() else {
            return Next::Punct;
        };
        if c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()) {
            let rest = &self.text[k..self.text.floor_char_boundary(k + MAX_TOKEN)];
            let len = rest
                .find(|ch: char| !ch.is_alphabetic())
                .unwrap_or(rest.len());
            return Next::Upper(&rest[..len]);
        }
        if c.is_lowercase() {
            return Next::Lower;
        }
        if c.is_ascii_digit() || matches!(c, '$' | '\u{a3}' | '\u{20ac}' | '\u{a5}') {
            return Next::Digit;
        }
        if c.is_ascii_punctuation() && !matches!(c, '#' | '@' | '*' | '&' | '+')
            || matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2026}')
        {
            return Next::Punct;
        }
        Next::Other
    }

    /// Decides at a terminator starting at `i`; returns where scanning resumes.
    fn at_terminator(&mut self, i: usize, kind: Term) -> usize {
        let b = self.b;
        let n = b.len();
        let run = self.run_at(i);
        // "[...]" and "(...)" mark an omission, not an end.
        if run.ellipsis_like()
            && i > 0
            && matches!(b[i - 1], b'[' | b'(')
            && matches!(b.get(run.end), Some(b']' | b')'))
        {
            return run.end;
        }
        let tail = self.tail(run.end);
        let (end, quoted) = (tail.end, tail.quoted);
        if end >= n {
            return n;
        }
        if !is_space(b[end]) && self.text[end..].trim_start().len() == n - end {
            if end == run.end && run.end == i + 1 && kind != Term::Ellipsis {
                self.glued(i);
            }
            return end.max(i + 1);
        }
        let k = self.skip_space(end);
        if k >= n {
            return n;
        }
        let next = self.next_word(k);
        if matches!(next, Next::Lower | Next::Punct) {
            return end;
        }
        if b[k] == b'(' && self.dateline_paren(k) {
            return end;
        }
        let (split_at, resume) = if run.ellipsis_like() {
            if run.dots >= 4
                && run.strong == 0
                && i > 0
                && !is_space(b[i - 1])
                && b.get(i + 1) == Some(&b' ')
            {
                // "compounds. . . . The": the period ends the sentence, the spaced ellipsis
                // opens the next one.
                (i + 1, end)
            } else if next == Next::Upper("I") {
                return end;
            } else {
                (end, end)
            }
        } else if run.single_dot() && !tail.restated {
            // "(D-Calif.). Next": the period after the bracket ends the sentence, whatever
            // the abbreviation inside it.
            if !self.dot_ends_sentence(i, k, next) {
                return end;
            }
            (end, end)
        } else {
            (end, end)
        };
        if quoted && let Next::Upper(_) = next {
            let verb_ends = run.strong == 0;
            if self.attribution(k, verb_ends) {
                return end;
            }
        }
        if self.marks.shielded(split_at) {
            return end;
        }
        let next_start = if split_at == end { k } else { split_at };
        self.emit(split_at, next_start);
        // A list that starts mid-paragraph: "... as follows. 1) one 2) two".
        if split_at == end
            && let Some((m, after)) = list_marker(b, k)
            && m.value == 1
        {
            self.list = Some(ListMarker { value: 2, ..m });
            return after;
        }
        resume
    }

    /// A terminator glued to the next word (`world.Today`): a boundary when a lowercase word
    /// or number ends before it and a capitalised word follows, outside URLs, e-mail addresses
    /// and abbreviations.
    fn glued(&mut self, i: usize) {
        let b = self.b;
        if i == 0 || !(b[i - 1].is_ascii_lowercase() || b[i - 1].is_ascii_digit()) {
            return;
        }
        let rest = &b[i + 1..];
        let word_len = rest
            .iter()
            .take(MAX_TOKEN)
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        if word_len < 2
            || !rest[0].is_ascii_uppercase()
            || !rest[1..word_len].iter().all(u8::is_ascii_lowercase)
        {
            return;
        }
        if let Some(&after) = rest.get(word_len)
            && (after.is_ascii_alphanumeric() || after == b'@' || after == b'/')
        {
            return;
        }
        let tok_start = self.token_start(i, 0);
        let tok_end = self.token_end(i);
        let token = &self.text[tok_start..tok_end];
        if token.contains('@') || token.contains("://") || token.starts_with("www.") {
            return;
        }
        let before = &self.text[tok_start..i];
        let word_start = before
            .char_indices()
            .rfind(|(_, c)| !c.is_alphanumeric())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let word = &before[word_start..];
        if word.len() < 2 && !word.bytes().all(|c| c.is_ascii_digit())
            || self.lex.abbreviation(word).is_some()
        {
            return;
        }
        let next = std::str::from_utf8(&rest[..word_len]).unwrap_or("");
        if matches!(next, "Com" | "Org" | "Net" | "Gov" | "Edu") {
            return;
        }
        self.emit(i + 1, i + 1);
    }

    /// `(AP) —`, `(Reuters) -`: a dateline's credit continues the sentence.
    fn dateline_paren(&self, k: usize) -> bool {
        let b = self.b;
        let Some(close) = b[k..].iter().take(40).position(|&c| c == b')') else {
            return false;
        };
        let mut j = k + close + 1;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        b.get(j) == Some(&b'-') || self.text[j.min(b.len())..].starts_with(['\u{2013}', '\u{2014}'])
    }

    /// The quotation just closed is followed by its attribution (`"Why?" Smith asked.`): up to
    /// five capitalised words, then a verb of saying. After a period the verb must end the
    /// clause (`"Go." Smith said.`).
    fn attribution(&self, k: usize, verb_must_end: bool) -> bool {
        let mut rest = &self.text[k..];
        for step in 0..6 {
            let word_len = rest.find(|c: char| c.is_whitespace()).unwrap_or(rest.len());
            let word = &rest[..word_len];
            let letters = word.trim_end_matches([',', '.', ';', ':']);
            if step > 0 && self.lex.is_reporting_verb(letters) {
                if !verb_must_end {
                    return true;
                }
                return word[letters.len()..].starts_with(['.', ',']);
            }
            // Name words: capitalised, ending bare, at a comma ("Thompson, R-Pa., said"), or
            // in the period of a title or initial ("Sen.", "J.").
            if !word.starts_with(|c: char| c.is_uppercase()) {
                return false;
            }
            let bare = word.trim_end_matches(['.', ',']);
            let ok = if word.ends_with(',') {
                true
            } else if word.ends_with('.') {
                bare.chars().count() == 1 || self.lex.abbreviation(bare) == Some(Abbr::Title)
            } else {
                bare.len() == word.len() && !word.ends_with([';', ':', '!', '?'])
            };
            if !ok {
                return false;
            }
            rest = rest[word_len..].trim_start();
            if rest.is_empty() {
                return false;
            }
        }
        false
    }

    /// The text before a lone period at `i`: the whitespace-separated token, and the word at
    /// its end (letters, digits and `.&'’°`) with where that word starts. "(R-Calif" gives
    /// "Calif", "171/U.S" gives "U.S", ">Mr" gives "Mr".
    fn token_before(&self, i: usize) -> (&'a str, usize, &'a str) {
        let b = self.b;
        let mut e = i;
        // Tokenised text: "Mr . Robinson".
        while e > self.start && b[e - 1] == b' ' {
            e -= 1;
        }
        let s = self.token_start(e, self.start);
        let raw = &self.text[s..e];
        let core = raw.trim_end_matches(|c: char| {
            quotation_marks::may_close(c) || matches!(c, ')' | ']' | '}')
        });
        let word_start = core
            .char_indices()
            .rfind(|&(_, c)| {
                !(c.is_alphanumeric()
                    || matches!(c, '.' | '&' | '\'' | '\u{2019}' | '\u{b0}' | '\u{ba}'))
            })
            .map_or(0, |(p, c)| p + c.len_utf8());
        // A word does not start with a period or apostrophe ("...so", "'em").
        let word = core[word_start..].trim_start_matches(['.', '\'', '\u{2019}', '&']);
        let start = s + core.len() - word.len();
        (raw, start, word)
    }

    /// Classifies the word before a lone period at `i`; also returns where that word starts.
    fn before(&self, i: usize) -> (Before, usize) {
        let (raw, tok_start, piece) = self.token_before(i);
        if piece.is_empty() || raw.contains('@') || raw.contains("://") || raw.contains("www.") {
            return (Before::Word, tok_start);
        }
        // Times: "a.m", "7a.m", "11:58p.m", and spaced "a. m".
        let clock = piece.trim_start_matches(|c: char| c.is_ascii_digit());
        if clock.eq_ignore_ascii_case("a.m") || clock.eq_ignore_ascii_case("p.m") {
            return (Before::Abbr(Abbr::Time), tok_start);
        }
        if piece.eq_ignore_ascii_case("m") {
            let (_, prev) = self.token_before_pos(tok_start);
            if prev.eq_ignore_ascii_case("a.") || prev.eq_ignore_ascii_case("p.") {
                return (Before::Abbr(Abbr::Time), tok_start);
            }
        }
        if let Some(class) = self.lex.abbreviation(piece) {
            if class == Abbr::UnitAfterNumber {
                let (_, prev) = self.token_before_pos(tok_start);
                let number = prev.starts_with(|c: char| c.is_ascii_digit())
                    || prev.ends_with(|c: char| c.is_ascii_digit());
                let class = if number {
                    Before::Abbr(Abbr::Unit)
                } else {
                    Before::Word
                };
                return (class, tok_start);
            }
            return (Before::Abbr(class), tok_start);
        }
        let mut chars = piece.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && c.is_uppercase()
        {
            return (Before::Initial, tok_start);
        }
        // Dotted abbreviations not listed: "P.D.T", "Ed.D", "M.Sc", "S.&P".
        if piece.contains('.')
            && piece.split('.').all(|p| {
                !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_alphabetic() || c == '&')
            })
        {
            let mixed =
                piece.chars().any(char::is_lowercase) && piece.chars().any(char::is_uppercase);
            let class = if mixed { Abbr::Degree } else { Abbr::Weak };
            return (Before::Abbr(class), tok_start);
        }
        (Before::Word, tok_start)
    }

    /// The whitespace-separated token that ends before `pos` (skipping spaces).
    fn token_before_pos(&self, pos: usize) -> (usize, &'a str) {
        let b = self.b;
        let mut e = pos;
        while e > self.start && is_space(b[e - 1]) {
            e -= 1;
        }
        let s = self.token_start(e, self.start);
        (s, &self.text[s..e])
    }

    /// Where the current sentence's first word begins (after spaces and opening marks).
    fn first_word_start(&self, from: usize, limit: usize) -> usize {
        let b = self.b;
        let mut k = from;
        while k < limit {
            if is_space(b[k]) {
                k += 1;
            } else if let Some(len) = opener(b, k) {
                k += len;
            } else {
                break;
            }
        }
        k
    }

    /// True when the clause holding position `pos` opens with a preposition
    /// ("At 5 a.m.", "He noted: In 44 B.C.").
    fn intro_phrase(&self, pos: usize) -> bool {
        let b = self.b;
        let lo = pos.saturating_sub(4 * MAX_TOKEN).max(self.start);
        let clause = b[lo..pos]
            .windows(2)
            .rposition(|w| matches!(w[0], b':' | b';') && is_space(w[1]))
            .map_or(self.start, |p| lo + p + 1);
        let k = self.first_word_start(clause, pos);
        let rest = &self.text[k..pos];
        let len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        self.lex.is_intro_preposition(&rest[..len])
    }

    /// A capitalised adverb set off by a comma ("Initially, ...") opens a sentence.
    fn sentence_adverb(&self, w: &str) -> bool {
        let at = w.as_ptr() as usize - self.text.as_ptr() as usize + w.len();
        w.len() > 4 && w.ends_with("ly") && self.b.get(at) == Some(&b',')
    }

    /// Decides whether a lone period at `i`, followed by `next`, ends the sentence.
    fn dot_ends_sentence(&self, i: usize, k: usize, next: Next<'_>) -> bool {
        let (class, tok_start) = self.before(i);
        let starter = match next {
            Next::Upper(w) => self.lex.is_starter(w) || self.sentence_adverb(w),
            _ => false,
        };
        if class != Before::Word {
            // An abbreviation that opens its sentence does not also close it ("A.D. 79").
            let first = self.first_word_start(self.start, tok_start) >= tok_start;
            if first && !matches!(class, Before::Abbr(Abbr::Number)) {
                return false;
            }
        }
        match class {
            Before::Word => true,
            // "U. A. E.": another initial follows.
            Before::Initial => {
                starter
                    && !(matches!(next, Next::Upper(w) if w.len() == 1)
                        && self.b.get(k + 1) == Some(&b'.'))
            }
            Before::Abbr(Abbr::Title) => false,
            Before::Abbr(Abbr::Number) => match next {
                Next::Digit => false,
                Next::Upper(w) => !is_roman(w),
                _ => true,
            },
            Before::Abbr(Abbr::Weak) => starter,
            Before::Abbr(Abbr::Time | Abbr::Era) => match next {
                Next::Digit | Next::Other => true,
                Next::Upper(w) => {
                    starter
                        || !(self.lex.continues_time(w)
                            || is_time_zone(&self.text[k..self.text.floor_char_boundary(k + 16)])
                            || self.intro_phrase(tok_start))
                }
                _ => false,
            },
            Before::Abbr(Abbr::Unit | Abbr::UnitAfterNumber) => !matches!(next, Next::Digit),
            Before::Abbr(Abbr::Degree | Abbr::Direction) => true,
        }
    }
}

/// True for Roman numerals up to XXXIX ("Vol. II").
fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 6 && w.bytes().all(|c| matches!(c, b'I' | b'V' | b'X'))
}

/// True when `rest` starts with a time zone ("EDT", "P.D.T.").
fn is_time_zone(rest: &str) -> bool {
    let tok = rest
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')'))
        .next()
        .unwrap_or("");
    let mut letters = 0;
    for c in tok.trim_end_matches('.').bytes() {
        match c {
            b'A'..=b'Z' => letters += 1,
            b'.' => {}
            _ => return false,
        }
    }
    (2..=5).contains(&letters) && tok.trim_end_matches('.').ends_with('T')
}
