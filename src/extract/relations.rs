//! Relations between the entities of one document: co-mention within a
//! sentence (weighted, optional), and typed, directed relations read from
//! the wording.
//!
//! Typed relations and the patterns that produce them (A, B: mentions in
//! one sentence; roles come from [`crate::resolve::titles::find_roles`]):
//!
//! | relation | pattern |
//! |---|---|
//! | `holds_office` | a title before or after a person's name, of a place or group: "Chilean Foreign Minister A", "A, the mayor of B" |
//! | `leads` | "A, head/leader/chairman/president of B" (B a group); "A leads/heads B" |
//! | `commands` | "A, commander of B"; "A commands B" |
//! | `member_of` | "A, a member of B"; a rank in a group ("B Col. A"); "A joined B" |
//! | `spoke_for` | "B spokesman A", "A, a spokeswoman for B" |
//! | `nationality_of` | a demonym before a person or group: "Peruvian Gen. A", "Chilean A" |
//! | `located_in` | "A province in (western) B", "A air base in B", "A, B" (B a country), a group "in" a place |
//! | `part_of` | a unit "A of (the) B" (A ends in command, division, brigade...) |
//! | `met_with` | "A met (...) with B", "A met B", "A held talks with B" |
//! | `attacked` | "A attacked/struck/bombed/invaded B"; passive "B was attacked by A" |
//! | `killed` | "A killed/assassinated B"; passive "B was killed by A" |

use crate::lexicon;
use crate::model::stage::RelationExtractor;
use crate::model::{
    Analyzed, DocEntities, EVIDENCE_TEXT_CAP, Evidence, Kind, LocalRelation, Mention, Relation,
    Span, cap_text,
};
use crate::model::{Cleaned, OfRef, RoleMatch};
use crate::resolve::titles::{clean_mentions, find_roles};
use crate::util::lower::{lower, with_lower};
use std::borrow::Cow;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy)]
pub struct RelationRules {
    /// Emit co-mention edges.
    pub comention: bool,
}

/// Evidence for sentence `s` of the document.
pub fn sentence_evidence(doc: &Analyzed<'_>, s: usize) -> Evidence {
    let span = doc.sentences.get(s).map(|x| x.span).unwrap_or_default();
    Evidence::new(
        doc.doc.id,
        s,
        span,
        cap_text(span.text(&doc.doc.text), EVIDENCE_TEXT_CAP).into(),
    )
}

/// Evidence for sentence `s`, narrowed to the bytes from `a` to `b` (the
/// two mentions and the words linking them).
fn narrow_evidence(doc: &Analyzed<'_>, s: usize, a: Span, b: Span) -> Evidence {
    let mut ev = sentence_evidence(doc, s);
    let start = a.start.min(b.start);
    let end = a.end.max(b.end);
    let whole = ev.span.span();
    if start < end && whole.start <= start && end <= whole.end {
        ev.span = Span::new(start, end).into();
    }
    ev
}

impl RelationExtractor for RelationRules {
    fn relations(
        &self,
        doc: &Analyzed<'_>,
        mentions: &[Mention],
        entities: &DocEntities,
    ) -> Vec<LocalRelation> {
        let mut out = Vec::new();
        if self.comention {
            comentions(doc, mentions, entities, &mut out);
        }
        let ctx = Ctx {
            doc,
            mentions,
            entities,
            // Resolution read the same; a resolver that did not keep them
            // leaves them empty.
            cleaned: if entities.cleaned.len() == mentions.len() {
                Cow::Borrowed(entities.cleaned.as_slice())
            } else {
                Cow::Owned(clean_mentions(doc, mentions))
            },
        };
        ctx.roles(&mut out);
        ctx.nationalities(&mut out);
        ctx.patterns(&mut out);
        // One record per (source, target, relation, sentence): two patterns
        // reading the same fact in one sentence count once.
        let mut seen = BTreeSet::new();
        out.retain(|r| {
            r.source != r.target
                && seen.insert((r.source, r.target, r.relation, r.evidence.sentence))
        });
        out
    }
}

fn comentions(
    doc: &Analyzed<'_>,
    mentions: &[Mention],
    entities: &DocEntities,
    out: &mut Vec<LocalRelation>,
) {
    // Entities per sentence, in sentence order.
    let mut per_sentence: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); doc.sentences.len()];
    for (mi, m) in mentions.iter().enumerate() {
        if let (Some(Some(e)), Some(set)) = (
            entities.mention_entity.get(mi),
            per_sentence.get_mut(m.sentence),
        ) {
            set.insert(*e);
        }
    }
    for (s, set) in per_sentence.iter().enumerate() {
        if set.len() < 2 {
            continue;
        }
        let ev = sentence_evidence(doc, s);
        let v: Vec<usize> = set.iter().copied().collect();
        for (i, &a) in v.iter().enumerate() {
            for &b in &v[i + 1..] {
                out.push(LocalRelation {
                    source: a,
                    target: b,
                    relation: Relation::CoMention,
                    evidence: ev.clone(),
                });
            }
        }
    }
}

