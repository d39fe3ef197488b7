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
//!   `mentions` → every node read in it; from the page furniture,
//!   `publisher` (an `Organization`), `author` (`Person`s),
//!   `locationCreated` (the dateline's `Place`) and `dateCreated` (the
//!   dateline's date, `xsd:gMonthDay` when it has no year), each with a
//!   name and an IRI minted from it under `publisher/`, `author/` and
//!   `location/` (one outlet is one resource across articles; these are
//!   not graph nodes).
//! - Every edge, co-mentions included, is a relation node typed
//!   `rdf:Statement` and `ng:Relation`: `rdf:subject`, `rdf:predicate`
//!   (`ng:<relation>`), `rdf:object`, `ng:weight` (the count, an integer),
//!   `prov:wasDerivedFrom` → the documents, and `ng:evidence` (sentence,
//!   byte span, text). Typed relations are also direct triples
//!   `subject ng:<relation> object`; co-mentions are not, as they assert
//!   nothing about the world.
//!
//! Text that needs escaping goes through serde_json; nothing is
//! hand-escaped. Text that needs none is written between quotes as is,
//! which is what serde_json writes for it.
//! Records are written directly, not built as `serde_json::Value`s first.

use super::{DatePrecision, ExportOptions, IriWriter};
use crate::graph::{KnowledgeGraph, Node};
use crate::model::{Approx, DocId, DocMeta, Evidence, Kind, Quantity, Relation};
use serde_json::{Map, Value, json};
use std::io::{self, BufWriter, Write};

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
    let terms: [(&str, Value); 56] = [
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
        ("dateCreated", "schema:dateCreated".into()),
        ("publisher", id("schema:publisher")),
        ("author", id("schema:author")),
        ("locationCreated", id("schema:locationCreated")),
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
        ("eventStatus", "ng:eventStatus".into()),
        ("timeText", "ng:timeText".into()),
        ("agentText", "ng:agentText".into()),
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
    ///
    /// Records are written straight into a buffer, with no `Value` built
    /// per record: the output is what serde_json writes for the same data
    /// as a `Value` (compact, object keys sorted), and the key order is
    /// checked in debug builds.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        self.options.check()?;
        let mut w = BufWriter::with_capacity(super::WRITE_BUFFER, w);
        let out = Out {
            iris: IriWriter::new(&self.options, |s| {
                let quoted = serde_json::to_vec(s).unwrap_or_default();
                quoted
                    .get(1..quoted.len().saturating_sub(1))
                    .unwrap_or_default()
                    .to_vec()
            }),
            relations: {
                let mut r = Relation::ALL;
                r.sort_by_key(|r| r.as_str());
                r
            },
        };
        w.write_all(b"{\"@context\": ")?;
        serde_json::to_writer(&mut w, &context())?;
        w.write_all(b",\n\"@graph\": [")?;
        let mut first = true;
        let mut next = |w: &mut BufWriter<W>| -> io::Result<()> {
            w.write_all(if first { b"\n" } else { b",\n" })?;
            first = false;
            Ok(())
        };

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
        let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
        let mentioned = Mentions::new(graph, &docs);

        // Direct triples and event roles, by source node. `edges` comes in
        // source id order, as the nodes do, so each node's edges are the
        // next run of it: no map of every typed edge by source (millions).
        let mut typed = graph
            .edges()
            .filter(|(_, _, e)| e.relation.is_typed())
            .peekable();
        let mut edges: Vec<(Relation, &str)> = Vec::new();
        for n in graph.nodes() {
            edges.clear();
            while let Some((s, t, e)) = typed.next_if(|(s, _, _)| s.id <= n.id) {
                if s.id == n.id {
                    edges.push((e.relation, t.id.as_str()));
                }
            }
            next(&mut w)?;
            out.node(&mut w, n, &edges)?;
        }

        let empty = DocMeta::default();
        for (di, d) in docs.iter().enumerate() {
            let meta = graph.documents.get(d).unwrap_or(&empty);
            let nodes = mentioned
                .of(di)
                .iter()
                .filter_map(|&r| ids.get(r as usize).copied());
            next(&mut w)?;
            out.document(&mut w, d, meta, nodes)?;
        }

        for (s, t, e) in graph.edges() {
            next(&mut w)?;
            let mut o = Obj::start(&mut w)?;
            o.key(&mut w, "@id")?;
            w.write_all(b"\"")?;
            out.iris.node(&mut w, "relation")?;
            w.write_all(b"/")?;
            super::percent_encode_to(&mut w, &s.id)?;
            w.write_all(b"/")?;
            w.write_all(e.relation.as_str().as_bytes())?;
            w.write_all(b"/")?;
            super::percent_encode_to(&mut w, &t.id)?;
            w.write_all(b"\"")?;
            o.key(&mut w, "@type")?;
            w.write_all(b"[\"Statement\",\"Relation\"]")?;
            if !e.evidence.is_empty() {
                o.key(&mut w, "evidence")?;
                out.evidence(&mut w, &e.evidence)?;
            }
            o.key(&mut w, "object")?;
            out.node_iri(&mut w, &t.id)?;
            o.key(&mut w, "predicate")?;
            w.write_all(b"\"")?;
            w.write_all(VOCAB.as_bytes())?;
            w.write_all(e.relation.as_str().as_bytes())?;
            w.write_all(b"\"")?;
            o.key(&mut w, "subject")?;
            out.node_iri(&mut w, &s.id)?;
            o.key(&mut w, "wasDerivedFrom")?;
            list(&mut w, e.documents.iter(), |w, d| out.doc_iri(w, d))?;
            o.key(&mut w, "weight")?;
            uint(&mut w, u64::from(e.count))?;
            o.end(&mut w)?;
        }
        w.write_all(b"\n]}\n")?;
        w.into_inner().map_err(|e| e.into_error())
    }
}

