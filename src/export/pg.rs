//! The property-graph shape shared by the CSV folder, the Cypher script
//! and the loader scripts: node labels, relationship types, the typed
//! properties of each node kind and of edges, and their values.
//!
//! A node is labelled by its kind (`Person`, `Group`, `Place`, `Event`)
//! and keyed by its own id (`id`); an edge's type is its relation
//! (`co_mention`, `located_in`, …). Properties are those of the GraphML
//! file under the same names (the label is `name`, as labels mean node
//! labels here), lists kept as the same JSON strings. Event quantities
//! that state a change (`from 5,200 to 3,000`) are also two number lists,
//! `change_from` and `change_to`, so that a query reads every change
//! without parsing JSON; in CSV they are `;`-joined text, turned into
//! lists by the Kùzu, FalkorDB and Memgraph loaders (Neo4j's importer
//! keeps them as text: the same header cannot type a list for both Neo4j
//! and Kùzu).

use super::escape::{evidence_json, json_list};
use super::{ExportOptions, IriWriter, KindStyle, node_size, write_docs};
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{Kind, Relation};
use std::collections::BTreeSet;
use std::io;

/// The node label of a kind.
pub(crate) fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "Person",
        Kind::Group => "Group",
        Kind::Place => "Place",
        Kind::Event => "Event",
    }
}

/// A property's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    Str,
    Int,
    Double,
    Bool,
    /// A list of numbers (`;`-joined text in CSV).
    Numbers,
}

impl Ty {
    /// The type in a neo4j-admin CSV header (also read by Kùzu).
    pub(crate) fn neo4j(self) -> &'static str {
        match self {
            Ty::Str | Ty::Numbers => "string",
            Ty::Int => "int",
            Ty::Double => "double",
            Ty::Bool => "boolean",
        }
    }

    /// The column type in a Kùzu table.
    pub(crate) fn kuzu(self) -> &'static str {
        match self {
            Ty::Str => "STRING",
            Ty::Int => "INT64",
            Ty::Double => "DOUBLE",
            Ty::Bool => "BOOLEAN",
            Ty::Numbers => "DOUBLE[]",
        }
    }
}

/// A property: its key and type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Col {
    pub key: &'static str,
    pub ty: Ty,
}

const fn col(key: &'static str, ty: Ty) -> Col {
    Col { key, ty }
}

/// Every node's properties after `id`, in the order written.
const NODE: &[Col] = &[
    col("name", Ty::Str),
    col("kind", Ty::Str),
    col("mentions", Ty::Int),
    col("documents", Ty::Str),
    col("aliases", Ty::Str),
    col("roles", Ty::Str),
    col("iri", Ty::Str),
    col("color", Ty::Str),
    col("size", Ty::Double),
];

/// An event's properties after [`NODE`]'s.
const EVENT: &[Col] = &[
    col("event_type", Ty::Str),
    col("status", Ty::Str),
    col("start", Ty::Str),
    col("end", Ty::Str),
    col("time_text", Ty::Str),
    col("agent_text", Ty::Str),
    col("quantities", Ty::Str),
    col("quantity_value", Ty::Double),
    col("quantity_from", Ty::Double),
    col("quantity_to", Ty::Double),
    col("quantity_unit", Ty::Str),
    col("change_from", Ty::Numbers),
    col("change_to", Ty::Numbers),
    col("evidence", Ty::Str),
];

/// Every edge's properties, in the order written.
pub(crate) const EDGE: &[Col] = &[
    col("relation", Ty::Str),
    col("typed", Ty::Bool),
    col("weight", Ty::Double),
    col("documents", Ty::Str),
    col("evidence", Ty::Str),
    col("edge_id", Ty::Str),
];

/// The properties of a node of `kind`, after `id`.
pub(crate) fn node_cols(kind: Kind) -> impl Iterator<Item = &'static Col> {
    let event: &[Col] = if kind == Kind::Event { EVENT } else { &[] };
    NODE.iter().chain(event)
}

/// A property's value; `Absent` is written as nothing (an empty CSV
/// field, no key in Cypher), which every database reads as null.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Val<'a> {
    Str(&'a str),
    Int(u64),
    /// Finite (non-finite numbers are `Absent`).
    Double(f64),
    Bool(bool),
    /// Finite numbers, at least one.
    Numbers(&'a [f64]),
    Absent,
}

/// The node labels and (relation, source kind, target kind) triples a
/// graph has, in a fixed order: one CSV file and one table each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Tables {
    pub kinds: BTreeSet<Kind>,
    pub rels: BTreeSet<(Relation, Kind, Kind)>,
}

impl Tables {
    pub(crate) fn of(graph: &KnowledgeGraph) -> Tables {
        let mut t = Tables::default();
        for n in graph.nodes() {
            t.kinds.insert(n.kind);
            if t.kinds.len() == Kind::ALL.len() {
                break;
            }
        }
        for (s, d, e) in graph.edges() {
            t.rels.insert((e.relation, s.kind, d.kind));
        }
        t
    }
}

