//! Small closed-class word lists that any English news text needs: titles,
//! months and weekdays, common sentence-initial words, keywords that mark
//! organisations and places, and countries with their demonyms and common
//! short forms. General facts of English and geography, not tuned to any
//! corpus.

pub use crate::util::hash::{WordBuild, WordHasher};
use crate::util::lower::with_lower;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A word list as a hash set (the lists are searched for nearly every
/// token; a linear scan compared the word with each entry).
#[derive(Debug, Clone, Default)]
pub struct WordSet(HashSet<&'static str, WordBuild>);

impl WordSet {
    pub fn new(words: &[&'static str]) -> WordSet {
        WordSet(words.iter().copied().collect())
    }
    pub fn contains(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

/// Declares a lazily built [`WordSet`] of a word list.
macro_rules! word_set {
    ($name:ident, $list:expr) => {
        static $name: LazyLock<WordSet> = LazyLock::new(|| WordSet::new($list));
    };
}

/// Countries (canonical English short name), their demonyms/adjectives and
/// other names in common use.
pub const COUNTRIES: &[(&str, &[&str], &[&str])] = &[
    ("Afghanistan", &["Afghan", "Afghans"], &[]),
    ("Albania", &["Albanian", "Albanians"], &[]),
    ("Algeria", &["Algerian", "Algerians"], &[]),
    (
        "Argentina",
        &["Argentine", "Argentinian", "Argentines"],
        &[],
    ),
    ("Armenia", &["Armenian", "Armenians"], &[]),
    ("Australia", &["Australian", "Australians"], &[]),
    ("Austria", &["Austrian", "Austrians"], &[]),
    ("Azerbaijan", &["Azerbaijani", "Azeri"], &[]),
    ("Bahrain", &["Bahraini", "Bahrainis"], &[]),
    ("Bangladesh", &["Bangladeshi", "Bangladeshis"], &[]),
    ("Belarus", &["Belarusian", "Belarusians"], &[]),
    ("Belgium", &["Belgian", "Belgians"], &[]),
    ("Bolivia", &["Bolivian", "Bolivians"], &[]),
    (
        "Bosnia and Herzegovina",
        &["Bosnian", "Bosnians"],
        &["Bosnia"],
    ),
    ("Brazil", &["Brazilian", "Brazilians"], &[]),
    ("Bulgaria", &["Bulgarian", "Bulgarians"], &[]),
    ("Cambodia", &["Cambodian", "Cambodians"], &[]),
    ("Canada", &["Canadian", "Canadians"], &[]),
    ("Chile", &["Chilean", "Chileans"], &[]),
    (
        "China",
        &["Chinese"],
        &["PRC", "People's Republic of China"],
    ),
    ("Colombia", &["Colombian", "Colombians"], &[]),
    (
        "Croatia",
        &["Croatian", "Croatians", "Croat", "Croats"],
        &[],
    ),
    ("Cuba", &["Cuban", "Cubans"], &[]),
    ("Cyprus", &["Cypriot", "Cypriots"], &[]),
    ("Czech Republic", &["Czech", "Czechs"], &["Czechia"]),
    ("Denmark", &["Danish", "Dane", "Danes"], &[]),
    ("Egypt", &["Egyptian", "Egyptians"], &[]),
    ("Estonia", &["Estonian", "Estonians"], &[]),
    ("Ethiopia", &["Ethiopian", "Ethiopians"], &[]),
    ("Finland", &["Finnish", "Finn", "Finns"], &[]),
    ("France", &["French"], &[]),
    ("Georgia", &["Georgian", "Georgians"], &[]),
    ("Germany", &["German", "Germans"], &[]),
    ("Ghana", &["Ghanaian", "Ghanaians"], &[]),
    ("Greece", &["Greek", "Greeks"], &[]),
    ("Hungary", &["Hungarian", "Hungarians"], &[]),
    ("Iceland", &["Icelandic", "Icelander", "Icelanders"], &[]),
    ("India", &["Indian", "Indians"], &[]),
    ("Indonesia", &["Indonesian", "Indonesians"], &[]),
    (
        "Iran",
        &["Iranian", "Iranians"],
        &["Islamic Republic of Iran"],
    ),
    ("Iraq", &["Iraqi", "Iraqis"], &["Republic of Iraq"]),
    ("Ireland", &["Irish"], &[]),
    ("Israel", &["Israeli", "Israelis"], &[]),
    ("Italy", &["Italian", "Italians"], &[]),
    ("Japan", &["Japanese"], &[]),
    ("Jordan", &["Jordanian", "Jordanians"], &[]),
    ("Kazakhstan", &["Kazakh", "Kazakhs"], &[]),
    ("Kenya", &["Kenyan", "Kenyans"], &[]),
    ("Kosovo", &["Kosovar", "Kosovars"], &[]),
    ("Kuwait", &["Kuwaiti", "Kuwaitis"], &[]),
    ("Latvia", &["Latvian", "Latvians"], &[]),
    ("Lebanon", &["Lebanese"], &[]),
    ("Libya", &["Libyan", "Libyans"], &[]),
    ("Lithuania", &["Lithuanian", "Lithuanians"], &[]),
    ("Malaysia", &["Malaysian", "Malaysians"], &[]),
    ("Mexico", &["Mexican", "Mexicans"], &[]),
    ("Moldova", &["Moldovan", "Moldovans"], &[]),
    ("Morocco", &["Moroccan", "Moroccans"], &[]),
    ("Myanmar", &["Myanmarese", "Burmese"], &["Burma"]),
    ("Nepal", &["Nepalese", "Nepali"], &[]),
    ("Netherlands", &["Dutch"], &["Holland", "The Netherlands"]),
    ("New Zealand", &["New Zealander", "New Zealanders"], &[]),
    ("Nigeria", &["Nigerian", "Nigerians"], &[]),
    ("North Korea", &["North Korean", "North Koreans"], &["DPRK"]),
    ("Norway", &["Norwegian", "Norwegians"], &[]),
    ("Oman", &["Omani", "Omanis"], &[]),
    ("Pakistan", &["Pakistani", "Pakistanis"], &[]),
    (
        "Palestine",
        &["Palestinian", "Palestinians"],
        &["Palestinian territories"],
    ),
    ("Peru", &["Peruvian", "Peruvians"], &[]),
    (
        "Philippines",
        &["Filipino", "Filipinos", "Philippine"],
        &["The Philippines"],
    ),
    ("Poland", &["Polish", "Pole", "Poles"], &[]),
    ("Portugal", &["Portuguese"], &[]),
    ("Qatar", &["Qatari", "Qataris"], &[]),
    ("Romania", &["Romanian", "Romanians"], &[]),
    ("Russia", &["Russian", "Russians"], &["Russian Federation"]),
    ("Saudi Arabia", &["Saudi", "Saudis"], &[]),
    ("Serbia", &["Serbian", "Serbians", "Serb", "Serbs"], &[]),
    ("Singapore", &["Singaporean", "Singaporeans"], &[]),
    ("Slovakia", &["Slovak", "Slovaks"], &[]),
    ("Slovenia", &["Slovenian", "Slovenians", "Slovene"], &[]),
    ("Somalia", &["Somali", "Somalis"], &[]),
    ("South Africa", &["South African", "South Africans"], &[]),
    (
        "South Korea",
        &["South Korean", "South Koreans"],
        &["Republic of Korea", "ROK"],
    ),
    ("Spain", &["Spanish", "Spaniard", "Spaniards"], &[]),
    ("Sri Lanka", &["Sri Lankan", "Sri Lankans"], &[]),
    ("Sudan", &["Sudanese"], &[]),
    ("Sweden", &["Swedish", "Swede", "Swedes"], &[]),
    ("Switzerland", &["Swiss"], &[]),
    ("Syria", &["Syrian", "Syrians"], &[]),
    ("Taiwan", &["Taiwanese"], &[]),
    ("Thailand", &["Thai", "Thais"], &[]),
    ("Tunisia", &["Tunisian", "Tunisians"], &[]),
    (
        "Turkey",
        &["Turkish", "Turk", "Turks"],
        &["Türkiye", "Turkiye"],
    ),
    ("Ukraine", &["Ukrainian", "Ukrainians"], &[]),
    (
        "United Arab Emirates",
        &["Emirati", "Emiratis"],
        &["UAE", "U.A.E."],
    ),
    (
        "United Kingdom",
        &["British", "Briton", "Britons"],
        &["UK", "U.K.", "Britain", "Great Britain"],
    ),
    (
        "United States",
        &["American", "Americans"],
        &[
            "US",
            "U.S.",
            "USA",
            "U.S.A.",
            "America",
            "United States of America",
            "the United States",
        ],
    ),
    ("Venezuela", &["Venezuelan", "Venezuelans"], &[]),
    ("Vietnam", &["Vietnamese"], &["Viet Nam"]),
    ("Yemen", &["Yemeni", "Yemenis"], &[]),
    ("Zimbabwe", &["Zimbabwean", "Zimbabweans"], &[]),
    ("Angola", &["Angolan", "Angolans"], &[]),
    ("Benin", &["Beninese"], &[]),
    ("Botswana", &["Motswana", "Batswana"], &[]),
    ("Burkina Faso", &["Burkinabe"], &[]),
    ("Burundi", &["Burundian", "Burundians"], &[]),
    ("Cameroon", &["Cameroonian", "Cameroonians"], &[]),
    ("Central African Republic", &["Central African"], &["CAR"]),
    ("Chad", &["Chadian", "Chadians"], &[]),
    ("Costa Rica", &["Costa Rican", "Costa Ricans"], &[]),
    (
        "Democratic Republic of the Congo",
        &["Congolese", "Zairean", "Zairian"],
        // Zaire until 1997: archives and older reports use it.
        &["DRC", "DR Congo", "Congo-Kinshasa", "Zaire"],
    ),
    ("Republic of the Congo", &[], &["Congo-Brazzaville"]),
    ("Dominican Republic", &["Dominican", "Dominicans"], &[]),
    ("Ecuador", &["Ecuadorian", "Ecuadorians"], &[]),
    ("El Salvador", &["Salvadoran", "Salvadorans"], &[]),
    ("Eritrea", &["Eritrean", "Eritreans"], &[]),
    ("Gabon", &["Gabonese"], &[]),
    ("Gambia", &["Gambian", "Gambians"], &["The Gambia"]),
    ("Guatemala", &["Guatemalan", "Guatemalans"], &[]),
    ("Guinea", &["Guinean", "Guineans"], &[]),
    ("Haiti", &["Haitian", "Haitians"], &[]),
    ("Honduras", &["Honduran", "Hondurans"], &[]),
    (
        "Ivory Coast",
        &["Ivorian", "Ivorians"],
        &["Côte d'Ivoire", "Cote d'Ivoire"],
    ),
    ("Jamaica", &["Jamaican", "Jamaicans"], &[]),
    ("Kyrgyzstan", &["Kyrgyz"], &[]),
    ("Laos", &["Lao", "Laotian", "Laotians"], &[]),
    ("Liberia", &["Liberian", "Liberians"], &[]),
    ("Luxembourg", &["Luxembourgish", "Luxembourger"], &[]),
    ("Madagascar", &["Malagasy"], &[]),
    ("Malawi", &["Malawian", "Malawians"], &[]),
    ("Mali", &["Malian", "Malians"], &[]),
    ("Malta", &["Maltese"], &[]),
    ("Mauritania", &["Mauritanian", "Mauritanians"], &[]),
    ("Mongolia", &["Mongolian", "Mongolians"], &[]),
    ("Montenegro", &["Montenegrin", "Montenegrins"], &[]),
    ("Mozambique", &["Mozambican", "Mozambicans"], &[]),
    ("Namibia", &["Namibian", "Namibians"], &[]),
    ("Nicaragua", &["Nicaraguan", "Nicaraguans"], &[]),
    ("Niger", &["Nigerien", "Nigeriens"], &[]),
    (
        "North Macedonia",
        &["Macedonian", "Macedonians"],
        &["Macedonia"],
    ),
    ("Panama", &["Panamanian", "Panamanians"], &[]),
    ("Papua New Guinea", &["Papua New Guinean"], &[]),
    ("Paraguay", &["Paraguayan", "Paraguayans"], &[]),
    ("Rwanda", &["Rwandan", "Rwandans"], &[]),
    ("Senegal", &["Senegalese"], &[]),
    ("Sierra Leone", &["Sierra Leonean", "Sierra Leoneans"], &[]),
    ("South Sudan", &["South Sudanese"], &[]),
    ("Tajikistan", &["Tajik", "Tajiks"], &[]),
    ("Tanzania", &["Tanzanian", "Tanzanians"], &[]),
    ("Togo", &["Togolese"], &[]),
    ("Trinidad and Tobago", &["Trinidadian", "Trinidadians"], &[]),
    ("Turkmenistan", &["Turkmen"], &[]),
    ("Uganda", &["Ugandan", "Ugandans"], &[]),
    ("Uruguay", &["Uruguayan", "Uruguayans"], &[]),
    ("Uzbekistan", &["Uzbek", "Uzbeks"], &[]),
    ("Zambia", &["Zambian", "Zambians"], &[]),
];

/// The country a name or alias denotes ("U.S." → "United States").
pub fn country(name: &str) -> Option<&'static str> {
    // Called for every place mention: hash lookups, not a scan of the table.
    static CANONICAL: LazyLock<HashMap<String, &'static str, WordBuild>> = LazyLock::new(|| {
        COUNTRIES
            .iter()
            .map(|(c, _, _)| (c.to_ascii_lowercase(), *c))
            .collect()
    });
    static ALIASES: LazyLock<HashMap<&'static str, &'static str, WordBuild>> =
        LazyLock::new(|| {
            let mut m = HashMap::default();
            for (c, _, aliases) in COUNTRIES.iter().rev() {
                for a in aliases.iter() {
                    m.insert(*a, *c);
                }
            }
            m
        });
    with_lower(name, |l| CANONICAL.get(l).copied()).or_else(|| ALIASES.get(name).copied())
}

/// The country of a demonym ("Iraqi" → "Iraq").
pub fn demonym_country(word: &str) -> Option<&'static str> {
    static DEMONYMS: LazyLock<HashMap<&'static str, &'static str, WordBuild>> =
        LazyLock::new(|| {
            let mut m = HashMap::default();
            // Reversed so that the first country listed wins, as in a scan.
            for (c, dems, _) in COUNTRIES.iter().rev() {
                for d in dems.iter() {
                    m.insert(*d, *c);
                }
            }
            m
        });
    DEMONYMS.get(word).copied()
}

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

/// Capitalised adjectives of religion, region or ethnicity that are not
/// names of anything by themselves ("Shiite militias", "Western allies").
pub const ADJECTIVES: &[&str] = &[
    "arabs",
    "buddhists",
    "catholics",
    "christians",
    "hindus",
    "hutu",
    "hutus",
    "jews",
    "kurd",
    "kurds",
    "muslims",
    "protestants",
    "shiites",
    "sunnis",
    "tutsi",
    "tutsis",
    "african",
    "arab",
    "arabic",
    "asian",
    "buddhist",
    "catholic",
    "christian",
    "eastern",
    "european",
    "hindu",
    "islamic",
    "islamist",
    "jewish",
    "kurdish",
    "latin",
    "muslim",
    "northern",
    "orthodox",
    "protestant",
    "shia",
    "shiite",
    "shi'ite",
    "southern",
    "sunni",
    "western",
];

/// Hyphenated endings that turn a country or demonym into a modifier
/// ("Iran-backed", "US-led", "Turkish-based").
pub const MODIFIER_SUFFIXES: &[&str] = &[
    "allied",
    "backed",
    "based",
    "born",
    "brokered",
    "controlled",
    "dominated",
    "funded",
    "held",
    "led",
    "linked",
    "made",
    "occupied",
    "owned",
    "ruled",
    "run",
    "sponsored",
    "supported",
    "trained",
];

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

/// Languages that are not also demonyms: "in Hebrew" names no place.
pub const LANGUAGES: &[&str] = &[
    "arabic",
    "bengali",
    "cantonese",
    "dari",
    "esperanto",
    "farsi",
    "hebrew",
    "hindi",
    "latin",
    "mandarin",
    "pashto",
    "persian",
    "sanskrit",
    "swahili",
    "tamil",
    "urdu",
    "yiddish",
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

/// The full form of a title word ("Gen." → "general"), lowercase.
pub fn expand_title(word: &str) -> String {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLE_ABBREVIATIONS
        .iter()
        .find(|(a, _)| *a == w)
        .map(|(_, full)| (*full).to_string())
        .unwrap_or(w)
}

fn lower_in(word: &str, set: &WordSet) -> bool {
    with_lower(word.trim_end_matches('.'), |w| set.contains(w))
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
pub fn is_adjective(word: &str) -> bool {
    word_set!(SET, ADJECTIVES);
    if word.contains('’') {
        lower_in(&word.replace('’', "'"), &SET)
    } else {
        lower_in(word, &SET)
    }
}

/// The country of a modifier such as "Iran-backed", "US-led" or
/// "pro-Chilean".
pub fn modifier_country(word: &str) -> Option<&'static str> {
    for prefix in ["pro-", "anti-", "Pro-", "Anti-"] {
        if let Some(rest) = word.strip_prefix(prefix) {
            return country(rest).or_else(|| demonym_country(rest));
        }
    }
    let (head, tail) = word.rsplit_once('-')?;
    if !with_lower(tail, |t| MODIFIER_SUFFIXES.contains(&t)) {
        return None;
    }
    country(head).or_else(|| demonym_country(head))
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

pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month number (1-12) of a month name or common abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    // Asked of nearly every token by the date scanner: compared in place,
    // without lowercasing into a new string. Month names are ASCII, and no
    // other character lowercases to an ASCII letter but the Kelvin sign
    // ("k", in no month name), so a word that is not ASCII is none.
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    // Only the months with the word's first letter can match (in their
    // order, as the first match wins); most words start with a letter no
    // month name starts with.
    let candidates: &[usize] = match w.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'j') => &[0, 5, 6],
        Some(b'f') => &[1],
        Some(b'm') => &[2, 4],
        Some(b'a') => &[3, 7],
        Some(b's') => &[8],
        Some(b'o') => &[9],
        Some(b'n') => &[10],
        Some(b'd') => &[11],
        _ => return None,
    };
    candidates
        .iter()
        .copied()
        .find(|&i| {
            MONTHS.get(i).is_some_and(|m| {
                m.eq_ignore_ascii_case(w)
                    || (m
                        .as_bytes()
                        .get(..w.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(w.as_bytes()))
                        && (w.len() == 3 || w.eq_ignore_ascii_case("sept")))
            })
        })
        .map(|i| i as u32 + 1)
}

