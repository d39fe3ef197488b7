//! The streaming graph builder: each document's result is folded in as
//! soon as it is ready and then dropped, so memory holds what the graph
//! needs (one record per distinct name, one per relation between two names,
//! the events) and not every document's results.
//!
//! Folding is order-free: every aggregate is a sum, a set, or the smallest
//! few evidence records, and [`GraphBuilder::finish`] orders what is left by
//! document id, so the graph is the same for any input order or thread count.

use super::entities::{EntityTable, VarId};
use super::events::{self, EventItem};
use crate::graph::{EVIDENCE_PER_EDGE, EvidenceList, KnowledgeGraph};
use crate::model::{DocId, DocMeta, DocResult, EventKind, Evidence, Kind, Relation};
use crate::resolve::AliasTable;
use crate::util::hash::{HashKeyed, PreHashed};
use petgraph::stable_graph::NodeIndex;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// Every reading of one relation between two variants.
struct EdgeAgg {
    key: (VarId, VarId, Relation),
    /// Readings (saturating: four billion readings of one relation is
    /// beyond any corpus this holds in memory).
    count: u32,
    /// Appended once per document, by fold number
    /// ([`GraphBuilder::folded`]: four bytes where a document id takes
    /// eight, in lists that were an eighth of the build's memory); made
    /// ids and sorted when the edge is made. None while every reading is
    /// among the evidence (most relations are read once), whose documents
    /// are then the list. Boxed: eight bytes in millions of aggregates
    /// that have none, where a vector takes 24.
    #[allow(clippy::box_collection)]
    docs: Option<Box<Vec<u32>>>,
    evidence: EvidenceList,
}

/// Folds per-document results into a graph; see the module docs.
pub struct GraphBuilder {
    entities: EntityTable,
    documents: BTreeMap<DocId, DocMeta>,
    relations: Relations,
    /// Events waiting for the merge of entities, their roles on variants
    /// (on nodes once the entities are merged), in the order documents
    /// were folded.
    events: Vec<EventItem>,
    texts: Texts,
    /// Document ids in the order they were folded, and each one's place
    /// in that order: the fold number the relations' lists hold.
    folded: Vec<DocId>,
    number: HashKeyed<u32>,
}

/// One copy of each evidence text, across documents. Every relation and
/// event read in one sentence carries its text, and the same sentence
/// comes in many articles (a wire story in every outlet that runs it, a
/// page fetched twice by a crawl); kept evidence is most of the memory.
/// Texts that no kept evidence points at any more are let go each time
/// the set has doubled.
#[derive(Default)]
struct Texts {
    /// Hashed with foldhash (seeded per process, as SipHash is, so input
    /// cannot choose collisions): SipHash over each sentence was about a
    /// sixteenth of the folding's time under the builder's lock.
    set: hashbrown::HashSet<Arc<str>>,
    purge_at: usize,
    /// The last text asked for and its shared copy: every relation read
    /// in one sentence comes with the same text (one pointer), and hashing
    /// the sentence once per pair of names was a tenth of the folding.
    last: Option<(Arc<str>, Arc<str>)>,
}

/// Fewest texts before the first clean-up.
const TEXTS_PURGE_MIN: usize = 1 << 16;

impl Texts {
    /// Points `text` at the shared copy of the same text.
    fn share(&mut self, text: &mut Arc<str>) {
        if let Some((asked, shared)) = &self.last
            && Arc::ptr_eq(asked, text)
        {
            *text = Arc::clone(shared);
            return;
        }
        let asked = Arc::clone(text);
        if let Some(t) = self.set.get(&**text) {
            *text = Arc::clone(t);
            self.last = Some((asked, Arc::clone(text)));
            return;
        }
        if self.set.len() >= self.purge_at.max(TEXTS_PURGE_MIN) {
            self.set.retain(|t| Arc::strong_count(t) > 1);
            self.purge_at = 2 * self.set.len();
        }
        self.set.insert(Arc::clone(text));
        self.last = Some((asked, Arc::clone(text)));
    }
}

