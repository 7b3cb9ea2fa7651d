//! In-document coreference for speakers: clusters names, pronouns, nominals and organisation
//! mentions into entities, left to right, in one pass.
//!
//! The rules are stated in the parent module's documentation (`speakers`).
//!
//! Cost: each expression looks at a bounded list of recently mentioned clusters
//! ([`RECENT`]) or at the latest clusters sharing a name word, so the pass is linear in practice.

use super::descriptors::{Descriptor, Determiner, Nominal};
use super::lexicons::{HeadClass, Lexicons, PronounGender, PronounInfo, PronounPerson};
use super::names::{self, Gender, PersonName};
use crate::doc::{EntityId, MentionId, Span, SpeakerType};
use std::collections::HashMap;

/// How many recently mentioned clusters pronouns and nominals may look at.
pub(super) const RECENT: usize = 64;
/// Sentences within which the most recent of several matching name clusters wins.
pub(super) const NAME_RECENCY: usize = 10;
/// Sentences a pronoun looks back.
pub(super) const PRONOUN_WINDOW: usize = 8;
/// Sentences a definite nominal looks back.
pub(super) const NOMINAL_WINDOW: usize = 20;
/// How many clusters per name word a name looks at (the latest ones).
const LOOKUP: usize = 32;
/// Sentences within which an untitled person is the fallback for a person nominal.
const NOMINAL_FALLBACK: usize = 3;
/// How many of the latest unquoted expressions a relative pronoun looks back over for the
/// person an apposition describes.
const LAST_EXPRS: usize = 4;

/// Where an expression came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// A mention the quotes stage made.
    Upstream(MentionId),
    /// A named entity with no mention yet.
    Entity(EntityId),
    /// A pronoun token with no mention yet.
    Token,
    /// A name found by scanning capitals, when the document has no entity layer.
    Scan,
    /// A definite person nominal opening a sentence as its subject ("The captain turned."):
    /// an antecedent for he/she when no named person fits.
    Subject,
}

/// What an expression is, parsed.
#[derive(Debug, Clone)]
pub(super) enum Form {
    /// A person's name with what the words around it say. `sure` when something says it
    /// is a person (a PER entity, a known first name, a title); a lone unknown capitalised
    /// word ("Politico") starts an unknown-type cluster that a later sure mention upgrades.
    Person {
        name: PersonName,
        desc: Descriptor,
        sure: bool,
    },
    /// An organisation or outlet name.
    Org {
        key: String,
        display: String,
        outlet: bool,
        /// The head of an apposition that says what it is ("Skyrill, a budget airline,").
        kind_word: Option<String>,
    },
    /// A pronoun.
    Pronoun(PronounInfo),
    /// A common-noun phrase.
    Nominal(Box<Nominal>),
    /// Something that cannot be resolved (kept so it still gets a speaker of its own).
    Other(String),
}

/// One referring expression, in text order.
#[derive(Debug, Clone)]
pub(super) struct Expr {
    pub span: Span,
    pub source: Source,
    pub entity: Option<EntityId>,
    pub form: Form,
    pub sentence: usize,
    pub paragraph: usize,
    /// Inside the content of a direct quote.
    pub quoted: bool,
    /// The enclosing direct quote, when quoted.
    pub quote: Option<usize>,
    /// Referenced as the speaker of some quote.
    pub quote_speaker: bool,
    /// In a position no subject takes: after a preposition or inside a subordinate clause
    /// that opens the sentence ("When the train left Glenmuir Halt, Agnes …").
    pub not_subject: bool,
    /// For a relative pronoun after a name's apposition ("Ann Lee, chair of the Tenants'
    /// Federation, who said"): where the apposition's comma is; the antecedent ends there.
    pub apposition_at: Option<usize>,
}

/// An entity being built: the future speaker.
#[derive(Debug, Clone)]
pub(super) struct Cluster {
    pub kind: SpeakerType,
    pub name: String,
    name_rank: usize,
    key: Vec<String>,
    org_key: Option<String>,
    head: Option<String>,
    plural: bool,
    fixed_gender: Gender,
    he: u32,
    she: u32,
    pub desc: Descriptor,
    /// Expression indexes, in text order.
    pub members: Vec<usize>,
    pub first_pos: usize,
    last_pos: usize,
    last_sentence: usize,
    last_paragraph: usize,
    last_unquoted: Option<usize>,
    last_subject: Option<usize>,
    count: u32,
}

impl Cluster {
    fn new(kind: SpeakerType, name: String) -> Self {
        Cluster {
            kind,
            name,
            name_rank: 0,
            key: Vec::new(),
            org_key: None,
            head: None,
            plural: false,
            fixed_gender: Gender::Unknown,
            he: 0,
            she: 0,
            desc: Descriptor::default(),
            members: Vec::new(),
            first_pos: usize::MAX,
            last_pos: 0,
            last_sentence: 0,
            last_paragraph: 0,
            last_unquoted: None,
            last_subject: None,
            count: 0,
        }
    }