/// Capitalised words that start sentences without naming anything.
pub const SENTENCE_STARTERS: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "against",
    "all",
    "also",
    "although",
    "an",
    "and",
    "angry",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "either",
    "even",
    "every",
    "few",
    "following",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "late",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "much",
    "my",
    "neither",
    "never",
    "next",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "officials",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "over",
    "same",
    "several",
    "she",
    "since",
    "so",
    "some",
    "such",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "to",
    "two",
    "under",
    "unlike",
    "until",
    "we",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "why",
    "with",
    "within",
    "without",
    "yet",
    "you",
    "your",
];

pub fn is_sentence_starter(word: &str) -> bool {
    word_set!(SET, SENTENCE_STARTERS);
    with_lower(word, |w| SET.contains(w))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_demonyms() {
        assert_eq!(country("U.S."), Some("United States"));
        assert_eq!(country("france"), Some("France"));
        assert_eq!(demonym_country("Norwegian"), Some("Norway"));
        assert_eq!(demonym_country("Table"), None);
    }

    #[test]
    fn title_helpers() {
        assert_eq!(expand_title("Gen."), "general");
        assert_eq!(expand_title("Minister"), "minister");
        assert!(is_acronym("NATO") && is_acronym("U.N.") && !is_acronym("Nato"));
        assert!(!is_acronym("A"));
        assert_eq!(modifier_country("Chile-backed"), Some("Chile"));
        assert_eq!(modifier_country("Peruvian-led"), Some("Peru"));
        assert_eq!(modifier_country("Chile-based-x"), None);
        assert_eq!(modifier_country("pro-Chilean"), Some("Chile"));
        assert_eq!(modifier_country("anti-Peru"), Some("Peru"));
        assert!(is_adjective("Sunni") && !is_adjective("Sunday"));
    }

    /// The first [`month_number`]: lowercase, then compare.
    fn month_number_by_lowercase(word: &str) -> Option<u32> {
        let w = word.trim_end_matches('.').to_lowercase();
        if w.len() < 3 {
            return None;
        }
        MONTHS
            .iter()
            .position(|m| {
                *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
            })
            .map(|i| i as u32 + 1)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn month_number_matches_the_lowercasing_version(
            w in "(?i)(jan|febr?|mar(ch)?|apr|may|june?|july?|aug|sept?|oct|nov|dec)[a-zİ\u{212A}]{0,6}\\.?|[A-Za-zİı\u{212A}]{0,10}"
        ) {
            proptest::prop_assert_eq!(month_number(&w), month_number_by_lowercase(&w));
        }
    }

    #[test]
    fn months_and_titles() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("Jan"), Some(1));
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("Ma"), None);
        assert!(is_title("Sgt."));
        assert!(is_title("Lieutenant-Colonel") && is_title("Vice-President"));
        assert!(!is_title("Jean-Pierre"));
        assert!(!is_title("Table"));
    }
}
