//! Feature extraction: each token becomes a few dozen hashed feature ids.
//!
//! Features are never stored as strings. Every token's strings (normalised form, lowercase,
//! shape, affixes) are hashed once; a feature is the mix of a template id with one or more of
//! those hashes, and its weight row is the top bits of that 64-bit value. Training and
//! inference share this code, so they always agree.
//!
//! Normalisation makes news text look like CoNLL text to the model: curly quotes become `"`
//! and `'`, dashes `-`, digits `0`.

use super::bio::{Position, Scheme, Tag};
use super::gazetteer::{Gazetteer, KINDS};
use crate::doc::EntityLabel;
use crate::lexicon::{self, Comments, marks};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

/// Version of the feature templates; models record it and are refused when it differs.
pub(crate) const FEATURE_VERSION: u32 = 2;

/// Hashes a byte string (FNV-1a, then a final mix so that the top bits are well spread).
#[inline]
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in b {
        h ^= c as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    fmix(h)
}

/// Hashes a string; see [`hash_bytes`].
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

#[inline]
fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// Combines two hashes, order-sensitively.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    fmix(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Builds [`IdHasher`]s.
pub(crate) type IdBuildHasher = BuildHasherDefault<IdHasher>;

// Token flags.
const F_UPPER_INIT: u16 = 1;
const F_ALL_CAPS: u16 = 2;
const F_LOWER: u16 = 4;
const F_DIGIT: u16 = 8;
const F_PUNCT: u16 = 16;
const F_HYPHEN: u16 = 32;
const F_PERIOD: u16 = 64;
const F_QUOTE: u16 = 128;
const F_OPENER: u16 = 256;
const F_MIXED: u16 = 512;

// Context bits.
const CTX_INITIAL: u8 = 1;
const CTX_HEADLINE: u8 = 2;
const CTX_QUOTED: u8 = 4;

// Casing seen elsewhere in the document, at unambiguous places.
const SEEN_TITLE: u8 = 1;
const SEEN_LOWER: u8 = 2;
const SEEN_CAPS: u8 = 4;

/// What one token contributes to features: hashes of its strings and some flags.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    lower: u64,
    lraw: u64,
    form: u64,
    shape: u64,
    short: u64,
    suf: [u64; 4],
    flags: u16,
    ctx: u8,
    gaz: u64,
    cluster: u32,
    /// 1: first token of its sentence; 2: last.
    edge: u8,
}

impl Tok {
    /// 0 no letters, 1 lowercase, 2 title case, 3 all caps, 4 mixed.
    #[inline]
    fn capclass(&self) -> u64 {
        if self.flags & F_ALL_CAPS != 0 {
            3
        } else if self.flags & F_MIXED != 0 {
            4
        } else if self.flags & F_UPPER_INIT != 0 {
            2
        } else if self.flags & F_LOWER != 0 {
            1
        } else {
            0
        }
    }

    #[inline]
    fn has_upper(&self) -> bool {
        self.flags & (F_UPPER_INIT | F_ALL_CAPS | F_MIXED) != 0
    }
}

/// A document turned into feature inputs: tokens and sentence ranges.
#[derive(Debug, Default)]
pub(crate) struct Prepared {
    toks: Vec<Tok>,
    /// Sentence token ranges, in order, covering all tokens.
    pub(crate) sentences: Vec<Range<usize>>,
    /// Casing of each token's lowercase form elsewhere in the document.
    seen: Vec<u8>,
}

impl Prepared {
    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.toks.len()
    }
}

/// Reusable buffers for [`Featurizer::prepare`].
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    norm: String,
    title: String,
    lower: String,
    lraws: Vec<u64>,
    gaz: Vec<u64>,
}

/// Turns documents into hashed features.
#[derive(Debug)]
pub(crate) struct Featurizer {
    gazetteer: Gazetteer,
    /// Brown cluster of a word (hash of its exact form) → bit path, lowest bit first.
    clusters: HashMap<u64, u32, IdBuildHasher>,
    clusters_fingerprint: u64,
}

/// Brown clusters (see `data/ner/README.md`).
const CLUSTERS: &str = include_str!("../../data/ner/clusters.tsv");

