//! Property tests for the exporters: adversarial names (markup, quotes,
//! backslash escapes, controls, right-to-left text, emoji, CJK, DOT
//! keywords) are exported in every format and read back with an
//! independent parser (quick-xml, serde_json, the `csv` crate, small DOT
//! and Cypher lexers written here), and must come back unchanged or with
//! the documented replacement.

use newsgraph::internals::{pg_text, slug};
use newsgraph::{
    Approx, DocId, DocMeta, EventKind, EventStatus, Evidence, Furniture, Kind, Quantity, Relation,
    Span, TimeValue,
};
use newsgraph::{EventInfo, KnowledgeGraph};
use newsgraph::{ExportOptions, Format};
use proptest::prelude::*;
use quick_xml::events::Event;
use std::collections::BTreeMap;

/// Pieces that break naive writers, one per known trap.
pub const NASTY: &[&str] = &[
    "<",
    ">",
    "&",
    "\"",
    "'",
    "\\",
    "\n",
    "\t",
    "\r",
    "\u{0}",
    "\u{7}",
    "\u{1B}",
    "\u{1F}",
    "\u{7F}",
    "\u{202E}",
    "مرحبا",
    "שלום",
    "😀",
    "👩‍👩‍👧",
    "北京",
    "東京都",
    "\\N",
    "\\G",
    "\\E",
    "\\T",
    "\\H",
    "\\L",
    "\\n",
    "\\\"",
    "node",
    "edge",
    "graph",
    "digraph",
    "subgraph",
    "strict",
    "NODE",
    "Strict",
    "&amp;",
    "]]>",
    "<!--",
    "@id",
    "{",
    "}",
    ";",
    "#",
    "/",
    "%41",
    " ",
    "--",
    "\u{FFFE}",
    "\u{FEFF}",
    "\u{200B}",
    "é",
    "Ωmega",
    "x",
];

/// Deterministic pseudo-random numbers (no dependency on proptest's RNG,
/// so the generated graph is the same in every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }
    fn name(&mut self) -> String {
        let parts = 1 + self.next() % 5;
        (0..parts)
            .map(|_| NASTY[self.next() % NASTY.len()])
            .collect::<Vec<_>>()
            .join("")
    }
}

/// A graph of `n` nodes with adversarial labels, aliases, ids (a quarter
/// not NMTOKEN-safe), events with times and quantities, documents with odd
/// titles, and about 2n edges of every relation.
pub fn adversarial_graph(n: usize) -> KnowledgeGraph {
    let mut rng = Lcg(42);
    let mut g = KnowledgeGraph::new();
    let docs: Vec<DocId> = (0..20)
        .map(|i| DocId::from_text(&format!("doc {i}")))
        .collect();
    for (i, d) in docs.iter().enumerate() {
        g.documents.insert(
            *d,
            DocMeta {
                title: Some(rng.name()),
                date: Some(if i % 3 == 0 {
                    "2021-07-30".into()
                } else {
                    rng.name()
                }),
                url: Some(format!("https://news.example/{i}?a=1&b=<2>")),
                // Every other document with furniture, names adversarial.
                furniture: (i % 2 == 0).then(|| {
                    Box::new(Furniture {
                        publisher: Some(rng.name()),
                        authors: vec![rng.name(), rng.name()],
                        dateline_place: Some(rng.name()),
                        dateline_date: Some(if i % 4 == 0 {
                            "--12-07".into()
                        } else {
                            rng.name()
                        }),
                    })
                }),
            },
        );
    }
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let kind = Kind::ALL[i % 4];
        let label = format!("{}{i}", rng.name());
        let id = if i % 4 == 1 {
            format!("{}{i}", rng.name())
        } else {
            format!("{}-{i}", slug(kind, &label))
        };
        let node = g.upsert_node(&id, kind, &label);
        node.mentions = (i % 50) as u64;
        node.aliases.insert(rng.name());
        node.documents.insert(docs[i % docs.len()]);
        node.documents.insert(docs[(i * 7) % docs.len()]);
        if kind == Kind::Event {
            node.event = Some(EventInfo {
                kind: EventKind::Withdrawal,
                status: EventStatus::ALL[i % EventStatus::ALL.len()],
                time: Some(TimeValue {
                    start: ["2020", "2020-09", "2020-09-09", "soon"][i % 4].into(),
                    end: (i % 8 == 3).then(|| "2021-01".to_string()),
                    text: rng.name(),
                }),
                time_text: None,
                agent_text: (i % 3 == 0).then(|| rng.name()),
                quantities: vec![Quantity {
                    value: [Some(1700.0), None, Some(f64::NAN), Some(2.5)][i % 4],
                    from: Some(5200.0),
                    to: Some(3500.0),
                    unit: rng.name(),
                    approx: [
                        Approx::Exact,
                        Approx::About,
                        Approx::AtLeast,
                        Approx::AtMost,
                    ][i % 4],
                    as_of: Some("2020-09".into()),
                    text: rng.name(),
                }],
                evidence: vec![evidence(&docs[i % docs.len()], i, &mut rng)],
            });
        }
        ids.push(id);
    }
    for i in 0..n {
        let a = &ids[i];
        let b = &ids[(i * 7 + 3) % n];
        let rel = Relation::ALL[i % Relation::ALL.len()];
        g.add_edge(a, b, rel, evidence(&docs[i % docs.len()], i, &mut rng));
        let c = &ids[(i + 1) % n];
        g.add_edge(
            a,
            c,
            Relation::CoMention,
            evidence(&docs[i % docs.len()], i, &mut rng),
        );
    }
    g
}

