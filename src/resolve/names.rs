//! Name forms: the comparison key of a surface form ([`normalize`]), the
//! canonical form shown to users ([`canonical`]), and the pieces the
//! linking rules compare (surname, initials, words).

use crate::lexicon;
use crate::model::Kind;
use crate::ner::gazetteer::Gazetteer;

/// Bits of the gazetteer's place kinds (country, region, city, continent).
const PLACE_KINDS: u8 = 0b1111;
/// Bits of country, region and continent.
const REGION_KINDS: u8 = 0b1011;
/// Bit of the surname list.
const LAST_NAME: u8 = 1 << 5;
/// Bit of the given-name list.
const FIRST_NAME: u8 = 1 << 4;

/// True when the name (any case) is a country, region, city or continent
/// in the gazetteer or the lexicon.
pub fn is_known_place(name: &str) -> bool {
    lexicon::country(name).is_some() || Gazetteer::builtin().kinds_of(name) & PLACE_KINDS != 0
}

/// True when the name is a country, region or continent (not a city, whose
/// names are often words: "Enterprise", "Columbia").
pub fn is_known_region(name: &str) -> bool {
    lexicon::country(name).is_some() || Gazetteer::builtin().kinds_of(name) & REGION_KINDS != 0
}

/// True when the word is a common surname.
pub fn is_last_name(word: &str) -> bool {
    Gazetteer::builtin().kinds_of(word) & LAST_NAME != 0
}

/// True when the word is a common given name.
pub fn is_first_name(word: &str) -> bool {
    Gazetteer::builtin().kinds_of(word) & FIRST_NAME != 0
}

/// True when the words cut from the front of a longer name leave the same
/// thing, only qualified: a place, a nationality or an acronym ("U.S."
/// Central Command, "UN" Security Council), not other words that make a
/// different name of it ("Clean Air Force" is no air force).
pub fn is_qualifier(words: &str) -> bool {
    words.split(' ').all(|w| {
        w == "the"
            || w.contains('.')
            || w.chars().filter(|c| c.is_alphabetic()).count() <= 3
            || lexicon::demonym_country(w).is_some()
            || is_known_place(w)
    }) || is_known_place(words)
}

/// Straightens curly quotes and unifies dashes, so that spelling variants
/// of one name compare equal.
fn straighten(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '‘' | '’' | '`' | '´' | 'ʼ' => '\'',
            '“' | '”' => '"',
            '‐' | '‑' | '–' | '—' => '-',
            c => c,
        })
        .collect()
}

/// Cuts a trailing possessive ("Iraq's", "Iraq’s", "Jones'").
fn strip_possessive(s: &str) -> &str {
    for suffix in ["'s", "'S", "’s", "’S"] {
        if let Some(x) = s.strip_suffix(suffix) {
            return x.trim_end();
        }
    }
    s
}

/// Normalises a surface form for comparison: curly quotes straightened,
/// possessive and a leading "the" removed, dots dropped from initials
/// ("U.S." = "US"), `al-`/`Al ` prefixes and hyphens written as spaces,
/// whitespace folded, lowercase.
pub fn normalize(name: &str) -> String {
    // Called for every mention and again for every entity: most names are
    // ASCII and need no straightening, and take a path of their own.
    if name.is_ascii() && !name.contains('`') {
        return normalize_ascii(name);
    }
    let straight = straighten(name);
    let s = strip_possessive(straight.trim());
    let mut out = String::with_capacity(s.len());
    let mut words = 0usize;
    let mut first_is_the = false;
    // Appends one word made of `pieces`, lowercased.
    let mut push = |pieces: &[&str], out: &mut String| {
        if words > 0 {
            out.push(' ');
        }
        let start = out.len();
        for p in pieces {
            out.push_str(p);
        }
        match out.get_mut(start..) {
            Some(word) if word.is_ascii() => word.make_ascii_lowercase(),
            _ => {
                // Per word, as `to_lowercase` depends on where a word ends.
                let word = out.get(start..).unwrap_or_default().to_lowercase();
                out.truncate(start);
                out.push_str(&word);
            }
        }
        if words == 0 {
            first_is_the = out.get(start..) == Some("the");
        }
        words += 1;
    };
    for w in s.split_whitespace() {
        if w.contains('.') && w.chars().filter(|c| *c != '.').all(char::is_alphabetic) {
            // Initials ("U.S."): no hyphen in them, so one word.
            if w.bytes().any(|b| b != b'.') {
                let pieces: Vec<&str> = w.split('.').collect();
                push(&pieces, &mut out);
            }
        } else {
            for part in w.split('-').filter(|p| !p.is_empty()) {
                push(&[part], &mut out);
            }
        }
    }
    if words > 1 && first_is_the {
        out.replace_range(..4, "");
    }
    out
}

