//! The round-trip check shared by the property tests (`tests/it/roundtrip.rs`)
//! and the fuzz targets (`fuzz/fuzz_targets/roundtrip_*.rs`, which include
//! this file by path): a graph is exported in every format and each file is
//! read back by a parser independent of the exporter (quick-xml for GraphML
//! and GEXF, serde_json and oxjsonld for JSON-LD and the HTML page's data
//! block, the csv crate for the property-graph CSV, and small lexers written
//! here for DOT and Cypher, for want of a well-kept DOT parser crate); each
//! must give the same nodes (id, kind, label) and the same edges (source,
//! relation, target), up to the replacements each format documents.
//!
//! Uses only `newsgraph`, `quick_xml`, `csv`, `serde_json`, `oxjsonld` and
//! `oxrdf`, which both the test suite and the fuzz crate depend on.

use newsgraph::internals::{DOT_LABEL_CAP, cap_text, pg_text, xml_safe};
use newsgraph::{ExportOptions, Format, KnowledgeGraph};
use quick_xml::events::{BytesStart, Event};
use std::collections::{BTreeMap, BTreeSet};

/// Nodes as id → (kind, label).
pub type Nodes = BTreeMap<String, (String, String)>;
/// Edges as (source id, relation, target id).
pub type Edges = BTreeSet<(String, String, String)>;

/// What a format gives back.
#[derive(Debug, Default, PartialEq)]
pub struct Read {
    pub nodes: Nodes,
    pub edges: Edges,
    /// Edges read, counting repeats (a set would hide a doubled edge).
    pub edge_count: usize,
}

/// The graph's own nodes and edges, each text passed through `text`
/// (and labels through `label`).
fn expected(
    g: &KnowledgeGraph,
    text: &dyn Fn(&str) -> String,
    label: &dyn Fn(&str) -> String,
) -> Read {
    let nodes: Nodes = g
        .nodes()
        .map(|n| (text(&n.id), (n.kind.to_string(), label(&n.label))))
        .collect();
    let edges: Edges = g
        .edges()
        .map(|(s, t, e)| (text(&s.id), e.relation.to_string(), text(&t.id)))
        .collect();
    Read {
        nodes,
        edges,
        edge_count: g.edge_count(),
    }
}

/// Compares what a format gave back with what it should. Ids that the
/// format's replacements make equal cannot be told apart: then only the
/// counts are compared.
fn same(format: &str, g: &KnowledgeGraph, want: Read, got: Read) -> Result<(), String> {
    if got.edge_count != want.edge_count || got.nodes.len() > want.nodes.len() {
        return Err(format!(
            "{format}: {} nodes and {} edges read back, {} and {} in the graph",
            got.nodes.len(),
            got.edge_count,
            want.nodes.len(),
            want.edge_count
        ));
    }
    if want.nodes.len() < g.node_count() {
        return Ok(());
    }
    if got.nodes != want.nodes {
        let diff: Vec<_> = want
            .nodes
            .iter()
            .filter(|(k, v)| got.nodes.get(*k) != Some(v))
            .take(3)
            .map(|(k, v)| format!("{k:?}: want {v:?}, got {:?}", got.nodes.get(k)))
            .collect();
        return Err(format!("{format}: nodes differ: {}", diff.join("; ")));
    }
    if got.edges != want.edges {
        let missing: Vec<_> = want.edges.difference(&got.edges).take(3).collect();
        let extra: Vec<_> = got.edges.difference(&want.edges).take(3).collect();
        return Err(format!(
            "{format}: edges differ: missing {missing:?}, extra {extra:?}"
        ));
    }
    Ok(())
}

