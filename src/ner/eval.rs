//! Scoring with the conlleval convention: a predicted entity counts only
//! when its span and type both match a gold entity exactly. Spans are read
//! from IOB tags as conlleval reads them (an `I-X` after `O` or after
//! another type starts a new entity).

use std::collections::BTreeMap;
use std::fmt;

/// An entity read from a tag sequence: token range and type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub kind: String,
}

fn split_tag(tag: &str) -> (char, &str) {
    match tag.split_once('-') {
        Some((p, t)) => (p.chars().next().unwrap_or('O'), t),
        None => ('O', ""),
    }
}

/// Entities of one sentence's tags (conlleval's start/end-of-chunk rules for
/// IOB1/IOB2).
pub fn chunks<S: AsRef<str>>(tags: &[S]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (p, kind) = split_tag(t.as_ref());
        let continues = p == 'I' && open.is_some_and(|(_, k)| k == kind);
        if continues {
            continue;
        }
        if let Some((s, k)) = open.take() {
            out.push(Chunk {
                start: s,
                end: i,
                kind: k.to_string(),
            });
        }
        if matches!(p, 'B' | 'I') && !kind.is_empty() {
            open = Some((i, kind));
        }
    }
    if let Some((s, k)) = open {
        out.push(Chunk {
            start: s,
            end: tags.len(),
            kind: k.to_string(),
        });
    }
    out
}

/// Counts of gold, predicted and correct entities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores per type (sorted by name) and overall.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub overall: Counts,
    pub per_type: BTreeMap<String, Counts>,
    pub tokens: usize,
    pub tokens_correct: usize,
}

impl Score {
    /// Adds one sentence: gold and predicted tags of the same tokens.
    pub fn add<A: AsRef<str>, B: AsRef<str>>(&mut self, gold: &[A], predicted: &[B]) {
        let g = chunks(gold);
        let p = chunks(predicted);
        self.tokens += gold.len();
        self.tokens_correct += gold
            .iter()
            .zip(predicted)
            .filter(|(a, b)| a.as_ref() == b.as_ref())
            .count();
        for c in &g {
            self.overall.gold += 1;
            self.per_type.entry(c.kind.clone()).or_default().gold += 1;
        }
        for c in &p {
            self.overall.predicted += 1;
            let e = self.per_type.entry(c.kind.clone()).or_default();
            e.predicted += 1;
            if g.binary_search(c).is_ok() {
                e.correct += 1;
                self.overall.correct += 1;
            }
        }
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let acc = ratio(self.tokens_correct, self.tokens);
        writeln!(
            f,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, self.overall.gold, self.overall.predicted, self.overall.correct
        )?;
        writeln!(
            f,
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "gold", "found"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &Counts| {
            writeln!(
                f,
                "{:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            )
        };
        for (k, c) in &self.per_type {
            row(f, k, c)?;
        }
        row(f, "overall", &self.overall)?;
        write!(f, "token accuracy {acc:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ch(tags: &[&str]) -> Vec<(usize, usize, String)> {
        chunks(tags)
            .into_iter()
            .map(|c| (c.start, c.end, c.kind))
            .collect()
    }

    #[test]
    fn reads_chunks_like_conlleval() {
        assert_eq!(
            ch(&["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]),
            [
                (0, 2, "PER".into()),
                (3, 5, "LOC".into()),
                (5, 6, "LOC".into()),
                (6, 7, "ORG".into())
            ]
        );
        assert_eq!(ch(&["O", "O"]), []);
        assert_eq!(ch(&["I-MISC"]), [(0, 1, "MISC".into())]);
    }

    #[test]
    fn exact_span_and_type_count() {
        let mut s = Score::default();
        // Gold: Anna Berg (PER), Oslo (LOC). Predicted: Anna (PER, too
        // short), Oslo (LOC, right), Tuesday (MISC, spurious).
        s.add(
            &["B-PER", "I-PER", "O", "B-LOC", "O"],
            &["B-PER", "O", "O", "B-LOC", "B-MISC"],
        );
        assert_eq!(
            s.overall,
            Counts {
                gold: 2,
                predicted: 3,
                correct: 1
            }
        );
        assert!((s.overall.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.overall.recall() - 0.5).abs() < 1e-9);
        assert!((s.overall.f1() - 0.4).abs() < 1e-9);
        assert_eq!(
            s.per_type["PER"],
            Counts {
                gold: 1,
                predicted: 1,
                correct: 0
            }
        );
        assert_eq!(s.per_type["MISC"].predicted, 1);
        assert_eq!(s.tokens_correct, 3);
        let text = s.to_string();
        assert!(text.contains("overall"), "{text}");
    }
}
