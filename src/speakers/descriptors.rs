//! Titles, affiliations and role words from the words around a name: premodifiers ("White
//! House spokesman X", "Russian President X"), appositions ("X, the security chair at the
//! Hudson Institute,"), "of" phrases ("X of Y University"), and nominal mentions ("the Russian
//! leader", "a spokesman for the ministry").

use super::Toks;
use super::lexicons::{HeadClass, Lexicons, norm, singular};
use super::names::{Gender, is_capitalized, is_possessive};
use crate::lexicon::marks;

/// What the words around one mention say about the speaker.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Descriptor {
    /// Role as written ("spokesman", "Sen.", "Asia-Pacific security chair").
    pub title: Option<String>,
    /// Organisation the speaker belongs to ("White House", "Hudson Institute").
    pub affiliation: Option<String>,
    /// Lowercased role, nationality and affiliation words, abbreviations expanded
    /// ("sen" adds "senator"); nominals are matched against these.
    pub words: Vec<String>,
    /// Gender implied by an honorific or a gendered role ("Mrs.", "spokeswoman").
    pub gender: Gender,
}

impl Descriptor {
    /// Adds what `other` knows and `self` does not.
    pub fn merge(&mut self, other: Descriptor) {
        if self.title.is_none() {
            self.title = other.title;
        }
        if self.affiliation.is_none() {
            self.affiliation = other.affiliation;
        }
        for w in other.words {
            if !self.words.contains(&w) {
                self.words.push(w);
            }
        }
        self.gender = self.gender.or(other.gender);
    }

    fn add_word(&mut self, lex: &Lexicons, low: &str) {
        if low.is_empty() {
            return;
        }
        if !self.words.iter().any(|w| w == low) {
            self.words.push(low.to_string());
        }
        if let Some(full) = lex.expand(low) {
            if !self.words.iter().any(|w| w == full) {
                self.words.push(full.to_string());
            }
            for part in full.split(' ') {
                if !self.words.iter().any(|w| w == part) {
                    self.words.push(part.to_string());
                }
            }
        }
        if let Some(g) = lex.gendered(low) {
            self.gender = self.gender.or(g);
        }
    }
}

/// Honorifics give gender but are not worth keeping as a title.
const HONORIFICS: [&str; 8] = ["mr", "mrs", "ms", "miss", "mister", "madam", "mme", "mlle"];
const DETERMINERS: [&str; 3] = ["a", "an", "the"];
/// Lowercase words that end a run of role words: function words and attribution verbs.
const STOP: [&str; 64] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "wrote",
    "writes",
    "warned",
    "warns",
    "argued",
    "claimed",
    "stated",
    "according",
    "asked",
    "explained",
    "insisted",
    "replied",
    "responded",
    "suggested",
    "announced",
    "declared",
    "confirmed",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "did",
    "does",
    "do",
    "and",
    "or",
    "but",
    "to",
    "in",
    "on",
    "at",
    "for",
    "from",
    "by",
    "with",
    "as",
    "that",
    "which",
    "who",
    "than",
    "when",
    "while",
    "also",
];

fn is_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

fn is_lower_word(s: &str) -> bool {
    is_word(s) && s.chars().next().is_some_and(char::is_lowercase)
}

/// Nouns that often modify a role ("campaign manager", "press secretary").
const ROLE_MODIFIERS: [&str; 24] = [
    "campaign",
    "press",
    "security",
    "policy",
    "foreign",
    "defense",
    "defence",
    "party",
    "communications",
    "government",
    "administration",
    "state",
    "house",
    "senate",
    "white",
    "national",
    "transition",
    "finance",
    "health",
    "trade",
    "energy",
    "intelligence",
    "military",
    "union",
];

