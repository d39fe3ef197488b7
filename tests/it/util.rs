//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `newsgraph` binary built for this test run.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

/// Runs the binary with `args`, returning its output.
pub fn run(args: &[&str]) -> Output {
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

/// The three graph files of an output folder, as bytes.
pub fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    ["graph.graphml", "graph.dot", "graph.jsonld"]
        .iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
            (f.to_string(), bytes)
        })
        .collect()
}

/// Where `../shared` is (corpora, schemas): `NEWSGRAPH_SHARED`, else the
/// repository's sibling folder.
pub fn shared() -> PathBuf {
    std::env::var_os("NEWSGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared"))
}

/// True when a client program is available; otherwise a loud skip locally
/// and a failure under CI.
pub fn have(program: &str, probe: &[&str]) -> bool {
    let ok = Command::new(program)
        .args(probe)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{program} is required under CI but is not available");
        }
        eprintln!("SKIP: {program} not available; client test skipped");
    }
    ok
}
