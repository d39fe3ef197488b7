//! When an event happened: the time expression nearest its trigger within
//! its stretch of the sentence, one opening the sentence, "later" counted
//! from the previous event, "that year", or the report's own date for
//! what is announced or planned.

use super::candidates::Candidate;
use crate::extract::dates::{Precision, TimeExpr, TimeRef, Unit, Ymd};
use crate::extract::quantities::QuantityExpr;
use crate::model::{Analyzed, LocalEvent, TimeValue};
use crate::util::lower::lower;
use std::borrow::Cow;

/// Words before a trigger that put it in the future or present, so that
/// without a time word it is dated by the report itself.
const REPORT_TENSE: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "plans",
    "plan",
    "planning",
    "intends",
    "expected",
    "expects",
    "decided",
    "wants",
    "seeks",
    "announces",
    "says",
];

/// Resolves a "later" offset against the previous dated event.
fn shift_time(prev: &TimeValue, amount: i64, unit: Unit, text: &str) -> Option<TimeValue> {
    let (d, p) = Ymd::parse_iso(&prev.start)?;
    let (nd, np) = unit.shift(d, amount);
    Some(TimeValue {
        start: nd.iso(np.min(p)),
        end: None,
        text: text.to_string(),
    })
}

/// The times of a sentence that can date its events: not those that date
/// a quantity ("as of late May" dates that level, not the event).
pub(super) fn event_times<'t>(times: &'t [TimeExpr], quants: &[QuantityExpr]) -> Vec<&'t TimeExpr> {
    times
        .iter()
        .filter(|t| {
            !quants
                .iter()
                .any(|q| q.tokens.start <= t.tokens.start && t.tokens.end <= q.tokens.end)
        })
        .collect()
}

/// A sentence's time expressions and what dating its events needs.
pub(super) struct TimeScope<'x, 'a> {
    pub doc: &'x Analyzed<'a>,
    /// First token of the sentence.
    pub base: usize,
    /// The sentence is the headline (written in the report's present).
    pub headline: bool,
    pub words: &'x [Cow<'a, str>],
    pub times: &'x [TimeExpr],
    /// [`event_times`] of `times`.
    pub event_times: &'x [&'x TimeExpr],
    /// The document's date, ISO.
    pub anchor_iso: Option<&'x str>,
}

/// An event's time as read.
pub(super) struct Dated {
    pub time: Option<TimeValue>,
    /// Time words that could not be resolved.
    pub time_text: Option<String>,
    /// Read from time words of its own (what "later" counts from next).
    pub own_words: bool,
}

impl TimeScope<'_, '_> {
    /// The time of candidate `c`, whose stretch of the sentence is
    /// `lo..hi`; `last_time` is the previous event's, `cause` the strike
    /// or attack a killing is the outcome of.
    pub(super) fn date(
        &self,
        c: &Candidate,
        lo: usize,
        hi: usize,
        last_time: Option<&TimeValue>,
        cause: Option<&LocalEvent>,
    ) -> Dated {
        let chosen = self
            .nearest(c, lo, hi)
            .or_else(|| self.before_when(lo))
            .or_else(|| self.after_when(hi))
            .map(|t| self.restated(t));
        let report = self.is_report(c);
        let publication = || {
            self.anchor_iso.filter(|_| report).map(|a| TimeValue {
                start: a.to_string(),
                end: None,
                text: "publication date".into(),
            })
        };
        let mut time = None;
        let mut time_text = None;
        // "that year": the year last named in this sentence, else
        // the previous event's.
        let that_year = chosen
            .and_then(|ch| {
                self.times
                    .iter()
                    .filter(|t| t.tokens.end <= ch.tokens.start)
                    .filter_map(|t| match &t.value {
                        TimeRef::Value(v) => Some(v.clone()),
                        _ => None,
                    })
                    .next_back()
            })
            .or_else(|| last_time.cloned());
        match chosen.map(|t| (&t.value, t.text.clone())) {
            Some((TimeRef::Value(v), _)) => time = Some(v.clone()),
            Some((TimeRef::Later { amount, unit }, text)) => {
                match last_time.and_then(|p| shift_time(p, *amount, *unit, &text)) {
                    Some(v) => time = Some(v),
                    None => time_text = Some(text),
                }
            }
            Some((TimeRef::MonthOfThatYear { month }, text)) => {
                let year = that_year
                    .as_ref()
                    .and_then(|p| Ymd::parse_iso(&p.start))
                    .map(|(d, _)| d.y);
                match year.and_then(|y| Ymd::new(y, *month, 1)) {
                    Some(d) => {
                        time = Some(TimeValue {
                            start: d.iso(Precision::Month),
                            end: None,
                            text,
                        })
                    }
                    None => time_text = Some(text),
                }
            }
            Some((TimeRef::Unresolved, text)) => {
                // "within weeks" in a report: dated by the report,
                // the vague words kept.
                time = publication();
                time_text = Some(text);
            }
            None => match cause {
                Some(p) if p.time.is_some() => {
                    time = p.time.clone();
                    time_text = p.time_text.clone();
                }
                // "X will withdraw …, officials said on Monday": a plan
                // dates from its announcement.
                _ => time = self.said_on(hi).filter(|_| report).or_else(publication),
            },
        }
        Dated {
            time,
            time_text,
            own_words: chosen.is_some(),
        }
    }

