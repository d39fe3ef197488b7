//! Dates written out from the month or the day: "March 3, 2019", "14 July,
//! 2021", "December of 2019", "Jan. 8", "in December". Without a year they
//! take the anchor's, moved by the direction.

use super::calendar::{Precision, Ymd};
use super::direction::Dir;
use super::words::{month_number, parse_day, parse_year};
use std::borrow::Cow;

/// Days ahead of the report within which an unmarked day of the month is
/// read as coming ("meets on March 23" in a report of March 15), not as
/// almost a year back: news names a day that far back with its year.
const NEAR_AHEAD_DAYS: i64 = 45;

/// The year a month (and day, when `day`) without a year falls in, seen
/// from `anchor`.
fn year_for(anchor: Ymd, m: u32, d: u32, day: bool, dir: Dir) -> i32 {
    let here = (anchor.m, anchor.d);
    match dir {
        Dir::Past if (m, d) > here => anchor.y - 1,
        Dir::Unmarked if (m, d) > here => {
            let near = day
                && Ymd::new(anchor.y, m, d)
                    .and_then(|x| Some(x.day_number()? - anchor.day_number()?))
                    .is_some_and(|ahead| ahead <= NEAR_AHEAD_DAYS);
            if near { anchor.y } else { anchor.y - 1 }
        }
        Dir::Future if (m, d) < here => anchor.y + 1,
        _ => anchor.y,
    }
}

/// An absolute or month-based date starting at word `i`: (date, precision,
/// words used).
pub(super) fn absolute_at(
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
                let y = year_for(a, m, d, true, dir());
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
        let y = year_for(a, m, 1, false, dir());
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
        let y = year_for(a, m, d, true, dir());
        return Some((Ymd::new(y, m, d)?, Precision::Day, 2));
    }
    None
}
