//! The loader scripts written beside the CSV files, one per database,
//! each naming exactly the files of this graph ([`super::csv`]):
//!
//! - `load-neo4j.sh`: `neo4j-admin database import full`, one `--nodes`
//!   or `--relationships` flag per file (its importer takes the header
//!   from the first file of a list only), `--multiline-fields=true`;
//! - `load-kuzu.cypher`: the node and relationship tables, then a `COPY …
//!   FROM (LOAD FROM …)` per file, run inside the CSV folder;
//! - `load-falkordb.cypher`: an index on `id` per label, then `LOAD CSV
//!   WITH HEADERS FROM 'file://…'` per file (files in FalkorDB's
//!   `IMPORT_FOLDER`);
//! - `load-memgraph.cypherl`: the same with Memgraph's `LOAD CSV FROM
//!   "/import/…" WITH HEADER`, for the folder mounted at `/import`.
//!
//! One statement per line, nothing else: the Cypher shells and a
//! line-by-line loop all read them. Labels, types and keys are
//! back-ticked (Kùzu reserves `Group` and `end`). The statements turn the
//! typed text of the CSV into typed values (`toInteger`, `CAST`, the
//! `;`-joined number lists into lists), and leave missing values out.

use super::csv::CsvPart;
use super::pg::{self, Col, Tables, Ty};
use super::{ExportOptions, WRITE_BUFFER};
use crate::graph::KnowledgeGraph;
use crate::model::{Kind, Relation};
use std::io::{self, BufWriter, Write};

/// A loader script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    Neo4j,
    Kuzu,
    FalkorDb,
    Memgraph,
}

impl Script {
    pub const ALL: [Script; 4] = [
        Script::Neo4j,
        Script::Kuzu,
        Script::FalkorDb,
        Script::Memgraph,
    ];

    /// The file's name in the CSV folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Script::Neo4j => "load-neo4j.sh",
            Script::Kuzu => "load-kuzu.cypher",
            Script::FalkorDb => "load-falkordb.cypher",
            Script::Memgraph => "load-memgraph.cypherl",
        }
    }
}

/// Writes one loader script; build with [`ScriptSerializer::new`], then
/// [`ScriptSerializer::serialize`].
#[derive(Debug, Clone)]
pub struct ScriptSerializer {
    script: Script,
}

impl ScriptSerializer {
    /// Scripts mint no IRI: the options are taken for the shape all
    /// serializers share.
    pub fn new(_options: ExportOptions, script: Script) -> Self {
        ScriptSerializer { script }
    }

    /// Writes the script for the files `graph` gives and returns `w`.
    pub fn serialize<W: Write>(&self, graph: &KnowledgeGraph, w: W) -> io::Result<W> {
        let mut w = BufWriter::with_capacity(WRITE_BUFFER, w);
        let tables = Tables::of(graph);
        match self.script {
            Script::Neo4j => neo4j(&mut w, &tables)?,
            Script::Kuzu => kuzu(&mut w, &tables)?,
            Script::FalkorDb | Script::Memgraph => load_csv(&mut w, &tables, self.script)?,
        }
        w.into_inner().map_err(|e| e.into_error())
    }
}

/// A POSIX shell script calling neo4j-admin once with every file.
fn neo4j<W: Write>(w: &mut W, tables: &Tables) -> io::Result<()> {
    w.write_all(
        b"#!/bin/sh\n\
          # Imports this folder into a new Neo4j 5 database (stop it first; an existing\n\
          # database of that name is replaced). Usage: sh load-neo4j.sh [DATABASE]\n\
          # neo4j-admin is taken from $NEO4J_ADMIN, else from the PATH.\n\
          set -eu\n\
          cd \"$(dirname \"$0\")\"\n\
          exec \"${NEO4J_ADMIN:-neo4j-admin}\" database import full \\\n  \
          --overwrite-destination=true --multiline-fields=true \\\n  --id-type=string",
    )?;
    for part in CsvPart::all(tables) {
        let flag = match part {
            CsvPart::Nodes(_) => "nodes",
            CsvPart::Rels(..) => "relationships",
        };
        write!(w, " \\\n  --{flag}={}", part.file_name())?;
    }
    w.write_all(b" \\\n  \"${1:-neo4j}\"\n")
}

