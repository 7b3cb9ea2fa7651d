//! Word classes for attribution: the lexicons under `data/quotes/` and a per-token view of a
//! document that carries each token's class flags, cue entry and quotation region.
//!
//! Every token is looked up once per document (lowercased into a reused buffer), so the rules
//! in the other modules test bit flags instead of comparing strings.

use super::pairing::{NO_REGION, Region};
use crate::doc::{Doc, EntityLabel, Span};
use crate::error::Result;
use crate::lexicon::{self, Comments};
use std::collections::HashMap;

bitflags::bitflags! {
    /// What a token is, for the rules: its word classes (from the lexicons), its shape, and
    /// its place in quotations, entities and sentences. A token may carry several.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
    pub struct Flags: u64 {
        /// Subject pronoun (he, she, they...).
        const PRONOUN = 1;
        /// Relative pronoun (who, which).
        const REL = 1 << 1;
        /// Determiner or quantifier that opens a noun phrase.
        const DET = 1 << 2;
        /// Conjunction, subordinator or sentence adverb: ends a noun phrase.
        const BOUNDARY = 1 << 3;
        /// Preposition.
        const PREP = 1 << 4;
        /// Preposition that may continue a noun phrase ("a spokesman for the campaign").
        const NP_PREP = 1 << 5;
        /// Role or title noun (spokesman, Sen., official).
        const ROLE = 1 << 6;
        /// Auxiliary or modal verb.
        const AUX = 1 << 7;
        /// Adverb that may sit inside a cue phrase ("also said").
        const CUE_ADV = 1 << 8;
        /// Common non-cue verb.
        const VERB = 1 << 9;
        /// Time word (Tuesday, yesterday, last).
        const TIME = 1 << 10;
        /// Token starts with an uppercase letter.
        const CAP = 1 << 11;
        /// Token has no letter or digit.
        const PUNCT = 1 << 12;
        /// Opening quotation mark.
        const QOPEN = 1 << 13;
        /// Closing quotation mark.
        const QCLOSE = 1 << 14;
        /// Sentence-final punctuation (. ! ? …).
        const FINAL = 1 << 15;
        /// Comma.
        const COMMA = 1 << 16;
        /// Colon.
        const COLON = 1 << 17;
        /// Dash (— – -- -).
        const DASH = 1 << 18;
        /// Possessive clitic ('s).
        const POSS = 1 << 19;
        /// Starts with a digit.
        const NUM = 1 << 20;
        /// Inside a person entity.
        const ENT_PER = 1 << 21;
        /// Inside an organisation entity.
        const ENT_ORG = 1 << 22;
        /// Lowercase word ending in -ly.
        const ADVERB_LY = 1 << 23;
        /// Semicolon.
        const SEMI = 1 << 24;
        /// Opening bracket.
        const LPAREN = 1 << 25;
        /// Closing bracket.
        const RPAREN = 1 << 26;
        /// Object pronoun (him, her, them, us, me).
        const OBJ_PRONOUN = 1 << 27;
        /// First token of its sentence.
        const SENT_START = 1 << 28;
        /// The word `that`.
        const THAT = 1 << 29;
        /// Lowercase word ending in -ing.
        const ING = 1 << 30;
        /// Coordinating or subordinating conjunction (and, but, because, while...).
        const CONJ = 1 << 31;
        /// Lowercase word ending in -ed (a past verb more often than not).
        const ED = 1 << 32;
        /// Cue verb that may precede its source ("said Smith").
        const INV = 1 << 33;
        /// An -ing or -ed word that modifies a noun ("the outgoing governor").
        const MOD = 1 << 34;
        /// A quantifier that stands alone as a subject ("Another tweeted", "Many say").
        const LONE_QUANTIFIER = 1 << 35;
        /// What a statement is made in ("statement", "interview", "tweet").
        const MEDIUM = 1 << 36;
        /// A noun for people passing on information ("people", "sources", "witnesses").
        const INFORMANT = 1 << 37;
        /// A participle that passes a claim on to the people it names ("citing", "quoting").
        const CITING = 1 << 38;
        /// A cue verb whose infinitive or prepositional object is an act, not a claim
        /// ("declined to comment", "agreed to a second interview").
        const ACT_INFINITIVE = 1 << 39;
        /// A cue verb whose plain object is a thing, not a claim ("added five minutes").
        const THING_OBJECT = 1 << 40;
        /// A subject that denies the act ("Nobody answered", "None replied").
        const NEGATIVE = 1 << 41;
        /// A cue verb whose prepositional object is a topic, not a claim ("thought about it").
        const TOPIC_OBJECT = 1 << 42;
        /// A noun that names a kind of organisation ("operator", "airline", "bank"): before a
        /// name it classifies it ("the rail operator Transalpin Nord").
        const ORG_HEAD = 1 << 43;
        /// A verb of saying in a manner ("wept", "sobbed"): it reports only a quotation, a
        /// `that`-clause or a colon's content.
        const MANNER = 1 << 44;
    }
}

