//! Training: a structured averaged perceptron, two passes, dev set for model selection.
//!
//! Pass 1 learns from the static features. Pass 2 also sees document-level label features
//! built from pass 1's tags; so that it learns how far to trust them, its training documents
//! are tagged by pass-1 models that did not see them (`folds`-fold jackknife). After every
//! epoch the averaged weights are scored on the dev set and the best epoch is kept. The test
//! set is never read here.
//!
//! Everything is deterministic for a given seed.

use super::EntityTagger;
use super::bio::{Scheme, Tag};
use super::features::{DocLabels, Featurizer, Prepared, Scratch};
use super::model::{self, Model};
use crate::error::Result;
use crate::eval::conll::{ConllDoc, Scores};
use rayon::prelude::*;
use std::ops::Range;
use std::path::Path;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Maximum epochs per pass.
    pub epochs: usize,
    /// Seed for the order of training sentences.
    pub seed: u64,
    /// Tag scheme.
    pub scheme: Scheme,
    /// log2 of the number of hashed weight rows.
    pub bits: u32,
    /// 1 or 2 passes.
    pub passes: usize,
    /// Folds for the jackknifed pass-1 tags that pass 2 trains on.
    pub folds: usize,
    /// Perceptrons per pass, each seeing the sentences in another order; their weights are
    /// averaged.
    pub members: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 20,
            seed: 42,
            scheme: Scheme::Bilou,
            bits: 21,
            passes: 2,
            folds: 5,
            members: 3,
        }
    }
}

/// A corpus with its features computed once.
struct Corpus {
    docs: Vec<Prepared>,
    /// Global token offset of each document.
    doc_start: Vec<usize>,
    /// Static feature rows of every token: `feats[offs[i]..offs[i + 1]]`.
    feats: Vec<u32>,
    offs: Vec<usize>,
    /// Document-level feature rows (pass 2), same layout.
    dfeats: Vec<u32>,
    doffs: Vec<usize>,
    gold: Vec<Tag>,
    /// Sentences as (document, global token range).
    sents: Vec<(usize, Range<usize>)>,
    /// The gold entities per sentence, for scoring.
    gold_entities: Vec<Vec<(usize, usize, crate::doc::EntityLabel)>>,
}

fn row(f: u64, bits: u32) -> u32 {
    (f >> (64 - bits)) as u32
}

impl Corpus {
    fn new(docs: &[ConllDoc], fz: &Featurizer, scheme: Scheme, bits: u32) -> Corpus {
        let mut c = Corpus {
            docs: Vec::new(),
            doc_start: Vec::new(),
            feats: Vec::new(),
            offs: vec![0],
            dfeats: Vec::new(),
            doffs: Vec::new(),
            gold: Vec::new(),
            sents: Vec::new(),
            gold_entities: Vec::new(),
        };
        let mut scratch = Scratch::default();
        for (d, doc) in docs.iter().enumerate() {
            let (words, ranges) = doc.flatten();
            let p = fz.prepare(words.iter().copied(), &ranges, &mut scratch);
            let base = c.gold.len();
            c.doc_start.push(base);
            for (s, r) in doc.sentences.iter().zip(&ranges) {
                c.gold.extend(scheme.encode(s.words.len(), &s.entities));
                c.sents.push((d, base + r.start..base + r.end));
                c.gold_entities.push(s.entities.clone());
                for i in r.clone() {
                    fz.features(&p, r, i, |f| c.feats.push(row(f, bits)));
                    c.offs.push(c.feats.len());
                }
            }
            c.docs.push(p);
        }
        c
    }

    fn len(&self) -> usize {
        self.gold.len()
    }

    /// Recomputes the document-level features from per-token tags of a first pass.
    fn set_doc_features(&mut self, fz: &Featurizer, scheme: Scheme, bits: u32, tags: &[Tag]) {
        self.dfeats.clear();
        self.doffs.clear();
        self.doffs.push(0);
        for (d, p) in self.docs.iter().enumerate() {
            let base = self.doc_start[d];
            let labels = DocLabels::new(p, scheme, &tags[base..base + p.len()]);
            for i in 0..p.len() {
                fz.doc_features(p, &labels, i, |f| self.dfeats.push(row(f, bits)));
                self.doffs.push(self.dfeats.len());
            }
        }
    }

