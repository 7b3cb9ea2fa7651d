//! Quotation marks and brackets in one paragraph: which ones open, which close, and which
//! stretches of text they enclose.
//!
//! Curly marks say which way they face. Straight marks (`"`, `'`, `` ` ``, `''`) are read from
//! the characters beside them: a mark with text on its right only opens, one with text on its
//! left only closes, one with text on both sides is an apostrophe (`don't`), and one with space
//! on both sides (tokenised text: `'' Why`) is ambiguous and takes whichever role pairs it.
//! Marks of one family (double or single) alternate: an ambiguous mark closes an open quotation
//! and otherwise opens one. An ambiguous mark left open at the end of the paragraph is read as a
//! closing mark when it is the paragraph's first mark of its family (the paragraph began inside
//! a quotation), and as an opening mark otherwise (the quotation runs on into the next
//! paragraph, as news style has it).
//!
//! A quotation or bracket pair that closes within [`MAX_SHIELD`] bytes *shields* its inside:
//! no sentence ends there, except right before its closing mark (`"This is great." She...`).

/// Longest quotation or bracket interior (bytes) whose inside is kept in one sentence.
pub(super) const MAX_SHIELD: usize = 400;

/// Which way a quotation mark faces once resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// Starts a quotation; it belongs to the sentence after a boundary.
    Open,
    /// Ends a quotation; it belongs to the sentence before a boundary.
    Close,
}

/// A resolved quotation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mark {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Opening or closing.
    pub role: Role,
}

/// What a mark looks like before pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Open,
    Close,
    /// Space on both sides: takes whichever role pairs it.
    Ambiguous,
    /// Space on both sides, but what follows shows it closes (`'' ,`, `? ' he said`).
    CloseCue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy)]
struct Raw {
    start: usize,
    end: usize,
    family: Family,
    shape: Shape,
}

/// Reusable buffers for one paragraph's marks; [`Marks::analyse`] refills them.
#[derive(Debug, Default)]
pub(super) struct Marks {
    /// Resolved quotation marks, sorted by position.
    quotes: Vec<Mark>,
    /// Shielded interiors `(start, end)`, sorted and merged.
    shields: Vec<(usize, usize)>,
    raw: Vec<Raw>,
    brackets: Vec<(u8, usize)>,
}

/// Bracket kinds, indexed by `bracket` below.
fn bracket(b: &[u8], i: usize) -> Option<(u8, bool, usize)> {
    // (kind, is_open, byte length)
    Some(match b[i] {
        b'(' => (0, true, 1),
        b')' => (0, false, 1),
        b'[' => (1, true, 1),
        b']' => (1, false, 1),
        b'{' => (2, true, 1),
        b'}' => (2, false, 1),
        0xEF if b.get(i + 1) == Some(&0xBC) => match b.get(i + 2) {
            Some(0x88) => (3, true, 3),  // （
            Some(0x89) => (3, false, 3), // ）
            _ => return None,
        },
        0xE3 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0x88) => (4, true, 3),  // 〈
            Some(0x89) => (4, false, 3), // 〉
            Some(0x8A) => (5, true, 3),  // 《
            Some(0x8B) => (5, false, 3), // 》
            Some(0x8C) => (6, true, 3),  // 「
            Some(0x8D) => (6, false, 3), // 」
            Some(0x8E) => (7, true, 3),  // 『
            Some(0x8F) => (7, false, 3), // 』
            Some(0x90) => (8, true, 3),  // 【
            Some(0x91) => (8, false, 3), // 】
            _ => return None,
        },
        _ => return None,
    })
}

/// Bytes that can start a quotation mark or bracket.
static MARK_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = b"\"'`()[]{}";
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// True when a closing bracket at `i` is the mouth of an emoticon (`:)`, `;-(`).
fn emoticon_bracket(b: &[u8], i: usize) -> bool {
    let p = if i >= 1 && b[i - 1] == b'-' {
        i.checked_sub(2)
    } else {
        i.checked_sub(1)
    };
    p.is_some_and(|p| matches!(b[p], b':' | b';' | b'='))
}

