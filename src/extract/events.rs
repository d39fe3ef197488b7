//! Events: trigger words used as events ("will withdraw", "the attack",
//! "struck", "met"), with their time, place, participants and numbers, and
//! named events ("the G20 Summit"); then [`cluster`] and [`make_nodes`]
//! make one graph node per occurrence across sentences and documents.
//!
//! Per sentence: time expressions ([`crate::extract::dates`]) and
//! quantities ([`crate::extract::quantities`]) are found first; each trigger
//! takes the entities of its stretch of the sentence (up to the neighbouring
//! triggers) as agent (before it), target or participants (after it) and
//! location (a place after "in", "at", "near", "from"...), the nearest time
//! expression, and the quantities nearest to it. An event needs a trigger
//! used as an event and at least one role, time or number.

use crate::extract::dates::{self, Precision, TimeRef, Unit, Ymd};
use crate::extract::quantities::{self, QuantityExpr};
use crate::extract::relations::sentence_evidence;
use crate::extract::triggers::{Pos, trigger};
use crate::lexicon;
use crate::model::stage::EventExtractor;
use crate::model::{
    Analyzed, DocEntities, EventKind, Kind, LocalEvent, Mention, Quantity, Relation, Span,
    TimeValue,
};
use crate::util::lower::lower;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, Default)]
pub struct EventRules;

/// Words before a noun that make it one occurrence ("the attack", "a
/// strike", "its withdrawal", "launched a ... attack").
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "its",
    "his",
    "her",
    "their",
    "our",
    "'s",
    "’s",
    "last",
    "latest",
    "first",
    "second",
    "new",
    "launched",
    "carried",
    "conducted",
    "staged",
    "held",
    "reached",
    "signed",
    "passed",
    "announced",
    "planned",
    "anticipated",
    "reported",
];

/// Head words of named events ("the G20 Summit", "the General Assembly").
const NAMED_HEADS: &[&str] = &[
    "Summit",
    "Assembly",
    "Olympics",
    "Games",
    "Conference",
    "Forum",
    "Cup",
    "Championship",
    "Championships",
    "Festival",
    "Expo",
    "Election",
    "Referendum",
];

/// Prepositions that make a following place the event's location.
const LOC_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "from",
    "into",
    "inside",
    "outside",
    "across",
    "around",
    "to",
    "throughout",
    "within",
    "aboard",
];

/// Words that end the stretch of a sentence an event takes its roles from.
const CLAUSE_BREAKS: &[&str] = &[
    ";",
    "said",
    "says",
    "told",
    "according",
    "while",
    "but",
    "although",
    "whereas",
    "“",
    "”",
    "\"",
    "that",
    "which",
    "who",
    "whose",
    "where",
    "when",
];

/// Words before a trigger that put it in the future or present, so that
/// without a time word it is dated by the report itself.
const REPORT_TENSE: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "plans",
    "plan",
    "planning",
    "intends",
    "expected",
    "expects",
    "decided",
    "wants",
    "seeks",
    "announces",
    "says",
];

/// Words that on their own mark a sentence as a sports report, where "X
/// meets Y", "the visiting side", "struck 158" and "attack" describe play.
const SPORTS_STRONG: &[&str] = &[
    "match",
    "matches",
    "semifinal",
    "semifinals",
    "semi-final",
    "semi-finals",
    "quarterfinal",
    "quarterfinals",
    "quarter-final",
    "quarter-finals",
    "tournament",
    "league",
    "innings",
    "wicket",
    "wickets",
    "scored",
    "striker",
    "midfielder",
    "playoff",
    "playoffs",
    "play-off",
    "play-offs",
    "seeded",
    "fixture",
    "fixtures",
    "stadium",
    "coach",
    "champion",
    "champions",
    "championship",
    "cup",
    "athletics",
    "soccer",
    "football",
    "cricket",
    "tennis",
    "rugby",
];

/// Words that mark sport only when two of them meet ("round of talks" or
/// "won the vote" alone are politics).
const SPORTS_WEAK: &[&str] = &[
    "team", "teams", "game", "games", "round", "beat", "beats", "defeated", "season", "club",
    "title", "win", "won", "victory", "draw", "drew", "points", "race", "ties", "side", "goal",
    "goals", "players", "player",
];

/// Kinds whose trigger words have a sports sense ("meet", "visiting",
/// "attack", "struck", "captured the title", "cut the lead").
fn has_sports_sense(kind: EventKind) -> bool {
    use EventKind::*;
    matches!(
        kind,
        Meeting | Visit | Attack | Strike | Capture | Reduction
    )
}

