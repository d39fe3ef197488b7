//! Training: an averaged structured perceptron (Collins 2002) over hashed
//! features with IOB2-constrained Viterbi, in two stages. Stage one sees
//! the sentence and document; stage two also sees stage one's labels for
//! the same words elsewhere in the document. Stage two's training input
//! comes from stage-one models trained on the other half of the documents
//! (two-fold jackknife), so it learns how far to trust stage one on text
//! stage one has not memorised.
//!
//! Deterministic: sentences are shuffled with a fixed seed and every sum
//! runs in a fixed order, so the same data gives the same model file.

use super::conll::ConllFile;
use super::eval::Score;
use super::features::{self, NTAGS, SentFeatures, TAGS, tag_index};
use super::gazetteer::Gazetteer;
use super::weights::{Model, Stage, viterbi};
use crate::error::{Error, Result};
use crate::util::rng::Rng;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    pub epochs: usize,
    /// Hash width: the weight table has `2^bits` rows per stage.
    pub bits: u32,
    /// 1 or 2 stages.
    pub stages: usize,
    pub seed: u64,
    /// Perceptrons averaged into each stage (parameter mixing).
    pub members: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 16,
            bits: 19,
            stages: 2,
            seed: 0x6e65_7773,
            members: 3,
        }
    }
}

/// A corpus as documents of sentences of tokens, with gold tag indices.
pub struct Corpus {
    pub docs: Vec<Vec<Vec<String>>>,
    pub gold: Vec<Vec<Vec<u8>>>,
}

impl Corpus {
    pub fn from_conll(f: &ConllFile) -> Corpus {
        let mut docs = Vec::new();
        let mut gold = Vec::new();
        for r in &f.documents {
            let sents = f.sentences.get(r.clone()).unwrap_or(&[]);
            docs.push(sents.iter().map(|s| s.tokens.clone()).collect());
            gold.push(
                sents
                    .iter()
                    .map(|s| s.gold.iter().map(|t| tag_index(t)).collect())
                    .collect(),
            );
        }
        Corpus { docs, gold }
    }

    fn features(&self, bits: u32) -> Vec<features::DocFeatures> {
        let gaz = Gazetteer::builtin();
        self.docs
            .iter()
            .map(|doc| features::extract(doc, gaz, bits))
            .collect()
    }
}

/// Stage-one features of every document.
fn base(feats: &[features::DocFeatures]) -> Vec<Vec<SentFeatures>> {
    feats.iter().map(|d| d.base.clone()).collect()
}

/// Stage-two features: stage one's plus those from stage one's tags.
fn with_stage2(feats: &[features::DocFeatures], tags: &[Vec<Vec<u8>>]) -> Vec<Vec<SentFeatures>> {
    feats
        .iter()
        .zip(tags)
        .map(|(d, t)| {
            d.base
                .iter()
                .zip(d.stage2(t))
                .map(|(a, b)| features::concat(a, &b))
                .collect()
        })
        .collect()
}

/// Float weights of one stage while training.
struct Floats {
    rows: Vec<f32>,
    trans: [[f32; NTAGS]; NTAGS],
    start: [f32; NTAGS],
}

impl Floats {
    fn zero(bits: u32) -> Floats {
        Floats {
            rows: vec![0.0; (1usize << bits) * NTAGS],
            trans: [[0.0; NTAGS]; NTAGS],
            start: [0.0; NTAGS],
        }
    }

    fn decode(&self, f: &SentFeatures, em: &mut Vec<[f32; NTAGS]>, out: &mut Vec<u8>) {
        em.clear();
        for t in 0..f.len() {
            let mut acc = [0f32; NTAGS];
            for &r in f.token(t) {
                let base = r as usize * NTAGS;
                if let Some(w) = self.rows.get(base..base + NTAGS) {
                    for k in 0..NTAGS {
                        acc[k] += w[k];
                    }
                }
            }
            em.push(acc);
        }
        viterbi(em, &self.trans, &self.start, out);
    }

    fn decode_all(&self, feats: &[Vec<SentFeatures>]) -> Vec<Vec<Vec<u8>>> {
        let mut em = Vec::new();
        feats
            .iter()
            .map(|doc| {
                doc.iter()
                    .map(|f| {
                        let mut out = Vec::new();
                        self.decode(f, &mut em, &mut out);
                        out
                    })
                    .collect()
            })
            .collect()
    }
}

