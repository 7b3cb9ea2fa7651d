//! The stage trait and the pipeline that runs stages in order.

mod builder;
mod config;
#[cfg(test)]
pub(crate) mod testing;

pub use builder::PipelineBuilder;
pub use config::{Config, NerMode, StageConfig, TransformerConfig};

use crate::doc::Doc;
use crate::error::Result;
use crate::io::wire::{Annotation, Document};

/// A layer of annotation a stage reads or writes; used to check stage order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Paragraphs and sentences.
    Sentences,
    /// Word tokens.
    Tokens,
    /// Named entities.
    Entities,
    /// Quotes, cues and speaker mentions.
    Quotes,
    /// Resolved speakers.
    Speakers,
    /// Outlets and their mentions.
    Outlets,
    /// Attribution-role spans from the transformer stage.
    Roles,
}

/// One step of the pipeline: reads some layers of a [`Doc`] and adds others.
///
/// Stages are `Send + Sync`: one instance serves every thread.
pub trait Stage: Send + Sync {
    /// Short name for messages.
    fn name(&self) -> &'static str;
    /// Layers that must exist before this stage runs.
    fn requires(&self) -> &'static [Layer];
    /// Layers this stage adds.
    fn assigns(&self) -> &'static [Layer];
    /// Annotates the document in place.
    fn process(&self, doc: &mut Doc) -> Result<()>;
}

/// The stages, in order, ready to annotate any number of documents from any thread.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.stages.iter().map(|s| s.name()))
            .finish()
    }
}

impl Pipeline {
    /// Builds the pipeline that `config` describes, loading lexicons and models once.
    pub fn new(config: &Config) -> Result<Self> {
        let mut builder = PipelineBuilder::new();
        for stage in &config.stages {
            builder = builder.with_stage(stage.build(config)?);
        }
        builder.build()
    }

    /// The names of the stages, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// The stages, in order (e.g. to time each one).
    pub fn stages(&self) -> impl Iterator<Item = &dyn Stage> {
        self.stages.iter().map(|s| s.as_ref())
    }

    /// Runs every stage over `doc`.
    pub fn process(&self, doc: &mut Doc) -> Result<()> {
        for stage in &self.stages {
            stage.process(doc)?;
        }
        Ok(())
    }

    /// Annotates one document and returns the output record.
    pub fn annotate(&self, document: &Document) -> Result<Annotation> {
        let mut doc = Doc::new(document.id.clone(), document.text.as_str());
        self.process(&mut doc)?;
        Ok(Annotation::from_doc(&doc))
    }
}
