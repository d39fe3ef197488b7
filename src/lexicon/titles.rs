//! Titles and roles before and beside a person's name: titles and their
//! abbreviations, honorifics, ranks, title modifiers, office domains,
//! service words and role nouns.

use super::word_set::lower_in;
use crate::util::lower::with_lower;

/// Titles and honorifics that precede a person's name (lowercase, without
/// a final period). Multi-word titles are matched word by word by callers.
pub const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "archbishop",
    "bishop",
    "brig",
    "brigadier",
    "cap",
    "capt",
    "captain",
    "cardinal",
    "chair",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "cmdr",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "cpl",
    "corporal",
    "councillor",
    "councilman",
    "councilwoman",
    "deputy",
    "detective",
    "dr",
    "doctor",
    "emir",
    "envoy",
    "father",
    "gen",
    "general",
    "gov",
    "governor",
    "judge",
    "justice",
    "king",
    "lady",
    "lieutenant",
    "lord",
    "lt",
    "maj",
    "major",
    "marshal",
    "mayor",
    "minister",
    "miss",
    "mr",
    "mrs",
    "ms",
    "officer",
    "pastor",
    "pope",
    "premier",
    "president",
    "prince",
    "princess",
    "prof",
    "professor",
    "pvt",
    "private",
    "queen",
    "rabbi",
    "rep",
    "representative",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "sir",
    "speaker",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "sultan",
    "vice",
];

/// True for a title word, abbreviated or not ("Gen.", "minister"), and for
/// hyphenated titles ("Lieutenant-Colonel", "Vice-President").
pub fn is_title(word: &str) -> bool {
    word_set!(SET, TITLES);
    with_lower(word.trim_end_matches('.'), |w| {
        SET.contains(w)
            || (w.contains('-')
                && w.split('-')
                    .all(|p| SET.contains(p) || TITLE_MODIFIER_SET.contains(p))
                && w.split('-').any(|p| SET.contains(p)))
    })
}

/// Honorifics: cut from names like titles, but they say nothing about a
/// role, so no role is recorded for them.
pub const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "sir", "lady", "dr", "madam"];

/// Abbreviated titles and their full forms, for role attributes.
pub const TITLE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("adm", "admiral"),
    ("brig", "brigadier"),
    ("cap", "captain"),
    ("capt", "captain"),
    ("cmdr", "commander"),
    ("col", "colonel"),
    ("cpl", "corporal"),
    ("gen", "general"),
    ("gov", "governor"),
    ("lt", "lieutenant"),
    ("maj", "major"),
    ("pres", "president"),
    ("prof", "professor"),
    ("pvt", "private"),
    ("rep", "representative"),
    ("sen", "senator"),
    ("sgt", "sergeant"),
];

/// Military ranks: with a demonym before them ("Chilean Gen. X") they say
/// the person's nationality, not an office held in that country.
pub const RANKS: &[&str] = &[
    "admiral",
    "brigadier",
    "captain",
    "colonel",
    "commander",
    "corporal",
    "general",
    "lieutenant",
    "major",
    "marshal",
    "officer",
    "private",
    "sergeant",
];

/// Words that make a title with the title word they precede ("Prime
/// Minister", "Foreign Secretary", "Vice President", "Attorney General").
pub const TITLE_MODIFIERS: &[&str] = &[
    "acting",
    "assistant",
    "associate",
    "attorney",
    "chief",
    "defence",
    "defense",
    "deputy",
    "executive",
    "finance",
    "first",
    "foreign",
    "grand",
    "interior",
    "interim",
    "lieutenant",
    "majority",
    "minority",
    "national",
    "prime",
    "rear",
    "security",
    "senior",
    "staff",
    "supreme",
    "top",
    "under",
    "vice",
];

/// What an office is "of" inside a title ("Secretary of State", "Minister of
/// Defence", "Chief of Staff").
pub const OFFICE_DOMAINS: &[&str] = &[
    "affairs",
    "agriculture",
    "commerce",
    "defence",
    "defense",
    "education",
    "energy",
    "finance",
    "foreign",
    "health",
    "homeland",
    "intelligence",
    "interior",
    "justice",
    "labor",
    "labour",
    "security",
    "staff",
    "state",
    "trade",
    "transport",
    "transportation",
    "treasury",
    "war",
];

/// Branches of the armed forces written before a rank ("Marine Gen.",
/// "Army Col."): neither part of the name nor of the title.
pub const SERVICE_WORDS: &[&str] = &[
    "army", "marine", "marines", "navy", "air", "force", "coast", "guard",
];

/// Nouns naming a role in an apposition ("X, head of Y", "X, a
/// spokeswoman for Y"), besides the titles.
pub const ROLE_NOUNS: &[&str] = &[
    "adviser",
    "advisor",
    "boss",
    "ceo",
    "chief",
    "co-founder",
    "director",
    "envoy",
    "executive",
    "founder",
    "head",
    "leader",
    "manager",
    "member",
    "official",
    "owner",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// The full form of a title word ("Gen." → "general"), lowercase.
pub fn expand_title(word: &str) -> String {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLE_ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == w)
        .map(|(_, full)| (*full).to_string())
        .unwrap_or(w)
}

word_set!(TITLE_MODIFIER_SET, TITLE_MODIFIERS);

pub fn is_honorific(word: &str) -> bool {
    word_set!(SET, HONORIFICS);
    lower_in(word, &SET)
}
pub fn is_title_modifier(word: &str) -> bool {
    lower_in(word, &TITLE_MODIFIER_SET)
}
pub fn is_office_domain(word: &str) -> bool {
    word_set!(SET, OFFICE_DOMAINS);
    lower_in(word, &SET)
}
pub fn is_service_word(word: &str) -> bool {
    word_set!(SET, SERVICE_WORDS);
    lower_in(word, &SET)
}
pub fn is_role_noun(word: &str) -> bool {
    word_set!(SET, ROLE_NOUNS);
    lower_in(word, &SET) || is_title(word)
}

/// True when the last word of a normalised title is a military rank.
pub fn is_rank_title(title: &str) -> bool {
    title.rsplit(' ').next().is_some_and(|w| RANKS.contains(&w))
}

/// True for a role qualified by a lowercase word that is no title ("militia
/// leader", "rebel chief"): a demonym before it says where the person is
/// from, not what country the office is of.
pub fn is_qualified_title(title: &str) -> bool {
    let words: Vec<&str> = title.split(' ').collect();
    words.len() > 1
        && words.iter().any(|w| {
            !(is_role_noun(w)
                || is_title_modifier(w)
                || is_office_domain(w)
                || is_service_word(w)
                || *w == "of")
        })
}