/// Reads `word<TAB>id` lines; `# ` starts a comment line (`#` alone is a word). Lines
/// that do not parse are skipped.
fn read_clusters(text: &str) -> HashMap<u64, u32, IdBuildHasher> {
    let mut map = HashMap::default();
    for line in lexicon::lines(text, Comments::WholeLine("# ")) {
        if let Some((w, id)) = line.text.rsplit_once('\t')
            && let Ok(id) = id.trim().parse::<u32>()
        {
            map.insert(hash_str(w), id);
        }
    }
    map
}

// Template ids.
const T_BIAS: u64 = 1;
const T_W: u64 = 2;
const T_FORM: u64 = 3;
const T_WP1: u64 = 4;
const T_WN1: u64 = 5;
const T_WP2: u64 = 6;
const T_WN2: u64 = 7;
const T_BIG_P: u64 = 8;
const T_BIG_N: u64 = 9;
const T_SHAPE: u64 = 10;
const T_SS_P: u64 = 11;
const T_SS_N: u64 = 12;
const T_SS_PC: u64 = 13;
const T_SS_CN: u64 = 14;
const T_SS_PCN: u64 = 15;
const T_SUF: u64 = 20; // ..=23
const T_CTX: u64 = 24;
const T_SEEN: u64 = 25;
const T_GAZ: u64 = 26;
const T_GAZ_CAP: u64 = 27;
const T_GAZ_P: u64 = 28;
const T_GAZ_N: u64 = 29;
const T_WP1_SS: u64 = 30;
const T_SS_WN1: u64 = 31;
const T_DOC_MAJ: u64 = 40;
const T_DOC_HAS: u64 = 41;
const T_DOC_MAJ_CAP: u64 = 42;
const T_DOC_MAJ_P: u64 = 44;
const T_DOC_MAJ_N: u64 = 45;
const T_CL: u64 = 50; // ..=54
const T_CL_P: u64 = 56;
const T_CL_N: u64 = 57;
const T_CL_PC: u64 = 58;

#[inline]
fn f1(t: u64, a: u64) -> u64 {
    mix(t.wrapping_mul(0x2545_f491_4f6c_dd1d), a)
}

#[inline]
fn f2(t: u64, a: u64, b: u64) -> u64 {
    mix(f1(t, a), b)
}

/// Writes the CoNLL-like normal form of `word` into `out`: curly quotes, dashes and PTB
/// quote tokens mapped to ASCII, digits to `0` when `digits` is set.
fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word == "``" || word == "''" {
        out.push('"');
        return;
    }
    for c in word.chars() {
        let c = match c {
            c if marks::ner_folds_to_double(c) => '"',
            c if marks::ner_folds_to_single(c) => '\'',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            '\u{2026}' => {
                out.push_str("...");
                continue;
            }
            c if c.is_ascii_digit() => '0',
            c => c,
        };
        out.push(c);
    }
}

/// Hashes of the last 1..=4 characters of `s`; shorter words repeat the whole.
fn affixes(s: &str) -> [u64; 4] {
    let mut suf = [0u64; 4];
    let mut starts = [0usize; 4];
    let mut nchars = 0;
    for (k, (i, _)) in s.char_indices().rev().take(4).enumerate() {
        starts[k] = i;
        nchars = k + 1;
    }
    for k in 0..4 {
        suf[k] = if k < nchars || k == 0 {
            hash_str(&s[starts[k]..])
        } else {
            suf[k.saturating_sub(1)]
        };
    }
    suf
}

