//! Resolution inside one document: mentions → [`LocalEntity`]s.
//!
//! Each mention is cleaned (titles, demonyms, modifiers cut; see
//! [`super::titles`]), keyed by its normalised name, and keys are joined
//! when the text links them: an acronym written beside its expansion or
//! spelling its initials, a bare surname with the one full name that ends
//! with it, a short form ("the Journal") with the one longer name it ends.
//! Ambiguous short forms stay apart rather than being merged blindly.

use super::aliases::AliasTable;
use super::evidence::DocEvidence;
use super::names::{
    Initials, acronym_letters, bare_surname, canonical, is_first_name, is_known_place,
    is_known_region, is_qualifier, normalize, surname, without_legal_form,
};
use super::titles::{clean_mentions, find_roles, is_title_case_sentence};
use crate::lexicon;
use crate::model::stage::Resolver;
use crate::model::{AliasKind, Cleaned, OfRef, RoleMatch};
use crate::model::{Analyzed, DocEntities, Kind, LocalEntity, Mention, Role};
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

/// Resolution inside one document, with the user's alias file.
#[derive(Debug, Clone, Default)]
pub struct DocResolver {
    pub aliases: AliasTable,
}

impl DocResolver {
    pub fn new(aliases: AliasTable) -> Self {
        DocResolver { aliases }
    }
}

/// One usable mention after cleaning.
#[derive(Debug, Clone)]
struct Item {
    key: String,
    kind: Option<Kind>,
    /// Canonical name this mention proposes for its entity.
    name: String,
    /// Surface form to list among the aliases (not for demonyms).
    alias: Option<String>,
    generic: bool,
    country: bool,
    /// A team named after its place, in a sports report.
    team: bool,
    /// See [`Cleaned::firm`].
    firm: bool,
    /// See [`Cleaned::person`].
    person: bool,
    /// See [`Cleaned::town`].
    town: bool,
}

/// Union-find over name keys; the representative is the smallest key, so
/// the result does not depend on the order links are found in.
#[derive(Default)]
struct Keys {
    parent: BTreeMap<String, String>,
}

impl Keys {
    fn find(&mut self, k: &str) -> String {
        let mut cur = k.to_string();
        while let Some(p) = self.parent.get(&cur) {
            if *p == cur {
                break;
            }
            cur = p.clone();
        }
        cur
    }
    fn union(&mut self, a: &str, b: &str) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent.insert(hi, lo);
        }
    }
}

/// True when `long` ends with the words of `short` after a space ("wall
/// street journal" ends with "journal").
fn ends_with_words(long: &str, short: &str) -> bool {
    long.strip_suffix(short)
        .is_some_and(|rest| rest.ends_with(' '))
}

fn word_count(key: &str) -> usize {
    key.split(' ').filter(|w| !w.is_empty()).count()
}

/// Phrases between a name and its acronym ("the X group, sometimes called
/// ABC", "X, also known as ABC", "X, or ABC").
fn is_alias_phrase(words: &[String]) -> bool {
    let joined = words.join(" ");
    let j = joined.trim_start_matches(',').trim();
    [
        "called",
        "sometimes called",
        "also called",
        "known as",
        "also known as",
        "better known as",
        "aka",
    ]
    .iter()
    .any(|p| {
        j == *p
            || j.ends_with(&format!(" {p}"))
            || j.ends_with(&format!(", {p}"))
            || j.starts_with(&format!("{p} "))
    }) && words.len() <= 6
}

impl DocResolver {
    /// For each entity named as a target of the alias file's merges, the
    /// names that went into it with the kinds their mentions were read as
    /// (see [`DocEntities::alias_kinds`]): one entity takes one kind, so
    /// only here can a place merged into a person still be seen.
    fn alias_kinds(&self, items: &[Option<Item>], entities: &[LocalEntity]) -> Vec<AliasKind> {
        let targets = &self.aliases.origin.targets;
        if self.aliases.merge.is_empty() {
            return Vec::new();
        }
        let mut out = BTreeSet::new();
        for e in entities {
            let key = normalize(&e.name);
            if !targets.contains_key(&key) {
                continue;
            }
            for it in e.mentions.iter().filter_map(|&m| items.get(m)?.as_ref()) {
                let kind = if it.country {
                    Kind::Place
                } else {
                    it.kind.unwrap_or(e.kind)
                };
                let name = it.alias.as_ref().unwrap_or(&it.name);
                out.insert((key.clone(), kind, name.clone()));
            }
        }
        out.into_iter().collect()
    }

