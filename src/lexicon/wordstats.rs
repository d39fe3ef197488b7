//! What a large unlabelled corpus says of a word form: how probable it is,
//! which Brown cluster it falls in, and how often the word is written in
//! lowercase rather than capitalised. From spaCy's English vocabulary data
//! (`data/wordstats.bin`, built by `tools/make_wordstats.py`; source and
//! licence in `data/README.md`): 290,593 cased forms with a natural-log
//! probability of at least −18.
//!
//! The table is embedded and read in place: an open-addressing hash table
//! built offline on the crate's FNV hash, so the first look-up costs a
//! header check and a checksum (no parsing of the 290k words), and each
//! look-up one hash and usually one or two cache lines. A table that fails
//! its checks answers "unknown" for every word; no look-up panics, whatever
//! the bytes.

use crate::util::hash::{FNV_START, finish, fnv};
use crate::util::lower::with_lower;
use std::fmt;
use std::sync::LazyLock;

static BUILTIN: &[u8] = include_bytes!("../../data/wordstats.bin");
static TABLE: LazyLock<Option<Table<'static>>> = LazyLock::new(|| Table::parse(BUILTIN));

const MAGIC: &[u8] = b"NGWS";
const VERSION: u32 = 1;
const HEADER: usize = 40;
const EMPTY: u32 = u32::MAX;
const NO_CLUSTER: u16 = u16::MAX;
/// Longest path a cluster table entry can hold (its bits sit below the
/// length byte).
const MAX_PATH: u8 = 24;

/// Natural-log probability of `word` (case and spelling as given) in the
/// corpus, to within 0.03; None for a word the table does not hold (rarer
/// than e^−18, or never seen).
pub fn log_prob(word: &str) -> Option<f32> {
    TABLE.as_ref()?.log_prob(word)
}

/// The Brown cluster of `word` (case as given); None for a word without
/// one. About a third of the table's words have a cluster: the clustering
/// saw an older, smaller vocabulary than the probabilities (it knows 1990s
/// names, few from after 2000).
pub fn cluster(word: &str) -> Option<ClusterPath> {
    TABLE.as_ref()?.cluster(word)
}

/// Of the times the word is written lowercase or capitalised, the share in
/// lowercase: P(lowercase) / (P(lowercase) + P(word)) for a word with a
/// capital ("Actually" → about 0.9, "London" → about 0.06); for a lowercase
/// word, the same share against its capitalised form, so "actually" gives
/// what "Actually" gives. A form missing from the table is counted at the
/// table's lowest probability, a bound on its true one. None when neither
/// form is known, or the word has no case ("2020").
///
/// Sentence starts count: words that mostly open sentences ("However",
/// "Meanwhile") get lower shares than other common words.
pub fn lowercase_share(word: &str) -> Option<f32> {
    TABLE.as_ref()?.lowercase_share(word)
}

/// A path from the root of the Brown cluster tree to a cluster: similar
/// words share long prefixes. Steps are bits, the first step in the lowest
/// bit (as spaCy stores cluster ids).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClusterPath {
    bits: u32,
    len: u8,
}

impl ClusterPath {
    /// The path of `len` steps in `bits` (first step lowest); None when
    /// `bits` has steps beyond `len` or `len` is over 24.
    pub fn new(bits: u32, len: u8) -> Option<ClusterPath> {
        (len <= MAX_PATH && bits >> len == 0).then_some(ClusterPath { bits, len })
    }

    /// The steps, first step in the lowest bit: spaCy's cluster id.
    pub fn bits(self) -> u32 {
        self.bits
    }

    /// Number of steps.
    pub fn len(self) -> u8 {
        self.len
    }

    /// True for the root (no step).
    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The first `steps` steps (the whole path when it is shorter): the
    /// coarser cluster the word falls in at that depth.
    pub fn prefix(self, steps: u8) -> ClusterPath {
        let len = self.len.min(steps);
        ClusterPath {
            bits: self.bits & ((1 << len) - 1),
            len,
        }
    }

    /// A number that names the path, length included: "01" and "010" have
    /// the same bits but different keys. Below 2^25.
    pub fn key(self) -> u32 {
        self.bits | (1 << self.len)
    }
}

impl fmt::Display for ClusterPath {
    /// The steps as 0s and 1s, first step first ("0110").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in 0..self.len {
            f.write_str(if (self.bits >> i) & 1 == 1 { "1" } else { "0" })?;
        }
        Ok(())
    }
}

/// The table, read in place from its bytes (layout in
/// `tools/make_wordstats.py`).
#[derive(Debug)]
struct Table<'a> {
    clusters: &'a [u8],
    slots: &'a [u8],
    records: &'a [u8],
    nslots: usize,
    offset_bits: u32,
    max_probe: usize,
    base: f32,
    step: f32,
}

/// What the table holds of one word.
#[derive(Debug, Clone, Copy)]
struct Entry {
    prob: u8,
    cluster: u16,
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// FNV-1a over 64-bit little-endian words (the tail zero-padded), with the
/// length mixed in: about ten times faster than FNV over bytes, so checking
/// the whole table at start-up costs about a millisecond.
fn checksum(data: &[u8]) -> u64 {
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut h = FNV_START;
    let mut words = data.chunks_exact(8);
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(PRIME);
    }
    let tail = words.remainder();
    if !tail.is_empty() {
        let mut b = [0u8; 8];
        b[..tail.len()].copy_from_slice(tail);
        h = (h ^ u64::from_le_bytes(b)).wrapping_mul(PRIME);
    }
    finish(h ^ data.len() as u64)
}

