//! The numbers of an event: each quantity of a sentence goes to the
//! nearest trigger, and a change read without a unit borrows the unit of a
//! count nearby.

use super::candidates::Candidate;
use crate::extract::quantities::QuantityExpr;
use crate::model::{EventKind, Quantity};
use std::borrow::Cow;

/// Counted nouns that never measure an event: legal counts, basis points,
/// distances and speeds, durations of play (other durations: see
/// `is_duration`).
const NOT_MEASURES: &[&str] = &[
    "count",
    "counts",
    "basis",
    "points",
    "point",
    "feet",
    "foot",
    "miles",
    "mile",
    "km",
    "kilometres",
    "kilometers",
    "metres",
    "meters",
    "kph",
    "mph",
    "minutes",
    "seconds",
    "times",
    "ways",
    "sides",
    "phases",
    "phase",
    "stages",
    "pages",
    "chapters",
    "sources",
    "source",
    "nights",
];

/// Divisions of a country: after "in" or "across" they say where it
/// happened ("killed across 10 provinces"), not how big it was.
const REGIONS: &[&str] = &[
    "provinces",
    "states",
    "countries",
    "regions",
    "districts",
    "counties",
    "cities",
    "municipalities",
];

/// Who tells the story ("two security sources said", "according to three
/// officials"): a count of them measures nothing that happened.
const REPORTERS: &[&str] = &[
    "officials",
    "official",
    "diplomats",
    "diplomat",
    "witnesses",
    "witness",
    "analysts",
    "economists",
    "traders",
    "people",
    "spokesmen",
    "spokespeople",
    "residents",
    "lawmakers",
    "executives",
    "aides",
    "members",
    "sources",
    "medics",
    "paramedics",
    "doctors",
    "rescuers",
];

/// The parties an event is between ("the two countries agreed", "both
/// sides met"): a small count of them refers to them, it measures nothing.
const PARTIES: &[&str] = &[
    "countries",
    "nations",
    "sides",
    "leaders",
    "delegations",
    "armies",
    "companies",
    "firms",
    "parties",
    "governments",
    "states",
    "presidents",
    "ministers",
    "allies",
    "neighbours",
    "neighbors",
    "powers",
    "groups",
    "teams",
    "clubs",
    "banks",
    "men's",
];

const SAYING: &[&str] = &[
    "said",
    "say",
    "says",
    "told",
    "tell",
    "reported",
    "confirmed",
    "added",
    "estimated",
];

/// Words that open another clause: a number after them belongs to its
/// event, not to a trigger before them ("voted on Thursday, five months
/// after a derailment forced 2,000 residents from their homes").
const CLAUSE_OPENERS: &[&str] = &[
    "after",
    "before",
    "since",
    "because",
    "while",
    "when",
    "where",
    "which",
    "who",
    "although",
    "following",
    "amid",
    "despite",
    "if",
    "unless",
    "until",
    "whereas",
    "whose",
];

