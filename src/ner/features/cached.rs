//! Tagging's fast path for the stage-one features: a per-word cache of
//! partial emission scores.
//!
//! Most stage-one features of a token read one token alone: its own word,
//! lowercase form, shape and affixes (some with its context: plain,
//! sentence-initial or headline), or the form of one neighbour at a fixed
//! offset. For each distinct form (the word as the model sees it: after
//! [`normalize`], in capitals in a Title Case headline, or dotted) the
//! cache keeps those features' summed weights in every stage: three "self"
//! sums, one per context, and four "as the neighbour at offset -2, -1, +1,
//! +2" sums. A frequent word then costs one table probe instead of hashing
//! some 25 features and fetching their rows from a table of megabytes (the
//! tagger waited on those fetches most of its time). Only the features
//! that combine two tokens or read the document (case elsewhere, gazetteer
//! matches) are hashed and looked up per token, as [`extract`] does.
//!
//! Weights are integers, so the sums are exact in any order: scores, and
//! so tags, are the same as [`Packed::add`] gives for [`extract`]'s
//! features (tests check it); the cache changes speed only. It holds at
//! most [`MAX_WORDS`] forms; other forms are scored for the current
//! document and dropped at its end.

use super::{
    Classed, DocFeatures, DocStat, HashKeyed, T_BIAS, T_BIGRAM_L, T_BIGRAM_R, T_CTX_SHAPE,
    T_CTX_WORD, T_LOWER, T_LOWER_AT, T_NEXT_WORD_SHAPE, T_PRE, T_SHAPE, T_SHAPE_AT, T_SHAPE_FAR,
    T_SHAPE3, T_SHORT, T_SKIP, T_SUF, T_SUF_AT, T_WORD, T_WORD_PREV_SHAPE, add_doc_stats, context,
    doc_features, dotted_form, is_all_caps, is_title_case, mark_initial, no_neighbour, normalize,
    tok_facts,
};
use crate::ner::gazetteer::{Gazetteer, Kinds};
use crate::ner::hash::{finish, mix};
use crate::ner::weights::{Acc, Packed};

/// Sums kept per form: as the token itself in context 0, 1 and 2, then as
/// the neighbour at each of [`OFFSETS`].
const SLOTS: usize = 3 + OFFSETS.len();
/// The neighbour offsets of the one-token neighbour features, in the order
/// of their templates (`T_LOWER_AT + k` is the lowercase form at
/// `OFFSETS[k]`).
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
/// Most forms kept between documents (the 32,768 most frequent words
/// cover about 95% of the tokens of English news). At two stages a form
/// costs about 560 bytes, so a full cache is about 18 MB per thread.
pub const MAX_WORDS: usize = 1 << 15;
/// Longer forms (URLs, runs of symbols) are not kept: they rarely repeat.
const MAX_FORM: usize = 64;

/// A cached form: where its text is in [`WordCache::forms`], and the facts
/// of it that the features read per token.
#[derive(Debug, Clone, Copy)]
struct Entry {
    key: u64,
    start: u32,
    end: u32,
    lower: u64,
    shape: u64,
    class: u8,
}

/// One token of the document being tagged: its form's entry and facts.
#[derive(Debug, Clone, Copy)]
struct Word {
    entry: u32,
    lower: u64,
    shape: u64,
    class: u8,
    initial: bool,
}

impl Classed for Word {
    fn class(&self) -> u8 {
        self.class
    }
    fn lower(&self) -> u64 {
        self.lower
    }
    fn initial(&self) -> bool {
        self.initial
    }
    fn set_initial(&mut self, initial: bool) {
        self.initial = initial;
    }
}

