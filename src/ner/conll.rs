//! CoNLL-2003 style files: one token a line (token first, IOB2 tag last),
//! blank lines between sentences, optional `-DOCSTART-` lines between
//! documents. Reading keeps every line so that predictions can be written
//! back as the same lines with one more column.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// One sentence: its tokens, gold tags (last column) and source lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConllSentence {
    pub tokens: Vec<String>,
    pub gold: Vec<String>,
    /// Index of each token's line in [`ConllFile::lines`].
    pub lines: Vec<usize>,
}

/// A whole file: its lines as read, sentences, and documents as ranges of
/// sentence indices.
#[derive(Debug, Clone, Default)]
pub struct ConllFile {
    pub lines: Vec<String>,
    pub sentences: Vec<ConllSentence>,
    pub documents: Vec<std::ops::Range<usize>>,
}

fn is_docstart(line: &str) -> bool {
    line.split_whitespace().next() == Some("-DOCSTART-")
}

impl ConllFile {
    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text).map_err(|(line, message)| Error::Parse {
            path: path.to_path_buf(),
            line,
            column: 1,
            message,
        })
    }

    /// Parses the text of a file; an error carries the 1-based line number.
    pub fn parse(text: &str) -> std::result::Result<Self, (usize, String)> {
        let mut file = ConllFile::default();
        let mut cur = ConllSentence::default();
        // Sentence indices where an explicit -DOCSTART- begins a document.
        let mut doc_starts = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            file.lines.push(line.to_string());
            let mut cols = line.split_whitespace();
            let Some(token) = cols.next() else {
                if !cur.tokens.is_empty() {
                    file.sentences.push(std::mem::take(&mut cur));
                }
                continue;
            };
            if is_docstart(line) {
                if !cur.tokens.is_empty() {
                    file.sentences.push(std::mem::take(&mut cur));
                }
                doc_starts.push(file.sentences.len());
                continue;
            }
            let tag = cols.next_back().unwrap_or("O");
            if tag != "O" && !(tag.len() > 2 && (tag.starts_with("B-") || tag.starts_with("I-"))) {
                return Err((
                    i + 1,
                    format!("expected an IOB2 tag in the last column, got {tag:?}"),
                ));
            }
            cur.tokens.push(token.to_string());
            cur.gold.push(tag.to_string());
            cur.lines.push(i);
        }
        if !cur.tokens.is_empty() {
            file.sentences.push(cur);
        }
        file.documents = if doc_starts.is_empty() {
            split_at_datelines(&file.sentences)
        } else {
            ranges_from_starts(&doc_starts, file.sentences.len())
        };
        Ok(file)
    }

    /// Writes every line with the predicted tag of its token appended as a
    /// new last column (`-DOCSTART-` lines get `O`, blank lines stay blank).
    pub fn write_predictions(
        &self,
        predicted: &[Vec<&str>],
        w: &mut dyn Write,
    ) -> std::io::Result<()> {
        let mut tag_of_line: Vec<Option<&str>> = vec![None; self.lines.len()];
        for (s, tags) in self.sentences.iter().zip(predicted) {
            for (&l, t) in s.lines.iter().zip(tags) {
                if let Some(slot) = tag_of_line.get_mut(l) {
                    *slot = Some(t);
                }
            }
        }
        for (line, tag) in self.lines.iter().zip(tag_of_line) {
            let sep = if line.contains('\t') { "\t" } else { " " };
            match tag {
                Some(t) => writeln!(w, "{line}{sep}{t}")?,
                None if is_docstart(line) => writeln!(w, "{line}{sep}O")?,
                None => writeln!(w, "{line}")?,
            }
        }
        Ok(())
    }
}

fn ranges_from_starts(starts: &[usize], n: usize) -> Vec<std::ops::Range<usize>> {
    let mut bounds: Vec<usize> = starts.iter().copied().filter(|&s| s < n).collect();
    if bounds.first() != Some(&0) {
        bounds.insert(0, 0);
    }
    bounds.dedup();
    let mut out = Vec::new();
    for (k, &s) in bounds.iter().enumerate() {
        let e = bounds.get(k + 1).copied().unwrap_or(n);
        if s < e {
            out.push(s..e);
        }
    }
    out
}

