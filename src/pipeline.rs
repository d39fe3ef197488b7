//! [`Pipeline`] runs the per-document stages (the traits of
//! [`crate::model::stage`]) over documents in parallel and folds each
//! result into the cross-document graph builder ([`crate::merge`]).
//!
//! The pipeline holds one implementation of each stage, so any stage can be
//! replaced on its own (the mention finder is an enum of a rule-based finder
//! and the learned tagger).

use crate::graph::KnowledgeGraph;
use crate::merge::GraphBuilder;
use crate::model::stage::{EventExtractor, MentionFinder, RelationExtractor, Resolver, Segmenter};
use crate::model::{DocResult, Document};
use crate::{extract, ner, resolve, text};
use rayon::prelude::*;
use std::sync::Mutex;

/// Options that change what the graph contains.
#[derive(Debug, Clone)]
pub struct Options {
    /// Keep "named in the same sentence" edges.
    pub comention: bool,
    /// The user's alias file, applied during resolution and graph building.
    pub aliases: resolve::AliasTable,
    /// Publication date (ISO `YYYY-MM-DD`) of documents that carry none
    /// and state none in their text.
    pub date: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            comention: true,
            aliases: resolve::AliasTable::default(),
            date: None,
        }
    }
}

/// One implementation of each stage, and the options.
pub struct Pipeline {
    pub segmenter: text::Segmenter,
    pub finder: ner::Finder,
    pub resolver: resolve::DocResolver,
    pub relations: extract::relations::RelationRules,
    pub events: extract::events::EventRules,
    pub options: Options,
}

/// Folds items from many threads into one value (the graph builder)
/// without making a thread wait for another's fold: a thread that finds
/// the value busy leaves its item, and whoever holds the value folds the
/// items left. For folds whose order does not matter.
struct Fold<B, T> {
    value: Mutex<B>,
    left: Mutex<Vec<T>>,
}

/// Most items left for a busy fold before threads wait for it instead (the
/// fold falls behind; holding more would only take memory).
const MAX_LEFT: usize = 64;

/// A poisoned lock only means that another thread panicked; what it guards
/// is still whole.
fn lock<X>(m: &Mutex<X>) -> std::sync::MutexGuard<'_, X> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<B, T> Fold<B, T> {
    fn new(value: B) -> Self {
        Fold {
            value: Mutex::new(value),
            left: Mutex::new(Vec::new()),
        }
    }

    fn offer(&self, item: T, add: impl Fn(&mut B, T)) {
        let mut value = match self.value.try_lock() {
            Ok(v) => v,
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => {
                let mut left = lock(&self.left);
                if left.len() < MAX_LEFT {
                    left.push(item);
                    return;
                }
                drop(left);
                lock(&self.value)
            }
        };
        add(&mut value, item);
        loop {
            let batch = std::mem::take(&mut *lock(&self.left));
            if batch.is_empty() {
                break;
            }
            for x in batch {
                add(&mut value, x);
            }
        }
    }

    /// The value with every item folded (some may have been left after
    /// the last fold looked).
    fn into_inner(self, add: impl Fn(&mut B, T)) -> B {
        let left = self
            .left
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut value = self
            .value
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for x in left {
            add(&mut value, x);
        }
        value
    }
}

impl Pipeline {
    pub fn new(finder: ner::Finder, options: Options) -> Self {
        Pipeline {
            segmenter: text::Segmenter,
            finder,
            resolver: resolve::DocResolver::new(options.aliases.clone()),
            relations: extract::relations::RelationRules {
                comention: options.comention,
            },
            events: extract::events::EventRules {
                fallback_date: options.date.clone(),
            },
            options,
        }
    }

    /// Runs every per-document stage on one document.
    pub fn process(&self, doc: &Document) -> DocResult {
        let analyzed = self.segmenter.analyze(doc);
        let mentions = self.finder.find(&analyzed);
        let mut entities = self.resolver.resolve(&analyzed, &mentions);
        let relations = self.relations.relations(&analyzed, &mentions, &entities);
        let events = self.events.events(&analyzed, &mentions, &entities);
        // Without alias-file merges the graph builder adds each entity's
        // name to its node's aliases itself, so the copy in the set is
        // dropped (the builder keeps the set); a set left empty is
        // replaced, as a B-tree set keeps a whole node (about 300 bytes)
        // even for one name.
        let keep_name = !self.options.aliases.merge.is_empty();
        for e in &mut entities.entities {
            if !keep_name && e.aliases.remove(&e.name) && e.aliases.is_empty() {
                e.aliases = std::collections::BTreeSet::new();
            }
        }
        let mut meta = doc.meta.clone();
        if meta.date.is_none() {
            meta.date =
                extract::dates::document_date(&analyzed).or_else(|| self.options.date.clone());
        }
        if meta.furniture.is_none() {
            let mut furniture = analyzed.furniture.clone();
            furniture.dateline_date = extract::dates::dateline_date(&analyzed);
            if !furniture.is_empty() {
                meta.furniture = Some(Box::new(furniture));
            }
        }
        if meta.title.is_none() {
            // The first line that is not page furniture is the headline.
            meta.title = analyzed
                .sentences
                .iter()
                .position(|s| !s.boilerplate)
                .map(|i| {
                    crate::model::cap_text(analyzed.sentence_text(i), crate::model::TITLE_CAP)
                });
        }
        DocResult {
            id: doc.id,
            meta,
            entities: entities.entities,
            relations,
            events,
            tokens: analyzed.tokens.len(),
            alias_kinds: std::mem::take(&mut entities.alias_kinds),
        }
    }

