//! The `newsgraph` binary: parses arguments, runs the library, reports
//! problems one line per input, and maps the outcome to an exit status:
//! 0 every input used, 1 some inputs skipped, 2 nothing could be done.

mod cli;

use anyhow::{Context, bail};
use clap::Parser;
use cli::{BuildArgs, Cli, Command, InputArgs, TimelineArgs};
use newsgraph::export::{self, ExportOptions, Format};
use newsgraph::graph::KnowledgeGraph;
use newsgraph::model::Kind;
use newsgraph::pipeline::{Options, Pipeline};
use newsgraph::{load, ner};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Timeline(args) => timeline(args),
        Command::Train(args) => train(args),
        Command::Eval(args) => eval(args),
    };
    match result {
        Ok(Outcome::Complete) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(e) => {
            eprintln!("newsgraph: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

enum Outcome {
    Complete,
    Partial,
}

fn pipeline_for(input: &InputArgs, comention: bool) -> anyhow::Result<Pipeline> {
    let aliases = match &input.aliases {
        Some(path) => newsgraph::resolve::AliasTable::load(path)?,
        None => Default::default(),
    };
    let options = Options { comention, aliases };
    let finder = ner::Finder::select(input.rules, input.model.as_deref())?;
    Ok(Pipeline::new(finder, options))
}

fn train(args: cli::TrainArgs) -> anyhow::Result<Outcome> {
    let opts = ner::train::TrainOptions {
        epochs: args.epochs,
        bits: args.bits,
        stages: args.stages,
        seed: args.seed,
        members: args.members,
    };
    ner::train_command(&args.train, &args.dev, &args.out, &opts, &mut |l| {
        eprintln!("{l}")
    })?;
    Ok(Outcome::Complete)
}

fn eval(args: cli::EvalArgs) -> anyhow::Result<Outcome> {
    let score = match &args.predictions {
        Some(path) => {
            let mut result = None;
            write_atomically(path, |w| {
                let s = ner::eval_command(&args.file, args.model.as_deref(), Some(w))
                    .map_err(std::io::Error::other)?;
                result = Some(s);
                Ok(())
            })?;
            result.context("no score")?
        }
        None => ner::eval_command(&args.file, args.model.as_deref(), None)?,
    };
    println!("{score}");
    Ok(Outcome::Complete)
}

/// Loads every input, reporting each skipped one on its own line.
fn load_documents(input: &InputArgs) -> (Vec<newsgraph::model::Document>, usize) {
    let (files, skipped) = load::list_files(&input.inputs);
    let mut problems = skipped.len();
    for s in &skipped {
        eprintln!("newsgraph: {}", s.error);
    }
    let mut docs = Vec::with_capacity(files.len());
    for f in files {
        match load::read_file(&f) {
            Ok(d) => docs.push(d),
            Err(e) => {
                problems += 1;
                eprintln!("newsgraph: {e}");
            }
        }
    }
    (docs, problems)
}

fn build(args: BuildArgs) -> anyhow::Result<Outcome> {
    let mut formats = Vec::new();
    for f in &args.format {
        match Format::parse(f) {
            Some(x) if !formats.contains(&x) => formats.push(x),
            Some(_) => {}
            None => bail!("unknown format {f:?} (expected graphml, dot or jsonld)"),
        }
    }
    let pipeline = pipeline_for(&args.input, !args.no_comention)?;
    let (docs, problems) = load_documents(&args.input);
    if docs.is_empty() {
        bail!("no readable documents in the inputs");
    }
    let ndocs = docs.len();
    let graph = pipeline.run(docs);
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot create output folder", args.out.display()))?;
    let opts = ExportOptions {
        base_iri: args.base_iri.clone(),
    };
    opts.check()?;
    for f in formats {
        let path = args.out.join(format!("graph.{}", f.extension()));
        write_atomically(&path, |w| export::write(f, &graph, &opts, w).map(|_| ()))
            .with_context(|| format!("{}: cannot write", path.display()))?;
    }
    if !args.quiet {
        summary(&graph, ndocs);
    }
    Ok(if problems > 0 {
        Outcome::Partial
    } else {
        Outcome::Complete
    })
}

fn timeline(args: TimelineArgs) -> anyhow::Result<Outcome> {
    let pipeline = pipeline_for(&args.input, false)?;
    let (docs, problems) = load_documents(&args.input);
    if docs.is_empty() {
        bail!("no readable documents in the inputs");
    }
    let graph = pipeline.run(docs);
    let out = std::io::stdout().lock();
    match newsgraph::timeline::write(&graph, BufWriter::new(out)).and_then(|mut w| w.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    Ok(if problems > 0 {
        Outcome::Partial
    } else {
        Outcome::Complete
    })
}

fn summary(graph: &KnowledgeGraph, ndocs: usize) {
    let kinds = graph.kind_counts();
    let parts: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("{} {}", kinds.get(k).copied().unwrap_or(0), k))
        .collect();
    eprintln!(
        "newsgraph: {} documents; {} nodes ({}); {} edges",
        ndocs,
        graph.node_count(),
        parts.join(", "),
        graph.edge_count()
    );
}

/// Writes through a temporary file in the target folder, renamed over the
/// target only when complete, so an interrupted run never leaves a
/// truncated graph.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let file = std::fs::File::create(&tmp)?;
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(Into::into)
}