/// True when the words read as a sports report: one strong sports word
/// ("final" only as a noun: "in the final", not "the final agreement") or
/// two weak ones.
fn is_sports(words: &[Cow<'_, str>]) -> bool {
    // Asked of every word of every sentence: one look-up in one table
    // (true for strong words), not a scan of the lists.
    static SPORTS: LazyLock<HashMap<&str, bool, lexicon::WordBuild>> = LazyLock::new(|| {
        let weak = SPORTS_WEAK.iter().map(|w| (*w, false));
        // Strong after weak: a word in both lists is strong.
        weak.chain(SPORTS_STRONG.iter().map(|w| (*w, true)))
            .collect()
    });
    let mut weak = 0;
    for (k, w) in words.iter().enumerate() {
        let w = w.as_ref();
        let next = words.get(k + 1).map(|w| &**w).unwrap_or("");
        let final_noun = matches!(w, "final" | "finals")
            && k.checked_sub(1)
                .and_then(|j| words.get(j))
                .is_some_and(|p| p == "the")
            && !next.chars().next().is_some_and(char::is_alphabetic)
            || (w == "final" && matches!(next, "of" | "against" | "on" | "in" | "at"));
        let strong = SPORTS.get(w).copied();
        if strong == Some(true) || final_noun {
            return true;
        }
        if strong == Some(false) {
            weak += 1;
        }
    }
    weak >= 2
}

struct Candidate {
    kind: EventKind,
    /// Token index of the trigger (the head word for named events).
    tok: usize,
    trigger: Span,
    pos: Pos,
    /// For named events, the name.
    name: Option<String>,
}

fn lower_words<'a>(doc: &Analyzed<'a>, range: std::ops::Range<usize>) -> Vec<Cow<'a, str>> {
    range.map(|i| lower(doc.token_text(i))).collect()
}

