//! Dates: the document's own date, and the time expressions of a sentence
//! resolved against it.
//!
//! Absolute dates ("August 28, 2020", "09 September 2020", "Jan. 8",
//! "December of 2019", "in 2003") and relative ones ("last week", "Friday",
//! "in January", "next month", "three days ago", "in the next two to three
//! months") become ISO 8601 at the precision the text gives. Relative
//! expressions need an anchor (the document date); without one they are
//! returned unresolved, with their words, and never guessed.
//!
//! The direction rule for bare weekdays and month names: an explicit
//! modifier decides ("last", "past", "ago", "earlier" → past; "next",
//! "coming", "by", "until" → future); otherwise a past-tense verb just
//! before the expression ("said Friday") means past, a future marker in the
//! clause ("will", "plans to", "expected to") means future, and the default
//! is past. Past resolves to the most recent such day or month on or before
//! the anchor ("in December" said on 2021-01-10 → 2020-12); future to the
//! next one on or after it ("by November" said on 2020-08-28 → 2020-11).
//! "N units later" is resolved by the caller against a previous event.

use crate::model::{Analyzed, Span, TimeValue};
use crate::text::boilerplate::is_date_line;
use std::borrow::Cow;
use std::ops::Range;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

/// How much of a date the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(date: Ymd) -> i64 {
    let y = i64::from(date.y) - i64::from(date.m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(date.m);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(date.d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of [`days_from_civil`].
pub fn civil_from_days(z: i64) -> Ymd {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    Ymd { y, m, d }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn month_len(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Ymd {
    /// A valid date, or None ("February 30").
    pub fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        ((1..=12).contains(&m) && d >= 1 && d <= month_len(y, m) && (1..=9999).contains(&y))
            .then_some(Ymd { y, m, d })
    }
    pub fn add_days(self, n: i64) -> Ymd {
        civil_from_days(days_from_civil(self) + n)
    }
    /// Adds months, clamping the day to the month's length.
    pub fn add_months(self, n: i64) -> Ymd {
        let total = i64::from(self.y) * 12 + i64::from(self.m) - 1 + n;
        let y = total.div_euclid(12) as i32;
        let m = (total.rem_euclid(12) + 1) as u32;
        Ymd {
            y,
            m,
            d: self.d.min(month_len(y, m)),
        }
    }
    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        ((days_from_civil(self) + 3).rem_euclid(7)) as u32
    }
    /// ISO text at the given precision.
    pub fn iso(self, p: Precision) -> String {
        match p {
            Precision::Year => format!("{:04}", self.y),
            Precision::Month => format!("{:04}-{:02}", self.y, self.m),
            Precision::Day => format!("{:04}-{:02}-{:02}", self.y, self.m, self.d),
        }
    }
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, returning the first day
    /// covered and the precision.
    pub fn parse_iso(s: &str) -> Option<(Ymd, Precision)> {
        let mut parts = s.trim().splitn(3, '-');
        let y: i32 = parts.next()?.parse().ok()?;
        let (m, p) = match parts.next() {
            Some(m) => (m.parse().ok()?, Precision::Month),
            None => (1, Precision::Year),
        };
        let (d, p) = match parts.next() {
            Some(d) => (d.get(..2).unwrap_or(d).parse().ok()?, Precision::Day),
            None => (1, p),
        };
        Some((Ymd::new(y, m, d)?, p))
    }
}

/// The first and last day an ISO date or range covers ("2020-09" →
/// 2020-09-01..2020-09-30), for comparing dates of different precision.
pub fn interval(start: &str, end: Option<&str>) -> Option<(Ymd, Ymd)> {
    let (lo, p) = Ymd::parse_iso(start)?;
    let last = |d: Ymd, p: Precision| match p {
        Precision::Year => Ymd { m: 12, d: 31, ..d },
        Precision::Month => Ymd {
            d: month_len(d.y, d.m),
            ..d
        },
        Precision::Day => d,
    };
    let hi = match end.and_then(Ymd::parse_iso) {
        Some((e, ep)) => last(e, ep),
        None => last(lo, p),
    };
    Some((lo, hi.max(lo)))
}

/// Month number from a name or abbreviation ("Sept.", "january").
pub fn month_number(word: &str) -> Option<u32> {
    crate::lexicon::month_number(word)
}

/// 0 = Monday … 6 = Sunday.
pub fn weekday_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    // Weekday names have six to nine letters (and ASCII lowercasing keeps
    // the length).
    if !(6..=9).contains(&word.len()) {
        return None;
    }
    crate::lexicon::with_ascii_lower(word, |w| {
        crate::lexicon::WEEKDAYS
            .iter()
            .position(|d| *d == w)
            .map(|i| i as u32)
    })
}

/// Small number words, as used in "two months later".
pub fn number_word(word: &str) -> Option<i64> {
    crate::lexicon::with_ascii_lower(word, number_word_lower)
}

fn number_word_lower(w: &str) -> Option<i64> {
    let n = match w {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "several" | "few" | "couple" => return None,
        _ => return w.parse::<i64>().ok().filter(|n| (1..=1000).contains(n)),
    };
    Some(n)
}

/// The document's publication date (ISO `YYYY-MM-DD`): the first line near
/// the top that is a date and nothing else ("Wednesday 09 September 2020
/// 13:55", "05 February, 2018"). Dates inside longer lines (photo captions,
/// datelines of quoted events) are not taken: they are often not the
/// publication date.
pub fn document_date(doc: &Analyzed<'_>) -> Option<String> {
    let text = &doc.doc.text;
    for s in doc.sentences.iter().take(40) {
        let line = s.span.text(text);
        let line = strip_date_prefix(line);
        if !is_date_line(line) {
            continue;
        }
        let toks: Vec<&str> = crate::text::tokenize(line)
            .iter()
            .map(|t| t.span.text(line))
            .collect();
        let lower: Vec<Cow<'_, str>> = toks.iter().map(|t| super::lower(t)).collect();
        for i in 0..toks.len() {
            if let Some((date, Precision::Day, _)) =
                absolute_at(&toks, &lower, i, None, || Dir::Past)
            {
                return Some(date.iso(Precision::Day));
            }
        }
        // ISO lines ("2020-09-09").
        if let Some((d, Precision::Day)) = Ymd::parse_iso(line.trim()) {
            return Some(d.iso(Precision::Day));
        }
    }
    None
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
    for p in [
        "Published:",
        "Published",
        "Updated:",
        "Updated",
        "Posted:",
        "Posted",
    ] {
        if let Some(rest) = t.strip_prefix(p) {
            let rest = rest.trim_start();
            return rest.strip_prefix("on ").unwrap_or(rest);
        }
    }
    t
}

/// Direction for bare weekdays and month names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Past,
    Future,
}

