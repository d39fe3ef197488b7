//! What single words of a date say: month, weekday, day of the month,
//! year, a small number. Words come lowercased (`util::lower`) except for
//! month names, which the lexicon reads as written.

/// Month number from a name or abbreviation ("Sept.", "january").
pub fn month_number(word: &str) -> Option<u32> {
    crate::lexicon::month_number(word)
}

/// 0 = Monday … 6 = Sunday, for a weekday name in lowercase ("friday").
pub fn weekday_number(lower: &str) -> Option<u32> {
    let w = lower.trim_end_matches('.');
    crate::lexicon::WEEKDAYS
        .iter()
        .position(|d| *d == w)
        .map(|i| i as u32)
}

/// Small number words in lowercase, as used in "two months later".
pub fn number_word(lower: &str) -> Option<i64> {
    let n = match lower {
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
        _ => return lower.parse::<i64>().ok().filter(|n| (1..=1000).contains(n)),
    };
    Some(n)
}

/// A day of the month ("3", "3rd", "21st").
pub(super) fn parse_day(w: &str) -> Option<u32> {
    let w = w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    let d: u32 = w.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// A year of four digits, 1800 to 2199.
pub(super) fn parse_year(w: &str) -> Option<i32> {
    if w.len() != 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = w.parse().ok()?;
    (1800..=2199).contains(&y).then_some(y)
}
