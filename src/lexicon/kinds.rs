//! Words that tell what kind of thing a name names, whatever a finder
//! typed it as: nouns that describe a company beside its name ("retailer
//! X", "X shares"), last words of names that are no person, group or place
//! (laws, prizes, competitions: "… Act", "… Cup"), and the holidays and
//! observances a finder takes for people or places. General English, not
//! drawn from any corpus.

use crate::util::lower::with_lower;

/// Nouns that stand right before a company's name as its description
/// ("retailer X", "the drugmaker X", "fashion brand X").
pub const COMPANY_NOUNS: &[&str] = &[
    "airline",
    "automaker",
    "bank",
    "brand",
    "brokerage",
    "carmaker",
    "carrier",
    "chain",
    "chipmaker",
    "company",
    "conglomerate",
    "distributor",
    "drugmaker",
    "firm",
    "giant",
    "group",
    "insurer",
    "label",
    "lender",
    "manufacturer",
    "maker",
    "miner",
    "operator",
    "platform",
    "retailer",
    "startup",
    "start-up",
    "subsidiary",
    "supplier",
    "unit",
    "utility",
    "app",
    "fund",
    "outlet",
    "shipper",
    "refiner",
    "telecoms",
    "network",
];

/// Words right after a name that make it a company ("X shares"), with
/// the [`LEGAL_FORMS`] ("X Inc").
pub const COMPANY_AFTER: &[&str] = &["shares", "stock", "stocks", "shareholders", "stake"];

/// Companies' legal forms, written after the name.
pub const LEGAL_FORMS: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "plc",
    "ltd",
    "llc",
    "ag",
    "se",
    "sa",
    "nv",
    "spa",
    "gmbh",
    "bhd",
    "tbk",
    "co",
];

/// Last words of names that are no person, group or place: laws and
/// treaties, prizes, competitions and festivals, plans and programmes.
pub const OTHER_HEADS: &[&str] = &[
    "act",
    "accord",
    "accords",
    "agreement",
    "amendment",
    "award",
    "awards",
    "bill",
    "championship",
    "championships",
    "classic",
    "cup",
    "doctrine",
    "expo",
    "festival",
    "games",
    "prix",
    "initiative",
    "law",
    "medal",
    "olympics",
    "open",
    "paralympics",
    "prize",
    "protocol",
    "series",
    "treaty",
    "trophy",
];

/// Holidays, observances and seasons (lowercase, words joined by one
/// space): days of the calendar, not people or places.
pub const HOLIDAYS: &[&str] = &[
    "advent",
    "all saints' day",
    "ash wednesday",
    "bastille day",
    "black friday",
    "boxing day",
    "christmas",
    "christmas day",
    "christmas eve",
    "cyber monday",
    "day of the dead",
    "diwali",
    "easter",
    "easter sunday",
    "easter monday",
    "eid",
    "eid al-adha",
    "eid al-fitr",
    "father's day",
    "good friday",
    "halloween",
    "hanukkah",
    "hanukah",
    "holi",
    "independence day",
    "kwanzaa",
    "labor day",
    "labour day",
    "lent",
    "lunar new year",
    "mardi gras",
    "may day",
    "memorial day",
    "mother's day",
    "new year",
    "new year's",
    "new year's day",
    "new year's eve",
    "nowruz",
    "passover",
    "pentecost",
    "presidents' day",
    "ramadan",
    "rosh hashanah",
    "st. patrick's day",
    "thanksgiving",
    "thanksgiving day",
    "valentine's day",
    "veterans day",
    "yom kippur",
    "chinese new year",
    "spring festival",
    "martin luther king day",
    "remembrance day",
    "armistice day",
    "victory day",
    "orthodox christmas",
    "whitsun",
];

/// Words of sports reporting: a document using several of them is a
/// sports report, where a place's name usually names its team.
pub const SPORTS_WORDS: &[&str] = &[
    "coach",
    "defender",
    "doubles",
    "draw",
    "game",
    "games",
    "goal",
    "goalkeeper",
    "goals",
    "halftime",
    "half-time",
    "innings",
    "inning",
    "league",
    "match",
    "matches",
    "midfielder",
    "penalty",
    "pitcher",
    "playoff",
    "playoffs",
    "points",
    "quarterback",
    "rebounds",
    "scored",
    "scorer",
    "season",
    "semifinal",
    "semi-final",
    "singles",
    "squad",
    "striker",
    "stadium",
    "touchdown",
    "touchdowns",
    "tournament",
    "wicket",
    "wickets",
    "yards",
    "assists",
    "kickoff",
    "kick-off",
    "standings",
    "unbeaten",
    "seeded",
    "fixture",
    "fixtures",
    "overtime",
    "lineup",
];

