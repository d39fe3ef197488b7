//! Titles and roles around a mention: what to cut from the front of a
//! mention ("Prime Minister", "Marine Gen.", a demonym, "Iran-backed"), and
//! the person's role as the text states it, before the name ("Chilean
//! Foreign Minister X", "Union spokesman X") or in an apposition after it
//! ("X, head of the Y").
//!
//! Both the resolver (for [`crate::model::Role`] attributes) and the
//! relation extractor (for `holds_office`, `leads`, `commands`,
//! `spoke_for`... edges) read roles through [`find_roles`], so the two
//! never disagree.

use super::facts::{Facts, Is, facts};
use super::names::title_case;
use crate::lexicon;
use crate::model::{Analyzed, Cleaned, Kind, Mention, MentionLabel, OfRef, RoleMatch, Span};
use crate::util::lower::with_lower;
use std::ops::Range;

fn tok<'a>(doc: &Analyzed<'a>, i: usize) -> &'a str {
    doc.token_text(i)
}

/// The token at `i`, when there is one.
fn tok_at<'a>(doc: &Analyzed<'a>, i: usize) -> Option<&'a str> {
    (i < doc.tokens.len()).then(|| doc.token_text(i))
}

/// What the word lists say of the token at `i`.
fn fact(doc: &Analyzed<'_>, i: usize) -> Facts {
    facts(tok(doc, i))
}

/// True when the token at `i` is part of a title that ends before a name:
/// a title or honorific, a modifier or service word before another title
/// word, or "of"/an office domain inside "Secretary of State".
///
/// A loop over the run of modifier words, not recursion: recursing once per
/// token overflowed the stack on a long one-line document, and the run is
/// capped at [`MAX_TITLE_RUN`] words so long runs cost no more than a title.
fn is_title_token(doc: &Analyzed<'_>, i: usize, limit: usize) -> bool {
    let mut j = i;
    loop {
        if is_title_word_at(doc, j, limit) {
            return true;
        }
        let chains = fact(doc, j).any(&[Is::TitleModifier, Is::ServiceWord]);
        if !chains || j + 1 >= limit || j - i >= MAX_TITLE_RUN {
            return false;
        }
        j += 1;
    }
}

/// Longest run of modifier words looked through before a title word
/// ("Deputy Assistant Secretary" has two).
const MAX_TITLE_RUN: usize = 16;

/// The token at `i` is a title word by itself, without looking past it.
fn is_title_word_at(doc: &Analyzed<'_>, i: usize, limit: usize) -> bool {
    let w = tok(doc, i);
    let f = facts(w);
    if f.any(&[Is::Title, Is::Honorific]) {
        return true;
    }
    // "Secretary of [Homeland] State": the domain follows "of" after a title.
    let at = |j: Option<usize>| j.map_or("", |j| tok(doc, j));
    let title_at = |j: Option<usize>| facts(at(j)).is(Is::Title);
    if f.is(Is::OfficeDomain) {
        let of_title =
            |o: Option<usize>| at(o) == "of" && title_at(o.and_then(|o| o.checked_sub(1)));
        return of_title(i.checked_sub(1))
            || (facts(at(i.checked_sub(1))).is(Is::OfficeDomain) && of_title(i.checked_sub(2)));
    }
    w == "of"
        && title_at(i.checked_sub(1))
        && i + 1 < limit
        && fact(doc, i + 1).is(Is::OfficeDomain)
}

/// True when the sentence is written in Title Case (a headline): no final
/// full stop, at least four words of four letters or more, and three in
/// four of them capitalised.
pub fn is_title_case_sentence(doc: &Analyzed<'_>, s: usize) -> bool {
    let Some(sent) = doc.sentences.get(s) else {
        return false;
    };
    // Headlines carry no final full stop; sentences dense with names do.
    // Most sentences end so, and need no counting.
    let last = sent
        .tokens
        .clone()
        .rev()
        .map(|i| tok(doc, i))
        .find(|w| !matches!(*w, "\"" | "”" | "’" | "'" | ")"));
    if matches!(last, Some("." | "!" | "?" | "…")) {
        return false;
    }
    let (mut words, mut caps) = (0usize, 0usize);
    for i in sent.tokens.clone() {
        let w = tok(doc, i);
        if w.chars().filter(|c| c.is_alphabetic()).nth(3).is_none() {
            continue;
        }
        words += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            caps += 1;
        }
    }
    words >= 4 && caps * 4 >= words * 3
}

/// Words that say what a person was or is before their name ("Former X",
/// "the late X"), capitalised when they open a sentence: never part of it.
fn is_status_word(w: &str) -> bool {
    with_lower(w, |l| {
        matches!(
            l,
            "former"
                | "late"
                | "veteran"
                | "ex"
                | "incoming"
                | "outgoing"
                | "acting"
                | "disgraced"
                | "ousted"
                | "jailed"
                | "exiled"
                | "retired"
                | "then"
        )
    })
}