/// Averaged perceptron state: weights `w` and the running sums `u` from
/// which the average is `w - u / c` (Daumé's trick: no per-step copy).
struct Perceptron {
    w: Floats,
    u: Floats,
    c: f32,
}

impl Perceptron {
    fn new(bits: u32) -> Self {
        Perceptron {
            w: Floats::zero(bits),
            u: Floats::zero(bits),
            c: 1.0,
        }
    }

    fn averaged(&self) -> Floats {
        let c = self.c;
        let avg = |w: f32, u: f32| w - u / c;
        Floats {
            rows: self
                .w
                .rows
                .iter()
                .zip(&self.u.rows)
                .map(|(&w, &u)| avg(w, u))
                .collect(),
            trans: std::array::from_fn(|p| {
                std::array::from_fn(|q| avg(self.w.trans[p][q], self.u.trans[p][q]))
            }),
            start: std::array::from_fn(|q| avg(self.w.start[q], self.u.start[q])),
        }
    }

    /// One sentence: decode with the current weights, update on mistakes.
    /// Returns the number of wrongly tagged tokens.
    fn learn(
        &mut self,
        f: &SentFeatures,
        gold: &[u8],
        em: &mut Vec<[f32; NTAGS]>,
        pred: &mut Vec<u8>,
    ) -> usize {
        self.w.decode(f, em, pred);
        let c = self.c;
        let mut wrong = 0;
        for t in 0..gold.len().min(pred.len()) {
            let (g, p) = (usize::from(gold[t]), usize::from(pred[t]));
            if g != p {
                wrong += 1;
                for &r in f.token(t) {
                    let base = r as usize * NTAGS;
                    if base + NTAGS > self.w.rows.len() {
                        continue;
                    }
                    self.w.rows[base + g] += 1.0;
                    self.u.rows[base + g] += c;
                    self.w.rows[base + p] -= 1.0;
                    self.u.rows[base + p] -= c;
                }
            }
            let (gp, pp) = if t == 0 {
                (None, None)
            } else {
                (
                    Some(usize::from(gold[t - 1])),
                    Some(usize::from(pred[t - 1])),
                )
            };
            if (gp, g) != (pp, p) {
                match (gp, pp) {
                    (Some(a), Some(b)) => {
                        self.w.trans[a][g] += 1.0;
                        self.u.trans[a][g] += c;
                        self.w.trans[b][p] -= 1.0;
                        self.u.trans[b][p] -= c;
                    }
                    _ => {
                        self.w.start[g] += 1.0;
                        self.u.start[g] += c;
                        self.w.start[p] -= 1.0;
                        self.u.start[p] -= c;
                    }
                }
            }
        }
        self.c += 1.0;
        wrong
    }
}

/// Scores predicted against gold tag indices.
pub fn score(gold: &[Vec<Vec<u8>>], pred: &[Vec<Vec<u8>>]) -> Score {
    let mut s = Score::default();
    let name = |t: &u8| TAGS[usize::from(*t) % NTAGS];
    for (gd, pd) in gold.iter().zip(pred) {
        for (g, p) in gd.iter().zip(pd) {
            let g: Vec<&str> = g.iter().map(name).collect();
            let p: Vec<&str> = p.iter().map(name).collect();
            s.add(&g, &p);
        }
    }
    s
}

/// Features and gold tags of a set of documents.
type Split<'a> = (&'a [Vec<SentFeatures>], &'a [Vec<Vec<u8>>]);

