//! The [`WordSet`] type the word lists are searched through, and the
//! `word_set!` macro that declares one lazily for a list.

use crate::util::hash::WordBuild;
use crate::util::lower::with_lower;
use std::collections::HashSet;

/// A word list as a hash set (the lists are searched for nearly every
/// token; a linear scan compared the word with each entry).
#[derive(Debug, Clone, Default)]
pub struct WordSet(HashSet<&'static str, WordBuild>);

impl WordSet {
    pub fn new(words: &[&'static str]) -> WordSet {
        WordSet(words.iter().copied().collect())
    }
    pub fn contains(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

/// Declares a lazily built [`WordSet`] of a word list.
macro_rules! word_set {
    ($name:ident, $list:expr) => {
        static $name: std::sync::LazyLock<$crate::lexicon::WordSet> =
            std::sync::LazyLock::new(|| $crate::lexicon::WordSet::new($list));
    };
}

/// True when `word`, without a final period and in lowercase, is in `set`.
pub(super) fn lower_in(word: &str, set: &WordSet) -> bool {
    with_lower(word.trim_end_matches('.'), |w| set.contains(w))
}
