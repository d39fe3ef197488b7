//! The knowledge graph: a petgraph `StableDiGraph` plus `BTreeMap` indexes so
//! that every iteration (and so every export) is in id order, whatever order
//! documents were processed in.

use crate::model::{
    DocId, DocMeta, EventKind, EventStatus, Evidence, Kind, Quantity, Relation, Role, TimeValue,
};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// At most this many evidence records are kept per edge or event: the
/// smallest by (document, sentence, span), so the choice does not depend on
/// processing order and memory stays proportional to the graph.
pub const EVIDENCE_PER_EDGE: usize = 5;

/// The documents a node or edge was read in: a sorted list without
/// repeats. A set per node and per edge (a million edges, most read in one
/// document) must cost bytes, not the B-tree node a `BTreeSet` allocates,
/// and one document sits in place, without a heap block of its own. A
/// boxed slice, not a vector: sixteen bytes in place where a vector takes
/// 24, and never room past what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocSet(Docs);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Docs {
    One(DocId),
    Many(Box<[DocId]>),
}

impl DocSet {
    pub fn new() -> Self {
        Self::default()
    }

    fn as_slice(&self) -> &[DocId] {
        match &self.0 {
            Docs::One(d) => std::slice::from_ref(d),
            Docs::Many(v) => v,
        }
    }

    /// Adds one document; false if it was there. Each new document costs
    /// a copy of the list: for many at once, [`DocSet::from`] or `extend`.
    pub fn insert(&mut self, doc: DocId) -> bool {
        match &mut self.0 {
            Docs::Many(v) if v.is_empty() => {
                self.0 = Docs::One(doc);
                true
            }
            Docs::Many(v) => match v.binary_search(&doc) {
                Ok(_) => false,
                Err(pos) => {
                    let mut list = std::mem::take(v).into_vec();
                    list.reserve_exact(1);
                    list.insert(pos, doc);
                    self.0 = Docs::Many(list.into_boxed_slice());
                    true
                }
            },
            Docs::One(d) if *d == doc => false,
            Docs::One(d) => {
                let (a, b) = if *d < doc { (*d, doc) } else { (doc, *d) };
                self.0 = Docs::Many(Box::new([a, b]));
                true
            }
        }
    }

    pub fn contains(&self, doc: &DocId) -> bool {
        self.as_slice().binary_search(doc).is_ok()
    }

    /// In id order.
    pub fn iter(&self) -> std::slice::Iter<'_, DocId> {
        self.as_slice().iter()
    }

    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }
}

impl Extend<DocId> for DocSet {
    fn extend<I: IntoIterator<Item = DocId>>(&mut self, docs: I) {
        let mut v = match std::mem::take(&mut self.0) {
            Docs::One(d) => vec![d],
            Docs::Many(v) => v.into_vec(),
        };
        v.extend(docs);
        *self = DocSet::from(v);
    }
}

impl Default for Docs {
    fn default() -> Self {
        Docs::Many(Box::default())
    }
}

impl From<Vec<DocId>> for DocSet {
    fn from(mut docs: Vec<DocId>) -> Self {
        docs.sort_unstable();
        docs.dedup();
        match docs.as_slice() {
            [one] => DocSet(Docs::One(*one)),
            _ => DocSet(Docs::Many(docs.into_boxed_slice())),
        }
    }
}

impl FromIterator<DocId> for DocSet {
    fn from_iter<I: IntoIterator<Item = DocId>>(docs: I) -> Self {
        DocSet::from(docs.into_iter().collect::<Vec<_>>())
    }
}

impl<'a> IntoIterator for &'a DocSet {
    type Item = &'a DocId;
    type IntoIter = std::slice::Iter<'a, DocId>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// The evidence of an edge: the smallest few records, sorted, as
/// [`push_evidence`] keeps them. Most edges are read once, and their one
/// record sits in place, without a heap block of its own (millions of
/// edges). Reads as a slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceList(Kept);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kept {
    One(Evidence),
    Many(Vec<Evidence>),
}

