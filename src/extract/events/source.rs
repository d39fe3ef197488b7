//! Who reports an event, where the sentence says so: the subject of a verb
//! of saying ("the army said", "Ana Ruiz told reporters"), the name after
//! an inverted one ("…, said Ana Ruiz") or after "according to". Only a
//! person or a group reports; places and the news agency of the dateline
//! (page furniture, never a mention) do not.

use super::roles::Ment;
use crate::model::Kind;
use std::borrow::Cow;

/// Verbs of saying in the past or present.
const SAYING: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "stated",
    "reported",
    "reports",
    "confirmed",
    "confirms",
    "added",
    "claimed",
    "claims",
    "announced",
    "announces",
    "insisted",
    "warned",
    "wrote",
    "tweeted",
];

/// Words allowed between a subject and its verb of saying ("X also said",
/// "X has said", "X, a spokesman, said" is not followed: the apposition
/// has its own words).
const BETWEEN: &[&str] = &[
    "also",
    "has",
    "had",
    "have",
    "later",
    "earlier",
    "previously",
];

/// Whether the comma at `k` opens a reporting clause ("…, officials said",
/// "…, said X", "…, according to X"): what follows it is the report's, not
/// the event's (its place and time are where and when it was said).
pub(super) fn reporting_comma(words: &[Cow<'_, str>], k: usize) -> bool {
    words.get(k).is_some_and(|w| w == ",")
        && (words.get(k + 1).is_some_and(|w| w == "according")
            || words
                .iter()
                .skip(k + 1)
                .take(5)
                .take_while(|w| !matches!(w.as_ref(), "," | "and" | "but" | "that"))
                .any(|w| SAYING.contains(&w.as_ref())))
}

/// The entity that reports what the sentence says (words from token
/// `base`, mentions `ments` in text order), if the sentence names one.
pub(super) fn reporter(ments: &[Ment], words: &[Cow<'_, str>], base: usize) -> Option<usize> {
    let w = |t: usize| {
        t.checked_sub(base)
            .and_then(|j| words.get(j))
            .map_or("", |w| w.as_ref())
    };
    let speaks = |m: &&Ment| matches!(m.kind, Kind::Person | Kind::Group) && !m.modifier;
    let end = base + words.len();
    for (k, x) in words.iter().enumerate() {
        let t = base + k;
        if x == "according" && w(t + 1) == "to" {
            if let Some(m) = ments
                .iter()
                .filter(speaks)
                .find(|m| m.start > t + 1 && m.start <= t + 4)
            {
                return Some(m.entity);
            }
            continue;
        }
        if !SAYING.contains(&x.as_ref()) {
            continue;
        }
        // "X said", "X also said".
        let mut before = t;
        while before > base && BETWEEN.contains(&w(before - 1)) {
            before -= 1;
        }
        if let Some(m) = ments.iter().filter(speaks).find(|m| m.end == before) {
            return Some(m.entity);
        }
        // "…, said X", "…, said the X's Y".
        if t > base
            && matches!(w(t - 1), "," | "\"" | "”")
            && let Some(m) = ments
                .iter()
                .filter(speaks)
                .find(|m| m.start > t && m.start <= (t + 3).min(end))
        {
            return Some(m.entity);
        }
    }
    None
}

/// When the speaker `r` of a sentence also acts in the event at token
/// `trigger`: "X said (on Monday) it would V", "X says they had V-ed" —
/// a pronoun right after the saying verb (its time words aside), and no
/// other saying verb before the trigger. Returns the pronoun's token, after
/// which names are objects of the reported clause, not its subject.
pub(super) fn speaker_acts(
    ments: &[Ment],
    words: &[Cow<'_, str>],
    base: usize,
    trigger: usize,
    r: usize,
) -> Option<usize> {
    let w = |t: usize| {
        t.checked_sub(base)
            .and_then(|j| words.get(j))
            .map_or("", |w| w.as_ref())
    };
    let said = (base..trigger).rev().find(|&t| SAYING.contains(&w(t)))?;
    // The speaker is the name right before the verb.
    let mut before = said;
    while before > base && BETWEEN.contains(&w(before - 1)) {
        before -= 1;
    }
    if !ments.iter().any(|m| m.entity == r && m.end == before) {
        return None;
    }
    let mut t = said + 1;
    if w(t) == "on" {
        t += 2;
    }
    if matches!(
        w(t),
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" | "that"
    ) {
        t += 1;
    }
    if w(t) == "that" {
        t += 1;
    }
    (t < trigger && matches!(w(t), "it" | "they" | "he" | "she")).then_some(t)
}
