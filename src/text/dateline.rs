//! Datelines at the start of a story: "LAGOS (Reuters) - ", "Accra, Ghana
//! (AFP) – ", "Dec 7 (Reuters) - ", "LAGOS, Dec 7 (Reuters) - ",
//! "NEW YORK, Dec. 7, 2020 /PRNewswire/ -- ", "LAGOS — ", "(Bloomberg) -- ",
//! "Lima (CNN)", with an editor's note ("(Adds quotes)") or a byline ("By
//! Ana Ruiz") before them. Read on the tokens of a line: the dateline is
//! the words before the story's first word.
//!
//! A place in mixed case without an agency ("Accra, Ghana — The …") is a
//! dateline only at the top of the story, before a dash, and before a
//! capitalised word; "Paris (France) is …" is no dateline.

use super::credits::{self, date_starts, is_caps_word, is_dash, is_particle, tidy_caps};
use crate::lexicon;
use std::ops::Range;

/// A dateline read from the start of a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dateline {
    /// Words it takes, dash included: the story starts at this word.
    pub end: usize,
    /// "Lagos", "Accra, Ghana", "New York/London".
    pub place: Option<String>,
    /// The words of its date ("Dec 7", "Dec. 7, 2020").
    pub date: Option<Range<usize>>,
    /// The agency or outlet it credits, as shown ("Associated Press").
    pub agency: Option<String>,
    /// People of a byline before it.
    pub authors: Vec<String>,
}

/// Editor's notes that open a story: "(Adds quotes)", "(Updates with
/// vote count)", "(Corrects spelling of name in paragraph 3)".
const NOTE_VERBS: &[&str] = &[
    "adds",
    "advisory",
    "changes",
    "clarifies",
    "corrected",
    "corrects",
    "deletes",
    "fixes",
    "inserts",
    "moves",
    "recasts",
    "refiles",
    "removes",
    "repeats",
    "rewrites",
    "updated",
    "updates",
    "writes",
];

/// Capitalised words that open headlines, wire labels and sports
/// sections, not places ("BREAKING — …", "NOTE - …", "SOCCER - …").
const NOT_PLACES: &[&str] = &[
    "alert",
    "analysis",
    "athletics",
    "baseball",
    "basketball",
    "boxing",
    "breaking",
    "comment",
    "commentary",
    "correction",
    "cricket",
    "cycling",
    "editorial",
    "exclusive",
    "explainer",
    "factbox",
    "feature",
    "file",
    "flash",
    "focus",
    "football",
    "golf",
    "hockey",
    "interview",
    "live",
    "news",
    "note",
    "notes",
    "opinion",
    "photo",
    "photos",
    "preview",
    "refile",
    "review",
    "rugby",
    "soccer",
    "sport",
    "sports",
    "table",
    "tennis",
    "update",
    "updated",
    "urgent",
    "video",
    "watch",
    "weather",
];

/// True when `words` from `i` open an editor's note: returns the word
/// after its closing bracket.
pub fn note_end(words: &[&str], i: usize) -> Option<usize> {
    if words.get(i) != Some(&"(") {
        return None;
    }
    let close = i + words.iter().skip(i).take(40).position(|w| *w == ")")?;
    let verb = words.get(i + 1)?;
    let lower = |w: &str, list: &[&str]| crate::util::lower::with_lower(w, |l| list.contains(&l));
    // "(This Dec 7 story corrects …)", "(This version of the story adds …)".
    let this_story = verb.eq_ignore_ascii_case("this")
        && words[i + 1..close]
            .iter()
            .any(|w| lower(w, &["story", "version", "article"]));
    (lower(verb, NOTE_VERBS) || this_story).then_some(close + 1)
}

/// The agency of "(Reuters)", "(AP)", "(Thomson Reuters Foundation)",
/// "(KTLA)", "/PRNewswire/", from word `i`: (shown name, next word).
fn agency_at(words: &[&str], i: usize) -> Option<(String, usize, bool)> {
    let w = *words.get(i)?;
    if let Some(inner) = w.strip_prefix('/').and_then(|x| x.strip_suffix('/'))
        && !inner.is_empty()
    {
        let name = credits::outlet_of(inner).or_else(|| {
            inner
                .chars()
                .all(|c| c.is_alphanumeric() || c == ' ')
                .then(|| inner.to_string())
        })?;
        return Some((name, i + 1, true));
    }
    if w != "(" {
        return None;
    }
    let close = words.iter().skip(i).take(8).position(|w| *w == ")")?;
    let inner = words.get(i + 1..i + close)?;
    if inner.is_empty() {
        return None;
    }
    let joined = inner.join(" ");
    let listed = lexicon::outlet_name(&joined);
    let name = if let Some(o) = listed {
        o.to_string()
    } else if inner.len() == 1 && is_call_sign(inner[0]) {
        joined
    } else if lexicon::has_media_head(&joined)
        || inner
            .iter()
            .any(|w| lexicon::outlet_name(w).is_some_and(|_| w.len() > 2))
    {
        // "(Reuters Health)", "(Lagos Evening Herald)".
        joined
    } else {
        return None;
    };
    Some((name, i + close + 1, listed.is_some()))
}

