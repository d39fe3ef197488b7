//! Stable 64-bit hashing, the one place the crate hashes by hand: FNV-1a
//! over bytes and a splitmix64 finaliser to combine values, for document
//! ids, features, gazetteer names and word sets. Fixed functions (not
//! `std`'s randomly seeded hasher) so that a trained model and a document id
//! mean the same thing in every process and on every platform.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a's starting state (its 64-bit offset basis).
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes`. Document ids are this hash of the text, so its
/// values must never change.
pub fn fnv(bytes: &[u8]) -> u64 {
    fnv_extend(FNV_START, bytes)
}

/// FNV-1a continued from state `h` over `bytes`: `fnv(a ++ b)` is
/// `fnv_extend(fnv(a), b)`, for hashers fed in pieces.
#[inline]
pub fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// splitmix64 finaliser: spreads every input bit over the output.
pub fn finish(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Combines two hashes (order matters).
pub fn mix(a: u64, b: u64) -> u64 {
    finish(a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b)
}

/// A hasher for keys that are already hashes: one mixing step instead of
/// SipHash, which dominated tagging time.
#[derive(Debug, Default, Clone, Copy)]
pub struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = finish(self.0 ^ fnv(bytes));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = finish(n);
    }
}

/// A map keyed by 64-bit hashes.
pub type HashKeyed<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

/// FNV-1a with a final mix, for the word sets: keys are short words, for
/// which SipHash costs more than the rest of a look-up.
#[derive(Debug, Clone, Copy)]
pub struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(FNV_START)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv_extend(self.0, bytes);
    }
    fn finish(&self) -> u64 {
        finish(self.0)
    }
}

/// Builds [`WordHasher`]s, for maps keyed by short words.
pub type WordBuild = BuildHasherDefault<WordHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    #[test]
    fn stable_and_order_sensitive() {
        // FNV-1a reference value for "a".
        assert_eq!(fnv(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(mix(1, 2), mix(2, 1));
        assert_ne!(finish(0), finish(1));
    }

    #[test]
    fn fnv_in_pieces_is_fnv_of_the_whole() {
        assert_eq!(fnv(b""), FNV_START);
        assert_eq!(fnv_extend(fnv(b"Port of "), b"Tema"), fnv(b"Port of Tema"));
        // What `WordHasher` hashes a `str` key as: its bytes, then 0xFF.
        let mut h = WordHasher::default();
        "Tema".hash(&mut h);
        assert_eq!(h.finish(), finish(fnv(b"Tema\xFF")));
    }
}
