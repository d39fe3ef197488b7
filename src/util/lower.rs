//! Lowercasing words, the one way the crate does it: exactly as
//! [`str::to_lowercase`] writes them, without allocating where the word is
//! lowercase already or short ASCII. The word lists are consulted for
//! nearly every token by several stages, and the scans lowercase every word
//! of every sentence.
//!
//! Two forms of the same lowercasing: [`lower`] for words that are kept
//! (a sentence's words, looked at many times), [`with_lower`] for a single
//! look-up.

use std::borrow::Cow;

/// `word` in lowercase, exactly as [`str::to_lowercase`] gives it, but
/// borrowed when it is lowercase ASCII already: most words of running text
/// are.
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

/// Runs `f` on `word` in lowercase, as [`lower`] (and so
/// [`str::to_lowercase`]) writes it, without allocating for short ASCII
/// words: a new `String` per look-up was a large share of the word lists'
/// time.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if !word.is_ascii() {
        return f(&word.to_lowercase());
    }
    let b = word.as_bytes();
    // Most words of running text are in lowercase already.
    if !b.iter().any(u8::is_ascii_uppercase) {
        return f(word);
    }
    let mut buf = [0u8; 32];
    if let Some(buf) = buf.get_mut(..b.len()) {
        buf.copy_from_slice(b);
        // For ASCII text this is what `str::to_lowercase` does.
        buf.make_ascii_lowercase();
        // Lowercasing ASCII letters keeps UTF-8 valid, so this never fails.
        if let Ok(w) = std::str::from_utf8(buf) {
            return f(w);
        }
    }
    f(&word.to_lowercase())
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #[test]
        fn lower_is_to_lowercase(w in "\\PC{0,12}|[a-zA-Z0-9.,'-]{0,12}") {
            let got = super::lower(&w);
            proptest::prop_assert_eq!(got.as_ref(), w.to_lowercase());
        }

        #[test]
        fn with_lower_is_to_lowercase(
            w in "\\PC{0,40}|[a-zA-Z0-9.,'-]{0,40}|[a-zA-Z\u{130}\u{212A}\u{3A3}]{0,12}"
        ) {
            let got = super::with_lower(&w, str::to_string);
            proptest::prop_assert_eq!(got, w.to_lowercase());
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
