//! The flat quote row: one row per quote, the unit most quote datasets publish.
//!
//! [`QuoteRow`] is the one definition of the row. The Parquet and CSV writers write its
//! fields as columns in the order of [`QUOTE_COLUMNS`], followed by any kept input fields
//! (`--keep-fields`); `docs/parquet.md` documents the column types. Offsets are character
//! offsets, as in the JSON Lines output.

use crate::doc::{OutletRelation, QuoteKind, SpeakerType};
use crate::io::wire::Annotation;
use serde::{Deserialize, Serialize};

/// The columns of a quote row, in order.
pub const QUOTE_COLUMNS: [&str; 15] = [
    "doc_id",
    "quote_index",
    "text",
    "kind",
    "start",
    "end",
    "cue",
    "speaker_text",
    "speaker_name",
    "speaker_type",
    "speaker_title",
    "speaker_affiliation",
    "outlet",
    "outlet_relation",
    "confidence",
];

/// One quote with its attribution, flattened from an [`Annotation`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteRow {
    /// The document's id (`id` in the JSON Lines).
    pub doc_id: String,
    /// 0-based place of the quote in the record's `quotes`.
    pub quote_index: u32,
    /// The quote's content (`quotes[i].text`).
    pub text: String,
    /// `direct`, `mixed` or `indirect`.
    pub kind: QuoteKind,
    /// First character of the content.
    pub start: u64,
    /// One past its last character.
    pub end: u64,
    /// The attributing words, if any.
    pub cue: Option<String>,
    /// The speaker mention as written at this place.
    pub speaker_text: Option<String>,
    /// The resolved speaker's name.
    pub speaker_name: Option<String>,
    /// The resolved speaker's type.
    pub speaker_type: Option<SpeakerType>,
    /// The resolved speaker's title or role.
    pub speaker_title: Option<String>,
    /// The resolved speaker's organisation.
    pub speaker_affiliation: Option<String>,
    /// The canonical name of the outlet the quote is sourced to.
    pub outlet: Option<String>,
    /// That outlet's role for the quote.
    pub outlet_relation: Option<OutletRelation>,
    /// How sure the attribution is, in `[0, 1]`.
    pub confidence: f32,
}

impl QuoteRow {
    /// The rows of one annotation, in the order of its `quotes`.
    pub fn from_annotation(a: &Annotation) -> Vec<QuoteRow> {
        a.quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let speaker = q.speaker.as_ref();
                let resolved = speaker
                    .and_then(|s| s.id)
                    .and_then(|id| a.speakers.iter().find(|s| s.id == id));
                QuoteRow {
                    doc_id: a.id.clone(),
                    quote_index: i as u32,
                    text: q.text.clone(),
                    kind: q.kind,
                    start: q.start as u64,
                    end: q.end as u64,
                    cue: q.cue.as_ref().map(|c| c.text.clone()),
                    speaker_text: speaker.map(|s| s.text.clone()),
                    speaker_name: speaker.and_then(|s| s.name.clone()),
                    speaker_type: resolved.map(|r| r.kind),
                    speaker_title: resolved.and_then(|r| r.title.clone()),
                    speaker_affiliation: resolved.and_then(|r| r.affiliation.clone()),
                    outlet: q.outlet.as_ref().map(|o| o.name.clone()),
                    outlet_relation: q.outlet.as_ref().map(|o| o.relation),
                    confidence: q.confidence,
                }
            })
            .collect()
    }
}

/// The wire name of a quote kind (`direct`, `mixed`, `indirect`).
pub fn quote_kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Mixed => "mixed",
        QuoteKind::Indirect => "indirect",
    }
}

/// The wire name of a speaker type (`person`, `organization`, `outlet`, `unknown`).
pub fn speaker_type_name(t: SpeakerType) -> &'static str {
    match t {
        SpeakerType::Person => "person",
        SpeakerType::Organization => "organization",
        SpeakerType::Outlet => "outlet",
        SpeakerType::Unknown => "unknown",
    }
}

/// The wire name of an outlet relation (`source`, `interviewer`, `wire`, `publisher`).
pub fn outlet_relation_name(r: OutletRelation) -> &'static str {
    match r {
        OutletRelation::Source => "source",
        OutletRelation::Interviewer => "interviewer",
        OutletRelation::Wire => "wire",
        OutletRelation::Publisher => "publisher",
    }
}

/// The wire name of a mention kind (`name`, `pronoun`, `nominal`, `organization`, `outlet`).
pub fn mention_kind_name(k: crate::doc::MentionKind) -> &'static str {
    use crate::doc::MentionKind;
    match k {
        MentionKind::Name => "name",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Nominal => "nominal",
        MentionKind::Organization => "organization",
        MentionKind::Outlet => "outlet",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::MentionKind;

    fn wire<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn names_match_the_wire_format() {
        for k in [QuoteKind::Direct, QuoteKind::Mixed, QuoteKind::Indirect] {
            assert_eq!(quote_kind_name(k), wire(k));
        }
        for t in [
            SpeakerType::Person,
            SpeakerType::Organization,
            SpeakerType::Outlet,
            SpeakerType::Unknown,
        ] {
            assert_eq!(speaker_type_name(t), wire(t));
        }
        for r in [
            OutletRelation::Source,
            OutletRelation::Interviewer,
            OutletRelation::Wire,
            OutletRelation::Publisher,
        ] {
            assert_eq!(outlet_relation_name(r), wire(r));
        }
        for k in [
            MentionKind::Name,
            MentionKind::Pronoun,
            MentionKind::Nominal,
            MentionKind::Organization,
            MentionKind::Outlet,
        ] {
            assert_eq!(mention_kind_name(k), wire(k));
        }
    }

    #[test]
    fn serde_field_names_are_the_columns() {
        let a: Annotation = serde_json::from_str(
            r#"{"id":"d","quotes":[{"text":"Go","start":1,"end":3,"kind":"direct",
                "cue":{"text":"said","start":5,"end":9},
                "speaker":{"text":"she","start":10,"end":13,"kind":"pronoun","name":"Ana Ruiz","id":0},
                "outlet":null,"confidence":0.5}],
               "speakers":[{"id":0,"name":"Ana Ruiz","type":"person","title":"Mayor",
                "affiliation":null,"mentions":[[10,13]],"quotes":[0]}]}"#,
        )
        .unwrap();
        let rows = QuoteRow::from_annotation(&a);
        let v = serde_json::to_value(&rows[0]).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        let mut want = QUOTE_COLUMNS.to_vec();
        want.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, want);
        assert_eq!(rows[0].speaker_title.as_deref(), Some("Mayor"));
        assert_eq!(rows[0].speaker_type, Some(SpeakerType::Person));
        assert_eq!(rows[0].cue.as_deref(), Some("said"));
        assert_eq!(rows[0].outlet, None);
    }
}