    /// Gender from names and roles, else from the pronouns resolved to it.
    pub fn gender(&self) -> Gender {
        if self.fixed_gender != Gender::Unknown {
            self.fixed_gender
        } else if self.he > self.she {
            Gender::Male
        } else if self.she > self.he {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }

    /// A person, or an unknown-type cluster built from a name (which may be a person).
    fn is_named_person(&self) -> bool {
        self.kind == SpeakerType::Person
            || (self.kind == SpeakerType::Unknown && !self.key.is_empty())
    }

    fn has_word(&self, w: &str) -> bool {
        self.desc.words.iter().any(|x| x == w)
    }

    /// True when the person was given an age ("Ana Ruiz, 24,": "24-year-old").
    fn has_age(&self) -> bool {
        self.desc.words.iter().any(|w| w.ends_with("-year-old"))
    }
}

/// Words that make a role another one ("the deputy minister", "the acting chief").
const RANKS: [&str; 8] = [
    "deputy",
    "vice",
    "assistant",
    "acting",
    "interim",
    "junior",
    "associate",
    "former",
];

/// True for an age used as a noun: "the 24-year-old" (the tokens split at the number's
/// hyphen, so the head word is "year-old").
/// Heads that name a kind of business: any company named lately may be meant.
const BUSINESS_HEADS: [&str; 20] = [
    "drugmaker",
    "chipmaker",
    "shipper",
    "telecom",
    "utility",
    "operator",
    "airline",
    "retailer",
    "carmaker",
    "automaker",
    "insurer",
    "lender",
    "supermarket",
    "manufacturer",
    "supplier",
    "developer",
    "startup",
    "chain",
    "bakery",
    "brewery",
];

/// "the heritage railway" after "Kestrel Valley Railway": a head no list knows that ends
/// organisation cluster `cl`'s name.
fn ends_org_name(cl: &Cluster, n: &Nominal) -> bool {
    cl.kind == SpeakerType::Organization
        && !n.plural
        && cl
            .org_key
            .as_deref()
            .and_then(|k| k.rsplit(' ').next())
            .is_some_and(|last| last == n.head)
}

/// Clusters by their first member's sentence, and each sentence's first expression.
type FirstMentions = (HashMap<usize, Vec<usize>>, HashMap<usize, usize>);

fn age_nominal(n: &Nominal) -> bool {
    n.head.ends_with("year-old")
        && n.text.strip_suffix("-year-old").is_some_and(|rest| {
            rest.rsplit(|c: char| !c.is_ascii_digit())
                .next()
                .is_some_and(|d| !d.is_empty())
        })
}

/// True when the nationality word `m` ("russian", "estavian") is that of the place word `w`
/// ("russia", "estavia"), both lowercased: `m` is `w`, less a final vowel, plus a demonym
/// ending. "the Russian minister" then fits "Yuri Danilov of Russia".
fn nationality_of(m: &str, w: &str) -> bool {
    let stem = w.strip_suffix(['a', 'e', 'o', 'y']).unwrap_or(w);
    stem.len() >= 4
        && m.len() > stem.len()
        && m.starts_with(stem)
        && m != w
        && ["an", "ese", "ish", "i"].iter().any(|e| m.ends_with(e))
}

/// True for a lowercased word shaped like a nationality ("estavian", "morlandish"), for
/// capitalised modifiers the demonym list does not hold.
fn demonym_shaped(m: &str) -> bool {
    m.len() > 5 && ["ian", "ese", "ish", "ean"].iter().any(|e| m.ends_with(e))
}

/// True for a modifier that looks like a noun ("band"), not an adjective ("embattled",
/// "former", "political").
fn noun_like(lex: &Lexicons, m: &str) -> bool {
    !(lex.is_modifier(m)
        || m.contains('-')
        || [
            "al", "ic", "ive", "ous", "ed", "ing", "ful", "less", "ary", "en", "ian", "ish", "y",
        ]
        .iter()
        .any(|x| m.ends_with(x)))
}

/// Every word of the shorter name is in the longer; two-word names share first and last word
/// (a family name that opens with a particle, "van der Heijden", has no given name).
fn names_compatible(a: &[String], b: &[String], first_names: &dyn Fn(&str) -> bool) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.is_empty() || !short.iter().all(|t| long.contains(t)) {
        return false;
    }
    let particle = names::PARTICLES.contains(&short[0].as_str()) && long[0] != short[0];
    short.len() < 2
        || (short.last() == long.last()
            && (short[0] == long[0] || particle || !first_names(&short[0])))
}

/// Normalised organisation name: lowercase, no "the", no possessive, no periods.
pub(super) fn org_key(display: &str) -> String {
    let s = display.trim();
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .unwrap_or(s);
    let low = s.to_lowercase().replace('.', "");
    let low = low.strip_prefix("the ").unwrap_or(&low);
    low.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Initials of the capitalised words of a name of two or more words ("Federal Bureau of
/// Investigation" → "fbi").
fn acronym(display: &str) -> Option<String> {
    let words: Vec<&str> = display
        .split_whitespace()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "of" | "and" | "the" | "for" | "&"
            )
        })
        .collect();
    if words.len() < 2
        || !words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return None;
    }
    Some(
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// The clustering pass.
pub(super) struct Resolver<'a> {
    lex: &'a Lexicons,
    pub clusters: Vec<Cluster>,
    /// Cluster of each expression (`None`: unresolved).
    pub assigned: Vec<Option<usize>>,
    /// Person clusters by family name (last word of the key).
    by_last: HashMap<String, Vec<usize>>,
    /// Person clusters by given name (first word of a key of two or more words).
    by_first: HashMap<String, Vec<usize>>,
    by_org: HashMap<String, usize>,
    /// Organisation clusters by the first word of a name of two words or more.
    by_org_first: HashMap<String, Vec<usize>>,
    recent: Vec<usize>,
    last_quote_speaker: Option<(usize, usize)>,
    /// The last unquoted expression: its index, its cluster and where it ends.
    last_expr: Option<(usize, usize, usize)>,
    /// The last few unquoted expressions, latest last: cluster, end and sentence.
    last_exprs: Vec<(usize, usize, usize)>,
}

