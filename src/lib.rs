//! newsgraph turns news articles into a knowledge graph.
//!
//! The pipeline, one module per stage, each handing typed data to the next:
//!
//! 1. [`load`]: files, folders → [`model::Document`]
//! 2. [`text`]: sentences and tokens as byte spans → [`model::Analyzed`]
//! 3. [`ner`]: mentions → [`model::Mention`]
//! 4. [`resolve`]: mentions → entities, within and across documents
//! 5. [`extract`]: typed relations, events, dates, quantities
//! 6. [`graph`]: the merged [`graph::KnowledgeGraph`] (petgraph)
//! 7. [`export`]: GraphML, DOT, JSON-LD, each streaming to any `io::Write`
//!
//! ```
//! use newsgraph::model::Document;
//! use newsgraph::pipeline::{Options, Pipeline};
//!
//! let doc = Document::new("a", "Gen. Ana Ruiz flew to Peru. Ruiz met officials in Lima.".into());
//! let pipeline = Pipeline::new(newsgraph::ner::Finder::default(), Options::default());
//! let graph = pipeline.run(vec![doc]);
//! assert!(graph.node("person:ana-ruiz").is_some());
//! ```

pub mod bench;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod lexicon;
pub mod load;
pub mod merge;
pub mod model;
pub mod ner;
pub mod output;
pub mod pipeline;
pub mod resolve;
pub mod run;
pub mod text;
pub mod timeline;
pub mod util;
