//! A self-contained HTML page (`graph.html`) for readers without Gephi:
//! the graph drawn with cytoscape.js, a timeline of the dated events, and
//! plain lists of entities and events that screen readers, text search
//! and tests see without running a script.
//!
//! Everything is inline: the vendored library (`vendor/cytoscape/`, with
//! its MIT licence in a comment before it), the page's own script and
//! style (`html/`), and the graph as JSON in a `<script
//! type="application/json">` block. A Content-Security-Policy of
//! `default-src 'none'` forbids the page any request, so it works offline
//! and leaks nothing. The page draws only the busiest nodes first and lets
//! the reader add more, so a graph of many thousands of nodes opens in
//! seconds.
//!
//! Text from the input is escaped twice over, for where it lands: in HTML
//! text `&<>"'` become references and the C0 controls HTML forbids become
//! U+FFFD (�); in the JSON block `<`, `>` and `&` are written as `\u003c`,
//! `\u003e`, `\u0026`, so no name can close the block or open a comment.
//! The script puts names on the page as text, never as markup.
//!
//! Evidence sentences are written once each, in a table the edges and
//! events point into. A span narrower than its sentence is placed in it
//! ([`place_span`]) and written as the UTF-16 offsets JavaScript counts;
//! otherwise the page highlights the names of what the evidence joins.

use super::{ExportOptions, KindStyle, WRITE_BUFFER, hex16, node_size};
use crate::graph::{KnowledgeGraph, Node};
use crate::model::{DocId, EventStatus, Evidence, Kind, Quantity, Relation};
use serde::Serialize;
use std::collections::HashMap;
use std::io::{self, BufWriter, Write};

/// cytoscape.js 3.35.0 from the npm registry (`dist/cytoscape.min.js`).
const CYTOSCAPE: &str = include_str!("vendor/cytoscape/cytoscape.min.js");
/// Its licence (MIT), copied into the page with it.
const CYTOSCAPE_LICENSE: &str = include_str!("vendor/cytoscape/LICENSE");
const PAGE_JS: &str = include_str!("html/page.js");
const PAGE_CSS: &str = include_str!("html/page.css");

/// Forbids every request: no script, style, image, font or connection
/// from anywhere but the page itself.
const CSP: &str = "default-src 'none'; script-src 'unsafe-inline'; \
                   style-src 'unsafe-inline'; img-src data: blob:";

/// Counts script errors and blocked requests into attributes of `<html>`
/// as they happen, before any other script runs, so that a test (or a
/// reader with the inspector) sees them even if the page script fails.
const WATCH_JS: &str = "(function(){var h=document.documentElement;\
h.dataset.errors='0';h.dataset.blocked='0';\
window.addEventListener('error',function(e){h.dataset.errors=String(+h.dataset.errors+1);\
h.dataset.lastError=String(e.message||e.type);});\
document.addEventListener('securitypolicyviolation',function(){\
h.dataset.blocked=String(+h.dataset.blocked+1);});})();";

/// Writes the page; build with [`HtmlSerializer::new`], then
/// [`HtmlSerializer::serialize`].
#[derive(Debug, Clone, Default)]
pub struct HtmlSerializer {
    options: ExportOptions,
}

impl HtmlSerializer {
    pub fn new(options: ExportOptions) -> Self {
        HtmlSerializer { options }
    }

    /// Streams `graph` into `w` and returns `w`.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
        head(&mut w, graph)?;
        let index: HashMap<&str, u32> = graph
            .nodes()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), u32::try_from(i).unwrap_or(u32::MAX)))
            .collect();
        event_list(&mut w, graph, &index)?;
        entity_list(&mut w, graph, &index)?;
        w.write_all(b"\n<script type=\"application/json\" id=\"ng-data\">")?;
        data(&mut ScriptSafe(&mut w), graph, &index, &self.options)?;
        w.write_all(b"</script>\n<script>/*! cytoscape.js 3.35.0 (npm: cytoscape), ")?;
        w.write_all(CYTOSCAPE_LICENSE.as_bytes())?;
        w.write_all(b"*/\n")?;
        w.write_all(CYTOSCAPE.as_bytes())?;
        w.write_all(b"</script>\n<script>")?;
        w.write_all(PAGE_JS.as_bytes())?;
        w.write_all(b"</script>\n</body>\n</html>\n")?;
        w.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes the page with the default serializer.
pub fn write<W: Write>(graph: &KnowledgeGraph, options: &ExportOptions, w: W) -> io::Result<W> {
    HtmlSerializer::new(options.clone()).serialize(graph, w)
}

