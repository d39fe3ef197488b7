use super::*;
use crate::graph::EventInfo;
use crate::model::{Approx, EventKind, Span, TimeValue};

fn page(g: &KnowledgeGraph) -> String {
    let bytes = write(g, &ExportOptions::default(), Vec::new()).expect("in memory");
    String::from_utf8(bytes).expect("utf-8")
}

/// The JSON between `<script type="application/json" id="ng-data">` and
/// the next `</script>`, parsed.
fn data_of(html: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"ng-data\">";
    let start = html.find(open).expect("data block") + open.len();
    let len = html[start..].find("</script>").expect("end of data block");
    serde_json::from_str(&html[start..start + len]).expect("valid JSON")
}

fn ev(doc: u64, text: &str, span: Span) -> Evidence {
    Evidence {
        doc: DocId(doc),
        sentence: 2,
        span: span.into(),
        text: text.into(),
    }
}

#[test]
fn embedded_scripts_cannot_end_their_block_or_open_a_comment() {
    for (name, s) in [
        ("cytoscape", CYTOSCAPE),
        ("licence", CYTOSCAPE_LICENSE),
        ("page", PAGE_JS),
        ("watch", WATCH_JS),
        ("css", PAGE_CSS),
    ] {
        let low = s.to_ascii_lowercase();
        assert!(!low.contains("</script"), "{name}");
        assert!(!low.contains("<!--"), "{name}");
        assert!(!low.contains("</style"), "{name}");
    }
    assert!(!CYTOSCAPE_LICENSE.contains("*/"));
}

#[test]
fn hostile_names_stay_text_and_round_trip_through_the_data() {
    let hostile = "</script><script>alert(1)</script><!-- & \"q\" 'a' \u{0}\u{7}";
    let mut g = KnowledgeGraph::new();
    g.upsert_node("person:x", Kind::Person, hostile)
        .aliases
        .insert("<b>bold</b>".into());
    g.upsert_node("place:y", Kind::Place, "Y");
    g.add_edge(
        "person:x",
        "place:y",
        Relation::LocatedIn,
        ev(1, &format!("{hostile} Y"), Span::new(0, 1)),
    );
    let html = page(&g);
    // Only the page's own four blocks: the watcher, the data, the library
    // and the page script.
    assert_eq!(html.matches("<script").count(), 4, "{html}");
    assert_eq!(html.matches("</script>").count(), 4);
    assert!(!html.contains("<b>"));
    assert!(html.contains(
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &amp; &quot;q&quot; &#39;a&#39; \u{FFFD}\u{FFFD}"
    ));
    let d = data_of(&html);
    assert_eq!(d["nodes"][0]["l"], hostile);
    assert_eq!(d["nodes"][0]["a"][0], "<b>bold</b>");
    let e = &d["edges"][0];
    assert_eq!((e[0].as_u64(), e[1].as_u64()), (Some(0), Some(1)));
    assert_eq!(
        d["relations"][e[2].as_u64().expect("relation") as usize]["name"],
        "located_in"
    );
    // The evidence points at its sentence, written once, and at the
    // span's characters: a one-byte span, which only the name "Y" fits.
    let v = &e[5][0];
    let sentence = &d["sentences"][v[0].as_u64().expect("number") as usize];
    assert_eq!(sentence[2], format!("{hostile} Y"));
    let y = hostile.encode_utf16().count() as u64 + 1;
    assert_eq!((v[1].as_u64(), v[2].as_u64()), (Some(y), Some(y + 1)));
    assert_eq!(
        d["docs"][sentence[0].as_u64().expect("doc") as usize]["id"],
        "0000000000000001"
    );
}