/// True when word `k` (sentence-relative) is used as the event and not, for
/// instance, as an adjective or a generic plural.
fn accepted(kind: EventKind, pos: Pos, words: &[Cow<'_, str>], k: usize, has_time: bool) -> bool {
    let w = |j: usize| words.get(j).map(|w| &**w).unwrap_or("");
    let prev = |n: usize| k.checked_sub(n).map(w).unwrap_or("");
    let cur = w(k);
    if prev(1) == "under" {
        // "came under attack": a state, not one occurrence.
        return false;
    }
    match pos {
        Pos::Verb => {
            // "cut" and "attack" are nouns after determiners; they stay
            // events of the same kind. Participles used as adjectives
            // ("troops deployed in", "the reduced force") are not events.
            if matches!(
                prev(1),
                "are" | "is" | "were" | "remain" | "remained" | "also"
            ) && kind == EventKind::Deployment
            {
                return false;
            }
            if kind == EventKind::Deployment
                && cur.ends_with("ed")
                && prev(1).ends_with('s')
                && prev(1).chars().all(char::is_alphabetic)
            {
                // "troops deployed in": a participle describing the troops.
                return false;
            }
            if matches!(prev(1), "the" | "a" | "an") && cur.ends_with("ed") {
                return false;
            }
            if prev(1) == "to"
                && matches!(
                    prev(2),
                    "trying"
                        | "tried"
                        | "tries"
                        | "attempt"
                        | "attempts"
                        | "attempted"
                        | "plot"
                        | "plotting"
                        | "threatened"
                        | "threatening"
                        | "threatens"
                        | "failed"
                )
            {
                // "accused him of trying to kill": it did not happen.
                return false;
            }
            if kind == EventKind::Strike
                && (1..=3).any(|n| {
                    matches!(
                        w(k + n),
                        "deal" | "agreement" | "accord" | "pact" | "compromise" | "bargain"
                    )
                })
            {
                // "struck a deal": an agreement, read by its noun.
                return false;
            }
            if kind == EventKind::Attack
                && (1..=4).any(|n| {
                    matches!(
                        w(k + n),
                        "decision"
                            | "policy"
                            | "policies"
                            | "plan"
                            | "plans"
                            | "remarks"
                            | "proposal"
                            | "statement"
                            | "comments"
                            | "record"
                            | "budget"
                            | "bill"
                            | "idea"
                            | "critics"
                            | "stance"
                    )
                })
            {
                // "attacking the government's decision": words, not force.
                return false;
            }
            if cur == "visiting" && DETERMINERS.contains(&prev(1)) {
                // "the visiting delegation": an adjective, not a visit.
                return false;
            }
            if cur == "pull" || cur == "pulls" || cur == "pulled" || cur == "pulling" {
                // "pull troops out / from": only with out/from/back nearby.
                return words[k..(k + 8).min(words.len())]
                    .iter()
                    .any(|x| matches!(x.as_ref(), "out" | "from" | "back"));
            }
            if matches!(cur, "cut" | "cuts") && matches!(prev(1), "the" | "a" | "this") {
                return true;
            }
            if matches!(cur, "signed") {
                return words[k..(k + 5).min(words.len())].iter().any(|x| {
                    matches!(
                        x.as_ref(),
                        "deal" | "agreement" | "accord" | "treaty" | "pact"
                    )
                });
            }
            if cur == "declared" {
                // "declared defeated", "declared victory": an announcement only
                // with an object noun following.
                return matches!(
                    w(k + 1),
                    "victory" | "war" | "independence" | "a" | "an" | "that"
                );
            }
            true
        }
        Pos::Noun => {
            if matches!(cur, "demonstration" | "demonstrations") && w(k + 1) == "of" {
                // "a clear demonstration of commitment".
                return false;
            }
            if cur == "fall" {
                return w(k + 1) == "of";
            }
            if (1..=2).any(|n| {
                matches!(
                    prev(n),
                    "attempted" | "possible" | "potential" | "foiled" | "thwarted"
                )
            }) || (kind == EventKind::Strike && matches!(w(k + 1), "price" | "prices"))
                || (kind == EventKind::Attack
                    && matches!(prev(1), "verbal" | "personal" | "scathing" | "bitter"))
                || (kind == EventKind::Strike
                    && (matches!(
                        prev(1),
                        "general" | "hunger" | "on" | "labour" | "labor" | "rail" | "national"
                    ) || matches!(prev(2), "observed" | "called" | "staged" | "held")))
            {
                // "charges of attempted murder": it did not happen.
                return false;
            }
            if cur == "resolution" {
                // A resolution is a vote when it is passed or adopted.
                return (1..=4).any(|n| {
                    matches!(
                        prev(n),
                        "passed" | "pass" | "adopted" | "approved" | "this" | "the"
                    )
                });
            }
            if cur == "talks" {
                return (1..=3).any(|n| matches!(prev(n), "held" | "hold" | "the"))
                    || matches!(w(k + 1), "with" | "between");
            }
            let determined = (1..=4).any(|n| DETERMINERS.contains(&prev(n)));
            let plural = cur.ends_with('s') && !matches!(cur, "talks" | "polls" | "riots");
            if plural {
                // Generic plurals ("periodic attacks") only with a date or
                // a launch verb.
                return has_time
                    || (1..=3).any(|n| {
                        matches!(prev(n), "launched" | "carried" | "conducted" | "staged")
                    });
            }
            determined || has_time
        }
    }
}

/// The trigger and named-event candidates of sentence `s`.
fn candidates(
    doc: &Analyzed<'_>,
    s: usize,
    words: &[Cow<'_, str>],
    skip: &[bool],
    has_time: bool,
) -> Vec<Candidate> {
    let Some(sent) = doc.sentences.get(s) else {
        return Vec::new();
    };
    let base = sent.tokens.start;
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if skip.get(k).copied().unwrap_or(false) {
            continue;
        }
        let tok = base + k;
        let raw = doc.token_text(tok);
        // Named events: a capitalised run ending in an event head.
        if NAMED_HEADS.contains(&raw) {
            let mut start = k;
            while start > 0 {
                let p = doc.token_text(base + start - 1);
                if p.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                    && !crate::lexicon::is_sentence_starter(p)
                {
                    start -= 1;
                } else {
                    break;
                }
            }
            if start < k {
                let span = Span::new(
                    doc.tokens.get(base + start).map_or(0, |t| t.span.start),
                    doc.tokens.get(tok).map_or(0, |t| t.span.end),
                );
                out.push(Candidate {
                    kind: EventKind::Named,
                    tok,
                    trigger: span,
                    pos: Pos::Noun,
                    name: Some(span.text(&doc.doc.text).to_string()),
                });
                continue;
            }
        }
        // A few words are both nouns and verbs: decide from the word before.
        let prev = k
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .map(|w| &**w)
            .unwrap_or("");
        // Only asked for the four words below: not worked out for every
        // word.
        let noun_context = || {
            DETERMINERS.contains(&prev)
                || prev.chars().next().is_some_and(|c| c.is_ascii_digit())
                || k.checked_sub(1)
                    .map(|j| doc.token_text(base + j))
                    .is_some_and(|p| {
                        p.chars().next().is_some_and(char::is_uppercase) && j_is_modifier(p)
                    })
        };
        let key: Cow<str> = match w.as_ref() {
            "attack" | "visit" if noun_context() => Cow::Owned(format!("{w}_n")),
            "strikes" | "votes"
                if !noun_context()
                    && !prev.is_empty()
                    && !DETERMINERS.contains(&prev)
                    && is_subjectish(prev) =>
            {
                Cow::Owned(format!("{w}_v"))
            }
            _ => Cow::Borrowed(w.as_ref()),
        };
        let Some((kind, pos)) = trigger(&key) else {
            continue;
        };
        if !accepted(kind, pos, words, k, has_time) {
            continue;
        }
        let span = doc.tokens.get(tok).map(|t| t.span).unwrap_or_default();
        out.push(Candidate {
            kind,
            tok,
            trigger: span,
            pos,
            name: None,
        });
    }
    // "X's strike killed Y": one event per trigger, but "deal" right after
    // "agreement" and such doubles are merged later by kind.
    out
}

/// Capitalised words that modify a following noun ("U.S. strike").
fn j_is_modifier(p: &str) -> bool {
    p.len() > 1 && !crate::lexicon::is_sentence_starter(p)
}

fn is_subjectish(w: &str) -> bool {
    matches!(w, "he" | "she" | "it" | "they" | "who" | "which")
}

/// A mention of the sentence with its entity.
#[derive(Clone, Copy)]
struct Ment {
    start: usize,
    end: usize,
    entity: usize,
    kind: Kind,
    /// A name used as a modifier of another noun ("Israeli minister", "a
    /// Paris church"): not itself a participant or target.
    modifier: bool,
}

fn assign_roles(
    c: &Candidate,
    ments: &[Ment],
    words: &[Cow<'_, str>],
    base: usize,
    lo: usize,
    hi: usize,
    after_trigger: bool,
) -> Vec<(Relation, usize)> {
    use EventKind::*;
    let w = |t: usize| {
        t.checked_sub(base)
            .and_then(|k| words.get(k))
            .map(|w| &**w)
            .unwrap_or("")
    };
    let mut roles: Vec<(Relation, usize)> = Vec::new();
    let push = |roles: &mut Vec<(Relation, usize)>, r: Relation, e: usize| {
        if !roles.iter().any(|&(_, x)| x == e) {
            roles.push((r, e));
        }
    };
    // The word before a mention, skipping articles, titles and "the city
    // of"; "out of" counts as "from".
    let word_before = |m: &Ment| {
        let mut t = m.start;
        while t > base {
            t -= 1;
            let x = w(t);
            if matches!(
                x,
                "the" | "a" | "an" | "former" | "late" | "city" | "town" | "province"
            ) || crate::lexicon::is_title(x)
                || (x == "of" && matches!(w(t.wrapping_sub(1)), "city" | "town" | "province"))
            {
                continue;
            }
            if x == "of" && w(t.wrapping_sub(1)) == "out" {
                return "from";
            }
            return x;
        }
        ""
    };
    let named = c.kind == Named;
    // Before the trigger: places after a location word are the location;
    // the nearest other mention, unless it is the object of another verb,
    // is the agent.
    let before: Vec<&Ment> = ments
        .iter()
        .filter(|m| m.end <= c.tok && m.start >= lo && !named)
        .collect();
    // "… before visiting X": the subject is the main verb's, further back.
    let trig_word = w(c.tok);
    let mut agent_found = c.pos == Pos::Verb
        && trig_word.ends_with("ing")
        && matches!(
            w(c.tok.wrapping_sub(1)),
            "before" | "after" | "while" | "without" | "by" | "since" | "on" | "when"
        );
    for m in before.iter().rev() {
        let mut prep = word_before(m);
        // "between A and B": B is as much an object as A.
        if matches!(prep, "and" | "or" | ",")
            && let Some(first) = before
                .iter()
                .find(|o| o.end < m.start && m.start - o.end <= 2)
        {
            prep = word_before(first);
        }
        let adjacent = m.end == c.tok || (m.end + 1 == c.tok && !matches!(w(m.end), "and" | ","));
        if m.kind == Kind::Place && LOC_PREPS.contains(&prep) {
            if m.modifier {
                // "in the Irish guerrilla bombing": not where it happened.
                continue;
            }
            // After an earlier trigger, the place is that event's ("cut
            // forces in A and deploy to B").
            if !after_trigger {
                push(&mut roles, Relation::Location, m.entity);
            }
            continue;
        }
        if c.pos == Pos::Noun && adjacent && matches!(c.kind, Killing | Capture | Invasion) {
            // "the Khashoggi killing": the modifier is the one it happened to.
            push(&mut roles, Relation::Target, m.entity);
            continue;
        }
        // The object of another verb ("ousted former leader X") is not
        // the agent: look at up to three lowercase words before it.
        let verb_before = (1..=3)
            .map_while(|n| m.start.checked_sub(n).filter(|&t| t >= base))
            .map(w)
            .take_while(|x| x.chars().all(char::is_alphabetic))
            .any(|x| {
                (x.len() > 4 && (x.ends_with("ed") || x.ends_with("ing")))
                    || trigger(x).is_some_and(|t| t.1 == Pos::Verb)
            });
        // "X's partner Y withdrew": the owner of something else, unless
        // what it owns is the event ("X's latest attack").
        let possessor = matches!(w(m.end), "'s" | "’s") && c.tok - m.end > 3;
        let object = verb_before
            || possessor
            || matches!(prep, "of" | "with" | "against" | "on" | "by" | "for")
            || LOC_PREPS.contains(&prep);
        if verb_before && w(c.tok.wrapping_sub(1)) == "to" {
            // "inviting X to meet": X, not anyone further back, would be
            // the subject; as an object it is left out.
            agent_found = true;
        }
        // "… Y group after they met": the pronoun is the subject.
        let pronoun_between =
            (m.end..c.tok).any(|t| matches!(w(t), "he" | "she" | "they" | "it" | "we" | "i"));
        if pronoun_between {
            agent_found = true;
        }
        if !agent_found && !object && c.tok - m.end <= 12 {
            push(&mut roles, Relation::Agent, m.entity);
            agent_found = true;
            // "A and B met": both take part.
            if c.kind == Meeting {
                for other in &before {
                    if other.entity != m.entity
                        && other.end < m.start
                        && m.start - other.end <= 2
                        && w(other.end) == "and"
                    {
                        push(&mut roles, Relation::Participant, other.entity);
                    }
                }
            }
        }
    }
    // After the trigger: linked by a preposition, as the direct object of a
    // verb, or chained by "and" / "," to a linked mention.
    let mut last: Option<(usize, Relation)> = None;
    for m in ments
        .iter()
        .filter(|m| m.start > c.tok && m.start < hi && m.start - c.tok <= 16)
    {
        if named && m.start - c.tok > 3 {
            // "finished fourth at the X Games, then won in Y": a name's place
            // follows it at once ("the Games in Y").
            break;
        }
        let prep = word_before(m);
        let chained = last.and_then(|(end, r)| {
            let gap: Vec<&str> = (end..m.start).map(w).collect();
            (m.start >= end && m.start - end <= 5 && gap.iter().any(|x| matches!(*x, "and" | "or")))
                .then_some(r)
        });
        let direct = c.pos == Pos::Verb && m.start - c.tok <= 4;
        let linked = matches!(
            prep,
            "on" | "against"
                | "at"
                | "of"
                | "with"
                | "between"
                | "by"
                | "targeting"
                | "to"
                | "into"
        ) || LOC_PREPS.contains(&prep);
        let role = if prep == "by" && !named {
            // "attacked by X", "the attack by X"; not "was first reported
            // by X" further on.
            if m.start - c.tok > 4 {
                continue;
            }
            Relation::Agent
        } else if m.modifier && m.kind == Kind::Place {
            // "protest from U.S. growers": a demonym is no place of the event.
            continue;
        } else if m.kind == Kind::Place
            && matches!(prep, "to" | "into")
            && !matches!(
                c.kind,
                Visit | Deployment | Withdrawal | Reduction | Invasion
            )
        {
            // "seized a plane and forced it to fly to X": only movements
            // take their place from "to".
            continue;
        } else if (m.kind == Kind::Place && LOC_PREPS.contains(&prep) && c.kind != Invasion)
            || (m.kind == Kind::Group && prep == "at")
        {
            Relation::Location
        } else if c.kind == Killing && m.kind == Kind::Place {
            // "killed Iranian Gen. X": the demonym is not a victim.
            continue;
        } else if let Some(r) = chained.filter(|_| !linked && !direct && !m.modifier) {
            r
        } else if m.modifier {
            // "met Israeli Foreign Minister X": X takes part, not Israel.
            continue;
        } else if !(linked || direct) {
            continue;
        } else if matches!(c.kind, Killing | Attack | Strike)
            && !direct
            && !matches!(prep, "on" | "against" | "of" | "targeting")
        {
            // "killed … after guards loyal to X": only "on/against/of" or
            // the object names the one hit.
            continue;
        } else {
            match c.kind {
                Killing if m.kind == Kind::Place => continue,
                Killing | Attack | Strike | Invasion => Relation::Target,
                Capture if m.kind == Kind::Place => Relation::Location,
                Capture => Relation::Target,
                _ => Relation::Participant,
            }
        };
        if role == Relation::Agent {
            // "protect X from attack by Y": the agent named by "by" wins
            // over a guess from before the trigger.
            roles.retain(|r| r.0 != Relation::Agent);
        }
        push(&mut roles, role, m.entity);
        last = Some((m.end, role));
    }
    roles
}

/// Resolves a "later" offset against the previous dated event.
fn shift_time(prev: &TimeValue, amount: i64, unit: Unit, text: &str) -> Option<TimeValue> {
    let (d, p) = Ymd::parse_iso(&prev.start)?;
    let (nd, np) = unit.shift(d, amount);
    Some(TimeValue {
        start: nd.iso(np.min(p)),
        end: None,
        text: text.to_string(),
    })
}

fn kind_phrase(kind: EventKind) -> &'static str {
    kind.as_str()
}

/// A readable label from the role names: "killing of A near B".
pub(crate) fn make_label(
    kind: EventKind,
    agent: Option<&str>,
    target: Option<&str>,
    place: Option<&str>,
    other: Option<&str>,
) -> String {
    let mut s = kind_phrase(kind).to_string();
    if let Some(a) = agent {
        s.push_str(" by ");
        s.push_str(a);
    }
    if let Some(t) = target {
        s.push_str(if matches!(kind, EventKind::Attack | EventKind::Strike) {
            " on "
        } else {
            " of "
        });
        s.push_str(t);
    } else if let Some(o) = other {
        s.push_str(" with ");
        s.push_str(o);
    }
    if let Some(p) = place {
        s.push_str(" in ");
        s.push_str(p);
    }
    s
}

fn label_from_roles<'a>(
    kind: EventKind,
    roles: &[(Relation, usize)],
    name: impl Fn(usize) -> Option<&'a str>,
) -> String {
    let first = |r: Relation| roles.iter().find(|x| x.0 == r).and_then(|x| name(x.1));
    make_label(
        kind,
        first(Relation::Agent),
        first(Relation::Target),
        first(Relation::Location),
        first(Relation::Participant),
    )
}