fn kind_of(label: MentionLabel) -> Option<Kind> {
    match label {
        MentionLabel::Per => Some(Kind::Person),
        MentionLabel::Org => Some(Kind::Group),
        MentionLabel::Loc => Some(Kind::Place),
        MentionLabel::Misc => None,
    }
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_dash(w: &str) -> bool {
    matches!(w, "—" | "–" | "-" | "--")
}

/// Cuts titles, demonyms and modifiers from the front of a mention and
/// reads its kind.
#[cfg(test)]
pub fn clean_mention(doc: &Analyzed<'_>, m: &Mention) -> Cleaned {
    clean_with(doc, m, &mut |s| is_title_case_sentence(doc, s))
}

/// The cleaning of every mention, in order; whether a sentence is a
/// Title Case headline is found once per sentence, not once per mention.
pub fn clean_mentions(doc: &Analyzed<'_>, mentions: &[Mention]) -> Vec<Cleaned> {
    let mut known: Vec<Option<bool>> = vec![None; doc.sentences.len()];
    let mut is_title_case = |s: usize| match known.get_mut(s) {
        Some(c) => *c.get_or_insert_with(|| is_title_case_sentence(doc, s)),
        None => is_title_case_sentence(doc, s),
    };
    mentions
        .iter()
        .map(|m| clean_with(doc, m, &mut is_title_case))
        .collect()
}

/// One mention being cleaned, with the bounds of its sentence.
struct MentionAt<'a, 'd> {
    doc: &'a Analyzed<'d>,
    m: &'a Mention,
    sent_start: usize,
    sent_end: usize,
}

/// Cleans one mention, asking `headline` whether a sentence is a Title Case
/// headline.
fn clean_with(doc: &Analyzed<'_>, m: &Mention, headline: &mut dyn FnMut(usize) -> bool) -> Cleaned {
    let sent_end = doc
        .sentences
        .get(m.sentence)
        .map_or(m.tokens.end, |s| s.tokens.end);
    let sent_start = doc
        .sentences
        .get(m.sentence)
        .map_or(m.tokens.start, |s| s.tokens.start);
    let cx = MentionAt {
        doc,
        m,
        sent_start,
        sent_end,
    };
    let (a, b) = (m.tokens.start, m.tokens.end.min(doc.tokens.len()));
    let mut out = Cleaned {
        name_tokens: a..a,
        name: String::new(),
        kind: kind_of(m.label),
        country: None,
        demonym: false,
        nationality: None,
        generic: false,
        junk: false,
        firm: false,
        person: false,
        town: false,
    };
    let (k, leading_demonym) = cut_titles(&cx, a, b);
    if k >= b {
        only_titles(&cx, a, b, leading_demonym, &mut out);
        return out;
    }
    let b = cut_tail(&cx, k, b);
    out.person = reads_as_person_here(&cx, a, k, b);
    let Some(k) = skip_bracketed_aside(&cx, k, b) else {
        out.junk = true;
        return out;
    };
    let (k, leading_demonym) = widen_front(&cx, a, k, b, leading_demonym);
    out.nationality = leading_demonym;
    out.name_tokens = k..b;
    let Some((mut name, words)) = name_words(&cx, k, b) else {
        out.junk = true;
        return out;
    };
    let dateline = is_dateline(&cx, k, b, &name);
    if dateline {
        name = title_case(&name);
        out.kind = Some(Kind::Place);
    }
    if is_no_name(&words) {
        out.junk = true;
        return out;
    }
    read_kind_from_words(&mut out, &name, &words, dateline);
    read_kind_from_context(&cx, &mut out, k, b, &words, dateline);
    // In a Title Case headline every word is capitalised, so a finder's
    // spans there are guesses: they only join names typed elsewhere.
    if out.country.is_none() && !dateline && headline(m.sentence) {
        out.kind = None;
    }
    out.name = name;
    out
}

/// Steps over the titles, demonyms and modifiers at the front of the
/// mention `a..b`: the first token of the name, and the country of a
/// demonym (or of an office) passed on the way.
fn cut_titles(cx: &MentionAt<'_, '_>, a: usize, b: usize) -> (usize, Option<&'static str>) {
    let MentionAt {
        doc,
        m,
        sent_start,
        sent_end,
    } = *cx;
    // Names the finder typed as groups or places keep title words
    // ("General Motors", "Prince Edward Island").
    let strip_titles = matches!(m.label, MentionLabel::Per | MentionLabel::Misc);
    let mut k = a;
    let mut leading_demonym = None;
    // A sentence's first word glued to the name after it ("Before Levy").
    let opens_sentence = |k: usize| {
        k == sent_start || (k > sent_start && matches!(tok(doc, k - 1), "\"" | "“" | "'" | "‘"))
    };
    while k < b {
        let w = tok(doc, k);
        let f = facts(w);
        if w.eq_ignore_ascii_case("the")
            || f.modifier_country.is_some()
            || (strip_titles && is_title_token(doc, k, sent_end))
            || (k + 1 < b && f.is(Is::ModifierWord))
            || (m.label == MentionLabel::Loc && k + 1 < b && f.is(Is::FaithOrPeople))
            || (m.label != MentionLabel::Per
                && k + 1 < b
                && f.is(Is::ContractMonth)
                && starts_upper(tok(doc, k + 1)))
            || (k == a && k + 1 < b && opens_sentence(k) && f.is(Is::SentenceStarter))
            || (strip_titles && k + 1 < b && is_status_word(w))
            || (k + 1 < b && is_age(w))
        {
            k += 1;
        } else if let Some(c) = f.demonym.filter(|_| k + 1 < b) {
            let rest_generic = (k + 1..b).all(|i| fact(doc, i).is(Is::Generic));
            let next_title = is_title_token(doc, k + 1, sent_end);
            leading_demonym = Some(c);
            // Organisations keep a demonym that is part of their name
            // ("British Broadcasting Corporation", "Chilean Navy"); people
            // do not ("Chilean Gen. X", "American Ana Ruiz").
            // Nor is a demonym cut from a place it names ("Saudi Arabia").
            let place = || {
                let words: Vec<&str> = (k..b).map(|i| tok(doc, i)).collect();
                super::names::is_known_place(&words.join(" "))
            };
            if (rest_generic || m.label == MentionLabel::Org || place()) && !next_title {
                break;
            }
            k += 1;
        } else if let Some(c) = f
            .country
            .filter(|_| strip_titles && k + 1 < b && is_title_token(doc, k + 1, sent_end))
        {
            // "U.S. Assistant Secretary of State X": the country the office
            // is of.
            leading_demonym = Some(c);
            k += 1;
        } else {
            break;
        }
    }
    (k, leading_demonym)
}

/// "20-year-old", "52-year-old": an age, said of a person before the name.
fn is_age(w: &str) -> bool {
    w.strip_suffix("-year-old")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
}

/// True when the words around the mention `a..b` (its name starting at
/// `k`, titles and ages cut before it) show a person: a title or an age
/// before the name ("president X", "Mr X", "the 20-year-old X") or ", who"
/// after it. Groups and places take titles of their own inside their names
/// ("General Motors"): only words outside the name, or cut from a mention
/// typed as a person's, count.
fn reads_as_person_here(cx: &MentionAt<'_, '_>, a: usize, k: usize, b: usize) -> bool {
    let doc = cx.doc;
    if k >= b {
        return false;
    }
    // Lowercase, some titles are adjectives ("major S&P sectors", "the
    // general public", "private equity").
    let titled = |i: usize| {
        let w = tok(doc, i);
        fact(doc, i).any(&[Is::Title, Is::Honorific])
            && (starts_upper(w) || !matches!(w, "major" | "general" | "private" | "chief" | "lady"))
    };
    let aged =
        (a..k).any(|i| is_age(tok(doc, i))) || (a > cx.sent_start && is_age(tok(doc, a - 1)));
    let title = (matches!(cx.m.label, MentionLabel::Per | MentionLabel::Misc)
        && (a..k).any(titled))
        || (a > cx.sent_start && titled(a - 1));
    let who = b + 1 < cx.sent_end
        && tok(doc, b) == ","
        && with_lower(tok(doc, b + 1), |w| matches!(w, "who" | "whose"));
    if !(aged || title || who) {
        return false;
    }
    // "a 27-year-old West Bank labourer": an age or title before a place
    // used as a modifier. An age or "who" is asked of names that read as
    // a person's by their words too (teams and bands take "who").
    let words: Vec<&str> = (k..b).map(|i| tok(doc, i)).collect();
    if super::names::is_known_place(&words.join(" ")) {
        return false;
    }
    let named = match words.as_slice() {
        [w] => super::names::is_first_name(w) || super::names::is_last_name(w),
        [first, ..] => super::names::is_first_name(first),
        [] => false,
    };
    title || cx.m.label == MentionLabel::Per || named
}

/// A mention of only titles, demonyms or modifiers: a demonym or country
/// among them stands for its country ("Chilean Prime" before "Minister
/// X"); otherwise it is junk.
fn only_titles(
    cx: &MentionAt<'_, '_>,
    a: usize,
    b: usize,
    leading_demonym: Option<&'static str>,
    out: &mut Cleaned,
) {
    if let Some(c) = leading_demonym.or_else(|| {
        // Not a modifier: "pro-Chilean" or "Chile-backed" fighters are
        // not Chile.
        (a..b).find_map(|i| fact(cx.doc, i).demonym)
    }) {
        out.country = Some(c);
        out.demonym = true;
        out.kind = Some(Kind::Place);
    } else {
        out.junk = true;
    }
}

/// Moves the end `b` of the name `k..b`: weekdays and member nouns glued
/// to it are cut, a surname particle after a person's name is taken in.
fn cut_tail(cx: &MentionAt<'_, '_>, k: usize, b: usize) -> usize {
    let doc = cx.doc;
    // Weekdays glued to a name by a capitalisation-based finder ("X Monday").
    let mut b = b;
    while b > k + 1 {
        // Not months: "May" ends names.
        if fact(doc, b - 1).is(Is::Weekday) {
            b -= 1;
        } else {
            break;
        }
    }
    // People counted by their body ("Army Soldiers", "Party Officials")
    // are not part of its name.
    while b > k + 1 && fact(doc, b - 1).is(Is::MemberNoun) {
        b -= 1;
    }
    // "BBC etc.", "Ana Ruiz et al.": the list goes on past the name.
    if b > k + 1 && with_lower(tok(doc, b - 1), |w| matches!(w, "etc." | "etc" | "al.")) {
        b -= 1;
        if b > k + 1 && tok(doc, b - 1) == "et" {
            b -= 1;
        }
    }
    // "the Museum of Flight CEO": a role after a group's name is a person
    // of it, not part of the name.
    if cx.m.label == MentionLabel::Org
        && b > k + 1
        && with_lower(tok(doc, b - 1), |w| {
            matches!(
                w,
                "ceo"
                    | "cfo"
                    | "coo"
                    | "chairman"
                    | "chairwoman"
                    | "spokesman"
                    | "spokeswoman"
                    | "spokesperson"
                    | "founder"
                    | "co-founder"
            )
        })
        && starts_upper(tok(doc, b - 2))
    {
        b -= 1;
    }
    // A caption's credit glued to the name it shows ("Ana Ruiz Image:
    // X", "the harbour Photo: Y"): the credit word ends no name.
    if b > k + 1
        && b < doc.tokens.len()
        && matches!(tok(doc, b), ":" | ";")
        && with_lower(tok(doc, b - 1), |w| {
            matches!(
                w,
                "image" | "photo" | "photograph" | "picture" | "video" | "credit"
            )
        })
    {
        b -= 1;
    }
    // A surname with a lowercase particle ("al-Farsi", "bin-Zayed") right
    // after a person's name belongs to it, even when the finder stopped
    // short of it.
    while cx.m.label == MentionLabel::Per && b < cx.sent_end && fact(doc, b).is(Is::ParticleName) {
        b += 1;
    }
    b
}

/// "(Tom) Seaver": a bracket closed inside the name was opened before it,
/// so what precedes it is an aside, not the name. The name's new first
/// token, or `None` when nothing is left after the aside.
fn skip_bracketed_aside(cx: &MentionAt<'_, '_>, k: usize, b: usize) -> Option<usize> {
    let doc = cx.doc;
    let mut k = k;
    if let Some(p) = (k..b).rev().find(|&i| tok(doc, i) == ")")
        && !(k..p).any(|i| tok(doc, i) == "(")
    {
        k = p + 1;
        if k >= b {
            return None;
        }
    }
    Some(k)
}

/// Takes in a word before the name that tells it apart when the finder
/// left it out: a unit's number, or the demonym before a name of generic
/// words.
fn widen_front(
    cx: &MentionAt<'_, '_>,
    a: usize,
    k: usize,
    b: usize,
    leading_demonym: Option<&'static str>,
) -> (usize, Option<&'static str>) {
    let (doc, sent_start) = (cx.doc, cx.sent_start);
    let (mut k, mut leading_demonym) = (k, leading_demonym);
    // A unit is told apart by its number, which the finder may leave out
    // ("42nd Mountain Division"); a bare "1st Battalion" stays generic.
    if k == a
        && k > sent_start
        && b > k + 1
        && fact(doc, b - 1).is(Is::UnitHead)
        && fact(doc, k - 1).is(Is::UnitNumber)
    {
        k -= 1;
    }
    // A name made only of generic words ("Foreign Ministry") is told apart
    // by the demonym before it, even when the finder left it out.
    if k == a
        && k > sent_start
        && b > k + 1
        && leading_demonym.is_none()
        && (k..b).all(|i| fact(doc, i).is(Is::Generic))
        && let Some(c) = fact(doc, k - 1).demonym
    {
        k -= 1;
        leading_demonym = Some(c);
    }
    (k, leading_demonym)
}

/// The name `k..b` as written and its words, without a bracketed
/// nickname; `None` when nothing is left outside brackets.
fn name_words<'d>(cx: &MentionAt<'_, 'd>, k: usize, b: usize) -> Option<(String, Vec<&'d str>)> {
    let doc = cx.doc;
    let span = Span::new(
        doc.tokens.get(k).map_or(0, |t| t.span.start),
        doc.tokens.get(b - 1).map_or(0, |t| t.span.end),
    );
    let mut name = span.text(&doc.doc.text).to_string();
    let mut words: Vec<&str> = (k..b).map(|i| tok(doc, i)).collect();
    // "James (Jim) Okafor": the bracketed nickname is no part of the name.
    if words.contains(&"(") {
        let mut depth = 0usize;
        words.retain(|w| match *w {
            "(" => {
                depth += 1;
                false
            }
            ")" => {
                depth = depth.saturating_sub(1);
                false
            }
            _ => depth == 0,
        });
        name = words.join(" ");
        if words.is_empty() {
            return None;
        }
    }
    Some((name, words))
}

