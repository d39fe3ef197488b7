//! Extraction over a resolved document: typed relations, events, dates and
//! quantities.

pub mod dates;
pub mod events;
pub mod quantities;
pub mod relations;
pub mod triggers;