fn evidence(doc: &DocId, i: usize, rng: &mut Lcg) -> Evidence {
    Evidence {
        doc: *doc,
        sentence: (i % 40) as u32,
        span: Span::new(i, i + 10).into(),
        text: rng.name().into(),
    }
}

/// What GraphML and JSON-LD should give back for `s`.
fn xml_expected(s: &str) -> String {
    newsgraph::internals::xml_safe(s).into_owned()
}

/// What a DOT label should give back for `s`: CR, controls and U+FFFE/F
/// dropped, capped like the exporter caps.
fn dot_expected(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| !(c < ' ' && c != '\n' && c != '\t') && c != '\u{FFFE}' && c != '\u{FFFF}')
        .collect();
    newsgraph::internals::cap_text(&kept, newsgraph::internals::DOT_LABEL_CAP)
}

/// What the GraphML reader here gives back.
struct ReadBack {
    /// `label` by `node_id`.
    labels: BTreeMap<String, String>,
    /// The decoded `aliases` JSON list by `node_id`.
    aliases: BTreeMap<String, Vec<String>>,
    edges: usize,
}

/// Node labels and aliases, and the edge count, from GraphML.
fn graphml_read(xml: &[u8]) -> ReadBack {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut key = None::<String>;
    let mut text = String::new();
    let (mut label, mut node_id) = (None::<String>, None::<String>);
    let mut aliases = Vec::new();
    let mut out = BTreeMap::new();
    let mut alias_map = BTreeMap::new();
    let mut edges = 0;
    loop {
        match r.read_event_into(&mut buf).expect("well-formed GraphML") {
            Event::Start(e) if e.name().as_ref() == "data" => {
                let k = e
                    .try_get_attribute("key")
                    .expect("attribute")
                    .expect("data has a key");
                key = Some(k.value.to_string());
                text.clear();
            }
            Event::Start(e) if e.name().as_ref() == "edge" => edges += 1,
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().expect("valid reference") {
                    Some(c) => c,
                    None => match g.as_ref() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity {other:?}"),
                    },
                };
                text.push(c);
            }
            Event::End(e) if e.name().as_ref() == "data" => match key.take().as_deref() {
                Some("n_label") => label = Some(std::mem::take(&mut text)),
                Some("node_id") => node_id = Some(std::mem::take(&mut text)),
                Some("aliases") => {
                    aliases = serde_json::from_str(&text).expect("aliases are a JSON list");
                }
                _ => {}
            },
            Event::End(e) if e.name().as_ref() == "node" => {
                let id = node_id.take().expect("node_id");
                alias_map.insert(id.clone(), std::mem::take(&mut aliases));
                out.insert(id, label.take().expect("label"));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    ReadBack {
        labels: out,
        aliases: alias_map,
        edges,
    }
}

/// The unescaped contents of every quoted string in a DOT file, read by a
/// lexer independent of the exporter's `quote`.
fn dot_strings(dot: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = dot.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        loop {
            match chars.next() {
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some('\\') => s.push('\\'),
                    Some('"') => s.push('"'),
                    Some('n') => s.push('\n'),
                    other => panic!("unexpected escape {other:?} in {dot}"),
                },
                Some(c) => s.push(c),
                None => panic!("unterminated string"),
            }
        }
        out.push(s);
    }
    out
}

