//! The document's own date: the first line near the top that is a date and
//! nothing else, read at day precision, else the date of the story's
//! dateline ("LAGOS, Dec 7 (Reuters) -") when the document gives its year.

use super::absolute::absolute_at;
use super::calendar::{Precision, Ymd};
use super::direction::Dir;
use super::words::{parse_day, parse_year, weekday_number};
use crate::lexicon::month_number;
use crate::model::Analyzed;
use crate::text::boilerplate::is_date_line;
use crate::util::lower::lower;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The document's publication date (ISO `YYYY-MM-DD`): the first line near
/// the top that is a date and nothing else ("Wednesday 09 September 2020
/// 13:55", "05 February, 2018"), else the dateline's date with its year
/// ([`dateline_date`]). Dates inside longer lines (photo captions, datelines
/// of quoted events) are not taken: they are often not the publication
/// date.
pub fn document_date(doc: &Analyzed<'_>) -> Option<String> {
    date_line(doc)
        .or_else(|| numeric_date_line(doc))
        .or_else(|| dateline_date(doc).filter(|d| !d.starts_with('-')))
}

/// A date line in digits, with or without a label and a clock ("Issued
/// on: 09/08/2019 - 15:47", "12/7/2020").
static NUMERIC_DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^
        (?:(?:issued|published|updated|posted|modified|last\s+updated|date)(?:\s+on)?\s*:?\s*)?
        (\d{1,2})[/.](\d{1,2})[/.](\d{4})
        (?:\s*[-–,|]?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?)?
        (?:\s|$)",
    )
    .expect("static regex")
});

/// True when `line` has four digits in a row, as every date line's year:
/// a byte scan, cheaper than the patterns asked of such lines.
fn has_year_digits(line: &str) -> bool {
    let mut run = 0;
    for b in line.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run == 4 {
            return true;
        }
    }
    false
}

/// Most bytes a date line has, with its label, clock, zone and a byline
/// ("By Ann Lee and Bo Chen | Updated 3:15 PM EST, Tue March 4, 2025").
const DATE_LINE_BYTES: usize = 120;

/// Most words a numeric date line has, its label and a second stamp
/// ("Modified: …") included.
const NUMERIC_LINE_WORDS: usize = 12;

/// The date of a date line in digits near the top. Day and month are told
/// apart by a part over 12 ("25/12/2020"), else by the weekday the lead
/// names ("09/08/2019" over a lead that says "on Friday" is 9 August, a
/// Friday, not 8 September, a Sunday); None when neither tells.
fn numeric_date_line(doc: &Analyzed<'_>) -> Option<String> {
    let text = &doc.doc.text;
    let (a, b, y) = doc.sentences.iter().take(40).find_map(|s| {
        let line = s.span.text(text).trim();
        if line.len() > DATE_LINE_BYTES
            || !has_year_digits(line)
            || line.split_whitespace().count() > NUMERIC_LINE_WORDS
        {
            return None;
        }
        let c = NUMERIC_DATE_LINE.captures(line)?;
        let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        Some((n(1)?, n(2)?, i32::try_from(n(3)?).ok()?))
    })?;
    let day_first = Ymd::new(y, b, a);
    let month_first = Ymd::new(y, a, b);
    let day = match (day_first, month_first) {
        (Some(d), None) | (None, Some(d)) => d,
        (Some(d), Some(m)) if d == m => d,
        (Some(d), Some(m)) => {
            // A day written out in the story or a caption ("on August
            // 9") settles it; else a weekday of the first sentences.
            let named = month_days(doc);
            let told = |x: Ymd| named.contains(&(x.m, x.d));
            let weekdays = opening_weekdays(doc);
            let on_weekday = |x: Ymd| weekdays.get(x.weekday() as usize).copied().unwrap_or(false);
            match ((told(d), told(m)), (on_weekday(d), on_weekday(m))) {
                ((true, false), _) | ((false, false), (true, false)) => d,
                ((false, true), _) | ((false, false), (false, true)) => m,
                _ => return None,
            }
        }
        (None, None) => return None,
    };
    Some(day.iso(Precision::Day))
}

