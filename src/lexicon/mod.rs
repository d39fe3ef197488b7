//! Small closed-class word lists that any English news text needs: titles,
//! months and weekdays, common sentence-initial words, keywords that mark
//! organisations and places, countries with their demonyms and common
//! short forms, and news outlets as page furniture credits them. General
//! facts of English and geography, not tuned to any corpus.
//!
//! One file per role; everything is re-exported here, so callers name
//! `crate::lexicon::...` whatever file a list lives in.

// Declared first: the files below use its `word_set!` macro, which is in
// scope only after its definition.
#[macro_use]
mod word_set;
mod calendar;
mod heads;
mod outlets;
mod places;
mod starters;
mod titles;

pub use crate::util::hash::WordBuild;
pub use calendar::*;
pub use heads::*;
pub use outlets::*;
pub use places::*;
pub use starters::*;
pub use titles::*;
pub use word_set::WordSet;

#[cfg(test)]
mod tests;