    fn item(&self, c: &Cleaned) -> Option<Item> {
        if c.junk {
            return None;
        }
        let (name, alias) = match c.country {
            Some(country) => (
                country.to_string(),
                (!c.demonym).then(|| canonical(Kind::Group, &c.name)),
            ),
            None => {
                let n = canonical(c.kind.unwrap_or(Kind::Person), &c.name);
                (n.clone(), Some(n))
            }
        };
        let mut key = normalize(&name);
        let mut name = name;
        if key.is_empty() || self.aliases.drop.contains(&key) {
            return None;
        }
        if let Some(target) = self.aliases.merge.get(&key) {
            name = target.clone();
            key = normalize(&name);
        }
        let kind = self.aliases.kinds.get(&key).copied().or(c.kind);
        Some(Item {
            key,
            kind,
            name,
            alias,
            generic: c.generic,
            country: c.country.is_some(),
            team: false,
            firm: c.firm,
            person: c.person,
            town: c.town,
        })
    }
}

impl Resolver for DocResolver {
    fn resolve(&self, doc: &Analyzed<'_>, mentions: &[Mention]) -> DocEntities {
        // `cleaned`, `items` and `mention_entity` run parallel to
        // `mentions`: every index below comes from enumerating one of them,
        // so indexing cannot go out of bounds.
        let cleaned: Vec<Cleaned> = clean_mentions(doc, mentions);
        let mut items: Vec<Option<Item>> = cleaned.iter().map(|c| self.item(c)).collect();
        join_apostrophe_names(doc, mentions, &cleaned, &mut items);
        mark_teams(doc, mentions, &mut items);
        let mut keys = Keys::default();
        link_handles(doc, mentions, &mut items, &mut keys);
        let names = FullNames::of(&items);
        link_acronyms(doc, mentions, &items, &names, &mut keys);
        link_surnames_and_short_forms(doc, mentions, &items, &names, &mut keys);
        link_legal_forms(&items, &names, &mut keys);
        let headline = |s: usize| is_title_case_sentence(doc, s);
        let evidence = DocEvidence {
            doc,
            mentions,
            headline: &headline,
        };
        let (mut entities, mention_entity) = self.group_entities(&items, &mut keys, &evidence);
        add_demonym_countries(&cleaned, &mut entities);
        let alias_kinds = self.alias_kinds(&items, &entities);
        let mut out = DocEntities {
            entities,
            mention_entity,
            alias_kinds,
            ..DocEntities::default()
        };
        let roles = find_roles(doc, mentions, &cleaned);
        attach_roles(&roles, &mut out);
        out.cleaned = cleaned;
        out.roles = Some(roles);
        out
    }
}

/// The names of one document that shorter mentions may join: every key with
/// the kinds seen for it, and the keys of more than one word typed as
/// people or as groups and places.
struct FullNames<'a> {
    kinds_of: BTreeMap<&'a str, BTreeSet<Kind>>,
    people: Vec<String>,
    bodies: Vec<String>,
}

impl<'a> FullNames<'a> {
    fn of(items: &'a [Option<Item>]) -> Self {
        // Keys typed as people, and keys of groups and places, with the
        // kinds seen for them.
        let mut kinds_of: BTreeMap<&str, BTreeSet<Kind>> = BTreeMap::new();
        for it in items.iter().flatten() {
            let e = kinds_of.entry(it.key.as_str()).or_default();
            if let Some(k) = it.kind.filter(|_| !it.generic) {
                e.insert(k);
            }
        }
        let full_names = |pred: &dyn Fn(&BTreeSet<Kind>) -> bool| -> Vec<String> {
            kinds_of
                .iter()
                .filter(|(k, ks)| word_count(k) > 1 && pred(ks))
                .map(|(k, _)| (*k).to_string())
                .collect()
        };
        let people = full_names(&|ks| ks.contains(&Kind::Person));
        let bodies = full_names(&|ks| ks.contains(&Kind::Group) || ks.contains(&Kind::Place));
        FullNames {
            kinds_of,
            people,
            bodies,
        }
    }
}