/// Trains one stage for `epochs` epochs. With `dev`, keeps the epoch with
/// the best dev F1 and returns it with its epoch number and F1; without,
/// returns the last epoch.
fn train_stage(
    name: &str,
    bits: u32,
    seed: u64,
    epochs: usize,
    train: Split<'_>,
    dev: Option<Split<'_>>,
    log: &mut dyn FnMut(&str),
) -> (Floats, usize, f64) {
    let mut p = Perceptron::new(bits);
    let mut order: Vec<(usize, usize)> = train
        .0
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| (0..doc.len()).map(move |s| (d, s)))
        .collect();
    let ntok: usize = train.1.iter().flatten().map(Vec::len).sum();
    let mut rng = Rng::new(seed);
    let mut best: Option<(Floats, usize, f64)> = None;
    let (mut em, mut pred) = (Vec::new(), Vec::new());
    for epoch in 1..=epochs {
        let t0 = std::time::Instant::now();
        rng.shuffle(&mut order);
        let mut wrong = 0;
        for &(d, s) in &order {
            let (Some(f), Some(g)) = (train.0[d].get(s), train.1[d].get(s)) else {
                continue;
            };
            wrong += p.learn(f, g, &mut em, &mut pred);
        }
        let train_acc = 1.0 - wrong as f64 / ntok.max(1) as f64;
        match dev {
            Some((df, dg)) => {
                let avg = p.averaged();
                let sc = score(dg, &avg.decode_all(df));
                let f1 = sc.overall.f1();
                log(&format!(
                    "{name} epoch {epoch}/{epochs}: train token accuracy {train_acc:.4}, dev P {:.4} R {:.4} F1 {f1:.4} ({:.1}s)",
                    sc.overall.precision(),
                    sc.overall.recall(),
                    t0.elapsed().as_secs_f64()
                ));
                if best.as_ref().is_none_or(|b| f1 > b.2) {
                    best = Some((avg, epoch, f1));
                }
            }
            None => log(&format!(
                "{name} epoch {epoch}/{epochs}: train token accuracy {train_acc:.4} ({:.1}s)",
                t0.elapsed().as_secs_f64()
            )),
        }
    }
    match best {
        Some(b) => b,
        None => (p.averaged(), epochs, 0.0),
    }
}

/// Trains `members` perceptrons that differ only in the order they see the
/// sentences and averages their weights (parameter mixing): the mix varies
/// less with the shuffle than any one member, at no cost when tagging.
/// Returns the mix, the members' mean best epoch and the mix's dev F1.
#[allow(clippy::too_many_arguments)]
fn train_mixed(
    name: &str,
    bits: u32,
    seed: u64,
    epochs: usize,
    members: usize,
    train: Split<'_>,
    dev: Option<Split<'_>>,
    log: &mut dyn FnMut(&str),
) -> (Floats, usize, f64) {
    let members = members.max(1);
    let mut mix = Floats::zero(bits);
    let mut epoch_sum = 0;
    let mut last_f1 = 0.0;
    for m in 0..members {
        let label = if members > 1 {
            format!("{name} member {}/{members}", m + 1)
        } else {
            name.to_string()
        };
        let (f, e, f1) = train_stage(
            &label,
            bits,
            seed.wrapping_add(m as u64 * 0x9e37_79b9),
            epochs,
            train,
            dev,
            log,
        );
        epoch_sum += e;
        last_f1 = f1;
        let k = 1.0 / members as f32;
        for (a, b) in mix.rows.iter_mut().zip(&f.rows) {
            *a += b * k;
        }
        for (ra, rb) in mix.trans.iter_mut().zip(&f.trans) {
            for (a, b) in ra.iter_mut().zip(rb) {
                *a += b * k;
            }
        }
        for (a, b) in mix.start.iter_mut().zip(&f.start) {
            *a += b * k;
        }
    }
    let epoch = (epoch_sum + members / 2) / members;
    let f1 = match dev {
        Some((df, dg)) if members > 1 => {
            let f1 = score(dg, &mix.decode_all(df)).overall.f1();
            log(&format!("{name}: mix of {members} members, dev F1 {f1:.4}"));
            f1
        }
        _ => last_f1,
    };
    (mix, epoch, f1)
}

