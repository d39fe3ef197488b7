//! One document's result ([`DocResult`]) as one JSON line of a part.
//!
//! Entities, events and metadata are written as the model's serde derives
//! write them. Relations are not: a sentence naming five names is the
//! evidence of ten co-mentions, and written out in each it made the lines
//! ten times the size of the text. Each evidence text is listed once per
//! document (`texts`) and a relation names it by number, with its other
//! fields under one-letter keys; its document is left out when it is the
//! record's own.

use crate::model::{
    AliasKind, DocId, DocMeta, DocResult, Evidence, LocalEntity, LocalEvent, LocalRelation,
    Relation, TextSpan,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// A relation as a record holds it.
#[derive(Serialize, Deserialize)]
struct Rel {
    /// Source and target: entity numbers of the document.
    s: usize,
    t: usize,
    r: Relation,
    /// The evidence: sentence, span, text number, document when another.
    n: u32,
    a: u32,
    b: u32,
    x: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    d: Option<DocId>,
}

/// Field order is the line's: `id` first ([`super::format::record_id`]).
#[derive(Serialize)]
struct Out<'a> {
    id: DocId,
    meta: &'a DocMeta,
    entities: &'a [LocalEntity],
    texts: Vec<&'a str>,
    relations: Vec<Rel>,
    events: &'a [LocalEvent],
    tokens: usize,
    /// What an alias file joined, for the merge's warnings; absent when
    /// empty (no alias file, or nothing it names).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    alias_kinds: &'a [AliasKind],
}

#[derive(Deserialize)]
struct In {
    id: DocId,
    meta: DocMeta,
    entities: Vec<LocalEntity>,
    texts: Vec<Arc<str>>,
    relations: Vec<Rel>,
    events: Vec<LocalEvent>,
    tokens: usize,
    #[serde(default)]
    alias_kinds: Vec<AliasKind>,
}

/// The record line of `r` (no newline).
pub fn to_line(r: &DocResult) -> serde_json::Result<Vec<u8>> {
    let mut texts: Vec<&str> = Vec::new();
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let relations = r
        .relations
        .iter()
        .map(|rel| {
            let ev = &rel.evidence;
            let x = *numbers.entry(&ev.text).or_insert_with(|| {
                texts.push(&ev.text);
                (texts.len() - 1) as u32
            });
            Rel {
                s: rel.source,
                t: rel.target,
                r: rel.relation,
                n: ev.sentence,
                a: ev.span.start,
                b: ev.span.end,
                x,
                d: (ev.doc != r.id).then_some(ev.doc),
            }
        })
        .collect();
    serde_json::to_vec(&Out {
        id: r.id,
        meta: &r.meta,
        entities: &r.entities,
        texts,
        relations,
        events: &r.events,
        tokens: r.tokens,
        alias_kinds: &r.alias_kinds,
    })
}

/// The result a record line holds.
pub fn from_line(line: &[u8]) -> Result<DocResult, String> {
    let r: In = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    let relations =
        r.relations
            .into_iter()
            .map(|rel| {
                let text =
                    r.texts.get(rel.x as usize).cloned().ok_or_else(|| {
                        format!("relation names text {} of {}", rel.x, r.texts.len())
                    })?;
                Ok(LocalRelation {
                    source: rel.s,
                    target: rel.t,
                    relation: rel.r,
                    evidence: Evidence {
                        doc: rel.d.unwrap_or(r.id),
                        sentence: rel.n,
                        span: TextSpan {
                            start: rel.a,
                            end: rel.b,
                        },
                        text,
                    },
                })
            })
            .collect::<Result<_, String>>()?;
    Ok(DocResult {
        id: r.id,
        meta: r.meta,
        entities: r.entities,
        relations,
        events: r.events,
        tokens: r.tokens,
        alias_kinds: r.alias_kinds,
    })
}
