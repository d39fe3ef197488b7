//! JSON-LD 1.1 for RDF stores and graph databases (Oxigraph, rdflib, PyLD,
//! Neo4j's RDF importer).
//!
//! The `@context` is inline (a remote context fails offline and makes the
//! reader fetch from the network). Terms are schema.org under
//! `http://schema.org/`, the namespace schema.org's own context uses, so our
//! triples join other schema.org data in a store; what schema.org lacks is
//! in the fixed vocabulary [`VOCAB`] (prefix `ng:`), which does not move
//! with `--base-iri`, so queries work on every export. Minted IRIs
//! (entities, events, documents, relation nodes) are under the base IRI.
//!
//! - Entities: `Person`, `Organization` (our groups), `Place`, `Event`, with
//!   `name` and `alternateName`; events add `startDate`/`endDate` typed
//!   `xsd:date`, `xsd:gYearMonth` or `xsd:gYear` by precision, `location`,
//!   `organizer` (agent role) and `attendee` (participant and target
//!   roles), and `ng:quantity` → `QuantitativeValue`.
//! - Documents: `NewsArticle` with `headline`, `datePublished`, `url` and
//!   `mentions` → every node read in it.
//! - Every edge, co-mentions included, is a relation node typed
//!   `rdf:Statement` and `ng:Relation`: `rdf:subject`, `rdf:predicate`
//!   (`ng:<relation>`), `rdf:object`, `ng:weight` (the count, an integer),
//!   `prov:wasDerivedFrom` → the documents, and `ng:evidence` (sentence,
//!   byte span, text). Typed relations are also direct triples
//!   `subject ng:<relation> object`; co-mentions are not, as they assert
//!   nothing about the world.
//!
//! Text goes through serde_json, which escapes it; nothing is hand-escaped.

use super::{DatePrecision, ExportOptions, percent_encode_into};
use crate::graph::{KnowledgeGraph, Node};
use crate::model::{Approx, DocId, DocMeta, Evidence, Kind, Quantity, Relation};
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The newsgraph vocabulary: relation names and what schema.org lacks.
pub const VOCAB: &str = "https://newsgraph.example/vocab#";
/// schema.org, in the namespace its own JSON-LD context maps terms to.
pub const SCHEMA: &str = "http://schema.org/";

/// The inline `@context` shared by every file.
pub fn context() -> Value {
    let id = |iri: &str| json!({"@id": iri, "@type": "@id"});
    let double = |iri: &str| json!({"@id": iri, "@type": "xsd:double"});
    let mut m = Map::new();
    m.insert("@version".into(), json!(1.1));
    let terms: [(&str, Value); 50] = [
        ("schema", SCHEMA.into()),
        ("ng", VOCAB.into()),
        ("xsd", "http://www.w3.org/2001/XMLSchema#".into()),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#".into()),
        ("prov", "http://www.w3.org/ns/prov#".into()),
        ("Person", "schema:Person".into()),
        ("Organization", "schema:Organization".into()),
        ("Place", "schema:Place".into()),
        ("Event", "schema:Event".into()),
        ("NewsArticle", "schema:NewsArticle".into()),
        ("QuantitativeValue", "schema:QuantitativeValue".into()),
        ("Statement", "rdf:Statement".into()),
        ("Relation", "ng:Relation".into()),
        ("Evidence", "ng:Evidence".into()),
        ("name", "schema:name".into()),
        ("alternateName", "schema:alternateName".into()),
        ("jobTitle", "schema:jobTitle".into()),
        ("headline", "schema:headline".into()),
        ("identifier", "schema:identifier".into()),
        ("url", "schema:url".into()),
        ("datePublished", "schema:datePublished".into()),
        ("startDate", "schema:startDate".into()),
        ("endDate", "schema:endDate".into()),
        ("location", id("schema:location")),
        ("organizer", id("schema:organizer")),
        ("attendee", id("schema:attendee")),
        ("mentions", id("schema:mentions")),
        ("value", double("schema:value")),
        ("minValue", double("schema:minValue")),
        ("maxValue", double("schema:maxValue")),
        ("unitText", "schema:unitText".into()),
        ("subject", id("rdf:subject")),
        ("predicate", id("rdf:predicate")),
        ("object", id("rdf:object")),
        ("wasDerivedFrom", id("prov:wasDerivedFrom")),
        ("weight", "ng:weight".into()),
        ("kind", "ng:kind".into()),
        ("mentionCount", "ng:mentionCount".into()),
        ("evidence", "ng:evidence".into()),
        ("sentence", "ng:sentence".into()),
        ("start", "ng:start".into()),
        ("end", "ng:end".into()),
        ("text", "ng:text".into()),
        ("eventType", "ng:eventType".into()),
        ("timeText", "ng:timeText".into()),
        ("quantity", "ng:quantity".into()),
        ("from", double("ng:from")),
        ("to", double("ng:to")),
        ("approx", "ng:approx".into()),
        ("asOf", "ng:asOf".into()),
    ];
    for (k, v) in terms {
        m.insert(k.into(), v);
    }
    Value::Object(m)
}