/// The date of the story's dateline: `YYYY-MM-DD` with the year it gives,
/// else with the year of the date the document gives that puts it nearest
/// (the given publication date, a date line, else a full date in the
/// story: "Dec 31" in a story that speaks of "January 2, 2021" is
/// 2020-12-31); `--MM-DD` when the document names no year. No year is
/// guessed.
pub fn dateline_date(doc: &Analyzed<'_>) -> Option<String> {
    let line = doc.dateline_date?.text(&doc.doc.text);
    let toks = words(line);
    let lower: Vec<Cow<'_, str>> = toks.iter().map(|t| lower(t)).collect();
    if let Some((date, Precision::Day, _)) = absolute_at(&toks, &lower, 0, None, || Dir::Past) {
        return Some(date.iso(Precision::Day));
    }
    let w = |k: usize| toks.get(k).copied().unwrap_or("");
    let (m, d) = match (month_number(w(0)), parse_day(w(1))) {
        (Some(m), Some(d)) => (m, d),
        _ => (month_number(w(1))?, parse_day(w(0))?),
    };
    // Not a day of any year ("Feb 30"): nothing to report.
    Ymd::new(2000, m, d)?;
    let given = doc
        .doc
        .meta
        .date
        .as_deref()
        .and_then(Ymd::parse_iso)
        .map(|x| x.0);
    // A caption dated on the dateline's day ("… in Medan, Indonesia,
    // October 4, 2023. REUTERS/…") gives its year.
    if given.is_none()
        && let Some((c, _, _)) = dates_with_year(doc, true)
            .into_iter()
            .find(|(c, p, _)| *p == Precision::Day && c.m == m && c.d == d)
    {
        return Some(c.iso(Precision::Day));
    }
    let (references, from_story) =
        match given.or_else(|| date_line(doc).and_then(|s| Ymd::parse_iso(&s)).map(|x| x.0)) {
            Some(r) => (vec![r], false),
            None => (story_dates(doc), true),
        };
    let lead = lead_weekdays(doc);
    if references.is_empty()
        && let Some(y) = year_by_weekday(doc, m, d, &lead)
        && let Some(c) = Ymd::new(y, m, d)
    {
        return Some(c.iso(Precision::Day));
    }
    // When the lead names its day, a year in which the dateline's day is
    // another weekday is not the report's ("elections due in October 2025"
    // in a story of Tuesday, Nov 26, 2024).
    let checked = from_story && lead.iter().any(|&x| x);
    let mut best: Option<(i64, Ymd)> = None;
    for r in references {
        let Some(rn) = r.day_number() else {
            continue;
        };
        for y in [r.y - 1, r.y, r.y + 1] {
            if checked && !on_lead_weekday(y, m, d, &lead) {
                continue;
            }
            let Some(c) = Ymd::new(y, m, d) else {
                continue;
            };
            let Some(cn) = c.day_number() else {
                continue;
            };
            let gap = (cn - rn).abs();
            if best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, c));
            }
        }
    }
    Some(match best {
        Some((_, c)) => c.iso(Precision::Day),
        None => format!("--{m:02}-{d:02}"),
    })
}

/// The year of a dateline without one ("Dec 7 (Reuters) -") when the story
/// settles it: among the years the story names (not only after "since",
/// "by", "until" or "before", which point away from the report), the one in
/// which the dateline's day falls on a weekday its lead names ("Dec 7
/// (Reuters) - … said on Monday": wire leads report the day's news), when
/// exactly one does. None otherwise: a wire story often names no year but
/// background ones ("since 2015"), and a background year whose weekdays
/// happen to fit is not the report's. Weekdays later in the story, and the
/// years either side of a named one, matched by chance too often.
fn year_by_weekday(doc: &Analyzed<'_>, m: u32, d: u32, lead: &[bool; 7]) -> Option<i32> {
    let mut years: Vec<i32> = Vec::new();
    for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
        for i in s.tokens.clone() {
            if let Some(y) = parse_year(doc.token_text(i)) {
                let prev = i
                    .checked_sub(1)
                    .map(|j| lower(doc.token_text(j)))
                    .unwrap_or_default();
                let away = points_away(&prev);
                if !away && !years.contains(&y) {
                    years.push(y);
                }
            }
        }
    }
    let mut fits = years.iter().filter(|&&y| on_lead_weekday(y, m, d, lead));
    match (fits.next(), fits.next()) {
        (Some(&y), None) => Some(y),
        _ => None,
    }
}

/// True when day `m`-`d` of year `y` falls on a weekday of `lead`.
fn on_lead_weekday(y: i32, m: u32, d: u32, lead: &[bool; 7]) -> bool {
    Ymd::new(y, m, d).is_some_and(|day| lead.get(day.weekday() as usize).copied().unwrap_or(false))
}

