//! The streaming graph builder: each document's result is folded in as
//! soon as it is ready and then dropped, so memory holds what the graph
//! needs (one record per distinct name, one per relation between two names,
//! the events) and not every document's results.
//!
//! Folding is order-free: every aggregate is a sum, a set, or the smallest
//! few evidence records, and [`GraphBuilder::finish`] orders what is left by
//! document id, so the graph is the same for any input order or thread count.

use super::merge::{EntityTable, VarId};
use crate::extract::events::{self, EventItem};
use crate::graph::{KnowledgeGraph, push_evidence};
use crate::model::{DocId, DocMeta, DocResult, Evidence, LocalEvent, Relation};
use crate::pipeline::Options;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// Every reading of one relation between two variants.
#[derive(Default)]
struct EdgeAgg {
    count: u64,
    /// Appended once per document; sorted when the edge is made.
    docs: Vec<DocId>,
    /// The smallest few, as [`push_evidence`] keeps them.
    evidence: Vec<Evidence>,
}

/// An event waiting for the merge of entities, its roles on variants.
struct PendingEvent {
    doc: DocId,
    /// Its place among its document's events.
    index: usize,
    event: LocalEvent,
}

/// Folds per-document results into a graph; see the module docs.
pub struct GraphBuilder {
    entities: EntityTable,
    documents: BTreeMap<DocId, DocMeta>,
    relations: HashMap<(VarId, VarId, Relation), EdgeAgg>,
    events: Vec<PendingEvent>,
}

impl GraphBuilder {
    pub fn new(options: &Options) -> Self {
        GraphBuilder {
            entities: EntityTable::new(options.aliases.clone()),
            documents: BTreeMap::new(),
            relations: HashMap::new(),
            events: Vec::new(),
        }
    }

    /// Folds in one document. A document whose id (its text) is already in
    /// is skipped: the same article twice is one article.
    pub fn add(&mut self, r: DocResult) {
        let doc = r.id;
        if self.documents.contains_key(&doc) {
            return;
        }
        self.documents.insert(doc, r.meta);
        let slots = self.entities.add_document(doc, r.entities);
        let var = |i: usize| slots.get(i).copied().flatten();
        // Every relation and event read in one sentence carries its text:
        // one shared copy each, as the kept evidence is most of the memory.
        let mut texts: HashSet<Arc<str>> = HashSet::new();
        let mut share = |ev: &mut Evidence| match texts.get(&*ev.text) {
            Some(t) => ev.text = Arc::clone(t),
            None => {
                texts.insert(Arc::clone(&ev.text));
            }
        };
        for mut rel in r.relations {
            let (Some(s), Some(t)) = (var(rel.source), var(rel.target)) else {
                continue;
            };
            let agg = self.relations.entry((s, t, rel.relation)).or_default();
            share(&mut rel.evidence);
            agg.count += 1;
            if agg.docs.last() != Some(&doc) {
                // Most relations are read in one or two documents.
                if agg.docs.len() == agg.docs.capacity() && agg.docs.len() < 4 {
                    agg.docs.reserve_exact(1);
                }
                agg.docs.push(doc);
            }
            push_evidence(&mut agg.evidence, rel.evidence);
        }
        for (index, mut event) in r.events.into_iter().enumerate() {
            // An entity the user dropped takes no part.
            event.roles = event
                .roles
                .into_iter()
                .filter_map(|(role, i)| Some((role, var(i)? as usize)))
                .collect();
            event.roles.shrink_to_fit();
            share(&mut event.evidence);
            self.events.push(PendingEvent { doc, index, event });
        }
    }

    /// Merges across documents and returns the graph: entities first, then
    /// events (their merge needs the entities' nodes), then relations.
    pub fn finish(self) -> KnowledgeGraph {
        let GraphBuilder {
            entities,
            documents,
            relations,
            events: mut pending,
        } = self;
        crate::bench::phase(&format!(
            "documents read and folded ({} documents, {} names, {} relations, {} event readings)",
            documents.len(),
            entities.len(),
            relations.len(),
            pending.len()
        ));
        let mut g = KnowledgeGraph::new();
        let node_of = entities.finish(&mut g);
        crate::bench::phase("entities merged");
        let order: Vec<DocId> = documents.keys().copied().collect();
        // Events name entities by node id many times over: one shared copy.
        let shared: Vec<Option<Arc<str>>> = node_of
            .iter()
            .map(|id| (!id.is_empty()).then(|| Arc::from(id.as_str())))
            .collect();
        g.documents = documents;
        pending.sort_unstable_by_key(|p| (p.doc, p.index));
        let items: Vec<EventItem> = pending
            .into_iter()
            .map(|p| {
                let roles = p
                    .event
                    .roles
                    .iter()
                    .filter_map(|&(role, v)| Some((role, shared.get(v)?.clone()?)))
                    .collect();
                EventItem {
                    rank: order.binary_search(&p.doc).unwrap_or(usize::MAX),
                    doc: p.doc,
                    roles,
                    ev: p.event,
                }
            })
            .collect();
        events::merge_into(&mut g, items);
        crate::bench::phase("events merged");
        // Relations on the merged nodes, in id order so the graph's
        // internal order (seen through `petgraph()`) is deterministic too.
        let mut edges: Vec<(&str, &str, Relation, EdgeAgg)> = relations
            .into_iter()
            .filter_map(|((s, t, rel), agg)| {
                let s = node_of.get(s as usize)?;
                let t = node_of.get(t as usize)?;
                let (sn, tn) = (g.node(s)?, g.node(t)?);
                (s != t && super::fits(rel, sn.kind, tn.kind)).then_some((
                    s.as_str(),
                    t.as_str(),
                    rel,
                    agg,
                ))
            })
            .collect();
        edges.sort_unstable_by(|a, b| (a.0, a.1, a.2).cmp(&(b.0, b.1, b.2)));
        for (s, t, rel, agg) in edges {
            g.add_edges(s, t, rel, agg.count, agg.docs, agg.evidence);
        }
        crate::bench::phase("relations added");
        g
    }
}
