//! The shared document state that every stage reads and extends.

mod layers;
mod span;
mod validate;

pub use layers::*;
pub use span::Span;
pub use validate::Invalid;

use std::sync::Arc;

/// A document under annotation.
///
/// The text never changes; stages only add layers. All spans are byte spans into `text`.
/// Invariants kept by the stages: sentences are in order, do not overlap, and leave only
/// whitespace between them; tokens lie inside sentences; ids index into their layer.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Caller's identifier for the document.
    pub id: String,
    /// The text, shared and immutable.
    pub text: Arc<str>,
    /// Paragraph extents (trimmed), in order.
    pub paragraphs: Vec<Span>,
    /// Sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Word tokens, in order.
    pub tokens: Vec<Token>,
    /// Named entities, in order.
    pub entities: Vec<Entity>,
    /// Quotes and reported claims, in order of their start.
    pub quotes: Vec<Quote>,
    /// Speaker mentions (referenced by quotes and speakers).
    pub mentions: Vec<Mention>,
    /// Resolved speakers.
    pub speakers: Vec<Speaker>,
    /// Outlets named in the document.
    pub outlets: Vec<Outlet>,
    /// Each place an outlet is named.
    pub outlet_mentions: Vec<OutletMention>,
    /// Attribution-role spans tagged by the transformer stage (source, cue, content).
    pub roles: Vec<RoleSpan>,
}

impl Doc {
    /// Creates a document with no layers yet.
    pub fn new(id: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        Doc {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    /// The surface string of a span.
    #[inline]
    pub fn str(&self, span: Span) -> &str {
        &self.text[span]
    }

    /// Tokens of sentence `i` as an index range into `tokens`.
    pub fn sentence_tokens(&self, i: usize) -> std::ops::Range<usize> {
        let i = i as u32;
        let lo = self.tokens.partition_point(|t| t.sentence < i);
        let hi = self.tokens.partition_point(|t| t.sentence <= i);
        lo..hi
    }

    /// Index of the token that contains byte `pos`, or the first one starting after it.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.end <= pos)
    }

    /// Index of the sentence that contains byte `pos` (or the nearest one before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.start <= pos);
        i.checked_sub(1)
    }

    /// Adds a mention and returns its id.
    pub fn push_mention(&mut self, mention: Mention) -> MentionId {
        self.mentions.push(mention);
        MentionId((self.mentions.len() - 1) as u32)
    }
}
