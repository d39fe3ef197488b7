//! Quantities: the numbers of a sentence with their unit, direction and
//! precision ("from 5,200 to 3,500 troops", "about 1,700 soldiers",
//! "60 percent", "more than 100", "nearly a third", "9,000 workers as of
//! late May").
//!
//! Numbers that are part of a date ("Jan. 8, 2020") are skipped: the caller
//! passes the sentence's time expressions.

use crate::extract::dates::{TimeExpr, TimeRef};
use crate::model::{Analyzed, Approx, Quantity, Span};
use std::borrow::Cow;
use std::ops::Range;

/// A quantity found in a sentence, with the tokens it covers (document
/// token indices).
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityExpr {
    pub tokens: Range<usize>,
    pub span: Span,
    pub quantity: Quantity,
}

/// The value of one number word or numeral, in lowercase.
fn number_value(lower: &str) -> Option<f64> {
    let value = match lower {
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "dozen" => 12.0,
        "hundreds" | "thousands" | "dozens" | "millions" => return None,
        _ => {
            let first = lower.chars().next()?;
            if !first.is_ascii_digit() {
                return None;
            }
            // Thousands separators only in groups of three ("5,200").
            let mut parts = lower.split(',');
            let head = parts.next()?;
            let mut digits = head.to_string();
            for p in parts {
                let int_part = p.split('.').next().unwrap_or("");
                if int_part.len() != 3 {
                    return None;
                }
                digits.push_str(p);
            }
            let digits = digits.trim_end_matches('%');
            digits.parse::<f64>().ok()?
        }
    };
    Some(value)
}

