//! Command-line arguments (clap), turned into the library's configuration.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Turn a folder of news articles into a knowledge graph (GraphML, DOT, JSON-LD).",
    long_about = "Turn a folder of news articles into a knowledge graph.\n\n\
newsgraph finds the people, groups, places and events in the text, resolves their \
names into one node each, links them with typed, dated, sourced relations and writes \
the graph as GraphML (Gephi, networkx, igraph, yEd), DOT (Graphviz) and JSON-LD \
(RDF stores, graph databases)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the graph from text files and folders and write it to --out.
    Build(BuildArgs),
    /// Print the dated events of the input in order.
    Timeline(TimelineArgs),
    /// Train the named-entity tagger on CoNLL-format data.
    Train(TrainArgs),
    /// Score the tagger on a CoNLL-format file (conlleval convention).
    Eval(EvalArgs),
}

#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Files or folders to read (folders recursively, *.txt).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Named-entity model to use instead of the built-in one.
    #[arg(long, value_name = "MODEL")]
    pub model: Option<PathBuf>,
    /// Use the rule-based mention finder instead of the learned tagger.
    #[arg(long)]
    pub rules: bool,
    /// User alias file (TOML or JSON): merge, rename, drop, force a kind.
    #[arg(long, value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output folder; created if missing.
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Formats to write, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "graphml,dot,jsonld")]
    pub format: Vec<String>,
    /// Base for the IRIs minted for nodes in JSON-LD.
    #[arg(
        long,
        value_name = "IRI",
        default_value = "https://newsgraph.example/id/"
    )]
    pub base_iri: String,
    /// Leave out "named in the same sentence" edges.
    #[arg(long)]
    pub no_comention: bool,
    /// No summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub input: InputArgs,
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