/// How a time expression relates to its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeRef {
    /// Resolved.
    Value(TimeValue),
    /// "two months later": an offset from the previous event's date.
    Later { amount: i64, unit: Unit },
    /// "in June of that year": a month of the previous event's year.
    MonthOfThatYear { month: u32 },
    /// Could not be resolved (no anchor, vague words): kept as text.
    Unresolved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn parse(w: &str) -> Option<Unit> {
        crate::lexicon::with_ascii_lower(w, Unit::parse_lower)
    }
    /// [`Unit::parse`] of a word in lowercase already.
    fn parse_lower(w: &str) -> Option<Unit> {
        match w.trim_end_matches('s') {
            "day" => Some(Unit::Day),
            "week" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            _ => None,
        }
    }
    /// Moves `d` by `n` units, and the precision the result has.
    pub fn shift(self, d: Ymd, n: i64) -> (Ymd, Precision) {
        match self {
            Unit::Day => (d.add_days(n), Precision::Day),
            Unit::Week => (d.add_days(7 * n), Precision::Day),
            Unit::Month => (d.add_months(n), Precision::Month),
            Unit::Year => (d.add_months(12 * n), Precision::Year),
        }
    }
}

/// A time expression found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeExpr {
    /// Token range, in document token indices.
    pub tokens: Range<usize>,
    pub span: Span,
    /// The words as written.
    pub text: String,
    pub value: TimeRef,
}

fn tv(start: String, end: Option<String>, text: &str) -> TimeRef {
    TimeRef::Value(TimeValue {
        start,
        end,
        text: text.to_string(),
    })
}

const PAST_MARKERS: &[&str] = &["last", "past", "earlier", "previous", "ago", "since"];
const FUTURE_MARKERS: &[&str] = &[
    "next", "coming", "by", "until", "till", "before", "upcoming",
];
const FUTURE_CLAUSE: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "plans",
    "plan",
    "planning",
    "intends",
    "expected",
    "expects",
    "going",
    "scheduled",
    "set",
];
const PAST_VERBS: &[&str] = &[
    "said",
    "told",
    "was",
    "were",
    "had",
    "did",
    "met",
    "announced",
    "confirmed",
    "struck",
    "left",
    "took",
    "began",
    "held",
    "came",
    "went",
    "made",
    "sent",
    "reported",
    "launched",
    "killed",
];

