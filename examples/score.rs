//! The quality report the team reads on every change (issue 18): builds the
//! graph of two gold corpora with the real pipeline and scores its entity
//! nodes against the gold, as one Markdown table (and, with `--list`, every
//! failing item, grouped by class).
//!
//! `cargo run --release --example score -- [--gum DIR] [--conll FILE] [--list] [--dump DIR]`
//!
//! `--dump DIR` also writes the text of every document as the pipeline
//! reads it (`DIR/NAME.txt`, NAME as in the lists), to look at one.
//!
//! Defaults: `corpora/gum-wikinews` and `corpora/conll2003/dev.txt` under
//! the shared data (`newsgraph::internals::shared_dir`: `../shared` beside
//! the crate, or `$NEWSGRAPH_SHARED`). A corpus that is absent is reported
//! as such and its column left empty.
//!
//! # Gold
//!
//! GUM Wikinews (CoNLL-U, one document a file): the text is rebuilt from
//! the `# text =` lines, the first sentence (the headline) alone on the
//! first line, then one line per paragraph (`# newpar`), its sentences
//! joined by a space. No date is given with the text: dating it is part of
//! what is measured. Mentions are the `Entity=` brackets of the MISC column,
//! fields named by `# global.Entity`. A mention's *minimal span* is the run
//! of its tokens from the first to the last position its `minspan` field
//! lists (positions count the mention's words from 1, so "the University of
//! Helsinki" with minspan `2,4` has minimal span "University of Helsinki");
//! its *head* is its first word whose syntactic head lies outside it. The
//! field is computed, not annotated, and sometimes misses ("Italy" for
//! "Trento, Italy"): a minimal span that does not cover the head is not
//! used.
//!
//! CoNLL-2003 dev: split into documents and detokenised as
//! `examples/quality.rs` does (on `-DOCSTART-`, or before the headline of
//! each dateline when the file has none); every PER, ORG, LOC and MISC span
//! is a named mention, its text its only form. CoNLL has no identities and
//! no dates: no split, merge or date rows for it.
//!
//! # Definitions
//!
//! - **Gold named mention**: a mention whose head is NNP/NNPS, or whose
//!   head takes an NNP/NNPS word as `flat` or `appos` (GUM heads "author
//!   Truman Capote" on "author"), or whose minimal-span tokens all are
//!   NNP/NNPS. A Wikipedia identity alone does not make a mention named:
//!   GUM gives it to every mention of a linked entity, pronouns and
//!   descriptions included ("he", "the team"); it serves for splits and
//!   merges. Gold kinds: person → person, organization → group, place →
//!   place (CoNLL: PER, ORG, LOC); every other type (event, time,
//!   abstract, object, substance, animal, plant; CoNLL MISC) is "not a
//!   person, group or place".
//! - **Country or city**: a node of kind place or group is right for it.
//!   On GUM, a place or organization mention whose Wikipedia identity is
//!   typed `place` somewhere in the corpus, or is a country in the
//!   project's list (`internals::country`: "South_Korea" is one, its
//!   football team is not); on CoNLL, every LOC. Only the identity is
//!   looked up, never the text, so the report does not grade a name's
//!   kind with the lexicon that gave it.
//! - **Names of a node**: its label and aliases. A name *matches* a gold
//!   mention of a document the node was read in when, both normalised
//!   (lowercase, spaces collapsed, curly quotes straightened, a leading
//!   "the" dropped), it equals one of the mention's forms: its minimal
//!   span; its full span; the longest run of NNP/NNPS words (a glued
//!   hyphen included) around its head, or around the proper noun its head
//!   takes as `flat` or `appos`; that run continued through the link words
//!   of names ("of", "the", "and", "for", "on", "de", "&") to each next
//!   run ("University of Sheffield" in "the University of Sheffield of the
//!   UK"); and that proper noun with its `flat` dependents, when it has
//!   some: the name proper as UD marks it, without the titles before it
//!   ("Boris Johnson" of "Prime Minister Boris Johnson", all NNP).
//! - **Entity nodes**: persons, groups and places (events are not scored).
//! - **Node precision**: share of entity nodes that match a gold named
//!   mention whose kind accepts theirs.
//! - **Junk**: share of entity nodes whose names match no gold mention at
//!   all, named or not.
//! - **Kind accuracy**: among entity nodes matching a gold named mention,
//!   share whose kind is accepted by the majority kind of the named
//!   mentions they match (a tie is right if any tied kind accepts it).
//! - **Recall**: share of gold named person/organization/place mentions
//!   matched by some entity node (also per kind); *kind-correct* recall
//!   counts only matches by a node whose kind the mention accepts.
//! - **Identity**: of a named person/organization/place mention, its
//!   Wikipedia identity (across documents), else its document-local
//!   entity id.
//! - **Split identity**: an identity whose named mentions are matched by two
//!   or more entity nodes; share of matched identities. *Within a
//!   document*: two of those nodes in one document. *Across documents*:
//!   two documents whose matching nodes have none in common. Both are
//!   shares of all matched identities, and an identity may be both.
//! - **Merging node**: an entity node whose matched named mentions carry two
//!   or more Wikipedia identities (mentions without one are ignored); share
//!   of nodes matching a gold named mention. *Within*: two identities in
//!   one document; *across*: two documents whose identities for the node
//!   have none in common (same denominator).
//! - **Document dates**: share of documents whose graph date equals
//!   `# meta::dateCreated`.

