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
    /// Normalised alias → canonical name it merges into.
    pub merge: BTreeMap<String, String>,
    /// Normalised name → label to show.
    pub rename: BTreeMap<String, String>,
    /// Normalised names that make no node.
    pub drop: BTreeSet<String>,
    /// Normalised name → forced kind.
    pub kinds: BTreeMap<String, Kind>,
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

impl AliasTable {
    /// Reads an alias file: JSON when it ends in `.json` or starts with
    /// `{`, TOML otherwise. Errors carry the path, line and column.
    pub fn load(path: &Path) -> Result<AliasTable, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let json = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            || text.trim_start().starts_with('{');
        AliasTable::parse(&text, json).map_err(|(line, column, message)| Error::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        })
    }

    /// Parses alias-file text; errors are (line, column, message).
    pub fn parse(text: &str, json: bool) -> Result<AliasTable, (usize, usize, String)> {
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
        for (canonical, aliases) in raw.merge {
            for a in aliases {
                t.merge.insert(normalize(&a), canonical.clone());
            }
        }
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
        Ok(t)
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
        assert_eq!(a, b);
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
}
