//! Who wrote and who published a story, as its credits say: bylines ("By
//! Ana Ruiz and Li Wei, Reuters"), credit lines ("Reporting by …; Editing
//! by …"), trailing wire credits ("-- Field Level Media"), lines that are
//! only an outlet ("(AP)") and copyright lines. Read on words as the
//! tokenizer cuts them, so a name ends where the tokenizer puts a comma or
//! a bracket.

use crate::lexicon;
use crate::util::lower::with_lower;

/// What a byline says: the people, and the outlet when it names one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Byline {
    pub authors: Vec<String>,
    pub outlet: Option<String>,
}

/// Names read from words, and where the reading stopped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    /// A role was named ("Staff Writer"): a byline even without a name.
    pub role: bool,
    /// Words read (the first one not read, or the length).
    pub end: usize,
}

/// Words of a byline that say what the person does, not who they are.
const ROLE_WORDS: &[&str] = &[
    "analyst",
    "bureau",
    "chief",
    "columnist",
    "contributor",
    "correspondent",
    "correspondents",
    "desk",
    "editor",
    "editors",
    "newsroom",
    "photographer",
    "producer",
    "reporter",
    "reporters",
    "staff",
    "team",
    "writer",
    "writers",
];

/// Lowercase words inside names ("Rio de Janeiro", "Ana de la Cruz").
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "ter", "van", "von", "y",
];

/// Verbs of credit lines whose people wrote the story ("Reporting by",
/// "Writing by"); editors and additional reporters are not its authors.
const AUTHOR_CREDITS: &[&str] = &["reporting", "reported", "writing", "written", "compiled"];

/// Most authors kept per document: a long credit list is a list of
/// contributors.
const MAX_AUTHORS: usize = 8;

pub fn is_particle(w: &str) -> bool {
    PARTICLES.contains(&w)
}

/// A word that is all capitals (at least two letters): a dateline place
/// ("WASHINGTON", "ST.", "YORK/LONDON").
pub fn is_caps_word(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        } else if !matches!(c, '.' | '-' | '\'' | '’' | '/') {
            return false;
        }
    }
    letters >= 2
}

/// A capitalised word that can be part of a name: "Ana", "O'Neil",
/// "J.", "al-Sayed" (with `caps`, also "ANA"); not a weekday or a month.
fn is_name_word(w: &str, caps: bool) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase()
        || !w
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
    {
        return false;
    }
    if !caps && w.chars().count() > 2 && is_caps_word(w) {
        return false;
    }
    lexicon::month_number(w).is_none()
        && with_lower(w, |l| !lexicon::WEEKDAYS.contains(&l.trim_end_matches('.')))
}

/// True when a date starts at word `i`: a weekday, a day number, or a
/// month name before a day ("Dec 7", "December 7, 2020").
pub fn date_starts(words: &[&str], i: usize) -> bool {
    let w = words.get(i).copied().unwrap_or("");
    let next_digit = words
        .get(i + 1)
        .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
    (lexicon::month_number(w).is_some() && next_digit)
        || w.starts_with(|c: char| c.is_ascii_digit())
        || with_lower(w, |l| {
            lexicon::WEEKDAYS.contains(&l.trim_end_matches([',', '.']))
        })
}

/// `name` with an all-capitals word written as a name ("JANE DOE" →
/// "Jane Doe", "RIO DE JANEIRO" → "Rio de Janeiro"); words that are not
/// all capitals, and initials ("D.C."), are kept.
pub fn tidy_caps(name: &str) -> String {
    let mut out = Vec::new();
    for (k, w) in name.split_whitespace().enumerate() {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let initials = w.contains('.') && letters <= w.chars().filter(|&c| c == '.').count();
        if !is_caps_word(w) || initials {
            out.push(w.to_string());
            continue;
        }
        let lower = w.to_lowercase();
        if k > 0 && is_particle(&lower) {
            out.push(lower);
            continue;
        }
        let mut s = String::with_capacity(w.len());
        let mut up = true;
        for c in lower.chars() {
            if up {
                s.extend(c.to_uppercase());
            } else {
                s.push(c);
            }
            // A new part after a hyphen or a slash, and after a one-letter
            // prefix's apostrophe ("O'NEIL" → "O'Neil").
            up = matches!(c, '-' | '/') || (matches!(c, '\'' | '’') && s.chars().count() == 2);
        }
        out.push(s);
    }
    out.join(" ")
}

/// The outlet `s` names: its listed name ("AP" → "Associated Press"), or
/// `s` itself when it ends in a media word ("Lagos Evening Herald").
pub fn outlet_of(s: &str) -> Option<String> {
    if let Some(n) = lexicon::outlet_name(s) {
        return Some(n.to_string());
    }
    lexicon::has_media_head(s).then(|| tidy_caps(s))
}

