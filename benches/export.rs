//! Exporter memory benchmark: builds a synthetic graph of `NEWSGRAPH_BENCH_NODES`
//! nodes (default 1,000,000) with two edges per node, then streams it in
//! each format into a byte-counting sink and reports bytes written, time
//! and how much the peak resident memory grew while exporting (Linux:
//! `VmHWM` in /proc/self/status, reset through /proc/self/clear_refs). An
//! exporter that streams grows by a buffer; one that builds the whole file
//! in memory grows by about the file size.
//!
//! With `NEWSGRAPH_BENCH_CORPUS=<folder>`, the graph is instead built from
//! that folder with the default pipeline (as `newsgraph build` does), and
//! each format is written `NEWSGRAPH_BENCH_REPEAT` times (default 3): the
//! fastest time is reported, since other processes only ever add to it,
//! with the fewest CPU seconds of the exporting thread (which a busy
//! machine does not inflate the way it inflates wall time).
//! Writing into a counting sink leaves out the kernel's copying into files.
//!
//! Run: `cargo bench --bench export`.

use newsgraph::KnowledgeGraph;
use newsgraph::{DocId, Evidence, Kind, Relation, Span};
use newsgraph::{ExportOptions, Format};
use std::io::{self, Write};
use std::time::Instant;

struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU seconds used by this thread so far (user + system), from
/// /proc/thread-self/stat; None where that file does not exist. Exports run
/// on this thread alone, and other work on a busy machine inflates their
/// wall time but not this.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line, in clock ticks (100 a second
    // on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Resets the peak to the current resident size (Linux ≥ 4.0).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    if let Some(dir) = std::env::var_os("NEWSGRAPH_BENCH_CORPUS") {
        let repeat: usize = std::env::var("NEWSGRAPH_BENCH_REPEAT")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(3);
        return match corpus_graph(std::path::Path::new(&dir)) {
            Ok(g) => export_all(&g, repeat.max(1)),
            Err(e) => println!("cannot build the graph of {dir:?}: {e}"),
        };
    }
    let n: usize = std::env::var("NEWSGRAPH_BENCH_NODES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let t = Instant::now();
    let mut g = KnowledgeGraph::new();
    let kinds = [Kind::Person, Kind::Group, Kind::Place];
    let ids: Vec<String> = (0..n).map(|i| format!("person:n{i}")).collect();
    for (i, id) in ids.iter().enumerate() {
        let node = g.upsert_node(id, kinds[i % 3], &format!("Name <{i}> & \"Co\""));
        node.mentions = 1;
    }
    for i in 0..n {
        for step in [1, 7] {
            let ev = Evidence {
                doc: DocId((i % 1000) as u64),
                sentence: (i % 50) as u32,
                span: Span::new(0, 40).into(),
                text: format!("Sentence {i} about two names, one step {step}.").into(),
            };
            g.add_edge(&ids[i], &ids[(i + step) % n], Relation::CoMention, ev);
        }
    }
    drop(ids);
    println!(
        "graph: {} nodes, {} edges, built in {:.1} s, RSS {} MB",
        g.node_count(),
        g.edge_count(),
        t.elapsed().as_secs_f64(),
        status_kb("VmRSS:") / 1024
    );
    export_all(&g, 1);
}

/// The graph `newsgraph build` makes of `dir` with default options.
fn corpus_graph(dir: &std::path::Path) -> Result<KnowledgeGraph, String> {
    use newsgraph::LoadOptions;
    use newsgraph::internals::{self as load, Event};
    use newsgraph::{Options, Pipeline};
    let t = Instant::now();
    let finder = newsgraph::Finder::select(false, None).map_err(|e| e.to_string())?;
    let pipeline = Pipeline::new(finder, Options::default());
    let options = LoadOptions::default();
    let listing = load::list_inputs(&[dir.to_path_buf()], &options);
    let docs = load::Loader::new(listing.inputs, options).filter_map(|e| match e {
        Event::Document(d) => Some(d),
        Event::Notice(_) => None,
    });
    let g = pipeline.run_stream(docs, |_, _| {});
    println!(
        "graph of {}: {} nodes, {} edges, built in {:.1} s",
        dir.display(),
        g.node_count(),
        g.edge_count(),
        t.elapsed().as_secs_f64()
    );
    Ok(g)
}

/// Writes `g` in every format `repeat` times; reports the fastest run.
fn export_all(g: &KnowledgeGraph, repeat: usize) {
    for f in Format::ALL {
        reset_peak();
        let before = status_kb("VmRSS:");
        let mut best = f64::INFINITY;
        let mut best_cpu = f64::INFINITY;
        let mut out = Ok(Counter(0));
        for _ in 0..repeat {
            let t = Instant::now();
            let cpu = thread_cpu_seconds();
            // A format may be several files (CSV): all of them, one count.
            out = newsgraph::export_files(f, g)
                .iter()
                .try_fold(Counter(0), |c, file| {
                    file.write(g, &ExportOptions::default(), c)
                });
            best = best.min(t.elapsed().as_secs_f64());
            if let (Some(a), Some(b)) = (cpu, thread_cpu_seconds()) {
                best_cpu = best_cpu.min(b - a);
            }
        }
        let grown = status_kb("VmHWM:").saturating_sub(before);
        match out {
            Ok(c) => println!(
                "{:>8}: {:>6} MB written in {:>5.2} s, {:>5.2} CPU s (best of {repeat}); peak memory grew {} MB",
                f.name(),
                c.0 / 1_000_000,
                best,
                best_cpu,
                grown / 1024
            ),
            Err(e) => println!("{:>8}: error {e}", f.name()),
        }
    }
}
