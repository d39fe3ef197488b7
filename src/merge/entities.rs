//! Resolution across documents: the entities of every document become
//! graph nodes, merged on normalised names and aliases.
//!
//! Guards against wrong merges: people and non-people never merge; a bare
//! surname ("Smith") joins a full name only when exactly one full name in
//! the corpus ends with it; two different full names sharing a surname
//! stay apart (a person's bare surname is never used as a merge key).

use crate::graph::{DocSet, KnowledgeGraph, slug};
use crate::model::{AliasKind, DocId, Kind, LocalEntity, Role};
use crate::resolve::AliasTable;
use crate::resolve::names::{bare_surname, normalize, surname};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Index of a [`Variant`] in the table (the order documents arrived in,
/// which never reaches the output).
pub type VarId = u32;

/// One (kind, normalised name) as every document so far has named it: what
/// the merge needs, summed, so the table grows with the number of distinct
/// names and not with the number of documents.
struct Variant {
    kind: Kind,
    key: String,
    /// Names as written (after the alias file), weighted by mentions (at
    /// least one per document), for the label.
    names: BTreeMap<String, u64>,
    /// Sum of the weights above, for the kind vote.
    weight: u64,
    mentions: u64,
    /// Some document names it (not only a demonym implying it).
    named: bool,
    /// A sports team named after its place: merges only with teams.
    team: bool,
    aliases: BTreeSet<String>,
    /// Appended once per document, sorted when the node is made.
    docs: Vec<DocId>,
    /// The earliest (document, entity) naming it: where a one-pass merge
    /// over documents in id order would first have met it.
    first: (DocId, usize),
    /// Roles, their "of" pointing at the entity the document named.
    roles: BTreeSet<(String, Option<Of>)>,
}

/// What a role is "of": an entity of the same document (shown by its
/// merged node's label) or, when no entity has that name, the words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Of {
    Entity(VarId),
    Text(String),
}

/// People merge only with people; groups and places merge with each other
/// (the same name is often typed one way in one article and the other way
/// in another: "Islamic State").
/// Teams merge only with teams of the same name, never with the place
/// they are named after.
fn class(v: &Variant) -> u8 {
    if v.team {
        2
    } else {
        u8::from(v.kind != Kind::Person)
    }
}