/// An all-caps place opening a sentence before a dash is a dateline
/// ("LIMA —", "NEW YORK (AP) —").
fn is_dateline(cx: &MentionAt<'_, '_>, k: usize, b: usize, name: &str) -> bool {
    let (doc, sent_end) = (cx.doc, cx.sent_end);
    let mut letters = name.chars().filter(|c| c.is_alphabetic());
    k == cx.sent_start
        && name.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && letters.all(|c| c.is_uppercase())
        && (b..(b + 5).min(sent_end)).any(|i| is_dash(tok(doc, i)))
        && (b..sent_end).next().is_some_and(|i| {
            let w = tok(doc, i);
            is_dash(w) || w == "("
        })
}

/// Words that are no name whatever a finder says: a modifier, a
/// description in lowercase, or only titles and role words.
fn is_no_name(words: &[&str]) -> bool {
    // "New York-based", "Moscow-backed": a modifier, not a name.
    if words
        .last()
        .is_some_and(|w| facts(w).is(Is::ModifierSuffix))
    {
        return true;
    }
    // Lowercase letters and not one capital ("the interior ministry"): a
    // description, not a name, whatever a finder says. Scripts without
    // case (Arabic, Chinese) have neither and are left alone.
    if words.iter().any(|w| w.chars().any(char::is_lowercase))
        && !words.iter().any(|w| w.chars().any(char::is_uppercase))
    {
        return true;
    }
    // Only titles and role words ("Director of Intelligence", "Lord"):
    // a role, not a name.
    const TITLE_LIKE: &[Is] = &[Is::Title, Is::Honorific, Is::RoleNoun];
    words.iter().any(|w| facts(w).any(TITLE_LIKE))
        && words.iter().all(|w| {
            facts(w).any(&[
                Is::Title,
                Is::Honorific,
                Is::RoleNoun,
                Is::OfOrThe,
                Is::OfficeDomain,
                Is::TitleModifier,
            ])
        })
}

