//! Resolution: mentions → entities inside a document ([`DocResolver`]), then
//! entities → graph nodes across documents ([`build_graph`]), with the
//! user's alias file ([`AliasTable`]) applied on the way.

use crate::graph::{KnowledgeGraph, slug};
use crate::lexicon;
use crate::model::{Analyzed, DocEntities, DocResult, Kind, LocalEntity, Mention, MentionLabel};
use crate::pipeline::{Options, Resolver};
use std::collections::{BTreeMap, BTreeSet};

/// The user's corrections: merge names, rename, drop, force a kind. Keys are
/// normalised with [`normalize`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AliasTable {
    /// Normalised alias → canonical name it merges into.
    pub merge: BTreeMap<String, String>,
    /// Normalised name → label to show.
    pub rename: BTreeMap<String, String>,
    /// Normalised names that make no node.
    pub drop: BTreeSet<String>,
    /// Normalised name → forced kind.
    pub kinds: BTreeMap<String, Kind>,
}

/// Normalises a surface form for comparison: curly quotes straightened,
/// possessive removed, leading "the" removed, whitespace folded, lowercase.
pub fn normalize(name: &str) -> String {
    let straight: String = name
        .chars()
        .map(|c| match c {
            '‘' | '’' | '`' | '´' => '\'',
            '“' | '”' => '"',
            '‐' | '‑' | '–' => '-',
            c => c,
        })
        .collect();
    let mut s = straight.trim();
    for suffix in ["'s", "'S"] {
        if let Some(x) = s.strip_suffix(suffix) {
            s = x;
        }
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let words = match words.first() {
        Some(w) if w.eq_ignore_ascii_case("the") && words.len() > 1 => &words[1..],
        _ => &words[..],
    };
    words.join(" ").to_lowercase()
}

/// The canonical form of a name: countries by their short English name,
/// other names as written (titles already cut by the finder).
pub fn canonical(kind: Kind, name: &str) -> String {
    let trimmed = name.trim();
    if kind == Kind::Place
        && let Some(c) = lexicon::country(trimmed)
    {
        return c.to_string();
    }
    let mut s = trimmed.to_string();
    for suffix in ["'s", "’s"] {
        if let Some(x) = s.strip_suffix(suffix) {
            s = x.to_string();
        }
    }
    s
}

/// Resolution inside one document.
#[derive(Debug, Clone, Default)]
pub struct DocResolver {
    pub aliases: AliasTable,
}

impl DocResolver {
    pub fn new(aliases: AliasTable) -> Self {
        DocResolver { aliases }
    }
}

fn kind_of(label: MentionLabel) -> Option<Kind> {
    match label {
        MentionLabel::Per => Some(Kind::Person),
        MentionLabel::Org => Some(Kind::Group),
        MentionLabel::Loc => Some(Kind::Place),
        MentionLabel::Misc => None,
    }
}

impl Resolver for DocResolver {
    fn resolve(&self, doc: &Analyzed<'_>, mentions: &[Mention]) -> DocEntities {
        let text = &doc.doc.text;
        let mut entities: Vec<LocalEntity> = Vec::new();
        let mut by_key: BTreeMap<(Kind, String), usize> = BTreeMap::new();
        let mut mention_entity = vec![None; mentions.len()];
        for (mi, m) in mentions.iter().enumerate() {
            let surface = m.span.text(text);
            let (kind, name) = match kind_of(m.label) {
                Some(k) => (k, canonical(k, surface)),
                None => match lexicon::demonym_country(surface) {
                    Some(c) => (Kind::Place, c.to_string()),
                    // An untyped single word may still be a known surname.
                    None => (Kind::Person, surface.to_string()),
                },
            };
            let untyped = m.label == MentionLabel::Misc && kind == Kind::Person;
            let key = normalize(&name);
            if key.is_empty() || self.aliases.drop.contains(&key) {
                continue;
            }
            // A bare surname links to an earlier full name of the same person.
            let mut target = by_key.get(&(kind, key.clone())).copied();
            if target.is_none() && kind == Kind::Person && !key.contains(' ') {
                let matches: Vec<usize> = entities
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| {
                        e.kind == Kind::Person
                            && normalize(&e.name).rsplit(' ').next() == Some(key.as_str())
                    })
                    .map(|(i, _)| i)
                    .collect();
                if matches.len() == 1 {
                    target = Some(matches[0]);
                }
            }
            let ei = match target {
                Some(ei) => ei,
                None if untyped => continue,
                None => {
                    entities.push(LocalEntity {
                        kind,
                        name: name.clone(),
                        aliases: BTreeSet::new(),
                        mentions: Vec::new(),
                        roles: BTreeSet::new(),
                    });
                    by_key.insert((kind, key), entities.len() - 1);
                    entities.len() - 1
                }
            };
            let e = &mut entities[ei];
            e.aliases.insert(canonical(kind, surface));
            e.mentions.push(mi);
            mention_entity[mi] = Some(ei);
        }
        DocEntities {
            entities,
            mention_entity,
        }
    }
}

