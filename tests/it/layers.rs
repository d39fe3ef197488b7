//! The layering of `src/`, read from the source: a module uses only what
//! sits at its own layer or below (docs/architecture.md), modules of one
//! folder import each other in no circle, and no file or function outgrows
//! the size limits. Test code (from `#[cfg(test)]` on, and `tests.rs`
//! files) and comments are not read: tests may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules from the bottom up. A module may use modules of its
/// own rank or lower; `error` is for all.
const LAYERS: &[(&str, u8)] = &[
    ("error", 0),
    ("util", 1),
    ("model", 2),
    ("lexicon", 3),
    ("text", 4),
    ("ner", 5),
    ("resolve", 6),
    ("extract", 7),
    ("graph", 8),
    ("merge", 9),
    ("pipeline", 10),
    ("export", 11),
    ("load", 11),
    ("output", 11),
    ("part", 11),
    ("timeline", 12),
    ("run", 13),
    ("bench", 13),
    ("scale", 13),
];

const MAX_FILE_LINES: usize = 1000;
const MAX_FN_LINES: usize = 150;

fn rank(top: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == top).map(|(_, r)| *r)
}

/// Module path of a source file: `src/extract/events/mod.rs` →
/// `["extract", "events"]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file that the layering is about: up to its test module,
/// without comments or string literals (which may hold paths in examples).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let code = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Every module path `code` names through `crate::` (plain paths, and
/// groups in `use crate::{a, b::c}`) and `super::`, as written.
fn references(code: &str, module: &[String]) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    // `super` of module `a::b` is `a`, whether it is `a/b.rs` or
    // `a/b/mod.rs`.
    let parent = module
        .get(..module.len().saturating_sub(1))
        .unwrap_or(&[])
        .to_vec();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
        let mut rest = code;
        while let Some(i) = rest.find(prefix) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + prefix.len()..];
            if before.is_some_and(|c| ident(c) || c == ':') {
                continue;
            }
            let mut path = base.clone();
            let mut s = rest;
            loop {
                if let Some(group) = s.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    for part in group[..end].split(',') {
                        let mut p = path.clone();
                        for seg in part.trim().split("::") {
                            let seg: String = seg.chars().take_while(|&c| ident(c)).collect();
                            if seg.is_empty() {
                                break;
                            }
                            p.push(seg);
                        }
                        if p.len() > path.len() {
                            out.insert(p);
                        }
                    }
                    break;
                }
                let name: String = s.chars().take_while(|&c| ident(c)).collect();
                if name.is_empty() {
                    break;
                }
                s = &s[name.len()..];
                path.push(name);
                match s.strip_prefix("::") {
                    Some(t) => s = t,
                    None => break,
                }
            }
            if !path.is_empty() {
                out.insert(path);
            }
        }
    }
    out
}

struct Source {
    module: Vec<String>,
    file: PathBuf,
    text: String,
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            panic!("cannot read {}", dir.display());
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
        .into_iter()
        .map(|file| Source {
            module: module_of(&src, &file),
            text: std::fs::read_to_string(&file).unwrap_or_default(),
            file,
        })
        .collect()
}

/// The longest prefix of `path` that is a module of the crate.
fn resolve(path: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

/// Edges module → module used, for the library's modules.
fn edges(srcs: &[Source]) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules: BTreeSet<Vec<String>> = srcs.iter().map(|s| s.module.clone()).collect();
    let mut out = BTreeMap::new();
    for s in srcs {
        let name = s.file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if matches!(name, "tests.rs" | "main.rs" | "lib.rs" | "cli.rs") {
            continue;
        }
        let refs = references(&code_of(&s.text), &s.module);
        let used: BTreeSet<Vec<String>> = refs
            .iter()
            .filter_map(|r| resolve(r, &modules))
            .filter(|r| !s.module.starts_with(r) && r != &s.module)
            .collect();
        out.insert(s.module.clone(), used);
    }
    out
}