/// Trains a model; `log` receives one line per epoch.
pub fn train(
    train: &ConllFile,
    dev: &ConllFile,
    opts: &TrainOptions,
    log: &mut dyn FnMut(&str),
) -> Result<Model> {
    if opts.epochs == 0 || !(1..=2).contains(&opts.stages) || !(8..=26).contains(&opts.bits) {
        return Err(Error::TrainOptions {
            epochs: opts.epochs,
            stages: opts.stages,
            bits: opts.bits,
        });
    }
    let tr = Corpus::from_conll(train);
    let dv = Corpus::from_conll(dev);
    let bits = opts.bits;
    log(&format!(
        "training on {} documents ({} sentences), dev {} documents",
        tr.docs.len(),
        train.sentences.len(),
        dv.docs.len()
    ));
    let dtr = tr.features(bits);
    let ddv = dv.features(bits);
    let ftr = base(&dtr);
    let fdv = base(&ddv);
    let (s1, best1, f1_1) = train_mixed(
        "stage 1",
        bits,
        opts.seed,
        opts.epochs,
        opts.members,
        (&ftr, &tr.gold),
        Some((&fdv, &dv.gold)),
        log,
    );
    log(&format!("stage 1: best epoch {best1}, dev F1 {f1_1:.4}"));
    let mut stages = vec![Stage::quantize(&s1.rows, &s1.trans, &s1.start)];
    let mut note = format!(
        "newsgraph NER model; features v{}; 2^{bits} rows; stage 1 best epoch {best1} dev F1 {f1_1:.4}",
        features::FEATURE_VERSION
    );
    if opts.stages == 2 {
        // Stage-one labels for the training documents, each predicted by a
        // model that never saw it.
        let mut jack: Vec<Vec<Vec<u8>>> = vec![Vec::new(); tr.docs.len()];
        for fold in 0..2 {
            let inside: Vec<usize> = (0..tr.docs.len()).filter(|d| d % 2 != fold).collect();
            let f: Vec<Vec<SentFeatures>> = inside.iter().map(|&d| ftr[d].clone()).collect();
            let g: Vec<Vec<Vec<u8>>> = inside.iter().map(|&d| tr.gold[d].clone()).collect();
            let (m, _, _) = train_mixed(
                &format!("jackknife {}/2", fold + 1),
                bits,
                opts.seed ^ (fold as u64 + 1),
                best1,
                opts.members,
                (&f, &g),
                None,
                log,
            );
            for d in (0..tr.docs.len()).filter(|d| d % 2 == fold) {
                jack[d] = m
                    .decode_all(std::slice::from_ref(&ftr[d]))
                    .pop()
                    .unwrap_or_default();
            }
        }
        drop(ftr);
        let dev1 = s1.decode_all(&fdv);
        drop(fdv);
        let ftr2 = with_stage2(&dtr, &jack);
        let fdv2 = with_stage2(&ddv, &dev1);
        let (s2, best2, f1_2) = train_mixed(
            "stage 2",
            bits,
            opts.seed.rotate_left(17),
            opts.epochs,
            opts.members,
            (&ftr2, &tr.gold),
            Some((&fdv2, &dv.gold)),
            log,
        );
        log(&format!("stage 2: best epoch {best2}, dev F1 {f1_2:.4}"));
        note.push_str(&format!("; stage 2 best epoch {best2} dev F1 {f1_2:.4}"));
        stages.push(Stage::quantize(&s2.rows, &s2.trans, &s2.start));
    }
    Ok(Model {
        feature_version: features::FEATURE_VERSION,
        bits,
        stages,
        note,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_tiny_corpus_deterministically() {
        let mut text = String::new();
        for (a, b) in [
            ("Ana", "Oslo"),
            ("Ivo", "Lima"),
            ("Eva", "Rome"),
            ("Ola", "Kiev"),
        ] {
            text.push_str(&format!("{a} B-PER\nvisited O\n{b} B-LOC\n. O\n\n"));
            text.push_str(&format!("{b} B-LOC\nwelcomed O\n{a} B-PER\n. O\n\n"));
        }
        let f = ConllFile::parse(&text).unwrap();
        let opts = TrainOptions {
            epochs: 5,
            bits: 12,
            stages: 2,
            seed: 7,
            members: 2,
        };
        let mut lines = Vec::new();
        let m1 = train(&f, &f, &opts, &mut |l| lines.push(l.to_string())).unwrap();
        let m2 = train(&f, &f, &opts, &mut |_| {}).unwrap();
        assert_eq!(m1.to_bytes(), m2.to_bytes(), "same data, same model");
        assert!(
            lines
                .iter()
                .any(|l| l.contains("stage 1 member 1/2 epoch 1/5") && l.contains("dev"))
        );
        let tagger = super::super::tagger::Tagger::new(m1);
        let tags = tagger.tag_strings(&[vec!["Eva", "visited", "Lima", "."]]);
        assert_eq!(tags, [vec!["B-PER", "O", "B-LOC", "O"]]);
    }
}
