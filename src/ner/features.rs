//! Features of the tagger, computed per document so that document-level
//! evidence can be used: word, lowercase, shape, prefixes and suffixes in a
//! window of two tokens, sentence-initial and all-caps (headline) context,
//! gazetteer matches, how the same word is written elsewhere in the document
//! (Chieu & Ng 2002), and, for the second stage, the labels the first stage
//! gave the same word elsewhere in the document (Krishnan & Manning 2006).
//!
//! Every feature is a 64-bit hash of a template id and its value, cut to
//! `bits` bits: the row of the weight table it selects.
//!
//! [`extract`] lists every feature (training and evaluation use the lists);
//! tagging takes the faster path of [`super::cached`], which sums the weights of
//! the features that read one word once per word form. Both share the
//! sentence and document helpers below, and a change to a template must be
//! made in both (tests in `tagger.rs` compare their scores).

use super::gazetteer::{Gazetteer, Kinds};
use super::wordfeat::{WordStats, neighbour_cluster_features, share_feature, word_stat_features};
use crate::util::hash::{HashKeyed, finish, fnv, mix};
use std::borrow::Cow;

/// The IOB2 tags, in the order of the weight table's columns.
pub const TAGS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
pub const NTAGS: usize = TAGS.len();

/// Index of an IOB2 tag in [`TAGS`] (unknown types read as `O`).
pub fn tag_index(tag: &str) -> u8 {
    TAGS.iter().position(|t| *t == tag).unwrap_or(0) as u8
}

/// Entity type of a tag index (0 PER, 1 ORG, 2 LOC, 3 MISC), None for `O`.
pub fn tag_type(tag: u8) -> Option<u8> {
    (tag > 0 && (tag as usize) < NTAGS).then(|| (tag - 1) / 2)
}

/// True for `B-` tags.
pub fn is_begin(tag: u8) -> bool {
    tag > 0 && tag % 2 == 1
}

/// The entity spans of one sentence's IOB2 tags, as (start, end, type)
/// token ranges: a span starts at any typed tag and runs while the following
/// tags are `I-` of the same type (so a stray `I-` after `O` starts a span,
/// as in conlleval).
pub fn spans(tags: &[u8]) -> impl Iterator<Item = (usize, usize, u8)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < tags.len() {
            let start = i;
            i += 1;
            let Some(ty) = tag_type(tags[start]) else {
                continue;
            };
            while i < tags.len() && !is_begin(tags[i]) && tag_type(tags[i]) == Some(ty) {
                i += 1;
            }
            return Some((start, i, ty));
        }
        None
    })
}

/// Features of one sentence, tokens in order: token `t`'s rows are
/// `rows[offsets[t]..offsets[t + 1]]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentFeatures {
    pub rows: Vec<u32>,
    pub offsets: Vec<u32>,
}

impl SentFeatures {
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn token(&self, t: usize) -> &[u32] {
        let a = self.offsets.get(t).copied().unwrap_or(0) as usize;
        let b = self.offsets.get(t + 1).copied().unwrap_or(0) as usize;
        self.rows.get(a..b).unwrap_or(&[])
    }
}

// Template ids. Changing any of them, or what a template hashes, needs a
// retrained model: bump `FEATURE_VERSION` so old model files are refused.
pub const FEATURE_VERSION: u32 = 7;
pub(super) const T_BIAS: u64 = 1;
pub(super) const T_WORD: u64 = 2;
pub(super) const T_LOWER: u64 = 3;
pub(super) const T_LOWER_AT: u64 = 4; // + offset
pub(super) const T_SHAPE: u64 = 10;
pub(super) const T_SHAPE_AT: u64 = 11;
pub(super) const T_SHAPE3: u64 = 14;
pub(super) const T_SHORT: u64 = 15;
pub(super) const T_PRE: u64 = 16;
pub(super) const T_SUF: u64 = 20;
pub(super) const T_BIGRAM_L: u64 = 24;
pub(super) const T_BIGRAM_R: u64 = 25;
pub(super) const T_CTX_SHAPE: u64 = 26;
pub(super) const T_CTX_WORD: u64 = 27;
const T_DOCCASE: u64 = 28;
const T_SEQ: u64 = 29;
const T_GAZ_B: u64 = 30;
const T_GAZ_I: u64 = 31;
const T_GAZ_PREV: u64 = 32;
const T_GAZ_NEXT: u64 = 33;
pub(super) const T_WORD_PREV_SHAPE: u64 = 34;
pub(super) const T_SKIP: u64 = 35;
pub(super) const T_NEXT_WORD_SHAPE: u64 = 36;
pub(super) const T_SUF_AT: u64 = 37;
pub(super) const T_SHAPE_FAR: u64 = 39;
const T_S1_OWN: u64 = 40;
const T_S1_PREV: u64 = 41;
const T_S1_NEXT: u64 = 42;
const T_S2_TOK: u64 = 43;
const T_S2_SUP: u64 = 44;
const T_S2_ENT: u64 = 45;
// 46 to 59: the word-statistics templates of `super::wordfeat`.

