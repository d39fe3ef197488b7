//! Tests of the date scanner, the calendar and the document date.

use super::*;
use crate::model::Document;
use crate::util::lower::lower;
use std::borrow::Cow;

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
    scan(&toks, &lowered(&toks), Some(ymd(anchor)))
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

/// `toks` lowercased, as the scans take them.
fn lowered<'a>(toks: &[&'a str]) -> Vec<Cow<'a, str>> {
    toks.iter().map(|t| lower(t)).collect()
}

proptest::proptest! {
    #[test]
    fn calendar_arithmetic_round_trips(
        y in 1..=9999i32, m in 1..=12u32, d in 1..=28u32, n in -400_000..400_000i64
    ) {
        let Some(date) = Ymd::new(y, m, d) else {
            return Err(proptest::test_runner::TestCaseError::fail("a real date"));
        };
        proptest::prop_assert_eq!(date.add_days(n).add_days(-n), date);
        proptest::prop_assert_eq!(
            i64::from(date.add_days(n).weekday()),
            (i64::from(date.weekday()) + n).rem_euclid(7)
        );
        proptest::prop_assert_eq!(date.add_months(n % 24_000).add_months(-(n % 24_000)), date);
    }
}

#[test]
fn calendar_arithmetic_at_known_dates() {
    assert_eq!(ymd("1970-01-01").add_days(18_000), ymd("2019-04-14"));
    assert_eq!(ymd("0001-01-01").weekday(), 0, "a Monday");
    assert_eq!(
        ymd("9999-12-31").add_months(12).iso(Precision::Day),
        "10000-12-31"
    );
    assert_eq!(
        ymd("0001-03-01").add_months(-12).iso(Precision::Day),
        "0000-03-01"
    );
    assert_eq!(ymd("2020-02-29").month_end(), ymd("2020-02-29"));
    assert_eq!(ymd("2100-02-01").month_end().d, 28);
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
    // "may" is no month; a year qualifying a noun is its time.
    assert_eq!(
        starts("He may return. Their 1999 plan.", "2022-01-01"),
        ["1999"]
    );
}

