//! The `build` command as a library function: list and stream the inputs
//! through the pipeline on a thread pool, report each problem on one line
//! (above a progress bar when stderr is a terminal), and write every
//! format atomically ([`crate::output`]). `main` only parses arguments and
//! maps the [`Outcome`] to an exit status.

use crate::error::Error;
use crate::export::{self, ExportOptions, Format};
use crate::graph::KnowledgeGraph;
use crate::load::{self, Event, Input, LoadOptions, Notice};
use crate::model::Kind;
use crate::output::lock;
use crate::pipeline::Pipeline;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Everything `build` needs besides the pipeline.
#[derive(Debug, Clone)]
pub struct BuildConfig {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub formats: Vec<Format>,
    pub export: ExportOptions,
    pub load: LoadOptions,
    /// Worker threads; `None` for one per core.
    pub threads: Option<usize>,
    /// No summary line.
    pub quiet: bool,
    /// Write the graph files with direct I/O (bypassing the page cache)
    /// from a thread of their own; see [`crate::output`].
    pub direct_io: bool,
    /// Wait for another run that holds the output folder (`false`:
    /// `build --no-wait`, fail with [`Error::Busy`] instead).
    pub wait: bool,
    /// Told when the build enters each [`Phase`].
    pub on_phase: Option<fn(Phase)>,
}

/// The parts of a build that hold memory differently, for a caller that
/// tunes the process by phase: the binary makes its allocator give freed
/// memory back sooner once the merge begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Phase {
    /// Every document is read and folded; the cross-document merge starts.
    /// Its steps each free what the one before held and take as much again.
    Merge,
    /// The graph is built; the files are being written.
    Write,
}

/// How a run ended, for the exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every input was used in full (exit 0).
    Complete,
    /// Some inputs (or parts of them) were skipped (exit 1).
    Partial,
}

/// Counts for the summary line and benchmarks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub documents: u64,
    pub tokens: u64,
    pub bytes: u64,
    pub nodes: usize,
    pub edges: usize,
    pub skipped: u64,
}

/// Prints notices one per line on stderr, above the progress bar if any.
pub struct Reporter {
    bar: Option<ProgressBar>,
    skipped: AtomicU64,
    any_skipped: AtomicBool,
}