/// The document head and the page's frame: controls, the drawing area and
/// the details panel (filled by the script).
fn head<W: Write>(w: &mut W, graph: &KnowledgeGraph) -> io::Result<()> {
    let counts = graph.kind_counts();
    let count = |k: Kind| counts.get(&k).copied().unwrap_or(0);
    write!(
        w,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"newsgraph\">\n\
         <title>newsgraph: {} nodes, {} edges</title>\n<script>{WATCH_JS}</script>\n\
         <style>{PAGE_CSS}</style>\n</head>\n<body>\n<header>\n<h1>newsgraph</h1>\n\
         <p id=\"summary\">{} documents; {} nodes ({} people, {} groups, {} places, \
         {} events); {} edges</p>\n",
        graph.node_count(),
        graph.edge_count(),
        graph.documents.len(),
        graph.node_count(),
        count(Kind::Person),
        count(Kind::Group),
        count(Kind::Place),
        count(Kind::Event),
        graph.edge_count(),
    )?;
    w.write_all(
        b"<form id=\"controls\" autocomplete=\"off\">\n\
          <label>Search <input id=\"search\" type=\"search\" placeholder=\"name or alias\"></label>\n\
          <ul id=\"results\" hidden></ul>\n\
          <fieldset id=\"kinds\"><legend>Kinds</legend></fieldset>\n\
          <fieldset id=\"relations\"><legend>Relations</legend></fieldset>\n\
          <label>Document <select id=\"doc\"><option value=\"\">all documents</option></select></label>\n\
          <label>From <input id=\"from\" type=\"date\"></label>\n\
          <label>To <input id=\"to\" type=\"date\"></label>\n\
          <label><input id=\"nonfact\" type=\"checkbox\"> hypothetical and negated events</label>\n\
          <button id=\"more\" type=\"button\">Show more nodes</button>\n\
          <button id=\"reset\" type=\"button\">Reset</button>\n\
          <output id=\"shown\"></output>\n</form>\n</header>\n<main>\n\
          <div id=\"graph\" role=\"img\" aria-label=\"The graph drawn: the same nodes are listed below\"></div>\n\
          <aside id=\"details\" aria-live=\"polite\"><p>Choose a node, an edge, an event or a \
          name in the lists to see its aliases, roles, documents and evidence.</p></aside>\n</main>\n",
    )
}