fn is_past_verb(w: &str) -> bool {
    PAST_VERBS.contains(&w) || (w.len() > 4 && w.ends_with("ed") && w != "expected")
}

/// The direction for an expression at `i` in the sentence words `lower`.
fn direction(lower: &[Cow<'_, str>], i: usize) -> Dir {
    let before = |k: usize| i.checked_sub(k).and_then(|j| lower.get(j)).map(|w| &**w);
    if let Some(w) = before(1) {
        if PAST_MARKERS.contains(&w) {
            return Dir::Past;
        }
        if FUTURE_MARKERS.contains(&w) {
            return Dir::Future;
        }
    }
    if (1..=3).any(|k| matches!(before(k), Some("ahead" | "upcoming" | "coming" | "before"))) {
        return Dir::Future;
    }
    for k in 1..=3 {
        match before(k) {
            Some(w) if is_past_verb(w) => return Dir::Past,
            Some("." | ";" | "“" | "”" | "\"") | None => break,
            _ => {}
        }
    }
    let start = i.saturating_sub(10);
    if lower[start..i]
        .iter()
        .any(|w| FUTURE_CLAUSE.contains(&w.as_ref()))
    {
        return Dir::Future;
    }
    Dir::Past
}

fn parse_day(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn parse_year(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1800..=2199).contains(&y).then_some(y)
}

/// The year a month (and day) without a year falls in, seen from `anchor`.
fn year_for(anchor: Ymd, m: u32, d: u32, dir: Dir) -> i32 {
    let here = (anchor.m, anchor.d);
    match dir {
        Dir::Past if (m, d) > here => anchor.y - 1,
        Dir::Future if (m, d) < here => anchor.y + 1,
        _ => anchor.y,
    }
}

/// An absolute or month-based date starting at word `i`: (date, precision,
/// words used).
fn absolute_at(
    toks: &[&str],
    lower: &[Cow<'_, str>],
    i: usize,
    anchor: Option<Ymd>,
    dir: impl Fn() -> Dir,
) -> Option<(Ymd, Precision, usize)> {
    let w = |k: usize| toks.get(i + k).copied().unwrap_or("");
    let skip_comma = |k: usize| if w(k) == "," { k + 1 } else { k };
    // Month Day[,] Year | Month Day | Month [of] Year | Month
    if let Some(m) = month_number(w(0)) {
        // "May" and "March" are also common words: only capitalised, and
        // "may" never alone.
        let cap = w(0).chars().next().is_some_and(char::is_uppercase);
        if !cap {
            return None;
        }
        if let Some(d) = parse_day(w(1)) {
            let k = skip_comma(2);
            if let Some(y) = parse_year(w(k)) {
                return Some((Ymd::new(y, m, d)?, Precision::Day, k + 1));
            }
            if parse_year(w(1)).is_none() {
                let a = anchor?;
                let y = year_for(a, m, d, dir());
                return Some((Ymd::new(y, m, d)?, Precision::Day, 2));
            }
        }
        let k = if lower.get(i + 1).map(|w| &**w) == Some("of") {
            2
        } else {
            skip_comma(1)
        };
        if let Some(y) = parse_year(w(k)) {
            return Some((Ymd::new(y, m, 1)?, Precision::Month, k + 1));
        }
        if w(0).eq_ignore_ascii_case("may") || w(0).eq_ignore_ascii_case("march") {
            let prev = i.checked_sub(1).and_then(|j| lower.get(j));
            let ok = prev.is_some_and(|p| {
                [
                    "in", "of", "since", "until", "by", "early", "late", "mid", "last", "next",
                ]
                .contains(&p.as_ref())
            });
            if !ok {
                return None;
            }
        }
        let a = anchor?;
        let y = year_for(a, m, 1, dir());
        return Some((Ymd::new(y, m, 1)?, Precision::Month, 1));
    }
    // Day Month[,] Year | Day Month
    if let (Some(d), Some(m)) = (parse_day(w(0)), month_number(w(1))) {
        if !w(1).chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let k = skip_comma(2);
        if let Some(y) = parse_year(w(k)) {
            return Some((Ymd::new(y, m, d)?, Precision::Day, k + 1));
        }
        let a = anchor?;
        let y = year_for(a, m, d, dir());
        return Some((Ymd::new(y, m, d)?, Precision::Day, 2));
    }
    None
}

/// Finds the time expressions of sentence `s`, resolved against `anchor`
/// (the document date) when given.
pub fn find_times(doc: &Analyzed<'_>, s: usize, anchor: Option<Ymd>) -> Vec<TimeExpr> {
    find_times_lower(doc, s, anchor, &lowercase_words(doc, s))
}

/// The words of sentence `s` in lowercase (`str::to_lowercase`), as the
/// `*_lower` scans take them; empty for a sentence that does not exist.
pub fn lowercase_words<'a>(doc: &Analyzed<'a>, s: usize) -> Vec<Cow<'a, str>> {
    doc.sentences.get(s).map_or_else(Vec::new, |sent| {
        sent.tokens
            .clone()
            .map(|i| super::lower(doc.token_text(i)))
            .collect()
    })
}

