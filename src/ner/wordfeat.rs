//! Features from the word statistics of a large unlabelled corpus
//! ([`crate::lexicon`]'s Brown clusters, lowercase shares and
//! probabilities): what the tagger knows of a word it never saw in
//! training, and of the words around it. A word whose cluster holds
//! training words shares their weights at every depth of the cluster tree;
//! a capitalised word that is usually written in lowercase is probably no
//! name (unless it opens the sentence, which the share feature sees).
//!
//! The facts are looked up once per word form ([`WordStats::of`], called
//! by the features' per-form facts), so the cached tagger pays for them
//! once per form, not per token.

use crate::lexicon::{self, ClusterPath};
use crate::util::hash::mix;

// Template ids, following those of `super::features`, whose
// `FEATURE_VERSION` must be bumped when they or what they hash change.
const T_CLU: u64 = 46; // + index in CLUSTER_STEPS
const T_CLU_AT: u64 = 50; // + k, the neighbour at [-2, -1, 1, 2][k]
const T_CLU_AT_FULL: u64 = 54; // + k
const T_SHARE: u64 = 58;
const T_PROB: u64 = 59;

/// What the word statistics say of one word form, in the terms of the
/// features.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct WordStats {
    /// The word's Brown cluster (see [`word_cluster`]).
    pub(super) cluster: Option<ClusterPath>,
    /// Buckets of its lowercase share and its log probability.
    share: u8,
    prob: u8,
    /// Two or more letters, all capitals.
    acronym: bool,
    /// The features' writing class of the form (lowercase, capitalised,
    /// capitals, no letter), which the features conjoin.
    class: u8,
}

impl WordStats {
    /// The statistics of the form `w` (`lower` in lowercase), of writing
    /// class `class`; `capitals` when every letter is a capital, `letters`
    /// its number of letters.
    pub(super) fn of(w: &str, lower: &str, class: u8, capitals: bool, letters: usize) -> WordStats {
        WordStats {
            cluster: word_cluster(w, lower),
            share: share_bucket(w, lower, capitals),
            prob: prob_bucket(w, lower),
            acronym: capitals && letters >= 2,
            class,
        }
    }
}

/// Depths at which a word's Brown cluster path is cut for its features
/// (paths have 4 to 18 steps, so the last is the whole path): from 16 broad
/// classes to the 1,000 clusters, so that a rare cluster still shares
/// weights with its neighbours in the tree.
pub(super) const CLUSTER_STEPS: [u8; 4] = [4, 6, 10, 24];
/// Depth of the coarse cluster of a neighbouring word.
pub(super) const NEIGHBOUR_STEPS: u8 = 6;

/// The Brown cluster of a word as written or, when that form has none, of
/// its lowercase then its capitalised form: a capitalised word at a
/// sentence start, or a word in a headline in capitals, is the same word
/// as its usual form.
fn word_cluster(w: &str, lower: &str) -> Option<ClusterPath> {
    lexicon::cluster(w)
        .or_else(|| (lower != w).then(|| lexicon::cluster(lower)).flatten())
        .or_else(|| {
            let mut cs = lower.chars();
            let first = cs.next()?;
            let cap: String = first.to_uppercase().chain(cs).collect();
            (cap != w).then(|| lexicon::cluster(&cap)).flatten()
        })
}

/// Bucket of the share of a word's uses written in lowercase (from the
/// word statistics): 0 almost always capitalised (a name) … 4 almost
/// always lowercase (a common word), 5 unknown or caseless. A word in
/// capitals is read in its lowercase form, so that the share compares the
/// lowercase and capitalised forms (all-caps forms are rare anywhere).
fn share_bucket(w: &str, lower: &str, capitals: bool) -> u8 {
    let share = if capitals {
        lexicon::lowercase_share(lower)
    } else {
        lexicon::lowercase_share(w)
    };
    match share {
        None => 5,
        Some(s) if s < 0.05 => 0,
        Some(s) if s < 0.25 => 1,
        Some(s) if s < 0.75 => 2,
        Some(s) if s < 0.95 => 3,
        Some(_) => 4,
    }
}

/// Bucket of a word's natural-log probability (as written, else in
/// lowercase): one per unit from −3 (the most frequent words share one) to
/// −18, then 0 for a word the statistics do not know.
fn prob_bucket(w: &str, lower: &str) -> u8 {
    let p =
        lexicon::log_prob(w).or_else(|| (lower != w).then(|| lexicon::log_prob(lower)).flatten());
    match p {
        None => 0,
        Some(p) => (-p).clamp(3.0, 19.0) as u8,
    }
}

/// True when the word statistics of a token's word do not apply in
/// context `ctx` (see `super::features::context`): a word of capitals
/// inside mixed-case text is an abbreviation ("IS", "WHO"), not the word
/// it spells, whose statistics the table gives for its capitals too. In a
/// headline in capitals (context 2) it is the word.
fn abbreviation(t: &WordStats, ctx: u64) -> bool {
    t.acronym && ctx != 2
}

