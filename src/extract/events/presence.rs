//! Force levels: "there were 8,892 US troops in Iraq as of late
//! September", "roughly 2,500 troops remain in Iraq", "Estonia, which has
//! about 90 troops in Mali". No trigger word names them; a count of forces
//! followed by "in" and a place, said with a verb of being or keeping, is
//! a `presence` event: where (location), whose (participant: the country
//! the forces belong to), how many and as of when.

use super::roles::Ment;
use crate::extract::quantities::QuantityExpr;
use crate::model::{Kind, Relation};
use std::borrow::Cow;

/// Counted nouns of armed forces.
pub(super) const FORCE_UNITS: &[&str] = &[
    "troops",
    "soldiers",
    "forces",
    "personnel",
    "marines",
    "peacekeepers",
    "service members",
    "servicemembers",
    "military personnel",
];

/// Verbs of being and keeping that state a level ("there were", "has",
/// "remain", "stationed").
const STATE_BEFORE: &[&str] = &[
    "were",
    "are",
    "is",
    "was",
    "has",
    "have",
    "had",
    "keeps",
    "keep",
    "kept",
    "maintains",
    "maintain",
    "maintained",
    "stations",
    "stationed",
    "still",
    "currently",
];
const STATE_AFTER: &[&str] = &[
    "remain",
    "remains",
    "remained",
    "are",
    "were",
    "stationed",
    "based",
    "currently",
    "still",
];

/// A level read from quantity `q`: its roles (local entity indices) and
/// whether it is said in the present ("remain", "are").
pub(super) struct Level {
    pub(super) roles: Vec<(Relation, usize)>,
    pub(super) present: bool,
}

/// The level that quantity `q` states, if it states one (`words` from token
/// `base`, `ments` the sentence's mentions in order).
pub(super) fn level(
    q: &QuantityExpr,
    words: &[Cow<'_, str>],
    base: usize,
    ments: &[Ment],
) -> Option<Level> {
    if !FORCE_UNITS.contains(&q.quantity.unit.as_str()) || q.quantity.from.is_some() {
        return None;
    }
    let w = |t: usize| {
        t.checked_sub(base)
            .and_then(|j| words.get(j))
            .map_or("", |w| w.as_ref())
    };
    // The count ends at its unit: a level's span runs on to its "as of"
    // ("8,892 US troops in Iraq as of late September").
    let start = q.tokens.start;
    let end = q
        .tokens
        .clone()
        .find(|&t| w(t) == q.quantity.unit)
        .map_or(q.tokens.end, |t| t + 1);
    // "… troops in Iraq", "… troops remain in Iraq".
    let mut at = end;
    while STATE_AFTER.contains(&w(at)) && at < end + 3 {
        at += 1;
    }
    let place = ments
        .iter()
        .find(|m| m.kind == Kind::Place && w(at) == "in" && m.start > at && m.start <= at + 2)?;
    let before = (start.saturating_sub(3).max(base)..start).map(w);
    let stated = before.clone().any(|x| STATE_BEFORE.contains(&x))
        || (end..at).any(|t| STATE_AFTER.contains(&w(t)))
        || q.quantity.as_of.is_some();
    if !stated {
        return None;
    }
    let present = before.chain((end..at).map(w)).any(|x| {
        matches!(
            x,
            "are"
                | "is"
                | "has"
                | "have"
                | "keeps"
                | "keep"
                | "maintains"
                | "remain"
                | "remains"
                | "still"
                | "currently"
        )
    });
    let mut roles = vec![(Relation::Location, place.entity)];
    // Whose forces: a country named inside the count ("8,892 US troops")
    // or as the subject of "has".
    if let Some(owner) = ments.iter().find(|m| {
        m.entity != place.entity
            && matches!(m.kind, Kind::Place | Kind::Group)
            && ((m.start >= start && m.end <= end)
                || (m.end + 3 >= start
                    && m.end <= start
                    && matches!(
                        w(m.end),
                        "," | "has" | "had" | "have" | "keeps" | "maintains"
                    )))
    }) {
        roles.push((Relation::Participant, owner.entity));
    }
    Some(Level { roles, present })
}
