//! Countries with their demonyms and common short forms, and the words
//! of peoples around them: modifiers ("Iran-backed"), adjectives of
//! religion or region, languages.

use super::word_set::lower_in;
use crate::util::hash::WordBuild;
use crate::util::lower::with_lower;
use std::collections::HashMap;
use std::sync::LazyLock;

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
    (
        "France",
        &["French", "Frenchman", "Frenchwoman", "Frenchmen"],
        &[],
    ),
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
    ("Ireland", &["Irish", "Irishman", "Irishwoman"], &[]),
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
    (
        "Netherlands",
        &["Dutch", "Dutchman", "Dutchwoman"],
        &["Holland", "The Netherlands"],
    ),
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
        &[
            "British",
            "Briton",
            "Britons",
            "Englishman",
            "Englishwoman",
            "Englishmen",
            "Scotsman",
            "Scotswoman",
            "Welshman",
            "Welshwoman",
        ],
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

/// Languages that are not also demonyms: "in Hebrew" names no place.
pub const LANGUAGES: &[&str] = &[
    "arabic",
    "bengali",
    "cantonese",
    "dari",
    "english",
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

/// Directions before a place's name ("in northwest X", "central Y").
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
];

/// True when `lower` (a lowercase word) is a direction before a place's
/// name.
pub fn is_direction(lower: &str) -> bool {
    DIRECTIONS.contains(&lower)
}
