//! News outlets: gazetteer matching and the role each outlet plays.

use crate::doc::Doc;
use crate::error::Result;
use crate::pipeline::{Layer, Stage};
use std::path::PathBuf;

/// Finds outlets and attaches them to quotes.
#[derive(Debug, Default)]
pub struct OutletFinder {}

impl OutletFinder {
    /// Builds the built-in gazetteer plus `extra` files.
    pub fn new(_extra: &[PathBuf]) -> Result<Self> {
        Ok(OutletFinder {})
    }
}

impl Stage for OutletFinder {
    fn name(&self) -> &'static str {
        "outlets"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Outlets]
    }
    fn process(&self, _doc: &mut Doc) -> Result<()> {
        Ok(())
    }
}