/// Acronyms written beside their expansion ("X (ABC)", "X, also known as
/// ABC"), else joined to the one longer name they spell.
fn link_acronyms(
    doc: &Analyzed<'_>,
    mentions: &[Mention],
    items: &[Option<Item>],
    names: &FullNames<'_>,
    keys: &mut Keys,
) {
    let bodies = &names.bodies;
    // Asked of each acronym against every name: found once per name.
    let initials: OnceCell<Vec<Option<Initials>>> = OnceCell::new();
    for (i, (m, it)) in mentions.iter().zip(items).enumerate() {
        let Some(it) = it else { continue };
        let surface = m.span.text(&doc.doc.text);
        if !lexicon::is_acronym(surface) || it.country {
            continue;
        }
        // Only a group (or an untyped name) takes an acronym beside it:
        // "LIMA (AP)" is a dateline and its news agency.
        let prev = (0..i)
            .rev()
            .take_while(|&j| mentions[j].sentence == m.sentence)
            .find(|&j| {
                items[j]
                    .as_ref()
                    .is_some_and(|p| !p.country && matches!(p.kind, None | Some(Kind::Group)))
            });
        if let Some(j) = prev {
            let between: Vec<String> = (mentions[j].tokens.end..m.tokens.start)
                .map(|t| doc.token_text(t).to_lowercase())
                .filter(|w| !matches!(w.as_str(), "the" | "group" | "militia" | "organization"))
                .collect();
            let bracket = between == ["("] && doc.token_text(m.tokens.end) == ")";
            if (bracket || is_alias_phrase(&between))
                && let Some(p) = &items[j]
            {
                keys.union(&it.key, &p.key);
                continue;
            }
        }
        // Otherwise an acronym joins the one longer name it spells.
        let letters = acronym_letters(surface);
        let spelled: Vec<&String> = bodies
            .iter()
            .zip(initials.get_or_init(|| bodies.iter().map(|b| Initials::of(b)).collect()))
            .filter(|(_, i)| i.as_ref().is_some_and(|i| i.spelled_by(&letters)))
            .map(|(b, _)| b)
            .collect();
        if let [b] = spelled.as_slice() {
            keys.union(&it.key, b);
        }
    }
}

/// A social-media handle ("@name") is an alias of the entity the text ties
/// it to, written in brackets right after its name ("Ana Ruiz
/// (@anaruiz)"); a handle tied to nothing names no node.
fn link_handles(
    doc: &Analyzed<'_>,
    mentions: &[Mention],
    items: &mut [Option<Item>],
    keys: &mut Keys,
) {
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !doc.token_text(m.tokens.start).starts_with('@') {
            continue;
        }
        let tied = i
            .checked_sub(1)
            .filter(|&j| {
                let p = &mentions[j];
                p.sentence == m.sentence
                    && p.tokens.end + 1 == m.tokens.start
                    && doc.token_text(p.tokens.end) == "("
            })
            .and_then(|j| items[j].as_ref().map(|p| (p.key.clone(), p.kind)));
        match (tied, items[i].as_mut()) {
            (Some((key, kind)), Some(it)) => {
                it.kind = kind;
                let handle = it.key.clone();
                keys.union(&handle, &key);
            }
            _ => items[i] = None,
        }
    }
}

/// In a sports report, a place whose name the finder typed as an
/// organisation, or that beats, faces or plays another ("England beat
/// Sweden"), is a team: every mention of that name in the document becomes
/// the team, a group apart from the place.
fn mark_teams(doc: &Analyzed<'_>, mentions: &[Mention], items: &mut [Option<Item>]) {
    let word = |i: Option<usize>| i.and_then(|i| (i < doc.tokens.len()).then(|| doc.token_text(i)));
    let mut teams: BTreeSet<String> = BTreeSet::new();
    for (m, it) in mentions.iter().zip(items.iter()) {
        let Some(it) = it else { continue };
        let before = || word(m.tokens.start.checked_sub(1)).is_some_and(lexicon::is_sports_before);
        let after = || word(Some(m.tokens.end)).is_some_and(lexicon::is_sports_after);
        let cue = m.label == crate::model::MentionLabel::Org || before() || after();
        if cue && (it.country || is_known_place(&it.key)) {
            teams.insert(it.key.clone());
        }
    }
    // Read the whole text only when some name could be a team.
    if teams.is_empty() || !is_sports_report(doc) {
        return;
    }
    for (m, it) in mentions.iter().zip(items.iter_mut()) {
        let Some(it) = it else { continue };
        if !teams.contains(&it.key) {
            continue;
        }
        // "the game in Denver": the venue is the place, apart from its team
        // ("at Denver" in a fixture list is the home team).
        let venue = word(m.tokens.start.checked_sub(1))
            .is_some_and(|w| matches!(w.to_ascii_lowercase().as_str(), "in" | "near" | "outside"));
        if venue {
            continue;
        }
        it.team = true;
        it.country = false;
        it.kind = Some(Kind::Group);
        // Its own key, so that the venue's mentions stay another entity.
        it.key.push_str(TEAM_KEY);
    }
}