/// True for a lowercase word that may modify a role: a known role or head noun, a role
/// modifier, a hyphenated word, or an adjective by its ending ("vice-presidential",
/// "campaign", "political"). Verbs ("met", "told") are not.
fn modifier_word(lex: &Lexicons, s: &str) -> bool {
    let low = s.to_lowercase();
    if !is_lower_word(s) || STOP.contains(&low.as_str()) || DETERMINERS.contains(&low.as_str()) {
        return false;
    }
    low.contains('-')
        || ROLE_MODIFIERS.contains(&low.as_str())
        || lex.is_title(&low)
        || lex.head(&low).is_some()
        || ["al", "ic", "ary", "ive", "ous", "ian", "ese", "ish"]
            .iter()
            .any(|x| low.len() > 4 && low.ends_with(x))
}

/// Length of a multiword title ending at token `j` (inclusive) that starts at or after `lo`.
fn multiword_ending(toks: &Toks<'_>, lo: usize, j: usize, lex: &Lexicons) -> Option<usize> {
    for n in (2..=lex.multiword_max).rev() {
        if j + 1 < lo + n {
            continue;
        }
        let start = j + 1 - n;
        let phrase: Vec<String> = (start..=j).map(|i| norm(toks.s(i))).collect();
        if lex.is_multiword(&phrase.join(" ")) {
            return Some(n);
        }
    }
    None
}

/// Strips a leading "the" and a trailing possessive from an affiliation.
fn clean_affiliation(s: &str) -> Option<String> {
    let s = s.trim().trim_matches(|c: char| c == ',' || c == ';');
    let s = s
        .strip_suffix("'s")
        .or_else(|| s.strip_suffix("\u{2019}s"))
        .unwrap_or(s)
        .trim();
    let s = match s.split_once(' ') {
        Some((d, rest)) if d.eq_ignore_ascii_case("the") && is_capitalized(rest) => rest,
        _ => s,
    };
    (!s.is_empty()).then(|| s.to_string())
}

/// Reads the role words right before a name at token `name_lo`, no further left than `lo`:
/// "White House spokesman", "Russian President", "Hillary Clinton's campaign manager",
/// "Secretary of State", "Retired Lt. Gen.". Nothing is taken unless a title, honorific or
/// multiword role stands right before the name, or a capitalised possessive owner
/// ("Estavia's Viktor Harmon": affiliation only, the mention stays the name). Also returns
/// the first token it read.
pub(super) fn premodifier(
    toks: &Toks<'_>,
    lo: usize,
    name_lo: usize,
    lex: &Lexicons,
) -> (Descriptor, usize) {
    let mut d = Descriptor::default();
    // "directed by Sofia Lindgren": the verb gives the name a role word.
    if name_lo >= lo + 2
        && toks.s(name_lo - 1) == "by"
        && let Some(role) = lex.agent_role(&norm(toks.s(name_lo - 2)))
    {
        d.add_word(lex, role);
    }
    let mut i = name_lo;
    let mut title_lo = name_lo;
    let mut title_hi = name_lo; // one past the last title token worth keeping
    let mut has_title = false;
    while i > lo {
        let j = i - 1;
        let tok = toks.s(j);
        let low = norm(tok);
        if let Some(n) = multiword_ending(toks, lo, j, lex) {
            add_multiword_role(&mut d, toks, j + 1 - n..j + 1, lex);
            if title_hi == name_lo && !has_title {
                title_hi = j + 1;
            }
            has_title = true;
            i = j + 1 - n;
            title_lo = i;
            continue;
        }
        if HONORIFICS.contains(&low.as_str()) {
            d.add_word(lex, &low);
            if !has_title {
                title_hi = j;
                title_lo = j;
            }
            i = j;
            continue;
        }
        if lex.is_title(&low) || lex.gendered(&low).is_some() && is_capitalized(tok) {
            if !has_title {
                title_hi = j + 1;
            }
            has_title = true;
            d.add_word(lex, &low);
            title_lo = j;
            i = j;
            continue;
        }
        // "Estavia's Viktor Harmon": a place or organisation owning the name, with no title.
        if !has_title && is_possessive(tok) && j == name_lo - 1 && j > lo {
            let k = capitalised_run_start(toks, lo, j);
            if k < j {
                d.affiliation = clean_affiliation(toks.slice(k, j + 1));
                if let Some(a) = d.affiliation.clone() {
                    for w in a.split_whitespace() {
                        d.add_word(lex, &norm(w));
                    }
                }
            }
            break;
        }
        if !has_title {
            break;
        }
        if lex.is_modifier(&low) {
            d.add_word(lex, &low);
            title_lo = j;
            i = j;
            continue;
        }
        if lex.is_demonym(&low) {
            d.add_word(lex, &low);
            i = j;
            continue;
        }
        if is_possessive(tok) {
            let mut k = capitalised_run_start(toks, lo, j);
            if k > lo && toks.s(k - 1).eq_ignore_ascii_case("the") && k < j {
                k -= 1;
            }
            if k < j {
                d.affiliation = clean_affiliation(toks.slice(k, j + 1));
                i = k;
            }
            break;
        }
        if modifier_word(lex, tok) {
            d.add_word(lex, &low);
            title_lo = j;
            i = j;
            continue;
        }
        if is_capitalized(tok) {
            // An organisation before the role: "White House", "Department of Justice".
            let hi = j + 1;
            let k = organisation_start(toks, lo, j);
            let words: Vec<String> = (k..hi).map(|x| norm(toks.s(x))).collect();
            for w in &words {
                d.add_word(lex, w);
            }
            if !words.iter().all(|w| lex.is_demonym(w)) {
                d.affiliation = clean_affiliation(toks.slice(k, hi));
            }
            i = k;
            break;
        }
        break;
    }
    if has_title && title_lo < title_hi {
        d.title = Some(toks.slice(title_lo, title_hi).to_string());
    }
    (d, i.min(title_lo))
}

