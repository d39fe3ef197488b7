//! DOT for Graphviz (`dot`, `sfdp`), written by hand because no Rust
//! library writes DOT safely (petgraph's `Dot` leaves strings unescaped).
//!
//! Every id and value goes through [`quote`], the one DOT escaping
//! function (in [`super::escape`], with the other formats'), which is
//! unit- and property-tested. Nodes are shaped and filled by kind
//! (events have their own shape), a legend cluster explains them, edge pen
//! width grows with weight, and typed relations are solid, dark and labelled
//! while co-mentions are dashed, grey and unlabelled. Graphs above
//! [`SFDP_ABOVE_NODES`] nodes or [`SFDP_ABOVE_EDGES`] edges ask for the
//! `sfdp` layout, which handles thousands of nodes in about a second where
//! `dot` runs for minutes; smaller ones leave the choice to the command.

pub use super::escape::dot_quote as quote;
use super::escape::{dot_escape, dot_escape_capped, dot_quote_to};
use super::{ExportOptions, IriWriter, KindStyle, file_ids, write_docs};
use crate::graph::{KnowledgeGraph, Node};
use crate::model::{EventStatus, Kind, Relation};
use std::io::{self, BufWriter, Write};

/// Above this many nodes the file sets `layout=sfdp`.
pub const SFDP_ABOVE_NODES: usize = 200;
/// Above this many edges the file sets `layout=sfdp`.
pub const SFDP_ABOVE_EDGES: usize = 600;
/// Up to this many nodes a large graph uses `overlap=prism`, the best
/// looking overlap removal; above, `overlap=scale`, about five times
/// faster (10,000 nodes and 20,000 edges: 15 s instead of 80 s).
pub const PRISM_UP_TO_NODES: usize = 5000;
/// Longest label kept, in bytes of raw text. Escaping at most doubles it,
/// far under the 16,384-byte limit of Graphviz's quoted strings.
pub const LABEL_CAP: usize = 200;
/// Longest tooltip kept, in bytes of raw text.
pub const TOOLTIP_CAP: usize = 2000;

/// Writes DOT; build with [`DotSerializer::new`], then
/// [`DotSerializer::serialize`].
#[derive(Debug, Clone, Default)]
pub struct DotSerializer {
    options: ExportOptions,
}

impl DotSerializer {
    pub fn new(options: ExportOptions) -> Self {
        DotSerializer { options }
    }

    /// Streams `graph` into `w` and returns `w`.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        let mut w = BufWriter::with_capacity(super::WRITE_BUFFER, w);
        // A plain digraph, not `strict`: parallel edges of different
        // relations between the same two nodes must all be drawn.
        writeln!(w, "digraph \"newsgraph\" {{")?;
        let large = graph.node_count() > SFDP_ABOVE_NODES || graph.edge_count() > SFDP_ABOVE_EDGES;
        if large {
            let overlap = if graph.node_count() > PRISM_UP_TO_NODES {
                "scale"
            } else {
                "prism"
            };
            writeln!(
                w,
                "  graph [layout=\"sfdp\", overlap=\"{overlap}\", outputorder=\"edgesfirst\"];"
            )?;
        }
        writeln!(
            w,
            "  graph [charset=\"UTF-8\", fontname=\"Helvetica\", rankdir=\"LR\"];"
        )?;
        writeln!(
            w,
            "  node [style=\"filled\", fontname=\"Helvetica\", fontcolor=\"#1A1A1A\"];"
        )?;
        writeln!(w, "  edge [fontname=\"Helvetica\", fontsize=\"9\"];")?;
        self.legend(&mut w)?;

