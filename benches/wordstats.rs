//! Cost of the word statistics table (`src/lexicon/wordstats.rs`): the
//! first look-up of the process, which checks the embedded table, and then
//! nanoseconds per look-up over the words of the demo articles in `seeds/`
//! and, when the shared data folder has it, of CoNLL-2003 dev (51k tokens,
//! more distinct words than the caches hold); each word as written, in
//! lowercase and capitalised, so that hits and misses mix as in a tagger's
//! features.
//!
//! Run: `cargo bench --bench wordstats` (a second or two).

use newsgraph::internals::{ConllFile, cluster, log_prob, lowercase_share, shared_dir};
use std::hint::black_box;
use std::time::Instant;

/// Each token as written, in lowercase and capitalised.
fn variants<'a>(tokens: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    for w in tokens.filter(|w| !w.is_empty()) {
        out.push(w.to_string());
        out.push(w.to_lowercase());
        let mut c = w.chars();
        if let Some(f) = c.next() {
            out.push(f.to_uppercase().chain(c).collect());
        }
    }
    out
}

fn seed_words() -> Vec<String> {
    let mut text = String::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    for f in files {
        text.push_str(&std::fs::read_to_string(f).unwrap_or_default());
        text.push('\n');
    }
    variants(text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'')))
}

fn conll_words() -> Vec<String> {
    match ConllFile::read(&shared_dir().join("corpora/conll2003/dev.txt")) {
        Ok(f) => variants(
            f.sentences
                .iter()
                .flat_map(|s| s.tokens.iter().map(String::as_str)),
        ),
        Err(_) => Vec::new(),
    }
}

/// Runs `f` over `words` `rounds` times; nanoseconds per call of the
/// fastest round (other work on the machine only ever adds time).
fn time<R>(words: &[String], rounds: usize, f: impl Fn(&str) -> Option<R>) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut hits = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        hits = 0;
        for w in words {
            hits += usize::from(black_box(f(black_box(w))).is_some());
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    (best * 1e9 / words.len() as f64, hits)
}

fn main() {
    let t = Instant::now();
    let first = log_prob(black_box("the"));
    println!(
        "first look-up (checks the embedded table): {:.2} ms, the = {first:?}",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let second = log_prob(black_box("of"));
    println!(
        "second look-up: {:.0} ns, of = {second:?}",
        t.elapsed().as_secs_f64() * 1e9
    );

    for (set, words) in [("seeds", seed_words()), ("CoNLL dev", conll_words())] {
        if words.is_empty() {
            eprintln!("SKIP {set}: no words found");
            continue;
        }
        let rounds = 10;
        for (name, (ns, hits)) in [
            ("log_prob", time(&words, rounds, log_prob)),
            ("cluster", time(&words, rounds, cluster)),
            ("lowercase_share", time(&words, rounds, lowercase_share)),
        ] {
            println!(
                "{set}, {name}: {ns:.1} ns per look-up ({} words, {:.0}% known), fastest of {rounds}",
                words.len(),
                100.0 * hits as f64 / words.len() as f64
            );
        }
    }
}