/// Every file of every format, by path, as bytes.
fn export_files(g: &KnowledgeGraph) -> Vec<(String, Vec<u8>)> {
    Format::ALL
        .into_iter()
        .flat_map(|f| newsgraph::export_files(f, g))
        .map(|file| {
            let bytes = file
                .write(g, &ExportOptions::default(), Vec::new())
                .expect("write to memory");
            (file.path().to_string(), bytes)
        })
        .collect()
}

/// Node names by id, and the number of edges, from the CSV files, read
/// with the `csv` crate.
fn csv_read(files: &[(String, Vec<u8>)]) -> (BTreeMap<String, String>, usize) {
    let mut names = BTreeMap::new();
    let mut edges = 0;
    for (path, bytes) in files {
        let Some(name) = path.strip_prefix("csv/").filter(|n| n.ends_with(".csv")) else {
            continue;
        };
        let mut r = csv::ReaderBuilder::new().from_reader(bytes.as_slice());
        let header = r.headers().expect("a header").clone();
        let records: Vec<csv::StringRecord> = r
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if name.starts_with("nodes_") {
            assert_eq!(&header[0], "id:ID");
            assert_eq!(&header[2], "name:string");
            for rec in records {
                assert_eq!(rec.len(), header.len(), "{name}: {rec:?}");
                names.insert(rec[0].to_string(), rec[2].to_string());
            }
        } else if name.starts_with("rels_") {
            assert_eq!(&header[0], ":START_ID");
            edges += records.len();
        }
    }
    (names, edges)
}

/// The string literals of a Cypher statement, unescaped by a lexer
/// independent of the exporter's.
fn cypher_strings(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        loop {
            match chars.next() {
                Some('"') => break,
                Some('\\') => match chars.next() {
                    Some('\\') => s.push('\\'),
                    Some('"') => s.push('"'),
                    Some('n') => s.push('\n'),
                    other => panic!("unexpected escape {other:?} in {line}"),
                },
                Some(c) => s.push(c),
                None => panic!("unterminated string in {line}"),
            }
        }
        out.push(s);
    }
    out
}

/// Node names by id, and the number of edges, from `graph.cypherl`: a
/// node statement's first two literals are its id and name.
fn cypher_read(text: &str) -> (BTreeMap<String, String>, usize) {
    let mut names = BTreeMap::new();
    let mut edges = 0;
    for line in text.split('\n').filter(|l| !l.is_empty()) {
        assert!(line.ends_with(");"), "{line}");
        assert!(!line.contains('\r'), "{line}");
        if line.starts_with("CREATE (:`") {
            let s = cypher_strings(line);
            names.insert(s[0].clone(), s[1].clone());
        } else {
            assert!(line.starts_with("MATCH (a:`"), "{line}");
            edges += 1;
        }
    }
    (names, edges)
}