use newsgraph::internals::detokenize;
use newsgraph::{DocId, Document, Finder, Kind, KnowledgeGraph, Options, Pipeline};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() -> anyhow::Result<()> {
    let shared = newsgraph::internals::shared_dir();
    let mut gum = shared.join("corpora/gum-wikinews");
    let mut conll = shared.join("corpora/conll2003/dev.txt");
    let mut list = false;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--gum" => gum = PathBuf::from(args.next().unwrap_or_default()),
            "--conll" => conll = PathBuf::from(args.next().unwrap_or_default()),
            "--list" => list = true,
            "--dump" => dump = args.next().map(PathBuf::from),
            other => {
                eprintln!("score: unknown argument {other:?}");
                eprintln!("usage: score [--gum DIR] [--conll FILE] [--list] [--dump DIR]");
                std::process::exit(2);
            }
        }
    }
    let pipeline = Pipeline::new(Finder::builtin()?, Options::default());
    let gum_score = if gum.is_dir() {
        let docs = read_gum(&gum)?;
        write_texts(dump.as_deref(), &docs)?;
        Some(score_corpus(&pipeline, docs))
    } else {
        eprintln!("score: {} not found; GUM column left empty", gum.display());
        None
    };
    let conll_score = if conll.is_file() {
        let text = std::fs::read_to_string(&conll)?;
        let origin = conll
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let docs = conll_documents(&text, &origin);
        write_texts(dump.as_deref(), &docs)?;
        Some(score_corpus(&pipeline, docs))
    } else {
        eprintln!(
            "score: {} not found; CoNLL column left empty",
            conll.display()
        );
        None
    };
    print!("{}", table(gum_score.as_ref(), conll_score.as_ref()));
    if list {
        for (name, s) in [("GUM", &gum_score), ("CoNLL dev", &conll_score)] {
            if let Some(s) = s {
                print!("{}", lists(name, s));
            }
        }
    }
    Ok(())
}

/// With `--dump DIR`, the documents' text as `DIR/NAME.txt`.
fn write_texts(dir: Option<&Path>, docs: &[GoldDoc]) -> anyhow::Result<()> {
    let Some(dir) = dir else { return Ok(()) };
    std::fs::create_dir_all(dir)?;
    for d in docs {
        std::fs::write(dir.join(format!("{}.txt", d.name)), &d.text)?;
    }
    Ok(())
}

/// Runs the pipeline on the gold documents' text and scores the graph.
fn score_corpus(pipeline: &Pipeline, docs: Vec<GoldDoc>) -> Score {
    let docs = distinct(docs);
    let inputs = docs
        .iter()
        .map(|d| Document::new(d.name.clone(), d.text.clone()))
        .collect();
    let graph = pipeline.run(inputs);
    let dates = graph
        .documents
        .iter()
        .map(|(id, meta)| (*id, meta.date.clone()))
        .collect();
    score(&docs, &entity_nodes(&graph), &dates)
}

/// Documents with one text once: a document's id is its text's hash.
fn distinct(docs: Vec<GoldDoc>) -> Vec<GoldDoc> {
    let mut seen = BTreeSet::new();
    docs.into_iter().filter(|d| seen.insert(d.id)).collect()
}

// ---------------------------------------------------------------- gold --

/// What a gold mention may be, as far as node kinds go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GoldClass {
    Person,
    Group,
    Place,
    /// A country or city: a place or a group is right.
    PlaceOrGroup,
    /// Not a person, group or place.
    Other,
}

impl GoldClass {
    fn accepts(self, kind: Kind) -> bool {
        match self {
            GoldClass::Person => kind == Kind::Person,
            GoldClass::Group => kind == Kind::Group,
            GoldClass::Place => kind == Kind::Place,
            GoldClass::PlaceOrGroup => matches!(kind, Kind::Place | Kind::Group),
            GoldClass::Other => false,
        }
    }

    fn of_type(etype: &str) -> GoldClass {
        match etype {
            "person" => GoldClass::Person,
            "organization" => GoldClass::Group,
            "place" => GoldClass::Place,
            _ => GoldClass::Other,
        }
    }

    fn name(self) -> &'static str {
        match self {
            GoldClass::Person => "person",
            GoldClass::Group => "group",
            GoldClass::Place => "place",
            GoldClass::PlaceOrGroup => "place/group",
            GoldClass::Other => "other",
        }
    }
}

/// One gold mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldMention {
    /// Document-local entity id (mentions with one id corefer), if any.
    pub entity: Option<String>,
    /// The gold type: GUM's (`person`, `organization`, `place`, `event`,
    /// ...), CoNLL's mapped to `person`, `organization`, `place`, `misc`.
    pub etype: String,
    pub class: GoldClass,
    /// Wikipedia identity, percent-decoded.
    pub identity: Option<String>,
    pub named: bool,
    /// Normalised forms a node name may equal (see [`normalise`]).
    pub forms: Vec<String>,
    /// The text shown in lists: the minimal span, else the proper-noun run,
    /// else the whole span.
    pub shown: String,
}

/// One gold document: its rebuilt text, its date, its mentions.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub name: String,
    pub id: DocId,
    pub text: String,
    pub date: Option<String>,
    pub mentions: Vec<GoldMention>,
}

/// Every `*.conllu` of `dir`, in name order, with countries and cities
/// marked (see [`mark_countries`]).
pub fn read_gum(dir: &Path) -> anyhow::Result<Vec<GoldDoc>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f)?;
        let name = f
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.push(parse_conllu(&name, &text));
    }
    mark_countries(&mut docs, known_country);
    Ok(docs)
}

/// Place and organization mentions whose identity is a country or city
/// accept a place or a group (GUM types a country acting as a state
/// `organization`). A country or city is an identity typed `place`
/// somewhere in the corpus, or one `is_country` knows.
pub fn mark_countries(docs: &mut [GoldDoc], is_country: impl Fn(&str) -> bool) {
    let places: BTreeSet<String> = docs
        .iter()
        .flat_map(|d| &d.mentions)
        .filter(|m| m.etype == "place")
        .filter_map(|m| m.identity.clone())
        .collect();
    for m in docs.iter_mut().flat_map(|d| d.mentions.iter_mut()) {
        if matches!(m.class, GoldClass::Place | GoldClass::Group)
            && m.identity
                .as_ref()
                .is_some_and(|i| places.contains(i) || is_country(i))
        {
            m.class = GoldClass::PlaceOrGroup;
        }
    }
}

