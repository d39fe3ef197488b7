//! Fuzz target: arbitrary names, ids, kinds and edges → a graph → every
//! exporter → read back by an independent parser (the check shared with
//! the test suite, `tests/it/roundtrip/check.rs`) → the same nodes, edges
//! and labels, up to each format's documented replacements. A difference
//! panics.
#![no_main]

#[path = "../../tests/it/roundtrip/check.rs"]
mod check;

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use newsgraph::{DocId, Evidence, Kind, KnowledgeGraph, Relation, Span};

fn graph(u: &mut Unstructured<'_>) -> arbitrary::Result<KnowledgeGraph> {
    let mut g = KnowledgeGraph::new();
    let mut ids = Vec::new();
    for i in 0..u.int_in_range(1..=8usize)? {
        let id: String = u.arbitrary()?;
        let label: String = u.arbitrary()?;
        let kind = Kind::ALL[u.choose_index(Kind::ALL.len())?];
        // Distinct ids: a repeated id would be one node.
        let id = format!("{id}{i}");
        let node = g.upsert_node(&id, kind, &label);
        if u.arbitrary()? {
            node.aliases.insert(u.arbitrary()?);
        }
        ids.push(id);
    }
    for _ in 0..u.int_in_range(0..=16usize)? {
        let a = &ids[u.choose_index(ids.len())?];
        let b = &ids[u.choose_index(ids.len())?];
        let rel = Relation::ALL[u.choose_index(Relation::ALL.len())?];
        let ev = Evidence {
            doc: DocId(u.arbitrary()?),
            sentence: u.arbitrary()?,
            span: Span::new(0, 1).into(),
            text: u.arbitrary::<String>()?.into(),
        };
        g.add_edge(a, b, rel, ev);
    }
    Ok(g)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(g) = graph(&mut u) else {
        return;
    };
    if let Err(e) = check::check(&g) {
        panic!("{e}");
    }
});