/// Appended to the key of a team's mentions inside one document.
const TEAM_KEY: &str = "\u{1}team";

/// True when several words of sports reporting recur in the document.
fn is_sports_report(doc: &Analyzed<'_>) -> bool {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut total = 0;
    for i in 0..doc.tokens.len() {
        let w = doc.token_text(i);
        // The words have 4 to 12 letters: shorter tokens (most of them
        // "the", "of", "a") are not asked.
        if (4..=12).contains(&w.len()) && lexicon::is_sports_word(w) {
            total += 1;
            if seen.len() < 3 {
                seen.insert(w.to_lowercase());
            }
            if seen.len() >= 3 && total >= 5 {
                return true;
            }
        }
    }
    false
}

/// A bare surname joins the one full name of a person ending with it (a
/// bare given name, the one full name starting with it); a short form of a
/// group or place joins the one longer name ending with the same words,
/// when what the longer name adds only qualifies it.
fn link_surnames_and_short_forms(
    doc: &Analyzed<'_>,
    mentions: &[Mention],
    items: &[Option<Item>],
    names: &FullNames<'_>,
    keys: &mut Keys,
) {
    let FullNames {
        kinds_of,
        people,
        bodies,
    } = names;
    // Asked of each mention against every name: found once per name.
    let surnames: Vec<Option<&str>> = people.iter().map(|p| surname(p)).collect();
    for (m, it) in mentions.iter().zip(items) {
        let Some(it) = it else { continue };
        if it.country || it.team {
            continue;
        }
        if let Some(p) = person_of_bare_name(doc, m, it, people, &surnames) {
            keys.union(&it.key, p);
            continue;
        }
        // Short forms of groups and places: the one longer name ending
        // with the same words ("the Journal", "Central Command"). A place
        // is no short form: "Virginia" is not "West Virginia".
        if it.kind == Some(Kind::Person) || it.kind == Some(Kind::Place) {
            continue;
        }
        // Nor is a country, region or continent ("Africa" is not "South
        // Africa"); a city's name may be a word ("Enterprise").
        if is_known_region(&it.key) {
            continue;
        }
        // A short form typed as a group is no short form of a place.
        let same_kind = |b: &str| {
            it.kind
                .is_none_or(|k| kinds_of.get(b).is_some_and(|ks| ks.contains(&k)))
        };
        let one_word = word_count(&it.key) == 1;
        let longer: Vec<&String> = bodies
            .iter()
            .filter(|b| {
                ends_with_words(b, &it.key)
                    && same_kind(b)
                    && (one_word || is_qualifier(b[..b.len() - it.key.len()].trim_end()))
            })
            .collect();
        if let [b] = longer.as_slice() {
            keys.union(&it.key, b);
            continue;
        }
        // "Hellweg" for "Hellweg Automotive": a company named by its first
        // word, when the rest only says what business it is in (not
        // "Ford" for "Ford Foundation").
        if one_word && it.kind == Some(Kind::Group) && !is_known_place(&it.key) {
            let by_first: Vec<&String> = bodies
                .iter()
                .filter(|b| {
                    b.strip_prefix(it.key.as_str())
                        .and_then(|rest| rest.strip_prefix(' '))
                        .is_some_and(|rest| rest.split(' ').all(lexicon::is_business_word))
                        && same_kind(b)
                })
                .collect();
            if let [b] = by_first.as_slice() {
                keys.union(&it.key, b);
            }
        }
    }
}

