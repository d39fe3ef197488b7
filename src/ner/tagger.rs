//! The learned tagger as the pipeline's mention finder: features per
//! document, Viterbi per sentence, and, when the model has two stages, a
//! second pass that sees the first pass's labels for the same words
//! elsewhere in the document.

use super::features::{self, NTAGS, TAGS};
use super::gazetteer::Gazetteer;
use super::weights::{Acc, Model, Packed};
use crate::error::{Error, ModelProblem, Result};
use crate::model::stage::MentionFinder;
use crate::model::{Analyzed, Mention, MentionLabel, Span};
use std::cell::RefCell;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
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
    /// Tells this model's cached word scores from another's (see
    /// [`super::cached`]); clones share it.
    id: u64,
}

thread_local! {
    /// Each worker thread's cache of word scores: the pipeline shares one
    /// tagger between its threads, and a cache per thread needs no lock.
    static WORDS: RefCell<super::cached::WordCache> = RefCell::default();
}

impl Tagger {
    pub fn new(model: Model) -> Self {
        Tagger {
            packed: Arc::new(Packed::new(&model.stages)),
            bits: model.bits,
            gaz: Gazetteer::builtin(),
            id: {
                static NEXT: AtomicU64 = AtomicU64::new(0);
                NEXT.fetch_add(1, Ordering::Relaxed)
            },
        }
    }

    /// The built-in model (decoded once per process).
    pub fn builtin() -> Result<Tagger> {
        static M: OnceLock<Result<Tagger, ModelProblem>> = OnceLock::new();
        let m = M.get_or_init(|| Model::from_bytes(BUILTIN).map(Tagger::new));
        match m {
            Ok(tagger) => Ok(tagger.clone()),
            Err(problem) => Err(Error::Model {
                path: None,
                problem: problem.clone(),
            }),
        }
    }

    /// A model file written by `newsgraph train`.
    pub fn load(path: &Path) -> Result<Tagger> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let model = Model::from_bytes(&bytes).map_err(|problem| Error::Model {
            path: Some(path.to_path_buf()),
            problem,
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
        let (feats, base) = self.base_scores(sentences);
        self.decode_stages(&feats, &base)
    }

    /// The stage-one features' scores in every stage, looked up once (one
    /// entry per stage per token), from the thread's word cache, and the
    /// document's features for stage two.
    fn base_scores<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
    ) -> (features::DocFeatures, Vec<Vec<Acc>>) {
        let p = &*self.packed;
        let cached = WORDS.with(|w| {
            // Not borrowed already: tagging does not call itself.
            let mut cache = w.try_borrow_mut().ok()?;
            let (g, b, id) = (self.gaz, self.bits, self.id);
            match p.stages() {
                1 => Some(super::cached::scores::<S, 1>(
                    sentences, g, b, p, id, &mut cache,
                )),
                2 => Some(super::cached::scores::<S, 2>(
                    sentences, g, b, p, id, &mut cache,
                )),
                _ => None,
            }
        });
        cached.unwrap_or_else(|| self.base_scores_uncached(sentences))
    }