/// Adds a multiword role ("Secretary of State") to `d`: each of its words, then the whole.
fn add_multiword_role(
    d: &mut Descriptor,
    toks: &Toks<'_>,
    range: std::ops::Range<usize>,
    lex: &Lexicons,
) {
    let words: Vec<String> = range.map(|k| norm(toks.s(k))).collect();
    for w in &words {
        d.add_word(lex, w);
    }
    d.add_word(lex, &words.join(" "));
}

/// The first token of the run of capitalised tokens that ends right before token `j`
/// (`j` itself when there is none), no further left than `lo`.
fn capitalised_run_start(toks: &Toks<'_>, lo: usize, j: usize) -> usize {
    let mut k = j;
    while k > lo && is_capitalized(toks.s(k - 1)) {
        k -= 1;
    }
    k
}

/// The first token of the organisation name that ends with token `j`: capitalised words,
/// joined by "of", "for" or "&" ("Department of Justice"), no further left than `lo`.
fn organisation_start(toks: &Toks<'_>, lo: usize, j: usize) -> usize {
    let mut k = j;
    while k > lo {
        let prev = toks.s(k - 1);
        let joiner =
            matches!(prev, "of" | "for" | "&") && k >= lo + 2 && is_capitalized(toks.s(k - 2));
        if is_capitalized(prev) || joiner {
            k -= 1;
        } else {
            break;
        }
    }
    k
}

/// True when token `i` opens its sentence (so its capital says nothing).
fn sentence_initial(toks: &Toks<'_>, i: usize) -> bool {
    i == 0 || toks.tokens[i - 1].sentence != toks.tokens[i].sentence
}

/// Words ending like agent nouns ("-er", "-or") that are not roles.
const NOT_AGENTS: [&str; 40] = [
    "number", "other", "order", "matter", "letter", "paper", "water", "power", "center", "summer",
    "winter", "quarter", "border", "error", "factor", "sector", "manner", "answer", "offer",
    "computer", "weather", "major", "minor", "later", "never", "ever", "rather", "whether",
    "together", "however", "former", "latter", "after", "over", "under", "further", "neither",
    "either", "corner", "chapter",
];

/// True for a role noun: a listed title, nominal head or gendered word, or an agent noun.
fn role_noun(lex: &Lexicons, low: &str) -> bool {
    lex.is_title(low)
        || lex.head(low).is_some()
        || lex.gendered(low).is_some()
        || (["er", "or", "ist", "ian"]
            .iter()
            .any(|s| low.len() > 4 && low.ends_with(s))
            && !NOT_AGENTS.contains(&low))
}

