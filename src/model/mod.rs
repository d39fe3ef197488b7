//! The typed data that flows between the pipeline stages.
//!
//! Every stage reads one of these types and produces the next one, so a stage
//! can be swapped without touching its neighbours:
//! [`Document`] → [`Analyzed`] (tokens, sentences) → [`Mention`]s →
//! [`DocEntities`] (resolution inside one document) → [`LocalRelation`]s and
//! [`LocalEvent`]s, bundled in a [`DocResult`] → the global graph
//! ([`crate::graph::KnowledgeGraph`]).
//!
//! The stage traits that hand these types on are in [`stage`].
//!
//! Spans are byte ranges into the original document text: slicing
//! `doc.text[span.range()]` gives back exactly what was read.

pub mod stage;

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A byte range into a document's original text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
    /// The text under the span, or "" when the span does not fit the text
    /// (never panics on a span from another document).
    pub fn text(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }
}

/// A document id derived from the document's content, so that renaming or
/// reordering input files never changes the graph.
///
/// Held as the number and shown as 16 hex digits: every evidence record and
/// document set carries one, so a number (8 bytes, no allocation) keeps a
/// large graph small, and numeric order is the order of the hex strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(pub u64);

impl DocId {
    /// 64-bit FNV-1a of the text: stable across platforms and releases
    /// (unlike `std`'s `DefaultHasher`).
    pub fn from_text(text: &str) -> Self {
        DocId(crate::util::hash::fnv(text.as_bytes()))
    }

    /// The 16 hex digits users see.
    pub fn hex(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl Serialize for DocId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DocId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16)
            .map(DocId)
            .map_err(|_| serde::de::Error::custom(format!("not a document id: {s:?}")))
    }
}

/// What is known about a document besides its text. Everything here may reach
/// the output, so nothing here depends on the file's name or location.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    /// First non-boilerplate line, or the record's title.
    pub title: Option<String>,
    /// Publication date, ISO 8601 (`YYYY-MM-DD`), given or read from the
    /// text (a date line near the top, else the dateline's date).
    pub date: Option<String>,
    pub url: Option<String>,
    /// What the page furniture says of the document; None when it says
    /// nothing. Boxed: most documents of a large corpus have none, and
    /// the graph keeps every document's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub furniture: Option<Box<Furniture>>,
}

/// What a document's page furniture says of it: who published and wrote
/// it (dateline agency, byline, credits), where and when it was filed
/// (the dateline).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Furniture {
    /// The agency or outlet ("Reuters", "Associated Press").
    pub publisher: Option<String>,
    /// The writers, in the order credited.
    pub authors: Vec<String>,
    /// The dateline's place as written, capitals tidied ("New York",
    /// "Kabul, Afghanistan").
    pub dateline_place: Option<String>,
    /// The dateline's date: `YYYY-MM-DD`, or `--MM-DD` (ISO 8601 without
    /// a year) when the document gives no year for it.
    pub dateline_date: Option<String>,
}

impl Furniture {
    pub fn is_empty(&self) -> bool {
        self.publisher.is_none()
            && self.authors.is_empty()
            && self.dateline_place.is_none()
            && self.dateline_date.is_none()
    }
}

/// One input document.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: DocId,
    /// Where it came from (path, `stdin`, `file.jsonl:12`), for messages only:
    /// it never reaches the graph.
    pub origin: String,
    pub text: String,
    pub meta: DocMeta,
}

impl Document {
    pub fn new(origin: impl Into<String>, text: String) -> Self {
        Document {
            id: DocId::from_text(&text),
            origin: origin.into(),
            text,
            meta: DocMeta::default(),
        }
    }
}

/// A token: a byte span into the text. Its string is `span.text(&doc.text)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

