//! Command-line arguments (clap), turned into the library's configuration.

use clap::{Args, Parser, Subcommand};
use newsgraph::Format;
use std::path::PathBuf;

/// Shown by `--help`; the README has the same text.
pub const EXIT_STATUS: &str = "\
Exit status:
  0  every input was read and used in full
  1  some inputs were skipped or cut (each one named on stderr)
  2  nothing could be done: no input exists or is readable, bad arguments,
     or the output folder cannot be created or written, or (with --no-wait)
     another run is writing into it (no output changed)

Limits: a document longer than --max-doc-bytes (default 10 MiB) is cut at the
last sentence end before the cap; a JSON Lines record longer than 6x that is
skipped; node labels are cut at 200 bytes. Each is reported on stderr.";

#[derive(Debug, Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Turn a folder of news articles into a knowledge graph (GraphML, DOT, JSON-LD, GEXF, \
             Cypher, CSV for graph databases).",
    long_about = "Turn a folder of news articles into a knowledge graph.\n\n\
newsgraph finds the people, groups, places and events in the text, resolves their \
names into one node each, links them with typed, dated, sourced relations and writes \
the graph as GraphML (Gephi, networkx, igraph, yEd), DOT (Graphviz), JSON-LD \
(RDF stores), GEXF (Gephi, with a timeline), openCypher statements and CSV files with \
loader scripts (Neo4j, Memgraph, Kùzu, FalkorDB, Apache AGE).",
    after_help = EXIT_STATUS
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the graph from text files and folders and write it to --out.
    #[command(after_help = EXIT_STATUS)]
    Build(BuildArgs),
    /// Read a shard of the inputs into a partial graph file (for `merge`;
    /// docs/scale.md).
    #[command(after_help = EXIT_STATUS)]
    Extract(ExtractArgs),
    /// Merge partial graphs into the graph `build` gives on all their
    /// documents (--out), or into one partial graph (--out-part).
    Merge(MergeArgs),
    /// Print the dated events of the input in order.
    Timeline(TimelineArgs),
    /// Train the named-entity tagger on CoNLL-format data.
    Train(TrainArgs),
    /// Score the tagger on a CoNLL-format file (conlleval convention).
    Eval(EvalArgs),
    /// Write a benchmark corpus of about --mb megabytes (for benchmarks).
    #[command(hide = true)]
    GenCorpus(GenCorpusArgs),
}

#[derive(Debug, Args)]
pub struct GenCorpusArgs {
    /// Size of the corpus in megabytes (10^6 bytes).
    #[arg(long, default_value_t = 10)]
    pub mb: u64,
    /// Folder to write the documents into (created).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Seed for the choice of sentences.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Help headings, in the order a newcomer needs them: where the graph
/// goes and in what form, then what is read and how, then machine tuning.
const OUTPUT: &str = "Output";
const INPUT: &str = "Input";
const TUNING: &str = "Tuning";

#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or folders to read (folders recursively: *.txt, and *.jsonl as
    /// records). `-` reads stdin, all of it as one document (with --jsonl,
    /// one document per record).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Read every input (and stdin) as JSON Lines records
    /// {"text", "id", "date", "url", "title"}; *.jsonl files always are.
    #[arg(long, help_heading = INPUT)]
    pub jsonl: bool,
    /// Publication date (YYYY-MM-DD) of documents that carry none (JSON
    /// Lines `date`) and state none in their text; "on Monday" and "last
    /// week" are resolved against it. Without it such documents' relative
    /// dates stay unresolved.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, help_heading = INPUT)]
    pub date: Option<String>,
    /// User alias file (TOML or JSON): merge, rename, drop, force a kind.
    #[arg(long, value_name = "FILE", help_heading = INPUT)]
    pub aliases: Option<PathBuf>,
    /// Use the rule-based mention finder instead of the learned tagger.
    #[arg(long, help_heading = INPUT)]
    pub rules: bool,
    /// Named-entity model to use instead of the built-in one.
    #[arg(long, value_name = "MODEL", help_heading = INPUT)]
    pub model: Option<PathBuf>,
    /// Cut documents longer than this many bytes (at a sentence end).
    #[arg(
        long,
        value_name = "BYTES",
        default_value_t = newsgraph::commands::DEFAULT_MAX_DOC_BYTES,
        help_heading = INPUT
    )]
    pub max_doc_bytes: usize,
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long, value_name = "N", help_heading = TUNING)]
    pub threads: Option<usize>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder; created if missing.
    #[arg(long, short, value_name = "DIR", help_heading = OUTPUT)]
    pub out: PathBuf,
    #[command(flatten)]
    pub graph: GraphFormatArgs,
    /// Leave out "named in the same sentence" edges.
    #[arg(long, help_heading = OUTPUT)]
    pub no_comention: bool,
    /// No summary and no progress bar on stderr (problems are still reported).
    #[arg(long, short, help_heading = OUTPUT)]
    pub quiet: bool,
    /// Fail at once (exit status 2) when another run is writing into the
    /// same --out folder, instead of waiting for it to end.
    #[arg(long, help_heading = OUTPUT)]
    pub no_wait: bool,
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the graph files through the page cache (plain buffered
    /// writes) instead of direct I/O (Linux O_DIRECT, the default where the
    /// filesystem allows it). Same bytes either way (docs/tuning.md).
    #[arg(long, help_heading = TUNING)]
    pub buffered_io: bool,
}

