//! Fuzz target: arbitrary bytes → loader (decoding, or JSON Lines records)
//! → whole pipeline → every exporter. Any panic is a bug.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph::internals::{decode, Event, Records};
use newsgraph::{Document, ExportOptions, Finder, Format, Options, Pipeline};

fuzz_target!(|data: &[u8]| {
    let (mode, bytes) = match data.split_first() {
        Some((m, rest)) => (*m, rest),
        None => return,
    };
    let docs: Vec<Document> = if mode % 4 == 0 {
        let records = Records::new("fuzz.jsonl".into(), Box::new(std::io::Cursor::new(bytes.to_vec())), 4096);
        records
            .filter_map(|e| match e {
                Event::Document(d) => Some(d),
                Event::Notice(_) => None,
            })
            .collect()
    } else {
        match decode(bytes, 1 << 16, false) {
            Ok(d) => vec![Document::new("fuzz", d.text)],
            Err(_) => return,
        }
    };
    let pipeline = Pipeline::new(Finder::builtin().expect("built-in model"), Options::default());
    let graph = pipeline.run(docs);
    for f in Format::ALL {
        let out = newsgraph::export(f, &graph, &ExportOptions::default(), Vec::new());
        assert!(out.is_ok());
    }
});
