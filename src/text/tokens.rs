//! Tokenisation close to the CoNLL-2003 / Penn Treebank conventions the
//! tagger was trained on: punctuation split off, abbreviations and initials
//! ("U.S.", "Gen.", "C.") kept whole, possessive `'s` and `n't` split,
//! numbers with separators ("5,200", "3.5") and hyphenated words kept whole.

use crate::model::{Span, Token};

/// Abbreviations that keep their final period (lowercased, without it).
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "brig", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "dr",
    "e.g", "esq", "etc", "feb", "fig", "fla", "ft", "gen", "gov", "hon", "i.e", "inc", "jan", "jr",
    "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "no", "nov", "oct",
    "ph.d", "pres", "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sep", "sept", "sgt", "sr",
    "st", "supt", "vs", "ala", "ariz", "ark", "calif", "colo", "conn", "del", "ga", "ill", "ind",
    "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
    "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo",
];

/// True when `word` (without its final '.') is an abbreviation whose period
/// belongs to it: a listed abbreviation, a single letter ("C."), or dotted
/// initials ("U.S", "U.N").
pub fn is_abbreviation(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_alphabetic();
    }
    if word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
    {
        return true;
    }
    // "D-Calif." / "R-Ala.": the part after the hyphen decides.
    if let Some((_, tail)) = word.rsplit_once('-')
        && !tail.is_empty()
        && tail.len() < word.len() - 1
    {
        return is_abbreviation(tail);
    }
    // Asked of every word before a full stop: a hash set, not a scan.
    static SET: std::sync::LazyLock<crate::lexicon::WordSet> =
        std::sync::LazyLock::new(|| crate::lexicon::WordSet::new(ABBREVIATIONS));
    crate::util::lower::with_lower(word, |lower| SET.contains(lower))
}

fn is_split_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '‘'
            | '’'
            | '\''
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '.'
            | '…'
            | '«'
            | '»'
            | '—'
            | '–'
            | '|'
            | '*'
    )
}

/// Tokenises `text`, returning byte spans. Never panics; every span lies on
/// char boundaries.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                split_chunk(text, s, i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        split_chunk(text, s, text.len(), &mut out);
    }
    out
}

/// Splits one whitespace-delimited chunk `text[start..end]`.
fn split_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Token>) {
    let push = |out: &mut Vec<Token>, s: usize, e: usize| {
        if s < e {
            out.push(Token {
                span: Span::new(s, e),
            })
        }
    };
    // Leading punctuation, one token each.
    while start < end {
        let Some(c) = text[start..end].chars().next() else {
            break;
        };
        if is_split_punct(c)
            && !(c == '.' && end - start > 1 && starts_number(&text[start + 1..end]))
        {
            push(out, start, start + c.len_utf8());
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, collected then pushed in order.
    let mut trailing = Vec::new();
    while start < end {
        let Some(c) = text[start..end].chars().next_back() else {
            break;
        };
        if !is_split_punct(c) {
            break;
        }
        if c == '.' {
            let word = &text[start..end - 1];
            if is_abbreviation(word) {
                break;
            }
        }
        // Keep an apostrophe that ends a plural possessive only when it is
        // the whole remaining suffix ("troops'" → "troops" "'").
        trailing.push((end - c.len_utf8(), end));
        end -= c.len_utf8();
    }
    // Inner splits: em dashes and slashes between words, possessives, n't.
    split_inner(text, start, end, out);
    for (s, e) in trailing.into_iter().rev() {
        push(out, s, e);
    }
}

fn starts_number(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn split_inner(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    let word = &text[start..end];
    // Most words hold none of the characters split on below (the dashes,
    // curly quotes and ’ are not ASCII; the rest are listed here): one
    // token, found in one pass over the bytes.
    if word.bytes().all(|b| {
        b.is_ascii() && !matches!(b, b'\'' | b'"' | b'(' | b')' | b'[' | b']' | b';' | b'|')
    }) {
        out.push(Token {
            span: Span::new(start, end),
        });
        return;
    }
    split_inner_general(text, start, end, out);
}

/// [`split_inner`] without its fast path: every rule, in order.
fn split_inner_general(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    let word = &text[start..end];
    // Dashes inside a chunk ("war—and") separate words.
    if let Some(pos) = word.find(['—', '–']) {
        let dash_len = word[pos..].chars().next().map_or(1, char::len_utf8);
        split_inner_general(text, start, start + pos, out);
        out.push(Token {
            span: Span::new(start + pos, start + pos + dash_len),
        });
        split_inner_general(text, start + pos + dash_len, end, out);
        return;
    }
    // Possessive and contraction suffixes.
    for suffix in [
        "'s", "’s", "'S", "’S", "n't", "n’t", "'re", "’re", "'ll", "’ll", "'ve", "’ve", "'d", "’d",
        "'m", "’m",
    ] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            let cut = end - suffix.len();
            out.push(Token {
                span: Span::new(start, cut),
            });
            out.push(Token {
                span: Span::new(cut, end),
            });
            return;
        }
    }
    // Inner quotes or parentheses glued to words ("(UNICEF)" handled above;
    // here "said:“We") split on the punctuation.
    if let Some((pos, c)) = word
        .char_indices()
        .find(|&(_, c)| matches!(c, '"' | '“' | '”' | '(' | ')' | '[' | ']' | ';' | '|'))
    {
        split_inner_general(text, start, start + pos, out);
        out.push(Token {
            span: Span::new(start + pos, start + pos + c.len_utf8()),
        });
        split_inner_general(text, start + pos + c.len_utf8(), end, out);
        return;
    }
    out.push(Token {
        span: Span::new(start, end),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn split_inner_matches_the_general_version(word in "[a-zA-Z0-9.,'’\"“”()\\[\\];|—–é-]{1,12}") {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            split_inner(&word, 0, word.len(), &mut fast);
            split_inner_general(&word, 0, word.len(), &mut general);
            proptest::prop_assert_eq!(fast, general);
        }
    }

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.span.text(s)).collect()
    }

    #[test]
    fn splits_punctuation_and_keeps_abbreviations() {
        assert_eq!(
            toks("Gen. Ann Lee met the U.S. envoy in Paris, France."),
            [
                "Gen.", "Ann", "Lee", "met", "the", "U.S.", "envoy", "in", "Paris", ",", "France",
                "."
            ]
        );
        assert_eq!(
            toks("“We won’t stop,” said Rep. Jo Ng (D-Calif.)."),
            [
                "“", "We", "wo", "n’t", "stop", ",", "”", "said", "Rep.", "Jo", "Ng", "(",
                "D-Calif.", ")", "."
            ]
        );
    }

    #[test]
    fn numbers_possessives_and_dashes() {
        assert_eq!(
            toks("Oslo’s 4,500 troops—about 60.5 percent—left."),
            [
                "Oslo", "’s", "4,500", "troops", "—", "about", "60.5", "percent", "—", "left", "."
            ]
        );
        assert_eq!(
            toks("PARIS — The U.N.-led talks"),
            ["PARIS", "—", "The", "U.N.-led", "talks"]
        );
    }

    #[test]
    fn spans_slice_back_to_the_text() {
        let s = "  Ünïcode «quotes» and emoji 😀!\n\tEnd.";
        for t in tokenize(s) {
            assert!(!t.span.text(s).is_empty());
            assert!(!t.span.text(s).contains(char::is_whitespace));
        }
        assert_eq!(toks(""), Vec::<&str>::new());
        assert_eq!(toks("..."), [".", ".", "."]);
    }
}
