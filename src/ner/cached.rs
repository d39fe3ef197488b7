//! Tagging's fast path for the stage-one features: a per-word cache of
//! partial emission scores.
//!
//! Most stage-one features of a token read one token alone: its own word,
//! lowercase form, shape, affixes and word statistics (cluster, lowercase
//! share, probability; some with its context: plain, sentence-initial or
//! headline), or the form or cluster of one neighbour at a fixed offset. For each distinct form (the word as the model sees it: after
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

use super::features::{
    Classed, DocFeatures, DocStat, T_BIAS, T_BIGRAM_L, T_BIGRAM_R, T_CTX_SHAPE, T_CTX_WORD,
    T_LOWER, T_LOWER_AT, T_NEXT_WORD_SHAPE, T_PRE, T_SHAPE, T_SHAPE_AT, T_SHAPE_FAR, T_SHAPE3,
    T_SHORT, T_SKIP, T_SUF, T_SUF_AT, T_WORD, T_WORD_PREV_SHAPE, add_doc_stats, context,
    doc_features, dotted_form, is_all_caps, is_title_case, mark_initial, no_neighbour, normalize,
    tok_facts,
};
use super::wordfeat::{neighbour_cluster_features, share_feature, word_stat_features};
use crate::lexicon::ClusterPath;
use crate::ner::gazetteer::{Gazetteer, Kinds};
use crate::ner::weights::{Acc, Packed};
use crate::util::hash::{HashKeyed, PreHashed, finish, mix};
use hashbrown::HashTable;
use std::collections::HashMap;

/// Sums kept per form: as the token itself in context 0, 1 and 2, then as
/// the neighbour at each of [`OFFSETS`].
const SLOTS: usize = 3 + OFFSETS.len();
/// The neighbour offsets of the one-token neighbour features, in the order
/// of their templates (`T_LOWER_AT + k` is the lowercase form at
/// `OFFSETS[k]`).
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];
/// Most forms kept between documents (the 32,768 most frequent words
/// cover about 95% of the tokens of English news). At two stages a form
/// costs 568 bytes (its sums and its entry); with the 320 KB index a full
/// cache takes 18.9 MB per thread.
pub const MAX_WORDS: usize = 1 << 15;
/// Longest form kept between documents, in bytes (the entry holds it);
/// longer ones (URLs, runs of symbols) rarely repeat.
const MAX_FORM: usize = 30;

/// A form, and the facts of it that the features read per token: one
/// cache line, so that a probe that finds its form has fetched them too.
#[derive(Debug, Clone, Copy)]
#[repr(align(64))]
struct Entry {
    key: u64,
    lower: u64,
    shape: u64,
    class: u8,
    /// Length of the form in `form` (forms of document-only entries are
    /// not stored here).
    len: u8,
    form: [u8; MAX_FORM],
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
    /// The kept forms' entry numbers, found by [`table_hash`] of their
    /// [`form_hash`] and compared by form. Sized for [`MAX_WORDS`] at the
    /// start (320 KB: 65,536 buckets of 4 bytes and their control bytes),
    /// small enough to stay in the processor's cache, and never grown.
    /// Against the hand-written linear probing it replaced: look-ups take
    /// 15% more instructions, the tagger bench 0.9% more in all
    /// (callgrind), a difference no timing of the bench or of a 100 MB
    /// build could see.
    table: HashTable<u32>,
    /// The kept forms, at most [`MAX_WORDS`].
    entries: Vec<Entry>,
    /// `SLOTS * stages` sums per kept form.
    sums: Vec<Acc>,
    /// The neighbour sums of a missing neighbour, per offset.
    none: Vec<Acc>,
    /// The current document's forms that are not kept, found through
    /// `temp`; their entry numbers have the [`TEMP`] bit.
    temp: HashMap<Box<str>, u32, std::hash::BuildHasherDefault<PreHashed>>,
    temp_entries: Vec<Entry>,
    temp_sums: Vec<Acc>,
}

/// Marks the entry numbers of forms kept for one document only.
const TEMP: u32 = 1 << 31;

/// Forms not kept above which the room for them is given back after a
/// document (a document with very many new words).
const SHRINK_TEMP: usize = 4096;

