//! Extraction over a resolved document: typed relations, events, dates and
//! quantities.

pub mod dates;
pub mod events;
pub mod quantities;
pub mod relations;

use std::borrow::Cow;

/// `word` in lowercase, exactly as [`str::to_lowercase`] gives it, but
/// borrowed when it is lowercase ASCII already: most words of running text
/// are, and the scans lowercase every word of every sentence.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn lower_is_to_lowercase(w in "\\PC{0,12}|[a-zA-Z0-9.,'-]{0,12}") {
            let got = super::lower(&w);
            proptest::prop_assert_eq!(got.as_ref(), w.to_lowercase());
        }
    }

    #[test]
    fn lower_borrows_only_what_is_lowercase_already() {
        use std::borrow::Cow;
        assert!(matches!(super::lower("troops"), Cow::Borrowed("troops")));
        assert!(matches!(super::lower("U.S."), Cow::Owned(w) if w == "u.s."));
        assert!(matches!(super::lower("ÉTÉ"), Cow::Owned(w) if w == "été"));
    }
}