/// Node labels by `node_id`, and the number of edges, from GEXF, read
/// with quick-xml, attribute values normalised as XML 1.0 says.
fn gexf_read(xml: &[u8]) -> (BTreeMap<String, String>, usize) {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut names = BTreeMap::new();
    let mut label = None::<String>;
    let mut edges = 0;
    let value = |e: &quick_xml::events::BytesStart<'_>, name: &str| -> Option<String> {
        e.try_get_attribute(name).expect("attribute").map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .expect("value")
                .into_owned()
        })
    };
    loop {
        match r.read_event_into(&mut buf).expect("well-formed GEXF") {
            Event::Start(e) if e.name().as_ref() == "node" => label = value(&e, "label"),
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "edge" => edges += 1,
            Event::Empty(e)
                if e.name().as_ref() == "attvalue"
                    && value(&e, "for").as_deref() == Some("node_id") =>
            {
                if let (Some(id), Some(l)) = (value(&e, "value"), label.take()) {
                    names.insert(id, l);
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    (names, edges)
}

fn export(format: Format, g: &KnowledgeGraph) -> Vec<u8> {
    newsgraph::export(format, g, &ExportOptions::default(), Vec::new()).expect("write to memory")
}

fn name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(NASTY).prop_map(str::to_string),
        any::<char>().prop_map(String::from),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn names_survive_every_format(
        names in prop::collection::vec((name(), name()), 1..8),
    ) {
        let mut g = KnowledgeGraph::new();
        let mut expected = BTreeMap::new();
        for (i, (id, label)) in names.iter().enumerate() {
            // Ids are arbitrary too; suffix keeps them distinct.
            let id = format!("{id}{i}");
            let node = g.upsert_node(&id, Kind::ALL[i % 4], label);
            // The alias is the label read backwards: as adversarial, and
            // distinct from the label.
            node.aliases.insert(format!("{}~", label.chars().rev().collect::<String>()));
            expected.insert(id, label.clone());
        }
        let ids: Vec<String> = expected.keys().cloned().collect();
        for w in ids.windows(2) {
            let ev = Evidence {
                doc: DocId(0xd),
                sentence: 0,
                span: Span::new(0, 1).into(),
                text: w[0].clone().into(),
            };
            g.add_edge(&w[0], &w[1], Relation::MetWith, ev);
        }

        let back = graphml_read(&export(Format::GraphMl, &g));
        prop_assert_eq!(back.edges, g.edge_count());
        let want: BTreeMap<String, String> = expected
            .iter()
            .map(|(k, v)| (xml_expected(k), xml_expected(v)))
            .collect();
        // Ids differing only by forbidden characters would collide after
        // replacement; compare only when they do not.
        if want.len() == expected.len() {
            prop_assert_eq!(&back.labels, &want);
            // Aliases travel as JSON, whose escapes keep the control
            // characters XML forbids; only U+FFFE/U+FFFF, which JSON leaves
            // as they are, are replaced.
            for n in g.nodes() {
                let want: Vec<String> = n
                    .aliases
                    .iter()
                    .map(|a| a.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}"))
                    .collect();
                prop_assert_eq!(back.aliases.get(&xml_expected(&n.id)), Some(&want));
            }
        }

        let json: serde_json::Value =
            serde_json::from_slice(&export(Format::JsonLd, &g)).expect("valid JSON");
        let graph = json["@graph"].as_array().expect("@graph");
        for (id, label) in &expected {
            let iri = ExportOptions::default().iri(id);
            let node = graph.iter().find(|o| o["@id"] == iri.as_str());
            prop_assert!(node.is_some(), "no node for {:?}", id);
            prop_assert_eq!(node.and_then(|n| n["name"].as_str()), Some(label.as_str()));
        }

        // JSON-LD → RDF in an independent processor: every IRI valid, every
        // name and alias a literal of its node, unchanged.
        let quads: Vec<oxrdf::Quad> = oxjsonld::JsonLdParser::new()
            .for_slice(&export(Format::JsonLd, &g))
            .collect::<Result<_, _>>()
            .map_err(|e| TestCaseError::fail(format!("oxjsonld: {e}")))?;
        let literal = |subject: &str, predicate: &str, want: &str| {
            quads.iter().any(|q| {
                matches!(&q.subject, oxrdf::NamedOrBlankNode::NamedNode(n) if n.as_str() == subject)
                    && q.predicate.as_str() == predicate
                    && matches!(&q.object, oxrdf::Term::Literal(l) if l.value() == want)
            })
        };
        for (id, label) in &expected {
            let iri = ExportOptions::default().iri(id);
            prop_assert!(literal(&iri, "http://schema.org/name", label), "name of {:?}", id);
            let node = g.node(id).expect("node");
            for alias in &node.aliases {
                prop_assert!(
                    literal(&iri, "http://schema.org/alternateName", alias),
                    "alias {:?}",
                    alias
                );
            }
        }

        let dot = String::from_utf8(export(Format::Dot, &g)).expect("utf-8");
        let strings = dot_strings(&dot);
        for label in expected.values() {
            let want = dot_expected(label);
            prop_assert!(strings.contains(&want), "label {:?} missing from DOT", want);
        }
        for line in dot.lines() {
            prop_assert!(!line.contains('\r'));
        }

        // GEXF: as GraphML.
        let (names, edges) = gexf_read(&export(Format::Gexf, &g));
        prop_assert_eq!(edges, g.edge_count());
        if want.len() == expected.len() {
            prop_assert_eq!(&names, &want);
        }

        // CSV and Cypher: NUL as U+FFFD, CR LF and CR as LF.
        let pg: BTreeMap<String, String> = expected
            .iter()
            .map(|(k, v)| (pg_text(k).into_owned(), pg_text(v).into_owned()))
            .collect();
        let files = export_files(&g);
        let (names, edges) = csv_read(&files);
        prop_assert_eq!(edges, g.edge_count());
        if pg.len() == expected.len() {
            prop_assert_eq!(&names, &pg);
        }
        // HTML: the data block reads back exactly, and no name adds a
        // script block or ends one (the page has four of its own).
        let html = String::from_utf8(export(Format::Html, &g)).expect("utf-8");
        prop_assert_eq!(html.matches("<script").count(), 4);
        prop_assert_eq!(html.matches("</script").count(), 4);
        let open = "<script type=\"application/json\" id=\"ng-data\">";
        let start = html.find(open).map(|i| i + open.len()).expect("data block");
        let len = html[start..].find("</script>").expect("end of data block");
        let data: serde_json::Value =
            serde_json::from_str(&html[start..start + len]).expect("valid JSON");
        let back: BTreeMap<String, String> = data["nodes"]
            .as_array()
            .expect("nodes")
            .iter()
            .map(|n| (n["id"].as_str().unwrap_or("").to_string(), n["l"].as_str().unwrap_or("").to_string()))
            .collect();
        prop_assert_eq!(&back, &expected);
        let cypher = String::from_utf8(export(Format::Cypher, &g)).expect("utf-8");
        let (names, edges) = cypher_read(&cypher);
        prop_assert_eq!(edges, g.edge_count());
        if pg.len() == expected.len() {
            prop_assert_eq!(&names, &pg);
        }
    }
}

proptest! {
    #[test]
    fn dot_quote_round_trips_through_an_independent_lexer(s in name()) {
        let quoted = newsgraph::internals::dot_quote(&s);
        let back = dot_strings(&quoted);
        let kept: String = s
            .chars()
            .filter(|&c| !(c < ' ' && c != '\n' && c != '\t') && c != '\u{FFFE}' && c != '\u{FFFF}')
            .collect();
        prop_assert_eq!(back, vec![kept]);
        // Nothing Graphviz would expand: every backslash is escaped or an
        // escape we chose.
        let inner = &quoted[1..quoted.len() - 1];
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                let next = chars.next();
                prop_assert!(matches!(next, Some('\\' | '"' | 'n')), "bare escape \\{:?}", next);
            } else {
                prop_assert!(c != '"', "unescaped quote in {}", quoted);
            }
        }
    }
}