/// Aggregates per relation between two variants, in order of arrival.
///
/// They are the largest thing the builder holds, so they live in chunks of
/// a fixed size found through a small index: growing never copies them
/// into a table twice the size (a hash map of the aggregates themselves
/// held both at its last resize, and up to twice the room it used), and
/// [`GraphBuilder::finish`] frees each chunk as soon as its edges are made,
/// so the aggregates and the edges made from them are not both whole in
/// memory at once.
#[derive(Default)]
struct Relations {
    /// Keys of three small integers: hashed with a few multiplications
    /// instead of SipHash (no input chooses them).
    index: HashMap<(VarId, VarId, Relation), u32, BuildHasherDefault<PreHashed>>,
    chunks: Vec<Vec<EdgeAgg>>,
}

/// Aggregates per chunk (about 4.5 MB).
const CHUNK: usize = 1 << 16;

impl Relations {
    fn len(&self) -> usize {
        self.index.len()
    }

    fn entry(&mut self, key: (VarId, VarId, Relation)) -> &mut EdgeAgg {
        let next = self.index.len();
        let at = *self.index.entry(key).or_insert_with(|| {
            if self.chunks.last().is_none_or(|c| c.len() == CHUNK) {
                self.chunks.push(Vec::with_capacity(CHUNK));
            }
            if let Some(c) = self.chunks.last_mut() {
                c.push(EdgeAgg {
                    key,
                    count: 0,
                    docs: None,
                    evidence: EvidenceList::new(),
                });
            }
            next as u32
        }) as usize;
        // Every index entry has its aggregate: entries are only added, one
        // aggregate each, in the same order.
        &mut self.chunks[at / CHUNK][at % CHUNK]
    }
}

