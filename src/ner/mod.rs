//! Mention finders: the stage that turns tokens into labelled spans.
//!
//! [`Finder`] is the enum the pipeline holds; each variant is one
//! implementation of [`crate::pipeline::MentionFinder`].

pub mod rules;

use crate::model::{Analyzed, Mention};
use crate::pipeline::MentionFinder;

/// The mention finders the pipeline can use.
#[derive(Debug, Clone)]
pub enum Finder {
    /// Capitalisation and word lists; no model needed.
    Rules(rules::RuleFinder),
}

impl MentionFinder for Finder {
    fn find(&self, doc: &Analyzed<'_>) -> Vec<Mention> {
        match self {
            Finder::Rules(f) => f.find(doc),
        }
    }
}

impl Default for Finder {
    fn default() -> Self {
        Finder::Rules(rules::RuleFinder)
    }
}
