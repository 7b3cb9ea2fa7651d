//! [`Doc::validate`]: the invariants every stage must leave behind, checked in one place.

use super::{Doc, Span};

/// A broken invariant: which layer, which element, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{layer}[{index}]: {reason}")]
pub struct Invalid {
    /// The layer (`sentences`, `quotes`, …).
    pub layer: &'static str,
    /// The element's index in it.
    pub index: usize,
    /// What is wrong.
    pub reason: String,
}

impl Doc {
    /// Checks that every span lies inside the text on character boundaries and that every id
    /// points at something that exists. The pipeline runs it after each stage in debug
    /// builds; the property tests run it on every document they make.
    pub fn validate(&self) -> Result<(), Invalid> {
        self.validate_text_layers()?;
        self.validate_quote_layers()?;
        self.validate_outlet_layers()
    }

    /// Paragraphs, sentences, tokens and entities.
    fn validate_text_layers(&self) -> Result<(), Invalid> {
        for (i, p) in self.paragraphs.iter().enumerate() {
            self.span_ok("paragraphs", i, *p)?;
        }
        for (i, s) in self.sentences.iter().enumerate() {
            self.span_ok("sentences", i, s.span)?;
            if !self.paragraphs.is_empty() {
                let n = self.paragraphs.len();
                id_ok("sentences", i, "paragraph", s.paragraph as usize, n)?;
            }
        }
        for (i, t) in self.tokens.iter().enumerate() {
            self.span_ok("tokens", i, t.span)?;
            id_ok(
                "tokens",
                i,
                "sentence",
                t.sentence as usize,
                self.sentences.len(),
            )?;
        }
        for (i, e) in self.entities.iter().enumerate() {
            self.span_ok("entities", i, e.span)?;
            id_ok(
                "entities",
                i,
                "first token",
                e.first.index(),
                self.tokens.len(),
            )?;
            // `end` is exclusive.
            id_ok(
                "entities",
                i,
                "end token",
                e.end.index(),
                self.tokens.len() + 1,
            )?;
        }
        for (i, r) in self.roles.iter().enumerate() {
            self.span_ok("roles", i, r.span)?;
        }
        Ok(())
    }

    /// Quotes, speaker mentions and speakers.
    fn validate_quote_layers(&self) -> Result<(), Invalid> {
        for (i, q) in self.quotes.iter().enumerate() {
            self.span_ok("quotes", i, q.span)?;
            for p in q.pieces.iter().chain(q.cue.iter()) {
                self.span_ok("quotes", i, *p)?;
            }
            if let Some(m) = q.speaker {
                id_ok(
                    "quotes",
                    i,
                    "speaker mention",
                    m.index(),
                    self.mentions.len(),
                )?;
            }
            if let Some((m, _)) = q.outlet {
                let n = self.outlet_mentions.len();
                id_ok("quotes", i, "outlet mention", m.index(), n)?;
            }
        }
        for (i, m) in self.mentions.iter().enumerate() {
            self.span_ok("mentions", i, m.span)?;
            if let Some(e) = m.entity {
                id_ok("mentions", i, "entity", e.index(), self.entities.len())?;
            }
            if let Some(s) = m.speaker {
                id_ok("mentions", i, "speaker", s.index(), self.speakers.len())?;
            }
        }
        for (i, s) in self.speakers.iter().enumerate() {
            for m in &s.mentions {
                id_ok("speakers", i, "mention", m.index(), self.mentions.len())?;
            }
        }
        Ok(())
    }

    /// Outlet mentions.
    fn validate_outlet_layers(&self) -> Result<(), Invalid> {
        for (i, m) in self.outlet_mentions.iter().enumerate() {
            self.span_ok("outlet_mentions", i, m.span)?;
            let n = self.outlets.len();
            id_ok("outlet_mentions", i, "outlet", m.outlet.index(), n)?;
        }
        Ok(())
    }

    /// `s` lies inside the text, on character boundaries.
    fn span_ok(&self, layer: &'static str, index: usize, s: Span) -> Result<(), Invalid> {
        let text: &str = &self.text;
        if s.start > s.end || s.end > text.len() {
            let reason = format!(
                "span {}..{} outside the text (0..{})",
                s.start,
                s.end,
                text.len()
            );
            return Err(invalid(layer, index, reason));
        }
        if !text.is_char_boundary(s.start) || !text.is_char_boundary(s.end) {
            let reason = format!("span {}..{} cuts a character", s.start, s.end);
            return Err(invalid(layer, index, reason));
        }
        Ok(())
    }
}

/// `id` indexes a layer of `len` elements.
fn id_ok(
    layer: &'static str,
    index: usize,
    what: &str,
    id: usize,
    len: usize,
) -> Result<(), Invalid> {
    if id < len {
        return Ok(());
    }
    let reason = format!("{what} id {id} points past the {len} that exist");
    Err(invalid(layer, index, reason))
}

fn invalid(layer: &'static str, index: usize, reason: String) -> Invalid {
    Invalid {
        layer,
        index,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Mention, MentionId, MentionKind, Quote, QuoteKind};

    fn quote(span: Span, speaker: Option<MentionId>) -> Quote {
        Quote {
            span,
            pieces: vec![span],
            kind: QuoteKind::Direct,
            cue: None,
            speaker,
            inherited: false,
            outlet: None,
            confidence: 0.5,
        }
    }

    #[test]
    fn a_fresh_document_is_valid() {
        Doc::new("d", "Any text at all.").validate().unwrap();
    }

    #[test]
    fn a_span_past_the_end_is_reported_with_its_layer() {
        let mut doc = Doc::new("d", "short");
        doc.quotes.push(quote(Span::new(0, 9), None));
        let err = doc.validate().unwrap_err();
        assert_eq!((err.layer, err.index), ("quotes", 0));
    }

    #[test]
    fn a_span_inside_a_character_is_reported() {
        let mut doc = Doc::new("d", "\u{201c}Yes\u{201d}");
        doc.quotes.push(quote(Span::new(1, 4), None));
        assert!(
            doc.validate()
                .unwrap_err()
                .reason
                .contains("cuts a character")
        );
    }

    #[test]
    fn a_dangling_mention_id_is_reported() {
        let mut doc = Doc::new("d", "Yes, she said.");
        doc.quotes.push(quote(Span::new(0, 3), Some(MentionId(0))));
        assert!(
            doc.validate()
                .unwrap_err()
                .reason
                .contains("speaker mention id 0")
        );
        doc.mentions.push(Mention {
            span: Span::new(5, 8),
            kind: MentionKind::Pronoun,
            entity: None,
            speaker: None,
        });
        doc.validate().unwrap();
    }
}