#[test]
fn dot_quote_escapes_exactly_what_graphviz_reads() {
    use newsgraph::internals::dot_quote as quote;
    assert_eq!(quote("plain"), "\"plain\"");
    assert_eq!(quote("a\"b"), "\"a\\\"b\"");
    assert_eq!(quote("a\\b"), "\"a\\\\b\"");
    assert_eq!(quote("\\N"), "\"\\\\N\"");
    assert_eq!(quote("ends\\"), "\"ends\\\\\"");
    assert_eq!(quote("two\nlines\r\n"), "\"two\\nlines\\n\"");
    assert_eq!(quote("bell\u{7}nul\u{0}"), "\"bellnul\"");
    assert_eq!(quote("tab\there"), "\"tab\there\"");
    assert_eq!(quote("node"), "\"node\"");
    assert_eq!(quote("北京 😀 \u{202E}"), "\"北京 😀 \u{202E}\"");
    assert_eq!(quote(""), "\"\"");
}

#[test]
fn exports_do_not_depend_on_insertion_order() {
    let a = adversarial_graph(200);
    // The same graph built backwards: nodes and edges in reverse order.
    let mut b = KnowledgeGraph::new();
    b.documents = a.documents.clone();
    let nodes: Vec<_> = a.nodes().cloned().collect();
    for n in nodes.iter().rev() {
        *b.upsert_node(&n.id, n.kind, &n.label) = n.clone();
    }
    let edges: Vec<_> = a
        .edges()
        .map(|(s, t, e)| (s.id.clone(), t.id.clone(), e.clone()))
        .collect();
    for (s, t, e) in edges.iter().rev() {
        for ev in e.evidence.iter().rev() {
            b.add_edge(s, t, e.relation, ev.clone());
        }
    }
    assert_eq!(a.edge_count(), b.edge_count());
    let (fa, fb) = (export_files(&a), export_files(&b));
    assert_eq!(
        fa.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        fb.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in fa.iter().zip(&fb) {
        assert!(x == y, "{path} depends on order");
    }
}

#[test]
fn graphml_lists_all_nodes_before_edges_and_types_keys() {
    let g = adversarial_graph(40);
    let xml = String::from_utf8(export(Format::GraphMl, &g)).expect("utf-8");
    let last_node = xml.rfind("<node ").expect("nodes");
    let first_edge = xml.find("<edge ").expect("edges");
    assert!(last_node < first_edge);
    for line in xml.lines().filter(|l| l.trim_start().starts_with("<key ")) {
        // Never `for="all"`, which igraph drops; the document list is the
        // one graph-level key.
        assert!(
            line.contains("for=\"node\"")
                || line.contains("for=\"edge\"")
                || line.contains("id=\"g_documents\" for=\"graph\""),
            "{line}"
        );
        assert!(line.contains("attr.type=\""), "{line}");
        assert!(!line.contains("attr.name=\"id\""), "{line}");
    }
    let back = graphml_read(xml.as_bytes());
    assert_eq!(back.labels.len(), g.node_count());
    assert_eq!(back.edges, g.edge_count());
}

#[test]
fn jsonld_types_dates_roles_and_quantities() {
    let mut g = KnowledgeGraph::new();
    let d = DocId::from_text("a made-up article");
    g.documents.insert(
        d,
        DocMeta {
            title: Some("Ministers meet in Oslo".into()),
            date: Some("2019-03-02".into()),
            url: None,
            furniture: None,
        },
    );
    g.upsert_node("person:ana-ruiz", Kind::Person, "Ana Ruiz");
    g.upsert_node("place:oslo", Kind::Place, "Oslo");
    let ev = g.upsert_node("event:meeting-oslo", Kind::Event, "meeting in Oslo");
    ev.documents.insert(d);
    ev.event = Some(EventInfo {
        kind: EventKind::Meeting,
        status: EventStatus::Planned,
        time: Some(TimeValue {
            start: "2019-03".into(),
            end: None,
            text: "in March".into(),
        }),
        time_text: None,
        agent_text: None,
        quantities: vec![Quantity {
            value: Some(40.0),
            from: None,
            to: None,
            unit: "delegates".into(),
            approx: Approx::AtLeast,
            as_of: None,
            text: "more than 40 delegates".into(),
        }],
        evidence: vec![],
    });
    let e = |s| Evidence {
        doc: d,
        sentence: s,
        span: Span::new(0, 5).into(),
        text: "Ana Ruiz met them in Oslo.".into(),
    };
    g.add_edge("event:meeting-oslo", "place:oslo", Relation::Location, e(0));
    g.add_edge(
        "event:meeting-oslo",
        "person:ana-ruiz",
        Relation::Participant,
        e(0),
    );
    g.add_edge("person:ana-ruiz", "place:oslo", Relation::CoMention, e(1));

    let json: serde_json::Value =
        serde_json::from_slice(&export(Format::JsonLd, &g)).expect("JSON");
    let graph = json["@graph"].as_array().expect("@graph");
    let o = ExportOptions::default();
    let by_id = |iri: &str| graph.iter().find(|x| x["@id"] == iri).cloned();
    let event = by_id(&o.iri("event:meeting-oslo")).expect("event node");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["startDate"]["@type"], "xsd:gYearMonth");
    assert_eq!(event["location"][0], o.iri("place:oslo").as_str());
    assert_eq!(event["attendee"][0], o.iri("person:ana-ruiz").as_str());
    assert_eq!(event["quantity"][0]["minValue"], 40.0);
    assert_eq!(event["ng:location"][0]["@id"], o.iri("place:oslo").as_str());
    let doc = by_id(&o.document_iri(&d)).expect("document node");
    assert_eq!(doc["@type"], "NewsArticle");
    assert_eq!(doc["datePublished"]["@type"], "xsd:date");
    let relations: Vec<_> = graph
        .iter()
        .filter(|x| x["@type"][0] == "Statement")
        .collect();
    assert_eq!(relations.len(), 3);
    let co = relations
        .iter()
        .find(|r| {
            r["predicate"]
                .as_str()
                .is_some_and(|p| p.ends_with("#co_mention"))
        })
        .expect("co-mention relation node");
    assert_eq!(co["weight"], 1);
    assert_eq!(co["wasDerivedFrom"][0], o.document_iri(&d).as_str());
    // Co-mentions are relation nodes only, never direct triples.
    let ana = by_id(&o.iri("person:ana-ruiz")).expect("person");
    assert!(ana.get("ng:co_mention").is_none());

    let other = ExportOptions {
        base_iri: "http://other.example/kg#".into(),
    };
    let moved = String::from_utf8(
        newsgraph::export(Format::JsonLd, &g, &other, Vec::new()).expect("write"),
    )
    .expect("utf-8");
    assert!(moved.contains("\"http://other.example/kg#person/ana-ruiz\""));
    assert!(!moved.contains("newsgraph.example/id/"));
}