/// The Kùzu tables, then one `COPY` per file.
fn kuzu<W: Write>(w: &mut W, tables: &Tables) -> io::Result<()> {
    for &kind in &tables.kinds {
        write!(w, "CREATE NODE TABLE `{}`(`id` STRING", pg::label(kind))?;
        for c in pg::node_cols(kind) {
            write!(w, ", `{}` {}", c.key, c.ty.kuzu())?;
        }
        w.write_all(b", PRIMARY KEY(`id`));\n")?;
    }
    for (relation, pairs) in rel_groups(tables) {
        write!(w, "CREATE REL TABLE `{}`(", relation.as_str())?;
        for (i, (a, b)) in pairs.iter().enumerate() {
            let sep = if i > 0 { ", " } else { "" };
            write!(w, "{sep}FROM `{}` TO `{}`", pg::label(*a), pg::label(*b))?;
        }
        for c in pg::EDGE {
            write!(w, ", `{}` {}", c.key, c.ty.kuzu())?;
        }
        w.write_all(b");\n")?;
    }
    for part in CsvPart::all(tables) {
        let (table, first, cols): (&str, &str, Vec<&Col>) = match part {
            CsvPart::Nodes(k) => (pg::label(k), "`id:ID`", pg::node_cols(k).collect()),
            CsvPart::Rels(r, ..) => (
                r.as_str(),
                "`:START_ID`, `:END_ID`",
                pg::EDGE.iter().collect(),
            ),
        };
        // Kùzu names a typed header column by its key; no auto-detection,
        // so that an id such as `2003` stays text.
        write!(
            w,
            "COPY `{table}` FROM (LOAD FROM '{}' (HEADER=true, PARALLEL=false, AUTO_DETECT=false) \
             RETURN {first}",
            part.file_name()
        )?;
        for c in cols {
            match c.ty {
                Ty::Numbers => write!(w, ", CAST(string_split(`{}`, ';') AS DOUBLE[])", c.key)?,
                _ => write!(w, ", `{}`", c.key)?,
            }
        }
        w.write_all(b")")?;
        if let CsvPart::Rels(_, a, b) = part {
            write!(w, " (from='{}', to='{}')", pg::label(a), pg::label(b))?;
        }
        w.write_all(b";\n")?;
    }
    Ok(())
}

/// The relationship types with the (source, target) kinds each joins.
fn rel_groups(tables: &Tables) -> Vec<(Relation, Vec<(Kind, Kind)>)> {
    let mut out: Vec<(Relation, Vec<(Kind, Kind)>)> = Vec::new();
    for &(r, a, b) in &tables.rels {
        match out.last_mut() {
            Some((last, pairs)) if *last == r => pairs.push((a, b)),
            _ => out.push((r, vec![(a, b)])),
        }
    }
    out
}

/// `LOAD CSV` statements for FalkorDB or Memgraph: indexes on `id`, then
/// one statement per file.
fn load_csv<W: Write>(w: &mut W, tables: &Tables, script: Script) -> io::Result<()> {
    for &kind in &tables.kinds {
        let l = pg::label(kind);
        match script {
            Script::Memgraph => writeln!(w, "CREATE INDEX ON :`{l}`(`id`);")?,
            _ => writeln!(w, "CREATE INDEX FOR (n:`{l}`) ON (n.`id`);")?,
        }
    }
    for part in CsvPart::all(tables) {
        let file = part.file_name();
        match script {
            Script::Memgraph => write!(
                w,
                "LOAD CSV FROM \"/import/{file}\" WITH HEADER NULLIF \"\" AS row "
            )?,
            _ => write!(w, "LOAD CSV WITH HEADERS FROM 'file://{file}' AS row ")?,
        }
        match part {
            CsvPart::Nodes(k) => {
                write!(w, "CREATE (:`{}` {{`id`: row.`id:ID`", pg::label(k))?;
                properties(w, pg::node_cols(k))?;
                w.write_all(b"});\n")?;
            }
            CsvPart::Rels(r, a, b) => {
                write!(
                    w,
                    "MATCH (a:`{}` {{`id`: row.`:START_ID`}}), (b:`{}` {{`id`: row.`:END_ID`}}) \
                     CREATE (a)-[:`{}` {{",
                    pg::label(a),
                    pg::label(b),
                    r.as_str()
                )?;
                let mut cols = pg::EDGE.iter();
                if let Some(c) = cols.next() {
                    write!(w, "`{}`: ", c.key)?;
                    value(w, c)?;
                }
                properties(w, cols)?;
                w.write_all(b"}]->(b);\n")?;
            }
        }
    }
    Ok(())
}