/// Writes JSON-LD; build with [`JsonLdSerializer::new`], then
/// [`JsonLdSerializer::serialize`].
#[derive(Debug, Clone, Default)]
pub struct JsonLdSerializer {
    options: ExportOptions,
}

impl JsonLdSerializer {
    pub fn new(options: ExportOptions) -> Self {
        JsonLdSerializer { options }
    }

    /// Streams `graph` into `w` (one node object per line) and returns `w`.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, mut w: W) -> io::Result<W> {
        self.options.check()?;
        w.write_all(b"{\"@context\": ")?;
        serde_json::to_writer(&mut w, &context()).map_err(io::Error::other)?;
        w.write_all(b",\n\"@graph\": [")?;
        let mut first = true;
        let mut emit = |w: &mut W, v: &Value| -> io::Result<()> {
            w.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            serde_json::to_writer(&mut *w, v).map_err(io::Error::other)
        };

        // Direct triples and event roles, by source node.
        let mut out_edges: BTreeMap<&str, Vec<(Relation, &str)>> = BTreeMap::new();
        for (s, t, e) in graph.edges() {
            if e.relation.is_typed() {
                out_edges
                    .entry(s.id.as_str())
                    .or_default()
                    .push((e.relation, t.id.as_str()));
            }
        }
        // Every document: those read, and any a node names without it (a
        // graph built by hand).
        let mut docs: Vec<DocId> = graph.documents.keys().copied().collect();
        let read = docs.len();
        for n in graph.nodes() {
            for d in &n.documents {
                if docs[..read].binary_search(d).is_err() {
                    docs.push(*d);
                }
            }
        }
        docs.sort_unstable();
        docs.dedup();
        // Which nodes each document mentions, as sorted (document rank,
        // node rank) pairs: one per node per document, so a map of sets
        // here would be the largest thing in memory on a large corpus.
        let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
        let mut mentioned: Vec<(u32, u32)> = Vec::new();
        for (rank, n) in graph.nodes().enumerate() {
            mentioned.extend(
                n.documents
                    .iter()
                    .filter_map(|d| Some((docs.binary_search(d).ok()? as u32, rank as u32))),
            );
        }
        mentioned.sort_unstable();

        for n in graph.nodes() {
            let edges = out_edges.get(n.id.as_str()).map_or(&[][..], Vec::as_slice);
            emit(&mut w, &self.node(n, edges))?;
        }

        let empty = DocMeta::default();
        let mut at = 0;
        for (di, d) in docs.into_iter().enumerate() {
            let meta = graph.documents.get(&d).unwrap_or(&empty);
            let from = at;
            while mentioned.get(at).is_some_and(|&(m, _)| m as usize == di) {
                at += 1;
            }
            let nodes: Vec<&str> = mentioned[from..at]
                .iter()
                .filter_map(|&(_, r)| ids.get(r as usize).copied())
                .collect();
            emit(&mut w, &self.document(&d, meta, &nodes))?;
        }

