//! Events across sentences and documents: [`cluster`] groups the readings
//! of one occurrence (same kind, compatible time, shared roles or numbers)
//! and [`make_nodes`] makes one graph node per cluster, with its role
//! edges.

use crate::extract::dates::{self, TimeRef};
use crate::extract::events::make_label;
use crate::graph::{EventInfo, KnowledgeGraph, slug};
use crate::model::{
    DocId, EventKind, EventStatus, Evidence, Kind, LocalEvent, Quantity, Relation, Span, TimeValue,
};
use crate::util::compact::{Chunked, VecMap, VecSet, grow_exact, sort_stable_in_place};
use crate::util::lower::lower;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// True when two times can describe the same occurrence: their intervals
/// overlap ("2020-09" and "2020-09-09" do).
fn times_compatible(a: &TimeValue, b: &TimeValue) -> bool {
    match (
        dates::interval(&a.start, a.end.as_deref()),
        dates::interval(&b.start, b.end.as_deref()),
    ) {
        (Some((a0, a1)), Some((b0, b1))) => a0 <= b1 && b0 <= a1,
        _ => a.start == b.start,
    }
}

/// The more precise of two compatible times (longer ISO start, then no
/// range, then the earlier).
fn finer(a: &TimeValue, b: &TimeValue) -> bool {
    (b.start.len(), b.end.is_none(), std::cmp::Reverse(&b.start))
        > (a.start.len(), a.end.is_none(), std::cmp::Reverse(&a.start))
}

/// Whether time words without a year ("Jan. 8", "in January") fit `t`
/// when read from `t`'s own date; None when they say nothing checkable
/// (no month name).
fn words_fit(words: &str, t: &TimeValue) -> Option<bool> {
    let toks: Vec<&str> = crate::text::tokenize(words)
        .iter()
        .map(|x| x.span.text(words))
        .collect();
    if !toks.iter().any(|w| dates::month_number(w).is_some()) {
        return None;
    }
    // Read from the last day the other date covers, so that a past
    // reading lands inside it.
    let (_, anchor) = dates::interval(&t.start, t.end.as_deref())?;
    let lower: Vec<_> = toks.iter().map(|w| lower(w)).collect();
    let found = dates::scan(&toks, &lower, Some(anchor));
    let value = found.iter().find_map(|(_, v)| match v {
        TimeRef::Value(v) => Some(v.clone()),
        _ => None,
    })?;
    Some(times_compatible(&value, t))
}

/// The same reported number: equal change or equal amount, same unit.
/// Statuses whose readings may be one occurrence: what happened, goes on
/// or was announced (a plan reported before it was carried out); what
/// might happen; what did not.
fn factuality(s: EventStatus) -> u8 {
    match s {
        EventStatus::Happened | EventStatus::Ongoing | EventStatus::Planned => 0,
        EventStatus::Hypothetical => 1,
        EventStatus::Negated => 2,
    }
}

fn same_quantity(a: &Quantity, b: &Quantity) -> bool {
    a.unit == b.unit
        && if a.from.is_some() || b.from.is_some() {
            a.from == b.from && a.to == b.to
        } else {
            a.value == b.value && a.unit != "fraction" && a.unit != "percent"
        }
}

/// One document's event ready for the merge. Its roles' entities are not
/// the document's but places in the node id list given to [`cluster`]
/// (one shared copy of each id for every reading).
#[derive(Debug, Clone)]
pub struct EventItem {
    /// The document's place in id order.
    pub rank: usize,
    pub doc: DocId,
    pub ev: LocalEvent,
}