pub fn role_relation(title: &str, of_kind: Kind, of_country: bool) -> Relation {
    let last = title.rsplit(' ').next().unwrap_or("");
    if matches!(last, "spokesman" | "spokeswoman" | "spokesperson") {
        return Relation::SpokeFor;
    }
    if last == "member" {
        return Relation::MemberOf;
    }
    if of_country && (lexicon::is_rank_title(title) || lexicon::is_qualified_title(title)) {
        return Relation::NationalityOf;
    }
    // "deputy leader", "vice president": an office under the one who leads.
    let under = title
        .split([' ', '-'])
        .any(|w| matches!(w, "deputy" | "vice" | "assistant" | "associate" | "under"));
    if of_kind == Kind::Group && !under {
        if last == "commander" {
            return Relation::Commands;
        }
        if lexicon::is_rank_title(title) {
            return Relation::MemberOf;
        }
        if matches!(
            last,
            "leader"
                | "head"
                | "chief"
                | "chair"
                | "chairman"
                | "chairwoman"
                | "director"
                | "ceo"
                | "boss"
                | "president"
        ) {
            return Relation::Leads;
        }
    }
    Relation::HoldsOffice
}

struct Ctx<'d, 'a> {
    doc: &'d Analyzed<'a>,
    mentions: &'d [Mention],
    entities: &'d DocEntities,
    /// Every mention cleaned of titles and modifiers, made once: several
    /// patterns ask for it.
    cleaned: Cow<'d, [Cleaned]>,
}

/// A trigger verb at token `t`, with its subject (entity `se`, mention
/// `sm`) and the mentions with entities of its sentence (`ms`), as the
/// verb patterns read them.
struct VerbAt<'m, 'd> {
    t: usize,
    sent_end: usize,
    ms: &'m [(usize, usize)],
    se: usize,
    sm: &'d Mention,
}

/// A word between a subject and its verb that keeps the verb from stating
/// a fact: a negation, a modal or future, or "to" of an infinitive.
fn is_unasserting(w: &str) -> bool {
    matches!(
        w,
        "not"
            | "n't"
            | "never"
            | "no"
            | "will"
            | "'ll"
            | "would"
            | "could"
            | "can"
            | "cannot"
            | "may"
            | "might"
            | "should"
            | "must"
            | "shall"
            | "to"
    )
}

/// People and groups act; places do not.
fn agentive(k: Kind) -> bool {
    matches!(k, Kind::Person | Kind::Group)
}

/// Verb classes that link a subject and an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verb {
    Meet,
    Attack,
    Kill,
    Command,
    Lead,
    Join,
}

fn verb(word: &str) -> Option<Verb> {
    // Asked of every token of a sentence with two mentions or more.
    with_lower(word, verb_lower)
}

/// [`verb`] of a word in lowercase.
fn verb_lower(word: &str) -> Option<Verb> {
    Some(match word {
        "met" | "meet" | "meets" => Verb::Meet,
        "attacked" | "attack" | "attacks" | "attacking" | "struck" | "bombed" | "bombs"
        | "shelled" | "raided" | "targeted" | "targets" | "invaded" | "invades" | "invading"
        | "ambushed" | "stormed" => Verb::Attack,
        "killed" | "kill" | "kills" | "killing" | "assassinated" | "murdered" | "executed" => {
            Verb::Kill
        }
        "commands" | "commanded" => Verb::Command,
        "leads" | "led" | "heads" | "headed" => Verb::Lead,
        "joined" | "joins" => Verb::Join,
        _ => return None,
    })
}