/// Uses that point to a higher layer, as "from -> to" lines.
fn upward(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<String> {
    let mut bad = Vec::new();
    for (from, tos) in edges {
        let Some(top) = from.first() else { continue };
        let Some(own) = rank(top) else {
            bad.push(format!(
                "{}: top-level module missing from LAYERS",
                from.join("::")
            ));
            continue;
        };
        for to in tos {
            let Some(t) = to.first() else { continue };
            match rank(t) {
                Some(r) if r <= own => {}
                _ => bad.push(format!("{} -> {}", from.join("::"), to.join("::"))),
            }
        }
    }
    bad
}

/// Circles among siblings: for each use `a::x::.. -> a::y::..`, an edge
/// `a::x -> a::y` (modules under one parent); any strongly connected set of
/// more than one sibling is a circle.
fn circles(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<String>> {
    let mut g: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for (from, tos) in edges {
        for to in tos {
            let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
            if common < from.len() && common < to.len() {
                g.entry(from[..=common].to_vec())
                    .or_default()
                    .insert(to[..=common].to_vec());
            }
        }
    }
    // Reachability is small enough to compute by search from each node.
    let reach = |start: &Vec<String>| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![start.clone()];
        while let Some(n) = todo.pop() {
            for m in g.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let mut out = Vec::new();
    let mut done = BTreeSet::new();
    for n in g.keys() {
        if done.contains(n) {
            continue;
        }
        let from_n = reach(n);
        let mut comp: Vec<String> = g
            .keys()
            .filter(|m| *m != n && from_n.contains(*m) && reach(m).contains(n))
            .map(|m| m.join("::"))
            .collect();
        if !comp.is_empty() {
            comp.push(n.join("::"));
            comp.sort();
            for m in g.keys().filter(|m| comp.contains(&m.join("::"))) {
                done.insert(m.clone());
            }
            out.push(comp);
        }
    }
    out
}

#[test]
fn modules_use_only_their_layer_and_below() {
    let bad = upward(&edges(&sources()));
    assert!(
        bad.is_empty(),
        "uses that point up a layer:\n{}",
        bad.join("\n")
    );
}

#[test]
fn sibling_modules_import_each_other_in_no_circle() {
    let found = circles(&edges(&sources()));
    assert!(found.is_empty(), "import circles: {found:?}");
}

#[test]
fn every_top_level_module_has_a_layer() {
    let missing: Vec<String> = sources()
        .iter()
        .filter_map(|s| s.module.first().cloned())
        .filter(|m| !matches!(m.as_str(), "lib" | "main" | "cli") && rank(m).is_none())
        .collect();
    assert!(missing.is_empty(), "not in LAYERS: {missing:?}");
}

#[test]
fn the_checker_sees_a_use_that_points_up_and_a_circle() {
    let m = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
    let code =
        "use crate::{model::Span, merge::GraphBuilder};\nfn f() { crate::text::tokenize(\"\"); }";
    let refs = references(&code_of(code), &m("ner::rules"));
    assert!(refs.contains(&m("merge::GraphBuilder")) && refs.contains(&m("text::tokenize")));
    let mut e = BTreeMap::new();
    e.insert(m("ner::rules"), BTreeSet::from([m("merge"), m("text")]));
    assert_eq!(upward(&e), ["ner::rules -> merge"]);
    let mut e = BTreeMap::new();
    e.insert(
        m("extract::dates"),
        BTreeSet::from([m("extract::events::triggers")]),
    );
    e.insert(
        m("extract::events::roles"),
        BTreeSet::from([m("extract::dates")]),
    );
    assert_eq!(
        circles(&e),
        [vec![
            "extract::dates".to_string(),
            "extract::events".to_string()
        ]]
    );
    // Test modules and comments are not read.
    let code = "// crate::merge\nuse crate::model;\n#[cfg(test)]\nmod tests { use crate::merge; }";
    assert_eq!(
        references(&code_of(code), &m("ner")),
        BTreeSet::from([m("model")])
    );
}

/// Lines of a file up to its test module.
fn code_lines(text: &str) -> usize {
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .count()
}

/// Functions longer than the limit, as "file:line name (n lines)": a `fn`
/// line and the first line after it that closes at the same indentation.
fn long_functions(file: &str, text: &str) -> Vec<String> {
    let lines: Vec<&str> = text
        .lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let after_vis = trimmed
            .strip_prefix("pub(crate) ")
            .or_else(|| trimmed.strip_prefix("pub(super) "))
            .or_else(|| trimmed.strip_prefix("pub "))
            .unwrap_or(trimmed);
        let after_const = after_vis.strip_prefix("const ").unwrap_or(after_vis);
        let Some(sig) = after_const.strip_prefix("fn ") else {
            continue;
        };
        let close = format!("{}}}", " ".repeat(indent));
        let Some(end) = lines[i..].iter().position(|l| l.trim_end() == close) else {
            continue;
        };
        if end + 1 > MAX_FN_LINES {
            let name: String = sig
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(format!("{file}:{} {name} ({} lines)", i + 1, end + 1));
        }
    }
    out
}

#[test]
fn files_and_functions_stay_readable() {
    let mut bad = Vec::new();
    for s in sources() {
        let name = s.file.to_string_lossy().into_owned();
        if s.file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let n = code_lines(&s.text);
        if n > MAX_FILE_LINES {
            bad.push(format!("{name}: {n} lines"));
        }
        bad.extend(long_functions(&name, &s.text));
    }
    assert!(
        bad.is_empty(),
        "over {MAX_FILE_LINES} lines a file or {MAX_FN_LINES} a function:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_size_check_measures_a_long_function() {
    let body = "    x();\n".repeat(MAX_FN_LINES);
    let text = format!("fn short() {{\n}}\n\npub fn long() {{\n{body}}}\n");
    assert_eq!(
        long_functions("f.rs", &text),
        [format!("f.rs:4 long ({} lines)", MAX_FN_LINES + 2)]
    );
}
