//! The `build` command end to end: files written, summary printed,
//! determinism across runs, file names, file order and thread counts, and
//! the committed `output/` kept fresh; and the command line as a newcomer
//! meets it: help, messages, format names.

use crate::util::{build, newsgraph as run, outputs, root, run_ng, stderr};
use std::ffi::OsStr;
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
    let s = stderr(&bad);
    assert!(
        s.contains("\"png\"")
            && s.contains(
                "graphml, dot (or gv), jsonld (or json-ld), gexf, cypher (or cypherl), csv, html"
            ),
        "{s}"
    );
}

#[test]
fn format_accepts_the_spellings_users_type() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    build(&[&seeds], tmp.path(), &["--format", "JSON-LD,GraphML"]);
    let mut names = crate::util::listing(tmp.path());
    names.retain(|n| !n.starts_with('.'));
    assert_eq!(names, ["graph.graphml", "graph.jsonld"]);
    for (spelling, file) in [
        ("json-ld", "graph.jsonld"),
        ("jsonld", "graph.jsonld"),
        ("gv", "graph.dot"),
        ("DOT", "graph.dot"),
        ("GEXF", "graph.gexf"),
        ("cypherl", "graph.cypherl"),
        ("Cypher", "graph.cypherl"),
        ("CSV", "csv"),
        ("HTML", "graph.html"),
        ("htm", "graph.html"),
    ] {
        let out = tmp.path().join(spelling);
        build(&[&seeds], &out, &["--format", spelling]);
        assert_eq!(crate::util::listing(&out), [file], "{spelling}");
    }
    let all = tmp.path().join("all");
    build(&[&seeds], &all, &["--format", "ALL,dot"]);
    assert_eq!(
        crate::util::listing(&all),
        [
            "csv",
            "graph.cypherl",
            "graph.dot",
            "graph.gexf",
            "graph.graphml",
            "graph.html",
            "graph.jsonld"
        ]
    );
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

/// `--buffered-io` changes how the files are written, not what they hold.
#[test]
fn buffered_and_direct_io_write_the_same_bytes() {
    let plain = tempfile::tempdir().unwrap();
    build(&[&root().join("seeds")], plain.path(), &["--buffered-io"]);
    let direct = tempfile::tempdir().unwrap();
    build(&[&root().join("seeds")], direct.path(), &[]);
    assert_eq!(outputs(plain.path()), outputs(direct.path()));
}

#[test]
fn committed_output_is_fresh() {
    // output/ must be what the README's run command (every format)
    // produces on seeds/.
    let tmp = tempfile::tempdir().unwrap();
    build(&[&root().join("seeds")], tmp.path(), &["--format", "all"]);
    let fresh = outputs(tmp.path());
    let names = |files: &[(String, Vec<u8>)]| -> Vec<String> {
        files.iter().map(|(n, _)| n.clone()).collect()
    };
    assert_eq!(
        names(&outputs(&root().join("output"))),
        names(&fresh),
        "output/ holds other files than a fresh run: run `cargo run --release -- build seeds \
         --out output --format all` and commit"
    );
    for (name, bytes) in fresh {
        let committed = fs::read(root().join("output").join(&name))
            .unwrap_or_else(|e| panic!("output/{name}: {e}"));
        assert!(
            committed == bytes,
            "output/{name} is stale: run `cargo run --release -- build seeds --out output \
             --format all` and commit"
        );
    }
}

#[test]
fn committed_story_picture_is_fresh() {
    // The README's story picture is what `timeline --svg` draws of seeds/.
    let tmp = tempfile::tempdir().unwrap();
    let svg = tmp.path().join("story.svg");
    let seeds = root().join("seeds");
    let o = run_ng(&[
        "timeline".as_ref(),
        seeds.as_os_str(),
        "--svg".as_ref(),
        svg.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fresh = fs::read(&svg).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&fresh);
    assert!(text.starts_with("<svg ") && text.trim_end().ends_with("</svg>"));
    // The table on stdout and the picture list the same dated events.
    let table = String::from_utf8_lossy(&o.stdout);
    let dated = table
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('('))
        .count();
    assert_eq!(text.matches("<circle").count(), dated, "{table}");
    let committed = fs::read(root().join("docs/story.svg")).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/story.svg is stale: run `cargo run --release -- timeline seeds --svg docs/story.svg` \
         and commit"
    );
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