/// Exports `g` in every format and checks each read back.
pub fn check(g: &KnowledgeGraph) -> Result<(), String> {
    let opts = ExportOptions::default();
    let one = |f: Format| -> Result<Vec<u8>, String> {
        newsgraph::export(f, g, &opts, Vec::new()).map_err(|e| format!("{f:?}: {e}"))
    };
    let xml = |s: &str| xml_safe(s).into_owned();
    let pg = |s: &str| pg_text(s).into_owned();
    let dot_label = |s: &str| cap_text(&dot_text(s), DOT_LABEL_CAP);
    let plain = |s: &str| s.to_string();

    same(
        "GraphML",
        g,
        expected(g, &xml, &xml),
        graphml(&one(Format::GraphMl)?)?,
    )?;
    same(
        "GEXF",
        g,
        expected(g, &xml, &xml),
        gexf(&one(Format::Gexf)?)?,
    )?;
    let jsonld_bytes = one(Format::JsonLd)?;
    same(
        "JSON-LD",
        g,
        expected(g, &plain, &plain),
        jsonld(&jsonld_bytes, g, &opts)?,
    )?;
    same(
        "JSON-LD as RDF",
        g,
        expected(g, &plain, &plain),
        rdf(&jsonld_bytes, g, &opts)?,
    )?;
    same(
        "DOT",
        g,
        expected(g, &plain, &dot_label),
        dot(&one(Format::Dot)?, g, &opts)?,
    )?;
    same(
        "Cypher",
        g,
        expected(g, &pg, &pg),
        cypher(&one(Format::Cypher)?)?,
    )?;
    same("CSV", g, expected(g, &pg, &pg), csv_files(g, &opts)?)?;
    same(
        "HTML",
        g,
        expected(g, &plain, &plain),
        html(&one(Format::Html)?)?,
    )?;
    Ok(())
}

/// What DOT keeps of a text: CR, the other C0 controls but tab and LF, and
/// U+FFFE/U+FFFF are dropped (Graphviz would pass them into SVG).
fn dot_text(s: &str) -> String {
    s.chars()
        .filter(|&c| !(c < ' ' && c != '\n' && c != '\t') && c != '\u{FFFE}' && c != '\u{FFFF}')
        .collect()
}

fn attr(e: &BytesStart<'_>, name: &str) -> Result<Option<String>, String> {
    match e.try_get_attribute(name) {
        Ok(Some(a)) => a
            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .map(|v| Some(v.into_owned()))
            .map_err(|e| format!("attribute {name}: {e}")),
        Ok(None) => Ok(None),
        Err(e) => Err(format!("attribute {name}: {e}")),
    }
}

/// Text content with entity and character references resolved.
fn push_ref(text: &mut String, g: &quick_xml::events::BytesRef<'_>) -> Result<(), String> {
    let c = match g.resolve_char_ref().map_err(|e| e.to_string())? {
        Some(c) => c,
        None => match g.as_ref() {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            other => return Err(format!("unknown entity {other:?}")),
        },
    };
    text.push(c);
    Ok(())
}

/// Element ids resolved to node ids: edges name nodes by element id.
fn resolve_edges(
    element_ids: &BTreeMap<String, String>,
    raw: Vec<(String, String, String)>,
    read: &mut Read,
) -> Result<(), String> {
    for (s, rel, t) in raw {
        let (Some(s), Some(t)) = (element_ids.get(&s), element_ids.get(&t)) else {
            return Err(format!("edge between unknown elements {s:?} and {t:?}"));
        };
        read.edge_count += 1;
        read.edges.insert((s.clone(), rel, t.clone()));
    }
    Ok(())
}

