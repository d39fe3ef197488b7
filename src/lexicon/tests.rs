//! Tests of the word lists and their look-ups.

use super::*;

#[test]
fn countries_and_demonyms() {
    assert_eq!(country("U.S."), Some("United States"));
    assert_eq!(country("france"), Some("France"));
    assert_eq!(demonym_country("Norwegian"), Some("Norway"));
    assert_eq!(demonym_country("Table"), None);
}

#[test]
fn title_helpers() {
    assert_eq!(expand_title("Gen."), "general");
    assert_eq!(expand_title("Minister"), "minister");
    assert!(is_acronym("NATO") && is_acronym("U.N.") && !is_acronym("Nato"));
    assert!(!is_acronym("A"));
    assert_eq!(modifier_country("Chile-backed"), Some("Chile"));
    assert_eq!(modifier_country("Peruvian-led"), Some("Peru"));
    assert_eq!(modifier_country("Chile-based-x"), None);
    assert_eq!(modifier_country("pro-Chilean"), Some("Chile"));
    assert_eq!(modifier_country("anti-Peru"), Some("Peru"));
    assert!(is_adjective("Sunni") && !is_adjective("Sunday"));
}

/// The first [`month_number`]: lowercase, then compare.
fn month_number_by_lowercase(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() >= 3 && m.starts_with(&w) && (w.len() == 3 || w == "sept"))
        })
        .map(|i| i as u32 + 1)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    #[test]
    fn month_number_matches_the_lowercasing_version(
        w in "(?i)(jan|febr?|mar(ch)?|apr|may|june?|july?|aug|sept?|oct|nov|dec)[a-zİ\u{212A}]{0,6}\\.?|[A-Za-zİı\u{212A}]{0,10}"
    ) {
        proptest::prop_assert_eq!(month_number(&w), month_number_by_lowercase(&w));
    }
}

#[test]
fn months_and_titles() {
    assert_eq!(month_number("Sept."), Some(9));
    assert_eq!(month_number("Jan"), Some(1));
    assert_eq!(month_number("March"), Some(3));
    assert_eq!(month_number("Ma"), None);
    assert!(is_title("Sgt."));
    assert!(is_title("Lieutenant-Colonel") && is_title("Vice-President"));
    assert!(!is_title("Jean-Pierre"));
    assert!(!is_title("Table"));
}
