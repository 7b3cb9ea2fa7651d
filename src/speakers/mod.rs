//! Speaker resolution: turns the speaker mentions the quotes stage found ("he", "the Russian
//! leader", "Putin", "the ministry") into resolved speakers with a name, a type, a title and
//! an affiliation, and lists every mention of each.
//!
//! The stage gathers referring expressions in text order: the upstream mentions, the PER and
//! ORG entities that no mention covers (or, when the document has no entity layer at all,
//! person names found by their capitals: a known first name plus a surname, or a surname after
//! a title), and the he/she/his/her pronouns outside direct quotes. A document with no
//! upstream mention is left alone.
//!
//! It parses each one (`names.rs`: the name inside a mention, titles stripped;
//! `descriptors.rs`: titles and affiliations from premodifiers, appositions and nominals),
//! clusters them in one left-to-right pass (`coref.rs`, rules below), and writes the result:
//!
//! - `doc.speakers` lists every cluster that holds at least one mention made upstream (so
//!   every quote speaker that resolved), in order of first mention;
//! - each listed speaker's `mentions` holds all its mentions: upstream ones, plus new
//!   [`Mention`]s pushed for the entities and pronouns clustered with it (these are referenced
//!   by no quote);
//! - `mention.speaker` is set on every upstream mention that resolved. A pronoun with no
//!   compatible antecedent ("he" opening an article, "I" outside quotes, "you") stays `None`.
//!
//! A name that is only part of a larger phrase ("a Donald Trump tweet", "Mr. Clarke's new
//! company") makes that phrase a nominal; a role with the name in apposition ("the company's
//! chief executive, Ana Lima,") resolves to the name with the role as title.
//!
//! A nominal that points back to no one ("a spokesman", "officials", "Trump's spokeswoman")
//! becomes a speaker of its own named by the nominal as written; its type is person or
//! organisation when the head noun says so (`data/speakers/nominal_heads.tsv`), else unknown.
//!
//! # Resolution rules
//!
//! One left-to-right pass; for each expression:
//! - **Names** join the cluster whose name is compatible: every word of the shorter name is in
//!   the longer one, and names of two or more words agree on the last word and on the first
//!   unless the shorter one's first word is no known first name ("Putin" and "Mr. Putin" join
//!   "Vladimir Putin", "Guajardo Villarreal" joins "Ildefonso Guajardo Villarreal"; "Bill
//!   Clinton" does not join "Hillary Clinton"). Gender from first names and honorifics must
//!   not clash ("Mrs. Clinton"). A title in the mention prefers clusters holding that title
//!   ("Sen. Cruz"). A one-word name prefers clusters whose *surname* it is. A name with no
//!   sign of being a person (no PER entity, known first name or title: "Politico") makes an
//!   unknown-type cluster, which he/she may still take as a last resort (score -0.5) and
//!   which becomes a person when they do. When several clusters fit ("Clinton" with both
//!   Hillary and Bill in the text) the one mentioned most recently wins if it was mentioned
//!   within 10 sentences; otherwise the most frequently mentioned one (ties: most recent). A
//!   longer name seen later upgrades the cluster's name ("Putin" … "Vladimir Putin").
//! - **Pronouns** (he, she, it, they) go to the best compatible cluster mentioned within 8
//!   sentences (and 3 paragraphs) before them. Score: recency (1 / (1 + sentence distance),
//!   counted from the last mention outside quotation marks), +0.6 if the cluster was a subject
//!   (first mention of its sentence that follows no preposition and lies in no subordinate
//!   clause opening the sentence, or a quote's speaker) in this or the previous sentence,
//!   +0.8 if it is the speaker of the latest quote, +0.3 if its gender is known and agrees, and a
//!   little for frequency. He/she take persons whose gender does not clash (gender comes from
//!   first names, honorifics, gendered roles and pronouns already resolved to the cluster);
//!   "it" takes organisations, outlets and unknown non-plural things; "they" takes
//!   organisations and plural nominals. "who"/"which" take the expression right before them in
//!   the sentence (after a name's apposition, "Ann Lee, chair of the union, who", the name);
//!   "I"/"we" inside a direct quote take that quote's speaker. He/she that no named person
//!   fits take a person nobody named: a sentence-opening subject "The <up to two words>
//!   <person head>" followed by its verb ("The old man looked …"), in this or the two
//!   sentences before, in the paragraph. Pronouns with no antecedent stay unresolved.
//! - **Nominals** with "the"/"this" point back: to a cluster with the same head ("a source" …
//!   "the source"), or to a person whose role words match the head or its synonyms
//!   (`data/speakers/nominal_heads.tsv`: "the Russian leader" → a person titled "President"
//!   with "russian" among its words; a nationality in the nominal must not clash with one in
//!   the cluster), or, for organisation heads, an organisation whose name holds the head ("the
//!   ministry" → "Foreign Ministry") or, for generic heads ("the company"), the latest
//!   organisation. A nationality as the head ("the Swede", "the Italian";
//!   `data/speakers/demonym_nouns.tsv`) points to the person given that nationality, else
//!   to a person named in the last 3 sentences whose nationality nothing gives ("Sweden's
//!   X" gives one). A kin compound ("the father-of-two") is a person head. A
//!   modifier that looks like a noun and that the cluster lacks rules out a
//!   match made through a synonym ("the band leader" is not the president). A person with no
//!   known role, mentioned in the last 3 sentences, is the fallback for a person head, unless
//!   the nominal carries a party ("the Democratic nominee"), a capitalised modifier or an
//!   affiliation of its own. Otherwise, and always for "a spokesman", "officials",
//!   "Trump's spokeswoman", the nominal starts a cluster of its own, named by the nominal.
//! - **Organisations and outlets** join clusters with the same normalised name or acronym
//!   ("the FBI" = "FBI" = "Federal Bureau of Investigation"). An apposition headed by an
//!   organisation noun ("X, a budget airline,", "X, the Kelso-based engineering group,")
//!   gives the name that kind ("the airline") and makes it an organisation even when the
//!   tagger read it as a person's.
//!
//! Cost: each expression looks at the 64 most recently mentioned clusters or at the latest 32
//! clusters sharing its family or given name, so the stage is linear in the document.

mod coref;
mod descriptors;
mod lexicons;
mod names;

use crate::doc::{
    Doc, EntityId, EntityLabel, Mention, MentionId, MentionKind, Span, Speaker, Token,
};
use crate::error::Result;
use crate::outlets::Gazetteer;
use crate::pipeline::{Contract, Layer, Stage};
use coref::{Expr, Form, Resolver, Source, org_key};
use lexicons::Lexicons;

/// Resolves speaker mentions to speakers (in-document coreference focused on speakers).
#[derive(Debug)]
pub struct SpeakerResolver {
    lex: Lexicons,
}

impl SpeakerResolver {
    /// Builds the stage, loading its word lists once so every thread can share it.
    pub fn new() -> Result<Self> {
        Ok(SpeakerResolver {
            lex: Lexicons::load()?,
        })
    }

    /// As [`SpeakerResolver::new`], telling outlets from companies by `gazetteer`'s names
    /// (the pipeline's, `--outlets` files included) rather than the built-in list's.
    pub fn with_outlets(gazetteer: &Gazetteer) -> Result<Self> {
        Ok(SpeakerResolver {
            lex: Lexicons::load_with_outlets(gazetteer)?,
        })
    }
}