impl Default for EvidenceList {
    fn default() -> Self {
        EvidenceList(Kept::Many(Vec::new()))
    }
}

impl EvidenceList {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a record, keeping the [`EVIDENCE_PER_EDGE`] smallest.
    pub fn push(&mut self, ev: Evidence) {
        match &mut self.0 {
            Kept::Many(v) if v.is_empty() => self.0 = Kept::One(ev),
            Kept::Many(v) => push_evidence(v, ev),
            Kept::One(e) if *e == ev => {}
            Kept::One(_) => {
                let Kept::One(first) = std::mem::replace(&mut self.0, Kept::Many(Vec::new()))
                else {
                    return;
                };
                let mut v = Vec::with_capacity(2);
                v.push(first);
                push_evidence(&mut v, ev);
                self.0 = Kept::Many(v);
            }
        }
    }
}

impl std::ops::Deref for EvidenceList {
    type Target = [Evidence];
    fn deref(&self) -> &[Evidence] {
        match &self.0 {
            Kept::One(e) => std::slice::from_ref(e),
            Kept::Many(v) => v,
        }
    }
}

impl<'a> IntoIterator for &'a EvidenceList {
    type Item = &'a Evidence;
    type IntoIter = std::slice::Iter<'a, Evidence>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl IntoIterator for EvidenceList {
    type Item = Evidence;
    type IntoIter = std::vec::IntoIter<Evidence>;
    fn into_iter(self) -> Self::IntoIter {
        match self.0 {
            Kept::One(e) => vec![e].into_iter(),
            Kept::Many(v) => v.into_iter(),
        }
    }
}

impl From<Vec<Evidence>> for EvidenceList {
    /// Any records: the smallest few are kept, as by [`push_evidence`].
    fn from(mut ev: Vec<Evidence>) -> Self {
        ev.sort_unstable();
        ev.dedup();
        ev.truncate(EVIDENCE_PER_EDGE);
        if ev.len() == 1
            && let Some(one) = ev.pop()
        {
            return EvidenceList(Kept::One(one));
        }
        ev.shrink_to_fit();
        EvidenceList(Kept::Many(ev))
    }
}

/// What an event node knows beyond an entity's fields.
#[derive(Debug, Clone, PartialEq)]
pub struct EventInfo {
    pub kind: EventKind,
    /// The most factual of its readings' statuses.
    pub status: EventStatus,
    pub time: Option<TimeValue>,
    pub time_text: Option<String>,
    /// Who acted, as the text describes them ("gunmen"), when no node is
    /// the agent.
    pub agent_text: Option<String>,
    pub quantities: Vec<Quantity>,
    pub evidence: Vec<Evidence>,
}

/// A node: one real-world entity or event.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Stable, NMTOKEN-safe id such as `person:donald-trump` (see [`slug`]).
    pub id: String,
    pub kind: Kind,
    pub label: String,
    /// Other surface forms, without `label`.
    pub aliases: BTreeSet<String>,
    pub mentions: u64,
    pub documents: DocSet,
    pub roles: BTreeSet<Role>,
    pub event: Option<EventInfo>,
}

impl Node {
    pub fn new(id: String, kind: Kind, label: String) -> Self {
        Node {
            id,
            kind,
            label,
            aliases: BTreeSet::new(),
            mentions: 0,
            documents: DocSet::new(),
            roles: BTreeSet::new(),
            event: None,
        }
    }
}

/// An edge: all occurrences of one relation between two nodes, aggregated.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub relation: Relation,
    /// How many times it was read (sentences), the edge weight. Four
    /// bytes, beside the relation in one word: eight bytes less in
    /// millions of edges (adding saturates; four billion readings of one
    /// relation is beyond any corpus held in memory).
    pub count: u32,
    pub documents: DocSet,
    /// The first [`EVIDENCE_PER_EDGE`] occurrences in (doc, sentence) order.
    pub evidence: EvidenceList,
}

