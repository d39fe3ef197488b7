//! Helpers shared by the integration tests: run the built binary, check for
//! external clients (skip loudly locally, fail under `CI=true`).

use std::path::Path;
use std::process::{Command, Output};

/// The `newsgraph` binary built by cargo for these tests.
pub fn newsgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

/// Runs `newsgraph` with `args` (stdin closed) and returns its output.
pub fn run(args: &[&std::ffi::OsStr]) -> Output {
    match newsgraph()
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run newsgraph: {e}"),
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Names of the files in `dir`, sorted.
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

/// True when running as root, where permission bits do not stop reads.
#[cfg(unix)]
pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"))
}

/// Reports a test that cannot run here: loud locally, a failure in CI.
/// For tests that need an external client (xmllint, dot, Python).
#[allow(dead_code)]
pub fn skip(why: &str) {
    eprintln!("SKIP: {why}");
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "cannot skip under CI=true: {why}"
    );
}
