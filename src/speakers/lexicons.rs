//! The word lists the resolver consults, compiled into the binary from `data/speakers/`.

use super::names::Gender;
use crate::error::{Error, Result};
use crate::lexicon::{self, Comments, entries};
use crate::outlets::Gazetteer;
use std::collections::{HashMap, HashSet};

const MALE: &str = include_str!("../../data/speakers/names_male.txt");
const FEMALE: &str = include_str!("../../data/speakers/names_female.txt");
const UNISEX: &str = include_str!("../../data/speakers/names_unisex.txt");
const TITLES: &str = include_str!("../../data/speakers/titles.txt");
const ABBREVIATIONS: &str = include_str!("../../data/speakers/title_abbreviations.tsv");
const MULTIWORD: &str = include_str!("../../data/speakers/multiword_titles.txt");
const MODIFIERS: &str = include_str!("../../data/speakers/title_modifiers.txt");
const DEMONYMS: &str = include_str!("../../data/speakers/demonyms.txt");
const PARTIES: &str = include_str!("../../data/speakers/parties.txt");
const GENDERED: &str = include_str!("../../data/speakers/gendered_words.tsv");
const PRONOUNS: &str = include_str!("../../data/speakers/pronouns.tsv");
const HEADS: &str = include_str!("../../data/speakers/nominal_heads.tsv");
const PLACES: &str = include_str!("../../data/speakers/places.txt");
const PREPOSITIONS: &str = include_str!("../../data/speakers/prepositions.tsv");
const AGENT_ROLES: &str = include_str!("../../data/speakers/agent_roles.tsv");
const DEMONYM_NOUNS: &str = include_str!("../../data/speakers/demonym_nouns.tsv");

/// What a nominal head noun names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HeadClass {
    /// A person ("the spokesman").
    Person,
    /// An organisation ("the ministry").
    Organization,
    /// A collective that is neither clearly people nor an organisation ("police").
    Group,
}

/// A nominal head and the role words it can stand for.
#[derive(Debug, Clone)]
pub(super) struct HeadInfo {
    pub class: HeadClass,
    pub matches: Vec<String>,
}

/// Grammatical person of a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PronounPerson {
    First,
    Second,
    Third,
    /// who, which, that.
    Relative,
}

/// Which antecedents a pronoun's gender allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PronounGender {
    Male,
    Female,
    /// Not a person ("it", "which").
    Neuter,
    /// A person of any gender ("I", "who").
    Person,
    /// Anything ("they", "that").
    Any,
}

/// Features of one pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PronounInfo {
    pub person: PronounPerson,
    pub gender: PronounGender,
    pub plural: bool,
    /// An object or possessive form ("him", "her", "his"): never a sentence's subject, so
    /// "Her captain, Nina Strand, agreed." keeps Nina Strand as the subject.
    pub never_subject: bool,
}

/// Every word list, loaded once.
#[derive(Debug)]
pub(super) struct Lexicons {
    first_names: HashMap<String, Gender>,
    titles: HashSet<String>,
    abbreviations: HashMap<String, String>,
    multiword: HashSet<String>,
    /// Longest multiword title, in words.
    pub multiword_max: usize,
    modifiers: HashSet<String>,
    demonyms: HashSet<String>,
    /// Nationality nouns and their adjectives ("swede" → "swedish").
    demonym_nouns: HashMap<String, String>,
    parties: HashSet<String>,
    gendered: HashMap<String, Gender>,
    pronouns: HashMap<String, PronounInfo>,
    heads: HashMap<String, HeadInfo>,
    places: HashSet<String>,
    /// Prepositions by use (see `data/speakers/prepositions.tsv`).
    embedding: HashSet<String>,
    descriptor_prepositions: HashSet<String>,
    affiliation_prepositions: HashSet<String>,
    /// Passive verbs before "by NAME" and the role each gives the name ("directed" →
    /// "director").
    agent_roles: HashMap<String, String>,
    /// The built-in outlets' unambiguous names, lowercased, without a leading "the": an
    /// organisation so named is a news outlet ("the company" never points to it).
    outlets: HashSet<String>,
}

