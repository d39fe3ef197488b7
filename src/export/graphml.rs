//! GraphML for Gephi, networkx, igraph, yEd, Neo4j's APOC and Memgraph.
//!
//! Built to pass the GraphML XSD and the readers' quirks (see
//! `docs/formats.md` in the shared folder): every key has an explicit
//! `for`, an `attr.name` and an `attr.type`; no key is named `id`; all
//! nodes come before all edges; ids are NMTOKENs (a node whose own id is
//! not one gets `n{k}`, and its own id stays in the `node_id` data key).
//! Lists are JSON strings so that any name survives (JSON escapes even the
//! control characters XML forbids); document ids (hex) are `;`-joined.
//! The documents themselves (title, date, URL, and what page furniture
//! says: publisher, authors, dateline place and date) are one graph-level
//! key, `documents`, a JSON array (networkx: `G.graph["documents"]`).
//! For the graph databases' GraphML importers (APOC's
//! `apoc.import.graphml(file, {readLabels: true})`, Memgraph's
//! `import_util.graphml`), each node has a `labels` key (`:Person`) and
//! the relation is in the edge key whose id is `label`, the one place they
//! read a relationship type from; both keep the `attr.name` `label` that
//! Gephi, networkx and igraph read.
//! Text is escaped as quick-xml escapes it ([`super::escape`], where a
//! property test compares the two); the characters XML forbids become
//! U+FFFD ([`super::xml_safe`]) and CR is written as `&#13;` so that
//! parsers do not turn it into LF.

use super::escape::{evidence_json, json_list, json_string, xml_text, xml_text_bytes};
use super::{ExportOptions, IriWriter, KindStyle, file_ids, node_size, write_docs};
use crate::graph::{KnowledgeGraph, Node};
use crate::model::Evidence;
use std::io::{self, BufWriter, Write};

const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";
const XSI_NS: &str = "http://www.w3.org/2001/XMLSchema-instance";
const SCHEMA_LOCATION: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// A GraphML attribute declaration: key id, domain, name, type.
struct Key {
    id: &'static str,
    domain: &'static str,
    name: &'static str,
    ty: &'static str,
}

const fn key(id: &'static str, domain: &'static str, name: &'static str, ty: &'static str) -> Key {
    Key {
        id,
        domain,
        name,
        ty,
    }
}

/// Every key, in the order written. Node and edge `label` need distinct key
/// ids but the same `attr.name`, which Gephi recognises; the edge's is the
/// id `label`, which APOC and Memgraph take as the relationship type.
const KEYS: &[Key] = &[
    key("n_label", "node", "label", "string"),
    key("labels", "node", "labels", "string"),
    key("node_id", "node", "node_id", "string"),
    key("kind", "node", "kind", "string"),
    key("mentions", "node", "mentions", "int"),
    key("documents", "node", "documents", "string"),
    key("aliases", "node", "aliases", "string"),
    key("roles", "node", "roles", "string"),
    key("iri", "node", "iri", "string"),
    key("r", "node", "r", "int"),
    key("g", "node", "g", "int"),
    key("b", "node", "b", "int"),
    key("color", "node", "color", "string"),
    key("size", "node", "size", "double"),
    key("event_type", "node", "event_type", "string"),
    key("status", "node", "status", "string"),
    key("start", "node", "start", "string"),
    key("end", "node", "end", "string"),
    key("time_text", "node", "time_text", "string"),
    key("agent_text", "node", "agent_text", "string"),
    key("quantities", "node", "quantities", "string"),
    key("quantity_value", "node", "quantity_value", "double"),
    key("quantity_from", "node", "quantity_from", "double"),
    key("quantity_to", "node", "quantity_to", "double"),
    key("quantity_unit", "node", "quantity_unit", "string"),
    key("node_evidence", "node", "evidence", "string"),
    key("label", "edge", "label", "string"),
    key("relation", "edge", "relation", "string"),
    key("typed", "edge", "typed", "boolean"),
    key("weight", "edge", "weight", "double"),
    key("e_documents", "edge", "documents", "string"),
    key("evidence", "edge", "evidence", "string"),
    key("edge_id", "edge", "edge_id", "string"),
    key("g_documents", "graph", "documents", "string"),
];

/// Writes GraphML; build with [`GraphMlSerializer::new`], then
/// [`GraphMlSerializer::serialize`].
#[derive(Debug, Clone, Default)]
pub struct GraphMlSerializer {
    options: ExportOptions,
}

impl GraphMlSerializer {
    pub fn new(options: ExportOptions) -> Self {
        GraphMlSerializer { options }
    }

