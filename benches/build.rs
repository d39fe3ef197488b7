//! Whole-build benchmark: generates corpora of 1, 10 and 100 MB (and 1 GB
//! with `NEWSGRAPH_BENCH_GB=1`; or the sizes in `NEWSGRAPH_BENCH_MB=1,10`)
//! in a temporary folder, runs the release `newsgraph build` on each (read,
//! tag, resolve, relate, export three formats) under `/usr/bin/time`, and
//! reports documents/s, tokens/s, MB/s, wall time and peak memory (RSS).
//!
//! Run: `cargo bench --bench build` (threads: `NEWSGRAPH_BENCH_THREADS`,
//! default all cores).

use std::path::Path;
use std::process::Command;

struct Measure {
    docs: u64,
    tokens: u64,
    secs: f64,
    max_rss_kb: u64,
}

/// Parses "N documents, M tokens; ..." from the summary line.
fn counts(stderr: &str) -> Option<(u64, u64)> {
    let line = stderr.lines().find(|l| l.contains(" documents, "))?;
    let rest = line.strip_prefix("newsgraph: ")?;
    let mut it = rest.split([' ', ',', ';']).filter(|w| !w.is_empty());
    let docs = it.next()?.parse().ok()?;
    let _ = it.next();
    let tokens = it.next()?.parse().ok()?;
    Some((docs, tokens))
}

fn measure(input: &Path, out: &Path, threads: &str) -> Result<Measure, String> {
    let mut cmd = Command::new("/usr/bin/time");
    cmd.args(["-f", "TIME %e %M", env!("CARGO_BIN_EXE_newsgraph"), "build"])
        .arg(input)
        .arg("--out")
        .arg(out);
    if !threads.is_empty() {
        cmd.args(["--threads", threads]);
    }
    let o = cmd.output().map_err(|e| format!("/usr/bin/time: {e}"))?;
    let err = String::from_utf8_lossy(&o.stderr);
    if !o.status.success() {
        return Err(format!("build failed: {err}"));
    }
    let (docs, tokens) = counts(&err).ok_or_else(|| format!("no summary in: {err}"))?;
    let time = err
        .lines()
        .find_map(|l| l.strip_prefix("TIME "))
        .ok_or_else(|| format!("no time in: {err}"))?;
    let mut parts = time.split_whitespace();
    let secs = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
    let max_rss_kb = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok(Measure {
        docs,
        tokens,
        secs,
        max_rss_kb,
    })
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not run us.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mut sizes: Vec<u64> = std::env::var("NEWSGRAPH_BENCH_MB")
        .unwrap_or_else(|_| "1,10,100".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    if std::env::var("NEWSGRAPH_BENCH_GB").as_deref() == Ok("1") {
        sizes.push(1000);
    }
    let threads = std::env::var("NEWSGRAPH_BENCH_THREADS").unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "newsgraph whole build; {cores} cores; threads: {}",
        if threads.is_empty() { "all" } else { &threads }
    );
    println!(
        "{:>6} {:>8} {:>11} {:>8} {:>9} {:>11} {:>7} {:>9}",
        "MB", "docs", "tokens", "wall s", "docs/s", "tokens/s", "MB/s", "peak MB"
    );
    for mb in sizes {
        let tmp = match tempfile::tempdir() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("tempdir: {e}");
                return;
            }
        };
        let input = tmp.path().join("in");
        if let Err(e) = newsgraph::commands::gen_corpus(&input, mb, 1) {
            eprintln!("gen-corpus: {e}");
            return;
        }
        match measure(&input, &tmp.path().join("out"), &threads) {
            Ok(m) => {
                let s = m.secs.max(0.01);
                println!(
                    "{:>6} {:>8} {:>11} {:>8.2} {:>9.0} {:>11.0} {:>7.1} {:>9.1}",
                    mb,
                    m.docs,
                    m.tokens,
                    m.secs,
                    m.docs as f64 / s,
                    m.tokens as f64 / s,
                    mb as f64 / s,
                    m.max_rss_kb as f64 / 1024.0
                );
            }
            Err(e) => eprintln!("{mb} MB: {e}"),
        }
    }
}
