//! Quality report on unseen news: runs the whole pipeline over documents
//! rebuilt from a CoNLL file (split on `-DOCSTART-`, detokenised) or over
//! text files, and lists (a) node labels that look like junk, (b) pairs of
//! nodes of one kind where one label's tokens are a subset of the other's
//! (probable duplicates), (c) a deterministic sample of typed relations with
//! their evidence, for estimating precision by hand.
//!
//! `cargo run --release --example quality -- [--rules] [--events] [--sample N] [--seed S] INPUT...`
//! where an INPUT ending in `.txt` that contains `-DOCSTART-` is read as CoNLL.

use newsgraph::Node;
use newsgraph::internals as lexicon;
use newsgraph::internals as load;
use newsgraph::internals::detokenize;
use newsgraph::{Document, Kind};
use newsgraph::{Options, Pipeline};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut inputs = Vec::new();
    let mut rules = false;
    let mut sample = 60usize;
    let mut seed = 1u64;
    let mut dump = false;
    // List event roles (event → entity) instead of entity relations.
    let mut events = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rules" => rules = true,
            "--dump" => dump = true,
            "--events" => events = true,
            "--sample" => sample = args.next().and_then(|s| s.parse().ok()).unwrap_or(60),
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(1),
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    let mut docs = Vec::new();
    for input in &inputs {
        let text = std::fs::read_to_string(input).unwrap_or_default();
        if text.contains("-DOCSTART-")
            || !text.is_empty()
                && text
                    .lines()
                    .take(3)
                    .all(|l| l.split_whitespace().count() == 4)
        {
            docs.extend(conll_documents(&text, &input.display().to_string()));
        } else {
            let (files, _) = load::list_files(std::slice::from_ref(input));
            docs.extend(files.iter().filter_map(|f| load::read_file(f).ok()));
        }
    }
    if dump {
        for d in &docs {
            println!("=== {}\n{}", d.origin, d.text);
        }
        return Ok(());
    }
    let finder = newsgraph::Finder::select(rules, None)?;
    let graph = Pipeline::new(finder, Options::default()).run(docs);
    let nodes: Vec<&Node> = graph.nodes().filter(|n| n.kind != Kind::Event).collect();

    println!("== (a) junk-looking labels");
    let mut junk = 0;
    for n in &nodes {
        if let Some(why) = junk_reason(&n.label) {
            junk += 1;
            println!(
                "{:<7} {:<40} m={} ({why})",
                n.kind.as_str(),
                n.label,
                n.mentions
            );
        }
    }

    println!("== (b) probable duplicates (token subset, same kind)");
    let mut dups = 0;
    for (i, a) in nodes.iter().enumerate() {
        let ta = tokens(&a.label);
        for b in nodes.iter().skip(i + 1) {
            if a.kind != b.kind {
                continue;
            }
            let tb = tokens(&b.label);
            if ta.is_empty() || tb.is_empty() || ta == tb {
                if ta == tb && !ta.is_empty() {
                    dups += 1;
                    println!("{:<7} {} == {}", a.kind.as_str(), a.label, b.label);
                }
                continue;
            }
            if ta.is_subset(&tb) || tb.is_subset(&ta) {
                dups += 1;
                println!("{:<7} {} ~ {}", a.kind.as_str(), a.label, b.label);
            }
        }
    }

    println!("== (c) sample of typed relations");
    let typed: Vec<_> = graph
        .edges()
        .filter(|(_, _, e)| e.relation.is_typed() && e.relation.is_event_role() == events)
        .collect();
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut picked = BTreeSet::new();
    while picked.len() < sample.min(typed.len()) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        picked.insert((state % typed.len() as u64) as usize);
    }
    for (k, i) in picked.iter().enumerate() {
        if let Some((a, b, e)) = typed.get(*i) {
            println!("{k:>2}. {} --{}--> {}", a.label, e.relation, b.label);
            if let Some(ev) = e.evidence.first() {
                println!("      {}", ev.text.replace('\n', " "));
            }
        }
    }
    println!(
        "== totals: {} nodes (no events), {} junk, {} duplicate pairs, {} typed relations",
        nodes.len(),
        junk,
        dups,
        typed.len()
    );
    Ok(())
}

