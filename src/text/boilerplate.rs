//! Page furniture of scraped news: link teasers ("RELATED:"), photo credits
//! ("AGENCY/First Last", "File Photo") and captions with credits, bylines,
//! credit lines ("Reporting by …"), editor's notes, slideshow and video
//! markers, "N min read", copyright lines, social handles, calls to
//! subscribe or join a channel, language switches, trailing wire credits
//! ("-- Field Level Media"), repeated lines. Sentences on such lines are
//! flagged so that no stage makes nodes or edges from them; what they say
//! of the document is read in [`super::furniture`].

use super::credits;
use crate::model::{Sentence, Span, Token};
use regex::Regex;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

/// Line openings that mark furniture (compared case-insensitively).
const PREFIXES: &[&str] = &[
    "related:",
    "related coverage",
    "related stories",
    "read more",
    "read also",
    "also read",
    "see also",
    "watch:",
    "watch live",
    "listen:",
    "credit:",
    "photo:",
    "photos:",
    "image:",
    "source:",
    "file photo",
    "(ap photo",
    "click here",
    "sign up",
    "subscribe",
    "join our",
    "join us on",
    "follow us",
    "advertisement",
    "breaking news",
    "leer en español",
    "lire en français",
    "before you leave",
    "more () »",
    "share this",
    "share on",
    "copyright",
    "©",
    "all rights reserved",
    "download the",
    "get the latest",
    "newsletter",
    "trending now",
    "recommended",
    "updated:",
    "published:",
    "posted:",
    "last updated",
    "editor's note",
    "editor’s note",
    "get breaking news",
    "skip to content",
    "sign in",
    "log in",
    "share:",
    "video:",
    "image caption",
    "most read",
    "most popular",
    "don't miss",
    "don’t miss",
    "you may also like",
    "more from",
    "more stories",
    "top stories",
    "sponsored",
    "ad feedback",
    "opens in new window",
    "related articles",
    "related content",
    "related links",
    "related news",
    "related topics",
    "related video",
    "more on this story",
    "further reading",
    "our standards",
    "slideshow",
    "play video",
    "now playing",
    "watch video",
    "watch now",
    "watch the video",
    "video duration",
    "(video)",
];

/// At least the length in characters of the longest of [`PREFIXES`].
const PREFIX_CHARS: usize = 24;

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?
        (?:
            \d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}
          | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}
          | \d{4}-\d{2}-\d{2}(?:[T\s]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?
        )
        (?:(?:,?\s+|\s*[/|·•]\s*)(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?
        \s*$",
    )
    .expect("static regex")
});

/// Calls to follow or join a channel, anywhere in a short line ("Join our
/// new Telegram channel", "Follow us on X for live updates").
static CALL_TO_ACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(join|follow|subscribe\s+to|sign\s+up\s+for|download).*(channel|newsletter|telegram|whatsapp|twitter|facebook|instagram|youtube|tiktok|podcast|app)",
    )
    .expect("static regex")
});

static MIN_READ: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d+\s+min(ute)?s?\s+read$").expect("static regex"));

/// Credits, captions and copyright notices anywhere in a line. One
/// regex for all: every line is searched.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(\bphoto\s+by\b|\bphoto/|\bphotograph:|\(getty\b|\[getty\]|\bgetty images\b|\bafp via\b|\bvia reuters\b|\bcontributed to this report\b|\bcontributed reporting\b|\breporting by\b|\bediting by\b|\bwriting by\b|\bcompiled by\b|\ball rights reserved\b|\bmay not be (re)?published, broadcast|\bslideshow\s*\(\s*\d+\s+(images?|photos?|pictures?)\s*\)|(?-i:\b(File|FILE) (Photo|photo|PHOTO|Picture|picture|PICTURE)\b))",
    )
    .expect("static regex")
});

/// Line openings of credits, copyright and social handles.
static LINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(
            (additional\s+)?(reported|written|edited|produced|graphics|research)\s+by\s+\S
          | \(c\)\s*(copyright\s*)?\d{4}
          | follow\b[^.]{0,80}@\w
          | (twitter|x|instagram|facebook|threads|bluesky|tiktok|telegram|mastodon)\s*:\s*@?\w+\s*$
          | (@\w+[\s,]*)+$
          | video\s+\d{1,2}:\d{2}
          | (updated|published|posted)\s+(\d{1,2}[:.]\d{2}
              | (mon|tue|wed|thu|fri|sat|sun)[a-z]*\b
              | (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b
              | \d{1,2}\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4})
        )",
    )
    .expect("static regex")
});

