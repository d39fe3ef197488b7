//! The learned tagger as the pipeline's mention finder: features per
//! document, Viterbi per sentence, and, when the model has two stages, a
//! second pass that sees the first pass's labels for the same words
//! elsewhere in the document.

use super::features::{self, NTAGS, TAGS};
use super::gazetteer::Gazetteer;
use super::weights::{Acc, Model, Packed};
use crate::error::{Error, Result};
use crate::model::{Analyzed, Mention, MentionLabel, Span};
use crate::pipeline::MentionFinder;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The model shipped in the binary (trained by `newsgraph train`, see the
/// README for the command and data).
static BUILTIN: &[u8] = include_bytes!("../../data/ner.model");

/// A loaded model, in the form used for tagging, and the gazetteer its
/// features use. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Tagger {
    /// The stages' weights without empty rows (the dense tables of the
    /// [`Model`] are not kept: they are four times the size).
    packed: Arc<Packed>,
    /// Hash width of the features.
    bits: u32,
    gaz: &'static Gazetteer,
}

impl Tagger {
    pub fn new(model: Model) -> Self {
        Tagger {
            packed: Arc::new(Packed::new(&model.stages)),
            bits: model.bits,
            gaz: Gazetteer::builtin(),
        }
    }

    /// The built-in model (decoded once per process).
    pub fn builtin() -> Result<Tagger> {
        static M: OnceLock<std::result::Result<Tagger, String>> = OnceLock::new();
        let m = M.get_or_init(|| {
            Model::from_bytes(BUILTIN)
                .map(Tagger::new)
                .map_err(|e| e.to_string())
        });
        match m {
            Ok(tagger) => Ok(tagger.clone()),
            Err(e) => Err(Error::Model(format!("built-in model: {e}"))),
        }
    }

    /// A model file written by `newsgraph train`.
    pub fn load(path: &Path) -> Result<Tagger> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let model = Model::from_bytes(&bytes).map_err(|e| Error::Input {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Ok(Tagger::new(model))
    }

    /// Number of stages of the model (1 or 2).
    pub fn stages(&self) -> usize {
        self.packed.stages()
    }

    /// Tags one document given as sentences of tokens; returns tag indices
    /// into [`TAGS`], one per token.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<u8>> {
        let p = &*self.packed;
        let nst = p.stages();
        let feats = features::extract(sentences, self.gaz, self.bits);
        // The stage-one features' scores in every stage, looked up once:
        // `nst` entries per token.
        let mut base: Vec<Vec<Acc>> = Vec::with_capacity(feats.base.len());
        for f in &feats.base {
            let mut acc = Vec::new();
            p.add(f, 0, &mut acc);
            base.push(acc);
        }
        let mut em: Vec<[f32; NTAGS]> = Vec::new();
        let mut acc: Vec<Acc> = Vec::new();
        let mut extra_acc: Vec<Acc> = Vec::new();
        let mut tags: Vec<Vec<u8>> = Vec::with_capacity(sentences.len());
        for k in 0..nst {
            let extra = (k > 0).then(|| feats.stage2(&tags));
            let mut next = Vec::with_capacity(sentences.len());
            for (i, b) in base.iter().enumerate() {
                acc.clear();
                acc.extend(b.iter().skip(k).step_by(nst));
                if let Some(e) = extra.as_ref().and_then(|e| e.get(i)) {
                    // Stage-two features only count in this stage.
                    extra_acc.clear();
                    p.add(e, k, &mut extra_acc);
                    for (a, x) in acc.iter_mut().zip(extra_acc.iter().step_by(nst - k)) {
                        for j in 0..NTAGS {
                            a[j] += x[j];
                        }
                    }
                }
                let mut out = Vec::new();
                p.decode(k, &acc, &mut em, &mut out);
                next.push(out);
            }
            tags = next;
        }
        tags
    }

    /// Like [`Tagger::tag_document`], as tag strings.
    pub fn tag_strings<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<&'static str>> {
        self.tag_document(sentences)
            .into_iter()
            .map(|s| {
                s.into_iter()
                    .map(|t| TAGS[usize::from(t) % NTAGS])
                    .collect()
            })
            .collect()
    }
}

