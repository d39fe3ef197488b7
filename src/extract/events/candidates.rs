//! Which trigger words of a sentence are used as events ("the attack",
//! "troops withdrew") and not in another sense ("came under attack", "the
//! visiting side", "struck a deal"), with named events ("the G20 Summit")
//! and the sports test (a match report's "meets" and "attack" are play).

use crate::extract::triggers::{Pos, trigger};
use crate::lexicon;
use crate::model::{Analyzed, EventKind, Span};
use crate::util::lower::lower;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

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
    "kick-off",
    "kickoff",
    "half-time",
    "halftime",
    "winger",
    "scrum-half",
    "fly-half",
    "goalkeeper",
    "referee",
    "touchdown",
    "touchdowns",
    "quarterback",
    "batsman",
    "podium",
];

/// Words that mark sport only when two of them meet ("round of talks" or
/// "won the vote" alone are politics).
const SPORTS_WEAK: &[&str] = &[
    "team",
    "teams",
    "game",
    "games",
    "round",
    "beat",
    "beats",
    "defeated",
    "season",
    "club",
    "title",
    "win",
    "won",
    "victory",
    "draw",
    "drew",
    "points",
    "race",
    "ties",
    "side",
    "goal",
    "goals",
    "players",
    "player",
    "penalty",
    "conversion",
    "captain",
    "squad",
    "finals",
];

/// Kinds whose trigger words have a sports sense ("meet", "visiting",
/// "attack", "struck", "captured the title", "cut the lead").
pub(super) fn has_sports_sense(kind: EventKind) -> bool {
    use EventKind::*;
    matches!(
        kind,
        Meeting | Visit | Attack | Strike | Capture | Reduction
    )
}

/// True when the words read as a sports report: one strong sports word
/// ("final" only as a noun: "in the final", not "the final agreement") or
/// two weak ones.
pub(super) fn is_sports(words: &[Cow<'_, str>]) -> bool {
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
        // The clock of a match: "struck on 62 minutes", "in the 89th
        // minute" ("after 20 minutes of talks" is no match's).
        let prev = k
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .map_or("", |p| &**p);
        let match_clock = (w == "minutes"
            && prev.bytes().all(|b| b.is_ascii_digit())
            && !prev.is_empty()
            && k.checked_sub(2)
                .and_then(|j| words.get(j))
                .is_some_and(|p| p == "on"))
            || (w == "minute"
                && prev.len() > 2
                && prev.starts_with(|c: char| c.is_ascii_digit())
                && matches!(&prev[prev.len() - 2..], "st" | "nd" | "rd" | "th"));
        let strong = SPORTS.get(w).copied();
        if strong == Some(true) || final_noun || match_clock {
            return true;
        }
        if strong == Some(false) {
            weak += 1;
        }
    }
    weak >= 2
}

pub(super) struct Candidate {
    pub(super) kind: EventKind,
    /// Token index of the trigger (the head word for named events).
    pub(super) tok: usize,
    pub(super) trigger: Span,
    pub(super) pos: Pos,
    /// For named events, the name.
    pub(super) name: Option<String>,
}

/// "the Lordstown Assembly plant", "the Expo Center": a name that
/// qualifies a building or a body is none of these events.
fn qualifies_a_building(doc: &Analyzed<'_>, words: &[Cow<'_, str>], k: usize, tok: usize) -> bool {
    words.get(k + 1).is_some_and(|n| {
        matches!(
            n.as_ref(),
            "plant"
                | "factory"
                | "facility"
                | "site"
                | "building"
                | "hall"
                | "center"
                | "centre"
                | "complex"
                | "line"
                | "member"
                | "members"
                | "speaker"
                | "president"
                | "chairman"
                | "elections"
                | "seat"
                | "seats"
                | "village"
                | "grounds"
                | "office"
        )
    }) || {
        // "the National Election Commission", "the Expo Center", "the
        // Assembly of Experts": the head goes on into a longer name.
        let next = doc.token_text(tok + 1);
        let capital = |t: &str| t.starts_with(char::is_uppercase);
        let body = matches!(
            next,
            "Commission"
                | "Committee"
                | "Council"
                | "Center"
                | "Centre"
                | "Hall"
                | "Hotel"
                | "Party"
                | "Foundation"
                | "Institute"
                | "Office"
                | "Building"
                | "Plant"
                | "Stadium"
                | "Secretariat"
                | "Board"
        );
        body || (matches!(next, "of" | "for") && capital(doc.token_text(tok + 2)))
    }
}

