//! The `extract` and `merge` commands as library functions: the build cut
//! in two at the per-document results ([`crate::part`]), so that the
//! documents can be read on many machines and the graph merged from their
//! partial graphs, hierarchically or day by day (docs/scale.md).

use crate::error::Error;
use crate::export::{ExportOptions, Format};
use crate::load::{self, Event, LoadOptions};
use crate::merge::GraphBuilder;
use crate::model::DocId;
use crate::part::{PartProblem, PartReader, PartWriter, Settings, merged};
use crate::pipeline::Pipeline;
use crate::run::{BuildConfig, Outcome, Phase, Reporter, Stats};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Everything `extract` needs besides the pipeline.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    pub inputs: Vec<PathBuf>,
    /// The partial graph file to write.
    pub out: PathBuf,
    pub load: LoadOptions,
    /// Worker threads; `None` for one per core.
    pub threads: Option<usize>,
    pub quiet: bool,
    /// The mention finder's name, from [`finder_label`].
    pub finder: String,
}

/// The mention finder's name as a part records it: parts read with
/// different finders are not merged.
pub fn finder_label(rules: bool, model: Option<&Path>) -> Result<String, Error> {
    if rules {
        return Ok("rules".into());
    }
    let version = env!("CARGO_PKG_VERSION");
    match model {
        None => Ok(format!("builtin model of newsgraph {version}")),
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
            Ok(format!("model {:016x}", crate::util::hash::fnv(&bytes)))
        }
    }
}

/// Reads the inputs, runs the per-document stages in parallel and writes
/// their results, sorted by document id, as one partial graph. Errors as
/// `build`'s: no document, an unwritable output.
pub fn extract(config: &ExtractConfig, pipeline: &Pipeline) -> Result<(Outcome, Stats), Error> {
    let listing = load::list_inputs(&config.inputs, &config.load);
    let reporter = Reporter::new(listing.total_bytes, config.quiet);
    for n in &listing.notices {
        reporter.notice(n);
    }
    if listing.is_empty() {
        return Err(crate::run::no_documents(&config.inputs, &config.load));
    }
    let loader = load::Loader::new(listing.inputs, config.load.clone());
    let done = AtomicU64::new(0);
    let records = load::ahead::read_ahead(loader, load::ahead::READ_AHEAD_BYTES, |events| {
        let docs = events.filter_map(|ev| match ev {
            Event::Document(d) => Some(d),
            Event::Notice(n) => {
                reporter.notice(&n);
                None
            }
        });
        let run = || -> Result<Vec<Extracted>, Error> {
            docs.par_bridge()
                .map(|d| {
                    let r = pipeline.process(&d);
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    reporter.progress(d.text.len() as u64, n);
                    let line = crate::part::to_line(&r).map_err(|e| Error::Input {
                        path: PathBuf::from(&d.origin),
                        message: format!("cannot encode its result: {e}"),
                    })?;
                    let packed = Packed::new(r.id, &line).map_err(|e| Error::Input {
                        path: PathBuf::from(&d.origin),
                        message: format!("cannot compress its result: {e}"),
                    })?;
                    Ok((r.tokens as u64, packed, d.text.len() as u64))
                })
                .collect()
        };
        match config.threads {
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build()
                .map_err(|source| Error::Threads { threads: n, source })
                .and_then(|pool| pool.install(run)),
            None => run(),
        }
    })?;
    reporter.finish();
    if records.is_empty() {
        return Err(crate::run::no_documents(&config.inputs, &config.load));
    }
    let stats = Stats {
        documents: records.len() as u64,
        tokens: records.iter().map(|r| r.0).sum(),
        bytes: records.iter().map(|r| r.2).sum(),
        skipped: reporter.skipped(),
        ..Stats::default()
    };
    let mut lines: Vec<Packed> = records.into_iter().map(|r| r.1).collect();
    lines.sort_unstable_by_key(|p| p.id);
    let settings = settings_of(pipeline, &config.finder);
    crate::output::write_one(&config.out, |w| {
        let mut part = PartWriter::new(w, &settings)?;
        // One record per document: where copies differ (in their
        // metadata), the smallest line, as `merge` chooses between parts.
        for same in lines.chunk_by(|a, b| a.id == b.id) {
            let mut best: Option<Vec<u8>> = None;
            for p in same {
                let line = p.unpack()?;
                if best.as_ref().is_none_or(|b| line < *b) {
                    best = Some(line);
                }
            }
            if let (Some(line), Some(p)) = (best, same.first()) {
                part.record(p.id, &line)?;
            }
        }
        part.finish().map(|_| ())
    })?;
    if !config.quiet {
        reporter.line(&format!(
            "{} documents, {} tokens; partial graph {}",
            stats.documents,
            stats.tokens,
            config.out.display()
        ));
    }
    Ok((reporter.outcome(), stats))
}

/// One document's tokens, record and bytes of text.
type Extracted = (u64, Packed, u64);

/// A record line held until every document is read, compressed on its own
/// (zstd's fastest level): the lines are about four bytes per byte of
/// text, and a shard's worth of them was most of an extract's memory.
struct Packed {
    id: DocId,
    len: usize,
    bytes: Vec<u8>,
}