impl WordCache {
    /// Number of forms kept between documents (the tests' view of the
    /// cache's bound).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes held by the cache's tables (allocated capacity).
    #[cfg(test)]
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.table.allocation_size()
            + (self.entries.capacity() + self.temp_entries.capacity()) * size_of::<Entry>()
            + (self.sums.capacity() + self.none.capacity() + self.temp_sums.capacity())
                * size_of::<Acc>()
            + self.temp.capacity() * (size_of::<(Box<str>, u32)>() + 1)
    }

    /// Readies the cache for the model `id` with `K` stages and hash width
    /// `bits`: sums computed for another model are dropped.
    fn prepare<const K: usize>(&mut self, id: u64, bits: u32, packed: &Packed) {
        if self.model == Some((id, K, bits)) {
            return;
        }
        *self = WordCache {
            model: Some((id, K, bits)),
            table: HashTable::with_capacity(MAX_WORDS),
            ..WordCache::default()
        };
        // Room for exactly the bound (growing by doubling would leave up to
        // half of it unused).
        self.entries.reserve_exact(MAX_WORDS);
        self.sums.reserve_exact(MAX_WORDS * SLOTS * K);
        let shift = shift(bits);
        for (k, &d) in OFFSETS.iter().enumerate() {
            let mut a = [[0; NTAGS_]; K];
            let nb = no_neighbour(d);
            neighbour_features(k, nb, nb, None, None, &mut |h| {
                packed.add_row(row(h, shift), &mut a)
            });
            self.none.extend_from_slice(&a);
        }
    }

    /// The kept entry of `form` (hash `key`), if it has one.
    #[inline]
    fn find(&self, form: &[u8], key: u64) -> Option<u32> {
        if form.len() > MAX_FORM {
            return None;
        }
        self.table
            .find(table_hash(key), |&e| {
                self.entries.get(e as usize).is_some_and(|en| {
                    en.key == key && en.form.get(..usize::from(en.len)) == Some(form)
                })
            })
            .copied()
    }

    /// The token with form `form`, its entry made if it has none.
    fn word<const K: usize>(&mut self, form: &str, packed: &Packed, shift: u32) -> Word {
        let key = form_hash(form.as_bytes());
        let e = match self.find(form.as_bytes(), key) {
            Some(e) => e,
            None => match self.temp.get(form) {
                Some(&e) => e,
                None => self.insert::<K>(form, key, packed, shift),
            },
        };
        match self.entry(e) {
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

    /// Entry `e`, kept or not.
    #[inline]
    fn entry(&self, e: u32) -> Option<&Entry> {
        if e & TEMP == 0 {
            self.entries.get(e as usize)
        } else {
            self.temp_entries.get((e & !TEMP) as usize)
        }
    }

    /// Adds an entry for `form` (hash `key`) and its sums, kept if the form
    /// is short enough and there is room.
    fn insert<const K: usize>(&mut self, form: &str, key: u64, packed: &Packed, shift: u32) -> u32 {
        let t = tok_facts(form);
        let mut en = Entry {
            key,
            lower: t.lower,
            shape: t.shape,
            class: t.class,
            len: 0,
            form: [0; MAX_FORM],
        };
        let kept = form.len() <= MAX_FORM && self.entries.len() < MAX_WORDS;
        let (e, sums) = match en.form.get_mut(..form.len()).filter(|_| kept) {
            Some(f) => {
                f.copy_from_slice(form.as_bytes());
                en.len = form.len() as u8;
                let e = self.entries.len() as u32;
                self.entries.push(en);
                let entries = &self.entries;
                // The table was made with room for every kept form, so
                // this never rehashes; if it did, it would rehash right.
                self.table.insert_unique(table_hash(key), e, |&x| {
                    entries.get(x as usize).map_or(0, |en| table_hash(en.key))
                });
                (e, &mut self.sums)
            }
            None => {
                let e = TEMP | self.temp_entries.len() as u32;
                self.temp.insert(form.into(), e);
                self.temp_entries.push(en);
                (e, &mut self.temp_sums)
            }
        };
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
            add(&mut a, share_feature(&t.stats, ctx));
            word_stat_features(&t.stats, ctx, &mut |h| add(&mut a, h));
            sums.extend_from_slice(&a);
        }
        let suf3 = (t.naff >= 3).then_some(t.suf[2]);
        for k in 0..OFFSETS.len() {
            let mut a = [[0; NTAGS_]; K];
            neighbour_features(k, t.lower, t.shape, suf3, Some(t.stats.cluster), &mut |h| {
                add(&mut a, h)
            });
            sums.extend_from_slice(&a);
        }
        e
    }

    /// Sum `slot` of entry `e`.
    #[inline]
    fn slot<const K: usize>(&self, e: u32, slot: usize) -> &[Acc] {
        let sums = if e & TEMP == 0 {
            &self.sums
        } else {
            &self.temp_sums
        };
        let at = ((e & !TEMP) as usize * SLOTS + slot) * K;
        sums.get(at..at + K).unwrap_or(&[])
    }

    /// Drops the entries of the document just tagged that are not kept.
    fn end_document(&mut self) {
        if self.temp_entries.len() > SHRINK_TEMP {
            self.temp = HashMap::default();
            self.temp_entries = Vec::new();
            self.temp_sums = Vec::new();
        } else {
            self.temp.clear();
            self.temp_entries.clear();
            self.temp_sums.clear();
        }
    }
}