fn tsv<'a>(
    name: &'static str,
    list: &'a str,
    columns: usize,
) -> Result<Vec<(usize, Vec<&'a str>)>> {
    let path = format!("data/speakers/{name}");
    lexicon::lines(list, Comments::Anywhere)
        .map(|line| Ok((line.number, lexicon::fields(line, &path, columns)?)))
        .collect()
}

/// A two-column list as a map from the first word to the second, both lowercased.
fn word_pairs(name: &'static str, list: &str) -> Result<HashMap<String, String>> {
    Ok(tsv(name, list, 2)?
        .into_iter()
        .map(|(_, c)| (c[0].to_lowercase(), c[1].to_lowercase()))
        .collect())
}

/// A gazetteer's unambiguous names, as [`Lexicons::is_outlet`] looks them up.
fn outlet_names(gazetteer: &Gazetteer) -> HashSet<String> {
    gazetteer
        .entries()
        .iter()
        .flat_map(|e| &e.aliases)
        .filter(|a| !a.ambiguous)
        .map(|a| outlet_key(&a.text))
        .collect()
}

/// An outlet name as [`Lexicons::is_outlet`] looks it up.
fn outlet_key(name: &str) -> String {
    let low = name.trim().to_lowercase();
    low.strip_prefix("the ").map(str::to_string).unwrap_or(low)
}

fn bad(name: &'static str, line: usize, reason: String) -> Error {
    lexicon::data_error(format!("data/speakers/{name}"), line, reason)
}

fn gender_code(name: &'static str, line: usize, code: &str) -> Result<Gender> {
    match code {
        "m" => Ok(Gender::Male),
        "f" => Ok(Gender::Female),
        other => Err(bad(name, line, format!("unknown gender {other:?}"))),
    }
}

/// Lowercases a word and drops a final period, the form every lookup uses ("Sen." → "sen").
pub(super) fn norm(word: &str) -> String {
    crate::tokens::unwrap_hyphen(word)
        .trim_end_matches('.')
        .to_lowercase()
}

impl Lexicons {
    /// Parses the embedded lists.
    pub fn load() -> Result<Self> {
        Self::load_with_outlets(&Gazetteer::new(&[])?)
    }