/// A caption's credit label inside a short line ("Shimon Lev image: Ana
/// Ruiz.", "Flooded streets. Photo: Li Wei").
static CAPTION_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(^|\s)(Image|Photo|Picture|Photograph|Credit|Caption|image|photo)s?:\s")
        .expect("static regex")
});

/// Where a caption's credit label starts in a short line ("Shimon Lev
/// image: Ana Ruiz." → at "image"), in bytes.
fn caption_credit(t: &str) -> Option<usize> {
    // Every label ends in a colon: most lines have none.
    if !t.contains(':') || !at_most_words(t, 25) {
        return None;
    }
    let m = CAPTION_LABEL.find(t)?;
    let lead = m.as_str().len() - m.as_str().trim_start().len();
    Some(m.start() + lead)
}

/// Where a credit in brackets that ends a caption line starts ("… in
/// Washington. (AP Photo/Li Wei)"), in bytes, when the words before it are
/// a sentence of their own (at least eight words, ending in a full stop).
fn parenthesised_credit(t: &str) -> Option<usize> {
    let trimmed = t.trim_end();
    if !trimmed.ends_with(')') {
        return None;
    }
    let open = trimmed.rfind('(')?;
    let (head, credit) = trimmed.split_at(open);
    let head = head.trim_end();
    let is_credit = CREDIT.is_match(credit) || has_photo_credit(credit);
    (is_credit && head.ends_with('.') && !at_most_words(head, 7) && !CREDIT.is_match(head))
        .then_some(open)
}

/// Words before a slash that make "X/First Last" a photo credit.
const CREDIT_HEADS: &[&str] = &[
    "photo", "photos", "images", "pictures", "handout", "pool", "file",
];

/// A photo credit "AGENCY/First Last" ("REUTERS/Ana Ruiz", "AP Photo/Li
/// Wei", "Xinhua/Li Wei/File"): a slash after an outlet or a credit word,
/// then a capital letter. Not "AC/DC" nor a URL.
fn has_photo_credit(t: &str) -> bool {
    for (i, _) in t.match_indices('/') {
        let after = t[i + 1..].trim_start_matches(' ');
        if !after.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let before = t[..i].trim_end_matches(' ');
        let words: Vec<&str> = before
            .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '/')
            .take(3)
            .collect();
        for k in 1..=words.len() {
            let name = words[..k]
                .iter()
                .rev()
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            let last = words[0].to_lowercase();
            if crate::lexicon::outlet_name(&name).is_some()
                || (k == 1 && CREDIT_HEADS.contains(&last.as_str()))
            {
                return true;
            }
        }
    }
    false
}

/// Sentences that are only a slideshow or video marker, inside a line
/// of story ("… said. Slideshow (5 images)").
static MARKER_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(slideshow\s*\(\s*\d+\s+\w+\s*\)|video\s*\d{1,2}:\d{2}|play video|watch video)\W*$",
    )
    .expect("static regex")
});

/// The words of `t` as the tokenizer cuts them.
fn words_of(t: &str) -> Vec<&str> {
    super::tokenize(t).iter().map(|x| x.span.text(t)).collect()
}

/// True when the line is a date and nothing else ("05 February, 2018").
pub fn is_date_line(line: &str) -> bool {
    DATE_LINE.is_match(line.trim())
}

/// [`PREFIXES`] by their first byte: a line is compared with the few that
/// can match it, not with all of them.
static PREFIXES_BY_BYTE: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
    let mut by = vec![Vec::new(); 256];
    for p in PREFIXES {
        if let Some(list) = p
            .as_bytes()
            .first()
            .and_then(|&b| by.get_mut(usize::from(b)))
        {
            list.push(*p);
        }
    }
    by
});

/// True when `t` has at most `n` words (as `split_whitespace` cuts them),
/// found without counting past `n`: paragraphs are long.
fn at_most_words(t: &str, n: usize) -> bool {
    let (mut words, mut in_word) = (0usize, false);
    for c in t.chars() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            words += 1;
            if words > n {
                return false;
            }
        }
    }
    true
}