/// Writing classes of a token.
const LOWER: u8 = 0;
const INITCAP: u8 = 1;
const ALLCAPS: u8 = 2;
const NOALPHA: u8 = 3;

/// Maps typographic quotes and dashes to the ASCII forms CoNLL uses, so that
/// raw web text and the training data look alike to the model.
pub fn normalize(w: &str) -> Cow<'_, str> {
    if w.is_ascii() {
        return match w {
            "``" | "''" => Cow::Borrowed("\""),
            "`" => Cow::Borrowed("'"),
            _ => Cow::Borrowed(w),
        };
    }
    Cow::Owned(
        w.chars()
            .map(|c| match c {
                '“' | '”' | '«' | '»' | '„' => '"',
                '‘' | '’' | '‚' => '\'',
                '—' | '–' | '‑' => '-',
                c => c,
            })
            .collect(),
    )
}

/// The training data (1990s Reuters) writes "U.S." where today's wire
/// style writes "US"; outside all-caps headlines (where "US" may be the
/// pronoun) the model sees the form it was trained on.
pub(super) fn dotted_form(w: &str) -> Option<&'static str> {
    match w {
        "US" => Some("U.S."),
        _ => None,
    }
}

/// Words a Title Case Headline may leave in lowercase.
const HEADLINE_LOWER: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "off",
    "on", "or", "over", "per", "the", "to", "up", "via", "vs", "with",
];

/// True for a Title Case Headline: at least four capitalised words, most
/// words capitalised, lowercase only for function words, few numbers or
/// punctuation, no brackets, and no final period (a sentence full of names
/// such as "Gen. Ana Ruiz met Prime Minister Tomas Berg in Peru." is not a
/// headline).
pub(super) fn is_title_case<T: Classed, S: AsRef<str>>(ts: &[T], words: &[S]) -> bool {
    let mut caps = 0;
    let mut alpha = 0;
    for (t, w) in ts.iter().zip(words) {
        match t.class() {
            INITCAP | ALLCAPS => {
                caps += 1;
                alpha += 1;
            }
            LOWER => {
                alpha += 1;
                if !HEADLINE_LOWER.contains(&w.as_ref()) {
                    return false;
                }
            }
            _ => {}
        }
    }
    // Score lines, tables and "Name (Country)" lists are not headlines.
    let other = ts.len() - alpha;
    let bracket = words.iter().any(|w| w.as_ref() == "(");
    let period = words.last().is_some_and(|w| w.as_ref() == ".");
    caps >= 4 && caps * 4 >= alpha * 3 && other * 4 <= ts.len() && !bracket && !period
}

/// The rows of one token's features, gathered on the stack and appended
/// to the sentence's list at once: pushing each onto the growing list
/// cost more than computing it.
struct TokRows {
    rows: [u32; 80],
    n: usize,
}

impl Default for TokRows {
    fn default() -> Self {
        TokRows {
            rows: [0; 80],
            n: 0,
        }
    }
}

impl TokRows {
    /// Adds a row (a token has at most 64 stage-one features; more would
    /// be dropped, not panic).
    #[inline]
    fn push(&mut self, row: u32) {
        if let Some(slot) = self.rows.get_mut(self.n) {
            *slot = row;
            self.n += 1;
        }
    }
    fn rows(&self) -> &[u32] {
        self.rows.get(..self.n).unwrap_or(&[])
    }
}

