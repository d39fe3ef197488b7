//! openCypher statements, one per line (`graph.cypherl`): a `CREATE` per
//! node, then per edge a `MATCH` of its two ends by label and `id` and a
//! `CREATE` of the relationship. Loads as it is into FalkorDB, Memgraph
//! (`mgconsole < graph.cypherl`), Neo4j (`cypher-shell -f`) and Apache
//! AGE (each line wrapped in `cypher()`), and into Kùzu once its tables
//! exist (the `CREATE … TABLE` lines of the CSV folder's
//! `load-kuzu.cypher`).
//!
//! Labels, types and keys are back-ticked; strings are double-quoted
//! literals ([`super::escape::cypher_quoted`]: `\n` for a line break, so
//! a statement never spans lines); missing values are left out. The
//! properties are those of the CSV files ([`super::pg`]), with real lists
//! for the change numbers. On a large graph, create an index on `id` per
//! label first (docs/opening-files.md): each edge looks up its two ends.

use super::escape::cypher_quoted;
use super::pg::{self, Val, Values};
use super::{ExportOptions, WRITE_BUFFER};
use crate::graph::KnowledgeGraph;
use std::io::{self, BufWriter, Write};

/// Writes the Cypher script; build with [`CypherSerializer::new`], then
/// [`CypherSerializer::serialize`].
#[derive(Debug, Clone, Default)]
pub struct CypherSerializer {
    options: ExportOptions,
}

impl CypherSerializer {
    pub fn new(options: ExportOptions) -> Self {
        CypherSerializer { options }
    }

    /// Streams `graph` into `w` and returns `w`.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
        let mut values = Values::new(&self.options);
        for n in graph.nodes() {
            write!(w, "CREATE (:`{}` {{`id`: ", pg::label(n.kind))?;
            cypher_quoted(&mut w, &n.id)?;
            values.node(n, &mut |c, v| property(&mut w, c.key, v))?;
            w.write_all(b"});\n")?;
        }
        for (i, (s, t, e)) in graph.edges().enumerate() {
            write!(w, "MATCH (a:`{}` {{`id`: ", pg::label(s.kind))?;
            cypher_quoted(&mut w, &s.id)?;
            write!(w, "}}), (b:`{}` {{`id`: ", pg::label(t.kind))?;
            cypher_quoted(&mut w, &t.id)?;
            write!(w, "}}) CREATE (a)-[:`{}` {{", e.relation.as_str())?;
            let mut first = true;
            values.edge(i, e, &mut |c, v| {
                if v == Val::Absent {
                    return Ok(());
                }
                if !std::mem::take(&mut first) {
                    w.write_all(b", ")?;
                }
                key_value(&mut w, c.key, v)
            })?;
            w.write_all(b"}]->(b);\n")?;
        }
        w.into_inner().map_err(|e| e.into_error())
    }
}

/// Writes the Cypher script with the default serializer.
pub fn write<W: Write>(graph: &KnowledgeGraph, options: &ExportOptions, w: W) -> io::Result<W> {
    CypherSerializer::new(options.clone()).serialize(graph, w)
}

/// `, key: value`, or nothing for a missing value.
fn property<W: Write>(w: &mut W, key: &str, v: Val<'_>) -> io::Result<()> {
    if v == Val::Absent {
        return Ok(());
    }
    w.write_all(b", ")?;
    key_value(w, key, v)
}

/// `` `key`: value ``.
fn key_value<W: Write>(w: &mut W, key: &str, v: Val<'_>) -> io::Result<()> {
    write!(w, "`{key}`: ")?;
    match v {
        Val::Str(s) => cypher_quoted(w, s),
        Val::Int(i) => w.write_all(itoa::Buffer::new().format(i).as_bytes()),
        Val::Double(d) => pg::write_double(w, d),
        Val::Bool(b) => w.write_all(if b { b"true" } else { b"false" }),
        Val::Numbers(list) => {
            w.write_all(b"[")?;
            for (i, &d) in list.iter().enumerate() {
                if i > 0 {
                    w.write_all(b", ")?;
                }
                pg::write_double(w, d)?;
            }
            w.write_all(b"]")
        }
        Val::Absent => w.write_all(b"null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Evidence, Kind, Relation, Span};

    #[test]
    fn one_statement_per_line_with_escaped_strings() {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("person:a", Kind::Person, "Ann \"the\" \\N\r\nLee")
            .mentions = 2;
        g.upsert_node("group:b`", Kind::Group, "B\u{0}");
        let ev = Evidence {
            doc: DocId(0xb),
            sentence: 0,
            span: Span::new(0, 1).into(),
            text: "Ann of B".into(),
        };
        g.add_edge("person:a", "group:b`", Relation::MemberOf, ev);
        let bytes = write(&g, &ExportOptions::default(), Vec::new()).expect("in memory");
        let s = String::from_utf8(bytes).expect("utf-8");
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 3, "{s}");
        assert!(
            lines[0].starts_with("CREATE (:`Group` {`id`: \"group:b`\", `name`: \"B\u{FFFD}\", `kind`: \"group\", `mentions`: 0,"),
            "{s}"
        );
        assert!(
            lines[1].starts_with(
                "CREATE (:`Person` {`id`: \"person:a\", `name`: \"Ann \\\"the\\\" \\\\N\\nLee\","
            ),
            "{s}"
        );
        assert!(
            !lines[1].contains("`roles`"),
            "absent values are left out: {s}"
        );
        assert_eq!(
            lines[2],
            "MATCH (a:`Person` {`id`: \"person:a\"}), (b:`Group` {`id`: \"group:b`\"}) CREATE \
             (a)-[:`member_of` {`relation`: \"member_of\", `typed`: true, `weight`: 1.0, \
             `documents`: \"000000000000000b\", `evidence`: \"[{\\\"doc\\\":\\\"000000000000000b\\\",\
             \\\"end\\\":1,\\\"sentence\\\":0,\\\"start\\\":0,\\\"text\\\":\\\"Ann of B\\\"}]\", \
             `edge_id`: \"e0\"}]->(b);"
        );
    }
}
