//! Dates: the document's own date, and the time expressions of a sentence
//! resolved against it.
//!
//! Absolute dates ("August 28, 2020", "09 September 2020", "Jan. 8",
//! "December of 2019", "in 2003") and relative ones ("last week", "Friday",
//! "in January", "next month", "three days ago", "in the next two to three
//! months") become ISO 8601 at the precision the text gives. Relative
//! expressions need an anchor (the document date); without one they are
//! returned unresolved, with their words, and never guessed.
//!
//! The direction rule for bare weekdays and month names: an explicit
//! modifier decides ("last", "past", "ago", "earlier" → past; "next",
//! "coming", "by", "until" → future); otherwise a past-tense verb just
//! before the expression ("said Friday") means past, a future marker in the
//! clause ("will", "plans to", "expected to") means future, and the default
//! is past. Past resolves to the most recent such day or month on or before
//! the anchor ("in December" said on 2021-01-10 → 2020-12); future to the
//! next one on or after it ("by November" said on 2020-08-28 → 2020-11).
//! "N units later" is resolved by the caller against a previous event.

mod absolute;
mod calendar;
mod direction;
mod doc_date;
mod scan;
mod words;

pub use calendar::{Precision, Ymd, interval};
pub use doc_date::{dateline_date, document_date};
pub use scan::scan;
pub use words::{month_number, weekday_number};

use crate::model::{Analyzed, Span, TimeValue};
use std::borrow::Cow;
use std::ops::Range;

/// Words before a year that qualifies the noun after it ("a 2019 peace
/// deal", "the 2014 protests"), lowercase.
pub const YEAR_QUALIFIER_BEFORE: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "this", "that",
];

/// How a time expression relates to its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeRef {
    /// Resolved.
    Value(TimeValue),
    /// "two months later": an offset from the previous event's date.
    Later { amount: i64, unit: Unit },
    /// "in June of that year": a month of the previous event's year.
    MonthOfThatYear { month: u32 },
    /// Could not be resolved (no anchor, vague words): kept as text.
    Unresolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// The unit a word in lowercase names ("days", "month").
    fn parse(lower: &str) -> Option<Unit> {
        match lower.trim_end_matches('s') {
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            _ => None,
        }
    }
    /// Moves `d` by `n` units, and the precision the result has.
    pub fn shift(self, d: Ymd, n: i64) -> (Ymd, Precision) {
        match self {
            Unit::Day => (d.add_days(n), Precision::Day),
            Unit::Week => (d.add_days(7 * n), Precision::Day),
            Unit::Month => (d.add_months(n), Precision::Month),
            Unit::Year => (d.add_months(12 * n), Precision::Year),
        }
    }
}

/// A time expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Token range, in document token indices.
    pub tokens: Range<usize>,
    pub span: Span,
    /// The words as written.
    pub text: String,
    pub value: TimeRef,
}

fn tv(start: String, end: Option<String>, text: &str) -> TimeRef {
    TimeRef::Value(TimeValue {
        start,
        end,
        text: text.to_string(),
    })
}

/// Finds the time expressions of sentence `s`, resolved against `anchor`
/// (the document date) when given. `lower` holds the sentence's words
/// lowercased by `util::lower::lower`: the caller has them for its own
/// scans.
pub fn find_times(
    doc: &Analyzed<'_>,
    s: usize,
    anchor: Option<Ymd>,
    lower: &[Cow<'_, str>],
) -> Vec<TimeExpr> {
    let Some(sent) = doc.sentences.get(s) else {
        return Vec::new();
    };
    let base = sent.tokens.start;
    let toks: Vec<&str> = sent.tokens.clone().map(|i| doc.token_text(i)).collect();
    let found = scan(&toks, lower, anchor);
    found
        .into_iter()
        .filter_map(|(r, value)| {
            let first = doc.tokens.get(base + r.start)?;
            let last = doc.tokens.get(base + r.end - 1)?;
            let span = Span::new(first.span.start, last.span.end);
            Some(TimeExpr {
                tokens: base + r.start..base + r.end,
                span,
                text: span.text(&doc.doc.text).to_string(),
                value,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
