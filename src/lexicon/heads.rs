//! Words that tell what a name names: heads that end organisation and
//! place names, group nouns after a name, place prefixes, military unit
//! heads and numbers, member nouns, and the shape of an acronym.

use crate::util::lower::with_lower;

/// Plural nouns for the people of a body, which a finder sometimes takes
/// into the body's name ("Army Soldiers", "Party Officials"). Not words
/// that end real names ("Forces", "Guards", "Rangers", "Workers").
pub const MEMBER_NOUNS: &[&str] = &[
    "commanders",
    "delegates",
    "diplomats",
    "fighters",
    "lawmakers",
    "leaders",
    "members",
    "militants",
    "negotiators",
    "officers",
    "officials",
    "personnel",
    "soldiers",
    "sources",
    "spokesman",
    "spokeswoman",
    "supporters",
    "troops",
];

/// Head words of military units, which are told apart only by their
/// number ("42nd Mountain Division", "3rd Rifle Regiment").
pub const UNIT_HEADS: &[&str] = &[
    "battalion",
    "brigade",
    "corps",
    "division",
    "fleet",
    "regiment",
    "squadron",
    "wing",
];

/// True for an ordinal or a unit number written in digits ("1st", "327").
pub fn is_unit_number(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let rest = word.get(digits..).unwrap_or("");
    digits > 0 && with_lower(rest, |r| matches!(r, "" | "st" | "nd" | "rd" | "th"))
}

/// Lowercase words after a name that say it names a group ("the Islamic
/// Resistance group", "the Nile Front militia").
pub const GROUP_NOUNS: &[&str] = &[
    "alliance",
    "faction",
    "gang",
    "group",
    "militants",
    "militia",
    "militias",
    "movement",
    "network",
    "organization",
    "organisation",
    "party",
    "rebels",
];

/// First words of place names ("New York", "San José", "Middle East",
/// "Fort Worth"): no person's name starts with them.
pub const PLACE_PREFIXES: &[&str] = &[
    "cape", "east", "fort", "greater", "las", "los", "lower", "middle", "mount", "new", "north",
    "port", "saint", "san", "santa", "south", "upper", "west",
];

/// Organisation heads that name one well-known body even when bare, unlike
/// "Army" or "Ministry" (which need the rest of their name).
pub const SELF_STANDING_HEADS: &[&str] = &["congress", "parliament", "senate"];

/// True when `word` is written like an acronym: 2 to 8 capital letters,
/// optionally with dots ("NATO", "U.N.").
pub fn is_acronym(word: &str) -> bool {
    // Counted in one pass without collecting the letters (asked of every
    // mention).
    let (mut n, mut alpha) = (0usize, 0usize);
    for c in word.chars().filter(|c| *c != '.') {
        n += 1;
        if n > 8 || !(c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        alpha += usize::from(c.is_alphabetic());
    }
    n >= 2 && alpha >= 2
}

/// True for a word (in lowercase) of [`ORG_HEADS`].
pub fn is_org_head(lower: &str) -> bool {
    word_set!(SET, ORG_HEADS);
    SET.contains(lower)
}

/// True for a word (in lowercase) of [`PLACE_HEADS`].
pub fn is_place_head(lower: &str) -> bool {
    word_set!(SET, PLACE_HEADS);
    SET.contains(lower)
}

/// Words that end organisation names.
pub const ORG_HEADS: &[&str] = &[
    "academy",
    "agency",
    "airlines",
    "airways",
    "alliance",
    "army",
    "assembly",
    "association",
    "authority",
    "bank",
    "battalion",
    "board",
    "brigade",
    "brigades",
    "bureau",
    "cabinet",
    "club",
    "center",
    "centre",
    "coalition",
    "college",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "corp",
    "corporation",
    "corps",
    "council",
    "court",
    "department",
    "division",
    "embassy",
    "federation",
    "force",
    "forces",
    "foundation",
    "front",
    "fund",
    "group",
    "guard",
    "herald",
    "inc",
    "institute",
    "journal",
    "league",
    "ltd",
    "militia",
    "ministry",
    "mission",
    "movement",
    "nations",
    "navy",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "police",
    "post",
    "press",
    "regiment",
    "senate",
    "service",
    "services",
    "society",
    "squadron",
    "team",
    "times",
    "tribune",
    "union",
    "university",
];

/// Words that end place names.
pub const PLACE_HEADS: &[&str] = &[
    "airbase",
    "airport",
    "avenue",
    "base",
    "bay",
    "city",
    "coast",
    "county",
    "desert",
    "district",
    "gulf",
    "island",
    "islands",
    "lake",
    "mountains",
    "ocean",
    "peninsula",
    "province",
    "region",
    "river",
    "sea",
    "square",
    "state",
    "straits",
    "street",
    "valley",
];
