//! The `timeline` command end to end: dated events in date order as a
//! table, undated ones counted, same output whatever the input order.

use crate::util::{newsgraph, root};

fn timeline(args: &[&str]) -> (String, Option<i32>) {
    let mut a = vec!["timeline"];
    a.extend_from_slice(args);
    let o = newsgraph(&a);
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        o.status.code(),
    )
}

#[test]
fn seeds_timeline_is_a_dated_sorted_table() {
    let seeds = root().join("seeds");
    let (out, code) = timeline(&[seeds.to_str().unwrap_or("seeds")]);
    assert_eq!(code, Some(0), "{out}");
    let mut lines = out.lines();
    let header = lines.next().unwrap_or("");
    for col in ["DATE", "KIND", "WHO", "WHERE", "NUMBERS", "SOURCE"] {
        assert!(header.contains(col), "{header}");
    }
    let rows: Vec<&str> = lines.filter(|l| !l.starts_with('(')).collect();
    assert!(rows.len() >= 5, "{out}");
    let dates: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.split_whitespace().next())
        .collect();
    for d in &dates {
        assert!(
            d.len() >= 4 && d.chars().take(4).all(|c| c.is_ascii_digit()),
            "not an ISO date: {d}"
        );
    }
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "rows in date order");
    // A change in numbers is shown as from→to.
    assert!(
        rows.iter()
            .any(|r| r.contains("reduction") && r.contains('→')),
        "{out}"
    );
}

#[test]
fn timeline_does_not_depend_on_input_order() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().display().to_string())
        .collect();
    files.sort();
    let fwd: Vec<&str> = files.iter().map(String::as_str).collect();
    let rev: Vec<&str> = fwd.iter().rev().copied().collect();
    assert_eq!(timeline(&fwd), timeline(&rev));
}

#[test]
fn timeline_of_nothing_fails_cleanly() {
    let (_, code) = timeline(&["/nonexistent/folder"]);
    assert_eq!(code, Some(2));
}