/// A name that ends in an event head but is a body: a legislature ("the
/// National Assembly"), or one that speaks ("the Forum said", "Epic Games
/// announced"): an organisation, not a gathering. `words` lowercase, the
/// name at `start..=k`.
fn names_a_body(words: &[Cow<'_, str>], start: usize, k: usize) -> bool {
    let w = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    let legislature = w(k) == "assembly"
        && (start..k).any(|j| {
            matches!(
                w(j),
                "national" | "legislative" | "constituent" | "state" | "provincial" | "regional"
            )
        });
    let speaks = matches!(
        w(k + 1),
        "said"
            | "says"
            | "announced"
            | "announces"
            | "told"
            | "reported"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "chief"
            | "president"
            | "ceo"
    );
    legislature || speaks
}

/// "Under the agreement, Disney will buy …", "As part of the deal, …":
/// a noun trigger in a phrase that opens the sentence refers back to its
/// event; what follows the phrase's comma (index into `words`, returned)
/// belongs to the main clause.
pub(super) fn opening_phrase_end(
    words: &[Cow<'_, str>],
    c: &Candidate,
    base: usize,
) -> Option<usize> {
    let k = c.tok.checked_sub(base)?;
    if c.pos != Pos::Noun
        || !matches!(
            words.first().map(|w| w.as_ref()),
            Some("under" | "as" | "after" | "following" | "since" | "despite" | "amid" | "with")
        )
        || k > 6
        || words[..k].iter().any(|w| w.as_ref() == ",")
    {
        return None;
    }
    // "Despite this resolution, passed in March, …": a participle after
    // the comma still describes the event.
    (k + 1..(k + 4).min(words.len()))
        .find(|&j| words[j].as_ref() == ",")
        .filter(|&j| !words.get(j + 1).is_some_and(|w| w.ends_with("ed")))
}

/// True when the lowercase words from `k` read "in/during a/an/the" and
/// an attack or strike noun ("killed 12 in an attack on a base near Gao
/// on Sunday"): the phrase that says where and when a killing was.
pub(super) fn opens_attack_phrase(words: &[Cow<'_, str>], k: usize) -> bool {
    let w = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    matches!(w(k), "in" | "during")
        && matches!(w(k + 1), "a" | "an" | "the")
        && trigger(w(k + 2))
            .is_some_and(|(kind, _)| matches!(kind, EventKind::Attack | EventKind::Strike))
}

pub(super) fn lower_words<'a>(
    doc: &Analyzed<'a>,
    range: std::ops::Range<usize>,
) -> Vec<Cow<'a, str>> {
    range.map(|i| lower(doc.token_text(i))).collect()
}

/// True when word `k` (sentence-relative) is used as the event and not, for
/// instance, as an adjective or a generic plural.
fn accepted(kind: EventKind, pos: Pos, words: &[Cow<'_, str>], k: usize, has_time: bool) -> bool {
    let prev = k
        .checked_sub(1)
        .and_then(|j| words.get(j))
        .map_or("", |w| &**w);
    if prev == "under" {
        // "came under attack": a state, not one occurrence.
        return false;
    }
    // "vulnerable to attack", "off-limits to attack": an exposure, no
    // occurrence.
    if prev == "to"
        && matches!(kind, EventKind::Attack | EventKind::Strike)
        && (k.saturating_sub(3)..k.saturating_sub(1))
            .rev()
            .map(|j| words.get(j).map_or("", |w| &**w))
            .find(|w| !matches!(*w, "\"" | "'" | "”" | "’"))
            .is_some_and(|w| {
                matches!(
                    w,
                    "vulnerable"
                        | "exposed"
                        | "open"
                        | "susceptible"
                        | "prone"
                        | "immune"
                        | "off-limits"
                )
            })
    {
        return false;
    }
    if super::sense::out_of_sense(kind, words, k) {
        return false;
    }
    match pos {
        Pos::Verb => !verb_used_otherwise(kind, words, k) && verb_complete(words, k),
        Pos::Noun => noun_accepted(kind, words, k, has_time),
    }
}

/// A trigger verb used in another sense: a participle describing a noun,
/// an attempt that did not happen, "struck a deal", an attack on words.
fn verb_used_otherwise(kind: EventKind, words: &[Cow<'_, str>], k: usize) -> bool {
    let w = |j: usize| words.get(j).map(|w| &**w).unwrap_or("");
    let prev = |n: usize| k.checked_sub(n).map(w).unwrap_or("");
    let cur = w(k);
    // "cut" and "attack" are nouns after determiners; they stay
    // events of the same kind. Participles used as adjectives
    // ("troops deployed in", "the reduced force") are not events.
    if matches!(
        prev(1),
        "are" | "is" | "were" | "remain" | "remained" | "also"
    ) && kind == EventKind::Deployment
    {
        return true;
    }
    if kind == EventKind::Deployment
        && cur.ends_with("ed")
        && prev(1).ends_with('s')
        && prev(1).chars().all(char::is_alphabetic)
    {
        // "troops deployed in": a participle describing the troops.
        return true;
    }
    if matches!(prev(1), "the" | "a" | "an") && cur.ends_with("ed") {
        return true;
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
        return true;
    }
    let pact = |x: &str| {
        matches!(
            x,
            "deal" | "deals" | "agreement" | "accord" | "pact" | "compromise" | "bargain" | "truce"
        )
    };
    // "a deal that Russia and Turkey struck": the deal is the object,
    // before the relative pronoun.
    let pact_before = (2..=8).any(|n| {
        k.checked_sub(n).is_some_and(|j| {
            matches!(w(j), "that" | "which") && j.checked_sub(1).is_some_and(|p| pact(w(p)))
        })
    });
    if kind == EventKind::Strike && ((1..=3).any(|n| pact(w(k + n))) || pact_before) {
        // "struck a deal": an agreement, read by its noun.
        return true;
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
        return true;
    }
    // "agreed in an interview that Putin was …", "agrees with critics
    // that": assent to a statement, no pact. A that-clause of what will
    // be done is one ("agreed that the troops would leave").
    if kind == EventKind::Agreement && cur.starts_with("agree") {
        let that = (k + 1..k + 8)
            .take_while(|&j| !matches!(w(j), "," | ";" | "." | "" | "to" | "on" | "upon"))
            .find(|&j| w(j) == "that");
        if let Some(t) = that {
            let decided = (t + 1..t + 10)
                .map(w)
                .take_while(|x| !matches!(*x, "." | ";" | ""))
                .any(|x| matches!(x, "would" | "will" | "should" | "shall" | "must" | "could"));
            if !decided {
                return true;
            }
        }
    }
    if cur == "visiting" && DETERMINERS.contains(&prev(1)) {
        // "the visiting delegation": an adjective, not a visit.
        return true;
    }
    false
}

/// Verbs that are events only with the words that complete them ("pull
/// out", "signed a deal", "declared war").
fn verb_complete(words: &[Cow<'_, str>], k: usize) -> bool {
    let w = |j: usize| words.get(j).map(|w| &**w).unwrap_or("");
    let prev = |n: usize| k.checked_sub(n).map(w).unwrap_or("");
    let cur = w(k);
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

/// A trigger noun that names one occurrence: determined, dated, or launched.
fn noun_accepted(kind: EventKind, words: &[Cow<'_, str>], k: usize, has_time: bool) -> bool {
    let w = |j: usize| words.get(j).map(|w| &**w).unwrap_or("");
    let prev = |n: usize| k.checked_sub(n).map(w).unwrap_or("");
    let cur = w(k);
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
            || (1..=3).any(|n| matches!(prev(n), "launched" | "carried" | "conducted" | "staged"));
    }
    determined || has_time
}

/// The trigger and named-event candidates of sentence `s`.
pub(super) fn candidates(
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
        if NAMED_HEADS.contains(&raw) && !qualifies_a_building(doc, words, k, tok) {
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
            if start < k && !names_a_body(words, start, k) {
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
            // ", killing 12 people": the participle of a clause's outcome.
            "killing" if prev == "," => Cow::Owned(format!("{w}_v")),
            _ => Cow::Borrowed(w.as_ref()),
        };
        // "walked off the job", "a walkout": work stops.
        let off_the_job = matches!(w.as_ref(), "walked" | "walk" | "walks" | "walking")
            && words
                .get(k + 1..k + 4)
                .is_some_and(|x| x.iter().map(|w| w.as_ref()).eq(["off", "the", "job"]));
        let walkout = match w.as_ref() {
            "walkout" | "walkouts" => Some(Pos::Noun),
            _ if off_the_job => Some(Pos::Verb),
            _ => None,
        };
        if let Some(pos) = walkout {
            out.push(Candidate {
                kind: EventKind::LabourStrike,
                tok,
                trigger: doc.tokens.get(tok).map(|t| t.span).unwrap_or_default(),
                pos,
                name: None,
            });
            continue;
        }
        let Some((mut kind, pos)) = trigger(&key) else {
            continue;
        };
        if kind == EventKind::Strike && pos == Pos::Noun && super::sense::is_labour_strike(words, k)
        {
            // "a 48-hour strike by dockworkers": work stops; its own kind,
            // which "general", "on" and "staged" only confirm.
            kind = EventKind::LabourStrike;
        } else if kind == EventKind::Withdrawal
            && super::sense::is_leave(w)
            && crate::lexicon::country(doc.token_text(tok + 1)).is_some()
            && tok + 1 < sent.tokens.end
        {
            // "the U.S. left Iraq in 2011": leaving a country is a
            // withdrawal whoever the subject names.
        } else if !accepted(kind, pos, words, k, has_time) {
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