/// The graph every exporter reads.
#[derive(Debug, Default, Clone)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Node, Edge>,
    nodes: BTreeMap<String, NodeIndex>,
    /// Every edge, found by (source, target, relation) through a hash of
    /// them: the table holds only edge indices (4 bytes each) and reads
    /// the key from the graph, where a map holding the key too took four
    /// times the room (over 100 MB at millions of edges). Only adding
    /// edges needs it: [`KnowledgeGraph::release_edge_index`] frees it
    /// once the graph is built, and the next edge added makes it again.
    edges: hashbrown::HashTable<EdgeIndex>,
    /// Edges in (source id, target id, relation) order, made when first
    /// asked for and forgotten on any change.
    edge_order: OnceLock<Vec<EdgeIndex>>,
    /// Every document that went into the graph, by id.
    pub documents: BTreeMap<DocId, DocMeta>,
    /// How many node labels were cut at [`crate::model::LABEL_CAP`].
    pub labels_capped: usize,
    /// Warnings about the user's alias file that only the text could show
    /// (a merge joining a person with a place), one line each, for the
    /// command to print.
    pub alias_warnings: Vec<String>,
}

impl KnowledgeGraph {
    pub fn new() -> Self {
        Self::default()
    }

    /// The underlying petgraph, for algorithms (degree, components, paths).
    /// Its node and edge indices follow no particular order: iterate with
    /// [`KnowledgeGraph::nodes`] and [`KnowledgeGraph::edges`] for id order.
    pub fn petgraph(&self) -> &StableDiGraph<Node, Edge> {
        &self.graph
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id).map(|&ix| &self.graph[ix])
    }

    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        match self.nodes.get(id) {
            Some(&ix) => Some(&mut self.graph[ix]),
            None => None,
        }
    }

    /// Nodes in id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> + '_ {
        self.nodes.values().map(move |&ix| &self.graph[ix])
    }

    /// Edges in (source id, target id, relation) order.
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> + '_ {
        let order = self.edge_order.get_or_init(|| {
            // Rank nodes by id once; then each node's outgoing edges, in
            // node order, sorted by target rank and relation. Sorting every
            // edge at once took a 16-byte key per edge (tens of MB at
            // millions of edges, while the exporters run).
            let bound = self
                .nodes
                .values()
                .map(|ix| ix.index() + 1)
                .max()
                .unwrap_or(0);
            let mut rank = vec![u32::MAX; bound];
            for (r, &ix) in self.nodes.values().enumerate() {
                if let Some(slot) = rank.get_mut(ix.index()) {
                    *slot = r as u32;
                }
            }
            let at = |ix: NodeIndex| rank.get(ix.index()).copied().unwrap_or(u32::MAX);
            let mut order = Vec::with_capacity(self.graph.edge_count());
            let mut out: Vec<(u32, Relation, EdgeIndex)> = Vec::new();
            for &ix in self.nodes.values() {
                out.clear();
                out.extend(
                    self.graph
                        .edges_directed(ix, petgraph::Direction::Outgoing)
                        .map(|e| (at(e.target()), e.weight().relation, e.id())),
                );
                out.sort_unstable_by_key(|&(t, r, _)| (t, r));
                order.extend(out.iter().map(|&(_, _, ex)| ex));
            }
            order
        });
        order.iter().filter_map(move |&ex| {
            let (a, b) = self.graph.edge_endpoints(ex)?;
            Some((&self.graph[a], &self.graph[b], &self.graph[ex]))
        })
    }

    /// Room for `additional` more nodes, exactly: the node storage grows
    /// by doubling otherwise, and at half a million events (nodes of about
    /// 300 bytes) the unused half and the copy made while growing were
    /// each over 100 MB.
    pub fn reserve_nodes(&mut self, additional: usize) {
        self.graph.reserve_exact_nodes(additional);
    }

    /// Makes room for `additional` more edges at once: the edge storage
    /// then grows to what is needed, not by doubling past it (at millions
    /// of edges, the unused half was hundreds of megabytes).
    pub fn reserve_edges(&mut self, additional: usize) {
        self.graph.reserve_exact_edges(additional);
        self.index_edges();
        let graph = &self.graph;
        self.edges
            .reserve(additional, |&ex| edge_key_hash(graph, ex));
    }

    /// Inserts the node, or returns the existing one with that id.
    pub fn upsert_node(&mut self, id: &str, kind: Kind, label: &str) -> &mut Node {
        let ix = match self.nodes.get(id) {
            Some(&ix) => ix,
            None => {
                let label = if label.len() > crate::model::LABEL_CAP {
                    self.labels_capped += 1;
                    crate::model::cap_text(label, crate::model::LABEL_CAP)
                } else {
                    label.to_string()
                };
                let ix = self.graph.add_node(Node::new(id.to_string(), kind, label));
                self.nodes.insert(id.to_string(), ix);
                self.edge_order.take();
                ix
            }
        };
        &mut self.graph[ix]
    }

    /// Adds one occurrence of `relation` from `source` to `target`. Returns
    /// false (and adds nothing) when either node is missing or they are the
    /// same node.
    pub fn add_edge(
        &mut self,
        source: &str,
        target: &str,
        relation: Relation,
        evidence: Evidence,
    ) -> bool {
        let doc = evidence.doc;
        let (Some(&a), Some(&b)) = (self.nodes.get(source), self.nodes.get(target)) else {
            return false;
        };
        self.add_edges_at(
            a,
            b,
            relation,
            1,
            DocSet(Docs::One(doc)),
            EvidenceList(Kept::One(evidence)),
        )
    }

    /// Adds `count` occurrences of `relation` from `source` to `target`,
    /// read in `documents` (any order, repeats allowed), with their
    /// evidence (of which the smallest [`EVIDENCE_PER_EDGE`] are kept).
    /// Returns false (and adds nothing) when either node is missing or
    /// they are the same node.
    pub fn add_edges(
        &mut self,
        source: &str,
        target: &str,
        relation: Relation,
        count: u64,
        documents: Vec<DocId>,
        evidence: Vec<Evidence>,
    ) -> bool {
        let (Some(&a), Some(&b)) = (self.nodes.get(source), self.nodes.get(target)) else {
            return false;
        };
        self.add_edges_at(
            a,
            b,
            relation,
            count,
            DocSet::from(documents),
            EvidenceList::from(evidence),
        )
    }

    /// The petgraph index of the node with this id.
    pub fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(id).copied()
    }

    /// [`KnowledgeGraph::add_edges`] between nodes given by index (see
    /// [`KnowledgeGraph::index_of`]), for callers adding millions of edges
    /// between a few nodes: each id lookup is a walk down a B-tree of
    /// strings.
    pub fn add_edges_at(
        &mut self,
        a: NodeIndex,
        b: NodeIndex,
        relation: Relation,
        count: u64,
        documents: DocSet,
        evidence: EvidenceList,
    ) -> bool {
        if a == b || self.graph.node_weight(a).is_none() || self.graph.node_weight(b).is_none() {
            return false;
        }
        self.index_edges();
        let hash = key_hash(a, b, relation);
        let graph = &self.graph;
        let found = self
            .edges
            .find(hash, |&ex| {
                graph.edge_endpoints(ex) == Some((a, b))
                    && graph
                        .edge_weight(ex)
                        .is_some_and(|e| e.relation == relation)
            })
            .copied();
        match found {
            Some(ex) => {
                let edge = &mut self.graph[ex];
                edge.count = edge.count.saturating_add(saturate(count));
                edge.documents.extend(documents.iter().copied());
                for ev in evidence {
                    edge.evidence.push(ev);
                }
            }
            None => {
                let ex = self.graph.add_edge(
                    a,
                    b,
                    Edge {
                        relation,
                        count: saturate(count),
                        documents,
                        evidence,
                    },
                );
                let graph = &self.graph;
                self.edges
                    .insert_unique(hash, ex, |&x| edge_key_hash(graph, x));
                self.edge_order.take();
            }
        }
        true
    }

    /// Frees the index that finding an edge by its ends and relation uses
    /// (tens of MB at millions of edges), for a graph that is built: the
    /// exporters never look an edge up. Adding an edge makes it again.
    pub fn release_edge_index(&mut self) {
        self.edges = hashbrown::HashTable::new();
    }

    /// Makes the edge index whole if it was released.
    fn index_edges(&mut self) {
        if self.edges.len() == self.graph.edge_count() {
            return;
        }
        let graph = &self.graph;
        let mut table = hashbrown::HashTable::with_capacity(graph.edge_count());
        for ex in graph.edge_indices() {
            table.insert_unique(edge_key_hash(graph, ex), ex, |&x| edge_key_hash(graph, x));
        }
        self.edges = table;
    }

    /// Removes a node and its edges (used by the user's alias file "drop").
    pub fn remove_node(&mut self, id: &str) -> Option<Node> {
        let ix = self.nodes.remove(id)?;
        let graph = &self.graph;
        self.edges.retain(|&mut ex| {
            graph
                .edge_endpoints(ex)
                .is_some_and(|(s, t)| s != ix && t != ix)
        });
        self.edge_order.take();
        self.graph.remove_node(ix)
    }

    /// Number of nodes of each kind, for the summary.
    pub fn kind_counts(&self) -> BTreeMap<Kind, usize> {
        let mut m = BTreeMap::new();
        for n in self.nodes() {
            *m.entry(n.kind).or_insert(0) += 1;
        }
        m
    }
}

