//! GEXF 1.3, Gephi's own format: what GraphML gives Gephi, plus time, so
//! that dated events play on Gephi's timeline.
//!
//! The graph is dynamic (`mode="dynamic"`, `timeformat="date"`): an event
//! with a date carries `start` and `end`, the days its date covers (a
//! year from 1 January to 31 December, a month from its first to its last
//! day; a range to the last day of its end), and so does every edge to or
//! from it; everything else is undated, present all the time. Attributes
//! are declared per class with their GEXF types and written by `for`;
//! colours and sizes are `viz:color` and `viz:size` (`viz:thickness` and
//! the colour of the DOT file on edges), in the `http://gexf.net/1.3/viz`
//! namespace Gephi and networkx read. Each edge's `kind` is its relation,
//! so Gephi keeps a typed relation and a co-mention between the same two
//! nodes apart instead of merging them.
//!
//! Valid against the GEXF 1.3 RELAX NG schema. The 1.3 XSD puts the viz
//! elements in the GEXF namespace instead (a fault of its conversion from
//! the RELAX NG one: Gephi's own files fail it too); everything else
//! passes it (tested). The markup is written directly, as in
//! [`super::graphml`]; ids are the file ids GraphML uses, each node's own
//! id kept in `node_id`.

use super::escape::{evidence_json, json_list, xml_attr};
use super::{ExportOptions, IriWriter, KindStyle, WRITE_BUFFER, file_ids, node_size, write_docs};
use crate::graph::{KnowledgeGraph, Node};
use crate::model::TimeValue;
use std::io::{self, BufWriter, Write};

/// Node attributes: id (also the title) and GEXF type, in the order written.
const NODE_ATTRS: &[(&str, &str)] = &[
    ("node_id", "string"),
    ("kind", "string"),
    ("mentions", "integer"),
    ("documents", "string"),
    ("aliases", "string"),
    ("roles", "string"),
    ("iri", "string"),
    ("event_type", "string"),
    ("status", "string"),
    ("start_date", "string"),
    ("end_date", "string"),
    ("time_text", "string"),
    ("agent_text", "string"),
    ("quantities", "string"),
    ("quantity_value", "double"),
    ("quantity_from", "double"),
    ("quantity_to", "double"),
    ("quantity_unit", "string"),
    ("evidence", "string"),
];

/// Edge attributes.
const EDGE_ATTRS: &[(&str, &str)] = &[
    ("relation", "string"),
    ("typed", "boolean"),
    ("documents", "string"),
    ("evidence", "string"),
];

/// Writes GEXF; build with [`GexfSerializer::new`], then
/// [`GexfSerializer::serialize`].
#[derive(Debug, Clone, Default)]
pub struct GexfSerializer {
    options: ExportOptions,
}

impl GexfSerializer {
    pub fn new(options: ExportOptions) -> Self {
        GexfSerializer { options }
    }