/// How a cue word frames its source and content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A verb: "X said (that) ...", "..., X said".
    Verb,
    /// A participle: "..., saying ..." with the clause's subject as source.
    Participle,
    /// "according to X".
    According,
}

/// A cue word's class and how often it is a cue in news text, in `[0, 1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CueEntry {
    /// How it frames source and content.
    pub class: CueClass,
    /// The verb's object is the addressee, not content ("told reporters that ...").
    pub addressee: bool,
    /// A speech tag and nothing else: it counts only right after a quotation ("“…,” laughed
    /// X"), since it is more often an action ("He laughed at that.").
    pub tag_only: bool,
    /// Share of its occurrences outside quoted content that attribute something.
    pub weight: f32,
}

#[derive(Debug, Clone, Copy, Default)]
struct WordInfo {
    flags: Flags,
    cue: Option<CueEntry>,
    particle_of: u16,
}

const PRONOUNS: &str = include_str!("../../data/quotes/pronouns.txt");
const RELATIVES: &str = include_str!("../../data/quotes/relatives.txt");
const DETERMINERS: &str = include_str!("../../data/quotes/determiners.txt");
const BOUNDARIES: &str = include_str!("../../data/quotes/boundaries.txt");
const PREPOSITIONS: &str = include_str!("../../data/quotes/prepositions.txt");
const AUXILIARIES: &str = include_str!("../../data/quotes/aux.txt");
const CUE_ADVERBS: &str = include_str!("../../data/quotes/cue_adverbs.txt");
const VERBS: &str = include_str!("../../data/quotes/verbs.txt");
const TIME_WORDS: &str = include_str!("../../data/quotes/time_words.txt");
const ROLES: &str = include_str!("../../data/quotes/roles.txt");
const CUES: &str = include_str!("../../data/quotes/cues.tsv");
const CUES_EXTRA: &str = include_str!("../../data/quotes/cues_extra.tsv");
const LEAD_INS: &str = include_str!("../../data/quotes/cue_lead_ins.txt");
const PARTICLES: &str = include_str!("../../data/quotes/cue_particles.txt");
const INVERSION: &str = include_str!("../../data/quotes/inversion.txt");
const MODIFIERS: &str = include_str!("../../data/quotes/modifiers.txt");
const OBJECT_PRONOUNS: &str = include_str!("../../data/quotes/object_pronouns.txt");
const LONE_QUANTIFIERS: &str = include_str!("../../data/quotes/lone_quantifiers.txt");
const MEDIA: &str = include_str!("../../data/quotes/media.txt");
const INFORMANTS: &str = include_str!("../../data/quotes/informants.txt");
const CITING: &str = include_str!("../../data/quotes/citing.txt");

/// Plural time units: after "for" they make a duration, not a particle's object.
const DURATIONS: [&str; 6] = ["decades", "years", "months", "weeks", "days", "hours"];
/// Forms of "be" that make a passive ("was announced", "were found").
pub(super) const BE_FORMS: [&str; 6] = ["is", "was", "are", "were", "been", "be"];

const ACT_INFINITIVES: &str = include_str!("../../data/quotes/act_infinitives.txt");
const THING_OBJECTS: &str = include_str!("../../data/quotes/thing_objects.txt");
const NEGATIVE_SUBJECTS: &str = include_str!("../../data/quotes/negative_subjects.txt");
const TOPIC_OBJECTS: &str = include_str!("../../data/quotes/topic_objects.txt");
const MANNER_VERBS: &str = include_str!("../../data/quotes/manner_verbs.txt");
const ORG_HEADS: &str = include_str!("../../data/speakers/nominal_heads.tsv");

/// All word lists, keyed by lowercased word (curly apostrophes folded to `'`).
#[derive(Debug)]
pub struct Lexicon {
    words: HashMap<String, WordInfo>,
    /// Cue phrases that continue past the head word ("called for", "according to"), as
    /// lists of lowercased following words, indexed by `WordInfo::particle_of - 1`.
    particles: Vec<Vec<Vec<String>>>,
    /// Words that lead into a cue verb ("made a point to" say), lowercased, each phrase
    /// in reverse order (the word nearest the verb first), longest first.
    lead_ins: Vec<Vec<String>>,
}

impl Lexicon {
    /// Loads the embedded lists.
    pub fn new() -> Result<Self> {
        let mut words = word_classes();
        read_cues(&mut words, CUES, "data/quotes/cues.tsv")?;
        add_british_spellings(&mut words);
        read_cues(&mut words, CUES_EXTRA, "data/quotes/cues_extra.tsv")?;
        let particles = read_particles(&mut words);
        let mut lead_ins: Vec<Vec<String>> = lexicon::entries(LEAD_INS)
            .map(|l| l.split_whitespace().rev().map(fold).collect())
            .collect();
        lead_ins.sort_by_key(|p: &Vec<String>| std::cmp::Reverse(p.len()));
        Ok(Lexicon {
            words,
            particles,
            lead_ins,
        })
    }
}