/// Merges per-document results (sorted by document id) into the graph.
pub fn build_graph(results: &[DocResult], options: &Options) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let mut entity_ids: Vec<Vec<String>> = Vec::with_capacity(results.len());
    for r in results {
        g.documents.insert(r.id.clone(), r.meta.clone());
        let ids: Vec<String> = r
            .entities
            .iter()
            .map(|e| {
                let key = normalize(&e.name);
                let name = options
                    .aliases
                    .merge
                    .get(&key)
                    .cloned()
                    .unwrap_or_else(|| e.name.clone());
                let kind = options.aliases.kinds.get(&key).copied().unwrap_or(e.kind);
                let id = slug(kind, &normalize(&name));
                let node = g.upsert_node(&id, kind, &name);
                node.mentions += e.mentions.len() as u64;
                node.documents.insert(r.id.clone());
                node.aliases.extend(e.aliases.iter().cloned());
                node.roles.extend(e.roles.iter().cloned());
                id
            })
            .collect();
        for rel in &r.relations {
            if let (Some(s), Some(t)) = (ids.get(rel.source), ids.get(rel.target)) {
                g.add_edge(s, t, rel.relation, rel.evidence.clone());
            }
        }
        entity_ids.push(ids);
    }
    crate::extract::events::merge_into(&mut g, results, &entity_ids);
    // Labels: the user's rename wins; aliases never repeat the label.
    let ids: Vec<String> = g.nodes().map(|n| n.id.clone()).collect();
    for id in ids {
        if let Some(n) = g.node_mut(&id) {
            if let Some(new) = options.aliases.rename.get(&normalize(&n.label)) {
                n.label = new.clone();
            }
            let label = n.label.clone();
            n.aliases.remove(&label);
        }
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::ner::rules::RuleFinder;
    use crate::pipeline::MentionFinder;

    fn resolve(s: &str) -> Vec<(Kind, String, Vec<String>)> {
        let doc = Document::new("t", s.to_string());
        let a = crate::text::analyze(&doc);
        let m = RuleFinder.find(&a);
        DocResolver::default()
            .resolve(&a, &m)
            .entities
            .into_iter()
            .map(|e| (e.kind, e.name, e.aliases.into_iter().collect()))
            .collect()
    }

    #[test]
    fn normalises_variants() {
        assert_eq!(
            normalize("The  Wall Street Journal’s"),
            "wall street journal"
        );
        assert_eq!(canonical(Kind::Place, "U.S."), "United States");
        assert_eq!(canonical(Kind::Place, "America"), "United States");
    }

    #[test]
    fn surname_links_to_full_name_and_demonym_to_country() {
        let got = resolve("Minister Olga Berg visited Norway. Later Berg met Norwegian officials.");
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, "Olga Berg");
        assert_eq!(got[0].2, ["Berg", "Olga Berg"]);
        assert_eq!(got[1].1, "Norway");
    }
}