const NTAGS_: usize = super::features::NTAGS;

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

/// The hash the table is given for a form hash: hashbrown picks buckets by
/// its low bits and tags them with its top ones, and the low bits of
/// [`form_hash`] (a product) depend on the first bytes of a form only, so
/// the high half is folded into them.
#[inline]
fn table_hash(key: u64) -> u64 {
    key ^ (key >> 32)
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
/// given that neighbour's lowercase form, shape, three-letter suffix and
/// cluster (for a missing neighbour: [`no_neighbour`], no suffix and no
/// cluster features).
fn neighbour_features(
    k: usize,
    lower: u64,
    shape: u64,
    suf3: Option<u64>,
    cluster: Option<Option<ClusterPath>>,
    push: &mut impl FnMut(u64),
) {
    push(mix(T_LOWER_AT + k as u64, lower));
    if let Some(c) = cluster {
        neighbour_cluster_features(k, c, push);
    }
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
    let mut stats: HashKeyed<DocStat> = HashKeyed::with_capacity_and_hasher(
        ntok.min(super::features::RESERVE_WORDS),
        Default::default(),
    );
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
    cache.end_document();
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
        let mut rng = crate::util::rng::Rng::new(9);
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
    fn forms_that_share_a_slot_or_are_long_keep_their_own_sums() {
        let p = packed();
        let shift = shift(10);
        let mut c = WordCache::default();
        c.prepare::<1>(1, 10, &p);
        // Two forms whose probes start at the same bucket of the table
        // (65,536 buckets for MAX_WORDS forms).
        let slot = |w: &str| table_hash(form_hash(w.as_bytes())) & 0xFFFF;
        let first = "w0".to_string();
        let Some(second) = (1..100_000)
            .map(|i| format!("w{i}"))
            .find(|w| slot(w) == slot(&first))
        else {
            panic!("no two forms share a slot");
        };
        let long = "Long".repeat(10);
        let mut got = Vec::new();
        for _ in 0..2 {
            let words: Vec<Word> = [&first, &second, &long, &first]
                .iter()
                .map(|w| c.word::<1>(w, &p, shift))
                .collect();
            let sums: Vec<Vec<Acc>> = words
                .iter()
                .map(|w| c.slot::<1>(w.entry, 4).to_vec())
                .collect();
            assert_eq!(words[0].entry, words[3].entry);
            assert_ne!(words[0].entry, words[1].entry);
            assert_eq!(words[1].lower, crate::util::hash::fnv(second.as_bytes()));
            assert_eq!(
                words[2].lower,
                crate::util::hash::fnv(long.to_lowercase().as_bytes())
            );
            assert_eq!((c.entries.len(), c.temp_entries.len()), (2, 1));
            c.end_document();
            // The long form is scored for its document only.
            assert_eq!(c.len(), 2);
            got.push(sums);
        }
        assert_eq!(got[0], got[1]);
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