/// Every listed word with its class flags (`data/quotes/*.txt`): a `+` after a preposition
/// marks one that may continue a noun phrase, after a boundary word a conjunction.
fn word_classes() -> HashMap<String, WordInfo> {
    let mut words: HashMap<String, WordInfo> = HashMap::new();
    let mut add = |list: &str, flag: Flags| {
        for w in lexicon::entries(list) {
            let (w, rest) = w.split_once(char::is_whitespace).unwrap_or((w, ""));
            let e = words.entry(fold(w)).or_default();
            e.flags |= flag;
            if flag == Flags::PREP && rest.trim() == "+" {
                e.flags |= Flags::NP_PREP;
            }
            if flag == Flags::BOUNDARY && rest.trim() == "+" {
                e.flags |= Flags::CONJ;
            }
        }
    };
    for (list, flag) in [
        (PRONOUNS, Flags::PRONOUN),
        (RELATIVES, Flags::REL),
        (DETERMINERS, Flags::DET),
        (BOUNDARIES, Flags::BOUNDARY),
        (PREPOSITIONS, Flags::PREP),
        (AUXILIARIES, Flags::AUX),
        (CUE_ADVERBS, Flags::CUE_ADV),
        (VERBS, Flags::VERB),
        (TIME_WORDS, Flags::TIME),
        (ROLES, Flags::ROLE),
        (INVERSION, Flags::INV),
        (MODIFIERS, Flags::MOD),
        (OBJECT_PRONOUNS, Flags::OBJ_PRONOUN),
        (LONE_QUANTIFIERS, Flags::LONE_QUANTIFIER),
        (MEDIA, Flags::MEDIUM),
        (INFORMANTS, Flags::INFORMANT),
        (CITING, Flags::CITING),
        (ACT_INFINITIVES, Flags::ACT_INFINITIVE),
        (THING_OBJECTS, Flags::THING_OBJECT),
        (NEGATIVE_SUBJECTS, Flags::NEGATIVE),
        (TOPIC_OBJECTS, Flags::TOPIC_OBJECT),
        (MANNER_VERBS, Flags::MANNER),
    ] {
        add(list, flag);
    }
    words.entry("that".to_string()).or_default().flags |= Flags::THAT;
    // The organisation heads of the speakers' nominal list (`… <TAB>org<TAB> …`).
    for line in lexicon::entries(ORG_HEADS) {
        let mut fields = line.split('\t');
        if let (Some(w), Some("org")) = (fields.next(), fields.next()) {
            words.entry(fold(w)).or_default().flags |= Flags::ORG_HEAD;
        }
    }
    words
}

/// Reads a cue list (`data/quotes/cues.tsv` or `cues_extra.tsv`: word, class, weight) from
/// `list`, named `file` in errors, into the cue entries of `words`; a later list overrides.
fn read_cues(words: &mut HashMap<String, WordInfo>, list: &str, file: &str) -> Result<()> {
    for line in lexicon::lines(list, Comments::WholeLine("#")) {
        let bad = |reason: &str| lexicon::data_error(file, line.number, reason);
        let fields = lexicon::fields(line, file, 3)?;
        let (w, class, weight) = (fields[0], fields[1], fields[2]);
        let tag_only = class == "tag";
        let (class, addressee) = match class {
            "v" | "tag" => (CueClass::Verb, false),
            "tell" if w.ends_with("ing") => (CueClass::Participle, true),
            "tell" => (CueClass::Verb, true),
            "ing" => (CueClass::Participle, false),
            "acc" => (CueClass::According, false),
            _ => return Err(bad("unknown cue class")),
        };
        let weight: f32 = weight.parse().map_err(|_| bad("bad weight"))?;
        words.entry(fold(w)).or_default().cue = Some(CueEntry {
            class,
            addressee,
            tag_only,
            weight,
        });
    }
    Ok(())
}

/// The cue list is measured on American news; British and Commonwealth text spells the
/// same verbs with -ise and a doubled l ("criticised", "labelled", "marvelled"). Each cue
/// word shaped like that gets its other spelling, with the same entry, unless listed.
fn add_british_spellings(words: &mut HashMap<String, WordInfo>) {
    let mut extra = Vec::new();
    for (w, info) in words.iter() {
        let Some(cue) = info.cue else { continue };
        let other = if let Some(i) = w
            .rfind("iz")
            .filter(|&i| matches!(&w[i..], "ize" | "ized" | "izes" | "izing"))
        {
            format!("{}is{}", &w[..i], &w[i + 2..])
        } else if let Some(stem) = w.strip_suffix("eled").filter(|s| s.len() > 2) {
            format!("{stem}elled")
        } else if let Some(stem) = w.strip_suffix("eling").filter(|s| s.len() > 2) {
            format!("{stem}elling")
        } else {
            continue;
        };
        extra.push((other, cue));
    }
    for (w, cue) in extra {
        let e = words.entry(w).or_default();
        if e.cue.is_none() {
            e.cue = Some(cue);
        }
    }
}