/// True when the line alone is page furniture.
pub fn is_furniture_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    // Only the line's opening can match a prefix: lowercase no more of it
    // than the longest prefix has characters (each character lowercases
    // to at least one). Lowercasing a cut line can only differ in a
    // sigma's final form, which no prefix contains.
    let head = t
        .char_indices()
        .nth(PREFIX_CHARS)
        .map_or(t, |(i, _)| t.get(..i).unwrap_or(t));
    if crate::util::lower::with_lower(head, |lower| {
        let first = lower.as_bytes().first().copied().unwrap_or(0);
        PREFIXES_BY_BYTE
            .get(usize::from(first))
            .is_some_and(|ps| ps.iter().any(|p| lower.starts_with(p)))
    }) {
        return true;
    }
    if MIN_READ.is_match(t) || CREDIT.is_match(t) || LINE_START.is_match(t) {
        return true;
    }
    if t.contains('/') && has_photo_credit(t) {
        return true;
    }
    // Words counted no further than the limit: paragraphs are long.
    let short = at_most_words(t, 25);
    // A credit label opening the line; one inside it cuts only the credit
    // off (see `caption_credit`).
    if short && (CALL_TO_ACTION.is_match(t) || caption_credit(t) == Some(0) || t.contains('©')) {
        return true;
    }
    // "By Ann Lee" / "By Ann Lee and Bo Chen, Reuters", not "By the end
    // of the year".
    if (t.starts_with("By ") || t.starts_with("BY "))
        && at_most_words(t, 16)
        && credits::byline(&words_of(t)).is_some()
    {
        return true;
    }
    // "(Adds quotes)", "(Reuters)", "Reuters".
    if t.starts_with('(') && t.ends_with(')') && at_most_words(t, 30) {
        let words = words_of(t);
        if super::dateline::note_end(&words, 0) == Some(words.len()) {
            return true;
        }
    }
    if t.len() <= 80 && at_most_words(t, 7) && credits::outlet_line(&words_of(t)).is_some() {
        return true;
    }
    // Stray single characters or symbols left from page widgets.
    !t.chars().any(char::is_alphabetic) || t.chars().nth(2).is_none()
}

/// A short line of capitalised words without a full stop: a byline or a
/// dateline place when it stands next to a date line.
fn is_name_line(line: &str) -> bool {
    let t = line.trim();
    // At most five words are looked at: a longer line is no name line.
    let words: Vec<&str> = t.split_whitespace().take(5).collect();
    !words.is_empty()
        && words.len() <= 4
        && !t.ends_with(['.', '!', '?', ':'])
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The sentences' source lines, as ranges of sentence indices: consecutive
/// sentences with no newline between (sentences never cross a line break).
pub fn lines(text: &str, sentences: &[Sentence]) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let new_line = match lines.last() {
            None => true,
            Some(r) => {
                let prev = &sentences[r.end - 1];
                text.get(prev.span.end..s.span.start)
                    .is_none_or(|gap| gap.contains('\n'))
            }
        };
        if new_line {
            lines.push(i..i + 1);
        } else if let Some(last) = lines.last_mut() {
            last.end = i + 1;
        }
    }
    lines
}

/// The text of a line of sentences.
pub fn line_text<'t>(text: &'t str, sentences: &[Sentence], line: &Range<usize>) -> &'t str {
    match (
        sentences.get(line.start),
        line.end.checked_sub(1).and_then(|e| sentences.get(e)),
    ) {
        (Some(a), Some(b)) => text.get(a.span.start..b.span.end).unwrap_or(""),
        _ => "",
    }
}

/// Headers of lists of links to other stories ("MORE FROM …:", "Related
/// Coverage", "Most read"), compared case-insensitively with a line's
/// opening.
const LIST_HEADERS: &[&str] = &[
    "more from",
    "related",
    "read more",
    "read also",
    "also read",
    "most read",
    "most popular",
    "more stories",
    "top stories",
    "trending",
    "recommended",
    "you may also like",
    "further reading",
    "more on this story",
    "see also",
];

/// Longest list of links read after a header, in lines.
const LIST_LINES: usize = 10;

/// The lines under a header of links ("Related Coverage" then a headline a
/// line) are other stories' headlines: furniture, up to the first line that
/// reads as prose (ends a sentence, or runs long).
fn flag_link_lists(texts: &[&str], furniture: &mut [bool]) {
    for i in 0..texts.len() {
        let header = texts[i].trim();
        let short = header.split_whitespace().count() <= 6;
        let opens = LIST_HEADERS.iter().any(|h| {
            header
                .get(..h.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(h))
        });
        if !(opens && short) {
            continue;
        }
        for j in i + 1..texts.len().min(i + 1 + LIST_LINES) {
            let t = texts[j].trim();
            let prose = t.ends_with(['.', '"', '”']) && !t.ends_with("...")
                || t.split_whitespace().count() > 16;
            if prose {
                break;
            }
            furniture[j] = true;
        }
    }
}

/// How many lines at the end of a document a trailing credit ("-- Field
/// Level Media") may stand in.
const TRAILING_LINES: usize = 3;