/// One group of name words from word `i` (at most six), as far as name
/// words go.
fn group_end(words: &[&str], i: usize, caps: bool) -> usize {
    let mut j = i;
    while j < words.len() && j - i < 6 {
        let w = words[j];
        if date_starts(words, j) {
            break;
        }
        if is_name_word(w, caps) {
            j += 1;
            continue;
        }
        // Particles inside a name, one or more ("de la"), before a name word.
        let particles = words[j..].iter().take_while(|w| is_particle(w)).count();
        if j > i
            && particles > 0
            && words
                .get(j + particles)
                .is_some_and(|n| is_name_word(n, caps))
        {
            j += particles;
        } else {
            break;
        }
    }
    j
}

/// What a group of name words is.
enum Group {
    Author(String),
    Outlet(String),
    /// A person's name then their outlet ("Ana Ruiz Reuters").
    AuthorAt(String, String),
    Role(Option<String>),
    NotAName,
}

fn classify(g: &[&str]) -> Group {
    let joined = g.join(" ");
    if let Some(o) = lexicon::outlet_name(&joined) {
        return Group::Outlet(o.to_string());
    }
    let is_role = |w: &&str| with_lower(w, |l| ROLE_WORDS.contains(&l));
    if g.iter().any(is_role) {
        let rest: Vec<&str> = g.iter().copied().filter(|w| !is_role(w)).collect();
        return Group::Role(lexicon::outlet_name(&rest.join(" ")).map(str::to_string));
    }
    for k in 1..=3.min(g.len()) {
        let (name, tail) = g.split_at(g.len() - k);
        if name.len() >= 2
            && let Some(o) = lexicon::outlet_name(&tail.join(" "))
        {
            return match classify(name) {
                Group::Author(a) => Group::AuthorAt(a, o.to_string()),
                _ => Group::NotAName,
            };
        }
    }
    if g.len() <= 4 && lexicon::has_media_head(&joined) {
        return Group::Outlet(tidy_caps(&joined));
    }
    let odd = |w: &&str| {
        lexicon::is_sentence_starter(w)
            || lexicon::is_title(w)
            || with_lower(w, |l| lexicon::is_place_head(l.trim_end_matches('.')))
    };
    if (2..=5).contains(&g.len()) && !g.iter().any(odd) {
        Group::Author(tidy_caps(&joined))
    } else {
        Group::NotAName
    }
}

/// Reads the names of a byline from `words` (the words after "By"):
/// groups of name words joined by "and", "&" or commas, each a person, an
/// outlet or a role. With `caps`, all-capitals names are read too (a byline
/// in capitals); without, an all-capitals word ends the names (a dateline
/// place follows: "By Ana Ruiz LAGOS (Reuters) -").
pub fn read_names(words: &[&str], caps: bool) -> Names {
    let mut out = Names::default();
    let mut i = 0;
    loop {
        let j = group_end(words, i, caps);
        if j == i {
            break;
        }
        match classify(&words[i..j]) {
            Group::Author(a) => out.authors.push(a),
            Group::Outlet(o) => {
                out.outlet.get_or_insert(o);
            }
            Group::AuthorAt(a, o) => {
                out.authors.push(a);
                out.outlet.get_or_insert(o);
            }
            Group::Role(o) => {
                out.role = true;
                if let Some(o) = o {
                    out.outlet.get_or_insert(o);
                }
            }
            Group::NotAName => break,
        }
        out.end = j;
        // Separators: ",", "and", "&", ", and".
        let mut k = j;
        if words.get(k) == Some(&",") {
            k += 1;
        }
        if matches!(words.get(k), Some(&"and") | Some(&"&")) {
            k += 1;
        }
        if k == j {
            break;
        }
        i = k;
    }
    out.authors.truncate(MAX_AUTHORS);
    out
}

/// A byline on a line of its own: "By Ana Ruiz", "By Ana Ruiz and Li Wei,
/// Reuters", "BY ANA RUIZ", "By Ana Ruiz Dec 7, 2020", "By Reuters Staff".
/// Not "By the end of the year …" nor "By Friday, the talks …": the
/// first words after "By" must be a name, an outlet or a role.
pub fn byline(words: &[&str]) -> Option<Byline> {
    let first = *words.first()?;
    if !(first == "By" || first == "BY") || words.len() > 20 || words.last() == Some(&".") {
        return None;
    }
    let rest = words.get(1..).unwrap_or_default();
    let names = read_names(rest, true);
    (!names.authors.is_empty() || names.outlet.is_some() || names.role).then_some(Byline {
        authors: names.authors,
        outlet: names.outlet,
    })
}