/// Words right before a team's name in a sports report ("beat X", "against
/// X", "X v Y").
pub const SPORTS_BEFORE: &[&str] = &[
    "against",
    "beat",
    "beating",
    "defeated",
    "defeating",
    "faced",
    "facing",
    "face",
    "vs",
    "v",
    "versus",
    "over",
    "host",
    "hosts",
    "hosted",
    "hosting",
    "edged",
    "routed",
    "thrashed",
];

/// Words right after a team's name in a sports report ("X beat Y").
pub const SPORTS_AFTER: &[&str] = &[
    "beat",
    "beats",
    "defeated",
    "faced",
    "face",
    "drew",
    "draw",
    "lost",
    "won",
    "win",
    "edged",
    "routed",
    "thrashed",
    "trailed",
    "scored",
    "v",
    "vs",
    "versus",
    "hosted",
    "host",
    "advanced",
    "eliminated",
    "played",
    "quarterback",
    "coach",
    "manager",
    "striker",
    "defender",
    "midfielder",
    "goalkeeper",
    "pitcher",
    "receiver",
    "linebacker",
    "players",
    "roster",
    "captain",
    "fans",
    "offense",
    "defense",
];

/// Words that follow an illness's name ("X pandemic", "X's disease").
pub const ILLNESS_AFTER: &[&str] = &[
    "pandemic",
    "epidemic",
    "outbreak",
    "outbreaks",
    "virus",
    "disease",
    "syndrome",
    "infection",
    "infections",
    "symptoms",
    "variant",
    "variants",
];

/// Names of illnesses and of the viruses behind them, which a finder
/// types as people, groups or places ("Covid-19 hit sales").
const ILLNESSES: &[&str] = &[
    "covid",
    "covid-19",
    "covid19",
    "coronavirus",
    "sars",
    "sars-cov-2",
    "mers",
    "ebola",
    "zika",
    "hiv",
    "aids",
    "hiv/aids",
    "mpox",
    "monkeypox",
    "h1n1",
    "h5n1",
    "h7n9",
    "omicron",
    "nipah",
    "dengue",
    "chikungunya",
    "polio",
    "cholera",
    "measles",
    "malaria",
    "alzheimer's",
    "parkinson's",
];

/// True when `name` (any case) is the name of an illness or its virus.
pub fn is_illness_name(name: &str) -> bool {
    word_set!(SET, ILLNESSES);
    with_lower(name.trim(), |w| {
        if w.contains('’') {
            SET.contains(&w.replace('’', "'"))
        } else {
            SET.contains(w)
        }
    })
}

/// Words after a company's own name that say what business it is in or
/// its legal form ("X Automotive", "X Holdings"): the name alone is the
/// company too.
const BUSINESS_WORDS: &[&str] = &[
    "automotive",
    "group",
    "holdings",
    "holding",
    "motors",
    "motor",
    "airlines",
    "airways",
    "energy",
    "pharmaceuticals",
    "pharma",
    "foods",
    "food",
    "technologies",
    "technology",
    "systems",
    "industries",
    "resources",
    "mining",
    "steel",
    "petroleum",
    "telecom",
    "communications",
    "electronics",
    "entertainment",
    "logistics",
    "dairy",
    "diagnostics",
    "therapeutics",
    "biosciences",
    "semiconductor",
    "chemicals",
    "brands",
    "retail",
    "shipping",
];

/// True when `key_word` (a resolver key's word, lowercase) is one of
/// [`BUSINESS_WORDS`] or [`LEGAL_FORMS`].
pub fn is_business_word(key_word: &str) -> bool {
    word_set!(SET, BUSINESS_WORDS);
    word_set!(FORMS, LEGAL_FORMS);
    let w = key_word.trim_end_matches('.');
    SET.contains(w) || FORMS.contains(w)
}

/// True when `word` (any case) follows an illness's name.
pub fn is_illness_after(word: &str) -> bool {
    word_set!(SET, ILLNESS_AFTER);
    with_lower(word, |w| SET.contains(w))
}

/// True when `word` (any case) belongs to sports reporting.
pub fn is_sports_word(word: &str) -> bool {
    word_set!(SET, SPORTS_WORDS);
    with_lower(word, |w| SET.contains(w))
}

/// True when `word` (any case) stands before a team's name in a match report.
pub fn is_sports_before(word: &str) -> bool {
    word_set!(SET, SPORTS_BEFORE);
    with_lower(word.trim_end_matches('.'), |w| SET.contains(w))
}

/// True when `word` (any case) stands after a team's name in a match report.
pub fn is_sports_after(word: &str) -> bool {
    word_set!(SET, SPORTS_AFTER);
    with_lower(word.trim_end_matches('.'), |w| SET.contains(w))
}

/// True when `lower` (a lowercase word) describes a company before its name.
pub fn is_company_noun(lower: &str) -> bool {
    word_set!(SET, COMPANY_NOUNS);
    SET.contains(lower)
}