/// GraphML: `node_id`, `kind`, `n_label` of each node; `relation` of
/// each edge, whose ends are element ids.
pub fn graphml(bytes: &[u8]) -> Result<Read, String> {
    let mut r = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut read = Read::default();
    let (mut key, mut text) = (None::<String>, String::new());
    let mut data: BTreeMap<String, String> = BTreeMap::new();
    let mut element = None::<(String, Option<String>)>;
    let mut element_ids = BTreeMap::new();
    let mut raw_edges = Vec::new();
    loop {
        match r
            .read_event_into(&mut buf)
            .map_err(|e| format!("GraphML: {e}"))?
        {
            Event::Start(e) if e.name().as_ref() == "node" => {
                data.clear();
                element = Some((attr(&e, "id")?.unwrap_or_default(), None));
            }
            Event::Start(e) if e.name().as_ref() == "edge" => {
                data.clear();
                element = Some((attr(&e, "source")?.unwrap_or_default(), attr(&e, "target")?));
            }
            Event::Start(e) if e.name().as_ref() == "data" => {
                key = attr(&e, "key")?;
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(_) => return Err("GraphML: CDATA, which we never write".into()),
            Event::GeneralRef(g) => push_ref(&mut text, &g)?,
            Event::End(e) if e.name().as_ref() == "data" => {
                if let Some(k) = key.take() {
                    data.insert(k, std::mem::take(&mut text));
                }
            }
            Event::End(e) if e.name().as_ref() == "node" => {
                let (element_id, _) = element.take().unwrap_or_default();
                let id = data
                    .remove("node_id")
                    .ok_or("GraphML: node without node_id")?;
                let kind = data.remove("kind").unwrap_or_default();
                let label = data.remove("n_label").unwrap_or_default();
                element_ids.insert(element_id, id.clone());
                read.nodes.insert(id, (kind, label));
            }
            Event::End(e) if e.name().as_ref() == "edge" => {
                let (s, t) = element.take().unwrap_or_default();
                let rel = data.remove("relation").unwrap_or_default();
                raw_edges.push((s, rel, t.unwrap_or_default()));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    resolve_edges(&element_ids, raw_edges, &mut read)?;
    Ok(read)
}

/// GEXF: the `label` attribute and the `node_id` and `kind` attvalues of
/// each node; the `relation` attvalue of each edge.
pub fn gexf(bytes: &[u8]) -> Result<Read, String> {
    let mut r = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut read = Read::default();
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    let mut current = None::<(bool, String, String, String)>;
    let mut element_ids = BTreeMap::new();
    let mut raw_edges = Vec::new();
    loop {
        let ev = r
            .read_event_into(&mut buf)
            .map_err(|e| format!("GEXF: {e}"))?;
        let (start, empty) = match &ev {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.name().as_ref() {
                "node" | "edge" => {
                    values.clear();
                    let is_node = e.name().as_ref() == "node";
                    current = Some(if is_node {
                        (
                            true,
                            attr(&e, "id")?.unwrap_or_default(),
                            attr(&e, "label")?.unwrap_or_default(),
                            String::new(),
                        )
                    } else {
                        (
                            false,
                            attr(&e, "source")?.unwrap_or_default(),
                            String::new(),
                            attr(&e, "target")?.unwrap_or_default(),
                        )
                    });
                    if empty {
                        return Err("GEXF: node or edge without attvalues".into());
                    }
                }
                "attvalue" => {
                    if let (Some(k), Some(v)) = (attr(&e, "for")?, attr(&e, "value")?) {
                        values.insert(k, v);
                    }
                }
                _ => {}
            }
        }
        match ev {
            Event::End(e) if e.name().as_ref() == "node" => {
                if let Some((_, element, label, _)) = current.take() {
                    let id = values
                        .remove("node_id")
                        .ok_or("GEXF: node without node_id")?;
                    let kind = values.remove("kind").unwrap_or_default();
                    element_ids.insert(element, id.clone());
                    read.nodes.insert(id, (kind, label));
                }
            }
            Event::End(e) if e.name().as_ref() == "edge" => {
                if let Some((_, s, _, t)) = current.take() {
                    let rel = values.remove("relation").unwrap_or_default();
                    raw_edges.push((s, rel, t));
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    resolve_edges(&element_ids, raw_edges, &mut read)?;
    Ok(read)
}

/// Node id by IRI, from the graph (the IRIs are minted from the ids).
fn ids_by_iri(g: &KnowledgeGraph, opts: &ExportOptions) -> BTreeMap<String, String> {
    g.nodes().map(|n| (opts.iri(&n.id), n.id.clone())).collect()
}

/// JSON-LD read as plain JSON: objects with a `kind` are nodes (`@id`,
/// `name`); `Statement`s are edges (`subject`, `predicate`, `object`).
pub fn jsonld(bytes: &[u8], g: &KnowledgeGraph, opts: &ExportOptions) -> Result<Read, String> {
    let doc: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("JSON-LD: {e}"))?;
    let ids = ids_by_iri(g, opts);
    let id_of = |iri: &serde_json::Value| -> Result<String, String> {
        let iri = iri.as_str().unwrap_or_default();
        ids.get(iri)
            .cloned()
            .ok_or_else(|| format!("JSON-LD: unknown IRI {iri:?}"))
    };
    let vocab = "https://newsgraph.example/vocab#";
    let mut read = Read::default();
    for o in doc["@graph"].as_array().ok_or("JSON-LD: no @graph")? {
        let types = o["@type"].to_string();
        if types.contains("\"Statement\"") {
            let pred = o["predicate"].as_str().unwrap_or_default();
            let rel = pred.strip_prefix(vocab).unwrap_or(pred).to_string();
            read.edges
                .insert((id_of(&o["subject"])?, rel, id_of(&o["object"])?));
            read.edge_count += 1;
        } else if let Some(kind) = o["kind"].as_str() {
            let label = o["name"].as_str().unwrap_or_default().to_string();
            read.nodes
                .insert(id_of(&o["@id"])?, (kind.to_string(), label));
        }
    }
    Ok(read)
}

/// JSON-LD read as RDF by oxjsonld: nodes are subjects with an `ng:kind`
/// and a `schema:name`; edges are `rdf:Statement`s.
pub fn rdf(bytes: &[u8], g: &KnowledgeGraph, opts: &ExportOptions) -> Result<Read, String> {
    let quads: Vec<oxrdf::Quad> = oxjsonld::JsonLdParser::new()
        .for_slice(bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| format!("oxjsonld: {e}"))?;
    let ids = ids_by_iri(g, opts);
    let rdf_ns = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    let vocab = "https://newsgraph.example/vocab#";
    // Subject → predicate → objects (IRIs and literal values alike).
    let mut by_subject: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for q in &quads {
        let oxrdf::NamedOrBlankNode::NamedNode(s) = &q.subject else {
            continue;
        };
        let object = match &q.object {
            oxrdf::Term::NamedNode(n) => n.as_str().to_string(),
            oxrdf::Term::Literal(l) => l.value().to_string(),
            _ => continue,
        };
        by_subject
            .entry(s.as_str().to_string())
            .or_default()
            .entry(q.predicate.as_str().to_string())
            .or_default()
            .push(object);
    }
    let mut read = Read::default();
    let first = |p: &BTreeMap<String, Vec<String>>, key: &str| -> Option<String> {
        p.get(key).and_then(|v| v.first()).cloned()
    };
    for (s, props) in &by_subject {
        let statement = props
            .get(&format!("{rdf_ns}type"))
            .is_some_and(|t| t.iter().any(|t| *t == format!("{rdf_ns}Statement")));
        if statement {
            let end = |key: &str| -> Result<String, String> {
                let iri = first(props, &format!("{rdf_ns}{key}")).unwrap_or_default();
                ids.get(&iri)
                    .cloned()
                    .ok_or_else(|| format!("RDF: statement {s} {key} {iri:?} is no node"))
            };
            let pred = first(props, &format!("{rdf_ns}predicate")).unwrap_or_default();
            let rel = pred.strip_prefix(vocab).unwrap_or(&pred).to_string();
            read.edges.insert((end("subject")?, rel, end("object")?));
            read.edge_count += 1;
        } else if let (Some(kind), Some(id)) = (first(props, &format!("{vocab}kind")), ids.get(s)) {
            let names = props
                .get("http://schema.org/name")
                .cloned()
                .unwrap_or_default();
            if names.len() != 1 {
                return Err(format!("RDF: {s} has {} names", names.len()));
            }
            let label = names.into_iter().next().unwrap_or_default();
            read.nodes.insert(id.clone(), (kind, label));
        }
    }
    Ok(read)
}

/// A DOT token: a quoted string (unescaped), a bare word, or punctuation.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(String),
    Word(String),
    Punct(char),
    Arrow,
}

/// The rest of a double-quoted string after its opening quote, unescaped:
/// `\\`, `\"` and `\n` are the escapes DOT and Cypher output use; any
/// other escape is an error here.
fn quoted(chars: &mut impl Iterator<Item = char>, what: &str) -> Result<String, String> {
    let mut s = String::new();
    loop {
        match chars.next() {
            Some('"') => return Ok(s),
            Some('\\') => match chars.next() {
                Some('\\') => s.push('\\'),
                Some('"') => s.push('"'),
                Some('n') => s.push('\n'),
                other => return Err(format!("{what}: unexpected escape {other:?}")),
            },
            Some(c) => s.push(c),
            None => return Err(format!("{what}: unterminated string")),
        }
    }
}

/// DOT's tokens, by a lexer independent of the exporter's quoting:
/// `\\`, `\"` and `\n` are the escapes it writes; any other escape is an
/// error here.
fn dot_tokens(dot: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut chars = dot.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push(Tok::Str(quoted(&mut chars, "DOT")?)),
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                out.push(Tok::Arrow);
            }
            c if c.is_alphanumeric() || c == '_' || c == '.' || c == '-' => {
                let mut w = String::from(c);
                while let Some(&n) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' || n == '.' {
                        w.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok::Word(w));
            }
            c if c.is_whitespace() => {}
            c => out.push(Tok::Punct(c)),
        }
    }
    Ok(out)
}

/// DOT: statements at the top level of the digraph (the legend's
/// subgraph skipped); a node's kind is told by its shape, and its id by
/// its `iri` attribute (DOT names nodes by their ids only when those are
/// plain, `n0`, `n1`... otherwise).
pub fn dot(bytes: &[u8], g: &KnowledgeGraph, opts: &ExportOptions) -> Result<Read, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("DOT: {e}"))?;
    if text.contains('\r') {
        return Err("DOT: a CR in the file".into());
    }
    let toks = dot_tokens(text)?;
    let open = toks
        .iter()
        .position(|t| *t == Tok::Punct('{'))
        .ok_or("DOT: no body")?;
    let mut read = Read::default();
    let mut depth = 0usize;
    let mut stmt: Vec<Tok> = Vec::new();
    let ids = ids_by_iri(g, opts);
    let mut element_ids = BTreeMap::new();
    let mut raw_edges = Vec::new();
    for t in toks.iter().skip(open + 1) {
        match t {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') if depth > 0 => {
                depth -= 1;
                stmt.clear();
            }
            Tok::Punct('}') => break,
            Tok::Punct(';') if depth == 0 => {
                let st = std::mem::take(&mut stmt);
                dot_statement(&st, &ids, &mut element_ids, &mut raw_edges, &mut read)?;
            }
            _ if depth == 0 => stmt.push(t.clone()),
            _ => {}
        }
    }
    resolve_edges(&element_ids, raw_edges, &mut read)?;
    Ok(read)
}

