//! The case class of a word piece. The base encoder is uncased (its tokenizer lowercases), so
//! case reaches the model through the token-type embedding, one row per class.

/// Number of case classes, i.e. token-type rows in the model.
pub const CASE_CLASSES: u32 = 5;

/// 0: no letters, 1: lower, 2: Capitalised (or a lone capital), 3: UPPER, 4: mixed.
///
/// Must match `case_class` in `training/model.py`.
pub fn case_class(piece: &str) -> u32 {
    let mut letters = piece.chars().filter(|c| c.is_alphabetic());
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
