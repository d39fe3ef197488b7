//! The numbers of an event: each quantity of a sentence goes to the
//! nearest trigger, and a change read without a unit borrows the unit of a
//! count nearby.

use super::candidates::Candidate;
use crate::extract::quantities::QuantityExpr;
use crate::model::{EventKind, Quantity};

/// For each candidate, the quantities it owns. The nearest trigger before
/// the number owns it (numbers follow their verb: "cut … from 900 to 400");
/// a number before every trigger goes to the next one.
pub(super) fn owners<'q>(
    cands: &[Candidate],
    quants: &'q [QuantityExpr],
) -> Vec<Vec<&'q QuantityExpr>> {
    let mut owned: Vec<Vec<&QuantityExpr>> = vec![Vec::new(); cands.len()];
    for q in quants {
        let before = cands
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind != EventKind::Named && c.tok < q.tokens.start)
            .max_by_key(|(_, c)| c.tok)
            .map(|(i, _)| i);
        let best = before.or_else(|| {
            cands
                .iter()
                .enumerate()
                .filter(|(_, c)| c.kind != EventKind::Named)
                .min_by_key(|(_, c)| {
                    if c.tok < q.tokens.start {
                        q.tokens.start - c.tok
                    } else {
                        c.tok.saturating_sub(q.tokens.end) + 1
                    }
                })
                .map(|(i, _)| i)
        });
        if let Some(list) = best.and_then(|b| owned.get_mut(b)) {
            list.push(q);
        }
    }
    owned
}

/// A unit that counts something (not a share).
fn is_count(u: &str) -> bool {
    !u.is_empty() && u != "percent" && u != "fraction"
}

/// The quantities of one event. A change with no unit borrows the unit of
/// a count in the same sentence ("from 5,200 to 3,500 ... about 1,700
/// soldiers"), else the last one read before.
pub(super) fn with_units(
    owned: &[&QuantityExpr],
    quants: &[QuantityExpr],
    last_unit: Option<&String>,
) -> Vec<Quantity> {
    let mut qs: Vec<Quantity> = owned.iter().map(|q| q.quantity.clone()).collect();
    let fallback = quants
        .iter()
        .map(|q| &q.quantity.unit)
        .find(|u| is_count(u))
        .or(last_unit)
        .cloned();
    for q in &mut qs {
        if q.unit.is_empty()
            && let Some(u) = &fallback
        {
            q.unit = u.clone();
        }
    }
    qs
}

/// The unit of the first count among `qs`, for changes read later that
/// leave it out ("1,700 troops … from 5,200 to 3,500").
pub(super) fn count_unit(qs: &[Quantity]) -> Option<&String> {
    qs.iter().map(|q| &q.unit).find(|u| is_count(u))
}