/// Whether a Wikipedia identity names a country, by the project's list of
/// countries ("South_Korea"; not "South_Korea_national_football_team").
fn known_country(identity: &str) -> bool {
    newsgraph::internals::country(&identity.replace('_', " ")).is_some()
}

/// A word of a CoNLL-U document.
struct Word {
    form: String,
    xpos: String,
    deprel: String,
    space_after: bool,
    /// Index of its syntactic head in the document's words; `None` for a
    /// sentence's root.
    head: Option<usize>,
}

/// A bracket pair of `Entity=`: first and last word, and its fields.
struct Bracket {
    start: usize,
    end: usize,
    fields: Vec<String>,
}

/// What the CoNLL-U reader keeps while going through the lines.
#[derive(Default)]
struct ConlluState {
    fields: Vec<String>,
    lines: Vec<String>,
    sentences: usize,
    new_par: bool,
    date: Option<String>,
    words: Vec<Word>,
    sent_start: usize,
    /// Last word id of the multi-word token being read, and whether a
    /// space follows that token.
    mwt: Option<(usize, bool)>,
    open: BTreeMap<String, Vec<(usize, Vec<String>)>>,
    brackets: Vec<Bracket>,
}

/// Reads one GUM document (CoNLL-U with `Entity=` brackets). Malformed
/// lines and unbalanced brackets are skipped, never fatal.
pub fn parse_conllu(name: &str, text: &str) -> GoldDoc {
    let mut st = ConlluState {
        fields: "GRP-etype-infstat-salience-centering-minspan-link-identity"
            .split('-')
            .map(String::from)
            .collect(),
        ..ConlluState::default()
    };
    for line in text.lines() {
        if let Some(comment) = line.strip_prefix('#') {
            st.comment(comment.trim());
        } else if !line.trim().is_empty() {
            st.word_line(line);
        }
    }
    let mut body = st.lines.join("\n");
    body.push('\n');
    let at = |name: &str| st.fields.iter().position(|f| f == name);
    let (etype_at, minspan_at, identity_at) = (at("etype"), at("minspan"), at("identity"));
    let mut mentions = Vec::new();
    for b in &st.brackets {
        let field = |i: Option<usize>| i.and_then(|i| b.fields.get(i)).map(String::as_str);
        let etype = field(etype_at).unwrap_or("").to_string();
        // Identities are percent-encoded, so they hold no '-' of their own;
        // joining the rest keeps a stray one anyway.
        let identity = identity_at
            .and_then(|i| b.fields.get(i..))
            .map(|rest| rest.join("-"))
            .filter(|s| !s.is_empty() && s != "_")
            .map(|s| {
                percent_encoding::percent_decode_str(&s)
                    .decode_utf8_lossy()
                    .into_owned()
            });
        let entity = b.fields.first().map(|id| format!("{name}#{id}"));
        mentions.push(mention(
            &st.words,
            b,
            etype,
            identity,
            entity,
            field(minspan_at),
        ));
    }
    GoldDoc {
        name: name.to_string(),
        id: DocId::from_text(&body),
        text: body,
        date: st.date,
        mentions,
    }
}

impl ConlluState {
    fn comment(&mut self, c: &str) {
        if let Some(v) = c.strip_prefix("global.Entity =") {
            self.fields = v.trim().split('-').map(String::from).collect();
        } else if c == "newpar" || c.starts_with("newpar ") {
            self.new_par = true;
        } else if let Some(v) = c.strip_prefix("meta::dateCreated =") {
            self.date = Some(v.trim().to_string());
        } else if let Some(v) = c.strip_prefix("text =") {
            let v = v.trim();
            // The headline stands alone; then one line per paragraph.
            match self.lines.last_mut() {
                Some(last) if !self.new_par && self.sentences > 1 => {
                    last.push(' ');
                    last.push_str(v);
                }
                _ => self.lines.push(v.to_string()),
            }
            self.sentences += 1;
            self.new_par = false;
        }
    }

    fn word_line(&mut self, line: &str) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(id), Some(form), Some(xpos), Some(head), Some(deprel), Some(misc)) = (
            cols.first(),
            cols.get(1),
            cols.get(4),
            cols.get(6),
            cols.get(7),
            cols.get(9),
        ) else {
            return;
        };
        let space_after = !misc.split('|').any(|f| f == "SpaceAfter=No");
        if let Some((_, last)) = id.split_once('-') {
            self.mwt = last.parse().ok().map(|l| (l, space_after));
            return;
        }
        let Ok(local) = id.parse::<usize>() else {
            return; // an empty node ("12.1")
        };
        if local == 1 {
            self.sent_start = self.words.len();
        }
        let space_after = match self.mwt {
            Some((last, after)) if local == last => {
                self.mwt = None;
                after
            }
            Some((last, _)) if local < last => false,
            _ => space_after,
        };
        let head = head
            .parse::<usize>()
            .ok()
            .filter(|&h| h > 0)
            .map(|h| self.sent_start + h - 1);
        let at = self.words.len();
        self.words.push(Word {
            form: form.to_string(),
            xpos: xpos.to_string(),
            deprel: deprel.to_string(),
            space_after,
            head,
        });
        if let Some(entity) = misc.split('|').find_map(|f| f.strip_prefix("Entity=")) {
            self.brackets_at(entity, at);
        }
    }

    /// Opens and closes the brackets of one word's `Entity=` value:
    /// `(fields` opens, `(fields)` is a one-word mention, `id)` closes.
    fn brackets_at(&mut self, value: &str, at: usize) {
        let b = value.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let open = b.get(i) == Some(&b'(');
            let from = if open { i + 1 } else { i };
            let mut j = from;
            while j < b.len() && b[j] != b'(' && b[j] != b')' {
                j += 1;
            }
            let body = value.get(from..j).unwrap_or("");
            let closes = b.get(j) == Some(&b')');
            if open {
                let fields: Vec<String> = body.split('-').map(String::from).collect();
                if closes {
                    self.brackets.push(Bracket {
                        start: at,
                        end: at,
                        fields,
                    });
                } else {
                    let id = fields.first().cloned().unwrap_or_default();
                    self.open.entry(id).or_default().push((at, fields));
                }
            } else if closes
                && let Some((start, fields)) = self.open.get_mut(body).and_then(Vec::pop)
            {
                self.brackets.push(Bracket {
                    start,
                    end: at,
                    fields,
                });
            }
            i = if closes { j + 1 } else { j.max(i + 1) };
        }
    }
}