/// Facts about one token, computed once per document.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Tok {
    pub(super) word: u64,
    pub(super) lower: u64,
    pub(super) shape: u64,
    pub(super) short: u64,
    pub(super) pre: [u64; 4],
    pub(super) suf: [u64; 4],
    pub(super) naff: usize,
    pub(super) class: u8,
    /// No word or number before it in its sentence.
    pub(super) initial: bool,
    /// What a large corpus says of the word.
    pub(super) stats: WordStats,
}

/// What the sentence- and document-level features read of a token: shared
/// by [`extract`] and the cached path of [`super::cached`], so that both classify
/// sentences and count document evidence the same way.
pub(super) trait Classed {
    fn class(&self) -> u8;
    fn lower(&self) -> u64;
    fn initial(&self) -> bool;
    fn set_initial(&mut self, initial: bool);
}

impl Classed for Tok {
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

/// Marks the tokens with no word or number before them in their sentence.
pub(super) fn mark_initial<T: Classed>(ts: &mut [T]) {
    let mut seen_word = false;
    for t in ts {
        t.set_initial(!seen_word);
        seen_word |= t.class() != NOALPHA;
    }
}

/// True for a sentence in capitals (a headline): no lowercase or
/// capitalised word, some all-caps one, and at least two tokens.
pub(super) fn is_all_caps<T: Classed>(ts: &[T]) -> bool {
    let any_lower = ts
        .iter()
        .any(|t| t.class() == LOWER || t.class() == INITCAP);
    let some_caps = ts.iter().any(|t| t.class() == ALLCAPS);
    !any_lower && some_caps && ts.len() >= 2
}

/// Adds how the words of one mixed-case sentence are written to the
/// document's statistics.
pub(super) fn add_doc_stats<T: Classed>(ts: &[T], stats: &mut HashKeyed<DocStat>) {
    let mut run_start: Option<usize> = None;
    for i in 0..=ts.len() {
        let cap = ts
            .get(i)
            .is_some_and(|t| t.class() == INITCAP || t.class() == ALLCAPS);
        if let Some(t) = ts.get(i) {
            let st = stats.entry(t.lower()).or_default();
            match t.class() {
                LOWER => st.low = true,
                INITCAP if !t.initial() => st.cap_mid = true,
                ALLCAPS if !t.initial() => st.upper_mid = true,
                _ => {}
            }
        }
        match (cap, run_start) {
            (true, None) => run_start = Some(i),
            (false, Some(a)) => {
                if i - a >= 2 {
                    for (k, t) in ts.get(a..i).unwrap_or(&[]).iter().enumerate() {
                        let bit = if k == 0 {
                            1
                        } else if a + k + 1 == i {
                            4
                        } else {
                            2
                        };
                        stats.entry(t.lower()).or_default().seq |= bit;
                    }
                }
                run_start = None;
            }
            _ => {}
        }
    }
}

/// The context of a token for the context features: 2 in a headline, 1
/// at the start of a sentence, else 0.
pub(super) fn context(is_caps: bool, initial: bool) -> u64 {
    if is_caps {
        2
    } else if initial {
        1
    } else {
        0
    }
}

/// The stand-in for the lowercase form or shape of a missing neighbour at
/// offset `d` (before the start or past the end of the sentence).
const NONE: u64 = 0x6e6f_6e65;
pub(super) fn no_neighbour(d: isize) -> u64 {
    NONE ^ d as u64
}

/// The last features of token `i` of a sentence, in order: how its word is
/// written elsewhere in the document and its gazetteer matches (`gb`, `gi`:
/// the sentence's matches beginning and inside a name). `push` gets each
/// feature's hash, not yet cut to a row.
#[allow(clippy::too_many_arguments)]
pub(super) fn doc_features(
    lower: u64,
    class: u8,
    ctx: u64,
    stats: &HashKeyed<DocStat>,
    gb: &[Kinds],
    gi: &[Kinds],
    i: usize,
    push: &mut impl FnMut(u64),
) {
    if class != NOALPHA {
        let st = stats.get(&lower).copied().unwrap_or_default();
        let dc = u64::from(st.cap_mid) | u64::from(st.low) << 1 | u64::from(st.upper_mid) << 2;
        push(mix(T_DOCCASE, dc | ctx << 3 | u64::from(class) << 5));
        if st.seq != 0 && class != LOWER {
            push(mix(T_SEQ, u64::from(st.seq) | ctx << 3));
        }
    }
    let (b, inn) = (
        gb.get(i).copied().unwrap_or(0),
        gi.get(i).copied().unwrap_or(0),
    );
    // Most tokens match nothing.
    if b | inn != 0 {
        for k in 0..8u64 {
            if b & (1 << k) != 0 {
                push(mix(T_GAZ_B, k | u64::from(class) << 4));
            }
            if inn & (1 << k) != 0 {
                push(mix(T_GAZ_I, k));
            }
        }
    }
    let gprev = i.checked_sub(1).map_or(0, |j| {
        gb.get(j).copied().unwrap_or(0) | gi.get(j).copied().unwrap_or(0)
    });
    let gnext = gb.get(i + 1).copied().unwrap_or(0) | gi.get(i + 1).copied().unwrap_or(0);
    if gprev != 0 {
        push(mix(T_GAZ_PREV, u64::from(gprev)));
    }
    if gnext != 0 {
        push(mix(T_GAZ_NEXT, u64::from(gnext)));
    }
}

fn char_class(c: char) -> u8 {
    if c.is_uppercase() {
        b'X'
    } else if c.is_lowercase() {
        b'x'
    } else if c.is_numeric() {
        b'd'
    } else if c.is_alphabetic() {
        b'a'
    } else if c.is_ascii() {
        c as u8
    } else {
        b'#'
    }
}

pub(super) fn tok_facts(w: &str) -> Tok {
    // The lowercase form without a new String for short ASCII words.
    crate::util::lower::with_lower(w, |lower| tok_facts_lower(w, lower))
}

/// [`tok_facts`] given `w` in lowercase too.
fn tok_facts_lower(w: &str, lower: &str) -> Tok {
    let mut shape = [0u8; 24];
    let mut short = [0u8; 24];
    let (mut ns, mut nsh, mut run) = (0, 0, 0);
    let (mut letters, mut uppers, mut first_upper) = (0, 0, None);
    for c in w.chars() {
        let k = char_class(c);
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                uppers += 1;
            }
        }
        if first_upper.is_none() && c.is_alphanumeric() {
            first_upper = Some(c.is_uppercase());
        }
        if ns > 0 && shape[ns - 1] == k {
            run += 1;
        } else {
            run = 1;
        }
        if run <= 4 && ns < shape.len() {
            shape[ns] = k;
            ns += 1;
        }
        if run == 1 && nsh < short.len() {
            short[nsh] = k;
            nsh += 1;
        }
    }
    let class = if letters == 0 {
        NOALPHA
    } else if uppers == letters {
        ALLCAPS
    } else if first_upper == Some(true) {
        INITCAP
    } else {
        LOWER
    };
    let mut t = Tok {
        word: fnv(w.as_bytes()),
        lower: fnv(lower.as_bytes()),
        shape: fnv(&shape[..ns]),
        short: fnv(&short[..nsh]),
        class,
        stats: WordStats::of(w, lower, class, class == ALLCAPS, letters),
        ..Tok::default()
    };
    // Affixes of 1..=4 characters of the lowercase form.
    let mut k = 0;
    for (i, c) in lower.char_indices().take(4) {
        t.pre[k] = fnv(lower.as_bytes().get(..i + c.len_utf8()).unwrap_or(&[]));
        k += 1;
    }
    t.naff = k;
    for (k, (i, _)) in lower.char_indices().rev().take(4).enumerate() {
        t.suf[k] = fnv(lower.as_bytes().get(i..).unwrap_or(&[]));
    }
    t
}

