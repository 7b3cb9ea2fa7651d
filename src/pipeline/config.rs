//! The pipeline as data: which stages run, in which order, with which resources.

use super::Stage;
use crate::error::{Error, Result};
use crate::outlets::Gazetteer;
use crate::quotes::AttributionMode;
use crate::sentences::LineBreaks;
use crate::transformer::BackendKind;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::Arc;

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
    /// The transformer: entities (`ner`) and attribution-role spans (`roles`) from one pass.
    Transformer {
        /// Write entities (instead of the perceptron tagger).
        #[serde(default)]
        ner: bool,
        /// Write attribution-role spans for the quotes stage.
        #[serde(default)]
        roles: bool,
    },
    /// Quotes, cues and speaker mentions.
    Quotes {
        /// Rules, the transformer's role spans, or both.
        #[serde(default)]
        attribution: AttributionMode,
    },
    /// Speaker resolution and coreference.
    Speakers,
    /// Outlet detection.
    Outlets,
    /// Links quotes, speaker mentions and speakers to the outlets found.
    LinkOutlets,
}

/// What several stages of one pipeline read, built once on first use.
#[derive(Default)]
pub(crate) struct SharedResources {
    gazetteer: Option<Arc<Gazetteer>>,
}

impl SharedResources {
    /// The outlet gazetteer of `config` (built-in list plus its `outlet_files`).
    fn gazetteer(&mut self, config: &Config) -> Result<Arc<Gazetteer>> {
        if let Some(g) = &self.gazetteer {
            return Ok(g.clone());
        }
        let g = Arc::new(Gazetteer::new(&config.outlet_files)?);
        self.gazetteer = Some(g.clone());
        Ok(g)
    }
}

impl StageConfig {
    /// Builds the stage, loading what it needs.
    pub fn build(&self, config: &Config) -> Result<Box<dyn Stage>> {
        self.build_sharing(config, &mut SharedResources::default())
    }

    /// As [`StageConfig::build`], taking what other stages also read from `shared`.
    pub(crate) fn build_sharing(
        &self,
        config: &Config,
        shared: &mut SharedResources,
    ) -> Result<Box<dyn Stage>> {
        Ok(match self {
            StageConfig::Sentences => Box::new(
                crate::sentences::SentenceSplitter::new()?.with_line_breaks(config.line_breaks),
            ),
            StageConfig::Tokens => Box::new(crate::tokens::Tokenizer::new()?),
            StageConfig::Entities { model } => {
                Box::new(crate::entities::EntityTagger::load(model.as_deref())?)
            }
            #[cfg(feature = "transformer")]
            StageConfig::Transformer { ner, roles } => {
                Box::new(crate::transformer::TransformerTagger::load(
                    config.transformer.model_dir.as_deref(),
                    config.transformer.backend,
                    *ner,
                    *roles,
                )?)
            }
            #[cfg(not(feature = "transformer"))]
            StageConfig::Transformer { .. } => {
                let _ = config;
                return Err(Error::Config(
                    "this build has no transformer engine: rebuild with the `candle` feature \
                     (on by default), `rust-bert` or `onnx`"
                        .into(),
                ));
            }
            StageConfig::Quotes { attribution } => {
                Box::new(crate::quotes::QuoteFinder::with_mode(*attribution)?)
            }
            StageConfig::Speakers => Box::new(crate::speakers::SpeakerResolver::with_outlets(
                &*shared.gazetteer(config)?,
            )?),
            StageConfig::Outlets => Box::new(crate::outlets::OutletFinder::with_gazetteer(
                shared.gazetteer(config)?,
            )?),
            StageConfig::LinkOutlets => Box::new(crate::outlets::OutletLinker),
        })
    }
}

/// The version of [`Config`] that this library writes.
pub const CONFIG_VERSION: u32 = 2;

/// Configs saved before `version` existed are version 1.
fn version_1() -> u32 {
    1
}

/// What a [`Pipeline`](super::Pipeline) is built from.
///
/// Saved configs carry a `version`. Version 1 (saved before it existed) had no
/// `link_outlets` stage, because the outlets stage linked quotes itself; when such a config
/// is built, `link_outlets` is added right after `outlets` (see [`Config::upgraded`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Format version ([`CONFIG_VERSION`] for configs made by this library).
    #[serde(default = "version_1")]
    pub version: u32,
    /// Stages in the order they run.
    pub stages: Vec<StageConfig>,
    /// Extra outlet gazetteer files that add to or override the built-in one.
    #[serde(default)]
    pub outlet_files: Vec<PathBuf>,
    /// Where the transformer model is and which engine runs it.
    #[serde(default)]
    pub transformer: TransformerConfig,
    /// How the sentence stage reads single line breaks (default: decided per document).
    #[serde(default = "auto_line_breaks")]
    pub line_breaks: LineBreaks,
}

