//! Tests of event extraction and merging, on sentences written for them.

use super::*;
use crate::graph::KnowledgeGraph;
use crate::model::Document;
use crate::model::EventStatus;
use crate::model::stage::{MentionFinder, Resolver};
use proptest::strategy::Strategy;

/// Local events of `text` as (kind, time start, roles by name, quantities).
fn local(text: &str) -> Vec<LocalEvent> {
    let doc = Document::new("t", text.to_string());
    let a = crate::text::analyze(&doc);
    let m = crate::ner::Finder::Rules(crate::ner::rules::RuleFinder).find(&a);
    let e = crate::resolve::DocResolver::default().resolve(&a, &m);
    EventRules::default().events(&a, &m, &e)
}

fn names(text: &str, ev: &LocalEvent, role: Relation) -> Vec<String> {
    let doc = Document::new("t", text.to_string());
    let a = crate::text::analyze(&doc);
    let m = crate::ner::Finder::Rules(crate::ner::rules::RuleFinder).find(&a);
    let e = crate::resolve::DocResolver::default().resolve(&a, &m);
    ev.roles
        .iter()
        .filter(|r| r.0 == role)
        .filter_map(|r| e.entities.get(r.1).map(|x| x.name.clone()))
        .collect()
}

fn start(ev: &LocalEvent) -> Option<&str> {
    ev.time.as_ref().map(|t| t.start.as_str())
}

#[test]
fn meeting_with_roles_and_weekday_resolved_against_the_dateline() {
    let text = "Leaders meet in Peru\nTuesday 12 January 2021\nGen. Ana Ruiz met Prime Minister Tomas Berg in Peru on Monday.";
    let evs = local(text);
    let m: Vec<_> = evs
        .iter()
        .filter(|e| e.kind == EventKind::Meeting)
        .collect();
    assert!(!m.is_empty(), "{evs:?}");
    let ev = m.iter().find(|e| e.evidence.sentence == 2).copied();
    let Some(ev) = ev else { panic!("{evs:?}") };
    assert_eq!(start(ev), Some("2021-01-11"));
    assert_eq!(names(text, ev, Relation::Agent), ["Ana Ruiz"]);
    assert_eq!(names(text, ev, Relation::Participant), ["Tomas Berg"]);
    assert_eq!(names(text, ev, Relation::Location), ["Peru"]);
    assert_eq!(ev.trigger.text(text), "met");
    assert_eq!(ev.evidence.span.text(text), &*ev.evidence.text);
}

#[test]
fn several_numbers_go_to_their_own_events() {
    let text = "Norway will cut its forces in Peru from 900 to about 400 soldiers and deploy 200 engineers to Chile.";
    let evs = local(text);
    let cut = evs.iter().find(|e| e.kind == EventKind::Reduction);
    let dep = evs.iter().find(|e| e.kind == EventKind::Deployment);
    let (Some(cut), Some(dep)) = (cut, dep) else {
        panic!("{evs:?}")
    };
    assert_eq!(cut.quantities.len(), 1, "{cut:?}");
    let q = &cut.quantities[0];
    assert_eq!(
        (q.from, q.to, q.unit.as_str()),
        (Some(900.0), Some(400.0), "soldiers")
    );
    assert_eq!(q.approx, crate::model::Approx::About);
    assert_eq!(names(text, cut, Relation::Agent), ["Norway"]);
    assert_eq!(names(text, cut, Relation::Location), ["Peru"]);
    assert_eq!(dep.quantities.len(), 1, "{dep:?}");
    assert_eq!(dep.quantities[0].value, Some(200.0));
    assert_eq!(dep.quantities[0].unit, "engineers");
    assert_eq!(names(text, dep, Relation::Location), ["Chile"]);
}

#[test]
fn killing_takes_the_strike_agent_place_and_date() {
    let text = "Strike in Kenya\n03 March, 2021\nIn February, a Somali drone strike in Kenya killed militia chief Omar Haji and his aide Ali Warsame.";
    let evs = local(text);
    let Some(k) = evs.iter().find(|e| e.kind == EventKind::Killing) else {
        panic!("{evs:?}")
    };
    assert_eq!(start(k), Some("2021-02"));
    let targets = names(text, k, Relation::Target);
    assert!(targets.contains(&"Omar Haji".to_string()), "{targets:?}");
    assert!(targets.contains(&"Ali Warsame".to_string()), "{targets:?}");
    assert_eq!(names(text, k, Relation::Location), ["Kenya"]);
    assert_eq!(names(text, k, Relation::Agent), ["Somalia"]);
}

#[test]
fn later_counts_from_the_previous_event_across_a_year_end() {
    let text = "Militants attacked a base in Niger on December 20, 2020. Two weeks later, France struck a camp in Mali.";
    let evs = local(text);
    let a = evs.iter().find(|e| e.kind == EventKind::Attack);
    let s = evs.iter().find(|e| e.kind == EventKind::Strike);
    let (Some(a), Some(s)) = (a, s) else {
        panic!("{evs:?}")
    };
    assert_eq!(start(a), Some("2020-12-20"));
    assert_eq!(start(s), Some("2021-01-03"));
    assert_eq!(names(text, s, Relation::Agent), ["France"]);
}

#[test]
fn without_a_document_date_relative_time_is_kept_as_text() {
    let evs = local("Officials from Chile met in Peru last week.");
    let Some(m) = evs.iter().find(|e| e.kind == EventKind::Meeting) else {
        panic!("{evs:?}")
    };
    assert_eq!(m.time, None);
    assert_eq!(m.time_text.as_deref(), Some("last week"));
}

#[test]
fn generic_uses_of_trigger_words_make_no_event() {
    for s in [
        "Chile has faced periodic attacks for decades.",
        "Troops in Peru came under attack.",
        "The vote was a clear demonstration of trust in Chile.",
        "There were 900 soldiers deployed in Mali.",
    ] {
        let evs = local(s);
        let kinds: Vec<_> = evs.iter().map(|e| e.kind).collect();
        assert!(
            !kinds.iter().any(|k| matches!(
                k,
                EventKind::Attack | EventKind::Protest | EventKind::Deployment
            )),
            "{s}: {kinds:?}"
        );
    }
}

#[test]
fn named_events_are_found() {
    let text = "Leaders from Chile gathered at the Pacific Trade Summit in Peru.";
    let evs = local(text);
    let Some(n) = evs.iter().find(|e| e.kind == EventKind::Named) else {
        panic!("{evs:?}")
    };
    assert_eq!(n.label, "Pacific Trade Summit");
    assert_eq!(names(text, n, Relation::Location), ["Peru"]);
}

/// Builds a graph from several documents, in the given order.
fn graph(texts: &[&str]) -> KnowledgeGraph {
    use crate::pipeline::{Options, Pipeline};
    let docs = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new(format!("d{i}"), t.to_string()))
        .collect();
    Pipeline::new(
        crate::ner::Finder::Rules(crate::ner::rules::RuleFinder),
        Options::default(),
    )
    .run(docs)
}

fn events_of(g: &KnowledgeGraph) -> Vec<(String, Option<String>, usize)> {
    g.nodes()
        .filter_map(|n| {
            let ev = n.event.as_ref()?;
            Some((
                n.id.clone(),
                ev.time.as_ref().map(|t| t.start.clone()),
                n.documents.len(),
            ))
        })
        .collect()
}

#[test]
fn an_election_s_results_are_the_one_election_its_candidates_take_part_in() {
    let text = "Vote\n2021-05-20\nVoters in Lima went to the polls on Sunday to elect a new \
                council.\n\nAna Ruiz was re-elected with 60,000 votes.\n\nTomas Berg was \
                elected in Callao.";
    let g = graph(&[text]);
    let elections: Vec<_> = events_of(&g)
        .into_iter()
        .filter(|e| e.0.starts_with("event:election"))
        .collect();
    assert_eq!(elections.len(), 1, "{elections:?}");
    assert_eq!(
        elections[0].1.as_deref(),
        Some("2021-05-16"),
        "{elections:?}"
    );
    let evs = local(text);
    for e in of_kind(&evs, EventKind::Election) {
        assert!(names(text, e, Relation::Agent).is_empty(), "{e:?}");
    }
}

#[test]
fn a_visitor_named_before_who_visits_a_place_where_the_visit_is() {
    let text = "Talks\n2021-05-20\nTomas Berg, who visited Peru on Monday, urged allies to act.";
    let evs = local(text);
    let [v] = of_kind(&evs, EventKind::Visit)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(names(text, v, Relation::Agent), ["Tomas Berg"]);
    assert_eq!(names(text, v, Relation::Location), ["Peru"], "{v:?}");
    assert!(names(text, v, Relation::Participant).is_empty(), "{v:?}");
    // "who was killed": no killer.
    let text = "Rally\n2021-05-20\nCrowds honoured Tomas Berg, who was killed in Peru on Monday.";
    for k in of_kind(&local(text), EventKind::Killing) {
        assert!(names(text, k, Relation::Agent).is_empty(), "{k:?}");
    }
    // A goal "was met": no one met.
    let text = "Aid\n2021-05-20\nThe Lima Relief Fund said its target was met on Monday.";
    assert!(of_kind(&local(text), EventKind::Meeting).is_empty());
}