/// A sentence: its span, and the range of its tokens in [`Analyzed::tokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
    /// Page furniture (bylines, photo credits, "RELATED:" links, calls to
    /// subscribe, the dateline before a story's first word, which is cut
    /// into a sentence of its own): kept for offsets, skipped by the
    /// extractors.
    pub boilerplate: bool,
}

/// A document cut into sentences and tokens.
#[derive(Debug, Clone)]
pub struct Analyzed<'a> {
    pub doc: &'a Document,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// What the furniture says (its `dateline_date` is left to the date
    /// reader: see `dateline_date` here).
    pub furniture: Furniture,
    /// The words of the dateline's date ("Dec 7"), when it has one.
    pub dateline_date: Option<Span>,
}

impl<'a> Analyzed<'a> {
    pub fn token_text(&self, i: usize) -> &'a str {
        match self.tokens.get(i) {
            Some(t) => t.span.text(&self.doc.text),
            None => "",
        }
    }
    pub fn sentence_text(&self, s: usize) -> &'a str {
        match self.sentences.get(s) {
            Some(s) => s.span.text(&self.doc.text),
            None => "",
        }
    }
}

/// The four CoNLL entity types a mention finder reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MentionLabel {
    Per,
    Org,
    Loc,
    Misc,
}

impl MentionLabel {
    pub fn as_str(self) -> &'static str {
        match self {
            MentionLabel::Per => "PER",
            MentionLabel::Org => "ORG",
            MentionLabel::Loc => "LOC",
            MentionLabel::Misc => "MISC",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "PER" => Some(MentionLabel::Per),
            "ORG" => Some(MentionLabel::Org),
            "LOC" => Some(MentionLabel::Loc),
            "MISC" => Some(MentionLabel::Misc),
            _ => None,
        }
    }
}

/// A span of text that names something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    /// Token range in [`Analyzed::tokens`].
    pub tokens: Range<usize>,
    /// Index in [`Analyzed::sentences`].
    pub sentence: usize,
    pub label: MentionLabel,
}

/// Node kinds of the graph.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Person,
    Group,
    Place,
    Event,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Person, Kind::Group, Kind::Place, Kind::Event];
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Group => "group",
            Kind::Place => "place",
            Kind::Event => "event",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "person" | "per" => Some(Kind::Person),
            "group" | "org" | "organization" | "organisation" => Some(Kind::Group),
            "place" | "loc" | "location" | "gpe" => Some(Kind::Place),
            "event" => Some(Kind::Event),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A person's role as the text states it ("Prime Minister" of "Iraq").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Role {
    /// Normalised title, e.g. "prime minister", "general", "commander".
    pub title: String,
    /// Canonical name of the group or place the role is in, when stated.
    pub of: Option<String>,
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.of {
            Some(of) => write!(f, "{} of {}", self.title, of),
            None => f.write_str(&self.title),
        }
    }
}

/// One entity as resolved inside a single document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalEntity {
    pub kind: Kind,
    /// The fullest name the document uses, titles stripped.
    pub name: String,
    /// Every surface form seen for it in this document (names as written,
    /// titles stripped), including `name` (except in the results
    /// [`crate::pipeline::Pipeline::process`] keeps when no alias-file merge
    /// applies: the graph builder adds `name` itself).
    pub aliases: BTreeSet<String>,
    /// Indices into the document's mention list.
    pub mentions: Vec<usize>,
    pub roles: BTreeSet<Role>,
    /// Only implied by demonyms ("Greek officials"), never named: the
    /// merge makes a node of it only where another document names it.
    pub implied: bool,
    /// A sports team named after its place ("England" beat "Sweden"): a
    /// group, and never the same node as the place.
    pub team: bool,
}

