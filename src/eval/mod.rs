//! Evaluation against annotated corpora: CoNLL NER and PolNeAR quote attribution.

pub mod conll;
pub mod polnear;