impl<'a> Resolver<'a> {
    pub fn new(lex: &'a Lexicons) -> Self {
        Resolver {
            lex,
            clusters: Vec::new(),
            assigned: Vec::new(),
            by_last: HashMap::new(),
            by_first: HashMap::new(),
            by_org: HashMap::new(),
            by_org_first: HashMap::new(),
            recent: Vec::with_capacity(RECENT + 1),
            last_quote_speaker: None,
            last_expr: None,
            last_exprs: Vec::with_capacity(LAST_EXPRS + 1),
        }
    }

    /// Resolves every expression (sorted by position); `quote_speakers[q]` is the expression
    /// index of quote `q`'s speaker mention, used for "I"/"we" inside quotes.
    pub fn run(&mut self, exprs: &[Expr], quote_speakers: &[Option<usize>]) {
        self.assigned = vec![None; exprs.len()];
        let mut deferred = Vec::new();
        let mut subject_sentence = usize::MAX;
        for (i, e) in exprs.iter().enumerate() {
            let object_form = matches!(&e.form, Form::Pronoun(p) if p.never_subject);
            let subject = e.quote_speaker
                || (!e.quoted && !object_form && !e.not_subject && subject_sentence != e.sentence);
            if !e.quoted && !object_form {
                subject_sentence = e.sentence;
            }
            let c = match &e.form {
                Form::Person { name, desc, sure } => Some(self.person(e, name, desc, *sure)),
                Form::Org {
                    key,
                    display,
                    outlet,
                    kind_word,
                } => {
                    let c = self.org(key, display, *outlet);
                    let words = &mut self.clusters[c].desc.words;
                    if let Some(w) = kind_word.as_ref().filter(|w| !words.contains(w)) {
                        words.push(w.clone());
                    }
                    Some(c)
                }
                Form::Pronoun(p) => match p.person {
                    PronounPerson::First if e.quote.is_some() => {
                        deferred.push(i);
                        None
                    }
                    PronounPerson::First | PronounPerson::Second => None,
                    PronounPerson::Relative => self.relative(e, *p),
                    PronounPerson::Third => {
                        self.pronoun(e, *p).or_else(|| self.unnamed_person(e, *p))
                    }
                },
                // A scanned subject only stands in for a person nobody named: one that
                // a named person's role fits is left to that person's own mentions.
                Form::Nominal(n) if e.source == Source::Subject => {
                    let named = self.recent.iter().any(|&c| {
                        self.clusters[c].is_named_person() && self.nominal_score(c, n, e).is_some()
                    });
                    (!named).then(|| self.nominal(e, n))
                }
                Form::Nominal(n) => Some(self.nominal(e, n)),
                Form::Other(text) => {
                    Some(self.push(Cluster::new(SpeakerType::Unknown, text.clone())))
                }
            };
            if let Some(c) = c {
                self.add(c, i, e, subject);
            }
        }
        let first_mentions = self.first_mentions(exprs);
        self.cataphora(exprs, &first_mentions);
        self.pronoun_cataphora(exprs, &first_mentions);
        for i in deferred {
            let e = &exprs[i];
            let speaker = e
                .quote
                .and_then(|q| quote_speakers.get(q).copied().flatten())
                .and_then(|x| self.assigned.get(x).copied().flatten());
            if let Some(c) = speaker {
                self.add(c, i, e, false);
                let cl = &mut self.clusters[c];
                cl.members.sort_by_key(|&m| exprs[m].span.start);
            }
        }
    }

    /// A person described but not named where they speak, and named just after: "…, says a
    /// woman who has sold fish here for 31 years. Marijke Visser, 63, keeps …" (an indefinite
    /// nominal, then the next sentence's new name with an age or the same role) or "…, the
    /// state fire marshal said. Fire Marshal Doug Henningsen said …" (a role nobody held
    /// before, then the first name given that role within two sentences). The nominal joins
    /// the named person.
    fn cataphora(&mut self, exprs: &[Expr], (by_sentence, opener): &FirstMentions) {
        for c in 0..self.clusters.len() {
            let cl = &self.clusters[c];
            let Some(&first) = cl.members.first() else {
                continue;
            };
            let Form::Nominal(n) = &exprs[first].form else {
                continue;
            };
            let quoted_speaker = cl.members.iter().any(|&i| exprs[i].quote_speaker);
            let person = cl.kind == SpeakerType::Person;
            let indefinite = n.determiner == Determiner::Indefinite;
            if !quoted_speaker
                || !person
                || cl.plural
                || !cl.key.is_empty()
                || !(indefinite || n.determiner == Determiner::Definite)
            {
                continue;
            }
            let (start, sentence) = (exprs[first].span.start, exprs[first].sentence);
            let reach = if indefinite { 1 } else { 2 };
            let gender = cl.gender();
            let head = n.head.clone();
            let named = (sentence + 1..=sentence + reach)
                .flat_map(|s| by_sentence.get(&s).into_iter().flatten().copied())
                .filter(|&p| p != c)
                .filter(|&p| {
                    let pc = &self.clusters[p];
                    let Some(&pf) = pc.members.first() else {
                        return false;
                    };
                    let (pe, ps) = (&exprs[pf], exprs[pf].sentence);
                    // The name opens its sentence: no other expression comes before it there.
                    let opens = opener.get(&ps) == Some(&pf);
                    let aged = pc.has_age();
                    let role = pc.has_word(&head);
                    !pc.key.is_empty()
                        && pc.is_named_person()
                        && !pe.quoted
                        && pe.span.start > start
                        && ps > sentence
                        && ps <= sentence + reach
                        && pc.gender().compatible(gender)
                        && (role || indefinite && aged && opens)
                })
                .min_by_key(|&p| self.clusters[p].first_pos);
            let Some(p) = named else { continue };
            let members = std::mem::take(&mut self.clusters[c].members);
            self.join(p, members, exprs);
        }
    }