    /// [`Tagger::base_scores`] from [`features::extract`]'s feature lists,
    /// without the cache.
    fn base_scores_uncached<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
    ) -> (features::DocFeatures, Vec<Vec<Acc>>) {
        let p = &*self.packed;
        let feats = features::extract(sentences, self.gaz, self.bits);
        let mut base: Vec<Vec<Acc>> = Vec::with_capacity(feats.base.len());
        for f in &feats.base {
            let mut acc = Vec::new();
            p.add(f, 0, &mut acc);
            base.push(acc);
        }
        (feats, base)
    }

    /// Runs the stages over a document's stage-one scores.
    fn decode_stages(&self, feats: &features::DocFeatures, base: &[Vec<Acc>]) -> Vec<Vec<u8>> {
        let p = &*self.packed;
        let nst = p.stages();
        let mut em: Vec<[f32; NTAGS]> = Vec::new();
        let mut acc: Vec<Acc> = Vec::new();
        let mut extra_acc: Vec<Acc> = Vec::new();
        let mut tags: Vec<Vec<u8>> = Vec::with_capacity(base.len());
        for k in 0..nst {
            let extra = (k > 0).then(|| feats.stage2(&tags));
            let mut next = Vec::with_capacity(base.len());
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
    fn builtin_model_loads() {
        let t = Tagger::builtin().unwrap();
        assert_eq!(t.stages(), 2);
        assert!(matches!(
            crate::ner::Finder::builtin(),
            Ok(crate::ner::Finder::Tagger(_))
        ));
    }

    #[test]
    fn tags_people_places_and_groups() {
        use MentionLabel::*;
        let got = found(
            "Foreign Minister Helga Marsden arrived in Nairobi on Tuesday for talks \
             with the Coastal Fisheries Council.",
        );
        assert!(got.contains(&("Helga Marsden".into(), Per)), "{got:?}");
        assert!(got.contains(&("Nairobi".into(), Loc)), "{got:?}");
        assert!(
            got.contains(&("Coastal Fisheries Council".into(), Org)),
            "{got:?}"
        );
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

    /// Documents that reach every way a token's form is chosen: plain
    /// sentences, sentence-initial words, an all-caps and a Title Case
    /// headline, "US" inside and outside a headline, typographic
    /// punctuation, punctuation-only and one-token sentences, an empty
    /// sentence, a form too long to keep, and repeated words.
    fn docs() -> Vec<Vec<Vec<String>>> {
        let sent = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let long = "x".repeat(80);
        vec![
            vec![
                sent("FLOOD WARNING ISSUED FOR RIVER TOWNS"),
                sent("Heavy Rain Floods Valley Towns As River Rises"),
                sent("The US agency said on Monday that the river rose ."),
                sent("US FORCES LEAVE BASE"),
                sent("Officials in Lindqvist said “ the water ” is — again — high ."),
                sent("..."),
                sent("Hello"),
                vec![],
                sent(&format!(
                    "A {long} link and MORE text , said Ana Ruiz of Acme Corp ."
                )),
                sent("Ruiz said Acme would rebuild the bridge in Lindqvist ."),
                sent("( 1 ) 2-0 , 3:4 ; ! ?"),
            ],
            vec![sent("US"), sent("us and US and U.S. in Ümeå , Zürich .")],
            vec![],
        ]
    }

    /// A model whose rows are all non-empty, so that every feature counts.
    fn dense_model(stages: usize, seed: u64) -> Model {
        let bits = 12;
        let mut rng = crate::util::rng::Rng::new(seed);
        let mut w = |_: usize| (rng.below(2001) as i16) - 1000;
        let stages = (0..stages)
            .map(|_| super::super::weights::Stage {
                scale: 1.0,
                trans: std::array::from_fn(|_| std::array::from_fn(|_| w(0))),
                start: std::array::from_fn(|_| w(0)),
                rows: (0..(1usize << bits) * NTAGS).map(&mut w).collect(),
            })
            .collect();
        Model {
            feature_version: features::FEATURE_VERSION,
            bits,
            stages,
            note: String::new(),
        }
    }

    /// The cached scores, stage-two features and tags equal the ones from
    /// the full feature lists.
    fn assert_cache_changes_nothing(t: &Tagger) {
        for doc in docs() {
            let (f1, b1) = t.base_scores(&doc);
            let (f2, b2) = t.base_scores_uncached(&doc);
            assert_eq!(b1, b2, "{doc:?}");
            assert_eq!(b1.len(), doc.len());
            let tags = t.decode_stages(&f2, &b2);
            assert_eq!(t.decode_stages(&f1, &b1), tags, "{doc:?}");
            assert_eq!(f1.stage2(&tags), f2.stage2(&tags), "{doc:?}");
            assert_eq!(t.tag_document(&doc), tags);
        }
    }

    #[test]
    fn word_cache_changes_no_score() {
        let dense2 = Tagger::new(dense_model(2, 3));
        let dense1 = Tagger::new(dense_model(1, 4));
        let builtin = Tagger::builtin().unwrap();
        // Twice each, so the second pass reads sums kept from the first,
        // and alternating models, so each finds the other's cache.
        for t in [&builtin, &dense2, &dense1, &builtin, &dense2, &dense1] {
            assert_cache_changes_nothing(t);
            assert_cache_changes_nothing(t);
        }
        let kept = WORDS.with(|w| w.borrow().len());
        assert!(kept > 40 && kept < 200, "{kept}");
    }

    #[test]
    fn word_cache_is_bounded() {
        use crate::ner::cached::MAX_WORDS;
        let t = Tagger::new(dense_model(2, 5));
        let many: Vec<Vec<String>> = (0..MAX_WORDS + 500)
            .collect::<Vec<_>>()
            .chunks(20)
            .map(|c| c.iter().map(|i| format!("w{i}")).collect())
            .collect();
        assert_eq!(t.base_scores(&many).1, t.base_scores_uncached(&many).1);
        let (kept, bytes) = WORDS.with(|w| (w.borrow().len(), w.borrow().heap_bytes()));
        assert_eq!(kept, MAX_WORDS);
        assert!(bytes < 20 << 20, "{bytes}");
        // Forms past the bound are still scored right, then dropped.
        assert_cache_changes_nothing(&t);
        assert_eq!(WORDS.with(|w| w.borrow().len()), MAX_WORDS);
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
