//! Who did what to whom: the roles an event takes from the mentions of
//! its stretch of the sentence (agent before the trigger, targets,
//! participants and places after it).

use super::candidates::Candidate;
use crate::extract::triggers::{Pos, trigger};
use crate::model::{Analyzed, DocEntities, EventKind, Kind, Mention, Relation};
use crate::util::lower::lower;
use std::borrow::Cow;

use super::role_words::{ADVERBS, FORCE_NOUNS, LIGHT_VERBS, PLACE_OF, SAYING_VERBS, WORKER_NOUNS};
pub(super) use super::role_words::{CLAUSE_BREAKS, LOC_PREPS};

/// A mention of the sentence with its entity.
#[derive(Clone, Copy)]
pub(super) struct Ment {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) entity: usize,
    pub(super) kind: Kind,
    /// A name used as a modifier of another noun ("Israeli minister", "a
    /// Paris church"): not itself a participant or target.
    pub(super) modifier: bool,
}

/// The mentions of sentence `s` that name an entity, in text order, each
/// marked when it only modifies another noun.
pub(super) fn sentence_mentions(
    doc: &Analyzed<'_>,
    mentions: &[Mention],
    entities: &DocEntities,
    s: usize,
) -> Vec<Ment> {
    let Some(sent) = doc.sentences.get(s) else {
        return Vec::new();
    };
    let base = sent.tokens.start;
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
    ments
}

/// The roles of candidate `c` among the mentions of its stretch
/// `lo..hi` of the sentence: before the trigger its agent (and places as
/// its location), after it targets, participants and places.
/// `after_trigger`: another trigger comes before this one in the sentence.
pub(super) fn assign_roles(
    c: &Candidate,
    ments: &[Ment],
    words: &[Cow<'_, str>],
    base: usize,
    lo: usize,
    hi: usize,
    after_trigger: bool,
) -> Vec<(Relation, usize)> {
    let reader = RoleReader {
        c,
        ments,
        words,
        base,
        lo,
        hi,
        after_trigger,
    };
    let mut roles: Vec<(Relation, usize)> = Vec::new();
    reader.before(&mut roles);
    reader.after(&mut roles);
    // "X was elected", "X won the election": voters elect; a person named
    // before the trigger stands in it, a candidate.
    if c.kind == EventKind::Election {
        for (r, e) in &mut roles {
            if *r == Relation::Agent
                && ments
                    .iter()
                    .any(|m| m.entity == *e && m.kind == Kind::Person)
            {
                *r = Relation::Participant;
            }
        }
    }
    roles
}

/// One candidate's stretch of a sentence, read for roles.
struct RoleReader<'x, 'a> {
    c: &'x Candidate,
    ments: &'x [Ment],
    words: &'x [Cow<'a, str>],
    base: usize,
    lo: usize,
    hi: usize,
    after_trigger: bool,
}

/// Adds a role unless the entity has one already.
/// A word of a date set between a subject and its verb ("Iran on Jan. 8
/// launched"): months, weekdays, day numbers and the "on" before them.
fn is_time_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(w, "on" | "")
        || (!w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit()))
        || crate::extract::dates::month_number(w).is_some()
        || crate::extract::dates::weekday_number(w).is_some()
}

/// A title or a word of one ("President", "Defence Minister"): part of the
/// name that follows.
fn is_title_word(x: &str) -> bool {
    crate::lexicon::is_title(x) || crate::lexicon::is_title_modifier(x)
}

