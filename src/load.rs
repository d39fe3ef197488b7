//! Loading documents: files and folders (recursively, `*.txt`), sorted by
//! path so that runs are reproducible. Problems with one input are returned
//! as [`Skipped`] records and the rest is loaded.

use crate::error::Error;
use crate::model::Document;
use std::path::{Path, PathBuf};

/// An input that could not be used, and why.
#[derive(Debug)]
pub struct Skipped {
    pub error: Error,
}

/// Lists the text files under `inputs` (files as given, folders
/// recursively), sorted and deduplicated.
pub fn list_files(inputs: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        match std::fs::metadata(input) {
            Ok(m) if m.is_dir() => walk(input, &mut files, &mut skipped),
            Ok(_) => files.push(input.clone()),
            Err(e) => skipped.push(Skipped {
                error: Error::io(input, e),
            }),
        }
    }
    files.sort();
    files.dedup();
    (files, skipped)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            skipped.push(Skipped {
                error: Error::io(dir, e),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, files, skipped),
            Ok(_) if path.extension().is_some_and(|e| e == "txt") => files.push(path),
            Ok(_) => {}
            Err(e) => skipped.push(Skipped {
                error: Error::io(&path, e),
            }),
        }
    }
}

/// Reads one file as a document.
pub fn read_file(path: &Path) -> Result<Document, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Input {
        path: path.to_path_buf(),
        message: "not UTF-8 text; skipped".into(),
    })?;
    Ok(Document::new(path.display().to_string(), text))
}