    fn rows(&self, i: usize, pass: usize) -> impl Iterator<Item = u32> + '_ {
        let a = self.feats[self.offs[i]..self.offs[i + 1]].iter();
        let b: &[u32] = if pass > 0 && !self.doffs.is_empty() {
            &self.dfeats[self.doffs[i]..self.doffs[i + 1]]
        } else {
            &[]
        };
        a.chain(b.iter()).copied()
    }
}

/// Perceptron weights with lazy averaging: `avg = w - u / c`.
struct Perceptron {
    n: usize,
    w: Vec<f32>,
    u: Vec<f64>,
    tw: Vec<f32>,
    tu: Vec<f64>,
    c: f64,
}

impl Perceptron {
    fn new(n: usize, bits: u32) -> Self {
        let rows = 1usize << bits;
        Perceptron {
            n,
            w: vec![0.0; rows * n],
            u: vec![0.0; rows * n],
            tw: vec![0.0; (n + 1) * n],
            tu: vec![0.0; (n + 1) * n],
            c: 1.0,
        }
    }

    fn scores(w: &[f32], n: usize, c: &Corpus, r: &Range<usize>, pass: usize, out: &mut Vec<f32>) {
        out.clear();
        out.resize(r.len() * n, 0.0);
        for (k, i) in r.clone().enumerate() {
            let acc = &mut out[k * n..(k + 1) * n];
            for f in c.rows(i, pass) {
                let base = f as usize * n;
                for (a, &x) in acc.iter_mut().zip(&w[base..base + n]) {
                    *a += x;
                }
            }
        }
    }

    fn update(&mut self, c: &Corpus, r: &Range<usize>, pass: usize, pred: &[Tag]) {
        let n = self.n;
        let gold = &c.gold[r.clone()];
        let step = self.c;
        for (k, i) in r.clone().enumerate() {
            let (g, p) = (gold[k] as usize, pred[k] as usize);
            if g != p {
                for f in c.rows(i, pass) {
                    let base = f as usize * n;
                    self.w[base + g] += 1.0;
                    self.u[base + g] += step;
                    self.w[base + p] -= 1.0;
                    self.u[base + p] -= step;
                }
            }
            let (gp, pp) = if k == 0 {
                (n, n)
            } else {
                (gold[k - 1] as usize, pred[k - 1] as usize)
            };
            if (gp, g) != (pp, p) {
                self.tw[gp * n + g] += 1.0;
                self.tu[gp * n + g] += step;
                self.tw[pp * n + p] -= 1.0;
                self.tu[pp * n + p] -= step;
            }
        }
    }

    fn averaged(&self) -> (Vec<f32>, Vec<f32>) {
        let c = self.c;
        let avg = |w: &[f32], u: &[f64]| -> Vec<f32> {
            w.iter()
                .zip(u)
                .map(|(&w, &u)| (w as f64 - u / c) as f32)
                .collect()
        };
        (avg(&self.w, &self.u), avg(&self.tw, &self.tu))
    }
}

/// Tags every token of `c` with weights `w`, `trans`; returns the tags (global order).
fn tag_corpus(
    c: &Corpus,
    w: &[f32],
    trans: &[f32],
    allowed: &[bool],
    n: usize,
    pass: usize,
) -> Vec<Tag> {
    let mut tags = vec![0; c.len()];
    let (mut scores, mut out, mut back) = (Vec::new(), Vec::new(), Vec::new());
    for (_, r) in &c.sents {
        Perceptron::scores(w, n, c, r, pass, &mut scores);
        model::viterbi(&scores, trans, allowed, n, &mut out, &mut back);
        tags[r.clone()].copy_from_slice(&out);
    }
    tags
}

fn score_tags(c: &Corpus, scheme: Scheme, tags: &[Tag]) -> Scores {
    let mut s = Scores::default();
    for ((_, r), gold) in c.sents.iter().zip(&c.gold_entities) {
        s.add(r.len(), gold, &scheme.decode(&tags[r.clone()]));
    }
    s
}

/// xorshift64*: a tiny deterministic generator for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Result of training one pass.
struct PassResult {
    w: Vec<f32>,
    trans: Vec<f32>,
    best_epoch: usize,
    best_f1: f64,
}

