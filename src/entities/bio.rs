//! Tag schemes: how entity spans become one tag per token and back.
//!
//! Tags are small integers. Tag 0 is always `O`; the others encode a position inside an
//! entity (begin, inside, last, unit) together with its [`EntityLabel`]. Decoding never
//! fails: an ill-formed sequence (an `I` with no `B`, as IOB1 writes it) starts a new entity.

use crate::doc::EntityLabel;

/// Tag id.
pub type Tag = u8;

/// The `O` (outside) tag, shared by every scheme.
pub const OUTSIDE: Tag = 0;

/// How positions inside an entity are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `B-X` starts an entity, `I-X` continues it (IOB2).
    Bio,
    /// `B-X`, `I-X`, `L-X` (last) and `U-X` (single token): more tags, sharper edges.
    Bilou,
}

/// A token's place inside an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Outside any entity.
    Outside,
    /// First token of a multi-token entity (or any first token, in BIO).
    Begin,
    /// Neither first nor last.
    Inside,
    /// Last token of a multi-token entity (BILOU only).
    Last,
    /// The only token (BILOU only).
    Unit,
}

impl Scheme {
    /// The code stored in model files.
    pub fn code(self) -> u8 {
        match self {
            Scheme::Bio => 1,
            Scheme::Bilou => 2,
        }
    }

    /// The scheme a model file's code names.
    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            1 => Some(Scheme::Bio),
            2 => Some(Scheme::Bilou),
            _ => None,
        }
    }

    fn per_label(self) -> usize {
        match self {
            Scheme::Bio => 2,
            Scheme::Bilou => 4,
        }
    }

    /// Number of distinct tags, `O` included.
    pub fn len(self) -> usize {
        1 + EntityLabel::ALL.len() * self.per_label()
    }

    /// Never true: every scheme has at least the `O` tag (here for clippy's `len` rule).
    pub fn is_empty(self) -> bool {
        false
    }

    /// The tag for a position and label.
    pub fn tag(self, pos: Position, label: EntityLabel) -> Tag {
        let p = match (self, pos) {
            (_, Position::Outside) => return OUTSIDE,
            (_, Position::Begin) | (Scheme::Bio, Position::Unit) => 0,
            (_, Position::Inside) | (Scheme::Bio, Position::Last) => 1,
            (Scheme::Bilou, Position::Last) => 2,
            (Scheme::Bilou, Position::Unit) => 3,
        };
        (1 + label_index(label) * self.per_label() + p) as Tag
    }

    /// Position and label of a tag (`None` for `O` or an out-of-range tag).
    pub fn split(self, tag: Tag) -> Option<(Position, EntityLabel)> {
        let t = (tag as usize).checked_sub(1)?;
        let label = *EntityLabel::ALL.get(t / self.per_label())?;
        let pos = match t % self.per_label() {
            0 => Position::Begin,
            1 => Position::Inside,
            2 => Position::Last,
            _ => Position::Unit,
        };
        Some((pos, label))
    }

    /// The tag's name, `B-PER` style.
    pub fn name(self, tag: Tag) -> String {
        match self.split(tag) {
            None => "O".to_string(),
            Some((pos, label)) => {
                let p = match pos {
                    Position::Outside => "O",
                    Position::Begin => "B",
                    Position::Inside => "I",
                    Position::Last => "L",
                    Position::Unit => "U",
                };
                format!("{p}-{}", label.as_str())
            }
        }
    }

    /// Whether `cur` may follow `prev` (`prev = None` at the start of a sentence).
    pub fn allowed(self, prev: Option<Tag>, cur: Tag) -> bool {
        let prev = prev.and_then(|t| self.split(t));
        let continues = matches!(
            self.split(cur),
            Some((Position::Inside | Position::Last, _))
        );
        let same_label = matches!((prev, self.split(cur)), (Some((_, a)), Some((_, b))) if a == b);
        match self {
            // BIO: only I-X needs a B-X or I-X before it.
            Scheme::Bio => !continues || same_label,
            // BILOU: an open entity (B or I before) must go on with I or L of its label;
            // anything else may follow a closed one.
            Scheme::Bilou => {
                let open = matches!(prev, Some((Position::Begin | Position::Inside, _)));
                if open {
                    continues && same_label
                } else {
                    !continues
                }
            }
        }
    }

    /// One tag per token for the given entities (token ranges `[first, end)` with a label).
    ///
    /// Entities must be in order and not overlap; out-of-range ones are clipped.
    pub fn encode(self, len: usize, entities: &[(usize, usize, EntityLabel)]) -> Vec<Tag> {
        let mut tags = vec![OUTSIDE; len];
        for &(first, end, label) in entities {
            let end = end.min(len);
            if first >= end {
                continue;
            }
            for (i, t) in tags.iter_mut().enumerate().take(end).skip(first) {
                let pos = if end - first == 1 {
                    Position::Unit
                } else if i == first {
                    Position::Begin
                } else if i + 1 == end {
                    Position::Last
                } else {
                    Position::Inside
                };
                *t = self.tag(pos, label);
            }
        }
        tags
    }

    /// Entities (token ranges with labels) read from a tag sequence.
    ///
    /// Lenient: an `I`/`L` that does not continue an entity of its label starts one, as in
    /// IOB1 and as conlleval reads it.
    pub fn decode(self, tags: &[Tag]) -> Vec<(usize, usize, EntityLabel)> {
        let mut out = Vec::new();
        let mut open: Option<(usize, EntityLabel)> = None;
        for (i, &t) in tags.iter().enumerate() {
            let cur = self.split(t);
            // Close the open entity unless this tag continues it.
            if let Some((start, l)) = open {
                let continues =
                    matches!(cur, Some((Position::Inside | Position::Last, cl)) if cl == l);
                if !continues {
                    out.push((start, i, l));
                    open = None;
                }
            }
            match cur {
                None => {}
                Some((pos, l)) => {
                    if open.is_none() {
                        open = Some((i, l));
                    }
                    if matches!(pos, Position::Last | Position::Unit)
                        && let Some((start, l)) = open.take()
                    {
                        out.push((start, i + 1, l));
                    }
                }
            }
        }
        if let Some((start, l)) = open {
            out.push((start, tags.len(), l));
        }
        out
    }
}