impl Ctx<'_, '_> {
    fn entity(&self, mi: usize) -> Option<usize> {
        self.entities.mention_entity.get(mi).copied().flatten()
    }
    fn kind(&self, ei: usize) -> Option<Kind> {
        self.entities.entities.get(ei).map(|e| e.kind)
    }
    fn is_country(&self, ei: usize) -> bool {
        self.entities
            .entities
            .get(ei)
            .is_some_and(|e| e.kind == Kind::Place && lexicon::country(&e.name).is_some())
    }
    fn country_entity(&self, country: &str) -> Option<usize> {
        self.entities
            .entities
            .iter()
            .position(|e| e.kind == Kind::Place && e.name == country)
    }
    fn word(&self, i: usize) -> std::borrow::Cow<'_, str> {
        lower(self.doc.token_text(i))
    }
    fn push(&self, out: &mut Vec<LocalRelation>, s: usize, t: usize, r: Relation, ev: Evidence) {
        out.push(LocalRelation {
            source: s,
            target: t,
            relation: r,
            evidence: ev,
        });
    }

    /// Edges from roles: holds_office, leads, commands, member_of,
    /// spoke_for, nationality_of.
    fn roles(&self, out: &mut Vec<LocalRelation>) {
        // Resolution read them already, unless the resolver did not keep
        // them.
        let roles = match &self.entities.roles {
            Some(r) => Cow::Borrowed(r.as_slice()),
            None => Cow::Owned(find_roles(self.doc, self.mentions, &self.cleaned)),
        };
        for r in roles.iter() {
            let RoleMatch {
                mention,
                ref title,
                of,
                span,
            } = *r;
            let Some(pe) = self
                .entity(mention)
                .filter(|&e| self.kind(e) == Some(Kind::Person))
            else {
                continue;
            };
            let of = match of {
                Some(OfRef::Mention(mi)) => self.entity(mi),
                Some(OfRef::Country(c)) => self.country_entity(c),
                None => None,
            };
            let Some(oe) = of.filter(|&e| self.kind(e).is_some_and(|k| k != Kind::Person)) else {
                continue;
            };
            let Some(m) = self.mentions.get(mention) else {
                continue;
            };
            // An office held no longer is no relation of today: the role
            // stays on the person's node ("former leader of X").
            if title.starts_with("former ") {
                continue;
            }
            let rel = role_relation(
                title,
                self.kind(oe).unwrap_or(Kind::Group),
                self.is_country(oe),
            );
            let ev = narrow_evidence(self.doc, m.sentence, span, m.span);
            self.push(out, pe, oe, rel, ev);
        }
    }

    /// A demonym cut from a name ("Peruvian Navy Band") or standing right
    /// before a person or group mention ("Chilean Ana Ruiz").
    fn nationalities(&self, out: &mut Vec<LocalRelation>) {
        for ((mi, m), c) in self.mentions.iter().enumerate().zip(self.cleaned.iter()) {
            let Some(e) = self.entity(mi) else { continue };
            if let Some(country) = c.nationality
                && matches!(self.kind(e), Some(Kind::Person | Kind::Group))
                && let Some(ce) = self.country_entity(country)
            {
                let ev = narrow_evidence(self.doc, m.sentence, m.span, m.span);
                self.push(out, e, ce, Relation::NationalityOf, ev);
            }
            // A mention that is only a demonym, right before another mention.
            if c.demonym
                && m.tokens.len() == 1
                && let Some(next) = self.mentions.get(mi + 1)
                && next.tokens.start == m.tokens.end
                && next.sentence == m.sentence
                && let Some(ne) = self.entity(mi + 1)
                && matches!(self.kind(ne), Some(Kind::Person | Kind::Group))
            {
                let ev = narrow_evidence(self.doc, m.sentence, m.span, next.span);
                self.push(out, ne, e, Relation::NationalityOf, ev);
            }
        }
    }

    fn patterns(&self, out: &mut Vec<LocalRelation>) {
        // Mentions with an entity, per sentence, in order: (mention, entity).
        let mut per_sentence: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.doc.sentences.len()];
        for (mi, m) in self.mentions.iter().enumerate() {
            if let (Some(e), Some(list)) = (self.entity(mi), per_sentence.get_mut(m.sentence)) {
                list.push((mi, e));
            }
        }
        for (s, sent) in self.doc.sentences.iter().enumerate() {
            if sent.boilerplate {
                continue;
            }
            let ms = per_sentence.get(s).map_or(&[][..], Vec::as_slice);
            if ms.len() < 2 {
                continue;
            }
            self.verbs(s, ms, out);
            self.places_and_units(s, ms, out);
        }
    }

    /// Subject-verb-object patterns around trigger verbs.
    fn verbs(&self, s: usize, ms: &[(usize, usize)], out: &mut Vec<LocalRelation>) {
        let Some(sent) = self.doc.sentences.get(s) else {
            return;
        };
        for t in sent.tokens.clone() {
            let Some(v) = verb(self.doc.token_text(t)) else {
                continue;
            };
            let passive = t > sent.tokens.start
                && matches!(
                    &*self.word(t - 1),
                    "was" | "were" | "been" | "being" | "is" | "are"
                );
            let Some((smi, se, sm)) = self.subject_of(s, ms, t) else {
                continue;
            };
            // "did not meet", "will meet", "refused to attack": no fact of
            // today between the two (the event keeps its status).
            if (sm.tokens.end..t).any(|i| is_unasserting(&self.word(i))) {
                continue;
            }
            let at = VerbAt {
                t,
                sent_end: sent.tokens.end,
                ms,
                se,
                sm,
            };
            let found = match v {
                Verb::Meet => self.met_with(&at),
                Verb::Attack | Verb::Kill if passive => self.passive_agent(&at),
                Verb::Attack => self.attacked(&at),
                Verb::Kill | Verb::Command | Verb::Lead | Verb::Join => self.object_of(v, &at),
            };
            let Some((source, target, om)) = found else {
                continue;
            };
            let rel = match v {
                Verb::Meet => Relation::MetWith,
                Verb::Attack => Relation::Attacked,
                Verb::Kill => Relation::Killed,
                Verb::Command => Relation::Commands,
                Verb::Lead => Relation::Leads,
                Verb::Join => Relation::MemberOf,
            };
            let (Some(a), Some(b)) = (self.mentions.get(smi), self.mentions.get(om)) else {
                continue;
            };
            let ev = narrow_evidence(self.doc, s, a.span, b.span);
            self.push(out, source, target, rel, ev);
        }
    }

    /// The subject of the verb at `t` in sentence `s`: its mention, entity
    /// and mention record, when close enough to the verb.
    fn subject_of(
        &self,
        s: usize,
        ms: &[(usize, usize)],
        t: usize,
    ) -> Option<(usize, usize, &Mention)> {
        // The subject: the last mention ending at most 4 tokens before
        // the verb (skipping auxiliaries and adverbs), with no comma.
        // The nearest mention before the verb is the subject, even when
        // it resolved to nothing (then there is no edge): an earlier
        // mention is not a fallback.
        let nearest = self
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| m.sentence == s && m.tokens.end <= t)
            .max_by_key(|(_, m)| m.tokens.end)
            .map(|(mi, _)| mi);
        let &(smi, se) = nearest.and_then(|n| ms.iter().find(|(mi, _)| *mi == n))?;
        let sm = self.mentions.get(smi)?;
        if t - sm.tokens.end > 4
            || (sm.tokens.end..t).any(|i| {
                matches!(
                    &*self.word(i),
                    "," | ";" | ":" | "(" | ")" | "—" | "–" | "and" | "or" | "\"" | "“" | "”"
                )
            })
        {
            return None;
        }
        Some((smi, se, sm))
    }

    /// The first of the mentions `ms` starting between tokens `from` and
    /// `from + within` whose entity's kind passes `ok`.
    fn after<'m>(
        &self,
        ms: &'m [(usize, usize)],
        from: usize,
        within: usize,
        ok: &dyn Fn(Kind) -> bool,
    ) -> Option<&'m (usize, usize)> {
        ms.iter().find(|(mi, e)| {
            self.mentions
                .get(*mi)
                .is_some_and(|m| m.tokens.start >= from && m.tokens.start <= from + within)
                && self.kind(*e).is_some_and(ok)
        })
    }

    /// "A met (...) with B", "A met B": (source, target, object mention).
    fn met_with(&self, at: &VerbAt<'_, '_>) -> Option<(usize, usize, usize)> {
        let VerbAt {
            t,
            sent_end,
            ms,
            se,
            sm,
        } = *at;
        let with = (t + 1..(t + 9).min(sent_end)).find(|&i| self.word(i) == "with");
        let obj = match with {
            Some(w) => self.after(ms, w + 1, 6, &agentive),
            None => self.after(ms, t + 1, 2, &agentive),
        };
        let &(mut omi, mut oe) = obj?;
        if !self.kind(se).is_some_and(agentive) || !self.meets_directly(sm, t) {
            return None;
        }
        // "met with Dole campaign manager Scott Reed": a name
        // followed by a lowercase role and a person only
        // qualifies that person.
        if let Some(om) = self.mentions.get(omi)
            && let Some(&(pmi, pe)) = self.after(ms, om.tokens.end + 1, 3, &|k| k == Kind::Person)
            && self.mentions.get(pmi).is_some_and(|pm| {
                (om.tokens.end..pm.tokens.start).all(|i| {
                    let w = self.doc.token_text(i);
                    w.chars().next().is_some_and(char::is_lowercase) || lexicon::is_title(w)
                })
            })
        {
            (omi, oe) = (pmi, pe);
        }
        Some((se, oe, omi))
    }

    /// "B was attacked/killed by A": the agent after "by" is the source.
    fn passive_agent(&self, at: &VerbAt<'_, '_>) -> Option<(usize, usize, usize)> {
        let (t, se) = (at.t, at.se);
        let by = (t + 1..(t + 4).min(at.sent_end)).find(|&i| self.word(i) == "by");
        let b = by?;
        let &(omi, oe) = self.after(at.ms, b + 1, 3, &agentive)?;
        Some((oe, se, omi))
    }

    /// The one attacked, named right after the verb by a person, group or
    /// country.
    fn attacked(&self, at: &VerbAt<'_, '_>) -> Option<(usize, usize, usize)> {
        let (t, se) = (at.t, at.se);
        // "attacked (the) B", "attacks on/against B"; not
        // "attacks in B" (where, not whom) or "attack from B".
        let &(omi, oe) = self.after(at.ms, t + 1, 3, &|_| true)?;
        let direct = self.mentions.get(omi).is_some_and(|m| {
            (t + 1..m.tokens.start)
                .all(|i| matches!(&*self.word(i), "the" | "a" | "an" | "on" | "against"))
        });
        if !direct {
            return None;
        }
        if !self.kind(se).is_some_and(agentive) && !self.is_country(se) {
            return None;
        }
        // "stormed a Chilean diplomat's home": a demonym before a
        // noun names the country only when the noun is its
        // armed force.
        if self.mentions.get(omi).is_some_and(|m| {
            let next = self.word(m.tokens.end);
            self.cleaned.get(omi).is_some_and(|c| c.demonym)
                && next.chars().next().is_some_and(char::is_lowercase)
                && !matches!(
                    &*next,
                    "forces"
                        | "troops"
                        | "soldiers"
                        | "positions"
                        | "targets"
                        | "military"
                        | "army"
                        | "navy"
                        | "bases"
                        | "territory"
                )
        }) {
            return None;
        }
        Some((se, oe, omi))
    }

    /// "A killed B", and a person who commands, leads or joined a group.
    fn object_of(&self, v: Verb, at: &VerbAt<'_, '_>) -> Option<(usize, usize, usize)> {
        let (t, se) = (at.t, at.se);
        let want = |k: Kind| match v {
            Verb::Kill => agentive(k),
            _ => k == Kind::Group,
        };
        // A person killed is often named after a title and a
        // demonym ("killed Chilean Gen. X"): look further for one.
        let person = match v {
            Verb::Kill => self.after(at.ms, t + 1, 6, &|k| k == Kind::Person),
            _ => None,
        };
        let &(omi, oe) = person.or_else(|| self.after(at.ms, t + 1, 2, &want))?;
        let subject_ok = match v {
            Verb::Kill => self.kind(se).is_some_and(agentive) || self.is_country(se),
            _ => self.kind(se) == Some(Kind::Person),
        };
        if !subject_ok {
            return None;
        }
        Some((se, oe, omi))
    }

    /// True when only auxiliaries, adverbs and infinitive verbs stand
    /// between the subject mention and the verb at `t` ("X will meet", "X
    /// is expected to meet"), not a noun the mention qualifies ("X's
    /// counterparts to meet").
    fn meets_directly(&self, subject: &Mention, t: usize) -> bool {
        (subject.tokens.end..t).all(|i| {
            let w = self.word(i);
            w.ends_with("ly")
                || lexicon::WEEKDAYS.contains(&&*w)
                || (w.ends_with("ed") && w.len() > 4)
                || matches!(
                    &*w,
                    "to" | "will"
                        | "would"
                        | "could"
                        | "can"
                        | "may"
                        | "might"
                        | "must"
                        | "should"
                        | "shall"
                        | "did"
                        | "does"
                        | "do"
                        | "is"
                        | "are"
                        | "was"
                        | "were"
                        | "be"
                        | "been"
                        | "has"
                        | "have"
                        | "had"
                        | "not"
                        | "never"
                        | "also"
                        | "then"
                        | "later"
                        | "first"
                        | "again"
                        | "once"
                        | "set"
                        | "due"
                        | "plans"
                        | "wants"
                        | "hopes"
                        | "agreed"
                        | "went"
                        | "on"
                )
        })
    }

    /// located_in and part_of between neighbouring mentions.
    fn places_and_units(&self, s: usize, ms: &[(usize, usize)], out: &mut Vec<LocalRelation>) {
        for pair in ms.windows(2) {
            let [(ami, ae), (bmi, be)] = *pair else {
                continue;
            };
            let (Some(a), Some(b)) = (self.mentions.get(ami), self.mentions.get(bmi)) else {
                continue;
            };
            let between: Vec<std::borrow::Cow<'_, str>> = (a.tokens.end..b.tokens.start)
                .map(|i| self.word(i))
                .collect();
            let (ak, bk) = (self.kind(ae), self.kind(be));
            let filler = |w: &str| {
                lexicon::PLACE_HEADS.contains(&w)
                    || matches!(
                        w,
                        "air"
                            | "military"
                            | "naval"
                            | "the"
                            | "north"
                            | "south"
                            | "east"
                            | "west"
                            | "northern"
                            | "southern"
                            | "eastern"
                            | "western"
                            | "central"
                            | "northeastern"
                            | "northwestern"
                            | "southeastern"
                            | "southwestern"
                    )
            };
            let in_pattern = between.iter().filter(|w| *w == "in").count() == 1
                && between.iter().all(|w| w == "in" || filler(w))
                && between.len() <= 5;
            // "Lima, Peru", not "In Lima, Peruvian police said".
            let comma_country = between == [","]
                && self.is_country(be)
                && !self.cleaned.get(bmi).is_some_and(|c| c.demonym)
                && a.tokens
                    .start
                    .checked_sub(1)
                    .is_none_or(|i| self.word(i) != ",")
                // "In Asia, Japan's Nikkei rallied": the country opens
                // a phrase of its own.
                && !matches!(&*self.word(b.tokens.end), "and" | "or" | "'s" | "’s");
            let located = bk == Some(Kind::Place)
                && !self.is_country(ae)
                && match ak {
                    Some(Kind::Place) => in_pattern || comma_country,
                    // "the Embassy in Lima"; a group "in" a country is
                    // more often active there than based there.
                    Some(Kind::Group) => in_pattern && between.len() <= 2 && !self.is_country(be),
                    _ => false,
                };
            if located {
                let ev = narrow_evidence(self.doc, s, a.span, b.span);
                self.push(out, ae, be, Relation::LocatedIn, ev);
                continue;
            }
            // "the Chilean city of Temuco", "Chile's northern port of Arica".
            let city_of = self.is_country(ae)
                && bk == Some(Kind::Place)
                && !self.is_country(be)
                && between.last().is_some_and(|w| w == "of")
                && between
                    .iter()
                    .any(|w| crate::resolve::words::is_settlement_word(w))
                && between[..between.len() - 1].iter().all(|w| {
                    filler(w)
                        || crate::resolve::words::is_settlement_word(w)
                        || matches!(&**w, "'s" | "’s" | "second" | "largest" | "main")
                });
            if city_of {
                let ev = narrow_evidence(self.doc, s, a.span, b.span);
                self.push(out, be, ae, Relation::LocatedIn, ev);
                continue;
            }
            let unit = self
                .entities
                .entities
                .get(ae)
                .and_then(|e| e.name.rsplit(' ').next())
                .is_some_and(|w| {
                    matches!(
                        lower(w).as_ref(),
                        "command"
                            | "division"
                            | "brigade"
                            | "battalion"
                            | "regiment"
                            | "company"
                            | "wing"
                            | "branch"
                            | "department"
                            | "ministry"
                            | "committee"
                            | "office"
                            | "unit"
                            | "squadron"
                            | "corps"
                    )
                });
            let of = between == ["of"] || between == ["of", "the"];
            if unit && of && ak == Some(Kind::Group) && bk == Some(Kind::Group) {
                let ev = narrow_evidence(self.doc, s, a.span, b.span);
                self.push(out, ae, be, Relation::PartOf, ev);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::model::stage::{MentionFinder, Resolver};
    use crate::ner::rules::RuleFinder;
    use crate::resolve::DocResolver;

    /// (source name, relation, target name) of the typed relations.
    fn typed(s: &str) -> Vec<(String, &'static str, String)> {
        let doc = Document::new("t", s.to_string());
        let a = crate::text::analyze(&doc);
        let ms = RuleFinder.find(&a);
        let ents = DocResolver::default().resolve(&a, &ms);
        let rels = RelationRules { comention: false }.relations(&a, &ms, &ents);
        // The cleaned mentions and roles resolution kept are what this
        // stage would read itself.
        assert_eq!(ents.cleaned.len(), ms.len());
        assert!(ents.roles.is_some());
        let bare = crate::model::DocEntities {
            cleaned: Vec::new(),
            roles: None,
            ..ents.clone()
        };
        assert_eq!(
            RelationRules { comention: false }.relations(&a, &ms, &bare),
            rels
        );
        for r in &rels {
            assert!(r.evidence.span.end as usize <= s.len());
            assert!(!r.evidence.span.text(s).is_empty());
        }
        rels.into_iter()
            .map(|r| {
                (
                    ents.entities[r.source].name.clone(),
                    r.relation.as_str(),
                    ents.entities[r.target].name.clone(),
                )
            })
            .collect()
    }

    fn has(got: &[(String, &str, String)], a: &str, r: &str, b: &str) -> bool {
        got.iter().any(|(x, y, z)| x == a && *y == r && z == b)
    }

    #[test]
    fn roles_become_typed_edges() {
        let got = typed("Chilean Foreign Minister Rosa Vidal arrived on Monday.");
        assert!(has(&got, "Rosa Vidal", "holds_office", "Chile"), "{got:?}");
        let got = typed("Then Lena Park, the head of the Harbor Authority, resigned.");
        assert!(
            has(&got, "Lena Park", "leads", "Harbor Authority"),
            "{got:?}"
        );
        let got = typed("Then Omar Diaz, a spokesman for the Farmers Union, spoke.");
        assert!(
            has(&got, "Omar Diaz", "spoke_for", "Farmers Union"),
            "{got:?}"
        );
        let got = typed("Then Ida Holm, commander of the Northern Fleet Command, left.");
        assert!(
            has(&got, "Ida Holm", "commands", "Northern Fleet Command"),
            "{got:?}"
        );
        let got = typed("Then Rosa Vidal, Chile's foreign minister, spoke.");
        assert!(has(&got, "Rosa Vidal", "holds_office", "Chile"), "{got:?}");
        let got = typed("Then Omar Diaz joined the Farmers Union.");
        assert!(
            has(&got, "Omar Diaz", "member_of", "Farmers Union"),
            "{got:?}"
        );
        let got = typed("The Red Hand Brigade of the Northern Army moved.");
        assert!(
            has(&got, "Red Hand Brigade", "part_of", "Northern Army"),
            "{got:?}"
        );
        let got = typed("On Monday Peruvian Gen. Luis Soto flew home.");
        assert!(has(&got, "Luis Soto", "nationality_of", "Peru"), "{got:?}");
        assert!(!has(&got, "Luis Soto", "holds_office", "Peru"), "{got:?}");
    }

    #[test]
    fn verbs_become_typed_edges() {
        let got = typed("Pro-Chilean militias attacked the Northern Fleet Command.");
        assert!(!got.iter().any(|(_, r, _)| *r == "attacked"), "{got:?}");
        let got = typed("LIMA (AP) — Kellan met Tom Okafor on Friday.");
        assert!(!got.iter().any(|(_, r, _)| *r == "met_with"), "{got:?}");
        let got = typed("Ana Ruiz met on Tuesday with Tom Okafor in Lima.");
        assert!(has(&got, "Ana Ruiz", "met_with", "Tom Okafor"), "{got:?}");
        let got = typed("The Red Hand Brigade attacked the Northern Fleet Command.");
        assert!(
            has(
                &got,
                "Red Hand Brigade",
                "attacked",
                "Northern Fleet Command"
            ),
            "{got:?}"
        );
        let got = typed("A Red Hand Brigade raid killed Chilean Gen. Luis Soto.");
        assert!(
            has(&got, "Red Hand Brigade", "killed", "Luis Soto"),
            "{got:?}"
        );
        // Where, not whom.
        let got = typed("The Red Hand Brigade attacks in Chile continued.");
        assert!(!got.iter().any(|(_, r, _)| *r == "attacked"), "{got:?}");
        let got = typed("Karl Berg was killed by the Red Hand Brigade on Sunday.");
        assert!(
            has(&got, "Red Hand Brigade", "killed", "Karl Berg"),
            "{got:?}"
        );
        // No verb linking them: no typed edge.
        let got = typed("Ana Ruiz and Tom Okafor were in Lima.");
        assert!(!got.iter().any(|(_, r, _)| *r == "met_with"), "{got:?}");
    }

    #[test]
    fn a_demonym_before_a_qualified_role_is_a_nationality() {
        let got = typed("Chilean rebel leader Tomas Vidal spoke.");
        assert!(
            has(&got, "Tomas Vidal", "nationality_of", "Chile"),
            "{got:?}"
        );
        assert!(!got.iter().any(|(_, r, _)| *r == "holds_office"), "{got:?}");
        let got = typed("Chilean leader Tomas Vidal spoke.");
        assert!(has(&got, "Tomas Vidal", "holds_office", "Chile"), "{got:?}");
    }

    #[test]
    fn demonyms_stand_for_countries_only_in_some_places() {
        let got = typed("In Lima, Peruvian police said the vote was calm.");
        assert!(!got.iter().any(|(_, r, _)| *r == "located_in"), "{got:?}");
        let got = typed("The talks were held in Lima, Peru on Monday.");
        assert!(has(&got, "Lima", "located_in", "Peru"), "{got:?}");
        let got = typed("In Lima, Chile's envoy said the vote was calm.");
        assert!(!got.iter().any(|(_, r, _)| *r == "located_in"), "{got:?}");
        let got = typed("The Red Hand Brigade attacked a Chilean diplomat's home.");
        assert!(!got.iter().any(|(_, r, _)| *r == "attacked"), "{got:?}");
        let got = typed("The Red Hand Brigade attacked Chilean troops.");
        assert!(
            has(&got, "Red Hand Brigade", "attacked", "Chile"),
            "{got:?}"
        );
    }

    #[test]
    fn meetings_need_the_subject_itself_and_the_person_met() {
        // The subject only qualifies a noun: no meeting between the names.
        let got = typed("The Okafor campaign aides agreed to meet with Tom Berg.");
        assert!(!got.iter().any(|(_, r, _)| *r == "met_with"), "{got:?}");
        // A group before a role and a person qualifies the person.
        let got = typed("Ana Ruiz met with Acme Freight manager Tom Berg on Friday.");
        assert!(has(&got, "Ana Ruiz", "met_with", "Tom Berg"), "{got:?}");
        assert!(!got.iter().any(|(_, _, b)| b == "Acme Freight"), "{got:?}");
        // A meeting to come, refused or denied is no fact between them
        // (the event node says which).
        for s in [
            "Ana Ruiz is expected to meet Tom Berg.",
            "Ana Ruiz will meet with Tom Berg on Friday.",
            "Ana Ruiz did not meet Tom Berg.",
            "Ana Ruiz refused to meet Tom Berg.",
        ] {
            let got = typed(s);
            assert!(
                !got.iter().any(|(_, r, _)| *r == "met_with"),
                "{s}: {got:?}"
            );
        }
        let got = typed("The Red Hand Brigade never attacked the Northern Fleet Command.");
        assert!(!got.iter().any(|(_, r, _)| *r == "attacked"), "{got:?}");
    }

    #[test]
    fn deputies_do_not_lead_and_past_offices_are_no_edges() {
        let got = typed("Then Lena Park, the deputy head of the Harbor Authority, resigned.");
        assert!(
            has(&got, "Lena Park", "holds_office", "Harbor Authority"),
            "{got:?}"
        );
        assert!(!got.iter().any(|(_, r, _)| *r == "leads"), "{got:?}");
        let got = typed("Then Lena Park, the former head of the Harbor Authority, spoke.");
        assert!(!got.iter().any(|(a, _, _)| a == "Lena Park"), "{got:?}");
        let got = typed("On Monday former Harbor Authority chairman Omar Diaz spoke.");
        assert!(!got.iter().any(|(a, _, _)| a == "Omar Diaz"), "{got:?}");
        let got = typed("Then Lena Park, the founder of the Harbor Authority, spoke.");
        assert!(!got.iter().any(|(_, r, _)| *r == "leads"), "{got:?}");
        let got = typed("On Monday Harbor Authority chairman Omar Diaz spoke.");
        assert!(
            has(&got, "Omar Diaz", "leads", "Harbor Authority"),
            "{got:?}"
        );
    }

    #[test]
    fn places_nest() {
        let got = typed("Fighting spread to Kandahar province in southern Afghanistan.");
        assert!(
            has(&got, "Kandahar", "located_in", "Afghanistan"),
            "{got:?}"
        );
        let got = typed("Troops left the Dwyer air base in western Afghanistan.");
        assert!(
            got.iter()
                .any(|(_, r, b)| *r == "located_in" && b == "Afghanistan"),
            "{got:?}"
        );
        let got = typed("Crowds attacked the U.S. Embassy in Lima, police said.");
        assert!(has(&got, "U.S. Embassy", "located_in", "Lima"), "{got:?}");
        let got = typed("Rebels took the southern Chilean city of Temuco.");
        assert!(has(&got, "Temuco", "located_in", "Chile"), "{got:?}");
        let got = typed("Rebels took Chile's northern port of Arica.");
        assert!(has(&got, "Arica", "located_in", "Chile"), "{got:?}");
        // A list of countries is not nesting.
        let got = typed("Envoys from Peru, Chile and Bolivia met.");
        assert!(!got.iter().any(|(_, r, _)| *r == "located_in"), "{got:?}");
    }
}
