//! Whether an event took place, as its own clause tells it: negated ("did
//! not meet", "denied attacking", "the vote was called off"), hypothetical
//! ("could strike", "if talks fail … will withdraw", "threatened to
//! attack", "called for a withdrawal"), planned ("will withdraw", "plans
//! to meet", "the upcoming election", a date after the report's), ongoing
//! ("are withdrawing", "talks continue") or, when nothing says otherwise,
//! happened.
//!
//! Only the words of the trigger's stretch before it count (and, for a
//! noun, the few words after it: "the meeting was postponed"), so that "X
//! said it would" governs the event after it and not one in another clause.

use super::candidates::Candidate;
use crate::extract::triggers::Pos;
use crate::model::{Analyzed, EventKind, EventStatus, TimeValue};
use std::borrow::Cow;

/// Words that negate the verb group or noun right after them.
const NEGATORS: &[&str] = &["not", "n't", "never", "no", "without", "neither", "nor"];

/// Words allowed between a negator and its trigger ("did not yet
/// withdraw", "has never been attacked", "no new attacks").
const VERB_GROUP: &[&str] = &[
    "one",
    "yet",
    "be",
    "been",
    "being",
    "have",
    "has",
    "had",
    "to",
    "even",
    "further",
    "new",
    "more",
    "a",
    "an",
    "any",
    "formally",
    "officially",
    "actually",
    "immediately",
    "fully",
];

/// Verbs and phrases that say the event after them did not happen or will
/// not: denials, refusals, cancellations.
const DENIALS: &[&str] = &[
    "denied",
    "denies",
    "deny",
    "denying",
    "refused",
    "refuses",
    "refuse",
    "refusing",
    "cancelled",
    "canceled",
    "cancels",
    "cancel",
    "scrapped",
    "scraps",
    "averted",
    "thwarted",
    "foiled",
    "prevented",
    "prevent",
    "avoided",
    "avoid",
    "failed",
    "fails",
    "fail",
    "declined",
    "declines",
];

/// Two-word cancellations: "called off", "ruled out".
const DENIAL_PAIRS: &[(&str, &str)] = &[
    ("called", "off"),
    ("calls", "off"),
    ("call", "off"),
    ("ruled", "out"),
    ("rules", "out"),
    ("rule", "out"),
    ("rule", "out"),
];

/// Possibility, condition, threat, demand: the event may or may not come.
const HYPOTHETICAL: &[&str] = &[
    "could",
    "might",
    "should",
    "if",
    "unless",
    "whether",
    "threatened",
    "threatens",
    "threaten",
    "threatening",
    "threat",
    "possible",
    "possibly",
    "potential",
    "potentially",
    "risk",
    "risks",
    "fear",
    "fears",
    "feared",
    "warned",
    "warns",
    "warning",
    "consider",
    "considers",
    "considering",
    "weighing",
    "weighs",
    "mulling",
    "mulls",
    "urged",
    "urges",
    "urging",
    "demanded",
    "demands",
    "demanding",
    "proposal",
    "hypothetical",
    "likely",
    "unlikely",
];

/// "called for a withdrawal", "calls for an election".
const DEMAND_PAIRS: &[(&str, &str)] = &[
    ("called", "for"),
    ("calls", "for"),
    ("calling", "for"),
    ("call", "for"),
    ("pushed", "for"),
    ("pushing", "for"),
    ("push", "for"),
    ("pushes", "for"),
    ("appealed", "for"),
    ("appeals", "for"),
    ("appeal", "for"),
    ("appealing", "for"),
];

/// Intention, schedule, expectation: announced but not yet done.
const PLANNED: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "plans",
    "plan",
    "planned",
    "planning",
    "intends",
    "intend",
    "intended",
    "intention",
    "expected",
    "expects",
    "expect",
    "expecting",
    "scheduled",
    "aims",
    "aim",
    "aiming",
    "promised",
    "promises",
    "pledged",
    "pledges",
    "vowed",
    "vows",
    "proposed",
    "proposes",
    "propose",
    "upcoming",
    "forthcoming",
    "wants",
    "want",
    "seeks",
    "seek",
    "seeking",
    "hopes",
    "hope",
    "hoping",
    "prepare",
    "prepares",
    "preparing",
    "ordered",
    "orders",
    "postponed",
    "delayed",
    "rescheduled",
];