/// True when quantity `q` can measure the event of candidate `c`
/// (sentence words `words` from token `base`).
pub(super) fn measures(
    q: &QuantityExpr,
    c: &Candidate,
    words: &[Cow<'_, str>],
    base: usize,
) -> bool {
    let trigger = c.tok;
    let w = |t: usize| {
        t.checked_sub(base)
            .and_then(|j| words.get(j))
            .map_or("", |w| w.as_ref())
    };
    let unit = q.quantity.unit.as_str();
    // Durations say how long, not how many ("cuts the time to deploy from
    // 10 days to five", "the first three months of 2023").
    if NOT_MEASURES.contains(&unit) || crate::extract::quantities::is_duration(unit) {
        return false;
    }
    // The figures of what is announced ("announced a 5% pay rise") are its
    // content; an announcement itself is measured by none.
    if c.kind == EventKind::Announcement {
        return false;
    }
    let (start, end) = (q.tokens.start, q.tokens.end);
    if counts_another_thing(unit, c.kind, w(start.wrapping_sub(1))) {
        return false;
    }
    // "a magnitude 5.6 quake": the size of a quake, not a count.
    if matches!(unit, "quake" | "earthquake" | "tremor" | "aftershock")
        || w(start.wrapping_sub(1)) == "magnitude"
    {
        return false;
    }
    // "carried out 38 strikes …, killing 115": a count of other events.
    if crate::extract::triggers::trigger(unit).is_some_and(|(k, _)| k != c.kind) {
        return false;
    }
    // "the two countries' leaders": the number qualifies someone's thing.
    if matches!(w(end), "'" | "’" | "'s" | "’s") {
        return false;
    }
    // "two medics and a local official said": the saying verb may come
    // after the rest of the list of speakers.
    let says_next = || {
        (end..end + 7)
            .take_while(|&t| !matches!(w(t), "," | ";" | "." | ""))
            .any(|t| SAYING.contains(&w(t)))
            // An aside between commas before the verb.
            || (w(end) == ","
                && (end + 1..end + 12)
                    .take_while(|&t| !matches!(w(t), ";" | "." | ""))
                    .any(|t| w(t) == "," && SAYING.contains(&w(t + 1))))
    };
    // "two Conservative lawmakers, speaking on condition of anonymity,
    // said": the counted noun is the unit's last word.
    let noun = unit.rsplit(' ').next().unwrap_or(unit);
    if REPORTERS.contains(&noun)
        && (says_next()
            || (start.saturating_sub(4)..start)
                .any(|t| matches!(w(t), "according" | "citing" | "cited" | "told" | "quoted")))
    {
        return false;
    }
    if PARTIES.contains(&unit) && q.quantity.value.is_some_and(|v| v <= 10.0) {
        return false;
    }
    if of_a_clause_after(c, start, words, base) {
        return false;
    }
    if start < trigger && of_another_clause_before(start, end, trigger, &w) {
        return false;
    }
    // "a farming village of about 1,200 people": who lives there.
    if of_a_place(start, &w) {
        return false;
    }
    // The wounded and the missing are not the dead.
    if c.kind == EventKind::Killing
        && (matches!(noun, "wounded" | "injured" | "hurt" | "missing")
            || HARMED.contains(&w(start.wrapping_sub(1))))
    {
        return false;
    }
    // "inflation of more than 24 percent": a rate of the economy.
    if matches!(unit, "percent" | "fraction")
        && matches!(w(start.wrapping_sub(1)), "of" | "at")
        && RATES.contains(&w(start.wrapping_sub(2)))
    {
        return false;
    }
    // "killing nine people, flattening homes and forcing 45,000 residents
    // from them": the object of another verb of the list. Not a verb that
    // says where the same count ends ("leaving 200", "bringing the toll to
    // 12"), nor "including".
    if start > trigger
        && (trigger + 1..start).any(|t| {
            let v = w(t + 1);
            matches!(w(t), "," | "and")
                && t + 1 < start
                && v.len() > 4
                && v.ends_with("ing")
                && !matches!(
                    v,
                    "including" | "leaving" | "bringing" | "taking" | "raising" | "pushing"
                )
        })
    {
        return false;
    }
    // "killed 43 people and drove 12,000 villagers from their homes": the
    // object of a second verb after "and". The injured of an attack are
    // its toll too, but not the dead of a killing.
    let harm_too = c.kind != EventKind::Killing;
    if start > trigger
        && (trigger + 1..start).any(|t| {
            let v = w(t + 1);
            w(t) == "and"
                && t + 1 < start
                && ((v.len() > 4
                    && v.ends_with("ed")
                    && !(harm_too && matches!(v, "injured" | "wounded")))
                    || matches!(v, "drove" | "sent" | "forced" | "left" | "took" | "made"))
        })
    {
        return false;
    }
    // "attacked the town, and 300 residents fled": a count that is the
    // subject of a verb of its own, in a clause of its own.
    if start > trigger && (trigger + 1..start).any(|t| matches!(w(t), "," | "and" | ";")) {
        let mut t = end;
        while w(t) == unit
            || matches!(
                w(t),
                "were" | "was" | "have" | "had" | "been" | "later" | "also"
            )
        {
            t += 1;
        }
        let v = w(t);
        let past = (v.len() >= 4 && v.ends_with("ed") && v.chars().all(|c| c.is_ascii_lowercase()))
            || matches!(
                v,
                "fled" | "died" | "left" | "went" | "came" | "fought" | "lost" | "ran"
            );
        if t < end + 4 && past {
            return false;
        }
    }
    true
}

/// The verbs of the wounded: "killed at least 135 people, wounded about
/// 5,000 others" counts no dead after them.
const HARMED: &[&str] = &[
    "wounded", "wounding", "injured", "injuring", "hurt", "hurting",
];

/// A count of `unit` (after the word `prev`) that says where or how a
/// ballot went rather than how big an event of `kind` was: "across 10
/// provinces"; votes and seats outside a vote ("rejected by 432 votes"
/// measures the vote, not the deal it rejected).
fn counts_another_thing(unit: &str, kind: EventKind, prev: &str) -> bool {
    (REGIONS.contains(&unit) && matches!(prev, "in" | "across" | "over"))
        || (matches!(unit, "votes" | "seats")
            && !matches!(kind, EventKind::Vote | EventKind::Election))
}

/// A number after a clause opener following the trigger, or after the
/// comma that closes an opening phrase holding it ("Under the deal, X will
/// buy 22 networks"), is another clause's.
fn of_a_clause_after(c: &Candidate, start: usize, words: &[Cow<'_, str>], base: usize) -> bool {
    let w = |t: usize| {
        t.checked_sub(base)
            .and_then(|j| words.get(j))
            .map_or("", |w| w.as_ref())
    };
    start > c.tok
        && ((c.tok + 1..start).any(|t| CLAUSE_OPENERS.contains(&w(t)))
            || super::candidates::opening_phrase_end(words, c, base)
                .is_some_and(|j| start > base + j))
}

/// True when the number at `start..end`, before the trigger, belongs to
/// another clause or verb than the trigger's.
fn of_another_clause_before<'w>(
    start: usize,
    end: usize,
    trigger: usize,
    w: &impl Fn(usize) -> &'w str,
) -> bool {
    // "X tumbled 17% after it said it would close 48 stores": the trigger
    // is in a clause of its own after the number. Not a relative clause,
    // which qualifies the number's noun ("300 troops, who arrived in May,
    // will leave").
    let adverbial = (end..trigger).any(|t| {
        CLAUSE_OPENERS.contains(&w(t)) && !matches!(w(t), "which" | "who" | "whose" | "where")
    });
    // "buried 11 houses ..., killing 14 people": a participle after a
    // comma says what the main verb did; the main verb's number is not
    // its own.
    let participle = w(trigger).ends_with("ing") && (end..trigger).any(|t| w(t) == ",");
    // "pledged aid of 500 million pesos, and the military deployed …": a
    // clause of its own, with its own subject, before the trigger's.
    let coordinated = (end..trigger).any(|t| {
        w(t) == ","
            && w(t + 1) == "and"
            && t + 2 < trigger
            && matches!(
                w(t + 2),
                "the" | "a" | "an" | "its" | "his" | "her" | "their" | "they" | "it" | "he" | "she"
            )
    });
    // "arrested at least 37 people ... as traders protested": the object
    // of another verb before the trigger.
    in_clause_before(start, end, trigger, w)
        || adverbial
        || participle
        || coordinated
        || object_of_other_verb(start, w)
}

/// True when the number at `start`, past "about" and the like, follows
/// "of" after a place ("a village of about 1,200 people", "a city of
/// 20,000"): the people who live there.
fn of_a_place<'w>(start: usize, w: &impl Fn(usize) -> &'w str) -> bool {
    let t = past_approx(start, w, 3, &[ABOUT]);
    w(t.wrapping_sub(1)) == "of"
        && matches!(
            w(t.wrapping_sub(2)),
            "village"
                | "town"
                | "city"
                | "community"
                | "district"
                | "country"
                | "nation"
                | "region"
                | "island"
                | "camp"
        )
}

