//! Events of one document: trigger words used as events ("will withdraw",
//! "the attack", "struck", "met"), with their time, place, participants and
//! numbers, and named events ("the G20 Summit"). Joining the readings of
//! one occurrence across sentences and documents is
//! [`crate::merge::events`]' work.
//!
//! Per sentence: time expressions ([`crate::extract::dates`]) and
//! quantities ([`crate::extract::quantities`]) are found first; the trigger
//! words used as events are the candidates ([`candidates`]); each takes the
//! entities of its stretch of the sentence (up to the neighbouring triggers
//! or a clause break) as agent, target, participants and location
//! ([`roles`]), the nearest time expression ([`time`]), and the quantities
//! nearest to it ([`quantities`]); [`identity`] labels it. An event needs a
//! trigger used as an event and at least one role, time or number.

mod actors;
mod candidates;
mod identity;
mod passes;
mod presence;
mod quantities;
mod role_words;
mod roles;
mod sense;
mod source;
mod status;
mod time;

pub(crate) use identity::make_label;

use candidates::{Candidate, candidates, has_sports_sense, is_sports, lower_words};
use roles::{CLAUSE_BREAKS, Ment, assign_roles, sentence_mentions};
use time::{TimeScope, event_times};

use crate::extract::dates::{self, Precision, TimeExpr, Ymd};
use crate::extract::quantities::QuantityExpr;
use crate::extract::relations::sentence_evidence;
use crate::model::stage::EventExtractor;
use crate::model::{
    Analyzed, DocEntities, EventKind, EventStatus, LocalEvent, Mention, Quantity, Relation,
    TimeValue,
};
use std::borrow::Cow;

/// After "as", words of a phrase ("as part of", "as well as", "as soon
/// as"), not of a clause ("came as talks stalled").
const NOT_AFTER_AS: &[&str] = &[
    "part",
    "well",
    "much",
    "many",
    "such",
    "long",
    "soon",
    "of",
    "far",
    "if",
    "to",
    "a",
    "an",
    "the",
    "its",
    "his",
    "her",
    "their",
    "head",
    "chief",
    "leader",
    "president",
    "minister",
];

/// The rule-based event reader.
#[derive(Debug, Clone, Default)]
pub struct EventRules {
    /// The date (ISO day) of documents that neither carry one nor state
    /// one in their text (`--date`).
    pub fallback_date: Option<String>,
}

impl EventExtractor for EventRules {
    fn events(
        &self,
        doc: &Analyzed<'_>,
        mentions: &[Mention],
        entities: &DocEntities,
    ) -> Vec<LocalEvent> {
        let scope = DocScope::new(doc, self.fallback_date.as_deref());
        let mut reader = Reader {
            doc,
            mentions,
            entities,
            out: Vec::new(),
            pending: Vec::new(),
            last_time: None,
            last_unit: None,
        };
        for (s, sent) in doc.sentences.iter().enumerate() {
            if !sent.boilerplate {
                reader.sentence(&scope, s);
            }
        }
        let mut out = reader.out;
        passes::one_cut_one_kind(&mut out, entities);
        passes::strikes_of_a_walkout(&mut out, entities);
        // A story without a title starts with its lead, a sentence.
        let title = scope.headline.filter(|&h| {
            !doc.sentence_text(h)
                .trim_end()
                .ends_with(['.', '"', '\u{201d}'])
        });
        passes::headline_is_lead(&mut out, title);
        out
    }
}

/// What every sentence's events need from the whole document.
struct DocScope<'a> {
    /// The document's date (given, or read from its dateline), ISO.
    anchor_iso: Option<String>,
    /// That date when it gives the day, to resolve "on Monday".
    anchor: Option<Ymd>,
    /// The headline: the first sentence that is not page furniture.
    headline: Option<usize>,
    /// Every kept sentence's words in lowercase, made once for the
    /// sports test, the time and the event scans.
    lowered: Vec<Vec<Cow<'a, str>>>,
    /// Sentences that read as sports reports.
    sports: Vec<bool>,
    /// A sports report: "meets" and "visiting" in its other sentences are
    /// fixtures too ("Smith meets Jones on Sunday").
    sports_doc: bool,
}

