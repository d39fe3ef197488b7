//! Resolution: mentions → entities inside a document ([`DocResolver`], in
//! [`doc`]), then entities → graph nodes across documents ([`build_graph`],
//! with [`merge`]), with the user's alias file ([`AliasTable`]) applied on
//! the way. Name forms live in [`names`]; titles, roles and the cleaning of
//! mentions in [`titles`].

pub mod aliases;
pub mod doc;
pub mod merge;
pub mod names;
pub mod titles;

pub use aliases::AliasTable;
pub use doc::DocResolver;
pub use names::{canonical, normalize};

use crate::graph::{EventInfo, KnowledgeGraph};
use crate::model::{DocResult, Kind};
use crate::pipeline::Options;

/// Merges per-document results (sorted by document id) into the graph:
/// entities first (cross-document resolution), then events, then the
/// relations between them.
pub fn build_graph(results: &[DocResult], options: &Options) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    for r in results {
        g.documents.insert(r.id.clone(), r.meta.clone());
    }
    let ids = merge::add_entities(&mut g, results, &options.aliases);
    add_events(&mut g, results, &ids);
    add_relations(&mut g, results, &ids);
    g
}

/// Event nodes and their role edges (`ids`: node id of each local entity).
fn add_events(g: &mut KnowledgeGraph, results: &[DocResult], ids: &[Vec<Option<String>>]) {
    for (r, ids) in results.iter().zip(ids) {
        for ev in &r.events {
            let id = crate::extract::events::event_id(ev, r);
            let node = g.upsert_node(&id, Kind::Event, &ev.label);
            node.mentions += 1;
            node.documents.insert(r.id.clone());
            let info = node.event.get_or_insert_with(|| EventInfo {
                kind: ev.kind,
                time: ev.time.clone(),
                time_text: ev.time_text.clone(),
                quantities: Vec::new(),
                evidence: Vec::new(),
            });
            for q in &ev.quantities {
                if !info.quantities.contains(q) {
                    info.quantities.push(q.clone());
                }
            }
            crate::graph::push_evidence(&mut info.evidence, ev.evidence.clone());
            for (role, ei) in &ev.roles {
                if let Some(Some(target)) = ids.get(*ei) {
                    g.add_edge(&id, target, *role, ev.evidence.clone());
                }
            }
        }
    }
}

/// Relations between entities, on the merged nodes.
fn add_relations(g: &mut KnowledgeGraph, results: &[DocResult], ids: &[Vec<Option<String>>]) {
    for (r, ids) in results.iter().zip(ids) {
        for rel in &r.relations {
            if let (Some(Some(s)), Some(Some(t))) = (ids.get(rel.source), ids.get(rel.target)) {
                g.add_edge(s, t, rel.relation, rel.evidence.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::ner::rules::RuleFinder;
    use crate::pipeline::{MentionFinder, Resolver};

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
