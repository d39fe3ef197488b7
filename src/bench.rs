//! Benchmark corpus generator (the hidden `gen-corpus` subcommand): writes
//! about N megabytes of news-like documents made of the sentences of the
//! CoNLL-2003 training file in the shared data folder, detokenised and
//! shuffled into articles of 15–40 sentences, 1,000 files per subfolder.
//! Generated into a folder the caller chooses (a temporary one in the
//! benchmark), never committed.

use crate::error::Error;
use crate::util::rng::Rng;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The shared data folder: `$NEWSGRAPH_SHARED`; else `../shared` beside
/// the repository (where CI and a clone find it); else `../../shared`, for
/// a git worktree kept in a folder beside the repository
/// (`repo/../wt/NAME`). When none exists, `../shared`, so that the error
/// names the usual place.
pub fn shared_dir() -> PathBuf {
    if let Some(p) = std::env::var_os("NEWSGRAPH_SHARED") {
        return PathBuf::from(p);
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let beside = repo.join("../shared");
    if beside.is_dir() {
        return beside;
    }
    let worktree = repo.join("../../shared");
    if worktree.is_dir() {
        return worktree;
    }
    beside
}

/// Joins CoNLL tokens into running text: no space before closing
/// punctuation and clitics, none after opening brackets, straight double
/// quotes paired as opening and closing.
pub fn detokenize(tokens: &[&str]) -> String {
    let mut out = String::new();
    let mut quote_open = false;
    let mut glue_next = true;
    for &t in tokens {
        let closing = matches!(
            t,
            "." | "," | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "'s" | "'S" | "n't" | "'"
        ) || (t == "\"" && quote_open);
        if !(glue_next || closing) {
            out.push(' ');
        }
        out.push_str(t);
        glue_next = matches!(t, "(" | "[" | "{" | "$") || (t == "\"" && !quote_open);
        if t == "\"" {
            quote_open = !quote_open;
        }
    }
    out
}

/// The sentences of a CoNLL file (token in the first column, blank lines
/// between sentences), detokenised; `-DOCSTART-` lines dropped.
pub fn conll_sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut tokens: Vec<&str> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        match line.split_whitespace().next() {
            Some(t) if t != "-DOCSTART-" => tokens.push(t),
            Some(_) => {}
            None => {
                if tokens.len() > 3 {
                    out.push(detokenize(&tokens));
                }
                tokens.clear();
            }
        }
    }
    out
}

/// Writes about `mb` × 10^6 bytes of documents under `out`. Returns the
/// number of documents written.
pub fn gen_corpus(out: &Path, mb: u64, seed: u64) -> Result<u64, Error> {
    let src = shared_dir().join("corpora/conll2003/train.txt");
    let text = std::fs::read_to_string(&src).map_err(|e| Error::io(&src, e))?;
    let sentences = conll_sentences(&text);
    if sentences.is_empty() {
        return Err(Error::Input {
            path: src,
            message: "no sentences found".into(),
        });
    }
    let target = mb.saturating_mul(1_000_000);
    let mut rng = Rng::new(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut written = 0u64;
    let mut docs = 0u64;
    while written < target {
        let dir = out.join(format!("d{:05}", docs / 1000));
        if docs.is_multiple_of(1000) {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        let n = 15 + rng.below(26);
        let mut doc = String::new();
        for i in 0..n {
            let s = sentences
                .get(rng.below(sentences.len()))
                .map_or("", String::as_str);
            doc.push_str(s);
            // Title line, then paragraphs of about three sentences.
            doc.push_str(if i == 0 || i % 3 == 0 { "\n\n" } else { " " });
        }
        let path = dir.join(format!("{docs:08}.txt"));
        let mut f = std::fs::File::create(&path).map_err(|e| Error::io(&path, e))?;
        f.write_all(doc.as_bytes())
            .map_err(|e| Error::io(&path, e))?;
        written += doc.len() as u64;
        docs += 1;
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenizes_punctuation_and_quotes() {
        let toks = [
            "The", "mayor", "(", "left", ")", "said", "\"", "no", "\"", ",", "and", "Ana", "'s",
            "aide", "did", "n't", "agree", ".",
        ];
        assert_eq!(
            detokenize(&toks),
            "The mayor (left) said \"no\", and Ana's aide didn't agree."
        );
    }

    #[test]
    fn reads_conll_sentences() {
        let conll = "-DOCSTART- -X- O O\n\nRain NN O\nfell VBD O\nin IN O\nOslo NNP B-LOC\n. . O\n\nOk UH O\n";
        assert_eq!(conll_sentences(conll), ["Rain fell in Oslo."]);
    }

    #[test]
    fn generates_about_the_size_asked() -> Result<(), Box<dyn std::error::Error>> {
        if !shared_dir().join("corpora/conll2003/train.txt").is_file() {
            eprintln!("SKIP generates_about_the_size_asked: no shared corpus");
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "shared corpus missing in CI"
            );
            return Ok(());
        }
        let dir = tempfile::tempdir()?;
        let docs = gen_corpus(dir.path(), 1, 7)?;
        assert!(docs > 100, "{docs}");
        let listing = crate::load::list_inputs(&[dir.path().to_path_buf()], &Default::default());
        assert_eq!(listing.inputs.len() as u64, docs);
        assert!((1_000_000..1_010_000).contains(&listing.total_bytes));
        Ok(())
    }
}
