//! Evaluation against annotated corpora: CoNLL NER, PolNeAR quote attribution and the team's
//! own development set of quotation cases (`tests/cases/`).

pub mod cases;
pub mod conll;
pub mod polnear;