/// Characters after which a straight mark may open a quotation.
fn opens_after(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '<'
                        | '\u{2014}'
                        | '\u{2013}'
                        | '-'
                        | '/'
                        | '\u{201c}'
                        | '\u{2018}'
                        | '"'
                        | '\''
                        | '`'
                        | '\u{ab}'
                        | '\u{201e}'
                )
        }
    }
}

/// Characters before which a straight mark may close a quotation.
fn closes_before(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    ',' | '.'
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '>'
                        | '\u{2014}'
                        | '\u{2013}'
                        | '-'
                        | '\u{2026}'
                        | '\u{201d}'
                        | '\u{2019}'
                        | '"'
                        | '\''
                        | '`'
                        | '\u{bb}'
                )
        }
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// The quotation mark at byte `i` of `b`: its family, byte length and, for a curly mark, the
/// way it faces (straight marks are read from their neighbours). The marks and their facing
/// are those of `crate::lexicon::marks`, read from bytes for speed, with three differences:
/// the reversed and low-9 singles and the reversed double (`‛ ‚ ‟`) are not read, and a
/// grave accent (`` ` ``, ``` `` ```) is read from its neighbours like a straight mark.
#[inline]
fn mark_at(b: &[u8], i: usize) -> Option<(Family, usize, Option<Shape>)> {
    Some(match b[i] {
        b'"' => (Family::Double, 1, None),
        b'\'' if b.get(i + 1) == Some(&b'\'') => (Family::Double, 2, None),
        b'\'' => (Family::Single, 1, None),
        b'`' if b.get(i + 1) == Some(&b'`') => (Family::Double, 2, None),
        b'`' => (Family::Single, 1, None),
        0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0x9C) | Some(0x9E) => (Family::Double, 3, Some(Shape::Open)), // “ „
            Some(0x9D) => (Family::Double, 3, Some(Shape::Close)),             // ”
            Some(0x98) => (Family::Single, 3, Some(Shape::Open)),              // ‘
            Some(0x99) => (Family::Single, 3, Some(Shape::Close)),             // ’
            Some(0xB9) => (Family::Single, 3, Some(Shape::Open)),              // ‹
            Some(0xBA) => (Family::Single, 3, Some(Shape::Close)),             // ›
            _ => return None,
        },
        0xC2 => match b.get(i + 1) {
            Some(0xAB) => (Family::Double, 2, Some(Shape::Open)), // «
            Some(0xBB) => (Family::Double, 2, Some(Shape::Close)), // »
            _ => return None,
        },
        _ => return None,
    })
}