/// Partial emission scores per word form, for one model. Meant to live as
/// long as a worker thread (see [`crate::ner::tagger`]); an empty cache
/// allocates nothing.
#[derive(Debug, Default)]
pub struct WordCache {
    /// The model the sums belong to: its id, stage count and hash width.
    model: Option<(u64, usize, u32)>,
    /// [`form_hash`] of a form → its entry. A form whose hash belongs to another
    /// form gets an entry that is not indexed.
    index: HashKeyed<u32>,
    /// The text of every entry's form, one after the other.
    forms: String,
    entries: Vec<Entry>,
    /// `SLOTS * stages` sums per entry.
    sums: Vec<Acc>,
    /// The neighbour sums of a missing neighbour, per offset.
    none: Vec<Acc>,
    /// Entries (and bytes of `forms`) kept between documents; the ones
    /// after them belong to the current document only.
    keep: usize,
    keep_forms: usize,
}

/// Sizes above which the document-only part of the cache is given back
/// after a document (a document with very many new words).
const SHRINK_ENTRIES: usize = 2 * MAX_WORDS;

impl WordCache {
    /// Number of forms kept between documents.
    pub fn len(&self) -> usize {
        self.keep
    }

    pub fn is_empty(&self) -> bool {
        self.keep == 0
    }

    /// Bytes held by the cache's tables (allocated capacity).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.index.capacity() * (size_of::<(u64, u32)>() + 1)
            + self.forms.capacity()
            + self.entries.capacity() * size_of::<Entry>()
            + (self.sums.capacity() + self.none.capacity()) * size_of::<Acc>()
    }

    /// Readies the cache for the model `id` with `K` stages and hash width
    /// `bits`: sums computed for another model are dropped.
    fn prepare<const K: usize>(&mut self, id: u64, bits: u32, packed: &Packed) {
        if self.model == Some((id, K, bits)) {
            return;
        }
        *self = WordCache {
            model: Some((id, K, bits)),
            ..WordCache::default()
        };
        let shift = shift(bits);
        for (k, &d) in OFFSETS.iter().enumerate() {
            let mut a = [[0; NTAGS_]; K];
            let nb = no_neighbour(d);
            neighbour_features(k, nb, nb, None, &mut |h| {
                packed.add_row(row(h, shift), &mut a)
            });
            self.none.extend_from_slice(&a);
        }
    }

    /// The text of entry `e`.
    fn form(&self, e: u32) -> Option<&str> {
        let en = self.entries.get(e as usize)?;
        self.forms.get(en.start as usize..en.end as usize)
    }

    /// The token with form `form`, its entry made if it has none.
    fn word<const K: usize>(&mut self, form: &str, packed: &Packed, shift: u32) -> Word {
        let key = form_hash(form.as_bytes());
        let found = self.index.get(&key).copied();
        let e = match found {
            Some(e) if self.form(e) == Some(form) => e,
            _ => self.insert::<K>(form, key, found.is_none(), packed, shift),
        };
        match self.entries.get(e as usize) {
            Some(en) => Word {
                entry: e,
                lower: en.lower,
                shape: en.shape,
                class: en.class,
                initial: false,
            },
            // Not reached: `insert` returns the entry it pushed.
            None => Word {
                entry: e,
                lower: 0,
                shape: 0,
                class: 0,
                initial: false,
            },
        }
    }

    /// Adds an entry for `form` (hash `key`) and its sums; `indexed` when
    /// no other form has the same hash.
    fn insert<const K: usize>(
        &mut self,
        form: &str,
        key: u64,
        indexed: bool,
        packed: &Packed,
        shift: u32,
    ) -> u32 {
        let t = tok_facts(form);
        let e = self.entries.len() as u32;
        // Kept between documents only while no document-only entry comes
        // before it (they are all dropped at once at the end).
        let kept = indexed
            && self.keep == self.entries.len()
            && self.keep < MAX_WORDS
            && form.len() <= MAX_FORM;
        let start = self.forms.len();
        self.forms.push_str(form);
        self.entries.push(Entry {
            key,
            // A document's forms beyond 4 GB would wrap: they then only
            // fail to match, and are scored again.
            start: start as u32,
            end: self.forms.len() as u32,
            lower: t.lower,
            shape: t.shape,
            class: t.class,
        });
        if indexed {
            self.index.insert(key, e);
        }
        if kept {
            self.keep += 1;
            self.keep_forms = self.forms.len();
        }
        let mut common = [[0; NTAGS_]; K];
        let add = |a: &mut [Acc; K], h: u64| packed.add_row(row(h, shift), a);
        add(&mut common, T_BIAS);
        add(&mut common, mix(T_WORD, t.word));
        add(&mut common, mix(T_LOWER, t.lower));
        add(&mut common, mix(T_SHAPE, t.shape));
        add(&mut common, mix(T_SHORT, t.short));
        for k in 0..t.naff.min(4) {
            add(&mut common, mix(T_PRE + k as u64, t.pre[k]));
            add(&mut common, mix(T_SUF + k as u64, t.suf[k]));
        }
        for ctx in 0..3u64 {
            let mut a = common;
            add(&mut a, mix(mix(T_CTX_SHAPE, ctx), t.short));
            add(&mut a, mix(mix(T_CTX_WORD, ctx), t.lower));
            self.sums.extend_from_slice(&a);
        }
        let suf3 = (t.naff >= 3).then_some(t.suf[2]);
        for k in 0..OFFSETS.len() {
            let mut a = [[0; NTAGS_]; K];
            neighbour_features(k, t.lower, t.shape, suf3, &mut |h| add(&mut a, h));
            self.sums.extend_from_slice(&a);
        }
        e
    }

    /// Sum `slot` of entry `e`.
    #[inline]
    fn slot<const K: usize>(&self, e: u32, slot: usize) -> &[Acc] {
        let at = (e as usize * SLOTS + slot) * K;
        self.sums.get(at..at + K).unwrap_or(&[])
    }

    /// Drops the entries of the document just tagged that are not kept.
    fn end_document<const K: usize>(&mut self) {
        for e in self.keep..self.entries.len() {
            if let Some(en) = self.entries.get(e)
                && self.index.get(&en.key) == Some(&(e as u32))
            {
                self.index.remove(&en.key);
            }
        }
        let big = self.entries.len() > SHRINK_ENTRIES;
        self.entries.truncate(self.keep);
        self.sums.truncate(self.keep * SLOTS * K);
        self.forms.truncate(self.keep_forms);
        if big {
            self.entries.shrink_to(MAX_WORDS);
            self.sums.shrink_to(MAX_WORDS * SLOTS * K);
            self.forms.shrink_to(MAX_WORDS * 8);
            self.index.shrink_to(MAX_WORDS);
        }
    }
}