fn find(parent: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while parent[r] != r {
        r = parent[r];
    }
    let mut c = i;
    while parent[c] != r {
        let next = parent[c];
        parent[c] = r;
        c = next;
    }
    r
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

fn apply_merge(aliases: &AliasTable, name: &str) -> (String, String) {
    let key = normalize(name);
    match aliases.merged(&key) {
        Some(target) => (normalize(target), target.to_string()),
        None => (key, name.to_string()),
    }
}

/// Every entity of every document folded in so far, by (kind, name), with
/// the user's alias file applied. Documents are added in any order;
/// [`EntityTable::finish`] then merges across documents and makes the
/// nodes, with a result that depends only on the set of documents.
#[derive(Default)]
pub struct EntityTable {
    aliases: AliasTable,
    /// Variants by normalised name, one map per kind (indexed `kind as
    /// usize`), so a lookup borrows the name instead of building a key.
    /// Looked up for every entity of every document, under the builder's
    /// lock, and never iterated: foldhash, which costs a fraction of
    /// SipHash on short keys and is seeded per process as SipHash is.
    /// Slot 4 holds sports teams, apart from the places they are named
    /// after.
    index: [hashbrown::HashMap<String, VarId>; 5],
    vars: Vec<Variant>,
    /// The names that went into each merge target of the alias file, by
    /// the kind they were read as (empty without merges).
    alias_kinds: AliasKinds,
}

/// (normalised target, kind, name as written), each once.
type AliasKinds = BTreeSet<AliasKind>;

impl EntityTable {
    pub fn new(aliases: AliasTable) -> Self {
        EntityTable {
            aliases,
            ..Self::default()
        }
    }

    /// Adds one document's [`crate::model::DocEntities::alias_kinds`].
    pub fn add_alias_kinds(&mut self, read: Vec<AliasKind>) {
        self.alias_kinds.extend(read);
    }

    /// Number of distinct (kind, name) folded in.
    pub fn len(&self) -> usize {
        self.vars.len()
    }

    /// Folds in one document's entities and returns, for each, its variant
    /// (None for an entity the user dropped or with an empty name).
    pub fn add_document(&mut self, doc: DocId, entities: Vec<LocalEntity>) -> Vec<Option<VarId>> {
        let mut slots = Vec::with_capacity(entities.len());
        let mut roles: Vec<(VarId, BTreeSet<Role>)> = Vec::new();
        // Names to variants, for the roles' "of" (few documents have
        // roles; a later entity of the same name wins, as in a map).
        let mut local: Vec<(String, VarId)> = Vec::new();
        for (li, ent) in entities.into_iter().enumerate() {
            let (key, name) = apply_merge(&self.aliases, &ent.name);
            if key.is_empty() || self.aliases.drop.contains(&key) {
                slots.push(None);
                continue;
            }
            let kind = self.aliases.kinds.get(&key).copied().unwrap_or(ent.kind);
            let slot = if ent.team { 4 } else { kind as usize };
            let by_key = &mut self.index[slot];
            let vid = match by_key.get(key.as_str()) {
                Some(&v) => v,
                None => {
                    let v = self.vars.len() as VarId;
                    by_key.insert(key.clone(), v);
                    self.vars.push(Variant {
                        kind,
                        key,
                        names: BTreeMap::new(),
                        weight: 0,
                        mentions: 0,
                        named: false,
                        team: ent.team,
                        aliases: BTreeSet::new(),
                        docs: Vec::new(),
                        first: (doc, li),
                        roles: BTreeSet::new(),
                    });
                    v
                }
            };
            let Some(v) = self.vars.get_mut(vid as usize) else {
                slots.push(None);
                continue;
            };
            let w = ent.mentions.len().max(1) as u64;
            *v.names.entry(name).or_default() += w;
            v.weight += w;
            v.mentions += ent.mentions.len() as u64;
            v.named |= !ent.implied;
            if v.aliases.is_empty() {
                v.aliases = ent.aliases;
            } else {
                v.aliases.extend(ent.aliases);
            }
            if v.docs.last() != Some(&doc) {
                v.docs.push(doc);
            }
            v.first = v.first.min((doc, li));
            local.push((ent.name, vid));
            if !ent.roles.is_empty() {
                roles.push((vid, ent.roles));
            }
            slots.push(Some(vid));
        }
        for (vid, rs) in roles {
            for role in rs {
                let of = role
                    .of
                    .map(|o| match local.iter().rev().find(|(n, _)| *n == o) {
                        Some(&(_, w)) => Of::Entity(w),
                        None => Of::Text(o),
                    });
                if let Some(v) = self.vars.get_mut(vid as usize) {
                    v.roles.insert((role.title, of));
                }
            }
        }
        slots
    }

    /// Merges the variants across documents and adds one node per
    /// real-world entity to `g`. Returns the node id of each variant.
    pub fn finish(self, g: &mut KnowledgeGraph) -> Vec<String> {
        let EntityTable {
            aliases,
            mut vars,
            alias_kinds,
            ..
        } = self;
        g.alias_warnings
            .extend(kind_clashes(&alias_kinds, &aliases));
        let parent = merge_variants(&vars, &aliases);
        let mut groups: BTreeMap<(DocId, usize), Vec<usize>> = BTreeMap::new();
        {
            let mut parent = parent;
            let mut roots: HashMap<usize, (DocId, usize)> = HashMap::new();
            for (i, v) in vars.iter().enumerate() {
                let r = find(&mut parent, i);
                let e = roots.entry(r).or_insert(v.first);
                *e = (*e).min(v.first);
            }
            for i in 0..vars.len() {
                let r = find(&mut parent, i);
                if let Some(&first) = roots.get(&r) {
                    groups.entry(first).or_default().push(i);
                }
            }
        }
        // Groups in the order their first mention comes in the corpus, so a
        // clash of ids is settled the same way whatever the input order.
        let mut node_of: Vec<String> = vec![String::new(); vars.len()];
        for members in groups.values() {
            // A country only implied by a demonym ("Greek officials") and
            // named in no document is no node: nothing in the text names
            // it, and its relations and roles are dropped with it.
            if !members.iter().any(|&i| vars[i].named) {
                continue;
            }
            let (kind, label) = kind_and_label(&vars, members);
            let label = aliases
                .rename
                .get(&normalize(&label))
                .cloned()
                .unwrap_or(label);
            let id = slug(kind, &normalize(&label));
            let node = g.upsert_node(&id, kind, &label);
            // Each variant is in one group: its lists move to the node
            // (copies would hold every document list twice at the peak).
            for &i in members {
                let Some(v) = vars.get_mut(i) else { continue };
                node.mentions += v.mentions;
                node.aliases
                    .extend(std::mem::take(&mut v.names).into_keys());
                node.aliases.append(&mut v.aliases);
                let docs = std::mem::take(&mut v.docs);
                if node.documents.is_empty() {
                    node.documents = DocSet::from(docs);
                } else {
                    node.documents.extend(docs);
                }
                node_of[i] = id.clone();
            }
            let label = node.label.clone();
            node.aliases.remove(&label);
        }
        // Roles name what they are "of" by the document's own spelling
        // ("US Central Command"); show the merged node's label instead, so
        // one role read in two articles is listed once.
        for (i, v) in vars.into_iter().enumerate() {
            if v.roles.is_empty() {
                continue;
            }
            let roles: Vec<Role> = v
                .roles
                .into_iter()
                .map(|(title, of)| Role {
                    title,
                    of: of.map(|o| match o {
                        Of::Entity(w) => node_of
                            .get(w as usize)
                            .and_then(|id| g.node(id))
                            .map(|n| n.label.clone())
                            .unwrap_or_default(),
                        Of::Text(t) => t,
                    }),
                })
                .collect();
            if let Some(n) = g.node_mut(&node_of[i]) {
                n.roles.extend(roles);
            }
        }
        node_of
    }
}

/// Merges of the alias file whose names the text reads as a person on one
/// side and a group or place on the other (directly or through a chain):
/// the merged entity then takes one kind for both, and events can happen
/// "in" a person. One warning per target, naming the file, the line and the
/// names of each kind. Groups and places are not told apart here: the
/// merge joins them by itself (one name is often read both ways).
fn kind_clashes(read: &AliasKinds, aliases: &AliasTable) -> Vec<String> {
    let mut seen: BTreeMap<&str, BTreeMap<bool, BTreeSet<&str>>> = BTreeMap::new();
    for (key, kind, name) in read {
        seen.entry(key.as_str())
            .or_default()
            .entry(*kind == Kind::Person)
            .or_default()
            .insert(name.as_str());
    }
    let describe = |names: &BTreeSet<&str>| -> String {
        let v: Vec<String> = names
            .iter()
            .take(5)
            .map(|n| {
                let key = normalize(n);
                match aliases.origin.aliases.get(&key) {
                    Some((line, via)) if !via.is_empty() => format!(
                        "{n:?} ({}, through {})",
                        line_of(*line),
                        via.iter()
                            .map(|x| format!("{x:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some((line, _)) => format!("{n:?} ({})", line_of(*line)),
                    None => format!("{n:?}"),
                }
            })
            .collect();
        v.join(", ")
    };
    let mut out = Vec::new();
    for (key, by_kind) in seen {
        let (Some(people), Some(others)) = (by_kind.get(&true), by_kind.get(&false)) else {
            continue;
        };
        let target = aliases
            .merge
            .values()
            .find(|t| normalize(t) == key)
            .map_or(key, String::as_str);
        let line = aliases.origin.targets.get(key).copied().flatten();
        out.push(format!(
            "{}: warning: merge into {target:?} joins names the text reads as a person \
             ({}) with names it reads as a group or place ({}); the merged entity takes \
             one kind for all of them: check the merge, or force the kind under [kind]",
            aliases.origin.at(line),
            describe(people),
            describe(others),
        ));
    }
    out
}

fn line_of(line: Option<usize>) -> String {
    line.map_or_else(|| "line unknown".to_string(), |l| format!("line {l}"))
}

/// The cross-document merge rules, as a union-find over variants.
fn merge_variants(vars: &[Variant], aliases: &AliasTable) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..vars.len()).collect();
    // Same normalised name; each name remembers its earliest variant, whose
    // kind decides whether a short form links (below).
    let mut by_name: HashMap<(u8, &str), usize> = HashMap::new();
    for (i, v) in vars.iter().enumerate() {
        match by_name.get_mut(&(class(v), v.key.as_str())) {
            Some(j) => {
                let old = *j;
                if v.first < vars[old].first {
                    *j = i;
                }
                union(&mut parent, i, old);
            }
            None => {
                by_name.insert((class(v), v.key.as_str()), i);
            }
        }
    }
    // An alias of one entity is the name of another ("NORAD" named in
    // one article, given as the acronym of a command in the next), except a
    // person's bare surname, which is left to the guarded rule below.
    for (i, v) in vars.iter().enumerate() {
        for a in &v.aliases {
            let (ak, _) = apply_merge(aliases, a);
            if ak == v.key || (v.kind == Kind::Person && bare_surname(&ak).is_some()) {
                continue;
            }
            // A short form read in one document ("Chicago" beside "First
            // Chicago") only links a name of the same kind elsewhere: a
            // place is no short form of a bank.
            if let Some(&j) = by_name.get(&(class(v), ak.as_str()))
                && vars[j].kind == v.kind
            {
                union(&mut parent, i, j);
            }
        }
    }
    // A person's full name typed as a group or place in one document
    // ("the job Ana Ruiz has done") and as a person in another: one
    // entity, its kind voted by all documents. A name that starts with no
    // known given name joins only when the person reading has at least
    // the weight of the other.
    for (i, v) in vars.iter().enumerate() {
        if v.kind == Kind::Person || v.team {
            continue;
        }
        if let Some(&j) = by_name.get(&(0, v.key.as_str()))
            && let Some(given) = full_name_words(&v.key)
            && (given || vars[j].weight >= v.weight)
        {
            union(&mut parent, i, j);
        }
    }
    // "Lear" in one document, "Lear Corp." in another: one company.
    for (i, v) in vars.iter().enumerate() {
        if v.kind != Kind::Group {
            continue;
        }
        if let Some(short) = crate::resolve::names::without_legal_form(&v.key)
            && let Some(&j) = by_name.get(&(class(v), short))
        {
            union(&mut parent, i, j);
        }
    }
    // A bare surname joins the one full name in the corpus ending with it.
    // Full names by surname, so each bare surname looks up its candidates
    // instead of scanning every entity (quadratic on large corpora).
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, v) in vars.iter().enumerate() {
        if v.kind == Kind::Person
            && let Some(s) = surname(&v.key)
        {
            by_surname.entry(s).or_default().push(j);
        }
    }
    for (i, v) in vars.iter().enumerate() {
        if v.kind != Kind::Person {
            continue;
        }
        let Some(s) = bare_surname(&v.key) else {
            continue;
        };
        let full: BTreeSet<usize> = by_surname
            .get(s)
            .into_iter()
            .flatten()
            .map(|&j| find(&mut parent, j))
            .collect();
        if let Some(&root) = full.iter().next()
            && full.len() == 1
        {
            union(&mut parent, i, root);
        } else if full.is_empty()
            && let Some(&j) = by_name.get(&(1, v.key.as_str()))
        {
            // One word taken for a person in one document ("Pentagon
            // officials") and named as a group or place elsewhere, with no
            // person of that surname anywhere: the group or place.
            union(&mut parent, i, j);
        }
    }
    parent
}

/// For a normalised name of two or three words that ends with no
/// organisation's or place's head word and names no known place: whether
/// it starts with a known given name. `None` for other names.
fn full_name_words(key: &str) -> Option<bool> {
    let words: Vec<&str> = key.split(' ').collect();
    let fits = (2..=3).contains(&words.len())
        // "s p" of "S&P": initials and symbols are no one's name.
        && words.iter().all(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && words
            .last()
            .is_some_and(|w| !crate::lexicon::is_org_head(w) && !crate::lexicon::is_place_head(w))
        && !crate::resolve::names::is_known_place(key);
    fits.then(|| crate::resolve::names::is_first_name(words[0]))
}

/// The kind most mentions give (ties: group, place, person) and the
/// fullest, then most mentioned, then alphabetically first name.
fn kind_and_label(vars: &[Variant], members: &[usize]) -> (Kind, String) {
    let mut votes: BTreeMap<Kind, u64> = BTreeMap::new();
    let mut names: BTreeMap<&str, u64> = BTreeMap::new();
    for &i in members {
        let v = &vars[i];
        *votes.entry(v.kind).or_default() += v.weight;
        for (name, w) in &v.names {
            *names.entry(name.as_str()).or_default() += w;
        }
    }
    let kind = votes
        .iter()
        .max_by_key(|(k, n)| {
            let rank = match k {
                Kind::Group => 3,
                Kind::Place => 2,
                Kind::Person => 1,
                Kind::Event => 0,
            };
            (**n, rank)
        })
        .map_or(Kind::Person, |(k, _)| *k);
    let label = names
        .iter()
        .max_by_key(|(name, n)| {
            (
                normalize(name).split(' ').count(),
                !is_shouted(name),
                **n,
                std::cmp::Reverse(*name),
            )
        })
        .map_or_else(String::new, |(name, _)| (*name).to_string());
    // Only written in capitals (a dateline, a headline): a place or a
    // person reads better in title case; a group may be an acronym.
    let label = if is_shouted(&label) && matches!(kind, Kind::Place | Kind::Person) {
        capitalise_words(&label)
    } else {
        label
    };
    (kind, label)
}

/// All capitals and too long for an acronym ("LAGOS", "NEW YORK").
fn is_shouted(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.len() >= 5 || name.contains(' ')) && letters.iter().all(|c| c.is_uppercase())
}

/// "AL-RAM" → "Al-Ram", "NEW YORK" → "New York".
fn capitalise_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut start = true;
    for c in name.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = !c.is_alphabetic() && c != '\'' && c != '’';
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Doc<'a> = (u64, &'a [(Kind, &'a str)]);

    fn result(text_id: &str, names: &'static [(Kind, &'static str)]) -> Doc<'static> {
        (
            text_id.bytes().fold(0, |h, b| h * 256 + u64::from(b)),
            names,
        )
    }

    fn entities(names: &[(Kind, &str)]) -> Vec<LocalEntity> {
        names
            .iter()
            .map(|(k, n)| LocalEntity {
                kind: *k,
                name: (*n).to_string(),
                aliases: [(*n).to_string()].into(),
                mentions: vec![0],
                roles: BTreeSet::new(),
                implied: false,
                team: false,
            })
            .collect()
    }

    fn add_entities(g: &mut KnowledgeGraph, docs: &[Doc<'_>], aliases: &AliasTable) {
        let mut t = EntityTable::new(aliases.clone());
        for (id, names) in docs {
            t.add_document(DocId(*id), entities(names));
        }
        t.finish(g);
    }

    fn dump(g: &KnowledgeGraph) -> Vec<String> {
        g.nodes()
            .map(|n| {
                format!(
                    "{} {:?} {} {:?} {} {:?}",
                    n.id, n.kind, n.label, n.aliases, n.mentions, n.documents
                )
            })
            .collect()
    }

    #[test]
    fn the_nodes_do_not_depend_on_the_order_documents_are_folded_in() {
        // Same names in several kinds and spellings, so kind votes, labels,
        // id clashes and the first-met rules all have something to decide.
        let docs = [
            result("a", &[(Kind::Place, "Kremlin"), (Kind::Person, "Okafor")]),
            result(
                "b",
                &[(Kind::Group, "Kremlin"), (Kind::Person, "Tom Okafor")],
            ),
            result(
                "c",
                &[(Kind::Person, "OKAFOR"), (Kind::Place, "PORT ELLEN")],
            ),
            result(
                "d",
                &[(Kind::Place, "Port Ellen"), (Kind::Group, "Vantor Corp.")],
            ),
            result("e", &[(Kind::Group, "Vantor"), (Kind::Person, "Kremlin")]),
        ];
        let mut want = KnowledgeGraph::new();
        add_entities(&mut want, &docs, &AliasTable::default());
        let want = dump(&want);
        assert!(want.len() >= 4, "{want:?}");
        // Every rotation and the reversal of the five documents.
        for k in 0..docs.len() {
            for rev in [false, true] {
                let mut order: Vec<Doc<'_>> = docs.to_vec();
                order.rotate_left(k);
                if rev {
                    order.reverse();
                }
                let mut g = KnowledgeGraph::new();
                add_entities(&mut g, &order, &AliasTable::default());
                assert_eq!(dump(&g), want, "rotation {k}, reversed {rev}");
            }
        }
    }

    #[test]
    fn a_team_is_never_the_node_of_the_place_it_is_named_after() {
        let mut t = EntityTable::new(AliasTable::default());
        let mut place = entities(&[(Kind::Place, "Leeds")]);
        t.add_document(DocId(1), std::mem::take(&mut place));
        let mut team = entities(&[(Kind::Group, "Leeds")]);
        team[0].team = true;
        t.add_document(DocId(2), team);
        let mut team = entities(&[(Kind::Group, "Leeds")]);
        team[0].team = true;
        t.add_document(DocId(3), team);
        let mut g = KnowledgeGraph::new();
        t.finish(&mut g);
        let nodes: Vec<(String, usize)> = g
            .nodes()
            .map(|n| (n.id.clone(), n.documents.len()))
            .collect();
        assert_eq!(
            nodes,
            [
                ("group:leeds".to_string(), 2),
                ("place:leeds".to_string(), 1)
            ]
        );
    }

    #[test]
    fn a_full_name_typed_as_a_group_in_one_document_joins_the_person_of_others() {
        let results = [
            result("a", &[(Kind::Group, "Ruth Keel")]),
            result("b", &[(Kind::Person, "Ruth Keel")]),
            result("c", &[(Kind::Person, "Ruth Keel")]),
            // No given name and the group reading weighs more: apart.
            result("d", &[(Kind::Group, "Vantor Marlow")]),
            result("e", &[(Kind::Group, "Vantor Marlow")]),
            result("f", &[(Kind::Person, "Vantor Marlow")]),
        ];
        let mut g = KnowledgeGraph::new();
        add_entities(&mut g, &results, &AliasTable::default());
        let ids: Vec<&str> = g.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "group:vantor-marlow",
                "person:ruth-keel",
                "person:vantor-marlow"
            ]
        );
    }

    #[test]
    fn a_company_with_and_without_its_legal_form_is_one_node() {
        let results = [
            result("a", &[(Kind::Group, "Vantor Freight Corp.")]),
            result("b", &[(Kind::Group, "Vantor Freight")]),
            result("c", &[(Kind::Group, "Vantor Freight Lines")]),
        ];
        let mut g = KnowledgeGraph::new();
        add_entities(&mut g, &results, &AliasTable::default());
        let labels: BTreeSet<String> = g.nodes().map(|n| n.label.clone()).collect();
        let want: BTreeSet<String> = ["Vantor Freight Corp.", "Vantor Freight Lines"]
            .map(String::from)
            .into();
        assert_eq!(labels, want);
    }

    #[test]
    fn a_word_read_once_as_a_person_joins_the_group_it_names_elsewhere() {
        let results = [
            result("a", &[(Kind::Person, "Kremlin"), (Kind::Person, "Okafor")]),
            result("b", &[(Kind::Group, "Kremlin"), (Kind::Place, "Okafor")]),
            result("c", &[(Kind::Person, "Tom Okafor")]),
        ];
        let mut g = KnowledgeGraph::new();
        add_entities(&mut g, &results, &AliasTable::default());
        let got: BTreeSet<(Kind, String)> = g.nodes().map(|n| (n.kind, n.label.clone())).collect();
        // "Okafor" is a person's surname elsewhere: it stays with the person.
        let want: BTreeSet<(Kind, String)> = [
            (Kind::Group, "Kremlin".to_string()),
            (Kind::Place, "Okafor".to_string()),
            (Kind::Person, "Tom Okafor".to_string()),
        ]
        .into();
        assert_eq!(got, want);
    }

    #[test]
    fn labels_in_capitals_give_way_or_are_title_cased() {
        let results = [
            result("a", &[(Kind::Place, "PORT ELLEN"), (Kind::Group, "UNIDO")]),
            result("b", &[(Kind::Place, "Port Ellen")]),
            result("c", &[(Kind::Place, "AL-RAMLA"), (Kind::Person, "OKAFOR")]),
        ];
        let mut g = KnowledgeGraph::new();
        add_entities(&mut g, &results, &AliasTable::default());
        let labels: BTreeSet<String> = g.nodes().map(|n| n.label.clone()).collect();
        let want: BTreeSet<String> = ["Port Ellen", "UNIDO", "Al-Ramla", "Okafor"]
            .map(String::from)
            .into();
        assert_eq!(labels, want);
    }
}