/// How a word is written elsewhere in the document.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct DocStat {
    /// Capitalised, not sentence-initial, in a mixed-case sentence.
    cap_mid: bool,
    /// All lowercase somewhere.
    low: bool,
    /// All caps (acronym) inside a mixed-case sentence.
    upper_mid: bool,
    /// Position in runs of capitalised words: 1 first, 2 inside, 4 last.
    seq: u8,
}

/// What stage one said about a word elsewhere in the document.
#[derive(Debug, Clone, Copy, Default)]
struct LabelStat {
    /// Counts per entity type, then `O`.
    labels: [u16; 5],
    /// Type + 1 and length of the longest stage-1 entity containing it.
    sup: (u8, u8),
}

/// Most distinct words per document the per-document tables are sized for
/// in advance.
pub(super) const RESERVE_WORDS: usize = 4096;

/// The features of a document that do not depend on any tagging (all that
/// stage one uses), and what stage two needs to add its own.
#[derive(Debug, Clone, Default)]
pub struct DocFeatures {
    pub base: Vec<SentFeatures>,
    /// Lowercase hash and class of every token, per sentence.
    pub(super) toks: Vec<Vec<(u64, u8)>>,
    pub(super) bits: u32,
}

/// Computes the stage-one features of every sentence of one document.
pub fn extract<S: AsRef<str>>(sentences: &[Vec<S>], gaz: &Gazetteer, bits: u32) -> DocFeatures {
    let mut toks: Vec<Vec<Tok>> = Vec::with_capacity(sentences.len());
    let mut caps: Vec<bool> = Vec::with_capacity(sentences.len());
    // Sized for every token being a new word (up to a few thousand, so a
    // huge document does not reserve a huge table): growing it step by
    // step cost more than filling it.
    let ntok: usize = sentences.iter().map(Vec::len).sum();
    let mut stats: HashKeyed<DocStat> =
        HashKeyed::with_capacity_and_hasher(ntok.min(RESERVE_WORDS), Default::default());
    for s in sentences {
        let mut ts: Vec<Tok> = s
            .iter()
            .map(|w| tok_facts(&normalize(w.as_ref())))
            .collect();
        mark_initial(&mut ts);
        let mut is_caps = is_all_caps(&ts);
        if !is_caps && is_title_case(&ts, s) {
            // A Title Case Headline carries as little case information as
            // an all-caps one, and the training data has many of the latter
            // and few of the former: show it to the model in capitals.
            for (t, w) in ts.iter_mut().zip(s) {
                *t = Tok {
                    initial: t.initial,
                    ..tok_facts(&normalize(w.as_ref()).to_uppercase())
                };
            }
            is_caps = true;
        }
        if !is_caps {
            for (t, w) in ts.iter_mut().zip(s) {
                if let Some(d) = dotted_form(w.as_ref()) {
                    *t = Tok {
                        initial: t.initial,
                        ..tok_facts(d)
                    };
                }
            }
        }
        if !is_caps {
            add_doc_stats(&ts, &mut stats);
        }
        toks.push(ts);
        caps.push(is_caps);
    }

    let shift = 64 - bits.clamp(1, 32);
    let row = |h: u64| (finish(h) >> shift) as u32;
    let mut out = Vec::with_capacity(sentences.len());
    let mut lows = Vec::new();
    let (mut gb, mut gi): (Vec<Kinds>, Vec<Kinds>) = (Vec::new(), Vec::new());
    for (si, ts) in toks.iter().enumerate() {
        lows.clear();
        lows.extend(ts.iter().map(|t| t.lower));
        gaz.matches(&lows, &mut gb, &mut gi);
        let is_caps = caps.get(si).copied().unwrap_or(false);
        let mut f = SentFeatures {
            rows: Vec::with_capacity(ts.len() * 40),
            offsets: Vec::with_capacity(ts.len() + 1),
        };
        f.offsets.push(0);
        for (i, t) in ts.iter().enumerate() {
            let at = |d: isize| -> Option<&Tok> { i.checked_add_signed(d).and_then(|j| ts.get(j)) };
            let lo = |d: isize| at(d).map_or(no_neighbour(d), |x| x.lower);
            let sh = |d: isize| at(d).map_or(no_neighbour(d), |x| x.shape);
            let r = &mut TokRows::default();
            r.push(row(T_BIAS));
            r.push(row(mix(T_WORD, t.word)));
            r.push(row(mix(T_LOWER, t.lower)));
            for (k, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                r.push(row(mix(T_LOWER_AT + k as u64, lo(d))));
            }
            r.push(row(mix(T_SHAPE, t.shape)));
            r.push(row(mix(T_SHAPE_AT, sh(-1))));
            r.push(row(mix(T_SHAPE_AT + 1, sh(1))));
            r.push(row(mix(mix(mix(T_SHAPE3, sh(-1)), t.shape), sh(1))));
            r.push(row(mix(T_SHORT, t.short)));
            for k in 0..t.naff {
                r.push(row(mix(T_PRE + k as u64, t.pre[k])));
                r.push(row(mix(T_SUF + k as u64, t.suf[k])));
            }
            r.push(row(mix(mix(T_BIGRAM_L, lo(-1)), t.lower)));
            r.push(row(mix(mix(T_BIGRAM_R, t.lower), lo(1))));
            r.push(row(mix(mix(T_WORD_PREV_SHAPE, lo(-1)), t.shape)));
            r.push(row(mix(mix(T_SKIP, lo(-1)), lo(1))));
            r.push(row(mix(mix(T_NEXT_WORD_SHAPE, t.shape), lo(1))));
            r.push(row(mix(T_SHAPE_FAR, sh(-2))));
            r.push(row(mix(T_SHAPE_FAR + 1, sh(2))));
            for (k, d) in [-1isize, 1].into_iter().enumerate() {
                if let Some(x) = at(d).filter(|x| x.naff >= 3) {
                    r.push(row(mix(T_SUF_AT + k as u64, x.suf[2])));
                }
            }
            for (k, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
                if let Some(x) = at(d) {
                    neighbour_cluster_features(k, x.stats.cluster, &mut |h| r.push(row(h)));
                }
            }
            let ctx = context(is_caps, t.initial);
            word_stat_features(&t.stats, ctx, &mut |h| r.push(row(h)));
            r.push(row(mix(mix(T_CTX_SHAPE, ctx), t.short)));
            r.push(row(mix(mix(T_CTX_WORD, ctx), t.lower)));
            r.push(row(share_feature(&t.stats, ctx)));
            doc_features(t.lower, t.class, ctx, &stats, &gb, &gi, i, &mut |h| {
                r.push(row(h))
            });
            f.rows.extend_from_slice(r.rows());
            f.offsets.push(f.rows.len() as u32);
        }
        out.push(f);
    }
    DocFeatures {
        base: out,
        toks: toks
            .iter()
            .map(|ts| ts.iter().map(|t| (t.lower, t.class)).collect())
            .collect(),
        bits,
    }
}