fn label_index(label: EntityLabel) -> usize {
    match label {
        EntityLabel::Per => 0,
        EntityLabel::Org => 1,
        EntityLabel::Loc => 2,
        EntityLabel::Misc => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::*;

    #[test]
    fn round_trip_both_schemes() {
        let ents = vec![(0, 2, Per), (2, 3, Per), (4, 7, Org), (8, 9, Loc)];
        for scheme in [Scheme::Bio, Scheme::Bilou] {
            let tags = scheme.encode(10, &ents);
            assert_eq!(scheme.decode(&tags), ents, "{scheme:?}");
            for w in tags.windows(2) {
                assert!(scheme.allowed(Some(w[0]), w[1]), "{scheme:?} {w:?}");
            }
            assert!(scheme.allowed(None, tags[0]));
        }
    }

    #[test]
    fn names_and_split() {
        let s = Scheme::Bilou;
        assert_eq!(s.len(), 17);
        assert_eq!(s.name(s.tag(Position::Unit, Misc)), "U-MISC");
        assert_eq!(
            Scheme::Bio.name(Scheme::Bio.tag(Position::Inside, Loc)),
            "I-LOC"
        );
        assert_eq!(s.split(OUTSIDE), None);
        assert_eq!(s.split(200), None);
    }

    #[test]
    fn constraints() {
        let b = Scheme::Bio;
        let i_per = b.tag(Position::Inside, Per);
        let b_per = b.tag(Position::Begin, Per);
        let b_org = b.tag(Position::Begin, Org);
        assert!(!b.allowed(None, i_per));
        assert!(!b.allowed(Some(OUTSIDE), i_per));
        assert!(!b.allowed(Some(b_org), i_per));
        assert!(b.allowed(Some(b_per), i_per));
        let u = Scheme::Bilou;
        let bu = u.tag(Position::Begin, Per);
        assert!(!u.allowed(Some(bu), OUTSIDE));
        assert!(!u.allowed(Some(bu), u.tag(Position::Last, Org)));
        assert!(u.allowed(Some(bu), u.tag(Position::Last, Per)));
    }

    #[test]
    fn lenient_decoding() {
        let b = Scheme::Bio;
        let i_per = b.tag(Position::Inside, Per);
        let i_loc = b.tag(Position::Inside, Loc);
        assert_eq!(
            b.decode(&[i_per, i_per, i_loc, OUTSIDE, i_loc]),
            vec![(0, 2, Per), (2, 3, Loc), (4, 5, Loc)]
        );
    }
}