    /// A quote's "she" or "he" with no one before it to stand for, and a person named with
    /// an age as the next sentence opens ("“…,” she says. Gran-of-five Sheila Pocock, 78,
    /// was trapped …"): the pronoun is that person.
    fn pronoun_cataphora(&mut self, exprs: &[Expr], (by_sentence, opener): &FirstMentions) {
        for (i, e) in exprs.iter().enumerate() {
            let Form::Pronoun(p) = &e.form else { continue };
            let gender = match p.gender {
                PronounGender::Male => Gender::Male,
                PronounGender::Female => Gender::Female,
                _ => continue,
            };
            if self.assigned[i].is_some() || !e.quote_speaker || p.plural {
                continue;
            }
            let next = by_sentence.get(&(e.sentence + 1)).into_iter().flatten();
            let named = next.copied().find(|&c| {
                let cl = &self.clusters[c];
                let Some(&f) = cl.members.first() else {
                    return false;
                };
                let fe = &exprs[f];
                let opens = opener.get(&fe.sentence) == Some(&f);
                !cl.key.is_empty()
                    && cl.is_named_person()
                    && !fe.quoted
                    && fe.span.start > e.span.start
                    && fe.sentence == e.sentence + 1
                    && opens
                    && cl.has_age()
                    && cl.gender().compatible(gender)
            });
            if let Some(c) = named {
                self.join(c, vec![i], exprs);
            }
        }
    }

    /// Moves expressions `members` (of no cluster, or of one given up) into cluster `p`.
    fn join(&mut self, p: usize, members: Vec<usize>, exprs: &[Expr]) {
        for &i in &members {
            self.assigned[i] = Some(p);
        }
        let pc = &mut self.clusters[p];
        if let Some(start) = members.iter().map(|&i| exprs[i].span.start).min() {
            pc.first_pos = pc.first_pos.min(start);
        }
        pc.count += members.len() as u32;
        pc.members.extend(members);
        pc.members.sort_by_key(|&m| exprs[m].span.start);
    }

    /// Clusters by the sentence of their first member, and the first expression of each
    /// sentence, so that looking ahead a sentence or two stays linear. Taken once, before
    /// the cataphora rules join anything; they check each cluster as it is when they use it.
    fn first_mentions(&self, exprs: &[Expr]) -> FirstMentions {
        let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
        for (c, cl) in self.clusters.iter().enumerate() {
            if let Some(&f) = cl.members.first() {
                by_sentence.entry(exprs[f].sentence).or_default().push(c);
            }
        }
        let mut opener = HashMap::new();
        for (i, e) in exprs.iter().enumerate() {
            opener.entry(e.sentence).or_insert(i);
        }
        (by_sentence, opener)
    }

    fn push(&mut self, c: Cluster) -> usize {
        self.clusters.push(c);
        self.clusters.len() - 1
    }

    /// Records expression `i` as a member of cluster `c`.
    fn add(&mut self, c: usize, i: usize, e: &Expr, subject: bool) {
        self.assigned[i] = Some(c);
        let cl = &mut self.clusters[c];
        cl.members.push(i);
        cl.first_pos = cl.first_pos.min(e.span.start);
        cl.last_pos = cl.last_pos.max(e.span.start);
        cl.last_sentence = cl.last_sentence.max(e.sentence);
        cl.last_paragraph = cl.last_paragraph.max(e.paragraph);
        cl.count += 1;
        if !e.quoted {
            cl.last_unquoted = Some(e.sentence);
        }
        if subject {
            cl.last_subject = Some(e.sentence);
        }
        if let Form::Pronoun(p) = &e.form {
            match p.gender {
                PronounGender::Male => cl.he += 1,
                PronounGender::Female => cl.she += 1,
                _ => {}
            }
            if matches!(p.gender, PronounGender::Male | PronounGender::Female) {
                cl.kind = SpeakerType::Person;
            }
        }
        if e.quote_speaker {
            self.last_quote_speaker = Some((c, e.sentence));
        }
        // A name inside the phrase before it ("the Pryce family") leaves the phrase the last.
        // (Expressions come sorted by start, so one that ends earlier lies inside.)
        let nested = self.last_expr.is_some_and(|(_, _, end)| e.span.end < end);
        if !e.quoted && !nested {
            self.last_expr = Some((i, c, e.span.end));
            self.last_exprs.push((c, e.span.end, e.sentence));
            if self.last_exprs.len() > LAST_EXPRS {
                self.last_exprs.remove(0);
            }
        }
        if let Some(pos) = self.recent.iter().position(|&x| x == c) {
            self.recent.remove(pos);
        }
        self.recent.insert(0, c);
        self.recent.truncate(RECENT);
    }

