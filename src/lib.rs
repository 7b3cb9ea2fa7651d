//! # quotesmith
//!
//! Finds every quotation and reported claim in news text and says what was said, who said
//! it, which words attribute it, and which news outlet it is sourced to.
//!
//! A [`Pipeline`] runs these stages in order over a shared [`Doc`]:
//!
//! 1. [`sentences`] adds paragraphs and sentences;
//! 2. [`tokens`] adds word tokens with exact offsets;
//! 3. [`entities`] adds named entities (PER, ORG, LOC, MISC) from a trained tagger;
//! 4. [`quotes`] adds quotes (direct, mixed, indirect), their cues and speaker mentions;
//! 5. [`speakers`] resolves mentions ("he", "the senator", "Smith") to speakers;
//! 6. [`outlets`] adds the news outlets named and the role each mention plays;
//! 7. [`outlets::OutletLinker`] links each quote, speaker mention and speaker to its outlet.
//!
//! Each stage declares which layers it reads, writes, refines and leaves stale
//! ([`pipeline::Contract`]); building a pipeline checks the order against them.
//!
//! The output record, [`Annotation`], uses character offsets into the input text (see
//! `docs/schema.md`).
//!
//! ```
//! use quotesmith::{Config, Document, Pipeline};
//!
//! let pipeline = Pipeline::new(&Config::default())?;
//! let doc = Document::new("a1", "\u{201c}We will rebuild the bridge,\u{201d} Mayor Ana Ortiz said on Monday.");
//! let annotation = pipeline.annotate(&doc)?;
//! println!("{}", serde_json::to_string(&annotation)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod doc;
pub mod entities;
pub mod error;
pub mod eval;
pub mod export;
pub mod io;
pub mod lexicon;
pub mod outlets;
pub mod pipeline;
pub mod quotes;
pub mod sentences;
pub mod speakers;
pub mod tokens;
pub mod transformer;

pub use doc::{Doc, Span};
pub use error::{Error, Result};
pub use io::wire::{Annotation, Document};
pub use pipeline::{Config, Pipeline, Stage};