fn is_proper(w: &Word) -> bool {
    matches!(w.xpos.as_str(), "NNP" | "NNPS")
}

/// The text of words `from..=to` as written.
fn words_text(words: &[Word], from: usize, to: usize) -> String {
    let mut out = String::new();
    for (k, w) in words.get(from..=to).unwrap_or(&[]).iter().enumerate() {
        out.push_str(&w.form);
        if w.space_after && from + k < to {
            out.push(' ');
        }
    }
    out
}

/// A gold mention from its bracket: forms, head, whether it is named.
fn mention(
    words: &[Word],
    b: &Bracket,
    etype: String,
    identity: Option<String>,
    entity: Option<String>,
    minspan: Option<&str>,
) -> GoldMention {
    let (s, e) = (b.start, b.end);
    let inside = |k: usize| (s..=e).contains(&k);
    let head = (s..=e).find(|&k| {
        words
            .get(k)
            .is_some_and(|w| w.head.is_none_or(|h| !inside(h)))
    });
    let mut positions: Vec<usize> = minspan
        .unwrap_or("")
        .split(',')
        .filter_map(|p| p.trim().parse::<usize>().ok())
        .filter(|&p| p >= 1 && s + p - 1 <= e)
        .map(|p| s + p - 1)
        .collect();
    let min_span = positions
        .iter()
        .min()
        .zip(positions.iter().max())
        .map(|(&a, &z)| (a, z))
        // GUM's minimal span is computed, not annotated, and misses now and
        // then: "Italy" for "Trento, Italy". One without the head is none.
        .filter(|&(a, z)| head.is_none_or(|h| (a..=z).contains(&h)));
    if min_span.is_none() {
        positions.clear();
    }
    let proper_min = !positions.is_empty()
        && positions
            .iter()
            .all(|&p| words.get(p).is_some_and(is_proper));
    let proper = |k: usize| words.get(k).is_some_and(is_proper);
    let dependents = |h: usize, rel: &[&str]| -> Vec<usize> {
        (s..=e)
            .filter(|&k| {
                words.get(k).is_some_and(|w| {
                    w.head == Some(h) && rel.iter().any(|r| w.deprel.split(':').next() == Some(*r))
                })
            })
            .collect()
    };
    // Where the name is: a proper-noun head, or else a proper noun the head
    // takes as `flat` or `appos` (GUM heads "author Truman Capote" and
    // "captain Harry Kane" on the common noun).
    let anchor = head.and_then(|h| {
        if proper(h) {
            Some(h)
        } else {
            dependents(h, &["flat", "appos"])
                .into_iter()
                .find(|&k| proper(k))
        }
    });
    let run = anchor.map(|h| proper_run(words, s, e, h));
    let name = anchor.and_then(|h| flat_name(words, s, e, h));
    let phrases = run.map_or_else(Vec::new, |r| name_phrases(words, e, r));
    let mut forms = BTreeSet::new();
    let spans = [name, run, min_span, Some((s, e))].into_iter().flatten();
    for (a, z) in spans.chain(phrases) {
        forms.insert(normalise(&words_text(words, a, z)));
    }
    forms.remove("");
    // Lists show the minimal span, which keeps a name's own words.
    let shown = [min_span, run, Some((s, e))]
        .into_iter()
        .flatten()
        .map(|(a, z)| words_text(words, a, z))
        .next();
    GoldMention {
        entity,
        class: GoldClass::of_type(&etype),
        named: anchor.is_some() || proper_min,
        etype,
        identity,
        forms: forms.into_iter().collect(),
        shown: shown.unwrap_or_default(),
    }
}

/// The longest run of proper nouns around `h` inside `s..=e`; a hyphen
/// glued between two of them belongs to it ("Wong Kwok-kin").
fn proper_run(words: &[Word], s: usize, e: usize, h: usize) -> (usize, usize) {
    let proper = |k: usize| words.get(k).is_some_and(is_proper);
    let glued_hyphen = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| w.xpos == "HYPH" && !w.space_after)
            && k > 0
            && words.get(k - 1).is_some_and(|w| !w.space_after)
    };
    let mut a = h;
    while a > s && (proper(a - 1) || a >= s + 2 && glued_hyphen(a - 1) && proper(a - 2)) {
        a -= if proper(a - 1) { 1 } else { 2 };
    }
    let mut z = h;
    while z < e && (proper(z + 1) || z + 2 <= e && glued_hyphen(z + 1) && proper(z + 2)) {
        z += if proper(z + 1) { 1 } else { 2 };
    }
    (a, z)
}

/// The name proper: UD attaches a multiword name's other words to its
/// first with `flat` (and those to theirs), and titles before it with
/// `compound` or `amod`. Only for a word with `flat` dependents: "States"
/// alone is no name of "United States" (a `compound`).
fn flat_name(words: &[Word], s: usize, e: usize, h: usize) -> Option<(usize, usize)> {
    let mut name = BTreeSet::from([h]);
    loop {
        let more: Vec<usize> = (s..=e)
            .filter(|k| !name.contains(k))
            .filter(|&k| {
                words.get(k).is_some_and(|w| {
                    w.deprel.starts_with("flat") && w.head.is_some_and(|x| name.contains(&x))
                })
            })
            .collect();
        if more.is_empty() {
            break;
        }
        name.extend(more);
    }
    let (&a, &z) = name.first().zip(name.last())?;
    (name.len() > 1).then_some((a, z))
}