/// Word shape (`Xxxx`, runs capped at 4) and short shape (`Xx`, runs collapsed), hashed,
/// with the token's flags.
fn shape(word: &str) -> (u64, u64, u16) {
    let mut long = [0u8; 24];
    let mut nlong = 0;
    let mut short = [0u8; 12];
    let mut nshort = 0;
    let mut run = 0;
    let mut prev = 0u8;
    let (mut upper, mut lower, mut digit, mut alnum, mut first_upper) = (0, 0, 0, 0, false);
    let mut flags = 0;
    for (i, c) in word.chars().enumerate() {
        let k = if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            }
            b'X'
        } else if c.is_lowercase() {
            lower += 1;
            b'x'
        } else if c.is_ascii_digit() || c.is_numeric() {
            digit += 1;
            b'd'
        } else if c.is_alphabetic() {
            b'x'
        } else {
            match c {
                '-' | '\u{2010}'..='\u{2015}' => {
                    flags |= F_HYPHEN;
                    b'-'
                }
                '.' => {
                    flags |= F_PERIOD;
                    b'.'
                }
                c if marks::ner_shape_double(c) => b'"',
                c if marks::ner_shape_single(c) => b'\'',
                c if c.is_ascii_punctuation() => c as u8,
                _ => b'*',
            }
        };
        if k == b'X' || k == b'x' || k == b'd' {
            alnum += 1;
        }
        if k == prev {
            run += 1;
        } else {
            run = 1;
            if nshort < short.len() {
                short[nshort] = k;
                nshort += 1;
            }
        }
        if run <= 4 && nlong < long.len() {
            long[nlong] = k;
            nlong += 1;
        }
        prev = k;
    }
    if first_upper {
        flags |= F_UPPER_INIT;
    }
    if upper > 0 && lower == 0 && upper + digit >= 1 && (upper >= 2 || word.len() == 1) {
        flags |= F_ALL_CAPS;
    }
    if upper == 0 && lower > 0 {
        flags |= F_LOWER;
    }
    if upper > 1 && lower > 0 || (upper == 1 && !first_upper && lower > 0) {
        flags |= F_MIXED;
    }
    if digit > 0 {
        flags |= F_DIGIT;
    }
    if alnum == 0 {
        flags |= F_PUNCT;
        if matches!(
            word,
            "\"" | "'" | "(" | "[" | "{" | "-" | "--" | "``" | "\u{201c}" | "\u{2018}"
        ) {
            flags |= F_OPENER;
        }
        if marks::ner_quote_token(word) {
            flags |= F_QUOTE;
        }
    }
    (
        hash_bytes(&long[..nlong]),
        hash_bytes(&short[..nshort]),
        flags,
    )
}

impl Featurizer {
    /// Builds the featurizer with the built-in gazetteers.
    pub(crate) fn new() -> Self {
        Featurizer {
            gazetteer: Gazetteer::builtin(),
            clusters: read_clusters(CLUSTERS),
            clusters_fingerprint: hash_str(CLUSTERS),
        }
    }

    /// Fingerprint of everything features depend on besides the templates.
    pub(crate) fn fingerprint(&self) -> u64 {
        mix(self.gazetteer.fingerprint(), self.clusters_fingerprint)
    }

    /// The Brown cluster of a word: its exact form, else normalised, else title-cased, else
    /// lowercase; 0 when none is known.
    fn cluster(&self, word: &str, norm: &str, lower: &str, buf: &mut String) -> u32 {
        for w in [word, norm] {
            if let Some(&c) = self.clusters.get(&hash_str(w)) {
                return c;
            }
        }
        buf.clear();
        let mut cs = lower.chars();
        if let Some(c) = cs.next() {
            buf.extend(c.to_uppercase());
            buf.push_str(cs.as_str());
        }
        for w in [buf.as_str(), lower] {
            if let Some(&c) = self.clusters.get(&hash_str(w)) {
                return c;
            }
        }
        0
    }

