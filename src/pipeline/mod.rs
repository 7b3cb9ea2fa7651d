//! The stage trait and the pipeline that runs stages in order.

mod builder;
mod config;
mod contract;
#[cfg(test)]
pub(crate) mod testing;

pub use builder::PipelineBuilder;
pub use config::{CONFIG_VERSION, Config, NerMode, StageConfig, TransformerConfig};
pub use contract::Contract;

use crate::doc::Doc;
use crate::error::{Error, Result};
use crate::io::wire::{Annotation, Document};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// A layer of annotation a stage reads or writes; used to check stage order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Paragraphs and sentences (`Doc::paragraphs`, `Doc::sentences`).
    Sentences,
    /// Word tokens.
    Tokens,
    /// Named entities.
    Entities,
    /// Quotes, cues and speaker mentions (`Doc::quotes`, `Doc::mentions`).
    Quotes,
    /// Resolved speakers.
    Speakers,
    /// Outlets and their mentions.
    Outlets,
    /// Which outlet each quote is sourced to, and the speakers and mentions that are outlets.
    OutletLinks,
    /// Attribution-role spans from the transformer stage.
    Roles,
}

/// One step of the pipeline: reads some layers of a [`Doc`] and adds others.
///
/// Stages are `Send + Sync`: one instance serves every thread. A stage touches only the
/// layers its [`Contract`] names; the builder checks every order against the contracts.
pub trait Stage: Send + Sync {
    /// Short name for messages.
    fn name(&self) -> &'static str;
    /// What the stage reads, writes, refines and invalidates.
    fn contract(&self) -> Contract;
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
        let config = config.upgraded()?;
        let mut builder = PipelineBuilder::new();
        for stage in &config.stages {
            builder = builder.with_stage(stage.build(&config)?);
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

    /// Runs every stage over `doc`. A stage that panics yields [`Error::Stage`] naming it
    /// and the document; in debug builds each stage's output is checked with
    /// [`Doc::validate`].
    pub fn process(&self, doc: &mut Doc) -> Result<()> {
        for stage in &self.stages {
            run_stage(stage.as_ref(), doc)?;
        }
        Ok(())
    }

    /// Annotates one document and returns the output record.
    pub fn annotate(&self, document: &Document) -> Result<Annotation> {
        let mut doc = Doc::new(document.id.clone(), document.text.as_str());
        self.process(&mut doc)?;
        catch_unwind(|| Annotation::from_doc(&doc))
            .map_err(|panic| stage_error("output", &doc.id, panic_message(panic.as_ref())))
    }
}

/// Runs one stage, turning a panic into an error: a library caller has no `catch_unwind`.
fn run_stage(stage: &dyn Stage, doc: &mut Doc) -> Result<()> {
    match catch_unwind(AssertUnwindSafe(|| stage.process(doc))) {
        Ok(result) => result?,
        Err(panic) => {
            return Err(stage_error(
                stage.name(),
                &doc.id,
                panic_message(panic.as_ref()),
            ));
        }
    }
    #[cfg(debug_assertions)]
    doc.validate().map_err(|invalid| {
        stage_error(
            stage.name(),
            &doc.id,
            format!("left the document invalid: {invalid}"),
        )
    })?;
    Ok(())
}

fn stage_error(stage: &'static str, doc: &str, message: String) -> Error {
    Error::Stage {
        stage,
        doc: doc.to_string(),
        message,
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        format!("panicked: {s}")
    } else if let Some(s) = panic.downcast_ref::<String>() {
        format!("panicked: {s}")
    } else {
        "panicked".to_string()
    }
}