/// A mention with its title, demonym and modifier words cut off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// Absolute token range of the name itself (empty: nothing left).
    pub name_tokens: Range<usize>,
    /// The name as written, titles cut.
    pub name: String,
    /// Kind read from the label and context; `None` for untyped mentions
    /// (MISC), which only join entities named elsewhere.
    pub kind: Option<Kind>,
    /// The mention stands for a country: a country name or alias, a
    /// demonym ("Chilean"), or a title phrase led by one ("Chilean Prime").
    pub country: Option<&'static str>,
    /// True when the country was read from a demonym, not a name (the
    /// demonym is then not an alias of the country).
    pub demonym: bool,
    /// A demonym at the front of a name: cut ("Peruvian Navy Band" →
    /// "Navy Band"), or kept when the rest is generic ("Peruvian Navy").
    pub nationality: Option<&'static str>,
    /// A bare generic word ("Ministry", "Army") that names nothing unless
    /// it is the short form of a longer name in the same document.
    pub generic: bool,
    /// Not a name at all (a capitalised adjective such as "Sunni").
    pub junk: bool,
    /// The words around this mention show an organisation ("X shares",
    /// "X headquarters", "co-founder of X"): evidence that outweighs how
    /// a finder typed the name's other mentions.
    pub firm: bool,
    /// The words around this mention show a person: a title or an age
    /// right before the name ("president X", "the 20-year-old X") or
    /// ", who" right after it.
    pub person: bool,
    /// "the town of X", "the village of X": a place by the words before it.
    pub town: bool,
}

/// What a role is "of", as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfRef {
    /// Another mention (a group or place).
    Mention(usize),
    /// A country named by a demonym that is not itself a mention.
    Country(&'static str),
}

/// One role read around a person mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleMatch {
    /// The person mention.
    pub mention: usize,
    /// Normalised title ("prime minister", "general", "spokesman").
    pub title: String,
    pub of: Option<OfRef>,
    /// Bytes from the first title word to the end of the role phrase.
    pub span: Span,
}

/// Resolution inside one document.
#[derive(Debug, Clone, Default)]
pub struct DocEntities {
    pub entities: Vec<LocalEntity>,
    /// For each mention, the entity it belongs to (None: dropped as junk,
    /// or folded into another entity as a demonym/attribute).
    pub mention_entity: Vec<Option<usize>>,
    /// Each mention with titles and demonyms cut, parallel to the
    /// mentions, as resolution read them; kept so that relation extraction
    /// does not read them again (empty when not kept).
    pub cleaned: Vec<Cleaned>,
    /// The roles read around person mentions, likewise (None when not
    /// kept).
    pub roles: Option<Vec<RoleMatch>>,
    /// With an alias file that merges names: for each entity named as a
    /// merge target, each name that went into it and the kind its mention
    /// was read as (normalised target, kind, name as written), so that the
    /// merge can warn of a person joined with a place. Empty otherwise.
    pub alias_kinds: Vec<AliasKind>,
}

/// See [`DocEntities::alias_kinds`].
pub type AliasKind = (String, Kind, String);

/// A [`Span`] in four-byte offsets, as evidence records hold it: the
/// graph keeps millions of them, and a document is read whole into memory,
/// far below 4 GiB. Offsets past `u32::MAX` saturate.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct TextSpan {
    pub start: u32,
    pub end: u32,
}

impl TextSpan {
    pub fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    pub fn range(self) -> Range<usize> {
        self.span().range()
    }
    /// The text under the span, or "" when it does not fit the text.
    pub fn text(self, text: &str) -> &str {
        self.span().text(text)
    }
}

impl From<Span> for TextSpan {
    fn from(s: Span) -> Self {
        TextSpan {
            start: saturate32(s.start),
            end: saturate32(s.end),
        }
    }
}

/// `n` as a u32, or `u32::MAX` past it.
pub fn saturate32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where a relation or event was read. Forty bytes: sentence number and
/// offsets take four bytes each (they took eight, in records the graph
/// holds millions of).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    pub doc: DocId,
    pub sentence: u32,
    /// The bytes of the sentence (or the narrower span) that support it.
    pub span: TextSpan,
    /// The sentence text, capped at [`EVIDENCE_TEXT_CAP`] bytes. Shared:
    /// every relation and event read in one sentence points at one copy
    /// (see [`crate::resolve::GraphBuilder`]).
    pub text: Arc<str>,
}