/// The dated events in (date, id) order, with kind, status, who, where and
/// numbers; those hypothetical or negated are hidden until asked for.
fn event_list<W: Write>(
    w: &mut W,
    graph: &KnowledgeGraph,
    index: &HashMap<&str, u32>,
) -> io::Result<()> {
    let mut roles: HashMap<&str, Vec<(Relation, &Node)>> = HashMap::new();
    for (src, dst, e) in graph.edges() {
        if e.relation.is_event_role() && src.kind == Kind::Event {
            roles
                .entry(src.id.as_str())
                .or_default()
                .push((e.relation, dst));
        }
    }
    let mut dated: Vec<(&str, &Node)> = graph
        .nodes()
        .filter_map(|n| {
            let t = n.event.as_ref()?.time.as_ref()?;
            Some((t.start.as_str(), n))
        })
        .collect();
    dated.sort_by(|a, b| a.0.cmp(b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    write!(
        w,
        "<section id=\"timeline\">\n<h2>Dated events ({})</h2>\n<ol id=\"events\">\n",
        dated.len()
    )?;
    for (_, n) in dated {
        let Some(ev) = &n.event else { continue };
        let Some(t) = &ev.time else { continue };
        let i = index.get(n.id.as_str()).copied().unwrap_or(u32::MAX);
        let status = ev.status.as_str();
        write!(
            w,
            "<li data-n=\"{i}\" data-status=\"{status}\" data-start=\"",
        )?;
        html_text(w, &t.start)?;
        w.write_all(b"\" data-end=\"")?;
        html_text(w, t.end.as_deref().unwrap_or(&t.start))?;
        w.write_all(b"\"")?;
        if !ev.status.is_factual() {
            w.write_all(b" hidden")?;
        }
        w.write_all(b"><time>")?;
        html_text(w, &t.start)?;
        if let Some(end) = &t.end {
            w.write_all("–".as_bytes())?;
            html_text(w, end)?;
        }
        write!(
            w,
            "</time> <span class=\"ekind\">{}</span> <span class=\"status s-{status}\">{status}</span> \
             <button type=\"button\" class=\"name\">",
            ev.kind.as_str()
        )?;
        html_text(w, &n.label)?;
        w.write_all(b"</button>")?;
        let r = roles.get(n.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let names = |want: &[Relation]| {
            r.iter()
                .filter(|(rel, _)| want.contains(rel))
                .map(|(_, n)| n.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (class, what, rels) in [
            ("who", "who", &[Relation::Agent][..]),
            (
                "whom",
                "with or against",
                &[Relation::Target, Relation::Participant][..],
            ),
            ("where", "where", &[Relation::Location][..]),
        ] {
            let text = names(rels);
            if !text.is_empty() {
                write!(w, " <span class=\"{class}\">{what}: ")?;
                html_text(w, &text)?;
                w.write_all(b"</span>")?;
            }
        }
        if !ev.quantities.is_empty() {
            let nums: Vec<String> = ev.quantities.iter().map(quantity_text).collect();
            w.write_all(b" <span class=\"num\">")?;
            html_text(w, &nums.join("; "))?;
            w.write_all(b"</span>")?;
        }
        w.write_all(b"</li>\n")?;
    }
    w.write_all(b"</ol>\n</section>\n")
}

/// The people, groups and places, busiest first (mentions, then id).
fn entity_list<W: Write>(
    w: &mut W,
    graph: &KnowledgeGraph,
    index: &HashMap<&str, u32>,
) -> io::Result<()> {
    let mut entities: Vec<&Node> = graph.nodes().filter(|n| n.kind != Kind::Event).collect();
    entities.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.id.cmp(&b.id)));
    write!(
        w,
        "<section id=\"entities\">\n<h2>Entities ({})</h2>\n<ul id=\"entity-list\">\n",
        entities.len()
    )?;
    for n in entities {
        let i = index.get(n.id.as_str()).copied().unwrap_or(u32::MAX);
        let kind = n.kind.as_str();
        write!(
            w,
            "<li data-n=\"{i}\" data-kind=\"{kind}\"><button type=\"button\" class=\"name k-{kind}\">"
        )?;
        html_text(w, &n.label)?;
        write!(
            w,
            "</button> <span class=\"ekind\">{kind}</span> <span class=\"count\">{} mentions, {} documents</span>",
            n.mentions,
            n.documents.len()
        )?;
        let aliases: Vec<&str> = n
            .aliases
            .iter()
            .map(String::as_str)
            .filter(|a| *a != n.label)
            .collect();
        if !aliases.is_empty() {
            w.write_all(b" <span class=\"aliases\">also ")?;
            html_text(w, &aliases.join(", "))?;
            w.write_all(b"</span>")?;
        }
        if !n.roles.is_empty() {
            let roles: Vec<String> = n.roles.iter().map(ToString::to_string).collect();
            w.write_all(b" <span class=\"roles\">")?;
            html_text(w, &roles.join(", "))?;
            w.write_all(b"</span>")?;
        }
        w.write_all(b"</li>\n")?;
    }
    w.write_all(b"</ul>\n</section>\n")
}

/// Documents by their number in the page's data, in order of first use.
#[derive(Default)]
struct DocIndex {
    numbers: HashMap<DocId, u32>,
    order: Vec<DocId>,
}

impl DocIndex {
    fn number(&mut self, d: &DocId) -> u32 {
        let next = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
        *self.numbers.entry(*d).or_insert_with(|| {
            self.order.push(*d);
            next
        })
    }
}

/// Evidence sentences by their number in the page's data, each written
/// once however many edges and events cite it.
#[derive(Default)]
struct Sentences<'a> {
    numbers: HashMap<(DocId, u32, &'a str), u32>,
    order: Vec<(DocId, u32, &'a str)>,
}

/// One evidence record: the sentence's number, and the words that
/// support it as UTF-16 offsets into the sentence, what JavaScript's
/// `slice` counts (an empty range when they cannot be placed: the page
/// then marks the names of the ends).
type EvidenceJson = (u32, usize, usize);

impl<'a> Sentences<'a> {
    /// `names` are the name forms of the nodes the evidence joins.
    fn evidence(&mut self, e: &'a Evidence, names: &[&str]) -> EvidenceJson {
        let text: &str = &e.text;
        let key = (e.doc, e.sentence, text);
        let next = u32::try_from(self.order.len()).unwrap_or(u32::MAX);
        let number = *self.numbers.entry(key).or_insert_with(|| {
            self.order.push(key);
            next
        });
        let (start, end) = place_span(text, e.span.range().len(), names)
            .and_then(|r| {
                let start = text.get(..r.start)?.encode_utf16().count();
                Some((start, start + text.get(r)?.encode_utf16().count()))
            })
            .unwrap_or((0, 0));
        (number, start, end)
    }
}

/// Where in its sentence a span of `len` bytes lies. Spans are byte
/// ranges into the document, and the sentence's own offset is not kept;
/// a span narrower than the sentence runs from one end's name to the
/// other's, so it is the stretch of `len` bytes that starts with a name
/// and ends with one. A span as long as the sentence is the whole
/// sentence: nothing to place (None), as when no stretch fits.
fn place_span(text: &str, len: usize, names: &[&str]) -> Option<std::ops::Range<usize>> {
    if len == 0 || len >= text.len() {
        return None;
    }
    let names: Vec<&str> = names.iter().copied().filter(|n| !n.is_empty()).collect();
    for name in &names {
        for (start, _) in text.match_indices(name) {
            let Some(stretch) = text.get(start..start + len) else {
                continue;
            };
            if names.iter().any(|n| stretch.ends_with(n)) {
                return Some(start..start + len);
            }
        }
    }
    None
}

#[derive(Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    iri: String,
    /// Kind, by its place in `kinds`.
    k: usize,
    l: &'a str,
    m: u64,
    /// Size to draw, as the other formats give it.
    z: f64,
    a: Vec<&'a str>,
    r: Vec<String>,
    d: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    e: Option<EventJson<'a>>,
}

#[derive(Serialize)]
struct EventJson<'a> {
    /// Event kind name.
    t: &'a str,
    /// Status, by its place in `statuses`.
    s: usize,
    start: Option<&'a str>,
    end: Option<&'a str>,
    /// The time as written.
    tt: Option<&'a str>,
    /// Who acted, as the text describes them, when no node is the agent.
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<&'a str>,
    /// Numbers as a reader writes them.
    q: Vec<String>,
    v: Vec<EvidenceJson>,
}

#[derive(Serialize)]
struct DocJson<'a> {
    id: String,
    title: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
    publisher: Option<&'a str>,
}

/// The graph as the page's script reads it: kinds, relations and
/// statuses (with their colours), nodes in id order, edges as
/// `[source, target, relation, count, documents, evidence]` by number,
/// and last the evidence sentences (`[document, sentence, text]`) and the
/// documents the rest refer to, in order of first use.
fn data<W: Write>(
    w: &mut W,
    graph: &KnowledgeGraph,
    index: &HashMap<&str, u32>,
    options: &ExportOptions,
) -> io::Result<()> {
    let kinds: Vec<serde_json::Value> = Kind::ALL
        .iter()
        .map(|&k| {
            let s = KindStyle::of(k);
            serde_json::json!({"name": k.as_str(), "color": s.hex(), "shape": s.shape})
        })
        .collect();
    let relations: Vec<serde_json::Value> = Relation::ALL
        .iter()
        .map(|&r| {
            serde_json::json!({
                "name": r.as_str(), "typed": r.is_typed(), "role": r.is_event_role(),
                "color": super::dot::edge_look(r).color,
            })
        })
        .collect();
    let statuses: Vec<serde_json::Value> = EventStatus::ALL
        .iter()
        .map(|s| serde_json::json!({"name": s.as_str(), "factual": s.is_factual()}))
        .collect();
    w.write_all(b"{\"kinds\":")?;
    serde_json::to_writer(&mut *w, &kinds)?;
    w.write_all(b",\"relations\":")?;
    serde_json::to_writer(&mut *w, &relations)?;
    w.write_all(b",\"statuses\":")?;
    serde_json::to_writer(&mut *w, &statuses)?;
    w.write_all(b",\"nodes\":[")?;
    let mut docs = DocIndex::default();
    let mut sentences = Sentences::default();
    for (i, n) in graph.nodes().enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        let json = node_json(n, &mut docs, &mut sentences, options);
        serde_json::to_writer(&mut *w, &json)?;
    }
    w.write_all(b"],\"edges\":[")?;
    for (i, (s, t, e)) in graph.edges().enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        let rel = Relation::ALL.iter().position(|&r| r == e.relation);
        let d: Vec<u32> = e.documents.iter().map(|d| docs.number(d)).collect();
        let names: Vec<&str> = [s, t]
            .iter()
            .flat_map(|n| {
                std::iter::once(n.label.as_str()).chain(n.aliases.iter().map(String::as_str))
            })
            .collect();
        let v: Vec<EvidenceJson> = e
            .evidence
            .iter()
            .map(|x| sentences.evidence(x, &names))
            .collect();
        let at = |id: &str| index.get(id).copied().unwrap_or(u32::MAX);
        serde_json::to_writer(&mut *w, &(at(&s.id), at(&t.id), rel, e.count, d, v))?;
    }
    w.write_all(b"],\"sentences\":[")?;
    for (i, (d, sentence, text)) in sentences.order.iter().enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        serde_json::to_writer(&mut *w, &(docs.number(d), sentence, text))?;
    }
    w.write_all(b"],\"docs\":[")?;
    for (i, d) in docs.order.iter().enumerate() {
        if i > 0 {
            w.write_all(b",\n")?;
        }
        let meta = graph.documents.get(d);
        let furniture = meta.and_then(|m| m.furniture.as_deref());
        let doc = DocJson {
            id: String::from_utf8_lossy(&hex16(d)).into_owned(),
            title: meta.and_then(|m| m.title.as_deref()),
            date: meta.and_then(|m| m.date.as_deref()),
            url: meta.and_then(|m| m.url.as_deref()),
            publisher: furniture.and_then(|f| f.publisher.as_deref()),
        };
        serde_json::to_writer(&mut *w, &doc)?;
    }
    w.write_all(b"]}")
}

