//! Partial graphs: the per-document results of a shard of the corpus, in a
//! versioned, checksummed file that `merge` folds into the same graph one
//! `build` over all the documents gives (docs/scale.md has the format).
//!
//! The boundary is [`DocResult`], what [`crate::merge::GraphBuilder::add`]
//! takes: the builder's fold is order-free and skips a document already
//! folded, so results folded from any number of parts, in any order, give
//! the build's graph, even when one article is in two parts (a wire story
//! in two feeds, yesterday's page fetched again today). The builder's own
//! aggregates would be smaller, but they are sums: a document counted in
//! two parts could not be taken out again.
//!
//! A part holds its results sorted by document id, one per document, so
//! that merging parts is a streaming k-way merge: `merge --out-part` never
//! holds more than a few records per part, and its bytes depend only on
//! the set of documents.

mod format;
mod merge;
mod record;

pub use format::{PartReader, PartWriter, Settings};
pub use merge::merged;
pub use record::to_line;

pub use crate::error::PartProblem;

#[cfg(test)]
mod tests;
