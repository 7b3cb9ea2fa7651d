//! The stage trait and the pipeline that runs stages in order.

mod builder;
mod config;
mod contract;
#[cfg(test)]
pub(crate) mod testing;

pub use builder::PipelineBuilder;
use config::SharedResources;
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
    /// Annotates several documents, one result per document, in order: each document must
    /// come out as [`Stage::process`] leaves it, and a panic must be reported for the
    /// document that causes it. The default runs `process` on each; a stage overrides it to
    /// share work between documents (the transformer runs their windows in common batches).
    fn process_batch(&self, docs: &mut [&mut Doc]) -> Vec<Result<()>> {
        process_each(self, docs)
    }
}

/// Runs `stage.process` on each document, a panic becoming that document's error.
pub(crate) fn process_each<S: Stage + ?Sized>(stage: &S, docs: &mut [&mut Doc]) -> Vec<Result<()>> {
    docs.iter_mut()
        .map(|doc| guarded(stage.name(), doc, |doc| stage.process(doc)))
        .collect()
}

/// Runs `f` on `doc`, turning a panic into [`Error::Stage`] naming `stage` and the document.
pub(crate) fn guarded(
    stage: &'static str,
    doc: &mut Doc,
    f: impl FnOnce(&mut Doc) -> Result<()>,
) -> Result<()> {
    match catch_unwind(AssertUnwindSafe(|| f(doc))) {
        Ok(result) => result,
        Err(panic) => Err(stage_error(stage, &doc.id, panic_message(panic.as_ref()))),
    }
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
        let mut shared = SharedResources::default();
        for stage in &config.stages {
            builder = builder.with_stage(stage.build_sharing(&config, &mut shared)?);
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

    /// Runs every stage over all `docs`, stage by stage, each stage over the documents that
    /// have not failed yet ([`Stage::process_batch`], like spaCy's `pipe`). Each document
    /// comes out as [`Pipeline::process`] leaves it, with the same error if it fails.
    pub fn process_batch(&self, docs: &mut [Doc]) -> Vec<Result<()>> {
        let mut results: Vec<Result<()>> = docs.iter().map(|_| Ok(())).collect();
        for stage in &self.stages {
            let (at, mut live): (Vec<usize>, Vec<&mut Doc>) = docs
                .iter_mut()
                .enumerate()
                .filter(|(i, _)| results[*i].is_ok())
                .unzip();
            if live.is_empty() {
                break;
            }
            // A stage's own `process_batch` catches the panics it can pin on a document;
            // one that escapes it fails all of them.
            let out = catch_unwind(AssertUnwindSafe(|| stage.process_batch(&mut live)))
                .unwrap_or_else(|panic| {
                    let message = panic_message(panic.as_ref());
                    live.iter()
                        .map(|d| Err(stage_error(stage.name(), &d.id, message.clone())))
                        .collect()
                });
            for ((i, doc), result) in at.into_iter().zip(&live).zip(out) {
                results[i] = result.and_then(|()| checked(stage.as_ref(), doc));
            }
        }
        results
    }

    /// Annotates one document and returns the output record.
    pub fn annotate(&self, document: &Document) -> Result<Annotation> {
        let mut doc = Doc::new(document.id.clone(), document.text.as_str());
        self.process(&mut doc)?;
        annotation_of(&doc)
    }

    /// Annotates several documents together ([`Pipeline::process_batch`]): one record or
    /// error per document, in order, each what [`Pipeline::annotate`] returns for it.
    pub fn annotate_batch<'a>(
        &self,
        documents: impl IntoIterator<Item = &'a Document>,
    ) -> Vec<Result<Annotation>> {
        let mut docs: Vec<Doc> = documents
            .into_iter()
            .map(|d| Doc::new(d.id.clone(), d.text.as_str()))
            .collect();
        let results = self.process_batch(&mut docs);
        docs.iter()
            .zip(results)
            .map(|(doc, r)| r.and_then(|()| annotation_of(doc)))
            .collect()
    }
}

/// The output record of a processed document; a panic becomes an error naming `output`.
fn annotation_of(doc: &Doc) -> Result<Annotation> {
    catch_unwind(|| Annotation::from_doc(doc))
        .map_err(|panic| stage_error("output", &doc.id, panic_message(panic.as_ref())))
}

/// Runs one stage, turning a panic into an error: a library caller has no `catch_unwind`.
fn run_stage(stage: &dyn Stage, doc: &mut Doc) -> Result<()> {
    guarded(stage.name(), doc, |doc| stage.process(doc))?;
    checked(stage, doc)
}

/// In debug builds, checks the document a stage left with [`Doc::validate`].
#[cfg_attr(not(debug_assertions), allow(unused_variables))]
fn checked(stage: &dyn Stage, doc: &Doc) -> Result<()> {
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
