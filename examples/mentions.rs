//! Prints the mentions a finder finds in text files, one per line
//! (`LABEL<TAB>text<TAB>file:byte-start`), to eyeball tagger output.
//!
//! `cargo run --release --example mentions -- [--rules] FILE...`

use newsgraph::Document;
use newsgraph::Finder;
use newsgraph::internals::MentionFinder;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rules = args.iter().any(|a| a == "--rules");
    args.retain(|a| a != "--rules");
    let finder = match Finder::select(rules, None) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("mentions: {e}");
            std::process::exit(2);
        }
    };
    for path in args {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("mentions: {path}: {e}");
                continue;
            }
        };
        let doc = Document::new(path.clone(), text);
        let analyzed = newsgraph::internals::analyze(&doc);
        for m in finder.find(&analyzed) {
            println!(
                "{}\t{}\t{}:{}",
                m.label.as_str(),
                m.span.text(&doc.text),
                path,
                m.span.start
            );
        }
    }
}