/// What the name's own words say of it: a place or country, a demonym, a
/// lone word that names nothing, a generic word, or the first and last
/// words of a place or a group.
fn read_kind_from_words(out: &mut Cleaned, name: &str, words: &[&str], dateline: bool) {
    if let Some(c) = super::names::place_country(name) {
        out.country = Some(c);
        out.kind = Some(Kind::Place);
    } else if let Some(c) = lexicon::demonym_country(name).filter(|_| words.len() > 1) {
        // "South Korean", "New Zealander": a demonym of several words.
        out.country = Some(c);
        out.demonym = true;
        out.kind = Some(Kind::Place);
    } else if let [w] = words {
        let f = facts(w);
        if let Some(c) = f.demonym {
            out.country = Some(c);
            out.demonym = true;
            out.kind = Some(Kind::Place);
        } else if f.any(&[Is::Adjective, Is::Month, Is::Language])
            // A bare abbreviation or compass word names nothing by itself
            // ("St.", "the West" of a sports league or of the world).
            || f.is(Is::Compass)
        {
            out.junk = true;
        } else if f.any(&[Is::Generic, Is::OfficeDomain]) && !f.is(Is::SelfStanding) {
            out.generic = true;
        }
    }
    // Holidays, laws, prizes, competitions and illnesses are no person,
    // group or place, whatever a finder typed them as.
    // A person's surname may be such a word ("Nathan Law").
    let person = out.kind == Some(Kind::Person)
        && words.last().is_some_and(|w| super::names::is_last_name(w));
    let other = (words.len() > 1 && words.last().is_some_and(|w| lexicon::is_other_head(w)))
        || words.last().is_some_and(|w| lexicon::is_instrument(w));
    // "U.S. Labor Day": a holiday with a qualifier before it.
    let holiday = words.last().is_some_and(|w| lexicon::ends_holiday(w))
        && (0..words.len().min(3)).any(|j| {
            lexicon::is_holiday(&words[j..].join(" "))
                && (j == 0 || super::names::is_qualifier(&words[..j].join(" ").to_lowercase()))
        });
    // "Hurricane Ida", "Typhoon Lumen": a storm, whatever the finder
    // typed it as.
    let storm = lexicon::is_storm_name(words);
    // Every illness of the list is one short word.
    let illness = words.len() == 1 && name.len() <= 12 && lexicon::is_illness_name(name);
    if out.country.is_none() && !person && (holiday || other || storm || illness) {
        out.junk = true;
        return;
    }
    // "Al Jazeera said", "Associated Press reported": a news outlet of
    // several words is a group, however its first word reads (one-word
    // names, "Bloomberg", may be a person's). Left untyped, it stays so:
    // "the Dow Jones" of a market report is an index.
    if out.country.is_none()
        && out.kind.is_some()
        && words.len() > 1
        && lexicon::outlet_name(name).is_some()
    {
        out.kind = Some(Kind::Group);
        out.firm = true;
        return;
    }
    if out.country.is_none()
        && !dateline
        && words.len() > 1
        && out.kind != Some(Kind::Group)
        && out.kind != Some(Kind::Place)
    {
        // Names a capitalisation-based finder takes for people.
        let first = facts(words.first().copied().unwrap_or(""));
        let last = facts(words.last().copied().unwrap_or(""));
        if first.is(Is::PlacePrefix) {
            out.kind = Some(Kind::Place);
        } else if last.any(&[Is::OrgHead, Is::House])
            || (first.is(Is::Acronym) && first.country.is_some())
        {
            out.kind = Some(Kind::Group);
        }
    }
}