/// Words that make a number approximate ("about", "nearly", "more than").
const ABOUT: &[&str] = &[
    "about",
    "some",
    "nearly",
    "around",
    "roughly",
    "almost",
    "approximately",
    "over",
    "more",
    "than",
];

/// Words that bound or qualify a number besides [`ABOUT`] ("at least",
/// "at most", "an estimated", "up to").
const BOUNDS: &[&str] = &["at", "least", "most", "an", "estimated", "up", "to"];

/// The first of at most `n` words of `lists` right before the number at
/// `start` (`start` itself when there are none).
fn past_approx<'w>(
    start: usize,
    w: &impl Fn(usize) -> &'w str,
    n: usize,
    lists: &[&[&str]],
) -> usize {
    let mut t = start;
    while t > 0 && start - t < n && lists.iter().any(|l| l.contains(&w(t - 1))) {
        t -= 1;
    }
    t
}

/// Rates of the economy: a percentage after them ("inflation of 24%")
/// measures no event of the story.
const RATES: &[&str] = &[
    "inflation",
    "unemployment",
    "growth",
    "rate",
    "rates",
    "yield",
    "yields",
    "deficit",
    "tariff",
    "tariffs",
    "tax",
    "interest",
];

/// True when the number at `start` is the object of a verb in the past
/// tense right before it (past "at least", "about" and the like) that
/// counts something else: "arrested at least 37 people". Verbs that say
/// the count of the event itself ("killed 12", "left 12 dead", "deployed
/// 300") do not count.
fn object_of_other_verb<'w>(start: usize, w: &impl Fn(usize) -> &'w str) -> bool {
    let v = w(past_approx(start, w, 4, &[ABOUT, BOUNDS]).wrapping_sub(1));
    v.len() > 4
        && v.ends_with("ed")
        && v.chars().all(|c| c.is_ascii_lowercase())
        && !matches!(
            v,
            "killed"
                | "wounded"
                | "injured"
                | "stationed"
                | "deployed"
                | "based"
                | "estimated"
                | "reported"
                | "numbered"
                | "totalled"
                | "totaled"
                | "involved"
                | "displaced"
                | "evacuated"
        )
}