/// The one person of the document a one-word mention names: the full name
/// ending with it (a surname), or else starting with it (a given name). A
/// word typed as a place is taken for a surname only when no preposition
/// of place stands before it ("in Paris" stays the city).
fn person_of_bare_name<'p>(
    doc: &Analyzed<'_>,
    m: &Mention,
    it: &Item,
    people: &'p [String],
    surnames: &[Option<&str>],
) -> Option<&'p String> {
    let s = bare_surname(&it.key)?;
    let as_place = it.kind == Some(Kind::Place);
    if as_place {
        let before = m.tokens.start.checked_sub(1).map(|i| doc.token_text(i));
        let locative = before.is_some_and(|w| {
            matches!(
                w.to_ascii_lowercase().as_str(),
                "in" | "at"
                    | "to"
                    | "from"
                    | "near"
                    | "of"
                    | "into"
                    | "across"
                    | "outside"
                    | "inside"
                    | "via"
                    | "toward"
                    | "towards"
                    | "around"
                    | "through"
            )
        });
        if locative || lexicon::country(&it.key).is_some() {
            return None;
        }
    }
    let ending: Vec<&String> = people
        .iter()
        .zip(surnames)
        .filter(|(_, ps)| **ps == Some(s))
        .map(|(p, _)| p)
        .collect();
    if let [p] = ending.as_slice() {
        return Some(p);
    }
    if !ending.is_empty() || as_place || !is_first_name(&it.key) {
        return None;
    }
    // A given name alone: the one full name that starts with it, when no
    // other person's surname it is.
    let starting: Vec<&String> = people
        .iter()
        .filter(|p| p.split(' ').next() == Some(it.key.as_str()))
        .collect();
    match starting.as_slice() {
        [p] => Some(p),
        _ => None,
    }
}

/// "Lear" and "Lear Corp.": a company with and without its legal form; a
/// group with and without the head or place its full name adds.
fn link_legal_forms(items: &[Option<Item>], names: &FullNames<'_>, keys: &mut Keys) {
    let legal: Vec<(&str, &String)> = names
        .bodies
        .iter()
        .filter_map(|b| Some((without_legal_form(b)?, b)))
        .collect();
    for it in items.iter().flatten() {
        if it.country || matches!(it.kind, Some(Kind::Person)) {
            continue;
        }
        for &(short, b) in &legal {
            if short == it.key.as_str() {
                keys.union(&it.key, b);
            }
        }
        // "Corvid" and "Corvid Esports Club", "Tarn Corps" and "Tarn
        // Corps of Canada": the one longer group name that starts with it
        // and adds only an organisation's head or "of" and a place.
        if it.kind != Some(Kind::Group) || is_known_place(&it.key) {
            continue;
        }
        let longer: Vec<&String> = names
            .bodies
            .iter()
            .filter(|b| {
                let Some(rest) = b
                    .strip_prefix(it.key.as_str())
                    .and_then(|r| r.strip_prefix(' '))
                else {
                    return false;
                };
                let of_place = rest.strip_prefix("of ").is_some_and(is_known_place);
                let headed = rest.split(' ').count() <= 2
                    && rest.rsplit(' ').next().is_some_and(lexicon::is_org_head);
                names
                    .kinds_of
                    .get(b.as_str())
                    .is_some_and(|ks| ks.contains(&Kind::Group))
                    && (of_place || headed)
            })
            .collect();
        if let [b] = longer.as_slice() {
            keys.union(&it.key, b);
        }
    }
}