impl Evidence {
    pub fn new(doc: DocId, sentence: usize, span: Span, text: Arc<str>) -> Self {
        Evidence {
            doc,
            sentence: saturate32(sentence),
            span: span.into(),
            text,
        }
    }
}

/// Longest evidence text kept, in bytes (cut at a char boundary).
pub const EVIDENCE_TEXT_CAP: usize = 300;

/// Node labels longer than this (bytes) are cut with "…": a run-away
/// mention (a page of capitalised words) must not become a megabyte label
/// that clients choke on (Graphviz rejects strings over 16 KB).
pub const LABEL_CAP: usize = 200;

/// Longest document title kept, in bytes.
pub const TITLE_CAP: usize = 200;

/// Cut `s` to at most `cap` bytes at a char boundary, marking the cut with "…".
pub fn cap_text(s: &str, cap: usize) -> String {
    if s.len() <= cap {
        return s.to_string();
    }
    let mut end = cap;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Edge types. The names (`as_str`) are what users see in every export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Named in the same sentence (undirected in meaning; stored source < target).
    CoMention,
    /// Person holds an office in a group or place (minister of, president of).
    HoldsOffice,
    /// Person leads a group.
    Leads,
    /// Person or group commands a military unit or force.
    Commands,
    /// Person belongs to a group.
    MemberOf,
    /// Group or place is part of a larger group or place.
    PartOf,
    /// Place or group is located in a place.
    LocatedIn,
    MetWith,
    Attacked,
    Killed,
    /// Person speaks for a group.
    SpokeFor,
    /// Person or group is of a nationality/country (from a demonym).
    NationalityOf,
    /// Event roles: from the event node to an entity node.
    Agent,
    Target,
    Participant,
    Location,
    /// Who reports the event ("…, the army said", "according to X").
    Source,
}

impl Relation {
    pub const ALL: [Relation; 17] = [
        Relation::CoMention,
        Relation::HoldsOffice,
        Relation::Leads,
        Relation::Commands,
        Relation::MemberOf,
        Relation::PartOf,
        Relation::LocatedIn,
        Relation::MetWith,
        Relation::Attacked,
        Relation::Killed,
        Relation::SpokeFor,
        Relation::NationalityOf,
        Relation::Agent,
        Relation::Target,
        Relation::Participant,
        Relation::Location,
        Relation::Source,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::CoMention => "co_mention",
            Relation::HoldsOffice => "holds_office",
            Relation::Leads => "leads",
            Relation::Commands => "commands",
            Relation::MemberOf => "member_of",
            Relation::PartOf => "part_of",
            Relation::LocatedIn => "located_in",
            Relation::MetWith => "met_with",
            Relation::Attacked => "attacked",
            Relation::Killed => "killed",
            Relation::SpokeFor => "spoke_for",
            Relation::NationalityOf => "nationality_of",
            Relation::Agent => "agent",
            Relation::Target => "target",
            Relation::Participant => "participant",
            Relation::Location => "location",
            Relation::Source => "source",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Relation::ALL.into_iter().find(|r| r.as_str() == s)
    }
    /// True for relations read from the text's wording, as opposed to
    /// co-occurrence.
    pub fn is_typed(self) -> bool {
        self != Relation::CoMention
    }
    /// True for the roles linking an event node to its entities.
    pub fn is_event_role(self) -> bool {
        matches!(
            self,
            Relation::Agent
                | Relation::Target
                | Relation::Participant
                | Relation::Location
                | Relation::Source
        )
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A relation between two entities of one document (indices into
/// [`DocEntities::entities`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalRelation {
    pub source: usize,
    pub target: usize,
    pub relation: Relation,
    pub evidence: Evidence,
}

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Withdrawal,
    Reduction,
    Deployment,
    Attack,
    Strike,
    Killing,
    Meeting,
    Visit,
    Invasion,
    Announcement,
    Agreement,
    Election,
    Vote,
    Protest,
    Capture,
    /// Workers stopping work ("a 48-hour strike by dockworkers"), apart
    /// from armed strikes.
    LabourStrike,
    /// A level of forces somewhere, as of a date ("8,892 US troops in Iraq
    /// as of late September"): no trigger word, a count of forces in a
    /// place.
    Presence,
    /// An event the text names ("the General Assembly", "the G7 summit").
    Named,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Withdrawal => "withdrawal",
            EventKind::Reduction => "reduction",
            EventKind::Deployment => "deployment",
            EventKind::Attack => "attack",
            EventKind::Strike => "strike",
            EventKind::Killing => "killing",
            EventKind::Meeting => "meeting",
            EventKind::Visit => "visit",
            EventKind::Invasion => "invasion",
            EventKind::Announcement => "announcement",
            EventKind::Agreement => "agreement",
            EventKind::Election => "election",
            EventKind::Vote => "vote",
            EventKind::Protest => "protest",
            EventKind::Capture => "capture",
            EventKind::LabourStrike => "labour_strike",
            EventKind::Presence => "presence",
            EventKind::Named => "named",
        }
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an event took place, as the text tells it. Ordered from most to
/// least factual: an occurrence read as happened in one report and as
/// planned in another happened.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Took place ("troops withdrew", "the attack on Monday").
    #[default]
    Happened,
    /// Going on as the report is written ("are withdrawing", "talks continue").
    Ongoing,
    /// Announced, planned or expected ("will withdraw", "plans to meet").
    Planned,
    /// Possible, threatened or conditional ("could strike", "if talks fail").
    Hypothetical,
    /// Said not to have happened, denied or called off ("did not meet").
    Negated,
}

