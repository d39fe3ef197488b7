//! jsonld exporter (placeholder until the exporter work lands).

use super::ExportOptions;
use crate::graph::KnowledgeGraph;
use std::io::{self, Write};

pub fn write<W: Write>(_graph: &KnowledgeGraph, _options: &ExportOptions, w: W) -> io::Result<W> {
    Ok(w)
}