/// Function words inside names ("University of Sheffield", "Ministry of
/// Culture and Sports").
const NAME_LINKS: &[&str] = &["of", "the", "and", "for", "on", "de", "&"];

/// The proper-noun run `run` continued through linking words to the next
/// runs, each stop a form: "University of Sheffield" and "University of
/// Sheffield of the UK" from "the University of Sheffield of the UK", whose
/// minimal span GUM gives as "University of Sheffield of the UK".
fn name_phrases(words: &[Word], e: usize, run: (usize, usize)) -> Vec<(usize, usize)> {
    let (a, mut z) = run;
    let mut out = Vec::new();
    loop {
        let mut k = z + 1;
        while k <= e
            && words
                .get(k)
                .is_some_and(|w| NAME_LINKS.contains(&w.form.as_str()))
        {
            k += 1;
        }
        if k == z + 1 || k > e || !words.get(k).is_some_and(is_proper) {
            return out;
        }
        z = proper_run(words, k, e, k).1;
        out.push((a, z));
    }
}

/// Lowercase, spaces collapsed, curly quotes straightened, a leading
/// "the" dropped.
pub fn normalise(s: &str) -> String {
    let straight: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201f}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let words: Vec<&str> = straight.split_whitespace().collect();
    match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest.join(" "),
        _ => words.join(" "),
    }
}

/// CoNLL-2003 documents with their gold spans, split and detokenised as
/// `examples/quality.rs` does (its `conll_documents`, with the spans
/// kept): on `-DOCSTART-` lines, or, when the file has none, before the
/// headline that precedes each dateline sentence ("LONDON 1996-08-30").
pub fn conll_documents(text: &str, origin: &str) -> Vec<GoldDoc> {
    // (starts a document, tokens, NER tags)
    let mut sentences: Vec<(bool, Vec<&str>, Vec<&str>)> = Vec::new();
    let (mut cur, mut tags): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut docstart = false;
    for l in text.lines() {
        let mut cols = l.split_whitespace();
        let tok = cols.next().unwrap_or("");
        if tok == "-DOCSTART-" {
            docstart = true;
            continue;
        }
        if tok.is_empty() {
            if !cur.is_empty() {
                sentences.push((
                    docstart,
                    std::mem::take(&mut cur),
                    std::mem::take(&mut tags),
                ));
                docstart = false;
            }
            continue;
        }
        cur.push(tok);
        tags.push(cols.last().unwrap_or("O"));
    }
    if !cur.is_empty() {
        sentences.push((docstart, cur, tags));
    }
    let has_docstart = sentences.iter().any(|(d, _, _)| *d);
    let is_dateline = |toks: &Vec<&str>| {
        toks.len() <= 8
            && toks.last().is_some_and(|t| {
                t.len() == 10
                    && t.chars().enumerate().all(|(i, c)| {
                        if i == 4 || i == 7 {
                            c == '-'
                        } else {
                            c.is_ascii_digit()
                        }
                    })
            })
    };
    let mut starts = BTreeSet::new();
    starts.insert(0usize);
    for (i, (d, toks, _)) in sentences.iter().enumerate() {
        if has_docstart && *d {
            starts.insert(i);
        }
        if !has_docstart && i > 0 && is_dateline(toks) {
            starts.insert(i - 1);
        }
    }
    let starts: Vec<usize> = starts.into_iter().collect();
    let mut docs = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(sentences.len());
        let mut body = String::new();
        let mut mentions = Vec::new();
        for (_, toks, tags) in sentences.get(s..e).unwrap_or(&[]) {
            body.push_str(&detokenize(toks));
            body.push('\n');
            mentions.extend(conll_mentions(toks, tags));
        }
        if !body.trim().is_empty() {
            docs.push(GoldDoc {
                name: format!("{origin}#{k}"),
                id: DocId::from_text(&body),
                text: body,
                date: None,
                mentions,
            });
        }
    }
    docs
}

/// The spans of one sentence's IOB tags (IOB1 or IOB2: an `I-` after
/// another type starts a span too) as named mentions.
fn conll_mentions(toks: &[&str], tags: &[&str]) -> Vec<GoldMention> {
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        let (b, t) = match tag.split_once('-') {
            Some((b, t)) => (b, t),
            None => continue,
        };
        match spans.last_mut() {
            Some((_, end, ty)) if b == "I" && *ty == t && *end + 1 == i => *end = i,
            _ => spans.push((i, i, t)),
        }
    }
    spans
        .into_iter()
        .map(|(a, z, t)| {
            let shown = detokenize(toks.get(a..=z).unwrap_or(&[]));
            let (etype, class) = match t {
                "PER" => ("person", GoldClass::Person),
                "ORG" => ("organization", GoldClass::Group),
                "LOC" => ("place", GoldClass::PlaceOrGroup),
                _ => ("misc", GoldClass::Other),
            };
            GoldMention {
                entity: None,
                etype: etype.to_string(),
                class,
                identity: None,
                named: true,
                forms: vec![normalise(&shown)],
                shown,
            }
        })
        .collect()
}

// ------------------------------------------------------------- scoring --

/// An entity node as scored: its kind, its names, its documents.
#[derive(Debug, Clone)]
pub struct EntityNode {
    pub label: String,
    pub kind: Kind,
    /// Label and aliases.
    pub names: Vec<String>,
    pub docs: Vec<DocId>,
    /// How often the graph read it: junk is listed most read first.
    pub mentions: u64,
}