/// Which nodes each document mentions, by document rank, each list in
/// node rank order. Built by counting first: one `u32` per (node,
/// document) pair and no sort, where sorted pairs took twice that and
/// twice again while the vector grew (tens of millions of pairs on a
/// large corpus, the largest thing the export held).
struct Mentions {
    /// `nodes[start[d]..start[d + 1]]` are document `d`'s.
    start: Vec<usize>,
    nodes: Vec<u32>,
}

impl Mentions {
    fn new(graph: &KnowledgeGraph, docs: &[DocId]) -> Self {
        fn ranks<'a>(n: &'a Node, docs: &'a [DocId]) -> impl Iterator<Item = usize> + 'a {
            n.documents
                .iter()
                .filter_map(|d| docs.binary_search(d).ok())
        }
        let mut start = vec![0usize; docs.len() + 1];
        for n in graph.nodes() {
            for d in ranks(n, docs) {
                start[d + 1] += 1;
            }
        }
        for d in 0..docs.len() {
            start[d + 1] += start[d];
        }
        let mut nodes = vec![0u32; start[docs.len()]];
        let mut fill = start.clone();
        for (rank, n) in graph.nodes().enumerate() {
            for d in ranks(n, docs) {
                nodes[fill[d]] = rank as u32;
                fill[d] += 1;
            }
        }
        Mentions { start, nodes }
    }

    fn of(&self, doc: usize) -> &[u32] {
        let at = |d: usize| self.start.get(d).copied().unwrap_or(0);
        self.nodes.get(at(doc)..at(doc + 1)).unwrap_or_default()
    }
}

/// What writing records needs besides the output.
struct Out {
    iris: IriWriter,
    /// Every relation, sorted by name: the order of their `ng:` keys.
    relations: [Relation; Relation::ALL.len()],
}