fn saturate(count: u64) -> u32 {
    u32::try_from(count).unwrap_or(u32::MAX)
}

/// The hash an edge is found by.
fn key_hash(a: NodeIndex, b: NodeIndex, relation: Relation) -> u64 {
    use crate::util::hash::{finish, mix};
    finish(mix(
        mix(a.index() as u64, b.index() as u64),
        relation as u64,
    ))
}

/// [`key_hash`] of an edge in `graph`.
fn edge_key_hash(graph: &StableDiGraph<Node, Edge>, ex: EdgeIndex) -> u64 {
    match (graph.edge_endpoints(ex), graph.edge_weight(ex)) {
        (Some((a, b)), Some(e)) => key_hash(a, b, e.relation),
        _ => 0,
    }
}

/// Keeps the `EVIDENCE_PER_EDGE` smallest records, sorted and without
/// duplicates, so the result is independent of insertion order.
pub fn push_evidence(list: &mut Vec<Evidence>, ev: Evidence) {
    match list.binary_search(&ev) {
        Ok(_) => {}
        Err(pos) => {
            if pos < EVIDENCE_PER_EDGE {
                // Most edges are read once: room for exactly what is kept
                // (a doubling vector would hold four records for one).
                if list.len() == list.capacity() && list.len() < EVIDENCE_PER_EDGE {
                    list.reserve_exact(1);
                }
                list.insert(pos, ev);
                list.truncate(EVIDENCE_PER_EDGE);
            }
        }
    }
}