    /// Streams `graph` into `w` and returns `w`.
    ///
    /// The markup is written directly, laid out as quick-xml's indenting
    /// writer lays it out (each element on its own line, two spaces per
    /// level, text inline); text goes through [`xml_text`], which escapes as
    /// quick-xml does after [`super::xml_safe`]. Going through quick-xml's
    /// events cost an allocation or more per `<data>`, and there are a
    /// dozen per node and eight per edge.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        let mut w = BufWriter::with_capacity(super::WRITE_BUFFER, w);
        w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml")?;
        for (name, value) in [
            ("xmlns", GRAPHML_NS),
            ("xmlns:xsi", XSI_NS),
            ("xsi:schemaLocation", SCHEMA_LOCATION),
        ] {
            attribute(&mut w, name, value)?;
        }
        w.write_all(b">")?;
        for k in KEYS {
            w.write_all(b"\n  <key")?;
            attribute(&mut w, "id", k.id)?;
            attribute(&mut w, "for", k.domain)?;
            attribute(&mut w, "attr.name", k.name)?;
            attribute(&mut w, "attr.type", k.ty)?;
            w.write_all(b"/>")?;
        }
        w.write_all(b"\n  <graph id=\"G\" edgedefault=\"directed\">")?;

        let mut out = Out {
            iris: IriWriter::new(&self.options, |s| {
                let mut v = Vec::new();
                let _ = xml_text(&mut v, s);
                v
            }),
            scratch: Vec::new(),
        };
        w.write_all(b"\n    <data key=\"g_documents\">")?;
        out.documents(&mut w, graph)?;
        w.write_all(b"</data>")?;
        let ids = file_ids(graph);
        for n in graph.nodes() {
            out.node(&mut w, ids.get(&n.id), n)?;
        }
        let mut eid = itoa::Buffer::new();
        for (i, (s, t, e)) in graph.edges().enumerate() {
            let eid = eid.format(i);
            w.write_all(b"\n    <edge")?;
            attribute_parts(&mut w, "id", &["e", eid])?;
            attribute(&mut w, "source", ids.get(&s.id))?;
            attribute(&mut w, "target", ids.get(&t.id))?;
            w.write_all(b">")?;
            data(&mut w, "label", e.relation.as_str())?;
            data(&mut w, "relation", e.relation.as_str())?;
            data(
                &mut w,
                "typed",
                if e.relation.is_typed() {
                    "true"
                } else {
                    "false"
                },
            )?;
            open(&mut w, "weight")?;
            // A u32 is exact as an f64, which `{:.1}` would print with ".0".
            w.write_all(itoa::Buffer::new().format(e.count).as_bytes())?;
            w.write_all(b".0")?;
            close(&mut w)?;
            open(&mut w, "e_documents")?;
            write_docs(&mut w, &e.documents, usize::MAX)?;
            close(&mut w)?;
            out.evidence(&mut w, "evidence", &e.evidence)?;
            open(&mut w, "edge_id")?;
            w.write_all(b"e")?;
            w.write_all(eid.as_bytes())?;
            close(&mut w)?;
            w.write_all(b"\n    </edge>")?;
        }
        w.write_all(b"\n  </graph>\n</graphml>\n")?;
        w.into_inner().map_err(|e| e.into_error())
    }
}

/// What writing nodes and edges needs besides the output.
struct Out {
    iris: IriWriter,
    /// JSON values are built here, then escaped into the output.
    scratch: Vec<u8>,
}