/// Roles with the node ids they point at (a place outside `ids` names no
/// node and is left out).
fn roles_of<'a>(
    roles: &'a [(Relation, usize)],
    ids: &'a [Arc<str>],
) -> impl Iterator<Item = (Relation, &'a Arc<str>)> + 'a {
    roles
        .iter()
        .filter_map(move |&(r, i)| Some((r, ids.get(i)?)))
}

struct Cluster {
    kind: EventKind,
    /// The most factual status of its readings.
    status: EventStatus,
    name: Option<String>,
    time: Option<TimeValue>,
    time_text: Option<String>,
    /// The first reading's description of who acted, if any.
    agent_text: Option<String>,
    /// Entity node ids by role, with how often each was read.
    roles: VecMap<(Relation, Arc<str>), u64>,
    docs: VecSet<usize>,
    quantities: Vec<Quantity>,
    /// Every entity node id in `roles`.
    ents: VecSet<Arc<str>>,
    /// Every number key of its readings ([`quantity_keys`]).
    qkeys: VecSet<String>,
    /// The label of its first reading, for a named event.
    label: String,
    members: Vec<Member>,
}

/// What the node of a cluster needs of one of its readings, moved out of
/// the reading so that the readings can be freed before the nodes are
/// made (they were a quarter of a kilobyte each, and the nodes' peak came
/// on top of them).
struct Member {
    doc: DocId,
    evidence: Evidence,
    roles: Vec<(Relation, usize)>,
    quantities: Vec<Quantity>,
}

#[derive(Default)]
struct KeyIndex {
    /// Per key, its newest link.
    heads: crate::util::hash::HashKeyed<u32>,
    /// (cluster, the key's previous link or [`KeyIndex::END`]).
    links: Vec<(u32, u32)>,
}

impl KeyIndex {
    const END: u32 = u32::MAX;

    /// Lists `cluster` under `key` (once, if it was the last listed).
    fn add(&mut self, key: u64, cluster: u32) {
        let next = self.links.len() as u32;
        match self.heads.entry(key) {
            std::collections::hash_map::Entry::Occupied(mut e) => {
                let head = *e.get();
                if self
                    .links
                    .get(head as usize)
                    .is_some_and(|l| l.0 == cluster)
                {
                    return;
                }
                self.links.push((cluster, head));
                e.insert(next);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                self.links.push((cluster, Self::END));
                e.insert(next);
            }
        }
    }

    /// The clusters listed under `key`, newest first.
    fn get(&self, key: u64) -> impl Iterator<Item = u32> + '_ {
        let mut at = self.heads.get(&key).copied().unwrap_or(Self::END);
        std::iter::from_fn(move || {
            let &(cluster, prev) = self.links.get(at as usize)?;
            at = prev;
            Some(cluster)
        })
    }
}

/// The identity of a named event: its normalised name without a year
/// ("2014 Paralympic Games" and "the Paralympic Games" are one name; the
/// year is the event's time, which keeps the 2014 and 2018 editions apart).
fn named_key(label: &str) -> String {
    let key = crate::resolve::normalize(label);
    let is_year = |w: &str| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
    let words: Vec<&str> = key.split(' ').filter(|w| !is_year(w)).collect();
    if words.is_empty() {
        key
    } else {
        words.join(" ")
    }
}

/// Index keys under which a reading can find the clusters it may join:
/// every merge rule needs a shared entity, the same document, the same
/// name or the same number, so only clusters under one of its keys are
/// compared (linear in the corpus, not quadratic). These are the keys of
/// the document and name; entities and numbers are keyed with a year or
/// entities in pairs ([`lookup_keys`]), as a busy entity ("the United
/// States") or number alone would list most clusters of a large corpus.
fn merge_keys(kind: EventKind, r: usize, name: Option<&str>) -> Vec<(EventKind, String)> {
    let mut keys = vec![(kind, format!("d:{r}"))];
    if let Some(n) = name {
        keys.push((kind, format!("n:{n}")));
    }
    keys
}

/// The numbers a reading can be matched on (see `same_quantity`).
fn quantity_keys(qs: &[Quantity]) -> BTreeSet<String> {
    qs.iter()
        .filter_map(|q| match (q.from, q.to, q.value) {
            (Some(f), t, _) => Some(format!("q:{f}:{t:?}:{}", q.unit)),
            (None, _, Some(v)) if q.unit != "fraction" && q.unit != "percent" => {
                Some(format!("q:{v}:{}", q.unit))
            }
            _ => None,
        })
        .collect()
}

