//! From per-piece logits to spans: Viterbi over BIO labels, so that an `I` only follows a
//! `B` or `I` of the same type.

/// What a label means in a BIO scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bio {
    /// Outside any span.
    O,
    /// Begins a span of this type.
    B(usize),
    /// Continues a span of this type.
    I(usize),
}

impl Bio {
    /// Parses `O`, `B-X`, `I-X` with `X` looked up in `types`.
    pub fn parse(label: &str, types: &[&str]) -> Option<Bio> {
        if label == "O" {
            return Some(Bio::O);
        }
        let (bio, typ) = label.split_once('-')?;
        let t = types.iter().position(|x| *x == typ)?;
        match bio {
            "B" => Some(Bio::B(t)),
            "I" => Some(Bio::I(t)),
            _ => None,
        }
    }

    fn may_follow(self, prev: Option<Bio>) -> bool {
        match self {
            Bio::I(t) => matches!(prev, Some(Bio::B(p) | Bio::I(p)) if p == t),
            _ => true,
        }
    }
}

/// A decoded span over pieces `[first, end)`, with the mean probability of its labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PieceSpan {
    /// First piece.
    pub first: usize,
    /// One past the last piece.
    pub end: usize,
    /// Span type (index into the scheme's types).
    pub typ: usize,
    /// Mean probability of the chosen labels over the span.
    pub prob: f32,
}

/// Label-transition scores learned with the model (a linear-chain CRF), added to the
/// per-position log-probabilities along a path; `config.json` holds one per attribution role.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Transitions {
    /// Score of starting in each label.
    pub start: [f32; 3],
    /// `transitions[from][to]`.
    pub transitions: [[f32; 3]; 3],
    /// Score of ending in each label.
    pub end: [f32; 3],
}

impl Transitions {
    /// True when every score is a finite number.
    pub fn is_finite(&self) -> bool {
        self.start
            .iter()
            .chain(self.end.iter())
            .chain(self.transitions.iter().flatten())
            .all(|x| x.is_finite())
    }
}

/// Best label sequence under the BIO constraints; `logits` is `n × labels.len()` read with
/// `stride` floats per piece starting at `offset` (so one column group of a wider row works).
pub fn viterbi(logits: &[f32], stride: usize, offset: usize, labels: &[Bio]) -> Vec<PieceSpan> {
    viterbi_with(logits, stride, offset, labels, None)
}

