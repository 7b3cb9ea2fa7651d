//! Acceptance check of the built-in NER model on CoNLL++ (entity-level, exact match):
//! test micro F1 ≥ 0.88 and PER F1 ≥ 0.93. Skips when `../shared/data` is absent.

use quotesmith::doc::EntityLabel;
use quotesmith::entities::EntityTagger;
use quotesmith::eval::conll::{evaluate, read_conll};

mod shared_data;

fn data(name: &str) -> Option<std::path::PathBuf> {
    shared_data::path(&format!("ner/conllpp/data/{name}"))
}

#[test]
fn conllpp_test_scores_meet_the_bar() {
    let Some(path) = data("conllpp_test.txt") else {
        return;
    };
    let t0 = std::time::Instant::now();
    let tagger = EntityTagger::load(None).expect("built-in model");
    eprintln!("model loaded in {:.3} s", t0.elapsed().as_secs_f64());
    let docs = read_conll(&path).expect("readable CoNLL file");
    let scores = evaluate(&tagger, &docs).expect("tagging works");
    eprintln!("{scores}");
    let f1 = scores.overall().f1();
    let per = scores.f1_of(EntityLabel::Per);
    assert!(f1 >= 0.88, "micro F1 {f1:.4} < 0.88");
    assert!(per >= 0.93, "PER F1 {per:.4} < 0.93");
    assert_eq!(scores.overall().gold, 5702, "unexpected test file");
}

#[test]
fn conllpp_dev_scores_are_sane() {
    let Some(path) = data("conllpp_dev.txt") else {
        return;
    };
    let tagger = EntityTagger::load(None).expect("built-in model");
    let scores =
        evaluate(&tagger, &read_conll(&path).expect("readable CoNLL file")).expect("tagging works");
    eprintln!("{scores}");
    assert!(
        scores.overall().f1() >= 0.90,
        "dev F1 {:.4}",
        scores.overall().f1()
    );
}