impl Stage for SpeakerResolver {
    fn name(&self) -> &'static str {
        "speakers"
    }
    fn contract(&self) -> Contract {
        // Entities: when a document has none, names are found by their capitals instead.
        Contract::new(
            &[
                Layer::Sentences,
                Layer::Tokens,
                Layer::Entities,
                Layer::Quotes,
            ],
            &[Layer::Speakers],
        )
        // Sets each resolved mention's speaker and adds mentions for clustered entities.
        .refining(&[Layer::Quotes])
        .invalidating(&[Layer::OutletLinks])
    }
    fn process(&self, doc: &mut Doc) -> Result<()> {
        self.resolve(doc);
        Ok(())
    }
}

/// Tokens with their text, for the parsers.
#[derive(Clone, Copy)]
pub(crate) struct Toks<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl<'a> Toks<'a> {
    /// Surface of token `i`.
    fn s(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].span]
    }

    /// Byte extent of tokens `[lo, hi)` (`hi > lo`).
    fn cover(&self, lo: usize, hi: usize) -> Span {
        self.tokens[lo].span.cover(&self.tokens[hi - 1].span)
    }

    /// Text of tokens `[lo, hi)` (`hi > lo`).
    fn slice(&self, lo: usize, hi: usize) -> &'a str {
        &self.text[self.cover(lo, hi)]
    }
}

/// Tokens whose extent overlaps `span`, as an index range.
fn token_range(tokens: &[Token], span: Span) -> (usize, usize) {
    let lo = tokens.partition_point(|t| t.span.end <= span.start);
    let hi = tokens.partition_point(|t| t.span.start < span.end);
    (lo, hi.max(lo))
}

/// Words that open a noun phrase an antecedent can start with.
const DETERMINERS: [&str; 8] = ["the", "a", "an", "his", "her", "their", "its", "our"];

/// "Tollvia, which operates the road", "WFAA, the ABC affiliate in Dallas": the name an
/// organisation's phrase opens with, before what describes it.
fn apposition_head(surface: &str) -> &str {
    match surface.split_once(", ") {
        Some((head, rest))
            if head.chars().next().is_some_and(char::is_uppercase)
                && rest.chars().next().is_some_and(|c| !c.is_uppercase()) =>
        {
            head
        }
        _ => surface,
    }
}

/// Organisation and outlet names as shown: no leading "the", no possessive.
/// An organisation speaker named `display` (not an outlet).
/// True for the place of a dateline that opens a line ("OSLO (Reuters) -", "PORT DELANO,
/// Texas —"): a name in capitals right before a comma or a bracket, which a tagger may
/// take for an organisation.
fn dateline_place(toks: &Toks<'_>, a: usize, b: usize) -> bool {
    let caps = (a..b).all(|k| {
        let w = toks.s(k);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    });
    let line_start = a == 0 || toks.text[..toks.tokens[a].span.start].ends_with('\n');
    let after = b < toks.tokens.len() && matches!(toks.s(b), "," | "(");
    caps && line_start && after
}

fn org_form(display: String) -> Form {
    Form::Org {
        key: org_key(&display),
        display,
        outlet: false,
        kind_word: None,
    }
}

/// "Halvorsen, which rents …": a one-word name, not a known first name, followed by ", which"
/// is a company or a place, not a person (the tagger often reads a lone surname-like word
/// as one).
fn which_follows(toks: &Toks<'_>, hi: usize, lex: &Lexicons, name: &names::PersonName) -> bool {
    hi + 1 < toks.tokens.len()
        && toks.s(hi) == ","
        && toks.s(hi + 1) == "which"
        && name.key.len() == 1
        && name.hi == name.lo + 1
        && lex.first_name(&name.key[0]).is_none()
}

/// "Skyrill, a budget airline based in Dunmore,", "Kestrel Dunmore, the Kirkhallow-based
/// engineering group,": the head noun of an apposition after the name that ends before token
/// `b`, when it names an organisation (so that "the airline" can resolve to it later, and a
/// name the tagger read as a person's is typed by what the apposition calls it). The last
/// classed noun before the phrase ends is the head: "the company's chief executive" names a
/// person.
fn org_kind_word(ctx: &Ctx<'_>, b: usize, lex: &Lexicons) -> Option<String> {
    let toks = &ctx.toks;
    if b + 2 >= toks.tokens.len() || toks.s(b) != "," {
        return None;
    }
    if !matches!(toks.s(b + 1).to_lowercase().as_str(), "a" | "an" | "the") {
        return None;
    }
    let sentence_end = ctx.sentence_end(b);
    let mut head = None;
    for k in b + 2..sentence_end.min(b + 8) {
        let w = lexicons::norm(toks.s(k));
        if !w.chars().all(|c| c.is_alphabetic() || c == '-') || lex.embeds_name(&w) {
            // A possessive ("the company's chief …") makes the noun before it a modifier.
            if is_possessive(toks.s(k)) {
                head = None;
            }
            break;
        }
        match lex.head(&w).map(|h| h.class) {
            Some(lexicons::HeadClass::Organization) => head = Some(w),
            Some(_) => head = None,
            None if lex.is_title(&w) => head = None,
            None => {}
        }
    }
    head
}

/// "Halloran’s Bakery", "Dunmore's Brewery": a name whose possessive is followed by a
/// capitalised organisation noun names a business (the tagger reads the owner as a person).
/// The end of that noun, past the name ending at token `b`.
fn possessive_org_end(toks: &Toks<'_>, b: usize, lex: &Lexicons) -> Option<usize> {
    let n = toks.tokens.len();
    let noun = if is_possessive(toks.s(b - 1)) && toks.s(b - 1).len() > 2 {
        b
    } else if b < n && matches!(toks.s(b), "'s" | "\u{2019}s") {
        b + 1
    } else {
        return None;
    };
    if noun >= n {
        return None;
    }
    let w = toks.s(noun);
    let capitalised = w.chars().next().is_some_and(char::is_uppercase);
    let org = lex
        .head(&lexicons::norm(w))
        .is_some_and(|h| h.class == lexicons::HeadClass::Organization);
    (capitalised && org).then_some(noun + 1)
}

fn is_possessive(t: &str) -> bool {
    t.ends_with("'s") || t.ends_with("\u{2019}s") || matches!(t, "'" | "\u{2019}")
}

fn org_display(s: &str) -> String {
    let s = crate::tokens::unwrap_hyphen(s);
    let s = s.trim().trim_end_matches([',', ';', ':']);
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .unwrap_or(s);
    let s = match s.split_once(' ') {
        Some((d, rest)) if d.eq_ignore_ascii_case("the") => rest,
        _ => s,
    };
    s.trim().to_string()
}

const GENDERED_PRONOUNS: [&str; 8] = [
    "he", "him", "his", "himself", "she", "her", "hers", "herself",
];
/// Words that may follow a name without making it part of a larger phrase.
const NAME_FOLLOWERS: [&str; 7] = [
    "himself",
    "herself",
    "themselves",
    "too",
    "also",
    "alone",
    "personally",
];