#[test]
fn a_named_event_is_never_dated_by_the_report_that_mentions_it() {
    let text = "Games\n2013-11-16\nPeru will send a team to the 2014 Paralympic Games in \
                Sochi.\n\nThe broadcaster will air the Paralympic Games on its channels.";
    let g = graph(&[text]);
    // One event, the 2014 games, named with and without its year.
    let evs = events_of(&g);
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].1.as_deref(), Some("2014"), "{evs:?}");
}

#[test]
fn a_tally_since_a_date_is_not_dated_by_it() {
    let text = "Clashes\n2024-11-20\nTroops patrolled the north on Monday.\n\nAt least 40 \
                people have been killed in clashes around Gao since the start of 2023, a tally \
                showed.\n\nRebels killed 12 people in Gao in January.";
    let evs = local(text);
    let starts: Vec<Option<&str>> = of_kind(&evs, EventKind::Killing)
        .iter()
        .map(|k| start(k))
        .collect();
    assert!(!starts.contains(&Some("2023")), "{evs:?}");
    assert!(starts.contains(&Some("2024-01")), "{evs:?}");
}

#[test]
fn a_killing_in_an_attack_takes_the_attack_s_place_and_time() {
    let text = "Raid\n2021-05-20\nGunmen killed 12 soldiers in an attack on a base near the town \
                of Gao on Monday, the army said.";
    let evs = local(text);
    let [k] = of_kind(&evs, EventKind::Killing)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(start(k), Some("2021-05-17"), "{k:?}");
    assert_eq!(names(text, k, Relation::Location), ["Gao"], "{k:?}");
}

#[test]
fn an_event_of_a_when_clause_takes_the_time_of_its_main_clause() {
    let text = "Loss\n2021-05-20\nThe ferry sank off Gao on March 3, 2019 when a storm hit it, \
                killing 40 people.";
    let evs = local(text);
    let [k] = of_kind(&evs, EventKind::Killing)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(start(k), Some("2019-03-03"));
}

#[test]
fn an_attack_s_toll_and_a_tally_of_the_year_are_two_killings() {
    let text = "Raids\n2022-07-19\nGunmen attacked a police post on Sunday, killing eight \
                officers.\n\nMore than 2,000 civilians were killed in 2022, according to a tally.";
    let g = graph(&[text]);
    let kills: Vec<_> = events_of(&g)
        .into_iter()
        .filter(|e| e.0.starts_with("event:killing"))
        .collect();
    assert_eq!(kills.len(), 2, "{kills:?}");
}

#[test]
fn same_killing_in_two_documents_is_one_node_with_the_finer_date() {
    let a = "Attack in Kenya\n03 March, 2021\nIn February, a drone strike near Nairobi killed militia chief Omar Haji and his aide Ali Warsame.";
    let b = "Kenya mourns\n09 February, 2021\nOn Sunday a drone strike near Nairobi killed Omar Haji and Ali Warsame, officials said.";
    let c = "Other news\n05 May, 2021\nPolice said gunmen killed Omar Haji near Nairobi in 2019.";
    let g1 = graph(&[a, b, c]);
    let g2 = graph(&[c, b, a]);
    let e1 = events_of(&g1);
    assert_eq!(e1, events_of(&g2), "ids independent of input order");
    let kills: Vec<_> = e1
        .iter()
        .filter(|e| e.0.starts_with("event:killing"))
        .collect();
    // "In February" (3 March) and "On Sunday" (9 February, a Tuesday:
    // 7 February) are one killing; the one in 2019 is another.
    assert_eq!(kills.len(), 2, "{e1:?}");
    assert!(
        kills
            .iter()
            .any(|k| k.1.as_deref() == Some("2021-02-07") && k.2 == 2),
        "{kills:?}"
    );
    assert!(
        kills
            .iter()
            .any(|k| k.1.as_deref() == Some("2019") && k.2 == 1),
        "{kills:?}"
    );
    let id = &kills
        .iter()
        .find(|k| k.2 == 2)
        .map(|k| k.0.clone())
        .unwrap_or_default();
    let Some(node) = g1.node(id) else {
        panic!("{id}")
    };
    let targets: Vec<_> = g1
        .edges()
        .filter(|(s, _, e)| s.id == *id && e.relation == Relation::Target)
        .map(|(_, t, _)| t.label.clone())
        .collect();
    assert_eq!(targets, ["Ali Warsame", "Omar Haji"]);
    assert_eq!(node.mentions, 2);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
    /// Any text, including trigger, date and number words in odd places,
    /// yields events whose spans slice back into the text, without panics.
    #[test]
    fn never_panics_and_spans_fit(
        words in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("[A-Za-z0-9,.:;'’ -]{0,8}").unwrap_or_else(|_| unreachable!()),
                proptest::sample::select(vec![
                    "killed", "the attack", "Peru", "from", "to", "5,200", "about", "a third",
                    "last week", "Friday", "in December", "Two months later,", "2020", "Summit",
                    "\n", "09 September 2020", "Jan.", "31", "percent", "as of", "late", "by",
                    "Ana Ruiz", "met", "in the next", "two", "months", "é", "😀",
                ]).prop_map(str::to_string),
            ],
            0..40,
        )
    ) {
        let text = words.join(" ");
        for ev in local(&text) {
            proptest::prop_assert!(text.get(ev.trigger.range()).is_some());
            proptest::prop_assert!(text.get(ev.evidence.span.range()).is_some());
            if let Some(t) = &ev.time {
                proptest::prop_assert!(dates::Ymd::parse_iso(&t.start).is_some(), "{:?}", t);
            }
        }
    }
}

#[test]
fn dated_level_and_report_date_through_the_pipeline() {
    let text = "Hospital staff\n05 February, 2021\nThe ministry will cut 500 jobs in Chile, leaving 7,310 nurses as of late September.";
    let evs = local(text);
    let Some(cut) = evs.iter().find(|e| e.kind == EventKind::Reduction) else {
        panic!("{evs:?}")
    };
    // No time words for the cut itself: a plan, dated by its report.
    let t = cut
        .time
        .as_ref()
        .map(|t| (t.start.as_str(), t.text.as_str()));
    assert_eq!(t, Some(("2021-02-05", "publication date")));
    let summary: Vec<_> = cut
        .quantities
        .iter()
        .map(|q| (q.value, q.to, q.unit.as_str(), q.as_of.as_deref()))
        .collect();
    // What the cut leaves is the level it goes to.
    assert_eq!(
        summary,
        [
            (Some(500.0), None, "jobs", None),
            (None, Some(7310.0), "nurses", Some("2020-09"))
        ]
    );
}

#[test]
fn named_event_in_two_documents_is_one_node() {
    let a = "Leaders from Chile gathered at the Pacific Trade Summit in Peru.";
    let b = "Peru hosted the Pacific Trade Summit, officials from Chile said.";
    let g = graph(&[a, b]);
    let named: Vec<_> = events_of(&g)
        .into_iter()
        .filter(|e| e.0.starts_with("event:named"))
        .collect();
    assert_eq!(named.len(), 1, "{named:?}");
    assert_eq!(named[0].2, 2);
}

#[test]
fn a_year_in_an_event_name_is_its_time() {
    let text =
        "Results\n02 June, 2016\nChile said it would host the 2019 Pacific Trade Summit in Peru.";
    let evs = local(text);
    let Some(n) = evs.iter().find(|e| e.kind == EventKind::Named) else {
        panic!("{evs:?}")
    };
    assert_eq!(n.label, "2019 Pacific Trade Summit");
    assert_eq!(start(n), Some("2019"));
}

fn of_kind(evs: &[LocalEvent], kind: EventKind) -> Vec<&LocalEvent> {
    evs.iter().filter(|e| e.kind == kind).collect()
}

#[test]
fn sports_fixtures_are_not_meetings_or_visits() {
    let text = "Report\n03 March, 2021\nBrazil meets Chile in the final on Sunday after the visiting side beat Peru on Wednesday.";
    let evs = local(text);
    assert!(of_kind(&evs, EventKind::Meeting).is_empty(), "{evs:?}");
    assert!(of_kind(&evs, EventKind::Visit).is_empty(), "{evs:?}");
    // The same verb in politics still counts ("the final agreement" is not sport).
    let text =
        "Prime Minister Ana Ruiz met President Tomas Berg on Monday to sign the final agreement.";
    let evs = local(text);
    assert!(!of_kind(&evs, EventKind::Meeting).is_empty(), "{evs:?}");
}

#[test]
fn a_sports_report_has_no_meetings_in_its_other_sentences() {
    let text = "Report\n03 March, 2021\nBrazil beat Peru 3-1 in the league on Saturday.\nThe match was their third win of the season.\nBrazil meets Chile on Sunday.";
    let evs = local(text);
    assert!(of_kind(&evs, EventKind::Meeting).is_empty(), "{evs:?}");
}

#[test]
fn visiting_after_a_determiner_is_an_adjective() {
    let text =
        "Report\n03 March, 2021\nThe visiting delegation from Peru toured a factory on Monday.";
    let evs = local(text);
    assert!(
        evs.iter()
            .all(|e| e.trigger.text(text).to_lowercase() != "visiting"),
        "{evs:?}"
    );
}