impl EventStatus {
    pub const ALL: [EventStatus; 5] = [
        EventStatus::Happened,
        EventStatus::Ongoing,
        EventStatus::Planned,
        EventStatus::Hypothetical,
        EventStatus::Negated,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Happened => "happened",
            EventStatus::Ongoing => "ongoing",
            EventStatus::Planned => "planned",
            EventStatus::Hypothetical => "hypothetical",
            EventStatus::Negated => "negated",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        EventStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }
    /// Happened, going on or announced: what a timeline shows as fact.
    pub fn is_factual(self) -> bool {
        !matches!(self, EventStatus::Hypothetical | EventStatus::Negated)
    }
}

impl fmt::Display for EventStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A normalised time: ISO 8601 at the precision the text gives
/// (`2020`, `2020-09`, `2020-09-09`); `end` set for ranges.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TimeValue {
    pub start: String,
    pub end: Option<String>,
    /// The words it was read from ("last week", "in January").
    pub text: String,
}

/// How a number relates to the true value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Approx {
    Exact,
    /// "about", "nearly", "roughly", "some".
    About,
    /// "more than", "over", "at least".
    AtLeast,
    /// "less than", "under", "up to", "at most".
    AtMost,
}

/// A number attached to an event: a count, a change from/to, a percentage.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Quantity {
    /// The amount itself ("1,700 troops"), when it is not only a change.
    pub value: Option<f64>,
    /// Start and end of a change ("from 5,200 to 3,500").
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// What is counted ("troops", "percent", "attacks").
    pub unit: String,
    pub approx: Approx,
    /// Date the level holds at ("as of late September"), ISO.
    pub as_of: Option<String>,
    /// The words it was read from.
    pub text: String,
}