impl Out {
    fn node<W: Write>(&self, w: &mut W, n: &Node, edges: &[(Relation, &str)]) -> io::Result<()> {
        let ty = match n.kind {
            Kind::Person => "Person",
            Kind::Group => "Organization",
            Kind::Place => "Place",
            Kind::Event => "Event",
        };
        let event = n.event.as_ref();
        // Events also get schema.org roles, from their role edges.
        let is_event = n.kind == Kind::Event;
        let role = |w: &mut W, o: &mut Obj, key: &str, want: &[Relation]| -> io::Result<()> {
            let mut targets = edges
                .iter()
                .filter(|(r, _)| is_event && want.contains(r))
                .map(|&(_, t)| t)
                .peekable();
            if targets.peek().is_some() {
                o.key(w, key)?;
                list(w, targets, |w, t| self.node_iri(w, t))?;
            }
            Ok(())
        };
        let mut o = Obj::start(w)?;
        o.key(w, "@id")?;
        self.node_iri(w, &n.id)?;
        o.key(w, "@type")?;
        string(w, ty)?;
        if let Some(a) = event.and_then(|ev| ev.agent_text.as_ref()) {
            o.key(w, "agentText")?;
            string(w, a)?;
        }
        if !n.aliases.is_empty() {
            o.key(w, "alternateName")?;
            list(w, n.aliases.iter(), |w, a| string(w, a))?;
        }
        role(
            w,
            &mut o,
            "attendee",
            &[Relation::Participant, Relation::Target],
        )?;
        if let Some(end) = event.and_then(|ev| ev.time.as_ref()?.end.as_ref()) {
            o.key(w, "endDate")?;
            typed_date(w, end)?;
        }
        if let Some(ev) = event {
            o.key(w, "eventStatus")?;
            string(w, ev.status.as_str())?;
            o.key(w, "eventType")?;
            string(w, ev.kind.as_str())?;
            if !ev.evidence.is_empty() {
                o.key(w, "evidence")?;
                self.evidence(w, &ev.evidence)?;
            }
        }
        if !n.roles.is_empty() {
            o.key(w, "jobTitle")?;
            list(w, n.roles.iter(), |w, r| string(w, &r.to_string()))?;
        }
        o.key(w, "kind")?;
        string(w, n.kind.as_str())?;
        role(w, &mut o, "location", &[Relation::Location])?;
        o.key(w, "mentionCount")?;
        uint(w, n.mentions)?;
        o.key(w, "name")?;
        string(w, &n.label)?;
        // Direct triples `ng:<relation>`.
        for rel in self.relations {
            let mut targets = edges
                .iter()
                .filter(|(r, _)| *r == rel)
                .map(|&(_, t)| t)
                .peekable();
            if targets.peek().is_some() {
                o.key_parts(w, "ng:", rel.as_str())?;
                list(w, targets, |w, t| {
                    w.write_all(b"{\"@id\":")?;
                    self.node_iri(w, t)?;
                    w.write_all(b"}")
                })?;
            }
        }
        role(w, &mut o, "organizer", &[Relation::Agent])?;
        if let Some(ev) = event {
            if !ev.quantities.is_empty() {
                o.key(w, "quantity")?;
                list(w, ev.quantities.iter(), quantity)?;
            }
            if let Some(t) = &ev.time {
                o.key(w, "startDate")?;
                typed_date(w, &t.start)?;
            }
            if let Some(t) = ev.time_text.as_ref().or(ev.time.as_ref().map(|t| &t.text)) {
                o.key(w, "timeText")?;
                string(w, t)?;
            }
        }
        o.end(w)
    }

