//! CSV in the neo4j-admin import dialect, one file per node kind
//! (`nodes_person.csv`) and one per relationship type and pair of kinds
//! (`rels_located_in_group_place.csv`), for `neo4j-admin database import`,
//! Kùzu's `COPY FROM`, and `LOAD CSV` in FalkorDB and Memgraph. The
//! loader scripts written beside them are in [`super::scripts`].
//!
//! Headers are typed as neo4j-admin types them (`id:ID`, `:LABEL`,
//! `name:string`, `mentions:int`, `weight:double`, `typed:boolean`,
//! `:START_ID`, `:END_ID`, `:TYPE`), which Kùzu reads too; partial dates
//! stay strings. Fields follow RFC 4180 with no backslash escape: text is
//! always quoted with quotes doubled (see [`super::escape::csv_quoted`]
//! for NUL and CR), numbers and booleans bare, a missing value an empty
//! bare field, which every loader reads as null. Rows end in LF.
//!
//! Written by hand rather than with the `csv` crate, whose writer quotes
//! every field alike: here text must always be quoted (FalkorDB trims
//! spaces off an unquoted field) while a missing value must stay an empty
//! bare field (`""` is an empty string to Neo4j), and NUL and CR need the
//! replacements the databases require. The crate reads the files back in
//! the tests.
//!
//! Each file is one pass over the graph's nodes or edges in id order,
//! streamed through a buffer: a file per relationship type means one pass
//! over the edges per file, each cheap next to writing its rows.

use super::escape::csv_quoted;
use super::pg::{self, Col, Tables, Val, Values};
use super::{ExportOptions, WRITE_BUFFER};
use crate::graph::KnowledgeGraph;
use crate::model::{Kind, Relation};
use std::io::{self, BufWriter, Write};

/// The folder under the output folder that holds the files.
pub const FOLDER: &str = "csv";

/// One CSV file: the nodes of a kind or the edges of a relation between
/// two kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CsvPart {
    Nodes(Kind),
    Rels(Relation, Kind, Kind),
}

impl CsvPart {
    /// The file's name in [`FOLDER`].
    pub fn file_name(self) -> String {
        match self {
            CsvPart::Nodes(k) => format!("nodes_{}.csv", k.as_str()),
            CsvPart::Rels(r, a, b) => {
                format!("rels_{}_{}_{}.csv", r.as_str(), a.as_str(), b.as_str())
            }
        }
    }

    /// Every file a graph needs, nodes first, in a fixed order.
    pub(crate) fn all(tables: &Tables) -> Vec<CsvPart> {
        let nodes = tables.kinds.iter().map(|&k| CsvPart::Nodes(k));
        let rels = tables.rels.iter().map(|&(r, a, b)| CsvPart::Rels(r, a, b));
        nodes.chain(rels).collect()
    }
}

/// True for a name this exporter gives a CSV file: what a new run may
/// remove from [`FOLDER`] when it no longer writes it.
pub fn is_own_file(name: &str) -> bool {
    (name.starts_with("nodes_") || name.starts_with("rels_"))
        && name.ends_with(".csv")
        && !name.starts_with('.')
}

/// Writes one CSV file; build with [`CsvSerializer::new`], then
/// [`CsvSerializer::serialize`].
#[derive(Debug, Clone)]
pub struct CsvSerializer {
    options: ExportOptions,
    part: CsvPart,
}

impl CsvSerializer {
    pub fn new(options: ExportOptions, part: CsvPart) -> Self {
        CsvSerializer { options, part }
    }

    /// Streams the part of `graph` into `w` and returns `w`.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
        let mut values = Values::new(&self.options);
        match self.part {
            CsvPart::Nodes(kind) => {
                w.write_all(b"id:ID,:LABEL")?;
                header(&mut w, pg::node_cols(kind))?;
                for n in graph.nodes().filter(|n| n.kind == kind) {
                    csv_quoted(&mut w, &n.id)?;
                    w.write_all(b",")?;
                    csv_quoted(&mut w, pg::label(kind))?;
                    values.node(n, &mut |_, v| field(&mut w, v))?;
                    w.write_all(b"\n")?;
                }
            }
            CsvPart::Rels(relation, from, to) => {
                w.write_all(b":START_ID,:END_ID,:TYPE")?;
                header(&mut w, pg::EDGE.iter())?;
                for (i, (s, t, e)) in graph.edges().enumerate() {
                    if e.relation != relation || s.kind != from || t.kind != to {
                        continue;
                    }
                    csv_quoted(&mut w, &s.id)?;
                    w.write_all(b",")?;
                    csv_quoted(&mut w, &t.id)?;
                    w.write_all(b",")?;
                    csv_quoted(&mut w, relation.as_str())?;
                    values.edge(i, e, &mut |_, v| field(&mut w, v))?;
                    w.write_all(b"\n")?;
                }
            }
        }
        w.into_inner().map_err(|e| e.into_error())
    }
}

