//! Calendar dates at the precision a text gives them: [`Ymd`], its
//! arithmetic and its ISO 8601 text.

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

/// Days in month `m` of year `y`.
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