/// Reads the cue particle phrases (`data/quotes/cue_particles.txt`: a head word and the
/// words that continue it) into lists per head word, longest first.
fn read_particles(words: &mut HashMap<String, WordInfo>) -> Vec<Vec<Vec<String>>> {
    let mut particles: Vec<Vec<Vec<String>>> = Vec::new();
    for line in lexicon::entries(PARTICLES) {
        let mut it = line.split_whitespace().map(fold);
        let Some(head) = it.next() else { continue };
        let tail: Vec<String> = it.collect();
        if tail.is_empty() {
            continue;
        }
        let e = words.entry(head).or_default();
        if e.particle_of == 0 {
            particles.push(Vec::new());
            e.particle_of = particles.len() as u16;
        }
        particles[e.particle_of as usize - 1].push(tail);
    }
    for list in &mut particles {
        // Longest first, so "lashed out at" wins over "lashed out".
        list.sort_by_key(|t| std::cmp::Reverse(t.len()));
    }
    particles
}

/// Lowercases `w` and folds curly apostrophes to `'`.
fn fold(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    fold_into(w, &mut s);
    s
}

fn fold_into(w: &str, out: &mut String) {
    out.clear();
    for c in w.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// One token as the attribution rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// Extent in the text.
    pub span: Span,
    /// Sentence index.
    pub sent: u32,
    /// Paragraph index.
    pub para: u32,
    /// Class and shape flags.
    pub flags: Flags,
    /// Cue entry, if the word is a cue word.
    pub cue: Option<CueEntry>,
    /// Index into the regions of the quotation whose marks or content hold this token.
    pub region: u32,
    /// Index (1-based) into the lexicon's particle lists; 0 when none.
    pub particle_of: u16,
}

impl Tok {
    /// True when any of `f` is set.
    #[inline]
    pub fn is(&self, f: Flags) -> bool {
        self.flags.intersects(f)
    }

    /// True when the token is a word (has a letter or digit).
    #[inline]
    pub fn is_word(&self) -> bool {
        !self.is(Flags::PUNCT)
    }

    /// True when inside a quotation (marks included).
    #[inline]
    pub fn quoted(&self) -> bool {
        self.region != NO_REGION
    }
}

/// The token view of one document.
#[derive(Debug)]
pub struct View<'d> {
    /// The document.
    pub doc: &'d Doc,
    /// One entry per `doc.tokens` entry.
    pub toks: Vec<Tok>,
    /// For each sentence, its token range.
    pub sent_range: Vec<(usize, usize)>,
    /// For each paragraph, its token range.
    pub para_range: Vec<(usize, usize)>,
    /// Quotation regions.
    pub regions: Vec<Region>,
    /// For each region, the first region of the quotation it belongs to (over paragraphs).
    pub group_first: Vec<u32>,
    /// For each region, the last region of its quotation.
    pub group_last: Vec<u32>,
    lex: &'d Lexicon,
}

impl<'d> View<'d> {
    /// Builds the view: classifies every token, marks quotation regions and entities, and
    /// numbers the sentences as the rules see them ([`split_at_quote_openings`]).
    #[cfg(test)]
    pub fn new(doc: &'d Doc, lex: &'d Lexicon, regions: Vec<Region>) -> Self {
        Self::with_classified(doc, lex, classify(doc, lex), regions)
    }

    /// The view over tokens that [`classify`] already read (a second view of the same
    /// document with other quotation regions need not classify its words again).
    pub fn with_classified(
        doc: &'d Doc,
        lex: &'d Lexicon,
        mut toks: Vec<Tok>,
        regions: Vec<Region>,
    ) -> Self {
        mark_quotations(&mut toks, &regions);
        mark_entities(doc, &mut toks);
        let n_sent = split_at_quote_openings(&mut toks);
        let (sent_range, para_range) = token_ranges(&toks, n_sent, doc.paragraphs.len());
        let (group_first, group_last) = quotation_links(&regions);
        View {
            doc,
            toks,
            sent_range,
            para_range,
            regions,
            group_first,
            group_last,
            lex,
        }
    }

    /// The surface of token `i`.
    #[inline]
    pub fn s(&self, i: usize) -> &str {
        &self.doc.text[self.toks[i].span]
    }

    /// True when token `i` is, case-insensitively, `w` (ASCII `w`).
    #[inline]
    /// True when token `i` is a role written with an abbreviation's stop ("Mr.", "Dr."),
    /// which the word lists hold without it.
    pub fn abbreviated_role(&self, i: usize) -> bool {
        self.s(i).strip_suffix('.').is_some_and(|stem| {
            let mut key = String::new();
            fold_into(stem, &mut key);
            self.lex
                .words
                .get(&key)
                .is_some_and(|w| w.flags.contains(Flags::ROLE))
        })
    }