impl Out {
    fn node<W: Write>(&mut self, w: &mut W, id: &str, n: &Node) -> io::Result<()> {
        w.write_all(b"\n    <node")?;
        attribute(w, "id", id)?;
        w.write_all(b">")?;
        let style = KindStyle::of(n.kind);
        data(w, "n_label", &n.label)?;
        open(w, "labels")?;
        w.write_all(b":")?;
        w.write_all(super::pg::label(n.kind).as_bytes())?;
        close(w)?;
        data(w, "node_id", &n.id)?;
        data(w, "kind", n.kind.as_str())?;
        uint_data(w, "mentions", n.mentions.min(i32::MAX as u64))?;
        open(w, "documents")?;
        write_docs(w, &n.documents, usize::MAX)?;
        close(w)?;
        self.scratch.clear();
        json_list(&mut self.scratch, n.aliases.iter())?;
        self.scratch_data(w, "aliases")?;
        if !n.roles.is_empty() {
            self.scratch.clear();
            json_list(&mut self.scratch, n.roles.iter().map(|r| r.to_string()))?;
            self.scratch_data(w, "roles")?;
        }
        open(w, "iri")?;
        self.iris.node(w, &n.id)?;
        close(w)?;
        let (r, g, b) = style.rgb;
        uint_data(w, "r", r.into())?;
        uint_data(w, "g", g.into())?;
        uint_data(w, "b", b.into())?;
        data(w, "color", &style.hex())?;
        open(w, "size")?;
        write!(w, "{:.3}", node_size(n.mentions))?;
        close(w)?;
        if let Some(ev) = &n.event {
            data(w, "event_type", ev.kind.as_str())?;
            data(w, "status", ev.status.as_str())?;
            if let Some(t) = &ev.time {
                data(w, "start", &t.start)?;
                if let Some(end) = &t.end {
                    data(w, "end", end)?;
                }
            }
            if let Some(t) = ev.time_text.as_ref().or(ev.time.as_ref().map(|t| &t.text)) {
                data(w, "time_text", t)?;
            }
            if let Some(a) = &ev.agent_text {
                data(w, "agent_text", a)?;
            }
            if !ev.quantities.is_empty() {
                self.scratch.clear();
                serde_json::to_writer(&mut self.scratch, &ev.quantities)?;
                self.scratch_data(w, "quantities")?;
            }
            if let Some(q) = ev.quantities.first() {
                for (k, v) in [
                    ("quantity_value", q.value),
                    ("quantity_from", q.from),
                    ("quantity_to", q.to),
                ] {
                    // XSD doubles have no JSON-style "inf"/"NaN" that every
                    // reader accepts: leave non-finite numbers out.
                    if let Some(v) = v.filter(|v| v.is_finite()) {
                        open(w, k)?;
                        write!(w, "{v:?}")?;
                        close(w)?;
                    }
                }
                data(w, "quantity_unit", &q.unit)?;
            }
            if !ev.evidence.is_empty() {
                self.evidence(w, "node_evidence", &ev.evidence)?;
            }
        }
        w.write_all(b"\n    </node>")
    }

    /// Evidence as a JSON array of `{doc, sentence, start, end, text}`
    /// (keys in serde_json's sorted order).
    fn evidence<W: Write>(
        &mut self,
        w: &mut W,
        key: &str,
        evidence: &[Evidence],
    ) -> io::Result<()> {
        self.scratch.clear();
        evidence_json(&mut self.scratch, evidence)?;
        self.scratch_data(w, key)
    }

    /// Every document as a JSON array of `{id, title, date, url,
    /// publisher, authors, dateline_place, dateline_date}` (keys sorted,
    /// absent ones left out), in document id order, escaped for XML one
    /// document at a time (a large corpus has millions).
    fn documents<W: Write>(&mut self, w: &mut W, graph: &KnowledgeGraph) -> io::Result<()> {
        w.write_all(b"[")?;
        for (i, (d, meta)) in graph.documents.iter().enumerate() {
            let s = &mut self.scratch;
            s.clear();
            if i > 0 {
                s.push(b',');
            }
            let f = meta.furniture.as_deref();
            let mut fields: Vec<(&str, &str)> = Vec::new();
            let authors = f.map_or(&[][..], |f| f.authors.as_slice());
            fields.extend(meta.date.as_deref().map(|v| ("date", v)));
            fields.extend(
                f.and_then(|f| f.dateline_date.as_deref())
                    .map(|v| ("dateline_date", v)),
            );
            fields.extend(
                f.and_then(|f| f.dateline_place.as_deref())
                    .map(|v| ("dateline_place", v)),
            );
            let hex = super::hex16(d);
            fields.push(("id", std::str::from_utf8(&hex).unwrap_or_default()));
            fields.extend(
                f.and_then(|f| f.publisher.as_deref())
                    .map(|v| ("publisher", v)),
            );
            fields.extend(meta.title.as_deref().map(|v| ("title", v)));
            fields.extend(meta.url.as_deref().map(|v| ("url", v)));
            s.push(b'{');
            if !authors.is_empty() {
                s.extend_from_slice(b"\"authors\":");
                json_list(s, authors.iter())?;
                s.push(b',');
            }
            for (k, (key, value)) in fields.iter().enumerate() {
                if k > 0 {
                    s.push(b',');
                }
                json_string(&mut *s, key)?;
                s.push(b':');
                json_string(&mut *s, value)?;
            }
            s.push(b'}');
            xml_text_bytes(w, s)?;
        }
        w.write_all(b"]")
    }

    /// `<data>` with the JSON in `scratch` as its text.
    fn scratch_data<W: Write>(&self, w: &mut W, key: &str) -> io::Result<()> {
        open(w, key)?;
        xml_text_bytes(w, &self.scratch)?;
        close(w)
    }
}

/// Writes GraphML with the default serializer.
pub fn write<W: Write>(graph: &KnowledgeGraph, options: &ExportOptions, w: W) -> io::Result<W> {
    GraphMlSerializer::new(options.clone()).serialize(graph, w)
}