#[test]
fn an_empty_graph_is_still_a_valid_file_in_every_format() {
    let g = KnowledgeGraph::new();
    let back = graphml_read(&export(Format::GraphMl, &g));
    assert!(back.labels.is_empty() && back.edges == 0);
    let quads: Result<Vec<oxrdf::Quad>, _> = oxjsonld::JsonLdParser::new()
        .for_slice(&export(Format::JsonLd, &g))
        .collect();
    assert_eq!(quads.map(|q| q.len()).ok(), Some(0));
    let dot = String::from_utf8(export(Format::Dot, &g)).expect("utf-8");
    assert!(dot.starts_with("digraph ") && dot.trim_end().ends_with('}'));
    assert!(
        dot.contains("cluster_legend"),
        "the legend is drawn even with no nodes"
    );
    assert_eq!(gexf_read(&export(Format::Gexf, &g)), (BTreeMap::new(), 0));
    assert!(export(Format::Cypher, &g).is_empty());
    // No table: the loader scripts alone, which load nothing.
    let files = export_files(&g);
    let csv: Vec<&str> = files
        .iter()
        .filter(|(p, _)| p.starts_with("csv/"))
        .map(|(p, _)| p.as_str())
        .collect();
    assert_eq!(
        csv,
        [
            "csv/load-neo4j.sh",
            "csv/load-kuzu.cypher",
            "csv/load-falkordb.cypher",
            "csv/load-memgraph.cypherl"
        ]
    );
    assert_eq!(csv_read(&files), (BTreeMap::new(), 0));
}