/// A verb trigger in the passive: a form of "be" right before it, past
/// adverbs ("was reportedly attacked", "had been deployed").
pub(super) fn is_passive(c: &Candidate, words: &[Cow<'_, str>], base: usize) -> bool {
    let Some(mut k) = c.tok.checked_sub(base) else {
        return false;
    };
    let w = |j: usize| words.get(j).map_or("", |w| w.as_ref());
    if c.pos != Pos::Verb || w(k).ends_with("ing") {
        return false;
    }
    while k > 0 {
        k -= 1;
        let x = w(k);
        if x.ends_with("ly") || matches!(x, "also" | "later" | "not" | "then" | "again") {
            continue;
        }
        return matches!(x, "was" | "were" | "been" | "be" | "is" | "are" | "being");
    }
    false
}

fn push(roles: &mut Vec<(Relation, usize)>, r: Relation, e: usize) {
    if !roles.iter().any(|&(_, x)| x == e) {
        roles.push((r, e));
    }
}

impl RoleReader<'_, '_> {
    /// The lowercase word at token `t` ("" outside the sentence).
    fn w(&self, t: usize) -> &str {
        t.checked_sub(self.base)
            .and_then(|k| self.words.get(k))
            .map(|w| &**w)
            .unwrap_or("")
    }

    /// The word before a mention, skipping articles, titles and "the city
    /// of"; "out of" counts as "from".
    fn word_before(&self, m: &Ment) -> &str {
        let mut t = m.start;
        while t > self.base {
            t -= 1;
            let x = self.w(t);
            // "with Iraqi Prime Minister X": a demonym before the titles
            // is the person's modifier, not the word that links them.
            let in_modifier = self
                .ments
                .iter()
                .any(|o| o.modifier && o.start <= t && t < o.end);
            if in_modifier
                || matches!(x, "the" | "a" | "an" | "former" | "late" | "prime")
                || PLACE_OF.contains(&x)
                || crate::lexicon::is_direction(x)
                || crate::lexicon::is_title(x)
                || (x == "of" && PLACE_OF.contains(&self.w(t.wrapping_sub(1))))
            {
                continue;
            }
            if x == "of" && self.w(t.wrapping_sub(1)) == "out" {
                return "from";
            }
            return x;
        }
        ""
    }

    /// Before the trigger: places after a location word are the location;
    /// the nearest other mention, unless it is the object of another verb,
    /// is the agent.
    fn before(&self, roles: &mut Vec<(Relation, usize)>) {
        let c = self.c;
        let named = c.kind == EventKind::Named;
        let before: Vec<&Ment> = self
            .ments
            .iter()
            .filter(|m| m.end <= c.tok && m.start >= self.lo && !named)
            .collect();
        // "… before visiting X": the subject is the main verb's, further back.
        let trig_word = self.w(c.tok);
        let mut agent_found = c.pos == Pos::Verb
            && trig_word.ends_with("ing")
            && matches!(
                self.w(c.tok.wrapping_sub(1)),
                "before" | "after" | "while" | "without" | "by" | "since" | "on" | "when"
            );
        if agent_found && let Some(m) = self.subject_before_participle(&before) {
            push(roles, Relation::Agent, m.entity);
        }
        if !agent_found && let Some(m) = self.antecedent_of_who() {
            push(roles, Relation::Agent, m.entity);
            agent_found = true;
        }
        if !agent_found && let Some(m) = self.speaker_of_pronoun() {
            push(roles, Relation::Agent, m.entity);
            agent_found = true;
        }
        for m in before.iter().rev() {
            let mut prep = self.word_before(m);
            // "between A and B": B is as much an object as A.
            // A comma chains only inside a list ("A, B and C"), not
            // where a clause ends ("after the strike on A, B's army …").
            let in_list = prep != "," || matches!(self.w(m.end), "," | "and" | "or");
            if matches!(prep, "and" | "or" | ",")
                && in_list
                && let Some(first) = before
                    .iter()
                    .find(|o| o.end < m.start && m.start - o.end <= 2)
            {
                prep = self.word_before(first);
            }
            if self.place_or_victim_before(m, prep, roles) {
                continue;
            }
            if self.employer_of_strikers(m, prep) {
                push(roles, Relation::Target, m.entity);
                continue;
            }
            let verb_before = self.verb_before(m);
            let object = self.is_object(m, prep, verb_before);
            if verb_before && self.w(c.tok.wrapping_sub(1)) == "to" {
                // "inviting X to meet": X, not anyone further back, would be
                // the subject; as an object it is left out.
                agent_found = true;
            }
            // "… Y group after they met": the pronoun is the subject.
            let pronoun_between = (m.end..c.tok)
                .any(|t| matches!(self.w(t), "he" | "she" | "they" | "it" | "we" | "i"));
            if pronoun_between {
                agent_found = true;
            }
            // A place acts only as a state doing the deed ("Iran
            // launched", "Mali's air force struck"); one standing
            // further back is where something is, not who did it.
            let idle_place = m.kind == Kind::Place && !self.acts(m);
            // "pull 1,700 US troops from X, reducing …": the country whose
            // forces move takes part, though it is not the subject.
            if idle_place
                && FORCE_NOUNS.contains(&self.w(m.end))
                && c.tok - m.end <= 6
                && matches!(
                    c.kind,
                    EventKind::Withdrawal | EventKind::Reduction | EventKind::Deployment
                )
            {
                push(roles, Relation::Participant, m.entity);
                continue;
            }
            // "American troops … will be withdrawn": the state still moves
            // its own forces.
            let own_forces = FORCE_NOUNS.contains(&self.w(m.end))
                && matches!(
                    c.kind,
                    EventKind::Withdrawal | EventKind::Reduction | EventKind::Deployment
                );
            if !agent_found
                && !object
                && !idle_place
                && !own_forces
                && c.tok - m.end <= 12
                && self.passive()
            {
                // "X was attacked", "troops had been deployed": the subject
                // is who it befell or who was moved; "by" names the agent.
                let hit = matches!(
                    c.kind,
                    EventKind::Killing
                        | EventKind::Attack
                        | EventKind::Strike
                        | EventKind::Capture
                        | EventKind::Invasion
                );
                let r = if hit {
                    Relation::Target
                } else {
                    Relation::Participant
                };
                push(roles, r, m.entity);
                // "A and B were re-elected": both.
                let mut co = Vec::new();
                self.co_agents(m, &before, &mut co);
                for (_, e) in co {
                    push(roles, r, e);
                }
                agent_found = true;
                continue;
            }
            if !agent_found && !object && !idle_place && c.tok - m.end <= 12 {
                push(roles, Relation::Agent, m.entity);
                agent_found = true;
                self.co_agents(m, &before, roles);
            }
        }
    }

    /// "Nurses at X", "workers of X", "X workers" went on strike: the
    /// group they work for is what the strike is against, not who acts.
    fn employer_of_strikers(&self, m: &Ment, prep: &str) -> bool {
        let worker = |w: &str| {
            WORKER_NOUNS.contains(&w)
                || (w.len() > 5 && (w.ends_with("workers") || w.ends_with("ees")))
        };
        // The word before the preposition, past an article.
        let mut p = m.start.wrapping_sub(1);
        while matches!(self.w(p), "the" | "a" | "an") {
            p = p.wrapping_sub(1);
        }
        self.c.kind == EventKind::LabourStrike
            && m.kind == Kind::Group
            && ((matches!(prep, "at" | "of" | "for") && worker(self.w(p.wrapping_sub(1))))
                || worker(self.w(m.end)))
    }

    /// "X, who visited Prague, …": the person or group the relative
    /// pronoun right before a verb trigger stands for.
    fn antecedent_of_who(&self) -> Option<&Ment> {
        let c = self.c;
        if c.pos != Pos::Verb {
            return None;
        }
        let mut t = c.tok.checked_sub(1)?;
        // Not "who was killed": the passive's subject is who it befell.
        if matches!(self.w(t), "had" | "has" | "have" | "also") {
            t = t.checked_sub(1)?;
        }
        if self.w(t) != "who" || self.w(t.wrapping_sub(1)) != "," {
            return None;
        }
        let comma = t - 1;
        self.ments
            .iter()
            .find(|m| m.end == comma && matches!(m.kind, Kind::Person | Kind::Group) && !m.modifier)
    }

    /// A verb trigger in the passive: a form of "be" right before it,
    /// past adverbs ("was reportedly attacked", "had been deployed").
    fn passive(&self) -> bool {
        is_passive(self.c, self.words, self.base)
    }

    /// "Lyft said it was cutting 700 jobs", "X said on Monday that he
    /// would visit": the speaker the subject pronoun stands for.
    fn speaker_of_pronoun(&self) -> Option<&Ment> {
        let c = self.c;
        // The pronoun, with only the verb group between it and the trigger.
        let p = (c.tok.saturating_sub(4)..c.tok)
            .rev()
            .find(|&t| matches!(self.w(t), "it" | "he" | "she" | "they"))?;
        let group_only = (p + 1..c.tok).all(|t| {
            let x = self.w(t);
            x.chars().all(|ch| ch.is_ascii_lowercase()) && !x.is_empty()
        });
        if !group_only || p <= self.base {
            return None;
        }
        let mut q = p - 1;
        // "said last week that he", "said on Monday it".
        let time_word = |x: &str| {
            is_time_word(x)
                || matches!(
                    x,
                    "last" | "this" | "week" | "month" | "year" | "earlier" | "today" | "yesterday"
                )
        };
        while q > self.base && (self.w(q) == "that" || time_word(self.w(q))) {
            q -= 1;
        }
        if !SAYING_VERBS.contains(&self.w(q)) {
            return None;
        }
        while q > self.base && (is_time_word(self.w(q - 1)) || self.w(q - 1).ends_with("ly")) {
            q -= 1;
        }
        // The speaker stands before "said", which ends the stretch.
        let m = self.ments.iter().find(|m| m.end == q && !m.modifier)?;
        let fits = match self.w(p) {
            "it" => m.kind != Kind::Person,
            "he" | "she" => m.kind == Kind::Person,
            _ => true,
        };
        fits.then_some(m)
    }

    /// "U.S. troops, after invading Iraq, …": the sentence's subject, set
    /// off by a comma right before "after/before/while V-ing", acts.
    fn subject_before_participle<'m>(&self, before: &[&'m Ment]) -> Option<&'m Ment> {
        let comma = self.c.tok.checked_sub(2)?;
        if self.w(comma) != "," {
            return None;
        }
        let m = before.iter().find(|m| {
            let opens = m.start <= self.base + 1 && m.start >= self.lo;
            let force = m.end < comma && FORCE_NOUNS.contains(&self.w(m.end));
            opens && (m.end == comma || (force && m.end + 1 == comma))
        })?;
        (m.kind != Kind::Place || self.w(m.end) != ",").then_some(*m)
    }

    /// A mention before the trigger that is the event's place, or the one
    /// a noun trigger happened to ("the Khashoggi killing"): true when it
    /// is settled (its role, if any, added).
    fn place_or_victim_before(
        &self,
        m: &Ment,
        prep: &str,
        roles: &mut Vec<(Relation, usize)>,
    ) -> bool {
        use EventKind::{Capture, Invasion, Killing};
        let c = self.c;
        let adjacent =
            m.end == c.tok || (m.end + 1 == c.tok && !matches!(self.w(m.end), "and" | ","));
        if m.kind == Kind::Place && LOC_PREPS.contains(&prep) {
            if m.modifier {
                // "in the Irish guerrilla bombing": not where it happened.
                return true;
            }
            // "Shares rose in New York after the announcement": the place
            // of the main clause, not of the event it follows. A place that
            // opens the sentence ("In X, hours after the attack, …") sets
            // the scene for all of it.
            let opens = m.start <= self.base + 2;
            if !opens
                && (m.end..c.tok).any(|t| {
                    matches!(
                        self.w(t),
                        "after" | "before" | "following" | "amid" | "since"
                    )
                })
            {
                return true;
            }
            // After an earlier trigger, the place is that event's ("cut
            // forces in A and deploy to B").
            if !self.after_trigger {
                push(roles, Relation::Location, m.entity);
            }
            return true;
        }
        if c.pos == Pos::Noun && adjacent && matches!(c.kind, Killing | Capture | Invasion) {
            // "the Khashoggi killing": the modifier is the one it happened to.
            push(roles, Relation::Target, m.entity);
            return true;
        }
        false
    }

    /// The object of another verb ("ousted former leader X"): up to three
    /// lowercase words before the mention hold a verb form.
    fn verb_before(&self, m: &Ment) -> bool {
        (1..=3)
            .map_while(|n| m.start.checked_sub(n).filter(|&t| t >= self.base))
            .map(|t| self.w(t))
            .take_while(|x| x.chars().all(char::is_alphabetic))
            .any(|x| {
                (x.len() > 4 && (x.ends_with("ed") || x.ends_with("ing")))
                    || trigger(x).is_some_and(|t| t.1 == Pos::Verb)
            })
    }

    /// A mention before the trigger that cannot be its agent: the object
    /// of another verb (`verb_before`, [`Self::verb_before`]) or of a
    /// preposition, or the owner of something else.
    fn is_object(&self, m: &Ment, prep: &str, verb_before: bool) -> bool {
        // "X's partner Y withdrew": the owner of something else, unless
        // what it owns is the event ("X's latest attack").
        // "Iraq's parliament passed", "Iran's navy seized": the state
        // acts through its body or force.
        let body = matches!(
            self.w(m.end + 1),
            "parliament"
                | "government"
                | "army"
                | "military"
                | "forces"
                | "troops"
                | "navy"
                | "air"
                | "police"
                | "cabinet"
                | "legislature"
                | "lawmakers"
                | "senate"
                | "congress"
                | "assembly"
        );
        let possessor = matches!(self.w(m.end), "'s" | "’s") && self.c.tok - m.end > 3 && !body;
        verb_before
            || possessor
            || matches!(prep, "of" | "with" | "against" | "on" | "by" | "for")
            || LOC_PREPS.contains(&prep)
    }

    /// A mention right before the trigger, with only an auxiliary, an
    /// adverb or the name of its forces between: its subject.
    fn acts(&self, m: &Ment) -> bool {
        // "a quake in the West Java town of Cianjur killed": a place inside
        // a phrase of place is not the subject ("the government of Iraq
        // decided" is, through its body).
        let prev = m.start.checked_sub(1).map_or("", |t| self.w(t));
        let body_of = prev == "of"
            && m.start.checked_sub(2).is_some_and(|t| {
                matches!(
                    self.w(t),
                    "government"
                        | "army"
                        | "forces"
                        | "military"
                        | "parliament"
                        | "president"
                        | "ministry"
                        | "people"
                        | "state"
                        | "republic"
                        | "kingdom"
                )
            });
        if matches!(
            prev,
            "in" | "at" | "near" | "from" | "outside" | "inside" | "across"
        ) || (prev == "of" && !body_of)
        {
            return false;
        }
        // "US fighter jets struck", "American troops … will be withdrawn":
        // the state acts through the force its name qualifies.
        let force_after = (m.end..(m.end + 3).min(self.c.tok))
            .any(|t| FORCE_NOUNS.contains(&self.w(t)))
            && !(m.end..self.c.tok).any(|t| self.ments.iter().any(|o| o.start == t));
        if force_after {
            return true;
        }
        let mut between: Vec<&str> = (m.end..self.c.tok)
            .map(|t| self.w(t))
            .filter(|w| !(w.ends_with("ly") || ADVERBS.contains(w) || is_time_word(w)))
            .collect();
        // "Iran launched an attack", "parliament passed a nonbinding
        // resolution": a noun's light verb, then its determiner and
        // adjectives, stand between the subject and the noun.
        // A determiner after the light verb makes the trigger its noun
        // ("launched a missile attack"), whatever its form.
        if let Some(v) = between.iter().position(|w| LIGHT_VERBS.contains(w)) {
            let tail = between.get(v + 1..).unwrap_or(&[]);
            let noun = self.c.pos == Pos::Noun
                || tail
                    .first()
                    .is_some_and(|w| matches!(*w, "a" | "an" | "the"));
            if noun
                && tail.len() <= 3
                && tail
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
            {
                between.truncate(v);
            }
        }
        between.len() <= 4
            && between.iter().all(|w| {
                matches!(
                    *w,
                    "'s" | "’s"
                        | "has"
                        | "have"
                        | "had"
                        | "will"
                        | "would"
                        | "could"
                        | "may"
                        | "might"
                        | "did"
                        | "does"
                        | "not"
                        | "also"
                        | "then"
                        | "later"
                        | "again"
                        | "reportedly"
                        | "allegedly"
                        | "air"
                        | "armed"
                        | "naval"
                        | "special"
                        | "security"
                        | "government"
                        | "authorities"
                        | "officials"
                        | "leaders"
                        | "president"
                        | "forces"
                        | "force"
                        | "troops"
                        | "army"
                        | "military"
                        | "navy"
                        | "police"
                        | "parliament"
                        | "drone"
                        | "drones"
                        | "missile"
                        | "missiles"
                        | "jets"
                        | "warplanes"
                        | "artillery"
                        | "militia"
                        | "fighters"
                        | "rebels"
                        | "soldiers"
                        | "to"
                        | "plans"
                        | "planned"
                        | "planning"
                        | "scheduled"
                        | "set"
                        | "due"
                        | "expected"
                        | "slated"
                        | "poised"
                        | "going"
                        | "intends"
                        | "wants"
                        | "hopes"
                        | "vowed"
                        | "pledged"
                        | "promised"
                        | "threatened"
                        | "agreed"
                        | "decided"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "been"
                        | "be"
                )
            })
    }

    /// "A and B met": both take part. "French and Malian troops attacked",
    /// "A's special forces and B troops conducted strikes": both act.
    fn co_agents(&self, m: &Ment, before: &[&Ment], roles: &mut Vec<(Relation, usize)>) {
        // "A and B met", "India and Bangladesh agreed": both are parties.
        let meeting = matches!(self.c.kind, EventKind::Meeting | EventKind::Agreement);
        for other in before {
            if other.entity == m.entity || other.end >= m.start || m.start - other.end > 5 {
                continue;
            }
            // "A and Russian President B": the titles and demonym of the
            // second name are its own, not a noun between.
            let mut gap: Vec<&str> = (other.end..m.start)
                .filter(|&t| {
                    let x = self.w(t);
                    !(is_title_word(x)
                        || self
                            .ments
                            .iter()
                            .any(|o| o.modifier && o.start <= t && t < o.end))
                })
                .map(|t| self.w(t))
                .collect();
            if gap.last() == Some(&"the") {
                gap.pop();
            }
            if gap.last() != Some(&"and") {
                continue;
            }
            let head = &gap[..gap.len() - 1];
            // Words between may only name the first one's force ("special
            // operations forces"), never another noun of its own ("A's
            // lawyer and B").
            let force_only = head.is_empty()
                || (head
                    .iter()
                    .all(|w| w.chars().all(|ch| ch.is_ascii_lowercase()))
                    && head.last().is_some_and(|w| FORCE_NOUNS.contains(w)));
            if !force_only {
                continue;
            }
            if meeting {
                push(roles, Relation::Participant, other.entity);
            } else if other.kind != Kind::Place || other.modifier || !head.is_empty() {
                // A bare place before "and" is a list of places ("Syria and
                // Iraq troops" is rare; "Syria and Iraq" is where).
                push(roles, Relation::Agent, other.entity);
            }
        }
    }

    /// After the trigger: linked by a preposition, as the direct object of
    /// a verb, or chained by "and" / "," to a linked mention.
    fn after(&self, roles: &mut Vec<(Relation, usize)>) {
        let c = self.c;
        let named = c.kind == EventKind::Named;
        let mut last: Option<(usize, Relation)> = None;
        for m in self
            .ments
            .iter()
            .filter(|m| m.start > c.tok && m.start < self.hi && m.start - c.tok <= 16)
        {
            if named && m.start - c.tok > 3 {
                // "finished fourth at the X Games, then won in Y": a name's
                // place follows it at once ("the Games in Y").
                break;
            }
            // A list joins names: "to A and B" are two places, "between A
            // and President B" two parties; "in A by Friday, and C said"
            // is no list, nor is a person after a place.
            let chained = last.and_then(|(end, r)| {
                let and = (end..m.start)
                    .rev()
                    .find(|&t| matches!(self.w(t), "and" | "or"))?;
                // Only list words before "and"; after it, the next name's
                // own words ("and his aide B"), no clause.
                let listed = (end..and).all(|t| {
                    let x = self.w(t);
                    matches!(x, "," | "the" | "a" | "an" | "both") || is_title_word(x)
                });
                let own = (and + 1..m.start).all(|t| {
                    let x = self.w(t);
                    x.chars().all(|ch| ch.is_alphabetic() || ch == '-')
                        && !x.is_empty()
                        && !x.ends_with("ing")
                        && (x.len() <= 4 || !x.ends_with("ed"))
                        && !self
                            .ments
                            .iter()
                            .any(|o| !o.modifier && o.start <= t && t < o.end)
                });
                (m.start - end <= 5
                    && listed
                    && own
                    && (r != Relation::Location || m.kind == Kind::Place))
                    .then_some(r)
            });
            // "in the Oval Office of the White House": the place of a
            // place is the event's place too.
            let of_place = last.is_some_and(|(end, r)| {
                r == Relation::Location
                    && m.start >= end
                    && m.start - end <= 3
                    && self.word_before(m) == "of"
                    && m.kind != Kind::Person
            });
            let role = if of_place {
                Some(Relation::Location)
            } else {
                self.role_after(m, chained)
            };
            let Some(role) = role else {
                continue;
            };
            if role == Relation::Agent {
                // "protect X from attack by Y": the agent named by "by" wins
                // over a guess from before the trigger.
                roles.retain(|r| r.0 != Relation::Agent);
            }
            push(roles, role, m.entity);
            last = Some((m.end, role));
        }
    }

    /// The role of a mention after the trigger, given the role of the
    /// mention it is chained to; None when it has none.
    fn role_after(&self, m: &Ment, chained: Option<Relation>) -> Option<Relation> {
        use EventKind::*;
        let c = self.c;
        let named = c.kind == Named;
        let prep = self.word_before(m);
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
                return None;
            }
            Relation::Agent
        } else if m.modifier && m.kind == Kind::Place {
            // "protest from U.S. growers": a demonym is no place of the event.
            return None;
        } else if m.kind == Kind::Place
            && matches!(prep, "to" | "into")
            && !matches!(
                c.kind,
                Visit | Deployment | Withdrawal | Reduction | Invasion
            )
        {
            // "seized a plane and forced it to fly to X": only movements
            // take their place from "to".
            return None;
        } else if m.kind == Kind::Place
            && c.kind == Invasion
            && LOC_PREPS.contains(&prep)
            && prep != "into"
        {
            // "invaded X in 2003, … in Y": only X, or "into Y", is invaded.
            return None;
        } else if c.kind == LabourStrike
            && m.kind == Kind::Group
            && matches!(prep, "at" | "against")
        {
            // "the walkout at X", "a strike against X": the employer.
            Relation::Target
        } else if (m.kind == Kind::Place && LOC_PREPS.contains(&prep) && c.kind != Invasion)
            || (m.kind == Kind::Group && matches!(prep, "at" | "in"))
        {
            Relation::Location
        } else if c.kind == Killing && m.kind == Kind::Place {
            // "killed Iranian Gen. X": the demonym is not a victim.
            return None;
        } else if let Some(r) = chained
            .filter(|_| !m.modifier && (matches!(prep, "and" | "or" | ",") || !(linked || direct)))
        {
            // "deployed to A and B": B is where A is, though near the verb.
            r
        } else if m.modifier {
            // "met Israeli Foreign Minister X": X takes part, not Israel.
            return None;
        } else if !(linked || direct) {
            return None;
        } else if matches!(c.kind, Killing | Attack | Strike)
            && !direct
            && !matches!(prep, "on" | "against" | "of" | "targeting")
        {
            // "killed … after guards loyal to X": only "on/against/of" or
            // the object names the one hit.
            return None;
        } else {
            match c.kind {
                Killing if m.kind == Kind::Place => return None,
                Killing | Attack | Strike | Invasion => Relation::Target,
                Capture | Visit if m.kind == Kind::Place => Relation::Location,
                // "left Kabul": the place a verb's object is where; not
                // "withdrew Russian troops", the state's forces.
                Withdrawal | Reduction | Deployment | Protest
                    if m.kind == Kind::Place
                        && c.pos == Pos::Verb
                        && prep != "of"
                        && !FORCE_NOUNS.contains(&self.w(m.end)) =>
                {
                    Relation::Location
                }
                Capture => Relation::Target,
                _ => Relation::Participant,
            }
        };
        Some(role)
    }
}
