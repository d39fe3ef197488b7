//! Gazetteers: lowercase names of countries, regions, cities, continents,
//! given names and surnames (built by `tools/make_gazetteers.py` from public
//! data, see `data/README.md`), and titles and demonyms (frozen from
//! [`crate::lexicon`] by the same script, so that editing the lexicon does
//! not change a trained model's features). Names of several words are
//! matched token by token
//! through a hash of their lowercase tokens, so matching allocates nothing.

use crate::util::hash::{fnv, mix};
use crate::util::lower::with_lower;
use std::sync::OnceLock;

/// The gazetteer kinds, one bit each in a [`Kinds`] mask.
pub const KINDS: [&str; 8] = [
    "country",
    "region",
    "city",
    "continent",
    "first",
    "last",
    "title",
    "demonym",
];

/// A bit mask over [`KINDS`].
pub type Kinds = u8;

/// Longest name matched, in tokens.
pub const MAX_WORDS: usize = 5;

#[derive(Debug, Default)]
pub struct Gazetteer {
    /// Hash of a name's lowercase tokens → kinds it belongs to, and
    /// [`PREFIX`] when the tokens also begin a longer name.
    names: crate::util::hash::HashKeyed<u16>,
}

/// Marks a phrase that begins a longer name: matching stops extending a
/// phrase that does not, instead of looking up all [`MAX_WORDS`] lengths
/// at every token.
const PREFIX: u16 = 1 << 8;

/// The hash of a sequence of lowercase tokens, built one token at a time.
pub fn phrase_hash(prev: u64, token_hash: u64) -> u64 {
    mix(prev ^ 0x5bd1_e995, token_hash)
}

impl Gazetteer {
    /// Parses the `@kind` / one-name-a-line format.
    pub fn parse(text: &str) -> Self {
        let mut g = Gazetteer::default();
        let mut kind: Option<usize> = None;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(k) = line.strip_prefix('@') {
                kind = KINDS.iter().position(|x| *x == k);
                continue;
            }
            if let Some(k) = kind {
                g.add(line, k);
            }
        }
        g
    }

    /// Adds a name (any case; split on whitespace) of kind index `k`.
    pub fn add(&mut self, name: &str, k: usize) {
        let mut hashes = Vec::new();
        let mut h = 0;
        for w in name.split_whitespace() {
            h = phrase_hash(h, with_lower(w, |l| fnv(l.as_bytes())));
            hashes.push(h);
        }
        let Some((&whole, prefixes)) = hashes.split_last() else {
            return;
        };
        if hashes.len() > MAX_WORDS || k >= KINDS.len() {
            return;
        }
        *self.names.entry(whole).or_default() |= 1 << k;
        for &p in prefixes {
            *self.names.entry(p).or_default() |= PREFIX;
        }
    }

    /// The kinds of a name given as the hash from [`phrase_hash`].
    #[cfg(test)]
    pub fn kinds(&self, hash: u64) -> Kinds {
        self.names.get(&hash).map_or(0, |&v| (v & 0xff) as Kinds)
    }

    /// The kinds of a name given as text (any case; split on whitespace).
    pub fn kinds_of(&self, name: &str) -> Kinds {
        let mut h = 0;
        for w in name.split_whitespace() {
            h = phrase_hash(h, with_lower(w, |l| fnv(l.as_bytes())));
        }
        self.names.get(&h).map_or(0, |&v| (v & 0xff) as Kinds)
    }

    /// The built-in gazetteer (parsed once).
    pub fn builtin() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(include_str!("../../data/gazetteer.txt")))
    }

    /// For each token (given as hashes of its lowercase form), the kinds of
    /// the names that begin at it (`begin`) and that cover it without
    /// beginning there (`inside`).
    pub fn matches(&self, lower_hashes: &[u64], begin: &mut Vec<Kinds>, inside: &mut Vec<Kinds>) {
        begin.clear();
        inside.clear();
        begin.resize(lower_hashes.len(), 0);
        inside.resize(lower_hashes.len(), 0);
        for i in 0..lower_hashes.len() {
            let mut h = 0;
            for (len, &th) in lower_hashes[i..].iter().take(MAX_WORDS).enumerate() {
                h = phrase_hash(h, th);
                let v = self.names.get(&h).copied().unwrap_or(0);
                let k = (v & 0xff) as Kinds;
                if k != 0 {
                    begin[i] |= k;
                    for slot in &mut inside[i + 1..=i + len] {
                        *slot |= k;
                    }
                }
                if v & PREFIX == 0 {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_single_and_multi_word_names() {
        let g = Gazetteer::parse("# c\n@city\nsan marco\nlyon\n@first\nmarco\n@nope\nx\n");
        let words = ["In", "San", "Marco", ",", "Lyon"];
        let hs: Vec<u64> = words
            .iter()
            .map(|w| fnv(w.to_lowercase().as_bytes()))
            .collect();
        let (mut b, mut i) = (Vec::new(), Vec::new());
        g.matches(&hs, &mut b, &mut i);
        assert_eq!(b, [0, 1 << 2, 1 << 4, 0, 1 << 2]);
        assert_eq!(i, [0, 0, 1 << 2, 0, 0]);
    }

    #[test]
    fn builtin_has_places_names_titles_and_demonyms() {
        let g = Gazetteer::builtin();
        let k = |w: &str| g.kinds(phrase_hash(0, fnv(w.as_bytes())));
        assert_ne!(k("france") & 1, 0);
        assert_ne!(k("mary") & (1 << 4), 0);
        assert_ne!(k("minister") & (1 << 6), 0);
        assert_ne!(k("kenyan") & (1 << 7), 0);
    }
}