        let ids = file_ids(graph);
        let iris = IriWriter::new(&self.options, |s| {
            let mut v = Vec::new();
            let _ = dot_escape(&mut v, s);
            v
        });
        // Pen widths of the common small counts, formatted once.
        let penwidths: Vec<String> = (0..1024u64)
            .map(|c| format!("{:.2}", penwidth(c)))
            .collect();
        let mut tooltip = String::new();
        for n in graph.nodes() {
            let id = ids.get(&n.id);
            let style = KindStyle::of(n.kind);
            tooltip.clear();
            node_tooltip(&mut tooltip, n);
            w.write_all(b"  ")?;
            dot_quote_to(&mut w, id, usize::MAX)?;
            w.write_all(b" [label=")?;
            dot_quote_to(&mut w, &n.label, LABEL_CAP)?;
            w.write_all(b", shape=")?;
            dot_quote_to(&mut w, style.shape, usize::MAX)?;
            w.write_all(b", fillcolor=")?;
            dot_quote_to(&mut w, &style.hex(), usize::MAX)?;
            w.write_all(b", tooltip=")?;
            dot_quote_to(&mut w, &tooltip, TOOLTIP_CAP)?;
            w.write_all(b", iri=\"")?;
            iris.node(&mut w, &n.id)?;
            w.write_all(b"\", documents=\"")?;
            write_docs(&mut w, &n.documents, TOOLTIP_CAP)?;
            w.write_all(b"\"")?;
            if let Some(ev) = &n.event {
                // Only what happened is drawn solid: a plan dashed, what
                // might happen or did not dotted and greyed.
                let (status, look) = match ev.status {
                    EventStatus::Happened => ("happened", None),
                    EventStatus::Ongoing => ("ongoing", None),
                    EventStatus::Planned => ("planned", Some("filled,dashed")),
                    EventStatus::Hypothetical => ("hypothetical", Some("filled,dotted")),
                    EventStatus::Negated => ("negated", Some("filled,dotted")),
                };
                write!(w, ", status=\"{status}\"")?;
                if let Some(look) = look {
                    write!(w, ", style=\"{look}\"")?;
                }
                if !ev.status.is_factual() {
                    w.write_all(b", fontcolor=\"#777777\"")?;
                }
            }
            w.write_all(b"];\n")?;
        }
        let mut num = itoa::Buffer::new();
        for (s, t, e) in graph.edges() {
            let (sid, tid) = (ids.get(&s.id), ids.get(&t.id));
            let look = edge_look(e.relation);
            w.write_all(b"  ")?;
            dot_quote_to(&mut w, sid, usize::MAX)?;
            w.write_all(b" -> ")?;
            dot_quote_to(&mut w, tid, usize::MAX)?;
            w.write_all(b" [relation=")?;
            dot_quote_to(&mut w, e.relation.as_str(), usize::MAX)?;
            w.write_all(b", weight=\"")?;
            w.write_all(num.format(e.count.min(i32::MAX as u32)).as_bytes())?;
            w.write_all(b"\", penwidth=\"")?;
            match usize::try_from(e.count).ok().and_then(|c| penwidths.get(c)) {
                Some(p) => w.write_all(p.as_bytes())?,
                None => write!(w, "{:.2}", penwidth(u64::from(e.count)))?,
            }
            w.write_all(b"\", color=")?;
            dot_quote_to(&mut w, look.color, usize::MAX)?;
            w.write_all(b", style=")?;
            dot_quote_to(&mut w, look.style, usize::MAX)?;
            // "{source} {relation} {target} ({count}x)", labels capped.
            w.write_all(b", tooltip=\"")?;
            dot_escape_capped(&mut w, &s.label, LABEL_CAP)?;
            w.write_all(b" ")?;
            w.write_all(e.relation.as_str().as_bytes())?;
            w.write_all(b" ")?;
            dot_escape_capped(&mut w, &t.label, LABEL_CAP)?;
            w.write_all(b" (")?;
            w.write_all(num.format(e.count).as_bytes())?;
            w.write_all(b"x)\", documents=\"")?;
            write_docs(&mut w, &e.documents, TOOLTIP_CAP)?;
            w.write_all(b"\"")?;
            if e.relation.is_typed() {
                // `xlabel`, placed after layout: a `label` becomes a virtual
                // node in `dot`'s ranking, which took 88 s instead of 6 s on
                // a 150-node test graph.
                w.write_all(b", xlabel=")?;
                dot_quote_to(&mut w, e.relation.as_str(), usize::MAX)?;
            } else {
                w.write_all(b", dir=\"none\"")?;
            }
            w.write_all(b"];\n")?;
        }
        writeln!(w, "}}")?;
        w.into_inner().map_err(|e| e.into_error())
    }

    /// A cluster with one sample node per kind and one sample edge per edge
    /// style. Its ids contain a space, which no id from [`file_ids`] does.
    fn legend<W: Write>(&self, w: &mut W) -> io::Result<()> {
        writeln!(w, "  subgraph \"cluster_legend\" {{")?;
        writeln!(
            w,
            "    graph [label=\"Legend\", fontsize=\"10\", style=\"rounded\", color=\"#999999\"];"
        )?;
        for kind in Kind::ALL {
            let style = KindStyle::of(kind);
            writeln!(
                w,
                "    {} [label={}, shape={}, fillcolor={}];",
                quote(&format!("legend {kind}")),
                quote(kind.as_str()),
                quote(style.shape),
                quote(&style.hex()),
            )?;
        }
        let samples = [
            ("legend typed", Relation::Leads, "typed relation"),
            ("legend role", Relation::Agent, "event role"),
            ("legend comention", Relation::CoMention, "co-mention"),
        ];
        for (id, rel, text) in samples {
            let look = edge_look(rel);
            let (a, b) = (quote(&format!("{id} from")), quote(&format!("{id} to")));
            writeln!(
                w,
                "    {a} [label=\"\", shape=\"point\", width=\"0.06\"];\n    {b} [label={}, shape=\"plaintext\", style=\"\"];",
                quote(text)
            )?;
            writeln!(
                w,
                "    {a} -> {b} [color={}, style={}{}];",
                quote(look.color),
                quote(look.style),
                if rel.is_typed() { "" } else { ", dir=\"none\"" }
            )?;
        }
        writeln!(w, "  }}")
    }
}

