//! Output does not depend on thread count or input order: the same corpus
//! under shuffled file names, built with 1 and 2 threads, gives
//! byte-identical files, and the library gives identical graphs.

use crate::util::{run_ng as run, stderr};
use newsgraph::Document;
use newsgraph::{Options, Pipeline};
use std::ffi::OsStr;
use std::path::Path;

const PEOPLE: &[&str] = &["Ana Ruiz", "Bo Lind", "Kaito Mori", "Ada Obi", "Lea Sund"];
const PLACES: &[&str] = &["Peru", "Norway", "Japan", "Kenya", "Chile", "Lima"];
const GROUPS: &[&str] = &["United Nations", "World Bank", "Red Cross"];

/// Forty small articles mixing the same names in different ways, so that
/// merge order matters if anything depends on it.
fn corpus() -> Vec<String> {
    (0..40usize)
        .map(|i| {
            let p = PEOPLE[i % PEOPLE.len()];
            let q = PEOPLE[(i * 3 + 1) % PEOPLE.len()];
            let l = PLACES[(i * 7) % PLACES.len()];
            let g = GROUPS[i % GROUPS.len()];
            format!(
                "Minister {p} visited {l} on Monday.\n\n{p} met {q} of the {g} in {l}. \
                 The {g} said {q} would return in {} days.\n",
                i + 2
            )
        })
        .collect()
}

fn graph_dump(docs: Vec<Document>, threads: usize, reverse: bool) -> String {
    let pipeline = Pipeline::new(
        newsgraph::Finder::builtin().expect("built-in model"),
        Options::default(),
    );
    let mut docs = docs;
    if reverse {
        docs.reverse();
    }
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => panic!("{e}"),
    };
    let g = pool.install(|| pipeline.run_stream(docs.into_iter(), |_, _| {}));
    let nodes: Vec<String> = g.nodes().map(|n| format!("{n:?}")).collect();
    let edges: Vec<String> = g
        .edges()
        .map(|(a, b, e)| format!("{} {} {e:?}", a.id, b.id))
        .collect();
    format!("{nodes:#?}\n{edges:#?}\n{:?}", g.documents)
}

#[test]
fn library_graph_is_the_same_for_any_threads_and_order() {
    let docs: Vec<Document> = corpus()
        .into_iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("d{i}"), t))
        .collect();
    let one = graph_dump(docs.clone(), 1, false);
    assert!(one.contains("Ana Ruiz"), "{one}");
    assert_eq!(one, graph_dump(docs.clone(), 2, false));
    assert_eq!(one, graph_dump(docs.clone(), 2, true));
    assert_eq!(one, graph_dump(docs, 3, true));
}

fn build(input: &Path, out: &Path, threads: &str) {
    let o = run(&[
        OsStr::new("build"),
        input.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
        OsStr::new("--threads"),
        OsStr::new(threads),
        OsStr::new("--quiet"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn binary_output_is_byte_identical_for_threads_and_file_order() {
    let tmp = match tempfile::tempdir() {
        Ok(t) => t,
        Err(e) => panic!("{e}"),
    };
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    for d in [&a, &b] {
        if let Err(e) = std::fs::create_dir(d) {
            panic!("{e}");
        }
    }
    let texts = corpus();
    let n = texts.len();
    for (i, t) in texts.iter().enumerate() {
        // Same documents, names sorting in opposite orders.
        let ok = std::fs::write(a.join(format!("{i:03}.txt")), t)
            .and_then(|_| std::fs::write(b.join(format!("{:03}.txt", n - i)), t));
        if let Err(e) = ok {
            panic!("{e}");
        }
    }
    let outs: Vec<_> = ["o1", "o2", "o3"]
        .iter()
        .map(|o| tmp.path().join(o))
        .collect();
    build(&a, &outs[0], "1");
    build(&a, &outs[1], "2");
    build(&b, &outs[2], "2");
    for f in ["graph.graphml", "graph.dot", "graph.jsonld"] {
        let read = |d: &Path| std::fs::read(d.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        let first = read(&outs[0]);
        assert_eq!(first, read(&outs[1]), "{f}: 1 vs 2 threads");
        assert_eq!(first, read(&outs[2]), "{f}: shuffled file order");
    }
}