impl Reporter {
    /// A progress bar is drawn only when stderr is a terminal and `quiet`
    /// is off; piped or redirected stderr gets the notices alone.
    pub fn new(total_bytes: u64, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total_bytes),
                ProgressDrawTarget::stderr_with_hz(4),
            );
            let style = ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {binary_bytes}/{binary_total_bytes} \
                 {binary_bytes_per_sec} ETA {eta} {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        Reporter {
            bar,
            skipped: AtomicU64::new(0),
            any_skipped: AtomicBool::new(false),
        }
    }

    pub fn notice(&self, n: &Notice) {
        if n.skipped {
            self.skipped.fetch_add(1, Ordering::Relaxed);
            self.any_skipped.store(true, Ordering::Relaxed);
        }
        self.line(&n.error.to_string());
    }

    pub(crate) fn line(&self, msg: &str) {
        let print = || {
            let _ = writeln!(std::io::stderr().lock(), "newsgraph: {msg}");
        };
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }

    /// Inputs (or parts of them) skipped so far.
    pub(crate) fn skipped(&self) -> u64 {
        self.skipped.load(Ordering::Relaxed)
    }

    /// Complete unless an input was skipped.
    pub(crate) fn outcome(&self) -> Outcome {
        if self.any_skipped.load(Ordering::Relaxed) {
            Outcome::Partial
        } else {
            Outcome::Complete
        }
    }

    pub(crate) fn progress(&self, bytes: u64, documents: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            if documents % 64 == 1 {
                bar.set_message(plural(documents, "document", "documents"));
            }
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Builds the graph from `config.inputs` and writes it to `config.out`.
/// Errors mean nothing could be done (exit 2): no input exists or none
/// could be read, or the output folder cannot be created or written.
pub fn build(config: &BuildConfig, pipeline: &Pipeline) -> Result<(Outcome, Stats), Error> {
    build_keeping_graph(config, pipeline).map(|(outcome, stats, _graph)| (outcome, stats))
}

/// [`build`], returning the graph it wrote as well, for a caller that
/// wants to read it or to decide when (and whether) it is freed.
pub fn build_keeping_graph(
    config: &BuildConfig,
    pipeline: &Pipeline,
) -> Result<(Outcome, Stats, KnowledgeGraph), Error> {
    // Fail on an unusable output folder before doing any work.
    crate::output::prepare_dir(&config.out)?;
    let _lock = take_folder(config)?;
    let listing = load::list_inputs(&config.inputs, &config.load);
    let reporter = Reporter::new(listing.total_bytes, config.quiet);
    for n in &listing.notices {
        reporter.notice(n);
    }
    if listing.is_empty() {
        return Err(no_documents(&config.inputs, &config.load));
    }
    crate::util::trace::phase("start");
    let documents = AtomicU64::new(0);
    let tokens = AtomicU64::new(0);
    let bytes = AtomicU64::new(0);
    let loader = load::Loader::new(listing.inputs, config.load.clone());
    let graph = load::ahead::read_ahead(loader, load::ahead::READ_AHEAD_BYTES, |events| {
        // Notices are printed as the loader meets them, inside the
        // (sequential) iterator that feeds the workers, so they come in
        // input order.
        let docs = events.filter_map(|ev| match ev {
            Event::Document(d) => Some(d),
            Event::Notice(n) => {
                reporter.notice(&n);
                None
            }
        });
        let run = || {
            let folded = pipeline.fold_stream(docs, |len, r| {
                let n = documents.fetch_add(1, Ordering::Relaxed) + 1;
                tokens.fetch_add(r.tokens as u64, Ordering::Relaxed);
                bytes.fetch_add(len as u64, Ordering::Relaxed);
                reporter.progress(len as u64, n);
            });
            enter(config, Phase::Merge);
            folded.finish()
        };
        match config.threads {
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .map_err(|source| Error::Threads { threads: n, source })
                .map(|pool| pool.install(run)),
            None => Ok(run()),
        }
    })?;
    reporter.finish();
    let stats = Stats {
        documents: documents.into_inner(),
        tokens: tokens.into_inner(),
        bytes: bytes.into_inner(),
        nodes: graph.node_count(),
        edges: graph.edge_count(),
        skipped: reporter.skipped.load(Ordering::Relaxed),
    };
    if stats.documents == 0 {
        return Err(no_documents(&config.inputs, &config.load));
    }
    if graph.labels_capped > 0 {
        reporter.line(&format!(
            "{} longer than {} bytes cut",
            plural(graph.labels_capped as u64, "node label", "node labels"),
            crate::model::LABEL_CAP,
        ));
    }
    for w in &graph.alias_warnings {
        reporter.line(w);
    }
    enter(config, Phase::Write);
    write_outputs(config, &graph)?;
    crate::util::trace::phase("written");
    if !config.quiet {
        reporter.line(&summary(&graph, &stats));
    }
    let outcome = if reporter.any_skipped.load(Ordering::Relaxed) {
        Outcome::Partial
    } else {
        Outcome::Complete
    };
    Ok((outcome, stats, graph))
}

/// Takes the output folder's lock for the whole run (waiting, or failing
/// with `--no-wait`, while another run holds it), then removes the
/// temporary files that killed runs left in it; each wait and removal is
/// one line on stderr, even with `--quiet` (they are about files the user
/// may see come and go).
fn take_folder(config: &BuildConfig) -> Result<lock::FolderLock, Error> {
    let say = |msg: String| {
        let _ = writeln!(std::io::stderr().lock(), "newsgraph: {msg}");
    };
    let dir = config.out.display();
    let held = lock::lock_folder(&config.out, config.wait, &mut |note| match note {
        lock::LockNote::Waiting(pid) => say(format!(
            "{dir}: another newsgraph run{} is writing into this folder; waiting for it \
             to end (--no-wait fails instead)",
            pid.map(|p| format!(" (process {p})")).unwrap_or_default()
        )),
        lock::LockNote::Unlocked(e) => say(format!(
            "{dir}: cannot lock the output folder ({e}); going on unlocked: \
             a run into it at the same time could mix the files"
        )),
    })?;
    let folders = [config.out.clone(), config.out.join(export::csv::FOLDER)];
    for path in lock::remove_stale_temps(&folders) {
        say(format!(
            "{}: removed, a temporary file left by a run that was stopped",
            path.display()
        ));
    }
    Ok(held)
}

/// Writes every requested format, all or nothing; then removes the CSV
/// files an earlier run wrote that this one does not.
pub fn write_outputs(config: &BuildConfig, graph: &KnowledgeGraph) -> Result<(), Error> {
    // Longest to write first (JSON-LD, then GraphML and GEXF, then DOT: about
    // 13, 8 and 3 CPU-seconds per GB of text), so that it gets a core of its
    // own; the CSV files, many and short, last.
    let mut formats = config.formats.clone();
    formats.sort_by_key(|f| match f {
        Format::JsonLd => 0,
        Format::GraphMl => 1,
        Format::Gexf => 2,
        Format::Cypher => 3,
        Format::Dot => 4,
        _ => 5,
    });
    let files: Vec<export::ExportFile> = formats
        .iter()
        .flat_map(|&f| export::files(f, graph))
        .collect();
    let jobs: Vec<crate::output::Job<'_>> = files
        .iter()
        .map(|file| -> crate::output::Job<'_> {
            let opts = &config.export;
            (
                file.path().to_string(),
                Box::new(move |w: &mut dyn Write| file.write(graph, opts, w).map(|_| ())),
            )
        })
        .collect();
    let written = crate::output::write_all(&config.out, jobs, config.direct_io)?;
    if formats.contains(&Format::Csv) {
        let folder = config.out.join(export::csv::FOLDER);
        crate::output::remove_stale(&folder, &written, export::csv::is_own_file);
    }
    Ok(())
}

