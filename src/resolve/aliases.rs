//! The user's alias file (`--aliases FILE`, TOML or JSON): names to merge,
//! labels to change, names to drop, kinds to force. See `docs/aliases.md`
//! and `examples/aliases.toml`.
//!
//! ```toml
//! drop = ["Breaking News"]
//! [merge]
//! "Islamic State" = ["ISIS", "ISIL", "Daesh"]
//! [rename]
//! "Jane Doe" = "Jane Q. Doe"
//! [kind]
//! "Hezbollah" = "group"
//! ```

use super::names::normalize;
use crate::error::Error;
use crate::model::Kind;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The user's corrections, with keys normalised by [`normalize`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AliasTable {
    /// Normalised alias → canonical name it merges into, chains followed
    /// (`A = ["B"]` and `B = ["C"]`: "C" merges into "A").
    pub merge: BTreeMap<String, String>,
    /// Normalised name → label to show.
    pub rename: BTreeMap<String, String>,
    /// Normalised names that make no node.
    pub drop: BTreeSet<String>,
    /// Normalised name → forced kind.
    pub kinds: BTreeMap<String, Kind>,
    /// Where the file says what, for warnings.
    pub origin: Origin,
}

/// Where the alias file wrote each merge, for warnings that name the file,
/// the line and the names; lines are best effort (found by searching the
/// text for the name in quotes) and `None` where not found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Origin {
    /// The file, once [`AliasTable::load`] read it.
    pub file: Option<std::path::PathBuf>,
    /// Normalised merge target → line of its entry.
    pub targets: BTreeMap<String, Option<usize>>,
    /// Normalised alias → line where it is listed, and the names it passes
    /// through on its way to its final target (empty when listed under it).
    pub aliases: BTreeMap<String, (Option<usize>, Vec<String>)>,
    /// Warnings found reading the file: line and message.
    pub warnings: Vec<(Option<usize>, String)>,
}

impl Origin {
    /// `file:line` (or `file` alone), as warnings start.
    pub fn at(&self, line: Option<usize>) -> String {
        let file = self
            .file
            .as_ref()
            .map_or_else(|| "alias file".to_string(), |f| f.display().to_string());
        match line {
            Some(l) => format!("{file}:{l}"),
            None => file,
        }
    }

    /// The warnings of the file, one line each, with file and line.
    pub fn warning_lines(&self) -> Vec<String> {
        self.warnings
            .iter()
            .map(|(line, msg)| format!("{}: warning: {msg}", self.at(*line)))
            .collect()
    }
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    merge: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    rename: BTreeMap<String, String>,
    #[serde(default)]
    drop: Vec<String>,
    #[serde(default)]
    kind: BTreeMap<String, String>,
}

/// 1-based line and column (in chars) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// `"A", "B"`.
fn quoted(names: &[String]) -> String {
    let v: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    v.join(", ")
}