    fn document<'a, W: Write>(
        &self,
        w: &mut W,
        d: &DocId,
        meta: &DocMeta,
        nodes: impl Iterator<Item = &'a str>,
    ) -> io::Result<()> {
        let mut o = Obj::start(w)?;
        o.key(w, "@id")?;
        self.doc_iri(w, d)?;
        o.key(w, "@type")?;
        string(w, "NewsArticle")?;
        let furniture = meta.furniture.as_deref();
        if let Some(f) = furniture.filter(|f| !f.authors.is_empty()) {
            o.key(w, "author")?;
            list(w, f.authors.iter(), |w, a| {
                self.credit(w, "author", "Person", a)
            })?;
        }
        if let Some(date) = furniture.and_then(|f| f.dateline_date.as_ref()) {
            o.key(w, "dateCreated")?;
            typed_date(w, date)?;
        }
        if let Some(date) = &meta.date {
            o.key(w, "datePublished")?;
            typed_date(w, date)?;
        }
        if let Some(t) = &meta.title {
            o.key(w, "headline")?;
            string(w, t)?;
        }
        o.key(w, "identifier")?;
        w.write_all(b"\"")?;
        w.write_all(&super::hex16(d))?;
        w.write_all(b"\"")?;
        if let Some(place) = furniture.and_then(|f| f.dateline_place.as_ref()) {
            o.key(w, "locationCreated")?;
            self.credit(w, "location", "Place", place)?;
        }
        let mut nodes = nodes.peekable();
        if nodes.peek().is_some() {
            o.key(w, "mentions")?;
            list(w, nodes, |w, id| self.node_iri(w, id))?;
        }
        if let Some(p) = furniture.and_then(|f| f.publisher.as_ref()) {
            o.key(w, "publisher")?;
            self.credit(w, "publisher", "Organization", p)?;
        }
        if let Some(u) = &meta.url {
            o.key(w, "url")?;
            string(w, u)?;
        }
        o.end(w)
    }

    /// What furniture names, as a node object: `{"@id", "@type", "name"}`.
    fn credit<W: Write>(&self, w: &mut W, path: &str, ty: &str, name: &str) -> io::Result<()> {
        let mut o = Obj::start(w)?;
        o.key(w, "@id")?;
        w.write_all(b"\"")?;
        self.iris.credit(w, path, name)?;
        w.write_all(b"\"")?;
        o.key(w, "@type")?;
        string(w, ty)?;
        o.key(w, "name")?;
        string(w, name)?;
        o.end(w)
    }

    fn evidence<W: Write>(&self, w: &mut W, evidence: &[Evidence]) -> io::Result<()> {
        list(w, evidence.iter(), |w, e| {
            let mut o = Obj::start(w)?;
            o.key(w, "@type")?;
            string(w, "Evidence")?;
            o.key(w, "end")?;
            uint(w, e.span.end as u64)?;
            o.key(w, "sentence")?;
            uint(w, e.sentence as u64)?;
            o.key(w, "start")?;
            uint(w, e.span.start as u64)?;
            o.key(w, "text")?;
            string(w, &e.text)?;
            o.key(w, "wasDerivedFrom")?;
            self.doc_iri(w, &e.doc)?;
            o.end(w)
        })
    }

    /// A node IRI as a JSON string.
    fn node_iri<W: Write>(&self, w: &mut W, id: &str) -> io::Result<()> {
        w.write_all(b"\"")?;
        self.iris.node(w, id)?;
        w.write_all(b"\"")
    }

    /// A document IRI as a JSON string.
    fn doc_iri<W: Write>(&self, w: &mut W, d: &DocId) -> io::Result<()> {
        w.write_all(b"\"")?;
        self.iris.document(w, d)?;
        w.write_all(b"\"")
    }
}

/// The members of one JSON object, written in the order given, which must
/// be serde_json's for a `Value` (keys sorted, as its `Map` keeps them):
/// checked in debug builds, so tests catch a key written out of place.
struct Obj {
    first: bool,
    #[cfg(debug_assertions)]
    last: String,
}

impl Obj {
    fn start<W: Write>(w: &mut W) -> io::Result<Obj> {
        w.write_all(b"{")?;
        Ok(Obj {
            first: true,
            #[cfg(debug_assertions)]
            last: String::new(),
        })
    }

    /// Starts member `key` (plain ASCII, nothing to escape).
    fn key<W: Write>(&mut self, w: &mut W, key: &str) -> io::Result<()> {
        self.key_parts(w, "", key)
    }

    /// Starts the member whose key is `prefix` then `name`.
    fn key_parts<W: Write>(&mut self, w: &mut W, prefix: &str, name: &str) -> io::Result<()> {
        #[cfg(debug_assertions)]
        {
            let key = format!("{prefix}{name}");
            debug_assert!(
                self.first || key > self.last,
                "JSON key {key:?} after {:?}",
                self.last
            );
            self.last = key;
        }
        w.write_all(if self.first { b"\"" } else { b",\"" })?;
        self.first = false;
        w.write_all(prefix.as_bytes())?;
        w.write_all(name.as_bytes())?;
        w.write_all(b"\":")
    }

    fn end<W: Write>(self, w: &mut W) -> io::Result<()> {
        w.write_all(b"}")
    }
}

/// A JSON string, as serde_json writes it.
fn string<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    super::escape::json_string(w, s)
}

fn uint<W: Write>(w: &mut W, v: u64) -> io::Result<()> {
    w.write_all(itoa::Buffer::new().format(v).as_bytes())
}

/// A finite number as serde_json writes an `f64`.
fn float<W: Write>(w: &mut W, v: f64) -> io::Result<()> {
    serde_json::to_writer(w, &v).map_err(io::Error::from)
}