impl GraphBuilder {
    pub fn new(aliases: &AliasTable) -> Self {
        GraphBuilder {
            entities: EntityTable::new(aliases.clone()),
            documents: BTreeMap::new(),
            relations: Relations::default(),
            events: Vec::new(),
            texts: Texts::default(),
            folded: Vec::new(),
            number: HashKeyed::default(),
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
        // Four billion documents would not fit in memory long before.
        let n = u32::try_from(self.folded.len()).unwrap_or(u32::MAX);
        self.folded.push(doc);
        self.number.insert(doc.0, n);
        let number = &self.number;
        let slots = self.entities.add_document(doc, r.entities);
        self.entities.add_alias_kinds(r.alias_kinds);
        let var = |i: usize| slots.get(i).copied().flatten();
        let texts = &mut self.texts;
        let mut share = |ev: &mut Evidence| texts.share(&mut ev.text);
        for mut rel in r.relations {
            let (Some(s), Some(t)) = (var(rel.source), var(rel.target)) else {
                continue;
            };
            let agg = self.relations.entry((s, t, rel.relation));
            share(&mut rel.evidence);
            let kept = &agg.evidence[..];
            if agg.docs.is_none() && agg.count as usize == kept.len() {
                // Every reading so far is in the evidence. If this one will
                // not be (or pushes one out), the list starts from them.
                let fits =
                    kept.len() < EVIDENCE_PER_EDGE && kept.binary_search(&rel.evidence).is_err();
                if !fits {
                    // Every evidence record is of a folded document.
                    let mut docs: Vec<u32> = kept
                        .iter()
                        .filter_map(|e| number.get(&e.doc.0).copied())
                        .collect();
                    docs.dedup();
                    agg.docs = Some(Box::new(docs));
                }
            }
            agg.count = agg.count.saturating_add(1);
            if let Some(docs) = agg.docs.as_mut()
                && docs.last() != Some(&n)
            {
                docs.push(n);
            }
            agg.evidence.push(rel.evidence);
        }
        for mut event in r.events {
            // An entity the user dropped takes no part.
            event.roles = event
                .roles
                .into_iter()
                .filter_map(|(role, i)| Some((role, var(i)? as usize)))
                .collect();
            event.roles.shrink_to_fit();
            event.quantities.shrink_to_fit();
            // Only a named event's label is used by the merge; the others
            // are labelled from their merged participants.
            if event.kind != EventKind::Named {
                event.label = String::new();
            }
            share(&mut event.evidence);
            // The rank is known once every document is in.
            self.events.push(EventItem {
                rank: 0,
                doc,
                ev: event,
            });
        }
    }

    /// Merges across documents and returns the graph: entities first, then
    /// relations and events (both need the entities' nodes).
    pub fn finish(self) -> KnowledgeGraph {
        let GraphBuilder {
            entities,
            documents,
            relations,
            events: mut pending,
            texts,
            folded,
            number,
        } = self;
        drop(number);
        // The kept evidence holds its texts from here on.
        drop(texts);
        crate::util::trace::phase(&format!(
            "documents read and folded ({} documents, {} names, {} relations, {} event readings)",
            documents.len(),
            entities.len(),
            relations.len(),
            pending.len()
        ));
        let mut g = KnowledgeGraph::new();
        let node_of = entities.finish(&mut g);
        crate::util::trace::phase("entities merged");
        let order: Vec<DocId> = documents.keys().copied().collect();
        // Events name entities by node id many times over: one shared copy.
        let ids: Vec<Arc<str>> = node_of.iter().map(|id| Arc::from(id.as_str())).collect();
        g.documents = documents;
        // Stable: one document's events were folded together, in order.
        // By cached key, which sorts (key, index) pairs and then moves the
        // readings in place: the merge sort of `sort_by_key` takes a
        // buffer of half the readings (a quarter of a kilobyte each).
        pending.sort_by_cached_key(|p| p.doc);
        for p in &mut pending {
            p.rank = order.binary_search(&p.doc).unwrap_or(usize::MAX);
            // A variant without a node (dropped by the user) takes no part.
            p.ev.roles
                .retain(|&(_, v)| node_of.get(v).is_some_and(|id| !id.is_empty()));
        }
        // Room for the relations' edges and the events' (at most one per
        // role read).
        let roles: usize = pending.iter().map(|p| p.ev.roles.len()).sum();
        // The events are clustered before the relations go onto the entity
        // nodes, not beside them: each phase has a peak of its own (the
        // clusters grow as the readings go; the edges as the aggregates
        // go), and at once they were the peak of the whole build.
        let clusters = events::cluster(pending, &ids);
        crate::util::trace::phase("events clustered");
        // The relations join entity nodes only; their aggregates
        // are freed chunk by chunk as the edges are made. Exports
        // read edges in id order through `KnowledgeGraph::edges`,
        // whatever order they were added in.
        let Relations { index, chunks } = relations;
        g.reserve_edges(index.len() + roles);
        drop(index);
        // Each variant's node, looked up once and not once per relation.
        let at: Vec<Option<(NodeIndex, Kind)>> = node_of
            .iter()
            .map(|id| {
                let ix = g.index_of(id)?;
                Some((ix, g.petgraph().node_weight(ix)?.kind))
            })
            .collect();
        for chunk in chunks {
            for agg in chunk {
                let (s, t, rel) = agg.key;
                let (Some(&Some((s, sk))), Some(&Some((t, tk)))) =
                    (at.get(s as usize), at.get(t as usize))
                else {
                    continue;
                };
                if s == t || !super::fits(rel, sk, tk) {
                    continue;
                }
                let docs = match agg.docs {
                    Some(docs) => docs
                        .iter()
                        .filter_map(|&n| folded.get(n as usize).copied())
                        .collect(),
                    None => agg.evidence.iter().map(|e| e.doc).collect(),
                };
                g.add_edges_at(s, t, rel, u64::from(agg.count), docs, agg.evidence);
            }
        }
        crate::util::trace::phase("relations added");
        events::make_nodes(&mut g, clusters, &ids);
        g.release_edge_index();
        crate::util::trace::phase("events merged");
        g
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, LocalEntity, LocalRelation, Span};
    use std::collections::BTreeSet;

    /// A document naming two people in `sentences` sentences, each a
    /// co-mention of them.
    fn doc(id: u64, sentences: usize) -> DocResult {
        let person = |name: &str| LocalEntity {
            kind: Kind::Person,
            name: name.to_string(),
            aliases: BTreeSet::new(),
            mentions: vec![0],
            roles: BTreeSet::new(),
            implied: false,
            team: false,
        };
        let relations = (0..sentences)
            .map(|s| LocalRelation {
                source: 0,
                target: 1,
                relation: Relation::CoMention,
                evidence: Evidence {
                    doc: DocId(id),
                    sentence: s as u32,
                    span: Span::new(0, 10).into(),
                    text: format!("Sentence {s} of document {id}.").into(),
                },
            })
            .collect();
        DocResult {
            id: DocId(id),
            meta: DocMeta::default(),
            entities: vec![person("Ana Ruiz"), person("Tom Okafor")],
            relations,
            events: Vec::new(),
            tokens: 0,
            alias_kinds: Vec::new(),
        }
    }

    fn build(ids: &[(u64, usize)]) -> KnowledgeGraph {
        let mut b = GraphBuilder::new(&AliasTable::default());
        for &(id, n) in ids {
            b.add(doc(id, n));
        }
        b.finish()
    }

    #[test]
    fn a_relation_read_more_often_than_its_evidence_keeps_every_document() {
        // Seven documents, one reading each, folded out of order: five
        // evidence records (the smallest), all seven documents.
        let g = build(&[(7, 1), (3, 1), (5, 1), (1, 1), (6, 1), (2, 1), (4, 1)]);
        let (_, _, e) = g.edges().next().expect("one edge");
        assert_eq!(e.count, 7);
        let docs: Vec<u64> = e.documents.iter().map(|d| d.0).collect();
        assert_eq!(docs, [1, 2, 3, 4, 5, 6, 7]);
        let ev: Vec<u64> = e.evidence.iter().map(|x| x.doc.0).collect();
        assert_eq!(ev, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn readings_within_one_document_and_repeated_documents() {
        // Document 9 read six times (one document, five records kept),
        // then two more documents; document 9 again counts once.
        let g = build(&[(9, 6), (8, 1), (9, 6), (10, 2)]);
        let (_, _, e) = g.edges().next().expect("one edge");
        assert_eq!(e.count, 9);
        let docs: Vec<u64> = e.documents.iter().map(|d| d.0).collect();
        assert_eq!(docs, [8, 9, 10]);
        assert_eq!(e.evidence.len(), EVIDENCE_PER_EDGE);
        assert_eq!(g.documents.len(), 3);
    }

    #[test]
    fn evidence_read_in_one_sentence_shares_its_text() {
        let mut r = doc(1, 1);
        let mut second = r.relations[0].clone();
        second.relation = Relation::MetWith;
        r.relations.push(second);
        let mut b = GraphBuilder::new(&AliasTable::default());
        b.add(r);
        let texts = kept_texts(&b);
        assert_eq!(texts.len(), 2);
        assert!(Arc::ptr_eq(texts[0], texts[1]));
    }

    /// The texts of every relation's kept evidence, in folding order.
    fn kept_texts(b: &GraphBuilder) -> Vec<&Arc<str>> {
        b.relations
            .chunks
            .iter()
            .flatten()
            .flat_map(|a| a.evidence.iter().map(|e| &e.text))
            .collect()
    }

    #[test]
    fn relations_past_one_chunk_keep_their_own_aggregates() {
        let mut r = Relations::default();
        let n = CHUNK as u32 + 10;
        for round in 0..2u32 {
            for i in 0..n {
                let a = r.entry((i, i + 1, Relation::CoMention));
                assert_eq!(a.key, (i, i + 1, Relation::CoMention));
                assert_eq!(a.count, round);
                a.count += 1;
            }
        }
        assert_eq!(r.len(), n as usize);
        assert_eq!(r.chunks.len(), 2);
        assert!(r.chunks.iter().flatten().all(|a| a.count == 2));
    }

    #[test]
    fn one_sentence_in_two_documents_is_one_text() {
        let mut b = GraphBuilder::new(&AliasTable::default());
        let mut a = doc(1, 1);
        let mut c = doc(2, 1);
        // Same words in two articles (a wire story run twice).
        for r in a.relations.iter_mut().chain(c.relations.iter_mut()) {
            r.evidence.text = "The same sentence, word for word.".into();
        }
        b.add(a);
        b.add(c);
        let texts = kept_texts(&b);
        assert_eq!(texts.len(), 2);
        assert!(Arc::ptr_eq(texts[0], texts[1]));
    }

    #[test]
    fn texts_no_evidence_keeps_are_let_go() {
        let mut t = Texts::default();
        let mut kept = Vec::new();
        for i in 0..3 * TEXTS_PURGE_MIN {
            let mut text: Arc<str> = format!("sentence {i}").into();
            t.share(&mut text);
            // One text in ten stays in use.
            if i % 10 == 0 {
                kept.push(text);
            }
        }
        assert!(
            t.set.len() < TEXTS_PURGE_MIN + kept.len(),
            "{}",
            t.set.len()
        );
        let mut again: Arc<str> = "sentence 0".into();
        t.share(&mut again);
        assert!(Arc::ptr_eq(&again, &kept[0]));
    }
}