#[test]
fn the_place_visited_is_not_the_agent_of_the_talks() {
    let text = "Report\n03 March, 2021\nMinister Ana Ruiz will visit Chile for talks with Chancellor Tomas Berg on Monday.";
    let evs = local(text);
    for e in of_kind(&evs, EventKind::Meeting) {
        assert!(
            !names(text, e, Relation::Agent).contains(&"Chile".to_string()),
            "{e:?}"
        );
    }
}

#[test]
fn a_demonym_before_a_title_is_not_a_participant() {
    let text = "Ana Ruiz met Peruvian Foreign Minister Luis Vega on Monday.";
    let evs = local(text);
    let m = of_kind(&evs, EventKind::Meeting);
    let Some(ev) = m.first() else {
        panic!("{evs:?}")
    };
    let parts = names(text, ev, Relation::Participant);
    assert!(parts.contains(&"Luis Vega".to_string()), "{parts:?}");
    assert!(!parts.contains(&"Peru".to_string()), "{parts:?}");
}

#[test]
fn an_attempted_killing_is_not_a_killing() {
    let text = "Police dropped charges of attempted murder against Omar Diaz on Friday.";
    let evs = local(text);
    assert!(of_kind(&evs, EventKind::Killing).is_empty(), "{evs:?}");
}

#[test]
fn a_pronoun_subject_hides_earlier_names() {
    let text = "Chile had backed the Andean Group after they met on Tuesday in Quito.";
    let evs = local(text);
    for e in of_kind(&evs, EventKind::Meeting) {
        assert!(names(text, e, Relation::Agent).is_empty(), "{e:?}");
    }
}

#[test]
fn only_movements_take_their_place_from_to() {
    let text = "Bus seized\n03 March, 2021\nOn Monday, rebels seized a bus in Peru and forced it to drive to Chile.";
    let evs = local(text);
    let c = of_kind(&evs, EventKind::Capture);
    let Some(ev) = c.first() else {
        panic!("{evs:?}")
    };
    let locs = names(text, ev, Relation::Location);
    assert!(!locs.contains(&"Chile".to_string()), "{locs:?}");
}

#[test]
fn the_owner_of_someone_else_is_not_the_agent() {
    let text = "Ana Ruiz's running mate Tomas Berg withdrew from the contest in Chile on Friday.";
    let evs = local(text);
    let w = of_kind(&evs, EventKind::Withdrawal);
    let Some(ev) = w.first() else {
        panic!("{evs:?}")
    };
    let agents = names(text, ev, Relation::Agent);
    assert!(!agents.contains(&"Ana Ruiz".to_string()), "{agents:?}");
}

#[test]
fn visiting_after_before_takes_no_agent_from_the_object() {
    let text = "Ana Ruiz will meet President Tomas Berg in Lima before visiting Chile on Monday.";
    let evs = local(text);
    for e in of_kind(&evs, EventKind::Visit) {
        assert!(
            !names(text, e, Relation::Agent).contains(&"Tomas Berg".to_string()),
            "{e:?}"
        );
    }
}

#[test]
fn an_agent_named_by_by_wins_over_one_before() {
    let text = "Report\n03 March, 2021\nGovernor Ana Ruiz shields farmers from attack by the Zeta Liberation Front in March 2021.";
    let evs = local(text);
    let a = of_kind(&evs, EventKind::Attack);
    let Some(ev) = a.first() else {
        panic!("{evs:?}")
    };
    assert_eq!(names(text, ev, Relation::Agent), ["Zeta Liberation Front"]);
}

#[test]
fn an_attempt_a_deal_or_words_are_not_force() {
    let text = "Report\n03 March, 2021\nPolice said Omar Diaz tried to kill Luis Vega in Peru on Monday.\nChile struck a deal with Peru on Tuesday.\nAna Ruiz on Friday attacked the government's decision on Peru.\nDockers in Chile began a general strike on Monday.\nA Chilean bank sold options at a strike price of 90 on Monday.\nWorkers in Peru observed a strike on Tuesday.";
    let evs = local(text);
    assert!(of_kind(&evs, EventKind::Killing).is_empty(), "{evs:?}");
    assert!(of_kind(&evs, EventKind::Strike).is_empty(), "{evs:?}");
    assert!(of_kind(&evs, EventKind::Attack).is_empty(), "{evs:?}");
}

#[test]
fn a_people_or_a_demonym_is_not_where_it_happened() {
    let text = "Report\n03 March, 2021\nA Chilean rebel bombing of a hotel in Lima killed two people on Monday.\nIn 1860 rebels seized the port in the war against the Peruvians.";
    let evs = local(text);
    for e in &evs {
        let locs = names(text, e, Relation::Location);
        assert!(!locs.contains(&"Chile".to_string()), "{e:?}");
        assert!(!locs.contains(&"Peru".to_string()), "{e:?}");
    }
}

#[test]
fn the_country_of_the_troops_takes_part() {
    let text =
        "Report\n03 March, 2021\nThe withdrawal of Chilean troops from Peru began on Monday.";
    let evs = local(text);
    let w = of_kind(&evs, EventKind::Withdrawal);
    let Some(ev) = w.first() else {
        panic!("{evs:?}")
    };
    assert!(
        ev.roles
            .iter()
            .any(|r| names(text, ev, r.0).contains(&"Chile".to_string())),
        "{ev:?}"
    );
}

/// The status of the first event of `kind` in `text`.
fn status_of(text: &str, kind: EventKind) -> Option<EventStatus> {
    local(text)
        .iter()
        .find(|e| e.kind == kind)
        .map(|e| e.status)
}

#[test]
fn status_reads_the_trigger_clause() {
    use EventStatus::*;
    let cases: &[(&str, EventKind, EventStatus)] = &[
        (
            "Gen. Ana Ruiz met Prime Minister Tomas Berg in Lima on Monday.",
            EventKind::Meeting,
            Happened,
        ),
        (
            "Gen. Ana Ruiz did not meet Prime Minister Tomas Berg in Lima on Monday.",
            EventKind::Meeting,
            Negated,
        ),
        (
            "Norway will withdraw 300 soldiers from Chile in March.",
            EventKind::Withdrawal,
            Planned,
        ),
        (
            "Norway plans to withdraw 300 soldiers from Chile.",
            EventKind::Withdrawal,
            Planned,
        ),
        (
            "Norway could withdraw 300 soldiers from Chile in March.",
            EventKind::Withdrawal,
            Hypothetical,
        ),
        (
            "If talks fail, Norway would withdraw 300 soldiers from Chile.",
            EventKind::Withdrawal,
            Hypothetical,
        ),
        (
            "Norway denied attacking Chile on Monday.",
            EventKind::Attack,
            Negated,
        ),
        (
            "Norway is withdrawing 300 soldiers from Chile.",
            EventKind::Withdrawal,
            Ongoing,
        ),
        (
            "Ana Ruiz said Norway would withdraw 300 soldiers from Chile.",
            EventKind::Withdrawal,
            Planned,
        ),
        (
            "Protesters in Lima called for the withdrawal of 300 Norwegian soldiers from Chile.",
            EventKind::Withdrawal,
            Hypothetical,
        ),
        (
            "Norway did not rule out an attack on Chile in March.",
            EventKind::Attack,
            Hypothetical,
        ),
        (
            "Norway has been attacking ports in Chile since March.",
            EventKind::Attack,
            Ongoing,
        ),
        (
            "Ports in Chile have been attacked by Norway since March.",
            EventKind::Attack,
            Happened,
        ),
        (
            "Voters in Chile rejected the proposal in a referendum on Friday.",
            EventKind::Election,
            Happened,
        ),
        (
            "Voters in Chile weighed the proposal of a referendum on Friday.",
            EventKind::Election,
            Hypothetical,
        ),
        (
            "Norway refused to let Gen. Ana Ruiz visit Chile on Monday.",
            EventKind::Visit,
            Negated,
        ),
        (
            "Norway will let Gen. Ana Ruiz visit Chile on Monday.",
            EventKind::Visit,
            Planned,
        ),
        (
            "Gen. Ana Ruiz called for a rally in Chile on Friday.",
            EventKind::Protest,
            Planned,
        ),
        (
            "Gen. Ana Ruiz called for the withdrawal of 300 soldiers from Chile.",
            EventKind::Withdrawal,
            Hypothetical,
        ),
    ];
    for (sentence, kind, want) in cases {
        let text = &format!("News\n2021-01-15\n{sentence}");
        assert_eq!(
            status_of(text, *kind),
            Some(*want),
            "{text}: {:?}",
            local(text)
        );
    }
}

#[test]
fn a_phrase_after_after_is_taken_as_given() {
    // The negation governs "comment", not the attack after "after".
    let text = "Norway did not comment after the attack on Chile on Monday.";
    assert_eq!(
        status_of(text, EventKind::Attack),
        Some(EventStatus::Happened)
    );
}

#[test]
fn a_date_after_the_report_is_a_plan() {
    let text = "Talks in Lima\n2021-03-15\nAna Ruiz meets Tomas Berg in Lima next month.";
    let evs = local(text);
    let m = evs.iter().find(|e| e.kind == EventKind::Meeting);
    let Some(m) = m else { panic!("{evs:?}") };
    assert_eq!(start(m), Some("2021-04"));
    assert_eq!(m.status, EventStatus::Planned);
}

