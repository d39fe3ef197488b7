//! Fuzz target: arbitrary documents (bytes decoded as the loader decodes a
//! file, split into up to four documents at NUL bytes) → the whole
//! pipeline with the built-in tagger → every exporter → read back by an
//! independent parser (`tests/it/roundtrip/check.rs`, shared with the test
//! suite) → the same nodes, edges and labels. A difference panics.
#![no_main]

#[path = "../../tests/it/roundtrip/check.rs"]
mod check;

use libfuzzer_sys::fuzz_target;
use newsgraph::internals::decode;
use newsgraph::{Document, Finder, Options, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        Pipeline::new(
            Finder::builtin().expect("built-in model"),
            Options::default(),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let docs: Vec<Document> = data
        .split(|&b| b == 0)
        .take(4)
        .enumerate()
        .filter_map(|(i, part)| {
            let d = decode(part, 1 << 16, false).ok()?;
            Some(Document::new(format!("fuzz{i}"), d.text))
        })
        .collect();
    if docs.is_empty() {
        return;
    }
    let g = pipeline().run(docs);
    if let Err(e) = check::check(&g) {
        panic!("{e}");
    }
});
