//! Dates: the document's own date, and time expressions resolved against it.

use crate::model::Analyzed;

/// The document's publication date (ISO `YYYY-MM-DD`) when the text states
/// one in a dateline.
pub fn document_date(_doc: &Analyzed<'_>) -> Option<String> {
    None
}
