//! The pipeline stage: entities and attribution-role spans from one encoder pass.

use super::decode::{Bio, viterbi, viterbi_with};
use super::{BackendKind, NER_LABELS, Piece, PieceScores, ROLES, TransformerModel};
use crate::doc::{Doc, Entity, EntityLabel, Role, RoleSpan, Span, TokenId};
use crate::error::Result;
use crate::pipeline::{Contract, Layer, Stage};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

const ROLE_KINDS: [Role; ROLES] = [Role::Source, Role::Cue, Role::Content];
const OBI: [Bio; 3] = [Bio::O, Bio::B(0), Bio::I(0)];

/// Runs the transformer and writes what it is asked for: entities, role spans, or both.
#[derive(Debug)]
pub struct TransformerTagger {
    model: TransformerModel,
    ner: bool,
    roles: bool,
    ner_scheme: Vec<Bio>,
}

impl TransformerTagger {
    /// Loads the model in `dir` (default: `models/transformer`) on `backend`.
    pub fn load(dir: Option<&Path>, backend: BackendKind, ner: bool, roles: bool) -> Result<Self> {
        let model = TransformerModel::load(dir, backend)?;
        Ok(Self::new(model, ner, roles))
    }

    /// Wraps a loaded model.
    pub fn new(model: TransformerModel, ner: bool, roles: bool) -> Self {
        let types: Vec<&str> = EntityLabel::ALL.iter().map(|l| l.as_str()).collect();
        let ner_scheme = NER_LABELS
            .iter()
            .map(|l| Bio::parse(l, &types).unwrap_or(Bio::O))
            .collect();
        TransformerTagger {
            model,
            ner,
            roles,
            ner_scheme,
        }
    }

    /// The underlying model.
    pub fn model(&self) -> &TransformerModel {
        &self.model
    }
}

impl Stage for TransformerTagger {
    fn name(&self) -> &'static str {
        "transformer"
    }

    fn contract(&self) -> Contract {
        let reads: &'static [Layer] = if self.model.stacked() {
            &[
                Layer::Sentences,
                Layer::Tokens,
                Layer::Entities,
                Layer::Quotes,
            ]
        } else {
            &[Layer::Sentences, Layer::Tokens]
        };
        let writes: &'static [Layer] = match (self.ner, self.roles) {
            (true, true) => &[Layer::Entities, Layer::Roles],
            (true, false) => &[Layer::Entities],
            (false, true) => &[Layer::Roles],
            (false, false) => &[],
        };
        let contract = Contract::new(reads, writes);
        if self.ner {
            contract.invalidating(&Layer::ENTITIES_DEPENDENTS)
        } else {
            contract
        }
    }

    fn process(&self, doc: &mut Doc) -> Result<()> {
        if !self.ner && !self.roles {
            return Ok(());
        }
        let features = self.features(doc);
        let scores = self.model.predict(&doc.text, features.as_ref())?;
        self.write(doc, &scores);
        Ok(())
    }

    /// Runs the windows of all `docs` together ([`TransformerModel::predict_batch`]). When
    /// that fails, no document has been touched yet, and each is processed on its own, so
    /// that an error or a panic is reported for the document that causes it.
    fn process_batch(&self, docs: &mut [&mut Doc]) -> Vec<Result<()>> {
        if !self.ner && !self.roles {
            return docs.iter().map(|_| Ok(())).collect();
        }
        let scored = {
            let features: Vec<_> = docs.iter().map(|d| self.features(d)).collect();
            let inputs: Vec<_> = docs
                .iter()
                .zip(&features)
                .map(|(d, f)| (&*d.text, f.as_ref()))
                .collect();
            catch_unwind(AssertUnwindSafe(|| self.model.predict_batch(&inputs)))
        };
        match scored {
            Ok(Ok(scores)) => docs
                .iter_mut()
                .zip(&scores)
                .map(|(doc, s)| {
                    crate::pipeline::guarded(self.name(), doc, |doc| {
                        self.write(doc, s);
                        Ok(())
                    })
                })
                .collect(),
            _ => crate::pipeline::process_each(self, docs),
        }
    }
}

impl TransformerTagger {
    /// What a stacked model reads of the fast stages' output.
    fn features(&self, doc: &Doc) -> Option<super::features::StackedFeatures> {
        self.model
            .stacked()
            .then(|| super::features::StackedFeatures::from_doc(doc))
    }

