//! Round trips through every exporter and an independent parser (the check
//! is in `roundtrip/check.rs`, shared with the fuzz targets): graphs of
//! adversarial names and ids with edges of every relation, graphs the
//! pipeline makes of arbitrary text, and the large adversarial graph of
//! `export_props`.

mod check;

use crate::export_props::{NASTY, adversarial_graph};
use newsgraph::{DocId, Evidence, Finder, Kind, KnowledgeGraph, Options, Pipeline, Relation, Span};
use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        prop::sample::select(NASTY).prop_map(str::to_string),
        any::<char>().prop_map(String::from),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..5).prop_map(|v| v.concat())
}

/// A graph of the given nodes (id, kind, label) and edges (indices into
/// the nodes, relation), as the fuzz target builds it.
fn graph(nodes: &[(String, usize, String)], edges: &[(usize, usize, usize)]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new();
    let mut ids = Vec::new();
    for (i, (id, kind, label)) in nodes.iter().enumerate() {
        let id = format!("{id}{i}");
        g.upsert_node(&id, Kind::ALL[kind % Kind::ALL.len()], label);
        ids.push(id);
    }
    for &(a, b, r) in edges {
        let (Some(a), Some(b)) = (ids.get(a % ids.len().max(1)), ids.get(b % ids.len().max(1)))
        else {
            continue;
        };
        let ev = Evidence {
            doc: DocId(7),
            sentence: 0,
            span: Span::new(0, 1).into(),
            text: "s".into(),
        };
        g.add_edge(a, b, Relation::ALL[r % Relation::ALL.len()], ev);
    }
    g
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn adversarial_graphs_read_back_the_same_in_every_format(
        nodes in prop::collection::vec((name(), 0usize..4, name()), 1..8),
        edges in prop::collection::vec((0usize..8, 0usize..8, 0usize..64), 0..12),
    ) {
        let g = graph(&nodes, &edges);
        check::check(&g).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn graphs_of_arbitrary_text_read_back_the_same(
        words in prop::collection::vec(prop_oneof![
            prop::sample::select(&[
                "Gen.", "Ana", "Ruiz", "met", "Peru", "in", "Lima", "on", "Monday", ".",
                "the", "United", "Nations", "said", "troops", "left", "\"", ",", "Mr.",
            ][..]).prop_map(str::to_string),
            name(),
        ], 0..40),
    ) {
        let text = words.join(" ");
        let pipeline = Pipeline::new(
            Finder::rules(),
            Options::default(),
        );
        let g = pipeline.run(vec![newsgraph::Document::new("p", text)]);
        check::check(&g).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn the_large_adversarial_graph_reads_back_the_same() {
    let g = adversarial_graph(400);
    assert!(g.edge_count() > 400);
    if let Err(e) = check::check(&g) {
        panic!("{e}");
    }
}

/// The check itself fails on a graph whose export it is not given: an
/// edge or a label changed is seen in every reader.
#[test]
fn the_check_sees_a_changed_label_and_a_missing_edge() {
    let g = graph(
        &[
            ("a".into(), 0, "Ana".into()),
            ("b".into(), 2, "Lima".into()),
        ],
        &[(0, 1, 3)],
    );
    let bytes = newsgraph::export(
        newsgraph::Format::GraphMl,
        &g,
        &newsgraph::ExportOptions::default(),
        Vec::new(),
    )
    .unwrap_or_default();
    let text = String::from_utf8(bytes).unwrap_or_default();
    let changed = text.replace(">Lima<", ">Lime<");
    let read = check::graphml(changed.as_bytes());
    assert!(read.is_ok_and(|r| r.nodes.values().any(|(_, l)| l == "Lime")));
    let mut fewer = g.clone();
    fewer.upsert_node("c2", Kind::Place, "Quito");
    let ok = check::check(&g);
    assert!(ok.is_ok(), "{ok:?}");
    let read = check::cypher(
        &newsgraph::export(
            newsgraph::Format::Cypher,
            &fewer,
            &newsgraph::ExportOptions::default(),
            Vec::new(),
        )
        .unwrap_or_default(),
    );
    assert!(read.is_ok_and(|r| r.nodes.len() == 3 && r.edge_count == 1));
}