/// True when `word` (any case) after a name makes it a company.
pub fn is_company_after(word: &str) -> bool {
    word_set!(SET, COMPANY_AFTER);
    word_set!(FORMS, LEGAL_FORMS);
    with_lower(word.trim_end_matches('.'), |w| {
        SET.contains(w) || FORMS.contains(w)
    })
}

/// True when `lower` (a lowercase word) after a name (or its "'s") shows
/// an organisation: its seat, staff or head ("X headquarters", "X's
/// employees", "X CEO").
pub fn is_body_after(lower: &str) -> bool {
    matches!(
        lower,
        "headquarters" | "hq" | "employees" | "employee" | "staffers" | "ceo" | "cfo" | "coo"
    )
}

/// True when `lower` (a lowercase word) before "of X" shows X to be an
/// organisation: who founded, runs or works for it ("co-founder of X",
/// "CEO of X", "employees of X").
pub fn is_body_head_before_of(lower: &str) -> bool {
    matches!(
        lower,
        "founder"
            | "co-founder"
            | "cofounder"
            | "founders"
            | "co-founders"
            | "ceo"
            | "employees"
            | "shareholders"
    )
}

/// Traded instruments, in the plural: "December T-bonds", "Cofinec GDRs",
/// "Global Depositary Receipts", "Gilts" are securities, not their issuer.
/// (The singular "Bond" is a surname.)
pub const INSTRUMENTS: &[&str] = &[
    "bonds",
    "t-bonds",
    "t-bills",
    "gilts",
    "bunds",
    "gdrs",
    "adrs",
    "receipts",
    "futures",
    "debentures",
    "eurobonds",
    "eurodollars",
    "warrants",
];

/// True when `word` (any case) names a kind of traded security.
pub fn is_instrument(word: &str) -> bool {
    word_set!(SET, INSTRUMENTS);
    with_lower(word, |w| SET.contains(w))
}

/// True when a name ending with `last` (any case) is a law, prize,
/// competition or programme.
pub fn is_other_head(last: &str) -> bool {
    word_set!(SET, OTHER_HEADS);
    with_lower(last, |w| SET.contains(w))
}

/// True when the words of a name (as written) name a storm: "Hurricane
/// Ida", "Typhoon Haiyan", "Cyclone Idai", "Tropical Storm Alberto".
/// Capitalised only ("hurricane" alone is a common noun); "Storm" alone
/// also opens place and team names ("Storm Lake"), so only after
/// "Tropical".
pub fn is_storm_name(words: &[&str]) -> bool {
    match words {
        [first, _, ..] if matches!(*first, "Hurricane" | "Typhoon" | "Cyclone" | "Super") => {
            *first != "Super" || words.get(1) == Some(&"Typhoon")
        }
        ["Tropical", "Storm" | "Depression", _, ..] => true,
        _ => false,
    }
}

/// True when a holiday's name can end with `word` (any case): asked of
/// every mention's last word before any key is built.
pub fn ends_holiday(word: &str) -> bool {
    static LAST: std::sync::LazyLock<super::WordSet> = std::sync::LazyLock::new(|| {
        let last: Vec<&'static str> = HOLIDAYS
            .iter()
            .filter_map(|h| h.rsplit(' ').next())
            .collect();
        super::WordSet::new(&last)
    });
    with_lower(word, |w| {
        LAST.contains(w) || w.ends_with("’s") && LAST.contains(&w.replace('’', "'"))
    })
}

/// True when `name` (any case, words separated by spaces, curly
/// apostrophes allowed) is a holiday or observance.
pub fn is_holiday(name: &str) -> bool {
    word_set!(SET, HOLIDAYS);
    if !name
        .split_whitespace()
        .next_back()
        .is_some_and(ends_holiday)
    {
        return false;
    }
    let key: String = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('’', "'")
        .to_lowercase();
    SET.contains(key.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_words() {
        assert!(is_holiday("Christmas Eve") && is_holiday("New Year’s Day"));
        assert!(!is_holiday("Christmas Island"));
        assert!(is_illness_name("Covid-19") && is_illness_name("EBOLA"));
        assert!(!is_illness_name("Ebola River Valley"));
        assert!(is_other_head("Treaty") && !is_other_head("Ministry"));
        assert!(
            is_storm_name(&["Hurricane", "Ida"]) && is_storm_name(&["Tropical", "Storm", "Eta"])
        );
        assert!(!is_storm_name(&["Hurricane"]) && !is_storm_name(&["Tropical", "Fruit", "Co"]));
        assert!(!is_storm_name(&["Storm", "Lake"]) && !is_storm_name(&["Super", "Bowl"]));
        assert!(is_company_after("Inc.") && is_company_after("shares"));
        assert!(is_business_word("automotive") && is_business_word("inc"));
        assert!(!is_business_word("foundation"));
        assert!(is_company_noun("retailer") && !is_company_noun("minister"));
    }
}
