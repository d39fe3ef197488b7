//! GraphML for Gephi, networkx, igraph, yEd and Neo4j's APOC.
//!
//! Built to pass the GraphML XSD and the readers' quirks (see
//! `docs/formats.md` in the shared folder): every key has an explicit
//! `for`, an `attr.name` and an `attr.type`; no key is named `id`; all
//! nodes come before all edges; ids are NMTOKENs (a node whose own id is
//! not one gets `n{k}`, and its own id stays in the `node_id` data key).
//! Lists are JSON strings so that any name survives (JSON escapes even the
//! control characters XML forbids); document ids (hex) are `;`-joined. XML escaping is quick-xml's; the characters XML forbids
//! become U+FFFD ([`super::xml_safe`]) and CR is written as `&#13;` so
//! that parsers do not turn it into LF.

use super::{ExportOptions, KindStyle, file_ids, join_docs, node_size, xml_safe};
use crate::graph::{KnowledgeGraph, Node};
use crate::model::Evidence;
use quick_xml::Writer;
use quick_xml::escape::escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use std::io::{self, Write};

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
/// ids but the same `attr.name`, which Gephi recognises.
const KEYS: &[Key] = &[
    key("label", "node", "label", "string"),
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
    key("start", "node", "start", "string"),
    key("end", "node", "end", "string"),
    key("time_text", "node", "time_text", "string"),
    key("quantities", "node", "quantities", "string"),
    key("quantity_value", "node", "quantity_value", "double"),
    key("quantity_from", "node", "quantity_from", "double"),
    key("quantity_to", "node", "quantity_to", "double"),
    key("quantity_unit", "node", "quantity_unit", "string"),
    key("node_evidence", "node", "evidence", "string"),
    key("e_label", "edge", "label", "string"),
    key("relation", "edge", "relation", "string"),
    key("typed", "edge", "typed", "boolean"),
    key("weight", "edge", "weight", "double"),
    key("e_documents", "edge", "documents", "string"),
    key("evidence", "edge", "evidence", "string"),
    key("edge_id", "edge", "edge_id", "string"),
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
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        let mut x = Writer::new_with_indent(w, b' ', 2);
        x.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new("graphml");
        root.push_attribute(("xmlns", GRAPHML_NS));
        root.push_attribute(("xmlns:xsi", XSI_NS));
        root.push_attribute(("xsi:schemaLocation", SCHEMA_LOCATION));
        x.write_event(Event::Start(root))?;
        for k in KEYS {
            let mut e = BytesStart::new("key");
            e.push_attribute(("id", k.id));
            e.push_attribute(("for", k.domain));
            e.push_attribute(("attr.name", k.name));
            e.push_attribute(("attr.type", k.ty));
            x.write_event(Event::Empty(e))?;
        }
        let mut g = BytesStart::new("graph");
        g.push_attribute(("id", "G"));
        g.push_attribute(("edgedefault", "directed"));
        x.write_event(Event::Start(g))?;

        let ids = file_ids(graph);
        for n in graph.nodes() {
            let id = ids.get(&n.id);
            self.node(&mut x, id, n)?;
        }
        for (i, (s, t, e)) in graph.edges().enumerate() {
            let (sid, tid) = (ids.get(&s.id), ids.get(&t.id));
            let eid = format!("e{i}");
            let mut el = BytesStart::new("edge");
            el.push_attribute(("id", eid.as_str()));
            el.push_attribute(("source", sid));
            el.push_attribute(("target", tid));
            x.write_event(Event::Start(el))?;
            data(&mut x, "e_label", e.relation.as_str())?;
            data(&mut x, "relation", e.relation.as_str())?;
            data(
                &mut x,
                "typed",
                if e.relation.is_typed() {
                    "true"
                } else {
                    "false"
                },
            )?;
            data(&mut x, "weight", &format!("{:.1}", e.count as f64))?;
            data(&mut x, "e_documents", &join_docs(&e.documents, usize::MAX))?;
            data(&mut x, "evidence", &evidence_json(&e.evidence))?;
            data(&mut x, "edge_id", &eid)?;
            x.write_event(Event::End(BytesEnd::new("edge")))?;
        }
        x.write_event(Event::End(BytesEnd::new("graph")))?;
        x.write_event(Event::End(BytesEnd::new("graphml")))?;
        let mut w = x.into_inner();
        w.write_all(b"\n")?;
        Ok(w)
    }

    fn node<W: Write>(&self, x: &mut Writer<W>, id: &str, n: &Node) -> io::Result<()> {
        let mut el = BytesStart::new("node");
        el.push_attribute(("id", id));
        x.write_event(Event::Start(el))?;
        let style = KindStyle::of(n.kind);
        data(x, "label", &n.label)?;
        data(x, "node_id", &n.id)?;
        data(x, "kind", n.kind.as_str())?;
        data(x, "mentions", &n.mentions.min(i32::MAX as u64).to_string())?;
        data(x, "documents", &join_docs(&n.documents, usize::MAX))?;
        data(x, "aliases", &json_list(n.aliases.iter()))?;
        if !n.roles.is_empty() {
            data(
                x,
                "roles",
                &json_list(n.roles.iter().map(|r| r.to_string())),
            )?;
        }
        data(x, "iri", &self.options.iri(&n.id))?;
        data(x, "r", &style.rgb.0.to_string())?;
        data(x, "g", &style.rgb.1.to_string())?;
        data(x, "b", &style.rgb.2.to_string())?;
        data(x, "color", &style.hex())?;
        data(x, "size", &format!("{:.3}", node_size(n.mentions)))?;
        if let Some(ev) = &n.event {
            data(x, "event_type", ev.kind.as_str())?;
            if let Some(t) = &ev.time {
                data(x, "start", &t.start)?;
                if let Some(end) = &t.end {
                    data(x, "end", end)?;
                }
            }
            if let Some(t) = ev.time_text.as_ref().or(ev.time.as_ref().map(|t| &t.text)) {
                data(x, "time_text", t)?;
            }
            if !ev.quantities.is_empty() {
                let q = serde_json::to_string(&ev.quantities).map_err(io::Error::other)?;
                data(x, "quantities", &q)?;
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
                        data(x, k, &format!("{v:?}"))?;
                    }
                }
                data(x, "quantity_unit", &q.unit)?;
            }
            if !ev.evidence.is_empty() {
                data(x, "node_evidence", &evidence_json(&ev.evidence))?;
            }
        }
        x.write_event(Event::End(BytesEnd::new("node")))
    }
}