/// What the words around the name `k..b` say of its kind: a group noun
/// before or after it, a place word after it, "the city of" or "in" before
/// it.
fn read_kind_from_context(
    cx: &MentionAt<'_, '_>,
    out: &mut Cleaned,
    k: usize,
    b: usize,
    words: &[&str],
    dateline: bool,
) {
    let (doc, sent_start) = (cx.doc, cx.sent_start);
    // "a militia group, the X": the name in apposition to a group noun.
    let mut p = k;
    while p > sent_start && tok(doc, p - 1).eq_ignore_ascii_case("the") {
        p -= 1;
    }
    if out.country.is_none()
        && p >= sent_start + 2
        && tok(doc, p - 1) == ","
        && fact(doc, p - 2).is(Is::GroupNoun)
        // A capitalised "Party" ends a name listed before this one ("X of
        // the Labour Party, Y of ..."), it describes nothing.
        && !starts_upper(tok(doc, p - 2))
    {
        out.kind = Some(Kind::Group);
    }
    // "the town of X", "the village of X": a place, however a finder
    // typed a name it did not know.
    if out.country.is_none()
        && k >= sent_start + 2
        && tok(doc, k - 1) == "of"
        && matches!(
            tok(doc, k - 2),
            "town" | "village" | "city" | "province" | "district" | "region" | "county" | "island"
        )
    {
        out.kind = Some(Kind::Place);
        out.town = true;
        return;
    }
    if out.country.is_none() && !dateline {
        let company = is_company_by_context(doc, sent_start, k, b);
        let body = is_body_by_context(doc, sent_start, k, b);
        if company || body {
            out.kind = Some(Kind::Group);
            // "London shares", "its Kabul headquarters": a place's market
            // or a seat in a place. Said of a place's name, the words make
            // this one mention a group, not the name.
            let name = words.join(" ");
            out.firm = !super::names::is_known_region(&name)
                && (body || !super::names::is_known_place(&name));
            return;
        }
    }
    if out.country.is_none() && !dateline {
        let next = fact(doc, b);
        if next.is(Is::GroupNoun) {
            out.kind = Some(Kind::Group);
        } else if out.kind.is_none()
            && (next.is(Is::PlaceHead)
                || (next.is(Is::BaseModifier) && fact(doc, b + 1).is(Is::PlaceHead)))
        {
            // "Dwyer air base", "Kandahar province": a lowercase place word
            // after an untyped name makes it a place.
            out.kind = Some(Kind::Place);
        } else if out.kind.is_none()
            && k > sent_start + 1
            && tok(doc, k - 1) == "of"
            && fact(doc, k - 2).is(Is::Settlement)
        {
            // "the city of Tikrit", "the province of Kandahar".
            out.kind = Some(Kind::Place);
        } else if out.kind.is_none() && k > sent_start && matches!(tok(doc, k - 1), "in" | "near") {
            // "talks in Lima": an untyped name after "in" is a place.
            out.kind = Some(Kind::Place);
        } else if k > sent_start
            && with_lower(tok(doc, k - 1), |w| {
                matches!(w, "in" | "near" | "across" | "outside")
            })
            && !matches!(tok_at(doc, b), Some("'s" | "’s"))
            && ((out.kind == Some(Kind::Person)
                && !words
                    .first()
                    .is_some_and(|w| super::names::is_first_name(w)))
                || (out.kind == Some(Kind::Group)
                    && super::names::is_known_place(&words.join(" "))))
        {
            // "homes in Fern Hollow", "schools in Kent": after a preposition
            // of place, a name that is no person's and a known place typed
            // as an organisation are places.
            out.kind = Some(Kind::Place);
        } else if out.kind.is_none()
            && words.len() > 1
            && words.last().is_some_and(|w| facts(w).is(Is::OrgHead))
        {
            out.kind = Some(Kind::Group);
        }
    }
}