/// A JSON array of `items`, each written by `item`.
fn list<W: Write, T>(
    w: &mut W,
    items: impl Iterator<Item = T>,
    mut item: impl FnMut(&mut W, T) -> io::Result<()>,
) -> io::Result<()> {
    w.write_all(b"[")?;
    for (i, x) in items.enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        item(w, x)?;
    }
    w.write_all(b"]")
}

/// A date typed by its precision, or a plain string when it is not ISO.
fn typed_date<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    match DatePrecision::of(s) {
        Some(p) => {
            w.write_all(b"{\"@type\":\"")?;
            w.write_all(p.xsd().as_bytes())?;
            w.write_all(b"\",\"@value\":")?;
            string(w, s)?;
            w.write_all(b"}")
        }
        None => string(w, s),
    }
}

/// A quantity as a `QuantitativeValue`: `value` and `unitText`; "at least"
/// and "at most" also as `minValue`/`maxValue`; a change as `ng:from` and
/// `ng:to`. Non-finite numbers are left out (JSON has none).
fn quantity<W: Write>(w: &mut W, q: &Quantity) -> io::Result<()> {
    let finite = |v: Option<f64>| v.filter(|v| v.is_finite());
    let value = finite(q.value);
    let approx = match q.approx {
        Approx::Exact => "exact",
        Approx::About => "about",
        Approx::AtLeast => "at_least",
        Approx::AtMost => "at_most",
    };
    let mut o = Obj::start(w)?;
    o.key(w, "@type")?;
    string(w, "QuantitativeValue")?;
    o.key(w, "approx")?;
    string(w, approx)?;
    if let Some(d) = &q.as_of {
        o.key(w, "asOf")?;
        typed_date(w, d)?;
    }
    if let Some(v) = finite(q.from) {
        o.key(w, "from")?;
        float(w, v)?;
    }
    if let (Some(v), Approx::AtMost) = (value, q.approx) {
        o.key(w, "maxValue")?;
        float(w, v)?;
    }
    if let (Some(v), Approx::AtLeast) = (value, q.approx) {
        o.key(w, "minValue")?;
        float(w, v)?;
    }
    o.key(w, "text")?;
    string(w, &q.text)?;
    if let Some(v) = finite(q.to) {
        o.key(w, "to")?;
        float(w, v)?;
    }
    o.key(w, "unitText")?;
    string(w, &q.unit)?;
    if let Some(v) = value {
        o.key(w, "value")?;
        float(w, v)?;
    }
    o.end(w)
}