/// The weekdays named in the story's lead, the first sentence after the
/// dateline: a wire lead reports the day's news ("Dec 7 (Reuters) - …
/// said on Monday"), so the dateline's day is usually one of them.
fn lead_weekdays(doc: &Analyzed<'_>) -> [bool; 7] {
    let mut out = [false; 7];
    let after = doc.dateline_date.map_or(0, |sp| sp.end);
    let lead = doc.sentences.iter().filter(|s| !s.boilerplate).find(|s| {
        s.tokens
            .clone()
            .next_back()
            .and_then(|i| doc.tokens.get(i))
            .is_some_and(|x| x.span.start >= after)
    });
    for i in lead.map(|s| s.tokens.clone()).unwrap_or_default() {
        if doc.tokens.get(i).is_some_and(|x| x.span.start >= after)
            && let Some(w) = weekday_number(&lower(doc.token_text(i)))
            && let Some(x) = out.get_mut(w as usize)
        {
            *x = true;
        }
    }
    out
}

/// Sentences whose weekdays tell a numeric date line's day from its month.
const OPENING_SENTENCES: usize = 3;

/// The weekdays named in the first sentences of the story.
fn opening_weekdays(doc: &Analyzed<'_>) -> [bool; 7] {
    let mut out = [false; 7];
    for s in doc
        .sentences
        .iter()
        .filter(|s| !s.boilerplate)
        .take(OPENING_SENTENCES)
    {
        for i in s.tokens.clone() {
            if let Some(w) = weekday_number(&lower(doc.token_text(i)))
                && let Some(x) = out.get_mut(w as usize)
            {
                *x = true;
            }
        }
    }
    out
}

/// The (month, day) pairs written out anywhere in the document ("August
/// 9", "9 Aug").
fn month_days(doc: &Analyzed<'_>) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let toks: Vec<&str> = s.tokens.clone().map(|i| doc.token_text(i)).collect();
        for (i, t) in toks.iter().enumerate() {
            let Some(m) = month_number(t) else {
                continue;
            };
            let around = [i.checked_sub(1), Some(i + 1)];
            for d in around
                .into_iter()
                .flatten()
                .filter_map(|j| parse_day(toks.get(j)?))
            {
                out.push((m, d));
            }
        }
    }
    out
}

/// True for a word after which a date or year points away from the
/// report ("since 2015", "by October 2025"): no reference for its year.
fn points_away(word: &str) -> bool {
    matches!(word, "since" | "by" | "until" | "till" | "before")
}

/// The words of a piece of text, as the tokenizer cuts them.
fn words(line: &str) -> Vec<&str> {
    crate::text::tokenize(line)
        .iter()
        .map(|t| t.span.text(line))
        .collect()
}

/// The dates with a year and at least a month that the story's sentences
/// give ("March 3, 2019", "December 2020"), in order.
fn story_dates(doc: &Analyzed<'_>) -> Vec<Ymd> {
    dates_with_year(doc, false)
        .into_iter()
        .filter(|(_, _, away)| !away)
        .map(|(d, _, _)| d)
        .collect()
}

/// The dates with a year (month precision or finer) in the story's
/// sentences, or, with `captions`, in its captions and other furniture:
/// (date, precision, after "since", "by", "until" or "before", which
/// point away from the report).
fn dates_with_year(doc: &Analyzed<'_>, captions: bool) -> Vec<(Ymd, Precision, bool)> {
    let mut out = Vec::new();
    for s in doc.sentences.iter().filter(|s| s.boilerplate == captions) {
        let toks: Vec<&str> = s.tokens.clone().map(|i| doc.token_text(i)).collect();
        if !toks.iter().any(|t| month_number(t).is_some()) {
            continue;
        }
        let lower: Vec<Cow<'_, str>> = toks.iter().map(|t| lower(t)).collect();
        for i in 0..toks.len() {
            if let Some((date, p, _)) = absolute_at(&toks, &lower, i, None, || Dir::Past)
                && p >= Precision::Month
            {
                let away = i.checked_sub(1).is_some_and(|j| points_away(&lower[j]));
                out.push((date, p, away));
            }
        }
    }
    out
}