/// A company by the words around its name `k..b`: a noun describing one
/// right before it ("retailer X", "the drugmaker X"), its shares or legal
/// form right after it ("X shares", "X's stock", "X Inc"), or "it" for
/// itself ("X said it would …").
fn is_company_by_context(doc: &Analyzed<'_>, sent_start: usize, k: usize, b: usize) -> bool {
    let before = k > sent_start && with_lower(tok(doc, k - 1), lexicon::is_company_noun);
    let at = |i: usize| (i < doc.tokens.len()).then(|| tok(doc, i));
    let after = match at(b) {
        Some("'s" | "’s") => at(b + 1).is_some_and(lexicon::is_company_after),
        Some(w) => lexicon::is_company_after(w),
        None => false,
    };
    // "X said it would cut jobs", "X reported its results": a body speaks
    // of itself as "it", a person never does (the caller asks this only
    // of names no gazetteer places: "Iran said it" is a state).
    let speaks_as_it = at(b).is_some_and(|w| {
        matches!(
            w,
            "said" | "says" | "announced" | "reported" | "expects" | "expected" | "posted"
        )
    }) && at(b + 1).is_some_and(|w| matches!(w, "it" | "its"));
    before || after || speaks_as_it
}

/// An organisation by the words around its name `k..b`: its staff or seat
/// right after it ("X headquarters", "X's employees", "X CEO") or its
/// founder or head before it ("co-founder of X", "chief executive of X").
/// A place has a seat and a head too ("the Kabul headquarters", "governor
/// of Texas"): the caller asks this only of names no gazetteer places.
fn is_body_by_context(doc: &Analyzed<'_>, sent_start: usize, k: usize, b: usize) -> bool {
    let at = |i: usize| (i < doc.tokens.len()).then(|| tok(doc, i));
    let after = match at(b) {
        Some("'s" | "’s") => at(b + 1),
        w => w,
    };
    // "its London headquarters", "the company's Paris staff": a place
    // where an organisation named before sits.
    let owned = k > sent_start
        && (with_lower(tok(doc, k - 1), |w| {
            matches!(
                w,
                "its" | "their" | "his" | "her" | "our" | "the" | "a" | "an"
            )
        }) || matches!(tok(doc, k - 1), "'s" | "’s"));
    let before = k >= sent_start + 2 && tok(doc, k - 1) == "of" && {
        let head = k - 2;
        let w = tok(doc, head);
        with_lower(w, lexicon::is_body_head_before_of)
            || (head > sent_start
                && with_lower(tok(doc, head - 1), |p| p == "chief")
                && with_lower(w, |h| h == "executive"))
    };
    before || (!owned && after.is_some_and(|w| with_lower(w, lexicon::is_body_after)))
}