/// True when the number at `start..end`, before the trigger, stands in a
/// clause of its own that a comma closes before the trigger: "X, which
/// controls 31% of the shares, agreed", "After 300 people died, the
/// government announced", "X, with 900 staff, said it would cut".
fn in_clause_before<'w>(
    start: usize,
    end: usize,
    trigger: usize,
    w: &impl Fn(usize) -> &'w str,
) -> bool {
    let closed = (end..trigger).any(|t| matches!(w(t), "," | ";" | "—" | "–"));
    if !closed {
        return false;
    }
    // Back to the clause's first word: the comma before the number, or the
    // sentence start ("" before it), at most a dozen words away.
    let mut t = start;
    while t > 0 && start - t < 12 {
        let prev = w(t - 1);
        if matches!(prev, "," | ";" | "—" | "–" | "") {
            break;
        }
        t -= 1;
    }
    let opener = w(t);
    CLAUSE_OPENERS.contains(&opener) || matches!(opener, "that" | "with" | "as")
}

/// True when quantity `q` is what a withdrawal or cut leaves behind
/// ("…, leaving about 4,000 troops", "would leave a force of 4,000"): the
/// level it goes to, not the amount moved.
pub(super) fn residual(q: &QuantityExpr, words: &[Cow<'_, str>], base: usize) -> bool {
    let w = |t: usize| {
        t.checked_sub(base)
            .and_then(|j| words.get(j))
            .map_or("", |w| w.as_ref())
    };
    if q.quantity.value.is_none() || q.quantity.from.is_some() {
        return false;
    }
    let mut t = q.tokens.start;
    while t > base
        && t + 5 > q.tokens.start
        && matches!(
            w(t - 1),
            "a" | "force"
                | "of"
                | "about"
                | "roughly"
                | "some"
                | "around"
                | "only"
                | "just"
                | "behind"
                | "approximately"
                | "nearly"
        )
    {
        t -= 1;
    }
    t > base && matches!(w(t - 1), "leave" | "leaves" | "leaving" | "left")
}

/// For each candidate, the quantities it owns. The nearest trigger before
/// the number owns it (numbers follow their verb: "cut … from 900 to 400");
/// a number before every trigger goes to the next one.
pub(super) fn owners<'q>(
    cands: &[Candidate],
    quants: &'q [QuantityExpr],
    words: &[Cow<'_, str>],
    base: usize,
    level: impl Fn(&QuantityExpr) -> bool,
) -> Vec<Vec<&'q QuantityExpr>> {
    let mut owned: Vec<Vec<&QuantityExpr>> = vec![Vec::new(); cands.len()];
    for q in quants {
        // A level stated before any trigger ("X, which has 90 troops in
        // Mali, said it would not pull out") is not the trigger's number.
        if !cands.iter().any(|c| c.tok < q.tokens.start) && level(q) {
            continue;
        }
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
        let fits = |b: usize| cands.get(b).is_some_and(|c| measures(q, c, words, base));
        if let Some(list) = best.filter(|&b| fits(b)).and_then(|b| owned.get_mut(b)) {
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
