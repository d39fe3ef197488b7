//! Runs that share an output folder: a killed run's temporary files are
//! removed by the next run (and nothing else is), one run at a time holds
//! the folder (the next waits, or fails with `--no-wait`), and two runs at
//! once leave one run's complete set of files.

use crate::util::{bin, build, listing, outputs, stderr};
use fs4::FileExt;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::Stdio;

const LOCK: &str = ".newsgraph.lock";

const STORY_A: &str = "Mayor Ines Calvo of Porto met Tomas Lind in Oslo on Tuesday. \
Calvo said the two cities would share a ferry line.\n";
const STORY_B: &str = "Rebels attacked a convoy near Goma on Friday, the army of Congo said. \
General Paul Okello visited Kinshasa.\n";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
}

/// The process id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true")
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run true: {e}"));
    let pid = child.id();
    let _ = child.wait();
    pid
}

/// Temporary files named as a killed run leaves them, in the folder and
/// in `csv/`, go; files of other names, hidden or not, stay; each removal
/// is one line on stderr.
#[test]
fn a_killed_runs_temporaries_are_removed_by_the_next_run() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(tmp.path(), "a.txt", STORY_A);
    let out = tmp.path().join("out");
    std::fs::create_dir_all(out.join("csv")).unwrap_or_else(|e| panic!("{e}"));
    let pid = dead_pid();
    let stale = [
        format!(".graph.graphml.{pid}.0.tmp"),
        format!(".graph.jsonld.{pid}.7.tmp"),
        format!(".probe.{pid}.1.tmp"),
        format!("csv/.nodes_person.csv.{pid}.3.tmp"),
        format!("csv/.load-neo4j.sh.{pid}.4.tmp"),
    ];
    let foreign = [
        ".notes.tmp",
        ".graph.dot.tmp",
        "draft.1.2.tmp",
        "csv/.mine.x.1.tmp",
        "my-notes.txt",
    ];
    for name in stale.iter().map(String::as_str).chain(foreign) {
        write(&out, name, "half a graph");
    }
    let o = build(&[&tmp.path().join("a.txt")], &out, &["--format", "all"]);
    let err = stderr(&o);
    for name in &stale {
        assert!(!out.join(name).exists(), "{name} left");
        let line = format!(
            "{}: removed, a temporary file left",
            out.join(name).display()
        );
        assert_eq!(err.matches(&line).count(), 1, "{name}: {err}");
    }
    for name in foreign {
        assert!(out.join(name).exists(), "{name} removed");
    }
    // The run's own outputs are complete and its lock file is gone.
    let files = outputs(&out);
    assert!(files.iter().any(|(n, _)| n == "graph.gexf"));
    assert!(!out.join(LOCK).exists());
    // A second run has nothing more to remove.
    let o = build(&[&tmp.path().join("a.txt")], &out, &[]);
    assert!(!stderr(&o).contains("removed"), "{}", stderr(&o));
}

/// Holds the folder's lock as a run does (the lock file, locked, with our
/// process id in it).
fn hold_lock(out: &Path) -> std::fs::File {
    std::fs::create_dir_all(out).unwrap_or_else(|e| panic!("{e}"));
    let mut file = std::fs::File::create(out.join(LOCK)).unwrap_or_else(|e| panic!("{e}"));
    FileExt::try_lock(&file).unwrap_or_else(|e| panic!("cannot lock: {e:?}"));
    let _ = writeln!(file, "{}", std::process::id());
    file
}

/// While the folder is held: `--no-wait` fails at once (status 2, naming
/// the holder, nothing written); a plain run says it waits, writes nothing
/// until the holder lets go, then writes its files.
#[test]
fn a_second_run_waits_or_fails_with_no_wait() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(tmp.path(), "a.txt", STORY_A);
    let input = tmp.path().join("a.txt");
    let out = tmp.path().join("out");
    let held = hold_lock(&out);

    let o = bin()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--no-wait")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let holder = format!(
        "another newsgraph run is writing into this folder (process {})",
        std::process::id()
    );
    assert!(err.contains(&holder) && err.contains("--no-wait"), "{err}");
    assert_eq!(listing(&out), [LOCK]);

    let mut child = bin()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut lines = BufReader::new(child.stderr.take().unwrap_or_else(|| panic!("no stderr")));
    let mut first = String::new();
    let _ = lines.read_line(&mut first);
    assert!(
        first.contains("another newsgraph run") && first.contains("waiting for it"),
        "{first}"
    );
    // It waits: nothing of it appears while the lock is held.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(listing(&out), [LOCK]);
    assert!(matches!(child.try_wait(), Ok(None)));
    // Let go as a run does: the lock file removed while locked, then closed.
    let _ = std::fs::remove_file(out.join(LOCK));
    drop(held);
    let status = child.wait().unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success());
    assert_eq!(outputs(&out).len(), 3);
    assert!(!out.join(LOCK).exists());
}

/// Two builds of different inputs started together into one folder: both
/// succeed, and the folder then holds exactly one of them's files, every
/// format, as that build alone writes them.
#[test]
fn two_runs_at_once_leave_one_complete_set() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write(tmp.path(), "a.txt", STORY_A);
    write(tmp.path(), "b.txt", STORY_B);
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    let all = ["--format", "all"];
    build(&[&a], &tmp.path().join("ref-a"), &all);
    build(&[&b], &tmp.path().join("ref-b"), &all);
    let (ref_a, ref_b) = (
        outputs(&tmp.path().join("ref-a")),
        outputs(&tmp.path().join("ref-b")),
    );
    assert_ne!(ref_a, ref_b);
    let shared = tmp.path().join("shared");
    for round in 0..3 {
        let start = |input: &Path| {
            bin()
                .arg("build")
                .arg(input)
                .arg("--out")
                .arg(&shared)
                .args(all)
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("{e}"))
        };
        let (first, second) = (start(&a), start(&b));
        for child in [first, second] {
            let o = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
            assert!(o.status.success(), "{}", stderr(&o));
        }
        let got = outputs(&shared);
        assert!(got == ref_a || got == ref_b, "round {round}: a mixed set");
        assert!(!shared.join(LOCK).exists());
    }
}
