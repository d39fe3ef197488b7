//! Typed errors of the library, each carrying the path, line or span it is
//! about. Only `main` turns them into messages and exit codes.

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    /// A tagger model that cannot be used; `path` is `None` for the model
    /// built into the binary.
    #[error("{}: {problem}", model_name(.path.as_deref()))]
    Model {
        path: Option<PathBuf>,
        problem: ModelProblem,
    },
    /// The inputs gave no document to work on. Folders given on the
    /// command line that hold no file to read are named: the usual mistake.
    #[error("{}", no_documents_message(.empty_folders))]
    NoDocuments { empty_folders: Vec<PathBuf> },
    /// Another run holds the output folder and this one was told not to
    /// wait (`build --no-wait`); `holder` is its process id when known.
    #[error(
        "{}: another newsgraph run is writing into this folder{}; nothing done \
         (run again when it ends, or without --no-wait to wait for it)",
        .dir.display(),
        .holder.map(|p| format!(" (process {p})")).unwrap_or_default()
    )]
    Busy { dir: PathBuf, holder: Option<u32> },
    /// The worker thread pool could not be started.
    #[error("cannot start {threads} threads: {source}")]
    Threads {
        threads: usize,
        #[source]
        source: rayon::ThreadPoolBuildError,
    },
    /// A file given as a partial graph (`merge`) that cannot be used.
    #[error("{path}: {problem}")]
    Part { path: PathBuf, problem: PartProblem },
    /// Training options out of range.
    #[error(
        "epochs must be ≥ 1, stages 1 or 2, bits 8..=26 \
         (got {epochs} epochs, {stages} stages, {bits} bits)"
    )]
    TrainOptions {
        epochs: usize,
        stages: usize,
        bits: u32,
    },
}

/// What is wrong with the bytes of a tagger model.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelProblem {
    #[error("not a newsgraph tagger model")]
    NotAModel,
    #[error("model made for feature version {found}, this build uses {expected}: retrain it")]
    FeatureVersion { found: u32, expected: u32 },
    #[error("bad hash width {0}")]
    HashWidth(u32),
    #[error("bad stage count {0}")]
    StageCount(u32),
    #[error("row bitmap does not match its count")]
    RowBitmap,
    #[error("trailing bytes after the model")]
    TrailingBytes,
    #[error("model file is truncated")]
    Truncated,
}

/// Why a file cannot be used as a partial graph (docs/scale.md).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartProblem {
    #[error("not a newsgraph partial graph (no magic number)")]
    NotAPart,
    #[error(
        "partial graph of format version {found}, this newsgraph reads version {supported}: \
         extract it again with this version"
    )]
    Version { found: u32, supported: u32 },
    #[error("truncated (no end marker): the file is incomplete or was cut")]
    Truncated,
    #[error("checksum mismatch: the file is corrupt")]
    Checksum,
    #[error("corrupt: {0}")]
    Corrupt(String),
    /// Parts made with other settings (alias file, finder, options) would
    /// merge into a graph no build gives.
    #[error("made with other settings than {}: {what}", .other.display())]
    Settings { other: PathBuf, what: String },
}

fn model_name(path: Option<&Path>) -> String {
    path.map_or_else(|| "built-in model".into(), |p| p.display().to_string())
}

/// One wording for every command that finds nothing to read.
fn no_documents_message(empty_folders: &[PathBuf]) -> String {
    let mut s = String::from("no readable document in the inputs");
    if !empty_folders.is_empty() {
        let names: Vec<String> = empty_folders
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        s.push_str(&format!(
            " (no *.txt or *.jsonl file found in {})",
            names.join(", ")
        ));
    }
    s.push_str("; nothing written");
    s
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
