//! Relations between the entities of one document: co-mention within a
//! sentence, and typed relations read from the wording.

use crate::model::{
    Analyzed, DocEntities, EVIDENCE_TEXT_CAP, Evidence, LocalRelation, Mention, Relation, cap_text,
};
use crate::pipeline::RelationExtractor;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy)]
pub struct RelationRules {
    /// Emit co-mention edges.
    pub comention: bool,
}

/// Evidence for sentence `s` of the document.
pub fn sentence_evidence(doc: &Analyzed<'_>, s: usize) -> Evidence {
    let span = doc.sentences.get(s).map(|x| x.span).unwrap_or_default();
    Evidence {
        doc: doc.doc.id.clone(),
        sentence: s,
        span,
        text: cap_text(span.text(&doc.doc.text), EVIDENCE_TEXT_CAP),
    }
}

impl RelationExtractor for RelationRules {
    fn relations(
        &self,
        doc: &Analyzed<'_>,
        mentions: &[Mention],
        entities: &DocEntities,
    ) -> Vec<LocalRelation> {
        let mut out = Vec::new();
        if !self.comention {
            return out;
        }
        // Entities per sentence, in sentence order.
        let mut per_sentence: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); doc.sentences.len()];
        for (mi, m) in mentions.iter().enumerate() {
            if let (Some(Some(e)), Some(set)) = (
                entities.mention_entity.get(mi),
                per_sentence.get_mut(m.sentence),
            ) {
                set.insert(*e);
            }
        }
        for (s, set) in per_sentence.iter().enumerate() {
            if set.len() < 2 {
                continue;
            }
            let ev = sentence_evidence(doc, s);
            let v: Vec<usize> = set.iter().copied().collect();
            for (i, &a) in v.iter().enumerate() {
                for &b in &v[i + 1..] {
                    out.push(LocalRelation {
                        source: a,
                        target: b,
                        relation: Relation::CoMention,
                        evidence: ev.clone(),
                    });
                }
            }
        }
        out
    }
}