impl Quantity {
    /// The number as a reader writes it: "5,200→~3,500 troops", "~1,700
    /// troops", ">100 people", "60%", "→~4,000 troops" for a level a change
    /// goes to, with "(as of …)" when the text dates it. Every format and
    /// the timeline show quantities this way.
    pub fn reading(&self) -> String {
        let mark = match self.approx {
            Approx::Exact => "",
            Approx::About => "~",
            Approx::AtLeast => ">",
            Approx::AtMost => "<",
        };
        let mut s = match (self.value, self.from, self.to) {
            (_, Some(f), Some(t)) => format!("{}→{}{}", grouped(f), mark, grouped(t)),
            (Some(v), _, _) if self.unit == "fraction" => format!("{mark}{:.0}%", v * 100.0),
            (Some(v), _, _) => format!("{mark}{}", grouped(v)),
            (None, None, Some(t)) => format!("→{mark}{}", grouped(t)),
            (None, Some(f), None) => format!("{}→", grouped(f)),
            _ => self.text.clone(),
        };
        if !self.unit.is_empty() && self.unit != "fraction" {
            s.push(' ');
            s.push_str(&self.unit);
        }
        if let Some(d) = &self.as_of {
            s.push_str(&format!(" (as of {d})"));
        }
        s
    }
}

/// Integers with thousands separators ("-1,234,567"); other numbers as
/// they are.
pub fn grouped(v: f64) -> String {
    if !v.is_finite() || v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = format!("{}", v.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 { format!("-{out}") } else { out }
}

/// One event as read in one document. Roles point at local entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalEvent {
    pub kind: EventKind,
    /// For named events, and a short human label for the others
    /// ("withdrawal of troops from Iraq").
    pub label: String,
    /// Happened, planned, negated…: read from the trigger's clause.
    pub status: EventStatus,
    pub time: Option<TimeValue>,
    /// Time words that could not be resolved, kept as text.
    pub time_text: Option<String>,
    pub quantities: Vec<Quantity>,
    /// (role, local entity index). Role is one of the event-role relations.
    pub roles: Vec<(Relation, usize)>,
    /// Who acted, as the text describes them ("gunmen"), when no entity
    /// is the agent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent_text: Option<String>,
    /// The trigger word's span.
    pub trigger: Span,
    pub evidence: Evidence,
}

/// Everything extracted from one document: the unit that parallel workers
/// hand back and the graph builder merges.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub id: DocId,
    pub meta: DocMeta,
    pub entities: Vec<LocalEntity>,
    pub relations: Vec<LocalRelation>,
    pub events: Vec<LocalEvent>,
    /// Number of tokens, for statistics.
    pub tokens: usize,
    /// [`DocEntities::alias_kinds`], passed on.
    pub alias_kinds: Vec<AliasKind>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_id_depends_on_content_only() {
        let a = Document::new("a.txt", "Same text.".into());
        let b = Document::new("b/other.txt", "Same text.".into());
        let c = Document::new("a.txt", "Other text.".into());
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_eq!(a.id.hex().len(), 16);
    }

    #[test]
    fn doc_ids_keep_their_values() {
        // FNV-1a reference values: ids appear in every output, so the
        // hash behind them must not change.
        assert_eq!(DocId::from_text("").hex(), "cbf29ce484222325");
        assert_eq!(DocId::from_text("a").hex(), "af63dc4c8601ec8c");
        assert_eq!(DocId::from_text("foobar").hex(), "85944171f73967e8");
    }

    #[test]
    fn span_text_never_panics() {
        let s = Span::new(3, 100);
        assert_eq!(s.text("short"), "");
        assert_eq!(Span::new(0, 2).text("héllo"), "");
        assert_eq!(Span::new(0, 3).text("héllo"), "hé");
    }

    #[test]
    fn cap_text_cuts_at_char_boundary() {
        assert_eq!(cap_text("abc", 10), "abc");
        assert_eq!(cap_text("ééé", 3), "é…");
    }

    #[test]
    fn relation_names_round_trip() {
        for r in Relation::ALL {
            assert_eq!(Relation::parse(r.as_str()), Some(r));
        }
    }
}