    /// Streams `graph` into `w` and returns `w`.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
        w.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
              <gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n  \
              <meta>\n    <creator>newsgraph</creator>\n  </meta>\n  \
              <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"date\">",
        )?;
        for (class, attrs) in [("node", NODE_ATTRS), ("edge", EDGE_ATTRS)] {
            write!(w, "\n    <attributes class=\"{class}\">")?;
            for (id, ty) in attrs {
                write!(
                    w,
                    "\n      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>"
                )?;
            }
            w.write_all(b"\n    </attributes>")?;
        }
        let mut out = Out {
            iris: IriWriter::new(&self.options, |s| {
                let mut v = Vec::new();
                let _ = xml_attr(&mut v, s);
                v
            }),
            scratch: Vec::new(),
        };
        let ids = file_ids(graph);
        write!(w, "\n    <nodes count=\"{}\">", graph.node_count())?;
        for n in graph.nodes() {
            out.node(&mut w, ids.get(&n.id), n)?;
        }
        write!(
            w,
            "\n    </nodes>\n    <edges count=\"{}\">",
            graph.edge_count()
        )?;
        for (i, (s, t, e)) in graph.edges().enumerate() {
            write!(w, "\n      <edge id=\"e{i}\" source=\"")?;
            xml_attr(&mut w, ids.get(&s.id))?;
            w.write_all(b"\" target=\"")?;
            xml_attr(&mut w, ids.get(&t.id))?;
            let rel = e.relation.as_str();
            write!(
                w,
                "\" label=\"{rel}\" kind=\"{rel}\" weight=\"{}.0\"",
                e.count
            )?;
            if let Some((start, end)) = edge_days(s, t) {
                write!(w, " start=\"{start}\" end=\"{end}\"")?;
            }
            w.write_all(b">\n        <attvalues>")?;
            attvalue(&mut w, "relation", rel)?;
            attvalue(
                &mut w,
                "typed",
                if e.relation.is_typed() {
                    "true"
                } else {
                    "false"
                },
            )?;
            out.scratch.clear();
            write_docs(&mut out.scratch, &e.documents, usize::MAX)?;
            out.scratch_value(&mut w, "documents")?;
            out.scratch.clear();
            evidence_json(&mut out.scratch, &e.evidence)?;
            out.scratch_value(&mut w, "evidence")?;
            w.write_all(b"\n        </attvalues>")?;
            let look = super::dot::edge_look(e.relation);
            viz_color(&mut w, look.color)?;
            write!(
                w,
                "\n        <viz:thickness value=\"{:.2}\"/>\n      </edge>",
                super::dot::penwidth(u64::from(e.count))
            )?;
        }
        w.write_all(b"\n    </edges>\n  </graph>\n</gexf>\n")?;
        w.into_inner().map_err(|e| e.into_error())
    }
}

/// What writing nodes needs besides the output.
struct Out {
    iris: IriWriter,
    /// Values built before they are escaped into the output.
    scratch: Vec<u8>,
}

impl Out {
    fn node<W: Write>(&mut self, w: &mut W, id: &str, n: &Node) -> io::Result<()> {
        w.write_all(b"\n      <node id=\"")?;
        xml_attr(w, id)?;
        w.write_all(b"\" label=\"")?;
        xml_attr(w, &n.label)?;
        w.write_all(b"\"")?;
        if let Some((start, end)) = node_days(n) {
            write!(w, " start=\"{start}\" end=\"{end}\"")?;
        }
        w.write_all(b">\n        <attvalues>")?;
        attvalue(w, "node_id", &n.id)?;
        attvalue(w, "kind", n.kind.as_str())?;
        let mentions = n.mentions.min(i32::MAX as u64);
        attvalue(w, "mentions", itoa::Buffer::new().format(mentions))?;
        self.scratch.clear();
        write_docs(&mut self.scratch, &n.documents, usize::MAX)?;
        self.scratch_value(w, "documents")?;
        self.scratch.clear();
        json_list(&mut self.scratch, n.aliases.iter())?;
        self.scratch_value(w, "aliases")?;
        if !n.roles.is_empty() {
            self.scratch.clear();
            json_list(&mut self.scratch, n.roles.iter().map(|r| r.to_string()))?;
            self.scratch_value(w, "roles")?;
        }
        w.write_all(b"\n          <attvalue for=\"iri\" value=\"")?;
        self.iris.node(w, &n.id)?;
        w.write_all(b"\"/>")?;
        if let Some(ev) = &n.event {
            attvalue(w, "event_type", ev.kind.as_str())?;
            attvalue(w, "status", ev.status.as_str())?;
            if let Some(t) = &ev.time {
                attvalue(w, "start_date", &t.start)?;
                if let Some(end) = &t.end {
                    attvalue(w, "end_date", end)?;
                }
            }
            if let Some(t) = ev.time_text.as_ref().or(ev.time.as_ref().map(|t| &t.text)) {
                attvalue(w, "time_text", t)?;
            }
            if let Some(a) = &ev.agent_text {
                attvalue(w, "agent_text", a)?;
            }
            if !ev.quantities.is_empty() {
                self.scratch.clear();
                serde_json::to_writer(&mut self.scratch, &ev.quantities)?;
                self.scratch_value(w, "quantities")?;
            }
            if let Some(q) = ev.quantities.first() {
                for (k, v) in [
                    ("quantity_value", q.value),
                    ("quantity_from", q.from),
                    ("quantity_to", q.to),
                ] {
                    if let Some(v) = v.filter(|v| v.is_finite()) {
                        attvalue(w, k, &format!("{v:?}"))?;
                    }
                }
                attvalue(w, "quantity_unit", &q.unit)?;
            }
            if !ev.evidence.is_empty() {
                self.scratch.clear();
                evidence_json(&mut self.scratch, &ev.evidence)?;
                self.scratch_value(w, "evidence")?;
            }
        }
        w.write_all(b"\n        </attvalues>")?;
        viz_color(w, &KindStyle::of(n.kind).hex())?;
        write!(
            w,
            "\n        <viz:size value=\"{:.3}\"/>\n      </node>",
            node_size(n.mentions)
        )
    }

