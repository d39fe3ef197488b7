//! Exporters, one module per format, all of the same shape: a function that
//! borrows the graph and streams it into any `io::Write`, returning the
//! writer. They never open files; the caller handles atomic replacement.

pub mod dot;
pub mod graphml;
pub mod jsonld;

use crate::graph::KnowledgeGraph;
use std::io::{self, Write};

/// An output format: its name on the command line, file extension and
/// media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    GraphMl,
    Dot,
    JsonLd,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::GraphMl, Format::Dot, Format::JsonLd];

    pub fn name(self) -> &'static str {
        match self {
            Format::GraphMl => "graphml",
            Format::Dot => "dot",
            Format::JsonLd => "jsonld",
        }
    }
    pub fn extension(self) -> &'static str {
        self.name()
    }
    pub fn media_type(self) -> &'static str {
        match self {
            Format::GraphMl => "application/graphml+xml",
            Format::Dot => "text/vnd.graphviz",
            Format::JsonLd => "application/ld+json",
        }
    }
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
    }
}

/// Options shared by the exporters.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// Base of minted IRIs (JSON-LD, and the `iri` attribute elsewhere).
    pub base_iri: String,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            base_iri: "https://newsgraph.example/id/".to_string(),
        }
    }
}

impl ExportOptions {
    /// The IRI of a node id (`person:ann-lee` → `{base}person/ann-lee`).
    pub fn iri(&self, node_id: &str) -> String {
        let mut base = self.base_iri.clone();
        if !base.ends_with('/') && !base.ends_with('#') {
            base.push('/');
        }
        format!("{base}{}", node_id.replacen(':', "/", 1))
    }
}

/// Writes `graph` in `format` into `w`.
pub fn write<W: Write>(
    format: Format,
    graph: &KnowledgeGraph,
    options: &ExportOptions,
    w: W,
) -> io::Result<W> {
    match format {
        Format::GraphMl => graphml::write(graph, options, w),
        Format::Dot => dot::write(graph, options, w),
        Format::JsonLd => jsonld::write(graph, options, w),
    }
}
