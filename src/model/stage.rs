//! The per-document stage traits, in pipeline order. Each is a small trait
//! with one method that reads the types of [`crate::model`] and hands on
//! the next; [`crate::pipeline::Pipeline`] holds one implementation of each.

use super::{Analyzed, DocEntities, Document, LocalEvent, LocalRelation, Mention};

/// Cuts a document into sentences and tokens.
pub trait Segmenter {
    fn analyze<'a>(&self, doc: &'a Document) -> Analyzed<'a>;
}

/// Finds the spans that name people, groups, places and other things.
pub trait MentionFinder {
    fn find(&self, doc: &Analyzed<'_>) -> Vec<Mention>;
}

/// Groups one document's mentions into entities.
pub trait Resolver {
    fn resolve(&self, doc: &Analyzed<'_>, mentions: &[Mention]) -> DocEntities;
}

/// Reads relations between one document's entities.
pub trait RelationExtractor {
    fn relations(
        &self,
        doc: &Analyzed<'_>,
        mentions: &[Mention],
        entities: &DocEntities,
    ) -> Vec<LocalRelation>;
}

/// Reads events (with time, place, participants and numbers).
pub trait EventExtractor {
    fn events(
        &self,
        doc: &Analyzed<'_>,
        mentions: &[Mention],
        entities: &DocEntities,
    ) -> Vec<LocalEvent>;
}