/// Writes JSON-LD with the default serializer.
pub fn write<W: Write>(graph: &KnowledgeGraph, options: &ExportOptions, w: W) -> io::Result<W> {
    JsonLdSerializer::new(options.clone()).serialize(graph, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::EventInfo;
    use crate::model::{EventKind, Role, Span, TimeValue};

    fn ev(doc: u64, text: &str) -> Evidence {
        Evidence {
            doc: DocId(doc),
            sentence: 3,
            span: Span::new(10, 42).into(),
            text: text.into(),
        }
    }

    /// A graph that fills every key a record can have.
    fn full_graph() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("person:ida-berg", Kind::Person, "Ida \"Berg\"");
        g.upsert_node("group:guild", Kind::Group, "Guild\n");
        g.upsert_node("place:harbor", Kind::Place, "Harbor");
        g.upsert_node("event:vote-1", Kind::Event, "vote");
        let ida = g.node_mut("person:ida-berg").expect("added");
        ida.aliases.insert("Berg".into());
        ida.roles.insert(Role {
            title: "chair".into(),
            of: Some("Guild".into()),
        });
        ida.documents.insert(DocId(1));
        let vote = g.node_mut("event:vote-1").expect("added");
        vote.documents.insert(DocId(2));
        vote.event = Some(EventInfo {
            status: crate::model::EventStatus::Planned,
            kind: EventKind::Withdrawal,
            time: Some(TimeValue {
                start: "2020-05".into(),
                end: Some("next spring".into()),
                text: "in May".into(),
            }),
            time_text: None,
            agent_text: None,
            quantities: vec![Quantity {
                value: Some(12.5),
                from: Some(3.0),
                to: Some(f64::NAN),
                unit: "ships".into(),
                approx: Approx::AtLeast,
                as_of: Some("2020".into()),
                text: "at least 12.5 ships".into(),
            }],
            evidence: vec![ev(2, "The guild voted.")],
        });
        for (rel, target) in [
            (Relation::Agent, "group:guild"),
            (Relation::Location, "place:harbor"),
            (Relation::Participant, "person:ida-berg"),
            (Relation::Target, "group:guild"),
        ] {
            g.add_edge("event:vote-1", target, rel, ev(2, "The guild voted."));
        }
        g.add_edge(
            "person:ida-berg",
            "group:guild",
            Relation::Leads,
            ev(1, "Ida leads."),
        );
        g.add_edge(
            "group:guild",
            "person:ida-berg",
            Relation::CoMention,
            ev(1, "x"),
        );
        g.documents.insert(
            DocId(1),
            DocMeta {
                title: Some("Guild news".into()),
                date: Some("2020-05-04".into()),
                url: Some("https://news.example/1".into()),
                furniture: Some(Box::new(crate::model::Furniture {
                    publisher: Some("Harbor \"Wire\"".into()),
                    authors: vec!["Ida Berg".into(), "Bo Lund".into()],
                    dateline_place: Some("Harbor, Nord".into()),
                    dateline_date: Some("--05-03".into()),
                })),
            },
        );
        g
    }

    #[test]
    fn records_are_what_serde_json_writes_for_them() {
        let bytes = write(&full_graph(), &ExportOptions::default(), Vec::new()).expect("in memory");
        let s = String::from_utf8(bytes).expect("utf-8");
        let records: Vec<&str> = s
            .lines()
            .skip(2)
            .map(|l| l.strip_suffix(',').unwrap_or(l))
            .filter(|l| l.starts_with('{'))
            .collect();
        // 4 nodes, 2 documents, 6 edges.
        assert_eq!(records.len(), 12, "{s}");
        for r in records {
            // Compact, keys sorted: writing the parsed value gives it back.
            let v: Value = serde_json::from_str(r).expect("valid JSON");
            assert_eq!(serde_json::to_string(&v).expect("serializable"), r);
        }
        let doc: Value = serde_json::from_str(&s).expect("valid JSON");
        let graph = doc["@graph"].as_array().expect("a @graph array");
        let vote = graph
            .iter()
            .find(|o| o["name"] == "vote")
            .expect("the event");
        let iri = |p: &str| format!("https://newsgraph.example/id/{p}");
        assert_eq!(vote["organizer"], json!([iri("group/guild")]));
        assert_eq!(
            vote["attendee"],
            json!([iri("group/guild"), iri("person/ida-berg")])
        );
        assert_eq!(vote["location"], json!([iri("place/harbor")]));
        assert_eq!(vote["ng:target"], json!([{"@id": iri("group/guild")}]));
        assert_eq!(vote["endDate"], "next spring");
        assert_eq!(vote["startDate"]["@type"], "xsd:gYearMonth");
        let q = &vote["quantity"][0];
        assert_eq!(q["minValue"], 12.5);
        assert_eq!(q["from"], 3.0);
        assert!(q.get("to").is_none(), "NaN is left out: {q}");
        let ida = graph
            .iter()
            .find(|o| o["@id"] == iri("person/ida-berg"))
            .expect("Ida");
        assert_eq!(ida["jobTitle"], json!(["chair of Guild"]));
        let article = graph
            .iter()
            .find(|o| o["@type"] == "NewsArticle" && o["headline"] == "Guild news")
            .expect("the article");
        assert_eq!(
            article["publisher"],
            json!({"@id": iri("publisher/harbor-wire"), "@type": "Organization", "name": "Harbor \"Wire\""})
        );
        assert_eq!(article["author"][1]["@id"], iri("author/bo-lund"));
        assert_eq!(article["author"][0]["name"], "Ida Berg");
        assert_eq!(article["locationCreated"]["@type"], "Place");
        assert_eq!(
            article["dateCreated"],
            json!({"@type": "xsd:gMonthDay", "@value": "--05-03"})
        );
        assert_eq!(article["datePublished"]["@value"], "2020-05-04");
        assert_eq!(ida["ng:leads"], json!([{"@id": iri("group/guild")}]));
    }
}