fn tokens(label: &str) -> BTreeSet<String> {
    label
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|t| {
            t.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|t| !t.is_empty() && !matches!(t.as_str(), "the" | "of" | "and"))
        .collect()
}

/// Why a label looks like junk, if it does.
fn junk_reason(label: &str) -> Option<&'static str> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let first = words.first()?;
    if !first
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    {
        return Some("lowercase");
    }
    if words.iter().any(|w| {
        let l = w.to_lowercase();
        l.starts_with("pro-")
            || l.starts_with("anti-")
            || l.ends_with("-backed")
            || l.ends_with("-based")
    }) {
        return Some("modifier");
    }
    if words.len() == 1 {
        let l = first.to_lowercase();
        if lexicon::is_title(&l) || lexicon::is_honorific(&l) {
            return Some("title");
        }
        if lexicon::is_sentence_starter(&l) || lexicon::is_role_noun(&l) {
            return Some("common word");
        }
        if lexicon::ORG_HEADS.contains(&l.as_str()) || lexicon::GROUP_NOUNS.contains(&l.as_str()) {
            return Some("bare head word");
        }
        if lexicon::demonym_country(first).is_some() {
            return Some("demonym");
        }
        if first.ends_with("ian") || first.ends_with("ese") || first.ends_with("ish") {
            return Some("demonym-like");
        }
    }
    if words.iter().all(|w| w.chars().all(|c| !c.is_alphabetic())) {
        return Some("no letters");
    }
    None
}

/// CoNLL documents back to text: tokens joined by spaces except before
/// closing punctuation; one line per sentence. Documents are split on
/// `-DOCSTART-` lines, or, when the file has none, before the headline that
/// precedes each dateline sentence ("LONDON 1996-08-30").
fn conll_documents(text: &str, origin: &str) -> Vec<Document> {
    let mut sentences: Vec<(bool, Vec<&str>)> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut docstart = false;
    for l in text.lines() {
        let tok = l.split_whitespace().next().unwrap_or("");
        if tok == "-DOCSTART-" {
            docstart = true;
            continue;
        }
        if tok.is_empty() {
            if !cur.is_empty() {
                sentences.push((docstart, std::mem::take(&mut cur)));
                docstart = false;
            }
            continue;
        }
        cur.push(tok);
    }
    if !cur.is_empty() {
        sentences.push((docstart, cur));
    }
    let has_docstart = sentences.iter().any(|(d, _)| *d);
    let is_dateline = |toks: &Vec<&str>| {
        toks.len() <= 8
            && toks.last().is_some_and(|t| {
                t.len() == 10
                    && t.chars().enumerate().all(|(i, c)| {
                        if i == 4 || i == 7 {
                            c == '-'
                        } else {
                            c.is_ascii_digit()
                        }
                    })
            })
    };
    let mut starts = BTreeSet::new();
    starts.insert(0usize);
    for (i, (d, toks)) in sentences.iter().enumerate() {
        if has_docstart && *d {
            starts.insert(i);
        }
        if !has_docstart && i > 0 && is_dateline(toks) {
            starts.insert(i - 1);
        }
    }
    let starts: Vec<usize> = starts.into_iter().collect();
    let mut docs = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(sentences.len());
        let mut body = String::new();
        for (_, toks) in sentences.get(s..e).unwrap_or(&[]) {
            body.push_str(&detokenize(toks));
            body.push('\n');
        }
        if !body.trim().is_empty() {
            docs.push(Document::new(format!("{origin}#{k}"), body));
        }
    }
    docs
}
