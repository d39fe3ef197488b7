//! `newsgraph timeline`: the dated events of a graph in date order, as a
//! plain-text table (date, kind, status, who, where, numbers, source).
//! What might happen or did not (hypothetical and negated events) is not
//! presented as fact: it is left out unless asked for.

use crate::graph::{KnowledgeGraph, Node};
use crate::model::{Quantity, Relation};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Longest text kept in one cell, in characters.
const CELL_CAP: usize = 48;

/// One row of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub date: String,
    pub kind: String,
    pub status: String,
    pub who: String,
    pub place: String,
    pub numbers: String,
    pub source: String,
}

/// A number as a reader would write it: "5,200→3,500 troops", "~1,700
/// troops", ">100 people", "60 percent", "8,892 troops (as of 2017-09)",
/// "→~4,000 troops" for a level a change goes to.
pub fn format_quantity(q: &Quantity) -> String {
    q.reading()
}

fn cap(s: &str, n: usize) -> String {
    let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        return s;
    }
    let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
    t.push('…');
    t
}

/// The rows of the dated events, in (date, id) order, and the number of
/// events left out: undated ones, and hypothetical or negated ones unless
/// `all`.
pub fn rows(g: &KnowledgeGraph, all: bool) -> (Vec<Row>, Left) {
    // Role names per event node, in edge (id) order.
    let mut roles: BTreeMap<&str, Vec<(Relation, &str)>> = BTreeMap::new();
    for (src, dst, e) in g.edges() {
        if e.relation.is_event_role() {
            roles
                .entry(src.id.as_str())
                .or_default()
                .push((e.relation, dst.label.as_str()));
        }
    }
    let mut dated: Vec<(&str, &Node, Row)> = Vec::new();
    let mut left = Left::default();
    for n in g.nodes() {
        let Some(ev) = &n.event else { continue };
        if !all && !ev.status.is_factual() {
            left.not_factual += 1;
            continue;
        }
        let Some(t) = &ev.time else {
            left.undated += 1;
            continue;
        };
        let r = roles.get(n.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let names = |want: &[Relation]| {
            r.iter()
                .filter(|(rel, _)| want.contains(rel))
                .map(|(_, l)| *l)
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut who = names(&[Relation::Agent]);
        let others = names(&[Relation::Target, Relation::Participant]);
        if !others.is_empty() {
            if who.is_empty() {
                who = others;
            } else {
                who = format!("{who} → {others}");
            }
        }
        if who.is_empty() && ev.kind == crate::model::EventKind::Named {
            who = n.label.clone();
        }
        let date = match &t.end {
            Some(e) => format!("{}/{}", t.start, e),
            None => t.start.clone(),
        };
        let numbers = ev
            .quantities
            .iter()
            .map(format_quantity)
            .collect::<Vec<_>>()
            .join("; ");
        let source = ev
            .evidence
            .first()
            .map(|e| {
                let title = g
                    .documents
                    .get(&e.doc)
                    .and_then(|m| m.title.clone())
                    .unwrap_or_else(|| e.doc.to_string());
                format!("{}: {}", cap(&title, 24), e.text)
            })
            .unwrap_or_default();
        let row = Row {
            date,
            kind: ev.kind.to_string(),
            status: ev.status.to_string(),
            who: cap(&who, CELL_CAP),
            place: cap(&names(&[Relation::Location]), 24),
            numbers: cap(&numbers, CELL_CAP),
            source: cap(&source, 90),
        };
        dated.push((t.start.as_str(), n, row));
    }
    dated.sort_by(|a, b| a.0.cmp(b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    (dated.into_iter().map(|x| x.2).collect(), left)
}

/// Events a timeline leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Left {
    pub undated: usize,
    /// Hypothetical or negated (left out unless all are asked for).
    pub not_factual: usize,
}

/// Writes the timeline table; with `all`, hypothetical and negated events
/// too.
pub fn write<W: Write>(g: &KnowledgeGraph, all: bool, mut w: W) -> io::Result<W> {
    let (rows, left) = rows(g, all);
    let header = Row {
        date: "DATE".into(),
        kind: "KIND".into(),
        status: "STATUS".into(),
        who: "WHO".into(),
        place: "WHERE".into(),
        numbers: "NUMBERS".into(),
        source: "SOURCE".into(),
    };
    let width = |f: fn(&Row) -> &String| {
        rows.iter()
            .chain(std::iter::once(&header))
            .map(|r| f(r).chars().count())
            .max()
            .unwrap_or(0)
    };
    let wd = width(|r| &r.date);
    let wk = width(|r| &r.kind);
    let wsx = width(|r| &r.status);
    let ww = width(|r| &r.who);
    let wp = width(|r| &r.place);
    let wn = width(|r| &r.numbers);
    for r in std::iter::once(&header).chain(rows.iter()) {
        let pad =
            |s: &str, n: usize| format!("{s}{}", " ".repeat(n.saturating_sub(s.chars().count())));
        writeln!(
            w,
            "{}  {}  {}  {}  {}  {}  {}",
            pad(&r.date, wd),
            pad(&r.kind, wk),
            pad(&r.status, wsx),
            pad(&r.who, ww),
            pad(&r.place, wp),
            pad(&r.numbers, wn),
            r.source
        )?;
    }
    if left.undated > 0 {
        writeln!(w, "({} undated events not shown)", left.undated)?;
    }
    if left.not_factual > 0 {
        writeln!(
            w,
            "({} hypothetical or negated events not shown; --all shows them)",
            left.not_factual
        )?;
    }
    Ok(w)
}

/// Pixel layout of the story picture: wide enough for README width,
/// type large enough to read there.
const SVG_WIDTH: usize = 880;
const SVG_ROW: usize = 50;
const SVG_TOP: usize = 56;

/// Colour of an event's dot by status: what happened is solid, what is
/// planned or ongoing a ring of its own colour.
fn status_colour(status: &str) -> (&'static str, bool) {
    match status {
        "happened" => ("#c0392b", true),
        "ongoing" => ("#d35400", false),
        "planned" => ("#2471a3", false),
        _ => ("#7f8c8d", false),
    }
}

/// Writes the dated events as a picture (SVG): one row each, in date
/// order, on a vertical line, with kind, status, who, where and numbers.
/// Text is escaped; the picture has no script and no external reference.
pub fn write_svg<W: Write>(g: &KnowledgeGraph, all: bool, mut w: W) -> io::Result<W> {
    let escape = |s: &str| {
        let mut b = Vec::with_capacity(s.len());
        // Writing into a Vec cannot fail.
        let _ = crate::export::escape::xml_text(&mut b, s);
        String::from_utf8_lossy(&b).into_owned()
    };
    let (rows, left) = rows(g, all);
    let height = SVG_TOP + rows.len() * SVG_ROW + 40;
    writeln!(
        w,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SVG_WIDTH}\" height=\"{height}\" \
         viewBox=\"0 0 {SVG_WIDTH} {height}\" font-family=\"DejaVu Sans, Verdana, sans-serif\">"
    )?;
    writeln!(
        w,
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n\
         <text x=\"20\" y=\"30\" font-size=\"18\" font-weight=\"bold\" fill=\"#222\">\
         Dated events, in order</text>\n\
         <text x=\"{}\" y=\"30\" font-size=\"13\" fill=\"#555\" text-anchor=\"end\">\
         <tspan fill=\"#c0392b\">● happened</tspan>   <tspan fill=\"#2471a3\">○ planned</tspan>   \
         <tspan fill=\"#d35400\">○ ongoing</tspan></text>",
        SVG_WIDTH - 20
    )?;
    let axis = 128;
    if !rows.is_empty() {
        writeln!(
            w,
            "<line x1=\"{axis}\" y1=\"{}\" x2=\"{axis}\" y2=\"{}\" stroke=\"#bbb\" stroke-width=\"2\"/>",
            SVG_TOP,
            SVG_TOP + rows.len() * SVG_ROW - SVG_ROW / 2
        )?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y = SVG_TOP + i * SVG_ROW + 12;
        let (colour, solid) = status_colour(&r.status);
        let fill = if solid { colour } else { "#ffffff" };
        let mut head = r.kind.replace('_', " ");
        if !r.who.is_empty() {
            head.push_str(" · ");
            head.push_str(&r.who);
        }
        let mut detail = Vec::new();
        if r.status != "happened" {
            detail.push(r.status.clone());
        }
        for x in [&r.place, &r.numbers] {
            if !x.is_empty() {
                detail.push(x.clone());
            }
        }
        writeln!(
            w,
            "<g><text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\" fill=\"#222\" \
             text-anchor=\"end\">{}</text>\
             <circle cx=\"{axis}\" cy=\"{}\" r=\"7\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"3\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"15\" fill=\"#222\">{}</text>\
             <text x=\"{}\" y=\"{}\" font-size=\"13\" fill=\"#555\">{}</text></g>",
            axis - 16,
            y + 5,
            escape(&r.date),
            y,
            axis + 18,
            y + 5,
            escape(&cap(&head, 80)),
            axis + 18,
            y + 24,
            escape(&cap(&detail.join(" · "), 96)),
        )?;
    }
    let mut note = Vec::new();
    if left.undated > 0 {
        note.push(format!("{} undated events not shown", left.undated));
    }
    if left.not_factual > 0 {
        note.push(format!(
            "{} hypothetical or negated not shown",
            left.not_factual
        ));
    }
    writeln!(
        w,
        "<text x=\"20\" y=\"{}\" font-size=\"12\" fill=\"#777\">{}</text>\n</svg>",
        height - 14,
        escape(&note.join("; "))
    )?;
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::EventInfo;
    use crate::model::Approx;
    use crate::model::{DocId, EventKind, EventStatus, Evidence, Kind, Span, TimeValue};

    fn q(
        value: Option<f64>,
        from: Option<f64>,
        to: Option<f64>,
        unit: &str,
        approx: Approx,
    ) -> Quantity {
        Quantity {
            value,
            from,
            to,
            unit: unit.into(),
            approx,
            as_of: None,
            text: String::new(),
        }
    }

    #[test]
    fn quantities_read_naturally() {
        assert_eq!(
            format_quantity(&q(None, Some(5200.0), Some(3500.0), "ships", Approx::About)),
            "5,200→~3,500 ships"
        );
        assert_eq!(
            format_quantity(&q(Some(100.0), None, None, "people", Approx::AtLeast)),
            ">100 people"
        );
        assert_eq!(
            format_quantity(&q(Some(0.25), None, None, "fraction", Approx::Exact)),
            "25%"
        );
        assert_eq!(
            format_quantity(&q(Some(2.5), None, None, "percent", Approx::Exact)),
            "2.5 percent"
        );
        assert_eq!(
            format_quantity(&q(None, None, Some(4000.0), "ships", Approx::About)),
            "→~4,000 ships"
        );
        let mut dated = q(Some(1234567.0), None, None, "voters", Approx::Exact);
        dated.as_of = Some("2021-05".into());
        assert_eq!(format_quantity(&dated), "1,234,567 voters (as of 2021-05)");
    }

    fn event(g: &mut KnowledgeGraph, id: &str, kind: EventKind, start: Option<&str>) {
        event_with(g, id, kind, start, EventStatus::Happened);
    }

    fn event_with(
        g: &mut KnowledgeGraph,
        id: &str,
        kind: EventKind,
        start: Option<&str>,
        status: EventStatus,
    ) {
        let n = g.upsert_node(id, Kind::Event, id);
        n.event = Some(EventInfo {
            kind,
            status,
            time: start.map(|s| TimeValue {
                start: s.into(),
                end: None,
                text: s.into(),
            }),
            time_text: None,
            agent_text: None,
            quantities: vec![],
            evidence: vec![Evidence {
                doc: DocId(0xd1),
                sentence: 0,
                span: Span::new(0, 5).into(),
                text: format!("Sentence about {id}.").into(),
            }],
        });
    }

    #[test]
    fn rows_are_in_date_order_with_roles_and_undated_counted() {
        let mut g = KnowledgeGraph::new();
        event(&mut g, "event:b", EventKind::Meeting, Some("2021-03-02"));
        event(&mut g, "event:a", EventKind::Vote, Some("2021"));
        event(&mut g, "event:c", EventKind::Protest, None);
        g.upsert_node("person:x", Kind::Person, "Ana Ruiz");
        g.upsert_node("place:y", Kind::Place, "Peru");
        let ev = |id: &str| Evidence {
            doc: DocId(0xd1),
            sentence: 0,
            span: Span::new(0, 1).into(),
            text: id.into(),
        };
        assert!(g.add_edge("event:b", "person:x", Relation::Agent, ev("1")));
        assert!(g.add_edge("event:b", "place:y", Relation::Location, ev("2")));
        let (rows, left) = rows(&g, false);
        assert_eq!(left.undated, 1);
        let dates: Vec<_> = rows.iter().map(|r| r.date.as_str()).collect();
        assert_eq!(dates, ["2021", "2021-03-02"]);
        assert_eq!(rows[1].who, "Ana Ruiz");
        assert_eq!(rows[1].place, "Peru");
        assert!(
            rows[1].source.contains("Sentence about event:b"),
            "{:?}",
            rows[1]
        );
        let out = write(&g, false, Vec::new()).unwrap_or_default();
        let text = String::from_utf8_lossy(&out);
        assert!(text.starts_with("DATE"), "{text}");
        assert!(text.ends_with("(1 undated events not shown)\n"), "{text}");
    }

    #[test]
    fn the_story_picture_escapes_names_and_marks_status() {
        let mut g = KnowledgeGraph::new();
        event_with(
            &mut g,
            "event:p",
            EventKind::Withdrawal,
            Some("2022-04"),
            EventStatus::Planned,
        );
        event(&mut g, "event:h", EventKind::Attack, Some("2021"));
        g.upsert_node("group:x", Kind::Group, "<script>alert(1)</script> & Co");
        let ev = Evidence {
            doc: DocId(0xd1),
            sentence: 0,
            span: Span::new(0, 1).into(),
            text: "x".into(),
        };
        assert!(g.add_edge("event:h", "group:x", Relation::Agent, ev));
        let out = write_svg(&g, false, Vec::new()).unwrap_or_default();
        let svg = String::from_utf8_lossy(&out);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(
            svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"),
            "{svg}"
        );
        // In date order, the planned one drawn as a ring and saying so.
        let (a, p) = (
            svg.find("attack").unwrap_or(0),
            svg.find("withdrawal").unwrap_or(0),
        );
        assert!(0 < a && a < p, "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("fill=\"#ffffff\" stroke=\"#2471a3\""), "{svg}");
        assert!(svg[p..].contains("planned"), "{svg}");
        // Well-formed XML.
        let mut r = quick_xml::Reader::from_str(&svg);
        loop {
            match r.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{e}: {svg}"),
            }
        }
    }

    #[test]
    fn what_did_not_happen_is_shown_only_when_asked() {
        let mut g = KnowledgeGraph::new();
        event(&mut g, "event:met", EventKind::Meeting, Some("2022-05-01"));
        let no = EventStatus::Negated;
        event_with(&mut g, "event:no", EventKind::Vote, Some("2022-05-02"), no);
        let maybe = EventStatus::Hypothetical;
        event_with(
            &mut g,
            "event:if",
            EventKind::Strike,
            Some("2022-05-03"),
            maybe,
        );
        let plan = EventStatus::Planned;
        event_with(
            &mut g,
            "event:plan",
            EventKind::Visit,
            Some("2022-06"),
            plan,
        );
        let (shown, left) = rows(&g, false);
        let kinds: Vec<_> = shown
            .iter()
            .map(|r| (r.kind.as_str(), r.status.as_str()))
            .collect();
        assert_eq!(kinds, [("meeting", "happened"), ("visit", "planned")]);
        assert_eq!(left.not_factual, 2);
        let (all, left) = rows(&g, true);
        assert_eq!(all.len(), 4);
        assert_eq!(left.not_factual, 0);
        let out = write(&g, false, Vec::new()).unwrap_or_default();
        let text = String::from_utf8_lossy(&out);
        assert!(
            text.contains("(2 hypothetical or negated events not shown"),
            "{text}"
        );
        assert!(
            text.lines().next().is_some_and(|l| l.contains("STATUS")),
            "{text}"
        );
    }
}