    /// Time: the nearest expression within the stretch, else one opening
    /// the sentence ("In May, ...") which dates every event in it; one
    /// later on belongs to its clause.
    fn nearest(&self, c: &Candidate, lo: usize, hi: usize) -> Option<&TimeExpr> {
        let doc = self.doc;
        let base = self.base;
        let dist = |t: &&&TimeExpr| {
            if t.tokens.start > c.tok {
                t.tokens.start - c.tok
            } else {
                c.tok - t.tokens.end.min(c.tok)
            }
        };
        // After the trigger, a time belongs to it only when close
        // and not behind a comma ("the X killing, Iran on Jan. 8
        // launched …" dates the launch).
        // "this resolution, passed in January": a participle after
        // the comma still describes the event.
        // "met X in Y, Thursday, Aug. 20, 2020": a time right after the
        // comma is the clause's own.
        // "…, on Sunday": a preposition may come between.
        let comma_before = |t: &TimeExpr| -> Option<usize> {
            let j = t.tokens.start.checked_sub(1)?;
            if doc.token_text(j) == "," {
                return Some(j);
            }
            let prep = matches!(
                lower(doc.token_text(j)).as_ref(),
                "on" | "in" | "at" | "late" | "early" | "last" | "this"
            );
            (prep && j > 0 && doc.token_text(j - 1) == ",").then(|| j - 1)
        };
        let comma_between = |t: &&&TimeExpr| {
            let own = comma_before(t);
            // "by land, air and sea on Thursday": a comma of a list of
            // single words ends no clause.
            let in_list = |j: usize| {
                matches!(doc.token_text(j + 2), "and" | "or" | ",")
                    && doc.token_text(j + 1).chars().all(char::is_lowercase)
            };
            (c.tok..t.tokens.start).any(|j| {
                doc.token_text(j) == ","
                    && Some(j) != own
                    && !in_list(j)
                    && !lower(doc.token_text(j + 1)).ends_with("ed")
                    && !in_apposition(doc, j, t.tokens.start)
            })
        };
        let in_stretch = self
            .event_times
            .iter()
            .filter(|t| t.tokens.start >= lo && t.tokens.start < hi && !self.since(t))
            .filter(|t| !self.qualifies_another(t, c))
            .filter(|t| {
                if t.tokens.end <= c.tok {
                    if self.opens_phrase_of(t, c) || self.dates_a_closed_phrase(t, c) {
                        return false;
                    }
                    // "The attack on Monday was the worst since rebels
                    // killed …": a "since" between ends the time's reach
                    // (what follows it is earlier), unless the time opens
                    // the sentence. After "after" ("in January after a
                    // strike") the period is mostly the event's too.
                    let opener =
                        (t.tokens.end..c.tok).any(|j| lower(doc.token_text(j)).as_ref() == "since");
                    let opening = t.tokens.start <= base + 1 || doc.token_text(t.tokens.end) == ",";
                    if opener && !opening {
                        return false;
                    }
                    // "… in 2003, had withdrawn": a comma between
                    // ends the time's reach, except when it opens
                    // the sentence ("In May, troops left").
                    // "attacked the town on Monday, killing 12": a
                    // participle right after the comma shares its clause's
                    // time.
                    let commas = (t.tokens.end..c.tok)
                        .filter(|&j| doc.token_text(j) == ",")
                        .count();
                    let participle = c.tok > 0
                        && doc.token_text(c.tok - 1) == ","
                        && lower(doc.token_text(c.tok)).ends_with("ing");
                    t.tokens.start <= base + 3 || commas == 0 || (commas == 1 && participle)
                } else {
                    // A time set off by a comma at the clause's end
                    // ("…, Thursday, Aug. 20, 2020") may stand further.
                    let after_comma = comma_before(t).is_some();
                    // "killed 12 in an attack on a base near Gao on Sunday":
                    // the attack's phrase is the killing's.
                    let via_attack = c.kind == crate::model::EventKind::Killing
                        && (c.tok..t.tokens.start)
                            .any(|j| super::candidates::opens_attack_phrase(self.words, j - base));
                    let reach = if after_comma || via_attack { 24 } else { 12 };
                    t.tokens.start - c.tok <= reach && !comma_between(t)
                }
            })
            .min_by_key(dist);
        in_stretch
            .or_else(|| {
                self.event_times
                    .iter()
                    .filter(|t| {
                        t.tokens.end <= c.tok
                            && t.tokens.start <= base + 3
                            && !self.since(t)
                            && !self.opens_phrase_of(t, c)
                            && !self.dates_a_closed_phrase(t, c)
                    })
                    .min_by_key(dist)
            })
            .copied()
    }

