//! The case class of a word piece. The base encoder is uncased (its tokenizer lowercases), so
//! case reaches the model through the token-type embedding, one row per class.

/// Number of case classes, i.e. token-type rows in the model.
pub const CASE_CLASSES: u32 = 5;

/// 0: no letters, 1: lower, 2: Capitalised (or a lone capital), 3: UPPER, 4: mixed.
///
/// Must match `case_class` in `training/labels.py` (held to it by `tests/training_parity.rs`).
pub fn case_class(piece: &str) -> u32 {
    let mut letters = piece.chars().filter(|&c| is_letter(c));
    let Some(first) = letters.next() else {
        return 0;
    };
    let rest: Vec<char> = letters.collect();
    let all_lower = first.is_lowercase() && rest.iter().all(|c| c.is_lowercase());
    if all_lower {
        return 1;
    }
    if first.is_uppercase() && rest.iter().all(|c| c.is_lowercase()) {
        return 2;
    }
    if first.is_uppercase() && rest.iter().all(|c| c.is_uppercase()) {
        return 3;
    }
    4
}

/// Python's `str.isalpha` for one character: the general categories Lu, Ll, Lt, Lm and Lo.
/// Rust's `is_alphabetic` also takes letter numbers (Ⅻ), circled letters (Ⓐ) and some
/// combining marks, which the training code never counted as letters. (The tables are
/// Unicode 16, Python 3.11's are 14: letters added since then are letters here only.)
fn is_letter(c: char) -> bool {
    use unicode_general_category::{GeneralCategory::*, get_general_category};
    c.is_ascii_alphabetic()
        || !c.is_ascii()
            && matches!(
                get_general_category(c),
                UppercaseLetter | LowercaseLetter | TitlecaseLetter | ModifierLetter | OtherLetter
            )
}

#[cfg(test)]
mod tests {
    use super::case_class;

    #[test]
    fn classes() {
        for (piece, class) in [
            ("", 0),
            ("1999", 0),
            (",", 0),
            ("mayor", 1),
            ("Mayor", 2),
            ("A", 2),
            ("NATO", 3),
            ("McKay", 4),
            ("iPhone", 4),
            ("Zürich", 2),
            ("日本", 4),
        ] {
            assert_eq!(case_class(piece), class, "{piece:?}");
        }
    }
}