    /// Turns a document (its words and sentence ranges over them) into feature inputs.
    pub(crate) fn prepare<'a>(
        &self,
        words: impl ExactSizeIterator<Item = &'a str>,
        sentences: &[Range<usize>],
        scratch: &mut Scratch,
    ) -> Prepared {
        let mut toks = Vec::with_capacity(words.len());
        scratch.lraws.clear();
        for word in words {
            normalize_into(word, &mut scratch.norm);
            let norm = scratch.norm.as_str();
            scratch.lower.clear();
            for c in norm.chars() {
                if c.is_ascii() {
                    scratch.lower.push(c.to_ascii_lowercase());
                } else {
                    scratch.lower.extend(c.to_lowercase());
                }
            }
            let lower = scratch.lower.as_str();
            let (shape, short, flags) = shape(word);
            let suf = affixes(lower);
            let lh = hash_str(lower);
            // Gazetteer and document keys keep the digits.
            let lraw = if flags & F_DIGIT != 0 {
                hash_str(&word.to_lowercase())
            } else {
                lh
            };
            scratch.lraws.push(lraw);
            toks.push(Tok {
                lower: lh,
                lraw,
                form: hash_str(norm),
                shape,
                short,
                suf,
                flags: flags | if norm == "\"" { F_QUOTE | F_OPENER } else { 0 },
                ctx: 0,
                gaz: 0,
                cluster: self.cluster(word, norm, lower, &mut scratch.title),
                edge: 0,
            });
        }
        scratch.gaz.clear();
        scratch.gaz.resize(toks.len(), 0);
        for s in sentences {
            self.gazetteer
                .annotate(&scratch.lraws[s.clone()], &mut scratch.gaz[s.clone()]);
        }
        for (t, &g) in toks.iter_mut().zip(&scratch.gaz) {
            t.gaz = g;
        }
        // Sentence context: initial word, all-caps headline, inside quotation marks.
        for s in sentences {
            let sent = &mut toks[s.clone()];
            if let Some(t) = sent.first_mut() {
                t.edge |= 1;
            }
            if let Some(t) = sent.last_mut() {
                t.edge |= 2;
            }
            let (mut letters, mut caps) = (0, 0);
            for t in sent.iter() {
                if t.flags & (F_UPPER_INIT | F_LOWER | F_ALL_CAPS | F_MIXED) != 0 {
                    letters += 1;
                    if t.flags & F_ALL_CAPS != 0 {
                        caps += 1;
                    }
                }
            }
            let headline =
                letters > 0 && caps * 5 >= letters * 4 && (letters > 1 || sent.len() > 1);
            let mut initial = true;
            let mut quoted = false;
            for t in sent.iter_mut() {
                let mut ctx = 0;
                if headline {
                    ctx |= CTX_HEADLINE;
                }
                if quoted {
                    ctx |= CTX_QUOTED;
                }
                if t.flags & F_QUOTE != 0 {
                    quoted = !quoted;
                }
                if initial && t.flags & F_PUNCT == 0 {
                    ctx |= CTX_INITIAL;
                    initial = false;
                } else if t.flags & F_OPENER == 0 {
                    initial = false;
                }
                t.ctx = ctx;
            }
        }
        // Casing of each word elsewhere in the document, at places where casing means
        // something (not sentence-initial, not in a headline).
        let mut seen_map: HashMap<u64, u8, IdBuildHasher> = HashMap::default();
        for t in &toks {
            if t.ctx & (CTX_INITIAL | CTX_HEADLINE) == 0 {
                let bit = match t.capclass() {
                    1 => SEEN_LOWER,
                    2 | 4 => SEEN_TITLE,
                    3 => SEEN_CAPS,
                    _ => 0,
                };
                if bit != 0 {
                    *seen_map.entry(t.lraw).or_default() |= bit;
                }
            }
        }
        let seen = toks
            .iter()
            .map(|t| seen_map.get(&t.lraw).copied().unwrap_or(0))
            .collect();
        Prepared {
            toks,
            sentences: sentences.to_vec(),
            seen,
        }
    }

    /// Calls `emit` with the hashed features of token `i` of sentence range `s`.
    #[inline]
    pub(crate) fn features(
        &self,
        p: &Prepared,
        s: &Range<usize>,
        i: usize,
        mut emit: impl FnMut(u64),
    ) {
        const BOS: Tok = Tok {
            lower: 0x0b05,
            lraw: 0x0b05,
            form: 0x0b05,
            shape: 0x0b05,
            short: 0x0b05,
            suf: [0x0b05; 4],
            flags: 0,
            ctx: 0,
            gaz: 0,
            cluster: 0,
            edge: 0,
        };
        const EOS: Tok = Tok {
            lower: 0xe05,
            lraw: 0xe05,
            form: 0xe05,
            shape: 0xe05,
            short: 0xe05,
            suf: [0xe05; 4],
            flags: 0,
            ctx: 0,
            gaz: 0,
            cluster: 0,
            edge: 0,
        };
        let at = |j: isize| -> &Tok {
            if j < s.start as isize {
                &BOS
            } else if j >= s.end as isize {
                &EOS
            } else {
                &p.toks[j as usize]
            }
        };
        let ii = i as isize;
        let t = &p.toks[i];
        let (p1, n1, p2, n2) = (at(ii - 1), at(ii + 1), at(ii - 2), at(ii + 2));
        // The word and its neighbours.
        emit(f1(T_BIAS, 0));
        emit(f1(T_W, t.lower));
        emit(f1(T_FORM, t.form));
        emit(f1(T_WP1, p1.lower));
        emit(f1(T_WN1, n1.lower));
        emit(f1(T_WP2, p2.lower));
        emit(f1(T_WN2, n2.lower));
        emit(f2(T_BIG_P, p1.lower, t.lower));
        emit(f2(T_BIG_N, t.lower, n1.lower));
        // Shapes, alone and with the neighbours.
        emit(f1(T_SHAPE, t.shape));
        emit(f1(T_SS_P, p1.short));
        emit(f1(T_SS_N, n1.short));
        emit(f2(T_SS_PC, p1.short, t.short));
        emit(f2(T_SS_CN, t.short, n1.short));
        emit(f2(T_SS_PCN, mix(p1.short, t.short), n1.short));
        emit(f2(T_WP1_SS, p1.lower, t.short));
        emit(f2(T_SS_WN1, t.short, n1.lower));
        for (k, &h) in t.suf.iter().enumerate() {
            emit(f1(T_SUF + k as u64, h));
        }
        // Capitalisation in context: sentence-initial, headline, quoted.
        emit(f2(T_CTX, t.ctx as u64, t.short));
        if t.flags & F_PUNCT == 0 {
            let ambiguous = (t.ctx & (CTX_INITIAL | CTX_HEADLINE) != 0) as u64;
            emit(f2(T_SEEN, p.seen[i] as u64 | ambiguous << 4, t.capclass()));
        }
        // Brown clusters: prefixes of the bit path, and the neighbours' clusters.
        for (k, bits) in [4u32, 6, 10, 14, 20].into_iter().enumerate() {
            let prefix = (t.cluster & ((1 << bits) - 1)) as u64 | (bits as u64) << 32;
            emit(f1(T_CL + k as u64, prefix));
        }
        emit(f1(T_CL_P, p1.cluster as u64));
        emit(f1(T_CL_N, n1.cluster as u64));
        emit(f2(
            T_CL_PC,
            (p1.cluster & 1023) as u64,
            (t.cluster & 1023) as u64,
        ));
        // Gazetteers: this token's matches (with its casing), the neighbours' kinds.
        let cap = t.capclass();
        let mut g = t.gaz;
        while g != 0 {
            let b = g.trailing_zeros() as u64;
            g &= g - 1;
            emit(f1(T_GAZ, b));
            emit(f2(T_GAZ_CAP, b, cap));
        }
        for (tpl, nb) in [(T_GAZ_P, p1), (T_GAZ_N, n1)] {
            if nb.gaz != 0 {
                for k in 0..KINDS as u8 {
                    if nb.gaz & (0xf << (k as u32 * 4)) != 0 {
                        emit(f2(tpl, k as u64, nb.capclass()));
                    }
                }
            }
        }
    }

    /// Calls `emit` with the document-level features of token `i`, computed from a first
    /// pass's tags over the whole document (see [`DocLabels`]).
    #[inline]
    pub(crate) fn doc_features(
        &self,
        p: &Prepared,
        labels: &DocLabels,
        i: usize,
        mut emit: impl FnMut(u64),
    ) {
        let t = &p.toks[i];
        // What the neighbours' words were tagged elsewhere.
        if t.edge & 1 == 0
            && i > 0
            && let Some(m) = labels.majority(&p.toks[i - 1], i - 1)
        {
            emit(f2(T_DOC_MAJ_P, m as u64, t.capclass()));
        }
        if t.edge & 2 == 0
            && i + 1 < p.toks.len()
            && let Some(m) = labels.majority(&p.toks[i + 1], i + 1)
        {
            emit(f2(T_DOC_MAJ_N, m as u64, t.capclass()));
        }
        if t.flags & F_PUNCT != 0 {
            return;
        }
        let Some(c) = labels.votes(t, i) else {
            return;
        };
        let best = argmax(&c);
        emit(f1(T_DOC_MAJ, best as u64));
        emit(f2(
            T_DOC_MAJ_CAP,
            best as u64,
            t.capclass() | ((t.ctx & 7) as u64) << 4,
        ));
        for (k, &n) in c.iter().enumerate().skip(1) {
            if n > 0 {
                emit(f1(T_DOC_HAS, k as u64));
            }
        }
    }
}