/// Ranges longer than this many years are looked up by entity alone.
const WIDE_YEARS: i64 = 20;

/// The years a time covers, or None when it is too wide (or unreadable)
/// to list: such a time may overlap any other.
fn years(t: &TimeValue) -> Option<std::ops::RangeInclusive<i64>> {
    let (a, b) = dates::interval(&t.start, t.end.as_deref())?;
    let (a, b) = (i64::from(a.y), i64::from(b.y));
    (b - a <= WIDE_YEARS).then_some(a..=b)
}

/// Entity keys a reading looks up. A dated reading can only join a cluster
/// whose time overlaps its own (all clusters are dated while dated readings
/// are merged, as they come first), so they share a year: keys are
/// (entity, year). An undated reading can only join a cluster of another
/// document that shares two of its entities (or its document or name,
/// keyed by [`merge_keys`]): keys are entity pairs. Numbers join only dated
/// readings of overlapping times (or readings of one document), so they
/// are keyed like entities, with the year.
fn lookup_keys(
    kind: EventKind,
    time: Option<&TimeValue>,
    ents: &BTreeSet<&str>,
    qkeys: &BTreeSet<String>,
) -> Vec<(EventKind, String)> {
    let mut keys = Vec::new();
    let tokens = || ents.iter().copied().chain(qkeys.iter().map(String::as_str));
    match time {
        Some(t) => match years(t) {
            Some(ys) => {
                for e in tokens() {
                    keys.extend(ys.clone().map(|y| (kind, format!("y:{e}|{y}"))));
                    keys.push((kind, format!("y:{e}|wide")));
                }
            }
            None => keys.extend(tokens().map(|e| (kind, format!("y:{e}|*")))),
        },
        None => {
            for (i, a) in ents.iter().enumerate() {
                for b in ents.iter().skip(i + 1) {
                    keys.push((kind, format!("p:{a}|{b}")));
                }
            }
        }
    }
    keys
}

/// Entity keys a cluster is listed under once `new` entities joined it (or
/// its time changed, `all` true: every entity again): each of its
/// entities with every year of its time ("wide" for a wide time, and "*"
/// for wide readings), and every pair of its entities.
fn register_keys(
    kind: EventKind,
    c: &Cluster,
    new: &[Arc<str>],
    new_q: &[String],
    all: bool,
) -> Vec<(EventKind, String)> {
    let mut keys = Vec::new();
    let fresh: Vec<&str> = if all {
        c.ents
            .iter()
            .map(|e| &**e)
            .chain(c.qkeys.iter().map(String::as_str))
            .collect()
    } else {
        new.iter()
            .map(|e| &**e)
            .chain(new_q.iter().map(String::as_str))
            .collect()
    };
    if let Some(t) = &c.time {
        let ys = years(t);
        for e in &fresh {
            keys.push((kind, format!("y:{e}|*")));
            match &ys {
                Some(ys) => keys.extend(ys.clone().map(|y| (kind, format!("y:{e}|{y}")))),
                None => keys.push((kind, format!("y:{e}|wide"))),
            }
        }
    }
    for e in new {
        for other in &c.ents {
            if other != e {
                let (a, b) = if **e < **other {
                    (&**e, &**other)
                } else {
                    (&**other, &**e)
                };
                keys.push((kind, format!("p:{a}|{b}")));
            }
        }
    }
    keys
}

/// The events' readings grouped into occurrences, before they become
/// nodes ([`make_nodes`]). Needs no graph: a build clusters the events
/// before the relations go onto the entity nodes.
pub struct Clusters(Chunked<Cluster>);

/// The order readings are clustered in: dated events first, finest dates
/// first, so undated mentions and vaguer dates join the precise occurrence.
#[allow(clippy::type_complexity)]
fn cluster_order(
    x: &EventItem,
) -> (
    EventKind,
    bool,
    std::cmp::Reverse<usize>,
    Option<&str>,
    usize,
    u32,
    Span,
) {
    (
        x.ev.kind,
        x.ev.time.is_none(),
        std::cmp::Reverse(x.ev.time.as_ref().map_or(0, |t| t.start.len())),
        x.ev.time.as_ref().map(|t| t.start.as_str()),
        x.rank,
        x.ev.evidence.sentence,
        x.ev.trigger,
    )
}