#[test]
fn a_month_named_may_is_not_a_modal() {
    let text = "Norway withdrew 300 soldiers from Chile in May 2019.";
    assert_eq!(
        status_of(text, EventKind::Withdrawal),
        Some(EventStatus::Happened)
    );
}

#[test]
fn words_in_another_sense_make_no_event() {
    for text in [
        "News\n2021-01-15\nShares of Norsk Hydro rallied 4% on Monday in Oslo.",
        "News\n2021-01-15\nThe Oslo index pulled back 1.2% from Monday's record as Norsk Hydro slipped.",
        "News\n2021-01-15\nA typhoon struck Luzon on Monday, flooding towns near Manila.",
        "News\n2021-01-15\nNorsk Hydro is shelling out $2 billion for a plant in Chile, Ana Ruiz said on Monday.",
        "News\n2021-01-15\nMadrid cut the gap to two points on Monday against Sevilla.",
    ] {
        let evs = local(text);
        let kinds: Vec<_> = evs
            .iter()
            .map(|e| e.kind)
            .filter(|k| *k != EventKind::Named)
            .collect();
        assert!(kinds.is_empty(), "{text}: {evs:?}");
    }
}

#[test]
fn numbers_that_measure_nothing_are_not_the_event_s() {
    let text = "News\n2021-01-15\nGunmen attacked a base near Gao in Mali on Monday, killing 14 soldiers, two security sources said.";
    let evs = local(text);
    let all: Vec<&str> = evs
        .iter()
        .flat_map(|e| e.quantities.iter().map(|q| q.unit.as_str()))
        .collect();
    assert!(all.contains(&"soldiers"), "{evs:?}");
    assert!(!all.contains(&"sources"), "{evs:?}");
    let text = "News\n2021-01-15\nThe Ohio Senate voted on Thursday, five months after a fire in Dayton forced 2,000 residents from their homes.";
    let evs = local(text);
    assert!(evs.iter().all(|e| e.quantities.is_empty()), "{evs:?}");
}

#[test]
fn a_state_acts_through_its_parliament_and_this_resolution_dates_it() {
    let text = "Lawmakers vote\n2021-05-20\nAfter the raid on Tomas Berg, Peru's parliament passed a resolution calling for Chilean troops to leave.\nDespite this resolution, passed in March, the troops stayed.";
    let evs = local(text);
    let Some(v) = evs.iter().find(|e| e.kind == EventKind::Vote) else {
        panic!("{evs:?}")
    };
    assert_eq!(names(text, v, Relation::Agent), ["Peru"]);
    assert_eq!(start(v), Some("2021-03"));
}

#[test]
fn a_place_where_something_happens_is_not_its_agent() {
    let text = "Raid in Mali\n2021-05-20\nGunmen attacked an outpost near the town of Gao on Tuesday, killing 12 soldiers.";
    let evs = local(text);
    for e in &evs {
        assert!(names(text, e, Relation::Agent).is_empty(), "{evs:?}");
    }
}

#[test]
fn a_caption_keeps_its_words_without_its_credit() {
    let text = "Leaders meet\n\nAna Ruiz meets with Peruvian President Tomas Berg in the Oval Office of the White House, Thursday, Aug. 20, 2020, in Washington. (AP Photo/Li Wei)\n\nThe talks went on.";
    let evs = local(text);
    let Some(m) = evs.iter().find(|e| e.kind == EventKind::Meeting) else {
        panic!("{evs:?}")
    };
    assert_eq!(start(m), Some("2020-08-20"));
    assert!(
        names(text, m, Relation::Participant).contains(&"Tomas Berg".to_string()),
        "{m:?}"
    );
}

#[test]
fn workers_stopping_work_is_a_labour_strike() {
    let text = "Port strike\n2022-09-12\nDockworkers in Gdansk began a 48-hour strike on Monday over pay, the Solidarnosc union said.";
    let evs = local(text);
    let kinds: Vec<_> = evs.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventKind::LabourStrike), "{evs:?}");
    assert!(!kinds.contains(&EventKind::Strike), "{evs:?}");
}

#[test]
fn who_reports_the_event_is_its_source() {
    let text =
        "Raid\n2021-05-20\nPeruvian troops attacked a camp near Tumbes on Monday, Ana Ruiz said.";
    let evs = local(text);
    let Some(a) = evs.iter().find(|e| e.kind == EventKind::Attack) else {
        panic!("{evs:?}")
    };
    assert_eq!(names(text, a, Relation::Source), ["Ana Ruiz"]);
    let text = "Raid\n2021-05-20\nAccording to Ana Ruiz, Peruvian troops attacked a camp near Tumbes on Monday.";
    let evs = local(text);
    let Some(a) = evs.iter().find(|e| e.kind == EventKind::Attack) else {
        panic!("{evs:?}")
    };
    assert_eq!(names(text, a, Relation::Source), ["Ana Ruiz"]);
}

#[test]
fn troops_stationed_in_a_country_are_a_presence() {
    let text = "Mission\n2021-05-20\nDenmark, which has about 90 troops in Mali, said on Monday it would stay.";
    let evs = local(text);
    let p = of_kind(&evs, EventKind::Presence);
    let [p] = p.as_slice() else { panic!("{evs:?}") };
    assert!(p.quantities.iter().any(|q| q.value == Some(90.0)), "{p:?}");
    assert_eq!(names(text, p, Relation::Location), ["Mali"]);
}

#[test]
fn leaving_takes_troops_and_not_the_dead() {
    let text =
        "Drawdown\n2021-05-20\nThe French troops are leaving Mali, officials said on Monday.";
    let evs = local(text);
    assert_eq!(of_kind(&evs, EventKind::Withdrawal).len(), 1, "{evs:?}");
    for text in [
        "Blast\n2021-05-20\nThe bombing in Gao left 14 dead on Monday.",
        "Vote\n2021-05-20\nKeita left office in August after the protests.",
    ] {
        let evs = local(text);
        assert!(
            of_kind(&evs, EventKind::Withdrawal).is_empty(),
            "{text}: {evs:?}"
        );
    }
}

#[test]
fn joint_forces_act_together() {
    let text = "Raid\n2021-05-20\nFrench and Malian troops attacked a camp near Gao on Monday, France and Mali said.";
    let evs = local(text);
    let [a] = of_kind(&evs, EventKind::Attack)[..] else {
        panic!("{evs:?}")
    };
    let mut agents = names(text, a, Relation::Agent);
    agents.sort();
    assert_eq!(agents, ["France", "Mali"]);
    // A list of places where something happens acts not.
    let text =
        "Raid\n2021-05-20\nAttacks in Niger and Mali continued on Monday, killing 12 soldiers.";
    for e in local(text) {
        assert!(names(text, &e, Relation::Agent).is_empty(), "{e:?}");
    }
}

#[test]
fn the_reporting_clause_is_not_the_event_s() {
    let text = "War\n2021-05-20\nRebel forces invaded Chad in 2008, officials in Sudan said.";
    let evs = local(text);
    let [i] = of_kind(&evs, EventKind::Invasion)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(names(text, i, Relation::Target), ["Chad"]);
}

#[test]
fn a_participle_after_the_comma_shares_the_clause_s_time() {
    let text = "Raid\n2021-05-20\nGunmen attacked the town on Monday, killing 12 soldiers in Gao.";
    let evs = local(text);
    let [k] = of_kind(&evs, EventKind::Killing)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(start(k), Some("2021-05-17"));
}

#[test]
fn parties_and_counts_of_other_clauses_are_not_quantities() {
    let text = "Talks\n2021-05-20\nThe two countries met in Lima on Monday.";
    for e in local(text) {
        assert!(e.quantities.is_empty(), "{e:?}");
    }
    let text = "Storm\n2021-05-20\nRebels attacked the town of Gao on Monday, and 4,000 residents fled to the capital.";
    let evs = local(text);
    let [a] = of_kind(&evs, EventKind::Attack)[..] else {
        panic!("{evs:?}")
    };
    assert!(a.quantities.is_empty(), "{a:?}");
}

#[test]
fn a_number_in_a_clause_before_the_trigger_is_not_its_quantity() {
    // A relative clause of the subject, closed by a comma.
    let text = "Cuts\n2021-05-20\nAcme Corp, which employs 5,400 people, will cut jobs in Lima, \
                officials said on Monday.";
    let evs = local(text);
    let [r] = of_kind(&evs, EventKind::Reduction)[..] else {
        panic!("{evs:?}")
    };
    assert!(r.quantities.is_empty(), "{r:?}");
    // The trigger in an "after" clause of its own, the number in the main one.
    let text = "Cuts\n2021-05-20\nShares in Acme Corp rose 4.5% on Monday after it said it \
                would cut 800 jobs.";
    let evs = local(text);
    let [r] = of_kind(&evs, EventKind::Reduction)[..] else {
        panic!("{evs:?}")
    };
    let values: Vec<Option<f64>> = r.quantities.iter().map(|q| q.value).collect();
    assert_eq!(values, [Some(800.0)], "{r:?}");
    // A relative clause on the number's own noun keeps it.
    let text = "Drawdown\n2021-05-20\nAbout 300 Peruvian troops, who arrived in May, \
                withdrew from Tumbes on Monday.";
    let evs = local(text);
    let [w] = of_kind(&evs, EventKind::Withdrawal)[..] else {
        panic!("{evs:?}")
    };
    assert!(w.quantities.iter().any(|q| q.value == Some(300.0)), "{w:?}");
}