/// The mention that covers token `i`, if any.
fn mention_at(mentions: &[Mention], i: usize) -> Option<usize> {
    mentions.iter().position(|m| m.tokens.contains(&i))
}

/// Cuts a run of title tokens into phrases: abbreviated ranks and full
/// titles do not mix ("Chair Rep." is a chair and a representative; "Lt.
/// Gen." is one rank); service words and honorifics separate phrases and
/// name no role.
fn title_phrases(doc: &Analyzed<'_>, run: Range<usize>) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    let mut cur: Option<(Range<usize>, Vec<String>, bool)> = None;
    for i in run {
        let w = tok(doc, i);
        let lower = w.trim_end_matches('.').to_lowercase();
        let separator =
            lexicon::is_honorific(w) || (lexicon::is_service_word(w) && !lexicon::is_title(w));
        let abbrev = lexicon::TITLE_ABBREVIATIONS
            .iter()
            .any(|(a, _)| *a == lower);
        // A rank after another title starts its own role ("spokesman
        // Colonel X"), unless it continues a rank ("Lieutenant General").
        let rank = is_rank(w);
        let prev_rank_like = i > 0 && {
            let p = tok(doc, i - 1);
            is_rank(p) || lexicon::is_title_modifier(p)
        };
        let breaks = match &cur {
            Some((_, _, was_abbrev)) => {
                separator || *was_abbrev != abbrev || (rank && !prev_rank_like)
            }
            None => separator,
        };
        if breaks && let Some((r, words, _)) = cur.take() {
            out.push((r, words.join(" ")));
        }
        if separator {
            continue;
        }
        match &mut cur {
            Some((r, words, _)) => {
                r.end = i + 1;
                words.push(lexicon::expand_title(w));
            }
            None => cur = Some((i..i + 1, vec![lexicon::expand_title(w)], abbrev)),
        }
    }
    if let Some((r, words, _)) = cur {
        out.push((r, words.join(" ")));
    }
    out
}

/// True for a military rank, abbreviated, hyphenated or not.
fn is_rank(word: &str) -> bool {
    let full = lexicon::expand_title(word);
    full.split('-').all(|p| lexicon::RANKS.contains(&p))
}

fn span_of(doc: &Analyzed<'_>, r: Range<usize>) -> Span {
    let start = doc.tokens.get(r.start).map_or(0, |t| t.span.start);
    let end = r
        .end
        .checked_sub(1)
        .and_then(|i| doc.tokens.get(i))
        .map_or(start, |t| t.span.end);
    Span::new(start, end.max(start))
}

/// The group, place or country named just before token `j` ("Chilean",
/// "the Navy's", a mention ending there).
fn of_before(doc: &Analyzed<'_>, mentions: &[Mention], j: usize, lo: usize) -> Option<OfRef> {
    let mut i = j.checked_sub(1)?;
    if i < lo {
        return None;
    }
    if matches!(tok(doc, i), "'s" | "’s" | "'" | "’") {
        i = i.checked_sub(1)?;
        if i < lo {
            return None;
        }
    }
    if let Some(mi) = mention_at(mentions, i) {
        return Some(OfRef::Mention(mi));
    }
    lexicon::demonym_country(tok(doc, i)).map(OfRef::Country)
}

/// Reads the roles of every mention that starts a person's name: titles
/// just before the name and appositions just after it.
pub fn find_roles(doc: &Analyzed<'_>, mentions: &[Mention], cleaned: &[Cleaned]) -> Vec<RoleMatch> {
    let mut out = Vec::new();
    for (mi, (m, c)) in mentions.iter().zip(cleaned).enumerate() {
        if c.name_tokens.is_empty()
            || c.country.is_some()
            || c.kind == Some(Kind::Group)
            || c.kind == Some(Kind::Place)
        {
            continue;
        }
        let Some(sent) = doc.sentences.get(m.sentence) else {
            continue;
        };
        let (lo, hi) = (sent.tokens.start, sent.tokens.end);
        let k = c.name_tokens.start;
        // Walk back over the title words before the name.
        let mut j = k;
        while j > lo && is_title_token(doc, j - 1, k) {
            j -= 1;
        }
        // "militia leader X", "rebel group chief X": a lowercase role noun
        // right before the name, with up to two lowercase words that say
        // what it leads.
        let lower = |i: usize| {
            let w = tok(doc, i);
            w.chars().all(|c| c.is_lowercase() || c == '-')
                && !w.is_empty()
                && !lexicon::is_sentence_starter(w)
                && !w.ends_with("ed")
                && !matches!(
                    w,
                    "said"
                        | "says"
                        | "told"
                        | "tells"
                        | "former"
                        | "late"
                        | "then"
                        | "new"
                        | "current"
                        | "longtime"
                        | "veteran"
                        | "outgoing"
                        | "incoming"
                )
        };
        if j == k && j > lo && lower(j - 1) && lexicon::is_role_noun(tok(doc, j - 1)) {
            j -= 1;
            let mut q = 0;
            while q < 2 && j > lo && lower(j - 1) {
                j -= 1;
                q += 1;
            }
        }
        let phrases = title_phrases(doc, j..k);
        for (pi, (r, title)) in phrases.iter().enumerate() {
            let of = if pi == 0 {
                of_before(doc, mentions, j, lo)
            } else {
                None
            };
            // "former Labour leader X": the status stands before the
            // whole phrase, the organisation's name included.
            let front = match of {
                Some(OfRef::Mention(o)) if pi == 0 => mentions.get(o).map_or(j, |m| m.tokens.start),
                Some(OfRef::Country(_)) if pi == 0 => j.saturating_sub(1),
                _ => r.start,
            };
            out.push(RoleMatch {
                mention: mi,
                title: past_title(title, past_before(doc, front, lo)),
                of,
                span: span_of(doc, r.start..k),
            });
        }
        if let Some(role) = apposition(doc, mentions, mi, c.name_tokens.end, hi) {
            out.push(role);
        }
    }
    out
}