/// Writes GraphML with the default serializer.
pub fn write<W: Write>(graph: &KnowledgeGraph, options: &ExportOptions, w: W) -> io::Result<W> {
    GraphMlSerializer::new(options.clone()).serialize(graph, w)
}

/// One `<data key=..>value</data>`.
fn data<W: Write>(x: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    let mut el = BytesStart::new("data");
    el.push_attribute(("key", key));
    x.write_event(Event::Start(el))?;
    let escaped = escape(xml_safe(value));
    // XML parsers turn a literal CR into LF; a character reference survives.
    let text = if escaped.contains('\r') {
        escaped.replace('\r', "&#13;").into()
    } else {
        escaped
    };
    x.write_event(Event::Text(BytesText::from_escaped(text)))?;
    x.write_event(Event::End(BytesEnd::new("data")))
}

fn json_list<I, S>(items: I) -> String
where
    I: Iterator<Item = S>,
    S: AsRef<str>,
{
    let v: Vec<String> = items.map(|s| s.as_ref().to_string()).collect();
    serde_json::Value::from(v).to_string()
}

/// Evidence as a JSON array of `{doc, sentence, start, end, text}`.
fn evidence_json(evidence: &[Evidence]) -> String {
    let v: Vec<serde_json::Value> = evidence
        .iter()
        .map(|e| {
            serde_json::json!({
                "doc": e.doc.hex(),
                "sentence": e.sentence,
                "start": e.span.start,
                "end": e.span.end,
                "text": e.text,
            })
        })
        .collect();
    serde_json::Value::from(v).to_string()
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
            span: Span::new(3, 9),
            text: "line\r\nbreak".into(),
        };
        g.add_edge("a b/c", "place:x", Relation::LocatedIn, ev);
        let bytes = write(&g, &ExportOptions::default(), Vec::new()).expect("in memory");
        let s = String::from_utf8(bytes).expect("utf-8");
        assert!(s.contains("<node id=\"n0\">"), "{s}");
        assert!(s.contains("<data key=\"node_id\">a b/c</data>"), "{s}");
        // CR as a character reference, so parsers do not fold it into LF.
        assert!(
            s.contains("<data key=\"label\">A &amp; B&#13;\n</data>"),
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
}