#[test]
fn counts_of_other_verbs_rates_and_the_wounded_do_not_measure_an_event() {
    let none = |text: &str, kind: EventKind| {
        let evs = local(text);
        for e in of_kind(&evs, kind) {
            assert!(e.quantities.is_empty(), "{text}: {e:?}");
        }
    };
    // The object of another verb before the trigger.
    none(
        "Levy\n2021-05-20\nPolice arrested at least 37 people in Lima on Monday as traders \
         protested against the Tumbes Market Board.",
        EventKind::Protest,
    );
    // The main verb's object before a participle.
    let text = "Slide\n2021-05-20\nA landslide buried at least 11 houses in Tumbes on Monday, \
                killing 14 people.";
    let evs = local(text);
    let [k] = of_kind(&evs, EventKind::Killing)[..] else {
        panic!("{evs:?}")
    };
    let values: Vec<Option<f64>> = k.quantities.iter().map(|q| q.value).collect();
    assert_eq!(values, [Some(14.0)], "{k:?}");
    // A rate of the economy.
    none(
        "Levy\n2021-05-20\nThe protest by the Tumbes Market Board comes as Peru struggles with \
         inflation of more than 24 percent.",
        EventKind::Protest,
    );
    // The wounded are not the dead.
    let text = "Raid\n2021-05-20\nThe Red Hand Brigade killed four soldiers in Gao on Monday, \
                and left 11 wounded.";
    let evs = local(text);
    let [k] = of_kind(&evs, EventKind::Killing)[..] else {
        panic!("{evs:?}")
    };
    assert!(k.quantities.iter().all(|q| q.value == Some(4.0)), "{k:?}");
    let text = "Raid\n2021-05-20\nGunmen killed 12 people and wounded 30 others in Gao on Monday.";
    let evs = local(text);
    let [k] = of_kind(&evs, EventKind::Killing)[..] else {
        panic!("{evs:?}")
    };
    let values: Vec<Option<f64>> = k.quantities.iter().map(|q| q.value).collect();
    assert_eq!(values, [Some(12.0)], "{k:?}");
    // Speakers with an aside before "said".
    none(
        "Poll\n2021-05-20\nTwo Labour lawmakers, speaking on condition of anonymity, said \
         Peru would hold a vote in Tumbes on Monday.",
        EventKind::Vote,
    );
}

#[test]
fn a_meeting_called_off_past_what_qualifies_it_did_not_take_place() {
    let text = "Talks\n2021-05-20\nThe meeting between Ana Ruiz and Tomas Berg, scheduled for \
                Friday in Lima, was cancelled on Tuesday.";
    let evs = local(text);
    let [m] = of_kind(&evs, EventKind::Meeting)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(m.status, EventStatus::Negated, "{m:?}");
    let text = "Vote\n2021-05-20\nThe vote in Lima on the new budget of Peru was postponed.";
    let evs = local(text);
    let [v] = of_kind(&evs, EventKind::Vote)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(v.status, EventStatus::Planned, "{v:?}");
}

#[test]
fn an_announcement_has_no_figures_of_its_own() {
    let text =
        "Pay\n2021-05-20\nAcme Corp announced on Monday a pay rise of 5% for its 2,000 workers.";
    let evs = local(text);
    let [a] = of_kind(&evs, EventKind::Announcement)[..] else {
        panic!("{evs:?}")
    };
    assert!(a.quantities.is_empty(), "{a:?}");
}

#[test]
fn money_spent_is_no_strike() {
    let text =
        "Deal\n2021-05-20\nAcme Corp shelled out $300 million for a tower in Lima on Monday.";
    assert!(local(text).is_empty(), "{:?}", local(text));
}

#[test]
fn a_share_of_the_troops_is_no_market_move_and_what_is_left_is_the_level() {
    let text = "Drawdown\n2021-05-20\nFrance will withdraw 60 percent of its troops in Mali, officials said on Monday.\n\nThe plan would leave a force of about 2,000 French troops.";
    let evs = local(text);
    let [w] = of_kind(&evs, EventKind::Withdrawal)[..] else {
        panic!("{evs:?}")
    };
    // A plan dates from its announcement.
    assert_eq!(start(w), Some("2021-05-17"));
    assert!(
        w.quantities
            .iter()
            .any(|q| q.to == Some(2000.0) && q.value.is_none()),
        "{w:?}"
    );
    let text = "Drawdown\n2021-05-20\nPeru will cut its troops in Tumbes by half on Monday, leaving about 200 soldiers.";
    let evs = local(text);
    let [r] = of_kind(&evs, EventKind::Reduction)[..] else {
        panic!("{evs:?}")
    };
    assert!(r.quantities.iter().any(|q| q.to == Some(200.0)), "{r:?}");
}

#[test]
fn a_date_between_the_state_and_its_light_verb_is_skipped() {
    let text =
        "War\n2021-05-20\nIn response, Iran on Jan. 8 launched a missile attack on a base in Iraq.";
    let evs = local(text);
    let [a] = of_kind(&evs, EventKind::Attack)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(names(text, a, Relation::Agent), ["Iran"]);
    assert_eq!(start(a), Some("2021-01-08"));
}

#[test]
fn a_withdrawal_that_moves_a_cut_s_numbers_is_that_cut() {
    let text = "Drawdown\n2021-05-20\nPeru will withdraw 300 troops from Tumbes, officials said on Monday.\n\nPeru will reduce its force in Tumbes from 1,000 to 700 troops on Monday.";
    let evs = local(text);
    assert!(of_kind(&evs, EventKind::Withdrawal).is_empty(), "{evs:?}");
    assert_eq!(of_kind(&evs, EventKind::Reduction).len(), 2, "{evs:?}");
    // Another number is another act.
    let text = "Drawdown\n2021-05-20\nPeru will withdraw 500 troops from Tumbes, officials said on Monday.\n\nPeru will reduce its force in Tumbes from 1,000 to 700 troops on Monday.";
    let evs = local(text);
    assert_eq!(of_kind(&evs, EventKind::Withdrawal).len(), 1, "{evs:?}");
}

#[test]
fn the_subject_before_after_v_ing_acts() {
    let text = "War\n2021-05-20\nRussian troops, after invading Ukraine in 2014, stayed in Crimea, Russia said.";
    let evs = local(text);
    let [i] = of_kind(&evs, EventKind::Invasion)[..] else {
        panic!("{evs:?}")
    };
    assert_eq!(names(text, i, Relation::Agent), ["Russia"]);
    assert_eq!(names(text, i, Relation::Target), ["Ukraine"]);
}

#[test]
fn the_clock_of_a_match_marks_a_goal_not_an_attack() {
    let text = "Report\n03 March, 2021\nRuiz struck on 71 minutes after a long run down the left.";
    let evs = local(text);
    assert!(of_kind(&evs, EventKind::Strike).is_empty(), "{evs:?}");
    let text = "Report\n03 March, 2021\nBerg struck again in the 88th minute to seal it.";
    assert!(of_kind(&local(text), EventKind::Strike).is_empty());
    // Minutes of talks are no match's clock.
    let text = "Report\n03 March, 2021\nRebels struck a convoy near Gao on Monday after 20 minutes of talks broke down.";
    assert!(!of_kind(&local(text), EventKind::Strike).is_empty());
}

#[test]
fn a_definite_noun_names_the_event_just_read_again() {
    let text = "News\n2021-11-18\nThe air force of Chad struck rebel camps near Gao on Tuesday, the army said, adding that the strikes had killed about 30 fighters.";
    let evs = local(text);
    let strikes = of_kind(&evs, EventKind::Strike);
    // Read twice, with the first one's time and place: one node.
    assert!(
        strikes
            .iter()
            .all(|e| start(e) == Some("2021-11-16") && e.roles.len() == 1),
        "{evs:?}"
    );
    let g = graph(&[text]);
    let nodes = events_of(&g);
    assert_eq!(
        nodes.iter().filter(|n| n.0.contains("strike")).count(),
        1,
        "{nodes:?}"
    );
    // What they caused happened when they did.
    let killed = of_kind(&evs, EventKind::Killing);
    assert_eq!(killed.len(), 1, "{evs:?}");
    assert_eq!(start(killed[0]), Some("2021-11-16"));
    // A strike on another day is another event: nothing of it goes to
    // Tuesday's.
    let text = "News\n2021-11-18\nThe air force of Chad struck rebel camps near Gao on Tuesday. The strike on Sunday had killed 12 fighters near Kidal.";
    let evs = local(text);
    for e in of_kind(&evs, EventKind::Strike) {
        assert!(e.quantities.is_empty() && e.roles.len() == 1, "{evs:?}");
    }
    let killed = of_kind(&evs, EventKind::Killing);
    assert_eq!(killed.first().and_then(|k| start(k)), Some("2021-11-14"));
}