impl DocResolver {
    /// One entity per group of joined keys, in order of first mention, and
    /// the entity of each mention.
    fn group_entities(
        &self,
        items: &[Option<Item>],
        keys: &mut Keys,
        evidence: &DocEvidence<'_, '_>,
    ) -> (Vec<LocalEntity>, Vec<Option<usize>>) {
        // Groups of mentions by representative key.
        let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, it) in items.iter().enumerate() {
            if let Some(it) = it {
                groups.entry(keys.find(&it.key)).or_default().push(i);
            }
        }
        // Entities in order of first mention.
        let mut order: Vec<(usize, Vec<usize>)> = groups
            .into_values()
            .filter(|ms| {
                // Untyped and generic mentions alone name nothing.
                ms.iter().any(|&i| {
                    items[i]
                        .as_ref()
                        .is_some_and(|it| it.kind.is_some() && !it.generic)
                }) && !evidence.is_common_word(ms)
                    && !evidence.is_illness(ms)
            })
            // Groups are never empty: each was created with its first mention.
            .map(|ms| (ms.first().copied().unwrap_or(0), ms))
            .collect();
        order.sort();
        let mut entities = Vec::new();
        let mut mention_entity = vec![None; items.len()];
        for (_, ms) in order {
            let its: Vec<&Item> = ms.iter().filter_map(|&i| items[i].as_ref()).collect();
            let mut kind = vote_kind(&its);
            let name = pick_name(&its);
            if kind != Kind::Person
                && !its.iter().any(|it| it.country || it.team)
                && evidence.reads_as_person(&ms, &name)
            {
                kind = Kind::Person;
            }
            let key = normalize(&name);
            let kind = self.aliases.kinds.get(&key).copied().unwrap_or(kind);
            let aliases: BTreeSet<String> = its.iter().filter_map(|it| it.alias.clone()).collect();
            // A country named only by demonyms has no alias of its own.
            let implied = its.iter().all(|it| it.country && it.alias.is_none());
            let team = its.iter().any(|it| it.team);
            let ei = entities.len();
            for &i in &ms {
                mention_entity[i] = Some(ei);
            }
            entities.push(LocalEntity {
                kind,
                name,
                aliases,
                mentions: ms,
                roles: BTreeSet::new(),
                implied,
                team,
            });
        }
        (entities, mention_entity)
    }
}

/// Demonyms cut from names ("Chilean Navy Band") still name their
/// country, which gets a node even when the text never names it.
fn add_demonym_countries(cleaned: &[Cleaned], entities: &mut Vec<LocalEntity>) {
    for c in cleaned {
        if let Some(country) = c.nationality
            && !entities.iter().any(|e: &LocalEntity| e.name == country)
        {
            entities.push(LocalEntity {
                kind: Kind::Place,
                name: country.to_string(),
                aliases: BTreeSet::new(),
                mentions: Vec::new(),
                roles: BTreeSet::new(),
                implied: true,
                team: false,
            });
        }
    }
}

/// Titles found beside people become roles of their entities, with what
/// they are titles of when that is a group, a place or a country.
fn attach_roles(roles: &[RoleMatch], out: &mut DocEntities) {
    for r in roles {
        let Some(Some(ei)) = out.mention_entity.get(r.mention).copied() else {
            continue;
        };
        if out.entities.get(ei).is_none_or(|e| e.kind != Kind::Person) || r.title.is_empty() {
            continue;
        }
        let of = match &r.of {
            Some(OfRef::Mention(mi)) => out
                .mention_entity
                .get(*mi)
                .copied()
                .flatten()
                .and_then(|oi| out.entities.get(oi))
                .filter(|e| e.kind != Kind::Person)
                .map(|e| e.name.clone()),
            Some(OfRef::Country(c)) => Some(c.to_string()),
            None => None,
        };
        // "Peruvian Gen. X" says where X is from, not what X is general
        // of: the nationality becomes an edge, the role keeps its title.
        let of = of.filter(|o| {
            !((crate::lexicon::is_rank_title(&r.title)
                || crate::lexicon::is_qualified_title(&r.title))
                && lexicon::country(o).is_some())
        });
        if let Some(e) = out.entities.get_mut(ei) {
            e.roles.insert(Role {
                title: r.title.clone(),
                of,
            });
        }
    }
}

