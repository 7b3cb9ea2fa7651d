//! Overlapping windows over a document's word pieces, so that nothing is truncated and every
//! piece is scored with context on both sides.

/// `(start, end)` piece ranges of at most `size` pieces; each window repeats the last
/// `overlap` pieces of the one before. Must match `windows` in `training/data.py`.
pub fn windows(n: usize, size: usize, overlap: usize) -> Vec<(usize, usize)> {
    debug_assert!(overlap < size);
    if n <= size {
        return vec![(0, n)];
    }
    let mut out = Vec::with_capacity(n / (size - overlap) + 1);
    let mut start = 0;
    loop {
        let end = (start + size).min(n);
        out.push((start, end));
        if end == n {
            return out;
        }
        start = end - overlap;
    }
}

/// For each piece, the window whose edge is farthest from it (the first such window on
/// ties), so a piece is read with as much context as the windows give.
pub fn owners(n: usize, wins: &[(usize, usize)]) -> Vec<u32> {
    let mut best = vec![(-1i64, 0u32); n];
    for (w, &(a, b)) in wins.iter().enumerate() {
        for (i, slot) in best.iter_mut().enumerate().take(b).skip(a) {
            let d = (i - a).min(b - 1 - i) as i64;
            if d > slot.0 {
                *slot = (d, w as u32);
            }
        }
    }
    best.into_iter().map(|(_, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_input_is_one_window() {
        assert_eq!(windows(0, 10, 2), vec![(0, 0)]);
        assert_eq!(windows(10, 10, 2), vec![(0, 10)]);
        assert_eq!(windows(11, 10, 2), vec![(0, 10), (8, 11)]);
    }

    proptest! {
        #[test]
        fn windows_cover_every_piece(n in 0usize..3000, size in 4usize..300, frac in 0usize..4) {
            let overlap = size * frac / 8;
            let wins = windows(n, size, overlap);
            prop_assert_eq!(wins[0].0, 0);
            prop_assert_eq!(wins.last().unwrap().1, n);
            for w in &wins {
                prop_assert!(w.1 - w.0 <= size);
            }
            for p in wins.windows(2) {
                prop_assert_eq!(p[1].0, p[0].1 - overlap);
            }
            let own = owners(n, &wins);
            for (i, &w) in own.iter().enumerate() {
                let (a, b) = wins[w as usize];
                prop_assert!(a <= i && i < b);
            }
        }
    }
}