    /// Processes documents in parallel and merges them into one graph.
    /// The result does not depend on the order of `docs` or the number of
    /// threads.
    pub fn run(&self, docs: Vec<Document>) -> KnowledgeGraph {
        self.run_stream(docs.into_iter(), |_, _| {})
    }

    /// Processes a lazy stream of documents in parallel and merges them into
    /// one graph. Documents are pulled from `docs` one at a time as workers
    /// free up (rayon's `par_bridge`), processed, folded into the graph
    /// builder and dropped, so memory holds the graph being built, not the
    /// text or the per-document results. `on_done` sees each document's byte
    /// count and result (for progress). Output is the same for any thread
    /// count or input order ([`GraphBuilder`] folds order-free).
    pub fn run_stream<I, F>(&self, docs: I, on_done: F) -> KnowledgeGraph
    where
        I: Iterator<Item = Document> + Send,
        F: Fn(usize, &DocResult) + Sync + Send,
    {
        self.fold_stream(docs, on_done).finish()
    }

    /// [`Pipeline::run_stream`] up to the merge: every document folded,
    /// for a caller that does something before [`GraphBuilder::finish`]
    /// merges across documents.
    pub fn fold_stream<I, F>(&self, docs: I, on_done: F) -> GraphBuilder
    where
        I: Iterator<Item = Document> + Send,
        F: Fn(usize, &DocResult) + Sync + Send,
    {
        let fold = Fold::new(GraphBuilder::new(&self.options.aliases));
        docs.par_bridge().for_each(|d| {
            let r = self.process(&d);
            on_done(d.text.len(), &r);
            drop(d);
            fold.offer(r, GraphBuilder::add);
        });
        fold.into_inner(GraphBuilder::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn pipeline(aliases: resolve::AliasTable) -> Pipeline {
        let options = Options {
            aliases,
            ..Options::default()
        };
        Pipeline::new(ner::Finder::Rules(ner::rules::RuleFinder), options)
    }

    const TEXT: &str = "Minister Olga Berg visited Norway. Later Berg met officials in Oslo.";

    fn person_aliases(g: &KnowledgeGraph) -> Vec<String> {
        g.nodes()
            .filter(|n| n.kind == Kind::Person)
            .flat_map(|n| n.aliases.iter().cloned())
            .collect()
    }

    #[test]
    fn a_busy_fold_takes_items_without_waiting_and_folds_them_later() {
        let f: Fold<Vec<u32>, u32> = Fold::new(Vec::new());
        let push = |v: &mut Vec<u32>, x| v.push(x);
        let busy = lock(&f.value);
        // Would deadlock if offering waited for the value.
        f.offer(1, push);
        f.offer(2, push);
        assert!(busy.is_empty());
        drop(busy);
        f.offer(3, push);
        assert_eq!(*lock(&f.value), [3, 1, 2]);
        // Left after the last fold: still folded at the end.
        let busy = lock(&f.value);
        f.offer(4, push);
        drop(busy);
        assert_eq!(f.into_inner(push), [3, 1, 2, 4]);
    }

    #[test]
    fn kept_results_leave_out_the_name_but_the_graph_has_every_alias() {
        let p = pipeline(resolve::AliasTable::default());
        let r = p.process(&Document::new("t", TEXT.to_string()));
        let berg = r.entities.iter().find(|e| e.name == "Olga Berg");
        let berg_aliases: Vec<&str> = berg
            .map(|e| e.aliases.iter().map(String::as_str).collect())
            .unwrap_or_default();
        assert_eq!(berg_aliases, ["Berg"]);
        let oslo = r.entities.iter().find(|e| e.name == "Oslo");
        assert!(oslo.is_some_and(|e| e.aliases.is_empty()), "{oslo:?}");
        let g = p.run(vec![Document::new("t", TEXT.to_string())]);
        assert_eq!(person_aliases(&g), ["Berg"]);
        assert!(g.node("place:oslo").is_some_and(|n| n.aliases.is_empty()));
    }

    #[test]
    fn with_alias_file_merges_the_name_stays_in_the_results() {
        let table = resolve::AliasTable::parse("[merge]\n\"Olga Berg\" = [\"O. Berg\"]\n", false)
            .unwrap_or_default();
        assert!(!table.merge.is_empty());
        let p = pipeline(table);
        let r = p.process(&Document::new("t", TEXT.to_string()));
        let oslo = r.entities.iter().find(|e| e.name == "Oslo");
        assert!(oslo.is_some_and(|e| e.aliases.contains("Oslo")), "{oslo:?}");
    }
}
