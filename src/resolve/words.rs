//! What a single word says when cleaning a mention: generic body words,
//! name particles, settlement nouns, modifiers, contract months, faiths
//! and peoples. Read once per word form by [`super::facts`].

use crate::lexicon;
use crate::util::lower::with_lower;

/// Words that describe a body without naming it ("Security Forces").
pub fn is_generic_word(w: &str) -> bool {
    with_lower(w, |l| {
        lexicon::is_org_head(l)
            || lexicon::is_place_head(l)
            || matches!(
                l,
                "armed"
                    | "security"
                    | "special"
                    | "national"
                    | "military"
                    | "government"
                    | "revolutionary"
                    | "federal"
                    | "central"
                    | "state"
                    | "popular"
                    | "air"
                    | "naval"
                    | "defense"
                    | "defence"
                    | "foreign"
                    | "interior"
            )
    })
}

/// A name written with a lowercase particle and a hyphen ("al-Farsi").
pub fn is_particle_name(w: &str) -> bool {
    w.split_once('-').is_some_and(|(p, rest)| {
        matches!(p, "al" | "el" | "bin" | "ibn" | "abu" | "ben" | "bint")
            && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// Nouns for kinds of places ("the city of X", "the Chilean town of X").
pub fn is_settlement_word(w: &str) -> bool {
    lexicon::PLACE_HEADS.contains(&w)
        || matches!(
            w,
            "town" | "village" | "capital" | "port" | "cities" | "towns"
        )
}

/// A modifier that is no name: "Denver-based", "state-run", or a lowercase
/// hyphenated word ("mainly-Christian"), but not a name particle
/// ("al-Farsi").
pub fn is_modifier_word(w: &str) -> bool {
    let suffix = w.rsplit_once('-').is_some_and(|(head, tail)| {
        !head.is_empty() && with_lower(tail, |t| lexicon::MODIFIER_SUFFIXES.contains(&t))
    });
    let lower_hyphenated =
        w.contains('-') && w.chars().next().is_some_and(char::is_lowercase) && !is_particle_name(w);
    suffix || lower_hyphenated
}

/// A month before a capitalised word is a futures contract or a date in a
/// market report ("September Treasury", "March Eurodollars"), not part of
/// a name; "May" is too often a name to say so.
/// This is the month's half of the test; the capitalised word after it is
/// the caller's.
pub fn is_contract_month(w: &str) -> bool {
    lexicon::month_number(w).is_some()
        && w.len() > 3
        && !w.ends_with('.')
        && !w.eq_ignore_ascii_case("may")
}

/// Religions and peoples written before a place ("Arab East Jerusalem",
/// "Catholic Bavaria"): they describe it, the place is named without them.
pub fn is_faith_or_people(w: &str) -> bool {
    with_lower(w, |l| {
        matches!(
            l,
            "arab"
                | "buddhist"
                | "catholic"
                | "christian"
                | "hindu"
                | "islamist"
                | "jewish"
                | "kurdish"
                | "muslim"
                | "moslem"
                | "orthodox"
                | "protestant"
                | "shia"
                | "shiite"
                | "sunni"
        )
    })
}