/// What graph files to write and how to name their nodes: shared by
/// `build` and `merge`.
#[derive(Debug, Args)]
pub struct GraphFormatArgs {
    /// Formats to write, comma-separated: graphml, dot (or gv), jsonld (or
    /// json-ld), gexf, cypher (or cypherl: graph.cypherl), csv (the csv/
    /// folder, with loader scripts), html (or htm: graph.html, a page to
    /// look at the graph in a browser), or all; any case.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "graphml,dot,jsonld",
        value_parser = parse_format,
        help_heading = OUTPUT
    )]
    pub format: Vec<Vec<Format>>,
    /// Base for the IRIs minted for nodes (JSON-LD; the `iri` property in
    /// the other formats).
    #[arg(
        long,
        value_name = "IRI",
        default_value = "https://newsgraph.example/id/",
        help_heading = OUTPUT
    )]
    pub base_iri: String,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The partial graph file to write (replaced when complete).
    #[arg(long, short, value_name = "PART", help_heading = OUTPUT)]
    pub out: PathBuf,
    /// Leave out "named in the same sentence" edges.
    #[arg(long, help_heading = OUTPUT)]
    pub no_comention: bool,
    /// No summary and no progress bar on stderr (problems are still reported).
    #[arg(long, short, help_heading = OUTPUT)]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("target").required(true).multiple(true).args(["out", "out_part"])))]
pub struct MergeArgs {
    /// Partial graphs written by `extract` or `merge --out-part`, in any
    /// order. Each is checked whole first; one that is truncated, corrupt,
    /// of another format version or made with other settings stops the
    /// merge before anything is written.
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,
    /// Output folder for the graph; created if missing.
    #[arg(long, short, value_name = "DIR", help_heading = OUTPUT)]
    pub out: Option<PathBuf>,
    /// Write the merged partial graph to this file (to merge again later).
    #[arg(long, value_name = "PART", help_heading = OUTPUT)]
    pub out_part: Option<PathBuf>,
    #[command(flatten)]
    pub graph: GraphFormatArgs,
    /// No summary on stderr.
    #[arg(long, short, help_heading = OUTPUT)]
    pub quiet: bool,
    /// Write the graph files through the page cache, as for `build`.
    #[arg(long, help_heading = TUNING)]
    pub buffered_io: bool,
}

/// A `--format` value as users type it: any case, with or without a
/// hyphen (`json-ld`, `JSON-LD`), `gv` (Graphviz's other extension) for
/// DOT, `cypherl` (the file's extension) for Cypher, and `all`.
pub fn parse_format(s: &str) -> Result<Vec<Format>, String> {
    let key: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .collect::<String>()
        .to_ascii_lowercase();
    let name = match key.as_str() {
        "all" => return Ok(Format::ALL.to_vec()),
        "gv" => "dot",
        "cypherl" => "cypher",
        "htm" => "html",
        other => other,
    };
    Format::parse(name).map(|f| vec![f]).ok_or_else(|| {
        format!(
            "unknown format {s:?}; accepted: graphml, dot (or gv), jsonld (or json-ld), gexf, \
             cypher (or cypherl), csv, html (or htm), all"
        )
    })
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Also list hypothetical and negated events ("could strike", "did not
    /// meet"), which are left out by default.
    #[arg(long)]
    pub all: bool,
    /// Also draw the timeline as a picture (SVG) into FILE: the dated
    /// events in order with who, where, numbers and status.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Training data (CoNLL: token first column, IOB2 tag last).
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development data, for choosing the best epoch.
    #[arg(long, value_name = "FILE")]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "MODEL")]
    pub out: PathBuf,
    /// Training epochs (the best one on --dev is kept).
    #[arg(long, default_value_t = 16)]
    pub epochs: usize,
    /// Hash width: the model has 2^BITS weight rows per stage.
    #[arg(long, default_value_t = 19, value_name = "BITS")]
    pub bits: u32,
    /// 2: a second pass that sees the first one's labels for the same words
    /// elsewhere in the document; 1: a single pass.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub stages: usize,
    /// Seed of the shuffles (the same seed and data give the same model).
    #[arg(long, default_value_t = 0x6e65_7773)]
    pub seed: u64,
    /// Perceptrons trained with different shuffles and averaged per stage.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub members: usize,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// CoNLL-format file to tag and score.
    pub file: PathBuf,
    /// Write the input lines with the predicted tag appended.
    #[arg(long, value_name = "OUT")]
    pub predictions: Option<PathBuf>,
    /// Model to evaluate (default: the built-in one).
    #[arg(long, value_name = "MODEL")]
    pub model: Option<PathBuf>,
}

/// A calendar day as ISO `YYYY-MM-DD`, checked.
fn parse_date(s: &str) -> Result<String, String> {
    use chrono::Datelike;
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| (1000..=9999).contains(&d.year()))
        .map(|d| d.to_string())
        .ok_or(())
        .map_err(|_| format!("not a date as YYYY-MM-DD: {s:?}"))
}