fn enter(config: &BuildConfig, phase: Phase) {
    if let Some(f) = config.on_phase {
        f(phase);
    }
}

/// The error for inputs that gave no document, one wording for every
/// command (`build`, `timeline`): names the folders given on the command
/// line in which no file to read was found. Lists the inputs again, which
/// costs nothing next to the run that found nothing.
pub fn no_documents(paths: &[PathBuf], options: &LoadOptions) -> Error {
    let found = load::list_inputs(paths, options).inputs;
    let holds_input = |dir: &PathBuf| {
        found.iter().any(|i| match i {
            Input::Text(f) | Input::Jsonl(f) => f.starts_with(dir),
            Input::Stdin | Input::StdinJsonl => false,
        })
    };
    let empty_folders = paths
        .iter()
        .filter(|p| p.is_dir() && !holds_input(p))
        .cloned()
        .collect();
    Error::NoDocuments { empty_folders }
}

/// "1 document", "2 documents".
fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn summary(graph: &KnowledgeGraph, stats: &Stats) -> String {
    let kinds = graph.kind_counts();
    let parts: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("{} {}", kinds.get(k).copied().unwrap_or(0), k))
        .collect();
    let mut s = format!(
        "{}, {}; {} ({}); {}",
        plural(stats.documents, "document", "documents"),
        plural(stats.tokens, "token", "tokens"),
        plural(stats.nodes as u64, "node", "nodes"),
        parts.join(", "),
        plural(stats.edges as u64, "edge", "edges")
    );
    if stats.skipped > 0 {
        s.push_str(&format!(
            "; {} skipped or cut",
            plural(stats.skipped, "input", "inputs")
        ));
    }
    s
}