fn argmax(c: &[u16; 5]) -> usize {
    c.iter()
        .enumerate()
        .max_by_key(|&(k, &n)| (n, std::cmp::Reverse(k)))
        .map_or(0, |(k, _)| k)
}

/// A first pass's labels, counted per word over a document: for each lowercase form, how
/// often it was tagged outside any entity (slot 0) or inside one of each label (1..=4).
#[derive(Debug, Default)]
pub(crate) struct DocLabels {
    counts: HashMap<u64, [u16; 5], IdBuildHasher>,
    own: Vec<u8>,
}

impl DocLabels {
    /// Counts the labels of capitalised words in `tags` (one per token of `p`).
    pub(crate) fn new(p: &Prepared, scheme: Scheme, tags: &[Tag]) -> Self {
        let mut counts: HashMap<u64, [u16; 5], IdBuildHasher> = HashMap::default();
        let mut own = vec![u8::MAX; p.toks.len()];
        for (i, (t, &tag)) in p.toks.iter().zip(tags).enumerate() {
            if !t.has_upper() {
                continue;
            }
            let slot = match scheme.split(tag) {
                None | Some((Position::Outside, _)) => 0,
                Some((_, l)) => 1 + EntityLabel::ALL.iter().position(|&x| x == l).unwrap_or(0),
            };
            let c = counts.entry(t.lraw).or_default();
            c[slot] = c[slot].saturating_add(1);
            own[i] = slot as u8;
        }
        DocLabels { counts, own }
    }