    pub fn eq(&self, i: usize, w: &str) -> bool {
        self.s(i).eq_ignore_ascii_case(w)
    }

    /// Token range of the sentence holding token `i`.
    pub fn sentence_of(&self, i: usize) -> (usize, usize) {
        self.sent_range
            .get(self.toks[i].sent as usize)
            .copied()
            .unwrap_or((i, i + 1))
    }

    /// Byte span from the start of token `a` to the end of token `b - 1`.
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }

    /// The regions of the quotation that region `r` belongs to, in order (over paragraphs).
    pub fn quotation(&self, r: u32) -> Vec<u32> {
        let Some(&first) = self.group_first.get(r as usize) else {
            return vec![r];
        };
        let mut out = vec![first];
        let mut cur = first as usize;
        while let Some(reg) = self.regions.get(cur) {
            let next = reg.next as usize;
            if reg.next == NO_REGION || next <= cur {
                break;
            }
            cur = next;
            out.push(reg.next);
        }
        out
    }

    /// The last region of the quotation that region `r` belongs to.
    pub fn quotation_last(&self, r: u32) -> u32 {
        self.group_last.get(r as usize).copied().unwrap_or(r)
    }

    /// The first token after the end of region `r`.
    pub fn token_after_region(&self, r: u32) -> usize {
        let end = self.regions[r as usize].outer.end;
        self.doc.token_at(end)
    }

    /// How many words after `i` continue a cue particle phrase ("called" + "for").
    pub fn particle_len(&self, i: usize, end: usize) -> usize {
        let p = self.toks[i].particle_of;
        if p == 0 {
            return 0;
        }
        let Some(lists) = self.lex.particles.get(p as usize - 1) else {
            return 0;
        };
        let mut key = String::new();
        'outer: for tail in lists {
            if i + 1 + tail.len() > end {
                continue;
            }
            for (k, w) in tail.iter().enumerate() {
                fold_into(self.s(i + 1 + k), &mut key);
                if &key != w {
                    continue 'outer;
                }
            }
            // "argued for decades that …": a span of time, not what is argued for.
            let span_of_time = tail.len() == 1
                && tail[0] == "for"
                && (i + 2 < end)
                && (self.toks[i + 2].is(Flags::TIME)
                    || DURATIONS.iter().any(|d| self.eq(i + 2, d)));
            return if span_of_time { 0 } else { tail.len() };
        }
        0
    }

    /// How many words right before cue word `i`, not before token `lo`, lead into it ("made
    /// a point to" say, "was quick to" add): 0 when none.
    pub fn lead_in_len(&self, i: usize, lo: usize) -> usize {
        if i <= lo || !self.eq(i - 1, "to") {
            return 0;
        }
        let mut key = String::new();
        'outer: for phrase in &self.lex.lead_ins {
            if i < lo + phrase.len() {
                continue;
            }
            for (k, w) in phrase.iter().enumerate() {
                let j = i - 1 - k;
                if self.toks[j].quoted() {
                    continue 'outer;
                }
                fold_into(self.s(j), &mut key);
                if &key != w {
                    continue 'outer;
                }
            }
            return phrase.len();
        }
        0
    }

    /// The cue entry of a bare verb right after a lead-in ("was at pains to stress", "went
    /// on to reiterate") that the list holds only in its past form: that form's entry.
    /// Looked up here, not listed, because the bare forms are nouns too ("stress", "state").
    pub fn bare_cue_after_lead_in(&self, i: usize, lo: usize) -> Option<CueEntry> {
        let t = &self.toks[i];
        if t.cue.is_some() || t.is(Flags::CAP) || !t.is_word() || self.lead_in_len(i, lo) == 0 {
            return None;
        }
        let w = self.s(i).to_lowercase();
        let last = w.chars().last()?;
        let mut forms = vec![format!("{w}ed"), format!("{w}d"), format!("{w}{last}ed")];
        if let Some(stem) = w.strip_suffix('y') {
            forms.push(format!("{stem}ied"));
        }
        forms.iter().find_map(|f| {
            self.lex
                .words
                .get(f.as_str())
                .and_then(|x| x.cue)
                .filter(|e| e.class == CueClass::Verb && e.weight >= BARE_FORM_WEIGHT)
        })
    }

    /// True when cue word `i` is a preposition that needs no particle ("per"), unlike a
    /// head with particle phrases ("according" [to]).
    pub fn takes_no_particle(&self, i: usize) -> bool {
        self.toks[i].particle_of == 0
    }
}

/// How often a past form must attribute for its bare form to count after a lead-in: verbs
/// that mostly report ("stressed", "reiterated"), not those of acts ("pushed", "attacked").
const BARE_FORM_WEIGHT: f32 = 0.8;

