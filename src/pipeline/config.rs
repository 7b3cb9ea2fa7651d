//! The pipeline as data: which stages run, in which order, with which resources.

use super::Stage;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// One stage and its settings. The single `build` match below is the registry of stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StageConfig {
    /// Rule-based sentence and paragraph splitter.
    Sentences,
    /// Word tokenizer.
    Tokens,
    /// Averaged-perceptron NER tagger; `model` overrides the built-in model.
    Entities {
        /// Path of a model file to use instead of the built-in one.
        #[serde(default)]
        model: Option<PathBuf>,
    },
    /// Quotes, cues and speaker mentions.
    Quotes,
    /// Speaker resolution and coreference.
    Speakers,
    /// Outlet detection and attribution.
    Outlets,
}

impl StageConfig {
    /// Builds the stage, loading what it needs.
    pub fn build(&self, config: &Config) -> Result<Box<dyn Stage>> {
        Ok(match self {
            StageConfig::Sentences => Box::new(crate::sentences::SentenceSplitter::new()?),
            StageConfig::Tokens => Box::new(crate::tokens::Tokenizer::new()?),
            StageConfig::Entities { model } => {
                Box::new(crate::entities::EntityTagger::load(model.as_deref())?)
            }
            StageConfig::Quotes => Box::new(crate::quotes::QuoteFinder::new()?),
            StageConfig::Speakers => Box::new(crate::speakers::SpeakerResolver::new()?),
            StageConfig::Outlets => {
                Box::new(crate::outlets::OutletFinder::new(&config.outlet_files)?)
            }
        })
    }
}

/// What a [`Pipeline`](super::Pipeline) is built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Stages in the order they run.
    pub stages: Vec<StageConfig>,
    /// Extra outlet gazetteer files that add to or override the built-in one.
    #[serde(default)]
    pub outlet_files: Vec<PathBuf>,
}

impl Default for Config {
    /// Every stage, with built-in lexicons and models.
    fn default() -> Self {
        Config {
            stages: vec![
                StageConfig::Sentences,
                StageConfig::Tokens,
                StageConfig::Entities { model: None },
                StageConfig::Quotes,
                StageConfig::Speakers,
                StageConfig::Outlets,
            ],
            outlet_files: Vec::new(),
        }
    }
}

impl Config {
    /// Adds an outlet gazetteer file.
    #[must_use]
    pub fn with_outlet_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.outlet_files.push(path.into());
        self
    }

    /// Uses a NER model file instead of the built-in one.
    #[must_use]
    pub fn with_ner_model(mut self, path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        for s in &mut self.stages {
            if let StageConfig::Entities { model } = s {
                *model = Some(path.clone());
            }
        }
        self
    }
}