#[test]
fn weekends_early_and_late_in_the_week() {
    // 2016-09-07 is a Wednesday: "this weekend" is the one just past.
    let w = |text: &str, anchor: &str| {
        times(text, anchor)
            .into_iter()
            .map(|(_, s, e)| (s, e))
            .collect::<Vec<_>>()
    };
    let sat_sun = |a: &str, b: &str| vec![(a.to_string(), Some(b.to_string()))];
    assert_eq!(
        w("The fair took place this weekend.", "2016-09-07"),
        sat_sun("2016-09-03", "2016-09-04")
    );
    assert_eq!(
        w("Crowds gathered over the weekend.", "2016-09-05"),
        sat_sun("2016-09-03", "2016-09-04")
    );
    // On a Friday, "this weekend" is the one ahead; "last weekend" is
    // always the one before.
    assert_eq!(
        w("The fair opens this weekend.", "2016-09-09"),
        sat_sun("2016-09-10", "2016-09-11")
    );
    assert_eq!(
        w("Gunmen struck last weekend.", "2016-09-09"),
        sat_sun("2016-09-03", "2016-09-04")
    );
    assert_eq!(
        w("Talks resume next weekend.", "2016-09-06"),
        sat_sun("2016-09-10", "2016-09-11")
    );
    // "the weekend" alone is no date.
    assert!(w("The weekend was calm.", "2016-09-06").is_empty());
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
    let got: Vec<_> = scan(&toks, &lowered(&toks), None)
        .into_iter()
        .map(|x| x.1)
        .collect();
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
    // Web pages stamp their updates with a clock time and zone first.
    for line in [
        "Updated 9:40 AM GMT, Thu March 4, 2021",
        "Published 11:02 p.m. ET March 4, 2021",
        "2021-03-04",
        "2021-03-04T08:15:00+01:00",
        "Last updated on 4 March 2021",
        "By Ann Lee | March 4, 2021",
        "Posted on March 4, 2021 by Staff",
        "Mar. 4, 2021 / 9:40 AM",
        "Published On 4 Mar 2021",
        // The day after a clock is no time zone.
        "Published: 8:58pm, 4 Mar, 2021",
        "Last Modified: March 4, 2021",
        "PUBLISHED: 09:12, 4 March 2021",
        "4th March 2021",
        "March 4th, 2021",
    ] {
        let text = format!("{line}\n\nFloods close schools\n\nRain fell on Monday.");
        let doc = Document::new("t", text);
        let got = document_date(&crate::text::analyze(&doc));
        assert_eq!(got.as_deref(), Some("2021-03-04"), "{line}");
    }
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

#[test]
fn a_dateline_without_year_takes_the_year_its_weekdays_fit() {
    // 4 March was a Thursday in 2021, a Wednesday in 2020, a Friday in 2022.
    let lead = "OSLO, March 4 (Reuters) - Statoil said on Thursday it would sell its stake";
    let text =
        format!("Statoil sells stake\n\n{lead}, its third sale since 2020.\nSales in 2021 rose.");
    let doc = Document::new("t", text);
    let got = document_date(&crate::text::analyze(&doc));
    assert_eq!(got.as_deref(), Some("2021-03-04"));
    // No weekday named: the year is not guessed.
    let text = "Statoil sells stake\n\nOSLO, March 4 (Reuters) - Statoil sold its stake, its third sale since 2020.";
    let doc = Document::new("t", text.into());
    assert_eq!(document_date(&crate::text::analyze(&doc)), None);
    // Only background years, one of which fits a weekday named later in
    // the story (4 March 2015 was a Wednesday, 2016 a Friday): no year
    // either.
    let text = "Talks fail\n\nOSLO, March 4 (Reuters) - Talks collapsed on Tuesday, officials said.\nThe war began in 2015. A truce signed on a Wednesday in 2016 held for weeks.";
    let doc = Document::new("t", text.into());
    let got = document_date(&crate::text::analyze(&doc));
    assert!(
        got.as_deref().is_none_or(|d| d.starts_with("--")),
        "{got:?}"
    );
}

#[test]
fn an_unmarked_day_of_the_month_is_the_nearer_one() {
    // Days ahead of the report: the coming day, not almost a year back.
    assert_eq!(
        starts("The board meets on March 23.", "2022-03-15"),
        ["2022-03-23"]
    );
    assert_eq!(
        starts("The board meets on 2 April.", "2022-03-15"),
        ["2022-04-02"]
    );
    // Days behind it, or far ahead of it: the past one.
    assert_eq!(
        starts("The board met on March 10.", "2022-03-15"),
        ["2022-03-10"]
    );
    assert_eq!(
        starts("Talks began on December 20.", "2022-03-15"),
        ["2021-12-20"]
    );
    // A past verb right before points back even to a near day.
    assert_eq!(
        starts("Ruiz said March 23 that talks failed.", "2022-03-15"),
        ["2021-03-23"]
    );
    // A month alone still counts back.
    assert_eq!(starts("Prices rose in April.", "2022-03-15"), ["2021-04"]);
}

#[test]
fn the_year_of_a_dateline_from_what_points_at_the_report() {
    let date = |text: &str| {
        let doc = Document::new("t", text.to_string());
        document_date(&crate::text::analyze(&doc))
    };
    // A caption dated on the dateline's day.
    let text = "Quake hits north\n\nMEDAN, Oct 4 (Reuters) - A quake struck on Wednesday, officials said.\nFILE PHOTO: Rescuers search rubble in Medan, Indonesia, October 4, 2023. REUTERS/Ana Ruiz";
    assert_eq!(date(text).as_deref(), Some("2023-10-04"));
    // A month "since" which something ran is no reference; the year named
    // in the story whose Feb 7 is the lead's Wednesday is (2024).
    let text = "Shares slip\n\nFeb 7 (Reuters) - European shares fell on Wednesday, off their highest close since January 2022.\nProfits in 2024 are seen flat.";
    assert_eq!(date(text).as_deref(), Some("2024-02-07"));
    // A month-year of a plan, in a year where the dateline's day is not
    // the lead's weekday: the year beside it that fits (26 November 2024
    // was a Tuesday).
    let text = "Vote passes\n\nPRAGUE, Nov 26 (Reuters) - The lower house on Tuesday passed the bill.\nA general election is due in October 2025.";
    assert_eq!(date(text).as_deref(), Some("2024-11-26"));
}

#[test]
fn a_month_or_year_written_with_its_part_in_one_word() {
    // 2021-06-15 is a Tuesday.
    assert_eq!(
        starts("They met in mid-October.", "2021-06-15"),
        ["2020-10"]
    );
    assert_eq!(
        starts("It opens in late-March 2022.", "2021-06-15"),
        ["2022-03"]
    );
    assert_eq!(starts("Sales fell in early-2019.", "2021-06-15"), ["2019"]);
    assert_eq!(
        starts("A mid-sized firm grew.", "2021-06-15"),
        Vec::<String>::new()
    );
}

#[test]
fn an_offset_counts_from_the_day_of_the_clause_it_opens() {
    // 2021-06-15 is a Tuesday.
    assert_eq!(
        starts(
            "The raid came a day after rebels shelled the town on Sunday.",
            "2021-06-15"
        ),
        ["2021-06-14", "2021-06-13"]
    );
    assert_eq!(
        starts(
            "Talks began two days before the rebels left the town on Sunday.",
            "2021-06-15"
        ),
        ["2021-06-11", "2021-06-13"]
    );
    // Set off by a comma after a day, it counts back from that day.
    assert_eq!(
        starts(
            "Workers walked out on Tuesday, a day after the firm cut pay.",
            "2021-06-15"
        ),
        ["2021-06-15", "2021-06-14"]
    );
    // A report's day is not the clause's.
    assert_eq!(
        starts(
            "It came a week after rebels left, officials said on Monday.",
            "2021-06-15"
        ),
        ["?", "2021-06-14"]
    );
}

#[test]
fn a_date_line_in_digits_is_read_when_day_and_month_can_be_told_apart() {
    let date = |text: &str| {
        let doc = Document::new("t", text.to_string());
        document_date(&crate::text::analyze(&doc))
    };
    // A part over 12 is the day.
    assert_eq!(
        date("Floods close schools\n12/25/2020\nRain fell.").as_deref(),
        Some("2020-12-25")
    );
    // "on August 9" in a caption settles 09/08.
    assert_eq!(
        date("Pupils freed\nIssued on: 09/08/2019 - 15:47\nPupils arrive in Gusau on August 9.\nThe pupils were freed, police said.")
            .as_deref(),
        Some("2019-08-09")
    );
    // A weekday of the lead: 2019-08-09 is a Friday, 2019-09-08 a Sunday.
    assert_eq!(
        date("Pupils freed\n09/08/2019\nThe pupils were freed, police said on Friday.").as_deref(),
        Some("2019-08-09")
    );
    // Nothing tells: no date.
    assert_eq!(
        date("Pupils freed\n09/08/2019\nThe pupils were freed."),
        None
    );
}
