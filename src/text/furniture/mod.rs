//! What page furniture says of its document: the publisher (the
//! dateline's agency, else a byline's outlet, else a trailing credit, else
//! a copyright line), the authors (bylines, "Reporting by" and "Writing
//! by" credits), and the dateline's place and date. The dateline before a
//! story's first word is cut into a sentence of its own and flagged, so
//! its words make no node while the rest of the sentence stays story and
//! starts, as the tagger expects, with a capitalised first word.

use super::boilerplate::{line_text, split_sentence};
use super::{credits, dateline};
use crate::model::{Furniture, Sentence, Span, Token};
use std::ops::Range;

/// How many lines of story (lines not flagged as furniture, the
/// headline first) a dateline may open.
const DATELINE_LINES: usize = 6;

/// Most authors kept.
const MAX_AUTHORS: usize = 8;

/// Publisher candidates, best first.
#[derive(Default)]
struct Publisher {
    dateline: Option<String>,
    byline: Option<String>,
    credit: Option<String>,
    copyright: Option<String>,
}

/// Reads what the furniture says and cuts the dateline off its story
/// sentence. `lines` are the sentences' lines ([`super::boilerplate::lines`]),
/// computed before the cut. Returns the furniture (without the dateline's
/// date as ISO, which the date reader makes) and the span of the
/// dateline's date.
pub fn read(
    text: &str,
    tokens: &[Token],
    sentences: &mut Vec<Sentence>,
    lines: &[Range<usize>],
) -> (Furniture, Option<Span>) {
    let mut f = Furniture::default();
    let mut publisher = Publisher::default();
    let words_of = |line: &Range<usize>, sentences: &[Sentence]| -> Vec<&str> {
        let first = sentences.get(line.start).map_or(0, |s| s.tokens.start);
        let last = line
            .end
            .checked_sub(1)
            .and_then(|e| sentences.get(e))
            .map_or(0, |s| s.tokens.end);
        tokens
            .get(first..last)
            .unwrap_or_default()
            .iter()
            .map(|t| t.span.text(text))
            .collect()
    };
    let flagged = |line: &Range<usize>, sentences: &[Sentence]| {
        sentences
            .get(line.clone())
            .is_some_and(|s| s.iter().all(|s| s.boilerplate))
    };

    // Credits, on the lines flagged as furniture.
    for line in lines {
        if !flagged(line, sentences) {
            continue;
        }
        let t = line_text(text, sentences, line).trim();
        if t.starts_with("By ") || t.starts_with("BY ") {
            if let Some(b) = credits::byline(&words_of(line, sentences)) {
                add_authors(&mut f.authors, b.authors);
                if publisher.byline.is_none() {
                    publisher.byline = b.outlet;
                }
            }
        } else if t.contains(" by ") || t.contains(" By ") {
            add_authors(
                &mut f.authors,
                credits::credit_authors(&words_of(line, sentences)),
            );
        } else if t.starts_with(['-', '—', '–', '(']) || t.split_whitespace().count() <= 5 {
            let words = words_of(line, sentences);
            let credit = credits::trailing_credit(&words)
                .and_then(|c| credits::outlet_of(&c))
                .or_else(|| credits::outlet_line(&words));
            if publisher.credit.is_none() {
                publisher.credit = credit;
            }
        }
        if publisher.copyright.is_none()
            && (t.contains('©') || t.contains("opyright") || t.starts_with("(c)"))
        {
            publisher.copyright = credits::copyright_holder(&words_of(line, sentences));
        }
    }

    let date = find_dateline(text, tokens, sentences, lines, &mut f, &mut publisher);
    f.publisher = publisher
        .dateline
        .or(publisher.byline)
        .or(publisher.credit)
        .or(publisher.copyright);
    (f, date)
}

/// Adds names not yet listed, up to [`MAX_AUTHORS`].
fn add_authors(list: &mut Vec<String>, names: Vec<String>) {
    for n in names {
        if list.len() < MAX_AUTHORS && !list.contains(&n) {
            list.push(n);
        }
    }
}

/// Finds the first dateline among the first lines of story (and bylines
/// flagged as furniture, which may end in one), records what it says and
/// cuts it off. Returns the span of its date.
fn find_dateline(
    text: &str,
    tokens: &[Token],
    sentences: &mut Vec<Sentence>,
    lines: &[Range<usize>],
    f: &mut Furniture,
    publisher: &mut Publisher,
) -> Option<Span> {
    let mut story_lines = 0;
    for line in lines {
        if story_lines >= DATELINE_LINES {
            break;
        }
        let all_flagged = sentences
            .get(line.clone())
            .is_some_and(|s| s.iter().all(|s| s.boilerplate));
        let t = line_text(text, sentences, line);
        if all_flagged && !(t.starts_with("By ") || t.starts_with("BY ")) {
            continue;
        }
        let index = story_lines;
        if !all_flagged {
            story_lines += 1;
        }
        if !t.starts_with(|c: char| c.is_uppercase() || c == '(' || c.is_ascii_digit()) {
            continue;
        }
        let first = sentences.get(line.start)?.tokens.start;
        let last = sentences.get(line.end.checked_sub(1)?)?.tokens.end;
        let words: Vec<&str> = tokens
            .get(first..last)?
            .iter()
            .map(|t| t.span.text(text))
            .collect();
        // A place in mixed case with only a dash opens the story's first
        // lines, not the headline (a long first line is no headline).
        let top = (1..=2).contains(&index) || (index == 0 && words.len() > 15);
        let Some(d) = dateline::parse(&words, top) else {
            continue;
        };
        f.dateline_place = d.place;
        publisher.dateline = d.agency;
        let mut authors = d.authors;
        authors.append(&mut f.authors);
        add_authors(&mut f.authors, authors);
        let date = d.date.and_then(|r| {
            let a = tokens.get(first + r.start)?;
            let b = tokens.get(first + r.end.checked_sub(1)?)?;
            Some(Span::new(a.span.start, b.span.end))
        });
        if !all_flagged {
            cut(sentences, tokens, line, first + d.end);
        }
        return date;
    }
    None
}

/// Flags the words of `line` before token `end`: whole sentences, and
/// the head of the sentence `end` falls in, cut into a sentence of its
/// own.
fn cut(sentences: &mut Vec<Sentence>, tokens: &[Token], line: &Range<usize>, end: usize) {
    for si in line.clone() {
        let Some(s) = sentences.get_mut(si) else {
            return;
        };
        if s.tokens.end <= end {
            s.boilerplate = true;
            continue;
        }
        if split_sentence(sentences, tokens, si, end).is_some()
            && let Some(head) = sentences.get_mut(si)
        {
            head.boilerplate = true;
        }
        return;
    }
}

#[cfg(test)]
mod tests;
