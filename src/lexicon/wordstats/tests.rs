//! Tests of the word statistics table: what the shipped table says of
//! common words, and that a damaged table answers "unknown" without
//! panicking.

use super::*;
use crate::util::rng::Rng;

fn path(word: &str) -> ClusterPath {
    match cluster(word) {
        Some(p) => p,
        None => panic!("{word}: no cluster"),
    }
}

fn share(word: &str) -> f32 {
    match lowercase_share(word) {
        Some(s) => s,
        None => panic!("{word}: no lowercase share"),
    }
}

/// Header field `i` (after the magic) of the shipped table.
fn header(i: usize) -> usize {
    read_u32(BUILTIN, 4 + 4 * i).map_or(0, |v| v as usize)
}

/// Where the slots start and end in the shipped table.
fn slot_region() -> (usize, usize) {
    let start = HEADER + header(3) * 4;
    (start, start + header(2) * 4)
}

/// Steps two paths have in common from the root.
fn common(a: ClusterPath, b: ClusterPath) -> u8 {
    (0..=a.len().min(b.len()))
        .rev()
        .find(|&n| a.prefix(n) == b.prefix(n))
        .unwrap_or(0)
}

#[test]
fn the_shipped_table_parses() {
    assert!(TABLE.is_some());
}

#[test]
fn log_probs_order_words_by_frequency() {
    let the = log_prob("the").unwrap_or(f32::NAN);
    // spaCy's value for "the" is -3.5288; a byte keeps it within half a step.
    assert!((the + 3.5288).abs() < 0.04, "{the}");
    let (common, rarer) = (log_prob("house"), log_prob("hovel"));
    assert!(matches!((common, rarer), (Some(c), Some(r)) if c > r && r > -18.01));
    // Case is kept: the lowercase form of a weekday is rarer.
    assert!(log_prob("Tuesday") > log_prob("tuesday"));
}

#[test]
fn unknown_strings_give_none() {
    for w in ["Zqxvbnmwk", "", "xqj-4471-zzv", &"a".repeat(300)] {
        assert_eq!(log_prob(w), None, "{w}");
        assert_eq!(cluster(w), None, "{w}");
        assert_eq!(lowercase_share(w), None, "{w}");
    }
}

#[test]
fn adverbs_are_mostly_lowercase_and_names_mostly_capitalised() {
    for w in ["Actually", "Probably", "Usually", "Completely"] {
        assert!(share(w) > 0.8, "{w}: {}", share(w));
    }
    for w in ["London", "Tokyo", "Microsoft", "Sunday"] {
        assert!(share(w) < 0.2, "{w}: {}", share(w));
    }
    // The lowercase word is measured against its capitalised form.
    assert_eq!(lowercase_share("probably"), lowercase_share("Probably"));
    assert_eq!(lowercase_share("london"), lowercase_share("London"));
    // All capitals against lowercase: "PROBABLY" is written lowercase.
    assert!(share("PROBABLY") > 0.9);
}

#[test]
fn a_form_missing_from_the_table_counts_as_rare() {
    // Only the capitalised form is frequent enough to be kept.
    assert_eq!(log_prob("eisenhower"), None);
    assert!(share("Eisenhower") < 0.05);
    // Only the lowercase one.
    assert_eq!(log_prob("Slightest"), None);
    assert!(share("Slightest") > 0.95 && share("slightest") > 0.95);
    // No case at all: no share.
    assert_eq!(lowercase_share("2020"), None);
    assert_eq!(lowercase_share("--"), None);
}

#[test]
fn related_words_share_cluster_prefixes() {
    // Weekdays, months and number words each fall in one cluster.
    for w in ["Tuesday", "Wednesday", "Saturday"] {
        assert_eq!(path("Monday"), path(w), "{w}");
    }
    assert_eq!(path("October"), path("November"));
    assert_eq!(path("four"), path("seven"));
    // Near clusters share long prefixes, unrelated words short ones.
    assert!(common(path("April"), path("October")) >= 6);
    assert!(common(path("twelve"), path("seven")) >= 6);
    assert!(common(path("London"), path("Berlin")) >= 6);
    assert!(common(path("Monday"), path("October")) < 4);
    assert!(common(path("four"), path("London")) < 4);
    // A cluster is a leaf of a tree of about 1,000: paths of 4 to 24 steps.
    assert!((4..=24).contains(&path("the").len()));
}