impl Marks {
    /// Finds, classifies and pairs the marks of `para`.
    pub(super) fn analyse(&mut self, para: &str, is_elision: impl Fn(&str) -> bool) {
        self.quotes.clear();
        self.shields.clear();
        self.raw.clear();
        self.brackets.clear();
        let b = para.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Skip plain bytes fast.
            match b[i..].iter().position(|&c| MARK_BYTES[c as usize]) {
                Some(p) => i += p,
                None => break,
            }
            if let Some((kind, open, len)) = bracket(b, i) {
                if open {
                    self.brackets.push((kind, i + len));
                } else if !(kind == 0 && emoticon_bracket(b, i))
                    && let Some(pos) = self.brackets.iter().rposition(|&(k, _)| k == kind)
                {
                    let (_, inner) = self.brackets[pos];
                    self.brackets.truncate(pos);
                    if i - inner <= MAX_SHIELD {
                        self.shields.push((inner, i));
                    }
                }
                i += len;
                continue;
            }
            let Some((family, len, fixed)) = mark_at(b, i) else {
                i += 1;
                continue;
            };
            let end = i + len;
            let prev = para[..i].chars().next_back();
            let next = para[end..].chars().next();
            let left = opens_after(prev);
            let right = closes_before(next);
            let shape = match (fixed, left, right) {
                // Curly marks face one way; a curly apostrophe inside a word is no mark.
                (Some(Shape::Close), _, true) => Some(Shape::Close),
                // A right double mark typed at the start of a quotation: ”Mr. Smith said...
                (Some(Shape::Close), true, false) if family == Family::Double => Some(Shape::Open),
                (Some(Shape::Close), _, false) if family == Family::Double => Some(Shape::Close),
                (Some(Shape::Close), _, false) => None, // ’80s, don’t
                (Some(Shape::Open), true, _) => Some(Shape::Open),
                (Some(Shape::Open), false, _) if family == Family::Double => Some(Shape::Open),
                (Some(_), false, _) => None, // don‘t
                (_, true, false) => Some(Shape::Open),
                (_, false, true) => Some(Shape::Close),
                (_, true, true) => Some(Shape::Ambiguous),
                (_, false, false) => None,
            };
            let Some(mut shape) = shape else {
                i = end;
                continue;
            };
            if family == Family::Single && shape == Shape::Open && len == 1 {
                // '80s, 'em, 'Tis, tokenised 's: apostrophes, not quotation marks.
                let rest = &para[end..para.floor_char_boundary(end + 32)];
                let word_len = rest
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(rest.len());
                let word = &rest[..word_len];
                if word.starts_with(|c: char| c.is_ascii_digit()) || is_elision(word) {
                    i = end;
                    continue;
                }
            }
            if shape == Shape::Ambiguous && closing_cue(para, i, end) {
                shape = Shape::CloseCue;
            }
            self.raw.push(Raw {
                start: i,
                end,
                family,
                shape,
            });
            i = end;
        }
        self.pair(Family::Double);
        self.pair(Family::Single);
        self.quotes.sort_unstable_by_key(|m| m.start);
        self.shields.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(self.shields.len());
        for &(s, e) in &self.shields {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        self.shields = merged;
    }

    /// Pairs one family's marks and records their roles and shields.
    ///
    /// Marks alternate. A mark that must close (`CloseCue`) but finds nothing open re-reads
    /// the last pair when that pair was closed by an ambiguous mark: the ambiguous mark opens
    /// this quotation instead, and its former partner is left unpaired.
    fn pair(&mut self, family: Family) {
        let base = self.quotes.len();
        let mut shapes: Vec<Shape> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut open: Option<usize> = None;
        for r in self.raw.iter().filter(|r| r.family == family) {
            let idx = self.quotes.len();
            self.quotes.push(Mark {
                start: r.start,
                end: r.end,
                role: Role::Close,
            });
            shapes.push(r.shape);
            match (r.shape, open) {
                (Shape::Open, _) => open = Some(idx),
                (Shape::Ambiguous, None) => open = Some(idx),
                (Shape::Close | Shape::CloseCue | Shape::Ambiguous, Some(o)) => {
                    pairs.push((o, idx));
                    open = None;
                }
                (Shape::CloseCue, None) => {
                    if let Some(&(_, c)) = pairs.last()
                        && shapes[c - base] == Shape::Ambiguous
                        && c + 1 == idx
                    {
                        pairs.pop();
                        pairs.push((c, idx));
                    }
                }
                (Shape::Close, None) => {}
            }
        }
        let mut paired = vec![false; shapes.len()];
        for &(o, c) in &pairs {
            paired[o - base] = true;
            paired[c - base] = true;
            self.quotes[o].role = Role::Open;
            self.quotes[c].role = Role::Close;
            let inner = self.quotes[o].end;
            let close = self.quotes[c].start;
            if close - inner <= MAX_SHIELD {
                self.shields.push((inner, close));
            }
        }
        for (k, shape) in shapes.iter().enumerate() {
            if paired[k] {
                continue;
            }
            self.quotes[base + k].role = match shape {
                Shape::Open => Role::Open,
                Shape::Close | Shape::CloseCue => Role::Close,
                // The paragraph began inside a quotation, or one runs on past its end.
                Shape::Ambiguous if k == 0 => Role::Close,
                Shape::Ambiguous => Role::Open,
            };
        }
    }

    /// The resolved quotation mark that starts at `pos`, if any.
    pub(super) fn quote_at(&self, pos: usize) -> Option<Mark> {
        self.quotes
            .binary_search_by_key(&pos, |m| m.start)
            .ok()
            .map(|i| self.quotes[i])
    }

