//! News outlets as page furniture names them: wire services, broadcasters,
//! newspapers and press-release wires, each with the spellings datelines,
//! credits and bylines use ("(AP)", "AFP/", "By Reuters Staff"). Consulted
//! mostly on furniture: a body sentence naming an outlet makes its node as
//! any other name does, so short or common-looking names ("The Hill",
//! "Mirror") are safe here. In the story only names of several words are
//! looked up, to type them as groups ("Al Jazeera" is no person).

use std::collections::HashMap;
use std::sync::LazyLock;

/// (the name shown, other spellings). Spellings are compared after
/// [`key`]: case, a leading "the", full stops and hyphens do not matter.
const OUTLETS: &[(&str, &[&str])] = &[
    // Wire services and national news agencies.
    ("Reuters", &["thomson reuters"]),
    ("Thomson Reuters Foundation", &[]),
    ("Associated Press", &["ap", "ap photo", "ap news"]),
    (
        "Agence France-Presse",
        &["afp", "agence france presse", "afp photo"],
    ),
    ("Bloomberg", &["bloomberg news"]),
    ("dpa", &["deutsche presse agentur"]),
    ("Xinhua", &["xinhua news agency"]),
    ("Kyodo News", &["kyodo"]),
    ("Yonhap", &["yonhap news agency"]),
    ("Press Trust of India", &["pti"]),
    ("Asian News International", &["ani"]),
    ("Indo-Asian News Service", &["ians"]),
    ("United Press International", &["upi"]),
    ("TASS", &["itar tass"]),
    ("RIA Novosti", &["ria"]),
    ("Interfax", &[]),
    ("EFE", &["agencia efe"]),
    ("ANSA", &[]),
    ("Anadolu Agency", &["anadolu"]),
    ("Jiji Press", &["jiji"]),
    ("Australian Associated Press", &["aap"]),
    ("The Canadian Press", &["cp"]),
    ("PA Media", &["press association"]),
    ("Europa Press", &[]),
    ("Lusa", &[]),
    ("ANP", &[]),
    ("Belga", &[]),
    ("PAP", &[]),
    ("Ritzau", &[]),
    ("Bernama", &[]),
    ("Antara", &[]),
    ("Central News Agency", &["cna"]),
    ("Korean Central News Agency", &["kcna"]),
    ("IRNA", &[]),
    ("Tasnim", &["tasnim news agency"]),
    ("Fars News Agency", &["fars"]),
    ("WAFA", &[]),
    ("MENA", &[]),
    ("Saudi Press Agency", &["spa"]),
    ("KUNA", &[]),
    ("Prensa Latina", &[]),
    ("Notimex", &[]),
    ("Field Level Media", &[]),
    ("Dow Jones Newswires", &["dow jones"]),
    ("PR Newswire", &["prnewswire"]),
    ("Business Wire", &["businesswire"]),
    ("GlobeNewswire", &["globe newswire"]),
    ("Getty Images", &["getty"]),
    ("EPA", &["epa efe"]),
    // Broadcasters.
    ("CNN", &["cnn business", "cnn politics", "cnn wire"]),
    ("BBC", &["bbc news"]),
    ("NPR", &[]),
    ("ABC News", &["abc"]),
    ("CBS News", &["cbs"]),
    ("NBC News", &["nbc"]),
    ("Fox News", &[]),
    ("MSNBC", &[]),
    ("CNBC", &[]),
    ("PBS", &["pbs newshour"]),
    ("Sky News", &[]),
    ("Al Jazeera", &[]),
    ("France 24", &[]),
    ("Deutsche Welle", &["dw"]),
    ("RFI", &[]),
    ("CBC News", &["cbc"]),
    ("CTV News", &["ctv"]),
    ("Global News", &[]),
    ("Euronews", &[]),
    ("NHK", &[]),
    ("CGTN", &[]),
    ("RT", &[]),
    ("Voice of America", &["voa"]),
    ("Radio Free Europe/Radio Liberty", &["rfe/rl"]),
    ("Radio Free Asia", &["rfa"]),
    ("ITV News", &[]),
    ("Al Arabiya", &[]),
    // Newspapers and news sites.
    ("The New York Times", &["nyt"]),
    ("The Washington Post", &[]),
    ("The Wall Street Journal", &["wsj"]),
    ("USA Today", &[]),
    ("Los Angeles Times", &[]),
    ("Chicago Tribune", &[]),
    ("The Guardian", &[]),
    ("The Times", &[]),
    ("The Independent", &[]),
    ("The Telegraph", &[]),
    ("Financial Times", &["ft"]),
    ("The Economist", &[]),
    ("Politico", &[]),
    ("Axios", &[]),
    ("The Hill", &[]),
    ("HuffPost", &[]),
    ("Newsweek", &[]),
    ("Forbes", &[]),
    ("Business Insider", &[]),
    ("Le Monde", &[]),
    ("Der Spiegel", &[]),
    ("The Hindu", &[]),
    ("The Times of India", &[]),
    ("Hindustan Times", &[]),
    ("South China Morning Post", &["scmp"]),
    ("The Japan Times", &[]),
    ("Nikkei", &["nikkei asia"]),
    ("The Straits Times", &[]),
    ("The Sydney Morning Herald", &[]),
    ("The Globe and Mail", &[]),
    ("Toronto Star", &[]),
    ("Haaretz", &[]),
    ("The Jerusalem Post", &[]),
    ("The Times of Israel", &[]),
    ("Arab News", &[]),
    ("Daily Mail", &[]),
    ("The Sun", &[]),
    ("Mirror", &["daily mirror"]),
    ("Evening Standard", &[]),
    ("The Atlantic", &[]),
    ("ProPublica", &[]),
    ("Wikinews", &[]),
];

/// Last words that mark an outlet's name ("Field Level Media", "Lagos
/// Evening Herald", "KTLA News"), compared in lowercase.
const MEDIA_HEADS: &[&str] = &[
    "agency",
    "broadcasting",
    "channel",
    "chronicle",
    "daily",
    "gazette",
    "herald",
    "journal",
    "magazine",
    "media",
    "network",
    "news",
    "newspaper",
    "newswire",
    "newswires",
    "post",
    "press",
    "radio",
    "television",
    "times",
    "tribune",
    "tv",
    "wire",
];

/// The look-up form of an outlet's spelling: lowercase, without a leading
/// "the", full stops, and hyphens as spaces, in single spaces ("The
/// Associated Press" → "associated press", "A.F.P." → "afp").
fn key(s: &str) -> String {
    let lower = s.to_lowercase().replace('.', "").replace(['-', '‐'], " ");
    let mut words = lower.split_whitespace().peekable();
    if words.peek() == Some(&"the") {
        words.next();
    }
    words.collect::<Vec<_>>().join(" ")
}

static BY_KEY: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for &(name, others) in OUTLETS {
        m.insert(key(name), name);
        for o in others {
            m.insert(key(o), name);
        }
    }
    m
});

/// The name to show for an outlet written as `s` ("AP" → "Associated
/// Press", "REUTERS" → "Reuters"), or None for a name not in the list.
pub fn outlet_name(s: &str) -> Option<&'static str> {
    if s.len() > 60 {
        return None;
    }
    BY_KEY.get(&key(s)).copied()
}

/// True when the last word of `s` is one that ends an outlet's name
/// ("News", "Media", "Press").
pub fn has_media_head(s: &str) -> bool {
    s.split_whitespace()
        .next_back()
        .is_some_and(|w| crate::util::lower::with_lower(w, |l| MEDIA_HEADS.contains(&l)))
}