/// The features of a token's own word from the word statistics in
/// context `ctx`: its cluster at every depth of [`CLUSTER_STEPS`] (or that
/// it has none) and its probability, or one row for an abbreviation.
pub(super) fn word_stat_features(t: &WordStats, ctx: u64, push: &mut impl FnMut(u64)) {
    if abbreviation(t, ctx) {
        // Cluster keys are at least 2^4: 1 is no cluster's.
        push(mix(T_CLU, 1));
        return;
    }
    match t.cluster {
        Some(c) => {
            for (k, &n) in CLUSTER_STEPS.iter().enumerate() {
                push(mix(T_CLU + k as u64, u64::from(c.prefix(n).key())));
            }
        }
        None => push(mix(T_CLU, 0)),
    }
    push(mix(T_PROB, u64::from(t.prob) | u64::from(t.class) << 8));
}

/// The lowercase-share feature of a token in context `ctx`: a capitalised
/// word usually written lowercase is probably no name, unless it opens the
/// sentence.
pub(super) fn share_feature(t: &WordStats, ctx: u64) -> u64 {
    let share = if abbreviation(t, ctx) { 5 } else { t.share };
    mix(
        T_SHARE,
        u64::from(share) | u64::from(t.class) << 4 | ctx << 8,
    )
}

/// The cluster features of the neighbour at offset `[-2, -1, 1, 2][k]`
/// (the window of the word features): its coarse cluster, for the
/// adjacent ones also its whole cluster, or that it has none.
pub(super) fn neighbour_cluster_features(
    k: usize,
    cluster: Option<ClusterPath>,
    push: &mut impl FnMut(u64),
) {
    let k64 = k as u64;
    match cluster {
        Some(c) => {
            push(mix(
                T_CLU_AT + k64,
                u64::from(c.prefix(NEIGHBOUR_STEPS).key()),
            ));
            if k == 1 || k == 2 {
                push(mix(T_CLU_AT_FULL + k64, u64::from(c.key())));
            }
        }
        None => push(mix(T_CLU_AT + k64, 0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::features::tok_facts;

    #[test]
    fn case_forms_of_a_word_share_its_cluster() {
        let title = word_cluster("Tuesday", "tuesday");
        assert!(title.is_some());
        // An odd casing falls back on the lowercase or capitalised form.
        assert_eq!(word_cluster("tUESDAY", "tuesday"), title);
        assert_eq!(
            tok_facts("TUESDAY").stats.cluster.map(|c| c.prefix(4)),
            title.map(|c| c.prefix(4))
        );
        assert_eq!(word_cluster("Zxqvjw", "zxqvjw"), None);
    }

    #[test]
    fn words_of_one_cluster_share_rows_that_others_do_not() {
        let rows = |w: &str| {
            let mut v = Vec::new();
            word_stat_features(&tok_facts(w).stats, 0, &mut |h| v.push(h));
            v
        };
        let (a, b) = (rows("Tuesday"), rows("Thursday"));
        assert_eq!(a.len(), CLUSTER_STEPS.len() + 1);
        assert!(a.iter().filter(|h| b.contains(h)).count() >= 2);
        // A verb is in another cluster at the finer depths.
        let far = rows("walked");
        assert!(!far.iter().any(|h| a[2..CLUSTER_STEPS.len()].contains(h)));
        // Unknown words have one "no cluster" row.
        assert_eq!(rows("Zxqvjw").len(), 2);
    }

    #[test]
    fn lowercase_share_tells_common_words_from_names() {
        let b = |w: &str| tok_facts(w).stats.share;
        assert!(b("Actually") >= 3, "{}", b("Actually"));
        assert!(b("London") <= 1, "{}", b("London"));
        // A headline in capitals reads as the capitalised word.
        assert_eq!(b("LONDON"), b("London"));
        assert_eq!(b("2020"), 5);
        // The same share at a sentence start and inside it gives
        // different features.
        let t = tok_facts("Actually").stats;
        assert_ne!(share_feature(&t, 0), share_feature(&t, 1));
    }

    #[test]
    fn capitals_in_running_text_are_abbreviations() {
        let stats = |w: &str, ctx: u64| {
            let t = tok_facts(w).stats;
            let mut v = vec![share_feature(&t, ctx)];
            word_stat_features(&t, ctx, &mut |h| v.push(h));
            v
        };
        // "WHO" in a sentence is no pronoun; in a headline in capitals it
        // may be one.
        assert_eq!(stats("WHO", 0), stats("NBAQ", 0));
        assert_ne!(stats("WHO", 2), stats("NBAQ", 2));
        assert_ne!(stats("WHO", 2)[1..], stats("who", 2)[1..]);
        // One capital letter ("A" opening a sentence) is a word.
        assert_ne!(stats("A", 1), stats("Q", 1));
    }

    #[test]
    fn probability_buckets_order_words() {
        let p = |w: &str| tok_facts(w).stats.prob;
        assert!(p("the") < p("bridge") && p("bridge") < p("Zxqvjw").max(19));
        assert_eq!(p("Zxqvjw"), 0);
        assert!((3..=19).contains(&p("the")));
    }
}