/// ` name="value"`.
fn attribute<W: Write>(w: &mut W, name: &str, value: &str) -> io::Result<()> {
    attribute_parts(w, name, &[value])
}

/// ` name="value"` for a value given in parts. Values are constants and
/// file ids, which have nothing to escape; they are escaped all the same,
/// as text, which for attributes is what quick-xml did.
fn attribute_parts<W: Write>(w: &mut W, name: &str, parts: &[&str]) -> io::Result<()> {
    w.write_all(b" ")?;
    w.write_all(name.as_bytes())?;
    w.write_all(b"=\"")?;
    for p in parts {
        xml_text(w, p)?;
    }
    w.write_all(b"\"")
}

/// Opens `<data key=..>` on a new line at the depth of node and edge data.
fn open<W: Write>(w: &mut W, key: &str) -> io::Result<()> {
    w.write_all(b"\n      <data key=\"")?;
    w.write_all(key.as_bytes())?;
    w.write_all(b"\">")
}

fn close<W: Write>(w: &mut W) -> io::Result<()> {
    w.write_all(b"</data>")
}

/// One `<data key=..>value</data>`.
fn data<W: Write>(w: &mut W, key: &str, value: &str) -> io::Result<()> {
    open(w, key)?;
    xml_text(w, value)?;
    close(w)
}

fn uint_data<W: Write>(w: &mut W, key: &str, value: u64) -> io::Result<()> {
    open(w, key)?;
    w.write_all(itoa::Buffer::new().format(value).as_bytes())?;
    close(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Kind, Relation, Span};

    #[test]
    fn unsafe_ids_are_replaced_and_kept_as_data() {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("a b/c", Kind::Person, "A & B\r\n");
        g.upsert_node("place:x", Kind::Place, "X");
        let ev = Evidence {
            doc: DocId(0xd1),
            sentence: 2,
            span: Span::new(3, 9).into(),
            text: "line\r\nbreak".into(),
        };
        g.add_edge("a b/c", "place:x", Relation::LocatedIn, ev);
        let bytes = write(&g, &ExportOptions::default(), Vec::new()).expect("in memory");
        let s = String::from_utf8(bytes).expect("utf-8");
        assert!(s.contains("<node id=\"n0\">"), "{s}");
        assert!(s.contains("<data key=\"node_id\">a b/c</data>"), "{s}");
        assert!(s.contains("<data key=\"labels\">:Person</data>"), "{s}");
        assert!(s.contains("<data key=\"label\">located_in</data>"), "{s}");
        // CR as a character reference, so parsers do not fold it into LF.
        assert!(
            s.contains("<data key=\"n_label\">A &amp; B&#13;\n</data>"),
            "{s}"
        );
        assert!(
            s.contains("<edge id=\"e0\" source=\"n0\" target=\"place:x\">"),
            "{s}"
        );
        assert!(s.contains("<data key=\"weight\">1.0</data>"), "{s}");
        // Inside JSON lists, serde_json has already escaped it.
        assert!(s.contains("line\\r\\nbreak"), "{s}");
        assert!(!s.contains('\r'));
    }

    #[test]
    fn documents_are_one_graph_level_json_list() {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("place:x", Kind::Place, "X");
        g.documents.insert(
            DocId(0xb),
            crate::model::DocMeta {
                title: Some("Rain & <floods>".into()),
                furniture: Some(Box::new(crate::model::Furniture {
                    publisher: Some("Lagos \"Post\"".into()),
                    authors: vec!["Ana Ruiz".into()],
                    dateline_place: Some("Lagos".into()),
                    dateline_date: Some("--12-07".into()),
                })),
                ..Default::default()
            },
        );
        g.documents
            .insert(DocId(0xa), crate::model::DocMeta::default());
        let bytes = write(&g, &ExportOptions::default(), Vec::new()).expect("in memory");
        let s = String::from_utf8(bytes).expect("utf-8");
        assert!(
            s.contains("<key id=\"g_documents\" for=\"graph\" attr.name=\"documents\" attr.type=\"string\"/>"),
            "{s}"
        );
        // Graph data before the first node.
        let data = s.find("<data key=\"g_documents\">").expect("graph data");
        assert!(data < s.find("<node").expect("a node"), "{s}");
        let text = s[data..]
            .split_once('>')
            .and_then(|(_, rest)| rest.split_once("</data>"))
            .map(|(t, _)| t)
            .expect("data text");
        let json = quick_xml::escape::unescape(text).expect("XML text");
        let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(
            v,
            serde_json::json!([
                {"id": "000000000000000a"},
                {"authors": ["Ana Ruiz"], "dateline_date": "--12-07", "dateline_place": "Lagos",
                 "id": "000000000000000b", "publisher": "Lagos \"Post\"", "title": "Rain & <floods>"}
            ])
        );
    }
}