/// Words before a title that put it in the past ("former", "the late",
/// "then").
fn is_past_status(w: &str) -> bool {
    with_lower(w, |l| {
        matches!(
            l,
            "former" | "ex" | "late" | "then" | "ousted" | "deposed" | "retired"
        )
    })
}

/// True when a past status word stands right before token `i` (past an
/// article): "the former", "late".
fn past_before(doc: &Analyzed<'_>, i: usize, lo: usize) -> bool {
    let mut p = i;
    while p > lo {
        let w = tok(doc, p - 1);
        if matches!(w, "-") || w.eq_ignore_ascii_case("the") || w.eq_ignore_ascii_case("a") {
            p -= 1;
            continue;
        }
        return is_past_status(w);
    }
    false
}

/// A title held no longer reads "former ...": what a reader of the node's
/// roles needs, and what keeps a past office from becoming a present
/// relation.
fn past_title(title: &str, past: bool) -> String {
    if past && !title.starts_with("former ") {
        format!("former {title}")
    } else {
        title.to_string()
    }
}

/// "X, [the|a|former] [Y's|Chilean] <role> [of|for|at|in [the] Z]".
fn apposition(
    doc: &Analyzed<'_>,
    mentions: &[Mention],
    mi: usize,
    end: usize,
    hi: usize,
) -> Option<RoleMatch> {
    if end >= hi || tok(doc, end) != "," {
        return None;
    }
    let mut p = end + 1;
    let mut past = false;
    while p < hi
        && matches!(
            tok(doc, p).to_lowercase().as_str(),
            "the"
                | "a"
                | "an"
                | "former"
                | "late"
                | "then"
                | "current"
                | "acting"
                | "its"
                | "their"
                | "new"
                | "longtime"
        )
    {
        past |= is_past_status(tok(doc, p));
        p += 1;
    }
    let mut pre_of = None;
    if p < hi
        && let Some(other) = mention_at(mentions, p)
        && other != mi
    {
        let m = mentions.get(other)?;
        pre_of = Some(OfRef::Mention(other));
        p = m.tokens.end;
        if p < hi && matches!(tok(doc, p), "'s" | "’s") {
            p += 1;
        }
    } else if p < hi
        && let Some(c) = lexicon::demonym_country(tok(doc, p))
    {
        pre_of = Some(OfRef::Country(c));
        p += 1;
    }
    let start = p;
    while p < hi {
        let w = tok(doc, p);
        let role_like = lexicon::is_role_noun(w)
            || lexicon::is_title_modifier(w)
            || lexicon::is_service_word(w)
            || is_title_token(doc, p, hi);
        if !role_like {
            break;
        }
        p += 1;
    }
    if !(start..p).any(|i| lexicon::is_role_noun(tok(doc, i))) {
        return None;
    }
    // Trailing modifiers ("chief" in "the army chief") are fine, but the
    // title itself is the role words only.
    let title_words: Vec<String> = (start..p)
        .map(|i| tok(doc, i))
        .filter(|w| !lexicon::is_service_word(w) || lexicon::is_title(w))
        .map(lexicon::expand_title)
        .collect();
    let mut post_of = None;
    let mut last = p;
    if p < hi && matches!(tok(doc, p), "of" | "for" | "at" | "in" | "with" | "to") {
        let mut q = p + 1;
        if q < hi && tok(doc, q).eq_ignore_ascii_case("the") {
            q += 1;
        }
        if q < hi
            && let Some(other) = mention_at(mentions, q)
            && other != mi
        {
            post_of = Some(OfRef::Mention(other));
            last = mentions.get(other).map_or(q + 1, |m| m.tokens.end);
        } else if q < hi
            && let Some(c) = lexicon::demonym_country(tok(doc, q))
        {
            post_of = Some(OfRef::Country(c));
            last = q + 1;
        }
    }
    Some(RoleMatch {
        mention: mi,
        title: past_title(&title_words.join(" "), past),
        of: post_of.or(pre_of),
        span: span_of(doc, end + 1..last),
    })
}

#[cfg(test)]
mod tests;