impl EventExtractor for EventRules {
    fn events(
        &self,
        doc: &Analyzed<'_>,
        mentions: &[Mention],
        entities: &DocEntities,
    ) -> Vec<LocalEvent> {
        let anchor_iso = doc
            .doc
            .meta
            .date
            .clone()
            .or_else(|| dates::document_date(doc));
        let anchor = anchor_iso
            .as_deref()
            .and_then(Ymd::parse_iso)
            .filter(|x| x.1 == Precision::Day)
            .map(|x| x.0);
        // The headline: the first sentence that is not page furniture.
        let headline = doc.sentences.iter().position(|s| !s.boilerplate);
        // A sports report: "meets" and "visiting" in its other sentences are
        // fixtures too ("Smith meets Jones on Sunday").
        // Every kept sentence's words in lowercase, made once for the
        // sports test, the time and the event scans.
        let lowered: Vec<Vec<Cow<'_, str>>> = doc
            .sentences
            .iter()
            .map(|x| {
                if x.boilerplate {
                    Vec::new()
                } else {
                    lower_words(doc, x.tokens.clone())
                }
            })
            .collect();
        let sports: Vec<bool> = doc
            .sentences
            .iter()
            .zip(&lowered)
            .map(|(x, w)| !x.boilerplate && is_sports(w))
            .collect();
        let sports_sentences = sports.iter().filter(|&&x| x).count();
        let all_sentences = doc.sentences.iter().filter(|x| !x.boilerplate).count();
        let sports_doc = sports_sentences >= 2 && sports_sentences * 3 >= all_sentences;
        let mut out = Vec::new();
        let mut last_time: Option<TimeValue> = None;
        // The unit of the last count read, for changes that leave it out
        // ("1,700 troops … from 5,200 to 3,500").
        let mut last_unit: Option<String> = None;
        for (s, sent) in doc.sentences.iter().enumerate() {
            if sent.boilerplate {
                continue;
            }
            let base = sent.tokens.start;
            let Some(words) = lowered.get(s) else {
                continue;
            };
            // Most sentences have no trigger at all; their times and
            // quantities are not read. Skipping the words inside times and
            // quantities only drops candidates, and a time only admits
            // more, so none here means none below.
            if candidates(doc, s, words, &[], true).is_empty() {
                continue;
            }
            let times = dates::find_times(doc, s, anchor, words);
            let quants = quantities::find_quantities(doc, s, &times, words);
            let mut skip = vec![false; words.len()];
            for r in times
                .iter()
                .map(|t| t.tokens.clone())
                .chain(quants.iter().map(|q| q.tokens.clone()))
            {
                for t in r {
                    if let Some(x) = skip.get_mut(t - base) {
                        *x = true;
                    }
                }
            }
            // Times used to date a quantity ("as of late May") date that
            // level, not the event.
            let event_times: Vec<&dates::TimeExpr> = times
                .iter()
                .filter(|t| {
                    !quants
                        .iter()
                        .any(|q| q.tokens.start <= t.tokens.start && t.tokens.end <= q.tokens.end)
                })
                .collect();
            let mut cands = candidates(doc, s, words, &skip, !event_times.is_empty());
            if sports_doc || sports.get(s).copied().unwrap_or(false) {
                cands.retain(|c| !has_sports_sense(c.kind));
            }
            if cands.is_empty() {
                continue;
            }
            let mut ments: Vec<Ment> = mentions
                .iter()
                .enumerate()
                .filter(|(_, m)| m.sentence == s)
                .filter_map(|(mi, m)| {
                    let e = (*entities.mention_entity.get(mi)?)?;
                    let ent = entities.entities.get(e)?;
                    let next = doc.token_text(m.tokens.end);
                    let next_is_word = m.tokens.end < sent.tokens.end
                        && next.chars().all(char::is_alphabetic)
                        && !next.is_empty();
                    let prev = m
                        .tokens
                        .start
                        .checked_sub(1)
                        .filter(|&j| j >= base)
                        .map(|j| lower(doc.token_text(j)))
                        .unwrap_or_default();
                    // "Israeli minister" (a demonym) or "a Karlsruhe goal" (a
                    // name between an article and a lowercase noun).
                    let surface = m.span.text(&doc.doc.text);
                    let demonym = ent.kind == Kind::Place && surface != ent.name;
                    // "withdrawal of U.S. troops": the force is the country's,
                    // so the country takes part.
                    let force = matches!(
                        lower(next).as_ref(),
                        "troops"
                            | "forces"
                            | "soldiers"
                            | "military"
                            | "army"
                            | "navy"
                            | "jets"
                            | "warplanes"
                            | "drones"
                            | "police"
                            | "personnel"
                    );
                    // "against the Austrians": a people, not the place.
                    let modifier = !force
                        && ((demonym && surface.ends_with('s'))
                            || (next_is_word
                                && (demonym
                                    || (matches!(prev.as_ref(), "a" | "an")
                                        && next.chars().all(char::is_lowercase)))));
                    Some(Ment {
                        start: m.tokens.start,
                        end: m.tokens.end,
                        entity: e,
                        kind: ent.kind,
                        modifier,
                    })
                })
                .collect();
            ments.sort_by_key(|m| (m.start, m.end));
            // Clause breaks bound each trigger's stretch of the sentence.
            let breaks: Vec<usize> = words
                .iter()
                .enumerate()
                .filter(|(_, w)| CLAUSE_BREAKS.contains(&w.as_ref()))
                .map(|(k, _)| base + k)
                .collect();
            // Quantities go to the nearest trigger.
            let mut owned: Vec<Vec<&QuantityExpr>> = vec![Vec::new(); cands.len()];
            for q in &quants {
                // The nearest trigger before the number owns it (numbers
                // follow their verb: "cut … from 900 to 400"); a number
                // before every trigger goes to the next one.
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
                if let Some(b) = best {
                    owned[b].push(q);
                }
            }
            let sentence_end = sent.tokens.end;
            for (ci, c) in cands.iter().enumerate() {
                let prev_tok = ci
                    .checked_sub(1)
                    .and_then(|p| cands.get(p))
                    .map(|p| p.tok + 1);
                let next_tok = cands.get(ci + 1).map(|n| n.tok);
                let lo = prev_tok
                    .into_iter()
                    .chain(breaks.iter().filter(|&&b| b < c.tok).map(|b| b + 1))
                    .max()
                    .unwrap_or(base);
                let hi = next_tok
                    .into_iter()
                    .chain(breaks.iter().copied().filter(|&b| b > c.tok))
                    .min()
                    .unwrap_or(sentence_end);
                let mut roles = assign_roles(c, &ments, words, base, lo, hi, ci > 0);
                // "a strike … killed X": the killing is the strike's
                // outcome, with its agent, place and time.
                let cause = (c.kind == EventKind::Killing)
                    .then(|| ci.checked_sub(1).and_then(|p| cands.get(p)))
                    .flatten()
                    .filter(|p| {
                        matches!(p.kind, EventKind::Strike | EventKind::Attack)
                            && c.tok - p.tok <= 8
                    })
                    .and_then(|p| out.last().filter(|e: &&LocalEvent| e.trigger == p.trigger))
                    .cloned();
                if let Some(prev_ev) = &cause
                    && !roles.iter().any(|r| r.0 == Relation::Agent)
                {
                    for &(r, e) in &prev_ev.roles {
                        if matches!(r, Relation::Agent | Relation::Location)
                            && !roles.iter().any(|x| x.1 == e)
                        {
                            roles.push((r, e));
                        }
                    }
                    roles.sort_by_key(|r| r.0 != Relation::Agent);
                }
                // Time: the nearest expression within the stretch, else in
                // the sentence.
                let dist = |t: &&&dates::TimeExpr| {
                    if t.tokens.start > c.tok {
                        t.tokens.start - c.tok
                    } else {
                        c.tok - t.tokens.end.min(c.tok)
                    }
                };
                // After the trigger, a time belongs to it only when close
                // and not behind a comma ("the X killing, Iran on Jan. 8
                // launched …" dates the launch).
                // "this resolution, passed in January": a participle after
                // the comma still describes the event.
                let comma_between = |t: &&&dates::TimeExpr| {
                    (c.tok..t.tokens.start).any(|j| {
                        doc.token_text(j) == "," && !lower(doc.token_text(j + 1)).ends_with("ed")
                    })
                };
                let in_stretch = event_times
                    .iter()
                    .filter(|t| t.tokens.start >= lo && t.tokens.start < hi)
                    .filter(|t| {
                        if t.tokens.end <= c.tok {
                            // "… in 2003, had withdrawn": a comma between
                            // ends the time's reach, except when it opens
                            // the sentence ("In May, troops left").
                            t.tokens.start <= base + 3
                                || !(t.tokens.end..c.tok).any(|j| doc.token_text(j) == ",")
                        } else {
                            t.tokens.start - c.tok <= 12 && !comma_between(t)
                        }
                    })
                    .min_by_key(dist);
                // An expression opening the sentence ("In May, ...") dates
                // every event in it; one later on belongs to its clause.
                let chosen = in_stretch.or_else(|| {
                    event_times
                        .iter()
                        .filter(|t| t.tokens.end <= c.tok && t.tokens.start <= base + 3)
                        .min_by_key(dist)
                });
                let k = c.tok - base;
                let report = Some(s) == headline
                    || (1..=6).any(|n| {
                        k.checked_sub(n)
                            .and_then(|j| words.get(j))
                            .is_some_and(|w| REPORT_TENSE.contains(&w.as_ref()))
                    });
                let publication = || {
                    anchor_iso.as_ref().filter(|_| report).map(|a| TimeValue {
                        start: a.clone(),
                        end: None,
                        text: "publication date".into(),
                    })
                };
                let mut time = None;
                let mut time_text = None;
                // "that year": the year last named in this sentence, else
                // the previous event's.
                let that_year = chosen
                    .and_then(|ch| {
                        times
                            .iter()
                            .filter(|t| t.tokens.end <= ch.tokens.start)
                            .filter_map(|t| match &t.value {
                                TimeRef::Value(v) => Some(v.clone()),
                                _ => None,
                            })
                            .next_back()
                    })
                    .or_else(|| last_time.clone());
                match chosen.map(|t| (&t.value, t.text.clone())) {
                    Some((TimeRef::Value(v), _)) => time = Some(v.clone()),
                    Some((TimeRef::Later { amount, unit }, text)) => {
                        match last_time
                            .as_ref()
                            .and_then(|p| shift_time(p, *amount, *unit, &text))
                        {
                            Some(v) => time = Some(v),
                            None => time_text = Some(text),
                        }
                    }
                    Some((TimeRef::MonthOfThatYear { month }, text)) => {
                        let year = that_year
                            .as_ref()
                            .and_then(|p| Ymd::parse_iso(&p.start))
                            .map(|(d, _)| d.y);
                        match year.and_then(|y| Ymd::new(y, *month, 1)) {
                            Some(d) => {
                                time = Some(TimeValue {
                                    start: d.iso(Precision::Month),
                                    end: None,
                                    text,
                                })
                            }
                            None => time_text = Some(text),
                        }
                    }
                    Some((TimeRef::Unresolved, text)) => {
                        // "within weeks" in a report: dated by the report,
                        // the vague words kept.
                        time = publication();
                        time_text = Some(text);
                    }
                    None => match &cause {
                        Some(p) if p.time.is_some() => {
                            time = p.time.clone();
                            time_text = p.time_text.clone();
                        }
                        _ => time = publication(),
                    },
                }
                let mut qs: Vec<Quantity> = owned[ci].iter().map(|q| q.quantity.clone()).collect();
                // A change with no unit borrows the unit of a count in the
                // same sentence ("from 5,200 to 3,500 ... about 1,700 soldiers").
                let is_count = |u: &&String| !u.is_empty() && *u != "percent" && *u != "fraction";
                let fallback = quants
                    .iter()
                    .map(|q| &q.quantity.unit)
                    .find(is_count)
                    .cloned()
                    .or_else(|| last_unit.clone());
                for q in &mut qs {
                    if q.unit.is_empty()
                        && let Some(u) = &fallback
                    {
                        q.unit = u.clone();
                    }
                }
                // A weak reading (no time words, no numbers, at most one
                // role: "the withdrawal in Iraq") adds a node that answers
                // nothing; keep only what is anchored somewhere.
                // Nor does one with nobody and no numbers ("the attack"
                // on some date).
                let weak =
                    (time.is_none() && time_text.is_none() && roles.len() < 2) || roles.is_empty();
                if weak && qs.is_empty() && c.kind != EventKind::Named {
                    continue;
                }
                if let Some(u) = qs
                    .iter()
                    .map(|q| &q.unit)
                    .find(|u| !u.is_empty() && *u != "percent" && *u != "fraction")
                {
                    last_unit = Some(u.clone());
                }
                // "later" counts from the last event with its own time
                // words; when those could not be resolved, neither can it.
                if chosen.is_some() {
                    last_time = time.clone();
                }
                // "the 1998 World Cup": the name's year is its time.
                if let Some(name) = &c.name
                    && let Some(y) = name.split_whitespace().find(|w| {
                        w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1800..2200).contains(&y))
                    })
                {
                    time = Some(TimeValue {
                        start: y.to_string(),
                        end: None,
                        text: name.clone(),
                    });
                    time_text = None;
                }
                let label = match &c.name {
                    Some(n) => n.clone(),
                    None => label_from_roles(c.kind, &roles, |e| {
                        entities.entities.get(e).map(|x| x.name.as_str())
                    }),
                };
                out.push(LocalEvent {
                    kind: c.kind,
                    label,
                    time,
                    time_text,
                    quantities: qs,
                    roles,
                    trigger: c.trigger,
                    evidence: sentence_evidence(doc, s),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