/// Flags the sentences of furniture lines, and sentences that are only a
/// slideshow or video marker. Returns the lines (see [`lines`]).
pub fn flag(text: &str, tokens: &[Token], sentences: &mut Vec<Sentence>) -> Vec<Range<usize>> {
    let lines = lines(text, sentences);
    let texts: Vec<&str> = lines
        .iter()
        .map(|l| line_text(text, sentences, l))
        .collect();
    // A caption that ends in its credit ("… in Washington. (AP
    // Photo/Li Wei)") keeps its words, which report what the picture
    // shows; only the credit is furniture.
    let caption_tails: Vec<Option<usize>> = texts.iter().map(|t| parenthesised_credit(t)).collect();
    let mut furniture: Vec<bool> = texts
        .iter()
        .zip(&caption_tails)
        .map(|(t, tail)| match tail {
            Some(at) => is_furniture_line(&t[..*at]),
            None => is_furniture_line(t),
        })
        .collect();
    let tail = texts.len().saturating_sub(TRAILING_LINES);
    for (i, t) in texts.iter().enumerate().skip(tail) {
        if t.trim_start().starts_with(['-', '—', '–'])
            && credits::trailing_credit(&words_of(t.trim())).is_some()
        {
            furniture[i] = true;
        }
    }
    flag_link_lists(&texts, &mut furniture);
    let dates: Vec<bool> = texts.iter().map(|t| is_date_line(t)).collect();
    // Bylines and places next to a date line, up to two lines away.
    for i in 0..texts.len() {
        if !is_name_line(texts[i]) {
            continue;
        }
        let near_date = (1..=2).any(|d| {
            (i >= d && dates[i - d] && (i - d + 1..i).all(|j| is_name_line(texts[j])))
                || (i + d < dates.len()
                    && dates[i + d]
                    && (i + 1..i + d).all(|j| is_name_line(texts[j])))
        });
        if near_date {
            furniture[i] = true;
        }
    }
    // A line repeated verbatim (image alt text, share widgets) counts once.
    let mut seen = HashSet::new();
    for (i, t) in texts.iter().enumerate() {
        if !seen.insert(*t) {
            furniture[i] = true;
        }
    }
    // Credits inside a caption line ("Shimon Lev image: Ana Ruiz."): the
    // caption stays, its credit is cut off. Token where each starts.
    let mut credit_tails = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        if furniture[li] || dates[li] {
            for s in &mut sentences[line.clone()] {
                s.boilerplate = true;
            }
            continue;
        }
        if line.len() > 1 {
            for s in &mut sentences[line.clone()] {
                let t = s.span.text(text);
                if t.starts_with(['S', 's', 'V', 'v', 'P', 'p', 'W', 'w'])
                    && MARKER_SENTENCE.is_match(t)
                {
                    s.boilerplate = true;
                }
            }
        }
        let start = sentences.get(line.start).map_or(0, |s| s.span.start);
        let credit_at = caption_tails
            .get(li)
            .copied()
            .flatten()
            .or_else(|| caption_credit(texts[li]));
        if let Some(at) = credit_at.filter(|&at| at > 0) {
            let k = tokens.partition_point(|t| t.span.start < start + at);
            credit_tails.push((line.clone(), k));
        }
    }
    if credit_tails.is_empty() {
        return lines;
    }
    // From the last line up, so that the lines above keep their indices.
    for (line, k) in credit_tails.into_iter().rev() {
        let Some(si) = line.clone().find(|&i| sentences[i].tokens.contains(&k)) else {
            continue;
        };
        let from = split_sentence(sentences, tokens, si, k).unwrap_or(si);
        for s in &mut sentences[from..line.end + (from - si)] {
            s.boilerplate = true;
        }
    }
    self::lines(text, sentences)
}