#[test]
fn a_date_restating_a_relative_time_dates_the_event() {
    let text =
        "News\n2022-03-15\nThe Bank of Canada meets a week later, on March 23, to set rates.";
    let evs = local(text);
    let m = of_kind(&evs, EventKind::Meeting);
    assert_eq!(m.len(), 1, "{evs:?}");
    // A day of the month a week ahead of the report, nothing pointing
    // back: the coming one, so the meeting is planned.
    assert_eq!(start(m[0]), Some("2022-03-23"));
    assert_eq!(m[0].status, EventStatus::Planned);
}

#[test]
fn a_count_of_another_verb_in_the_list_is_not_the_event_s() {
    let text = "News\n2019-08-03\nA blast ripped through a market in Gao on Friday, killing at least nine people, wrecking stalls and forcing more than 2,000 traders out of the area.";
    let evs = local(text);
    let k = of_kind(&evs, EventKind::Killing);
    assert_eq!(k.len(), 1, "{evs:?}");
    let counts: Vec<_> = k[0].quantities.iter().map(|q| q.value).collect();
    assert_eq!(counts, [Some(9.0)], "{evs:?}");
}

#[test]
fn a_noun_in_apposition_sums_up_the_event_before_it() {
    let text = "News\n2024-06-04\nNorsk Hydro agreed on Monday to buy Sandvik Metals for $2 billion, a deal that would lead to 900 job cuts.";
    let g = graph(&[text]);
    let nodes = events_of(&g);
    let deals: Vec<_> = nodes.iter().filter(|n| n.0.contains("agreement")).collect();
    assert_eq!(deals.len(), 1, "{nodes:?}");
    assert_eq!(deals[0].1.as_deref(), Some("2024-06-03"));
    // Its agent is the buyer's, not the name nearest the noun.
    let agents: Vec<_> = g
        .edges()
        .filter(|(_, _, e)| e.relation == Relation::Agent)
        .map(|(_, to, _)| to.label.clone())
        .collect();
    assert_eq!(agents, ["Norsk Hydro"], "{agents:?}");
}

#[test]
fn counts_of_speakers_sizes_and_other_events_measure_nothing() {
    let units = |text: &str| -> Vec<String> {
        local(text)
            .iter()
            .flat_map(|e| {
                e.quantities
                    .iter()
                    .map(|q| format!("{:?} {}", q.value, q.unit))
            })
            .collect()
    };
    // Speakers listed before their verb.
    let got = units(
        "News\n2021-11-09\nAir strikes killed at least 17 people in Gao on Tuesday, two medics and a local official said.",
    );
    assert_eq!(got, ["Some(17.0) people"]);
    // The size of a quake.
    let got = units(
        "News\n2023-10-04\nA magnitude 5.9 quake struck near Medan on Wednesday, killing 23 people.",
    );
    assert!(!got.iter().any(|u| u.contains("5.9")), "{got:?}");
    // A count of other events.
    let got = units(
        "News\n2021-11-09\nThe coalition said it had carried out 38 raids near Gao, destroying 14 trucks and killing 115 fighters.",
    );
    assert!(!got.iter().any(|u| u.contains("raids")), "{got:?}");
    // The object of a second verb after "and".
    let got = units(
        "News\n2023-06-22\nFighting near Goma on Monday killed at least 43 people and drove more than 12,000 villagers from their homes.",
    );
    assert_eq!(got, ["Some(43.0) people"]);
}

#[test]
fn a_place_inside_a_phrase_of_place_is_not_the_subject() {
    let text =
        "News\n2023-10-04\nA quake in the northern town of Medan killed 23 people on Wednesday.";
    let evs = local(text);
    for e in &evs {
        assert!(names(text, e, Relation::Agent).is_empty(), "{evs:?}");
    }
}

#[test]
fn market_rallies_vote_shares_and_pushes_are_no_protests_votes_or_deals() {
    let text = "News\n2024-02-07\nThe STOXX 600 index closed down 0.7%, ending a three-session rally that had lifted it 2.3%.";
    assert!(of_kind(&local(text), EventKind::Protest).is_empty());
    let text = "News\n2020-11-30\nRuiz led the first round on Nov. 15 with 38.9% of the vote against 33.1% for Berg.";
    assert!(of_kind(&local(text), EventKind::Vote).is_empty());
    let text = "News\n2021-11-09\nThe U.N. envoy Ana Ruiz is to travel to Muscat next week to push for a nationwide ceasefire.";
    for e in local(text) {
        assert_ne!(e.status, EventStatus::Happened, "{e:?}");
    }
}

#[test]
fn the_speaker_who_says_it_will_act_is_the_agent() {
    let text = "Deal\n2022-05-18\nNorsk Hydro said on Wednesday it had agreed to buy Sandvik Metals for $2 billion, and would cut roughly 900 jobs.";
    let evs = local(text);
    let cuts = of_kind(&evs, EventKind::Reduction);
    assert_eq!(cuts.len(), 1, "{evs:?}");
    assert_eq!(names(text, cuts[0], Relation::Agent), ["Norsk Hydro"]);
    // Someone else's act, reported: the speaker is only the source.
    let text = "Raid\n2022-05-18\nThe ministry of Chad said Boko Haram fighters attacked a base near Gao on Tuesday.";
    for e in of_kind(&local(text), EventKind::Attack) {
        assert!(
            names(text, e, Relation::Agent).iter().all(|n| n != "Chad"),
            "{e:?}"
        );
    }
}

#[test]
fn two_parties_that_agree_both_take_part() {
    let text = "Talks\n2023-01-18\nIndia and Bangladesh agreed on Wednesday to restart talks on river waters, officials said.";
    let evs = local(text);
    let deals = of_kind(&evs, EventKind::Agreement);
    assert_eq!(deals.len(), 1, "{evs:?}");
    let mut all = names(text, deals[0], Relation::Agent);
    all.extend(names(text, deals[0], Relation::Participant));
    all.sort();
    assert_eq!(all, ["Bangladesh", "India"]);
}

#[test]
fn goals_met_rescues_rallies_of_supporters_and_armed_strikes_keep_their_sense() {
    for text in [
        "News\n2021-01-15\nNorsk Hydro met its production target on Monday, Ana Ruiz said.",
        "News\n2021-01-15\nRescuers pulled 12 survivors from the rubble in Gao on Monday.",
        "News\n2021-01-15\nAna Ruiz held a victory rally in Lima on Monday.",
    ] {
        let kinds: Vec<_> = local(text).iter().map(|e| e.kind).collect();
        assert!(
            !kinds.iter().any(|k| matches!(
                k,
                EventKind::Meeting | EventKind::Withdrawal | EventKind::Protest
            )),
            "{text}: {kinds:?}"
        );
    }
    let text = "News\n2021-01-15\nA drone strike near Gao killed 12 workers on Monday.";
    let kinds: Vec<_> = local(text).iter().map(|e| e.kind).collect();
    assert!(!kinds.contains(&EventKind::LabourStrike), "{kinds:?}");
    let text = "News\n2021-01-15\nDockworkers in Lima began a 48-hour strike on Monday over pay.";
    let kinds: Vec<_> = local(text).iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventKind::LabourStrike), "{kinds:?}");
}

#[test]
fn a_headline_event_takes_the_day_and_count_of_the_lead_s() {
    let text = "Bandits kill six in mountain village\nFriday 9 April 2021\nBandits killed six farmers in the village of Orla on Wednesday, police said.";
    let evs = local(text);
    let k: Vec<_> = evs
        .iter()
        .filter(|e| e.kind == EventKind::Killing)
        .collect();
    assert_eq!(k.len(), 2, "{evs:?}");
    for e in &k {
        assert_eq!(start(e), Some("2021-04-07"), "{e:?}");
        assert_eq!(e.quantities.len(), 1, "{e:?}");
        assert_eq!(e.quantities[0].unit, "farmers", "{e:?}");
    }
}

#[test]
fn a_headline_event_without_its_lead_s_is_not_dated_by_the_report() {
    // The body's killing is by another party, of another count.
    let text = "Kenya kills 12 in Somalia\nFriday 9 April 2021\nOn Wednesday, Ugandan troops killed 30 rebels in Ituri, the army said.";
    let evs = local(text);
    let head = evs.iter().find(|e| e.evidence.sentence == 0);
    let Some(head) = head else { panic!("{evs:?}") };
    assert_eq!(head.time, None, "{head:?}");
    // A lead without a title keeps its reading.
    let lead = "Friday 9 April 2021\nRebels attacked an army post in Kivu, the army said.";
    let evs = local(lead);
    assert!(
        evs.iter().any(|e| start(e) == Some("2021-04-09")),
        "{evs:?}"
    );
}

#[test]
fn an_offset_dates_the_event_it_follows_and_the_clause_it_opens_keeps_its_day() {
    let text = "Talks in Peru\nTuesday 15 June 2021\nGen. Ana Ruiz met Tomas Berg in Peru two days after Col. Ivan Sokol attacked Lima on Sunday.";
    let evs = local(text);
    let by = |kind: EventKind| evs.iter().find(|e| e.kind == kind).and_then(start);
    assert_eq!(by(EventKind::Attack), Some("2021-06-13"), "{evs:?}");
    assert_eq!(by(EventKind::Meeting), Some("2021-06-15"), "{evs:?}");
}