/// Groups the events of every document into occurrences: readings join
/// when they share the kind, at least one participant or place, and a
/// compatible date (an undated mention joins a dated one only when they
/// share participants). Roles point at entity nodes by place in `ids`.
pub fn cluster(mut items: Vec<EventItem>, ids: &[Arc<str>]) -> Clusters {
    sort_stable_in_place(&mut items, |a, b| cluster_order(a).cmp(&cluster_order(b)));
    let mut clusters: Chunked<Cluster> = Chunked::new();
    // Keys are kept as 64-bit hashes: a collision only adds a candidate,
    // which is checked in full like any other, and every cluster that fits
    // shares a real key, so the first that fits is the same; the strings
    // themselves (pairs of node ids) were most of the merge's memory.
    let mut index = KeyIndex::default();
    let hash = |k: &(EventKind, String)| {
        crate::util::hash::mix(crate::util::hash::fnv(k.1.as_bytes()), k.0 as u64)
    };
    // Each reading is freed as it is clustered, and the list shrunk as it
    // empties, so the readings are gone by the time the clusters are whole.
    items.reverse();
    while let Some(it) = items.pop() {
        if items.capacity() > 2 * items.len() + 1024 {
            items.shrink_to_fit();
        }
        // Who reports an event does not identify it ("officials said").
        let ents: BTreeSet<&str> = roles_of(&it.ev.roles, ids)
            .filter(|(r, _)| *r != Relation::Source)
            .map(|(_, e)| &**e)
            .collect();
        let name = (it.ev.kind == EventKind::Named).then(|| named_key(&it.ev.label));
        let keys = merge_keys(it.ev.kind, it.rank, name.as_deref());
        let qkeys = quantity_keys(&it.ev.quantities);
        let lookup = lookup_keys(it.ev.kind, it.ev.time.as_ref(), &ents, &qkeys);
        // The first (oldest) cluster that fits, as a full scan would find.
        let mut candidates: Vec<usize> = keys
            .iter()
            .chain(&lookup)
            .flat_map(|k| index.get(hash(k)))
            .map(|ci| ci as usize)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let found = candidates.into_iter().find(|&ci| {
            clusters
                .get(ci)
                .is_some_and(|c| joins(c, &it, &ents, name.as_ref()))
        });
        drop(ents);
        let ci = match found {
            Some(ci) => ci,
            None => {
                clusters.push(Cluster::new(&it, name));
                clusters.len() - 1
            }
        };
        let Some(c) = clusters.get_mut(ci) else {
            continue;
        };
        let registered = c.absorb(it, ids, qkeys);
        for k in keys.iter().chain(&registered) {
            index.add(hash(k), ci as u32);
        }
    }
    // What only the clustering needed goes before the nodes are made, so
    // the peak is not both at once.
    drop(index);
    for c in clusters.iter_mut() {
        c.ents = VecSet::default();
        c.qkeys = VecSet::default();
        c.docs = VecSet::default();
        c.quantities = Vec::new();
    }
    Clusters(clusters)
}