/// True when the name over `[name_lo, name_hi)` is only part of the phrase `[lo, hi)`: a
/// preposition stands before it (left of its premodifier, which starts at `pre_lo`), or a word
/// or possessive follows it before any preposition.
fn embedded(
    toks: &Toks<'_>,
    lex: &Lexicons,
    (lo, pre_lo): (usize, usize),
    name_hi: usize,
    hi: usize,
) -> bool {
    if (lo..pre_lo).any(|k| lex.embeds_name(toks.s(k))) {
        return true;
    }
    let Some(next) = (name_hi < hi).then(|| toks.s(name_hi)) else {
        return false;
    };
    if lex.embeds_name(next) || NAME_FOLLOWERS.contains(&next) {
        return false;
    }
    if names::is_possessive(next) {
        return (name_hi + 1..hi).any(|k| toks.s(k).chars().any(char::is_alphabetic));
    }
    next.chars().any(char::is_alphabetic)
}

/// Everything the parsers need about the document, borrowed once.
struct Ctx<'a> {
    toks: Toks<'a>,
    doc: &'a Doc,
    /// Entities as `(first token, end token, label)`, sorted.
    ents: Vec<(usize, usize, EntityLabel)>,
    /// The same, in `doc.entities` order.
    aligned: Vec<(usize, usize, EntityLabel)>,
    /// Last words of multi-word person entities, each with where it first ends.
    surnames: std::collections::HashMap<String, usize>,
}

impl Ctx<'_> {
    /// One past the last token of the sentence that holds token `i`.
    fn sentence_end(&self, i: usize) -> usize {
        let s = self.toks.tokens[i].sentence;
        i + self.toks.tokens[i..].partition_point(|t| t.sentence == s)
    }

    /// The expression of a person name found by scanning capitals (not by the entity tagger),
    /// whose phrase starts at token `first`.
    fn scanned_person(
        &self,
        first: usize,
        name: names::PersonName,
        quoted: &QuotedPieces,
        lex: &Lexicons,
    ) -> Expr {
        let desc = self.describe(first, &name, lex);
        let span = name.span;
        let form = Form::Person {
            name,
            desc,
            sure: true,
        };
        self.expr(span, Source::Scan, None, form, quoted)
    }

    /// The expression of `form` over `span`, placed in its sentence, paragraph and quote.
    fn expr(
        &self,
        span: Span,
        source: Source,
        entity: Option<EntityId>,
        form: Form,
        quoted: &QuotedPieces,
    ) -> Expr {
        let (sentence, paragraph) = self.sentence_of(span.start);
        let quote = quoted.holding(span);
        Expr {
            span,
            source,
            entity,
            sentence,
            paragraph,
            quoted: quote.is_some(),
            quote,
            quote_speaker: false,
            not_subject: self.not_subject(span.start),
            apposition_at: match &form {
                Form::Pronoun(p) if p.person == lexicons::PronounPerson::Relative => self
                    .apposition_before(span.start)
                    .or_else(|| self.writer_before(span.start)),
                _ => None,
            },
            form,
        }
    }

    /// For a relative pronoun at byte `at` after a comma: where the apposition before it
    /// starts, when the pronoun follows ", <apposition>," right after a capitalised word
    /// ("Ann Lee, chair of the Tenants' Federation, who"), the apposition opening with a
    /// lowercase word (a role or a determiner) and holding no quotation.
    fn apposition_before(&self, at: usize) -> Option<usize> {
        let toks = &self.toks;
        let i = toks.tokens.partition_point(|t| t.span.start < at);
        let s = toks.tokens.get(i)?.sentence;
        let lo = toks.tokens[..i].partition_point(|t| t.sentence < s);
        if i < lo + 4 || toks.s(i - 1) != "," {
            return None;
        }
        let j = (lo.max(i.saturating_sub(14))..i - 1)
            .rev()
            .find(|&k| !toks.s(k).chars().any(char::is_alphanumeric) && toks.s(k) != "'")?;
        let opens_role = toks.s(j + 1).chars().next().is_some_and(char::is_lowercase);
        let after_name = j > lo && toks.s(j - 1).chars().next().is_some_and(char::is_uppercase);
        (toks.s(j) == "," && j + 1 < i - 1 && opens_role && after_name)
            .then(|| toks.tokens[j].span.start)
    }

    /// For "which" at byte `at` after "Naomi Trent’s column in The Economist,": where the
    /// writer's possessive starts, so that the piece's claims are the writer's.
    fn writer_before(&self, at: usize) -> Option<usize> {
        const PIECES: [&str; 9] = [
            "column",
            "piece",
            "essay",
            "op-ed",
            "article",
            "review",
            "newsletter",
            "blog",
            "post",
        ];
        let toks = &self.toks;
        let i = toks.tokens.partition_point(|t| t.span.start < at);
        if i < 4 || toks.s(i) != "which" || toks.s(i - 1) != "," {
            return None;
        }
        let s = toks.tokens[i].sentence;
        let lo = toks.tokens[..i].partition_point(|t| t.sentence < s);
        let k = (lo.max(i.saturating_sub(10))..i - 1).rev().find(|&k| {
            PIECES.contains(&toks.s(k).to_lowercase().as_str())
                && k > lo
                && matches!(toks.s(k - 1), "'s" | "\u{2019}s")
        })?;
        // Only the outlet's name may follow the piece ("in The Economist").
        let rest_ok = (k + 1..i - 1).all(|j| {
            let w = toks.s(j);
            matches!(w, "in" | "for" | "the" | "The") || w.starts_with(char::is_uppercase)
        });
        rest_ok.then(|| toks.tokens[k - 1].span.start)
    }

    /// True when the expression starting at byte `at` follows a preposition, or lies in a
    /// subordinate clause that opens its sentence before the clause's comma ("When the last
    /// train left Glenmuir Halt in 1964, Agnes …"): the sentence's subject comes later.
    fn not_subject(&self, at: usize) -> bool {
        const SUBORDINATORS: [&str; 12] = [
            "when", "if", "after", "before", "although", "though", "while", "since", "because",
            "once", "until", "as",
        ];
        const PREPOSITIONS: [&str; 12] = [
            "in",
            "at",
            "of",
            "from",
            "with",
            "by",
            "for",
            "to",
            "on",
            "into",
            "near",
            "alongside",
        ];
        let toks = &self.toks;
        let i = toks.tokens.partition_point(|t| t.span.start < at);
        if i >= toks.tokens.len() {
            return false;
        }
        let s = toks.tokens[i].sentence;
        let lo = toks.tokens[..i].partition_point(|t| t.sentence < s);
        if i > lo && PREPOSITIONS.contains(&toks.s(i - 1).to_lowercase().as_str()) {
            return true;
        }
        // An opening clause is short: past 40 words the comma is not looked for (and a
        // run-on sentence stays linear).
        i > lo
            && i <= lo + 40
            && SUBORDINATORS.contains(&toks.s(lo).to_lowercase().as_str())
            && !(lo..i).any(|k| toks.s(k) == ",")
    }

    /// Title and affiliation of a person name whose phrase starts at token `first`: modifiers
    /// before it in its sentence ("White House spokesman X") and an apposition after it.
    fn describe(
        &self,
        first: usize,
        name: &names::PersonName,
        lex: &Lexicons,
    ) -> descriptors::Descriptor {
        let toks = &self.toks;
        let s = toks.tokens[first].sentence;
        let sent_lo = toks.tokens[..first].partition_point(|t| t.sentence < s);
        let (mut desc, _) = descriptors::premodifier(toks, sent_lo, name.lo, lex);
        let sent_hi = self.sentence_end(name.hi - 1);
        desc.merge(descriptors::apposition(toks, name.hi, sent_hi, lex));
        if desc.title.is_none() {
            desc.merge(role_before_comma(toks, sent_lo, name, sent_hi, lex));
        }
        desc
    }

    /// "Anand said" after "Priya Anand": a one-word name the tagger calls an organisation
    /// that is the last word of a person it named earlier is that person, also in a
    /// transcript's capitals ("ANAND: …").
    fn surname_form(&self, a: usize, b: usize) -> Option<Form> {
        if b != a + 1 {
            return None;
        }
        let word = self.toks.s(a);
        if !word.chars().next().is_some_and(char::is_uppercase)
            || self
                .surnames
                .get(&word.to_lowercase())
                .is_none_or(|&y| y > a)
        {
            return None;
        }
        let name = names::PersonName::new(&self.toks, a, b)?;
        Some(Form::Person {
            name,
            desc: descriptors::Descriptor::default(),
            sure: true,
        })
    }

    fn sentence_of(&self, pos: usize) -> (usize, usize) {
        let s = self.doc.sentence_at(pos).unwrap_or(0);
        let p = self
            .doc
            .sentences
            .get(s)
            .map_or(0, |x| x.paragraph as usize);
        (s, p)
    }

    fn ents_in(&self, lo: usize, hi: usize) -> Vec<(usize, usize, EntityLabel)> {
        let from = self.ents.partition_point(|e| e.1 <= lo);
        self.ents[from..]
            .iter()
            .take_while(|e| e.0 < hi)
            .filter(|e| e.1 > lo)
            .copied()
            .collect()
    }
}

