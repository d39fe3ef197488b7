//! Resolution across documents: the entities of every document become
//! graph nodes, merged on normalised names and aliases.
//!
//! Guards against wrong merges: people and non-people never merge; a bare
//! surname ("Smith") joins a full name only when exactly one full name in
//! the corpus ends with it; two different full names sharing a surname
//! stay apart (a person's bare surname is never used as a merge key).

use super::aliases::AliasTable;
use super::names::{bare_surname, normalize, surname};
use crate::graph::{KnowledgeGraph, slug};
use crate::model::{DocResult, Kind, LocalEntity, Role};
use std::collections::{BTreeMap, BTreeSet};

/// One document's entity, with the user's alias file applied.
struct Entry<'a> {
    ent: &'a LocalEntity,
    key: String,
    name: String,
    kind: Kind,
}

/// People merge only with people; groups and places merge with each other
/// (the same name is often typed one way in one article and the other way
/// in another: "Islamic State").
fn class(kind: Kind) -> u8 {
    u8::from(kind != Kind::Person)
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut c = i;
    while parent[c] != r {
        let next = parent[c];
        parent[c] = r;
        c = next;
    }
    r
}

/// Joins two sets; the smaller index is the root, so the result does not
/// depend on the order unions are made in.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

fn apply_merge(aliases: &AliasTable, name: &str) -> (String, String) {
    let key = normalize(name);
    match aliases.merged(&key) {
        Some(target) => (normalize(target), target.to_string()),
        None => (key, name.to_string()),
    }
}

