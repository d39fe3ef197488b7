//! The `build` command end to end: files written, summary printed,
//! determinism across runs, file names, file order and thread counts, and
//! the committed `output/` kept fresh.

use crate::util::{build, newsgraph as run, outputs, root};
use std::fs;

#[test]
fn build_writes_three_files_and_a_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let o = build(&[&root().join("seeds")], tmp.path(), &[]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("5 documents"), "{stderr}");
    // "(13 person, 16 group, …)": every kind is present with a count > 0.
    for k in ["person", "group", "place", "event"] {
        let count = stderr
            .split(['(', ',', ')', ';'])
            .filter_map(|part| part.trim().strip_suffix(k))
            .filter_map(|n| n.trim().parse::<usize>().ok())
            .next();
        assert!(count.is_some_and(|n| n > 0), "no {k} in summary: {stderr}");
    }
    for (name, bytes) in outputs(tmp.path()) {
        assert!(!bytes.is_empty(), "{name} is empty");
    }
}

#[test]
fn format_flag_limits_outputs() {
    let tmp = tempfile::tempdir().unwrap();
    build(&[&root().join("seeds")], tmp.path(), &["--format", "dot"]);
    assert!(tmp.path().join("graph.dot").exists());
    assert!(!tmp.path().join("graph.graphml").exists());
    let bad = run(&["build", "seeds", "--out", "/tmp/x", "--format", "png"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn same_graph_for_renamed_reordered_copies_and_any_thread_count() {
    let a = tempfile::tempdir().unwrap();
    build(&[&root().join("seeds")], a.path(), &["--threads", "1"]);
    // Copies under other names, in reverse name order, in a nested folder.
    let src = tempfile::tempdir().unwrap();
    let mut seeds: Vec<_> = fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for (i, p) in seeds.iter().enumerate() {
        let dir = src.path().join(format!("sub{}", i % 2));
        fs::create_dir_all(&dir).unwrap();
        fs::copy(p, dir.join(format!("{}_copy.txt", 9 - i))).unwrap();
    }
    let b = tempfile::tempdir().unwrap();
    build(&[src.path()], b.path(), &["--threads", "2"]);
    let c = tempfile::tempdir().unwrap();
    build(&[&root().join("seeds")], c.path(), &[]);
    assert_eq!(outputs(a.path()), outputs(b.path()));
    assert_eq!(outputs(a.path()), outputs(c.path()));
}

#[test]
fn committed_output_is_fresh() {
    // output/ must be what the README's run command produces on seeds/.
    let tmp = tempfile::tempdir().unwrap();
    build(&[&root().join("seeds")], tmp.path(), &[]);
    for (name, bytes) in outputs(tmp.path()) {
        let committed = fs::read(root().join("output").join(&name))
            .unwrap_or_else(|e| panic!("output/{name}: {e}"));
        assert!(
            committed == bytes,
            "output/{name} is stale: run `cargo run --release -- build seeds --out output` and commit"
        );
    }
}

#[test]
fn help_lists_commands() {
    let o = run(&["--help"]);
    let s = String::from_utf8_lossy(&o.stdout);
    for c in ["build", "timeline", "train", "eval"] {
        assert!(s.contains(c), "{s}");
    }
    let o = run(&["build", "--help"]);
    let s = String::from_utf8_lossy(&o.stdout);
    for f in [
        "--out",
        "--format",
        "--base-iri",
        "--no-comention",
        "--aliases",
    ] {
        assert!(s.contains(f), "{s}");
    }
}

#[test]
fn missing_input_is_reported_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run(&[
        "build",
        "does-not-exist-dir",
        "--out",
        tmp.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let s = String::from_utf8_lossy(&o.stderr);
    assert!(s.contains("does-not-exist-dir"), "{s}");
}