const NTAGS_: usize = super::NTAGS;

/// The cache's hash of a form: eight bytes a step (FNV, a byte a step,
/// was a good share of the probe's time). Only equal hashes are compared
/// as strings, so its quality only matters for speed.
fn form_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut x = [0u8; 8];
        x.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(x)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut x = [0u8; 8];
        x.get_mut(..rest.len())
            .unwrap_or(&mut [])
            .copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(x)).wrapping_mul(K);
    }
    h
}

fn shift(bits: u32) -> u32 {
    64 - bits.clamp(1, 32)
}

/// The row a feature hash selects.
#[inline]
fn row(h: u64, shift: u32) -> u32 {
    (finish(h) >> shift) as u32
}

/// The features of a token that read only its neighbour at `OFFSETS[k]`,
/// given that neighbour's lowercase form, shape and three-letter suffix
/// (for a missing neighbour: [`no_neighbour`] and no suffix).
fn neighbour_features(
    k: usize,
    lower: u64,
    shape: u64,
    suf3: Option<u64>,
    push: &mut impl FnMut(u64),
) {
    push(mix(T_LOWER_AT + k as u64, lower));
    match k {
        0 => push(mix(T_SHAPE_FAR, shape)),
        1 | 2 => {
            let side = k as u64 - 1;
            push(mix(T_SHAPE_AT + side, shape));
            if let Some(s) = suf3 {
                push(mix(T_SUF_AT + side, s));
            }
        }
        _ => push(mix(T_SHAPE_FAR + 1, shape)),
    }
}