/// A sentence's tokens back to text: joined by spaces except before
/// closing punctuation and clitics and after an opening bracket, so that
/// documents rebuilt from a CoNLL file read as the news they came from.
pub fn detokenize<S: AsRef<str>>(tokens: &[S]) -> String {
    let mut line = String::new();
    for tok in tokens {
        let tok = tok.as_ref();
        let glue = matches!(
            tok,
            "," | "." | ":" | ";" | "?" | "!" | ")" | "'s" | "n't" | "'"
        ) || line.ends_with('(')
            || line.is_empty();
        if !glue {
            line.push(' ');
        }
        line.push_str(tok);
    }
    line
}

/// A newswire dateline: place words then an ISO date ("OSLO 1997-03-14").
fn is_dateline(s: &ConllSentence) -> bool {
    let Some((last, rest)) = s.tokens.split_last() else {
        return false;
    };
    let b = last.as_bytes();
    let iso = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    iso && !rest.is_empty()
        && rest.len() <= 6
        && rest.iter().all(|t| !t.chars().any(char::is_lowercase))
}

/// Without `-DOCSTART-` lines, a document is taken to start at the headline
/// before each dateline; with no dateline at all the file is one document.
fn split_at_datelines(sentences: &[ConllSentence]) -> Vec<std::ops::Range<usize>> {
    let starts: Vec<usize> = sentences
        .iter()
        .enumerate()
        .filter(|(_, s)| is_dateline(s))
        .map(|(i, _)| i.saturating_sub(1))
        .collect();
    ranges_from_starts(&starts, sentences.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detokenize_glues_punctuation_and_clitics() {
        let toks = [
            "Ana", "(", "UN", ")", "said", "it", "is", "n't", "over", ",", "Bo", "'s", ".",
        ];
        assert_eq!(detokenize(&toks), "Ana (UN) said it isn't over, Bo's.");
    }

    #[test]
    fn reads_sentences_and_documents() {
        let text = "-DOCSTART- -X- O\n\nAnna NNP B-PER\nsang VBD O\n\n\nOslo NNP B-LOC\n-DOCSTART- -X- O\nHi UH O\n";
        let f = ConllFile::parse(text).unwrap();
        assert_eq!(f.sentences.len(), 3);
        assert_eq!(f.sentences[0].tokens, ["Anna", "sang"]);
        assert_eq!(f.sentences[0].gold, ["B-PER", "O"]);
        assert_eq!(f.sentences[1].lines, [6]);
        assert_eq!(f.documents, [0..2, 2..3]);
        assert!(ConllFile::parse("Anna NNP PER\n").is_err());
    }

    #[test]
    fn datelines_start_documents_without_docstart() {
        let sent = |words: &str| {
            words
                .split(' ')
                .map(|w| format!("{w} O\n"))
                .collect::<String>()
                + "\n"
        };
        let text = [
            "STORM HITS COAST",
            "LISBON 1997-01-02",
            "It rained .",
            "NEW PARK OPENS",
            "PORTO 1997-01-03",
        ]
        .map(sent)
        .concat();
        let f = ConllFile::parse(&text).unwrap();
        assert_eq!(f.documents, [0..3, 3..5]);
    }

    #[test]
    fn predictions_append_a_column() {
        let text = "-DOCSTART- -X- O\n\nAnna B-PER\nsang O\n\nOslo\tB-LOC\n";
        let f = ConllFile::parse(text).unwrap();
        let mut out = Vec::new();
        f.write_predictions(&[vec!["B-PER", "O"], vec!["B-ORG"]], &mut out)
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "-DOCSTART- -X- O O\n\nAnna B-PER B-PER\nsang O O\n\nOslo\tB-LOC\tB-ORG\n"
        );
    }
}
