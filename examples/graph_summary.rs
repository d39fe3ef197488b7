//! Prints the graph built from the given inputs as plain text: nodes per
//! kind (label, aliases, mentions, documents, roles) and typed edges, for
//! eyeballing resolution quality without an exporter or a graph client.
//!
//! `cargo run --example graph_summary -- seeds [--rules] [--aliases FILE]`

use newsgraph::internals as load;
use newsgraph::{Options, Pipeline};
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut inputs = Vec::new();
    let mut options = Options::default();
    let mut rules = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--rules" => rules = true,
            "--aliases" => {
                let path = PathBuf::from(args.next().unwrap_or_default());
                options.aliases = newsgraph::AliasTable::load(&path)?;
            }
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    let (files, _) = load::list_files(&inputs);
    let docs: Vec<_> = files
        .iter()
        .filter_map(|f| load::read_file(f).ok())
        .collect();
    let finder = newsgraph::Finder::select(rules, None)?;
    let graph = Pipeline::new(finder, options).run(docs);
    for n in graph.nodes() {
        let aliases: Vec<&str> = n.aliases.iter().map(String::as_str).collect();
        let roles: Vec<String> = n.roles.iter().map(ToString::to_string).collect();
        println!(
            "{:<7} {:<40} m={:<3} d={} aliases=[{}] roles=[{}]",
            n.kind.as_str(),
            n.label,
            n.mentions,
            n.documents.len(),
            aliases.join(" | "),
            roles.join(" | ")
        );
    }
    for (a, b, e) in graph.edges() {
        if e.relation.is_typed() {
            println!("{} --{}--> {} (x{})", a.label, e.relation, b.label, e.count);
            if let Some(ev) = e.evidence.first() {
                println!("    {}", ev.text);
            }
        }
    }
    println!("{:?}; {} edges", graph.kind_counts(), graph.edge_count());
    Ok(())
}