/// A node's tooltip: label and kind, aliases, mentions, and for events
/// the kind, time and quantities, one per line.
fn node_tooltip(out: &mut String, n: &Node) {
    use std::fmt::Write as _;
    // Writing into a String cannot fail.
    let _ = write!(out, "{} ({})", n.label, n.kind);
    for (i, a) in n.aliases.iter().enumerate() {
        out.push_str(if i == 0 { "\naliases: " } else { "; " });
        out.push_str(a);
    }
    let _ = write!(out, "\nmentions: {}", n.mentions);
    if let Some(ev) = &n.event {
        let _ = write!(out, "\nevent: {} ({})", ev.kind, ev.status);
        if let Some(t) = &ev.time {
            let _ = write!(out, "\ntime: {}", t.start);
            if let Some(end) = &t.end {
                let _ = write!(out, " to {end}");
            }
        }
        for q in &ev.quantities {
            let _ = write!(out, "\nquantity: {}", q.text);
        }
    }
}

/// Edge pen width: grows with the logarithm of the weight.
pub(crate) fn penwidth(count: u64) -> f64 {
    1.0 + (count as f64).ln().max(0.0)
}

/// Colour and line style of an edge by relation family.
pub(crate) struct EdgeLook {
    pub(crate) color: &'static str,
    pub(crate) style: &'static str,
}

pub(crate) fn edge_look(r: Relation) -> EdgeLook {
    if !r.is_typed() {
        EdgeLook {
            color: "#AAAAAA",
            style: "dashed",
        }
    } else if r.is_event_role() {
        EdgeLook {
            color: "#B04A4C",
            style: "solid",
        }
    } else {
        EdgeLook {
            color: "#333333",
            style: "solid",
        }
    }
}

/// Writes DOT with the default serializer.
pub fn write<W: Write>(graph: &KnowledgeGraph, options: &ExportOptions, w: W) -> io::Result<W> {
    DotSerializer::new(options.clone()).serialize(graph, w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Evidence, Span};

    fn ev() -> Evidence {
        Evidence {
            doc: DocId(0xd),
            sentence: 0,
            span: Span::new(0, 1).into(),
            text: "t".into(),
        }
    }

    fn dot(g: &KnowledgeGraph) -> String {
        let bytes = write(g, &ExportOptions::default(), Vec::new()).expect("in memory");
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn typed_edges_are_labelled_and_co_mentions_dashed() {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("person:ida", Kind::Person, "Ida");
        g.upsert_node("group:guild", Kind::Group, "Guild");
        g.upsert_node("event:vote", Kind::Event, "vote");
        g.add_edge("person:ida", "group:guild", Relation::Leads, ev());
        g.add_edge("group:guild", "person:ida", Relation::CoMention, ev());
        let s = dot(&g);
        let line = |from: &str| {
            s.lines()
                .find(|l| l.trim_start().starts_with(from) && l.contains(" -> "))
                .unwrap_or_default()
                .to_string()
        };
        let leads = line("\"person:ida\"");
        assert!(
            leads.contains("xlabel=\"leads\"") && leads.contains("style=\"solid\""),
            "{leads}"
        );
        let co = line("\"group:guild\"");
        assert!(
            co.contains("style=\"dashed\"") && co.contains("dir=\"none\""),
            "{co}"
        );
        assert!(!co.contains("label="), "{co}");
        assert!(
            s.contains("\"event:vote\" [label=\"vote\", shape=\"octagon\""),
            "{s}"
        );
        assert!(
            !s.contains("layout="),
            "small graphs leave the engine to the command"
        );
    }

    #[test]
    fn large_graphs_ask_for_sfdp() {
        let mut g = KnowledgeGraph::new();
        for i in 0..=SFDP_ABOVE_NODES {
            g.upsert_node(&format!("place:p{i}"), Kind::Place, "P");
        }
        let s = dot(&g);
        assert!(
            s.contains("layout=\"sfdp\", overlap=\"prism\""),
            "{}",
            &s[..200]
        );
    }

    #[test]
    fn long_labels_are_capped() {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("group:long", Kind::Group, &"\"\\".repeat(20_000));
        let s = dot(&g);
        let longest = s.lines().map(str::len).max().unwrap_or(0);
        // Each quoted string is under Graphviz's 16,384-byte limit.
        assert!(longest < 16_384, "{longest}");
    }
}
