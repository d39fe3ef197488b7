//! Agents the text describes without naming: "gunmen killed 12", "a strike
//! by nurses", "protesters staged a rally". No entity node is made for
//! them (a description is no one in particular); the event keeps the words
//! as its agent description, so a reader still learns who acted.

use super::candidates::Candidate;
use crate::extract::triggers::Pos;
use crate::model::EventKind;
use std::borrow::Cow;

/// Nouns for people acting as a group or one unnamed person: the head of
/// a described agent.
const ACTORS: &[&str] = &[
    "gunmen",
    "gunman",
    "militants",
    "militant",
    "insurgents",
    "rebels",
    "attackers",
    "attacker",
    "assailants",
    "assailant",
    "fighters",
    "jihadists",
    "extremists",
    "bandits",
    "terrorists",
    "bombers",
    "bomber",
    "shooter",
    "hackers",
    "pirates",
    "kidnappers",
    "protesters",
    "protestors",
    "demonstrators",
    "activists",
    "rioters",
    "crowds",
    "crowd",
    "mob",
    "workers",
    "employees",
    "staff",
    "nurses",
    "doctors",
    "teachers",
    "drivers",
    "pilots",
    "miners",
    "dockworkers",
    "farmers",
    "students",
    "strikers",
    "unions",
    "soldiers",
    "troops",
    "forces",
    "police",
    "officers",
    "lawmakers",
    "legislators",
    "senators",
    "deputies",
    "voters",
    "residents",
    "villagers",
    "settlers",
    "leaders",
    "ministers",
    "delegates",
    "negotiators",
    "shareholders",
    "men",
    "man",
    "woman",
    "youths",
    "suspects",
    "suspect",
];

/// Words that may stand between a described agent and its verb: auxiliaries,
/// modals, adverbs, and verbs of intent before "to".
const BETWEEN: &[&str] = &[
    "have",
    "has",
    "had",
    "will",
    "would",
    "could",
    "may",
    "might",
    "also",
    "reportedly",
    "allegedly",
    "later",
    "then",
    "again",
    "did",
    "were",
    "was",
    "are",
    "is",
    "to",
    "plan",
    "plans",
    "planned",
    "threatened",
    "vowed",
    "tried",
    "began",
    "went",
    "on",
];

/// Verbs whose object noun is the event ("launched an attack", "staged a
/// walkout").
const LIGHT: &[&str] = &[
    "launched", "launch", "staged", "stage", "held", "hold", "mounted", "carried", "began",
    "started", "called", "made",
];

/// Modifiers kept with the head ("suspected militants", "two gunmen"),
/// in lowercase as written (a capitalised word is a name's).
fn modifier(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
        && !w.is_empty()
        && !function_word(w)
        && (!w.ends_with("ed")
            || matches!(
                w,
                "suspected" | "armed" | "masked" | "unidentified" | "striking"
            ))
        && !w.ends_with("ly")
}

/// Words of grammar that end a noun phrase's modifiers.
fn function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "and"
            | "or"
            | "of"
            | "by"
            | "in"
            | "on"
            | "at"
            | "to"
            | "that"
            | "when"
            | "while"
            | "after"
            | "before"
            | "as"
            | "since"
            | "because"
            | "if"
            | "who"
            | "which"
            | "where"
            | "than"
            | "with"
            | "for"
            | "from"
            | "but"
            | "then"
            | "said"
            | "says"
            | "told"
            | "is"
            | "are"
            | "was"
            | "were"
            | "have"
            | "has"
            | "had"
            | "not"
            | "say"
    )
}