impl<'a> Table<'a> {
    /// The table in `bytes`, or None when anything about it is off: size,
    /// magic, version, checksum, or a field out of its range.
    fn parse(bytes: &'a [u8]) -> Option<Table<'a>> {
        let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
        let mut s = [0u8; 8];
        s.copy_from_slice(sum);
        if body.get(..4)? != MAGIC || checksum(body) != u64::from_le_bytes(s) {
            return None;
        }
        let field = |i: usize| read_u32(body, 4 + 4 * i);
        let [
            version,
            words,
            nslots,
            nclusters,
            offset_bits,
            base,
            step,
            records_len,
            max_probe,
        ] = [0, 1, 2, 3, 4, 5, 6, 7, 8].map(field);
        let (words, nslots, nclusters) = (words?, nslots? as usize, nclusters? as usize);
        let (offset_bits, records_len) = (offset_bits?, records_len? as usize);
        let (base, step) = (f32::from_bits(base?), f32::from_bits(step?));
        let max_probe = max_probe? as usize;
        if version? != VERSION
            || nslots <= words as usize
            || max_probe >= nslots
            || !(16..=28).contains(&offset_bits)
            || records_len >= 1 << offset_bits
            || nclusters >= usize::from(NO_CLUSTER)
            || !base.is_finite()
            || !(step.is_finite() && step > 0.0)
        {
            return None;
        }
        let (clusters, rest) = body.get(HEADER..)?.split_at_checked(nclusters * 4)?;
        let (slots, records) = rest.split_at_checked(nslots.checked_mul(4)?)?;
        if records.len() != records_len {
            return None;
        }
        let table = Table {
            clusters,
            slots,
            records,
            nslots,
            offset_bits,
            max_probe,
            base,
            step,
        };
        (0..nclusters)
            .all(|i| table.cluster_path(i as u16).is_some())
            .then_some(table)
    }

    fn cluster_path(&self, index: u16) -> Option<ClusterPath> {
        let e = read_u32(self.clusters, usize::from(index) * 4)?;
        ClusterPath::new(e & 0x00ff_ffff, (e >> 24) as u8)
    }

    /// The entry of exactly `word`, by linear probing from its home slot.
    fn find(&self, word: &[u8]) -> Option<Entry> {
        if word.is_empty() || word.len() > 255 {
            return None;
        }
        let h = finish(fnv(word));
        let fingerprint = (h as u32) & (u32::MAX >> self.offset_bits);
        let offset_mask = (1u32 << self.offset_bits) - 1;
        // The high bits of the hash pick the home slot, the low bits are
        // the fingerprint, so words sharing a slot rarely share both.
        let mut i = ((u128::from(h) * self.nslots as u128) >> 64) as usize;
        for _ in 0..=self.max_probe {
            let slot = read_u32(self.slots, i * 4)?;
            if slot == EMPTY {
                return None;
            }
            if slot >> self.offset_bits == fingerprint {
                let at = (slot & offset_mask) as usize;
                let &[len, prob, c0, c1] = self.records.get(at..at + 4)? else {
                    return None;
                };
                if self.records.get(at + 4..at + 4 + usize::from(len)) == Some(word) {
                    let cluster = u16::from_le_bytes([c0, c1]);
                    return Some(Entry { prob, cluster });
                }
            }
            i = if i + 1 == self.nslots { 0 } else { i + 1 };
        }
        None
    }

    fn log_prob(&self, word: &str) -> Option<f32> {
        let e = self.find(word.as_bytes())?;
        Some(self.base + f32::from(e.prob) * self.step)
    }

    fn cluster(&self, word: &str) -> Option<ClusterPath> {
        let e = self.find(word.as_bytes())?;
        if e.cluster == NO_CLUSTER {
            return None;
        }
        self.cluster_path(e.cluster)
    }

    fn lowercase_share(&self, word: &str) -> Option<f32> {
        with_lower(word, |low| {
            if low != word {
                self.share(low, word)
            } else {
                with_capitalised(word, |cap| {
                    if cap == word {
                        None
                    } else {
                        self.share(word, cap)
                    }
                })
            }
        })
    }

    /// P(lower) / (P(lower) + P(other)), a missing form at the lowest
    /// probability the table holds.
    fn share(&self, lower: &str, other: &str) -> Option<f32> {
        let (l, o) = (self.log_prob(lower), self.log_prob(other));
        if l.is_none() && o.is_none() {
            return None;
        }
        let (l, o) = (l.unwrap_or(self.base), o.unwrap_or(self.base));
        Some(1.0 / (1.0 + (o - l).exp()))
    }
}

/// Runs `f` on `word` with its first letter in uppercase, without
/// allocating for short ASCII words.
fn with_capitalised<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return f(word);
    };
    let mut buf = [0u8; 32];
    if first.is_ascii()
        && let Some(buf) = buf.get_mut(..word.len())
    {
        buf.copy_from_slice(word.as_bytes());
        buf[0].make_ascii_uppercase();
        // Uppercasing an ASCII byte keeps UTF-8 valid, so this never fails.
        if let Ok(w) = std::str::from_utf8(buf) {
            return f(w);
        }
    }
    let cap: String = first.to_uppercase().chain(chars).collect();
    f(&cap)
}

#[cfg(test)]
mod tests;