/// [`normalize`] of an ASCII name without backquotes, byte by byte.
fn normalize_ascii(name: &str) -> String {
    // The ASCII characters `char::is_whitespace` (and so `trim` and
    // `split_whitespace`) takes for spaces.
    let space = |c: &u8| matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
    let s = strip_possessive(name.trim()).as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut words = 0usize;
    let mut push = |part: &mut dyn Iterator<Item = &u8>, out: &mut String| {
        if words > 0 {
            out.push(' ');
        }
        out.extend(part.map(|c| char::from(c.to_ascii_lowercase())));
        words += 1;
    };
    for w in s.split(space).filter(|w| !w.is_empty()) {
        if w.contains(&b'.') && w.iter().all(|c| *c == b'.' || c.is_ascii_alphabetic()) {
            // Initials ("U.S."): one word, without the dots.
            if w.iter().any(|c| *c != b'.') {
                push(&mut w.iter().filter(|c| **c != b'.'), &mut out);
            }
        } else {
            for part in w.split(|c| *c == b'-').filter(|p| !p.is_empty()) {
                push(&mut part.iter(), &mut out);
            }
        }
    }
    if words > 1 && out.starts_with("the ") {
        out.replace_range(..4, "");
    }
    out
}

/// Converts an all-caps word of a dateline ("WASHINGTON", "NEW YORK") to
/// title case ("Washington", "New York").
pub fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut out = String::new();
            for (i, c) in w.chars().enumerate() {
                if i == 0 {
                    out.extend(c.to_uppercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The canonical form of a name: countries by their short English name
/// ("U.S." → "United States"), other names as written, without a leading
/// "the" or a possessive.
pub fn canonical(kind: Kind, name: &str) -> String {
    let trimmed = strip_possessive(name.trim());
    if kind == Kind::Place
        && let Some(c) = lexicon::country(trimmed)
    {
        return c.to_string();
    }
    without_the_and_quotes(trimmed).to_string()
}

/// The country a place name stands for, as written or in its canonical
/// form: `country(name)`, else `country(canonical(Kind::Place, name))`.
///
/// Asked of every mention, and most names are no country: each form is
/// looked up only when it differs from one already looked up.
pub fn place_country(name: &str) -> Option<&'static str> {
    if let Some(c) = lexicon::country(name) {
        return Some(c);
    }
    let trimmed = strip_possessive(name.trim());
    if trimmed != name
        && let Some(c) = lexicon::country(trimmed)
    {
        // `canonical` gives the country's own name, which is that country.
        return lexicon::country(c);
    }
    let rest = without_the_and_quotes(trimmed);
    if rest == name {
        return None;
    }
    lexicon::country(rest)
}

/// What [`canonical`] keeps of a name that is no country: no leading
/// "the", no stray quote at either end.
fn without_the_and_quotes(trimmed: &str) -> &str {
    let no_the = trimmed
        .strip_prefix("the ")
        .or_else(|| trimmed.strip_prefix("The "))
        .unwrap_or(trimmed);
    // A stray quote left by the tokenizer at either end is not part of a name.
    no_the.trim_matches(|c: char| matches!(c, '\'' | '’' | '"' | '“' | '”'))
}

/// The words of a normalised key with `al` particles removed, for surname
/// comparison ("mustafa al kadhimi" → ["mustafa", "kadhimi"]).
fn core_words(key: &str) -> Vec<&str> {
    key.split(' ')
        .filter(|w| !matches!(*w, "al" | "el"))
        .collect()
}

/// The surname of a normalised multi-word person key (its last word, `al`
/// particles aside), or `None` for a single word.
pub fn surname(key: &str) -> Option<&str> {
    let words = core_words(key);
    if words.len() < 2 {
        return None;
    }
    words.last().copied()
}

/// The normalised key as a bare surname ("al-Farsi" → "farsi"), when it
/// is one word once particles are set aside.
pub fn bare_surname(key: &str) -> Option<&str> {
    match core_words(key).as_slice() {
        [w] => Some(w),
        _ => None,
    }
}

/// The normalised key of a company without its legal form ("lear corp" →
/// "lear", "pirelli spa" → "pirelli"), when it has one and something is
/// left.
pub fn without_legal_form(key: &str) -> Option<&str> {
    let (rest, last) = key.rsplit_once(' ')?;
    let legal = matches!(
        last,
        "inc"
            | "corp"
            | "corporation"
            | "co"
            | "ltd"
            | "limited"
            | "plc"
            | "sa"
            | "ag"
            | "spa"
            | "nv"
            | "bv"
            | "ab"
            | "asa"
            | "llc"
            | "gmbh"
            | "lp"
            | "llp"
            | "oyj"
    );
    let rest = rest.trim_end_matches(" &").trim_end_matches(',').trim();
    (legal && !rest.is_empty()).then_some(rest)
}

/// Words that initials skip ("Bank of England" → "BE" or "BOE").
fn is_minor(word: &str) -> bool {
    matches!(
        word,
        "of" | "the" | "and" | "for" | "in" | "on" | "de" | "&" | "al"
    )
}

/// True when `acronym` (letters only) spells the initials of `key`'s
/// words, with or without the minor words ("NTU" for "National Trade
/// Union"; "BOE" or "BE" for "Bank of England").
#[cfg(test)]
pub fn is_initials_of(acronym: &str, key: &str) -> bool {
    Initials::of(key).is_some_and(|i| i.spelled_by(&acronym_letters(acronym)))
}

/// The letters of an acronym as [`Initials::spelled_by`] compares them
/// ("U.N." → "un").
pub fn acronym_letters(acronym: &str) -> String {
    acronym
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The initials of a normalised key of two words or more, with and
/// without its minor words, found once for all the acronyms of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initials {
    all: String,
    major: String,
    /// The major initials after the words that only qualify the name
    /// ("FTC" of "U.S. Federal Trade Commission").
    unqualified: String,
}

impl Initials {
    pub fn of(key: &str) -> Option<Initials> {
        let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        if words.len() < 2 {
            return None;
        }
        let all = words.iter().filter_map(|w| w.chars().next()).collect();
        let major = words
            .iter()
            .filter(|w| !is_minor(w))
            .filter_map(|w| w.chars().next())
            .collect();
        let lead = words
            .iter()
            .take(words.len() - 2)
            .take_while(|w| {
                // Strict: a country or region, a nationality or a short
                // acronym; city names are too often words ("Federal").
                w.chars().filter(|c| c.is_alphabetic()).count() <= 3
                    || lexicon::demonym_country(w).is_some()
                    || is_known_region(w)
            })
            .count();
        let unqualified = words[lead..]
            .iter()
            .filter(|w| !is_minor(w))
            .filter_map(|w| w.chars().next())
            .collect();
        Some(Initials {
            all,
            major,
            unqualified,
        })
    }

    /// True when `letters` (from [`acronym_letters`]) spell these initials.
    pub fn spelled_by(&self, letters: &str) -> bool {
        letters.chars().nth(1).is_some()
            && (letters == self.all || letters == self.major || letters == self.unqualified)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first, plainer [`normalize`]: a list of lowercase words, joined.
    fn normalize_by_words(name: &str) -> String {
        let straight = straighten(name);
        let s = strip_possessive(straight.trim());
        let mut words: Vec<String> = Vec::new();
        for w in s.split_whitespace() {
            let w = if w.contains('.') && w.chars().filter(|c| *c != '.').all(char::is_alphabetic) {
                w.replace('.', "")
            } else {
                w.to_string()
            };
            for part in w.split('-').filter(|p| !p.is_empty()) {
                words.push(part.to_lowercase());
            }
        }
        if words.len() > 1 && words.first().is_some_and(|w| w == "the") {
            words.remove(0);
        }
        words.join(" ")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn ascii_names_normalize_as_the_word_list_version(
            name in "[ \t\n\x0B\x0C\r]{0,2}((the|The|THE|U\\.S\\.|a\\.|\\.|al-Nour|Front|--|x1\\.|Jones|'s|\\.\\.)[ \t\x0B\x1F-]{0,2}){0,5}('s|'S)?[ \x0C]?"
        ) {
            proptest::prop_assert_eq!(normalize(&name), normalize_by_words(&name));
        }
    }

    #[test]
    fn normalize_examples() {
        assert_eq!(normalize("The U.S."), "us");
        assert_eq!(normalize("the"), "the");
        assert_eq!(normalize(" THE  Al-Nour  Front’s "), "al nour front");
        assert_eq!(normalize("ΟΔΟΣ Σ"), "οδος σ");
        assert_eq!(normalize("..."), "");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        #[test]
        fn normalize_matches_the_word_list_version(
            name in "(?s)[A-Za-zΣσÉé .'’`´“”‐–—-]{0,30}|(the|The|THE) [A-Z.]{0,6}( [a-z-]{0,8})?('s)?"
        ) {
            proptest::prop_assert_eq!(normalize(&name), normalize_by_words(&name));
        }
    }

    #[test]
    fn legal_forms() {
        assert_eq!(
            without_legal_form(&normalize("Vantor Freight Corp.")),
            Some("vantor freight")
        );
        assert_eq!(
            without_legal_form(&normalize("Okafor & Co.")),
            Some("okafor")
        );
        assert_eq!(
            without_legal_form(&normalize("Brasil S.A.")),
            Some("brasil")
        );
        assert_eq!(without_legal_form("vantor freight lines"), None);
        assert_eq!(without_legal_form("inc"), None);
    }

    #[test]
    fn normalises_spelling_variants() {
        assert_eq!(
            normalize("The  Wall Street Journal’s"),
            "wall street journal"
        );
        assert_eq!(normalize("U.S. Army"), normalize("US Army"));
        assert_eq!(normalize("Ali al-Farsi"), normalize("Ali Al Farsi"));
        assert_eq!(normalize("Jean-Luc Blanc"), normalize("Jean Luc Blanc"));
        assert_eq!(normalize("O’Neill"), normalize("O'Neill"));
        assert_eq!(normalize("The"), "the");
    }

    proptest::proptest! {
        #[test]
        fn place_country_is_the_country_of_the_name_or_its_canonical_form(
            name in "(the |The )?[\"'“]?(Iraq|U\\.S\\.|United States|France|Lima|America|us|IRAQ)(['’]s)?[\"'”]? ?"
        ) {
            let composed = lexicon::country(&name)
                .or_else(|| lexicon::country(&canonical(Kind::Place, &name)));
            proptest::prop_assert_eq!(place_country(&name), composed);
        }
    }

    #[test]
    fn canonical_forms() {
        assert_eq!(place_country("Iraq’s"), Some("Iraq"));
        assert_eq!(place_country("the United States"), Some("United States"));
        assert_eq!(place_country("“France”"), Some("France"));
        assert_eq!(place_country("Lima"), None);
        assert_eq!(canonical(Kind::Place, "U.S."), "United States");
        assert_eq!(canonical(Kind::Place, "America"), "United States");
        assert_eq!(canonical(Kind::Group, "the Daily Bugle’s"), "Daily Bugle");
        assert_eq!(title_case("NEW YORK"), "New York");
    }

    #[test]
    fn surnames_and_initials() {
        assert_eq!(surname("ali al farsi"), Some("farsi"));
        assert_eq!(surname("farsi"), None);
        assert_eq!(bare_surname("al farsi"), Some("farsi"));
        assert!(is_initials_of("NTU", "national trade union"));
        assert!(is_initials_of("BoE", "bank of england"));
        assert!(is_initials_of("I.S.", "islamic state"));
        // An acronym that is not the initials stays apart.
        assert!(!is_initials_of("NTA", "national trade union"));
        assert!(!is_initials_of("N", "national"));
        // Found once per name, the initials answer every acronym alike.
        let boe = Initials::of("bank of england");
        assert!(
            boe.as_ref()
                .is_some_and(|i| i.spelled_by(&acronym_letters("BoE")))
        );
        assert!(
            boe.as_ref()
                .is_some_and(|i| i.spelled_by(&acronym_letters("B.E.")))
        );
        assert!(
            boe.as_ref()
                .is_some_and(|i| !i.spelled_by(&acronym_letters("B")))
        );
        assert_eq!(Initials::of("england"), None);
    }
}