/// True when reading `it` (whose entities are `ents`, whose normalised
/// name is `name` for a named event) is another reading of cluster `c`.
fn joins(c: &Cluster, it: &EventItem, ents: &BTreeSet<&str>, name: Option<&String>) -> bool {
    if c.kind != it.ev.kind || c.name.as_ref() != name {
        return false;
    }
    // "did not meet" and "could meet" are not readings of the meeting
    // that took place: each stays with its own kind of claim.
    if factuality(c.status) != factuality(it.ev.status) {
        return false;
    }
    let cents = &c.ents;
    // Counted only when a test needs it: most candidates (every
    // cluster listed under a busy entity and year) fail on their
    // dates first, and counting compares node ids as strings.
    let shared_count = std::cell::OnceCell::new();
    let shared =
        || *shared_count.get_or_init(|| ents.iter().filter(|e| cents.contains(**e)).count());
    // Looked up only when a test needs it: a busy cluster lists
    // thousands of documents.
    let same_doc_cell = std::cell::OnceCell::new();
    let same_doc = || *same_doc_cell.get_or_init(|| c.docs.contains(&it.rank));
    // An article's results ("X was re-elected", "Y won 60,000 votes") are
    // readings of the one election it reports, dated where the lead dates
    // it: an election reading with no time words of its own joins the
    // document's election of the same status.
    if c.kind == EventKind::Election
        && name.is_none()
        && c.status == it.ev.status
        && (it.ev.time_text.is_none() || c.time_text.is_none())
        && match (&c.time, &it.ev.time) {
            (Some(a), Some(b)) => times_compatible(a, b),
            _ => true,
        }
        && same_doc()
    {
        return true;
    }
    // "said Wednesday it would cut 4,500 jobs" and "will cut 4,500 jobs by
    // the end of 2022": one plan, told by its announcement's day and by its
    // deadline, with the same cast and numbers.
    if c.status == EventStatus::Planned
        && it.ev.status == EventStatus::Planned
        && name.is_none()
        && same_doc()
        && shared() >= 1
        && it
            .ev
            .quantities
            .iter()
            .any(|q| q.value.is_some() && c.quantities.iter().any(|x| same_quantity(q, x)))
    {
        return true;
    }
    let dates_ok = match (&c.time, &it.ev.time) {
        (Some(a), Some(b)) => times_compatible(a, b),
        // A named event is identified by its name.
        (Some(t), None) | (None, Some(t)) if name.is_some() => {
            let words = c.time_text.as_ref().or(it.ev.time_text.as_ref());
            words.and_then(|w| words_fit(w, t)) != Some(false)
        }
        (None, None) if name.is_some() => true,
        // An undated mention joins only an event it shares most
        // of its cast with: two entities in its own document,
        // three across documents, or two when its time words fit
        // the other's date ("Jan. 8" and 2020-01-08).
        (Some(t), None) | (None, Some(t)) => {
            let words = c.time_text.as_ref().or(it.ev.time_text.as_ref());
            match words.and_then(|w| words_fit(w, t)) {
                Some(false) => false,
                Some(true) => shared() >= 2,
                None => shared() >= if same_doc() { 2 } else { 3 },
            }
        }
        (None, None) => {
            let words_differ = match (&c.time_text, &it.ev.time_text) {
                (Some(a), Some(b)) => a != b && a.to_lowercase() != b.to_lowercase(),
                _ => false,
            };
            !words_differ && (same_doc() || shared() >= 3)
        }
    };
    if !dates_ok {
        return false;
    }
    if name.is_some() {
        return true;
    }
    // Sharing one entity is enough when one side names only one;
    // otherwise two must match ("the United States" alone takes
    // part in too many events to identify one).
    let needed = || {
        let across = 2.min(cents.len().min(ents.len())).max(1);
        if across == 1 || same_doc() { 1 } else { across }
    };
    // Shared participants or place; an event with no roles joins
    // one of the same document.
    let same_numbers = || {
        it.ev
            .quantities
            .iter()
            .any(|q| c.quantities.iter().any(|x| same_quantity(q, x)))
    };
    let same_day = || {
        matches!((&c.time, &it.ev.time), (Some(a), Some(b)) if a.start == b.start && a.start.len() == 10)
            && same_doc()
    };
    // A level is one level only with the same number in the same place.
    if c.kind == EventKind::Presence {
        return shared() >= 1 && same_numbers();
    }
    // Two tolls that differ ("killing eight gendarmes", "killed more than
    // 2,000 civilians") are two occurrences, unless a cast says otherwise.
    let counts = |qs: &[Quantity]| {
        qs.iter()
            .filter(|q| {
                q.value.is_some()
                    && q.from.is_none()
                    && !matches!(q.unit.as_str(), "percent" | "fraction")
            })
            .count()
    };
    let other_numbers =
        || counts(&it.ev.quantities) > 0 && counts(&c.quantities) > 0 && !same_numbers();
    shared() >= needed()
        || same_day()
        || ((ents.is_empty() || cents.is_empty() || same_numbers())
            && c.time.is_some() == it.ev.time.is_some()
            && same_doc()
            && !other_numbers())
        || (c.time.is_some() && it.ev.time.is_some() && same_numbers())
}