impl<'a> DocScope<'a> {
    fn new(doc: &Analyzed<'a>, fallback: Option<&str>) -> Self {
        let anchor_iso = doc
            .doc
            .meta
            .date
            .clone()
            .or_else(|| dates::document_date(doc))
            .or_else(|| fallback.map(str::to_string));
        let anchor = anchor_iso
            .as_deref()
            .and_then(Ymd::parse_iso)
            .filter(|x| x.1 == Precision::Day)
            .map(|x| x.0);
        let headline = doc.sentences.iter().position(|s| !s.boilerplate);
        let lowered: Vec<Vec<Cow<'a, str>>> = doc
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
        DocScope {
            anchor_iso,
            anchor,
            headline,
            lowered,
            sports,
            sports_doc,
        }
    }
}

/// Reads the events of a document sentence by sentence, carrying what the
/// next sentences count from.
struct Reader<'x, 'a> {
    doc: &'x Analyzed<'a>,
    mentions: &'x [Mention],
    entities: &'x DocEntities,
    out: Vec<LocalEvent>,
    /// Readings too weak to keep on their own, which a later sentence may
    /// date ([`Reader::date_antecedent`]).
    pending: Vec<LocalEvent>,
    /// The time of the last event with time words of its own ("later"
    /// counts from it).
    last_time: Option<TimeValue>,
    /// The unit of the last count read, for changes that leave it out
    /// ("1,700 troops … from 5,200 to 3,500").
    last_unit: Option<String>,
}

impl Reader<'_, '_> {
    fn sentence(&mut self, scope: &DocScope<'_>, s: usize) {
        let doc = self.doc;
        let Some(sent) = doc.sentences.get(s) else {
            return;
        };
        let base = sent.tokens.start;
        let Some(words) = scope.lowered.get(s) else {
            return;
        };
        // Most sentences have no trigger at all; their times and
        // quantities are not read. Skipping the words inside times and
        // quantities only drops candidates, and a time only admits
        // more, so none here means none below.
        // Force levels have no trigger word, only a count of forces.
        let may_state_level = words
            .iter()
            .any(|w| presence::FORCE_UNITS.contains(&w.as_ref()));
        if !may_state_level && candidates(doc, s, words, &[], true).is_empty() {
            return;
        }
        let times = dates::find_times(doc, s, scope.anchor, words);
        let quants = crate::extract::quantities::find_quantities(doc, s, &times, words);
        let skip = skip_mask(base, words.len(), &times, &quants);
        let event_times = event_times(&times, &quants);
        let mut cands = candidates(doc, s, words, &skip, !event_times.is_empty());
        if scope.sports_doc || scope.sports.get(s).copied().unwrap_or(false) {
            cands.retain(|c| !has_sports_sense(c.kind));
        }
        if cands.is_empty() && (!may_state_level || quants.is_empty()) {
            return;
        }
        let ments = sentence_mentions(doc, self.mentions, self.entities, s);
        // Clause breaks bound each trigger's stretch of the sentence.
        let breaks: Vec<usize> = words
            .iter()
            .enumerate()
            .filter(|&(k, w)| {
                CLAUSE_BREAKS.contains(&w.as_ref())
                    || source::reporting_comma(words, k)
                    || (w == "as"
                        && !words
                            .get(k + 1)
                            .is_some_and(|n| NOT_AFTER_AS.contains(&n.as_ref())))
            })
            .map(|(k, _)| base + k)
            .collect();
        // A level without "as of" takes the sentence's date ("in 2007,
        // some 170,000 troops were in Iraq").
        let sentence_time = times.iter().find_map(|t| match &t.value {
            dates::TimeRef::Value(v) => Some(v.clone()),
            _ => None,
        });
        let is_level = |q: &QuantityExpr| {
            may_state_level
                && presence::level(q, words, base, &ments).is_some_and(|l| {
                    level_time(q, &l, sentence_time.as_ref(), scope.anchor_iso.as_deref()).is_some()
                })
        };
        let owned = quantities::owners(&cands, &quants, words, base, is_level);
        if may_state_level {
            let claimed = |q: &QuantityExpr| owned.iter().flatten().any(|o| std::ptr::eq(*o, q));
            for q in quants.iter().filter(|q| !claimed(q)) {
                if quantities::residual(q, words, base) {
                    self.residual_antecedent(s, q, words);
                    continue;
                }
                self.level(scope, s, q, (words, base), &ments, sentence_time.as_ref());
            }
        }
        let time_scope = TimeScope {
            doc,
            base,
            headline: Some(s) == scope.headline,
            words,
            times: &times,
            event_times: &event_times,
            anchor_iso: scope.anchor_iso.as_deref(),
        };
        for (ci, c) in cands.iter().enumerate() {
            let (lo, hi) = stretch(&cands, ci, c, &breaks, base, sent.tokens.end, words);
            let sentence = SentenceParts {
                s,
                ments: &ments,
                words,
                base,
                quants: &quants,
                owned: owned.get(ci).map_or(&[], Vec::as_slice),
                time_scope: &time_scope,
            };
            self.candidate(&sentence, &cands, ci, c, (lo, hi));
        }
    }

