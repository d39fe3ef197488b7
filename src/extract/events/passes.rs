//! Passes over all the events read in one document, once every sentence
//! is read: readings that are one occurrence told twice are made to agree
//! (a cut read as a withdrawal too, a headline restating its lead) so that
//! the merge makes one node of them.

use super::identity;
use crate::model::{DocEntities, EventKind, EventStatus, LocalEvent, Quantity, Relation};

/// Words of a sentence that make its "strike" armed.
const ARMED: &[&str] = &[
    "air",
    "airstrike",
    "airstrikes",
    "drone",
    "drones",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "bomb",
    "bombs",
    "bombing",
    "military",
    "artillery",
    "killed",
    "killing",
    "troops",
    "forces",
    "army",
    "militants",
    "naval",
    "retaliatory",
    "nuclear",
    "warplanes",
    "jets",
];

/// A "strike" in a story that tells of workers on strike, with no word of
/// arms in its sentence, is theirs too ("the strike entered its third
/// week"): a labour strike, so the merge joins it to the walkout.
pub(super) fn strikes_of_a_walkout(out: &mut [LocalEvent], entities: &DocEntities) {
    if !out.iter().any(|e| e.kind == EventKind::LabourStrike) {
        return;
    }
    for e in out.iter_mut().filter(|e| e.kind == EventKind::Strike) {
        let armed = e
            .evidence
            .text
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| ARMED.iter().any(|a| a.eq_ignore_ascii_case(w)));
        if !armed {
            e.kind = EventKind::LabourStrike;
            e.label = identity::label_from_roles(e.kind, &e.roles, e.agent_text.as_deref(), |i| {
                entities.entities.get(i).map(|x| x.name.as_str())
            });
        }
    }
}

/// "to pull 1,700 troops … reducing the force from 5,200 to 3,500": a
/// withdrawal that moves the number a reduction of the same document, day
/// and status goes by (its amount, or the difference of its from and to),
/// and shares one of its parties, or that gives only a share when there is
/// one such reduction, is that reduction read twice: it takes
/// the reduction's kind, so the merge makes one node of both readings.
pub(super) fn one_cut_one_kind(out: &mut [LocalEvent], entities: &DocEntities) {
    let amounts = |e: &LocalEvent| -> Vec<f64> {
        e.quantities
            .iter()
            .filter(|q| q.unit != "percent" && q.unit != "fraction")
            .flat_map(|q| {
                let diff = q.from.zip(q.to).map(|(f, t)| f - t);
                [q.value, diff].into_iter().flatten()
            })
            .collect()
    };
    let parties = |e: &LocalEvent| -> Vec<usize> {
        e.roles
            .iter()
            .filter(|r| r.0 != Relation::Source)
            .map(|r| r.1)
            .collect()
    };
    /// A reduction's day, status, amounts and parties.
    type Cut = (Option<String>, EventStatus, Vec<f64>, Vec<usize>);
    let cuts: Vec<Cut> = out
        .iter()
        .filter(|e| e.kind == EventKind::Reduction)
        .map(|e| {
            let day = e.time.as_ref().map(|t| t.start.clone());
            (day, e.status, amounts(e), parties(e))
        })
        .collect();
    for e in out.iter_mut().filter(|e| e.kind == EventKind::Withdrawal) {
        let day = e.time.as_ref().map(|t| t.start.clone());
        let (mine, with) = (amounts(e), parties(e));
        // "will withdraw nearly a third of its troops": a share only, of
        // the one cut that day.
        let share_only = mine.is_empty() && !e.quantities.is_empty();
        let fits = cuts
            .iter()
            .filter(|(d, st, amts, ps)| {
                day.is_some()
                    && *d == day
                    && *st == e.status
                    && with.iter().any(|x| ps.contains(x))
                    && (share_only
                        || mine
                            .iter()
                            .any(|a| amts.iter().any(|b| (a - b).abs() < 0.5)))
            })
            .count();
        let same = if share_only { fits == 1 } else { fits > 0 };
        if same {
            e.kind = EventKind::Reduction;
            e.label = identity::label_from_roles(e.kind, &e.roles, e.agent_text.as_deref(), |i| {
                entities.entities.get(i).map(|x| x.name.as_str())
            });
        }
    }
}

/// How far after the headline the lead's events are looked for, in
/// sentences: a headline sums up the first paragraphs, not the background.
const LEAD_SENTENCES: u32 = 8;

/// "Gunmen kill nine in northern town" over "Gunmen killed nine villagers
/// … on Sunday": a headline tells in the report's present what its lead
/// tells with a day. A headline event with no time words of its own takes
/// the time of the first event of the lead of the same kind and claim
/// whose cast and counts it fits (its counts are that event's), so the
/// merge makes one node of both. With none it stays undated: what a
/// headline reports happened on some day up to the report's, which the
/// report's date does not tell.
pub(super) fn headline_is_lead(out: &mut [LocalEvent], headline: Option<usize>) {
    let Some(h) = headline.and_then(|h| u32::try_from(h).ok()) else {
        return;
    };
    let claim = |s: EventStatus| match s {
        EventStatus::Happened | EventStatus::Ongoing | EventStatus::Planned => 0,
        EventStatus::Hypothetical => 1,
        EventStatus::Negated => 2,
    };
    let counts = |e: &LocalEvent| -> Vec<f64> {
        e.quantities
            .iter()
            .filter(|q| q.from.is_none() && q.unit != "percent" && q.unit != "fraction")
            .filter_map(|q| q.value)
            .collect()
    };
    let with = |e: &LocalEvent, r: Relation| -> Vec<usize> {
        e.roles.iter().filter(|x| x.0 == r).map(|x| x.1).collect()
    };
    for i in 0..out.len() {
        let head = &out[i];
        let undated_words = head.time_text.is_none()
            && head
                .time
                .as_ref()
                .is_none_or(|t| t.text == "publication date");
        if head.evidence.sentence != h || head.kind == EventKind::Named || !undated_words {
            continue;
        }
        let mine = counts(head);
        // Who acts and on whom must not differ; a place the body leaves
        // out may be the headline's own.
        let fits = |b: &LocalEvent| {
            let theirs = counts(b);
            b.evidence.sentence > h
                && b.evidence.sentence <= h + LEAD_SENTENCES
                && b.kind == head.kind
                && claim(b.status) == claim(head.status)
                && [Relation::Agent, Relation::Target].iter().all(|&r| {
                    let (a, b) = (with(head, r), with(b, r));
                    a.is_empty() || b.is_empty() || a.iter().all(|x| b.contains(x))
                })
                && (theirs.is_empty()
                    || mine
                        .iter()
                        .all(|m| theirs.iter().any(|t| (m - t).abs() < 0.5)))
        };
        let Some(j) = out.iter().position(fits) else {
            out[i].time = None;
            continue;
        };
        let (time, time_text) = (out[j].time.clone(), out[j].time_text.clone());
        let body_counts: Vec<Quantity> = out[j]
            .quantities
            .iter()
            .filter(|q| q.from.is_none())
            .cloned()
            .collect();
        let head = &mut out[i];
        head.time = time;
        head.time_text = time_text;
        // "kill nine" is the body's "killed nine villagers": one count.
        for q in &mut head.quantities {
            if let Some(b) = body_counts.iter().find(|b| {
                q.from.is_none()
                    && b.value
                        .zip(q.value)
                        .is_some_and(|(x, y)| (x - y).abs() < 0.5)
            }) {
                *q = b.clone();
            }
        }
    }
}
