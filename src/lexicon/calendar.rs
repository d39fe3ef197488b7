//! Month and weekday names, and the number of a month.

pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Month number (1-12) of a month name or common abbreviation.
pub fn month_number(word: &str) -> Option<u32> {
    // Asked of nearly every token by the date scanner: compared in place,
    // without lowercasing into a new string. Month names are ASCII, and no
    // other character lowercases to an ASCII letter but the Kelvin sign
    // ("k", in no month name), so a word that is not ASCII is none.
    let w = word.trim_end_matches('.');
    if w.len() < 3 || w.len() > 9 || !w.is_ascii() {
        return None;
    }
    // Only the months with the word's first letter can match (in their
    // order, as the first match wins); most words start with a letter no
    // month name starts with.
    let candidates: &[usize] = match w.as_bytes().first().map(u8::to_ascii_lowercase) {
        Some(b'j') => &[0, 5, 6],
        Some(b'f') => &[1],
        Some(b'm') => &[2, 4],
        Some(b'a') => &[3, 7],
        Some(b's') => &[8],
        Some(b'o') => &[9],
        Some(b'n') => &[10],
        Some(b'd') => &[11],
        _ => return None,
    };
    candidates
        .iter()
        .copied()
        .find(|&i| {
            MONTHS.get(i).is_some_and(|m| {
                m.eq_ignore_ascii_case(w)
                    || (m
                        .as_bytes()
                        .get(..w.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(w.as_bytes()))
                        && (w.len() == 3 || w.eq_ignore_ascii_case("sept")))
            })
        })
        .map(|i| i as u32 + 1)
}
