//! The tagger's weights: hashed feature rows, tag transitions, Viterbi decoding, and the
//! versioned model file.
//!
//! # File format (version 1)
//!
//! ```text
//! magic     8 bytes   "QSNER\0\r\n"
//! version   u32 LE    1
//! length    u64 LE    length of the payload
//! checksum  u64 LE    hash of the payload (FNV-1a, mixed)
//! payload   zstd of:
//!   scheme u8, bits u8, passes u8, ntags u8, feature-template version u32 LE,
//!   gazetteer/cluster fingerprint u64 LE, weight scale f32 LE,
//!   transitions: passes x (ntags + 1) x ntags f32 LE,
//!   presence bitmap: 2^bits / 64 u64 LE words (bit r set = row r is stored),
//!   the stored rows in order: ntags x passes i16 LE each
//! ```
//!
//! Weights are stored as `i16` with one scale factor. Rows that are all zero (features that
//! training never kept, or that round to zero) are left out, on disk and in memory: a row is
//! found through the presence bitmap and a rank table.

use super::bio::{Scheme, Tag};
use super::features::{FEATURE_VERSION, hash_bytes};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"QSNER\0\r\n";
const VERSION: u32 = 1;
const PREAMBLE: usize = 8 + 4 + 8 + 8;

/// Trained weights of a one- or two-pass tagger.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub(crate) scheme: Scheme,
    /// log2 of the number of weight rows.
    pub(crate) bits: u32,
    /// 1: one pass; 2: a second pass that also sees document-level label features.
    pub(crate) passes: usize,
    /// Fingerprint of the gazetteers the model was trained with.
    pub(crate) fingerprint: u64,
    /// Multiplier that turns the `i16` weights back into scores.
    pub(crate) scale: f32,
    /// Which rows are non-zero: bit `r % 64` of word `r / 64`.
    pub(crate) present: Vec<u64>,
    /// Number of non-zero rows before each word of `present`.
    pub(crate) ranks: Vec<u32>,
    /// The non-zero rows, in row order: the `k`-th one's pass `p`, tag `t` lives at
    /// `k * stride + p * ntags + t`.
    pub(crate) weights: Vec<i16>,
    /// Per pass: `(ntags + 1) x ntags` transition scores; row `ntags` is the sentence start.
    pub(crate) trans: Vec<f32>,
}

impl Model {
    /// Number of tags.
    #[inline]
    pub(crate) fn ntags(&self) -> usize {
        self.scheme.len()
    }

    /// Values per row (all passes).
    #[inline]
    pub(crate) fn stride(&self) -> usize {
        self.ntags() * self.passes
    }

    /// The row of a feature hash.
    #[inline]
    pub(crate) fn row(&self, feature: u64) -> usize {
        (feature >> (64 - self.bits)) as usize
    }

    /// Where feature `f`'s non-zero row starts in `weights`, if it has one.
    ///
    /// The presence bitmap and its ranks take 12 bytes per 64 rows, so they stay in cache
    /// while the weights themselves hold only the rows that training kept.
    #[inline]
    fn offset(&self, f: u64) -> Option<usize> {
        let r = self.row(f);
        let word = *self.present.get(r >> 6)?;
        let bit = 1u64 << (r & 63);
        if word & bit == 0 {
            return None;
        }
        let k = self.ranks[r >> 6] as usize + (word & (bit - 1)).count_ones() as usize;
        Some(k * self.stride())
    }

    /// Adds feature `f`'s weights for all passes to `acc` (length `stride`).
    #[inline]
    pub(crate) fn add_all(&self, f: u64, acc: &mut [i32]) {
        let stride = self.stride();
        let Some(base) = self.offset(f) else {
            return;
        };
        if let Some(w) = self.weights.get(base..base + stride) {
            for (a, &x) in acc.iter_mut().zip(w) {
                *a += x as i32;
            }
        }
    }

    /// Adds feature `f`'s weights for one pass to `acc` (length `ntags`).
    #[inline]
    pub(crate) fn add_pass(&self, f: u64, pass: usize, acc: &mut [i32]) {
        let n = self.ntags();
        let Some(base) = self.offset(f) else {
            return;
        };
        let base = base + pass * n;
        if let Some(w) = self.weights.get(base..base + n) {
            for (a, &x) in acc.iter_mut().zip(w) {
                *a += x as i32;
            }
        }
    }