impl DocFeatures {
    /// The features stage two adds, given stage one's tags for every token:
    /// its own and its neighbours' stage-one tags, the majority type stage
    /// one gave the same word in the document, and the type of the longest
    /// stage-one entity the word is part of anywhere in the document.
    pub fn stage2(&self, stage1: &[Vec<u8>]) -> Vec<SentFeatures> {
        let ntok: usize = self.toks.iter().map(Vec::len).sum();
        let mut stats: HashKeyed<LabelStat> =
            HashKeyed::with_capacity_and_hasher(ntok.min(RESERVE_WORDS), Default::default());
        for (ts, tg) in self.toks.iter().zip(stage1) {
            for (&(lower, _), &tag) in ts.iter().zip(tg) {
                let st = stats.entry(lower).or_default();
                let k = tag_type(tag).map_or(4, usize::from);
                st.labels[k] = st.labels[k].saturating_add(1);
            }
            for (i, j, ty) in spans(tg) {
                let len = (j - i).min(255) as u8;
                for &(lower, _) in ts.get(i..j).unwrap_or(&[]) {
                    let st = stats.entry(lower).or_default();
                    if len > st.sup.1 {
                        st.sup = (ty + 1, len);
                    }
                }
            }
        }
        // Whole names: the types stage one gave each name (as a hash of its
        // lowercase tokens) across the document, and each token's name.
        let mut names: HashKeyed<[u16; 4]> = HashKeyed::default();
        let mut token_name: Vec<Vec<Option<(u64, u8)>>> = Vec::with_capacity(self.toks.len());
        for (ts, tg) in self.toks.iter().zip(stage1) {
            let mut tn = vec![None; ts.len()];
            for (i, j, ty) in spans(tg) {
                let key = ts
                    .get(i..j)
                    .unwrap_or(&[])
                    .iter()
                    .fold(0x6e61_6d65, |h, &(lower, _)| mix(h, lower));
                if let Some(c) = names.entry(key).or_default().get_mut(usize::from(ty)) {
                    *c = c.saturating_add(1);
                }
                for slot in tn.iter_mut().take(j).skip(i) {
                    *slot = Some((key, ty));
                }
            }
            token_name.push(tn);
        }
        let shift = 64 - self.bits.clamp(1, 32);
        let row = |h: u64| (finish(h) >> shift) as u32;
        let mut out = Vec::with_capacity(self.toks.len());
        for (si, ts) in self.toks.iter().enumerate() {
            let tags = stage1.get(si).map_or(&[][..], Vec::as_slice);
            let tn = token_name.get(si).map_or(&[][..], Vec::as_slice);
            let mut f = SentFeatures {
                rows: Vec::with_capacity(ts.len() * 6),
                offsets: Vec::with_capacity(ts.len() + 1),
            };
            f.offsets.push(0);
            for (i, &(lower, class)) in ts.iter().enumerate() {
                let tg = |d: isize| {
                    i.checked_add_signed(d)
                        .and_then(|j| tags.get(j))
                        .map_or(99, |&x| u64::from(x))
                };
                let r = &mut f.rows;
                r.push(row(mix(T_S1_OWN, tg(0))));
                r.push(row(mix(mix(T_S1_PREV, tg(-1)), tg(0))));
                r.push(row(mix(mix(T_S1_NEXT, tg(0)), tg(1))));
                let st = stats.get(&lower).copied().unwrap_or_default();
                let total: u32 = st.labels.iter().map(|&c| u32::from(c)).sum();
                let (best, n) = st.labels[..4]
                    .iter()
                    .enumerate()
                    .max_by_key(|&(k, &c)| (c, 4 - k))
                    .map_or((0, 0), |(k, &c)| (k, u32::from(c)));
                if n > 0 {
                    let share = if n == total {
                        0
                    } else if 2 * n >= total {
                        1
                    } else {
                        2
                    };
                    let v = (best as u64) << 2 | share;
                    r.push(row(mix(T_S2_TOK, v)));
                    r.push(row(mix(mix(T_S2_TOK, v), u64::from(class))));
                }
                if let Some(&Some((key, ty))) = tn.get(i) {
                    let c = names.get(&key).copied().unwrap_or_default();
                    let total: u32 = c.iter().map(|&x| u32::from(x)).sum();
                    let (best, n) = c
                        .iter()
                        .enumerate()
                        .max_by_key(|&(k, &x)| (x, 4 - k))
                        .map_or((0, 0), |(k, &x)| (k as u64, u32::from(x)));
                    let share = u64::from(n == total) | u64::from(total > 1) << 1;
                    r.push(row(mix(
                        T_S2_ENT,
                        best << 4 | u64::from(best == u64::from(ty)) << 2 | share,
                    )));
                }
                if st.sup.0 > 0 && class != LOWER {
                    r.push(row(mix(
                        T_S2_SUP,
                        u64::from(st.sup.0) << 8 | u64::from(st.sup.1.min(4)),
                    )));
                }
                f.offsets.push(f.rows.len() as u32);
            }
            out.push(f);
        }
        out
    }
}

