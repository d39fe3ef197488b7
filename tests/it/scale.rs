//! `extract` + `merge` give the files one `build` gives, whatever the
//! sharding, the order of the parts, the thread count, a document in two
//! parts, and merging in steps (a merged part merged again, day by day);
//! a file that is not a whole partial graph of this version and these
//! settings is named and refused, and nothing is written.

use crate::util::{bin, outputs, stderr};
use std::path::{Path, PathBuf};
use std::process::Output;

fn ng(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = bin();
    for a in args {
        cmd.arg(a);
    }
    cmd.stdin(std::process::Stdio::null())
        .output()
        .expect("newsgraph runs")
}

fn ok(o: Output, what: &str) -> Output {
    assert!(o.status.success(), "{what} failed: {}", stderr(&o));
    o
}

/// Every `.txt` file under `dir`, sorted.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "txt") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A fixed shuffle (a small LCG), so a failure can be run again.
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut s = seed;
    for i in (1..v.len()).rev() {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = (s >> 33) as usize % (i + 1);
        v.swap(i, j);
    }
}

/// Copies `files` into a new folder `dir` (flat, numbered names).
fn shard(dir: &Path, files: &[PathBuf]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("shard dir");
    for (i, f) in files.iter().enumerate() {
        std::fs::copy(f, dir.join(format!("{i:05}.txt"))).expect("copy");
    }
    dir.to_path_buf()
}

fn extract(input: &Path, part: &Path, threads: &str) {
    ok(
        ng(&[
            &"extract",
            &input,
            &"--out",
            &part,
            &"--threads",
            &threads,
            &"--quiet",
        ]),
        "extract",
    );
}

/// `newsgraph merge PARTS... TAIL...`, which must succeed.
fn merge_with(parts: &[&Path], tail: &[&dyn AsRef<std::ffi::OsStr>], what: &str) {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"merge"];
    for p in parts {
        args.push(p);
    }
    args.extend_from_slice(tail);
    ok(ng(&args), what);
}

fn merge(parts: &[&Path], out: &Path) {
    let tail: [&dyn AsRef<std::ffi::OsStr>; 5] = [&"--out", &out, &"--format", &"all", &"--quiet"];
    merge_with(parts, &tail, "merge");
}

fn merge_part(parts: &[&Path], out: &Path) {
    merge_with(parts, &[&"--out-part", &out], "merge --out-part");
}

fn build_all(inputs: &[&Path], out: &Path, threads: &str) {
    let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"build"];
    for p in inputs {
        args.push(p);
    }
    args.extend([
        &"--out" as &dyn AsRef<_>,
        &out,
        &"--format",
        &"all",
        &"--threads",
        &threads,
        &"--quiet",
    ]);
    ok(ng(&args), "build");
}

fn assert_same(want: &Path, got: &Path, what: &str) {
    let (w, g) = (outputs(want), outputs(got));
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&w), names(&g), "{what}: not the same files");
    assert!(w.len() >= 7, "every format: {:?}", names(&w));
    for ((name, a), (_, b)) in w.iter().zip(&g) {
        assert!(a == b, "{what}: {name} differs from build's");
    }
}

#[test]
fn seeds_in_two_parts_in_either_order_give_builds_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let t = tmp.path();
    let mut seeds = files(&crate::util::root().join("seeds"));
    assert!(seeds.len() >= 4);
    build_all(&[&crate::util::root().join("seeds")], &t.join("build"), "2");
    shuffle(&mut seeds, 7);
    let half = seeds.len() / 2;
    let a = shard(&t.join("a"), &seeds[..half]);
    let b = shard(&t.join("b"), &seeds[half..]);
    let (pa, pb) = (t.join("a.ngp"), t.join("b.ngp"));
    extract(&a, &pa, "1");
    extract(&b, &pb, "2");
    merge(&[&pb, &pa], &t.join("ba"));
    assert_same(&t.join("build"), &t.join("ba"), "parts b, a");
    merge(&[&pa, &pb], &t.join("ab"));
    assert_same(&t.join("build"), &t.join("ab"), "parts a, b");
}

