//! `Pipeline::annotate_batch` (and the transformer's batched windows under it) gives each
//! document exactly what `Pipeline::annotate` gives it alone, errors included.

use quotesmith::doc::Doc;
use quotesmith::pipeline::{Contract, Layer, NerMode, PipelineBuilder, Stage};
use quotesmith::quotes::AttributionMode;
use quotesmith::sentences::SentenceSplitter;
use quotesmith::tokens::Tokenizer;
use quotesmith::transformer::{BackendKind, TransformerModel};
use quotesmith::{Config, Document, Error, Pipeline};

/// Documents of very different lengths: empty, a headline, a few sentences, and one long
/// enough for several windows of the transformer, so that batches mix documents and
/// windows of different lengths.
fn documents() -> Vec<Document> {
    let para = "\u{201c}The bridge will open in May,\u{201d} the city engineer, Tomas Brandt, \
                said on Tuesday. Council members said they would vote on the budget next week. ";
    vec![
        Document::new("empty", ""),
        Document::new("headline", "HARBOUR FERRY SERVICE CUT AFTER STORM"),
        Document::new("long", para.repeat(30)),
        Document::new(
            "short",
            "The mayor, Ines Duarte, told reporters that the harbour would reopen. \
             According to the port authority, repairs will cost $4 million.",
        ),
        Document::new("medium", para.repeat(4)),
        Document::new(
            "colon",
            "Her answer was short: \u{201c}We are not finished.\u{201d}",
        ),
    ]
}

fn json(result: &quotesmith::Result<quotesmith::Annotation>) -> String {
    match result {
        Ok(a) => serde_json::to_string(a).expect("serialises"),
        Err(e) => format!("error: {e}"),
    }
}

fn assert_batch_matches_single(pipeline: &Pipeline, docs: &[Document]) {
    let batch = pipeline.annotate_batch(docs);
    assert_eq!(batch.len(), docs.len());
    for (doc, got) in docs.iter().zip(&batch) {
        let alone = pipeline.annotate(doc);
        assert_eq!(json(got), json(&alone), "document {}", doc.id);
    }
}

#[test]
fn a_batch_of_the_fast_pipeline_matches_one_document_at_a_time() {
    let pipeline = Pipeline::new(&Config::default()).expect("pipeline");
    assert_batch_matches_single(&pipeline, &documents());
}

#[test]
fn a_batch_of_the_transformer_pipeline_matches_one_document_at_a_time() {
    for (ner, attribution) in [
        (NerMode::Fast, AttributionMode::Combined),
        (NerMode::Transformer, AttributionMode::Transformer),
    ] {
        let config = Config::default().with_modes(ner, attribution);
        let pipeline = Pipeline::new(&config).expect("pipeline");
        let docs = documents();
        assert_batch_matches_single(&pipeline, &docs);
        // In another order and as sub-batches, the output of each document is the same.
        let reversed: Vec<Document> = docs.iter().rev().cloned().collect();
        assert_batch_matches_single(&pipeline, &reversed);
        assert_batch_matches_single(&pipeline, &docs[2..4]);
    }
}

#[test]
fn batched_windows_give_the_same_scores_as_one_document_alone() {
    let model = TransformerModel::load(None, BackendKind::Candle).expect("model loads");
    let docs = documents();
    let inputs: Vec<(&str, _)> = docs.iter().map(|d| (d.text.as_str(), None)).collect();
    let batch = model.predict_batch(&inputs).expect("predict_batch");
    for (doc, got) in docs.iter().zip(&batch) {
        let alone = model.predict(&doc.text, None).expect("predict");
        assert_eq!(got.pieces, alone.pieces, "{}", doc.id);
        // Bit for bit: padding is masked out and does not enter any sum.
        assert_eq!(got.ner, alone.ner, "{}", doc.id);
        assert_eq!(got.attribution, alone.attribution, "{}", doc.id);
    }
}

/// Fails (an error) or panics on the documents whose text says so.
struct Picky;

impl Stage for Picky {
    fn name(&self) -> &'static str {
        "picky"
    }
    fn contract(&self) -> Contract {
        Contract::new(&[Layer::Tokens], &[])
    }
    fn process(&self, doc: &mut Doc) -> quotesmith::Result<()> {
        if doc.text.contains("panic") {
            panic!("told to panic");
        }
        if doc.text.contains("refuse") {
            return Err(Error::Config("told to refuse".into()));
        }
        Ok(())
    }
}

#[test]
fn a_failing_document_fails_alone_in_a_batch() {
    let pipeline = PipelineBuilder::new()
        .with_stage(Box::new(SentenceSplitter::new().expect("splitter")))
        .with_stage(Box::new(Tokenizer::new().expect("tokenizer")))
        .with_stage(Box::new(Picky))
        .build()
        .expect("pipeline");
    let docs = vec![
        Document::new("a", "All is well."),
        Document::new("b", "Now panic."),
        Document::new("c", "We refuse."),
        Document::new("d", "Still fine."),
    ];
    let batch = pipeline.annotate_batch(&docs);
    assert!(batch[0].is_ok() && batch[3].is_ok());
    assert!(
        matches!(&batch[1], Err(Error::Stage { stage: "picky", doc, message })
            if doc == "b" && message.contains("told to panic")),
        "{:?}",
        batch[1]
    );
    assert!(matches!(&batch[2], Err(Error::Config(_))), "{:?}", batch[2]);
    assert_batch_matches_single(&pipeline, &docs);
}
