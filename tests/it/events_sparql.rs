//! The issue's "done when": SPARQL over the seeds' JSON-LD alone answers
//! what happened when. Queries run in Oxigraph (pyoxigraph); answers are
//! checked for their shape (ISO dates, numbers), not against a
//! hand-written graph.

use crate::util::{build, python, require_python, root};
use std::path::Path;

const PREFIXES: &str = "PREFIX schema: <http://schema.org/> \
    PREFIX ng: <https://newsgraph.example/vocab#> ";

/// Rows of `query` over the JSON-LD file, each a list of plain strings.
fn sparql(path: &Path, query: &str) -> Vec<Vec<String>> {
    let script = r#"
import sys, json, pyoxigraph as ox
s = ox.Store(); s.load(path=sys.argv[1], format=ox.RdfFormat.JSON_LD)
r = s.query(sys.argv[2])
print(json.dumps([[(t.value if t is not None else "") for t in row] for row in r]))
"#;
    let out = python(
        script,
        &[&path.to_string_lossy(), &format!("{PREFIXES}{query}")],
    );
    serde_json::from_str(out.trim()).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// True for an ISO 8601 date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn is_iso(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    matches!(parts.len(), 1..=3)
        && parts.first().is_some_and(|y| y.len() == 4)
        && parts.iter().skip(1).all(|p| p.len() == 2)
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
}

#[test]
#[ignore = "client round trip: needs python3 pyoxigraph; run with cargo test -- --include-ignored"]
fn sparql_answers_what_happened_when() {
    require_python(&["pyoxigraph"]);
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    build(
        &[&root().join("seeds")],
        tmp.path(),
        &["--format", "jsonld"],
    );
    let jsonld = tmp.path().join("graph.jsonld");

    // Each announced reduction of U.S. troops in Iraq, with its date and
    // from/to numbers.
    let reductions = sparql(
        &jsonld,
        "SELECT DISTINCT ?e ?date ?from ?to WHERE {
           ?e a schema:Event ; ng:eventType \"reduction\" ; schema:startDate ?date ;
              schema:location ?place ; ng:quantity ?q .
           ?place schema:name \"Iraq\" .
           ?e (schema:organizer|schema:attendee) ?us . ?us schema:name \"United States\" .
           ?q ng:from ?from ; ng:to ?to .
         } ORDER BY ?date",
    );
    let dates: std::collections::BTreeSet<&str> =
        reductions.iter().map(|r| r[1].as_str()).collect();
    assert!(
        dates.len() >= 2,
        "two announcements on different dates: {reductions:?}"
    );
    for r in &reductions {
        assert!(is_iso(&r[1]), "{r:?}");
        let (from, to): (f64, f64) = (r[2].parse().unwrap_or(0.0), r[3].parse().unwrap_or(0.0));
        assert!(from > to && to > 0.0, "a reduction goes down: {r:?}");
    }

    // Who was killed near Baghdad airport, and when.
    let killed = sparql(
        &jsonld,
        "SELECT DISTINCT ?name ?date WHERE {
           ?e a schema:Event ; ng:eventType \"killing\" ; schema:startDate ?date ;
              schema:location ?p ; schema:attendee ?v .
           ?p schema:name \"Baghdad\" .
           ?v a schema:Person ; schema:name ?name .
         }",
    );
    assert!(killed.len() >= 2, "{killed:?}");
    for r in &killed {
        assert!(is_iso(&r[1]) && !r[0].is_empty(), "{r:?}");
    }

    // What happened on a given day: the day of the first day-precise
    // reduction found above.
    let Some(day) = dates.iter().find(|d| d.len() == 10) else {
        panic!("no day-precise reduction: {reductions:?}")
    };
    let that_day = sparql(
        &jsonld,
        &format!(
            "SELECT DISTINCT ?e ?type WHERE {{
               ?e a schema:Event ; ng:eventType ?type ; schema:startDate ?d .
               FILTER(str(?d) = \"{day}\")
             }}"
        ),
    );
    assert!(that_day.iter().any(|r| r[1] == "reduction"), "{that_day:?}");
}