/// Parses "5,200", "3.5", "12", number words up to twenty, and a following
/// "million"/"billion"/"thousand"/"hundred" scale, at word `i` of the
/// lowercased words `lower`. Returns (value, words used).
pub fn parse_number(lower: &[Cow<'_, str>], i: usize) -> Option<(f64, usize)> {
    let mut value = number_value(lower.get(i)?)?;
    let mut used = 1;
    if let Some(scale) = lower.get(i + 1) {
        let factor = match scale.as_ref() {
            "hundred" => Some(100.0),
            "thousand" => Some(1e3),
            "million" => Some(1e6),
            "billion" => Some(1e9),
            "trillion" => Some(1e12),
            _ => None,
        };
        if let Some(f) = factor {
            value *= f;
            used = 2;
        }
    }
    value.is_finite().then_some((value, used))
}

/// "a third", "one-third", "two-thirds", "half", "a quarter".
fn parse_fraction(lower: &[Cow<'_, str>], i: usize) -> Option<(f64, usize)> {
    let w = |k: usize| lower.get(i + k).map(|w| &**w).unwrap_or("");
    let denominator = |s: &str| match s {
        "half" => Some(2.0),
        "third" | "thirds" => Some(3.0),
        "quarter" | "quarters" | "fourth" | "fourths" => Some(4.0),
        "fifth" | "fifths" => Some(5.0),
        _ => None,
    };
    if w(0) == "half" && !matches!(w(1), "of" | "a" | "an" | "the" | "," | "." | "") {
        return None;
    }
    // "the first half of 2022", "the second quarter": a stretch of time.
    let before = i
        .checked_sub(1)
        .and_then(|j| lower.get(j))
        .map_or("", |w| &**w);
    if matches!(
        before,
        "first" | "second" | "third" | "fourth" | "last" | "latter" | "final" | "opening"
    ) && denominator(w(0)).is_some()
    {
        return None;
    }
    if w(0) == "half" {
        return Some((0.5, 1));
    }
    let num = |s: &str| match s {
        "a" | "one" => Some(1.0),
        "two" => Some(2.0),
        "three" => Some(3.0),
        _ => None,
    };
    if let Some((n, d)) = w(0).split_once('-')
        && let (Some(n), Some(d)) = (num(n), denominator(d))
    {
        return Some((n / d, 1));
    }
    if let (Some(n), Some(d)) = (num(w(0)), denominator(w(1))) {
        // "a third of", "by a third", "a third ," — not "a third term".
        if matches!(
            w(2),
            "of" | "," | "." | "" | "from" | "to" | "and" | "in" | "by"
        ) {
            return Some((n / d, 2));
        }
    }
    None
}

/// Words that are never the unit of a number.
const NOT_UNITS: &[&str] = &[
    "to", "from", "in", "of", "by", "and", "or", "the", "a", "an", "on", "at", "for", "with", "as",
    "than", "that", "this", "who", "which", "were", "was", "are", "is", "be", "will", "would",
    "have", "has", "had", "more", "less", "about", "nearly", "some", "into", "over", "under", ",",
    ".", ";", ":", "(", ")", "—", "-", "–", "“", "”", "\"", "'s", "’s", "per", "times", "its",
    "their", "before", "after", "since", "during", "against", "between", "until", "among", "when",
    "while", "if", "because", "but", "so", "also", "still", "not", "each", "every", "all", "most",
    "least",
];

/// The unit after a number: the first lowercase word within three words,
/// skipping capitalised adjectives ("1,700 U.S. troops").
fn unit_after(toks: &[&str], lower: &[Cow<'_, str>], i: usize) -> Option<String> {
    // A plural noun within three words is the head ("two administration
    // officials" → officials); else the first lowercase word.
    let mut first = None;
    for k in i..(i + 3).min(toks.len()) {
        let (Some(w), Some(l)) = (toks.get(k), lower.get(k)) else {
            break;
        };
        if NOT_UNITS.contains(&l.as_ref()) {
            break;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if !w.chars().all(|c| c.is_alphabetic() || c == '-') || !w.chars().any(char::is_alphabetic)
        {
            break;
        }
        if l.ends_with("ing") {
            // "96 striking partner": a participle, not what is counted.
            return None;
        }
        if l.ends_with('s') && !l.ends_with("ss") && l.len() > 3 {
            return Some(l.to_string());
        }
        if first.is_none() {
            first = Some(l.to_string());
        }
    }
    if first.is_some() {
        return first;
    }
    for k in i..(i + 3).min(toks.len()) {
        let w = toks.get(k)?;
        let l = lower.get(k)?;
        if NOT_UNITS.contains(&l.as_ref()) {
            return None;
        }
        if w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if w.chars().all(|c| c.is_alphabetic() || c == '-') && w.chars().any(char::is_alphabetic) {
            return Some(l.to_string());
        }
        return None;
    }
    None
}

/// A lowercase noun just before "from" ("the amount of troops from ..."),
/// skipping capitalised words and prepositions.
fn unit_before(toks: &[&str], lower: &[Cow<'_, str>], from: usize) -> Option<String> {
    let mut k = from;
    for _ in 0..4 {
        k = k.checked_sub(1)?;
        let w = toks.get(k)?;
        let l = lower.get(k)?;
        if w.chars().next().is_some_and(char::is_uppercase)
            || ["in", "of", "the"].contains(&l.as_ref())
        {
            continue;
        }
        if w.chars().all(char::is_alphabetic) && !NOT_UNITS.contains(&l.as_ref()) {
            return Some(l.to_string());
        }
        return None;
    }
    None
}

/// The approximation words just before word `i`, and how many there are.
fn approx_before(lower: &[Cow<'_, str>], i: usize) -> (Approx, usize) {
    let w = |k: usize| {
        i.checked_sub(k)
            .and_then(|j| lower.get(j))
            .map(|w| &**w)
            .unwrap_or("")
    };
    match (w(2), w(1)) {
        ("more" | "greater", "than") | ("at", "least") | ("upwards", "of") => (Approx::AtLeast, 2),
        ("less" | "fewer", "than") | ("up", "to") | ("at", "most") => (Approx::AtMost, 2),
        ("close", "to") | ("an", "estimated") => (Approx::About, 2),
        (
            _,
            "about" | "around" | "roughly" | "approximately" | "nearly" | "almost" | "some"
            | "estimated",
        ) => (Approx::About, 1),
        (_, "over" | "above" | "exceeding") => (Approx::AtLeast, 1),
        (_, "under" | "below") => (Approx::AtMost, 1),
        _ => (Approx::Exact, 0),
    }
}

/// A number or fraction at word `i`, with approximation words before it
/// and filler like "the current" skipped. Returns (value, approx, first
/// word, word after).
fn amount_at(
    toks: &[&str],
    lower: &[Cow<'_, str>],
    i: usize,
) -> Option<(f64, Approx, usize, usize)> {
    let mut j = i;
    // "from the current 5,200", "to about 3,500".
    while j < toks.len()
        && j < i + 3
        && matches!(
            lower[j].as_ref(),
            "the"
                | "current"
                | "roughly"
                | "about"
                | "around"
                | "nearly"
                | "almost"
                | "approximately"
                | "some"
                | "just"
                | "an"
                | "estimated"
        )
    {
        j += 1;
    }
    let (v, used) = parse_number(lower, j).or_else(|| parse_fraction(lower, j))?;
    let (approx, _) = approx_before(lower, j);
    Some((v, approx, i, j + used))
}

/// Finds the quantities of sentence `s`. `times` are its time expressions
/// (their numbers are not quantities; "as of <time>" dates a level).
/// `lower` holds the sentence's words lowercased by `util::lower::lower`:
/// the caller has them for its own scans.
pub fn find_quantities(
    doc: &Analyzed<'_>,
    s: usize,
    times: &[TimeExpr],
    lower: &[Cow<'_, str>],
) -> Vec<QuantityExpr> {
    let Some(sent) = doc.sentences.get(s) else {
        return Vec::new();
    };
    let base = sent.tokens.start;
    let toks: Vec<&str> = sent.tokens.clone().map(|i| doc.token_text(i)).collect();
    let in_time: Vec<bool> = (0..toks.len())
        .map(|k| times.iter().any(|t| t.tokens.contains(&(base + k))))
        .collect();
    let as_of: Vec<Option<(usize, String)>> = (0..toks.len())
        .map(|k| {
            times.iter().find_map(|t| match &t.value {
                TimeRef::Value(v) if t.tokens.start == base + k => {
                    Some((t.tokens.end - base, v.start.clone()))
                }
                _ => None,
            })
        })
        .collect();
    scan(&toks, lower, &in_time, &as_of)
        .into_iter()
        .filter_map(|(r, mut q)| {
            let first = doc.tokens.get(base + r.start)?;
            let last = doc.tokens.get(base + r.end - 1)?;
            let span = Span::new(first.span.start, last.span.end);
            q.text = span.text(&doc.doc.text).to_string();
            Some(QuantityExpr {
                tokens: base + r.start..base + r.end,
                span,
                quantity: q,
            })
        })
        .collect()
}

/// The quantities in the words `toks` (word ranges, with `text` set to the
/// words joined). `lower[k]` is `toks[k]` lowercased by `util::lower::lower`.
/// `in_time[k]`: word k is part of a date. `as_of[k]`: a resolved time
/// expression starts at word k (its end and ISO start).
pub fn scan(
    toks: &[&str],
    lower: &[Cow<'_, str>],
    in_time: &[bool],
    as_of: &[Option<(usize, String)>],
) -> Vec<(Range<usize>, Quantity)> {
    let lower = lower.get(..toks.len()).unwrap_or(lower);
    let mut scan = Scanner {
        toks,
        lower,
        in_time,
        as_of,
        out: Vec::new(),
    };
    let mut i = 0;
    while i < toks.len() {
        i = if scan.timed(i) {
            i + 1
        } else {
            scan.change(i).or_else(|| scan.amount(i)).unwrap_or(i + 1)
        };
    }
    scan.out
}

/// The words of a sentence and what is known of them, with the quantities
/// found so far.
struct Scanner<'w> {
    toks: &'w [&'w str],
    lower: &'w [Cow<'w, str>],
    in_time: &'w [bool],
    as_of: &'w [Option<(usize, String)>],
    out: Vec<(Range<usize>, Quantity)>,
}

impl<'w> Scanner<'w> {
    /// Word `k` in lowercase; empty past the end.
    fn l(&self, k: usize) -> &'w str {
        self.lower.get(k).map_or("", |w| w.as_ref())
    }

    /// Whether word `k` is part of a date.
    fn timed(&self, k: usize) -> bool {
        self.in_time.get(k).copied().unwrap_or(false)
    }

    /// "from X [unit] to Y [unit]" at word `i`: the word after it.
    fn change(&mut self, i: usize) -> Option<usize> {
        let (toks, lower) = (self.toks, self.lower);
        if self.l(i) != "from" {
            return None;
        }
        let (from, _, _, after_from) = amount_at(toks, lower, i + 1)?;
        if self.timed(after_from - 1) {
            return None;
        }
        let unit1 = unit_after(toks, lower, after_from);
        let k = after_from + usize::from(unit1.is_some());
        if self.l(k) != "to" {
            return None;
        }
        let (to, approx, _, after_to) = amount_at(toks, lower, k + 1)?;
        if self.timed(after_to - 1) {
            return None;
        }
        let mut k = after_to;
        let unit2 = unit_after(toks, lower, k);
        if unit2.is_some() {
            k += 1;
        }
        let unit = unit2
            .or(unit1)
            .or_else(|| unit_before(toks, lower, i))
            .unwrap_or_default();
        let unit = percent_unit(&unit);
        self.out.push((
            i..k,
            Quantity {
                value: None,
                from: Some(from),
                to: Some(to),
                unit,
                approx,
                as_of: None,
                text: toks[i..k].join(" "),
            },
        ));
        Some(k)
    }

    /// A counted amount at word `i` ("about 1,700 soldiers", "60 percent",
    /// "nearly a third"), with its date when one follows ("as of late
    /// May"): the word to go on from. Years, ages, durations and bare
    /// numbers are passed over.
    fn amount(&mut self, i: usize) -> Option<usize> {
        let (toks, lower) = (self.toks, self.lower);
        let (v, used) = parse_number(lower, i).or_else(|| parse_fraction(lower, i))?;
        let fraction = parse_number(lower, i).is_none();
        // A bare four-digit year or a part of a name ("Route 66") is
        // not a quantity; neither is "one" alone.
        let is_year = toks[i].len() == 4 && (1800.0..2200.0).contains(&v) && !toks[i].contains(',');
        let (approx, n_before) = approx_before(lower, i);
        let start = i - n_before;
        let (mut unit, end) = self.unit_at(i, used, fraction);
        // "2016 campaign promises": a year unless a plural noun follows
        // at once ("2000 troops").
        let plural_next =
            self.l(i + used).ends_with('s') && unit.as_deref() == Some(self.l(i + used));
        if is_year && !plural_next {
            return Some(i + used);
        }
        // "bomb kills 35": a bare count after a verb of killing or
        // wounding counts people.
        if unit.is_none() && !fraction && start > 0 && is_harm_verb(self.l(start - 1)) {
            unit = Some("people".to_string());
        }
        // A count needs a unit ("1,700 troops"): a bare number is an
        // age, a score or a reference ("Lee, 41, said"). Number words
        // need a plural noun ("two sites", not "two main").
        let word_number = toks[i].chars().next().is_some_and(char::is_alphabetic);
        // Irregular plurals too: "nine people", "three men".
        let plural = unit.as_deref().is_some_and(|u| {
            u.ends_with('s')
                || matches!(
                    u,
                    "people" | "men" | "women" | "children" | "police" | "personnel" | "staff"
                )
        });
        let unit = match unit {
            Some(u) if !(word_number && !fraction && !plural) => u,
            _ => return Some(i + used),
        };
        if is_duration(&unit) && self.l(end) != "of" {
            // Durations and ages are not event numbers.
            return Some(end);
        }
        // "of troops" after a fraction or percent names what is counted
        // only for the reader; keep the unit.
        let mut q = Quantity {
            value: Some(v),
            from: None,
            to: None,
            unit,
            approx,
            as_of: None,
            text: toks[start..end].join(" "),
        };
        let mut k = end;
        if let Some((t_end, iso)) = self.dated_at(end) {
            q.as_of = Some(iso);
            k = t_end.max(k);
        }
        self.out.push((start..k.max(end), q));
        Some(k.max(end))
    }

    /// The unit of the number at word `i` (`used` words long) and the word
    /// after number and unit.
    fn unit_at(&self, i: usize, used: usize, fraction: bool) -> (Option<String>, usize) {
        let (toks, lower) = (self.toks, self.lower);
        let mut end = i + used;
        let unit = if fraction {
            Some("fraction".to_string())
        } else if toks[i].ends_with('%') || matches!(self.l(end), "percent" | "%") {
            end += usize::from(!toks[i].ends_with('%'));
            Some("percent".to_string())
        } else if self.l(end) == "per" && self.l(end + 1) == "cent" {
            end += 2;
            Some("percent".to_string())
        } else {
            unit_after(toks, lower, end).map(|u| {
                // Skip the capitalised adjectives we looked past.
                while end < toks.len() && lower[end] != u {
                    end += 1;
                }
                end += 1;
                u
            })
        };
        (unit, end)
    }

    /// "… as of late September" within four words from `end` (a short
    /// place phrase may come between: "troops in Iraq as of"): the end of
    /// the time expression and its ISO start.
    fn dated_at(&self, end: usize) -> Option<(usize, String)> {
        let l = |k: usize| self.l(k);
        let look = (end..(end + 4).min(self.toks.len()))
            .find(|&look| l(look) == "as" && l(look + 1) == "of")?;
        let t = look + 2;
        let t = if matches!(l(t), "late" | "early" | "mid") {
            t + 1
        } else {
            t
        };
        self.as_of.get(t).cloned().flatten().or_else(|| {
            // "late September": the time starts after "late".
            self.as_of.get(look + 2).cloned().flatten()
        })
    }
}

/// A verb of killing or wounding, after which a bare count counts people.
fn is_harm_verb(lower: &str) -> bool {
    matches!(
        lower,
        "kill" | "kills" | "killed" | "killing" | "wounded" | "wounding" | "injured" | "injuring"
    )
}

/// Units of durations and ages, which are not event numbers.
pub(crate) fn is_duration(unit: &str) -> bool {
    unit.ends_with("-year-old")
        || matches!(
            unit,
            "years" | "days" | "months" | "weeks" | "decades" | "hours" | "minutes" | "centuries"
        )
}

fn percent_unit(u: &str) -> String {
    if u == "%" || u == "per" {
        "percent".into()
    } else {
        u.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::util::lower::lower;

    /// `toks` lowercased, as the scans take them.
    fn lowered<'a>(toks: &[&'a str]) -> Vec<Cow<'a, str>> {
        toks.iter().map(|t| lower(t)).collect()
    }

    fn q(s: &str) -> Vec<Quantity> {
        let toks: Vec<&str> = crate::text::tokenize(s)
            .iter()
            .map(|t| t.span.text(s))
            .collect();
        let none = vec![false; toks.len()];
        let as_of = vec![None; toks.len()];
        scan(&toks, &lowered(&toks), &none, &as_of)
            .into_iter()
            .map(|x| x.1)
            .collect()
    }

    #[test]
    fn change_from_to_with_unit_and_approximation() {
        let got = q("The navy will cut its fleet from 320 to about 250 ships.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!((got[0].from, got[0].to), (Some(320.0), Some(250.0)));
        assert_eq!(got[0].unit, "ships");
        assert_eq!(got[0].approx, Approx::About);
        // The unit before "from" when none follows.
        let got = q("It lowers the number of inspectors from the current 1,200 to 900.");
        assert_eq!(got[0].unit, "inspectors");
        assert_eq!((got[0].from, got[0].to), (Some(1200.0), Some(900.0)));
    }

    #[test]
    fn number_words_count_irregular_plurals() {
        let got = q("The blast killed at least nine people and three children.");
        let counts: Vec<_> = got.iter().map(|x| (x.value, x.unit.as_str())).collect();
        assert_eq!(counts, [(Some(9.0), "people"), (Some(3.0), "children")]);
        // Still not a word number before a singular or an adjective.
        assert!(
            q("Two main roads were shut.")
                .iter()
                .all(|x| x.unit != "main")
        );
    }

    #[test]
    fn several_numbers_in_one_sentence() {
        let got =
            q("More than 40 people died, about 1,500 workers fled and 30 percent of homes burned.");
        let summary: Vec<_> = got
            .iter()
            .map(|x| (x.value, x.unit.as_str(), x.approx))
            .collect();
        assert_eq!(
            summary,
            [
                (Some(40.0), "people", Approx::AtLeast),
                (Some(1500.0), "workers", Approx::About),
                (Some(30.0), "percent", Approx::Exact)
            ]
        );
    }

    #[test]
    fn fractions_scales_and_non_quantities() {
        let got = q("The firm will shed nearly a third of its staff, 2.5 million jobs.");
        assert_eq!(got[0].value, Some(1.0 / 3.0));
        assert_eq!(got[0].unit, "fraction");
        assert_eq!(got[0].approx, Approx::About);
        assert_eq!(got[1].value, Some(2_500_000.0));
        assert_eq!(got[1].unit, "jobs");
        // Years, durations, lone number words: none of them.
        assert!(q("In 2019 the 45-year-old spent two years abroad with one friend.").is_empty());
        assert!(q("Ann Lee, 41, and Bo Chen, 19 -- both won 3 -- said the two main.").is_empty());
        let got = q("A blast kills 12 in Lima.");
        assert_eq!((got[0].value, got[0].unit.as_str()), (Some(12.0), "people"));
        // A stretch of time is no share.
        assert!(q("Sales fell in the first half of 2022 and the second quarter.").is_empty());
        assert_eq!(q("They sold half of the shares.").len(), 1);
    }

    #[test]
    fn dated_level() {
        let s = "There were 7,310 nurses in the region as of late May .";
        let toks: Vec<&str> = s.split(' ').collect();
        let mut in_time = vec![false; toks.len()];
        in_time[9] = true;
        let mut as_of = vec![None; toks.len()];
        as_of[9] = Some((10, "2021-05".to_string()));
        let got = scan(&toks, &lowered(&toks), &in_time, &as_of);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1.value, Some(7310.0));
        assert_eq!(got[0].1.as_of.as_deref(), Some("2021-05"));
        assert_eq!(got[0].0, 2..10);
    }
}