/// One [`Tok`] per document token: its word-class and shape flags, cue entry and particle
/// list, with the document's sentence and paragraph numbers.
pub(super) fn classify(doc: &Doc, lex: &Lexicon) -> Vec<Tok> {
    let text: &str = &doc.text;
    let mut key = String::new();
    let mut toks = Vec::with_capacity(doc.tokens.len());
    let mut prev_sent = u32::MAX;
    for t in &doc.tokens {
        let surface = &text[t.span];
        let para = doc
            .sentences
            .get(t.sentence as usize)
            .map_or(0, |s| s.paragraph);
        let (mut flags, cue, particle_of) = if surface.chars().any(char::is_alphanumeric) {
            word_class(surface, lex, &mut key)
        } else if plural_possessive(text, t.span) {
            (Flags::POSS, None, 0)
        } else {
            (Flags::PUNCT | punctuation_class(surface), None, 0)
        };
        if t.sentence != prev_sent {
            flags |= Flags::SENT_START;
            prev_sent = t.sentence;
        }
        toks.push(Tok {
            span: t.span,
            sent: t.sentence,
            para,
            flags,
            cue,
            region: NO_REGION,
            particle_of,
        });
    }
    toks
}

/// True when the token at `span` is an apostrophe closing a word that ends in s, before a
/// space ("the workers’ chief", "the Joneses' car"): a plural possessive, part of a noun
/// phrase. Pairing (`pairing::apostrophe_len`) skips such a mark only before a lowercase
/// word, where it cannot close a quotation; one it left unpaired before a name ("Fox News’
/// Bret Baier") is read as a possessive here, and one that closes a quotation is marked as
/// its closing mark later.
fn plural_possessive(text: &str, span: Span) -> bool {
    matches!(&text[span], "'" | "\u{2019}")
        && text[..span.start].ends_with(['s', 'S'])
        && text[span.end..].starts_with(char::is_whitespace)
}

/// The flag of a token with no letter or digit: comma, colon, semicolon, sentence-final
/// mark, dash or bracket; 0 for other punctuation.
fn punctuation_class(surface: &str) -> Flags {
    match surface {
        "," => Flags::COMMA,
        ":" => Flags::COLON,
        ";" => Flags::SEMI,
        "." | "!" | "?" | "\u{2026}" | "..." | "?!" | "!!" | "??" => Flags::FINAL,
        "\u{2014}" | "\u{2013}" | "\u{2015}" | "--" | "-" | "---" => Flags::DASH,
        "(" | "[" => Flags::LPAREN,
        ")" | "]" => Flags::RPAREN,
        _ if surface.starts_with("..") || surface.starts_with("?") || surface.starts_with("!") => {
            Flags::FINAL
        }
        _ => Flags::empty(),
    }
}

/// The flags, cue entry and particle list of a word (a token with a letter or digit): its
/// shape (capitalised, number, possessive, -ly/-ing/-ed ending) and its lexicon entry.
/// `key` is a reused buffer for the folded form.
fn word_class(surface: &str, lex: &Lexicon, key: &mut String) -> (Flags, Option<CueEntry>, u16) {
    let mut flags = Flags::empty();
    let mut cue = None;
    let mut particle_of = 0;
    let first = surface.chars().next().unwrap_or(' ');
    if first.is_uppercase() {
        flags |= Flags::CAP;
    }
    if first.is_ascii_digit() {
        flags |= Flags::NUM;
    }
    fold_into(surface, key);
    if key == "'s" || key == "'" {
        flags |= Flags::POSS;
    }
    if let Some(w) = lex.words.get(key.as_str()) {
        flags |= w.flags;
        cue = w.cue;
        particle_of = w.particle_of;
    }
    if !first.is_uppercase() && key.len() > 4 && !key.contains('-') && !flags.contains(Flags::MOD) {
        if key.ends_with("ly") {
            flags |= Flags::ADVERB_LY;
        } else if key.ends_with("ing") {
            flags |= Flags::ING;
        } else if key.ends_with("ed") {
            flags |= Flags::ED;
        }
    }
    (flags, cue, particle_of)
}

/// Marks the tokens inside each quotation region with the region's index, and its marks
/// as opening or closing: a sweep over tokens and regions, both in text order.
fn mark_quotations(toks: &mut [Tok], regions: &[Region]) {
    let mut r = 0;
    for tok in toks.iter_mut() {
        while r < regions.len() && regions[r].outer.end <= tok.span.start {
            r += 1;
        }
        let Some(reg) = regions.get(r) else { break };
        if reg.outer.start <= tok.span.start && tok.span.end <= reg.outer.end {
            tok.region = r as u32;
            if tok.span.start < reg.content.start.max(reg.open.end) {
                tok.flags |= Flags::QOPEN | Flags::PUNCT;
            } else if reg.close.is_some_and(|c| tok.span.start >= c.start) {
                tok.flags |= Flags::QCLOSE | Flags::PUNCT;
            }
        }
    }
}