impl SpeakerResolver {
    /// Parses a name or nominal phrase over tokens `[lo, hi)`.
    ///
    /// A name that is only part of a larger noun phrase ("a Donald Trump tweet", "Mr. Clarke's
    /// new company", "a new ad from Donald Trump") makes the phrase a nominal; a place with no
    /// entity label ("Mexico") an organisation (its government).
    fn phrase(&self, ctx: &Ctx<'_>, lo: usize, hi: usize, surface: &str) -> (Form, Option<Span>) {
        let lex = &self.lex;
        let toks = &ctx.toks;
        if lo >= hi {
            return (Form::Other(surface.trim().to_string()), None);
        }
        if hi == lo + 1
            && let Some(p) = lex.pronoun(&toks.s(lo).to_lowercase())
        {
            return (Form::Pronoun(p), None);
        }
        let head_hi = (lo..hi)
            .find(|&k| {
                let s = toks.s(k);
                matches!(s, "," | "(" | ";" | "\u{2014}" | "--")
                    || (k > lo && matches!(s, "who" | "which" | "whose"))
            })
            .unwrap_or(hi);
        let ents = ctx.ents_in(lo, head_hi);
        if ents.is_empty() {
            let words: Vec<String> = (lo..head_hi).map(|k| lexicons::norm(toks.s(k))).collect();
            let start = usize::from(words.first().is_some_and(|w| w == "the"));
            if words.len() > start && lex.is_place(&words[start..].join(" ")) {
                let display = org_display(toks.slice(lo, head_hi));
                return (org_form(display), None);
            }
        }
        if let Some(name) = names::find_name(toks, lo, head_hi, &ents, lex) {
            // "Tarrow Mining said": a trade word ends an organisation's name, whatever the
            // tagger says.
            if which_follows(toks, name.hi, lex, &name) || names::ends_in_org_word(toks, name.hi) {
                let display = org_display(toks.slice(name.lo, name.hi));
                return (org_form(display), Some(name.span));
            }
            if name.lo == lo
                && let Some(kind) = org_kind_word(ctx, name.hi, lex)
            {
                let mut form = org_form(org_display(toks.slice(name.lo, name.hi)));
                if let Form::Org { kind_word, .. } = &mut form {
                    *kind_word = Some(kind);
                }
                return (form, Some(name.span));
            }
            let (mut desc, pre_lo) = descriptors::premodifier(toks, lo, name.lo, lex);
            if !embedded(toks, lex, (lo, pre_lo), name.hi, head_hi) {
                let sent_hi = ctx.sentence_end(name.hi - 1);
                desc.merge(descriptors::apposition(toks, name.hi, sent_hi, lex));
                let known_first = name.first().is_some_and(|f| lex.first_name(f).is_some());
                let titled = pre_lo < name.lo;
                let sure = !ents.is_empty()
                    || known_first
                    || titled
                    || desc.title.is_some()
                    || desc.gender != names::Gender::Unknown;
                let span = name.span;
                return (Form::Person { name, desc, sure }, Some(span));
            }
        }
        // A role with the name in apposition: "The company's chief executive, Ana Lima,".
        if let Some(parsed) = self.role_then_name(ctx, lo, head_hi, hi) {
            return parsed;
        }
        // "The Russian minister", "the Estavian foreign ministry": a nationality (MISC) before
        // a known head noun modifies a nominal; it is not an organisation's name.
        let known_head = || {
            descriptors::nominal(toks, lo, hi, lex).is_some_and(|n| n.class.is_some() && !n.proper)
        };
        // "the Swede", "the Italian": a nationality as the head is a person's nominal, not a
        // name (the tagger calls it MISC).
        if let Some(mut n) = descriptors::nominal(toks, lo, hi, lex)
            && n.determiner == descriptors::Determiner::Definite
            && n.mods.is_empty()
            && !n.plural
            && lex.nationality_noun(&n.head).is_some()
        {
            n.proper = false;
            return (Form::Nominal(Box::new(n)), None);
        }
        // "Officials in the port city of Carrow", "Carrow officials": a place or company
        // inside a prepositional phrase, or before a head noun, is not who speaks.
        let org_entity = ents
            .iter()
            .find(|e| e.2 != EntityLabel::Per)
            .filter(|e| e.2 != EntityLabel::Misc || !known_head())
            .filter(|e| !embedded(toks, lex, (lo, e.0), e.1, head_hi));
        if let Some(&(a, b, _)) = org_entity {
            let display = org_display(toks.slice(a, b));
            let span = toks.cover(a, b);
            return (org_form(display), Some(span));
        }
        // A transcript's role label ("PRESENTER: …", "Caller: …") is the person named with
        // that role, like "the presenter".
        let line_start = lo == 0 || toks.text[..toks.tokens[lo].span.start].ends_with('\n');
        let role_label = hi == lo + 1
            && line_start
            && toks.tokens.get(hi).is_some_and(|_| toks.s(hi) == ":")
            && lex.is_title(&lexicons::norm(toks.s(lo)));
        if role_label && let Some(mut n) = descriptors::nominal(toks, lo, hi, lex) {
            n.determiner = descriptors::Determiner::Definite;
            n.proper = false;
            return (Form::Nominal(Box::new(n)), None);
        }
        match descriptors::nominal(toks, lo, hi, lex) {
            Some(n)
                if n.proper
                    || (n.proper_mods
                        && n.class == Some(lexicons::HeadClass::Organization)
                        && n.determiner != descriptors::Determiner::Indefinite) =>
            {
                let display = org_display(&n.text);
                (org_form(display), None)
            }
            Some(n) => (Form::Nominal(Box::new(n)), None),
            None => (Form::Other(surface.trim().to_string()), None),
        }
    }

