//! The model: one weight table per stage (rows selected by hashed features,
//! one column per IOB2 tag), tag transitions, and Viterbi decoding that only
//! allows well-formed IOB2 (`I-X` after `B-X` or `I-X`).
//!
//! File format (little endian): magic `NGNERv1\n`; feature version, hash
//! bits, stage count, then a UTF-8 note (training command and scores) with
//! its length; then per stage: a float scale, 81 transition and 9 start
//! weights as i16, the number of non-zero rows, a bitmap of the non-zero
//! rows, and those rows as 9 i16 each. Quantising to i16 and leaving out
//! empty rows keeps the file small enough to embed in the binary.

use super::features::{NTAGS, SentFeatures, tag_type};
use crate::error::{ModelProblem, Result};

const MAGIC: &[u8; 8] = b"NGNERv1\n";

/// One stage's weights, quantised.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub scale: f32,
    pub trans: [[i16; NTAGS]; NTAGS],
    pub start: [i16; NTAGS],
    /// `2^bits * NTAGS` weights, row-major.
    pub rows: Vec<i16>,
}

/// A trained model: hash width, one or two stages, and a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub feature_version: u32,
    pub bits: u32,
    pub stages: Vec<Stage>,
    pub note: String,
}

/// True when tag `cur` may follow tag `prev` (`None` at sentence start).
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || cur % 2 == 1 {
        return true;
    }
    let ty = tag_type(cur as u8);
    prev.is_some_and(|p| p != 0 && tag_type(p as u8) == ty)
}

/// Best tag sequence for emission scores `em` (one row per token) under
/// transition scores `trans[prev][cur]` and `start[cur]`, with ill-formed
/// IOB2 transitions forbidden. Writes tag indices into `out`.
pub fn viterbi(
    em: &[[f32; NTAGS]],
    trans: &[[f32; NTAGS]; NTAGS],
    start: &[f32; NTAGS],
    out: &mut Vec<u8>,
) {
    let (tr, st) = forbid_ill_formed(trans, start);
    viterbi_forbidden(em, &tr, &st, out);
}

/// Transition and start scores with the ill-formed IOB2 transitions set to
/// -inf, so the Viterbi inner loop has no branch on them (a path through
/// one can never win against a legal path, and an all-O path is always
/// legal).
pub fn forbid_ill_formed(
    trans: &[[f32; NTAGS]; NTAGS],
    start: &[f32; NTAGS],
) -> ([[f32; NTAGS]; NTAGS], [f32; NTAGS]) {
    let mut tr = *trans;
    let mut st = *start;
    for c in 0..NTAGS {
        if !allowed(None, c) {
            st[c] = f32::NEG_INFINITY;
        }
        for (p, row) in tr.iter_mut().enumerate() {
            if !allowed(Some(p), c) {
                row[c] = f32::NEG_INFINITY;
            }
        }
    }
    (tr, st)
}