fn node_json<'a>(
    n: &'a Node,
    docs: &mut DocIndex,
    sentences: &mut Sentences<'a>,
    options: &ExportOptions,
) -> NodeJson<'a> {
    let e = n.event.as_ref().map(|ev| EventJson {
        t: ev.kind.as_str(),
        s: EventStatus::ALL
            .iter()
            .position(|&s| s == ev.status)
            .unwrap_or(0),
        start: ev.time.as_ref().map(|t| t.start.as_str()),
        end: ev.time.as_ref().and_then(|t| t.end.as_deref()),
        tt: ev
            .time_text
            .as_deref()
            .or(ev.time.as_ref().map(|t| t.text.as_str())),
        a: ev.agent_text.as_deref(),
        q: ev.quantities.iter().map(quantity_text).collect(),
        v: ev
            .evidence
            .iter()
            .map(|x| sentences.evidence(x, &[]))
            .collect(),
    });
    NodeJson {
        id: &n.id,
        iri: options.iri(&n.id),
        k: Kind::ALL.iter().position(|&k| k == n.kind).unwrap_or(0),
        l: &n.label,
        m: n.mentions,
        z: (node_size(n.mentions) * 10.0).round() / 10.0,
        a: n.aliases
            .iter()
            .map(String::as_str)
            .filter(|a| *a != n.label)
            .collect(),
        r: n.roles.iter().map(ToString::to_string).collect(),
        d: n.documents.iter().map(|d| docs.number(d)).collect(),
        e,
    }
}