/// The stage-one scores of every token of a document in all `K` stages
/// (`K` entries per token, as [`Packed::add`] gives them for
/// [`extract`](super::extract)'s features), and the document's features
/// for stage two. `model` identifies `packed` and `bits` (see
/// [`WordCache`]).
pub fn scores<S: AsRef<str>, const K: usize>(
    sentences: &[Vec<S>],
    gaz: &Gazetteer,
    bits: u32,
    packed: &Packed,
    model: u64,
    cache: &mut WordCache,
) -> (DocFeatures, Vec<Vec<Acc>>) {
    cache.prepare::<K>(model, bits, packed);
    let shift = shift(bits);
    let ntok: usize = sentences.iter().map(Vec::len).sum();
    let mut stats: HashKeyed<DocStat> =
        HashKeyed::with_capacity_and_hasher(ntok.min(super::RESERVE_WORDS), Default::default());
    let mut words: Vec<Vec<Word>> = Vec::with_capacity(sentences.len());
    let mut caps: Vec<bool> = Vec::with_capacity(sentences.len());
    // Which form each token is shown as, decided as in `extract`.
    for s in sentences {
        let mut ws: Vec<Word> = s
            .iter()
            .map(|w| cache.word::<K>(&normalize(w.as_ref()), packed, shift))
            .collect();
        mark_initial(&mut ws);
        let mut is_caps = is_all_caps(&ws);
        if !is_caps && is_title_case(&ws, s) {
            for (x, w) in ws.iter_mut().zip(s) {
                let upper = normalize(w.as_ref()).to_uppercase();
                *x = Word {
                    initial: x.initial,
                    ..cache.word::<K>(&upper, packed, shift)
                };
            }
            is_caps = true;
        }
        if !is_caps {
            for (x, w) in ws.iter_mut().zip(s) {
                if let Some(d) = dotted_form(w.as_ref()) {
                    *x = Word {
                        initial: x.initial,
                        ..cache.word::<K>(d, packed, shift)
                    };
                }
            }
            add_doc_stats(&ws, &mut stats);
        }
        words.push(ws);
        caps.push(is_caps);
    }

    let mut out = Vec::with_capacity(sentences.len());
    let mut lows = Vec::new();
    let (mut gb, mut gi): (Vec<Kinds>, Vec<Kinds>) = (Vec::new(), Vec::new());
    // The rows of the features not in the cache, for one sentence, token
    // `t`'s at `rows[ends[t - 1]..ends[t]]`, and their places.
    let (mut rows, mut ends, mut places): (Vec<u32>, Vec<usize>, Vec<u32>) =
        (Vec::new(), Vec::new(), Vec::new());
    for (ws, &is_caps) in words.iter().zip(&caps) {
        lows.clear();
        lows.extend(ws.iter().map(|t| t.lower));
        gaz.matches(&lows, &mut gb, &mut gi);
        rows.clear();
        ends.clear();
        for (i, t) in ws.iter().enumerate() {
            let at = |d: isize| i.checked_add_signed(d).and_then(|j| ws.get(j));
            let lo = |d: isize| at(d).map_or(no_neighbour(d), |x| x.lower);
            let sh = |d: isize| at(d).map_or(no_neighbour(d), |x| x.shape);
            let ctx = context(is_caps, t.initial);
            let mut push = |h: u64| rows.push(row(h, shift));
            push(mix(mix(mix(T_SHAPE3, sh(-1)), t.shape), sh(1)));
            push(mix(mix(T_BIGRAM_L, lo(-1)), t.lower));
            push(mix(mix(T_BIGRAM_R, t.lower), lo(1)));
            push(mix(mix(T_WORD_PREV_SHAPE, lo(-1)), t.shape));
            push(mix(mix(T_SKIP, lo(-1)), lo(1)));
            push(mix(mix(T_NEXT_WORD_SHAPE, t.shape), lo(1)));
            doc_features(t.lower, t.class, ctx, &stats, &gb, &gi, i, &mut push);
            ends.push(rows.len());
        }
        places.clear();
        packed.places(&rows, &mut places);
        let mut acc: Vec<Acc> = Vec::with_capacity(ws.len() * K);
        let mut from = 0;
        for (i, (t, &end)) in ws.iter().zip(&ends).enumerate() {
            let at = |d: isize| i.checked_add_signed(d).and_then(|j| ws.get(j));
            let ctx = context(is_caps, t.initial);
            let mut a = [[0i32; NTAGS_]; K];
            let mut sum = |v: &[Acc]| {
                for (a, v) in a.iter_mut().zip(v) {
                    for j in 0..NTAGS_ {
                        a[j] += v[j];
                    }
                }
            };
            sum(cache.slot::<K>(t.entry, ctx as usize));
            for (k, &d) in OFFSETS.iter().enumerate() {
                match at(d) {
                    Some(x) => sum(cache.slot::<K>(x.entry, 3 + k)),
                    None => sum(cache.none.get(k * K..(k + 1) * K).unwrap_or(&[])),
                }
            }
            for &p in places.get(from..end).unwrap_or(&[]) {
                packed.add_placed(p, &mut a);
            }
            from = end;
            acc.extend_from_slice(&a);
        }
        out.push(acc);
    }
    cache.end_document::<K>();
    let feats = DocFeatures {
        base: Vec::new(),
        toks: words
            .iter()
            .map(|ws| ws.iter().map(|t| (t.lower, t.class)).collect())
            .collect(),
        bits,
    };
    (feats, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::weights::Stage;

    fn packed() -> Packed {
        let mut rng = crate::rng::Rng::new(9);
        let rows = (0..(1usize << 10) * NTAGS_)
            .map(|_| rng.below(200) as i16 - 100)
            .collect();
        Packed::new(&[Stage {
            scale: 1.0,
            trans: [[0; NTAGS_]; NTAGS_],
            start: [0; NTAGS_],
            rows,
        }])
    }

    #[test]
    fn a_form_whose_hash_is_taken_gets_its_own_sums() {
        let p = packed();
        let shift = shift(10);
        let mut c = WordCache::default();
        c.prepare::<1>(1, 10, &p);
        let alpha = c.word::<1>("alpha", &p, shift);
        let want = c.word::<1>("Beta", &p, shift);
        let want_sums = c.slot::<1>(want.entry, 0).to_vec();
        c.end_document::<1>();
        assert_eq!(c.len(), 2);
        // Make "gamma"'s hash point at "alpha" as a collision would.
        c.index.insert(form_hash(b"gamma"), alpha.entry);
        let g = c.word::<1>("gamma", &p, shift);
        assert_ne!(g.entry, alpha.entry);
        assert_eq!(g.lower, crate::ner::hash::fnv(b"gamma"));
        assert_eq!(c.index.get(&form_hash(b"gamma")), Some(&alpha.entry));
        c.end_document::<1>();
        assert_eq!(c.len(), 2);
        assert_eq!(c.word::<1>("alpha", &p, shift).entry, alpha.entry);
        let b = c.word::<1>("Beta", &p, shift);
        assert_eq!((b.entry, b.class), (want.entry, want.class));
        assert_eq!(c.slot::<1>(b.entry, 0), want_sums);
        // Another model starts from an empty cache.
        c.prepare::<1>(2, 10, &p);
        assert!(c.is_empty());
    }

    #[test]
    fn form_hash_reads_every_byte() {
        let h: Vec<u64> = [
            "",
            "a",
            "b",
            "ab",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefgh\0",
        ]
        .iter()
        .map(|s| form_hash(s.as_bytes()))
        .collect();
        let mut d = h.clone();
        d.sort_unstable();
        d.dedup();
        assert_eq!(d.len(), h.len(), "{h:?}");
    }
}
