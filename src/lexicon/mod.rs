//! Small closed-class word lists that any English news text needs: titles,
//! months and weekdays, common sentence-initial words, keywords that mark
//! organisations and places, words that tell a name's kind from its
//! context, countries with their demonyms and common short forms, and news
//! outlets as page furniture credits them. General facts of English and
//! geography, not tuned to any corpus. And one table learned from a large
//! unlabelled corpus (`wordstats`): how probable a word form is, its Brown
//! cluster, and how often it is written in lowercase.
//!
//! One file per role; everything is re-exported here, so callers name
//! `crate::lexicon::...` whatever file a list lives in.

// Declared first: the files below use its `word_set!` macro, which is in
// scope only after its definition.
#[macro_use]
mod word_set;
mod calendar;
mod heads;
mod kinds;
mod outlets;
mod places;
mod starters;
mod titles;
mod wordstats;

pub use crate::util::hash::WordBuild;
pub use calendar::*;
pub use heads::*;
pub use kinds::*;
pub use outlets::*;
pub use places::*;
pub use starters::*;
pub use titles::*;
pub use word_set::WordSet;
pub use wordstats::{ClusterPath, cluster, log_prob, lowercase_share};

#[cfg(test)]
mod tests;