/// Marks the tokens inside person and organisation entities.
fn mark_entities(doc: &Doc, toks: &mut [Tok]) {
    for e in &doc.entities {
        let flag = match e.label {
            EntityLabel::Per => Flags::ENT_PER,
            EntityLabel::Org => Flags::ENT_ORG,
            _ => continue,
        };
        let lo = doc.token_at(e.span.start);
        for tok in toks.iter_mut().skip(lo) {
            if tok.span.start >= e.span.end {
                break;
            }
            tok.flags |= flag;
        }
    }
}

/// Numbers the sentences as the rules see them, in place of the document's numbers, and
/// returns how many there are.
///
/// These are the document's sentences, split further where a sentence-final mark (or a
/// sentence-final mark and a closing quotation mark) is followed by an opening quotation
/// mark that the splitter kept in the same sentence (`… said. ''Next …`), and never across
/// paragraphs. `Flags::SENT_START` is set on the first token of each. The tokens must carry their
/// quotation marks ([`Flags::QOPEN`], [`Flags::QCLOSE`]) and the document's sentence and paragraph numbers.
pub fn split_at_quote_openings(toks: &mut [Tok]) -> usize {
    let mut sent = 0u32;
    let mut prev: Option<(u32, u32)> = None;
    for i in 0..toks.len() {
        let key = (toks[i].sent, toks[i].para);
        let new_sentence = match prev {
            None => false,
            Some(p) if p != key => true,
            Some(_) => {
                toks[i].is(Flags::QOPEN)
                    && (toks[i - 1].is(Flags::FINAL)
                        || toks[i - 1].is(Flags::QCLOSE) && i >= 2 && toks[i - 2].is(Flags::FINAL))
            }
        };
        if new_sentence {
            sent += 1;
        }
        prev = Some(key);
        toks[i].sent = sent;
        if new_sentence || i == 0 {
            toks[i].flags |= Flags::SENT_START;
        } else {
            toks[i].flags.remove(Flags::SENT_START);
        }
    }
    if toks.is_empty() {
        0
    } else {
        sent as usize + 1
    }
}

/// A token range `[start, end)`.
type TokenRange = (usize, usize);

/// The token range of each of `n_sent` sentences and `n_para` paragraphs; `(0, 0)` for a
/// paragraph with no token.
fn token_ranges(toks: &[Tok], n_sent: usize, n_para: usize) -> (Vec<TokenRange>, Vec<TokenRange>) {
    let mut sent_range = vec![(0, 0); n_sent];
    let mut para_range = vec![(usize::MAX, 0); n_para];
    for (i, t) in toks.iter().enumerate() {
        if let Some(s) = sent_range.get_mut(t.sent as usize) {
            if s.1 == 0 {
                s.0 = i;
            }
            s.1 = i + 1;
        }
        if let Some(p) = para_range.get_mut(t.para as usize) {
            if p.0 == usize::MAX {
                p.0 = i;
            }
            p.1 = i + 1;
        }
    }
    for p in &mut para_range {
        if p.0 == usize::MAX {
            *p = (0, 0);
        }
    }
    (sent_range, para_range)
}