    /// Reads candidate `c` (number `ci` of `cands`) as an event, if it is
    /// anchored enough to be one.
    fn candidate(
        &mut self,
        sp: &SentenceParts<'_, '_>,
        cands: &[Candidate],
        ci: usize,
        c: &Candidate,
        (lo, hi): (usize, usize),
    ) {
        let mut roles = assign_roles(c, sp.ments, sp.words, sp.base, lo, hi, ci > 0);
        if !roles.iter().any(|r| r.0 == Relation::Agent)
            && let Some(agent) = self.coordinated_agent(sp, c)
            && !roles.iter().any(|r| r.1 == agent)
        {
            roles.insert(0, (Relation::Agent, agent));
        }
        let cause = self.cause(sp, cands, ci, c);
        if let Some(prev_ev) = &cause
            && !roles.iter().any(|r| r.0 == Relation::Agent)
        {
            self.take_cause_roles(prev_ev, &mut roles);
        }
        let dated = sp
            .time_scope
            .date(c, lo, hi, self.last_time.as_ref(), cause.as_ref());
        let (mut time, mut time_text) = (dated.time, dated.time_text);
        if let (Some(cause), Some(t)) = (&cause, time.as_ref().filter(|_| dated.own_words)) {
            self.date_cause(cause, t);
        }
        let mut qs = quantities::with_units(sp.owned, sp.quants, self.last_unit.as_ref());
        if matches!(c.kind, EventKind::Withdrawal | EventKind::Reduction) {
            // "withdraw 60 percent, leaving about 4,000": where it goes to.
            for (q, e) in qs.iter_mut().zip(sp.owned) {
                if quantities::residual(e, sp.words, sp.base) {
                    *q = residual_quantity(q);
                }
            }
        }
        let again_status = self.take_from_antecedent(
            sp,
            c,
            dated.own_words,
            (&mut time, &mut time_text),
            &mut roles,
        );
        // A weak reading (no time words, no numbers, at most one
        // role: "the withdrawal in Iraq") adds a node that answers
        // nothing; keep only what is anchored somewhere.
        // Nor does one with nobody and no numbers ("the attack"
        // on some date).
        let agent_text = if roles.iter().any(|r| r.0 == Relation::Agent) {
            None
        } else {
            let passive = roles::is_passive(c, sp.words, sp.base);
            actors::described_agent(c, sp.words, |t| self.doc.token_text(t), sp.base, passive)
        };
        // A described agent ("gunmen") is someone, if no node.
        let n_roles = roles.len() + usize::from(agent_text.is_some());
        let weak = (time.is_none() && time_text.is_none() && n_roles < 2) || n_roles == 0;
        // Held back rather than dropped: a later "this resolution, passed
        // in January" may date it.
        let pending = weak && qs.is_empty() && c.kind != EventKind::Named;
        if pending && n_roles == 0 {
            if dated.own_words {
                self.date_antecedent(sp, c, time.as_ref(), time_text.as_ref());
            }
            return;
        }
        if !pending {
            if let Some(u) = quantities::count_unit(&qs) {
                self.last_unit = Some(u.clone());
            }
            // "later" counts from the last event with its own time
            // words; when those could not be resolved, neither can it.
            if dated.own_words {
                self.last_time = time.clone();
            }
        }
        if let Some(t) = identity::name_year(c.name.as_deref()) {
            time = Some(t);
            time_text = None;
        }
        if c.kind != EventKind::Named {
            add_source(sp, c, &mut roles);
        }
        let entities = self.entities;
        let label = match &c.name {
            Some(n) => n.clone(),
            None => identity::label_from_roles(c.kind, &roles, agent_text.as_deref(), |e| {
                entities.entities.get(e).map(|x| x.name.as_str())
            }),
        };
        let mut status = status::status(
            self.doc,
            sp.words,
            sp.base,
            c,
            (lo, hi),
            time.as_ref(),
            sp.time_scope.anchor_iso,
        );
        // "to pull 1,700 troops, reducing the force by a third": a
        // participle after a comma says what the event before it does.
        let participle = c.pos == crate::extract::triggers::Pos::Verb
            && participle_after_comma(sp.words, c.tok - sp.base);
        // The event it follows: the trigger just before it, kept or held
        // back as weak (not an earlier one when that trigger made none).
        let just_before = ci.checked_sub(1).and_then(|p| cands.get(p));
        let prev = [self.out.last(), self.pending.last()]
            .into_iter()
            .flatten()
            .find(|e| just_before.is_some_and(|p| p.trigger == e.trigger));
        if participle && let Some(prev) = prev {
            status = prev.status;
        }
        // What the mention's own clause says of it ("the cuts will come
        // from …", "denied carrying out the attack") stands; else it is
        // what the event is.
        if let Some(st) = again_status
            && status == EventStatus::Happened
        {
            status = st;
        }
        let ev = LocalEvent {
            kind: c.kind,
            label,
            status,
            time,
            time_text,
            quantities: qs,
            roles,
            agent_text,
            trigger: c.trigger,
            evidence: sentence_evidence(self.doc, sp.s),
        };
        if pending {
            // Only the last few can be taken up again.
            if self.pending.len() >= 4 {
                self.pending.remove(0);
            }
            self.pending.push(ev);
        } else {
            self.out.push(ev);
        }
    }

