//! The time-expression scanner: walks a sentence's words and tries, at each
//! word, the patterns in a fixed order (relative words, spans ahead or
//! back, offsets, weekdays, month names, written-out dates, bare years);
//! the first that matches takes its words. Adjacent dates joined by "to"
//! after "from" become one range.

use super::absolute::absolute_at;
use super::calendar::{Precision, Ymd, interval};
use super::direction::{Dir, direction};
use super::words::{month_number, number_word, parse_day, parse_year, weekday_number};
use super::{TimeRef, Unit, tv};
use std::borrow::Cow;
use std::ops::Range;

/// A time expression: its word range and meaning.
type Found = (Range<usize>, TimeRef);

/// Scans words for time expressions: (word range, meaning). `lower[k]` is
/// `toks[k]` lowercased by `util::lower::lower`.
pub fn scan(toks: &[&str], lower: &[Cow<'_, str>], anchor: Option<Ymd>) -> Vec<Found> {
    let lower = lower.get(..toks.len()).unwrap_or(lower);
    let words = Words { toks, lower };
    let mut scan = Scanner {
        w: words,
        anchor,
        out: Vec::new(),
        from_clause: Vec::new(),
    };
    let mut i = 0;
    while i < toks.len() {
        i = scan.step(i);
    }
    scan.count_from_clauses();
    join_ranges(words, scan.out)
}

/// A sentence's words as written and lowercased.
#[derive(Clone, Copy)]
struct Words<'w> {
    toks: &'w [&'w str],
    lower: &'w [Cow<'w, str>],
}

impl<'w> Words<'w> {
    /// Word `k` in lowercase; empty past either end.
    fn l(self, k: usize) -> &'w str {
        self.lower.get(k).map_or("", |w| w.as_ref())
    }
    /// Word `k` as written; empty past either end.
    fn tok(self, k: usize) -> &'w str {
        self.toks.get(k).copied().unwrap_or("")
    }
    /// The words of `r` as written, joined by spaces (cut at the end).
    fn join(self, r: Range<usize>) -> String {
        let end = r.end.min(self.toks.len());
        self.toks
            .get(r.start..end)
            .map(|w| w.join(" "))
            .unwrap_or_default()
    }
    /// The direction of an expression at word `i`. Only some patterns
    /// need it, and it looks at up to ten words before: computed when
    /// asked for.
    fn dir(self, i: usize) -> Dir {
        direction(self.lower, i)
    }
}

struct Scanner<'w> {
    w: Words<'w>,
    anchor: Option<Ymd>,
    out: Vec<Found>,
    /// "a day after troops struck Kyiv on Monday": offsets (place in
    /// `out`, signed amount, unit) counted from the clause that follows.
    from_clause: Vec<(usize, i64, Unit)>,
}

