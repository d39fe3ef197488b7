//! What the whole document says about an entity beyond the finder's
//! labels: whether a one-word "name" is only a common word written with a
//! capital because it opens a sentence ("Absolutely", "Slideshow"), read
//! from how often the word is written lowercase in a large corpus
//! ([`crate::lexicon::lowercase_share`]); whether a name typed as an
//! organisation is a person's, by the pronouns that follow it; whether a
//! name is an illness's ("X pandemic", "X virus").

use crate::lexicon;
use crate::model::{Analyzed, Mention};

/// Share of lowercase writings above which a capitalised word is taken for
/// a common word when nothing else shows it to be a name.
const COMMON_WORD_SHARE: f32 = 0.5;

/// True when the token at `i` opens its sentence, or follows an opening
/// quote, bracket or dash there: where any word takes a capital.
fn opens_sentence(doc: &Analyzed<'_>, m: &Mention) -> bool {
    let Some(sent) = doc.sentences.get(m.sentence) else {
        return false;
    };
    let mut i = m.tokens.start;
    while i > sent.tokens.start {
        let prev = doc.token_text(i - 1);
        if !matches!(
            prev,
            "\"" | "“" | "'" | "‘" | "(" | "[" | "—" | "–" | "-" | "--" | ":" | "…"
        ) {
            return false;
        }
        i -= 1;
    }
    true
}

/// True when the mentions `ms` of one entity are all the same single word,
/// written lowercase more often than not, and each stands where any word
/// takes a capital (a sentence start, a Title Case headline): nothing shows
/// the capital to be the writer's.
pub fn is_common_word(
    doc: &Analyzed<'_>,
    mentions: &[Mention],
    ms: &[usize],
    headline: &dyn Fn(usize) -> bool,
) -> bool {
    let mut word: Option<&str> = None;
    for &i in ms {
        let Some(m) = mentions.get(i) else {
            return false;
        };
        if m.tokens.len() != 1 {
            return false;
        }
        let w = doc.token_text(m.tokens.start);
        if word.is_some_and(|x| !x.eq_ignore_ascii_case(w)) {
            return false;
        }
        word = Some(w);
        if !(opens_sentence(doc, m) || headline(m.sentence)) {
            return false;
        }
        // Prose goes on after a common word; a number or a name after it
        // is a table's line ("Reading 3 Bury 1"), where capitals name.
        let next = doc
            .tokens
            .get(m.tokens.end)
            .map(|t| t.span.text(&doc.doc.text));
        if next
            .and_then(|n| n.chars().next())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        {
            return false;
        }
    }
    let Some(w) = word else { return false };
    if lexicon::is_acronym(w) || w.chars().skip(1).any(char::is_uppercase) {
        return false;
    }
    lexicon::lowercase_share(w).is_some_and(|s| s >= COMMON_WORD_SHARE)
}

/// The document's evidence, asked about each entity in turn.
pub struct DocEvidence<'a, 'd> {
    pub doc: &'a Analyzed<'d>,
    pub mentions: &'a [Mention],
    pub headline: &'a dyn Fn(usize) -> bool,
}

impl DocEvidence<'_, '_> {
    /// See [`is_common_word`].
    pub fn is_common_word(&self, ms: &[usize]) -> bool {
        is_common_word(self.doc, self.mentions, ms, self.headline)
    }

    /// True when some mention is followed by a word that only follows an
    /// illness's name ("the X pandemic", "X's disease", "an X outbreak"):
    /// an illness is no person, group or place.
    pub fn is_illness(&self, ms: &[usize]) -> bool {
        ms.iter().any(|&i| {
            let Some(m) = self.mentions.get(i) else {
                return false;
            };
            let mut t = m.tokens.end;
            if t < self.doc.tokens.len() && matches!(self.doc.token_text(t), "'s" | "’s") {
                t += 1;
            }
            if !(t < self.doc.tokens.len() && lexicon::is_illness_after(self.doc.token_text(t))) {
                return false;
            }
            // "Malawi's cholera outbreak": a place where an illness is.
            let text = m.span.text(&self.doc.doc.text);
            !(super::names::is_known_place(text) || lexicon::country(text).is_some())
        })
    }

    /// True when a name of one to three words starting with a given name
    /// ("Dana Okafor", "Dana") is followed, in the sentences that name it, by
    /// personal pronouns ("he", "her") and never by "it" or "its": a
    /// person, though a finder typed it as an organisation or a place.
    /// Companies named after people ("X Y said its sales ...") say "it".
    pub fn reads_as_person(&self, ms: &[usize], name: &str) -> bool {
        let words: Vec<&str> = name.split_whitespace().collect();
        if !(1..=3).contains(&words.len())
            || !words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return false;
        }
        let (mut person, mut thing) = (0, 0);
        for &i in ms {
            let Some(m) = self.mentions.get(i) else {
                continue;
            };
            let Some(sent) = self.doc.sentences.get(m.sentence) else {
                continue;
            };
            let end = sent.tokens.end.min(m.tokens.end + 8);
            for t in m.tokens.end..end {
                let w = self.doc.token_text(t);
                let is = |list: &[&str]| list.iter().any(|p| w.eq_ignore_ascii_case(p));
                if is(&["he", "she", "his", "her", "him", "himself", "herself"]) {
                    person += 1;
                } else if is(&["it", "its", "itself"]) {
                    thing += 1;
                }
            }
        }
        // The word lists are asked last: most names have no pronoun after.
        // A given name alone ("their daughter, Gloria") needs the pronouns
        // of more than one sentence: one "he" may be another person's.
        let needed = if words.len() == 1 { 2 } else { 1 };
        person >= needed
            && thing == 0
            && super::names::is_first_name(words[0])
            && !super::names::is_known_place(name)
            && !words.last().is_some_and(|w| {
                crate::util::lower::with_lower(w, |l| {
                    lexicon::is_org_head(l) || lexicon::is_place_head(l)
                })
            })
    }
}