fn label_of(ty: u8) -> MentionLabel {
    match ty {
        0 => MentionLabel::Per,
        1 => MentionLabel::Org,
        2 => MentionLabel::Loc,
        _ => MentionLabel::Misc,
    }
}

impl MentionFinder for Tagger {
    fn find(&self, doc: &Analyzed<'_>) -> Vec<Mention> {
        // Boilerplate sentences are neither tagged nor used as document
        // evidence.
        let kept: Vec<usize> = (0..doc.sentences.len())
            .filter(|&s| !doc.sentences[s].boilerplate)
            .collect();
        let words: Vec<Vec<&str>> = kept
            .iter()
            .map(|&s| {
                doc.sentences[s]
                    .tokens
                    .clone()
                    .map(|i| doc.token_text(i))
                    .collect()
            })
            .collect();
        let tags = self.tag_document(&words);
        let mut out = Vec::new();
        for (k, (&si, tg)) in kept.iter().zip(&tags).enumerate() {
            let first = doc.sentences[si].tokens.start;
            for (i, j, ty) in features::spans(tg) {
                // A leading article is not part of the name for the graph
                // ("The Grain Union" → "Grain Union"); CoNLL includes it in
                // a few names, so only the finder (not `eval`) drops it.
                let skip = usize::from(
                    j - i > 1
                        && words
                            .get(k)
                            .and_then(|w| w.get(i))
                            .is_some_and(|w| w.eq_ignore_ascii_case("the")),
                );
                let (a, b) = (first + i + skip, first + j);
                if let (Some(s), Some(e)) = (doc.tokens.get(a), doc.tokens.get(b - 1)) {
                    out.push(Mention {
                        span: Span::new(s.span.start, e.span.end),
                        tokens: a..b,
                        sentence: si,
                        label: label_of(ty),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn found(text: &str) -> Vec<(String, MentionLabel)> {
        let doc = Document::new("t", text.to_string());
        let a = crate::text::analyze(&doc);
        let t = Tagger::builtin().unwrap();
        t.find(&a)
            .into_iter()
            .map(|m| {
                // Token range and byte span must agree.
                assert_eq!(a.tokens[m.tokens.start].span.start, m.span.start);
                assert_eq!(a.tokens[m.tokens.end - 1].span.end, m.span.end);
                (m.span.text(text).to_string(), m.label)
            })
            .collect()
    }

    #[test]
    fn builtin_model_loads_and_is_the_default() {
        let t = Tagger::builtin().unwrap();
        assert_eq!(t.stages(), 2);
        assert!(matches!(
            crate::ner::Finder::default(),
            crate::ner::Finder::Tagger(_)
        ));
    }

    #[test]
    fn tags_people_places_and_groups() {
        use MentionLabel::*;
        let got = found(
            "Foreign Minister Helga Marsden arrived in Nairobi on Tuesday for talks \
             with the African Union.",
        );
        assert!(got.contains(&("Helga Marsden".into(), Per)), "{got:?}");
        assert!(got.contains(&("Nairobi".into(), Loc)), "{got:?}");
        assert!(got.contains(&("African Union".into(), Org)), "{got:?}");
        assert!(!got.iter().any(|(s, _)| s == "Tuesday"), "{got:?}");
        let got = found("The Baltic Grain Union met in Riga.");
        assert!(got.iter().all(|(s, _)| !s.starts_with("The")), "{got:?}");
    }

    #[test]
    fn nothing_from_boilerplate_or_empty_text() {
        assert!(found("").is_empty());
        let doc = Document::new("t", "Maria Olsen visited Chile.".to_string());
        let mut a = crate::text::analyze(&doc);
        for s in &mut a.sentences {
            s.boilerplate = true;
        }
        assert!(Tagger::builtin().unwrap().find(&a).is_empty());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn never_panics_and_spans_slice_back(text in "(?s)[A-Za-zÉé0-9 .,;:!?'\"“”’—()\n-]{0,200}") {
            let doc = Document::new("p", text.clone());
            let a = crate::text::analyze(&doc);
            for m in Tagger::builtin().unwrap().find(&a) {
                let got = m.span.text(&text);
                proptest::prop_assert!(!got.is_empty());
                proptest::prop_assert!(m.tokens.start < m.tokens.end);
                proptest::prop_assert!(!a.sentences[m.sentence].boilerplate);
            }
        }
    }
}