    /// "X invaded A in 2003, ousted B and then withdrew in 2011": the agent
    /// of the event before a verb joined to it by "and", which shares its
    /// subject.
    fn coordinated_agent(&self, sp: &SentenceParts<'_, '_>, c: &Candidate) -> Option<usize> {
        if c.pos != crate::extract::triggers::Pos::Verb || !coordinated(sp.words, c.tok - sp.base) {
            return None;
        }
        self.out
            .iter()
            .chain(self.pending.iter())
            .filter(|e| e.evidence.sentence as usize == sp.s && e.trigger.start < c.trigger.start)
            .max_by_key(|e| e.trigger.start)
            .and_then(|e| e.roles.iter().find(|r| r.0 == Relation::Agent))
            .map(|r| r.1)
    }

    /// When candidate `c` names an event read just before again
    /// ([`Reader::antecedent`]): "struck positions on Wednesday, …, adding
    /// that the strikes had killed 20". It takes that event's time (unless
    /// it has its own words), the roles it does not name, and gives its own
    /// agent, guessed by nearness, up for the event's; the merge then makes
    /// one node of both and keeps both sentences. Returns the event's
    /// status, which the caller applies when the mention's own clause says
    /// nothing else.
    fn take_from_antecedent(
        &self,
        sp: &SentenceParts<'_, '_>,
        c: &Candidate,
        own_words: bool,
        (time, time_text): (&mut Option<TimeValue>, &mut Option<String>),
        roles: &mut Vec<(Relation, usize)>,
    ) -> Option<EventStatus> {
        let prev = self.antecedent(sp, c, own_words.then_some(time.as_ref()).flatten())?;
        if !own_words {
            time.clone_from(&prev.time);
            time_text.clone_from(&prev.time_text);
        }
        if let Some(&(_, a)) = prev.roles.iter().find(|r| r.0 == Relation::Agent) {
            roles.retain(|r| r.0 != Relation::Agent || r.1 == a);
        }
        for &(r, e) in &prev.roles {
            if r != Relation::Source && !roles.iter().any(|x| x.0 == r || x.1 == e) {
                roles.push((r, e));
            }
        }
        roles.sort_by_key(|r| r.0 != Relation::Agent);
        Some(prev.status)
    }