    /// "The company's chief executive, Ana Lima,": a role over `[lo, head_hi)`, a comma, then
    /// only a name (with titles) before the next comma; the person gets the role. The name
    /// may also follow a mention that ends at its role ("said his lawyer, Jane Ruff.").
    fn role_then_name(
        &self,
        ctx: &Ctx<'_>,
        lo: usize,
        head_hi: usize,
        hi: usize,
    ) -> Option<(Form, Option<Span>)> {
        let lex = &self.lex;
        let toks = &ctx.toks;
        // The name in the mention after its comma, or right after a mention that ends at
        // the role ("“…,” said his lawyer, Jane Ruff."): the apposition names the role.
        let comma = if head_hi < hi {
            head_hi
        } else if hi + 1 < toks.tokens.len() {
            hi
        } else {
            return None;
        };
        if toks.s(comma) != "," {
            return None;
        }
        let lo2 = comma + 1;
        let limit = if lo2 < hi {
            hi
        } else {
            ctx.sentence_end(comma)
        };
        let hi2 = (lo2..limit)
            .find(|&k| matches!(toks.s(k), "," | "." | ";" | "!" | "?" | "\u{201d}" | "\""))
            .unwrap_or(limit);
        let n = descriptors::nominal(toks, lo, head_hi, lex)
            .filter(|n| n.class != Some(lexicons::HeadClass::Organization))?;
        let mut ents2 = ctx.ents_in(lo2, hi2);
        // "his lawyer, Ayo Bello": set off after a person's role, capitalised words are that
        // person's name whatever place or thing the tagger took them for.
        if n.class == Some(lexicons::HeadClass::Person) || lex.is_title(&n.head) {
            ents2.retain(|e| !matches!(e.2, EntityLabel::Loc | EntityLabel::Misc));
        }
        if let Some(name) = names::find_name(toks, lo2, hi2, &ents2, lex)
            && (lo2..name.lo).all(|k| {
                let low = lexicons::norm(toks.s(k));
                low == "the" || names::is_title_like(lex, &low)
            })
            && (name.hi..hi2).all(|k| !toks.s(k).chars().any(char::is_alphanumeric))
        {
            let (mut desc, _) = descriptors::premodifier(toks, lo2, name.lo, lex);
            desc.merge(n.into_role(lex));
            let span = name.span;
            return Some((
                Form::Person {
                    name,
                    desc,
                    sure: true,
                },
                Some(span),
            ));
        }
        None
    }

    fn resolve(&self, doc: &mut Doc) {
        for m in &mut doc.mentions {
            m.speaker = None;
        }
        doc.speakers.clear();
        if doc.mentions.is_empty() {
            // Only clusters holding an upstream mention are listed: nothing to do.
            return;
        }
        let text = doc.text.clone();
        let tokens = std::mem::take(&mut doc.tokens);
        let (exprs, quote_speakers) = {
            let ctx = self.context(doc, &text, &tokens);
            self.collect(&ctx)
        };
        doc.tokens = tokens;
        let mut resolver = Resolver::new(&self.lex);
        resolver.run(&exprs, &quote_speakers);
        write_speakers(doc, &exprs, &resolver);
    }