fn auto_line_breaks() -> LineBreaks {
    LineBreaks::Auto
}

/// Which entity tagger runs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NerMode {
    /// The averaged-perceptron tagger (fast, built in).
    #[default]
    Fast,
    /// The transformer's NER head.
    Transformer,
}

/// Settings of the transformer stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TransformerConfig {
    /// Model folder (default: `$QUOTESMITH_MODEL_DIR`, else `models/transformer`).
    #[serde(default)]
    pub model_dir: Option<PathBuf>,
    /// Engine.
    #[serde(default)]
    pub backend: BackendKind,
}

impl Default for Config {
    /// Every stage, with built-in lexicons and models.
    fn default() -> Self {
        Config {
            version: CONFIG_VERSION,
            stages: vec![
                StageConfig::Sentences,
                StageConfig::Tokens,
                StageConfig::Entities { model: None },
                StageConfig::Quotes {
                    attribution: AttributionMode::Fast,
                },
                StageConfig::Speakers,
                StageConfig::Outlets,
                StageConfig::LinkOutlets,
            ],
            outlet_files: Vec::new(),
            transformer: TransformerConfig::default(),
            line_breaks: LineBreaks::Auto,
        }
    }
}

impl Config {
    /// This config in the current format: a version-1 config that runs `outlets` after
    /// `quotes` and `speakers` gets `link_outlets` right after `outlets`, which is what its
    /// `outlets` stage used to do. A version-1 config with `outlets` but without `quotes` or
    /// `speakers` before it had nothing to link and is kept as it is. An unknown version is
    /// an error.
    pub fn upgraded(&self) -> Result<Config> {
        let mut config = self.clone();
        match config.version {
            CONFIG_VERSION => return Ok(config),
            1 => {}
            v => {
                return Err(Error::Config(format!(
                    "config version {v} is not known to this build (it reads 1 to \
                     {CONFIG_VERSION})"
                )));
            }
        }
        config.version = CONFIG_VERSION;
        if config.stages.contains(&StageConfig::LinkOutlets) {
            return Ok(config);
        }
        let Some(at) = config
            .stages
            .iter()
            .rposition(|s| *s == StageConfig::Outlets)
        else {
            return Ok(config);
        };
        let before = &config.stages[..at];
        let has_quotes = before
            .iter()
            .any(|s| matches!(s, StageConfig::Quotes { .. }));
        if has_quotes && before.contains(&StageConfig::Speakers) {
            config.stages.insert(at + 1, StageConfig::LinkOutlets);
        }
        Ok(config)
    }

    /// Chooses how single line breaks are read: `Auto` (the default) decides per document.
    #[must_use]
    pub fn with_line_breaks(mut self, line_breaks: LineBreaks) -> Self {
        self.line_breaks = line_breaks;
        self
    }

    /// Adds an outlet gazetteer file.
    #[must_use]
    pub fn with_outlet_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.outlet_files.push(path.into());
        self
    }

    /// Chooses the entity tagger and where quotes come from, rebuilding the stage list
    /// (a perceptron model file set before is kept).
    #[must_use]
    pub fn with_modes(mut self, ner: NerMode, attribution: AttributionMode) -> Self {
        let model = self.stages.iter().find_map(|s| match s {
            StageConfig::Entities { model } => model.clone(),
            _ => None,
        });
        // The fast entities and rule quotes run first in every mode: a stacked transformer
        // reads them, and the final quotes stage rebuilds the quotes.
        let mut stages = vec![
            StageConfig::Sentences,
            StageConfig::Tokens,
            StageConfig::Entities { model },
        ];
        let roles = attribution != AttributionMode::Fast;
        if ner == NerMode::Transformer || roles {
            stages.push(StageConfig::Quotes {
                attribution: AttributionMode::Fast,
            });
            stages.push(StageConfig::Transformer {
                ner: ner == NerMode::Transformer,
                roles,
            });
        }
        stages.extend([
            StageConfig::Quotes { attribution },
            StageConfig::Speakers,
            StageConfig::Outlets,
            StageConfig::LinkOutlets,
        ]);
        self.stages = stages;
        self
    }

    /// The stages whose output a stacked transformer reads: sentences, tokens, perceptron
    /// entities and rule quotes.
    pub fn fast_features() -> Self {
        Config {
            stages: vec![
                StageConfig::Sentences,
                StageConfig::Tokens,
                StageConfig::Entities { model: None },
                StageConfig::Quotes {
                    attribution: AttributionMode::Fast,
                },
            ],
            ..Config::default()
        }
    }

    /// Sets the transformer's model folder and engine.
    #[must_use]
    pub fn with_transformer(mut self, model_dir: Option<PathBuf>, backend: BackendKind) -> Self {
        self.transformer = TransformerConfig { model_dir, backend };
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