    /// The event a definite noun trigger names again: the latest event of
    /// its kind read in this sentence or the one before ("the strikes",
    /// "that attack"), or anywhere before after a superlative ("the
    /// deadliest strike"), or in this sentence for an indefinite noun set off
    /// by a comma (", a deal that…"), when the mention's own time, if it
    /// has one, is that event's.
    fn antecedent(
        &self,
        sp: &SentenceParts<'_, '_>,
        c: &Candidate,
        own_time: Option<&TimeValue>,
    ) -> Option<&LocalEvent> {
        if c.pos != crate::extract::triggers::Pos::Noun || c.name.is_some() {
            return None;
        }
        let k = c.tok.checked_sub(sp.base)?;
        let word = |j: Option<usize>| j.and_then(|j| sp.words.get(j)).map_or("", |w| w.as_ref());
        let det = word(k.checked_sub(1));
        // "agreed to buy X for $2 billion, a deal that would…": a noun in
        // apposition to the clause before sums up its event.
        let apposed = matches!(det, "a" | "an") && word(k.checked_sub(2)) == ",";
        // "the deadliest strike", "the worst attack": one of those already
        // told, however far back.
        let superlative =
            (det.ends_with("est") || det == "worst") && word(k.checked_sub(2)) == "the";
        if !apposed && !superlative && !matches!(det, "the" | "that" | "this" | "these" | "those") {
            return None;
        }
        let prev = self.out.iter().rev().find(|e| {
            let s = e.evidence.sentence as usize;
            e.kind == c.kind
                && e.trigger.start < c.trigger.start
                && (s == sp.s || (s + 1 == sp.s && !apposed) || superlative)
        })?;
        own_time
            .is_none_or(|t| prev.time.as_ref().is_some_and(|p| p.start == t.start))
            .then_some(prev)
    }