#[test]
fn cluster_paths_and_their_prefixes() {
    let p = ClusterPath::new(0b0110, 4);
    assert_eq!(p.map(|p| p.to_string()).as_deref(), Some("0110"));
    assert_eq!(ClusterPath::new(0b1_0000, 4), None);
    assert_eq!(ClusterPath::new(0, 25), None);
    let Some(p) = p else { return };
    assert_eq!(p.prefix(2).to_string(), "01");
    assert_eq!(p.prefix(9), p);
    assert!(p.prefix(0).is_empty());
    // Same bits, different lengths: different keys.
    let (short, long) = (p.prefix(3), p);
    assert_eq!(short.bits(), long.bits());
    assert_ne!(short.key(), long.key());
}

#[test]
fn an_empty_or_cut_table_is_no_table() {
    assert!(Table::parse(&[]).is_none());
    assert!(Table::parse(b"NGWS").is_none());
    assert!(Table::parse(&BUILTIN[..BUILTIN.len() - 1]).is_none());
    assert!(Table::parse(&BUILTIN[1..]).is_none());
}

/// The table's bytes with `f` applied and the checksum made right again,
/// so the checks behind the checksum are what gets tested.
fn patched(f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut t = BUILTIN.to_vec();
    t.truncate(t.len() - 8);
    f(&mut t);
    let sum = checksum(&t);
    t.extend_from_slice(&sum.to_le_bytes());
    t
}

#[test]
fn a_changed_byte_makes_the_table_unknown() {
    let mut t = BUILTIN.to_vec();
    let mid = t.len() / 2;
    t[mid] ^= 0x10;
    assert!(Table::parse(&t).is_none());
    // Header fields out of range, with a correct checksum.
    let set = |at: usize, v: u32| patched(|t| t[at..at + 4].copy_from_slice(&v.to_le_bytes()));
    assert!(Table::parse(&set(0, u32::from_le_bytes(*b"XGWS"))).is_none());
    assert!(Table::parse(&set(4, 2)).is_none()); // version
    assert!(Table::parse(&set(12, 5)).is_none()); // slots fewer than words
    assert!(Table::parse(&set(20, 40)).is_none()); // offset bits
    assert!(Table::parse(&set(28, f32::NAN.to_bits())).is_none()); // step
    assert!(Table::parse(&set(HEADER, 0x1f00_0000)).is_none()); // a 31-step path
    assert!(Table::parse(&patched(|_| {})).is_some());
}

#[test]
fn lookups_in_a_scrambled_table_never_panic() {
    let words = [
        "the",
        "Monday",
        "London",
        "Probably",
        "slightest",
        "Zqxv",
        "é",
    ];
    let mut rng = Rng::new(7);
    for round in 0..24 {
        // Scramble one region: cluster entries, slots or records.
        let t = patched(|t| {
            let (slots, records) = slot_region();
            let (from, to) = match round % 3 {
                0 => (HEADER, slots),
                1 => (slots, records),
                _ => (records, t.len()),
            };
            for _ in 0..2000 {
                let at = from + rng.below(to - from);
                t[at] = rng.next_u64() as u8;
            }
        });
        // Bad cluster entries are caught; slots and records are not checked
        // up front, so the look-ups run on them.
        let table = Table::parse(&t);
        assert_eq!(table.is_some(), round % 3 != 0, "round {round}");
        if let Some(table) = table {
            for w in words {
                let _ = (table.log_prob(w), table.cluster(w));
                let _ = table.lowercase_share(w);
            }
        }
    }
}

#[test]
fn slots_pointing_anywhere_never_panic() {
    // Every slot full with random offsets and fingerprints: the probing
    // stops at max_probe and records past the end are not read.
    let (start, end) = slot_region();
    let t = patched(|t| {
        let mut rng = Rng::new(3);
        for b in &mut t[start..end] {
            *b = rng.next_u64() as u8 | 0x80;
        }
    });
    if let Some(table) = Table::parse(&t) {
        for w in ["the", "of", "Monday", "q"] {
            let _ = (
                table.log_prob(w),
                table.cluster(w),
                table.lowercase_share(w),
            );
        }
    }
}

#[test]
fn capitalising_in_place_and_not() {
    assert_eq!(with_capitalised("probably", str::to_string), "Probably");
    assert_eq!(with_capitalised("émile", str::to_string), "Émile");
    assert_eq!(with_capitalised("", str::to_string), "");
    let long = "x".repeat(40);
    assert_eq!(with_capitalised(&long, |w| w.len()), 40);
}
