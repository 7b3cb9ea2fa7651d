//! The annotation layers that stages add to a [`Doc`](super::Doc).
//!
//! Later layers point at earlier ones by id (a quote names its speaker mention by
//! [`MentionId`], a mention its resolved speaker by [`SpeakerId`]), never by copied strings.

use super::Span;
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u32);
        impl $name {
            /// The index into the layer's vector.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// Index into `Doc::tokens`.
    TokenId
);
id_type!(
    /// Index into `Doc::entities`.
    EntityId
);
id_type!(
    /// Index into `Doc::mentions`.
    MentionId
);
id_type!(
    /// Index into `Doc::speakers`.
    SpeakerId
);
id_type!(
    /// Index into `Doc::outlets`.
    OutletId
);
id_type!(
    /// Index into `Doc::outlet_mentions`.
    OutletMentionId
);

/// A sentence and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Trimmed extent of the sentence.
    pub span: Span,
    /// Index into `Doc::paragraphs`.
    pub paragraph: u32,
}

/// A word token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Extent of the token.
    pub span: Span,
    /// Index of the sentence that holds it.
    pub sentence: u32,
}

/// Named-entity classes (CoNLL-2003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityLabel {
    /// Person.
    Per,
    /// Organisation.
    Org,
    /// Location.
    Loc,
    /// Miscellaneous (nationalities, events, works...).
    Misc,
}

impl EntityLabel {
    /// All labels in a fixed order.
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Per,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Misc,
    ];

    /// The CoNLL tag name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }

    /// Parses a CoNLL tag name (`PER`, `ORG`, `LOC`, `MISC`).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "PER" => EntityLabel::Per,
            "ORG" => EntityLabel::Org,
            "LOC" => EntityLabel::Loc,
            "MISC" => EntityLabel::Misc,
            _ => return None,
        })
    }
}

/// A named entity over a run of tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity {
    /// Extent of the entity.
    pub span: Span,
    /// Its class.
    pub label: EntityLabel,
    /// First token.
    pub first: TokenId,
    /// One past the last token.
    pub end: TokenId,
}

/// How a quote renders what was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Verbatim words inside quotation marks.
    Direct,
    /// Reported speech that embeds a quotation.
    Mixed,
    /// Reported speech with no quotation marks.
    Indirect,
}

/// A quotation or reported claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// Whole extent of the content, without enclosing quotation marks.
    pub span: Span,
    /// The content pieces of an interrupted quote, in order; a single piece otherwise.
    pub pieces: Vec<Span>,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The attributing words (said, according to, told...).
    pub cue: Option<Span>,
    /// The mention that the attribution uses in this place.
    pub speaker: Option<MentionId>,
    /// True when the speaker was taken from a neighbouring quote rather than found in reach.
    pub inherited: bool,
    /// The outlet this quote is sourced to, with its role.
    pub outlet: Option<(OutletMentionId, OutletRelation)>,
    /// How sure the attribution is, in `[0, 1]`.
    pub confidence: f32,
}

/// What kind of expression a speaker mention is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A proper name ("Putin", "Vladimir Putin").
    Name,
    /// A personal pronoun ("he", "she", "they").
    Pronoun,
    /// A common-noun phrase ("the spokesman", "the Russian leader").
    Nominal,
    /// An organisation name.
    Organization,
    /// A news outlet.
    Outlet,
}

/// A reference to a (potential) speaker in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Extent of the mention.
    pub span: Span,
    /// Kind of expression.
    pub kind: MentionKind,
    /// The entity it overlaps, if any.
    pub entity: Option<EntityId>,
    /// The speaker it resolves to (set by the speakers stage).
    pub speaker: Option<SpeakerId>,
}

/// What kind of thing a speaker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerType {
    /// A person.
    Person,
    /// An organisation (government body, company, party...).
    Organization,
    /// A news outlet speaking for itself.
    Outlet,
    /// Could not be determined.
    Unknown,
}

/// A resolved speaker: one entity, all its mentions.
#[derive(Debug, Clone, PartialEq)]
pub struct Speaker {
    /// Best full name found in the document.
    pub name: String,
    /// Person, organisation, outlet or unknown.
    pub kind: SpeakerType,
    /// Title or role ("spokesman", "Sen.") from appositions and modifiers.
    pub title: Option<String>,
    /// Organisation the speaker belongs to.
    pub affiliation: Option<String>,
    /// All mentions of this speaker.
    pub mentions: Vec<MentionId>,
}

/// The role an outlet plays for a claim or a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutletRelation {
    /// The outlet reported the claim ("per Reuters").
    Source,
    /// The claim was said to the outlet ("told the BBC").
    Interviewer,
    /// The article is credited to this wire service ("(AP) —").
    Wire,
    /// The outlet published the article.
    Publisher,
}

/// A news outlet named in the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlet {
    /// Canonical name from the gazetteer.
    pub name: String,
    /// Every role it plays in the document.
    pub relations: Vec<OutletRelation>,
}

/// One place where an outlet is named.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OutletMention {
    /// The outlet named.
    pub outlet: OutletId,
    /// Extent of the name as written.
    pub span: Span,
    /// Its role at this place, if one was recognised.
    pub relation: Option<OutletRelation>,
    /// The outlet itself makes the claim here ("X reported", "reports X", "according to X"),
    /// so the link stage may make it the speaker of a quote that has none.
    pub claimant: bool,
    /// A dateline, byline or credit line: the article's own wire service or publisher.
    pub credit: bool,
}

/// A part of an attribution, as the transformer stage tags it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Who or what the claim is attributed to.
    Source,
    /// The words that attribute it ("said", "according to").
    Cue,
    /// What was said (one piece of it when the content is interrupted).
    Content,
}

/// A span tagged with an attribution role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RoleSpan {
    /// Extent of the span.
    pub span: Span,
    /// Its role.
    pub role: Role,
    /// Mean label probability over the span.
    pub prob: f32,
}
