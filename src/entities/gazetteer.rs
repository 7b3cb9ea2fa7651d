//! Gazetteers: lists of names, places and organisations, matched over token sequences.
//!
//! The lists are compiled into `data/ner/` (see its README) and embedded in the binary. The
//! tagger only sees *membership* features ("this token starts a city name"), so a list may
//! hold ambiguous entries: the trained weights decide how much each list is worth.

use super::features::{IdBuildHasher, hash_str, mix};
use std::collections::{HashMap, HashSet};

/// The gazetteer lists, in the order of their kind index.
const LISTS: [(Kind, &str); 10] = [
    (Kind::First, include_str!("../../data/ner/first.txt")),
    (Kind::Last, include_str!("../../data/ner/last.txt")),
    (Kind::Person, include_str!("../../data/ner/person.txt")),
    (Kind::Title, include_str!("../../data/ner/title.txt")),
    (Kind::Demonym, include_str!("../../data/ner/demonym.txt")),
    (Kind::Org, include_str!("../../data/ner/org.txt")),
    (Kind::Country, include_str!("../../data/ner/country.txt")),
    (Kind::City, include_str!("../../data/ner/city.txt")),
    (Kind::Region, include_str!("../../data/ner/region.txt")),
    (Kind::Outlet, include_str!("../../data/ner/outlet.txt")),
];

/// Last names ranked above this count as common.
const COMMON_LAST: usize = 5000;

/// Longest entry, in tokens, that is matched.
const MAX_LEN: usize = 6;

/// What a gazetteer entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Kind {
    First = 0,
    Last,
    LastCommon,
    Person,
    Title,
    Demonym,
    Org,
    Country,
    City,
    Region,
    Outlet,
}

/// Number of kinds.
pub(crate) const KINDS: usize = 11;

/// Where a token sits inside a matched entry.
pub(crate) const POS_BEGIN: u32 = 0;
pub(crate) const POS_INSIDE: u32 = 1;
pub(crate) const POS_LAST: u32 = 2;
pub(crate) const POS_UNIT: u32 = 3;

/// The bit for a kind at a position, in a token's match set.
#[inline]
pub(crate) fn bit(kind: u8, pos: u32) -> u64 {
    1u64 << (kind as u32 * 4 + pos)
}

/// All entries, keyed by the chained hash of their lowercased tokens.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    /// Full entry hash → set of kinds (bit per kind).
    entries: HashMap<u64, u16, IdBuildHasher>,
    /// Hashes of proper prefixes of entries, to stop extending early.
    prefixes: HashSet<u64, IdBuildHasher>,
    /// Fingerprint of the list contents, stored in models trained with them.
    fingerprint: u64,
}

/// Seed of a chained token-sequence hash.
pub(crate) const SEQ_SEED: u64 = 0x9e37_79b9_7f4a_7c15;

impl Gazetteer {
    /// Builds the gazetteer from the embedded lists.
    pub(crate) fn builtin() -> Self {
        let mut entries: HashMap<u64, u16, IdBuildHasher> = HashMap::default();
        let mut prefixes: HashSet<u64, IdBuildHasher> = HashSet::default();
        let mut fingerprint = SEQ_SEED;
        for (kind, list) in LISTS {
            fingerprint = mix(fingerprint, hash_str(list));
            for (rank, entry) in crate::lexicon::entries(list).enumerate() {
                let mut h = SEQ_SEED;
                let mut n = 0;
                for tok in entry.split_whitespace() {
                    if n > 0 {
                        prefixes.insert(h);
                    }
                    h = mix(h, hash_str(&tok.to_lowercase()));
                    n += 1;
                }
                if n == 0 || n > MAX_LEN {
                    continue;
                }
                let mut kinds = 1u16 << kind as u8;
                if kind == Kind::Last && rank < COMMON_LAST {
                    kinds |= 1 << Kind::LastCommon as u8;
                }
                *entries.entry(h).or_default() |= kinds;
            }
        }
        Gazetteer {
            entries,
            prefixes,
            fingerprint,
        }
    }

    /// Fingerprint of the lists; a model trained on other lists is refused.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Marks every token covered by an entry. `lower[i]` is the hash of token `i`'s lowercased
    /// form (see [`hash_str`]); `out[i]` receives [`bit`]s for each kind and position.
    pub(crate) fn annotate(&self, lower: &[u64], out: &mut [u64]) {
        for i in 0..lower.len() {
            let mut h = SEQ_SEED;
            for j in i..lower.len().min(i + MAX_LEN) {
                h = mix(h, lower[j]);
                if let Some(&kinds) = self.entries.get(&h) {
                    for k in 0..KINDS as u8 {
                        if kinds & (1 << k) == 0 {
                            continue;
                        }
                        if i == j {
                            out[i] |= bit(k, POS_UNIT);
                        } else {
                            out[i] |= bit(k, POS_BEGIN);
                            for o in &mut out[i + 1..j] {
                                *o |= bit(k, POS_INSIDE);
                            }
                            out[j] |= bit(k, POS_LAST);
                        }
                    }
                }
                if !self.prefixes.contains(&h) {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_of(g: &Gazetteer, words: &[&str]) -> Vec<u64> {
        let lower: Vec<u64> = words.iter().map(|w| hash_str(&w.to_lowercase())).collect();
        let mut out = vec![0; words.len()];
        g.annotate(&lower, &mut out);
        out
    }

    #[test]
    fn matches_single_and_multi_token_entries() {
        let g = Gazetteer::builtin();
        let m = kinds_of(&g, &["in", "New", "York", "said", "John"]);
        assert!(m[1] & bit(Kind::Region as u8, POS_BEGIN) != 0);
        assert!(m[2] & bit(Kind::Region as u8, POS_LAST) != 0);
        assert!(m[4] & bit(Kind::First as u8, POS_UNIT) != 0);
        assert_eq!(m[3] & bit(Kind::City as u8, POS_UNIT), 0);
        let m = kinds_of(&g, &["Smith"]);
        assert!(m[0] & bit(Kind::LastCommon as u8, POS_UNIT) != 0);
        assert_ne!(g.fingerprint(), 0);
    }
}