    fn context<'a>(&self, doc: &'a Doc, text: &'a str, tokens: &'a [Token]) -> Ctx<'a> {
        let n = tokens.len();
        let aligned: Vec<(usize, usize, EntityLabel)> = doc
            .entities
            .iter()
            .map(|e| {
                let (a, b) = (e.first.index(), e.end.index());
                let (a, b) = if a < b && b <= n {
                    (a, b)
                } else {
                    token_range(tokens, e.span)
                };
                (a, b, e.label)
            })
            .collect();
        let mut ents: Vec<_> = aligned.iter().copied().filter(|e| e.0 < e.1).collect();
        ents.sort_by_key(|e| (e.0, e.1));
        let toks = Toks { text, tokens };
        // "Ahmad bin Rashid", "Ruiz de la Peña": a tagger that stops at a lowercase particle
        // leaves two persons where the name is one.
        let mut merged: Vec<(usize, usize, EntityLabel)> = Vec::with_capacity(ents.len());
        for e in ents {
            if let Some(last) = merged.last_mut()
                && last.2 == EntityLabel::Per
                && e.2 == EntityLabel::Per
                && e.0 > last.1
                && e.0 - last.1 <= 2
                && (last.1..e.0).all(|k| names::PARTICLES.contains(&toks.s(k)))
            {
                last.1 = e.1;
                continue;
            }
            merged.push(e);
        }
        let ents = merged;
        // The last word of each person the tagger named in two words or more, lowercased,
        // with the token where it first ends.
        let mut surnames: std::collections::HashMap<String, usize> =
            std::collections::HashMap::new();
        for &(x, y, label) in &ents {
            if label == EntityLabel::Per && y > x + 1 {
                surnames.entry(toks.s(y - 1).to_lowercase()).or_insert(y);
            }
        }
        Ctx {
            toks,
            doc,
            ents,
            aligned,
            surnames,
        }
    }

    /// Without an entity layer (NER off or not yet run), finds person names by their capitals:
    /// a run whose first word is a known first name and that has two or more words, or a
    /// surname right after a title or honorific ("Sen. Cruz", "Mr. Putin").
    fn scan_names(
        &self,
        ctx: &Ctx<'_>,
        blocked: &[Span],
        quoted: &QuotedPieces,
        exprs: &mut Vec<Expr>,
    ) {
        let toks = &ctx.toks;
        let lex = &self.lex;
        for (lo, hi) in names::name_runs(toks, 0, toks.tokens.len()) {
            let core = names::strip_titles(toks, lo, hi, lex);
            let Some(name) = names::PersonName::new(toks, core, hi) else {
                continue;
            };
            let titled = core > lo
                && (lo..core).any(|k| {
                    let low = lexicons::norm(toks.s(k));
                    lex.is_title(&low) || lex.gendered(&low).is_some()
                });
            let known_first = name.first().is_some_and(|f| lex.first_name(f).is_some());
            if !(known_first || titled && name.key.len() == 1)
                || names::not_a_person(toks, lo, hi, lex)
            {
                continue;
            }
            let k = blocked.partition_point(|s| s.start < name.span.end);
            if blocked[..k]
                .iter()
                .rev()
                .take(8)
                .any(|s| s.overlaps(&name.span))
            {
                continue;
            }
            exprs.push(ctx.scanned_person(lo, name, quoted, lex));
        }
    }

    /// Gathers and parses every referring expression, sorted by position; also returns, per
    /// quote, the expression index of its speaker mention.
    fn collect(&self, ctx: &Ctx<'_>) -> (Vec<Expr>, Vec<Option<usize>>) {
        let quoted = QuotedPieces::new(ctx.doc);
        let mut exprs = Vec::new();
        // Where entities must not start new expressions, and the upstream mentions' spans.
        let (mut blocked, mut upstream_spans) = self.mention_exprs(ctx, &quoted, &mut exprs);
        blocked.sort_by_key(|s| s.start);
        upstream_spans.sort_by_key(|s| s.start);
        self.entity_exprs(ctx, &blocked, &quoted, &mut exprs);
        if ctx.doc.entities.is_empty() {
            self.scan_names(ctx, &blocked, &quoted, &mut exprs);
        }
        self.pronoun_exprs(ctx, &upstream_spans, &quoted, &mut exprs);
        self.subject_nominals(ctx, &upstream_spans, &quoted, &mut exprs);
        self.relative_antecedents(ctx, &quoted, &mut exprs);
        exprs.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
        let quote_speakers = speaker_exprs(ctx.doc, &exprs);
        (exprs, quote_speakers)
    }

    /// One expression per upstream mention (from the quotes and outlets stages) whose span is
    /// valid. Returns the spans where entities must not start new expressions (a person's
    /// name, an organisation, a pronoun: all but nominals) and the mentions' spans.
    fn mention_exprs(
        &self,
        ctx: &Ctx<'_>,
        quoted: &QuotedPieces,
        exprs: &mut Vec<Expr>,
    ) -> (Vec<Span>, Vec<Span>) {
        let doc = ctx.doc;
        let text = ctx.toks.text;
        let speaker_mentions: std::collections::HashSet<MentionId> =
            doc.quotes.iter().filter_map(|q| q.speaker).collect();
        let mut ent_spans: Vec<(Span, usize)> = doc
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.span, i))
            .collect();
        ent_spans.sort_by_key(|e| e.0.start);
        let mut blocked = Vec::new();
        let mut upstream_spans = Vec::new();
        for (mi, m) in doc.mentions.iter().enumerate() {
            if m.span.end > text.len()
                || m.span.start > m.span.end
                || !text.is_char_boundary(m.span.start)
                || !text.is_char_boundary(m.span.end)
            {
                continue;
            }
            let (form, core) = self.mention_form(ctx, m);
            match (&form, core) {
                (Form::Nominal(_), _) => {}
                (Form::Person { .. }, Some(c)) => blocked.push(c),
                _ => blocked.push(m.span),
            }
            upstream_spans.push(m.span);
            let entity = m
                .entity
                .or_else(|| entity_over(&ent_spans, core.unwrap_or(m.span)));
            let id = MentionId(mi as u32);
            let mut e = ctx.expr(m.span, Source::Upstream(id), entity, form, quoted);
            e.quote_speaker = speaker_mentions.contains(&id);
            exprs.push(e);
        }
        (blocked, upstream_spans)
    }

    /// The parsed form of an upstream mention, and its core span (the name in a person's
    /// phrase) when it has one.
    fn mention_form(&self, ctx: &Ctx<'_>, m: &Mention) -> (Form, Option<Span>) {
        let toks = &ctx.toks;
        let surface = &toks.text[m.span];
        let (lo, hi) = token_range(toks.tokens, m.span);
        if matches!(m.kind, MentionKind::Organization | MentionKind::Name)
            && let Some(form) = ctx.surname_form(lo, hi)
        {
            return (form, Some(m.span));
        }
        match m.kind {
            MentionKind::Outlet | MentionKind::Organization => {
                let display = org_display(apposition_head(surface));
                let form = Form::Org {
                    key: org_key(&display),
                    display,
                    outlet: m.kind == MentionKind::Outlet,
                    kind_word: org_kind_word(ctx, hi, &self.lex),
                };
                (form, Some(m.span))
            }
            MentionKind::Pronoun => match self.lex.pronoun(&surface.trim().to_lowercase()) {
                Some(p) => (Form::Pronoun(p), Some(m.span)),
                None => self.phrase(ctx, lo, hi, surface),
            },
            MentionKind::Name | MentionKind::Nominal => self.phrase(ctx, lo, hi, surface),
        }
    }

    /// One expression per person or organisation entity that no upstream mention blocks.
    fn entity_exprs(
        &self,
        ctx: &Ctx<'_>,
        blocked: &[Span],
        quoted: &QuotedPieces,
        exprs: &mut Vec<Expr>,
    ) {
        let toks = &ctx.toks;
        let lex = &self.lex;
        let mut covered = 0;
        for (ei, e) in ctx.doc.entities.iter().enumerate() {
            let (a, b, _) = ctx.aligned[ei];
            if a >= b || overlaps_any(blocked, e.span) || dateline_place(toks, a, b) {
                continue;
            }
            // The tagger's person whose last word is a trade word ("Corrin Telecom") is an
            // organisation.
            let org_word = names::ends_in_org_word(toks, b);
            if matches!(e.label, EntityLabel::Per | EntityLabel::Org)
                && let Some(end) = possessive_org_end(toks, b, lex)
            {
                let form = org_form(org_display(toks.slice(a, end)));
                let id = EntityId(ei as u32);
                let span = toks.cover(a, end);
                exprs.push(ctx.expr(span, Source::Entity(id), Some(id), form, quoted));
                covered = span.end;
                continue;
            }
            // The organisation noun of such a name, tagged apart.
            if e.span.start < covered {
                continue;
            }
            let form = match e.label {
                EntityLabel::Org if let Some(form) = ctx.surname_form(a, b) => form,
                EntityLabel::Org => {
                    let display = org_display(toks.slice(a, b));
                    let mut form = org_form(display);
                    if let Form::Org { kind_word, .. } = &mut form {
                        *kind_word = org_kind_word(ctx, b, lex);
                    }
                    form
                }
                EntityLabel::Per if org_word => org_form(org_display(toks.slice(a, b))),
                EntityLabel::Per if let Some(kind) = org_kind_word(ctx, b, lex) => {
                    let mut form = org_form(org_display(toks.slice(a, b)));
                    if let Form::Org { kind_word, .. } = &mut form {
                        *kind_word = Some(kind);
                    }
                    form
                }
                EntityLabel::Per
                    if names::PersonName::new(toks, a, b)
                        .is_some_and(|n| which_follows(toks, b, lex, &n)) =>
                {
                    org_form(org_display(toks.slice(a, b)))
                }
                EntityLabel::Per => {
                    let core = names::strip_titles(toks, a, b, lex);
                    let Some(name) = names::PersonName::new(toks, core, b) else {
                        continue;
                    };
                    let desc = ctx.describe(a, &name, lex);
                    Form::Person {
                        name,
                        desc,
                        sure: true,
                    }
                }
                _ => continue,
            };
            let id = EntityId(ei as u32);
            exprs.push(ctx.expr(e.span, Source::Entity(id), Some(id), form, quoted));
        }
    }

    /// "It was a good night for Ada Bruin, who said …": a relative "who" whose antecedent,
    /// the capitalised name right before its comma, no other expression covers (the entity
    /// tagger missed it or labelled it MISC) gets that name as an expression, so that the
    /// relative resolves to it (the resolver gives "who" the expression right before it).
    fn relative_antecedents(&self, ctx: &Ctx<'_>, quoted: &QuotedPieces, exprs: &mut Vec<Expr>) {
        let toks = &ctx.toks;
        let lex = &self.lex;
        let ends: std::collections::HashSet<usize> = exprs.iter().map(|e| e.span.end).collect();
        let mut found = Vec::new();
        for e in exprs.iter() {
            let relative = matches!(&e.form, Form::Pronoun(p) if p.person == lexicons::PronounPerson::Relative);
            if !relative || !matches!(e.source, Source::Upstream(_)) {
                continue;
            }
            let (r, _) = token_range(toks.tokens, e.span);
            if r < 2 || toks.s(r) != "who" || toks.s(r - 1) != "," {
                continue;
            }
            let end = r - 1;
            if ends.contains(&toks.tokens[end - 1].span.end) {
                continue;
            }
            let sentence = toks.tokens[end - 1].sentence;
            let mut lo = end;
            while lo > 0 && toks.tokens[lo - 1].sentence == sentence && end - lo < 6 {
                lo -= 1;
            }
            let Some(&(a, b)) = names::name_runs(toks, lo, end)
                .last()
                .filter(|&&(a, b)| b == end && !names::not_a_person(toks, a, b, lex))
            else {
                if let Some(np) = self.antecedent_phrase(ctx, lo, end, quoted) {
                    found.push(np);
                }
                continue;
            };
            let core = names::strip_titles(toks, a, b, lex);
            let Some(name) = names::PersonName::new(toks, core, b) else {
                continue;
            };
            // Something must say it is a person: a known first name, a title, or an entity
            // label other than a place or an organisation ("Harrow Hill, who" is no one).
            let known_first = name.first().is_some_and(|f| lex.first_name(f).is_some());
            let person_entity = ctx
                .ents_in(a, b)
                .iter()
                .any(|x| matches!(x.2, EntityLabel::Per | EntityLabel::Misc));
            if !(known_first || core > a || person_entity) {
                continue;
            }
            found.push(ctx.scanned_person(a, name, quoted, lex));
        }
        exprs.extend(found);
    }

    /// "sold by the Pryce family, who said …": a determiner-led noun phrase of a few words
    /// right before the relative's comma, as an expression the relative resolves to (the
    /// resolver takes an adjacent antecedent whatever its kind).
    fn antecedent_phrase(
        &self,
        ctx: &Ctx<'_>,
        lo: usize,
        end: usize,
        quoted: &QuotedPieces,
    ) -> Option<Expr> {
        let toks = &ctx.toks;
        let mut k = end;
        while k > lo {
            let w = toks.s(k - 1);
            let low = w.to_lowercase();
            if !w
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
                || self.lex.embeds_name(&low)
                || self.lex.pronoun(&low).is_some()
            {
                return None;
            }
            k -= 1;
            if DETERMINERS.contains(&low.as_str()) {
                break;
            }
        }
        if k + 1 >= end || !DETERMINERS.contains(&toks.s(k).to_lowercase().as_str()) {
            return None;
        }
        // "the owner of the boat, who": a phrase inside a larger one is not the antecedent.
        if k > 0 && ["of", "for", "at", "in", "on", "from"].contains(&toks.s(k - 1)) {
            return None;
        }
        let span = toks.cover(k, end);
        let (form, _) = self.phrase(ctx, k, end, toks.slice(k, end));
        Some(ctx.expr(span, Source::Scan, None, form, quoted))
    }

    /// One expression per gendered pronoun outside direct quotes and upstream mentions.
    fn pronoun_exprs(
        &self,
        ctx: &Ctx<'_>,
        upstream_spans: &[Span],
        quoted: &QuotedPieces,
        exprs: &mut Vec<Expr>,
    ) {
        let toks = &ctx.toks;
        for (i, t) in toks.tokens.iter().enumerate() {
            let s = toks.s(i);
            if s.len() > 7 || !GENDERED_PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(s)) {
                continue;
            }
            if quoted.holding(t.span).is_some() || overlaps_any(upstream_spans, t.span) {
                continue;
            }
            let Some(p) = self.lex.pronoun(&s.to_lowercase()) else {
                continue;
            };
            exprs.push(ctx.expr(t.span, Source::Token, None, Form::Pronoun(p), quoted));
        }
    }

    /// "The captain turned.", "The old man looked …": a sentence opening with "the", at most
    /// three words and a person head, then a lower-case word (its verb) or a relative clause
    /// set off by a comma, outside quotation marks. Such a subject is the antecedent of a later he/she when no named person fits.
    fn subject_nominals(
        &self,
        ctx: &Ctx<'_>,
        upstream_spans: &[Span],
        quoted: &QuotedPieces,
        exprs: &mut Vec<Expr>,
    ) {
        let toks = &ctx.toks;
        let n = toks.tokens.len();
        for s in &ctx.doc.sentences {
            let lo = toks.tokens.partition_point(|t| t.span.start < s.span.start);
            if lo + 2 >= n {
                continue;
            }
            if let Some(hi) = plural_subject(toks, lo, &self.lex) {
                let span = toks.cover(lo, hi);
                if quoted.holding(span).is_none() && !overlaps_any(upstream_spans, span) {
                    let nominal = descriptors::nominal(toks, lo, hi, &self.lex);
                    if let Some(nominal) = nominal.filter(|n| n.plural && !n.proper) {
                        let form = Form::Nominal(Box::new(nominal));
                        exprs.push(ctx.expr(span, Source::Subject, None, form, quoted));
                    }
                }
                continue;
            }
            if toks.s(lo) != "The" {
                continue;
            }
            let lex = &self.lex;
            let words = (lo + 1..(lo + 4).min(n - 1))
                .take_while(|&k| toks.s(k).chars().all(|c| c.is_lowercase() || c == '-'));
            let Some(head) = words.into_iter().find(|&k| {
                let w = toks.s(k);
                // "The senator, who was re-elected in 2022, has …": a relative clause may
                // stand between the head and its verb.
                let relative =
                    k + 2 < n && toks.s(k + 1) == "," && matches!(toks.s(k + 2), "who" | "whose");
                (lex.head(w).is_some() || lex.is_title(w) || lex.gendered(w).is_some())
                    && (starts_verb(toks.s(k + 1)) || relative)
            }) else {
                continue;
            };
            let hi = head + 1;
            let span = Span::new(toks.tokens[lo].span.start, toks.tokens[hi - 1].span.end);
            if quoted.holding(span).is_some() || overlaps_any(upstream_spans, span) {
                continue;
            }
            let Some(nominal) = descriptors::nominal(toks, lo, hi, &self.lex) else {
                continue;
            };
            if person_head(&self.lex, &nominal) {
                let form = Form::Nominal(Box::new(nominal));
                exprs.push(ctx.expr(span, Source::Subject, None, form, quoted));
            }
        }
    }
}