/// [`viterbi`] with learned transition scores (three labels: O, B, I).
pub fn viterbi_with(
    logits: &[f32],
    stride: usize,
    offset: usize,
    labels: &[Bio],
    crf: Option<&Transitions>,
) -> Vec<PieceSpan> {
    let k = labels.len();
    let n = logits.len().checked_div(stride).unwrap_or(0);
    if n == 0 || k == 0 {
        return Vec::new();
    }
    // Log-probabilities per piece.
    let mut lp = vec![0f32; n * k];
    for i in 0..n {
        let row = &logits[i * stride + offset..i * stride + offset + k];
        let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let lse = max + row.iter().map(|x| (x - max).exp()).sum::<f32>().ln();
        for (j, x) in row.iter().enumerate() {
            lp[i * k + j] = x - lse;
        }
    }
    let crf = crf.filter(|_| k == 3);
    let start = |j: usize| crf.map_or(0.0, |c| c.start[j]);
    let step = |p: usize, j: usize| crf.map_or(0.0, |c| c.transitions[p][j]);
    let end = |j: usize| crf.map_or(0.0, |c| c.end[j]);
    let mut score = vec![f32::NEG_INFINITY; k];
    let mut back = vec![0u16; n * k];
    for j in 0..k {
        if labels[j].may_follow(None) {
            score[j] = lp[j] + start(j);
        }
    }
    let mut next = vec![0f32; k];
    for i in 1..n {
        for j in 0..k {
            let mut best = (f32::NEG_INFINITY, 0usize);
            for (p, &s) in score.iter().enumerate() {
                let s = s + step(p, j);
                if s > best.0 && labels[j].may_follow(Some(labels[p])) {
                    best = (s, p);
                }
            }
            next[j] = best.0 + lp[i * k + j];
            back[i * k + j] = best.1 as u16;
        }
        std::mem::swap(&mut score, &mut next);
    }
    let mut j = (0..k)
        .max_by(|&a, &b| (score[a] + end(a)).total_cmp(&(score[b] + end(b))))
        .unwrap_or(0);
    let mut path = vec![0usize; n];
    for i in (0..n).rev() {
        path[i] = j;
        j = back[i * k + j] as usize;
    }
    let mut out: Vec<PieceSpan> = Vec::new();
    let mut open: Option<(usize, usize, f32)> = None;
    let close = |open: &mut Option<(usize, usize, f32)>, end: usize, out: &mut Vec<PieceSpan>| {
        if let Some((first, typ, sum)) = open.take() {
            out.push(PieceSpan {
                first,
                end,
                typ,
                prob: sum / (end - first) as f32,
            });
        }
    };
    for (i, &j) in path.iter().enumerate() {
        let p = lp[i * k + j].exp();
        match labels[j] {
            Bio::O => close(&mut open, i, &mut out),
            Bio::B(t) => {
                close(&mut open, i, &mut out);
                open = Some((i, t, p));
            }
            Bio::I(_) => {
                if let Some(o) = open.as_mut() {
                    o.2 += p;
                }
            }
        }
    }
    close(&mut open, n, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const OBI: [Bio; 3] = [Bio::O, Bio::B(0), Bio::I(0)];

    fn rows(best: &[usize]) -> Vec<f32> {
        best.iter()
            .flat_map(|&b| (0..3).map(move |j| if j == b { 3.0 } else { 0.0 }))
            .collect()
    }

    #[test]
    fn spans_follow_labels() {
        let s = viterbi(&rows(&[0, 1, 2, 2, 0, 1, 1]), 3, 0, &OBI);
        let got: Vec<_> = s.iter().map(|s| (s.first, s.end)).collect();
        assert_eq!(got, vec![(1, 4), (5, 6), (6, 7)]);
    }

    #[test]
    fn a_stray_inside_label_is_repaired() {
        // O I I: an I cannot start a span, so the decoder picks B I or O O.
        let s = viterbi(&rows(&[0, 2, 2]), 3, 0, &OBI);
        assert!(s.iter().all(|s| s.first >= 1));
    }

    #[test]
    fn transitions_join_a_span_that_the_labels_alone_split() {
        // B I then two weak Os (1.0 against 0.8 for I): alone the span ends after two
        // positions; a learned I→I bonus carries it to the end.
        let logits = [
            0.0, 3.0, 0.0, //
            0.0, 0.0, 3.0, //
            1.0, 0.0, 0.8, //
            1.0, 0.0, 0.8,
        ];
        let plain: Vec<_> = viterbi(&logits, 3, 0, &OBI)
            .iter()
            .map(|s| (s.first, s.end))
            .collect();
        assert_eq!(plain, vec![(0, 2)]);
        let crf = Transitions {
            start: [0.0; 3],
            transitions: [[0.0; 3], [0.0, 0.0, 0.5], [0.0, 0.0, 0.5]],
            end: [0.0; 3],
        };
        let joined = viterbi_with(&logits, 3, 0, &OBI, Some(&crf));
        let got: Vec<_> = joined.iter().map(|s| (s.first, s.end)).collect();
        assert_eq!(got, vec![(0, 4)]);
    }

    #[test]
    fn labels_parse() {
        let types = ["PER", "ORG"];
        assert_eq!(Bio::parse("O", &types), Some(Bio::O));
        assert_eq!(Bio::parse("I-ORG", &types), Some(Bio::I(1)));
        assert_eq!(Bio::parse("B-XYZ", &types), None);
    }

    #[test]
    fn empty_input() {
        assert!(viterbi(&[], 3, 0, &OBI).is_empty());
    }
}