#[test]
fn narrowed_spans_are_placed_between_names_in_utf16_offsets() {
    // "É" is two bytes and one UTF-16 unit; "😀" four bytes and two units.
    let text = "😀 Éva met Ann and Éva";
    let names = ["Éva", "Ann"];
    // "Éva met Ann" is 12 bytes: the span a relation extractor narrows to,
    // at document offsets the sentence does not keep.
    let all = [
        ev(7, text, Span::new(1005, 1017)),
        ev(7, text, Span::new(1000, 1000 + text.len())),
        // A length no stretch between two names has.
        ev(8, text, Span::new(3, 8)),
    ];
    let mut sentences = Sentences::default();
    let got: Vec<EvidenceJson> = all.iter().map(|e| sentences.evidence(e, &names)).collect();
    assert_eq!(got, [(0, 3, 14), (0, 0, 0), (1, 0, 0)]);
    assert_eq!(sentences.order.len(), 2);
    assert_eq!(place_span(text, 12, &names), Some(5..17));
    assert_eq!(place_span(text, 12, &[]), None);
    assert_eq!(place_span("", 3, &names), None);
}

#[test]
fn dated_events_are_listed_in_order_with_who_where_and_numbers() {
    let mut g = KnowledgeGraph::new();
    let dates = [
        ("event:b", "2020-09-09", EventStatus::Happened),
        ("event:a", "2019-12", EventStatus::Planned),
        ("event:c", "2021", EventStatus::Negated),
    ];
    for (id, date, status) in dates {
        g.upsert_node(id, Kind::Event, &format!("reduction {id}"))
            .event = Some(EventInfo {
            kind: EventKind::Reduction,
            status,
            time: Some(TimeValue {
                start: date.into(),
                end: None,
                text: "then".into(),
            }),
            time_text: None,
            agent_text: None,
            quantities: vec![Quantity {
                value: None,
                from: Some(5200.0),
                to: Some(3000.0),
                unit: "troops".into(),
                approx: Approx::About,
                as_of: None,
                text: "from 5,200 to about 3,000 troops".into(),
            }],
            evidence: vec![],
        });
    }
    g.upsert_node("group:army", Kind::Group, "Army & Co");
    g.upsert_node("place:p", Kind::Place, "Ruritania");
    let e = ev(1, "s", Span::new(0, 1));
    g.add_edge("event:b", "group:army", Relation::Agent, e.clone());
    g.add_edge("event:b", "place:p", Relation::Location, e);
    let html = page(&g);
    let a = html.find("reduction event:a").expect("a listed");
    let b = html.find("reduction event:b").expect("b listed");
    let c = html.find("reduction event:c").expect("c listed");
    assert!(a < b && b < c);
    assert!(html.contains("<time>2020-09-09</time> <span class=\"ekind\">reduction</span>"));
    assert!(html.contains("<span class=\"who\">who: Army &amp; Co</span>"));
    assert!(html.contains("<span class=\"where\">where: Ruritania</span>"));
    assert!(html.contains("<span class=\"num\">5,200→~3,000 troops</span>"));
    // A negated event is in the list, hidden; a planned one is shown.
    assert!(html.contains("data-status=\"negated\" data-start=\"2021\" data-end=\"2021\" hidden>"));
    assert!(html.contains("data-status=\"planned\" data-start=\"2019-12\" data-end=\"2019-12\">"));
    // Entities busiest first; events are not entities.
    assert!(html.contains("<h2>Entities (2)</h2>"));
}

#[test]
fn an_empty_graph_is_a_whole_page() {
    let html = page(&KnowledgeGraph::new());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.ends_with("</html>\n"));
    let d = data_of(&html);
    assert_eq!(d["nodes"].as_array().map(Vec::len), Some(0));
    assert_eq!(d["kinds"][0]["color"], "#4E79A7");
}

#[test]
fn numbers_read_as_a_reader_writes_them() {
    let q = |value, from, to, unit: &str| Quantity {
        value,
        from,
        to,
        unit: unit.into(),
        approx: Approx::Exact,
        as_of: None,
        text: "t".into(),
    };
    assert_eq!(
        quantity_text(&q(Some(1700.0), None, None, "troops")),
        "1,700 troops"
    );
    assert_eq!(quantity_text(&q(Some(0.6), None, None, "fraction")), "60%");
    assert_eq!(quantity_text(&q(None, None, None, "")), "t");
    assert_eq!(quantity_text(&q(Some(f64::NAN), None, None, "x")), "NaN x");
    assert_eq!(crate::model::grouped(-1234567.0), "-1,234,567");
    assert_eq!(crate::model::grouped(2.5), "2.5");
}