    /// Transition scores of one pass.
    pub(crate) fn transitions(&self, pass: usize) -> &[f32] {
        let n = self.ntags();
        let size = (n + 1) * n;
        &self.trans[pass * size..(pass + 1) * size]
    }

    /// Quantizes float weights (`rows x stride`) into a model.
    pub(crate) fn quantize(
        scheme: Scheme,
        bits: u32,
        passes: usize,
        fingerprint: u64,
        weights: &[f32],
        trans: Vec<f32>,
    ) -> Model {
        let max = weights.iter().fold(0f32, |m, &w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let stride = scheme.len() * passes;
        let rows = 1usize << bits;
        let mut present = vec![0u64; rows.div_ceil(64)];
        let mut kept = Vec::new();
        for (r, row) in weights.chunks_exact(stride).enumerate().take(rows) {
            let q: Vec<i16> = row
                .iter()
                .map(|&w| {
                    (w / scale)
                        .round()
                        .clamp(-(i16::MAX as f32), i16::MAX as f32) as i16
                })
                .collect();
            if q.iter().any(|&x| x != 0) {
                present[r >> 6] |= 1 << (r & 63);
                kept.extend_from_slice(&q);
            }
        }
        Model {
            scheme,
            bits,
            passes,
            fingerprint,
            scale,
            ranks: ranks(&present),
            present,
            weights: kept,
            trans,
        }
    }

    /// Number of non-zero weight rows.
    pub(crate) fn rows_kept(&self) -> usize {
        self.weights.len() / self.stride()
    }

    /// Serialises the model into the versioned file format.
    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut p = vec![
            self.scheme.code(),
            self.bits as u8,
            self.passes as u8,
            self.ntags() as u8,
        ];
        p.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        p.extend_from_slice(&self.fingerprint.to_le_bytes());
        p.extend_from_slice(&self.scale.to_le_bytes());
        for &t in &self.trans {
            p.extend_from_slice(&t.to_le_bytes());
        }
        for word in &self.present {
            p.extend_from_slice(&word.to_le_bytes());
        }
        for &w in &self.weights {
            p.extend_from_slice(&w.to_le_bytes());
        }
        let payload = zstd::bulk::compress(&p, 9).map_err(|e| Error::Model {
            path: PathBuf::from("<memory>"),
            reason: format!("cannot compress: {e}"),
        })?;
        let mut out = Vec::with_capacity(PREAMBLE + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&hash_bytes(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        Ok(out)
    }

    /// Reads a model file's bytes; `path` names it in errors.
    pub(crate) fn from_bytes(bytes: &[u8], path: &Path) -> Result<Model> {
        let bad = |reason: String| Error::Model {
            path: path.to_path_buf(),
            reason,
        };
        if bytes.len() < PREAMBLE || &bytes[..8] != MAGIC {
            return Err(bad("not a quotesmith NER model (bad magic bytes)".into()));
        }
        let mut r = Reader { b: &bytes[8..] };
        let version = r.u32().ok_or_else(|| bad("truncated".into()))?;
        if version != VERSION {
            return Err(bad(format!(
                "format version {version}, this build reads version {VERSION}"
            )));
        }
        let len = r.u64().ok_or_else(|| bad("truncated".into()))? as usize;
        let sum = r.u64().ok_or_else(|| bad("truncated".into()))?;
        let payload = &bytes[PREAMBLE..];
        if payload.len() != len {
            return Err(bad(format!(
                "payload is {} bytes, header says {len} (truncated or corrupt)",
                payload.len()
            )));
        }
        if hash_bytes(payload) != sum {
            return Err(bad("checksum mismatch (corrupt file)".into()));
        }
        let raw = zstd::stream::decode_all(payload)
            .map_err(|e| bad(format!("cannot decompress: {e}")))?;
        let mut r = Reader { b: &raw };
        let short = || bad("payload too short".into());
        let scheme = r.u8().ok_or_else(short)?;
        let scheme =
            Scheme::from_code(scheme).ok_or_else(|| bad(format!("unknown tag scheme {scheme}")))?;
        let bits = r.u8().ok_or_else(short)? as u32;
        let passes = r.u8().ok_or_else(short)? as usize;
        let ntags = r.u8().ok_or_else(short)? as usize;
        if !(8..=26).contains(&bits) || !(1..=2).contains(&passes) || ntags != scheme.len() {
            return Err(bad(format!(
                "bad shape: {bits} bits, {passes} passes, {ntags} tags"
            )));
        }
        let fv = r.u32().ok_or_else(short)?;
        if fv != FEATURE_VERSION {
            return Err(bad(format!(
                "trained with feature templates v{fv}, this build has v{FEATURE_VERSION}: retrain it"
            )));
        }
        let fingerprint = r.u64().ok_or_else(short)?;
        let scale = r.f32().ok_or_else(short)?;
        if !scale.is_finite() || scale <= 0.0 {
            return Err(bad(format!("bad weight scale {scale}")));
        }
        let ntrans = passes * (ntags + 1) * ntags;
        let mut trans = Vec::with_capacity(ntrans);
        for _ in 0..ntrans {
            let t = r.f32().ok_or_else(short)?;
            if !t.is_finite() {
                return Err(bad("non-finite transition score".into()));
            }
            trans.push(t);
        }
        let rows = 1usize << bits;
        let stride = ntags * passes;
        let mut present = Vec::with_capacity(rows.div_ceil(64));
        for _ in 0..rows.div_ceil(64) {
            present.push(r.u64().ok_or_else(short)?);
        }
        let nonzero: usize = present.iter().map(|w| w.count_ones() as usize).sum();
        let data = r.take(nonzero * stride * 2).ok_or_else(short)?;
        if !r.b.is_empty() {
            return Err(bad(format!("{} unexpected trailing bytes", r.b.len())));
        }
        let weights = data
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Ok(Model {
            scheme,
            bits,
            passes,
            fingerprint,
            scale,
            ranks: ranks(&present),
            present,
            weights,
            trans,
        })
    }
}

/// Running count of set bits before each word.
fn ranks(present: &[u64]) -> Vec<u32> {
    let mut total = 0u32;
    present
        .iter()
        .map(|w| {
            let r = total;
            total += w.count_ones();
            r
        })
        .collect()
}

struct Reader<'a> {
    b: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.b.len() < n {
            return None;
        }
        let (h, t) = self.b.split_at(n);
        self.b = t;
        Some(h)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Option<u64> {
        self.take(8)
            .and_then(|b| b.try_into().ok())
            .map(u64::from_le_bytes)
    }
    fn f32(&mut self) -> Option<f32> {
        self.take(4)
            .and_then(|b| b.try_into().ok())
            .map(f32::from_le_bytes)
    }
}

/// Allowed-transition table for a scheme: `(ntags + 2) x ntags`; row `ntags` says which
/// tags may start a sentence, row `ntags + 1` which may end one.
pub(crate) fn constraints(scheme: Scheme) -> Vec<bool> {
    let n = scheme.len();
    let mut ok = vec![false; (n + 2) * n];
    for p in 0..=n {
        for c in 0..n {
            let prev = (p < n).then_some(p as Tag);
            ok[p * n + c] = scheme.allowed(prev, c as Tag);
        }
    }
    for c in 0..n {
        ok[(n + 1) * n + c] = (0..n).any(|next| {
            scheme.allowed(Some(c as Tag), next as Tag) && scheme.allowed(None, next as Tag)
        });
    }
    ok
}

/// Best tag sequence under emission `scores` (`len x ntags`) and transitions, among the
/// sequences that `allowed` permits (see [`constraints`]). Writes one tag per token to `out`.
pub(crate) fn viterbi(
    scores: &[f32],
    trans: &[f32],
    allowed: &[bool],
    ntags: usize,
    out: &mut Vec<Tag>,
    back: &mut Vec<u8>,
) {
    out.clear();
    let len = scores.len() / ntags;
    if len == 0 {
        return;
    }
    const NEG: f32 = -1e30;
    back.clear();
    back.resize(len * ntags, 0);
    let mut prev = [NEG; 32];
    let mut cur = [NEG; 32];
    let start = ntags * ntags;
    for t in 0..ntags {
        prev[t] = if allowed[start + t] {
            scores[t] + trans[start + t]
        } else {
            NEG
        };
    }
    for i in 1..len {
        let em = &scores[i * ntags..(i + 1) * ntags];
        for t in 0..ntags {
            let mut best = NEG;
            let mut arg = 0u8;
            for (p, &score) in prev.iter().enumerate().take(ntags) {
                let k = p * ntags + t;
                if !allowed[k] {
                    continue;
                }
                let v = score + trans[k];
                if v > best {
                    best = v;
                    arg = p as u8;
                }
            }
            cur[t] = best + em[t];
            back[i * ntags + t] = arg;
        }
        prev[..ntags].copy_from_slice(&cur[..ntags]);
    }
    let end = (ntags + 1) * ntags;
    let mut best = 0;
    for t in 1..ntags {
        if allowed[end + t] && (!allowed[end + best] || prev[t] > prev[best]) {
            best = t;
        }
    }
    out.resize(len, 0);
    let mut t = best;
    for i in (0..len).rev() {
        out[i] = t as Tag;
        if i > 0 {
            t = back[i * ntags + t] as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let scheme = Scheme::Bio;
        let n = scheme.len();
        let mut w = vec![0f32; (1 << 8) * n * 2];
        w[5 * n * 2 + 3] = 1.5;
        w[200 * n * 2 + 10] = -0.25;
        Model::quantize(scheme, 8, 2, 7, &w, vec![0.5; 2 * (n + 1) * n])
    }

    #[test]
    fn round_trip() {
        let m = tiny();
        let bytes = m.to_bytes().unwrap();
        let back = Model::from_bytes(&bytes, Path::new("t.bin")).unwrap();
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.present, m.present);
        assert_eq!(m.rows_kept(), 2);
        let mut acc = vec![0i32; m.stride()];
        // Feature hashes whose top 8 bits are rows 5 and 200.
        m.add_all(5u64 << 56, &mut acc);
        assert_eq!(acc[3], i16::MAX as i32);
        m.add_all(200u64 << 56, &mut acc);
        assert!(acc[10] < 0);
        m.add_all(6u64 << 56, &mut acc);
        assert_eq!(acc.iter().filter(|&&x| x != 0).count(), 2);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.fingerprint, 7);
    }

