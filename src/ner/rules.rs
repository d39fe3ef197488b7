//! A rule-based mention finder: runs of capitalised words, with titles cut
//! off, sentence-initial common words skipped, and a type guessed from
//! titles, name heads ("... Command", "... province") and the country list.
//! It needs no model; the learned tagger replaces it by default.

use crate::lexicon;
use crate::model::stage::MentionFinder;
use crate::model::{Analyzed, Mention, MentionLabel, Span};
use crate::util::lower::{lower, with_lower};

#[derive(Debug, Clone, Copy, Default)]
pub struct RuleFinder;

fn is_cap_word(w: &str) -> bool {
    let mut chars = w.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => w.chars().any(char::is_alphabetic),
        _ => false,
    }
}

/// Lowercase particles inside names ("al-Farsi", "bin Salman", "de Gaulle").
fn is_name_particle(w: &str) -> bool {
    with_lower(w, |l| {
        ["al-", "el-", "bin-", "ibn-"]
            .iter()
            .any(|p| l.starts_with(p) && w.len() > p.len())
    })
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "for"
            | "and"
            | "&"
            | "de"
            | "bin"
            | "ibn"
            | "al"
            | "van"
            | "von"
            | "der"
            | "la"
    )
}

impl MentionFinder for RuleFinder {
    fn find(&self, doc: &Analyzed<'_>) -> Vec<Mention> {
        let mut out = Vec::new();
        for (si, sent) in doc.sentences.iter().enumerate() {
            if sent.boilerplate {
                continue;
            }
            let toks: Vec<&str> = sent.tokens.clone().map(|i| doc.token_text(i)).collect();
            let mut i = 0;
            while i < toks.len() {
                let w = toks[i];
                let starts = is_cap_word(w) || is_name_particle(w);
                if !starts
                    || lexicon::is_title(w)
                    || (i == 0 && lexicon::is_sentence_starter(w))
                    || lexicon::month_number(w).is_some()
                    || with_lower(w, |l| lexicon::WEEKDAYS.contains(&l))
                {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < toks.len() {
                    let x = toks[j];
                    let name_word =
                        (is_cap_word(x) || is_name_particle(x)) && !lexicon::is_title(x);
                    let joins = x != "and"
                        && is_connector(x)
                        && toks
                            .get(j + 1)
                            .is_some_and(|n| is_cap_word(n) || is_name_particle(n));
                    if name_word || joins {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let after_title = i > 0 && lexicon::is_title(toks[i - 1]);
                let mut label = guess_label(&toks[i..j], after_title);
                if toks
                    .get(j)
                    .is_some_and(|n| lexicon::PLACE_HEADS.contains(n))
                {
                    label = MentionLabel::Loc;
                }
                let a = sent.tokens.start + i;
                let b = sent.tokens.start + j;
                out.push(Mention {
                    span: Span::new(doc.tokens[a].span.start, doc.tokens[b - 1].span.end),
                    tokens: a..b,
                    sentence: si,
                    label,
                });
                i = j;
            }
        }
        out
    }
}

fn guess_label(words: &[&str], after_title: bool) -> MentionLabel {
    let joined = words.join(" ");
    let last = words.last().map_or_else(Default::default, |w| lower(w));
    if lexicon::country(&joined).is_some() {
        return MentionLabel::Loc;
    }
    if words.len() == 1 && lexicon::demonym_country(&joined).is_some() {
        return MentionLabel::Misc;
    }
    if after_title {
        return MentionLabel::Per;
    }
    if lexicon::ORG_HEADS.contains(&last.as_ref()) {
        return MentionLabel::Org;
    }
    if lexicon::PLACE_HEADS.contains(&last.as_ref()) {
        return MentionLabel::Loc;
    }
    let acronym = words.len() == 1
        && joined.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && joined
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '-');
    if acronym {
        return MentionLabel::Org;
    }
    if words.len() >= 2 {
        return MentionLabel::Per;
    }
    MentionLabel::Misc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    fn found(s: &str) -> Vec<(String, MentionLabel)> {
        let doc = Document::new("t", s.to_string());
        let a = crate::text::analyze(&doc);
        RuleFinder
            .find(&a)
            .into_iter()
            .map(|m| (m.span.text(s).to_string(), m.label))
            .collect()
    }

    #[test]
    fn finds_typed_runs_and_cuts_titles() {
        use MentionLabel::*;
        assert_eq!(
            found("However, Gen. Ana Ruiz of the Chilean Army flew to Peru on Monday."),
            [
                ("Ana Ruiz".to_string(), Per),
                ("Chilean Army".to_string(), Org),
                ("Peru".to_string(), Loc),
            ]
        );
        assert_eq!(
            found("Officials in Kandahar province met NATO envoys and Kenyan diplomats."),
            [
                ("Kandahar".to_string(), Loc),
                ("NATO".to_string(), Org),
                ("Kenyan".to_string(), Misc),
            ]
        );
    }

    #[test]
    fn keeps_particles_and_connectors() {
        let got = found("They met Minister Salim al-Farsi at the Bank of England.");
        assert_eq!(got[0].0, "Salim al-Farsi");
        assert_eq!(got[1].0, "Bank of England");
    }
}
