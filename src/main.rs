//! The `newsgraph` binary: parses arguments, calls the library, and maps
//! the outcome to an exit status: 0 every input used, 1 some inputs
//! skipped, 2 nothing could be done (see `EXIT_STATUS` in `cli.rs`).

mod cli;

/// glibc's allocator spent a quarter of a build's time on malloc, free and
/// free-list consolidation (millions of short-lived strings and vectors
/// per minute); mimalloc's thread-local free lists make that a few percent.
///
/// Built without transparent huge pages (`no_thp`): mimalloc would ask for
/// them on its arenas, and a 2 MB page counts whole in the resident set
/// as soon as one byte of it is touched.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc v3 gives freed memory back to the system a second after it is
/// freed. The merge's phases (names, event clusters, edges, event nodes,
/// writing) each free what the one before held and take as much again
/// within a second or two, so the peak held both: at 1 GB of text, 2.4 GB
/// where 10 ms (mimalloc v2's delay) gives about 2 GB. Only from the merge
/// on (the build tells us when, [`run::Phase::Merge`]): while documents
/// are read and folded, the short delay cost a tenth of the time in system
/// calls and page faults, for little memory. `MIMALLOC_PURGE_DELAY` in the
/// environment still decides.
fn tune_allocator(phase: run::Phase) {
    if phase == run::Phase::Merge {
        release_memory_sooner();
    }
}

#[allow(unsafe_code)]
fn release_memory_sooner() {
    // `mi_option_purge_delay` in the v3 header of libmimalloc-sys 0.1.49,
    // the version Cargo.toml pins (the crate names no constant for it).
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: mimalloc's options may be set at any time, from any
        // thread; it reads them as it needs them.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
    }
}

use anyhow::Context;
use clap::Parser;
use cli::{
    BuildArgs, Cli, Command, ExtractArgs, GraphFormatArgs, InputArgs, MergeArgs, TimelineArgs,
};
use newsgraph::commands::{self as run, BuildConfig, Outcome};
use newsgraph::{ExportOptions, Finder, LoadOptions, Options, Pipeline};
use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => build(args),
        Command::Extract(args) => extract(args),
        Command::Merge(args) => merge(args),
        Command::Timeline(args) => timeline(args),
        Command::Train(args) => train(args),
        Command::Eval(args) => eval(args),
        Command::GenCorpus(args) => run::gen_corpus(&args.out, args.mb, args.seed)
            .map(|_| Outcome::Complete)
            .map_err(Into::into),
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

fn pipeline_for(input: &InputArgs, comention: bool) -> anyhow::Result<Pipeline> {
    let aliases = match &input.aliases {
        Some(path) => newsgraph::AliasTable::load(path)?,
        None => Default::default(),
    };
    for w in aliases.origin.warning_lines() {
        eprintln!("newsgraph: {w}");
    }
    let options = Options {
        comention,
        aliases,
        date: input.date.clone(),
    };
    let finder = Finder::select(input.rules, input.model.as_deref())?;
    Ok(Pipeline::new(finder, options))
}

fn train(args: cli::TrainArgs) -> anyhow::Result<Outcome> {
    let opts = run::TrainOptions {
        epochs: args.epochs,
        bits: args.bits,
        stages: args.stages,
        seed: args.seed,
        members: args.members,
    };
    run::train(&args.train, &args.dev, &args.out, &opts, &mut |l| {
        eprintln!("{l}")
    })?;
    Ok(Outcome::Complete)
}

fn eval(args: cli::EvalArgs) -> anyhow::Result<Outcome> {
    let score = match &args.predictions {
        Some(path) => {
            let mut result = None;
            run::write_one(path, |w| {
                let s = run::eval(&args.file, args.model.as_deref(), Some(w))
                    .map_err(std::io::Error::other)?;
                result = Some(s);
                Ok(())
            })?;
            result.context("no score")?
        }
        None => run::eval(&args.file, args.model.as_deref(), None)?,
    };
    println!("{score}");
    Ok(Outcome::Complete)
}