/// One top-level DOT statement: `"a" [attrs]` or `"a" -> "b" [attrs]`;
/// `graph`, `node` and `edge` defaults are skipped.
fn dot_statement(
    stmt: &[Tok],
    ids: &BTreeMap<String, String>,
    element_ids: &mut BTreeMap<String, String>,
    raw_edges: &mut Vec<(String, String, String)>,
    read: &mut Read,
) -> Result<(), String> {
    let attrs = |from: usize| -> BTreeMap<String, String> {
        let mut m = BTreeMap::new();
        let mut i = from;
        while i + 2 < stmt.len() {
            if let (Tok::Word(k), Tok::Punct('='), Tok::Str(v) | Tok::Word(v)) =
                (&stmt[i], &stmt[i + 1], &stmt[i + 2])
            {
                m.insert(k.clone(), v.clone());
                i += 3;
            } else {
                i += 1;
            }
        }
        m
    };
    match stmt {
        [Tok::Str(a), Tok::Arrow, Tok::Str(b), ..] => {
            let rel = attrs(3).remove("relation").unwrap_or_default();
            raw_edges.push((a.clone(), rel, b.clone()));
        }
        [Tok::Str(id), ..] => {
            let mut m = attrs(1);
            let kind = match m.get("shape").map(String::as_str) {
                Some("ellipse") => "person",
                Some("box") => "group",
                Some("hexagon") => "place",
                Some("octagon") => "event",
                other => return Err(format!("DOT: node {id:?} with shape {other:?}")),
            };
            let label = m.remove("label").unwrap_or_default();
            let iri = m.remove("iri").unwrap_or_default();
            let node = ids
                .get(&iri)
                .ok_or_else(|| format!("DOT: node {id:?} with unknown IRI {iri:?}"))?;
            element_ids.insert(id.clone(), node.clone());
            read.nodes.insert(node.clone(), (kind.to_string(), label));
        }
        [Tok::Word(w), ..] if matches!(w.as_str(), "graph" | "node" | "edge") => {}
        [] => {}
        other => return Err(format!("DOT: unexpected statement {other:?}")),
    }
    Ok(())
}