/// What a user needs first comes first: where and in what form the graph
/// is written, then how inputs are read, then machine tuning.
#[test]
fn build_help_lists_output_then_input_then_tuning() {
    let o = run(&["build", "--help"]);
    let s = String::from_utf8_lossy(&o.stdout);
    let at = |flag: &str| {
        s.find(&format!("--{flag} "))
            .or_else(|| s.find(&format!("--{flag}\n")))
            .unwrap_or_else(|| panic!("no --{flag} in {s}"))
    };
    let order = [
        "out",
        "format",
        "quiet",
        "jsonl",
        "aliases",
        "max-doc-bytes",
        "threads",
        "buffered-io",
    ];
    for pair in order.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "--{} after --{}: {s}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn help_says_stdin_text_is_one_document() {
    for command in ["build", "timeline"] {
        let o = run(&[command, "--help"]);
        let s = String::from_utf8_lossy(&o.stdout);
        assert!(
            s.contains("`-` reads stdin, all of it as one document"),
            "{s}"
        );
    }
}

/// "1 document", not "1 documents"; "1 input skipped", not "1 inputs".
#[test]
fn summary_counts_are_singular_for_one() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    fs::create_dir(&input).unwrap();
    fs::write(input.join("a.txt"), "Mayor Lena Okafor visited Nairobi.").unwrap();
    fs::write(input.join("b.txt"), "").unwrap();
    let out = tmp.path().join("out");
    let o = run_ng(&[
        OsStr::new("build"),
        input.as_os_str(),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    let s = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{s}");
    assert!(s.contains("newsgraph: 1 document, "), "{s}");
    assert!(s.contains("; 1 input skipped or cut"), "{s}");
    assert!(!s.contains("1 documents") && !s.contains("1 inputs"), "{s}");
}

#[test]
fn an_empty_folder_is_named_with_what_was_looked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("no-articles-here");
    fs::create_dir(&empty).unwrap();
    fs::write(
        empty.join("notes.md"),
        "Not read: only *.txt and *.jsonl are.",
    )
    .unwrap();
    let o = run_ng(&[
        OsStr::new("build"),
        empty.as_os_str(),
        OsStr::new("--out"),
        tmp.path().join("out").as_os_str(),
    ]);
    let s = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{s}");
    assert!(
        s.contains("no *.txt or *.jsonl file found in") && s.contains("no-articles-here"),
        "{s}"
    );
}

/// `build` and `timeline` say the same thing when nothing can be read:
/// a folder whose only file is empty, and an empty folder.
#[test]
fn build_and_timeline_word_no_documents_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let blank = tmp.path().join("blank");
    fs::create_dir(&blank).unwrap();
    fs::write(blank.join("a.txt"), "  \n").unwrap();
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let out = tmp.path().join("out");
    for input in [&blank, &empty] {
        let b = run_ng(&[
            OsStr::new("build"),
            input.as_os_str(),
            OsStr::new("--out"),
            out.as_os_str(),
        ]);
        let t = run_ng(&[OsStr::new("timeline"), input.as_os_str()]);
        assert_eq!(b.status.code(), Some(2));
        assert_eq!(t.status.code(), Some(2));
        let error = |o: &std::process::Output| {
            stderr(o)
                .lines()
                .find(|l| l.starts_with("newsgraph: error: "))
                .map(str::to_string)
        };
        let (eb, et) = (error(&b), error(&t));
        assert!(eb.is_some(), "{}", stderr(&b));
        assert_eq!(eb, et);
        assert!(eb.is_some_and(|e| e.contains("no readable document in the inputs")));
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