    fn index_name(&mut self, c: usize) {
        let key = &self.clusters[c].key;
        let put = |map: &mut HashMap<String, Vec<usize>>, t: &str| {
            let list = map.entry(t.to_string()).or_default();
            if !list.iter().rev().take(4).any(|&x| x == c) {
                list.push(c);
            }
        };
        if let Some(last) = key.last() {
            put(&mut self.by_last, last);
        }
        if key.len() > 1 {
            put(&mut self.by_first, &key[0]);
        }
    }

    /// Person clusters that may share a name with `key`: same family name, or a one-word
    /// cluster that is this name's first word, or (for a one-word name) this given name. Only
    /// the [`LOOKUP`] latest clusters of each list are looked at.
    fn name_candidates(&self, key: &[String]) -> Vec<usize> {
        let mut cands: Vec<usize> = Vec::new();
        let mut take = |list: Option<&Vec<usize>>| {
            for &c in list.into_iter().flatten().rev().take(LOOKUP) {
                if !cands.contains(&c) {
                    cands.push(c);
                }
            }
        };
        if let Some(last) = key.last() {
            take(self.by_last.get(last));
        }
        if key.len() == 1 {
            take(self.by_first.get(&key[0]));
        } else {
            take(self.by_last.get(&key[0]));
        }
        cands
    }

    /// Among matching clusters: the most recent if mentioned within [`NAME_RECENCY`]
    /// sentences, else the most frequent (ties: most recent).
    fn pick(&self, cands: &[usize], sentence: usize) -> Option<usize> {
        let recent = cands
            .iter()
            .copied()
            .filter(|&c| sentence.saturating_sub(self.clusters[c].last_sentence) <= NAME_RECENCY)
            .max_by_key(|&c| self.clusters[c].last_pos);
        recent.or_else(|| {
            cands
                .iter()
                .copied()
                .max_by_key(|&c| (self.clusters[c].count, self.clusters[c].last_pos))
        })
    }

