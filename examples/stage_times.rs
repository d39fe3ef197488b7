//! Time of each per-document stage on one thread, for profiling work on
//! them: `cargo run --release --example stage_times -- <folder> [passes]`.
//! Loads every document into memory first, then runs the stages of
//! `Pipeline::process` one by one on each document, `passes` times (default
//! 3), and prints the fastest pass's time per stage and in total, with
//! tokens per second. The cross-document merge and the export are not run.

use newsgraph::internals::{EventExtractor, MentionFinder, RelationExtractor, Resolver, Segmenter};
use newsgraph::{LoadOptions, load_all};
use newsgraph::{Options, Pipeline};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const STAGES: [&str; 5] = ["segment", "mentions", "resolve", "relations", "events"];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: stage_times <folder> [passes]");
        std::process::exit(2);
    };
    let passes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    let (docs, _) = load_all(&[PathBuf::from(dir)], &LoadOptions::default());
    let p = Pipeline::new(
        newsgraph::Finder::builtin().expect("built-in model"),
        Options::default(),
    );
    let mut best: Option<[Duration; 5]> = None;
    let mut tokens = 0;
    for _ in 0..passes {
        let mut t = [Duration::ZERO; 5];
        tokens = 0;
        for d in &docs {
            let mut clock = Instant::now();
            let mut lap = |k: usize| {
                let now = Instant::now();
                t[k] += now - clock;
                clock = now;
            };
            let a = p.segmenter.analyze(d);
            lap(0);
            let m = p.finder.find(&a);
            lap(1);
            let e = p.resolver.resolve(&a, &m);
            lap(2);
            let r = p.relations.relations(&a, &m, &e);
            lap(3);
            let v = p.events.events(&a, &m, &e);
            lap(4);
            tokens += a.tokens.len();
            std::hint::black_box((r, v));
        }
        let total = |t: &[Duration; 5]| t.iter().sum::<Duration>();
        if best.as_ref().is_none_or(|b| total(&t) < total(b)) {
            best = Some(t);
        }
    }
    let Some(t) = best else { return };
    let total: Duration = t.iter().sum();
    for (name, d) in STAGES.iter().zip(t) {
        println!(
            "{name:>10}: {:7.3} s  {:5.1}%  {:6.0} ns/token",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            d.as_secs_f64() * 1e9 / tokens.max(1) as f64
        );
    }
    println!(
        "     total: {:7.3} s  {} docs, {tokens} tokens, {:.0} tokens/s, {:.0} ns/token",
        total.as_secs_f64(),
        docs.len(),
        tokens as f64 / total.as_secs_f64(),
        total.as_secs_f64() * 1e9 / tokens.max(1) as f64
    );
}