/// Reads an apposition or "of" phrase right after a name ending at token `name_hi`, inside the
/// sentence ending at `hi`: "X, the Asia-Pacific security chair at the Hudson Institute,",
/// "X, 45, a nurse,", "X (R-Wis.), the House speaker,", "X of Y University".
pub(super) fn apposition(toks: &Toks<'_>, name_hi: usize, hi: usize, lex: &Lexicons) -> Descriptor {
    let mut d = Descriptor::default();
    let mut i = name_hi;
    if i >= hi {
        return d;
    }
    // "X of Y University": an affiliation straight after the name.
    if toks.s(i) == "of" && i + 1 < hi && is_capitalized(toks.s(i + 1)) {
        let mut k = i + 1;
        while k < hi && (is_capitalized(toks.s(k)) || matches!(toks.s(k), "of" | "for" | "&")) {
            k += 1;
        }
        while k > i + 1 && !is_capitalized(toks.s(k - 1)) {
            k -= 1;
        }
        d.affiliation = clean_affiliation(toks.slice(i + 1, k));
        for x in i + 1..k {
            d.add_word(lex, &norm(toks.s(x)));
        }
        return d;
    }
    if let Some(role) = predicate_role(toks, i, hi, lex) {
        return role;
    }
    // A parenthesis such as "(R-Wis.)" may come first.
    if toks.s(i) == "(" {
        let close = (i + 1..hi.min(i + 10)).find(|&k| toks.s(k) == ")");
        match close {
            Some(k) => i = k + 1,
            None => return d,
        }
    }
    if i >= hi || toks.s(i) != "," {
        return d;
    }
    i += 1;
    // An age: "X, 45, a nurse"; kept as "45-year-old" for "the 45-year-old" to match.
    if i + 1 < hi
        && toks.s(i).chars().all(|c| c.is_ascii_digit())
        && matches!(toks.s(i + 1), "," | "." | ")")
    {
        d.words.push(format!("{}-year-old", toks.s(i)));
        if toks.s(i + 1) != "," {
            return d;
        }
        i += 2;
    }
    let start = i;
    let mut end = None;
    for k in start..hi.min(start + 16) {
        let s = toks.s(k);
        if matches!(
            s,
            "," | ")" | "(" | ";" | ":" | "\u{2014}" | "\u{2013}" | "--"
        ) || marks::is_double_mark(s)
        {
            end = Some(k);
            break;
        }
        let low = s.to_lowercase();
        if matches!(low.as_str(), "who" | "whose" | "which" | "where") {
            end = Some(k);
            break;
        }
        if STOP[..40].contains(&low.as_str()) {
            return d;
        }
    }
    let end = match end {
        Some(e) => e,
        None if hi <= start + 16 => {
            // Runs to the end of the sentence: drop the final period.
            let mut e = hi;
            while e > start && !is_word(toks.s(e - 1)) {
                e -= 1;
            }
            e
        }
        None => return d,
    };
    if end <= start {
        return d;
    }
    let first = toks.s(start);
    let first_low = first.to_lowercase();
    let possessor =
        is_capitalized(first) && (start + 1..end.min(start + 5)).any(|k| is_possessive(toks.s(k)));
    let ok_start = DETERMINERS.contains(&first_low.as_str())
        || lex.is_title(&norm(first))
        || lex.is_modifier(&first_low)
        || lex.is_demonym(&norm(first))
        || possessor;
    if !ok_start {
        return d;
    }
    noun_phrase(toks, start, end, lex, &mut d);
    d
}