/// Line (1-based) of the first `"name"` (or `name` as a bare TOML key) at or
/// after byte `from` that a `=` or `:` follows when `key`, any otherwise;
/// with its byte offset.
fn find_name(text: &str, name: &str, from: usize, key: bool) -> Option<(usize, usize)> {
    let escaped = regex::escape(name);
    let pattern = if key {
        format!(r#"(?m)(?:"{escaped}"|^\s*{escaped})\s*[=:]"#)
    } else {
        format!(r#""{escaped}""#)
    };
    let re = regex::Regex::new(&pattern).ok()?;
    let m = re.find_at(text, from.min(text.len()))?;
    Some((line_col(text, m.start()).0, m.start()))
}

/// Where the merge table starts in the text (best effort), so a name
/// written in `[rename]` before it is not taken for its entry.
fn merge_section(text: &str, json: bool) -> usize {
    let pattern = if json {
        r#""merge"\s*:"#
    } else {
        r"(?m)^\s*\[\s*merge\s*\]"
    };
    regex::Regex::new(pattern)
        .ok()
        .and_then(|re| re.find(text))
        .map_or(0, |m| m.start())
}

/// Error as (line, column, message).
type ParseError = (usize, usize, String);

/// The merge table: each alias's normalised name → its final target (the
/// chain followed), and where each is written. A name listed under two
/// targets, and merges that go round in a circle, are errors: which name
/// the entity would take is arbitrary.
fn merges(
    text: &str,
    json: bool,
    raw: &BTreeMap<String, Vec<String>>,
) -> Result<(BTreeMap<String, String>, Origin), ParseError> {
    let section = merge_section(text, json);
    let mut origin = Origin::default();
    // Alias key → (target as written, line, alias as written).
    let mut step: BTreeMap<String, (String, Option<usize>, String)> = BTreeMap::new();
    for (canonical, aliases) in raw {
        let target_key = normalize(canonical);
        let at = find_name(text, canonical, section, true);
        origin
            .targets
            .insert(target_key.clone(), at.map(|(l, _)| l));
        let from = at.map_or(section, |(_, pos)| pos + canonical.len());
        for a in aliases {
            let key = normalize(a);
            if key.is_empty() || key == target_key {
                // "X" = ["X"]: nothing to merge.
                continue;
            }
            let line = find_name(text, a, from, false).map(|(l, _)| l);
            if let Some((other, other_line, _)) = step.get(&key)
                && normalize(other) != target_key
            {
                let (first, second) = ((other, *other_line), (canonical, line));
                return Err((
                    line.unwrap_or(1),
                    1,
                    format!(
                        "{a:?} is listed under two names to merge into, {:?} ({}) and {:?} \
                         ({}): which one it joins would be arbitrary; list it under one",
                        first.0,
                        line_name(first.1),
                        second.0,
                        line_name(second.1)
                    ),
                ));
            }
            step.insert(key, (canonical.clone(), line, a.clone()));
        }
    }
    let mut merge = BTreeMap::new();
    for (key, (target, line, _)) in &step {
        let mut target = target.clone();
        let mut via: Vec<String> = Vec::new();
        let mut path = vec![(key.clone(), *line)];
        while let Some((next, next_line, _)) = step.get(&normalize(&target)) {
            let here = normalize(&target);
            if path.iter().any(|(k, _)| *k == here) {
                return Err(cycle_error(&step, &path, &here));
            }
            path.push((here, *next_line));
            via.push(std::mem::replace(&mut target, next.clone()));
        }
        merge.insert(key.clone(), target);
        origin.aliases.insert(key.clone(), (*line, via));
    }
    Ok((merge, origin))
}

fn line_name(line: Option<usize>) -> String {
    line.map_or_else(|| "line unknown".to_string(), |l| format!("line {l}"))
}

/// The error for merges that go round: each step with its line, from the
/// name where the circle closes.
fn cycle_error(
    step: &BTreeMap<String, (String, Option<usize>, String)>,
    path: &[(String, Option<usize>)],
    closes: &str,
) -> ParseError {
    let start = path.iter().position(|(k, _)| k == closes).unwrap_or(0);
    let circle = path.get(start..).unwrap_or(path);
    let mut parts = Vec::new();
    let mut first_line = None;
    for (k, _) in circle {
        if let Some((target, line, written)) = step.get(k) {
            first_line = first_line.or(*line);
            parts.push(format!(
                "{written:?} into {target:?} ({})",
                line_name(*line)
            ));
        }
    }
    (
        first_line.unwrap_or(1),
        1,
        format!(
            "merges go round in a circle: {}; which name the entity would take is arbitrary: \
             remove one of them",
            parts.join(", ")
        ),
    )
}

impl AliasTable {
    /// Reads an alias file: JSON when it ends in `.json` or starts with
    /// `{`, TOML otherwise. Errors carry the path, line and column.
    pub fn load(path: &Path) -> Result<AliasTable, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            || text.trim_start().starts_with('{');
        let mut table =
            AliasTable::parse(&text, json).map_err(|(line, column, message)| Error::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message,
            })?;
        table.origin.file = Some(path.to_path_buf());
        Ok(table)
    }

    /// Parses alias-file text; errors are (line, column, message).
    pub fn parse(text: &str, json: bool) -> Result<AliasTable, ParseError> {
        let raw: RawFile = if json {
            serde_json::from_str(text).map_err(|e| {
                // The position is reported as line and column already.
                let msg = e.to_string();
                let msg = match msg.rfind(" at line ") {
                    Some(i) => msg[..i].to_string(),
                    None => msg,
                };
                (e.line(), e.column(), msg)
            })?
        } else {
            toml::from_str(text).map_err(|e| {
                let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
                (line, col, e.message().to_string())
            })?
        };
        let mut t = AliasTable::default();
        let (merge, origin) = merges(text, json, &raw.merge)?;
        t.merge = merge;
        t.origin = origin;
        for (name, label) in raw.rename {
            t.rename.insert(normalize(&name), label);
        }
        t.drop = raw.drop.iter().map(|d| normalize(d)).collect();
        for (name, kind) in raw.kind {
            let Some(k) = Kind::parse(&kind).filter(|k| *k != Kind::Event) else {
                // Point at the bad value as written (best effort: its first
                // occurrence as a quoted string).
                let at = text.find(&format!("\"{kind}\"")).unwrap_or(0);
                let (line, col) = line_col(text, at);
                return Err((
                    line,
                    col,
                    format!("unknown kind {kind:?} for {name:?} (expected person, group or place)"),
                ));
            };
            t.kinds.insert(normalize(&name), k);
        }
        t.warn_forced_kinds();
        Ok(t)
    }

    /// A merge or chain that joins names forced to different kinds: the
    /// entity takes the target's kind, the others' are not used.
    fn warn_forced_kinds(&mut self) {
        let mut found = Vec::new();
        for (alias, target) in &self.merge {
            let Some((line, via)) = self.origin.aliases.get(alias) else {
                continue;
            };
            let target_key = normalize(target);
            let kinds: BTreeSet<(Kind, &str)> = std::iter::once(alias.as_str())
                .chain(via.iter().map(String::as_str))
                .chain(std::iter::once(target_key.as_str()))
                .filter_map(|k| self.kinds.get(k).map(|&kind| (kind, k)))
                .collect();
            let distinct: BTreeSet<Kind> = kinds.iter().map(|(k, _)| *k).collect();
            if distinct.len() < 2 {
                continue;
            }
            let list: Vec<String> = kinds.iter().map(|(k, n)| format!("{n:?} {k}")).collect();
            let through = if via.is_empty() {
                String::new()
            } else {
                format!(" through {}", quoted(via))
            };
            found.push((
                *line,
                format!(
                    "merge of {alias:?} into {target:?}{through} joins names forced to \
                     different kinds ({}): the entity is a {}",
                    list.join(", "),
                    self.kinds
                        .get(&target_key)
                        .map_or("kind the text gives".to_string(), |k| k.to_string())
                ),
            ));
        }
        self.origin.warnings.extend(found);
    }

    /// The canonical name a name merges into, if the user said so.
    pub fn merged(&self, key: &str) -> Option<&str> {
        self.merge.get(key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"
drop = ["Weather Desk"]

[merge]
"Nile Front" = ["NF", "the Front"]

[rename]
"Ana Ruiz" = "Ana María Ruiz"

[kind]
"Condor" = "group"
"#;

    #[test]
    fn toml_and_json_read_the_same_table() {
        let a = AliasTable::parse(TOML, false).unwrap_or_default();
        let json = r#"{"drop": ["Weather Desk"], "merge": {"Nile Front": ["NF", "the Front"]},
            "rename": {"Ana Ruiz": "Ana María Ruiz"}, "kind": {"Condor": "group"}}"#;
        let b = AliasTable::parse(json, true).unwrap_or_default();
        // Everything but where each entry is written.
        assert_eq!(
            (&a.merge, &a.rename, &a.drop, &a.kinds),
            (&b.merge, &b.rename, &b.drop, &b.kinds)
        );
        assert_eq!(a.origin.targets.get("nile front"), Some(&Some(5)));
        assert_eq!(b.origin.targets.get("nile front"), Some(&Some(1)));
        assert_eq!(a.origin.aliases.get("nf"), Some(&(Some(5), Vec::new())));
        assert_eq!(a.merged("nf"), Some("Nile Front"));
        assert_eq!(a.merged("front"), Some("Nile Front"));
        assert!(a.drop.contains("weather desk"));
        assert_eq!(a.kinds.get("condor"), Some(&Kind::Group));
        assert_eq!(
            a.rename.get("ana ruiz").map(String::as_str),
            Some("Ana María Ruiz")
        );
    }

    #[test]
    fn errors_give_line_and_column() {
        let bad = "drop = [\"a\"]\n[merge]\n\"X\" = 3\n";
        let (line, col, msg) = AliasTable::parse(bad, false).err().unwrap_or_default();
        assert_eq!((line, col), (3, 7), "{msg}");
        let (line, _, msg) = AliasTable::parse("{\n \"drop\": [1]\n}", true)
            .err()
            .unwrap_or_default();
        assert_eq!(line, 2);
        assert!(!msg.contains("at line"), "{msg}");
        let (line, col, msg) = AliasTable::parse("[kind]\n\"Y\" = \"planet\"\n", false)
            .err()
            .unwrap_or_default();
        assert_eq!((line, col), (2, 7));
        assert!(msg.contains("planet"), "{msg}");
        let (_, _, msg) = AliasTable::parse("colour = 1\n", false)
            .err()
            .unwrap_or_default();
        assert!(msg.contains("colour"), "{msg}");
    }

    fn error(text: &str, json: bool) -> (usize, usize, String) {
        AliasTable::parse(text, json).err().unwrap_or_default()
    }

    #[test]
    fn merges_that_go_round_are_an_error_naming_each_step() {
        let toml = "[merge]\n\"Lena Holt\" = [\"Graz\"]\n\"Graz\" = [\"Lena Holt\", \"Linz\"]\n";
        let (line, _, msg) = error(toml, false);
        // Reported from the name first in order, "Graz", listed on line 2.
        assert_eq!(line, 2, "{msg}");
        assert!(msg.contains("circle"), "{msg}");
        assert!(
            msg.contains("\"Lena Holt\" into \"Graz\" (line 3)")
                && msg.contains("\"Graz\" into \"Lena Holt\" (line 2)"),
            "{msg}"
        );
        // Three steps, in JSON, and spellings that normalise alike.
        let json = "{\"merge\": {\n \"A Corp\": [\"B Corp\"],\n \"b corp\": [\"C Corp\"],\n \
                    \"C Corp\": [\"the A Corp\"]}}";
        let (_, _, msg) = error(json, true);
        assert!(
            msg.contains("circle") && msg.matches(" into ").count() == 3,
            "{msg}"
        );
        // A name listed under itself is no merge, and no circle.
        let t = AliasTable::parse("[merge]\n\"Rio Group\" = [\"Rio Group\", \"RG\"]\n", false);
        assert_eq!(
            t.map(|t| t.merge.into_iter().collect::<Vec<_>>()),
            Ok(vec![("rg".to_string(), "Rio Group".to_string())])
        );
    }

    #[test]
    fn a_name_under_two_targets_is_an_error_naming_both() {
        let toml =
            "[merge]\n\"Port Authority\" = [\"PA\"]\n\n\"Palestinian Authority\" = [\"P.A.\"]\n";
        let (line, _, msg) = error(toml, false);
        assert_eq!(line, 2, "{msg}");
        assert!(
            msg.contains("two names to merge into")
                && msg.contains("\"Palestinian Authority\" (line 4)")
                && msg.contains("\"Port Authority\" (line 2)"),
            "{msg}"
        );
        // Listed twice under one target (in two spellings of it): fine.
        let ok = "[merge]\n\"Port Authority\" = [\"PA\", \"PA\"]\n\"port authority\" = [\"PA\"]\n";
        assert!(AliasTable::parse(ok, false).is_ok());
    }

    #[test]
    fn chains_are_followed_to_their_end() -> Result<(), (usize, usize, String)> {
        let toml = "[merge]\n\"Kiro Tanaka\" = [\"K. Tanaka\"]\n\"K. Tanaka\" = [\"Tanaka-san\"]\n";
        let t = AliasTable::parse(toml, false)?;
        assert_eq!(t.merged("tanaka san"), Some("Kiro Tanaka"));
        assert_eq!(t.merged("k tanaka"), Some("Kiro Tanaka"));
        assert_eq!(
            t.origin.aliases.get("tanaka san"),
            Some(&(Some(3), vec!["K. Tanaka".to_string()]))
        );
        assert!(t.origin.warnings.is_empty(), "{:?}", t.origin.warnings);
        Ok(())
    }

    #[test]
    fn forced_kinds_that_a_merge_or_chain_joins_are_warned() -> Result<(), (usize, usize, String)> {
        let toml = "[merge]\n\"Vela\" = [\"Vela Port\"]\n\"Vela Port\" = [\"Old Harbour\"]\n\
                    [kind]\n\"Vela\" = \"person\"\n\"Old Harbour\" = \"place\"\n";
        let mut t = AliasTable::parse(toml, false)?;
        t.origin.file = Some("fix.toml".into());
        let lines = t.origin.warning_lines();
        assert_eq!(lines.len(), 1, "{lines:?}");
        let w = &lines[0];
        assert!(
            w.starts_with("fix.toml:3: warning: merge of \"old harbour\""),
            "{w}"
        );
        assert!(
            w.contains("through \"Vela Port\"")
                && w.contains("\"vela\" person")
                && w.contains("\"old harbour\" place")
                && w.ends_with("the entity is a person"),
            "{w}"
        );
        // Same kinds: nothing to say.
        let same = "[merge]\n\"Vela\" = [\"Vela Port\"]\n[kind]\n\"Vela\" = \"place\"\n\
                    \"Vela Port\" = \"place\"\n";
        assert!(AliasTable::parse(same, false)?.origin.warnings.is_empty());
        Ok(())
    }
}