/// "Parents at Ashgrove Primary gathered …", "Residents of the Melati flats marched …": a
/// sentence that opens with a plural group noun of people, maybe a place phrase after it,
/// then a verb in the past or a verb of saying; the end of the subject. Such a group is what
/// a later "they" names.
fn plural_subject(toks: &Toks<'_>, lo: usize, lex: &Lexicons) -> Option<usize> {
    let first = toks.s(lo);
    let low = first.to_lowercase();
    let group = first.chars().next().is_some_and(char::is_uppercase)
        && low.ends_with('s')
        && lex.head(&low).is_some_and(|h| {
            matches!(
                h.class,
                lexicons::HeadClass::Person | lexicons::HeadClass::Group
            )
        });
    if !group {
        return None;
    }
    let n = toks.tokens.len();
    let verb = |k: usize| {
        let w = toks.s(k);
        w.chars().all(|c| c.is_lowercase())
            && (w.ends_with("ed") || matches!(w, "say" | "said" | "are" | "were" | "have" | "had"))
    };
    if lo + 1 < n && verb(lo + 1) {
        return Some(lo + 1);
    }
    if lo + 2 >= n || !matches!(toks.s(lo + 1), "at" | "of" | "in" | "from" | "on") {
        return None;
    }
    // The place phrase: capitalised words, determiners and lower-case nouns, no commas.
    (lo + 2..n.min(lo + 10))
        .take_while(|&k| toks.s(k).chars().all(char::is_alphanumeric) || toks.s(k).contains('-'))
        .find(|&k| k > lo + 2 && verb(k))
}