/// A role that a predicate right after the name at token `i` gives it, or that its team
/// implies: "named X as their new head coach", "X was appointed chief executive", "X is the
/// firm's finance director", "X's side lost".
fn predicate_role(toks: &Toks<'_>, i: usize, hi: usize, lex: &Lexicons) -> Option<Descriptor> {
    let mut d = Descriptor::default();
    // "Ingrid Solheim-Berge's side lost": the person whose side, team or squad it is runs
    // it, so "the coach" or "the manager" can name them (sports copy).
    if is_possessive(toks.s(i))
        && i + 1 < hi
        && matches!(
            toks.s(i + 1).to_lowercase().as_str(),
            "side" | "team" | "squad"
        )
    {
        for w in ["coach", "manager", "boss"] {
            d.add_word(lex, w);
        }
        return Some(d);
    }
    // A role given by a predicate: "named X as their new head coach", "X was appointed chief
    // executive", "X is the firm's finance director".
    let mut lo = i;
    if matches!(toks.s(lo), "is" | "was" | "became" | "becomes") {
        lo += 1;
        if matches!(
            toks.s(lo),
            "named" | "appointed" | "elected" | "made" | "hired" | "promoted"
        ) {
            lo += 1;
        }
        if toks.s(lo) == "as" {
            lo += 1;
        }
    } else if toks.s(lo) == "as" {
        lo += 1;
    }
    if lo > i && lo + 1 < hi {
        if matches!(
            toks.s(lo).to_lowercase().as_str(),
            "their" | "its" | "his" | "her" | "our"
        ) {
            lo += 1;
        }
        let end = (lo..hi.min(lo + 8))
            .find(|&k| !is_word(toks.s(k)) && !is_possessive(toks.s(k)))
            .unwrap_or(hi.min(lo + 8));
        if end > lo {
            noun_phrase(toks, lo, end, lex, &mut d);
        }
        return Some(d);
    }
    None
}

/// The first preposition in `[lo, hi)` that is not inside a several-word role ("secretary of
/// state", "speaker of the house").
fn first_preposition(toks: &Toks<'_>, lo: usize, hi: usize, lex: &Lexicons) -> Option<usize> {
    let mut k = lo;
    while k < hi {
        if lex.ends_role(toks.s(k)) {
            match multiword_over(toks, lo, hi, k, lex) {
                Some(end) => k = end,
                None => return Some(k),
            }
        } else {
            k += 1;
        }
    }
    None
}

/// End of a several-word role inside `[lo, hi)` that covers token `k`, if any.
fn multiword_over(
    toks: &Toks<'_>,
    lo: usize,
    hi: usize,
    k: usize,
    lex: &Lexicons,
) -> Option<usize> {
    let max = lex.multiword_max;
    for start in k.saturating_sub(max - 1).max(lo)..=k {
        for n in (2..=max).rev() {
            let end = start + n;
            if end <= k || end > hi {
                continue;
            }
            let phrase: Vec<String> = (start..end).map(|x| norm(toks.s(x))).collect();
            if lex.is_multiword(&phrase.join(" ")) {
                return Some(end);
            }
        }
    }
    None
}

/// Fills `d` from a role noun phrase `[lo, hi)`: determiner, possessor, role words, and a
/// prepositional tail that gives the affiliation ("at the Hudson Institute") or a place.
fn noun_phrase(toks: &Toks<'_>, lo: usize, hi: usize, lex: &Lexicons, d: &mut Descriptor) {
    let mut i = lo;
    if DETERMINERS.contains(&toks.s(i).to_lowercase().as_str()) {
        i += 1;
    }
    // A possessor ("the company's", "Apple's") is the affiliation when it is a name.
    if let Some(p) = (i..hi.min(i + 6)).find(|&k| is_possessive(toks.s(k))) {
        if (i..p).any(|k| is_capitalized(toks.s(k))) {
            d.affiliation = clean_affiliation(toks.slice(i, p + 1));
        }
        i = p + 1;
    }
    let prep = first_preposition(toks, i, hi, lex);
    let role_hi = prep.unwrap_or(hi);
    if role_hi <= i {
        return;
    }
    let head = norm(toks.s(role_hi - 1));
    if !role_noun(lex, &head) {
        return;
    }
    d.title = Some(toks.slice(i, role_hi).to_string());
    for k in i..role_hi {
        d.add_word(lex, &norm(toks.s(k)));
    }
    if let Some(p) = prep {
        let mut tail_hi = hi;
        // "... at Brookings and a former State Department official": stop at the coordination.
        if let Some(a) = (p + 1..hi).find(|&k| toks.s(k) == "and") {
            tail_hi = a;
        }
        if p + 1 < tail_hi {
            let tail = toks.slice(p + 1, tail_hi);
            for k in p + 1..tail_hi {
                d.add_word(lex, &norm(toks.s(k)));
            }
            if lex.is_affiliation(toks.s(p)) && d.affiliation.is_none() {
                d.affiliation = clean_affiliation(tail);
            }
        }
    }
}