impl Cluster {
    /// A cluster for a reading that joins none.
    fn new(it: &EventItem, name: Option<String>) -> Self {
        Cluster {
            kind: it.ev.kind,
            status: it.ev.status,
            name,
            time: None,
            time_text: None,
            agent_text: None,
            roles: VecMap::default(),
            docs: VecSet::default(),
            quantities: Vec::new(),
            ents: VecSet::default(),
            qkeys: VecSet::default(),
            label: if it.ev.kind == EventKind::Named {
                it.ev.label.clone()
            } else {
                String::new()
            },
            members: Vec::new(),
        }
    }

    /// Adds a reading (its number keys `qkeys`): its time when finer, its
    /// roles, numbers and document. Returns the new keys the cluster is to
    /// be listed under ([`register_keys`]).
    fn absorb(
        &mut self,
        it: EventItem,
        ids: &[Arc<str>],
        qkeys: BTreeSet<String>,
    ) -> Vec<(EventKind, String)> {
        let retimed = match (&self.time, &it.ev.time) {
            (None, Some(t)) => {
                self.time = Some(t.clone());
                true
            }
            (Some(a), Some(b)) if finer(a, b) => {
                self.time = Some(b.clone());
                true
            }
            _ => false,
        };
        if self.time_text.is_none() {
            self.time_text = it.ev.time_text.clone();
        }
        if self.agent_text.is_none() {
            self.agent_text = it.ev.agent_text.clone();
        }
        self.status = self.status.min(it.ev.status);
        let mut new: Vec<Arc<str>> = Vec::new();
        for (r, e) in roles_of(&it.ev.roles, ids) {
            *self.roles.entry((r, e.clone())) += 1;
            if r != Relation::Source && self.ents.insert(e.clone()) {
                new.push(e.clone());
            }
        }
        let mut new_q: Vec<String> = Vec::new();
        for q in qkeys {
            if !self.qkeys.contains(&q) {
                self.qkeys.insert(q.clone());
                new_q.push(q);
            }
        }
        let registered = register_keys(it.ev.kind, self, &new, &new_q, retimed);
        self.docs.insert(it.rank);
        self.quantities.extend(it.ev.quantities.iter().cloned());
        grow_exact(&mut self.members);
        self.members.push(Member {
            doc: it.doc,
            evidence: it.ev.evidence,
            roles: it.ev.roles,
            quantities: it.ev.quantities,
        });
        registered
    }
}

