//! Byte spans into a document's text.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into `Doc::text`, always on `char` boundaries.
///
/// Internally every layer uses byte spans, so `&text[span]` is the surface string;
/// the wire layer converts them to character offsets once, at output.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Creates a span; panics in debug builds if `start > end`.
    #[inline]
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} > end {end}");
        Span {
            start,
            end: end.max(start),
        }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies inside `self`.
    #[inline]
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(&self, other: &Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Maps a span local to `base` (e.g. sentence-relative) into document coordinates.
    ///
    /// Every local-to-global conversion goes through this one function.
    #[inline]
    pub fn shift(self, base: usize) -> Span {
        Span::new(self.start + base, self.end + base)
    }

    /// Shrinks the span so it neither starts nor ends with whitespace.
    pub fn trim(self, text: &str) -> Span {
        let s = &text[self.start..self.end];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }

    /// The surface string of this span.
    #[inline]
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

impl std::ops::Index<Span> for str {
    type Output = str;
    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.start..span.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_and_index() {
        let t = "  héllo  ";
        let s = Span::new(0, t.len()).trim(t);
        assert_eq!(&t[s], "héllo");
        assert_eq!(Span::new(0, 2).trim(t).len(), 0);
        assert_eq!(Span::new(2, 3).shift(10), Span::new(12, 13));
    }
}