/// The graph's persons, groups and places, in id order.
pub fn entity_nodes(graph: &KnowledgeGraph) -> Vec<EntityNode> {
    graph
        .nodes()
        .filter(|n| n.kind != Kind::Event)
        .map(|n| EntityNode {
            label: n.label.clone(),
            kind: n.kind,
            names: std::iter::once(n.label.clone())
                .chain(n.aliases.iter().cloned())
                .collect(),
            docs: n.documents.iter().copied().collect(),
            mentions: n.mentions,
        })
        .collect()
}

/// `hit` of `total`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ratio {
    pub hit: usize,
    pub total: usize,
}

impl Ratio {
    fn count(&mut self, hit: bool) {
        self.total += 1;
        self.hit += usize::from(hit);
    }
}

/// Split or merge counts: any, within a document, across documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spread {
    pub any: Ratio,
    pub within: Ratio,
    pub across: Ratio,
}

/// The scores of one corpus, and the failing items behind them.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub documents: usize,
    pub nodes: usize,
    pub precision: Ratio,
    pub junk: Ratio,
    pub kind: Ratio,
    pub recall: Ratio,
    /// Recall per gold type (person, organization, place).
    pub recall_by: BTreeMap<String, Ratio>,
    pub kind_recall: Ratio,
    /// `None` when the gold has no identities (CoNLL).
    pub splits: Option<Spread>,
    pub merges: Option<Spread>,
    /// `None` when the gold has no dates.
    pub dates: Option<Ratio>,
    pub lists: Lists,
}

/// Every failing item, one line each, sorted.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub junk: Vec<String>,
    pub unnamed: Vec<String>,
    pub wrong_kind: Vec<String>,
    pub splits: Vec<String>,
    pub merges: Vec<String>,
    pub missed: Vec<String>,
    pub undated: Vec<String>,
}

/// A mention of the gold: (document, mention) indices.
type At = (usize, usize);

/// Scores `nodes` against the gold `docs`; `dates` are the graph's
/// document dates.
pub fn score(
    docs: &[GoldDoc],
    nodes: &[EntityNode],
    dates: &BTreeMap<DocId, Option<String>>,
) -> Score {
    let matched = match_nodes(docs, nodes);
    let mut s = Score {
        documents: docs.len(),
        nodes: nodes.len(),
        ..Score::default()
    };
    node_scores(docs, nodes, &matched, &mut s);
    recall(docs, nodes, &matched, &mut s);
    if docs
        .iter()
        .flat_map(|d| &d.mentions)
        .any(|m| m.entity.is_some())
    {
        splits(docs, nodes, &matched, &mut s);
        merges(docs, nodes, &matched, &mut s);
    }
    if docs.iter().any(|d| d.date.is_some()) {
        let mut r = Ratio::default();
        let mut undated = Vec::new();
        for d in docs.iter().filter(|d| d.date.is_some()) {
            let got = dates.get(&d.id).cloned().flatten();
            r.count(got == d.date);
            if got != d.date {
                let line = format!(
                    "{}: gold {}, graph {}",
                    d.name,
                    d.date.as_deref().unwrap_or("-"),
                    got.as_deref().unwrap_or("none")
                );
                undated.push((0, line));
            }
        }
        s.dates = Some(r);
        s.lists.undated = sorted(undated);
    }
    s
}

/// For each node, the gold mentions its names match in its documents.
fn match_nodes(docs: &[GoldDoc], nodes: &[EntityNode]) -> Vec<BTreeSet<At>> {
    let by_id: BTreeMap<DocId, usize> = docs.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let index: Vec<BTreeMap<&str, Vec<usize>>> = docs
        .iter()
        .map(|d| {
            let mut ix: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (m, mention) in d.mentions.iter().enumerate() {
                for f in &mention.forms {
                    ix.entry(f.as_str()).or_default().push(m);
                }
            }
            ix
        })
        .collect();
    nodes
        .iter()
        .map(|n| {
            let names: BTreeSet<String> = n.names.iter().map(|x| normalise(x)).collect();
            let mut found = BTreeSet::new();
            for d in n.docs.iter().filter_map(|id| by_id.get(id)) {
                for name in &names {
                    if let Some(ms) = index.get(*d).and_then(|ix| ix.get(name.as_str())) {
                        found.extend(ms.iter().map(|&m| (*d, m)));
                    }
                }
            }
            found
        })
        .collect()
}

fn mention_at(docs: &[GoldDoc], (d, m): At) -> Option<&GoldMention> {
    docs.get(d).and_then(|d| d.mentions.get(m))
}

/// The named mentions among `found`.
fn named_at<'a>(docs: &'a [GoldDoc], found: &BTreeSet<At>) -> Vec<(At, &'a GoldMention)> {
    found
        .iter()
        .filter_map(|&a| mention_at(docs, a).map(|m| (a, m)))
        .filter(|(_, m)| m.named)
        .collect()
}

fn doc_names(docs: &[GoldDoc], ids: &[DocId]) -> String {
    let names: BTreeSet<String> = ids
        .iter()
        .map(|id| {
            docs.iter()
                .find(|d| d.id == *id)
                .map_or_else(|| id.hex(), |d| d.name.clone())
        })
        .collect();
    names.into_iter().collect::<Vec<_>>().join(", ")
}

