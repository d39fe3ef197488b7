//! What an event is called: its label from its kind and the names of its
//! roles ("killing of A near B"), and the year a named event carries.

use crate::model::{EventKind, Relation, TimeValue};

fn kind_phrase(kind: EventKind) -> &'static str {
    match kind {
        EventKind::LabourStrike => "labour strike",
        _ => kind.as_str(),
    }
}

/// A readable label from the role names: "killing of A near B".
pub(crate) fn make_label(
    kind: EventKind,
    agent: Option<&str>,
    target: Option<&str>,
    place: Option<&str>,
    other: Option<&str>,
) -> String {
    let mut s = kind_phrase(kind).to_string();
    if let Some(a) = agent {
        s.push_str(" by ");
        s.push_str(a);
    }
    if let Some(t) = target {
        s.push_str(if matches!(kind, EventKind::Attack | EventKind::Strike) {
            " on "
        } else {
            " of "
        });
        s.push_str(t);
    } else if let Some(o) = other {
        s.push_str(" with ");
        s.push_str(o);
    }
    if let Some(p) = place {
        s.push_str(" in ");
        s.push_str(p);
    }
    s
}

/// The label from the first name of each role; `described` ("gunmen")
/// stands for an agent no entity is.
pub(super) fn label_from_roles<'a>(
    kind: EventKind,
    roles: &[(Relation, usize)],
    described: Option<&'a str>,
    name: impl Fn(usize) -> Option<&'a str>,
) -> String {
    let first = |r: Relation| roles.iter().find(|x| x.0 == r).and_then(|x| name(x.1));
    make_label(
        kind,
        first(Relation::Agent).or(described),
        first(Relation::Target),
        first(Relation::Location),
        first(Relation::Participant),
    )
}

/// "the 1998 World Cup": the year in an event's name is its time.
pub(super) fn name_year(name: Option<&str>) -> Option<TimeValue> {
    let name = name?;
    let y = name
        .split_whitespace()
        .find(|w| w.len() == 4 && w.parse::<u16>().is_ok_and(|y| (1800..2200).contains(&y)))?;
    Some(TimeValue {
        start: y.to_string(),
        end: None,
        text: name.to_string(),
    })
}
