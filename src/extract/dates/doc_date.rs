//! The document's own date: the first line near the top that is a date and
//! nothing else, read at day precision.

use super::absolute::absolute_at;
use super::calendar::{Precision, Ymd};
use super::direction::Dir;
use crate::model::Analyzed;
use crate::text::boilerplate::is_date_line;
use crate::util::lower::lower;
use std::borrow::Cow;

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
        let lower: Vec<Cow<'_, str>> = toks.iter().map(|t| lower(t)).collect();
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