/// Precision, junk and kind accuracy, with their failing nodes.
fn node_scores(docs: &[GoldDoc], nodes: &[EntityNode], matched: &[BTreeSet<At>], s: &mut Score) {
    let (mut junk, mut unnamed, mut wrong) = (Vec::new(), Vec::new(), Vec::new());
    for (n, found) in nodes.iter().zip(matched) {
        let named: Vec<&GoldMention> = named_at(docs, found).into_iter().map(|(_, m)| m).collect();
        s.precision
            .count(named.iter().any(|m| m.class.accepts(n.kind)));
        s.junk.count(found.is_empty());
        if found.is_empty() {
            let line = format!(
                "{} ({}) ×{} in {}",
                n.label,
                n.kind,
                n.mentions,
                doc_names(docs, &n.docs)
            );
            let most = usize::try_from(n.mentions).unwrap_or(usize::MAX);
            junk.push((most, line));
        } else if named.is_empty() {
            let shown: BTreeSet<&str> = found
                .iter()
                .filter_map(|&a| mention_at(docs, a))
                .map(|m| m.shown.as_str())
                .collect();
            let shown: Vec<&str> = shown.into_iter().collect();
            let line = format!("{} ({}) = unnamed {}", n.label, n.kind, shown.join(" | "));
            unnamed.push((found.len(), line));
        } else {
            let (right, gold) = majority(&named, n.kind);
            s.kind.count(right);
            if !right {
                let line = format!("{} ({}), gold {gold} ×{}", n.label, n.kind, named.len());
                wrong.push((named.len(), line));
            }
        }
    }
    s.lists.junk = sorted(junk);
    s.lists.unnamed = sorted(unnamed);
    s.lists.wrong_kind = sorted(wrong);
}

/// Whether the majority gold class of `named` accepts `kind` (a tie: any
/// tied class), and that class as shown (the commonest type for "other").
fn majority(named: &[&GoldMention], kind: Kind) -> (bool, String) {
    let mut count: BTreeMap<GoldClass, usize> = BTreeMap::new();
    let mut other: BTreeMap<&str, usize> = BTreeMap::new();
    for m in named {
        *count.entry(m.class).or_default() += 1;
        if m.class == GoldClass::Other {
            *other.entry(m.etype.as_str()).or_default() += 1;
        }
    }
    let top = count.values().copied().max().unwrap_or(0);
    let tied: Vec<GoldClass> = count
        .into_iter()
        .filter(|&(_, c)| c == top)
        .map(|(g, _)| g)
        .collect();
    let right = tied.iter().any(|g| g.accepts(kind));
    let etype = other
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map_or("other", |(t, _)| *t);
    let shown: Vec<&str> = tied
        .iter()
        .map(|g| match g {
            GoldClass::Other => etype,
            g => g.name(),
        })
        .collect();
    (right, shown.join("|"))
}

/// Recall of named person/organization/place mentions, per type and
/// kind-correct, with the missed ones aggregated by text.
fn recall(docs: &[GoldDoc], nodes: &[EntityNode], matched: &[BTreeSet<At>], s: &mut Score) {
    let mut by: BTreeMap<At, Vec<Kind>> = BTreeMap::new();
    for (n, found) in nodes.iter().zip(matched) {
        for a in found {
            by.entry(*a).or_default().push(n.kind);
        }
    }
    let mut missed: BTreeMap<(String, String), (usize, BTreeSet<String>)> = BTreeMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for (m, g) in doc.mentions.iter().enumerate() {
            if !g.named || g.class == GoldClass::Other {
                continue;
            }
            let kinds = by.get(&(d, m)).map_or(&[][..], Vec::as_slice);
            let hit = !kinds.is_empty();
            s.recall.count(hit);
            s.recall_by.entry(g.etype.clone()).or_default().count(hit);
            s.kind_recall
                .count(kinds.iter().any(|&k| g.class.accepts(k)));
            if !hit {
                let e = missed
                    .entry((g.shown.clone(), g.etype.clone()))
                    .or_default();
                e.0 += 1;
                e.1.insert(doc.name.clone());
            }
        }
    }
    let lines = missed
        .into_iter()
        .map(|((text, etype), (n, in_docs))| {
            let mut names: Vec<String> = in_docs.into_iter().collect();
            if names.len() > 3 {
                let more = names.len() - 3;
                names.truncate(3);
                names.push(format!("+{more}"));
            }
            (n, format!("{text} ({etype}) ×{n} in {}", names.join(", ")))
        })
        .collect();
    s.lists.missed = sorted(lines);
}

/// The identity of a named person/organization/place mention, and how it
/// is shown.
fn identity(docs: &[GoldDoc], a: At) -> Option<(String, String)> {
    let m = mention_at(docs, a)?;
    if !m.named || m.class == GoldClass::Other {
        return None;
    }
    match (&m.identity, &m.entity) {
        (Some(i), _) => Some((i.clone(), i.clone())),
        (None, Some(e)) => Some((e.clone(), format!("{e} \"{}\"", m.shown))),
        (None, None) => None,
    }
}

/// Whether two of the sets in `per_doc` have nothing in common.
fn disjoint_pair<T: Ord>(per_doc: &BTreeMap<usize, BTreeSet<T>>) -> bool {
    let sets: Vec<&BTreeSet<T>> = per_doc.values().collect();
    sets.iter()
        .enumerate()
        .any(|(i, a)| sets.iter().skip(i + 1).any(|b| a.is_disjoint(b)))
}

/// Identities matched by two or more nodes.
fn splits(docs: &[GoldDoc], nodes: &[EntityNode], matched: &[BTreeSet<At>], s: &mut Score) {
    // identity → (shown, document → nodes matching it there)
    let mut ids: BTreeMap<String, (String, BTreeMap<usize, BTreeSet<usize>>)> = BTreeMap::new();
    for (i, found) in matched.iter().enumerate() {
        for &a in found {
            if let Some((key, shown)) = identity(docs, a) {
                let e = ids.entry(key).or_insert_with(|| (shown, BTreeMap::new()));
                e.1.entry(a.0).or_default().insert(i);
            }
        }
    }
    let mut spread = Spread::default();
    let mut lines = Vec::new();
    for (shown, per_doc) in ids.values() {
        let all: BTreeSet<usize> = per_doc.values().flatten().copied().collect();
        spread.any.count(all.len() > 1);
        spread.within.count(per_doc.values().any(|n| n.len() > 1));
        spread.across.count(disjoint_pair(per_doc));
        if all.len() > 1 {
            let labels: Vec<String> = all
                .iter()
                .filter_map(|&i| nodes.get(i))
                .map(|n| format!("{} ({})", n.label, n.kind))
                .collect();
            lines.push((all.len(), format!("{shown} → {}", labels.join(" / "))));
        }
    }
    s.splits = Some(spread);
    s.lists.splits = sorted(lines);
}