    /// "came a day after troops struck Kyiv", "two days after the attack":
    /// time `t` is an offset that opens the phrase of the event of `c`
    /// and counts from it; it dates the event it follows, not this one.
    /// Set off by a comma after a date and resolved, it is the day of the
    /// phrase it opens (see `dates::scan`).
    fn opens_phrase_of(&self, t: &TimeExpr, c: &Candidate) -> bool {
        let own_day = matches!(t.value, TimeRef::Value(_))
            && t.tokens.start > 0
            && self.doc.token_text(t.tokens.start - 1) == ",";
        !own_day
            && self.ends_in_offset(t)
            && (t.tokens.end..c.tok).all(|j| self.doc.token_text(j) != ",")
    }

    /// "On Saturday, a day before the march, Lam announced": an offset's
    /// day is that of the phrase it opens ("the march"), closed by the
    /// comma before the trigger; the clause's own day is the one before.
    fn dates_a_closed_phrase(&self, t: &TimeExpr, c: &Candidate) -> bool {
        self.ends_in_offset(t) && (t.tokens.end..c.tok).any(|j| self.doc.token_text(j) == ",")
    }

    /// "a day after", "two days before": time `t` counts from the phrase
    /// that follows it.
    fn ends_in_offset(&self, t: &TimeExpr) -> bool {
        t.tokens
            .end
            .checked_sub(1 + self.base)
            .and_then(|k| self.words.get(k))
            .is_some_and(|w| matches!(w.as_ref(), "after" | "before"))
    }

    /// "X was lost on February 1, 2003 when it broke apart, killing all
    /// seven": an event of a "when" clause happens at the time of the
    /// clause it hangs on, the nearest time before "when".
    fn before_when(&self, lo: usize) -> Option<&TimeExpr> {
        let when = lo.checked_sub(1)?;
        let word = |t: usize| t.checked_sub(self.base).and_then(|k| self.words.get(k));
        if word(when).is_none_or(|w| w != "when") {
            return None;
        }
        self.event_times
            .iter()
            .filter(|t| {
                t.tokens.end <= when && t.tokens.start >= self.base && when - t.tokens.end <= 6
            })
            .max_by_key(|t| t.tokens.end)
            .copied()
    }

    /// "before the 2014 protests": a year between an article and a noun
    /// qualifies that noun; it dates an event only when the noun is the
    /// trigger ("a 2019 peace deal"), not one further off.
    fn qualifies_another(&self, t: &TimeExpr, c: &Candidate) -> bool {
        let doc = self.doc;
        let one_year =
            t.tokens.len() == 1 && matches!(&t.value, TimeRef::Value(v) if v.start.len() == 4);
        let article_before = t.tokens.start > self.base
            && crate::extract::dates::YEAR_QUALIFIER_BEFORE
                .contains(&lower(doc.token_text(t.tokens.start - 1)).as_ref());
        let noun_after = doc
            .token_text(t.tokens.end)
            .chars()
            .next()
            .is_some_and(char::is_lowercase);
        one_year
            && article_before
            && noun_after
            && !(c.tok >= t.tokens.end && c.tok - t.tokens.end <= 2)
    }

    /// "30 people were killed when gunmen attacked a church on Sunday":
    /// an event whose stretch ends at "when" happens at the time of the
    /// "when" clause, the first time in it (not one of a report: "…, police
    /// said on Monday").
    fn after_when(&self, hi: usize) -> Option<&TimeExpr> {
        /// Words from "when" to the clause's time.
        const REACH: usize = 20;
        let word = |t: usize| t.checked_sub(self.base).and_then(|k| self.words.get(k));
        if word(hi).is_none_or(|w| w != "when") {
            return None;
        }
        self.event_times
            .iter()
            .filter(|t| t.tokens.start > hi && t.tokens.start - hi <= REACH && !self.since(t))
            .filter(|t| {
                !(t.tokens.start.saturating_sub(2)..t.tokens.start).any(|j| {
                    word(j).is_some_and(|w| matches!(w.as_ref(), "said" | "says" | "told"))
                })
            })
            .min_by_key(|t| t.tokens.start)
            .copied()
    }