/// How a nominal mention is determined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Determiner {
    /// "the", "this", "that": points back to someone already named.
    Definite,
    /// "a", "another", "some", numbers: introduces someone new.
    Indefinite,
    /// "his", "Trump's": someone new, tied to the possessor.
    Possessive,
    /// No determiner ("officials", "sources", "police").
    Bare,
}

/// A parsed nominal mention ("the Russian leader", "a spokesman for the ministry").
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Nominal {
    pub determiner: Determiner,
    /// Lowercased modifier words before the head.
    pub mods: Vec<String>,
    /// Lowercased head noun, singular.
    pub head: String,
    /// True when the head is plural ("officials").
    pub plural: bool,
    /// True when the head is capitalised ("the Pentagon"): a name, not a nominal.
    pub proper: bool,
    /// True when a modifier is capitalised ("the Trump campaign", "the Russian government").
    pub proper_mods: bool,
    /// True when a capitalised modifier is a name, not a nationality, party or title ("the
    /// South Carolina senator", not "the Russian leader").
    pub name_mods: bool,
    /// What the head names, when the head is known.
    pub class: Option<HeadClass>,
    /// Tokens of the possessor ("Trump" in "Trump's spokesman", "his").
    pub possessor: Option<(usize, usize)>,
    /// Role, affiliation and words of the phrase.
    pub desc: Descriptor,
    /// The phrase without trailing clauses, as written.
    pub text: String,
    /// Token range of the phrase.
    pub lo: usize,
    /// One past the last token of the phrase.
    pub hi: usize,
}

impl Nominal {
    /// What the nominal says of the person a name in apposition to it names ("The company's
    /// chief executive, Ana Lima,"): its descriptor, with the head as title when it is one.
    pub(super) fn into_role(self, lex: &Lexicons) -> Descriptor {
        let mut role = self.desc;
        if role.title.is_none() && lex.is_title(&self.head) {
            role.title = Some(self.head);
        }
        role
    }
}

/// Parses the nominal mention over tokens `[lo, hi)`; `None` when it has no noun.
/// Words that open a participle's object or adjunct ("standing in …", "holding a …").
const PARTICIPLE_FOLLOWERS: [&str; 16] = [
    "in", "on", "at", "outside", "near", "by", "with", "behind", "beside", "a", "an", "the", "his",
    "her", "their", "up",
];

/// "a woman standing in the mud", "a man holding a placard": where a participle with its
/// own object or adjunct ends the phrase ("the housing minister" keeps its modifier).
fn participle_at(toks: &Toks<'_>, lo: usize, hi: usize) -> Option<usize> {
    (lo + 2..hi.saturating_sub(1)).find(|&k| {
        let w = toks.s(k);
        w.len() > 4
            && w.ends_with("ing")
            && w.chars().all(|c| c.is_lowercase())
            && PARTICIPLE_FOLLOWERS.contains(&toks.s(k + 1).to_lowercase().as_str())
    })
}