fn load_options(input: &InputArgs) -> LoadOptions {
    LoadOptions {
        max_doc_bytes: input.max_doc_bytes,
        jsonl: input.jsonl,
    }
}

/// The formats asked for, each once, in the order given.
fn formats(asked: &[Vec<newsgraph::Format>]) -> Vec<newsgraph::Format> {
    let mut formats = Vec::new();
    for &f in asked.iter().flatten() {
        if !formats.contains(&f) {
            formats.push(f);
        }
    }
    formats
}

fn extract(args: ExtractArgs) -> anyhow::Result<Outcome> {
    let pipeline = pipeline_for(&args.input, !args.no_comention)?;
    let config = run::ExtractConfig {
        inputs: args.input.inputs.clone(),
        out: args.out.clone(),
        load: load_options(&args.input),
        threads: args.input.threads,
        quiet: args.quiet,
        finder: run::finder_label(args.input.rules, args.input.model.as_deref())?,
    };
    let (outcome, _stats) = run::extract(&config, &pipeline)?;
    Ok(outcome)
}

/// The formats and export options `--format` and `--base-iri` ask for.
fn graph_output(args: &GraphFormatArgs) -> anyhow::Result<(Vec<newsgraph::Format>, ExportOptions)> {
    let export = ExportOptions {
        base_iri: args.base_iri.clone(),
    };
    export.check()?;
    Ok((formats(&args.format), export))
}

fn merge(args: MergeArgs) -> anyhow::Result<Outcome> {
    let (formats, export) = graph_output(&args.graph)?;
    let config = run::MergeConfig {
        parts: args.parts,
        out: args.out,
        out_part: args.out_part,
        formats,
        export,
        quiet: args.quiet,
        direct_io: !args.buffered_io,
        on_phase: Some(tune_allocator),
    };
    run::merge(&config)?;
    Ok(Outcome::Complete)
}

fn build(args: BuildArgs) -> anyhow::Result<Outcome> {
    let (formats, export) = graph_output(&args.graph)?;
    let pipeline = pipeline_for(&args.input, !args.no_comention)?;
    let config = BuildConfig {
        inputs: args.input.inputs.clone(),
        out: args.out.clone(),
        formats,
        export,
        load: load_options(&args.input),
        threads: args.input.threads,
        quiet: args.quiet,
        // Direct I/O unless asked otherwise: at 1 GB of text, buffered
        // writes took 318 s against 275 s (docs/tuning.md).
        direct_io: !args.buffered_io,
        wait: !args.no_wait,
        on_phase: Some(tune_allocator),
    };
    let (outcome, _stats, graph) = run::build_keeping_graph(&config, &pipeline)?;
    // Not freed: the process ends next, and the system takes its memory
    // back at once. Freeing a large graph's millions of allocations one by
    // one first took about a second at 1 GB of text (a run of about
    // 180 s), for no one.
    std::mem::forget(graph);
    Ok(outcome)
}

fn timeline(args: TimelineArgs) -> anyhow::Result<Outcome> {
    let pipeline = pipeline_for(&args.input, false)?;
    let (docs, notices) = newsgraph::load_all(&args.input.inputs, &load_options(&args.input));
    for n in &notices {
        eprintln!("newsgraph: {}", n.error);
    }
    let problems = notices.iter().any(|n| n.skipped);
    if docs.is_empty() {
        return Err(run::no_documents(&args.input.inputs, &load_options(&args.input)).into());
    }
    let graph = pipeline.run(docs);
    if let Some(path) = &args.svg {
        run::write_one(path, |w| run::timeline_svg(&graph, args.all, w).map(|_| ()))?;
    }
    for w in &graph.alias_warnings {
        eprintln!("newsgraph: {w}");
    }
    let out = std::io::stdout().lock();
    match run::timeline(&graph, args.all, BufWriter::new(out)).and_then(|mut w| w.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(e.into()),
    }
    Ok(if problems {
        Outcome::Partial
    } else {
        Outcome::Complete
    })
}