/// Adds one node per real-world entity to `g` and returns, for each
/// document (in `results` order), the node id of each local entity. An
/// entity the user dropped gets the empty id, which names no node, so
/// edges to it are not added.
pub fn add_entities(
    g: &mut KnowledgeGraph,
    results: &[DocResult],
    aliases: &AliasTable,
) -> Vec<Vec<String>> {
    let mut entries: Vec<Entry<'_>> = Vec::new();
    let mut slots: Vec<Vec<Option<usize>>> = Vec::new();
    for r in results {
        let mut doc_slots = Vec::new();
        for ent in &r.entities {
            let (key, name) = apply_merge(aliases, &ent.name);
            if key.is_empty() || aliases.drop.contains(&key) {
                doc_slots.push(None);
                continue;
            }
            let kind = aliases.kinds.get(&key).copied().unwrap_or(ent.kind);
            doc_slots.push(Some(entries.len()));
            entries.push(Entry {
                ent,
                key,
                name,
                kind,
            });
        }
        slots.push(doc_slots);
    }
    let mut parent: Vec<usize> = (0..entries.len()).collect();
    // Same normalised name.
    let mut by_name: BTreeMap<(u8, &str), usize> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        match by_name.get(&(class(e.kind), e.key.as_str())) {
            Some(&j) => union(&mut parent, i, j),
            None => {
                by_name.insert((class(e.kind), e.key.as_str()), i);
            }
        }
    }
    // An alias of one entity is the name of another ("NORAD" named in
    // one article, given as the acronym of a command in the next), except a
    // person's bare surname, which is left to the guarded rule below.
    for (i, e) in entries.iter().enumerate() {
        for a in &e.ent.aliases {
            let (ak, _) = apply_merge(aliases, a);
            if ak == e.key || (e.kind == Kind::Person && bare_surname(&ak).is_some()) {
                continue;
            }
            // A short form read in one document ("Chicago" beside "First
            // Chicago") only links a name of the same kind elsewhere: a
            // place is no short form of a bank.
            if let Some(&j) = by_name.get(&(class(e.kind), ak.as_str()))
                && entries[j].kind == e.kind
            {
                union(&mut parent, i, j);
            }
        }
    }
    // A bare surname joins the one full name in the corpus ending with it.
    // "Lear" in one document, "Lear Corp." in another: one company.
    for (i, e) in entries.iter().enumerate() {
        if e.kind != Kind::Group {
            continue;
        }
        if let Some(short) = super::names::without_legal_form(&e.key)
            && let Some(&j) = by_name.get(&(class(e.kind), short))
        {
            union(&mut parent, i, j);
        }
    }
    // Full names by surname, so each bare surname looks up its candidates
    // instead of scanning every entity (quadratic on large corpora).
    let mut by_surname: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (j, e) in entries.iter().enumerate() {
        if e.kind == Kind::Person
            && let Some(s) = surname(&e.key)
        {
            by_surname.entry(s).or_default().push(j);
        }
    }
    for (i, e) in entries.iter().enumerate() {
        if e.kind != Kind::Person {
            continue;
        }
        let Some(s) = bare_surname(&e.key) else {
            continue;
        };
        let full: BTreeSet<usize> = by_surname
            .get(s)
            .into_iter()
            .flatten()
            .map(|&j| find(&mut parent, j))
            .collect();
        if let Some(&root) = full.iter().next()
            && full.len() == 1
        {
            union(&mut parent, i, root);
        } else if full.is_empty()
            && let Some(&j) = by_name.get(&(class(Kind::Group), e.key.as_str()))
        {
            // One word taken for a person in one document ("Pentagon
            // officials") and named as a group or place elsewhere, with no
            // person of that surname anywhere: the group or place.
            union(&mut parent, i, j);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..entries.len() {
        groups.entry(find(&mut parent, i)).or_default().push(i);
    }
    let mut node_of: Vec<Option<String>> = vec![None; entries.len()];
    for members in groups.values() {
        let (kind, label) = kind_and_label(&entries, members);
        let label = aliases
            .rename
            .get(&normalize(&label))
            .cloned()
            .unwrap_or(label);
        let id = slug(kind, &normalize(&label));
        let node = g.upsert_node(&id, kind, &label);
        for &i in members {
            let e = &entries[i];
            node.mentions += e.ent.mentions.len() as u64;
            node.aliases.insert(e.name.clone());
            node.aliases.extend(e.ent.aliases.iter().cloned());
            node_of[i] = Some(id.clone());
        }
        let label = node.label.clone();
        node.aliases.remove(&label);
    }
    // Documents, through the slots (entries do not know their document).
    let mut out = Vec::with_capacity(results.len());
    for (r, doc_slots) in results.iter().zip(slots) {
        let ids: Vec<String> = doc_slots
            .into_iter()
            .map(|s| s.and_then(|i| node_of[i].clone()).unwrap_or_default())
            .collect();
        for id in &ids {
            if let Some(n) = g.node_mut(id) {
                n.documents.insert(r.id);
            }
        }
        // Roles name what they are "of" by the document's own spelling
        // ("US Central Command"); show the merged node's label instead, so
        // one role read in two articles is listed once.
        let label_of: BTreeMap<&str, String> = r
            .entities
            .iter()
            .zip(&ids)
            .filter_map(|(e, id)| Some((e.name.as_str(), g.node(id)?.label.clone())))
            .collect();
        for (e, id) in r.entities.iter().zip(&ids) {
            let roles: Vec<Role> = e
                .roles
                .iter()
                .map(|role| Role {
                    title: role.title.clone(),
                    of: role.of.as_ref().map(|o| {
                        label_of
                            .get(o.as_str())
                            .cloned()
                            .unwrap_or_else(|| o.clone())
                    }),
                })
                .collect();
            if let Some(n) = g.node_mut(id) {
                n.roles.extend(roles);
            }
        }
        out.push(ids);
    }
    out
}

/// The kind most mentions give (ties: group, place, person) and the
/// fullest, then most mentioned, then alphabetically first name.
fn kind_and_label(entries: &[Entry<'_>], members: &[usize]) -> (Kind, String) {
    let mut votes: BTreeMap<Kind, usize> = BTreeMap::new();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in members {
        let e = &entries[i];
        *votes.entry(e.kind).or_default() += e.ent.mentions.len().max(1);
        *names.entry(e.name.as_str()).or_default() += e.ent.mentions.len().max(1);
    }
    let kind = votes
        .iter()
        .max_by_key(|(k, n)| {
            let rank = match k {
                Kind::Group => 3,
                Kind::Place => 2,
                Kind::Person => 1,
                Kind::Event => 0,
            };
            (**n, rank)
        })
        .map_or(Kind::Person, |(k, _)| *k);
    let label = names
        .iter()
        .max_by_key(|(name, n)| {
            (
                normalize(name).split(' ').count(),
                !is_shouted(name),
                **n,
                std::cmp::Reverse(*name),
            )
        })
        .map_or_else(String::new, |(name, _)| (*name).to_string());
    // Only written in capitals (a dateline, a headline): a place or a
    // person reads better in title case; a group may be an acronym.
    let label = if is_shouted(&label) && matches!(kind, Kind::Place | Kind::Person) {
        capitalise_words(&label)
    } else {
        label
    };
    (kind, label)
}

/// All capitals and too long for an acronym ("LAGOS", "NEW YORK").
fn is_shouted(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.len() >= 5 || name.contains(' ')) && letters.iter().all(|c| c.is_uppercase())
}

/// "AL-RAM" → "Al-Ram", "NEW YORK" → "New York".
fn capitalise_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic() && c != '\'' && c != '’';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, DocMeta};

    fn result(text_id: &str, names: &[(Kind, &str)]) -> DocResult {
        DocResult {
            id: DocId(text_id.bytes().fold(0, |h, b| h * 256 + u64::from(b))),
            meta: DocMeta::default(),
            entities: names
                .iter()
                .map(|(k, n)| LocalEntity {
                    kind: *k,
                    name: (*n).to_string(),
                    aliases: [(*n).to_string()].into(),
                    mentions: vec![0],
                    roles: BTreeSet::new(),
                })
                .collect(),
            relations: Vec::new(),
            events: Vec::new(),
            tokens: 0,
        }
    }

    #[test]
    fn a_company_with_and_without_its_legal_form_is_one_node() {
        let results = [
            result("a", &[(Kind::Group, "Vantor Freight Corp.")]),
            result("b", &[(Kind::Group, "Vantor Freight")]),
            result("c", &[(Kind::Group, "Vantor Freight Lines")]),
        ];
        let mut g = KnowledgeGraph::new();
        add_entities(&mut g, &results, &AliasTable::default());
        let labels: BTreeSet<String> = g.nodes().map(|n| n.label.clone()).collect();
        let want: BTreeSet<String> = ["Vantor Freight Corp.", "Vantor Freight Lines"]
            .map(String::from)
            .into();
        assert_eq!(labels, want);
    }

    #[test]
    fn a_word_read_once_as_a_person_joins_the_group_it_names_elsewhere() {
        let results = [
            result("a", &[(Kind::Person, "Kremlin"), (Kind::Person, "Okafor")]),
            result("b", &[(Kind::Group, "Kremlin"), (Kind::Place, "Okafor")]),
            result("c", &[(Kind::Person, "Tom Okafor")]),
        ];
        let mut g = KnowledgeGraph::new();
        add_entities(&mut g, &results, &AliasTable::default());
        let got: BTreeSet<(Kind, String)> = g.nodes().map(|n| (n.kind, n.label.clone())).collect();
        // "Okafor" is a person's surname elsewhere: it stays with the person.
        let want: BTreeSet<(Kind, String)> = [
            (Kind::Group, "Kremlin".to_string()),
            (Kind::Place, "Okafor".to_string()),
            (Kind::Person, "Tom Okafor".to_string()),
        ]
        .into();
        assert_eq!(got, want);
    }

    #[test]
    fn labels_in_capitals_give_way_or_are_title_cased() {
        let results = [
            result("a", &[(Kind::Place, "PORT ELLEN"), (Kind::Group, "UNIDO")]),
            result("b", &[(Kind::Place, "Port Ellen")]),
            result("c", &[(Kind::Place, "AL-RAMLA"), (Kind::Person, "OKAFOR")]),
        ];
        let mut g = KnowledgeGraph::new();
        add_entities(&mut g, &results, &AliasTable::default());
        let labels: BTreeSet<String> = g.nodes().map(|n| n.label.clone()).collect();
        let want: BTreeSet<String> = ["Port Ellen", "UNIDO", "Al-Ramla", "Okafor"]
            .map(String::from)
            .into();
        assert_eq!(labels, want);
    }
}