impl Scanner<'_> {
    /// Tries the patterns at word `i` (`i` < the number of words): the
    /// word to go on from.
    fn step(&mut self, i: usize) -> usize {
        self.relative_word(i)
            .or_else(|| self.span_ahead_or_back(i))
            .or_else(|| self.offset(i))
            .or_else(|| self.weekday(i))
            .or_else(|| self.prefixed(i))
            .or_else(|| self.month_name(i))
            .or_else(|| self.absolute(i))
            .or_else(|| self.bare_year(i))
            .unwrap_or(i + 1)
    }

    /// "last week", "next month", "this year", "earlier this month"; vague
    /// "in the coming days", "in recent weeks"; "yesterday", "today",
    /// "tomorrow".
    fn relative_word(&mut self, i: usize) -> Option<usize> {
        let w = self.w;
        let l = |k: usize| w.l(k);
        match (l(i), l(i + 1)) {
            (m @ ("last" | "next" | "this" | "past"), u @ ("week" | "month" | "year"))
            | (m @ "coming", u @ ("week" | "month" | "year")) => {
                let unit = Unit::parse(u);
                let v = match (self.anchor, unit) {
                    (Some(a), Some(unit)) => {
                        let n = match m {
                            "last" | "past" => -1,
                            "next" | "coming" => 1,
                            _ => 0,
                        };
                        period(a, unit, n, &w.join(i..i + 2))
                    }
                    _ => TimeRef::Unresolved,
                };
                self.out.push((i..i + 2, v));
                Some(i + 2)
            }
            ("coming" | "recent" | "next" | "past", "days" | "weeks" | "months" | "years")
                if number_word(l(i + 2)).is_none() =>
            {
                let start = if i > 1 && l(i - 1) == "the" && l(i - 2) == "in" {
                    i - 2
                } else {
                    i
                };
                self.out.push((start..i + 2, TimeRef::Unresolved));
                Some(i + 2)
            }
            // "this weekend", "last weekend", "over the weekend": a
            // Saturday and Sunday. Said early in the week, "this" and
            // "the" weekend are the one just past; later, the one ahead.
            (m @ ("last" | "past" | "this" | "next" | "coming" | "the"), "weekend")
                if m != "the" || matches!(l(i.wrapping_sub(1)), "over" | "at" | "during") =>
            {
                let v = match self.anchor {
                    Some(a) => {
                        let monday = a.add_days(-i64::from(a.weekday()));
                        let early = a.weekday() <= 2;
                        let saturday = match m {
                            "last" | "past" => monday.add_days(-2),
                            "next" | "coming" if a.weekday() >= 4 => monday.add_days(12),
                            "next" | "coming" => monday.add_days(5),
                            _ if early => monday.add_days(-2),
                            _ => monday.add_days(5),
                        };
                        tv(
                            saturday.iso(Precision::Day),
                            Some(saturday.add_days(1).iso(Precision::Day)),
                            &w.join(i..i + 2),
                        )
                    }
                    None => TimeRef::Unresolved,
                };
                self.out.push((i..i + 2, v));
                Some(i + 2)
            }
            ("yesterday" | "today" | "tomorrow", _) => {
                let n = match l(i) {
                    "yesterday" => -1,
                    "today" => 0,
                    _ => 1,
                };
                let v = match self.anchor {
                    Some(a) => tv(a.add_days(n).iso(Precision::Day), None, &w.join(i..i + 1)),
                    None => TimeRef::Unresolved,
                };
                self.out.push((i..i + 1, v));
                Some(i + 1)
            }
            _ => None,
        }
    }

    /// "in the next two to three months", "in the next six weeks", "within
    /// two weeks", "over the past week": a range from or to the anchor.
    fn span_ahead_or_back(&mut self, i: usize) -> Option<usize> {
        let w = self.w;
        let l = |k: usize| w.l(k);
        if !(matches!(l(i), "next" | "past" | "within")
            && (i == 0 || l(i - 1) == "the" || l(i) == "within"))
        {
            return None;
        }
        let sign = if l(i) == "past" { -1 } else { 1 };
        let k = i + 1;
        let lo = number_word(l(k));
        let lo_missing = lo.is_none();
        let (lo, hi, k) = match lo {
            Some(lo) if matches!(l(k + 1), "to" | "or" | "-") => match number_word(l(k + 2)) {
                Some(hi) => (Some(lo), Some(hi), k + 3),
                None => (None, None, k),
            },
            Some(lo) => (Some(lo), Some(lo), k + 1),
            None => (Some(1), Some(1), k),
        };
        let (Some(_lo), Some(hi), Some(unit)) = (lo, hi, Unit::parse(l(k))) else {
            return None;
        };
        let plural = l(k).ends_with('s');
        let vague = lo_missing && plural;
        if !(plural || hi == 1) {
            return Some(i + 1);
        }
        let start_tok = if i > 1 && l(i - 1) == "the" && l(i - 2) == "in" {
            i - 2
        } else if i > 0 && l(i - 1) == "the" {
            i - 1
        } else {
            i
        };
        let words = w.join(start_tok..k + 1);
        let v = match self.anchor {
            // "within weeks": no number, nothing to resolve.
            _ if vague => TimeRef::Unresolved,
            Some(a) => {
                let (e, _) = unit.shift(a, sign * hi);
                let (s, e) = if sign < 0 { (e, a) } else { (a, e) };
                tv(s.iso(Precision::Day), Some(e.iso(Precision::Day)), &words)
            }
            None => TimeRef::Unresolved,
        };
        self.out.push((start_tok..k + 1, v));
        Some(k + 1)
    }

    /// "three days ago", "two months later", "a year after".
    fn offset(&mut self, i: usize) -> Option<usize> {
        let w = self.w;
        let l = |k: usize| w.l(k);
        let (Some(n), Some(unit)) = (number_word(l(i)), Unit::parse(l(i + 1))) else {
            return None;
        };
        if !matches!(
            l(i + 2),
            "ago" | "later" | "after" | "afterwards" | "earlier" | "before"
        ) {
            return None;
        }
        let v = match l(i + 2) {
            "ago" => match self.anchor {
                Some(a) => {
                    let (d, p) = unit.shift(a, -n);
                    tv(d.iso(p), None, &w.join(i..i + 3))
                }
                None => TimeRef::Unresolved,
            },
            "earlier" => TimeRef::Later { amount: -n, unit },
            _ => TimeRef::Later { amount: n, unit },
        };
        // "after" followed by a noun is a preposition: "two days after
        // the attack" counts from the event just told (the previous
        // one); "a year after the war" from something unknown here, and
        // "a day after troops struck Kyiv on Monday" from the clause's day.
        let noun = match l(i + 3) {
            "the" | "this" | "that" | "a" | "an" | "its" | "their" => l(i + 4),
            other => other,
        };
        let before = l(i + 2) == "before";
        let clause = matches!(l(i + 2), "after" | "before")
            && !matches!(l(i + 3), "" | "," | "." | ";")
            && !crate::extract::triggers::is_event_word(noun);
        let v = if clause {
            let sign = if before { -1 } else { 1 };
            self.from_clause.push((self.out.len(), sign * n, unit));
            TimeRef::Unresolved
        } else if before {
            return None;
        } else {
            v
        };
        self.out.push((i..i + 3, v));
        Some(i + 3)
    }

    /// Resolves the offsets of [`Self::from_clause`] from the day the
    /// clause they open gives: the first date within a few words, with no
    /// comma between ("a day after troops struck Kyiv on Monday"), and not
    /// a report's ("…, officials said on Monday"). Else, set off by a
    /// comma after a date, they count back from it and date their own
    /// clause: "on Tuesday, a day after the company announced cuts" is
    /// Monday.
    fn count_from_clauses(&mut self) {
        /// Words from the offset's end to the clause's date.
        const REACH: usize = 12;
        let w = self.w;
        for &(at, amount, unit) in &self.from_clause {
            let Some(end) = self.out.get(at).map(|f| f.0.end) else {
                continue;
            };
            let clause_day = self.out.iter().skip(at + 1).find_map(|(r, v)| {
                let near = r.start >= end && r.start <= end + REACH;
                let unbroken = (end..r.start).all(|k| !matches!(w.l(k), "," | ";" | ":"));
                let reported = (r.start.saturating_sub(2)..r.start)
                    .any(|k| matches!(w.l(k), "said" | "says" | "told" | "announced"));
                match v {
                    TimeRef::Value(t) if near && unbroken && !reported && t.end.is_none() => {
                        Some(t.start.clone())
                    }
                    _ => None,
                }
            });
            // "walked out on Tuesday, a day after the company announced
            // cuts": the day before the comma less the offset dates the
            // clause the offset opens.
            let start = self.out.get(at).map_or(0, |f| f.0.start);
            let (clause_day, amount) = match clause_day {
                Some(d) => (Some(d), amount),
                None if start > 0 && w.l(start - 1) == "," => {
                    let main =
                        self.out
                            .get(..at)
                            .and_then(|o| o.last())
                            .and_then(|(r, v)| match v {
                                TimeRef::Value(t) if r.end + 1 == start && t.end.is_none() => {
                                    Some(t.start.clone())
                                }
                                _ => None,
                            });
                    (main, -amount)
                }
                None => (None, amount),
            };
            let Some((d, p)) = clause_day.as_deref().and_then(Ymd::parse_iso) else {
                continue;
            };
            let fine_enough = match unit {
                Unit::Day | Unit::Week => p == Precision::Day,
                Unit::Month => p != Precision::Year,
                Unit::Year => true,
            };
            if !fine_enough {
                continue;
            }
            let (shifted, sp) = unit.shift(d, amount);
            let precision = if p == Precision::Day && sp == Precision::Day {
                Precision::Day
            } else if sp == Precision::Year || p == Precision::Year {
                Precision::Year
            } else {
                Precision::Month
            };
            if let Some(f) = self.out.get_mut(at) {
                let text = w.join(f.0.clone());
                f.1 = tv(shifted.iso(precision), None, &text);
            }
        }
    }

    /// "mid-October", "early-2021", "late-March 2020": a month or year
    /// written as one word with its part.
    fn prefixed(&mut self, i: usize) -> Option<usize> {
        let w = self.w;
        let tok = w.tok(i);
        let rest = ["mid-", "early-", "late-", "Mid-", "Early-", "Late-"]
            .iter()
            .find_map(|p| tok.strip_prefix(p))?;
        if let Some(y) = parse_year(rest) {
            self.out.push((i..i + 1, tv(format!("{y:04}"), None, tok)));
            return Some(i + 1);
        }
        month_number(rest)?;
        // The month read as if written apart after "mid", so that "May"
        // and "March" count as months and a year after it is taken.
        let toks: Vec<&str> = ["mid", rest]
            .into_iter()
            .chain((i + 1..i + 4).map(|k| w.tok(k)))
            .collect();
        let lower: Vec<Cow<'_, str>> = ["mid", &rest.to_lowercase()]
            .into_iter()
            .map(|x| Cow::Owned(x.to_string()))
            .chain((i + 1..i + 4).map(|k| Cow::Borrowed(w.l(k))))
            .collect();
        let v = match absolute_at(&toks, &lower, 1, self.anchor, || w.dir(i)) {
            Some((d, p, used)) if p != Precision::Day => {
                let r = i..i + used;
                let v = tv(d.iso(p), None, &w.join(r.clone()));
                self.out.push((r, v));
                return Some(i + used);
            }
            _ => TimeRef::Unresolved,
        };
        self.out.push((i..i + 1, v));
        Some(i + 1)
    }

    /// Weekdays: "Friday", "on Wednesday", "late Tuesday", "last Friday";
    /// a full date after one ("Thursday, Aug. 20, 2020") is taken whole.
    fn weekday(&mut self, i: usize) -> Option<usize> {
        let w = self.w;
        let l = |k: usize| w.l(k);
        let wd = weekday_number(l(i))?;
        if !w.tok(i).chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let (start_tok, strict) = match l(i.wrapping_sub(1)) {
            "last" | "next" if i > 0 => (i - 1, true),
            _ => (i, false),
        };
        // A full date follows: let the absolute pattern take it.
        let j = if l(i + 1) == "," { i + 2 } else { i + 1 };
        if let Some((d, p, used)) = absolute_at(w.toks, w.lower, j, self.anchor, || w.dir(i)) {
            self.out
                .push((i..j + used, tv(d.iso(p), None, &w.join(i..j + used))));
            return Some(j + used);
        }
        let dir = if l(i.wrapping_sub(1)) == "next" {
            Dir::Future
        } else if strict {
            Dir::Past
        } else {
            w.dir(i)
        };
        let v = match self.anchor {
            Some(a) => tv(
                weekday_date(a, wd, dir, strict).iso(Precision::Day),
                None,
                &w.join(start_tok..i + 1),
            ),
            None => TimeRef::Unresolved,
        };
        self.out.push((start_tok..i + 1, v));
        Some(i + 1)
    }

    /// Month names: "June of that year" (the previous event's year),
    /// written-out dates from the month ("March 3, 2019", "in December"),
    /// and, when they cannot be resolved, the name with its day.
    fn month_name(&mut self, i: usize) -> Option<usize> {
        let w = self.w;
        let l = |k: usize| w.l(k);
        let m = month_number(w.tok(i))?;
        let that_year = match (l(i + 1), l(i + 2), l(i + 3)) {
            ("of", "that" | "the", "year") if l(i + 2) == "that" => Some(4),
            ("that" | "the", "same" | "year", _) if l(i + 1) == "that" && l(i + 2) == "year" => {
                Some(3)
            }
            _ => None,
        };
        if let Some(n) = that_year {
            self.out
                .push((i..i + n, TimeRef::MonthOfThatYear { month: m }));
            return Some(i + n);
        }
        let explicit = match l(i.wrapping_sub(1)) {
            "last" | "since" | "earlier" => Some(Dir::Past),
            "next" | "by" | "until" | "till" | "coming" => Some(Dir::Future),
            _ => None,
        };
        let dir = || explicit.unwrap_or_else(|| w.dir(i));
        if let Some((mut date, p, used)) = absolute_at(w.toks, w.lower, i, self.anchor, dir) {
            if p == Precision::Month && l(i.wrapping_sub(1)) == "last" {
                // "last January" is never the current month.
                if let Some(a) = self.anchor
                    && a.m == m
                    && date.y == a.y
                {
                    date = Ymd { y: a.y - 1, ..date };
                }
            }
            self.out
                .push((i..i + used, tv(date.iso(p), None, &w.join(i..i + used))));
            return Some(i + used);
        }
        let tok = w.tok(i);
        let cap = tok.chars().next().is_some_and(char::is_uppercase);
        let ambiguous = tok.eq_ignore_ascii_case("may") || tok.eq_ignore_ascii_case("march");
        if cap && !ambiguous {
            // "Jan. 8" without an anchor: the day is part of it.
            let n = if parse_day(l(i + 1)).is_some() { 2 } else { 1 };
            self.out.push((i..i + n, TimeRef::Unresolved));
            return Some(i + n);
        }
        Some(i + 1)
    }

    /// Dates written from the day: "14 July, 2021", "30 December".
    fn absolute(&mut self, i: usize) -> Option<usize> {
        let w = self.w;
        let (d, p, used) = absolute_at(w.toks, w.lower, i, self.anchor, || w.dir(i))?;
        self.out
            .push((i..i + used, tv(d.iso(p), None, &w.join(i..i + used))));
        Some(i + used)
    }

    /// A bare year after a preposition: "in 2003", "since 2014", "by the
    /// end of 2026".
    fn bare_year(&mut self, i: usize) -> Option<usize> {
        let w = self.w;
        let y = parse_year(w.tok(i))?;
        let after_preposition = i > 0
            && matches!(
                w.l(i - 1),
                "in" | "since"
                    | "of"
                    | "by"
                    | "until"
                    | "from"
                    | "between"
                    | "during"
                    | "before"
                    | "after"
                    | "early"
                    | "late"
                    | "mid"
                    | "and"
                    | "to"
            );
        // "a 2019 peace deal", "the 2018 disaster": a year qualifying the
        // noun after it.
        let qualifies = i > 0
            && super::YEAR_QUALIFIER_BEFORE.contains(&w.l(i - 1))
            && w.tok(i + 1).chars().next().is_some_and(char::is_lowercase);
        if !after_preposition && !qualifies {
            return None;
        }
        self.out
            .push((i..i + 1, tv(format!("{y:04}"), None, w.tok(i))));
        Some(i + 1)
    }
}