pub(super) fn nominal(toks: &Toks<'_>, lo: usize, hi: usize, lex: &Lexicons) -> Option<Nominal> {
    let mut hi = (lo..hi)
        .find(|&k| {
            let s = toks.s(k);
            matches!(s, "," | "(" | ";" | ":" | "\u{2014}" | "--")
                || (k > lo
                    && matches!(
                        s.to_lowercase().as_str(),
                        "who" | "which" | "that" | "whose"
                    ))
        })
        .unwrap_or(hi);
    if let Some(k) = participle_at(toks, lo, hi) {
        hi = k;
    }
    while hi > lo && !is_word(toks.s(hi - 1)) {
        hi -= 1;
    }
    if hi <= lo {
        return None;
    }
    let first = toks.s(lo).to_lowercase();
    let mut i = lo;
    let mut possessor = None;
    // A possessor is a name ("Trump's", "the Clinton campaign's") right at the start.
    let possessive = (lo + 1..hi.min(lo + 6))
        .find(|&k| is_possessive(toks.s(k)))
        .filter(|&p| {
            let from = lo + usize::from(matches!(first.as_str(), "the" | "a" | "an"));
            from < p
                && (from..p).all(|k| is_capitalized(toks.s(k)) || lex.is_title(&norm(toks.s(k))))
        });
    let determiner = if let Some(p) = possessive {
        possessor = Some((lo, p));
        i = p + 1;
        Determiner::Possessive
    } else {
        match first.as_str() {
            "the" | "this" | "that" | "these" | "those" => {
                i += 1;
                Determiner::Definite
            }
            "a" | "an" | "another" | "one" | "some" | "several" | "many" | "two" | "three"
            | "four" | "five" | "other" | "multiple" | "most" | "few" | "numerous" | "various"
            | "dozens" | "hundreds" | "thousands" => {
                i += 1;
                Determiner::Indefinite
            }
            "his" | "her" | "their" | "its" | "my" | "our" => {
                possessor = Some((lo, lo + 1));
                i += 1;
                Determiner::Possessive
            }
            _ => Determiner::Bare,
        }
    };
    let prep = first_preposition(toks, i, hi, lex)
        .into_iter()
        // "people close to / familiar with / briefed on …": the adjective after the head.
        .chain((i + 1..hi).find(|&k| {
            matches!(
                toks.s(k),
                "close" | "familiar" | "knowledgeable" | "briefed"
            )
        }))
        .min();
    let role_hi = prep.unwrap_or(hi);
    if role_hi <= i {
        return None;
    }
    let head_tok = toks.s(role_hi - 1);
    let head_low = norm(head_tok);
    let plural = singular(&head_low).is_some();
    let head = singular(&head_low).unwrap_or(&head_low).to_string();
    let mut desc = Descriptor::default();
    if determiner == Determiner::Possessive
        && let Some((a, b)) = possessor
        && (b > a + 1 || is_capitalized(toks.s(a)) && lex.pronoun(&first).is_none())
    {
        desc.affiliation = clean_affiliation(toks.slice(a, b));
    }
    let mut sub = Descriptor::default();
    noun_phrase(toks, i, hi, lex, &mut sub);
    desc.merge(sub);
    let mods: Vec<String> = (i..role_hi - 1).map(|k| norm(toks.s(k))).collect();
    for m in &mods {
        desc.add_word(lex, m);
    }
    desc.add_word(lex, &head);
    // "the father-of-two", "a grandmother-of-five": the noun before "-of-" says what it is.
    let kin = head.split_once("-of-").map(|(base, _)| base);
    let class = lex.head(&head).map(|h| h.class).or_else(|| {
        let base = kin?;
        desc.add_word(lex, base);
        (lex.head(base).is_some() || lex.gendered(base).is_some()).then_some(HeadClass::Person)
    });
    Some(Nominal {
        determiner,
        mods,
        class,
        proper: is_capitalized(head_tok) && !sentence_initial(toks, role_hi - 1),
        proper_mods: (i..role_hi - 1)
            .any(|k| is_capitalized(toks.s(k)) && !sentence_initial(toks, k)),
        name_mods: (i..role_hi - 1).any(|k| {
            let low = norm(toks.s(k));
            is_capitalized(toks.s(k))
                && !sentence_initial(toks, k)
                && !lex.is_demonym(&low)
                && !lex.is_title(&low)
                && !lex.is_modifier(&low)
        }),
        head,
        plural,
        possessor,
        desc,
        text: toks.slice(lo, hi).to_string(),
        lo,
        hi,
    })
}