/// Trains one pass on the sentences of `train` whose document is in `docs` (all when
/// `None`); picks the epoch by dev F1 when `dev` is given, else runs `epochs` epochs.
#[allow(clippy::too_many_arguments)]
fn train_pass(
    train: &Corpus,
    docs: Option<&[bool]>,
    dev: Option<&Corpus>,
    cfg: &TrainConfig,
    epochs: usize,
    pass: usize,
    allowed: &[bool],
    log: &mut dyn FnMut(&str),
) -> PassResult {
    let n = cfg.scheme.len();
    let order: Vec<usize> = (0..train.sents.len())
        .filter(|&k| docs.is_none_or(|d| d[train.sents[k].0]))
        .collect();
    // Several perceptrons that differ only in the order they see the sentences; their
    // averaged weights are averaged again (a linear model, so this costs nothing at run time).
    let mut members: Vec<(Perceptron, Vec<usize>, Rng)> = (0..cfg.members.max(1) as u64)
        .map(|m| {
            let seed = cfg.seed.wrapping_add(m.wrapping_mul(1_000_003));
            (
                Perceptron::new(n, cfg.bits),
                order.clone(),
                Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1),
            )
        })
        .collect();
    let mut best = PassResult {
        w: Vec::new(),
        trans: Vec::new(),
        best_epoch: 0,
        best_f1: -1.0,
    };
    let mut since_best = 0;
    for epoch in 1..=epochs {
        let errors: usize = members
            .par_iter_mut()
            .map(|(p, order, rng)| {
                let (mut scores, mut out, mut back) = (Vec::new(), Vec::new(), Vec::new());
                rng.shuffle(order);
                let mut errors = 0usize;
                for &k in order.iter() {
                    let r = &train.sents[k].1;
                    Perceptron::scores(&p.w, n, train, r, pass, &mut scores);
                    model::viterbi(&scores, &p.tw, allowed, n, &mut out, &mut back);
                    if out[..] != train.gold[r.clone()] {
                        errors += 1;
                        p.update(train, r, pass, &out);
                    }
                    p.c += 1.0;
                }
                errors
            })
            .sum();
        let Some(dev) = dev else {
            if epoch == epochs {
                let (w, trans) = average_members(&members);
                best = PassResult {
                    w,
                    trans,
                    best_epoch: epoch,
                    best_f1: 0.0,
                };
            }
            continue;
        };
        let (w, trans) = average_members(&members);
        let tags = tag_corpus(dev, &w, &trans, allowed, n, pass);
        let f1 = score_tags(dev, cfg.scheme, &tags).overall().f1();
        log(&format!(
            "  pass {} epoch {epoch}: {errors} sentences wrong, dev F1 {:.2}",
            pass + 1,
            100.0 * f1
        ));
        if f1 > best.best_f1 {
            best = PassResult {
                w,
                trans,
                best_epoch: epoch,
                best_f1: f1,
            };
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= 3 {
                break;
            }
        }
    }
    best
}

/// The mean of the members' averaged weights.
fn average_members(members: &[(Perceptron, Vec<usize>, Rng)]) -> (Vec<f32>, Vec<f32>) {
    let k = members.len() as f32;
    let mut acc: Option<(Vec<f32>, Vec<f32>)> = None;
    for (p, _, _) in members {
        let (w, t) = p.averaged();
        acc = Some(match acc {
            None => (w, t),
            Some((mut aw, mut at)) => {
                aw.iter_mut().zip(&w).for_each(|(a, b)| *a += b);
                at.iter_mut().zip(&t).for_each(|(a, b)| *a += b);
                (aw, at)
            }
        });
    }
    let (mut w, mut t) = acc.unwrap_or_default();
    if k > 1.0 {
        w.iter_mut().for_each(|x| *x /= k);
        t.iter_mut().for_each(|x| *x /= k);
    }
    (w, t)
}

/// What training measured.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Best dev F1 of each pass (before quantization).
    pub dev_f1: Vec<f64>,
    /// Epoch kept for each pass.
    pub best_epoch: Vec<usize>,
    /// Dev scores of the final (quantized) model.
    pub dev_scores: Scores,
}