/// For each region, the first and the last region of the quotation it belongs to (over
/// paragraphs). Links only point forward (`prev < i < next`).
fn quotation_links(regions: &[Region]) -> (Vec<u32>, Vec<u32>) {
    let n = regions.len();
    let mut group_first: Vec<u32> = (0..n as u32).collect();
    for i in 0..n {
        let p = regions[i].prev as usize;
        if p < i {
            group_first[i] = group_first[p];
        }
    }
    let mut group_last: Vec<u32> = (0..n as u32).collect();
    for i in (0..n).rev() {
        let next = regions[i].next as usize;
        if next > i && next < n {
            group_last[i] = group_last[next];
        }
    }
    (group_first, group_last)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens with the given (document sentence, paragraph, flags), one byte apart.
    fn toks(spec: &[(u32, u32, Flags)]) -> Vec<Tok> {
        spec.iter()
            .enumerate()
            .map(|(i, &(sent, para, flags))| Tok {
                span: Span::new(i, i + 1),
                sent,
                para,
                flags,
                cue: None,
                region: NO_REGION,
                particle_of: 0,
            })
            .collect()
    }

    #[test]
    fn sentences_split_at_quote_openings() {
        const W: Flags = Flags::empty();
        // (tokens as (document sentence, paragraph, flags), sentence numbers, why)
        type Spec<'a> = &'a [(u32, u32, Flags)];
        #[rustfmt::skip]
        let cases: &[(Spec, &[u32], &str)] = &[
            (&[(0, 0, W), (0, 0, Flags::FINAL), (0, 0, Flags::QOPEN), (0, 0, W)], &[0, 0, 1, 1], "a final mark, then an opening mark"),
            (&[(0, 0, W), (0, 0, Flags::FINAL), (0, 0, Flags::QCLOSE), (0, 0, Flags::QOPEN), (0, 0, W)], &[0, 0, 0, 1, 1], "a final and a closing mark, then an opening mark"),
            (&[(0, 0, W), (1, 0, W), (1, 1, W)], &[0, 1, 2], "the document's sentences and paragraphs"),
            // Near misses.
            (&[(0, 0, W), (0, 0, Flags::COMMA), (0, 0, Flags::QOPEN), (0, 0, W)], &[0, 0, 0, 0], "a comma before the opening mark"),
            (&[(0, 0, W), (0, 0, Flags::QCLOSE), (0, 0, Flags::QOPEN), (0, 0, W)], &[0, 0, 0, 0], "a closing mark without a final mark"),
            (&[(0, 0, Flags::QOPEN), (0, 0, W)], &[0, 0], "an opening mark first in the document"),
        ];
        for (spec, want, why) in cases {
            let mut t = toks(spec);
            let n = split_at_quote_openings(&mut t);
            let got: Vec<u32> = t.iter().map(|t| t.sent).collect();
            assert_eq!(got, *want, "{why}");
            assert_eq!(n, *want.last().unwrap() as usize + 1, "{why}");
            for (i, tok) in t.iter().enumerate() {
                let starts = i == 0 || t[i - 1].sent != tok.sent;
                assert_eq!(tok.is(Flags::SENT_START), starts, "{why}: token {i}");
            }
        }
        assert_eq!(split_at_quote_openings(&mut []), 0);
    }

    #[test]
    fn punctuation_classes() {
        // (token, flag, why)
        #[rustfmt::skip]
        let cases: &[(&str, Flags, &str)] = &[
            (",", Flags::COMMA, "comma"),
            (":", Flags::COLON, "colon"),
            (";", Flags::SEMI, "semicolon"),
            ("?!", Flags::FINAL, "sentence-final marks"),
            ("....", Flags::FINAL, "a long ellipsis"),
            ("\u{2014}", Flags::DASH, "an em dash"),
            ("--", Flags::DASH, "a typed dash"),
            ("[", Flags::LPAREN, "an opening bracket"),
            (")", Flags::RPAREN, "a closing bracket"),
            // Near misses.
            ("&", Flags::empty(), "other punctuation"),
            ("\u{201c}", Flags::empty(), "a quotation mark is marked by its region, not here"),
        ];
        for (token, want, why) in cases {
            assert_eq!(punctuation_class(token), *want, "{token} ({why})");
        }
    }

    #[test]
    fn word_classes() {
        let lex = Lexicon::new().unwrap();
        let mut key = String::new();
        // (word, flags it has, flags it lacks, why)
        #[rustfmt::skip]
        let cases: &[(&str, Flags, Flags, &str)] = &[
            ("Senator", Flags::CAP | Flags::ROLE, Flags::empty(), "a capitalised role noun"),
            ("he", Flags::PRONOUN, Flags::CAP, "a subject pronoun"),
            ("which", Flags::REL, Flags::PRONOUN, "a relative pronoun"),
            ("\u{2019}s", Flags::POSS, Flags::empty(), "a curly possessive"),
            ("1990s", Flags::NUM, Flags::CAP, "a number"),
            ("quickly", Flags::ADVERB_LY, Flags::ING | Flags::ED, "an -ly adverb"),
            ("running", Flags::ING, Flags::ADVERB_LY, "an -ing word"),
            ("outgoing", Flags::MOD, Flags::ING, "a modifier is no participle"),
            ("walked", Flags::ED, Flags::empty(), "an -ed word"),
            // Near misses.
            ("Reading", Flags::CAP, Flags::ING, "a capitalised -ing word may be a name"),
            ("only", Flags::empty(), Flags::ADVERB_LY, "too short for an -ly adverb"),
            ("well-liked", Flags::empty(), Flags::ED, "a hyphenated word"),
        ];
        for (word, has, lacks, why) in cases {
            let (flags, _, _) = word_class(word, &lex, &mut key);
            assert!(flags.contains(*has), "{word} ({why})");
            assert!(!flags.intersects(*lacks), "{word} ({why})");
        }
        let (_, cue, _) = word_class("said", &lex, &mut key);
        assert_eq!(cue.map(|c| c.class), Some(CueClass::Verb));
    }

    #[test]
    fn quotations_over_paragraphs() {
        let region = |prev: u32, next: u32| Region {
            open: Span::new(0, 1),
            close: None,
            content: Span::new(1, 2),
            outer: Span::new(0, 2),
            para: 0,
            prev,
            next,
        };
        // Regions 0 → 1 → 3 form one quotation; 2 stands alone.
        let regions = [
            region(NO_REGION, 1),
            region(0, 3),
            region(NO_REGION, NO_REGION),
            region(1, NO_REGION),
        ];
        let (first, last) = quotation_links(&regions);
        assert_eq!(first, [0, 0, 2, 0]);
        assert_eq!(last, [3, 3, 2, 3]);
    }
}
