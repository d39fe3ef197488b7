//! Partial graph files: records round-trip, a part reads back what was
//! written, and the merged stream gives each document once in id order.

use super::format::{PartReader, PartWriter, Settings, VERSION};
use super::merge::merged;
use super::record::{from_line, to_line};
use crate::error::{Error, PartProblem};
use crate::model::{
    DocId, DocMeta, DocResult, Evidence, Kind, LocalEntity, LocalRelation, Relation, Span,
};
use std::collections::BTreeSet;
use std::path::Path;

fn result(id: u64, title: &str) -> DocResult {
    let ent = |name: &str| LocalEntity {
        kind: Kind::Place,
        name: name.to_string(),
        aliases: BTreeSet::new(),
        mentions: vec![0, 3],
        roles: BTreeSet::new(),
        implied: false,
        team: false,
    };
    let sentence: std::sync::Arc<str> = "Rain fell on Tarn and Velm.".into();
    let rel = |target: usize, doc: u64| LocalRelation {
        source: 0,
        target,
        relation: Relation::CoMention,
        evidence: Evidence {
            doc: DocId(doc),
            sentence: 2,
            span: Span::new(13, 26).into(),
            text: sentence.clone(),
        },
    };
    DocResult {
        id: DocId(id),
        meta: DocMeta {
            title: Some(title.to_string()),
            ..DocMeta::default()
        },
        entities: vec![ent("Tarn"), ent("Velm"), ent("Ossa")],
        // The last relation's evidence is of another document.
        relations: vec![rel(1, id), rel(2, id), rel(2, id + 1)],
        events: Vec::new(),
        tokens: 7,
        alias_kinds: vec![("tarn".into(), crate::model::Kind::Place, "Tarn".into())],
    }
}

fn settings() -> Settings {
    Settings {
        finder: "rules".into(),
        comention: true,
        date: None,
        aliases: Default::default(),
    }
}

fn write_part(path: &Path, docs: &[DocResult]) {
    let mut bytes = Vec::new();
    let mut w = PartWriter::new(&mut bytes, &settings()).expect("writer");
    for d in docs {
        w.record(d.id, &to_line(d).expect("line")).expect("record");
    }
    w.finish().expect("finish");
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn a_record_reads_back_the_result_it_was_made_of() {
    let r = result(0x2a, "Rain");
    let line = to_line(&r).expect("line");
    assert!(line.starts_with(b"{\"id\":\"000000000000002a\""));
    // One copy of the shared sentence.
    let text = String::from_utf8_lossy(&line);
    assert_eq!(text.matches("Rain fell").count(), 1, "{text}");
    let back = from_line(&line).expect("parses");
    assert_eq!(back.id, r.id);
    assert_eq!(back.meta, r.meta);
    assert_eq!(back.entities, r.entities);
    assert_eq!(back.relations, r.relations);
    assert_eq!(back.tokens, r.tokens);
    assert!(from_line(b"{\"id\":\"000000000000002a\"}").is_err());
}

#[test]
fn a_part_holds_its_records_in_id_order_and_refuses_others() {
    let mut bytes = Vec::new();
    let mut w = PartWriter::new(&mut bytes, &settings()).expect("writer");
    let (a, b) = (result(5, "a"), result(9, "b"));
    w.record(b.id, &to_line(&b).expect("line")).expect("first");
    assert!(w.record(a.id, &to_line(&a).expect("line")).is_err());
    assert!(w.record(DocId(10), &to_line(&a).expect("line")).is_err());
    let tmp = tempfile::tempdir().expect("tmp");
    let p = tmp.path().join("p.ngp");
    write_part(&p, &[a.clone(), b.clone()]);
    let part = PartReader::open(&p).expect("opens");
    assert_eq!(part.documents, 2);
    assert_eq!(part.settings, settings());
    let ids: Vec<DocId> = part
        .records()
        .expect("records")
        .map(|r| r.expect("record").0)
        .collect();
    assert_eq!(ids, [a.id, b.id]);
}

fn problem(p: &Path) -> PartProblem {
    match PartReader::open(p) {
        Err(Error::Part { problem, path }) if path == p => problem,
        Err(e) => panic!("other error {e}"),
        Ok(_) => panic!("{} opened", p.display()),
    }
}

#[test]
fn every_damage_is_named() {
    let tmp = tempfile::tempdir().expect("tmp");
    let p = tmp.path().join("p.ngp");
    write_part(&p, &[result(1, "a")]);
    let good = std::fs::read(&p).expect("read");
    let case = |name: &str, bytes: &[u8]| {
        let q = tmp.path().join(name);
        std::fs::write(&q, bytes).expect("write");
        problem(&q)
    };
    assert_eq!(case("empty", b""), PartProblem::NotAPart);
    assert_eq!(case("short", &good[..12]), PartProblem::Truncated);
    assert_eq!(case("cut", &good[..good.len() - 1]), PartProblem::Truncated);
    let mut v = good.clone();
    v[8..12].copy_from_slice(&(VERSION + 1).to_le_bytes());
    assert_eq!(
        case("version", &v),
        PartProblem::Version {
            found: VERSION + 1,
            supported: VERSION
        }
    );
    let mut flipped = good.clone();
    let at = good.len() - 25;
    flipped[at] ^= 1;
    assert_eq!(case("flipped", &flipped), PartProblem::Checksum);
}

#[test]
fn merged_parts_give_each_document_once_whatever_their_order() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (p, q) = (tmp.path().join("p.ngp"), tmp.path().join("q.ngp"));
    // Document 4 in both, with other metadata in q: the smaller record
    // is kept from either order.
    write_part(&p, &[result(1, "a"), result(4, "z"), result(8, "c")]);
    write_part(&q, &[result(2, "b"), result(4, "d")]);
    let stream = |paths: [&Path; 2]| -> Vec<(u64, Option<String>)> {
        let parts: Vec<PartReader> = paths
            .iter()
            .map(|x| PartReader::open(x).expect("opens"))
            .collect();
        merged(&parts, true)
            .expect("merged")
            .map(|r| {
                let r = r.expect("record");
                (r.id.0, r.result.and_then(|x| x.meta.title))
            })
            .collect()
    };
    let one = stream([&p, &q]);
    assert_eq!(one, stream([&q, &p]));
    let ids: Vec<u64> = one.iter().map(|x| x.0).collect();
    assert_eq!(ids, [1, 2, 4, 8]);
    assert_eq!(one[2].1.as_deref(), Some("d"));
}