/// Builds the values of nodes and edges, one at a time, into buffers it
/// keeps: each is handed to a callback and then overwritten, so that a
/// writer streams a row without building it.
pub(crate) struct Values {
    iris: IriWriter,
    text: Vec<u8>,
    numbers: Vec<f64>,
}

/// What receives each property with its value, in column order.
pub(crate) type Emit<'e> = dyn FnMut(&Col, Val<'_>) -> io::Result<()> + 'e;

impl Values {
    pub(crate) fn new(options: &ExportOptions) -> Values {
        Values {
            iris: IriWriter::new(options, |s| s.as_bytes().to_vec()),
            text: Vec::new(),
            numbers: Vec::new(),
        }
    }

    /// The text built in the buffer (all writers put UTF-8 there).
    fn text(&self) -> &str {
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The properties of `n`, in the order of [`node_cols`].
    pub(crate) fn node(&mut self, n: &Node, emit: &mut Emit<'_>) -> io::Result<()> {
        let mut cols = node_cols(n.kind);
        let mut next = || cols.next().copied().unwrap_or(col("", Ty::Str));
        emit(&next(), Val::Str(&n.label))?;
        emit(&next(), Val::Str(n.kind.as_str()))?;
        emit(&next(), Val::Int(n.mentions.min(i32::MAX as u64)))?;
        self.text.clear();
        write_docs(&mut self.text, &n.documents, usize::MAX)?;
        emit(&next(), Val::Str(self.text()))?;
        self.text.clear();
        json_list(&mut self.text, n.aliases.iter())?;
        emit(&next(), Val::Str(self.text()))?;
        self.text.clear();
        if !n.roles.is_empty() {
            json_list(&mut self.text, n.roles.iter().map(|r| r.to_string()))?;
        }
        emit(&next(), self.str_or_absent())?;
        self.text.clear();
        self.iris.node(&mut self.text, &n.id)?;
        emit(&next(), Val::Str(self.text()))?;
        emit(&next(), Val::Str(&KindStyle::of(n.kind).hex()))?;
        let size = (node_size(n.mentions) * 1000.0).round() / 1000.0;
        emit(&next(), Val::Double(size))?;
        if n.kind == Kind::Event {
            self.event(n, &mut next, emit)?;
        }
        Ok(())
    }

    /// The properties of [`EVENT`] (all absent on an event node without
    /// event information).
    fn event(
        &mut self,
        n: &Node,
        next: &mut dyn FnMut() -> Col,
        emit: &mut Emit<'_>,
    ) -> io::Result<()> {
        let ev = n.event.as_ref();
        let time = ev.and_then(|e| e.time.as_ref());
        emit(&next(), opt(ev.map(|e| e.kind.as_str())))?;
        emit(&next(), opt(ev.map(|e| e.status.as_str())))?;
        emit(&next(), opt(time.map(|t| t.start.as_str())))?;
        emit(&next(), opt(time.and_then(|t| t.end.as_deref())))?;
        let time_text = ev.and_then(|e| e.time_text.as_ref().or(e.time.as_ref().map(|t| &t.text)));
        emit(&next(), opt(time_text.map(String::as_str)))?;
        emit(&next(), opt(ev.and_then(|e| e.agent_text.as_deref())))?;
        let quantities = ev.map_or(&[][..], |e| e.quantities.as_slice());
        self.text.clear();
        if !quantities.is_empty() {
            serde_json::to_writer(&mut self.text, quantities)?;
        }
        emit(&next(), self.str_or_absent())?;
        let first = quantities.first();
        for v in [
            first.and_then(|q| q.value),
            first.and_then(|q| q.from),
            first.and_then(|q| q.to),
        ] {
            emit(&next(), double(v))?;
        }
        emit(&next(), opt(first.map(|q| q.unit.as_str())))?;
        // Changes: quantities giving both ends, as two parallel lists.
        let changes = || {
            quantities.iter().filter_map(|q| match (q.from, q.to) {
                (Some(a), Some(b)) if a.is_finite() && b.is_finite() => Some((a, b)),
                _ => None,
            })
        };
        for end in [0, 1] {
            self.numbers.clear();
            self.numbers
                .extend(changes().map(|(a, b)| if end == 0 { a } else { b }));
            let v = if self.numbers.is_empty() {
                Val::Absent
            } else {
                Val::Numbers(&self.numbers)
            };
            emit(&next(), v)?;
        }
        self.text.clear();
        if let Some(e) = ev.filter(|e| !e.evidence.is_empty()) {
            evidence_json(&mut self.text, &e.evidence)?;
        }
        emit(&next(), self.str_or_absent())
    }

    /// The properties of edge number `index` (in [`KnowledgeGraph::edges`]
    /// order, as GraphML numbers them), in the order of [`EDGE`].
    pub(crate) fn edge(&mut self, index: usize, e: &Edge, emit: &mut Emit<'_>) -> io::Result<()> {
        let [relation, typed, weight, documents, evidence, edge_id] =
            [0, 1, 2, 3, 4, 5].map(|i| EDGE.get(i).copied().unwrap_or(col("", Ty::Str)));
        emit(&relation, Val::Str(e.relation.as_str()))?;
        emit(&typed, Val::Bool(e.relation.is_typed()))?;
        emit(&weight, Val::Double(f64::from(e.count)))?;
        self.text.clear();
        write_docs(&mut self.text, &e.documents, usize::MAX)?;
        emit(&documents, Val::Str(self.text()))?;
        self.text.clear();
        evidence_json(&mut self.text, &e.evidence)?;
        emit(&evidence, Val::Str(self.text()))?;
        self.text.clear();
        self.text.push(b'e');
        self.text
            .extend_from_slice(itoa::Buffer::new().format(index).as_bytes());
        emit(&edge_id, Val::Str(self.text()))
    }

    /// The buffer's text, or `Absent` when it is empty.
    fn str_or_absent(&self) -> Val<'_> {
        if self.text.is_empty() {
            Val::Absent
        } else {
            Val::Str(self.text())
        }
    }
}