/// The description of who acted in the event of `c`, when no entity does:
/// the noun phrase before an active verb trigger (or the light verb of a
/// noun trigger), or after "by".
pub(super) fn described_agent<'r>(
    c: &Candidate,
    words: &[Cow<'_, str>],
    raw: impl Fn(usize) -> &'r str,
    base: usize,
    passive: bool,
) -> Option<String> {
    if matches!(c.kind, EventKind::Named | EventKind::Presence) {
        return None;
    }
    let k = c.tok.checked_sub(base)?;
    let w = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    // Sentence-initial words are capitalised whatever they are.
    let modifier = |j: usize| modifier(if j == 0 { w(j) } else { raw(base + j) });
    // "killed by gunmen", "a strike by nurses".
    let by = (k + 1..(k + 3).min(words.len())).find(|&j| w(j) == "by");
    if let Some(b) = by
        && (c.pos == Pos::Noun || passive)
    {
        let mut j = b + 1;
        while j < words.len() && j < b + 4 && !ACTORS.contains(&w(j)) {
            if !modifier(j) && !matches!(w(j), "the" | "a" | "an") {
                return None;
            }
            j += 1;
        }
        return head_phrase(words, &raw, base, j, b + 1);
    }
    // "a man seized in a raid": a participle describing the noun, whose
    // doer is someone else.
    let reduced = c.pos == Pos::Verb
        && w(k).ends_with("ed")
        && matches!(
            w(k + 1),
            "in" | "at" | "by" | "during" | "on" | "from" | "near" | ","
        );
    if passive || reduced {
        return None;
    }
    let mut j = k;
    if c.pos == Pos::Noun {
        // "gunmen launched an attack": past the noun's determiner and
        // adjectives to its light verb.
        let mut n = 0;
        while j > 0 && n < 4 && !LIGHT.contains(&w(j - 1)) {
            if !(matches!(w(j - 1), "a" | "an" | "the") || modifier(j - 1)) {
                return None;
            }
            j -= 1;
            n += 1;
        }
        if j == 0 || !LIGHT.contains(&w(j - 1)) {
            return None;
        }
        j -= 1;
    }
    // "Gunmen opened fire on worshippers, killing five": the participle's
    // subject opens the sentence.
    // "Police arrested them after capturing their leader": the same.
    let opens_participle = k > 0
        && matches!(
            w(k - 1),
            "," | "after" | "before" | "while" | "without" | "since" | "when"
        );
    if c.pos == Pos::Verb && opens_participle && w(k).ends_with("ing") {
        let head = (0..k.min(5)).find(|&h| ACTORS.contains(&w(h)))?;
        let lead = (0..head).all(|h| matches!(w(h), "the" | "a" | "an") || modifier(h));
        // "Police searched after he vanished while visiting": a clause
        // of its own between has its own subject.
        let own_clause = (head + 1..k - 1).any(|h| {
            matches!(
                w(h),
                "after"
                    | "before"
                    | "when"
                    | "because"
                    | "since"
                    | "as"
                    | "if"
                    | "while"
                    | "he"
                    | "she"
                    | "they"
                    | "it"
                    | "who"
                    | "which"
                    | "that"
            )
        });
        return (lead && !own_clause)
            .then(|| head_phrase(words, &raw, base, head, 0))
            .flatten();
    }
    let mut n = 0;
    while j > 0 && n < 5 && (BETWEEN.contains(&w(j - 1)) || w(j - 1).ends_with("ly")) {
        j -= 1;
        n += 1;
    }
    let head = j.checked_sub(1)?;
    // "Nurses at X hospital walked off the job": the head before a
    // phrase of where they belong.
    if !ACTORS.contains(&w(head)) {
        // The word before the verb ends the subject: a noun or a name,
        // not "after".
        if function_word(w(head)) || !w(head).chars().all(char::is_alphabetic) {
            return None;
        }
        let h = (head.saturating_sub(6)..head)
            .rev()
            .take_while(|&h| !matches!(w(h), "," | ";" | ":") && !w(h).ends_with("ed"))
            .find(|&h| {
                ACTORS.contains(&w(h)) && matches!(w(h + 1), "at" | "of" | "from" | "in" | "for")
            })?;
        let mut start = h;
        while start > 0 && h - start < 3 && modifier(start - 1) {
            start -= 1;
        }
        return head_phrase(words, &raw, base, h, start);
    }
    let mut start = head;
    while start > 0 && head - start < 3 && modifier(start - 1) {
        start -= 1;
    }
    head_phrase(words, &raw, base, head, start)
}

/// The phrase `start..=head` when its head is an actor noun written in
/// lowercase (not part of a name).
fn head_phrase<'r>(
    words: &[Cow<'_, str>],
    raw: &impl Fn(usize) -> &'r str,
    base: usize,
    head: usize,
    start: usize,
) -> Option<String> {
    // "U.S. troops", "Hamas gunmen": a name's forces, which its node
    // stands for.
    if start > 0 && raw(base + start - 1).starts_with(char::is_uppercase) {
        return None;
    }
    let mut start = start;
    while start < head
        && matches!(
            words.get(start).map(|w| w.as_ref()),
            Some("the" | "a" | "an")
        )
    {
        start += 1;
    }
    let h = words.get(head)?;
    if !ACTORS.contains(&h.as_ref())
        || (head > 0 && raw(base + head).starts_with(char::is_uppercase))
    {
        return None;
    }
    let text: Vec<&str> = (start..=head)
        .map(|j| {
            if j == 0 {
                words[0].as_ref()
            } else {
                raw(base + j)
            }
        })
        .collect();
    Some(text.join(" "))
}