/// A number as a reader writes it: "5,200→3,500 troops", "~1,700
/// troops", ">100 people", "60%", with "(as of …)" when the text says.
/// (`newsgraph timeline` writes them the same way.)
fn quantity_text(q: &Quantity) -> String {
    q.reading()
}

/// HTML text, also right inside a quoted attribute: `&<>"'` as references,
/// the C0 controls but tab, LF and CR (and NUL) as U+FFFD, as HTML parsers
/// would read them anyway.
fn html_text<W: Write + ?Sized>(w: &mut W, s: &str) -> io::Result<()> {
    let b = s.as_bytes();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        let rep: &[u8] = match c {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            b'\t' | b'\n' | b'\r' => continue,
            0..=0x1F | 0x7F => "\u{FFFD}".as_bytes(),
            _ => continue,
        };
        w.write_all(b.get(start..i).unwrap_or_default())?;
        w.write_all(rep)?;
        start = i + 1;
    }
    w.write_all(b.get(start..).unwrap_or_default())
}

/// Writes JSON into a `<script>` block: `<`, `>` and `&`, which JSON has
/// only inside strings, as `\u` escapes, so no string can end the block
/// (`</script>`) or open a comment (`<!--`) in it.
struct ScriptSafe<W>(W);

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        let mut start = 0;
        for (i, &c) in buf.iter().enumerate() {
            let rep: &[u8] = match c {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                b'&' => b"\\u0026",
                _ => continue,
            };
            self.0.write_all(buf.get(start..i).unwrap_or_default())?;
            self.0.write_all(rep)?;
            start = i + 1;
        }
        self.0.write_all(buf.get(start..).unwrap_or_default())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests;
