//! Calendar dates at the precision a text gives them: [`Ymd`], its
//! arithmetic and its ISO 8601 text.
//!
//! The arithmetic is chrono's (`NaiveDate`, proleptic Gregorian), chosen
//! over jiff because its range (about ±262,000 years) holds every date the
//! scans can make: a year of 1..=9999 read from a text, moved by at most
//! 1,000 years, days, weeks or months. jiff's civil dates stop at ±9999 and
//! would need a failure path the output never had.

use chrono::{Datelike, Months, NaiveDate, TimeDelta};

/// A calendar date (proleptic Gregorian). A real date wherever it is made
/// by [`Ymd::new`], [`Ymd::parse_iso`] or the arithmetic below, which is
/// everywhere outside tests.
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

impl Ymd {
    /// A valid date of years 1 to 9999, or None ("February 30").
    pub fn new(y: i32, m: u32, d: u32) -> Option<Ymd> {
        if !(1..=9999).contains(&y) {
            return None;
        }
        NaiveDate::from_ymd_opt(y, m, d).map(Ymd::from_naive)
    }

    fn naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.y, self.m, self.d)
    }

    fn from_naive(n: NaiveDate) -> Ymd {
        Ymd {
            y: n.year(),
            m: n.month(),
            d: n.day(),
        }
    }

    /// Moves the date by `n` days. A date chrono cannot hold (not a real
    /// date, or beyond its range: see the module doc) is left as it is.
    pub fn add_days(self, n: i64) -> Ymd {
        self.naive()
            .and_then(|d| d.checked_add_signed(TimeDelta::try_days(n)?))
            .map_or(self, Ymd::from_naive)
    }

    /// Adds months, clamping the day to the month's length (as chrono
    /// does). Left as it is where chrono has no such date, as in
    /// [`Ymd::add_days`].
    pub fn add_months(self, n: i64) -> Ymd {
        let months = Months::new(u32::try_from(n.unsigned_abs()).unwrap_or(u32::MAX));
        self.naive()
            .and_then(|d| {
                if n < 0 {
                    d.checked_sub_months(months)
                } else {
                    d.checked_add_months(months)
                }
            })
            .map_or(self, Ymd::from_naive)
    }

    /// The last day of the date's month.
    pub fn month_end(self) -> Ymd {
        let len = self
            .naive()
            .map_or(self.d, |d| u32::from(d.num_days_in_month()));
        Ymd { d: len, ..self }
    }

    /// Days from 1 January of year 1 (None for a date that is not real),
    /// to measure how far apart two dates are.
    pub fn day_number(self) -> Option<i64> {
        self.naive().map(|d| i64::from(d.num_days_from_ce()))
    }

    /// 0 = Monday … 6 = Sunday (0 for a date that is not real).
    pub fn weekday(self) -> u32 {
        self.naive()
            .map_or(0, |d| d.weekday().num_days_from_monday())
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
        Precision::Month => d.month_end(),
        Precision::Day => d,
    };
    let hi = match end.and_then(Ymd::parse_iso) {
        Some((e, ep)) => last(e, ep),
        None => last(lo, p),
    };
    Some((lo, hi.max(lo)))
}