impl Packed {
    fn new(id: DocId, line: &[u8]) -> std::io::Result<Packed> {
        Ok(Packed {
            id,
            len: line.len(),
            bytes: zstd::bulk::compress(line, 1)?,
        })
    }

    fn unpack(&self) -> std::io::Result<Vec<u8>> {
        zstd::bulk::decompress(&self.bytes, self.len)
    }
}

fn settings_of(pipeline: &Pipeline, finder: &str) -> Settings {
    Settings {
        finder: finder.to_string(),
        comention: pipeline.options.comention,
        date: pipeline.options.date.clone(),
        aliases: (&pipeline.options.aliases).into(),
    }
}

/// Everything `merge` needs.
#[derive(Debug, Clone)]
pub struct MergeConfig {
    pub parts: Vec<PathBuf>,
    /// The folder to write the graph into, in `formats`.
    pub out: Option<PathBuf>,
    /// The merged partial graph to write.
    pub out_part: Option<PathBuf>,
    pub formats: Vec<Format>,
    pub export: ExportOptions,
    pub quiet: bool,
    pub direct_io: bool,
    pub on_phase: Option<fn(Phase)>,
}

/// Opens and checks every part (magic, version, end marker, checksum, the
/// same settings) before using any, then writes the merged partial graph
/// and the graph, as asked. The graph is the one `build` gives on the
/// documents of all the parts.
pub fn merge(config: &MergeConfig) -> Result<Stats, Error> {
    let parts: Vec<PartReader> = config
        .parts
        .iter()
        .map(|p| PartReader::open(p))
        .collect::<Result<_, _>>()?;
    let Some(first) = parts.first() else {
        return Err(Error::NoDocuments {
            empty_folders: Vec::new(),
        });
    };
    for p in &parts[1..] {
        // Another release may read the same text otherwise.
        let release = (p.generator != first.generator)
            .then(|| format!("made by {} against {}", p.generator, first.generator));
        if let Some(what) = release.or_else(|| p.settings.difference(&first.settings)) {
            return Err(Error::Part {
                path: p.path.clone(),
                problem: PartProblem::Settings {
                    other: first.path.clone(),
                    what,
                },
            });
        }
    }
    let settings = first.settings.clone();
    if let Some(out) = &config.out {
        // Fail on an unusable output folder before doing any work.
        crate::output::prepare_dir(out)?;
    }
    let mut stats = Stats::default();
    if let Some(path) = &config.out_part {
        stats.documents = write_merged_part(&parts, &settings, path)?;
    }
    if let Some(out) = &config.out {
        let mut builder = GraphBuilder::new(&settings.alias_table());
        let mut documents = 0;
        for record in merged(&parts, true)? {
            let record = record?;
            if let Some(r) = record.result {
                stats.tokens += r.tokens as u64;
                documents += 1;
                builder.add(r);
            }
        }
        stats.documents = documents;
        enter(config.on_phase, Phase::Merge);
        let graph = builder.finish();
        stats.nodes = graph.node_count();
        stats.edges = graph.edge_count();
        let build = BuildConfig {
            inputs: Vec::new(),
            out: out.clone(),
            formats: config.formats.clone(),
            export: config.export.clone(),
            load: LoadOptions::default(),
            threads: None,
            quiet: config.quiet,
            direct_io: config.direct_io,
            // Like build: wait for a run that holds the folder.
            wait: true,
            on_phase: None,
        };
        enter(config.on_phase, Phase::Write);
        crate::run::write_outputs(&build, &graph)?;
        if !config.quiet {
            let _ = writeln!(
                std::io::stderr().lock(),
                "newsgraph: {}",
                crate::run::summary(&graph, &stats)
            );
        }
        // The process ends next in the binary; a library caller frees it.
        drop(graph);
    }
    Ok(stats)
}

fn enter(on_phase: Option<fn(Phase)>, phase: Phase) {
    if let Some(f) = on_phase {
        f(phase);
    }
}

/// Streams the merged records of `parts` into a new part at `path`
/// (through a temporary file, renamed when complete); the documents.
fn write_merged_part(parts: &[PartReader], settings: &Settings, path: &Path) -> Result<u64, Error> {
    let mut failed: Option<Error> = None;
    let mut documents = 0;
    let written = crate::output::write_one(path, |w| {
        let mut part = PartWriter::new(w, settings)?;
        let records = merged(parts, false).map_err(|e| stop(&mut failed, e))?;
        for record in records {
            let record = record.map_err(|e| stop(&mut failed, e))?;
            part.record(record.id, &record.line)?;
            documents += 1;
        }
        part.finish().map(|_| ())
    });
    match (written, failed) {
        (_, Some(e)) => Err(e),
        (Err(e), None) => Err(e),
        (Ok(()), None) => Ok(documents),
    }
}

/// Keeps a part's error (which names the part) for after the write, which
/// only carries I/O errors.
fn stop(failed: &mut Option<Error>, e: Error) -> std::io::Error {
    let message = e.to_string();
    *failed = Some(e);
    std::io::Error::other(message)
}
