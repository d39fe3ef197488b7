//! Sentences and tokens, as byte spans into the original text, the
//! page-furniture filter that marks scraped boilerplate, and what that
//! furniture says of the document (publisher, authors, dateline).

pub mod boilerplate;
pub mod credits;
pub mod dateline;
pub mod furniture;
pub mod tokens;

use crate::model::{Analyzed, Document, Sentence, Span, Token};
pub use tokens::tokenize;

/// The default segmenter: lines, then sentence ends inside lines.
#[derive(Debug, Clone, Copy, Default)]
pub struct Segmenter;

impl crate::model::stage::Segmenter for Segmenter {
    fn analyze<'a>(&self, doc: &'a Document) -> Analyzed<'a> {
        analyze(doc)
    }
}

/// Cuts a document into sentences and tokens, flags boilerplate
/// sentences and reads what the furniture says.
pub fn analyze(doc: &Document) -> Analyzed<'_> {
    let text = doc.text.as_str();
    let tokens = tokenize(text);
    let mut sentences = split_sentences(text, &tokens);
    let lines = boilerplate::flag(text, &tokens, &mut sentences);
    let (furniture, dateline_date) = furniture::read(text, &tokens, &mut sentences, &lines);
    Analyzed {
        doc,
        tokens,
        sentences,
        furniture,
        dateline_date,
    }
}

fn is_closing(s: &str) -> bool {
    matches!(s, "”" | "\"" | "’" | "'" | ")" | "]" | "»")
}

/// Sentences end at a line break (scraped news puts headlines, captions and
/// paragraphs on lines of their own) and after `.`, `!`, `?` (with any
/// closing quotes or brackets) when the next token starts a new sentence.
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i].span.text(text);
        let mut end_here = false;
        let mut last = i;
        if matches!(t, "." | "!" | "?" | "…") {
            while last + 1 < n
                && is_closing(tokens[last + 1].span.text(text))
                && !has_newline(text, tokens[last].span.end, tokens[last + 1].span.start)
            {
                last += 1;
            }
            end_here = match tokens.get(last + 1) {
                None => true,
                Some(next) => {
                    let nt = next.span.text(text);
                    nt.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic())
                }
            };
        }
        if let Some(next) = tokens.get(last + 1)
            && has_newline(text, tokens[last].span.end, next.span.start)
        {
            end_here = true;
        }
        if end_here || last + 1 >= n {
            out.push(Sentence {
                span: Span::new(tokens[first].span.start, tokens[last].span.end),
                tokens: first..last + 1,
                boilerplate: false,
            });
            first = last + 1;
        }
        i = last + 1;
    }
    out
}

fn has_newline(text: &str, from: usize, to: usize) -> bool {
    text.get(from..to).is_some_and(|gap| gap.contains('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(s: &str) -> Vec<String> {
        let toks = tokenize(s);
        split_sentences(s, &toks)
            .iter()
            .map(|x| x.span.text(s).to_string())
            .collect()
    }

    #[test]
    fn splits_on_lines_and_sentence_ends() {
        assert_eq!(
            sents("Headline without stop\nDr. Ann Lee spoke. “It works.” Then she left!"),
            [
                "Headline without stop",
                "Dr. Ann Lee spoke.",
                "“It works.”",
                "Then she left!"
            ]
        );
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sents("The U.S. Army and Gen. Lee met in St. Louis. They talked."),
            [
                "The U.S. Army and Gen. Lee met in St. Louis.",
                "They talked."
            ]
        );
    }

    #[test]
    fn token_ranges_cover_all_tokens_once() {
        let s = "One. Two!\n\nThree? four.\nFive";
        let toks = tokenize(s);
        let ss = split_sentences(s, &toks);
        let mut next = 0;
        for x in &ss {
            assert_eq!(x.tokens.start, next);
            next = x.tokens.end;
        }
        assert_eq!(next, toks.len());
        assert_eq!(sents(s), ["One.", "Two!", "Three? four.", "Five"]);
    }
}
