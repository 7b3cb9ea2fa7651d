//! Test support shared by the stage modules' unit tests.

use super::Stage;
use crate::doc::Doc;

/// A document carrying sentences and tokens from the real stages, ready for a later stage.
pub(crate) fn tokenized(text: &str) -> Doc {
    let mut doc = Doc::new("t", text);
    crate::sentences::SentenceSplitter::new()
        .and_then(|s| s.process(&mut doc))
        .expect("sentence stage");
    crate::tokens::Tokenizer::new()
        .and_then(|t| t.process(&mut doc))
        .expect("token stage");
    doc
}
