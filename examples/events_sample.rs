//! Draws the sample of events and typed edges that a person judges for
//! issue 19's precision numbers: every field of each sampled event node
//! (kind, status, date, time words, quantities, roles with their kinds, the
//! evidence sentences), then a sample of typed edges with their evidence.
//!
//! `cargo run --release --example events_sample -- [--events N] [--edges M] [--seed S] INPUT...`
//!
//! INPUTs are files or folders, read as `newsgraph build` reads them. The
//! sample depends only on the graph and the seed, so the same inputs and seed
//! give the same sample. Judging rubric (what "right" means) is in
//! `docs/events.md`, "Measuring".

use newsgraph::{Edge, Kind, LoadOptions, Node, Options, Pipeline, load_all};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut inputs = Vec::new();
    let (mut n_events, mut n_edges, mut seed) = (50usize, 100usize, 1u64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |d| args.next().and_then(|s| s.parse().ok()).unwrap_or(d);
        match a.as_str() {
            "--events" => n_events = num(50),
            "--edges" => n_edges = num(100),
            "--seed" => seed = num(1) as u64,
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    let (docs, notices) = load_all(&inputs, &LoadOptions::default());
    for n in &notices {
        eprintln!("{}", n.error);
    }
    let origins: Vec<(newsgraph::DocId, String)> =
        docs.iter().map(|d| (d.id, d.origin.clone())).collect();
    let origin = |id: &newsgraph::DocId| {
        origins
            .iter()
            .find(|(d, _)| d == id)
            .map_or("?", |(_, o)| o.as_str())
            .rsplit('/')
            .next()
            .unwrap_or("?")
            .to_string()
    };
    let graph = Pipeline::new(newsgraph::Finder::builtin()?, Options::default()).run(docs);
    let events: Vec<&Node> = graph.nodes().filter(|n| n.kind == Kind::Event).collect();
    let typed: Vec<(&Node, &Node, &Edge)> = graph
        .edges()
        .filter(|(_, _, e)| e.relation.is_typed())
        .collect();
    println!("== {} events", events.len());
    for (k, i) in pick(events.len(), n_events, seed).into_iter().enumerate() {
        let Some(n) = events.get(i) else { continue };
        let Some(ev) = &n.event else { continue };
        println!("{:>3}. [{}] {}", k + 1, ev.kind.as_str(), n.label);
        println!("     status: {}", ev.status.as_str());
        let when = ev.time.as_ref().map_or("-".to_string(), |t| match &t.end {
            Some(e) => format!("{}..{} ({})", t.start, e, t.text),
            None => format!("{} ({})", t.start, t.text),
        });
        println!(
            "     date: {when}{}",
            ev.time_text
                .as_ref()
                .map_or(String::new(), |t| format!("  words: {t}"))
        );
        for q in &ev.quantities {
            println!("     quantity: {}", q.text);
        }
        if let Some(a) = &ev.agent_text {
            println!("     agent (described, no node): {a}");
        }
        for (a, b, e) in graph.edges() {
            if a.id == n.id && e.relation.is_event_role() {
                println!("     {}: {} ({})", e.relation, b.label, b.kind.as_str());
            }
        }
        for e in ev.evidence.iter().take(3) {
            println!("     > [{}] {}", origin(&e.doc), e.text.replace('\n', " "));
        }
    }
    println!("== {} typed edges", typed.len());
    for (k, i) in pick(typed.len(), n_edges, seed ^ 0x5eed)
        .into_iter()
        .enumerate()
    {
        let Some((a, b, e)) = typed.get(i) else {
            continue;
        };
        println!(
            "{:>3}. {} ({}) --{}--> {} ({})",
            k + 1,
            a.label,
            a.kind.as_str(),
            e.relation,
            b.label,
            b.kind.as_str()
        );
        if let Some(ev) = e.evidence.first() {
            println!(
                "     > [{}] {}",
                origin(&ev.doc),
                ev.text.replace('\n', " ")
            );
        }
    }
    Ok(())
}

/// `k` distinct indices below `n` from a seeded xorshift, in order.
fn pick(n: usize, k: usize, seed: u64) -> BTreeSet<usize> {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut picked = BTreeSet::new();
    while picked.len() < k.min(n) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        picked.insert((state % n as u64) as usize);
    }
    picked
}