/// The string literals of a Cypher statement, unescaped (`\\`, `\"`,
/// `\n`), and its backquoted names.
fn cypher_literals(line: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let (mut strings, mut names) = (Vec::new(), Vec::new());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => strings.push(quoted(&mut chars, "Cypher")?),
            '`' => {
                let mut s = String::new();
                loop {
                    match chars.next() {
                        Some('`') => break,
                        Some(c) => s.push(c),
                        None => return Err("Cypher: unterminated name".into()),
                    }
                }
                names.push(s);
            }
            _ => {}
        }
    }
    Ok((strings, names))
}

/// `graph.cypherl`: one `CREATE` per node (`id`, `name`, `kind` its first
/// literals) and one `MATCH ... CREATE` per edge (the two ids, then the
/// relation).
pub fn cypher(bytes: &[u8]) -> Result<Read, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("Cypher: {e}"))?;
    let mut read = Read::default();
    for line in text.split('\n').filter(|l| !l.is_empty()) {
        if !line.ends_with(");") || line.contains('\r') {
            return Err(format!("Cypher: bad statement end: {line}"));
        }
        let (s, names) = cypher_literals(line)?;
        if line.starts_with("CREATE (:`") {
            match (s.first(), s.get(1), s.get(2)) {
                (Some(id), Some(name), Some(kind)) => {
                    read.nodes.insert(id.clone(), (kind.clone(), name.clone()));
                }
                _ => return Err(format!("Cypher: short node statement: {line}")),
            }
        } else if line.starts_with("MATCH (a:`") {
            match (s.first(), s.get(1), s.get(2)) {
                (Some(a), Some(b), Some(rel)) => {
                    if names.iter().all(|n| n != rel) {
                        return Err(format!("Cypher: relation {rel:?} is not the type: {line}"));
                    }
                    read.edges.insert((a.clone(), rel.clone(), b.clone()));
                    read.edge_count += 1;
                }
                _ => return Err(format!("Cypher: short edge statement: {line}")),
            }
        } else {
            return Err(format!("Cypher: unknown statement: {line}"));
        }
    }
    Ok(read)
}