/// One node per cluster, with role edges from the event node to the
/// entity nodes its roles point at in `ids`. Ids are
/// `event:<kind>-<date>-<main participant>` and do not depend on document
/// order (readings are merged in document-id order).
pub fn make_nodes(g: &mut KnowledgeGraph, clusters: Clusters, ids: &[Arc<str>]) {
    let mut clusters = clusters.0;
    // The next number to try for each id stem: many events share a stem
    // ("match, undated, a team"), and counting up from 2 each time was
    // quadratic. Numbers below it are all taken (ids are only added).
    let mut next_n: HashMap<String, usize> = HashMap::new();
    for c in clusters.iter_mut() {
        // One role per entity: the one read most often (ties: the first
        // in Agent, Target, Participant, Location order).
        let mut best: BTreeMap<Arc<str>, (u64, Relation)> = BTreeMap::new();
        for ((r, e), n) in c.roles.iter() {
            let slot = best.entry(e.clone()).or_insert((*n, *r));
            if *n > slot.0 {
                *slot = (*n, *r);
            }
        }
        c.roles
            .retain(|(r, e), _| best.get(e).is_some_and(|b| b.1 == *r));
    }
    g.reserve_nodes(clusters.len());
    // In order, each block of clusters freed once its nodes are made, so
    // the clusters are gone by the time all nodes are made.
    for c in clusters.into_items() {
        let label_of = |id: &str| g.node(id).map(|n| n.label.clone());
        // The most read entity of each role names the event.
        let top = |role: Relation| {
            c.roles
                .iter()
                .filter(|((r, _), _)| *r == role)
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.1.cmp(&a.0.1)))
                .map(|((_, e), _)| e.clone())
        };
        let (agent, target, place, other) = (
            top(Relation::Agent),
            top(Relation::Target),
            top(Relation::Location),
            top(Relation::Participant),
        );
        let has_agent = agent.is_some();
        let label = match &c.name {
            Some(_) => c.label.clone(),
            None => make_label(
                c.kind,
                agent
                    .as_deref()
                    .and_then(label_of)
                    .as_deref()
                    .or(c.agent_text.as_deref()),
                target.as_deref().and_then(label_of).as_deref(),
                place.as_deref().and_then(label_of).as_deref(),
                other.as_deref().and_then(label_of).as_deref(),
            ),
        };
        let main = match &c.name {
            Some(n) => n.clone(),
            None => agent
                .or(place)
                .or(target)
                .or(other)
                .and_then(|e| label_of(&e))
                .unwrap_or_default(),
        };
        let date = c.time.as_ref().map_or("undated", |t| t.start.as_str());
        let stem = format!("{} {} {}", c.kind.as_str(), date, main);
        let mut id = slug(Kind::Event, &stem);
        // Taken by an entity, or by an event made here (the graph has no
        // other events: they are all merged in this one call).
        let taken = |id: &str| g.node(id).is_some();
        if taken(&id) {
            let n = next_n.entry(stem.clone()).or_insert(2);
            loop {
                id = slug(Kind::Event, &format!("{stem} {n}"));
                *n += 1;
                if !taken(&id) {
                    break;
                }
            }
        }
        let node = g.upsert_node(&id, Kind::Event, &label);
        let mut quantities: Vec<Quantity> = Vec::new();
        let mut evidence = Vec::new();
        // Gathered and set at once: inserting one by one copies the list
        // each time.
        node.documents.extend(c.members.iter().map(|it| it.doc));
        for it in &c.members {
            node.mentions += 1;
            for q in &it.quantities {
                let dup = quantities.iter().any(|x: &Quantity| {
                    (x.value, x.from, x.to, &x.unit, &x.as_of)
                        == (q.value, q.from, q.to, &q.unit, &q.as_of)
                });
                if !dup {
                    quantities.push(q.clone());
                }
            }
            evidence.push(it.evidence.clone());
        }
        let mut info = EventInfo {
            kind: c.kind,
            status: c.status,
            time: c.time.clone(),
            time_text: if c.time.is_some() {
                None
            } else {
                c.time_text.clone()
            },
            // A node agent says who acted; the description only stands in.
            agent_text: if has_agent {
                None
            } else {
                c.agent_text.clone()
            },
            quantities,
            evidence: Vec::new(),
        };
        for e in evidence {
            crate::graph::push_evidence(&mut info.evidence, e);
        }
        // Most events are read once, with one record and at most one
        // number: a vector grown by pushing holds room for four (about
        // 150 bytes unused per event, half a million events).
        info.evidence.shrink_to_fit();
        info.quantities.shrink_to_fit();
        node.event = Some(info);
        for it in &c.members {
            for (r, e) in roles_of(&it.roles, ids) {
                if c.roles.contains_key(&(r, e.clone())) {
                    g.add_edge(&id, e, r, it.evidence.clone());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_index_lists_each_cluster_once_per_key() {
        let mut ix = KeyIndex::default();
        ix.add(7, 0);
        ix.add(7, 0);
        ix.add(9, 0);
        ix.add(7, 3);
        ix.add(7, 1);
        let mut got: Vec<u32> = ix.get(7).collect();
        got.sort_unstable();
        assert_eq!(got, [0, 1, 3]);
        assert_eq!(ix.get(9).collect::<Vec<_>>(), [0]);
        assert_eq!(ix.get(8).count(), 0);
    }
}
