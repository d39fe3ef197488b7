//! Across documents: the per-document results ([`crate::model::DocResult`])
//! are folded into a [`GraphBuilder`] as they come, in any order; its
//! [`GraphBuilder::finish`] merges names into entities ([`entities`]),
//! clusters events ([`events`]), checks relations against the merged kinds
//! ([`fits`]) and builds the [`crate::graph::KnowledgeGraph`].

pub mod builder;
pub mod entities;
pub mod events;

pub use builder::GraphBuilder;

use crate::model::{Kind, Relation};

/// True when a relation can hold between nodes of these kinds. Kinds are
/// settled only once documents are merged (a name one document reads as a
/// place may be a person everywhere else), so a relation read under the
/// document's kinds is checked again here: a person is not located in a
/// place, a place holds no office.
pub fn fits(relation: Relation, source: Kind, target: Kind) -> bool {
    use Kind::{Event, Group, Person, Place};
    let agent = matches!(source, Person | Group);
    match relation {
        Relation::LocatedIn => matches!(source, Place | Group) && target == Place,
        Relation::PartOf => matches!(source, Place | Group) && matches!(target, Place | Group),
        Relation::HoldsOffice | Relation::Leads | Relation::SpokeFor | Relation::MemberOf => {
            agent && matches!(target, Place | Group)
        }
        Relation::Commands => agent && target == Group,
        Relation::NationalityOf => agent && target == Place,
        Relation::MetWith => agent && matches!(target, Person | Group),
        Relation::Source => source == Event && matches!(target, Person | Group),
        Relation::Attacked | Relation::Killed => source != Event && target != Event,
        Relation::CoMention
        | Relation::Agent
        | Relation::Target
        | Relation::Participant
        | Relation::Location => true,
    }
}