    /// Decodes `scores` into the entities and role spans of `doc`.
    fn write(&self, doc: &mut Doc, scores: &PieceScores) {
        let p = &scores.pieces;
        if self.ner {
            let spans = viterbi(&scores.ner, NER_LABELS.len(), 0, &self.ner_scheme);
            doc.entities = entities_on_tokens(
                doc,
                spans.iter().map(|s| {
                    (
                        Span::new(p[s.first].start, p[s.end - 1].end),
                        EntityLabel::ALL[s.typ],
                    )
                }),
            );
        }
        if self.roles {
            let t = &doc.tokens;
            let rows = token_rows(doc, p, &scores.attribution, 3 * ROLES);
            let mut roles = Vec::new();
            let crf = self.model.role_transitions();
            for (k, role) in ROLE_KINDS.iter().enumerate() {
                for s in viterbi_with(&rows, 3 * ROLES, 3 * k, &OBI, crf.map(|c| &c[k])) {
                    roles.push(RoleSpan {
                        span: Span::new(t[s.first].span.start, t[s.end - 1].span.end),
                        role: *role,
                        prob: s.prob,
                    });
                }
            }
            roles.sort_by_key(|r| (r.span.start, r.span.end));
            doc.roles = drop_cue_source_overlaps(roles);
        }
    }
}

/// A word cannot be both who speaks and the speech act: where a cue and a source span
/// overlap, the less probable of the two goes. (Content may contain both, for nested
/// attributions.) `roles` is sorted by start.
fn drop_cue_source_overlaps(roles: Vec<RoleSpan>) -> Vec<RoleSpan> {
    let mut keep = vec![true; roles.len()];
    // Only cue and source spans; each role's spans are disjoint, so the inner scan is short.
    let short: Vec<usize> = (0..roles.len())
        .filter(|&i| roles[i].role != Role::Content)
        .collect();
    for (n, &i) in short.iter().enumerate() {
        for &j in &short[n + 1..] {
            let (a, b) = (&roles[i], &roles[j]);
            if b.span.start >= a.span.end {
                break;
            }
            if a.role != b.role {
                keep[if a.prob >= b.prob { j } else { i }] = false;
            }
        }
    }
    roles
        .into_iter()
        .zip(keep)
        .filter_map(|(r, k)| k.then_some(r))
        .collect()
}

/// Logits per token (`width` per piece and per token): those of the token's first piece,
/// so that a role span never starts or ends inside a word (a cue on the first piece of
/// "Ekdahl" alone would otherwise become a cue "Ek"). The first piece, because training
/// labels a span's first piece `B` and the rest `I`: a mean over a word's pieces blurs the
/// start of a span (measured in the commit that made the change).
/// A token with no piece (text the tokenizer drops) gets zeros: no preference.
fn token_rows(doc: &Doc, pieces: &[Piece], logits: &[f32], width: usize) -> Vec<f32> {
    let mut rows = vec![0f32; doc.tokens.len() * width];
    let mut first = 0;
    for (i, tok) in doc.tokens.iter().enumerate() {
        while first < pieces.len() && pieces[first].end <= tok.span.start {
            first += 1;
        }
        if first < pieces.len() && pieces[first].start < tok.span.end {
            rows[i * width..(i + 1) * width]
                .copy_from_slice(&logits[first * width..(first + 1) * width]);
        }
    }
    rows
}

/// Snaps piece spans to whole tokens; a span that would share a token with the previous
/// entity is dropped, so entities stay disjoint and in order.
fn entities_on_tokens(doc: &Doc, spans: impl Iterator<Item = (Span, EntityLabel)>) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    for (span, label) in spans {
        let first = doc.tokens.partition_point(|t| t.span.end <= span.start);
        let end = doc.tokens.partition_point(|t| t.span.start < span.end);
        if first >= end || out.last().is_some_and(|e| e.end.index() > first) {
            continue;
        }
        out.push(Entity {
            span: Span::new(doc.tokens[first].span.start, doc.tokens[end - 1].span.end),
            label,
            first: TokenId(first as u32),
            end: TokenId(end as u32),
        });
    }
    out
}