/// Nodes whose named mentions carry two or more Wikipedia identities.
fn merges(docs: &[GoldDoc], nodes: &[EntityNode], matched: &[BTreeSet<At>], s: &mut Score) {
    let mut spread = Spread::default();
    let mut lines = Vec::new();
    for (n, found) in nodes.iter().zip(matched) {
        let named = named_at(docs, found);
        if named.is_empty() {
            continue;
        }
        let mut per_doc: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
        for ((d, _), m) in &named {
            if let Some(i) = &m.identity {
                per_doc.entry(*d).or_default().insert(i.as_str());
            }
        }
        let all: BTreeSet<&str> = per_doc.values().flatten().copied().collect();
        spread.any.count(all.len() > 1);
        spread.within.count(per_doc.values().any(|i| i.len() > 1));
        spread.across.count(disjoint_pair(&per_doc));
        if all.len() > 1 {
            let ids: Vec<&str> = all.into_iter().collect();
            let line = format!("{} ({}) → {}", n.label, n.kind, ids.join(" + "));
            lines.push((ids.len(), line));
        }
    }
    s.merges = Some(spread);
    s.lists.merges = sorted(lines);
}

/// Lines by count, largest first, then by text.
fn sorted(mut lines: Vec<(usize, String)>) -> Vec<String> {
    lines.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    lines.into_iter().map(|(_, l)| l).collect()
}

// -------------------------------------------------------------- output --

fn ratio(r: Ratio) -> String {
    if r.total == 0 {
        return "– (0/0)".into();
    }
    format!(
        "{:.3} ({}/{})",
        r.hit as f64 / r.total as f64,
        r.hit,
        r.total
    )
}

fn percent(r: Ratio) -> String {
    if r.total == 0 {
        return "– (0/0)".into();
    }
    format!(
        "{:.1}% ({}/{})",
        100.0 * r.hit as f64 / r.total as f64,
        r.hit,
        r.total
    )
}

/// The report's rows: metric and target.
const ROWS: [(&str, &str); 17] = [
    ("Documents", ""),
    ("Entity nodes (person/group/place)", ""),
    ("Node precision", "≥ 0.92"),
    ("Junk nodes", "≤ 2%"),
    ("Kind accuracy", "≥ 0.95"),
    ("Recall of named persons/orgs/places", "≥ 0.85"),
    ("… persons", ""),
    ("… organisations", ""),
    ("… places", ""),
    ("Kind-correct recall", ""),
    ("Split identities", "≤ 3%"),
    ("… within a document", ""),
    ("… across documents", ""),
    ("Nodes merging identities", "≤ 1%"),
    ("… within a document", ""),
    ("… across documents", ""),
    ("Documents dated right", ""),
];

/// One corpus's column of the report, in [`ROWS`] order.
fn column(s: &Score) -> [String; 17] {
    let by = |t: &str| ratio(s.recall_by.get(t).copied().unwrap_or_default());
    let spread = |x: Option<Spread>, f: fn(Spread) -> Ratio| {
        x.map_or_else(|| "n/a (no identities)".into(), |x| percent(f(x)))
    };
    [
        s.documents.to_string(),
        s.nodes.to_string(),
        ratio(s.precision),
        percent(s.junk),
        ratio(s.kind),
        ratio(s.recall),
        by("person"),
        by("organization"),
        by("place"),
        ratio(s.kind_recall),
        spread(s.splits, |x| x.any),
        spread(s.splits, |x| x.within),
        spread(s.splits, |x| x.across),
        spread(s.merges, |x| x.any),
        spread(s.merges, |x| x.within),
        spread(s.merges, |x| x.across),
        s.dates.map_or_else(|| "n/a (no dates)".into(), ratio),
    ]
}

/// The report: one row per metric, a column per corpus and the targets.
pub fn table(gum: Option<&Score>, conll: Option<&Score>) -> String {
    let absent = || std::array::from_fn::<String, 17, _>(|_| "absent".into());
    let (g, c) = (
        gum.map_or_else(absent, column),
        conll.map_or_else(absent, column),
    );
    let mut out =
        String::from("| Metric | GUM Wikinews | CoNLL dev | Target |\n|---|---|---|---|\n");
    for (((name, target), g), c) in ROWS.iter().zip(&g).zip(&c) {
        let _ = writeln!(out, "| {name} | {g} | {c} | {target} |");
    }
    out
}

/// Every failing item of one corpus, by class.
pub fn lists(corpus: &str, s: &Score) -> String {
    let l = &s.lists;
    // Split, merge and date lists only where the gold can tell.
    let classes: [(&str, &Vec<String>, bool); 7] = [
        (
            "junk nodes (label (kind) ×mentions in documents)",
            &l.junk,
            true,
        ),
        ("nodes matching only unnamed mentions", &l.unnamed, true),
        (
            "wrong-kind nodes (label (our kind), gold kind ×named mentions)",
            &l.wrong_kind,
            true,
        ),
        (
            "split identities (identity → nodes)",
            &l.splits,
            s.splits.is_some(),
        ),
        (
            "merging nodes (label → identities)",
            &l.merges,
            s.merges.is_some(),
        ),
        (
            "missed named mentions (text (type) ×count in documents)",
            &l.missed,
            true,
        ),
        ("documents dated wrong", &l.undated, s.dates.is_some()),
    ];
    let mut out = String::new();
    for (title, items, _) in classes.into_iter().filter(|c| c.2) {
        let _ = writeln!(out, "\n### {corpus}: {title}: {}\n", items.len());
        for item in items {
            let _ = writeln!(out, "- {item}");
        }
    }
    out
}