/// [`viterbi`] with the scores of [`forbid_ill_formed`]. An `I-X` tag may
/// only follow `B-X` or `I-X`, so only those two are compared for it: every
/// other predecessor scores -inf and could not replace the first candidate
/// (scores are never +inf or NaN), which gives the same path as comparing
/// all nine.
pub fn viterbi_forbidden(
    em: &[[f32; NTAGS]],
    tr: &[[f32; NTAGS]; NTAGS],
    st: &[f32; NTAGS],
    out: &mut Vec<u8>,
) {
    out.clear();
    let n = em.len();
    if n == 0 {
        return;
    }
    let mut back: Vec<[u8; NTAGS]> = vec![[0; NTAGS]; n];
    let mut score = [0f32; NTAGS];
    for c in 0..NTAGS {
        score[c] = st[c] + em[0][c];
    }
    for t in 1..n {
        let mut next = [0f32; NTAGS];
        for c in 0..NTAGS {
            let mut best = score[0] + tr[0][c];
            let mut arg = 0u8;
            if c == 0 || c % 2 == 1 {
                for p in 1..NTAGS {
                    let s = score[p] + tr[p][c];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
            } else {
                for p in [c - 1, c] {
                    let s = score[p] + tr[p][c];
                    if s > best {
                        best = s;
                        arg = p as u8;
                    }
                }
            }
            next[c] = best + em[t][c];
            back[t][c] = arg;
        }
        score = next;
    }
    let mut last = 0;
    for c in 1..NTAGS {
        if score[c] > score[last] {
            last = c;
        }
    }
    out.resize(n, 0);
    let mut cur = last as u8;
    for t in (0..n).rev() {
        out[t] = cur;
        cur = back[t][cur as usize];
    }
}

/// The weight rows of all stages, without the empty ones, for tagging.
///
/// The dense tables (`2^bits` rows of 18 bytes per stage, 9 MB each at 19
/// bits) are mostly empty rows, and tagging spent most of its time waiting
/// for the about 40 rows per token and stage it looks up in them. Here a
/// table of places (4 bytes per row) points into a table of the rows that
/// are non-empty in some stage, a fifth of the size, and each of those
/// holds the weights of every stage side by side, so the stage-one
/// features, which all stages use, are looked up once. An empty row points
/// to the all-zero row 0, so the look-up has no branch on it (an
/// unpredictable branch kept the processor from overlapping the look-ups).
/// Scores are sums of the same integers as with the dense tables, so they
/// are exactly the same.
#[derive(Debug, Clone, Default)]
pub struct Packed {
    /// Per row of the dense tables: its place in `data`, divided by the
    /// stage count (0 for an empty row).
    places: Vec<u32>,
    /// `stages` weight rows per non-empty row, after one all-zero row.
    data: Vec<[i16; NTAGS]>,
    stages: usize,
    /// Per stage, transition and start scores from [`forbid_ill_formed`].
    scores: Vec<([[f32; NTAGS]; NTAGS], [f32; NTAGS])>,
}

/// Integer emission scores of one token in one stage.
pub type Acc = [i32; NTAGS];

impl Packed {
    pub fn new(stages: &[Stage]) -> Packed {
        fn row(s: &Stage, i: usize) -> Option<&[i16]> {
            s.rows.get(i * NTAGS..(i + 1) * NTAGS)
        }
        let nrows = stages
            .iter()
            .map(|s| s.rows.len() / NTAGS)
            .max()
            .unwrap_or(0);
        let mut places = vec![0u32; nrows];
        let mut data = vec![[0i16; NTAGS]; stages.len()];
        let mut count = 1u32;
        for (r, place) in places.iter_mut().enumerate() {
            let used = stages
                .iter()
                .any(|s| row(s, r).is_some_and(|w| w.iter().any(|&x| x != 0)));
            if !used {
                continue;
            }
            *place = count;
            count += 1;
            for s in stages {
                let mut w = [0i16; NTAGS];
                if let Some(x) = row(s, r) {
                    w.copy_from_slice(x);
                }
                data.push(w);
            }
        }
        Packed {
            places,
            data,
            stages: stages.len(),
            scores: stages
                .iter()
                .map(|s| {
                    forbid_ill_formed(&s.trans.map(|r| r.map(f32::from)), &s.start.map(f32::from))
                })
                .collect(),
        }
    }

    pub fn stages(&self) -> usize {
        self.stages
    }

    /// The place of row `r` in `data` (divided by the stage count): 0, the
    /// zero row, when it is empty or outside the table.
    #[inline]
    fn place(&self, r: u32) -> usize {
        self.places.get(r as usize).copied().unwrap_or(0) as usize
    }

    /// Adds the weights of the features `f` in stages `from..` to `acc`,
    /// which gets `stages - from` entries per token.
    pub fn add(&self, f: &SentFeatures, from: usize, acc: &mut Vec<Acc>) {
        match self.stages.saturating_sub(from) {
            1 => self.add_k::<1>(f, from, acc),
            2 => self.add_k::<2>(f, from, acc),
            k => {
                // No model has more than two stages; kept general anyway.
                acc.clear();
                acc.resize(f.len() * k, [0; NTAGS]);
                for (t, a) in acc.chunks_exact_mut(k).enumerate() {
                    for &r in f.token(t) {
                        let at = self.place(r) * self.stages + from;
                        for (a, w) in a.iter_mut().zip(self.data.get(at..at + k).unwrap_or(&[])) {
                            for j in 0..NTAGS {
                                a[j] += i32::from(w[j]);
                            }
                        }
                    }
                }
            }
        }
    }

    /// [`Packed::add`] for `K` stages, with the sums in registers.
    fn add_k<const K: usize>(&self, f: &SentFeatures, from: usize, acc: &mut Vec<Acc>) {
        acc.clear();
        acc.reserve(f.len() * K);
        for t in 0..f.len() {
            let mut a = [[0i32; NTAGS]; K];
            for &r in f.token(t) {
                let at = self.place(r) * self.stages + from;
                let Some(w) = self.data.get(at..at + K) else {
                    continue;
                };
                for (a, w) in a.iter_mut().zip(w) {
                    for j in 0..NTAGS {
                        a[j] += i32::from(w[j]);
                    }
                }
            }
            acc.extend_from_slice(&a);
        }
    }

    /// Adds the weights of row `r` in every stage to `a`; `K` must be the
    /// stage count (a row is left out otherwise).
    #[inline]
    pub fn add_row<const K: usize>(&self, r: u32, a: &mut [Acc; K]) {
        let at = self.place(r) * self.stages;
        if let Some(w) = self.data.get(at..at + K).filter(|_| K == self.stages) {
            for (a, w) in a.iter_mut().zip(w) {
                for j in 0..NTAGS {
                    a[j] += i32::from(w[j]);
                }
            }
        }
    }

    /// The places of rows `rows` (see [`Packed::add_placed`]), appended to
    /// `out`. Looking up a sentence's places in one tight loop, before any
    /// weights, lets the processor wait for many of these cache misses at
    /// once instead of one or two at a time.
    pub fn places(&self, rows: &[u32], out: &mut Vec<u32>) {
        out.extend(rows.iter().map(|&r| self.place(r) as u32));
    }

    /// [`Packed::add_row`] for a row's place from [`Packed::places`].
    #[inline]
    pub fn add_placed<const K: usize>(&self, place: u32, a: &mut [Acc; K]) {
        let at = place as usize * self.stages;
        if let Some(w) = self.data.get(at..at + K).filter(|_| K == self.stages) {
            for (a, w) in a.iter_mut().zip(w) {
                for j in 0..NTAGS {
                    a[j] += i32::from(w[j]);
                }
            }
        }
    }

    /// Tags one sentence in stage `stage` from its integer emission scores.
    pub fn decode(&self, stage: usize, acc: &[Acc], em: &mut Vec<[f32; NTAGS]>, out: &mut Vec<u8>) {
        em.clear();
        em.extend(acc.iter().map(|a| a.map(|x| x as f32)));
        match self.scores.get(stage) {
            Some((tr, st)) => viterbi_forbidden(em, tr, st, out),
            None => out.clear(),
        }
    }
}

impl Stage {
    /// Emission scores of every token of a sentence whose features come in
    /// parts (stage two: the stage-one features plus its own).
    pub fn emissions(&self, parts: &[Option<&SentFeatures>], em: &mut Vec<[f32; NTAGS]>) {
        em.clear();
        let n = parts.iter().flatten().map(|f| f.len()).max().unwrap_or(0);
        let nrows = self.rows.len() / NTAGS;
        for t in 0..n {
            let mut acc = [0i32; NTAGS];
            for f in parts.iter().flatten() {
                for &r in f.token(t) {
                    let r = r as usize;
                    if r >= nrows {
                        continue;
                    }
                    let w = &self.rows[r * NTAGS..r * NTAGS + NTAGS];
                    for k in 0..NTAGS {
                        acc[k] += i32::from(w[k]);
                    }
                }
            }
            em.push(acc.map(|a| a as f32));
        }
    }

    /// Tags one sentence.
    pub fn decode(
        &self,
        parts: &[Option<&SentFeatures>],
        em: &mut Vec<[f32; NTAGS]>,
        out: &mut Vec<u8>,
    ) {
        self.emissions(parts, em);
        let trans = self.trans.map(|r| r.map(f32::from));
        let start = self.start.map(f32::from);
        viterbi(em, &trans, &start, out);
    }

    /// Quantises float weights (rows, transitions, start) to i16.
    pub fn quantize(rows: &[f32], trans: &[[f32; NTAGS]; NTAGS], start: &[f32; NTAGS]) -> Stage {
        let max = rows
            .iter()
            .chain(trans.iter().flatten())
            .chain(start.iter())
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let q = |w: f32| (w / scale).round().clamp(-32767.0, 32767.0) as i16;
        Stage {
            scale,
            trans: trans.map(|r| r.map(q)),
            start: start.map(q),
            rows: rows.iter().map(|&w| q(w)).collect(),
        }
    }
}

impl Model {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(MAGIC);
        for v in [
            self.feature_version,
            self.bits,
            self.stages.len() as u32,
            self.note.len() as u32,
        ] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend_from_slice(self.note.as_bytes());
        for s in &self.stages {
            b.extend_from_slice(&s.scale.to_le_bytes());
            for w in s.trans.iter().flatten().chain(s.start.iter()) {
                b.extend_from_slice(&w.to_le_bytes());
            }
            let rows: Vec<&[i16]> = s.rows.chunks(NTAGS).collect();
            let nonzero = rows.iter().filter(|r| r.iter().any(|&w| w != 0)).count();
            b.extend_from_slice(&(nonzero as u32).to_le_bytes());
            let mut bitmap = vec![0u8; rows.len().div_ceil(8)];
            for (i, r) in rows.iter().enumerate() {
                if r.iter().any(|&w| w != 0) {
                    bitmap[i / 8] |= 1 << (i % 8);
                }
            }
            b.extend_from_slice(&bitmap);
            for r in rows.iter().filter(|r| r.iter().any(|&w| w != 0)) {
                for w in *r {
                    b.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        b
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelProblem> {
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelProblem::NotAModel);
        }
        let feature_version = r.u32()?;
        if feature_version != super::features::FEATURE_VERSION {
            return Err(ModelProblem::FeatureVersion {
                found: feature_version,
                expected: super::features::FEATURE_VERSION,
            });
        }
        let bits = r.u32()?;
        if !(8..=26).contains(&bits) {
            return Err(ModelProblem::HashWidth(bits));
        }
        let nstages = r.u32()?;
        if !(1..=2).contains(&nstages) {
            return Err(ModelProblem::StageCount(nstages));
        }
        let note_len = r.u32()? as usize;
        let note = String::from_utf8_lossy(r.take(note_len)?).into_owned();
        let nrows = 1usize << bits;
        let mut stages = Vec::new();
        for _ in 0..nstages {
            let scale = f32::from_le_bytes(r.array()?);
            let mut trans = [[0i16; NTAGS]; NTAGS];
            for row in &mut trans {
                for w in row.iter_mut() {
                    *w = r.i16()?;
                }
            }
            let mut start = [0i16; NTAGS];
            for w in &mut start {
                *w = r.i16()?;
            }
            let nonzero = r.u32()? as usize;
            let bitmap = r.take(nrows.div_ceil(8))?;
            let set: usize = bitmap.iter().map(|b| b.count_ones() as usize).sum();
            if set != nonzero {
                return Err(ModelProblem::RowBitmap);
            }
            let data = r.take(nonzero * NTAGS * 2)?;
            let mut rows = vec![0i16; nrows * NTAGS];
            let mut vals = data
                .chunks_exact(2)
                .map(|c| i16::from_le_bytes([c[0], c[1]]));
            for i in 0..nrows {
                if bitmap[i / 8] & (1 << (i % 8)) != 0 {
                    for w in &mut rows[i * NTAGS..(i + 1) * NTAGS] {
                        *w = vals.next().unwrap_or(0);
                    }
                }
            }
            stages.push(Stage {
                scale,
                trans,
                start,
                rows,
            });
        }
        if r.pos != bytes.len() {
            return Err(ModelProblem::TrailingBytes);
        }
        Ok(Model {
            feature_version,
            bits,
            stages,
            note,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelProblem> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.b.len());
        let Some(end) = end else {
            return Err(ModelProblem::Truncated);
        };
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelProblem> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, ModelProblem> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn i16(&mut self) -> Result<i16, ModelProblem> {
        Ok(i16::from_le_bytes(self.array()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob2_constraints() {
        assert!(allowed(None, 1));
        assert!(!allowed(None, 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(3), 2));
        assert!(!allowed(Some(0), 4));
        assert!(allowed(Some(4), 0));
    }

    #[test]
    fn viterbi_uses_transitions_and_forbids_bad_iob() {
        // Token 2 alone prefers I-PER (2), which may not follow O: the
        // transition from B-PER makes B-PER I-PER the best legal path.
        let mut em = vec![[0f32; NTAGS]; 2];
        em[0][0] = 1.0;
        em[0][1] = 0.8;
        em[1][2] = 2.0;
        em[1][0] = 0.5;
        let trans = [[0f32; NTAGS]; NTAGS];
        let mut out = Vec::new();
        viterbi(&em, &trans, &[0.0; NTAGS], &mut out);
        assert_eq!(out, [1, 2]);
        // A strong penalty on B-PER → I-PER flips it back to O O.
        let mut trans2 = trans;
        trans2[1][2] = -5.0;
        viterbi(&em, &trans2, &[0.0; NTAGS], &mut out);
        assert_eq!(out, [0, 0]);
        viterbi(&[], &trans, &[0.0; NTAGS], &mut out);
        assert!(out.is_empty());
    }

    /// Viterbi comparing all nine predecessors of every tag.
    fn viterbi_all(em: &[[f32; NTAGS]], tr: &[[f32; NTAGS]; NTAGS], st: &[f32; NTAGS]) -> Vec<u8> {
        let n = em.len();
        if n == 0 {
            return Vec::new();
        }
        let mut back = vec![[0u8; NTAGS]; n];
        let mut score: [f32; NTAGS] = std::array::from_fn(|c| st[c] + em[0][c]);
        for t in 1..n {
            let mut next = [0f32; NTAGS];
            for c in 0..NTAGS {
                let (mut best, mut arg) = (score[0] + tr[0][c], 0u8);
                for p in 1..NTAGS {
                    if score[p] + tr[p][c] > best {
                        best = score[p] + tr[p][c];
                        arg = p as u8;
                    }
                }
                next[c] = best + em[t][c];
                back[t][c] = arg;
            }
            score = next;
        }
        let mut cur = (1..NTAGS).fold(0, |l, c| if score[c] > score[l] { c } else { l }) as u8;
        let mut out = vec![0u8; n];
        for t in (0..n).rev() {
            out[t] = cur;
            cur = back[t][cur as usize];
        }
        out
    }

    #[test]
    fn viterbi_compares_only_legal_predecessors_with_the_same_result() {
        let mut rng = crate::util::rng::Rng::new(11);
        let val = |r: &mut crate::util::rng::Rng| r.below(2001) as f32 - 1000.0;
        for round in 0..300 {
            let n = round % 9;
            let em: Vec<[f32; NTAGS]> = (0..n)
                .map(|_| std::array::from_fn(|_| val(&mut rng)))
                .collect();
            let trans: [[f32; NTAGS]; NTAGS] =
                std::array::from_fn(|_| std::array::from_fn(|_| val(&mut rng) / 4.0));
            let start: [f32; NTAGS] = std::array::from_fn(|_| val(&mut rng));
            let (tr, st) = forbid_ill_formed(&trans, &start);
            let mut out = Vec::new();
            viterbi(&em, &trans, &start, &mut out);
            assert_eq!(out, viterbi_all(&em, &tr, &st), "round {round}");
        }
    }

    #[test]
    fn packed_scores_equal_the_dense_tables() {
        // Two stages with different sparse rows (some rows non-empty in one
        // stage only), features that hit empty rows, shared rows and rows
        // past the table.
        let bits = 10;
        let n = 1usize << bits;
        let mut rng = crate::util::rng::Rng::new(7);
        let mut stages = Vec::new();
        for _ in 0..2 {
            let mut rows = vec![0i16; n * NTAGS];
            for _ in 0..200 {
                let r = rng.below(n);
                for k in 0..NTAGS {
                    rows[r * NTAGS + k] = rng.below(60_000) as i16;
                }
            }
            stages.push(Stage {
                scale: 1.0,
                trans: [[3; NTAGS]; NTAGS],
                start: [1; NTAGS],
                rows,
            });
        }
        let packed = Packed::new(&stages);
        assert_eq!(packed.stages(), 2);
        let sent = |len: usize, per: usize, rng: &mut crate::util::rng::Rng| {
            let mut f = SentFeatures::default();
            f.offsets.push(0);
            for _ in 0..len {
                for _ in 0..per {
                    f.rows.push(rng.below(n + 50) as u32);
                }
                f.offsets.push(f.rows.len() as u32);
            }
            f
        };
        for _ in 0..20 {
            let base = sent(12, 40, &mut rng);
            let extra = sent(12, 6, &mut rng);
            let mut both = Vec::new();
            packed.add(&base, 0, &mut both);
            let mut second = Vec::new();
            packed.add(&extra, 1, &mut second);
            let (mut em, mut out) = (Vec::new(), Vec::new());
            for (k, parts) in [[Some(&base), None], [Some(&base), Some(&extra)]]
                .iter()
                .enumerate()
            {
                let mut want = Vec::new();
                stages[k].emissions(parts, &mut want);
                let got: Vec<[f32; NTAGS]> = (0..12)
                    .map(|t| {
                        let mut a = both[t * 2 + k];
                        if k == 1 {
                            for j in 0..NTAGS {
                                a[j] += second[t][j];
                            }
                        }
                        a.map(|x| x as f32)
                    })
                    .collect();
                assert_eq!(got, want);
                let acc: Vec<Acc> = got.iter().map(|a| a.map(|x| x as i32)).collect();
                packed.decode(k, &acc, &mut em, &mut out);
                let mut dense = Vec::new();
                stages[k].decode(parts, &mut em, &mut dense);
                assert_eq!(out, dense);
            }
        }
    }

    #[test]
    fn file_round_trip_and_corruption() {
        let bits = 8;
        let mut rows = vec![0f32; (1 << bits) * NTAGS];
        rows[5 * NTAGS + 1] = 2.5;
        rows[200 * NTAGS + 8] = -1.25;
        let mut trans = [[0f32; NTAGS]; NTAGS];
        trans[0][1] = 0.5;
        let stage = Stage::quantize(&rows, &trans, &[0.1; NTAGS]);
        let m = Model {
            feature_version: super::super::features::FEATURE_VERSION,
            bits,
            stages: vec![stage.clone(), stage],
            note: "test model".into(),
        };
        let bytes = m.to_bytes();
        assert_eq!(Model::from_bytes(&bytes).unwrap(), m);
        assert_eq!(m.stages[0].rows[5 * NTAGS + 1], 32767);
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"garbage").is_err());
        let mut extra = bytes.clone();
        extra.push(0);
        assert!(Model::from_bytes(&extra).is_err());
    }
}
