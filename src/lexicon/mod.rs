//! Word lists compiled into the binary from the project's `data/` folder.
//!
//! Lexicons are plain UTF-8 text: one entry per line, `#` starts a comment, blank lines are
//! ignored. They are embedded with `include_str!` so the binary runs anywhere without its
//! source tree.

use std::collections::HashSet;

/// Iterates the entries of a word list: trimmed, non-empty, comments removed.
pub fn entries(list: &str) -> impl Iterator<Item = &str> {
    list.lines()
        .map(|l| l.split_once('#').map_or(l, |(a, _)| a).trim())
        .filter(|l| !l.is_empty())
}

/// A word list as a set of lowercased entries.
pub fn lowercase_set(list: &str) -> HashSet<String> {
    entries(list).map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn comments_and_blanks() {
        let v: Vec<_> = super::entries("a\n# c\n\n b # x\n").collect();
        assert_eq!(v, ["a", "b"]);
    }
}
