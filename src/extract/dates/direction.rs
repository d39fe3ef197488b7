//! Whether a bare weekday or month name points back or ahead: an explicit
//! modifier decides, then a past-tense verb just before, then a future
//! marker in the clause; unmarked counts as past except for a day of the
//! month (see the module doc of `dates`).

use std::borrow::Cow;

/// Direction for bare weekdays and month names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Past,
    Future,
    /// Nothing points either way: weekdays and months count back, a day
    /// of the month takes the nearer of the two ([`super::absolute`]).
    Unmarked,
}

const PAST_MARKERS: &[&str] = &["last", "past", "earlier", "previous", "ago", "since"];
const FUTURE_MARKERS: &[&str] = &[
    "next", "coming", "by", "until", "till", "before", "upcoming",
];
const FUTURE_CLAUSE: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "plans",
    "plan",
    "planning",
    "intends",
    "expected",
    "expects",
    "going",
    "scheduled",
    "set",
    "due",
    "slated",
    "poised",
    "intend",
    "aims",
    "hopes",
    "would",
];
const PAST_VERBS: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "met",
    "announced",
    "confirmed",
    "struck",
    "left",
    "took",
    "began",
    "held",
    "came",
    "went",
    "made",
    "sent",
    "reported",
    "launched",
    "killed",
];

fn is_past_verb(w: &str) -> bool {
    PAST_VERBS.contains(&w) || (w.len() > 4 && w.ends_with("ed") && w != "expected")
}

/// The direction for an expression at `i` in the sentence words `lower`.
pub(super) fn direction(lower: &[Cow<'_, str>], i: usize) -> Dir {
    let before = |k: usize| i.checked_sub(k).and_then(|j| lower.get(j)).map(|w| &**w);
    if let Some(w) = before(1) {
        if PAST_MARKERS.contains(&w) {
            return Dir::Past;
        }
        // "had been deployed by Friday morning": a past perfect deadline
        // was met before the report.
        let past_perfect = || {
            (2..=9)
                .map_while(before)
                .take_while(|x| !matches!(*x, "." | ";" | "“" | "”" | "\"" | "will" | "would"))
                .any(|x| x == "had")
        };
        if FUTURE_MARKERS.contains(&w) {
            return if past_perfect() {
                Dir::Past
            } else {
                Dir::Future
            };
        }
    }
    if (1..=3).any(|k| matches!(before(k), Some("ahead" | "upcoming" | "coming" | "before"))) {
        return Dir::Future;
    }
    for k in 1..=3 {
        match before(k) {
            // "will be held on December 3": a participle after "be" is
            // no past tense.
            Some(w) if is_past_verb(w) && !matches!(before(k + 1), Some("be" | "being")) => {
                return Dir::Past;
            }
            Some("." | ";" | "“" | "”" | "\"") | None => break,
            _ => {}
        }
    }
    let start = i.saturating_sub(10);
    if lower[start..i]
        .iter()
        .any(|w| FUTURE_CLAUSE.contains(&w.as_ref()))
    {
        return Dir::Future;
    }
    Dir::Unmarked
}
