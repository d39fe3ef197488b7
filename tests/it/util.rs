//! Helpers shared by the integration tests: where the shared data is, how
//! to run an external client, and how to fail clearly when one is missing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub use newsgraph::internals::shared_dir;

pub fn graphml_xsd() -> PathBuf {
    shared_dir().join("schemas/graphml/graphml.xsd")
}

/// A file of the GEXF 1.3 schemas (`gexf.rng`, `gexf.xsd`).
pub fn gexf_schema(file: &str) -> PathBuf {
    shared_dir().join("schemas/gexf-1.3").join(file)
}

/// Asserts that `program args` (a `--version`-like probe) runs, or fails
/// the test naming what to install. Tests that open our files in real
/// clients are `#[ignore]`d with the clients they need as the reason, so
/// that plain `cargo test` lists them as ignored; running them (`cargo
/// test -- --include-ignored`, as `.ci/run` does) asks for the clients.
pub fn require(what: &str, program: &str, args: &[&str], install: &str) {
    let ok = Command::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "client {what} is missing: {install}");
}

/// [`require`] for python3 and every module in `modules`.
pub fn require_python(modules: &[&str]) {
    let script = format!("import {}", modules.join(", "));
    require(
        &format!("python3 with {}", modules.join(", ")),
        "python3",
        &["-c", &script],
        &format!("pip install {}", modules.join(" ")),
    );
}

/// Runs `program args`, feeding `stdin`, and returns its output.
pub fn run(program: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    if let Some(mut si) = child.stdin.take() {
        si.write_all(stdin).expect("write to child's stdin");
    }
    child.wait_with_output().expect("wait for child")
}

/// Runs an inline python script with `args`; panics with its stderr when it
/// fails, returns its stdout.
pub fn python(script: &str, args: &[&str]) -> String {
    let mut all = vec!["-c", script];
    all.extend_from_slice(args);
    let out = run("python3", &all, b"");
    assert!(
        out.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `newsgraph` binary built for this test run.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

/// Runs the binary with `args`, returning its output.
pub fn newsgraph(args: &[&str]) -> Output {
    bin().args(args).output().expect("newsgraph binary runs")
}

/// Runs `build` on `inputs` into `out` and asserts success.
pub fn build(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut cmd = bin();
    cmd.arg("build");
    for i in inputs {
        cmd.arg(i);
    }
    cmd.arg("--out").arg(out).args(extra);
    let o = cmd.output().expect("newsgraph binary runs");
    assert!(
        o.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Every file of an output folder (the graph files and the `csv/` folder,
/// not hidden temporaries), by path relative to it, as bytes; panics when
/// it holds none of the default formats' files.
pub fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    collect_files(dir, "", &mut out);
    for f in ["graph.graphml", "graph.dot", "graph.jsonld"] {
        assert!(
            out.iter().any(|(n, _)| n == f),
            "{f} missing in {}",
            dir.display()
        );
    }
    out
}

fn collect_files(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
    for name in listing(dir).into_iter().filter(|n| !n.starts_with('.')) {
        let path = dir.join(&name);
        let rel = format!("{prefix}{name}");
        if path.is_dir() {
            collect_files(&path, &format!("{rel}/"), out);
        } else {
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
            out.push((rel, bytes));
        }
    }
}

/// Runs the binary with `args` (paths included) and stdin closed.
pub fn run_ng(args: &[&std::ffi::OsStr]) -> Output {
    bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run newsgraph: {e}"))
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Names of the entries of `dir`, sorted (empty if it does not exist).
pub fn listing(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

/// True when running as root, where permission bits do not stop reads or
/// writes.
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}