    /// True for a time after "since" ("killed since 2023", "since the
    /// start of the year"): where a tally starts, not when its event
    /// happened.
    fn since(&self, t: &TimeExpr) -> bool {
        let doc = self.doc;
        if lower(&t.text).starts_with("since ") {
            return true;
        }
        let mut j = t.tokens.start;
        while j > self.base && t.tokens.start - j < 5 {
            j -= 1;
            let w = lower(doc.token_text(j));
            match w.as_ref() {
                "since" => return true,
                "the" | "start" | "beginning" | "end" | "of" | "early" | "late" | "mid" => {}
                // "since it started in 2011", "since the war began in
                // 2011": the start of the tally too.
                "in" | "on" => return self.since_clause(j),
                _ => return false,
            }
        }
        false
    }

    /// True when a short clause opened by "since" ends at token `j`
    /// ("since it started" before "in 2011").
    fn since_clause(&self, j: usize) -> bool {
        /// Most words from "since" to the clause's verb.
        const REACH: usize = 5;
        let doc = self.doc;
        let verb = lower(doc.token_text(j.saturating_sub(1)));
        if !matches!(
            verb.as_ref(),
            "started" | "began" | "erupted" | "broke" | "begun" | "out"
        ) {
            return false;
        }
        (j.saturating_sub(REACH).max(self.base)..j).any(|k| lower(doc.token_text(k)) == "since")
    }

    /// "a week later, on March 23", "on March 23, a week later": of two
    /// times side by side with a comma between, the second restating the
    /// first, the one that names a date.
    fn restated<'t>(&'t self, t: &'t TimeExpr) -> &'t TimeExpr {
        if matches!(t.value, TimeRef::Value(_)) {
            return t;
        }
        let doc = self.doc;
        // Only a comma, and the second time's preposition, between them.
        let apposed = |a: &TimeExpr, b: &TimeExpr| {
            let gap = a.tokens.end..b.tokens.start;
            let words: Vec<&str> = gap.map(|j| doc.token_text(j)).collect();
            matches!(words.as_slice(), [","] | [",", "on" | "in" | "at" | "by"])
        };
        self.event_times
            .iter()
            .find(|o| matches!(o.value, TimeRef::Value(_)) && (apposed(t, o) || apposed(o, t)))
            .copied()
            .unwrap_or(t)
    }

    /// The time of the reporting clause from token `hi` on ("…, officials
    /// said on Monday"), when it has one.
    fn said_on(&self, hi: usize) -> Option<TimeValue> {
        self.event_times
            .iter()
            .filter(|t| t.tokens.start >= hi)
            .find(|t| {
                (1..=2).any(|n| {
                    t.tokens
                        .start
                        .checked_sub(n + self.base)
                        .and_then(|j| self.words.get(j))
                        .is_some_and(|w| {
                            matches!(w.as_ref(), "said" | "says" | "told" | "announced")
                        })
                })
            })
            .and_then(|t| match &t.value {
                TimeRef::Value(v) => Some(v.clone()),
                _ => None,
            })
    }

    /// Said in the report's present or future: in the headline, or after
    /// "will", "plans", "says" and the like.
    fn is_report(&self, c: &Candidate) -> bool {
        // A named event ("the Paralympic Games") has dates of its own,
        // never the day a report mentions it.
        if c.kind == crate::model::EventKind::Named {
            return false;
        }
        let k = c.tok - self.base;
        self.headline
            || (1..=6).any(|n| {
                k.checked_sub(n)
                    .and_then(|j| self.words.get(j))
                    .is_some_and(|w| REPORT_TENSE.contains(&w.as_ref()))
            })
    }
}

/// Words that may follow a place's name in its apposition ("Owo, Ondo
/// state,").
const REGION_NOUNS: &[&str] = &[
    "state",
    "province",
    "region",
    "district",
    "county",
    "governorate",
    "prefecture",
];

/// True when the comma at `j` (before token `end`) opens or closes an
/// apposition of a few capitalised words ("in Owo, Ondo state, on
/// Sunday"): no clause break.
fn in_apposition(doc: &Analyzed<'_>, j: usize, end: usize) -> bool {
    /// Most words an apposition of a place has.
    const LONGEST: usize = 4;
    let words_fit = |a: usize, b: usize| {
        b > a
            && b - a <= LONGEST
            && (a..b).all(|x| {
                let w = doc.token_text(x);
                w.starts_with(char::is_uppercase) || REGION_NOUNS.contains(&lower(w).as_ref())
            })
            && doc.token_text(a).starts_with(char::is_uppercase)
    };
    let next_comma = |i: usize| (i + 1..end).find(|&x| doc.token_text(x) == ",");
    let opens = next_comma(j).is_some_and(|k| words_fit(j + 1, k));
    let closes = (j.saturating_sub(LONGEST + 1)..j)
        .filter(|&i| doc.token_text(i) == ",")
        .any(|i| next_comma(i) == Some(j) && words_fit(i + 1, j));
    opens || closes
}