    fn person(&mut self, e: &Expr, name: &PersonName, desc: &Descriptor, sure: bool) -> usize {
        let gender = name.gender(self.lex).or(desc.gender);
        let key = &name.key;
        let mut cands = self.name_candidates(key);
        cands.retain(|&c| {
            let cl = &self.clusters[c];
            cl.is_named_person()
                && names_compatible(&cl.key, key, &|w| self.lex.first_name(w).is_some())
                && cl.gender().compatible(gender)
        });
        // A title in the mention ("Sen. Cruz") prefers the clusters that hold that title.
        let titled: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&c| {
                desc.words
                    .iter()
                    .any(|w| self.lex.is_title(w) && self.clusters[c].has_word(w))
            })
            .collect();
        if !titled.is_empty() {
            cands = titled;
        }
        if key.len() == 1 {
            let surname: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&c| self.clusters[c].key.last() == key.last())
                .collect();
            if !surname.is_empty() {
                cands = surname;
            }
        }
        let c = match self.pick(&cands, e.sentence) {
            Some(c) => c,
            None => self.push(Cluster::new(SpeakerType::Unknown, String::new())),
        };
        let cl = &mut self.clusters[c];
        if sure {
            cl.kind = SpeakerType::Person;
        }
        let rank = key.len() * 2 + usize::from(name.display.chars().any(char::is_lowercase));
        if rank > cl.name_rank {
            cl.name_rank = rank;
            cl.name = name.display.clone();
        }
        if key.len() > cl.key.len() {
            cl.key = key.clone();
        }
        cl.fixed_gender = cl.fixed_gender.or(gender);
        cl.desc.merge(desc.clone());
        self.index_name(c);
        c
    }

    fn org(&mut self, key: &str, display: &str, outlet: bool) -> usize {
        let acr = acronym(display);
        // "Halvorsen" after "Halvorsen Cloud": a one-word name that starts exactly one
        // longer one.
        let short_form = || match self.by_org_first.get(key).map(Vec::as_slice) {
            Some(&[c]) if !key.contains(' ') && key.len() >= 4 => Some(c),
            _ => None,
        };
        let found = self
            .by_org
            .get(key)
            .or_else(|| acr.as_ref().and_then(|a| self.by_org.get(a)))
            .copied()
            .or_else(short_form);
        if let Some(c) = found {
            let cl = &mut self.clusters[c];
            let rank = display.split_whitespace().count();
            if rank > cl.name_rank && cl.kind != SpeakerType::Outlet {
                cl.name_rank = rank;
                cl.name = display.to_string();
            }
            if let Some(a) = acr {
                self.by_org.entry(a).or_insert(c);
            }
            return c;
        }
        let kind = if outlet || self.lex.is_outlet(display) {
            SpeakerType::Outlet
        } else {
            SpeakerType::Organization
        };
        let mut cl = Cluster::new(kind, display.to_string());
        cl.name_rank = display.split_whitespace().count();
        cl.org_key = Some(key.to_string());
        cl.desc.words = key.split(' ').map(str::to_string).collect();
        let c = self.push(cl);
        self.by_org.insert(key.to_string(), c);
        if let Some((first, _)) = key.split_once(' ') {
            self.by_org_first
                .entry(first.to_string())
                .or_default()
                .push(c);
        }
        if let Some(a) = acr {
            self.by_org.entry(a).or_insert(c);
        }
        c
    }

    fn pronoun_fits(&self, c: usize, p: PronounInfo) -> bool {
        let cl = &self.clusters[c];
        match p.gender {
            PronounGender::Male | PronounGender::Female => {
                let g = if p.gender == PronounGender::Male {
                    Gender::Male
                } else {
                    Gender::Female
                };
                cl.is_named_person() && !cl.plural && cl.gender().compatible(g)
            }
            PronounGender::Neuter => {
                matches!(cl.kind, SpeakerType::Organization | SpeakerType::Outlet)
                    || (cl.kind == SpeakerType::Unknown && !cl.plural && cl.key.is_empty())
            }
            PronounGender::Person => cl.is_named_person(),
            PronounGender::Any => {
                !p.plural
                    || cl.plural
                    || matches!(
                        cl.kind,
                        SpeakerType::Organization | SpeakerType::Outlet | SpeakerType::Unknown
                    )
            }
        }
    }

    fn pronoun(&self, e: &Expr, p: PronounInfo) -> Option<usize> {
        let mut best: Option<(f32, usize)> = None;
        for &c in &self.recent {
            let cl = &self.clusters[c];
            if cl.first_pos >= e.span.start
                || e.sentence.saturating_sub(cl.last_sentence) > PRONOUN_WINDOW
                || e.paragraph.saturating_sub(cl.last_paragraph) > 3
                || !self.pronoun_fits(c, p)
            {
                continue;
            }
            let from = cl.last_unquoted.unwrap_or(cl.last_sentence);
            let dist = e.sentence.saturating_sub(from);
            let mut score = 1.0 / (1.0 + dist as f32);
            if cl.last_unquoted.is_none() {
                score -= 0.5;
            }
            if cl
                .last_subject
                .is_some_and(|s| s + 1 >= e.sentence && s <= e.sentence)
            {
                score += 0.6;
            }
            // "The Sunday Times leads on the poll, which it says …": the subject of the
            // pronoun's own sentence comes before the last quote's speaker.
            if cl.last_subject == Some(e.sentence) {
                score += 0.5;
            }
            if self
                .last_quote_speaker
                .is_some_and(|(q, s)| q == c && e.sentence.saturating_sub(s) <= PRONOUN_WINDOW)
            {
                score += 0.8;
            }
            let g = cl.gender();
            if g != Gender::Unknown
                && matches!(p.gender, PronounGender::Male | PronounGender::Female)
            {
                score += 0.3;
            }
            score += 0.02 * cl.count.min(10) as f32;
            if cl.kind != SpeakerType::Person && p.gender != PronounGender::Neuter {
                // A capitalised word of unknown type ("PolitiFact") is a person of last resort.
                score -= 0.5;
            }
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// He/she with no named person to take: the latest person nominal ("The old man looked
    /// at the river. “…,” he said.") of this or the two sentences before, in the paragraph.
    fn unnamed_person(&self, e: &Expr, p: PronounInfo) -> Option<usize> {
        let g = match p.gender {
            PronounGender::Male => Gender::Male,
            PronounGender::Female => Gender::Female,
            _ => return None,
        };
        self.recent.iter().copied().find(|&c| {
            let cl = &self.clusters[c];
            cl.kind == SpeakerType::Person
                && cl.key.is_empty()
                && cl.head.is_some()
                && !cl.plural
                && cl.first_pos < e.span.start
                && cl.last_paragraph == e.paragraph
                && e.sentence.saturating_sub(cl.last_sentence) <= 2
                && cl.gender().compatible(g)
        })
    }

    fn relative(&self, e: &Expr, p: PronounInfo) -> Option<usize> {
        // "Ann Lee, chair of the Tenants' Federation, who said": the named person the
        // apposition describes.
        if let Some(at) = e.apposition_at {
            let person = self.last_exprs.iter().rev().find(|&&(c, end, sentence)| {
                end <= at && sentence == e.sentence && self.clusters[c].is_named_person()
            });
            if let Some(&(c, _, _)) = person {
                return Some(c);
            }
        }
        let (_, c, end) = self.last_expr?;
        let cl = &self.clusters[c];
        if cl.last_sentence != e.sentence || cl.last_pos >= e.span.start {
            return None;
        }
        // "the Pryce family, who": a phrase that ends at the relative's comma is its
        // antecedent even when it is not a named person.
        let adjacent = p.gender == PronounGender::Person
            && e.span.start.saturating_sub(end) <= 3
            && !matches!(cl.kind, SpeakerType::Outlet | SpeakerType::Organization);
        (self.pronoun_fits(c, p) || adjacent).then_some(c)
    }

    /// "the Swede", "the Italian": a nationality as the head names the person given it.
    fn nationality_head_fits(&self, cl: &Cluster, n: &Nominal) -> bool {
        self.lex.nationality_noun(&n.head).is_some_and(|adj| {
            n.class.is_none()
                && !n.plural
                && cl.kind == SpeakerType::Person
                && cl.is_named_person()
                && cl
                    .desc
                    .words
                    .iter()
                    .any(|w| w == adj || nationality_of(adj, w))
        })
    }

    /// True when a person's words give a nationality or country ("Swedish", "Sweden's").
    fn has_nationality(&self, cl: &Cluster) -> bool {
        let place = |w: &str| self.lex.is_demonym(w) || self.lex.is_place(w);
        cl.desc.words.iter().any(|w| place(w))
            || cl
                .desc
                .affiliation
                .as_deref()
                .is_some_and(|a| place(&a.to_lowercase()))
    }

    /// How well cluster `c` fits the definite nominal `n` (`None`: not at all).
    fn nominal_score(&self, c: usize, n: &Nominal, e: &Expr) -> Option<f32> {
        let cl = &self.clusters[c];
        let dist = e.sentence.saturating_sub(cl.last_sentence);
        if dist > NOMINAL_WINDOW || cl.first_pos >= e.span.start {
            return None;
        }
        let recency = 1.0 / (1.0 + dist as f32);
        if cl.head.as_deref() == Some(n.head.as_str()) && cl.plural == n.plural {
            return Some(3.0 + recency);
        }
        // "the 24-year-old": the person given that age ("Ana Ruiz, 24,"), else whoever was
        // named last, whatever their role, unless given another age.
        if age_nominal(n) {
            let age = n.text.strip_suffix("-year-old").and_then(|rest| {
                let digits = rest.rsplit(|c: char| !c.is_ascii_digit()).next()?;
                Some(format!("{digits}-year-old"))
            });
            if age.is_some_and(|a| cl.desc.words.contains(&a)) {
                return Some(3.0 + recency);
            }
            if cl.has_age() {
                return None;
            }
            let fits = cl.kind == SpeakerType::Person
                && cl.is_named_person()
                && !n.plural
                && cl.gender().compatible(n.desc.gender)
                && dist <= NOMINAL_FALLBACK;
            return fits.then_some(1.0 + recency);
        }
        if self.nationality_head_fits(cl, n) {
            return Some(2.0 + recency);
        }
        // "The Norwegian" after "Ingrid Aasheim-Solberg won …, ahead of Sweden's Klara
        // Norrgård": a person named lately whose nationality nothing gives.
        if self.lex.nationality_noun(&n.head).is_some() {
            let fits = n.class.is_none()
                && !n.plural
                && cl.kind == SpeakerType::Person
                && cl.is_named_person()
                && dist <= NOMINAL_FALLBACK
                && cl.gender().compatible(n.desc.gender)
                && !self.has_nationality(cl);
            return fits.then_some(0.5 + recency);
        }
        let head = self.lex.head(&n.head);
        let matches =
            |w: &str| w == n.head || head.is_some_and(|h| h.matches.iter().any(|m| m == w));
        match n.class {
            Some(HeadClass::Person) | None
                if cl.kind == SpeakerType::Person
                    && !n.plural
                    && (n.class.is_some() || self.lex.is_title(&n.head)) =>
            {
                if !cl.gender().compatible(n.desc.gender) {
                    return None;
                }
                let mut score = 0.0;
                let mut nationality = false;
                let exact = cl.has_word(&n.head);
                for m in &n.mods {
                    // "the deputy minister" is not the minister: a rank word must match.
                    if RANKS.contains(&m.as_str()) && !cl.has_word(m) {
                        return None;
                    }
                    if self.lex.is_demonym(m) || (n.proper_mods && demonym_shaped(m)) {
                        if cl.has_word(m) || cl.desc.words.iter().any(|w| nationality_of(m, w)) {
                            score += 1.0;
                            nationality = true;
                        } else if cl.desc.words.iter().any(|w| self.lex.is_demonym(w)) {
                            return None;
                        }
                    } else if cl.has_word(m) {
                        score += 0.5;
                    } else if !exact && noun_like(self.lex, m) {
                        // "the band leader" is not a president: an unmatched noun modifier
                        // rules out a match made only through a synonym of the head.
                        return None;
                    }
                }
                // "his deputy, Sunniva Hartvig" … "the deputy minister".
                let rank_role = n
                    .mods
                    .iter()
                    .any(|m| RANKS.contains(&m.as_str()) && cl.has_word(m));
                if cl.desc.words.iter().any(|w| matches(w)) || rank_role {
                    Some(2.0 + score + recency)
                } else if nationality && n.class.is_some() {
                    // "the Estavian leader" after "Estavia's Viktor Harmon": the person named
                    // with that country, whatever role words were given.
                    Some(1.5 + score + recency)
                } else if cl.desc.title.is_none()
                    && cl.head.is_none()
                    && n.desc.affiliation.is_none()
                    && !n.name_mods
                    && !n.mods.iter().any(|m| self.lex.is_party(m))
                    && dist <= NOMINAL_FALLBACK
                {
                    Some(0.5 + recency)
                } else {
                    None
                }
            }
            Some(HeadClass::Organization) if cl.kind == SpeakerType::Organization => {
                self.org_nominal_score(cl, n, &matches).map(|s| s + recency)
            }
            None if ends_org_name(cl, n) => Some(2.0 + recency),
            _ => None,
        }
    }

    /// How well organisation cluster `cl` fits the definite nominal `n` with an organisation
    /// head, before recency: its name or words hold the head (`matches`), or the head is a
    /// generic one or a kind of business.
    fn org_nominal_score(
        &self,
        cl: &Cluster,
        n: &Nominal,
        matches: &dyn Fn(&str) -> bool,
    ) -> Option<f32> {
        let generic = matches!(
            n.head.as_str(),
            "company"
                | "firm"
                | "corporation"
                | "business"
                | "group"
                | "organization"
                | "organisation"
                | "agency"
                | "campaign"
                | "club"
                | "team"
                | "side"
        );
        let key = cl.org_key.as_deref().unwrap_or("");
        // "The utility", "the operator": a kind of business fits a company whose name says
        // nothing else ("Northgate Rail"), not a council or a union.
        let institution = key.split(' ').any(|w| {
            self.lex
                .head(w)
                .is_some_and(|h| h.class == HeadClass::Organization)
                && !BUSINESS_HEADS.contains(&w)
                && !matches!(w, "company" | "group" | "corporation" | "firm")
        });
        let business = BUSINESS_HEADS.contains(&n.head.as_str()) && !institution;
        if key.split(' ').any(matches) || cl.desc.words.iter().any(|w| matches(w)) {
            Some(2.0)
        } else if (generic || business) && cl.kind != SpeakerType::Outlet {
            // A news outlet is "the newspaper" or "the agency", never "the company" a
            // story reports on.
            Some(1.0)
        } else {
            None
        }
    }

    fn nominal(&mut self, e: &Expr, n: &Nominal) -> usize {
        // "her mother" after "Her mother, Joanne Ashworth,", "his lawyer" after "represented
        // by Bronwen Teague": a possessive nominal is someone new unless a named person was
        // given that very role.
        let possessive = n.determiner == Determiner::Possessive;
        if matches!(n.determiner, Determiner::Definite) || possessive {
            let best = self
                .recent
                .iter()
                .filter_map(|&c| self.nominal_score(c, n, e).map(|s| (s, c)))
                .filter(|&(s, c)| !possessive || s >= 2.0 && self.clusters[c].is_named_person())
                .fold(None::<(f32, usize)>, |b, x| match b {
                    Some(b) if b.0 >= x.0 => Some(b),
                    _ => Some(x),
                });
            if let Some((_, c)) = best {
                let cl = &mut self.clusters[c];
                let mut d = n.desc.clone();
                if cl.kind != SpeakerType::Person {
                    d.title = None;
                }
                d.affiliation = d.affiliation.filter(|_| cl.kind == SpeakerType::Person);
                cl.desc.merge(d);
                cl.fixed_gender = cl.fixed_gender.or(n.desc.gender);
                return c;
            }
        }
        // "Vellani Motori chief executive Ana Lee will step down, the carmaker said": a
        // company named only as a person's affiliation, in this or the last sentence.
        if let Some(c) = self.affiliation_org(e, n) {
            return c;
        }
        let kind = match n.class {
            Some(HeadClass::Person) => SpeakerType::Person,
            _ if age_nominal(n) => SpeakerType::Person,
            Some(HeadClass::Organization) => SpeakerType::Organization,
            _ if self.lex.is_title(&n.head) || self.lex.gendered(&n.head).is_some() => {
                SpeakerType::Person
            }
            _ => SpeakerType::Unknown,
        };
        let mut cl = Cluster::new(kind, n.text.clone());
        cl.head = Some(n.head.clone());
        cl.plural = n.plural;
        cl.fixed_gender = n.desc.gender;
        cl.desc = n.desc.clone();
        if kind != SpeakerType::Person {
            cl.desc.title = None;
        }
        if cl.desc.affiliation.is_none() {
            cl.desc.affiliation = self.possessor_name(n);
        }
        self.push(cl)
    }

    /// The organisation cluster for a definite company nominal ("the carmaker", "the
    /// company") that only a recent person's affiliation names.
    fn affiliation_org(&mut self, e: &Expr, n: &Nominal) -> Option<usize> {
        let business = BUSINESS_HEADS.contains(&n.head.as_str())
            || matches!(
                n.head.as_str(),
                "company" | "firm" | "group" | "corporation"
            );
        if n.determiner != Determiner::Definite || n.plural || !business {
            return None;
        }
        let affiliation = self.recent.iter().find_map(|&c| {
            let cl = &self.clusters[c];
            let near = e.sentence.saturating_sub(cl.last_sentence) <= 1;
            (cl.kind == SpeakerType::Person && near)
                .then(|| cl.desc.affiliation.clone())
                .flatten()
        })?;
        let named = affiliation
            .split_whitespace()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w == "&");
        if !named || self.lex.is_place(&affiliation.to_lowercase()) {
            return None;
        }
        Some(self.org(&org_key(&affiliation), &affiliation, false))
    }

    /// The resolved name of a pronoun possessor ("his spokesman" → the person "his" is).
    fn possessor_name(&self, n: &Nominal) -> Option<String> {
        if n.determiner != Determiner::Possessive {
            return None;
        }
        let (a, b) = n.possessor?;
        if b != a + 1 {
            return None;
        }
        // Only pronoun possessors reach here (names were kept as the affiliation already):
        // take the latest person or organisation that fits.
        let gender = match n.text.split_whitespace().next()?.to_lowercase().as_str() {
            "his" => PronounGender::Male,
            "her" => PronounGender::Female,
            "its" => PronounGender::Neuter,
            _ => return None,
        };
        let p = PronounInfo {
            person: PronounPerson::Third,
            gender,
            plural: false,
            never_subject: true,
        };
        let c = self
            .recent
            .iter()
            .copied()
            .find(|&c| self.pronoun_fits(c, p))?;
        Some(self.clusters[c].name.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn name_compatibility() {
        let cases = [
            ("putin", "vladimir putin", true),
            ("hillary clinton", "bill clinton", false),
            ("hillary clinton", "hillary rodham clinton", true),
            ("clinton", "hillary clinton", true),
            ("smith", "jones", false),
            ("guajardo villarreal", "ildefonso guajardo villarreal", true),
        ];
        for (a, b, want) in cases {
            let first = |w: &str| matches!(w, "hillary" | "bill" | "vladimir");
            assert_eq!(names_compatible(&v(a), &v(b), &first), want, "{a} / {b}");
        }
    }

    #[test]
    fn org_keys() {
        assert_eq!(org_key("the F.B.I."), "fbi");
        assert_eq!(org_key("Apple's"), "apple");
        assert_eq!(
            acronym("Federal Bureau of Investigation").as_deref(),
            Some("fbi")
        );
        assert_eq!(acronym("Apple"), None);
    }
}
