//! :Entities:Resolves speaker mentions to speakers.

use crate::doc::Doc;
use crate::error::Result;
use crate::pipeline::{Layer, Stage};

/// :Entities:Resolves speaker mentions to speakers.
#[derive(Debug, Default)]
pub struct SpeakerResolver {}

impl SpeakerResolver {
    /// Builds the stage.
    pub fn new() -> Result<Self> {
        Ok(SpeakerResolver {})
    }
}

impl Stage for SpeakerResolver {
    fn name(&self) -> &'static str {
        "speakers"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Quotes, Layer::Entities]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Speakers]
    }
    fn process(&self, _doc: &mut Doc) -> Result<()> {
        Ok(())
    }
}
