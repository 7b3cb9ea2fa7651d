//! Stage contracts as a library caller meets them: orders that would orphan ids are build
//! errors naming both stages, a panicking stage is an error and not an abort, and configs
//! saved before outlet linking became a stage of its own still link.

use quotesmith::doc::Doc;
use quotesmith::pipeline::{Contract, Layer, PipelineBuilder, StageConfig};
use quotesmith::quotes::AttributionMode;
use quotesmith::sentences::SentenceSplitter;
use quotesmith::tokens::Tokenizer;
use quotesmith::{Config, Document, Error, Pipeline, Stage};

const TEXT: &str = "The plan will cost $2 billion, per Reuters. \u{201c}We will rebuild the \
                    bridge,\u{201d} Mayor Ana Ortiz told the BBC on Monday.";

fn quotes_stage() -> StageConfig {
    StageConfig::Quotes {
        attribution: AttributionMode::Fast,
    }
}

#[test]
fn quotes_rebuilt_after_speakers_is_a_build_error_naming_both_stages() {
    let config = Config {
        stages: vec![
            StageConfig::Sentences,
            StageConfig::Tokens,
            StageConfig::Entities { model: None },
            quotes_stage(),
            StageConfig::Speakers,
            quotes_stage(),
        ],
        ..Config::default()
    };
    let err = Pipeline::new(&config).unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("`quotes`") && msg.contains("`speakers`"),
        "{msg}"
    );
}

#[test]
fn the_same_order_from_a_saved_json_config_is_rejected_too() {
    let json = r#"{"version": 2, "stages": [{"type": "sentences"}, {"type": "tokens"},
        {"type": "entities"}, {"type": "quotes"}, {"type": "speakers"}, {"type": "quotes"}]}"#;
    let config: Config = serde_json::from_str(json).unwrap();
    assert!(matches!(Pipeline::new(&config), Err(Error::Config(_))));
}

#[test]
fn a_stage_that_reads_a_layer_nobody_wrote_is_rejected() {
    let config = Config {
        stages: vec![StageConfig::Sentences, StageConfig::Speakers],
        ..Config::default()
    };
    let msg = Pipeline::new(&config).unwrap_err().to_string();
    assert!(
        msg.contains("`speakers`") && msg.contains("no earlier stage"),
        "{msg}"
    );
}

#[test]
fn linking_without_outlets_is_rejected() {
    let mut config = Config::default();
    config.stages.retain(|s| *s != StageConfig::Outlets);
    let msg = Pipeline::new(&config).unwrap_err().to_string();
    assert!(
        msg.contains("`link_outlets`") && msg.contains("Outlets"),
        "{msg}"
    );
}

struct Panics;

impl Stage for Panics {
    fn name(&self) -> &'static str {
        "panics"
    }
    fn contract(&self) -> Contract {
        Contract::new(&[Layer::Tokens], &[])
    }
    fn process(&self, doc: &mut Doc) -> quotesmith::Result<()> {
        if doc.text.contains("boom") {
            panic!("found boom at {}", doc.text.find("boom").unwrap_or(0));
        }
        Ok(())
    }
}

#[test]
fn a_panicking_stage_is_an_error_naming_the_stage_and_the_document() {
    let pipeline = PipelineBuilder::new()
        .with_stage(Box::new(SentenceSplitter::new().unwrap()))
        .with_stage(Box::new(Tokenizer::new().unwrap()))
        .with_stage(Box::new(Panics))
        .build()
        .unwrap();
    let err = pipeline
        .annotate(&Document::new("doc-7", "It went boom."))
        .unwrap_err();
    match &err {
        Error::Stage {
            stage,
            doc,
            message,
        } => {
            assert_eq!((*stage, doc.as_str()), ("panics", "doc-7"));
            assert!(message.contains("found boom at 8"), "{message}");
        }
        other => panic!("expected Error::Stage, got {other:?}"),
    }
    // The pipeline is still usable for the next document.
    pipeline
        .annotate(&Document::new("doc-8", "All quiet."))
        .unwrap();
}

/// Written before `link_outlets` and `version` existed: the last stage is `outlets`.
const VERSION_1: &str = r#"{"stages": [{"type": "sentences"}, {"type": "tokens"},
    {"type": "entities"}, {"type": "quotes"}, {"type": "speakers"}, {"type": "outlets"}]}"#;

#[test]
fn a_version_1_config_gets_the_link_stage_and_links_as_before() {
    let config: Config = serde_json::from_str(VERSION_1).unwrap();
    assert_eq!(config.version, 1);
    let upgraded = config.upgraded().unwrap();
    assert_eq!(upgraded.stages.last(), Some(&StageConfig::LinkOutlets));
    assert_eq!(upgraded, Config::default());

    let old = Pipeline::new(&config).unwrap();
    assert_eq!(old.stage_names().last(), Some(&"link_outlets"));
    let doc = Document::new("d", TEXT);
    let got = old.annotate(&doc).unwrap();
    let want = Pipeline::new(&Config::default())
        .unwrap()
        .annotate(&doc)
        .unwrap();
    assert_eq!(
        serde_json::to_string(&got).unwrap(),
        serde_json::to_string(&want).unwrap()
    );
    assert!(got.quotes.iter().any(|q| q.outlet.is_some()), "{got:?}");
}

#[test]
fn a_version_1_config_with_nothing_to_link_is_kept() {
    let json = r#"{"stages": [{"type": "sentences"}, {"type": "tokens"}, {"type": "outlets"}]}"#;
    let config: Config = serde_json::from_str(json).unwrap();
    let upgraded = config.upgraded().unwrap();
    assert_eq!(upgraded.stages.len(), 3);
    Pipeline::new(&config).unwrap();
}

#[test]
fn an_unknown_config_version_is_an_error() {
    let config = Config {
        version: 99,
        ..Config::default()
    };
    let msg = Pipeline::new(&config).unwrap_err().to_string();
    assert!(msg.contains("version 99"), "{msg}");
}

#[test]
fn configs_written_now_carry_the_current_version() {
    let json = serde_json::to_string(&Config::default()).unwrap();
    assert!(
        json.contains(&format!(
            "\"version\":{}",
            quotesmith::pipeline::CONFIG_VERSION
        )),
        "{json}"
    );
    let back: Config = serde_json::from_str(&json).unwrap();
    assert_eq!(back, Config::default());
}