/// Cuts sentence `si` in two before token `k` (which must lie inside it,
/// not at its start): the head keeps index `si`, the tail is `si + 1`,
/// both with the sentence's flag. Returns the tail's index, or None when
/// `k` does not fall inside the sentence.
pub fn split_sentence(
    sentences: &mut Vec<Sentence>,
    tokens: &[Token],
    si: usize,
    k: usize,
) -> Option<usize> {
    let s = sentences.get_mut(si)?;
    if k <= s.tokens.start || k >= s.tokens.end {
        return None;
    }
    let (last, next) = (tokens.get(k - 1)?, tokens.get(k)?);
    let tail = Sentence {
        span: Span::new(next.span.start, s.span.end),
        tokens: k..s.tokens.end,
        boilerplate: s.boilerplate,
    };
    s.span.end = last.span.end;
    s.tokens.end = k;
    sentences.insert(si + 1, tail);
    Some(si + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn at_most_words_counts_as_split_whitespace(
            t in "[a-z \t\n\u{a0}\u{2003}\u{85}\u{b}.]{0,60}",
            n in 0usize..12,
        ) {
            proptest::prop_assert_eq!(at_most_words(&t, n), t.split_whitespace().count() <= n);
        }
    }

    #[test]
    fn prefixes_fit_in_the_lowercased_head() {
        for p in PREFIXES {
            assert!(p.chars().count() <= PREFIX_CHARS, "{p}");
            assert!(!p.contains(['σ', 'ς']), "{p}");
        }
        assert!(is_furniture_line(
            "  READ MORE: a long line that goes on and on about nothing"
        ));
        assert!(is_furniture_line("Leer en ESPAÑOL"));
        assert!(!is_furniture_line(
            "Readers wrote in to complain about the new bridge tolls."
        ));
    }
    use crate::model::Document;

    fn kept(s: &str) -> Vec<String> {
        let doc = Document::new("t", s.to_string());
        let a = crate::text::analyze(&doc);
        a.sentences
            .iter()
            .filter(|x| !x.boilerplate)
            .map(|x| x.span.text(s).to_string())
            .collect()
    }

    #[test]
    fn drops_furniture_and_keeps_news() {
        let text = "Subscribe to our newsletter today\n\
                    Flood hits Lagos\n\
                    Ana Pérez\n\
                    Lagos\n\
                    Monday 12 March 2019 10:30\n\
                    READ MORE: Storms across the region\n\
                    Rescuers in Lagos. (Photo by Tom Ray/Getty Images)\n\
                    3 min read\n\
                    Heavy rain flooded Lagos on Monday, officials said.\n\
                    Heavy rain flooded Lagos on Monday, officials said.\n\
                    Reuters contributed to this report.";
        assert_eq!(
            kept(text),
            [
                "Flood hits Lagos",
                "Heavy rain flooded Lagos on Monday, officials said."
            ]
        );
    }

    #[test]
    fn headlines_listed_under_a_links_header_are_furniture() {
        let text = "Dam opens on the Vessa river\n\
                    The new dam opened on Tuesday, the ministry said.\n\
                    MORE FROM THE HERALD:\n\
                    Port of Calda expands east wing\n\
                    Why are Tarn farmers worried?\n\
                    Officials in Calda said more dams were planned.";
        assert_eq!(
            kept(text),
            [
                "Dam opens on the Vessa river",
                "The new dam opened on Tuesday, the ministry said.",
                "Officials in Calda said more dams were planned."
            ]
        );
    }

    #[test]
    fn calls_to_action_and_credits() {
        for line in [
            "Join our brand new Signal channel for updates!",
            "Follow us on Instagram and never miss a story",
            "Reporting by Ana Ruiz; Editing by Tom Okafor",
            "Editor's note: this story was updated.",
            "Updated: 10:32 GMT",
            "Updated 3:15 PM ET, Mon December 7, 2020",
            "Published 14 March, 2021",
            "Posted Sat, Dec 12, 2020 at 5:00 am",
            "Don’t miss our weekly podcast",
        ] {
            assert!(is_furniture_line(line), "{line}");
        }
        for line in [
            "Protesters joined the march through Lima on Sunday.",
            "Published 20 years ago, the novel sold a million copies.",
            "Updated figures on Monday showed 40 deaths.",
            "The ministry said it would follow the court's ruling on the app ban, which has divided the country and the parliament for months since the first hearing in May of last year when the judges met.",
        ] {
            assert!(!is_furniture_line(line), "{line}");
        }
    }

    #[test]
    fn date_lines() {
        assert!(is_date_line("05 February, 2018"));
        assert!(is_date_line("Wednesday 09 September 2020 13:55"));
        assert!(is_date_line("August 28, 2020"));
        assert!(!is_date_line("The vote on August 28, 2020 failed"));
        assert!(is_date_line("2020-12-07T10:00:00Z"));
        assert!(is_date_line("Dec. 7, 2020 / 3:15 PM"));
        assert!(!is_date_line("2020-12-07 budget"));
    }

    #[test]
    fn bylines_need_a_date_nearby() {
        assert_eq!(
            kept("New Rules Announced\nIt rained."),
            ["New Rules Announced", "It rained."]
        );
        assert!(is_furniture_line("By Maria Lopez and Sam Wu"));
        assert!(!is_furniture_line("By Friday the talks had failed."));
    }
}