/// The CSV folder, read with the csv crate: `nodes_*.csv` (id, name,
/// kind) and `rels_*.csv` (start, end, relation).
pub fn csv_files(g: &KnowledgeGraph, opts: &ExportOptions) -> Result<Read, String> {
    let mut read = Read::default();
    for file in newsgraph::export_files(Format::Csv, g) {
        let path = file.path().to_string();
        let Some(name) = path.strip_prefix("csv/").filter(|n| n.ends_with(".csv")) else {
            continue;
        };
        let bytes = file
            .write(g, opts, Vec::new())
            .map_err(|e| format!("{path}: {e}"))?;
        let mut r = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
        let header = r.headers().map_err(|e| format!("{path}: {e}"))?.clone();
        let col = |h: &str| header.iter().position(|c| c == h);
        for rec in r.records() {
            let rec = rec.map_err(|e| format!("{path}: {e}"))?;
            let field =
                |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or_default().to_string();
            if name.starts_with("nodes_") {
                read.nodes.insert(
                    field(col("id:ID")),
                    (field(col("kind:string")), field(col("name:string"))),
                );
            } else if name.starts_with("rels_") {
                read.edges.insert((
                    field(col(":START_ID")),
                    field(col("relation:string")),
                    field(col(":END_ID")),
                ));
                read.edge_count += 1;
            }
        }
    }
    Ok(read)
}

/// The HTML page's data block, read with serde_json: nodes (`id`, `l`, `k`
/// an index into `kinds`), edges (`[source, target, relation index]`),
/// kinds and relations objects with a `name`.
pub fn html(bytes: &[u8]) -> Result<Read, String> {
    let page = std::str::from_utf8(bytes).map_err(|e| format!("HTML: {e}"))?;
    let open = "<script type=\"application/json\" id=\"ng-data\">";
    let start = page
        .find(open)
        .map(|i| i + open.len())
        .ok_or("HTML: no data")?;
    let len = page[start..]
        .find("</script>")
        .ok_or("HTML: data not closed")?;
    let data: serde_json::Value =
        serde_json::from_str(&page[start..start + len]).map_err(|e| format!("HTML: {e}"))?;
    let name = |list: &str, v: &serde_json::Value| -> String {
        v.as_u64()
            .and_then(|i| data[list].get(i as usize))
            .and_then(|k| k["name"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let mut read = Read::default();
    let nodes = data["nodes"].as_array().ok_or("HTML: no nodes")?;
    let mut ids = Vec::new();
    for n in nodes {
        let id = n["id"].as_str().unwrap_or_default().to_string();
        let label = n["l"].as_str().unwrap_or_default().to_string();
        read.nodes
            .insert(id.clone(), (name("kinds", &n["k"]), label));
        ids.push(id);
    }
    for e in data["edges"].as_array().ok_or("HTML: no edges")? {
        let end = |i: usize| {
            e[i].as_u64()
                .and_then(|x| ids.get(x as usize))
                .cloned()
                .ok_or_else(|| format!("HTML: edge end {:?}", e[i]))
        };
        read.edges
            .insert((end(0)?, name("relations", &e[2]), end(1)?));
        read.edge_count += 1;
    }
    Ok(read)
}