/// Joins two feature lists of the same sentence token by token.
pub fn concat(a: &SentFeatures, b: &SentFeatures) -> SentFeatures {
    let n = a.len().min(b.len());
    let mut f = SentFeatures {
        rows: Vec::with_capacity(a.rows.len() + b.rows.len()),
        offsets: Vec::with_capacity(n + 1),
    };
    f.offsets.push(0);
    for t in 0..n {
        f.rows.extend_from_slice(a.token(t));
        f.rows.extend_from_slice(b.token(t));
        f.offsets.push(f.rows.len() as u32);
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feats(sents: &[&str]) -> Vec<SentFeatures> {
        let s: Vec<Vec<&str>> = sents.iter().map(|s| s.split(' ').collect()).collect();
        extract(&s, &Gazetteer::default(), 20).base
    }

    #[test]
    fn tags_and_types() {
        assert_eq!(tag_index("B-LOC"), 5);
        assert_eq!(tag_index("nonsense"), 0);
        assert_eq!(tag_type(6), Some(2));
        assert_eq!(tag_type(0), None);
        assert!(is_begin(7) && !is_begin(8) && !is_begin(0));
    }

    #[test]
    fn normalizes_typographic_punctuation() {
        assert_eq!(normalize("“"), "\"");
        assert_eq!(normalize("’s"), "'s");
        assert_eq!(normalize("—"), "-");
        assert_eq!(normalize("Oslo"), "Oslo");
    }

    #[test]
    fn one_row_list_per_token() {
        let f = feats(&["Maria Lopez flew to Quito .", "She left ."]);
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].len(), 6);
        assert_eq!(f[1].len(), 3);
        assert!(f[0].token(0).len() > 15);
        assert!(f[0].token(0).iter().all(|&r| r < 1 << 20));
        assert_eq!(f[0].token(99), &[] as &[u32]);
    }

    #[test]
    fn context_changes_features_of_the_same_word() {
        // "Bank" at the start of a sentence, inside it, and in a headline in
        // capitals must not give identical features.
        let f = feats(&[
            "Bank rates rose .",
            "They met Bank officials .",
            "BANK RATES RISE",
        ]);
        assert_ne!(f[0].token(0), f[1].token(2));
        let lower_row = f[1].token(2)[2];
        assert!(
            f[2].token(0).contains(&lower_row),
            "lowercase feature is shared"
        );
    }

    #[test]
    fn document_case_evidence_reaches_headline_words() {
        // "Pelham" is capitalised mid-sentence in the body, "falls" is lower:
        // their headline (all caps) features must differ in the doc-case row.
        let with = feats(&["PELHAM FALLS", "Rain fell on Pelham and prices falls ."]);
        let without = feats(&["PELHAM FALLS", "Rain fell on the town ."]);
        assert_ne!(with[0].token(0), without[0].token(0));
    }

    #[test]
    fn title_case_headlines_read_like_capitals() {
        let title = |s: &str| {
            let w: Vec<&str> = s.split(' ').collect();
            let ts: Vec<Tok> = w.iter().map(|x| tok_facts(x)).collect();
            is_title_case(&ts, &w)
        };
        assert!(title(
            "Flood Waters Rise In Northern Town As Rain Continues"
        ));
        assert!(!title(
            "The Mayor of Springfield said the Flood Waters would Rise"
        ));
        assert!(!title("Ana Berg ( Chile ) beat Eva Ruiz ( Peru ) 6-3 6-4"));
        assert!(!title("Rain Falls Again"));
        assert!(!title(
            "Gen. Ana Ruiz met Prime Minister Tomas Berg in Peru on Monday ."
        ));
        assert!(!title("Ana Ruiz Met Tomas Berg In Lima ."));
        // Same features as the same headline in capitals.
        let a = feats(&["Flood Waters Rise In Northern Town As Rain Continues"]);
        let b = feats(&["FLOOD WATERS RISE IN NORTHERN TOWN AS RAIN CONTINUES"]);
        assert_eq!(a, b);
    }

    #[test]
    fn stage_one_tags_add_features() {
        let s = vec![vec!["Ana", "Ruiz", "spoke", "."], vec!["Ruiz", "left", "."]];
        let g = Gazetteer::default();
        let doc = extract(&s, &g, 20);
        let tags = vec![vec![1, 2, 0, 0], vec![1, 0, 0]];
        let extra = doc.stage2(&tags);
        assert_eq!(extra.len(), 2);
        // "Ruiz" alone in sentence 2 learns it was part of a PER entity.
        let none = doc.stage2(&[vec![0, 0, 0, 0], vec![0, 0, 0]]);
        assert!(extra[1].token(0).len() > none[1].token(0).len());
        let both = concat(&doc.base[1], &extra[1]);
        assert_eq!(
            both.token(0).len(),
            doc.base[1].token(0).len() + extra[1].token(0).len()
        );
    }
}
