//! Stacked input features: what the fast stages (perceptron entities, quote rules) say about
//! each word piece, carried with its case class in the token-type id, so the encoder can
//! correct the fast stages instead of starting from nothing.
//!
//! `type = case + 5 × (entity + 5 × role)`, with entity 0 none, 1 PER, 2 ORG, 3 LOC, 4 MISC
//! (a fast entity overlaps the piece) and role 0 none, 1 source, 2 cue, 3 content (a rule
//! quote's speaker mention, cue or content overlaps it; cue wins over source over content).
//! Must match `training/features.py`.

use super::Piece;
use crate::doc::{Doc, EntityLabel, Span};

/// Token types of a stacked model.
pub const STACKED_TYPES: usize = 5 * 5 * 4;

/// The fast stages' spans of one document.
#[derive(Debug, Clone, Default)]
pub struct StackedFeatures {
    entities: Vec<(Span, u32)>,
    roles: Vec<(Span, u32)>,
}

fn entity_class(label: EntityLabel) -> u32 {
    match label {
        EntityLabel::Per => 1,
        EntityLabel::Org => 2,
        EntityLabel::Loc => 3,
        EntityLabel::Misc => 4,
    }
}

/// Priority of roles on one piece: cue, then source, then content.
fn rank(role: u32) -> u32 {
    match role {
        2 => 3,
        1 => 2,
        3 => 1,
        _ => 0,
    }
}

impl StackedFeatures {
    /// Reads the entities and quotes layers of `doc`.
    pub fn from_doc(doc: &Doc) -> Self {
        let mut entities: Vec<(Span, u32)> = doc
            .entities
            .iter()
            .map(|e| (e.span, entity_class(e.label)))
            .collect();
        entities.sort_by_key(|e| (e.0.start, e.0.end));
        let mut roles = Vec::new();
        for q in &doc.quotes {
            roles.extend(q.pieces.iter().map(|p| (*p, 3)));
            if let Some(m) = q.speaker.and_then(|m| doc.mentions.get(m.index())) {
                roles.push((m.span, 1));
            }
            if let Some(c) = q.cue {
                roles.push((c, 2));
            }
        }
        roles.sort_by_key(|r| (r.0.start, r.0.end));
        StackedFeatures { entities, roles }
    }

    /// Rewrites each piece's `case` field into its stacked token type.
    pub fn apply(&self, pieces: &mut [Piece]) {
        for p in pieces.iter_mut() {
            let overlaps = |s: &Span| s.start < p.end && p.start < s.end;
            // Entities: the first overlapping one, found from the first ending after p.start.
            let i = self.entities.partition_point(|e| e.0.end <= p.start);
            let ent = self.entities[i..]
                .iter()
                .take_while(|e| e.0.start < p.end)
                .find(|e| overlaps(&e.0))
                .map_or(0, |e| e.1);
            // Roles may nest; those starting before p.end are candidates.
            let upto = self.roles.partition_point(|r| r.0.start < p.end);
            let role = self.roles[..upto]
                .iter()
                .filter(|r| overlaps(&r.0))
                .map(|r| r.1)
                .max_by_key(|&r| rank(r))
                .unwrap_or(0);
            p.case += 5 * (ent + 5 * role);
        }
    }
}
