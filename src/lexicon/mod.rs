//! Word lists compiled into the binary from the project's `data/` folder, and the one reader
//! of their format.
//!
//! Lexicons are plain UTF-8 text, one entry per line. Blank lines are ignored, and `#` starts
//! a comment that runs to the line end ([`Comments::Anywhere`]); lists whose entries may hold
//! a `#` (outlet names, Brown-cluster words) take comments only as whole lines
//! ([`Comments::WholeLine`]). A table has tab-separated fields ([`fields`]). Errors name the
//! file and the line ([`data_error`]). The lists are embedded with `include_str!` so the
//! binary runs anywhere without its source tree.

pub mod marks;

use crate::error::Error;
use std::collections::HashSet;
use std::path::PathBuf;

/// Where a list's comments are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comments {
    /// From `#` to the line end, anywhere on a line.
    Anywhere,
    /// Only lines that start (after leading whitespace) with this prefix, for lists whose
    /// entries may hold a `#`.
    WholeLine(&'static str),
}

/// A line of a list that holds an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    /// Its number in the file, from 1.
    pub number: usize,
    /// Its text, comment removed, not trimmed.
    pub text: &'a str,
}

/// The lines of `list` that hold entries: comments removed, blank lines skipped.
pub fn lines(list: &str, comments: Comments) -> impl Iterator<Item = Line<'_>> {
    list.lines().enumerate().filter_map(move |(i, raw)| {
        let text = match comments {
            Comments::Anywhere => raw.split_once('#').map_or(raw, |(a, _)| a),
            Comments::WholeLine(prefix) if raw.trim_start().starts_with(prefix) => return None,
            Comments::WholeLine(_) => raw,
        };
        (!text.trim().is_empty()).then_some(Line {
            number: i + 1,
            text,
        })
    })
}

/// Iterates the entries of a word list: trimmed, non-empty, comments removed.
pub fn entries(list: &str) -> impl Iterator<Item = &str> {
    lines(list, Comments::Anywhere).map(|l| l.text.trim())
}

/// A word list as a set of lowercased entries.
pub fn lowercase_set(list: &str) -> HashSet<String> {
    entries(list).map(str::to_lowercase).collect()
}

/// The tab-separated fields of a line, trimmed.
pub fn split_fields(text: &str) -> Vec<&str> {
    text.split('\t').map(str::trim).collect()
}

/// The tab-separated fields of `line` of the table `path`, trimmed; an error when there are
/// fewer than `min`.
pub fn fields<'a>(line: Line<'a>, path: &str, min: usize) -> Result<Vec<&'a str>, Error> {
    let cols = split_fields(line.text);
    if cols.len() < min {
        return Err(data_error(
            path,
            line.number,
            format!("expected {min} tab-separated columns"),
        ));
    }
    Ok(cols)
}

/// The error for line `line` (from 1) of the list `path`.
pub fn data_error(path: impl Into<PathBuf>, line: usize, reason: impl Into<String>) -> Error {
    Error::Data {
        path: path.into(),
        line,
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blanks() {
        let v: Vec<_> = entries("a\n# c\n\n b # x\n").collect();
        assert_eq!(v, ["a", "b"]);
    }

    #[test]
    fn lines_keep_their_numbers() {
        // (list, comments, (number, text) of each entry line, why)
        type Entries<'a> = &'a [(usize, &'a str)];
        #[rustfmt::skip]
        let cases: &[(&str, Comments, Entries, &str)] = &[
            ("a\n\n# c\nb # x", Comments::Anywhere, &[(1, "a"), (4, "b ")], "a comment anywhere"),
            ("#\t18\n# note\n$\t19", Comments::WholeLine("# "), &[(1, "#\t18"), (3, "$\t19")], "`#` is an entry"),
            ("  # note\nC#\tx", Comments::WholeLine("#"), &[(2, "C#\tx")], "a comment line may be indented"),
            (" \t \nx", Comments::Anywhere, &[(2, "x")], "whitespace alone is blank"),
        ];
        for (list, comments, want, why) in cases {
            let got: Vec<(usize, &str)> =
                lines(list, *comments).map(|l| (l.number, l.text)).collect();
            assert_eq!(got, *want, "{why}");
        }
    }

    #[test]
    fn fields_name_the_file_and_line() {
        let line = Line {
            number: 7,
            text: "said\t v \t0.9",
        };
        assert_eq!(fields(line, "data/x.tsv", 3).unwrap(), ["said", "v", "0.9"]);
        let err = fields(line, "data/x.tsv", 4).unwrap_err().to_string();
        assert!(err.contains("data/x.tsv") && err.contains('7'), "{err}");
    }
}
