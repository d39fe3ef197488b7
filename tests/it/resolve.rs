//! General properties of resolution and relations on the demo corpus (no
//! hand-written expected graph): no boilerplate or title nodes, no person
//! split into a full name and its own suffix, typed relations present,
//! evidence that slices back to the text, `--no-comention` honoured.

use crate::util::root;
use newsgraph::KnowledgeGraph;
use newsgraph::internals as lexicon;
use newsgraph::internals as load;
use newsgraph::{Document, Kind, Relation};
use newsgraph::{Options, Pipeline};
use std::collections::BTreeMap;

fn seeds() -> Vec<Document> {
    let (files, skipped) = load::list_files(&[root().join("seeds")]);
    assert!(skipped.is_empty());
    files
        .iter()
        .map(|f| load::read_file(f).expect("seed is UTF-8"))
        .collect()
}

fn graph(comention: bool) -> KnowledgeGraph {
    let options = Options {
        comention,
        ..Options::default()
    };
    Pipeline::new(
        newsgraph::Finder::builtin().expect("built-in model"),
        options,
    )
    .run(seeds())
}

#[test]
fn no_boilerplate_title_or_demonym_nodes() {
    let g = graph(true);
    assert!(g.node_count() > 10);
    for n in g.nodes() {
        let lower = n.label.to_lowercase();
        for junk in [
            "related",
            "breaking news",
            "leer en",
            "subscribe",
            "telegram",
            "credit",
        ] {
            assert!(!lower.contains(junk), "boilerplate node {:?}", n.label);
        }
        let single = !n.label.contains(' ');
        assert!(
            !(single && lexicon::is_title(&n.label)),
            "title node {:?}",
            n.label
        );
        assert!(
            lexicon::demonym_country(&n.label).is_none(),
            "demonym node {:?}",
            n.label
        );
        assert!(!n.label.trim().is_empty());
        assert!(!n.aliases.contains(&n.label));
        assert_eq!(n.label, n.label.trim());
    }
}

#[test]
fn no_person_split_into_full_name_and_suffix_within_a_document() {
    let g = graph(true);
    let people: Vec<_> = g.nodes().filter(|n| n.kind == Kind::Person).collect();
    for a in &people {
        for b in &people {
            if a.id == b.id || !a.documents.iter().any(|d| b.documents.contains(d)) {
                continue;
            }
            let (la, lb) = (a.label.to_lowercase(), b.label.to_lowercase());
            assert!(
                !la.ends_with(&format!(" {lb}")),
                "{:?} and {:?} share a document and should be one person",
                a.label,
                b.label
            );
        }
    }
}

#[test]
fn typed_relations_with_evidence_that_slices_back() {
    let docs: BTreeMap<_, _> = seeds().into_iter().map(|d| (d.id, d)).collect();
    let g = graph(true);
    let mut typed = 0;
    for (_, _, e) in g.edges() {
        if e.relation.is_typed() && !e.relation.is_event_role() {
            typed += 1;
        }
        assert!(!e.evidence.is_empty());
        for ev in &e.evidence {
            let doc = &docs[&ev.doc];
            let bytes = doc.text.get(ev.span.range()).unwrap_or("");
            assert!(!bytes.is_empty(), "empty evidence span {ev:?}");
            assert!(ev.text.len() <= newsgraph::internals::EVIDENCE_TEXT_CAP + "…".len());
        }
    }
    assert!(typed >= 3, "only {typed} typed relations");
}

#[test]
fn no_comention_leaves_co_mentions_out() {
    let with = graph(true);
    let without = graph(false);
    assert!(
        with.edges()
            .any(|(_, _, e)| e.relation == Relation::CoMention)
    );
    assert!(
        !without
            .edges()
            .any(|(_, _, e)| e.relation == Relation::CoMention)
    );
    assert!(without.edges().any(|(_, _, e)| e.relation.is_typed()));
    assert_eq!(with.node_count(), without.node_count());
}

#[test]
fn alias_file_errors_name_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("aliases.toml");
    std::fs::write(&bad, "drop = [\"a\"]\n[kind]\n\"X\" = \"planet\"\n").unwrap();
    let o = crate::util::newsgraph(&[
        "build",
        root().join("seeds").to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
        "--aliases",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("aliases.toml:3:7"), "{err}");
    let ok = crate::util::newsgraph(&[
        "build",
        root().join("seeds").to_str().unwrap(),
        "--out",
        dir.path().join("out").to_str().unwrap(),
        "--aliases",
        root().join("examples/aliases.toml").to_str().unwrap(),
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}