    /// As [`Lexicons::load`], with the outlet names of `gazetteer` (the pipeline's, user
    /// files included) rather than the built-in ones.
    pub fn load_with_outlets(gazetteer: &Gazetteer) -> Result<Self> {
        let mut first_names = HashMap::new();
        for (list, g) in [
            (MALE, Gender::Male),
            (FEMALE, Gender::Female),
            (UNISEX, Gender::Unknown),
        ] {
            for n in entries(list) {
                first_names.insert(n.to_lowercase(), g);
            }
        }
        let mut abbreviations = HashMap::new();
        for (_, c) in tsv("title_abbreviations.tsv", ABBREVIATIONS, 2)? {
            abbreviations.insert(c[0].to_lowercase(), c[1].to_lowercase());
        }
        let multiword: HashSet<String> = entries(MULTIWORD)
            .map(|t| t.split_whitespace().map(norm).collect::<Vec<_>>().join(" "))
            .collect();
        let multiword_max = multiword
            .iter()
            .map(|t| t.split(' ').count())
            .max()
            .unwrap_or(1);
        let mut gendered = HashMap::new();
        for (line, c) in tsv("gendered_words.tsv", GENDERED, 2)? {
            gendered.insert(
                c[0].to_lowercase(),
                gender_code("gendered_words.tsv", line, c[1])?,
            );
        }
        let mut pronouns = HashMap::new();
        for (line, c) in tsv("pronouns.tsv", PRONOUNS, 5)? {
            let person = match c[1] {
                "1" => PronounPerson::First,
                "2" => PronounPerson::Second,
                "3" => PronounPerson::Third,
                "r" => PronounPerson::Relative,
                o => return Err(bad("pronouns.tsv", line, format!("bad person {o:?}"))),
            };
            let gender = match c[2] {
                "m" => PronounGender::Male,
                "f" => PronounGender::Female,
                "n" => PronounGender::Neuter,
                "p" => PronounGender::Person,
                "x" => PronounGender::Any,
                o => return Err(bad("pronouns.tsv", line, format!("bad gender {o:?}"))),
            };
            let plural = match c[3] {
                "pl" => true,
                "sg" | "x" => false,
                o => return Err(bad("pronouns.tsv", line, format!("bad number {o:?}"))),
            };
            let never_subject = match c[4] {
                "o" | "p" => true,
                "s" | "x" => false,
                o => return Err(bad("pronouns.tsv", line, format!("bad case {o:?}"))),
            };
            pronouns.insert(
                c[0].to_lowercase(),
                PronounInfo {
                    person,
                    gender,
                    plural,
                    never_subject,
                },
            );
        }
        let mut heads = HashMap::new();
        for (line, c) in tsv("nominal_heads.tsv", HEADS, 2)? {
            let class = match c[1] {
                "person" => HeadClass::Person,
                "org" => HeadClass::Organization,
                "group" => HeadClass::Group,
                o => return Err(bad("nominal_heads.tsv", line, format!("bad class {o:?}"))),
            };
            let mut matches: Vec<String> = c
                .get(2)
                .map(|m| m.split_whitespace().map(str::to_lowercase).collect())
                .unwrap_or_default();
            matches.push(c[0].to_lowercase());
            heads.insert(c[0].to_lowercase(), HeadInfo { class, matches });
        }
        let set = |l: &str| entries(l).map(norm).collect::<HashSet<_>>();
        let (mut embedding, mut descriptor_prepositions, mut affiliation_prepositions) =
            (HashSet::new(), HashSet::new(), HashSet::new());
        for (line, c) in tsv("prepositions.tsv", PREPOSITIONS, 2)? {
            for usage in c[1].split_whitespace() {
                let set = match usage {
                    "embed" => &mut embedding,
                    "descriptor" => &mut descriptor_prepositions,
                    "affiliation" => &mut affiliation_prepositions,
                    o => return Err(bad("prepositions.tsv", line, format!("bad use {o:?}"))),
                };
                set.insert(c[0].to_string());
            }
        }
        let demonym_nouns = word_pairs("demonym_nouns.tsv", DEMONYM_NOUNS)?;
        let agent_roles = word_pairs("agent_roles.tsv", AGENT_ROLES)?;
        Ok(Lexicons {
            outlets: outlet_names(gazetteer),
            agent_roles,
            first_names,
            titles: set(TITLES),
            abbreviations,
            multiword,
            multiword_max,
            modifiers: set(MODIFIERS),
            demonyms: set(DEMONYMS),
            demonym_nouns,
            parties: set(PARTIES),
            gendered,
            pronouns,
            heads,
            places: entries(PLACES).map(str::to_lowercase).collect(),
            embedding,
            descriptor_prepositions,
            affiliation_prepositions,
        })
    }

    /// Gender of a first name; `None` when the name is not listed.
    pub fn first_name(&self, low: &str) -> Option<Gender> {
        self.first_names.get(low).copied()
    }

    /// True for a one-word title or role, abbreviated or not (`low` is [`norm`]ed).
    /// True when `name` is a built-in news outlet's unambiguous name ("Reuters", "the
    /// Financial Times").
    pub fn is_outlet(&self, name: &str) -> bool {
        self.outlets.contains(&outlet_key(name))
    }

    pub fn is_title(&self, low: &str) -> bool {
        self.titles.contains(low) || self.abbreviations.contains_key(low)
    }

    /// True for a word that qualifies a role ("former", "acting").
    pub fn is_modifier(&self, low: &str) -> bool {
        self.modifiers.contains(low)
    }