    /// An `attvalue` holding the text in `scratch` (UTF-8, as every
    /// writer into it puts it).
    fn scratch_value<W: Write>(&self, w: &mut W, key: &str) -> io::Result<()> {
        attvalue(
            w,
            key,
            std::str::from_utf8(&self.scratch).unwrap_or_default(),
        )
    }
}

/// Writes GEXF with the default serializer.
pub fn write<W: Write>(graph: &KnowledgeGraph, options: &ExportOptions, w: W) -> io::Result<W> {
    GexfSerializer::new(options.clone()).serialize(graph, w)
}

/// `<attvalue for=".." value=".."/>` on a line of its own.
fn attvalue<W: Write>(w: &mut W, key: &str, value: &str) -> io::Result<()> {
    write!(w, "\n          <attvalue for=\"{key}\" value=\"")?;
    xml_attr(w, value)?;
    w.write_all(b"\"/>")
}

/// `<viz:color r g b/>` for a `#RRGGBB` colour.
fn viz_color<W: Write>(w: &mut W, hex: &str) -> io::Result<()> {
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            .unwrap_or(0)
    };
    write!(
        w,
        "\n        <viz:color r=\"{}\" g=\"{}\" b=\"{}\"/>",
        channel(1),
        channel(3),
        channel(5)
    )
}

/// The first and last day (`YYYY-MM-DD`) of a node's time, for events
/// whose date reads as a year, month or day.
fn node_days(n: &Node) -> Option<(String, String)> {
    n.event.as_ref()?.time.as_ref().and_then(days_of)
}

/// The days an edge exists: those of its dated ends, where they overlap.
fn edge_days(a: &Node, b: &Node) -> Option<(String, String)> {
    match (node_days(a), node_days(b)) {
        (Some(x), Some(y)) => {
            let start = x.0.max(y.0);
            let end = x.1.min(y.1);
            (start <= end).then_some((start, end))
        }
        (x, y) => x.or(y),
    }
}

/// The days a time covers: from the first day of its start to the last
/// day of its end (of its start when it has no end, or an end that does
/// not read as a date or comes before the start).
fn days_of(t: &TimeValue) -> Option<(String, String)> {
    let (first, last) = span(&t.start)?;
    let last = match t.end.as_deref().and_then(span) {
        Some((_, end)) if end >= first => end,
        _ => last,
    };
    Some((first, last))
}