/// Text, `Absent` when missing.
fn opt(s: Option<&str>) -> Val<'_> {
    s.map_or(Val::Absent, Val::Str)
}

/// A number, `Absent` when missing or not finite (no database reads the
/// same spelling of infinity or NaN).
fn double(v: Option<f64>) -> Val<'static> {
    v.filter(|v| v.is_finite()).map_or(Val::Absent, Val::Double)
}

/// Writes a finite number so that every database reads it back exactly:
/// Rust's shortest round-trip form, with `.0` on whole numbers.
pub(crate) fn write_double<W: io::Write + ?Sized>(w: &mut W, v: f64) -> io::Result<()> {
    write!(w, "{v:?}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::EventInfo;
    use crate::model::{Approx, EventKind, Quantity, TimeValue};

    fn quantity(value: Option<f64>, from: Option<f64>, to: Option<f64>) -> Quantity {
        Quantity {
            value,
            from,
            to,
            unit: "troops".into(),
            approx: Approx::Exact,
            as_of: None,
            text: String::new(),
        }
    }

    /// Collects (key, value as text) pairs.
    fn row(f: impl FnOnce(&mut Values, &mut Emit<'_>) -> io::Result<()>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut values = Values::new(&ExportOptions::default());
        let mut emit = |c: &Col, v: Val<'_>| {
            out.push((c.key.to_string(), format!("{v:?}")));
            Ok(())
        };
        f(&mut values, &mut emit).expect("in memory");
        out
    }

    #[test]
    fn every_column_gets_one_value_in_order() {
        let mut g = KnowledgeGraph::new();
        let n = g.upsert_node("event:cut", Kind::Event, "cut");
        n.event = Some(EventInfo {
            status: crate::model::EventStatus::Happened,
            kind: EventKind::Reduction,
            time: Some(TimeValue {
                start: "2020-09".into(),
                end: None,
                text: "in September".into(),
            }),
            time_text: None,
            agent_text: None,
            quantities: vec![
                quantity(Some(0.5), None, None),
                quantity(None, Some(5.0), Some(3.0)),
                quantity(None, Some(9.0), None),
                quantity(None, Some(8.0), Some(f64::NAN)),
                quantity(None, Some(7.0), Some(2.0)),
            ],
            evidence: vec![],
        });
        let node = g.node("event:cut").cloned().expect("node");
        let got = row(|v, e| v.node(&node, e));
        let keys: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
        let want: Vec<&str> = node_cols(Kind::Event).map(|c| c.key).collect();
        assert_eq!(keys, want);
        let get = |k: &str| {
            got.iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("change_from"), Some("Numbers([5.0, 7.0])"));
        assert_eq!(get("change_to"), Some("Numbers([3.0, 2.0])"));
        assert_eq!(get("quantity_value"), Some("Double(0.5)"));
        assert_eq!(get("quantity_from"), Some("Absent"));
        assert_eq!(get("end"), Some("Absent"));
        assert_eq!(get("time_text"), Some("Str(\"in September\")"));
        assert_eq!(get("roles"), Some("Absent"));

        let person = Node::new("person:a".into(), Kind::Person, "A".into());
        let got = row(|v, e| v.node(&person, e));
        assert_eq!(got.len(), node_cols(Kind::Person).count());
        assert_eq!(got[0], ("name".into(), "Str(\"A\")".into()));
    }

    #[test]
    fn tables_list_the_kinds_and_typed_pairs_present() {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("person:a", Kind::Person, "A");
        g.upsert_node("place:b", Kind::Place, "B");
        let ev = crate::model::Evidence {
            doc: crate::model::DocId(1),
            sentence: 0,
            span: crate::model::Span::new(0, 1).into(),
            text: "A in B".into(),
        };
        g.add_edge("person:a", "place:b", Relation::CoMention, ev.clone());
        g.add_edge("place:b", "person:a", Relation::NationalityOf, ev);
        let t = Tables::of(&g);
        assert_eq!(
            t.kinds.into_iter().collect::<Vec<_>>(),
            [Kind::Person, Kind::Place]
        );
        assert_eq!(
            t.rels.into_iter().collect::<Vec<_>>(),
            [
                (Relation::CoMention, Kind::Person, Kind::Place),
                (Relation::NationalityOf, Kind::Place, Kind::Person)
            ]
        );
    }
}