/// Longest slug kept before a hash suffix replaces the rest.
const SLUG_CAP: usize = 64;

/// A stable node id `kind:slug` from a kind and a normalised name: lowercase
/// ASCII letters and digits, common Latin accents folded, other characters
/// as `uXXXX`, runs of anything else as one `-`. Always an XML NMTOKEN and
/// safe in an IRI path.
pub fn slug(kind: Kind, name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    let mut dash = false;
    for c in name.chars() {
        let folded = fold_char(c);
        match folded {
            Some(f) => {
                if dash && !s.is_empty() {
                    s.push('-');
                }
                dash = false;
                s.push_str(f);
            }
            None if c.is_alphanumeric() => {
                if dash && !s.is_empty() {
                    s.push('-');
                }
                dash = false;
                s.push_str(&format!("u{:04x}", c as u32));
            }
            None => dash = true,
        }
    }
    if s.is_empty() {
        s.push('x');
    }
    if s.len() > SLUG_CAP {
        let h = crate::model::DocId::from_text(name);
        s.truncate(SLUG_CAP);
        s.push('-');
        s.push_str(&h.hex()[..8]);
    }
    format!("{}:{}", kind.as_str(), s)
}

/// Lowercase ASCII for letters and digits, with Latin-1 and Latin
/// Extended-A accents folded (so "Müller" and "Muller" share an id).
fn fold_char(c: char) -> Option<&'static str> {
    const ASCII: [&str; 128] = {
        let mut t = [""; 128];
        let lower = [
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q",
            "r", "s", "t", "u", "v", "w", "x", "y", "z",
        ];
        let digits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        let mut i = 0;
        while i < 26 {
            t[b'a' as usize + i] = lower[i];
            t[b'A' as usize + i] = lower[i];
            i += 1;
        }
        let mut d = 0;
        while d < 10 {
            t[b'0' as usize + d] = digits[d];
            d += 1;
        }
        t
    };
    if c.is_ascii() {
        let f = ASCII[c as usize];
        return if f.is_empty() { None } else { Some(f) };
    }
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ň' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź'..='ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    fn ev(doc: u64, sentence: usize) -> Evidence {
        Evidence {
            doc: DocId(doc),
            sentence: sentence as u32,
            span: Span::new(0, 1).into(),
            text: "x".into(),
        }
    }

    #[test]
    fn doc_sets_stay_sorted_without_repeats_however_filled() {
        let mut a = DocSet::new();
        assert!(a.insert(DocId(9)));
        assert!(a.insert(DocId(2)));
        assert!(!a.insert(DocId(9)));
        a.extend([DocId(5), DocId(2), DocId(1)]);
        let got: Vec<u64> = a.iter().map(|d| d.0).collect();
        assert_eq!(got, [1, 2, 5, 9]);
        assert!(a.contains(&DocId(5)) && !a.contains(&DocId(3)));
        let b: DocSet = [DocId(9), DocId(1), DocId(5), DocId(2), DocId(5)]
            .into_iter()
            .collect();
        assert_eq!(a, b);
    }

    #[test]
    fn edges_added_after_the_index_is_released_still_merge() {
        let mut g = KnowledgeGraph::new();
        for id in ["person:a", "person:b", "person:c"] {
            g.upsert_node(id, Kind::Person, id);
        }
        assert!(g.add_edge("person:a", "person:b", Relation::MetWith, ev(1, 0)));
        assert!(g.add_edge("person:b", "person:c", Relation::MetWith, ev(1, 1)));
        g.release_edge_index();
        assert_eq!(g.edge_count(), 2);
        // The same relation again: one edge read twice, not a second edge.
        assert!(g.add_edge("person:a", "person:b", Relation::MetWith, ev(2, 0)));
        assert!(g.add_edge("person:a", "person:c", Relation::MetWith, ev(2, 1)));
        g.release_edge_index();
        g.remove_node("person:c");
        assert!(g.add_edge("person:b", "person:a", Relation::MetWith, ev(3, 0)));
        assert!(g.add_edge("person:a", "person:b", Relation::MetWith, ev(3, 1)));
        let got: Vec<(&str, &str, u32, usize)> = g
            .edges()
            .map(|(s, t, e)| (s.id.as_str(), t.id.as_str(), e.count, e.documents.len()))
            .collect();
        assert_eq!(
            got,
            [
                ("person:a", "person:b", 3, 3),
                ("person:b", "person:a", 1, 1)
            ]
        );
    }

    #[test]
    fn records_held_by_the_million_stay_small() {
        use std::mem::size_of;
        // Each byte here is megabytes at a gigabyte of text (3.8 million
        // edges, 8 million evidence records).
        assert!(size_of::<Evidence>() <= 40, "{}", size_of::<Evidence>());
        assert!(size_of::<DocSet>() <= 16, "{}", size_of::<DocSet>());
        assert!(size_of::<Edge>() <= 64, "{}", size_of::<Edge>());
        assert_eq!(size_of::<Option<Edge>>(), size_of::<Edge>());
    }

    #[test]
    fn slugs_are_nmtokens_and_fold_variants() {
        assert_eq!(slug(Kind::Person, "Ana Lopez"), "person:ana-lopez");
        assert_eq!(slug(Kind::Person, "José Müller"), "person:jose-muller");
        assert_eq!(slug(Kind::Place, "  São Paulo!! "), "place:sao-paulo");
        assert_eq!(slug(Kind::Group, "北京"), "group:u5317u4eac");
        assert_eq!(slug(Kind::Group, "???"), "group:x");
        let long = "a ".repeat(200);
        let s = slug(Kind::Group, &long);
        assert!(s.len() < 90, "{s}");
        for s in [
            slug(Kind::Person, "O'Brien & <Co> \"x\" / # 😀"),
            slug(Kind::Event, "a\u{0}b\tc"),
        ] {
            assert!(
                s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c)),
                "{s}"
            );
        }
    }

    #[test]
    fn doc_sets_and_evidence_lists_read_the_same_held_in_place_or_not() {
        let mut d = DocSet::new();
        assert!(d.is_empty());
        assert!(d.insert(DocId(9)));
        assert!(!d.insert(DocId(9)));
        assert!(d.insert(DocId(3)));
        d.extend([DocId(5), DocId(3)]);
        let got: Vec<u64> = d.iter().map(|x| x.0).collect();
        assert_eq!(got, [3, 5, 9]);
        assert!(d.contains(&DocId(5)) && !d.contains(&DocId(4)));
        assert_eq!(DocSet::from(vec![DocId(2), DocId(2)]).len(), 1);

        let ev = |doc: u64, sentence: usize| Evidence {
            doc: DocId(doc),
            sentence: sentence as u32,
            span: Span::new(0, 1).into(),
            text: "x".into(),
        };
        let mut l = EvidenceList::new();
        l.push(ev(4, 0));
        l.push(ev(4, 0));
        assert_eq!(l.len(), 1);
        for i in (0..8).rev() {
            l.push(ev(1, i));
        }
        let got: Vec<u32> = l.iter().map(|e| e.sentence).collect();
        assert_eq!(got, [0, 1, 2, 3, 4]);
        let from = EvidenceList::from((0..8).rev().map(|i| ev(1, i)).collect::<Vec<_>>());
        assert_eq!(from, l);
        assert_eq!(EvidenceList::from(vec![ev(2, 1), ev(2, 1)]).len(), 1);
    }

    #[test]
    fn edges_aggregate_and_keep_sorted_capped_evidence() {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("person:a", Kind::Person, "A");
        g.upsert_node("place:b", Kind::Place, "B");
        for s in (0..10).rev() {
            assert!(g.add_edge("person:a", "place:b", Relation::CoMention, ev(0xd1, s)));
        }
        assert!(!g.add_edge("person:a", "person:a", Relation::CoMention, ev(0xd1, 0)));
        assert!(!g.add_edge("person:a", "place:zz", Relation::CoMention, ev(0xd1, 0)));
        let edges: Vec<_> = g.edges().collect();
        assert_eq!(edges.len(), 1);
        let e = edges[0].2;
        assert_eq!(e.count, 10);
        assert_eq!(e.evidence.len(), EVIDENCE_PER_EDGE);
        assert_eq!(e.evidence[0].sentence, 0);
        assert_eq!(e.evidence[4].sentence, 4);
    }

    #[test]
    fn iteration_is_in_id_order_whatever_the_insertion_order() {
        let mut g1 = KnowledgeGraph::new();
        let mut g2 = KnowledgeGraph::new();
        for id in ["place:c", "person:a", "group:b"] {
            g1.upsert_node(id, Kind::Place, id);
        }
        for id in ["group:b", "place:c", "person:a"] {
            g2.upsert_node(id, Kind::Place, id);
        }
        let a: Vec<_> = g1.nodes().map(|n| n.id.clone()).collect();
        let b: Vec<_> = g2.nodes().map(|n| n.id.clone()).collect();
        assert_eq!(a, b);
        assert_eq!(a, ["group:b", "person:a", "place:c"]);
        g1.remove_node("person:a");
        assert_eq!(g1.node_count(), 2);
    }
}