#[test]
fn a_killing_told_as_the_outcome_of_a_long_clause_has_its_agent() {
    let text = "Raid in Peru\nTuesday 15 June 2021\nCol. Ivan Sokol attacked an army base on the road from the coast to the border of Peru on Sunday, killing 12 soldiers.";
    let evs = local(text);
    let k = evs.iter().find(|e| e.kind == EventKind::Killing);
    let Some(k) = k else { panic!("{evs:?}") };
    assert_eq!(names(text, k, Relation::Agent), ["Ivan Sokol"], "{evs:?}");
    assert_eq!(start(k), Some("2021-06-13"));
}

#[test]
fn a_place_gone_through_is_where_it_happened() {
    let text = "Farmers protest\nTuesday 15 June 2021\nGen. Ana Ruiz marched through Peru with thousands of farmers on Monday.";
    let evs = local(text);
    let p = evs.iter().find(|e| e.kind == EventKind::Protest);
    let Some(p) = p else { panic!("{evs:?}") };
    assert_eq!(names(text, p, Relation::Location), ["Peru"], "{evs:?}");
    assert!(names(text, p, Relation::Participant).is_empty(), "{evs:?}");
}

#[test]
fn an_event_before_when_takes_the_when_clause_s_time_past_an_apposition() {
    let text = "Raid in Peru\nTuesday 15 June 2021\nAt least 30 people were killed when Col. Ivan Sokol attacked a church in Lima, Ancash province, on Sunday.";
    let evs = local(text);
    let by = |kind: EventKind| evs.iter().find(|e| e.kind == kind).and_then(start);
    assert_eq!(by(EventKind::Killing), Some("2021-06-13"), "{evs:?}");
    assert_eq!(by(EventKind::Attack), Some("2021-06-13"), "{evs:?}");
    // A report's day is not the clause's.
    let text = "Raid in Peru\nTuesday 15 June 2021\nAt least 30 people were killed when Col. Ivan Sokol attacked a church in Lima, police said on Monday.";
    let evs = local(text);
    let k = evs.iter().find(|e| e.kind == EventKind::Killing);
    assert!(k.is_none_or(|k| k.time.is_none()), "{evs:?}");
}

#[test]
fn strikers_walk_off_the_job_against_their_employer() {
    let text = "Strike in Peru\nTuesday 15 June 2021\nAbout 900 workers at the Acme Mining Corp plant in Peru walked off the job on Monday.";
    let evs = local(text);
    let s = evs.iter().find(|e| e.kind == EventKind::LabourStrike);
    let Some(s) = s else { panic!("{evs:?}") };
    assert_eq!(
        names(text, s, Relation::Target),
        ["Acme Mining Corp"],
        "{evs:?}"
    );
    assert_eq!(names(text, s, Relation::Location), ["Peru"], "{evs:?}");
    assert_eq!(start(s), Some("2021-06-14"));
}

#[test]
fn a_place_after_a_direction_or_the_village_of_is_where_it_happened() {
    for sentence in [
        "Col. Ivan Sokol attacked a post in northwest Peru on Sunday.",
        "Col. Ivan Sokol attacked a post near the village of Peru on Sunday.",
    ] {
        let text = format!("Raid\nTuesday 15 June 2021\n{sentence}");
        let evs = local(&text);
        let a = evs.iter().find(|e| e.kind == EventKind::Attack);
        let Some(a) = a else { panic!("{evs:?}") };
        assert_eq!(names(&text, a, Relation::Location), ["Peru"], "{evs:?}");
        assert_eq!(names(&text, a, Relation::Agent), ["Ivan Sokol"], "{evs:?}");
    }
}

#[test]
fn strikes_that_killed_happened_when_and_where_the_killing_did() {
    let text =
        "Raids in Peru\nTuesday 15 June 2021\nThe strikes on Peru killed 42 people on Monday.";
    let evs = local(text);
    let by = |kind: EventKind| evs.iter().find(|e| e.kind == kind);
    let (Some(s), Some(k)) = (by(EventKind::Strike), by(EventKind::Killing)) else {
        panic!("{evs:?}")
    };
    assert_eq!(start(s), Some("2021-06-14"), "{evs:?}");
    assert_eq!(names(text, k, Relation::Location), ["Peru"], "{evs:?}");
    // ", killing …" after any clause is a killing with its count.
    let text =
        "Floods in Peru\nTuesday 15 June 2021\nFloods swept through Peru, killing 17 people.";
    let evs = local(text);
    let k = evs.iter().find(|e| e.kind == EventKind::Killing);
    assert!(k.is_some_and(|k| k.quantities.len() == 1), "{evs:?}");
}

#[test]
fn populations_other_clauses_searches_and_tally_starts_measure_or_date_nothing() {
    let evs = local(
        "Raid\nTuesday 15 June 2021\nCol. Ivan Sokol attacked Lima, a city of about 9,000 people, on Sunday.",
    );
    let a = evs.iter().find(|e| e.kind == EventKind::Attack);
    assert!(a.is_some_and(|a| a.quantities.is_empty()), "{evs:?}");
    let evs = local(
        "Aid\nTuesday 15 June 2021\nPeru pledged aid of 500 million soles, and the army deployed 12 helicopters to Lima on Friday.",
    );
    let d = evs.iter().find(|e| e.kind == EventKind::Deployment);
    let Some(d) = d else { panic!("{evs:?}") };
    assert_eq!(d.quantities.len(), 1, "{evs:?}");
    assert_eq!(d.quantities[0].value, Some(12.0));
    let evs = local(
        "Case\nTuesday 15 June 2021\nIn 2016 police raided 27 addresses in Peru, Col. Ivan Sokol said.",
    );
    assert!(evs.iter().all(|e| e.kind != EventKind::Attack), "{evs:?}");
    let evs = local(
        "War in Peru\nTuesday 15 June 2021\nThe war in Peru has killed more than 370,000 people since it started in 2011.",
    );
    let k = evs.iter().find(|e| e.kind == EventKind::Killing);
    assert!(k.is_some_and(|k| k.time.is_none()), "{evs:?}");
}

#[test]
fn one_plan_told_by_its_announcement_and_by_its_deadline_is_one_event() {
    let text = "Cuts in Peru\nThursday 20 May 2021\nPeru will withdraw 300 soldiers from Chile, Gen. Ana Ruiz said on Wednesday.\n\nPeru will withdraw 300 soldiers from Chile by the end of 2022, Tomas Berg said.";
    let g = graph(&[text]);
    let withdrawals: Vec<_> = events_of(&g)
        .into_iter()
        .filter(|e| e.0.starts_with("event:withdrawal"))
        .collect();
    assert_eq!(withdrawals.len(), 1, "{withdrawals:?}");
}

#[test]
fn a_year_before_the_noun_dates_it_and_a_deal_struck_is_no_strike() {
    let text = "Deal in Peru\nTuesday 15 June 2021\nA 2019 peace deal signed with Peru has failed.";
    let evs = local(text);
    let a = evs.iter().find(|e| e.kind == EventKind::Agreement);
    assert_eq!(a.and_then(start), Some("2019"), "{evs:?}");
    let text = "Deal in Peru\nTuesday 15 June 2021\nIt was a deal that Peru and Chile struck in September.";
    let evs = local(text);
    assert!(evs.iter().all(|e| e.kind != EventKind::Strike), "{evs:?}");
}

#[test]
fn the_deadliest_strike_is_one_of_those_told_before() {
    let text = "Raids in Peru\nTuesday 15 June 2021\nChile struck targets in Peru on Monday, officials said.\n\nThe army said it would respond.\n\nThe deadliest strike hit a market in Lima.";
    let evs = local(text);
    let last = evs
        .iter()
        .filter(|e| e.kind == EventKind::Strike)
        .max_by_key(|e| e.evidence.sentence);
    let Some(last) = last else { panic!("{evs:?}") };
    assert_eq!(last.evidence.sentence, 4, "{evs:?}");
    assert_eq!(start(last), Some("2021-06-14"), "{evs:?}");
}

#[test]
fn power_seized_is_no_place_captured() {
    let evs = local("Coup in Peru\nTuesday 15 June 2021\nThe army seized power in Peru on Monday.");
    assert!(evs.iter().all(|e| e.kind != EventKind::Capture), "{evs:?}");
    let evs = local(
        "War in Peru\nTuesday 15 June 2021\nCol. Ivan Sokol seized control of Lima on Monday.",
    );
    assert!(evs.iter().any(|e| e.kind == EventKind::Capture), "{evs:?}");
}

fn of_kind_one(text: &str, kind: EventKind) -> LocalEvent {
    let evs = local(text);
    match evs.into_iter().find(|e| e.kind == kind) {
        Some(e) => e,
        None => panic!("no {kind:?} in {text}"),
    }
}