/// The authors a credit line names: "Reporting by Ana Ruiz in Lagos and Li
/// Wei in Accra; Editing by Tom Okafor" → Ana Ruiz, Li Wei. Editors and
/// "Additional reporting by" are left out; places after "in", "at" or
/// "from" are not names; a credit must open the line or a part of it.
pub fn credit_authors(words: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if !w.eq_ignore_ascii_case("by") || k == 0 {
            continue;
        }
        let verb = with_lower(words[k - 1], |l| AUTHOR_CREDITS.contains(&l));
        // The credit opens the line or a part of it ("…; Writing by",
        // "(Reporting by"), not "figures compiled by Acme" in a sentence.
        let opens = k == 1 || matches!(words[k - 2], ";" | "|" | "(" | "." | "—" | "-");
        if !verb || !opens {
            continue;
        }
        let segment_end = words[k + 1..]
            .iter()
            .position(|w| matches!(*w, ";" | "|"))
            .map_or(words.len(), |p| k + 1 + p);
        authors_in(&words[k + 1..segment_end], &mut out);
    }
    out.truncate(MAX_AUTHORS);
    out
}

/// The names of one credit: pieces split at "and", "&" and commas, each
/// a name perhaps followed by where the person was.
fn authors_in(words: &[&str], out: &mut Vec<String>) {
    let mut after_place = false;
    for piece in words.split(|w| matches!(*w, "and" | "&" | ",")) {
        let j = group_end(piece, 0, true);
        let has_place = piece
            .get(j)
            .is_some_and(|w| matches!(*w, "in" | "at" | "from"));
        // "… in Lagos and Accra": a piece after a place, with no place of
        // its own, is another place.
        if after_place && !has_place {
            continue;
        }
        after_place = has_place;
        if let Group::Author(a) | Group::AuthorAt(a, _) = classify(&piece[..j])
            && !out.contains(&a)
        {
            out.push(a);
        }
    }
}

/// A dash that ends a dateline or starts a credit.
pub fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "--" | "—" | "–" | "―" | "−" | "---" | ".-" | ".--")
}

/// A line that only credits a wire or a writer at the end of a story:
/// "-- Field Level Media", "— Ana Ruiz". Returns what it credits.
pub fn trailing_credit(words: &[&str]) -> Option<String> {
    let (first, rest) = words.split_first()?;
    // "--Field Level Media": the dash glued to the first word.
    let glued = first.trim_start_matches(['-', '—', '–']);
    let rest: Vec<&str> = if is_dash(first) {
        rest.to_vec()
    } else if glued.len() < first.len() && !glued.is_empty() {
        std::iter::once(glued).chain(rest.iter().copied()).collect()
    } else {
        return None;
    };
    if rest.is_empty() || rest.len() > 6 {
        return None;
    }
    let rest = rest.strip_suffix(&["."]).unwrap_or(&rest);
    let ok = rest.first().is_some_and(|w| is_name_word(w, true))
        && rest
            .iter()
            .all(|w| is_name_word(w, true) || matches!(*w, "of" | "the" | "and" | "&"));
    ok.then(|| rest.join(" "))
}

/// A line that is only an outlet: "(Reuters)", "(AP)", "Reuters",
/// "(KTLA)". Returns the outlet.
pub fn outlet_line(words: &[&str]) -> Option<String> {
    let inner = match words {
        ["(", inner @ .., ")"] => inner,
        _ => words,
    };
    let bracketed = inner.len() < words.len();
    if inner.is_empty() || inner.len() > 5 {
        return None;
    }
    let joined = inner.join(" ");
    if let Some(o) = lexicon::outlet_name(&joined) {
        return Some(o.to_string());
    }
    let call_sign = inner.len() == 1 && lexicon::is_acronym(&joined);
    (bracketed && (call_sign || lexicon::has_media_head(&joined))).then_some(joined)
}

/// Who a copyright line names: "Copyright 2021 The Associated Press. All
/// rights reserved." → Associated Press; "© 2020 Lagos Post Media" → as
/// written.
pub fn copyright_holder(words: &[&str]) -> Option<String> {
    let mut i = 0;
    let mut marked = false;
    while let Some(w) = words.get(i) {
        let skip = match *w {
            "©" | "(" | ")" | "," | "-" => true,
            "c" | "C" => words.get(i + 1) == Some(&")"),
            _ => {
                w.eq_ignore_ascii_case("copyright")
                    || w.eq_ignore_ascii_case("by")
                    || w.chars().all(|c| c.is_ascii_digit() || c == '-')
            }
        };
        if !skip {
            break;
        }
        marked |= *w == "©" || w.eq_ignore_ascii_case("copyright") || matches!(*w, "c" | "C");
        i += 1;
    }
    if !marked {
        return None;
    }
    let rest = words.get(i..).unwrap_or_default();
    let end = rest
        .iter()
        .position(|w| {
            matches!(*w, "." | "," | ";" | "|")
                || w.eq_ignore_ascii_case("all")
                || w.chars().all(|c| c.is_ascii_digit())
        })
        .unwrap_or(rest.len());
    let holder = rest.get(..end)?;
    if holder.is_empty()
        || holder.len() > 6
        || !holder.first().is_some_and(|w| is_name_word(w, true))
    {
        return None;
    }
    let joined = holder.join(" ");
    Some(lexicon::outlet_name(&joined).map_or_else(|| joined.clone(), str::to_string))
}
