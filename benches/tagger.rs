//! Tagging speed of the built-in model on one thread, in tokens per second.
//!
//! `cargo bench --bench tagger` reads the CoNLL-2003 dev split (from
//! the shared data folder, `newsgraph::bench::shared_dir`) and tags it
//! document by document, both stages, as `newsgraph eval` does; it also
//! times the pipeline's mention finder on the same text joined into raw
//! documents (tokenising and sentence splitting included). It reports
//! tokens per wall-clock second, per CPU second (less sensitive to other
//! work on a shared machine) and for the fastest pass.

use newsgraph::Document;
use newsgraph::internals::ConllFile;
use newsgraph::internals::MentionFinder;
use newsgraph::internals::Tagger;
use std::path::PathBuf;
use std::time::Instant;

fn shared() -> Option<PathBuf> {
    Some(newsgraph::internals::shared_dir())
        .filter(|p| p.join("corpora/conll2003/dev.txt").is_file())
}

/// CPU seconds used by this process so far (user + system), from
/// /proc/self/stat; None where that file does not exist. The bench is
/// single-threaded, so this is the thread's CPU time, which other work on a
/// busy machine does not inflate the way it inflates wall time.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the
    // 14th and 15th fields of the whole line, in clock ticks (100 a second
    // on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Prints a rate per wall-clock second and per CPU second.
fn report(what: &str, tokens: usize, wall: f64, cpu: Option<f64>) {
    let cpu = cpu.map_or_else(
        || "n/a".to_string(),
        |c| format!("{:.0}", tokens as f64 / c),
    );
    println!(
        "{what}: {:.0} tokens/s wall, {cpu} tokens/s CPU, one thread",
        tokens as f64 / wall
    );
}

fn main() {
    let Some(dir) = shared() else {
        eprintln!("SKIP: CoNLL-2003 dev split not found (set NEWSGRAPH_SHARED)");
        return;
    };
    let file = match ConllFile::read(&dir.join("corpora/conll2003/dev.txt")) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(2);
        }
    };
    let tagger = match Tagger::builtin() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(2);
        }
    };
    let docs: Vec<Vec<Vec<&str>>> = file
        .documents
        .iter()
        .map(|r| {
            file.sentences[r.clone()]
                .iter()
                .map(|s| s.tokens.iter().map(String::as_str).collect())
                .collect()
        })
        .collect();
    let ntok: usize = file.sentences.iter().map(|s| s.tokens.len()).sum();
    // Warm up (gazetteer and model decoding happen once per process).
    let _ = tagger.tag_document(&docs[0]);
    let rounds = 50;
    let c0 = cpu_seconds();
    let t0 = Instant::now();
    let mut tagged = 0usize;
    let mut best = f64::INFINITY;
    for _ in 0..rounds {
        let r0 = Instant::now();
        for d in &docs {
            tagged += tagger.tag_document(d).iter().map(Vec::len).sum::<usize>();
        }
        best = best.min(r0.elapsed().as_secs_f64());
    }
    let cpu = c0.zip(cpu_seconds()).map(|(a, b)| b - a);
    report(
        &format!("tagger, pre-tokenised CoNLL dev ({ntok} tokens x {rounds})"),
        tagged,
        t0.elapsed().as_secs_f64(),
        cpu,
    );
    // The fastest pass is the least disturbed by other work on the machine.
    println!(
        "tagger, fastest of {rounds} passes: {:.0} tokens/s wall, one thread",
        ntok as f64 / best
    );

    let texts: Vec<Document> = docs
        .iter()
        .map(|d| {
            let text: Vec<String> = d.iter().map(|s| s.join(" ")).collect();
            Document::new("dev", text.join("\n"))
        })
        .collect();
    let c0 = cpu_seconds();
    let t0 = Instant::now();
    let mut ntoks = 0usize;
    let mut nment = 0usize;
    for _ in 0..rounds {
        for doc in &texts {
            let a = newsgraph::internals::analyze(doc);
            ntoks += a.tokens.len();
            nment += tagger.find(&a).len();
        }
    }
    let cpu = c0.zip(cpu_seconds()).map(|(a, b)| b - a);
    report(
        &format!(
            "finder, raw text: tokenise, split, tag ({} mentions x {rounds})",
            nment / rounds
        ),
        ntoks,
        t0.elapsed().as_secs_f64(),
        cpu,
    );
}