/// The first line near the top that is a date and nothing else.
fn date_line(doc: &Analyzed<'_>) -> Option<String> {
    let text = &doc.doc.text;
    for s in doc.sentences.iter().take(40) {
        let Some(line) = date_part(s.span.text(text)) else {
            continue;
        };
        // "4th July 2019", "July 4th, 2019": the day without its suffix.
        let toks: Vec<&str> = words(line).into_iter().map(strip_ordinal).collect();
        let lower: Vec<Cow<'_, str>> = toks.iter().map(|t| lower(t)).collect();
        for i in 0..toks.len() {
            if let Some((date, Precision::Day, _)) =
                absolute_at(&toks, &lower, i, None, || Dir::Past)
            {
                return Some(date.iso(Precision::Day));
            }
        }
        // ISO lines ("2020-09-09", "2020-12-07T10:00:00Z").
        if let Some((d, Precision::Day)) = line.trim().get(..10).and_then(Ymd::parse_iso) {
            return Some(d.iso(Precision::Day));
        }
    }
    None
}

/// The date of a line that is a date and its furniture: a label before it
/// ("Last updated on"), a byline beside it ("By Ann Lee | December 7,
/// 2020") or after it ("December 7, 2020 by Admin").
fn date_part(line: &str) -> Option<&str> {
    // A date line is short and holds a year; a story's sentence is not
    // asked further.
    if line.len() > DATE_LINE_BYTES || !has_year_digits(line) {
        return None;
    }
    line.split(['|', '•', '·']).find_map(|part| {
        let t = strip_date_prefix(part);
        let t = t.find(" by ").map_or(t, |at| t.get(..at).unwrap_or(t));
        is_date_line(t).then_some(t)
    })
}

/// "4th" → "4": a day of the month written as an ordinal.
fn strip_ordinal(t: &str) -> &str {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &t[digits..];
    if (1..=2).contains(&digits) && matches!(rest, "st" | "nd" | "rd" | "th") {
        &t[..digits]
    } else {
        t
    }
}

/// Drops "Published:"-style labels and a wire dateline's place in capitals
/// ("LONDON 1996-08-30", "NEW YORK, May 3, 2021").
fn strip_date_prefix(line: &str) -> &str {
    let mut t = line.trim();
    loop {
        let word_end = t.find(char::is_whitespace).unwrap_or(t.len());
        let word = t[..word_end].trim_end_matches(',');
        let caps = word.chars().count() >= 2
            && word
                .chars()
                .all(|c| c.is_uppercase() || c == '.' || c == '-')
            && word.chars().any(char::is_alphabetic);
        if !caps || word_end == t.len() {
            break;
        }
        t = t[word_end..]
            .trim_start()
            .trim_start_matches([',', '—', '-'])
            .trim_start();
    }
    // Any short label with a colon ("Last Modified:", "PUBLISHED:",
    // "Date:"); the list below is of labels without one.
    if let Some((label, rest)) = t.split_once(':')
        && (1..=3).contains(&label.split_whitespace().count())
        && label.chars().all(|c| c.is_alphabetic() || c == ' ')
    {
        return strip_clock(rest.trim_start());
    }
    for p in [
        "Originally published",
        "Last updated",
        "Last Updated",
        "First published",
        "Published",
        "Updated",
        "Posted",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            let rest = rest.trim_start();
            let rest = ["on ", "On ", "ON "]
                .iter()
                .find_map(|p| rest.strip_prefix(p))
                .unwrap_or(rest);
            return strip_clock(rest);
        }
    }
    t
}

/// Drops a clock time and its zone before the date ("3:15 PM ET, Mon
/// December 7, 2020"), as web pages stamp their updates.
fn strip_clock(line: &str) -> &str {
    let mut rest = line;
    let first = rest.split_whitespace().next().unwrap_or("");
    let clock = first.contains(':')
        && first
            .trim_end_matches(',')
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.' || c.is_ascii_alphabetic());
    if !clock || !first.starts_with(|c: char| c.is_ascii_digit()) {
        return line;
    }
    rest = rest[first.len()..].trim_start();
    // "PM", "p.m.", then a zone in capitals ("ET", "GMT", "UTC+1").
    for _ in 0..2 {
        let w = rest.split_whitespace().next().unwrap_or("");
        let bare = w.trim_end_matches(',');
        let am_pm = matches!(
            bare.to_ascii_lowercase().as_str(),
            "am" | "pm" | "a.m." | "p.m."
        );
        // A zone has a letter: "16" of "11:58pm, 16 Jun" is the day.
        let zone = (2..=5).contains(&bare.len())
            && bare.chars().any(|c| c.is_ascii_uppercase())
            && bare
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '+' || c == '-');
        if !(am_pm || zone) {
            break;
        }
        rest = rest[w.len()..].trim_start();
        if w.ends_with(',') {
            break;
        }
    }
    rest.trim_start_matches(',').trim_start()
}