/// `, key: value` for each column, converted from the row's text.
fn properties<'c, W: Write>(w: &mut W, cols: impl Iterator<Item = &'c Col>) -> io::Result<()> {
    for c in cols {
        write!(w, ", `{}`: ", c.key)?;
        value(w, c)?;
    }
    Ok(())
}

/// The row's field for `c`, as its type (null stays null).
fn value<W: Write>(w: &mut W, c: &Col) -> io::Result<()> {
    let (key, ty) = (c.key, c.ty.neo4j());
    match c.ty {
        Ty::Str => write!(w, "row.`{key}:{ty}`"),
        Ty::Int => write!(w, "toInteger(row.`{key}:{ty}`)"),
        Ty::Double => write!(w, "toFloat(row.`{key}:{ty}`)"),
        Ty::Bool => write!(w, "toBoolean(row.`{key}:{ty}`)"),
        Ty::Numbers => write!(w, "[x IN split(row.`{key}:{ty}`, ';') | toFloat(x)]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocId, Evidence, Span};

    fn graph() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        g.upsert_node("person:a", Kind::Person, "A");
        g.upsert_node("group:b", Kind::Group, "B");
        g.upsert_node("place:c", Kind::Place, "C");
        let ev = Evidence {
            doc: DocId(1),
            sentence: 0,
            span: Span::new(0, 1).into(),
            text: "A of B in C".into(),
        };
        g.add_edge("person:a", "group:b", Relation::MemberOf, ev.clone());
        g.add_edge("group:b", "person:a", Relation::CoMention, ev.clone());
        g.add_edge("person:a", "place:c", Relation::CoMention, ev);
        g
    }

    fn script(s: Script) -> String {
        let bytes = ScriptSerializer::new(ExportOptions::default(), s)
            .serialize(&graph(), Vec::new())
            .expect("in memory");
        String::from_utf8(bytes).expect("utf-8")
    }

    #[test]
    fn neo4j_gets_one_flag_per_file() {
        let s = script(Script::Neo4j);
        assert!(s.starts_with("#!/bin/sh\n"), "{s}");
        for f in [
            "--nodes=nodes_person.csv",
            "--nodes=nodes_group.csv",
            "--nodes=nodes_place.csv",
            "--relationships=rels_co_mention_group_person.csv",
            "--relationships=rels_co_mention_person_place.csv",
            "--relationships=rels_member_of_person_group.csv",
        ] {
            assert_eq!(s.matches(f).count(), 1, "{f} in {s}");
        }
        assert!(!s.contains("nodes_event"), "{s}");
    }

    #[test]
    fn kuzu_declares_each_table_once_then_copies_each_file() {
        let s = script(Script::Kuzu);
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines.len(), 3 + 2 + 6, "{s}");
        assert!(lines.iter().all(|l| l.ends_with(';')));
        assert!(
            s.contains(
                "CREATE REL TABLE `co_mention`(FROM `Person` TO `Place`, FROM `Group` TO `Person`, \
                 `relation` STRING"
            ),
            "{s}"
        );
        assert!(s.contains("(from='Group', to='Person');"), "{s}");
        assert!(
            s.contains("CREATE NODE TABLE `Group`(`id` STRING, `name` STRING"),
            "{s}"
        );
    }

    #[test]
    fn load_csv_scripts_index_ids_and_convert_types() {
        for (sc, load) in [
            (
                Script::FalkorDb,
                "LOAD CSV WITH HEADERS FROM 'file://nodes_person.csv' AS row",
            ),
            (
                Script::Memgraph,
                "LOAD CSV FROM \"/import/nodes_person.csv\" WITH HEADER NULLIF \"\" AS row",
            ),
        ] {
            let s = script(sc);
            assert!(s.contains(load), "{s}");
            assert!(
                s.contains("`mentions`: toInteger(row.`mentions:int`)"),
                "{s}"
            );
            assert!(s.contains("`typed`: toBoolean(row.`typed:boolean`)"), "{s}");
            assert_eq!(s.matches("CREATE INDEX").count(), 3, "{s}");
            assert_eq!(s.lines().count(), 3 + 6, "{s}");
        }
    }
}