/// A transliterated name cut in two by an apostrophe glued to its first
/// part ("Ali Shi' Al Harbi") is one name: both mentions get the joined
/// name.
fn join_apostrophe_names(
    doc: &Analyzed<'_>,
    mentions: &[Mention],
    cleaned: &[Cleaned],
    items: &mut [Option<Item>],
) {
    let text = &doc.doc.text;
    for i in 0..mentions.len().saturating_sub(1) {
        let (a, b) = (&mentions[i], &mentions[i + 1]);
        let q = a.tokens.end;
        let Some(qt) = doc.tokens.get(q) else {
            continue;
        };
        let glued = qt.span.start == a.span.end
            && matches!(doc.token_text(q), "'" | "’")
            && b.tokens.start == q + 1
            && b.span.start > qt.span.end;
        let people = |it: &Option<Item>| {
            it.as_ref()
                .is_some_and(|it| matches!(it.kind, None | Some(Kind::Person)) && !it.country)
        };
        let typed = |it: &Option<Item>| it.as_ref().is_some_and(|it| it.kind.is_some());
        if !glued
            || a.sentence != b.sentence
            || !people(&items[i])
            || !people(&items[i + 1])
            || !(typed(&items[i]) || typed(&items[i + 1]))
        {
            continue;
        }
        let start = cleaned[i]
            .name_tokens
            .clone()
            .next()
            .and_then(|t| doc.tokens.get(t))
            .map_or(a.span.start, |t| t.span.start);
        let Some(joined) = text.get(start..b.span.end) else {
            continue;
        };
        let name = canonical(Kind::Person, joined);
        let item = Item {
            key: normalize(&name),
            kind: Some(Kind::Person),
            name: name.clone(),
            alias: Some(name),
            generic: false,
            country: false,
            team: false,
            firm: false,
            person: false,
            town: false,
        };
        items[i] = Some(item.clone());
        items[i + 1] = Some(Item {
            alias: None,
            ..item
        });
    }
}

/// The kind most mentions give, each weighted by its number of words (one
/// word counting only when no fuller name was typed); a country is always
/// a place. Ties go to
/// group, then person, then place (a name typed both ways is more often an
/// organisation named after a place than the reverse).
fn vote_kind(items: &[&Item]) -> Kind {
    if items.iter().any(|it| it.country) {
        return Kind::Place;
    }
    // "Google headquarters", "co-founder of Google": what the text says of
    // the name outweighs how a finder typed its other mentions.
    if items.iter().any(|it| it.firm) {
        return Kind::Group;
    }
    if items.iter().any(|it| it.town) {
        return Kind::Place;
    }
    // "president X", "X, who": so for a person typed a group elsewhere.
    if items.iter().any(|it| it.person) {
        return Kind::Person;
    }
    // Fuller names are typed more reliably than their short forms: where
    // a name of several words was typed, one-word forms do not vote ("Paris"
    // read ten times as the city is the surname of "Ana Paris").
    let full = items
        .iter()
        .any(|it| it.kind.is_some() && !it.generic && word_count(&it.key) > 1);
    let mut votes: BTreeMap<Kind, usize> = BTreeMap::new();
    for it in items {
        if let Some(k) = it.kind {
            let words = word_count(&it.key);
            let vote = if it.generic || (full && words == 1) {
                0
            } else {
                words
            };
            *votes.entry(k).or_default() += vote;
        }
    }
    // A known place's name typed both ways is the place ("schools across
    // Kent" and "Kent firms").
    let vote = |k: Kind| votes.get(&k).copied().unwrap_or(0);
    let place_first = vote(Kind::Place) > 0
        && vote(Kind::Place) == vote(Kind::Group)
        && items.first().is_some_and(|it| is_known_place(&it.key));
    [Kind::Group, Kind::Person, Kind::Place]
        .into_iter()
        .max_by_key(|k| {
            let rank = match k {
                Kind::Place if place_first => 3,
                Kind::Group => 2,
                Kind::Person => 1,
                _ => 0,
            };
            (votes.get(k).copied().unwrap_or(0), rank)
        })
        .unwrap_or(Kind::Person)
}

/// The fullest name (most words), then the most frequent, then the first.
fn pick_name(items: &[&Item]) -> String {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, it) in items.iter().enumerate() {
        if it.kind.is_none() || it.generic {
            continue;
        }
        let e = counts.entry(it.name.as_str()).or_insert((0, i));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(name, (n, first))| {
            let shouted = name.chars().any(char::is_alphabetic)
                && !name.chars().any(char::is_lowercase)
                && name.chars().filter(|c| c.is_alphabetic()).count() >= 5;
            (
                word_count(&normalize(name)),
                !shouted,
                *n,
                std::cmp::Reverse(*first),
            )
        })
        .map(|(name, _)| name.to_string())
        .or_else(|| items.first().map(|it| it.name.clone()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_with_words_needs_a_word_boundary() {
        assert!(ends_with_words("wall street journal", "journal"));
        assert!(ends_with_words("us central command", "central command"));
        assert!(!ends_with_words("the bugle journal", "ournal"));
        assert!(!ends_with_words("journal", "journal"));
        assert!(!ends_with_words("journal", "wall street journal"));
    }
}
