//! Mention finders: the stage that turns tokens into labelled spans.
//!
//! [`Finder`] is the enum the pipeline holds; each variant is one
//! implementation of [`crate::model::stage::MentionFinder`]. The default is the
//! learned [`tagger::Tagger`] with its built-in model ([`Finder::builtin`]);
//! [`rules`] needs no model ([`Finder::rules`]). The `train` and `eval` commands' logic is
//! here too ([`train_command`], [`eval_command`]).

pub mod cached;
pub mod conll;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod rules;
pub mod tagger;
pub mod train;
pub mod weights;
mod wordfeat;

use crate::error::{Error, Result};
use crate::model::stage::MentionFinder;
use crate::model::{Analyzed, Mention};
use std::io::Write;
use std::path::Path;

/// The mention finders the pipeline can use.
#[derive(Debug, Clone)]
pub enum Finder {
    /// Capitalisation and word lists; no model needed.
    Rules(rules::RuleFinder),
    /// The learned sequence tagger.
    Tagger(tagger::Tagger),
}

impl MentionFinder for Finder {
    fn find(&self, doc: &Analyzed<'_>) -> Vec<Mention> {
        match self {
            Finder::Rules(f) => f.find(doc),
            Finder::Tagger(t) => t.find(doc),
        }
    }
}

impl Finder {
    /// The learned tagger with the built-in model.
    pub fn builtin() -> Result<Finder> {
        Ok(Finder::Tagger(tagger::Tagger::builtin()?))
    }

    /// The rule-based finder, which needs no model.
    pub fn rules() -> Finder {
        Finder::Rules(rules::RuleFinder)
    }

    /// The finder the command line asks for: `rules`, else the model at
    /// `model`, else the built-in model.
    pub fn select(rules: bool, model: Option<&Path>) -> Result<Finder> {
        if rules {
            return Ok(Finder::Rules(rules::RuleFinder));
        }
        Ok(Finder::Tagger(match model {
            Some(p) => tagger::Tagger::load(p)?,
            None => tagger::Tagger::builtin()?,
        }))
    }
}

/// `newsgraph train`: trains on `train`, picks epochs on `dev`, writes the
/// model to `out` (through a temporary file, renamed when complete).
/// Progress lines go to `log`.
pub fn train_command(
    train: &Path,
    dev: &Path,
    out: &Path,
    opts: &train::TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Result<weights::Model> {
    let tr = conll::ConllFile::read(train)?;
    let dv = conll::ConllFile::read(dev)?;
    let t0 = std::time::Instant::now();
    let mut model = train::train(&tr, &dv, opts, log)?;
    let name = |p: &Path| {
        p.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    model.note.push_str(&format!(
        "; trained on {} with dev {}, {} epochs max, seed {:#x}",
        name(train),
        name(dev),
        opts.epochs,
        opts.seed
    ));
    let bytes = model.to_bytes();
    let tmp = out.with_extension("model.tmp");
    std::fs::write(&tmp, &bytes).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, out).map_err(|e| Error::io(out, e))?;
    log(&format!(
        "wrote {} ({} bytes) in {:.1}s",
        out.display(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    ));
    Ok(model)
}

/// `newsgraph eval`: tags the tokens of a CoNLL file exactly as given
/// (same tokens, same sentence breaks), scores them against its last
/// column, and optionally writes the lines with the predicted tag appended.
pub fn eval_command(
    file: &Path,
    model: Option<&Path>,
    predictions: Option<&mut dyn Write>,
) -> Result<eval::Score> {
    let tagger = match model {
        Some(p) => tagger::Tagger::load(p)?,
        None => tagger::Tagger::builtin()?,
    };
    let f = conll::ConllFile::read(file)?;
    let mut predicted: Vec<Vec<&str>> = vec![Vec::new(); f.sentences.len()];
    for r in &f.documents {
        let sents = f.sentences.get(r.clone()).unwrap_or(&[]);
        let words: Vec<&Vec<String>> = sents.iter().map(|s| &s.tokens).collect();
        let words: Vec<Vec<&str>> = words
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect();
        for (k, tags) in tagger.tag_strings(&words).into_iter().enumerate() {
            if let Some(slot) = predicted.get_mut(r.start + k) {
                *slot = tags;
            }
        }
    }
    let mut score = eval::Score::default();
    for (s, p) in f.sentences.iter().zip(&predicted) {
        score.add(&s.gold, p);
    }
    if let Some(w) = predictions {
        f.write_predictions(&predicted, w)
            .map_err(|e| Error::io(file, e))?;
    }
    Ok(score)
}