/// A North American broadcaster's call sign ("KTLA", "WXYZ-TV", "CFTO").
fn is_call_sign(w: &str) -> bool {
    let base = w
        .strip_suffix("-TV")
        .or_else(|| w.strip_suffix("-FM"))
        .or_else(|| w.strip_suffix("-AM"))
        .unwrap_or(w);
    (4..=5).contains(&base.len())
        && base.starts_with(['K', 'W', 'C'])
        && base.chars().all(|c| c.is_ascii_uppercase())
}

/// A place from word `i`: a run of capitals ("NEW YORK", "RIO DE
/// JANEIRO", "NEW YORK/LONDON") or of capitalised words, with a region
/// after a comma ("KABUL, Afghanistan", "PORTLAND, Ore."). Returns the
/// place, the next word, and whether it was in capitals.
fn place_at(words: &[&str], i: usize) -> Option<(String, usize, bool)> {
    let caps = words.get(i).is_some_and(|w| is_caps_word(w));
    let word_ok = |w: &str| {
        if caps {
            is_caps_word(w)
        } else {
            starts_upper(w) && w.chars().all(|c| c.is_alphabetic() || ".-'’".contains(c))
        }
    };
    let mut j = i;
    while let Some(w) = words.get(j) {
        let particle = j > i
            && (is_particle(&w.to_lowercase()) || (!caps && is_particle(w)))
            && words.get(j + 1).is_some_and(|n| word_ok(n));
        if j - i >= 5 || date_starts(words, j) || !(word_ok(w) || particle) {
            break;
        }
        j += 1;
    }
    if j == i || (!caps && j - i > 3) {
        return None;
    }
    // "THE HAGUE" is a place; "BUT —", "BREAKING —" are not.
    let first = words[i].trim_end_matches('.').to_lowercase();
    let article = first == "the" && j - i >= 2;
    if NOT_PLACES.contains(&first.as_str()) || (lexicon::is_sentence_starter(&first) && !article) {
        return None;
    }
    let mut place = tidy_caps(&words[i..j].join(" "));
    // "New Delhi [India]".
    if words.get(j) == Some(&"[")
        && let Some(close) = words.iter().skip(j).take(6).position(|w| *w == "]")
        && close > 1
    {
        place = format!("{place}, {}", words[j + 1..j + close].join(" "));
        j += close + 1;
    }
    // ", Region" (not ", Dec 7").
    if words.get(j) == Some(&",") && !date_starts(words, j + 1) {
        let mut k = j + 1;
        while let Some(w) = words.get(k) {
            if k - j > 3 || date_starts(words, k) || !starts_upper(w) || w.contains('(') {
                break;
            }
            k += 1;
        }
        if k > j + 1 {
            place = format!("{place}, {}", words[j + 1..k].join(" "));
            j = k;
        }
    }
    Some((place, j, caps))
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A date from word `i` (after an optional comma): "Dec 7", "Dec. 7,
/// 2020", "7 December", "December 7". Returns its words and the next.
fn date_at(words: &[&str], i: usize) -> Option<(Range<usize>, usize)> {
    let i = if words.get(i) == Some(&",") { i + 1 } else { i };
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let is_day = |s: &str| {
        s.len() <= 4
            && s.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<u32>()
                .is_ok_and(|d| (1..=31).contains(&d))
    };
    let is_year = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
    let month_day = lexicon::month_number(w(i)).is_some() && is_day(w(i + 1));
    let day_month = is_day(w(i)) && lexicon::month_number(w(i + 1)).is_some();
    if !(month_day || day_month) {
        return None;
    }
    let end = i + 2;
    let end = if w(end) == "," && is_year(w(end + 1)) {
        end + 2
    } else if is_year(w(end)) {
        end + 1
    } else {
        end
    };
    Some((i..end, end))
}

/// The first word of a story after a dateline: a capitalised word, a
/// number or an opening quote.
fn story_starts(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'".contains(c))
}

/// True when `words` open a sentence of running text: a capitalised
/// first word, not two words in capitals among the first three, and,
/// within the first twelve words, at least two in lowercase and fewer in
/// capitals than in lowercase.
fn reads_as_sentence(words: &[&str]) -> bool {
    let first = words.first().is_some_and(|w| story_starts(w));
    let head = words.iter().take(12);
    let (mut lower, mut caps) = (0, 0);
    for w in head {
        if w.starts_with(|c: char| c.is_lowercase()) {
            lower += 1;
        } else if is_caps_word(w) {
            caps += 1;
        }
    }
    // "BRAVES SIGN NEAGLE Officials said …": a headline before a sentence.
    let caps_start = words.iter().take(3).filter(|w| is_caps_word(w)).count() >= 2;
    first && lower >= 2 && caps < lower && !caps_start
}

/// Reads a dateline at the start of `words` (the tokens of a line), or
/// an editor's note alone. `top`: the line opens the story, where a place
/// in mixed case with only a dash counts.
pub fn parse(words: &[&str], top: bool) -> Option<Dateline> {
    let note = note_end(words, 0);
    parse_after(words, note.unwrap_or(0), top).or_else(|| {
        note.map(|end| Dateline {
            end,
            ..Dateline::default()
        })
    })
}

fn parse_after(words: &[&str], start: usize, top: bool) -> Option<Dateline> {
    let mut out = Dateline::default();
    let mut i = start;
    if matches!(words.get(i), Some(&"By") | Some(&"BY")) {
        let names = credits::read_names(words.get(i + 1..).unwrap_or_default(), false);
        if names.authors.is_empty() {
            return None;
        }
        out.authors = names.authors;
        i += 1 + names.end;
        if words.get(i) == Some(&",") {
            i += 1;
        }
    }
    let mut place_caps = None;
    if let Some((place, j, caps)) = place_at(words, i) {
        out.place = Some(place);
        place_caps = Some(caps);
        i = j;
    }
    if let Some((date, j)) = date_at(words, i) {
        out.date = Some(date);
        i = j;
        // "MOSCOW, December 7. /TASS/."
        if words.get(i) == Some(&".") && agency_at(words, i + 1).is_some() {
            i += 1;
        }
    }
    if let Some((agency, j, listed)) = agency_at(words, i) {
        // "By Ana Ruiz Lima (AFP)": a place in mixed case may have been
        // read as the byline's last name; its names are not trusted.
        if out.place.is_none() && out.date.is_none() {
            out.authors.clear();
        }
        out.agency = Some(agency);
        i = j;
        if words
            .get(i)
            .is_some_and(|w| is_dash(w) || matches!(*w, ":" | "."))
        {
            i += 1;
        } else if !listed || !words.get(i).is_none_or(|w| story_starts(w)) {
            // Without a dash only a listed outlet ("Lima (CNN) The …").
            return None;
        }
    } else {
        // No agency: a place and a dash (or a colon after capitals).
        let dash = words.get(i).copied().unwrap_or("");
        // Without an agency, what follows must read as a sentence: not a
        // headline in capitals ("TENNIS - ANA RUIZ WINS"), not a table
        // ("AMT: 3,250,000").
        let sentence = reads_as_sentence(words.get(i + 1..).unwrap_or_default());
        // A long dash after capitals is the dateline's mark (AP and most
        // papers); a hyphen or a colon is also a label's ("NOTE - …",
        // "AMT: …"), so those only at the top.
        let long_dash = matches!(dash, "—" | "–" | "--");
        let ok = match place_caps {
            Some(true) => sentence && (long_dash || (top && (is_dash(dash) || dash == ":"))),
            // The story after it a sentence, not a heading ("Group F —
            // Sweden 1 – 0 Korea").
            Some(false) => {
                top && sentence
                    && long_dash
                    && words.len() >= i + 8
                    && words
                        .last()
                        .is_some_and(|w| matches!(*w, "." | "!" | "?" | "”" | "\"" | "’"))
                    && words[start..i]
                        .iter()
                        .all(|w| !w.chars().any(|c| c.is_alphabetic()) || w.chars().count() >= 2)
            }
            None => false,
        };
        if !ok {
            return None;
        }
        i += 1;
    }
    if !words.get(i).is_none_or(|w| story_starts(w)) {
        return None;
    }
    out.end = i;
    Some(out)
}