/// The check: a generated corpus of about 5 MB in three shuffled
/// shards, extracted with different thread counts and merged in another
/// order, one document in two shards; then day by day (a merged part and
/// a new one) and hierarchically (parts of parts).
#[test]
fn a_generated_corpus_in_three_shards_merges_to_builds_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let t = tmp.path();
    let corpus = t.join("corpus");
    newsgraph::commands::gen_corpus(&corpus, 5, 11).expect("corpus");
    build_all(&[&corpus], &t.join("build"), "2");
    let mut all = files(&corpus);
    assert!(all.len() > 300, "{} files", all.len());
    shuffle(&mut all, 23);
    let third = all.len() / 3;
    let mut last: Vec<PathBuf> = all[2 * third..].to_vec();
    // The same article in two shards (fetched on two days).
    last.push(all[0].clone());
    let shards = [
        shard(&t.join("s0"), &all[..third]),
        shard(&t.join("s1"), &all[third..2 * third]),
        shard(&t.join("s2"), &last),
    ];
    let parts: Vec<PathBuf> = (0..3).map(|i| t.join(format!("p{i}.ngp"))).collect();
    for (i, (s, p)) in shards.iter().zip(&parts).enumerate() {
        extract(s, p, &(i + 1).to_string());
    }
    merge(&[&parts[2], &parts[0], &parts[1]], &t.join("m"));
    assert_same(&t.join("build"), &t.join("m"), "three shards");

    // Day by day: yesterday's merged part and today's.
    let p01 = t.join("p01.ngp");
    merge_part(&[&parts[1], &parts[0]], &p01);
    merge(&[&parts[2], &p01], &t.join("daily"));
    assert_same(&t.join("build"), &t.join("daily"), "merged part + new part");

    // Parts of parts, in any order, are the same part as all at once.
    let (all_at_once, in_steps) = (t.join("all.ngp"), t.join("steps.ngp"));
    merge_part(&[&parts[0], &parts[2], &parts[1]], &all_at_once);
    merge_part(&[&parts[2], &p01], &in_steps);
    let read = |p: &Path| std::fs::read(p).expect("part");
    assert!(read(&all_at_once) == read(&in_steps), "merged parts differ");
    let corpus_bytes: u64 = all
        .iter()
        .map(|f| f.metadata().map_or(0, |m| m.len()))
        .sum();
    let part_bytes = read(&all_at_once).len() as u64;
    assert!(
        part_bytes < corpus_bytes,
        "part of {part_bytes} bytes for {corpus_bytes} bytes of text"
    );
}

/// A part made from the seeds, and `merge`'s exit code and message on `bad`.
fn refused(bad: &Path, t: &Path, good: &Path) -> String {
    let out = t.join("out");
    let o = ng(&[&"merge", &good, &bad, &"--out", &out]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!out.join("graph.graphml").exists(), "a graph was written");
    let msg = stderr(&o);
    assert!(msg.contains(&*bad.to_string_lossy()), "{msg}");
    msg
}

#[test]
fn truncated_corrupt_foreign_or_other_version_parts_are_named_and_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let t = tmp.path();
    let good = t.join("good.ngp");
    extract(&crate::util::root().join("seeds"), &good, "2");
    let bytes = std::fs::read(&good).expect("part");
    let write = |name: &str, b: &[u8]| {
        let p = t.join(name);
        std::fs::write(&p, b).expect("write");
        p
    };
    let cut = write("cut.ngp", &bytes[..bytes.len() * 2 / 3]);
    assert!(refused(&cut, t, &good).contains("truncated"));
    let mut flipped = bytes.clone();
    let mid = bytes.len() / 2;
    flipped[mid] ^= 0x40;
    let flipped = write("flipped.ngp", &flipped);
    assert!(refused(&flipped, t, &good).contains("checksum"));
    let foreign = write("notes.txt", b"Minister Ana Ruiz visited Lima.\n");
    assert!(refused(&foreign, t, &good).contains("not a newsgraph partial graph"));
    let mut newer = bytes.clone();
    newer[8] = 99;
    let newer = write("newer.ngp", &newer);
    assert!(refused(&newer, t, &good).contains("version 99"));
    // Read with other settings: its records would not be build's.
    let other = t.join("other.ngp");
    ok(
        ng(&[
            &"extract",
            &crate::util::root().join("seeds"),
            &"--out",
            &other,
            &"--no-comention",
            &"--quiet",
        ]),
        "extract",
    );
    assert!(refused(&other, t, &good).contains("other settings"));
    // And a good part alone merges.
    let out = t.join("alone");
    ok(ng(&[&"merge", &good, &"--out", &out, &"--quiet"]), "merge");
    assert!(out.join("graph.graphml").exists());
}

/// True when python3 has Dask's distributed scheduler. Otherwise prints
/// SKIP and returns false, or fails under `CI=true` (`.ci/run` installs it).
fn dask_present(test: &str) -> bool {
    let ok = crate::util::run("python3", &["-c", "import dask.distributed"], b"")
        .status
        .success();
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test}: python3 lacks dask.distributed: pip install dask distributed"
        );
        eprintln!("SKIP {test}: python3 lacks dask.distributed (pip install dask distributed)");
    }
    ok
}

/// The driver in tools/ on a local cluster of two worker processes: five
/// shards extracted on the workers, merged two at a time in three levels,
/// give build's files.
#[test]
fn the_dask_driver_on_a_local_cluster_gives_builds_files() {
    if !dask_present("the_dask_driver_on_a_local_cluster_gives_builds_files") {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let t = tmp.path();
    let corpus = t.join("corpus");
    newsgraph::commands::gen_corpus(&corpus, 1, 5).expect("corpus");
    let seeds = crate::util::root().join("seeds");
    build_all(&[&seeds, &corpus], &t.join("build"), "2");
    let driver = crate::util::root().join("tools/dask_build.py");
    let o = std::process::Command::new("python3")
        .arg(&driver)
        .arg("--newsgraph")
        .arg(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["--local-workers", "2", "--shards", "5", "--fan-in", "2"])
        .args(["--format", "all", "--out"])
        .arg(t.join("dask"))
        .arg("--parts")
        .arg(t.join("parts"))
        .arg(&seeds)
        .arg(&corpus)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("python3 runs");
    let msg = stderr(&o);
    assert!(o.status.success(), "driver failed: {msg}");
    assert!(msg.contains("5 shards on 2 workers"), "{msg}");
    assert!(msg.contains("3 levels"), "{msg}");
    assert_same(&t.join("build"), &t.join("dask"), "dask driver");
}