        for (s, t, e) in graph.edges() {
            let mut o = Map::new();
            o.insert(
                "@id".into(),
                self.relation_iri(&s.id, e.relation, &t.id).into(),
            );
            o.insert("@type".into(), json!(["Statement", "Relation"]));
            o.insert("subject".into(), self.options.iri(&s.id).into());
            o.insert("predicate".into(), format!("{VOCAB}{}", e.relation).into());
            o.insert("object".into(), self.options.iri(&t.id).into());
            o.insert("weight".into(), e.count.into());
            let docs: Vec<Value> = e
                .documents
                .iter()
                .map(|d| self.options.document_iri(d).into())
                .collect();
            o.insert("wasDerivedFrom".into(), docs.into());
            if !e.evidence.is_empty() {
                o.insert("evidence".into(), self.evidence(&e.evidence));
            }
            emit(&mut w, &Value::Object(o))?;
        }
        w.write_all(b"\n]}\n")?;
        Ok(w)
    }

    fn node(&self, n: &Node, edges: &[(Relation, &str)]) -> Value {
        let mut o = Map::new();
        o.insert("@id".into(), self.options.iri(&n.id).into());
        let ty = match n.kind {
            Kind::Person => "Person",
            Kind::Group => "Organization",
            Kind::Place => "Place",
            Kind::Event => "Event",
        };
        o.insert("@type".into(), ty.into());
        o.insert("name".into(), n.label.clone().into());
        if !n.aliases.is_empty() {
            o.insert("alternateName".into(), json!(n.aliases));
        }
        o.insert("kind".into(), n.kind.as_str().into());
        o.insert("mentionCount".into(), n.mentions.into());
        if !n.roles.is_empty() {
            let roles: Vec<String> = n.roles.iter().map(|r| r.to_string()).collect();
            o.insert("jobTitle".into(), roles.into());
        }
        if let Some(ev) = &n.event {
            o.insert("eventType".into(), ev.kind.as_str().into());
            if let Some(t) = &ev.time {
                o.insert("startDate".into(), typed_date(&t.start));
                if let Some(end) = &t.end {
                    o.insert("endDate".into(), typed_date(end));
                }
            }
            if let Some(t) = ev.time_text.as_ref().or(ev.time.as_ref().map(|t| &t.text)) {
                o.insert("timeText".into(), t.clone().into());
            }
            if !ev.quantities.is_empty() {
                let qs: Vec<Value> = ev.quantities.iter().map(quantity).collect();
                o.insert("quantity".into(), qs.into());
            }
            if !ev.evidence.is_empty() {
                o.insert("evidence".into(), self.evidence(&ev.evidence));
            }
        }
        // Direct triples `ng:<relation>`, and for events the schema.org
        // roles as well.
        let mut by_key: BTreeMap<String, Vec<Value>> = BTreeMap::new();
        for &(rel, target) in edges {
            let iri = self.options.iri(target);
            by_key
                .entry(format!("ng:{rel}"))
                .or_default()
                .push(json!({"@id": iri}));
            if n.kind == Kind::Event {
                let role = match rel {
                    Relation::Location => Some("location"),
                    Relation::Agent => Some("organizer"),
                    Relation::Participant | Relation::Target => Some("attendee"),
                    _ => None,
                };
                if let Some(role) = role {
                    by_key.entry(role.into()).or_default().push(iri.into());
                }
            }
        }
        for (k, v) in by_key {
            o.insert(k, v.into());
        }
        Value::Object(o)
    }

    fn document(&self, d: &DocId, meta: &DocMeta, nodes: &[&str]) -> Value {
        let mut o = Map::new();
        o.insert("@id".into(), self.options.document_iri(d).into());
        o.insert("@type".into(), "NewsArticle".into());
        o.insert("identifier".into(), d.hex().into());
        if let Some(t) = &meta.title {
            o.insert("headline".into(), t.clone().into());
        }
        if let Some(date) = &meta.date {
            o.insert("datePublished".into(), typed_date(date));
        }
        if let Some(u) = &meta.url {
            o.insert("url".into(), u.clone().into());
        }
        if !nodes.is_empty() {
            let iris: Vec<Value> = nodes.iter().map(|id| self.options.iri(id).into()).collect();
            o.insert("mentions".into(), iris.into());
        }
        Value::Object(o)
    }

    fn evidence(&self, evidence: &[Evidence]) -> Value {
        evidence
            .iter()
            .map(|e| {
                json!({
                    "@type": "Evidence",
                    "wasDerivedFrom": self.options.document_iri(&e.doc),
                    "sentence": e.sentence,
                    "start": e.span.start,
                    "end": e.span.end,
                    "text": e.text,
                })
            })
            .collect::<Vec<_>>()
            .into()
    }

    /// `{base}relation/{subject}/{relation}/{object}`, ids percent-encoded.
    fn relation_iri(&self, subject: &str, relation: Relation, object: &str) -> String {
        let mut out = self.options.iri("relation");
        out.push('/');
        percent_encode_into(&mut out, subject);
        out.push('/');
        out.push_str(relation.as_str());
        out.push('/');
        percent_encode_into(&mut out, object);
        out
    }
}

/// A date typed by its precision, or a plain string when it is not ISO.
fn typed_date(s: &str) -> Value {
    match DatePrecision::of(s) {
        Some(p) => json!({"@value": s, "@type": p.xsd()}),
        None => s.into(),
    }
}

/// A quantity as a `QuantitativeValue`: `value` and `unitText`; "at least"
/// and "at most" also as `minValue`/`maxValue`; a change as `ng:from` and
/// `ng:to`. Non-finite numbers are left out (JSON has none).
fn quantity(q: &Quantity) -> Value {
    let mut o = Map::new();
    o.insert("@type".into(), "QuantitativeValue".into());
    let num = |v: Option<f64>| v.filter(|v| v.is_finite()).map(Value::from);
    if let Some(v) = num(q.value) {
        o.insert("value".into(), v.clone());
        match q.approx {
            Approx::AtLeast => {
                o.insert("minValue".into(), v);
            }
            Approx::AtMost => {
                o.insert("maxValue".into(), v);
            }
            Approx::Exact | Approx::About => {}
        }
    }
    if let Some(v) = num(q.from) {
        o.insert("from".into(), v);
    }
    if let Some(v) = num(q.to) {
        o.insert("to".into(), v);
    }
    o.insert("unitText".into(), q.unit.clone().into());
    let approx = match q.approx {
        Approx::Exact => "exact",
        Approx::About => "about",
        Approx::AtLeast => "at_least",
        Approx::AtMost => "at_most",
    };
    o.insert("approx".into(), approx.into());
    if let Some(d) = &q.as_of {
        o.insert("asOf".into(), typed_date(d));
    }
    o.insert("text".into(), q.text.clone().into());
    Value::Object(o)
}

/// Writes JSON-LD with the default serializer.
pub fn write<W: Write>(graph: &KnowledgeGraph, options: &ExportOptions, w: W) -> io::Result<W> {
    JsonLdSerializer::new(options.clone()).serialize(graph, w)
}