    /// A force level stated by quantity `q` ([`presence`]), dated by its
    /// "as of", else, when said in the present, by the report.
    fn level(
        &mut self,
        scope: &DocScope<'_>,
        s: usize,
        q: &QuantityExpr,
        (words, base): (&[Cow<'_, str>], usize),
        ments: &[Ment],
        sentence_time: Option<&TimeValue>,
    ) {
        let Some(level) = presence::level(q, words, base, ments) else {
            return;
        };
        let time = level_time(q, &level, sentence_time, scope.anchor_iso.as_deref());
        if time.is_none() {
            return;
        }
        let entities = self.entities;
        let name = |r: Relation| {
            level
                .roles
                .iter()
                .find(|x| x.0 == r)
                .and_then(|x| entities.entities.get(x.1))
                .map(|e| e.name.as_str())
        };
        let label = identity::make_label(
            EventKind::Presence,
            None,
            name(Relation::Participant),
            name(Relation::Location),
            None,
        );
        self.out.push(LocalEvent {
            kind: EventKind::Presence,
            label,
            status: if level.present {
                EventStatus::Ongoing
            } else {
                EventStatus::Happened
            },
            time,
            time_text: None,
            quantities: vec![q.quantity.clone()],
            roles: level.roles,
            agent_text: None,
            trigger: q.span,
            evidence: sentence_evidence(self.doc, s),
        });
    }

    /// "X will withdraw 60 percent of its troops. The plan would leave a
    /// force of about 4,000": a sentence whose subject takes up the plan
    /// gives the level the last withdrawal or cut of the two sentences
    /// before goes to.
    fn residual_antecedent(&mut self, s: usize, q: &QuantityExpr, words: &[Cow<'_, str>]) {
        let opens = words
            .first()
            .is_some_and(|w| matches!(w.as_ref(), "the" | "this" | "that"))
            && words.get(1).is_some_and(|w| {
                matches!(
                    w.as_ref(),
                    "plan"
                        | "move"
                        | "deal"
                        | "decision"
                        | "agreement"
                        | "withdrawal"
                        | "drawdown"
                        | "cut"
                        | "cuts"
                        | "reduction"
                        | "pullout"
                )
            });
        if !opens {
            return;
        }
        let s = s as u32;
        if let Some(e) = self.out.iter_mut().rev().find(|e| {
            matches!(e.kind, EventKind::Withdrawal | EventKind::Reduction)
                && e.evidence.sentence < s
                && e.evidence.sentence + 2 >= s
        }) && !e.quantities.iter().any(|x| x.to.is_some())
        {
            e.quantities.push(residual_quantity(&q.quantity));
        }
    }

    /// "Iraq's parliament passed a resolution … Despite this resolution,
    /// passed in January, …": a noun taken up by "this" or "that" with
    /// time words of its own and no roles dates the undated event of its
    /// kind read in the two sentences before.
    fn date_antecedent(
        &mut self,
        sp: &SentenceParts<'_, '_>,
        c: &Candidate,
        time: Option<&TimeValue>,
        time_text: Option<&String>,
    ) {
        let k = c.tok - sp.base;
        let anaphoric = c.pos == crate::extract::triggers::Pos::Noun
            && k.checked_sub(1)
                .and_then(|j| sp.words.get(j))
                .is_some_and(|w| matches!(w.as_ref(), "this" | "that"));
        if !anaphoric {
            return;
        }
        let s = sp.s as u32;
        let near = |e: &LocalEvent| {
            e.kind == c.kind && e.evidence.sentence < s && e.evidence.sentence + 2 >= s
        };
        if let Some(e) = self.out.iter_mut().rev().find(|e| near(e)) {
            if e.time.is_none() && e.time_text.is_none() {
                e.time = time.cloned();
                e.time_text = time_text.cloned();
            }
            return;
        }
        if let Some(i) = self.pending.iter().rposition(near) {
            let mut e = self.pending.remove(i);
            e.time = time.cloned();
            e.time_text = time_text.cloned();
            self.out.push(e);
        }
    }

    /// "a strike … killed X": the killing is the strike's outcome, with its
    /// agent, place and time: the strike or attack just before it, read as
    /// the last event. "attacked a base in the north on Sunday, killing 12
    /// soldiers": a participle after a comma tells the outcome of its
    /// clause's event, however long the clause.
    fn cause(
        &self,
        sp: &SentenceParts<'_, '_>,
        cands: &[Candidate],
        ci: usize,
        c: &Candidate,
    ) -> Option<LocalEvent> {
        let reach = if participle_after_comma(sp.words, c.tok - sp.base) {
            40
        } else {
            8
        };
        (c.kind == EventKind::Killing)
            .then(|| ci.checked_sub(1).and_then(|p| cands.get(p)))
            .flatten()
            .filter(|p| {
                // "the attack was the worst since rebels killed 25": the
                // killing of a "since" clause is an earlier one.
                let since = (p.tok..c.tok).any(|t| {
                    t.checked_sub(sp.base)
                        .and_then(|j| sp.words.get(j))
                        .is_some_and(|w| w == "since")
                });
                matches!(p.kind, EventKind::Strike | EventKind::Attack)
                    && c.tok - p.tok <= reach
                    && !since
            })
            .and_then(|p| {
                self.out
                    .last()
                    .filter(|e| e.trigger == p.trigger)
                    .or_else(|| self.pending.last().filter(|e| e.trigger == p.trigger))
            })
            .cloned()
    }

    /// A killing with no agent of its own takes its cause's agent and place;
    /// the place the cause hit is where the killing was ("strikes on Gaza
    /// killed 42").
    fn take_cause_roles(&self, cause: &LocalEvent, roles: &mut Vec<(Relation, usize)>) {
        let place = |e: usize| {
            self.entities
                .entities
                .get(e)
                .is_some_and(|x| x.kind == crate::model::Kind::Place)
        };
        for &(r, e) in &cause.roles {
            let r = match r {
                Relation::Target if place(e) => Relation::Location,
                r => r,
            };
            if matches!(r, Relation::Agent | Relation::Location) && !roles.iter().any(|x| x.1 == e)
            {
                roles.push((r, e));
            }
        }
        roles.sort_by_key(|r| r.0 != Relation::Agent);
    }

    /// "Israeli strikes on Gaza killed 42 people on Monday": the strike
    /// that killed happened when its killing did. Dates cause `cause` (the
    /// last event read, or one held back as weak, which the date makes
    /// one to keep) when it has no time of its own.
    fn date_cause(&mut self, cause: &LocalEvent, time: &TimeValue) {
        let undated_cause = |e: &LocalEvent| {
            e.trigger == cause.trigger && e.time.is_none() && e.time_text.is_none()
        };
        if let Some(e) = self.out.last_mut().filter(|e| undated_cause(e)) {
            e.time = Some(time.clone());
            return;
        }
        if let Some(i) = self.pending.iter().rposition(undated_cause) {
            let mut e = self.pending.remove(i);
            e.time = Some(time.clone());
            self.out.push(e);
        }
    }
}

/// What one sentence gives each of its candidates.
struct SentenceParts<'x, 'a> {
    s: usize,
    ments: &'x [Ment],
    words: &'x [Cow<'a, str>],
    base: usize,
    quants: &'x [QuantityExpr],
    /// The quantities of this candidate.
    owned: &'x [&'x QuantityExpr],
    time_scope: &'x TimeScope<'x, 'a>,
}

/// Who reports the event of candidate `c`: never a role it already has,
/// and not what makes a reading strong enough to keep. "Calloway said it
/// had agreed to buy Halvorsen …, and would cut 1,200 jobs": the pronoun
/// after the saying is the speaker, who acts; a name after it is an object.
fn add_source(sp: &SentenceParts<'_, '_>, c: &Candidate, roles: &mut Vec<(Relation, usize)>) {
    let Some(r) = source::reporter(sp.ments, sp.words, sp.base) else {
        return;
    };
    if roles.iter().any(|x| x.1 == r) {
        return;
    }
    let Some(after) = source::speaker_acts(sp.ments, sp.words, sp.base, c.tok, r) else {
        roles.push((Relation::Source, r));
        return;
    };
    roles.retain(|x| {
        x.0 != Relation::Agent
            || !sp
                .ments
                .iter()
                .any(|m| m.entity == x.1 && m.start > after && m.end <= c.tok)
    });
    if roles.iter().any(|x| x.0 == Relation::Agent) {
        roles.push((Relation::Source, r));
    } else {
        roles.insert(0, (Relation::Agent, r));
    }
}

/// A count left behind as the level a change goes to.
fn residual_quantity(q: &Quantity) -> Quantity {
    Quantity {
        to: q.value,
        value: None,
        ..q.clone()
    }
}

/// The date of a level: its "as of", else the sentence's date, else the
/// report's when said in the present ("2,500 troops remain").
fn level_time(
    q: &QuantityExpr,
    level: &presence::Level,
    sentence_time: Option<&TimeValue>,
    anchor: Option<&str>,
) -> Option<TimeValue> {
    if let Some(d) = &q.quantity.as_of {
        return Some(TimeValue {
            start: d.clone(),
            end: None,
            text: "as of".into(),
        });
    }
    if let Some(t) = sentence_time {
        return Some(t.clone());
    }
    anchor.filter(|_| level.present).map(|a| TimeValue {
        start: a.to_string(),
        end: None,
        text: "publication date".into(),
    })
}

/// True when the word at `k` is an "-ing" form right after a comma
/// ("…, killing 12"): what the clause before it did.
fn participle_after_comma(words: &[Cow<'_, str>], k: usize) -> bool {
    words.get(k).is_some_and(|w| w.ends_with("ing"))
        && k.checked_sub(1)
            .and_then(|j| words.get(j))
            .is_some_and(|w| w == ",")
}

/// True when the verb at `k` is joined to an earlier verb by "and"
/// ("… and withdrew", "… and then withdrew", "…, and later met").
fn coordinated(words: &[Cow<'_, str>], k: usize) -> bool {
    let w = |n: usize| {
        k.checked_sub(n)
            .and_then(|j| words.get(j))
            .map_or("", |w| w.as_ref())
    };
    w(1) == "and" || (w(2) == "and" && matches!(w(1), "then" | "later" | "also" | "subsequently"))
}

/// Words inside times and quantities, which trigger nothing.
fn skip_mask(base: usize, n: usize, times: &[TimeExpr], quants: &[QuantityExpr]) -> Vec<bool> {
    let mut skip = vec![false; n];
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
    skip
}

/// The stretch of the sentence candidate `c` (number `ci`) takes its roles
/// and time from: from the trigger before it or a clause break, to the
/// trigger after it or a clause break.
fn stretch(
    cands: &[Candidate],
    ci: usize,
    c: &Candidate,
    breaks: &[usize],
    base: usize,
    sentence_end: usize,
    words: &[Cow<'_, str>],
) -> (usize, usize) {
    let prev_tok = ci
        .checked_sub(1)
        .and_then(|p| cands.get(p))
        .map(|p| p.tok + 1);
    // "killed 12 soldiers in an attack on a base near Gao on Sunday": the
    // attack says where and when the killing was; its stretch is the
    // killing's too.
    let in_the_attack = |n: &Candidate| {
        c.kind == EventKind::Killing
            && matches!(n.kind, EventKind::Attack | EventKind::Strike)
            && n.pos == crate::extract::triggers::Pos::Noun
            && n.tok >= base + 2
            && candidates::opens_attack_phrase(words, n.tok - base - 2)
    };
    let skip = cands.get(ci + 1).is_some_and(in_the_attack);
    let next_tok = cands.get(ci + 1 + usize::from(skip)).map(|n| n.tok);
    let lo = prev_tok
        .into_iter()
        .chain(breaks.iter().filter(|&&b| b < c.tok).map(|b| b + 1))
        .max()
        .unwrap_or(base);
    let hi = next_tok
        .into_iter()
        .chain(breaks.iter().copied().filter(|&b| b > c.tok))
        .chain(candidates::opening_phrase_end(words, c, base).map(|j| base + j))
        .min()
        .unwrap_or(sentence_end);
    (lo, hi)
}

#[cfg(test)]
mod tests;