    /// Votes of the other occurrences of token `i`'s word, if any.
    fn votes(&self, t: &Tok, i: usize) -> Option<[u16; 5]> {
        let mut c = *self.counts.get(&t.lraw)?;
        let own = self.own[i] as usize;
        if own < c.len() {
            c[own] = c[own].saturating_sub(1);
        }
        (c.iter().any(|&x| x > 0)).then_some(c)
    }

    /// The label most often given to the other occurrences of token `i`'s word.
    fn majority(&self, t: &Tok, i: usize) -> Option<usize> {
        if t.flags & F_PUNCT != 0 {
            return None;
        }
        self.votes(t, i).map(|c| argmax(&c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_maps_news_typography_to_conll() {
        let mut s = String::new();
        normalize_into("\u{201c}", &mut s);
        assert_eq!(s, "\"");
        normalize_into("n\u{2019}t", &mut s);
        assert_eq!(s, "n't");
        normalize_into("1996-08-22", &mut s);
        assert_eq!(s, "0000-00-00");
        normalize_into("``", &mut s);
        assert_eq!(s, "\"");
    }

    #[test]
    fn shapes_and_flags() {
        let (a, b, f) = shape("Hello");
        assert_eq!(a, hash_bytes(b"Xxxxx"));
        assert_eq!(b, hash_bytes(b"Xx"));
        assert!(f & F_UPPER_INIT != 0 && f & F_ALL_CAPS == 0);
        let (_, _, f) = shape("NATO");
        assert!(f & F_ALL_CAPS != 0);
        let (_, _, f) = shape("McDonald");
        assert!(f & F_MIXED != 0);
        let (_, _, f) = shape("(");
        assert!(f & F_OPENER != 0 && f & F_PUNCT != 0);
    }

    #[test]
    fn suffixes_of_short_words_repeat() {
        let s = affixes("ab");
        assert_eq!(s[0], hash_str("b"));
        assert_eq!(s[3], hash_str("ab"));
        let s = affixes("\u{e9}t\u{e9}s");
        assert_eq!(s[1], hash_str("\u{e9}s"));
        assert_eq!(s[3], hash_str("\u{e9}t\u{e9}s"));
        assert_eq!(affixes(""), [hash_str(""); 4]);
    }

    #[test]
    fn context_flags() {
        let f = Featurizer::new();
        let words = ["\"", "We", "won", "\"", "RUGBY", "-", "LISBON", "WINS"];
        let p = f.prepare(
            words.iter().copied(),
            &[0..4, 4..8],
            &mut Scratch::default(),
        );
        assert_eq!(p.toks[1].ctx, CTX_INITIAL | CTX_QUOTED);
        assert_eq!(p.toks[2].ctx, CTX_QUOTED);
        assert!(p.toks[6].ctx & CTX_HEADLINE != 0);
        let mut n = 0;
        f.features(&p, &(0..4), 1, |_| n += 1);
        assert!(n > 20 && n < 100, "{n}");
    }
}