/// The date of weekday `wd` seen from `a` in direction `dir`; `strict`
/// ("last Friday", "next Friday") never means `a` itself.
fn weekday_date(a: Ymd, wd: u32, dir: Dir, strict: bool) -> Ymd {
    let cur = a.weekday() as i64;
    let want = wd as i64;
    let mut delta = match dir {
        Dir::Past | Dir::Unmarked => -((cur - want).rem_euclid(7)),
        Dir::Future => (want - cur).rem_euclid(7),
    };
    if strict && delta == 0 {
        delta = if dir == Dir::Future { 7 } else { -7 };
    }
    a.add_days(delta)
}

/// "from March to May 2021", "between 2003 and 2011": two resolved dates
/// joined by "to"/"and"/"until" after "from"/"between" become one range.
fn join_ranges(w: Words<'_>, found: Vec<Found>) -> Vec<Found> {
    let l = |k: usize| w.l(k);
    let mut out: Vec<Found> = Vec::with_capacity(found.len());
    for (r, v) in found {
        let joined = match (out.last(), &v) {
            (Some((pr, TimeRef::Value(a))), TimeRef::Value(b))
                if pr.end + 1 == r.start
                    && matches!(l(pr.end), "to" | "and" | "until" | "through" | "-" | "–")
                    && pr.start > 0
                    && matches!(l(pr.start - 1), "from" | "between")
                    && a.end.is_none() =>
            {
                // "from April to June 2019": the first date took the
                // anchor's year; the year written once is meant for both.
                let first_has_year = w
                    .toks
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
                    let words = w
                        .toks
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