#[test]
fn an_unnamed_agent_is_kept_as_the_text_describes_it() {
    for (text, kind, who) in [
        (
            "Attack in Peru\n2021-03-04\nGunmen killed 12 villagers near Lima on Sunday.",
            EventKind::Killing,
            "gunmen",
        ),
        (
            "Port shut\n2021-03-04\nA strike by dockworkers shut the port of Lima on Friday.",
            EventKind::LabourStrike,
            "dockworkers",
        ),
        (
            "Convoy hit\n2021-03-04\nThe convoy was attacked by suspected militants near Lima on Tuesday.",
            EventKind::Attack,
            "suspected militants",
        ),
        (
            "Port shut\n2021-03-04\nNurses at the main hospital in Lima walked off the job on Monday.",
            EventKind::LabourStrike,
            "nurses",
        ),
        (
            "Raid in Peru\n2021-03-04\nTwo gunmen opened fire on a bus near Lima, killing five.",
            EventKind::Killing,
            "two gunmen",
        ),
    ] {
        let ev = of_kind_one(text, kind);
        assert_eq!(ev.agent_text.as_deref(), Some(who), "{text}: {ev:?}");
        assert!(ev.label.contains(who), "{}", ev.label);
    }
    // A participle describing the noun, and a named agent, leave none.
    for (text, kind) in [
        (
            "Raid in Peru\n2021-03-04\nA man seized in a raid near Lima on Monday was freed.",
            EventKind::Capture,
        ),
        (
            "Raid in Peru\n2021-03-04\nPeru attacked rebels near Lima on Monday.",
            EventKind::Attack,
        ),
    ] {
        let evs = local(text);
        let described: Vec<_> = evs.iter().filter_map(|e| e.agent_text.as_ref()).collect();
        assert!(described.is_empty(), "{text}: {evs:?} ({kind:?})");
    }
}

#[test]
fn a_passive_subject_is_who_it_befell_and_by_names_the_agent() {
    let text = "Clash\n2021-03-04\nChile was attacked by Peru on Monday.";
    let ev = of_kind_one(text, EventKind::Attack);
    assert_eq!(names(text, &ev, Relation::Target), ["Chile"]);
    assert_eq!(names(text, &ev, Relation::Agent), ["Peru"]);
}

#[test]
fn the_speaker_a_pronoun_stands_for_is_the_agent() {
    let text = "Troops\n2021-03-04\nPeru said on Monday it would withdraw its troops from Chile.";
    let ev = of_kind_one(text, EventKind::Withdrawal);
    assert_eq!(names(text, &ev, Relation::Agent), ["Peru"]);
}

#[test]
fn two_subjects_with_titles_between_both_act() {
    let text = "Talks\n2021-03-04\nGen. Ana Ruiz and Defence Minister Ivan Sokol agreed on Monday to open the border.";
    let ev = of_kind_one(text, EventKind::Agreement);
    let mut all = names(text, &ev, Relation::Agent);
    all.extend(names(text, &ev, Relation::Participant));
    all.sort();
    assert_eq!(all, ["Ana Ruiz", "Ivan Sokol"], "{ev:?}");
}

#[test]
fn a_list_of_places_is_all_where_but_a_speaker_after_is_not() {
    let text = "Troops\n2021-03-04\nAbout 500 soldiers had been deployed to Peru and Chile by Friday morning, and Gen. Ana Ruiz said more would follow.";
    let ev = of_kind_one(text, EventKind::Deployment);
    assert_eq!(names(text, &ev, Relation::Location), ["Peru", "Chile"]);
    assert!(names(text, &ev, Relation::Participant).is_empty(), "{ev:?}");
    // "had been deployed by Friday": a deadline met before the report.
    assert_eq!(start(&ev), Some("2021-02-26"));
    assert_eq!(ev.status, EventStatus::Happened);
}

#[test]
fn the_place_of_a_main_clause_is_not_that_of_the_event_it_follows() {
    let text = "Shares\n2021-03-04\nShares of the firm rose in Lima on Wednesday after the announcement by Peru.";
    let evs = local(text);
    for ev in &evs {
        assert!(names(text, ev, Relation::Location).is_empty(), "{ev:?}");
    }
}

#[test]
fn numbers_of_time_regions_votes_and_the_wounded_measure_nothing() {
    for text in [
        "Troops\n2021-03-04\nThe order cuts the time the troops need to deploy to Chile from 10 days to five.",
        "Quake\n2021-03-04\nAt least 2,379 people had been killed across 10 provinces of Peru on Monday.",
        "Deal\n2021-03-04\nThe deal Peru signed with Chile was rejected by 432 votes on Monday.",
        "Blast\n2021-03-04\nThe blast in Lima killed at least 135 people, wounded about 5,000 others and flattened homes on Monday.",
    ] {
        let evs = local(text);
        for ev in &evs {
            for q in &ev.quantities {
                assert!(
                    !matches!(q.unit.as_str(), "days" | "provinces" | "others" | "votes"),
                    "{text}: {ev:?}"
                );
            }
        }
    }
}

#[test]
fn a_phrase_that_opens_the_sentence_gives_its_event_nothing_after_the_comma() {
    let text =
        "Deal\n2021-03-04\nUnder the agreement, Peru will buy 22 regional networks from Chile.";
    let evs = local(text);
    assert!(
        evs.iter()
            .all(|e| e.kind != EventKind::Agreement || e.quantities.is_empty()),
        "{evs:?}"
    );
}

#[test]
fn words_of_the_trigger_in_another_sense_make_no_event() {
    for text in [
        "Talks\n2021-03-04\nPeru agreed in an interview that Chile was a rival.",
        "Talks\n2021-03-04\nPeru said its ports were vulnerable to attack by Chile.",
        "Markets\n2021-03-04\nThe broader market pulled back in Lima on Monday, with the index falling 0.4%.",
        "Cars\n2021-03-04\nThe Lima Assembly plant in Peru built its last car on Monday.",
    ] {
        let evs = local(text);
        assert!(evs.is_empty(), "{text}: {evs:?}");
    }
    // A that-clause of what will be done is an agreement.
    let text =
        "Talks\n2021-03-04\nPeru and Chile agreed on Monday that the troops would leave Lima.";
    assert!(
        local(text).iter().any(|e| e.kind == EventKind::Agreement),
        "{text}"
    );
}

#[test]
fn an_offset_after_a_day_dates_the_phrase_it_opens_not_the_clause() {
    let text = "March\n2021-03-04\nOn Saturday, a day before the march, Gen. Ana Ruiz announced that the army would stay in Lima.";
    let ev = of_kind_one(text, EventKind::Announcement);
    assert_eq!(start(&ev), Some("2021-02-27"));
}

#[test]
fn a_future_passive_and_a_list_of_words_keep_the_time_in_reach() {
    let text = "Vote\n2021-03-04\nThe election will be held on December 3 in Peru.";
    let ev = of_kind_one(text, EventKind::Election);
    assert_eq!(start(&ev), Some("2021-12-03"));
    let text =
        "War\n2021-03-04\nPeru launched an invasion of Chile by land, air and sea on Thursday.";
    let ev = of_kind_one(text, EventKind::Invasion);
    assert_eq!(start(&ev), Some("2021-03-04"));
}

#[test]
fn a_hedge_on_a_superlative_is_no_condition() {
    let text = "March\n2021-03-04\nThousands marched in Peru on Sunday, in what would be the biggest protest in its history.";
    let evs = local(text);
    assert!(
        evs.iter()
            .filter(|e| e.kind == EventKind::Protest)
            .all(|e| e.status == EventStatus::Happened),
        "{evs:?}"
    );
}

#[test]
fn the_killing_of_a_since_clause_keeps_its_own_time() {
    let text = "Attack\n2021-11-20\nThe attack on Monday was the worst since rebels killed 25 soldiers in Chile in March.";
    let ev = of_kind_one(text, EventKind::Killing);
    assert_eq!(start(&ev), Some("2021-03"));
}

#[test]
fn a_head_word_going_on_into_a_body_s_name_is_no_named_event() {
    let text = "Vote\n2021-03-04\nThe Peru Election Commission met on Monday.\nThe Lima Summit Hotel opened on Monday.";
    let evs = local(text);
    assert!(evs.iter().all(|e| e.kind != EventKind::Named), "{evs:?}");
    let text = "Fans\n2021-03-04\nThe Lima Fan Expo Peru opened on Monday.";
    assert!(
        local(text).iter().any(|e| e.kind == EventKind::Named),
        "{text}"
    );
}

#[test]
fn a_participle_in_a_clause_of_its_own_takes_no_subject_from_the_sentence() {
    let text = "Search\n2021-03-04\nPolice searched the zoo after he vanished while visiting Peru on Monday.";
    let evs = local(text);
    assert!(evs.iter().all(|e| e.agent_text.is_none()), "{evs:?}");
}

#[test]
fn a_strike_in_a_story_of_a_walkout_is_the_walkout() {
    let text = "Ports shut\n2021-03-04\nDockworkers in Chile walked off the job on Monday.\nThe strike in Chile shut three ports on Tuesday.\nPeru launched an air strike on Chile on Monday.";
    let evs = local(text);
    let kinds: Vec<EventKind> = evs.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventKind::Strike), "{evs:?}");
    assert_eq!(
        kinds
            .iter()
            .filter(|k| **k == EventKind::LabourStrike)
            .count(),
        2,
        "{evs:?}"
    );
}

#[test]
fn a_legislature_or_a_body_that_speaks_is_no_named_event() {
    let text = "Vote\n2021-03-04\nThe Peru National Assembly voted on Monday to approve the budget.\nThe Lima Forum said on Monday that the talks failed.";
    let evs = local(text);
    assert!(evs.iter().all(|e| e.kind != EventKind::Named), "{evs:?}");
}