/// "set to", "due to", "going to", "is to": planned only before "to".
const BEFORE_TO: &[&str] = &[
    "set", "due", "going", "is", "are", "ready", "poised", "agreed", "decided", "voted", "arrived",
];

/// Before "to" and a verb, words after which the infinitive did happen
/// ("was forced to withdraw", "managed to meet").
const DONE_TO: &[&str] = &[
    "forced", "managed", "had", "able", "helped", "began", "started",
];

/// Words opening a phrase whose event the main clause takes as given
/// ("did not comment after the attack", "will retaliate for the strike"):
/// what stands before them does not govern the trigger.
const PRESUPPOSING: &[&str] = &["after", "since", "following", "amid", "despite", "over"];

/// The event is going on as the report is written.
const ONGOING: &[&str] = &[
    "continue",
    "continues",
    "continuing",
    "ongoing",
    "still",
    "underway",
    "began",
    "begun",
    "begins",
    "started",
    "starts",
];

/// Verbs of saying: "said it would cut" is an announced plan, "would cut"
/// alone a condition.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "announced",
    "announces",
    "told",
    "stated",
    "confirmed",
    "added",
];

/// "in what would be the biggest protest": a measure of what happened, no
/// condition (word `j` is the modal).
fn is_hedge(words: &[Cow<'_, str>], j: usize) -> bool {
    let w = |i: usize| words.get(i).map_or("", |w| w.as_ref());
    j > 0 && w(j - 1) == "what" && w(j + 1) == "be"
}

/// The status of candidate `c`, whose stretch of the sentence is `lo..hi`
/// (token indices; `words` are the sentence's lowercase words from token
/// `base`), dated `time` in a report dated `anchor` (ISO).
pub(super) fn status(
    doc: &Analyzed<'_>,
    words: &[Cow<'_, str>],
    base: usize,
    c: &Candidate,
    (lo, hi): (usize, usize),
    time: Option<&TimeValue>,
    anchor: Option<&str>,
) -> EventStatus {
    let k = c.tok - base;
    let mut start = lo.max(base).saturating_sub(base).max(k.saturating_sub(8));
    if let Some(p) = (start..k).rev().find(|&j| {
        words
            .get(j)
            .is_some_and(|w| PRESUPPOSING.contains(&w.as_ref()))
    }) {
        start = p + 1;
    }
    let before = words.get(start..k).unwrap_or(&[]);
    let word = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    // "May" the month is not "may" the modal.
    let modal_may = |j: usize| word(j) == "may" && doc.token_text(base + j) != "May";
    let after_end = (hi.saturating_sub(base)).min(k + 5).min(words.len());
    let after = if c.pos == Pos::Noun {
        words.get(k + 1..after_end).unwrap_or(&[])
    } else {
        &[]
    };

    // "has no plans to withdraw", "no intention of attacking".
    let no_plan = (start..k).any(|j| {
        matches!(word(j), "no" | "not")
            && matches!(
                word(j + 1),
                "plans" | "plan" | "intention" | "intentions" | "decision" | "sign" | "evidence"
            )
    });
    let denied = |w: &str, next: &str| {
        DENIALS.contains(&w)
            || DENIAL_PAIRS.contains(&(w, next))
            || (is_aux(w) && matches!(next, "not" | "n't" | "never"))
            || w == "never"
    };
    let negated = no_plan
        || negated_before(words, start, k)
        || after_is(after, denied)
        || (c.pos == Pos::Noun && after_is(noun_predicate(words, k), denied));
    let demand = (start..k).any(|j| DEMAND_PAIRS.contains(&(word(j), word(j + 1))));
    // "the union called for a rally on Friday": who calls a protest or a
    // strike organises it; it is planned, not wished for.
    let called_out = demand
        && matches!(c.kind, EventKind::Protest | EventKind::LabourStrike)
        && (start..k).any(|j| matches!(word(j), "called" | "calls" | "calling" | "call"));
    let demand = demand && !called_out;
    let reported = words
        .get(..k)
        .unwrap_or(&[])
        .iter()
        .any(|w| REPORTING.contains(&w.as_ref()));
    // "rejected the proposal in a referendum": a word of doubt reaches no
    // trigger in a phrase of place or time after it, which is said of
    // what it names ("the proposal") and happened.
    let reaches = |j: usize| {
        matches!(
            word(j),
            "could" | "might" | "should" | "if" | "unless" | "whether"
        ) || !(j + 1..k).any(|m| matches!(word(m), "in" | "at" | "during" | "after"))
    };
    let hypothetical = demand
        || (start..k).any(|j| {
            !is_hedge(words, j)
                && ((HYPOTHETICAL.contains(&word(j)) && reaches(j))
                    || modal_may(j)
                    || (word(j) == "would" && !reported))
        })
        || after_is(after, |w, _| {
            matches!(w, "could" | "might" | "may" | "would")
        });
    if let Some(st) = after_let(words, k) {
        return st;
    }
    if negated {
        // "did not rule out an attack": a double negative leaves it open.
        let ruled_out = (start..k).any(|j| DENIAL_PAIRS.contains(&(word(j), word(j + 1))));
        let doubled = ruled_out && negated_before(words, start, k.min(start + 4));
        return if doubled || hypothetical {
            EventStatus::Hypothetical
        } else {
            EventStatus::Negated
        };
    }
    if hypothetical {
        return EventStatus::Hypothetical;
    }
    let planned = called_out
        || before.iter().enumerate().any(|(i, w)| {
            let w = w.as_ref();
            PLANNED.contains(&w)
                || (w == "would" && reported)
                || (BEFORE_TO.contains(&w) && before.get(i + 1).is_some_and(|n| n == "to"))
                || (w == "ahead" && before.get(i + 1).is_some_and(|n| n == "of"))
        })
        || after_is(after, |w, next| {
            matches!(w, "will" | "'ll" | "’ll")
                || (matches!(w, "is" | "are") && PLANNED.contains(&next))
        })
        || (c.pos == Pos::Noun && {
            // "the vote on the budget was postponed": still to come.
            let moved = |w: &str, _: &str| {
                matches!(w, "postponed" | "delayed" | "rescheduled" | "deferred")
            };
            after_is(after, moved) || after_is(noun_predicate(words, k), moved)
        });
    // "to withdraw": an infinitive is not asserted, unless it was made
    // to happen ("was forced to withdraw").
    let infinitive = c.pos == Pos::Verb
        && k.checked_sub(1).is_some_and(|j| word(j) == "to")
        && !k
            .checked_sub(2)
            .is_some_and(|j| DONE_TO.contains(&word(j)) || ONGOING.contains(&word(j)));
    if planned || infinitive {
        return EventStatus::Planned;
    }
    let progressive = c.pos == Pos::Verb
        && word(k).ends_with("ing")
        && k.checked_sub(1)
            .is_some_and(|j| matches!(word(j), "is" | "are" | "am" | "'re" | "’re"));
    // "have been on strike", "has been protesting": begun and not over
    // ("have been attacked" is done).
    let perfect_progressive = (c.pos == Pos::Noun || word(k).ends_with("ing"))
        && before
            .windows(2)
            .any(|p| matches!(p[0].as_ref(), "has" | "have") && p[1] == "been");
    if progressive
        || perfect_progressive
        || before.iter().any(|w| ONGOING.contains(&w.as_ref()))
        || after_is(after, |w, next| {
            ONGOING.contains(&w) || (matches!(w, "is" | "are") && ONGOING.contains(&next))
        })
    {
        return EventStatus::Ongoing;
    }
    if let (Some(t), Some(a)) = (time, anchor)
        && t.text != "publication date"
        && after_anchor(&t.start, a)
    {
        return EventStatus::Planned;
    }
    EventStatus::Happened
}

/// "refusing to let the Red Cross visit": a bare verb (read as a noun
/// too: "let the Red Cross visit" looks like one) after "let" is not
/// asserted. Refused, it did not happen; promised ("will let"), it is
/// planned; else it is hypothetical. None when no "let" governs the
/// trigger at `k`.
fn after_let(words: &[Cow<'_, str>], k: usize) -> Option<EventStatus> {
    let word = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    let bare = !word(k).ends_with("ed")
        && !word(k).ends_with('s')
        && !word(k).ends_with("ing")
        && !matches!(word(k), "met" | "left" | "struck");
    if !bare {
        return None;
    }
    let j = (k.saturating_sub(8)..k).rev().find(|&j| {
        matches!(word(j), "let" | "letting" | "lets")
            && (j + 1..k).all(|m| !matches!(word(m), "," | ";"))
    })?;
    let refused = (j.saturating_sub(4)..j)
        .any(|m| DENIALS.contains(&word(m)) || DENIAL_PAIRS.contains(&(word(m), word(m + 1))))
        || negated_before(words, j.saturating_sub(4), j);
    let promised = (j.saturating_sub(3)..j).any(|m| matches!(word(m), "will" | "'ll" | "’ll"));
    Some(if refused {
        EventStatus::Negated
    } else if promised {
        EventStatus::Planned
    } else {
        EventStatus::Hypothetical
    })
}

/// A negator before the trigger at `k` with only verb-group words between,
/// or a denial ("denied", "called off") up to six words before it.
fn negated_before(words: &[Cow<'_, str>], start: usize, k: usize) -> bool {
    let word = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    let near_negator = (start..k).rev().take(4).any(|j| {
        NEGATORS.contains(&word(j))
            && (j + 1..k).all(|m| VERB_GROUP.contains(&word(m)) || is_aux(word(m)))
    });
    let denial = (start.max(k.saturating_sub(6))..k)
        .any(|j| DENIALS.contains(&word(j)) || DENIAL_PAIRS.contains(&(word(j), word(j + 1))));
    near_negator || denial
}

fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "do" | "does"
            | "did"
            | "will"
            | "would"
            | "can"
            | "could"
            | "is"
            | "are"
            | "was"
            | "were"
            | "been"
            | "has"
            | "have"
            | "had"
    )
}

/// The verb group of a noun trigger that opens its clause, past what
/// qualifies it ("The meeting between A and B, scheduled for Friday, was
/// cancelled"): the words from the first "was"/"were" within reach, with
/// no more than two commas and no stronger break before it; empty when
/// there is none.
fn noun_predicate<'w, 'a>(words: &'w [Cow<'a, str>], k: usize) -> &'w [Cow<'a, str>] {
    let mut commas = 0;
    for j in k + 1..(k + 16).min(words.len()) {
        match words[j].as_ref() {
            "," => commas += 1,
            ";" | ":" | "." | "said" | "says" => return &[],
            "was" | "were" if commas <= 2 => {
                return words.get(j..(j + 4).min(words.len())).unwrap_or(&[]);
            }
            _ => {}
        }
        if commas > 2 {
            return &[];
        }
    }
    &[]
}

/// Whether the first words after a noun trigger (with the next word)
/// pass `test`; skips "was", "were", "has been", "had been" and "be".
fn after_is(after: &[Cow<'_, str>], test: impl Fn(&str, &str) -> bool) -> bool {
    let mut i = 0;
    let at = |i: usize| after.get(i).map_or("", |w| w.as_ref());
    if test(at(0), at(1)) {
        return true;
    }
    while i < after.len()
        && matches!(
            at(i),
            "was" | "were" | "has" | "have" | "had" | "been" | "be"
        )
    {
        i += 1;
        if test(at(i), at(i + 1)) {
            return true;
        }
    }
    false
}

/// True when `time` (ISO, any precision) starts after the day `anchor`
/// (ISO): compared at `time`'s precision, so "2020-09" is not after
/// "2020-09-09".
fn after_anchor(time: &str, anchor: &str) -> bool {
    let n = time.len().min(anchor.len());
    match (time.get(..n), anchor.get(..n)) {
        (Some(t), Some(a)) => t > a && time.len() <= anchor.len(),
        _ => false,
    }
}