/// The rest of a header line: `,key:type` per column, then the line end.
fn header<'c, W: Write>(w: &mut W, cols: impl Iterator<Item = &'c Col>) -> io::Result<()> {
    for c in cols {
        write!(w, ",{}:{}", c.key, c.ty.neo4j())?;
    }
    w.write_all(b"\n")
}

/// `,` and one field.
fn field<W: Write>(w: &mut W, v: Val<'_>) -> io::Result<()> {
    w.write_all(b",")?;
    match v {
        Val::Str(s) => csv_quoted(w, s),
        Val::Int(i) => w.write_all(itoa::Buffer::new().format(i).as_bytes()),
        Val::Double(d) => pg::write_double(w, d),
        Val::Bool(b) => w.write_all(if b { b"true" } else { b"false" }),
        Val::Numbers(list) => {
            w.write_all(b"\"")?;
            for (i, &d) in list.iter().enumerate() {
                if i > 0 {
                    w.write_all(b";")?;
                }
                pg::write_double(w, d)?;
            }
            w.write_all(b"\"")
        }
        Val::Absent => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Evidence, Span};

    fn write(g: &KnowledgeGraph, part: CsvPart) -> String {
        let bytes = CsvSerializer::new(ExportOptions::default(), part)
            .serialize(g, Vec::new())
            .expect("in memory");
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn nodes_and_relationships_have_typed_headers_and_quoted_text() {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("person:a", Kind::Person, "Ann \"A\" Lee,\r\nJr.")
            .mentions = 3;
        g.upsert_node("place:x", Kind::Place, "  X\\ ");
        let ev = Evidence {
            doc: DocId(0xa),
            sentence: 1,
            span: Span::new(0, 3).into(),
            text: "said \"x\"".into(),
        };
        g.add_edge("person:a", "place:x", Relation::NationalityOf, ev);
        let people = write(&g, CsvPart::Nodes(Kind::Person));
        let mut lines = people.split('\n');
        assert_eq!(
            lines.next(),
            Some(
                "id:ID,:LABEL,name:string,kind:string,mentions:int,documents:string,\
                 aliases:string,roles:string,iri:string,color:string,size:double"
            )
        );
        let row = lines.next().expect("a row");
        assert!(
            row.starts_with("\"person:a\",\"Person\",\"Ann \"\"A\"\" Lee,"),
            "{people}"
        );
        // CR LF became LF inside the quotes; no roles: a bare empty field.
        assert!(
            people.contains(",\nJr.\",\"person\",3,\"\",\"[]\",,\"https://"),
            "{people}"
        );
        assert!(!people.contains('\r'));
        let places = write(&g, CsvPart::Nodes(Kind::Place));
        assert!(
            places.contains("\"place:x\",\"Place\",\"  X\\ \""),
            "{places}"
        );
        assert!(write(&g, CsvPart::Nodes(Kind::Event)).lines().count() == 1);
        let rels = write(
            &g,
            CsvPart::Rels(Relation::NationalityOf, Kind::Person, Kind::Place),
        );
        assert_eq!(
            rels,
            ":START_ID,:END_ID,:TYPE,relation:string,typed:boolean,weight:double,\
             documents:string,evidence:string,edge_id:string\n\
             \"person:a\",\"place:x\",\"nationality_of\",\"nationality_of\",true,1.0,\
             \"000000000000000a\",\"[{\"\"doc\"\":\"\"000000000000000a\"\",\"\"end\"\":3,\
             \"\"sentence\"\":1,\"\"start\"\":0,\"\"text\"\":\"\"said \\\"\"x\\\"\"\"\"}]\",\"e0\"\n"
        );
        let parts = CsvPart::all(&Tables::of(&g));
        let names: Vec<String> = parts.iter().map(|p| p.file_name()).collect();
        assert_eq!(
            names,
            [
                "nodes_person.csv",
                "nodes_place.csv",
                "rels_nationality_of_person_place.csv"
            ]
        );
        assert!(names.iter().all(|n| is_own_file(n)));
        assert!(!is_own_file("notes.csv") && !is_own_file("nodes_person.txt"));
    }
}