    #[test]
    fn corrupt_files_give_clear_errors() {
        let bytes = tiny().to_bytes().unwrap();
        let p = Path::new("bad.bin");
        let msg = |b: &[u8]| Model::from_bytes(b, p).unwrap_err().to_string();
        assert!(msg(b"hello").contains("bad magic"));
        assert!(msg(&bytes[..bytes.len() - 3]).contains("truncated"));
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        assert!(msg(&flipped).contains("checksum"));
        let mut v2 = bytes.clone();
        v2[8] = 9;
        assert!(msg(&v2).contains("version 9"));
        assert!(msg(&bytes[..10]).contains("bad.bin"));
    }

    #[test]
    fn viterbi_respects_constraints() {
        let s = Scheme::Bio;
        let n = s.len();
        let ok = constraints(s);
        // Token 0 prefers I-PER (not allowed at start), token 1 prefers I-PER.
        let ip = s.tag(
            super::super::bio::Position::Inside,
            crate::doc::EntityLabel::Per,
        ) as usize;
        let bp = s.tag(
            super::super::bio::Position::Begin,
            crate::doc::EntityLabel::Per,
        ) as usize;
        let mut scores = vec![0f32; 2 * n];
        scores[ip] = 5.0;
        scores[bp] = 1.0;
        scores[n + ip] = 5.0;
        let mut out = Vec::new();
        viterbi(
            &scores,
            &vec![0.0; (n + 1) * n],
            &ok,
            n,
            &mut out,
            &mut Vec::new(),
        );
        assert_eq!(out, vec![bp as Tag, ip as Tag]);
    }
}
