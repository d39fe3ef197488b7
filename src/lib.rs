//! newsgraph turns news articles into a knowledge graph.
//!
//! The library is a stack of layers, each using only those below it
//! (`docs/architecture.md`). Per document, in parallel: load → sentences
//! and tokens → mentions (a learned tagger) → entities of the document →
//! relations and events of the document; then every document's result is
//! folded into one graph across documents, which the exporters write as
//! GraphML, DOT or JSON-LD.
//!
//! The API is what a program that builds graphs needs: [`Pipeline`] and its
//! [`Options`], the [`Document`]s it reads, the [`KnowledgeGraph`] it
//! builds, the [`Format`]s it writes, and [`Error`]. The command line's
//! commands are functions in [`commands`].
//!
//! ```
//! use newsgraph::{Document, Finder, Options, Pipeline};
//!
//! let doc = Document::new("a", "Gen. Ana Ruiz flew to Peru. Ruiz met officials in Lima.".into());
//! let pipeline = Pipeline::new(Finder::builtin()?, Options::default());
//! let graph = pipeline.run(vec![doc]);
//! assert!(graph.node("person:ana-ruiz").is_some());
//! assert!(graph.node("place:lima").is_some());
//! # Ok::<(), newsgraph::Error>(())
//! ```

mod bench;
mod error;
mod export;
mod extract;
mod graph;
mod lexicon;
mod load;
mod merge;
mod model;
mod ner;
mod output;
mod part;
mod pipeline;
mod resolve;
mod run;
mod scale;
mod text;
mod timeline;
mod util;

pub use error::{Error, ModelProblem, PartProblem, Result};
pub use export::{ExportFile, ExportOptions, Format, files as export_files, write as export};
pub use graph::{Edge, EventInfo, KnowledgeGraph, Node};
pub use load::{LoadOptions, Notice, load_all};
pub use model::{
    Approx, DocId, DocMeta, Document, EventKind, EventStatus, Evidence, Furniture, Kind, Quantity,
    Relation, Role, Span, TimeValue,
};
pub use ner::Finder;
pub use pipeline::{Options, Pipeline};
pub use resolve::AliasTable;

/// The command line's commands as functions: `build` with its progress and
/// one line per problem, `timeline`, `train` and `eval` of the tagger, and
/// the benchmark corpus. `main` only parses arguments and maps outcomes to
/// exit codes.
pub mod commands {
    pub use crate::bench::gen_corpus;
    pub use crate::load::DEFAULT_MAX_DOC_BYTES;
    pub use crate::ner::train::TrainOptions;
    pub use crate::ner::{eval_command as eval, train_command as train};
    pub use crate::output::write_one;
    pub use crate::run::{
        BuildConfig, Outcome, Phase, Stats, build, build_keeping_graph, no_documents,
    };
    pub use crate::scale::{ExtractConfig, MergeConfig, extract, finder_label, merge};
    pub use crate::timeline::write as timeline;
    pub use crate::timeline::write_svg as timeline_svg;
}

/// What the project's own integration tests, benchmarks and examples reach
/// into below the API. Not part of the API: anything here may change.
#[doc(hidden)]
pub mod internals {
    pub use crate::bench::shared_dir;
    pub use crate::export::dot::{LABEL_CAP as DOT_LABEL_CAP, quote as dot_quote};
    pub use crate::export::{pg_text, xml_safe};
    pub use crate::graph::slug;
    pub use crate::lexicon::{
        ClusterPath, GROUP_NOUNS, ORG_HEADS, cluster, country, demonym_country, is_honorific,
        is_role_noun, is_sentence_starter, is_title, log_prob, lowercase_share,
    };
    pub use crate::load::decode::decode;
    pub use crate::load::jsonl::Records;
    pub use crate::load::{Event, Loader, list_files, list_inputs, read_file, read_text};
    pub use crate::model::stage::{
        EventExtractor, MentionFinder, RelationExtractor, Resolver, Segmenter,
    };
    pub use crate::model::{Analyzed, EVIDENCE_TEXT_CAP, LABEL_CAP, Mention, cap_text};
    pub use crate::ner::conll::{ConllFile, detokenize};
    pub use crate::ner::tagger::Tagger;
    pub use crate::text::analyze;
}