    /// True for a role of several words (`low` is words [`norm`]ed, joined by spaces).
    pub fn is_multiword(&self, low: &str) -> bool {
        self.multiword.contains(low)
    }

    /// The full word behind an abbreviated title ("sen" → "senator").
    pub fn expand(&self, low: &str) -> Option<&str> {
        self.abbreviations.get(low).map(String::as_str)
    }

    /// The role that the passive verb `low` gives the name after "by" ("directed" →
    /// "director").
    pub fn agent_role(&self, low: &str) -> Option<&str> {
        self.agent_roles.get(low).map(String::as_str)
    }

    /// True for a nationality, place or party adjective ("russian", "republican").
    pub fn is_demonym(&self, low: &str) -> bool {
        self.demonyms.contains(low) || self.parties.contains(low)
    }

    /// The nationality adjective a person's descriptor holds when `low` names a person by
    /// nationality ("swede" → "swedish", "italian" → "italian"); `None` for other words.
    pub fn nationality_noun<'a>(&'a self, low: &'a str) -> Option<&'a str> {
        match self.demonym_nouns.get(low) {
            Some(adj) => Some(adj),
            None => self.demonyms.contains(low).then_some(low),
        }
    }

    /// True for a preposition that makes a name after it part of a larger phrase ("an
    /// analysis by …"), and that leaves a name before it whole ("… of the Post").
    pub fn embeds_name(&self, word: &str) -> bool {
        self.embedding.contains(word)
    }

    /// True for a preposition that ends the role part of a descriptor ("a spokesman for …").
    pub fn ends_role(&self, word: &str) -> bool {
        self.descriptor_prepositions.contains(word)
    }

    /// True for a preposition whose object is the organisation a role belongs to ("a fellow
    /// at …").
    pub fn is_affiliation(&self, word: &str) -> bool {
        self.affiliation_prepositions.contains(word)
    }

    /// True for a country, region or city (`low`: lowercased words joined by spaces).
    pub fn is_place(&self, low: &str) -> bool {
        self.places.contains(low)
    }

    /// True for a party adjective ("republican", "labour").
    pub fn is_party(&self, low: &str) -> bool {
        self.parties.contains(low)
    }

    /// Gender a title, honorific or role noun implies.
    pub fn gendered(&self, low: &str) -> Option<Gender> {
        self.gendered.get(low).copied()
    }

    /// Features of a pronoun (`low` lowercased).
    pub fn pronoun(&self, low: &str) -> Option<PronounInfo> {
        self.pronouns.get(low).copied()
    }

    /// The nominal head entry for a noun, trying its singular for a plural.
    pub fn head(&self, low: &str) -> Option<&HeadInfo> {
        self.heads.get(low).or_else(|| {
            let sing = singular(low)?;
            self.heads.get(sing)
        })
    }
}

/// A crude singular for a plural noun ("officials" → "official"), or `None` when not plural.
pub(super) fn singular(low: &str) -> Option<&str> {
    if low.len() > 3 && low.ends_with('s') && !low.ends_with("ss") && !low.ends_with("us") {
        Some(&low[..low.len() - 1])
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        let lx = Lexicons::load().unwrap();
        assert_eq!(lx.first_name("hillary"), Some(Gender::Female));
        assert_eq!(lx.first_name("donald"), Some(Gender::Male));
        assert!(lx.is_title("sen") && lx.is_title("spokesman") && !lx.is_title("said"));
        assert!(lx.is_multiword("secretary of state"));
        assert_eq!(lx.expand("sen"), Some("senator"));
        assert!(lx.is_demonym("russian") && lx.is_demonym("republican"));
        assert_eq!(
            lx.head("officials").map(|h| h.class),
            Some(HeadClass::Person)
        );
        assert_eq!(
            lx.pronoun("she").map(|p| p.gender),
            Some(PronounGender::Female)
        );
    }
}