/// Trains a tagger on `train`, selecting epochs on `dev`. `log` receives progress lines.
pub fn train(
    train: &[ConllDoc],
    dev: &[ConllDoc],
    cfg: &TrainConfig,
    log: &mut dyn FnMut(&str),
) -> Result<(EntityTagger, TrainReport)> {
    let fz = Featurizer::new();
    let scheme = cfg.scheme;
    let n = scheme.len();
    let allowed = model::constraints(scheme);
    let mut tr = Corpus::new(train, &fz, scheme, cfg.bits);
    let mut dv = Corpus::new(dev, &fz, scheme, cfg.bits);
    log(&format!(
        "features: {} train tokens ({} feature slots), {} dev tokens",
        tr.len(),
        tr.feats.len(),
        dv.len()
    ));
    let p1 = train_pass(&tr, None, Some(&dv), cfg, cfg.epochs, 0, &allowed, log);
    log(&format!(
        "pass 1: best dev F1 {:.2} at epoch {}",
        100.0 * p1.best_f1,
        p1.best_epoch
    ));
    let mut report = TrainReport {
        dev_f1: vec![p1.best_f1],
        best_epoch: vec![p1.best_epoch],
        dev_scores: Scores::default(),
    };
    let rows = 1usize << cfg.bits;
    let stride = n * cfg.passes.clamp(1, 2);
    let mut weights = vec![0f32; rows * stride];
    let mut trans = p1.trans.clone();
    for r in 0..rows {
        weights[r * stride..r * stride + n].copy_from_slice(&p1.w[r * n..(r + 1) * n]);
    }
    if cfg.passes >= 2 {
        // Jackknifed pass-1 tags for the training documents.
        let folds = cfg.folds.max(2);
        let mut jack = vec![0 as Tag; tr.len()];
        for f in 0..folds {
            let keep: Vec<bool> = (0..tr.docs.len()).map(|d| d % folds != f).collect();
            let m = train_pass(
                &tr,
                Some(&keep),
                None,
                cfg,
                p1.best_epoch,
                0,
                &allowed,
                &mut |_| {},
            );
            let tags = tag_corpus(&tr, &m.w, &m.trans, &allowed, n, 0);
            for (d, _) in keep.iter().enumerate().filter(|(_, k)| !**k) {
                let s = tr.doc_start[d];
                let e = s + tr.docs[d].len();
                jack[s..e].copy_from_slice(&tags[s..e]);
            }
            log(&format!("  jackknife fold {}/{folds} done", f + 1));
        }
        let s = score_tags(&tr, scheme, &jack).overall().f1();
        log(&format!("jackknifed pass-1 train F1 {:.2}", 100.0 * s));
        tr.set_doc_features(&fz, scheme, cfg.bits, &jack);
        let dev_tags = tag_corpus(&dv, &p1.w, &p1.trans, &allowed, n, 0);
        dv.set_doc_features(&fz, scheme, cfg.bits, &dev_tags);
        let p2 = train_pass(&tr, None, Some(&dv), cfg, cfg.epochs, 1, &allowed, log);
        log(&format!(
            "pass 2: best dev F1 {:.2} at epoch {}",
            100.0 * p2.best_f1,
            p2.best_epoch
        ));
        for r in 0..rows {
            weights[r * stride + n..(r + 1) * stride].copy_from_slice(&p2.w[r * n..(r + 1) * n]);
        }
        trans.extend_from_slice(&p2.trans);
        report.dev_f1.push(p2.best_f1);
        report.best_epoch.push(p2.best_epoch);
    }
    let model = Model::quantize(
        scheme,
        cfg.bits,
        stride / n,
        fz.fingerprint(),
        &weights,
        trans,
    );
    log(&format!("kept {} of {rows} weight rows", model.rows_kept()));
    let tagger = EntityTagger::from_model(model, Path::new("<trained>"))?;
    report.dev_scores = crate::eval::conll::evaluate(&tagger, dev)?;
    Ok((tagger, report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::conll::parse_conll;

    #[test]
    fn learns_a_toy_corpus() {
        let mut text = String::new();
        for i in 0..30 {
            text.push_str("-DOCSTART- -X- -X- O\n\n");
            let name = ["Smith", "Jones", "Brown"][i % 3];
            text.push_str(&format!(
                "Mr NNP O O\n{name} NNP O B-PER\nvisited VBD O O\nParis NNP O B-LOC\n. . O O\n\n"
            ));
            text.push_str(&format!(
                "{name} NNP O B-PER\nsaid VBD O O\nno DT O O\n. . O O\n\n"
            ));
        }
        let docs = parse_conll(&text, Path::new("toy")).unwrap();
        let cfg = TrainConfig {
            epochs: 3,
            bits: 16,
            folds: 2,
            ..TrainConfig::default()
        };
        let (tagger, report) = train(&docs, &docs, &cfg, &mut |_| {}).unwrap();
        assert!(
            report.dev_scores.overall().f1() > 0.99,
            "{}",
            report.dev_scores
        );
        let bytes = tagger.to_bytes().unwrap();
        let back = EntityTagger::from_bytes(&bytes, Path::new("toy.bin")).unwrap();
        let (w, r) = docs[0].flatten();
        assert_eq!(back.tag(&w, &r), tagger.tag(&w, &r));
    }
}