    /// True when `pos` lies inside a shielded quotation or bracket pair.
    pub(super) fn shielded(&self, pos: usize) -> bool {
        let i = self.shields.partition_point(|&(s, _)| s <= pos);
        i > 0 && pos <= self.shields[i - 1].1
    }
}

/// True when an ambiguous mark at `start..end` reads as closing: punctuation follows it
/// (`'' ,`, `'' .`), or it follows a sentence end and lowercase text follows (`? ' he said`).
fn closing_cue(para: &str, start: usize, end: usize) -> bool {
    let after = para[end..].trim_start();
    let mut chars = after.chars();
    let next = chars.next();
    let next2 = chars.next();
    match next {
        Some(',' | ';' | ':' | ')' | ']' | '}') => return true,
        Some('.' | '!' | '?') if next2 != Some('.') => return true,
        _ => {}
    }
    let prev = para[..start].trim_end().chars().next_back();
    prev.is_some_and(is_terminator) && next.is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(&str, Role)> {
        let mut m = Marks::default();
        m.analyse(text, |w| matches!(w, "s" | "em" | "Tis" | "tis"));
        m.quotes
            .iter()
            .map(|q| (&text[q.start..q.end], q.role))
            .collect()
    }

    #[test]
    fn straight_marks_by_flank() {
        assert_eq!(
            roles("He said \"go.\" Then 'Tis done, don't 'em."),
            vec![("\"", Role::Open), ("\"", Role::Close)]
        );
    }

    #[test]
    fn ambiguous_marks_pair_in_turn() {
        let r = roles("a ' b ' c ' d");
        assert_eq!(
            r.iter().map(|x| x.1).collect::<Vec<_>>(),
            vec![Role::Open, Role::Close, Role::Open]
        );
        // A lone ambiguous first mark closes a quotation begun before the paragraph.
        assert_eq!(roles("end ? '' Next")[0].1, Role::Close);
    }

    #[test]
    fn shields_inside_pairs() {
        let t = "He (see. below) and \u{201c}A. B.\u{201d} end.";
        let mut m = Marks::default();
        m.analyse(t, |_| false);
        assert!(m.shielded(t.find("see.").unwrap() + 4));
        assert!(m.shielded(t.find("A.").unwrap() + 2));
        assert!(!m.shielded(t.find("end").unwrap()));
    }

    #[test]
    fn marks_read_from_bytes_follow_the_mark_model() {
        use crate::lexicon::marks::{self as model, Facing};
        for c in [
            '"', '\'', '`', '\u{201c}', '\u{201d}', '\u{201e}', '\u{2018}', '\u{2019}', '\u{2039}',
            '\u{203a}', '\u{ab}', '\u{bb}',
        ] {
            let s = c.to_string();
            let (family, len, fixed) = mark_at(s.as_bytes(), 0).expect("a mark");
            let want = model::quotation_mark(c).expect("in the model");
            let family_ok = matches!(
                (family, want.family),
                (Family::Double, model::Family::Double) | (Family::Single, model::Family::Single)
            );
            assert!(family_ok, "{c}");
            assert_eq!(len, c.len_utf8(), "{c}");
            let facing = match fixed {
                Some(Shape::Open) => Facing::Open,
                Some(_) => Facing::Close,
                None => Facing::Either,
            };
            // A grave accent opens in the model; the splitter reads it from its neighbours.
            if c != '`' {
                assert_eq!(facing, want.facing, "{c}");
            }
        }
        // Not read by the splitter.
        for c in ['\u{201a}', '\u{201b}', '\u{201f}'] {
            assert!(mark_at(c.to_string().as_bytes(), 0).is_none(), "{c}");
        }
        assert_eq!(
            mark_at(b"``", 0).map(|m| (m.0, m.1)),
            Some((Family::Double, 2))
        );
        assert_eq!(
            mark_at(b"''", 0).map(|m| (m.0, m.1)),
            Some((Family::Double, 2))
        );
    }
}