/// A lower-case word that can follow a subject as its verb (not "of", "and", "who").
fn starts_verb(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
        && !matches!(
            w,
            "of" | "and"
                | "or"
                | "who"
                | "whose"
                | "that"
                | "which"
                | "in"
                | "at"
                | "from"
                | "with"
                | "for"
                | "on"
                | "to"
                | "by"
        )
}

/// Person heads a sentence-opening subject may have without being in the role list.
fn person_head(lex: &Lexicons, n: &descriptors::Nominal) -> bool {
    !n.plural
        && !n.proper
        && (n.class == Some(lexicons::HeadClass::Person)
            || lex.is_title(&n.head)
            || lex.gendered(&n.head).is_some())
}

/// The role of a name set off by commas after it: "The producer of the film, Ana Costa,
/// and its star, Luke Grey, arrived": the noun phrase before the comma (from the sentence
/// start, a comma or "and") when it is a person or a title, and the name closes with a
/// comma or the sentence end. Entities met outside any quote get their title this way, so a
/// later "the producer" finds them.
fn role_before_comma(
    toks: &Toks<'_>,
    sent_lo: usize,
    name: &names::PersonName,
    sent_hi: usize,
    lex: &Lexicons,
) -> descriptors::Descriptor {
    let none = descriptors::Descriptor::default();
    let Some(comma) = name.lo.checked_sub(1) else {
        return none;
    };
    let closes = name.hi >= sent_hi || matches!(toks.s(name.hi), "," | "." | ";");
    if comma <= sent_lo || toks.s(comma) != "," || !closes {
        return none;
    }
    let mut lo = comma;
    while lo > sent_lo && comma - lo < 8 {
        let w = lexicons::norm(toks.s(lo - 1));
        // "… on Friday with its chief nurse, Lotte Kaas": the role starts after a
        // preposition that joins a companion.
        let joins = matches!(
            w.as_str(),
            "with" | "alongside" | "by" | "including" | "among" | "beside"
        );
        if w == "," || w == "and" || w == "or" || joins {
            break;
        }
        lo -= 1;
    }
    match descriptors::nominal(toks, lo, comma, lex) {
        Some(n)
            if !n.proper
                && (n.class == Some(lexicons::HeadClass::Person) || lex.is_title(&n.head)) =>
        {
            n.into_role(lex)
        }
        _ => none,
    }
}

/// The content pieces of a document's direct quotes, sorted, each with its quote's index.
struct QuotedPieces(Vec<(Span, usize)>);

impl QuotedPieces {
    fn new(doc: &Doc) -> Self {
        let mut pieces: Vec<(Span, usize)> = doc
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.kind == crate::doc::QuoteKind::Direct)
            .flat_map(|(i, q)| {
                let ps = if q.pieces.is_empty() {
                    vec![q.span]
                } else {
                    q.pieces.clone()
                };
                ps.into_iter().map(move |p| (p, i))
            })
            .collect();
        pieces.sort_by_key(|p| p.0.start);
        QuotedPieces(pieces)
    }

    /// The direct quote whose content holds `span`, if any.
    fn holding(&self, span: Span) -> Option<usize> {
        let k = self.0.partition_point(|p| p.0.start <= span.start);
        self.0[..k]
            .iter()
            .rev()
            .take(4)
            .find(|p| p.0.contains(&span))
            .map(|p| p.1)
    }
}

/// True when `span` overlaps one of `list` (sorted by start).
fn overlaps_any(list: &[Span], span: Span) -> bool {
    let k = list.partition_point(|s| s.start < span.end);
    list[..k].iter().rev().take(8).any(|s| s.overlaps(&span))
}

/// The entity overlapping `span`, from `ent_spans` (spans with entity indices, sorted by
/// start).
fn entity_over(ent_spans: &[(Span, usize)], span: Span) -> Option<EntityId> {
    let k = ent_spans.partition_point(|e| e.0.start < span.end);
    ent_spans[..k]
        .iter()
        .rev()
        .take(8)
        .find(|e| e.0.overlaps(&span))
        .map(|e| EntityId(e.1 as u32))
}

/// Per quote, the index in `exprs` of its speaker mention's expression.
fn speaker_exprs(doc: &Doc, exprs: &[Expr]) -> Vec<Option<usize>> {
    let by_mention: std::collections::HashMap<MentionId, usize> = exprs
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e.source {
            Source::Upstream(m) => Some((m, i)),
            _ => None,
        })
        .collect();
    doc.quotes
        .iter()
        .map(|q| q.speaker.and_then(|m| by_mention.get(&m).copied()))
        .collect()
}

/// Writes the clusters that hold an upstream mention as speakers, pushing mentions for the
/// entities and pronouns clustered with them.
fn write_speakers(doc: &mut Doc, exprs: &[Expr], resolver: &Resolver<'_>) {
    let mut listed: Vec<usize> = (0..resolver.clusters.len())
        .filter(|&c| {
            resolver.clusters[c]
                .members
                .iter()
                .any(|&i| matches!(exprs[i].source, Source::Upstream(_)))
        })
        .collect();
    listed.sort_by_key(|&c| resolver.clusters[c].first_pos);
    for (k, &c) in listed.iter().enumerate() {
        let sid = crate::doc::SpeakerId(k as u32);
        let cl = &resolver.clusters[c];
        let mut ids = Vec::with_capacity(cl.members.len());
        for &i in &cl.members {
            let e = &exprs[i];
            match e.source {
                Source::Upstream(m) => {
                    if let Some(mention) = doc.mentions.get_mut(m.index()) {
                        mention.speaker = Some(sid);
                        if mention.entity.is_none() {
                            mention.entity = e.entity;
                        }
                        ids.push(m);
                    }
                }
                Source::Entity(_) | Source::Token | Source::Scan | Source::Subject => {
                    let kind = match &e.form {
                        Form::Person { .. } => MentionKind::Name,
                        Form::Org { outlet: true, .. } => MentionKind::Outlet,
                        Form::Org { .. } => MentionKind::Organization,
                        Form::Pronoun(_) => MentionKind::Pronoun,
                        Form::Nominal(_) | Form::Other(_) => MentionKind::Nominal,
                    };
                    ids.push(doc.push_mention(Mention {
                        span: e.span,
                        kind,
                        entity: e.entity,
                        speaker: Some(sid),
                    }));
                }
            }
        }
        ids.sort_by_key(|m| (doc.mentions[m.index()].span.start, m.0));
        ids.dedup();
        let tidy = |s: &Option<String>| {
            s.as_deref()
                .map(|t| {
                    t.trim_matches(|c: char| c == ',' || c.is_whitespace())
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|t| !t.is_empty())
        };
        doc.speakers.push(Speaker {
            name: cl.name.clone(),
            kind: cl.kind,
            title: tidy(&cl.desc.title),
            affiliation: tidy(&cl.desc.affiliation),
            mentions: ids,
        });
    }
}

#[cfg(test)]
mod tests;