/// The first and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checked
/// against the calendar (`xs:date` has no year 0 and no 30 February).
fn span(s: &str) -> Option<(String, String)> {
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let year = num(0..4).filter(|&y| y >= 1)?;
    let month_days = |m: u32| match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        _ => 28,
    };
    let dash = |i: usize| s.as_bytes().get(i) == Some(&b'-');
    match s.len() {
        4 => Some((format!("{year:04}-01-01"), format!("{year:04}-12-31"))),
        7 if dash(4) => {
            let m = num(5..7).filter(|m| (1..=12).contains(m))?;
            let last = month_days(m);
            Some((
                format!("{year:04}-{m:02}-01"),
                format!("{year:04}-{m:02}-{last:02}"),
            ))
        }
        10 if dash(4) && dash(7) => {
            let m = num(5..7).filter(|m| (1..=12).contains(m))?;
            let d = num(8..10).filter(|&d| d >= 1 && d <= month_days(m))?;
            let day = format!("{year:04}-{m:02}-{d:02}");
            Some((day.clone(), day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_cover_the_days_they_name() {
        let t = |start: &str, end: Option<&str>| TimeValue {
            start: start.into(),
            end: end.map(String::from),
            text: String::new(),
        };
        let d = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(days_of(&t("2020", None)), d("2020-01-01", "2020-12-31"));
        assert_eq!(days_of(&t("2024-02", None)), d("2024-02-01", "2024-02-29"));
        assert_eq!(days_of(&t("1900-02", None)), d("1900-02-01", "1900-02-28"));
        assert_eq!(
            days_of(&t("2020-09-09", None)),
            d("2020-09-09", "2020-09-09")
        );
        assert_eq!(
            days_of(&t("2020-09", Some("2021"))),
            d("2020-09-01", "2021-12-31")
        );
        // An end before the start, or not a date, is not used.
        assert_eq!(
            days_of(&t("2020-09", Some("2019"))),
            d("2020-09-01", "2020-09-30")
        );
        assert_eq!(
            days_of(&t("2020-09-09", Some("soon"))),
            d("2020-09-09", "2020-09-09")
        );
        for bad in [
            "--12-07",
            "0000",
            "2021-02-29",
            "2021-13",
            "2021-00-10",
            "20x1",
            "soon",
            "",
        ] {
            assert_eq!(days_of(&t(bad, None)), None, "{bad}");
        }
    }

    #[test]
    fn labels_keep_line_breaks_and_edges_take_their_event_days() {
        use crate::graph::EventInfo;
        use crate::model::{DocId, EventKind, Evidence, Kind, Relation, Span};
        let mut g = KnowledgeGraph::new();
        g.upsert_node("person:a", Kind::Person, "A\tB\nC <&>");
        let ev = g.upsert_node("event:x", Kind::Event, "x");
        ev.event = Some(EventInfo {
            status: crate::model::EventStatus::Happened,
            kind: EventKind::Visit,
            time: Some(TimeValue {
                start: "2021-07".into(),
                end: None,
                text: "in July".into(),
            }),
            time_text: None,
            agent_text: None,
            quantities: vec![],
            evidence: vec![],
        });
        let e = Evidence {
            doc: DocId(1),
            sentence: 0,
            span: Span::new(0, 1).into(),
            text: "A visited".into(),
        };
        g.add_edge("event:x", "person:a", Relation::Agent, e);
        let bytes = write(&g, &ExportOptions::default(), Vec::new()).expect("in memory");
        let s = String::from_utf8(bytes).expect("utf-8");
        assert!(
            s.contains("<node id=\"person:a\" label=\"A&#9;B&#10;C &lt;&amp;&gt;\">"),
            "{s}"
        );
        assert!(
            s.contains("<node id=\"event:x\" label=\"x\" start=\"2021-07-01\" end=\"2021-07-31\">"),
            "{s}"
        );
        assert!(
            s.contains(
                "<edge id=\"e0\" source=\"event:x\" target=\"person:a\" label=\"agent\" \
                 kind=\"agent\" weight=\"1.0\" start=\"2021-07-01\" end=\"2021-07-31\">"
            ),
            "{s}"
        );
        assert!(
            s.contains("<viz:color r=\"78\" g=\"121\" b=\"167\"/>"),
            "{s}"
        );
    }
}
