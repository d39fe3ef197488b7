//! Events: trigger words with their time, place, participants and numbers.

use crate::graph::slug;
use crate::model::{Analyzed, DocEntities, DocResult, Kind, LocalEvent, Mention};
use crate::pipeline::EventExtractor;

#[derive(Debug, Clone, Copy, Default)]
pub struct EventRules;

impl EventExtractor for EventRules {
    fn events(
        &self,
        _doc: &Analyzed<'_>,
        _mentions: &[Mention],
        _entities: &DocEntities,
    ) -> Vec<LocalEvent> {
        Vec::new()
    }
}

/// The graph id of an event: its kind, date and label, so that the same
/// event read in several documents becomes one node.
pub fn event_id(ev: &LocalEvent, _doc: &DocResult) -> String {
    let date = ev
        .time
        .as_ref()
        .map(|t| t.start.as_str())
        .unwrap_or("undated");
    slug(
        Kind::Event,
        &format!("{} {} {}", ev.kind.as_str(), date, ev.label),
    )
}