/// [`find_times`] for a caller that has the sentence's words in lowercase
/// (`str::to_lowercase`) already.
pub fn find_times_lower(
    doc: &Analyzed<'_>,
    s: usize,
    anchor: Option<Ymd>,
    lower: &[Cow<'_, str>],
) -> Vec<TimeExpr> {
    let Some(sent) = doc.sentences.get(s) else {
        return Vec::new();
    };
    let base = sent.tokens.start;
    let toks: Vec<&str> = sent.tokens.clone().map(|i| doc.token_text(i)).collect();
    let found = scan_lower(&toks, lower, anchor);
    found
        .into_iter()
        .filter_map(|(r, value)| {
            let first = doc.tokens.get(base + r.start)?;
            let last = doc.tokens.get(base + r.end - 1)?;
            let span = Span::new(first.span.start, last.span.end);
            Some(TimeExpr {
                tokens: base + r.start..base + r.end,
                span,
                text: span.text(&doc.doc.text).to_string(),
                value,
            })
        })
        .collect()
}

/// Scans words for time expressions: (word range, meaning).
pub fn scan(toks: &[&str], anchor: Option<Ymd>) -> Vec<(Range<usize>, TimeRef)> {
    let lower: Vec<Cow<'_, str>> = toks.iter().map(|t| super::lower(t)).collect();
    scan_lower(toks, &lower, anchor)
}

/// [`scan`] given the words in lowercase as well (`lower[k]` is
/// `toks[k].to_lowercase()`).
fn scan_lower(
    toks: &[&str],
    lower: &[Cow<'_, str>],
    anchor: Option<Ymd>,
) -> Vec<(Range<usize>, TimeRef)> {
    let lower = lower.get(..toks.len()).unwrap_or(lower);
    let l = |k: usize| lower.get(k).map(|w| &**w).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    // `toks[i]` below is in bounds: the loop runs while `i < toks.len()`.
    while i < toks.len() {
        let text = |n: usize| toks[i..(i + n).min(toks.len())].join(" ");
        // Only some patterns need the direction, which looks at up to ten
        // words before: computed when asked for.
        let (lower_ref, at) = (&lower, i);
        let dir = move || direction(lower_ref, at);
        // Words that make the expression vague or relative.
        match (l(i), l(i + 1)) {
            // "last week", "next month", "this year", "earlier this month".
            (m @ ("last" | "next" | "this" | "past"), u @ ("week" | "month" | "year"))
            | (m @ "coming", u @ ("week" | "month" | "year")) => {
                let unit = Unit::parse(u);
                let v = match (anchor, unit) {
                    (Some(a), Some(unit)) => {
                        let n = match m {
                            "last" | "past" => -1,
                            "next" | "coming" => 1,
                            _ => 0,
                        };
                        period(a, unit, n, &text(2))
                    }
                    _ => TimeRef::Unresolved,
                };
                out.push((i..i + 2, v));
                i += 2;
                continue;
            }
            // "in the coming days", "in recent weeks": vague.
            ("coming" | "recent" | "next" | "past", "days" | "weeks" | "months" | "years")
                if number_word_lower(l(i + 2)).is_none() =>
            {
                let start = if i > 1 && l(i - 1) == "the" && l(i - 2) == "in" {
                    i - 2
                } else {
                    i
                };
                out.push((start..i + 2, TimeRef::Unresolved));
                i += 2;
                continue;
            }
            ("yesterday" | "today" | "tomorrow", _) => {
                let n = match l(i) {
                    "yesterday" => -1,
                    "today" => 0,
                    _ => 1,
                };
                let v = match anchor {
                    Some(a) => tv(a.add_days(n).iso(Precision::Day), None, &text(1)),
                    None => TimeRef::Unresolved,
                };
                out.push((i..i + 1, v));
                i += 1;
                continue;
            }
            _ => {}
        }
        // "in the next two to three months", "in the next six weeks",
        // "within two weeks", "over the past week".
        if matches!(l(i), "next" | "past" | "within")
            && (i == 0 || l(i - 1) == "the" || l(i) == "within")
        {
            let sign = if l(i) == "past" { -1 } else { 1 };
            let mut k = i + 1;
            let lo = number_word_lower(l(k));
            let lo_missing = lo.is_none();
            let (lo, hi, after) = match lo {
                Some(lo) if matches!(l(k + 1), "to" | "or" | "-") => {
                    match number_word_lower(l(k + 2)) {
                        Some(hi) => (Some(lo), Some(hi), k + 3),
                        None => (None, None, k),
                    }
                }
                Some(lo) => (Some(lo), Some(lo), k + 1),
                None => (Some(1), Some(1), k),
            };
            k = after;
            if let (Some(_lo), Some(hi), Some(unit)) = (lo, hi, Unit::parse_lower(l(k))) {
                let plural = l(k).ends_with('s');
                let vague = lo_missing && plural;
                if !(plural || hi == 1) {
                    i += 1;
                    continue;
                }
                let start_tok = if i > 1 && l(i - 1) == "the" && l(i - 2) == "in" {
                    i - 2
                } else if i > 0 && l(i - 1) == "the" {
                    i - 1
                } else {
                    i
                };
                let words = toks[start_tok..=k].join(" ");
                let v = match anchor {
                    // "within weeks": no number, nothing to resolve.
                    _ if vague => TimeRef::Unresolved,
                    Some(a) => {
                        let (e, _) = unit.shift(a, sign * hi);
                        let (s, e) = if sign < 0 { (e, a) } else { (a, e) };
                        tv(s.iso(Precision::Day), Some(e.iso(Precision::Day)), &words)
                    }
                    None => TimeRef::Unresolved,
                };
                out.push((start_tok..k + 1, v));
                i = k + 1;
                continue;
            }
        }
        // "three days ago", "two months later", "a year after".
        if let (Some(n), Some(unit)) = (number_word_lower(l(i)), Unit::parse_lower(l(i + 1)))
            && matches!(
                l(i + 2),
                "ago" | "later" | "after" | "afterwards" | "earlier"
            )
        {
            let v = match l(i + 2) {
                "ago" => match anchor {
                    Some(a) => {
                        let (d, p) = unit.shift(a, -n);
                        tv(d.iso(p), None, &text(3))
                    }
                    None => TimeRef::Unresolved,
                },
                "earlier" => TimeRef::Later { amount: -n, unit },
                _ => TimeRef::Later { amount: n, unit },
            };
            // "after" followed by a noun is a preposition: "two days after
            // the attack" counts from the event just told (the previous
            // one); "a year after the war" from something unknown here.
            let noun = match l(i + 3) {
                "the" | "this" | "that" | "a" | "an" | "its" | "their" => l(i + 4),
                w => w,
            };
            let v = if l(i + 2) == "after"
                && !matches!(l(i + 3), "" | "," | "." | ";")
                && !crate::extract::triggers::is_event_word(noun)
            {
                TimeRef::Unresolved
            } else {
                v
            };
            out.push((i..i + 3, v));
            i += 3;
            continue;
        }
        // Weekdays: "Friday", "on Wednesday", "late Tuesday", "last Friday".
        if let Some(wd) = weekday_number(toks[i]) {
            let cap = toks[i].chars().next().is_some_and(char::is_uppercase);
            if cap {
                let (start_tok, strict) = match l(i.wrapping_sub(1)) {
                    "last" | "next" if i > 0 => (i - 1, true),
                    _ => (i, false),
                };
                // A full date follows ("Thursday, Aug. 20, 2020"): let the
                // absolute pattern take it.
                let j = if l(i + 1) == "," { i + 2 } else { i + 1 };
                if let Some((d, p, used)) = absolute_at(toks, lower, j, anchor, dir) {
                    out.push((
                        i..j + used,
                        tv(d.iso(p), None, &toks[i..j + used].join(" ")),
                    ));
                    i = j + used;
                    continue;
                }
                let dir = if l(i.wrapping_sub(1)) == "next" {
                    Dir::Future
                } else if strict {
                    Dir::Past
                } else {
                    dir()
                };
                let v = match anchor {
                    Some(a) => {
                        let cur = a.weekday() as i64;
                        let want = wd as i64;
                        let mut delta = match dir {
                            Dir::Past => -((cur - want).rem_euclid(7)),
                            Dir::Future => (want - cur).rem_euclid(7),
                        };
                        if strict && delta == 0 {
                            delta = if dir == Dir::Past { -7 } else { 7 };
                        }
                        tv(
                            a.add_days(delta).iso(Precision::Day),
                            None,
                            &toks[start_tok..=i].join(" "),
                        )
                    }
                    None => TimeRef::Unresolved,
                };
                out.push((start_tok..i + 1, v));
                i += 1;
                continue;
            }
        }
        // Absolute dates and month names.
        if let Some(m) = month_number(toks[i]) {
            // "June of that year", "June that year": the year is the
            // previous event's.
            let that_year = match (l(i + 1), l(i + 2), l(i + 3)) {
                ("of", "that" | "the", "year") if l(i + 2) == "that" => Some(4),
                ("that" | "the", "same" | "year", _)
                    if l(i + 1) == "that" && l(i + 2) == "year" =>
                {
                    Some(3)
                }
                _ => None,
            };
            if let Some(n) = that_year {
                out.push((i..i + n, TimeRef::MonthOfThatYear { month: m }));
                i += n;
                continue;
            }
            let explicit = match l(i.wrapping_sub(1)) {
                "last" | "since" | "earlier" => Some(Dir::Past),
                "next" | "by" | "until" | "till" | "coming" => Some(Dir::Future),
                _ => None,
            };
            let d = || explicit.unwrap_or_else(dir);
            match absolute_at(toks, lower, i, anchor, d) {
                Some((date, p, used)) => {
                    let mut date = date;
                    if p == Precision::Month && l(i.wrapping_sub(1)) == "last" {
                        // "last January" is never the current month.
                        if let Some(a) = anchor
                            && a.m == m
                            && date.y == a.y
                        {
                            date = Ymd { y: a.y - 1, ..date };
                        }
                    }
                    out.push((
                        i..i + used,
                        tv(date.iso(p), None, &toks[i..i + used].join(" ")),
                    ));
                    i += used;
                    continue;
                }
                None => {
                    let cap = toks[i].chars().next().is_some_and(char::is_uppercase);
                    let ambiguous = toks[i].eq_ignore_ascii_case("may")
                        || toks[i].eq_ignore_ascii_case("march");
                    if cap && !ambiguous {
                        // "Jan. 8" without an anchor: the day is part of it.
                        let n = if parse_day(l(i + 1)).is_some() { 2 } else { 1 };
                        out.push((i..i + n, TimeRef::Unresolved));
                        i += n;
                        continue;
                    }
                    i += 1;
                    continue;
                }
            }
        }
        if let Some((d, p, used)) = absolute_at(toks, lower, i, anchor, dir) {
            out.push((
                i..i + used,
                tv(d.iso(p), None, &toks[i..i + used].join(" ")),
            ));
            i += used;
            continue;
        }
        // A bare year after a preposition: "in 2003", "since 2014", "by the
        // end of 2026".
        if let Some(y) = parse_year(toks[i])
            && i > 0
            && matches!(
                l(i - 1),
                "in" | "since"
                    | "of"
                    | "by"
                    | "until"
                    | "from"
                    | "during"
                    | "before"
                    | "after"
                    | "early"
                    | "late"
                    | "mid"
                    | "and"
                    | "to"
            )
        {
            out.push((i..i + 1, tv(format!("{y:04}"), None, toks[i])));
            i += 1;
            continue;
        }
        i += 1;
    }
    join_ranges(toks, out)
}

/// "from March to May 2021", "between 2003 and 2011": two resolved dates
/// joined by "to"/"and"/"until" after "from"/"between" become one range.
fn join_ranges(toks: &[&str], found: Vec<(Range<usize>, TimeRef)>) -> Vec<(Range<usize>, TimeRef)> {
    let l = |k: usize| toks.get(k).map(|w| w.to_lowercase()).unwrap_or_default();
    let mut out: Vec<(Range<usize>, TimeRef)> = Vec::with_capacity(found.len());
    for (r, v) in found {
        let joined = match (out.last(), &v) {
            (Some((pr, TimeRef::Value(a))), TimeRef::Value(b))
                if pr.end + 1 == r.start
                    && matches!(
                        l(pr.end).as_str(),
                        "to" | "and" | "until" | "through" | "-" | "–"
                    )
                    && pr.start > 0
                    && matches!(l(pr.start - 1).as_str(), "from" | "between")
                    && a.end.is_none() =>
            {
                // "from April to June 2019": the first date took the
                // anchor's year; the year written once is meant for both.
                let first_has_year = toks
                    .get(pr.clone())
                    .is_some_and(|ws| ws.iter().any(|w| parse_year(w).is_some()));
                let first = match b.start.get(..4) {
                    Some(y) if !first_has_year && a.start.len() > 4 => {
                        format!("{y}{}", a.start.get(4..).unwrap_or(""))
                    }
                    _ => a.start.clone(),
                };
                let ordered = interval(&first, None)
                    .zip(interval(&b.start, b.end.as_deref()))
                    .is_some_and(|(x, y)| x.0 <= y.1);
                ordered.then(|| {
                    let start = pr.start - 1;
                    let end = b.end.clone().unwrap_or_else(|| b.start.clone());
                    let words = toks
                        .get(start..r.end)
                        .map(|w| w.join(" "))
                        .unwrap_or_default();
                    (start..r.end, tv(first, Some(end), &words))
                })
            }
            _ => None,
        };
        match joined {
            Some(j) => {
                out.pop();
                out.push(j);
            }
            None => out.push((r, v)),
        }
    }
    out
}

/// The week, month or year `n` periods from the one containing `a`.
fn period(a: Ymd, unit: Unit, n: i64, text: &str) -> TimeRef {
    match unit {
        Unit::Week => {
            let monday = a.add_days(-i64::from(a.weekday()) + 7 * n);
            tv(
                monday.iso(Precision::Day),
                Some(monday.add_days(6).iso(Precision::Day)),
                text,
            )
        }
        Unit::Month => {
            let d = Ymd { d: 1, ..a }.add_months(n);
            tv(d.iso(Precision::Month), None, text)
        }
        Unit::Year => tv(format!("{:04}", i64::from(a.y) + n), None, text),
        Unit::Day => tv(a.add_days(n).iso(Precision::Day), None, text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn ymd(s: &str) -> Ymd {
        Ymd::parse_iso(s)
            .map(|x| x.0)
            .unwrap_or(Ymd { y: 0, m: 0, d: 0 })
    }

    /// (words, resolved start, end) for each expression in `s`.
    fn times(s: &str, anchor: &str) -> Vec<(String, String, Option<String>)> {
        let toks: Vec<&str> = crate::text::tokenize(s)
            .iter()
            .map(|t| t.span.text(s))
            .collect();
        scan(&toks, Some(ymd(anchor)))
            .into_iter()
            .map(|(r, v)| {
                let words = toks[r].join(" ");
                match v {
                    TimeRef::Value(t) => (words, t.start, t.end),
                    TimeRef::Later { amount, unit } => {
                        (words, format!("later {amount} {unit:?}"), None)
                    }
                    TimeRef::MonthOfThatYear { month } => (words, format!("month {month}"), None),
                    TimeRef::Unresolved => (words, "?".into(), None),
                }
            })
            .collect()
    }

    fn starts(s: &str, anchor: &str) -> Vec<String> {
        times(s, anchor).into_iter().map(|t| t.1).collect()
    }

    #[test]
    fn calendar_arithmetic_round_trips() {
        for days in [-800_000, -1, 0, 59, 365, 18_000, 2_000_000] {
            assert_eq!(days_from_civil(civil_from_days(days)), days);
        }
        assert_eq!(ymd("2024-01-31").add_months(1), ymd("2024-02-29"));
        assert_eq!(ymd("2021-01-03").weekday(), 6, "a Sunday");
        assert_eq!(ymd("2020-12-31").add_days(1), ymd("2021-01-01"));
        assert_eq!(Ymd::new(2021, 2, 29), None);
    }

    #[test]
    fn absolute_dates_in_several_styles() {
        assert_eq!(
            starts(
                "It began on March 3, 2019 and ended 14 July, 2021.",
                "2022-01-01"
            ),
            ["2019-03-03", "2021-07-14"]
        );
        assert_eq!(
            starts(
                "Talks held in October of 2015 failed; troops left in 1998.",
                "2022-01-01"
            ),
            ["2015-10", "1998"]
        );
        assert_eq!(
            starts("He may return. Their 1999 plan.", "2022-01-01"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn relative_dates_across_month_and_year_boundaries() {
        // 2021-01-03 is a Sunday: last week is Monday 2020-12-21 to Sunday 2020-12-27.
        assert_eq!(
            times("The mayor resigned last week.", "2021-01-03"),
            [(
                "last week".into(),
                "2020-12-21".into(),
                Some("2020-12-27".into())
            )]
        );
        // Past tense: most recent December, the previous year.
        assert_eq!(
            starts("Rebels seized the port in December.", "2021-01-10"),
            ["2020-12"]
        );
        // Future: the next November.
        assert_eq!(
            starts("The unit will leave by November.", "2021-12-10"),
            ["2022-11"]
        );
        assert_eq!(
            starts("Voters went to the polls last month.", "2021-01-15"),
            ["2020-12"]
        );
        assert_eq!(
            starts("A deal is due next month.", "2020-12-15"),
            ["2021-01"]
        );
        assert_eq!(starts("Prices rose last year.", "2021-01-01"), ["2020"]);
        assert_eq!(
            starts("She arrived yesterday.", "2021-03-01"),
            ["2021-02-28"]
        );
        assert_eq!(
            starts("They met three days ago.", "2021-03-02"),
            ["2021-02-27"]
        );
        // Day without a year, said in January about early January.
        assert_eq!(
            starts("Protesters gathered on Jan. 2.", "2021-01-05"),
            ["2021-01-02"]
        );
        assert_eq!(
            starts("Protesters gathered on 30 December.", "2021-01-05"),
            ["2020-12-30"]
        );
    }

    #[test]
    fn weekdays_follow_tense() {
        // 2020-09-09 is a Wednesday.
        assert_eq!(
            starts("Officials said Friday the plan stands.", "2020-09-09"),
            ["2020-09-04"]
        );
        assert_eq!(
            starts("The minister will travel on Friday.", "2020-09-09"),
            ["2020-09-11"]
        );
        assert_eq!(
            starts("The commander confirmed on Wednesday.", "2020-09-09"),
            ["2020-09-09"]
        );
        assert_eq!(
            starts("It happened last Wednesday.", "2020-09-09"),
            ["2020-09-02"]
        );
    }

    #[test]
    fn ranges_and_offsets() {
        assert_eq!(
            times(
                "The cut will take place in the next two to three months.",
                "2020-11-15"
            ),
            [(
                "in the next two to three months".into(),
                "2020-11-15".into(),
                Some("2021-02-15".into())
            )]
        );
        assert_eq!(
            starts("Two months later, rebels struck.", "2020-11-15"),
            ["later 2 Month"]
        );
    }

    #[test]
    fn without_anchor_relative_words_stay_unresolved() {
        let toks = [
            "He", "left", "last", "week", "after", "talks", "in", "June", "2019", ".",
        ];
        let got: Vec<_> = scan(&toks, None).into_iter().map(|x| x.1).collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0], TimeRef::Unresolved);
        assert!(matches!(&got[1], TimeRef::Value(t) if t.start == "2019-06"));
    }

    #[test]
    fn document_date_prefers_standalone_date_lines() {
        let text = "Storm hits coast\nA photo taken Monday, Jan. 4, 2021, in Town. (Photo by A. B.)\nTuesday 12 January 2021 09:30\nThe storm hit on Monday.";
        let doc = Document::new("t", text.into());
        let a = crate::text::analyze(&doc);
        assert_eq!(document_date(&a).as_deref(), Some("2021-01-12"));
        let doc = Document::new("t", "No date here.\nJust text.".into());
        assert_eq!(document_date(&crate::text::analyze(&doc)), None);
        let doc = Document::new("t", "Title\nOSLO 2019-03-03\nBody.".into());
        assert_eq!(
            document_date(&crate::text::analyze(&doc)).as_deref(),
            Some("2019-03-03")
        );
        let doc = Document::new("t", "Title\n03 March, 2019\nBody.".into());
        assert_eq!(
            document_date(&crate::text::analyze(&doc)).as_deref(),
            Some("2019-03-03")
        );
    }

    #[test]
    fn intervals_cover_precision() {
        assert_eq!(
            interval("2020-02", None),
            Some((ymd("2020-02-01"), ymd("2020-02-29")))
        );
        assert_eq!(
            interval("2020", Some("2021-03")),
            Some((ymd("2020-01-01"), ymd("2021-03-31")))
        );
        assert_eq!(interval("garbage", None), None);
    }
}
