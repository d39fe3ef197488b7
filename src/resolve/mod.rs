//! Resolution inside one document: mentions → entities ([`DocResolver`],
//! in [`doc`]), with the user's alias file ([`AliasTable`]) applied on the
//! way. Name forms live in [`names`]; titles, roles and the cleaning of
//! mentions in [`titles`]. Joining entities across documents is
//! [`crate::merge`]'s work.

pub mod aliases;
pub mod doc;
mod evidence;
mod facts;
pub mod names;
pub mod titles;
pub mod words;

pub use aliases::AliasTable;
pub use doc::DocResolver;
pub use names::normalize;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::KnowledgeGraph;
    use crate::merge::fits;
    use crate::model::Relation;
    use crate::model::stage::{MentionFinder, Resolver};
    use crate::model::{Document, Kind, Mention, MentionLabel, Span};
    use crate::ner::rules::RuleFinder;
    use crate::pipeline::Options;
    use crate::pipeline::Pipeline;

    fn resolve(s: &str) -> Vec<(Kind, String, Vec<String>)> {
        let doc = Document::new("t", s.to_string());
        let a = crate::text::analyze(&doc);
        let m = RuleFinder.find(&a);
        DocResolver::default()
            .resolve(&a, &m)
            .entities
            .into_iter()
            .map(|e| (e.kind, e.name, e.aliases.into_iter().collect()))
            .collect()
    }

    fn names(got: &[(Kind, String, Vec<String>)]) -> Vec<&str> {
        got.iter().map(|e| e.1.as_str()).collect()
    }

    /// Mentions given as (text, label), for finders that keep titles in
    /// the mention or label differently from the rule finder.
    fn with_mentions(s: &str, spans: &[(&str, MentionLabel)]) -> crate::model::DocEntities {
        let doc = Document::new("t", s.to_string());
        let a = crate::text::analyze(&doc);
        let mut ms = Vec::new();
        let mut from = 0;
        for (text, label) in spans {
            let start = from + s[from..].find(text).unwrap_or(0);
            let end = start + text.len();
            from = end;
            let toks: Vec<usize> = (0..a.tokens.len())
                .filter(|&i| a.tokens[i].span.start >= start && a.tokens[i].span.end <= end)
                .collect();
            let (first, last) = (toks[0], toks[toks.len() - 1]);
            let sentence = a
                .sentences
                .iter()
                .position(|x| x.tokens.contains(&first))
                .unwrap_or(0);
            ms.push(Mention {
                span: Span::new(start, end),
                tokens: first..last + 1,
                sentence,
                label: *label,
            });
        }
        DocResolver::default().resolve(&a, &ms)
    }

    #[test]
    fn a_place_is_not_the_longer_place_that_contains_its_name() {
        let got = resolve(
            "Storms hit West Virginia on Monday. Officials in Virginia said roads were closed.",
        );
        let places: Vec<&str> = got
            .iter()
            .filter(|e| e.0 == Kind::Place)
            .map(|e| e.1.as_str())
            .collect();
        assert!(
            places.contains(&"West Virginia") && places.contains(&"Virginia"),
            "{got:?}"
        );
    }

    #[test]
    fn a_short_form_joins_a_longer_name_only_when_the_rest_qualifies_it() {
        use MentionLabel::Org;
        let d = with_mentions(
            "The Kestrel Parents Clean Rivers Council sued. The Rivers Council said nothing. \
             The U.N. Trade Council met. The Trade Council agreed.",
            &[
                ("Kestrel Parents Clean Rivers Council", Org),
                ("Rivers Council", Org),
                ("U.N. Trade Council", Org),
                ("Trade Council", Org),
            ],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Kestrel Parents Clean Rivers Council",
                "Rivers Council",
                "U.N. Trade Council"
            ],
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn a_company_named_by_its_first_word_is_the_company() {
        use MentionLabel::Org;
        let d = with_mentions(
            "Brenwick Automotive will cut jobs. Brenwick said sales fell.              The Corran Foundation gave money. Corran Motors did not.",
            &[
                ("Brenwick Automotive", Org),
                ("Brenwick", Org),
                ("Corran Foundation", Org),
                ("Corran Motors", Org),
            ],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["Brenwick Automotive", "Corran Foundation", "Corran Motors"],
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn an_organisation_typed_as_a_place_is_a_group_by_its_seat_staff_or_founder() {
        use MentionLabel::Loc;
        // Every mention typed as a place; two say what it is.
        let d = with_mentions(
            "Reporters waited at Quillon headquarters. An invitation came from Quillon. \
             The co-founder of Quillon spoke during a visit to Quillon.",
            &[
                ("Quillon", Loc),
                ("Quillon", Loc),
                ("Quillon", Loc),
                ("Quillon", Loc),
            ],
        );
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
        assert_eq!(d.entities[0].kind, Kind::Group);
        // A place with an organisation's seat in it stays a place.
        let d = with_mentions(
            "The bank moved its Norvale headquarters. Trade in Norvale slowed.",
            &[("Norvale", Loc), ("Norvale", Loc)],
        );
        assert_eq!(d.entities[0].kind, Kind::Place, "{:?}", d.entities);
    }

    #[test]
    fn a_title_an_age_or_who_makes_a_person_of_a_name_typed_otherwise() {
        use MentionLabel::{Org, Per};
        let d = with_mentions(
            "Indonesian president Tobias Vance spoke. Vance said exports must grow.",
            &[("Tobias Vance", Org), ("Vance", Org)],
        );
        assert_eq!(d.entities[0].kind, Kind::Person, "{:?}", d.entities);
        let d = with_mentions(
            "Ruth Keel, who turned professional, shot 67. The 20-year-old Keel led.",
            &[("Ruth Keel", Org), ("20-year-old Keel", Org)],
        );
        let got: Vec<(&str, Kind)> = d
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind))
            .collect();
        assert_eq!(got, [("Ruth Keel", Kind::Person)], "{:?}", d.entities);
        // An age before a place used as a modifier says nothing of it.
        let d = with_mentions(
            "Lena Dorn, a 27-year-old Norvale Heights labourer, was stopped.",
            &[("Lena Dorn", Per), ("Norvale Heights", Org)],
        );
        assert_eq!(d.entities[1].kind, Kind::Group, "{:?}", d.entities);
    }

    #[test]
    fn a_news_outlet_of_several_words_is_a_group() {
        use MentionLabel::{Misc, Per};
        let d = with_mentions(
            "Al Jazeera said the talks failed. The Dow Jones fell.",
            &[("Al Jazeera", Per), ("Dow Jones", Misc)],
        );
        let got: Vec<(&str, Kind)> = d
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind))
            .collect();
        assert_eq!(got, [("Al Jazeera", Kind::Group)], "{:?}", d.entities);
    }

    #[test]
    fn traded_securities_are_not_their_issuer() {
        use MentionLabel::Org;
        let d = with_mentions(
            "Vantor GDRs rose while December T-bonds and Gilts fell; Vantor said sales rose.",
            &[
                ("Vantor GDRs", Org),
                ("December T-bonds", Org),
                ("Gilts", Org),
                ("Vantor", Org),
            ],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Vantor"], "{:?}", d.entities);
    }

    #[test]
    fn the_town_of_a_name_makes_it_a_place_however_it_was_typed() {
        use MentionLabel::Per;
        let d = with_mentions(
            "Troops retook the town of Tobias Vale on Monday. Tobias Vale was quiet. \
             Tobias Vale had fallen in May.",
            &[
                ("Tobias Vale", Per),
                ("Tobias Vale", Per),
                ("Tobias Vale", Per),
            ],
        );
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
        assert_eq!(d.entities[0].kind, Kind::Place, "{:?}", d.entities);
    }

    #[test]
    fn a_person_listed_after_a_party_keeps_her_kind() {
        use MentionLabel::{Org, Per};
        let d = with_mentions(
            "Tobias Vance of the Labour Party, Lena Dorn of the Civic Party were elected.",
            &[
                ("Tobias Vance", Per),
                ("Labour Party", Org),
                ("Lena Dorn", Per),
                ("Civic Party", Org),
            ],
        );
        let people: Vec<&str> = d
            .entities
            .iter()
            .filter(|e| e.kind == Kind::Person)
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(people, ["Tobias Vance", "Lena Dorn"], "{:?}", d.entities);
    }

    #[test]
    fn a_given_name_alone_is_a_person_by_the_pronouns_after_it() {
        use MentionLabel::Org;
        let d = with_mentions(
            "The court heard of their daughter, Lena. Lena had eczema and her skin \
             broke before she was one.",
            &[("Lena", Org), ("Lena", Org)],
        );
        assert_eq!(d.entities[0].kind, Kind::Person, "{:?}", d.entities);
    }

    #[test]
    fn a_company_named_like_a_person_is_a_group_by_the_words_around_it() {
        use MentionLabel::Per;
        let d = with_mentions(
            "Shares in retailer Pell Marlow fell. Pell Marlow said sales rose.",
            &[("Pell Marlow", Per), ("Pell Marlow", Per)],
        );
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
        assert_eq!(d.entities[0].kind, Kind::Group);
        let d = with_mentions(
            "Dorna Vell said on Monday she would stay.",
            &[("Dorna Vell", Per)],
        );
        assert_eq!(d.entities[0].kind, Kind::Person);
    }

    #[test]
    fn holidays_laws_and_competitions_are_no_person_group_or_place() {
        use MentionLabel::{Org, Per};
        let d = with_mentions(
            "Shops were busy before Thanksgiving. The Coastal Fishing Act passed. \
             Ana Bell won the Harbin Cup. Jo Law spoke.",
            &[
                ("Thanksgiving", Per),
                ("Coastal Fishing Act", Org),
                ("Ana Bell", Per),
                ("Harbin Cup", Org),
                ("Jo Law", Per),
            ],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Ana Bell", "Jo Law"], "{:?}", d.entities);
    }

    #[test]
    fn in_a_sports_report_a_place_that_plays_is_its_team() {
        use MentionLabel::Loc;
        let text = "Norway beat Sweden in the league match. The coach praised the striker \
                    after his second goal of the season. Fans filled the stadium in Oslo. \
                    The final is in Sweden.";
        let d = with_mentions(
            text,
            &[
                ("Norway", Loc),
                ("Sweden", Loc),
                ("Oslo", Loc),
                ("Sweden", Loc),
            ],
        );
        let got: Vec<(Kind, &str, bool)> = d
            .entities
            .iter()
            .map(|e| (e.kind, e.name.as_str(), e.team))
            .collect();
        assert_eq!(
            got,
            [
                (Kind::Group, "Norway", true),
                (Kind::Group, "Sweden", true),
                (Kind::Place, "Oslo", false),
                (Kind::Place, "Sweden", false)
            ]
        );
        // The same words outside sport name the places.
        let d = with_mentions(
            "Norway beat Sweden to the contract.",
            &[("Norway", Loc), ("Sweden", Loc)],
        );
        assert!(
            d.entities.iter().all(|e| e.kind == Kind::Place && !e.team),
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn demonym_nouns_and_status_words_are_cut_and_the_surname_joins() {
        use MentionLabel::Per;
        let d = with_mentions(
            "Rowan Telby died. Welshman Telby was 80. Former Telby aide Kit Amos spoke. Telby won.",
            &[
                ("Rowan Telby", Per),
                ("Welshman Telby", Per),
                ("Former Telby", Per),
                ("Kit Amos", Per),
                ("Telby", Per),
            ],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(
            names.starts_with(&["Rowan Telby", "Kit Amos"]),
            "{:?}",
            d.entities
        );
        assert_eq!(d.entities[0].mentions.len(), 4, "{:?}", d.entities);
    }

    #[test]
    fn a_caption_credit_word_is_cut_from_the_name_before_it() {
        use MentionLabel::Per;
        let d = with_mentions(
            "The winner, Oda Brenn Image: Tom Vale.",
            &[("Oda Brenn Image", Per), ("Tom Vale", Per)],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Oda Brenn", "Tom Vale"]);
    }

    #[test]
    fn pronouns_after_a_name_typed_as_an_organisation_make_it_a_person() {
        use MentionLabel::Org;
        let d = with_mentions("Dana Okafor said he would appeal.", &[("Dana Okafor", Org)]);
        assert_eq!(d.entities[0].kind, Kind::Person, "{:?}", d.entities);
        let d = with_mentions(
            "Dana Okafor said its sales rose. Dana Okafor said he agreed.",
            &[("Dana Okafor", Org), ("Dana Okafor", Org)],
        );
        assert_eq!(d.entities[0].kind, Kind::Group, "{:?}", d.entities);
    }

    #[test]
    fn list_tails_and_roles_after_a_group_are_cut_from_its_name() {
        use MentionLabel::Org;
        let d = with_mentions(
            "Sources such as Radio Kelt etc. agreed. The Harbour Museum CEO resigned.",
            &[("Radio Kelt etc.", Org), ("Harbour Museum CEO", Org)],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Radio Kelt", "Harbour Museum"]);
    }

    #[test]
    fn a_demonym_of_several_words_or_a_language_names_no_place() {
        use MentionLabel::Loc;
        let d = with_mentions(
            "South African officials met. English is spoken there.",
            &[("South African", Loc), ("English", Loc)],
        );
        let got: Vec<(&str, bool)> = d
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.implied))
            .collect();
        assert_eq!(got, [("South Africa", true)], "{:?}", d.entities);
    }

    #[test]
    fn an_illness_named_before_its_common_noun_is_no_entity() {
        use MentionLabel::{Loc, Org, Per};
        let d = with_mentions(
            "Cases of Varno disease rose. Varno spread in Kenya. Kenya's outbreak grew. \
             Tesla Vane died.",
            &[
                ("Varno", Per),
                ("Varno", Org),
                ("Kenya", Loc),
                ("Kenya", Loc),
                ("Tesla Vane", Per),
            ],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Kenya", "Tesla Vane"], "{:?}", d.entities);
    }

    #[test]
    fn after_a_preposition_of_place_a_name_is_a_place() {
        use MentionLabel::{Org, Per};
        let d = with_mentions(
            "Roads in Fenn Hollow flooded. Cafes across Devon closed. Devon firms lost trade. \
             In Ana Ruiz's view it was late.",
            &[
                ("Fenn Hollow", Per),
                ("Devon", Org),
                ("Devon", Org),
                ("Ana Ruiz", Per),
            ],
        );
        let got: Vec<(&str, Kind)> = d
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("Fenn Hollow", Kind::Place),
                ("Devon", Kind::Place),
                ("Ana Ruiz", Kind::Person)
            ]
        );
    }

    #[test]
    fn a_group_joins_its_full_name_that_only_adds_a_head_or_a_place() {
        use MentionLabel::Org;
        let d = with_mentions(
            "The Corvid Esports Club won. Corvid said it would return. \
             The Tarn Corps of Canada met. Tarn Corps members voted. \
             The Reed Bureau opened. Reed Analytics Partners Board agreed.",
            &[
                ("Corvid Esports Club", Org),
                ("Corvid", Org),
                ("Tarn Corps of Canada", Org),
                ("Tarn Corps", Org),
                ("Reed Bureau", Org),
                ("Reed Analytics Partners Board", Org),
            ],
        );
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Corvid Esports Club",
                "Tarn Corps of Canada",
                "Reed Bureau",
                "Reed Analytics Partners Board"
            ],
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn an_acronym_joins_a_name_it_spells_once_a_country_before_it_is_set_aside() {
        use MentionLabel::Org;
        let d = with_mentions(
            "The U.S. Harbour Safety Board said. Later the HSB agreed.",
            &[("U.S. Harbour Safety Board", Org), ("HSB", Org)],
        );
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
    }

    #[test]
    fn a_handle_is_an_alias_only_where_the_text_ties_it() {
        use MentionLabel::{Org, Per};
        let d = with_mentions(
            "Mayor Lia Prast (@LiaPrastNY) spoke. Later @OtherAcct replied.",
            &[
                ("Lia Prast", Per),
                ("@LiaPrastNY", Org),
                ("@OtherAcct", Org),
            ],
        );
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
        assert_eq!(d.entities[0].kind, Kind::Person);
        assert!(
            d.entities[0].aliases.contains("@LiaPrastNY"),
            "{:?}",
            d.entities
        );
    }

    #[test]
    fn a_given_name_alone_joins_the_one_full_name_it_starts() {
        use MentionLabel::Per;
        let d = with_mentions(
            "Marisol Quent runs the bakery. Marisol said sales were up.",
            &[("Marisol Quent", Per), ("Marisol", Per)],
        );
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
        assert_eq!(d.entities[0].name, "Marisol Quent");
    }

    #[test]
    fn a_surname_typed_as_a_place_joins_its_person_unless_it_reads_as_a_place() {
        use MentionLabel::{Loc, Per};
        let d = with_mentions(
            "Olga Lincoln testified on Monday. Lincoln said she was afraid.",
            &[("Olga Lincoln", Per), ("Lincoln", Loc)],
        );
        assert_eq!(d.entities.len(), 1, "{:?}", d.entities);
        assert_eq!(d.entities[0].kind, Kind::Person);
        let d = with_mentions(
            "Olga Lincoln testified on Monday. She lives in Lincoln now.",
            &[("Olga Lincoln", Per), ("Lincoln", Loc)],
        );
        assert_eq!(d.entities.len(), 2, "{:?}", d.entities);
    }

    #[test]
    fn surname_links_to_full_name_and_demonym_to_country() {
        let got = resolve("Minister Olga Berg visited Norway. Later Berg met Norwegian officials.");
        assert_eq!(names(&got), ["Olga Berg", "Norway"], "{got:?}");
        assert_eq!(got[0].2, ["Berg", "Olga Berg"]);
        // The demonym counts as a mention of the country but is no alias.
        assert!(got[1].2.iter().all(|a| a != "Norwegian"));
    }

    #[test]
    fn a_surname_shared_by_two_people_is_not_merged() {
        use MentionLabel::*;
        let s = "Anna Smith met Tom Smith in Oslo. Smith said the talks went well.";
        let d = with_mentions(
            s,
            &[
                ("Anna Smith", Per),
                ("Tom Smith", Per),
                ("Oslo", Loc),
                ("Smith", Per),
            ],
        );
        let ns: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(ns, ["Anna Smith", "Tom Smith", "Oslo", "Smith"]);
    }

    #[test]
    fn a_particle_surname_left_out_by_the_finder_joins_the_name() {
        use MentionLabel::*;
        let s = "Then Abu Salim al-Farsi spoke. Later al-Farsi left.";
        // ("spoke" only moves the search past the first "al-Farsi".)
        let d = with_mentions(s, &[("Abu Salim", Per), ("spoke", Misc), ("al-Farsi", Per)]);
        let ns: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(ns, ["Abu Salim al-Farsi"]);
        assert_eq!(d.entities[0].mentions, [0, 2]);
    }

    #[test]
    fn a_surname_typed_as_a_group_still_joins_its_person() {
        use MentionLabel::*;
        let s = "Rep. Dana Whit spoke. Whit said no. Jordan and Peru agreed.";
        let d = with_mentions(
            s,
            &[
                ("Dana Whit", Per),
                ("Whit", Org),
                ("Jordan", Loc),
                ("Peru", Loc),
            ],
        );
        let ns: Vec<(&str, Kind)> = d
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.kind))
            .collect();
        assert_eq!(
            ns,
            [
                ("Dana Whit", Kind::Person),
                ("Jordan", Kind::Place),
                ("Peru", Kind::Place)
            ]
        );
        assert_eq!(d.entities[0].mentions, [0, 1]);
    }

    #[test]
    fn titles_inside_mentions_are_cut_and_kept_as_roles() {
        use MentionLabel::*;
        let s = "Secretary of State Paul Okafor met Chilean Gen. Ida Holm. Mr. Okafor left.";
        let d = with_mentions(
            s,
            &[
                ("Secretary of State Paul Okafor", Per),
                ("Chilean Gen. Ida Holm", Per),
                ("Mr. Okafor", Per),
            ],
        );
        let okafor = &d.entities[0];
        assert_eq!(okafor.name, "Paul Okafor");
        assert_eq!(okafor.mentions, [0, 2]);
        assert!(
            okafor.roles.iter().any(|r| r.title == "secretary of state"),
            "{okafor:?}"
        );
        let holm = &d.entities[1];
        assert_eq!(holm.name, "Ida Holm");
        assert!(
            holm.roles
                .iter()
                .any(|r| r.title == "general" && r.of.is_none()),
            "{holm:?}"
        );
        // The demonym makes the country, for the nationality edge.
        assert!(
            d.entities
                .iter()
                .any(|e| e.name == "Chile" && e.kind == Kind::Place)
        );
    }

    #[test]
    fn short_forms_and_acronyms() {
        let got = resolve("The Daily Bugle reported it first. Officials told the Bugle nothing.");
        assert_eq!(names(&got), ["Daily Bugle"], "{got:?}");
        let got = resolve("Talks with the Northern Grain Union (NGU) failed. The NGU walked out.");
        assert_eq!(names(&got), ["Northern Grain Union"], "{got:?}");
        assert!(got[0].2.contains(&"NGU".to_string()));
        let got =
            resolve("He praised the Red Hand group, sometimes called MANO. Later MANO struck.");
        assert_eq!(names(&got), ["Red Hand"], "{got:?}");
        assert_eq!(got[0].0, Kind::Group);
        // Initials without a bracket, and an acronym that is not them.
        let got = resolve("The National Grain Board met. The NGB agreed. The NGA did not.");
        assert_eq!(names(&got), ["National Grain Board", "NGA"], "{got:?}");
    }

    #[test]
    fn spelling_variants_and_datelines() {
        // The dateline is page furniture: its place makes no node.
        let got =
            resolve("LIMA — U.S. envoys met US officials. The United States and America agreed.");
        assert_eq!(names(&got), ["United States"], "{got:?}");
        let got = resolve("LIMA — U.S. envoys met officials in Lima.");
        assert_eq!(names(&got), ["United States", "Lima"], "{got:?}");
        assert_eq!(got[1].0, Kind::Place);
        let got = resolve("Omar al-Farsi spoke. Later Omar Al-Farsi’s aides and al-Farsi left.");
        assert_eq!(names(&got), ["Omar al-Farsi"], "{got:?}");
    }

    #[test]
    fn demonym_modified_groups_make_no_junk() {
        let got =
            resolve("Peruvian-backed Sunni fighters attacked. Chilean security forces answered.");
        assert!(
            names(&got)
                .iter()
                .all(|n| !n.contains("Sunni") && !n.contains("backed")),
            "{got:?}"
        );
        assert!(
            names(&got).contains(&"Peru") || names(&got).contains(&"Chile"),
            "{got:?}"
        );
        let got = resolve("Officials said the Army and the Ministry agreed.");
        assert!(got.is_empty(), "{got:?}");
    }

    fn build(texts: &[&str], options: Options) -> KnowledgeGraph {
        let docs = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(format!("d{i}"), t.to_string()))
            .collect();
        // The rule finder: these tests are about resolution, and must not
        // move when the learned tagger is retrained.
        let finder = crate::ner::Finder::Rules(crate::ner::rules::RuleFinder);
        Pipeline::new(finder, options).run(docs)
    }

    fn labels(g: &KnowledgeGraph, kind: Kind) -> Vec<String> {
        g.nodes()
            .filter(|n| n.kind == kind)
            .map(|n| n.label.clone())
            .collect()
    }

    #[test]
    fn across_documents_a_unique_surname_merges() {
        let g = build(
            &[
                "Gen. Ana Ruiz flew to Peru.",
                "On Monday Mr. Ruiz spoke in Lima.",
            ],
            Options::default(),
        );
        assert_eq!(labels(&g, Kind::Person), ["Ana Ruiz"]);
        let n = g
            .node("person:ana-ruiz")
            .map(|n| (n.documents.len(), n.mentions));
        assert_eq!(n, Some((2, 2)));
    }

    #[test]
    fn across_documents_shared_surnames_stay_apart() {
        let g = build(
            &[
                "Gen. Ana Ruiz flew to Peru.",
                "Dr. Tomas Ruiz flew to Chile.",
                "On Monday Mr. Ruiz spoke in Lima.",
            ],
            Options::default(),
        );
        assert_eq!(labels(&g, Kind::Person), ["Ana Ruiz", "Ruiz", "Tomas Ruiz"]);
    }

    #[test]
    fn across_documents_acronyms_and_variants_merge() {
        let g = build(
            &[
                "Talks with the Northern Grain Union (NGU) failed in the U.S. on Monday.",
                "On Friday the NGU met in America.",
            ],
            Options::default(),
        );
        assert_eq!(labels(&g, Kind::Group), ["Northern Grain Union"]);
        assert_eq!(labels(&g, Kind::Place), ["United States"]);
    }

    #[test]
    fn roles_name_the_merged_node() {
        let g = build(
            &[
                "Then Ana Ruiz, head of the US Grain Board, left.",
                "On Monday the U.S. Grain Board met. Then the U.S. Grain Board voted.",
            ],
            Options::default(),
        );
        let roles: Vec<String> = g
            .nodes()
            .flat_map(|n| n.roles.iter().map(ToString::to_string))
            .collect();
        assert_eq!(roles, ["head of U.S. Grain Board"]);
    }

    #[test]
    fn alias_file_merges_renames_drops_and_forces_kinds() {
        let table = AliasTable::parse(
            "drop = [\"Peru\"]\n[merge]\n\"Northern Grain Union\" = [\"Grain Union\"]\n\
             [rename]\n\"Ana Ruiz\" = \"Ana M. Ruiz\"\n[kind]\n\"Condor Holdings\" = \"group\"\n",
            false,
        )
        .unwrap_or_default();
        let options = Options {
            aliases: table,
            ..Options::default()
        };
        let g = build(
            &[
                "Gen. Ana Ruiz flew to Peru with the Northern Grain Union.",
                "The Grain Union met Condor Holdings in Chile.",
            ],
            options,
        );
        assert_eq!(labels(&g, Kind::Person), ["Ana M. Ruiz"]);
        assert_eq!(labels(&g, Kind::Place), ["Chile"]);
        let groups = labels(&g, Kind::Group);
        assert!(
            groups.contains(&"Northern Grain Union".to_string()),
            "{groups:?}"
        );
        assert!(!groups.contains(&"Grain Union".to_string()), "{groups:?}");
        assert!(
            groups.contains(&"Condor Holdings".to_string()),
            "{groups:?}"
        );
    }

    /// A merge of a place into a person, directly or through a chain, is
    /// warned with the file, the line and the names of each kind.
    #[test]
    fn alias_merges_joining_a_person_and_a_place_are_warned() {
        let mut table = AliasTable::parse(
            "[merge]\n\"Ana Ruiz\" = [\"Chile\"]\n\"Chile\" = [\"Peru\"]\n",
            false,
        )
        .unwrap_or_default();
        table.origin.file = Some("fix.toml".into());
        let options = Options {
            aliases: table,
            ..Options::default()
        };
        let g = build(
            &[
                "Gen. Ana Ruiz flew to Chile on Monday.",
                "Gen. Ana Ruiz met officials in Peru.",
            ],
            options,
        );
        assert_eq!(g.alias_warnings.len(), 1, "{:?}", g.alias_warnings);
        let w = &g.alias_warnings[0];
        assert!(
            w.starts_with("fix.toml:2: warning: merge into \"Ana Ruiz\" joins names the text reads as a person"),
            "{w}"
        );
        assert!(
            w.contains(
                "(\"Ana Ruiz\") with names it reads as a group or place (\"Chile\" (line 2), \
                        \"Peru\" (line 3, through \"Chile\"))"
            ),
            "{w}"
        );
        // Without the merge, nothing to say.
        let g = build(
            &["Gen. Ana Ruiz flew to Chile on Monday."],
            Options::default(),
        );
        assert!(g.alias_warnings.is_empty());
    }

    fn entity_names(d: &crate::model::DocEntities) -> Vec<String> {
        d.entities.iter().map(|e| e.name.clone()).collect()
    }

    #[test]
    fn member_nouns_and_unit_numbers() {
        let s = "Ruritania Army Soldiers from the 42nd Mountain Brigade and the 1st Battalion patrolled.";
        let got = with_mentions(
            s,
            &[
                ("Ruritania Army Soldiers", MentionLabel::Org),
                ("Mountain Brigade", MentionLabel::Org),
                ("Battalion", MentionLabel::Org),
            ],
        );
        assert_eq!(
            entity_names(&got),
            ["Ruritania Army", "42nd Mountain Brigade"],
            "{got:?}"
        );
    }

    #[test]
    fn roles_modifiers_and_languages_are_no_names() {
        let s = "Before Okafor spoke, the Director of Intelligence said in Hebrew that Denver-based Acme Freight Inc. and Lord were sold to Ruritanian-ruled firms.";
        let got = with_mentions(
            s,
            &[
                ("Before Okafor", MentionLabel::Per),
                ("Director of Intelligence", MentionLabel::Org),
                ("Hebrew", MentionLabel::Misc),
                ("Denver-based Acme Freight Inc.", MentionLabel::Org),
                ("Lord", MentionLabel::Loc),
                ("Ruritanian-ruled", MentionLabel::Loc),
                ("firms", MentionLabel::Org),
            ],
        );
        // Names in a script without case are names.
        let cjk = with_mentions("新华社 said so.", &[("新华社", MentionLabel::Org)]);
        assert_eq!(entity_names(&cjk), ["新华社"], "{cjk:?}");
        assert_eq!(
            entity_names(&got),
            ["Okafor", "Acme Freight Inc."],
            "{got:?}"
        );
    }

    #[test]
    fn faiths_before_places_are_cut() {
        let s = "Police closed Arab East Lima and the Jewish quarter.";
        let got = with_mentions(s, &[("Arab East Lima", MentionLabel::Loc)]);
        assert_eq!(entity_names(&got), ["East Lima"], "{got:?}");
    }

    #[test]
    fn contract_months_and_bare_office_domains_are_no_names() {
        let s = "September Eurobonds fell as Agriculture Secretary Ana Ruiz spoke.";
        let got = with_mentions(
            s,
            &[
                ("September Eurobonds", MentionLabel::Org),
                ("Agriculture", MentionLabel::Org),
                ("Ana Ruiz", MentionLabel::Per),
            ],
        );
        // The month is cut, and what is left is a security, no entity.
        assert_eq!(entity_names(&got), ["Ana Ruiz"], "{got:?}");
        assert_eq!(got.cleaned[0].name, "Eurobonds");
    }

    #[test]
    fn a_company_without_its_legal_form_joins_it() {
        let s = "Vantor Freight Corp. said on Monday that Vantor Freight would grow.";
        let got = with_mentions(
            s,
            &[
                ("Vantor Freight Corp.", MentionLabel::Org),
                ("Vantor Freight", MentionLabel::Org),
            ],
        );
        assert_eq!(entity_names(&got), ["Vantor Freight Corp."], "{got:?}");
    }

    #[test]
    fn bracketed_nicknames_are_no_part_of_names() {
        let s = "He saw (Tom) Varga and James (Jim) Okafor play.";
        let got = with_mentions(
            s,
            &[
                ("Tom) Varga", MentionLabel::Per),
                ("James (Jim) Okafor", MentionLabel::Per),
            ],
        );
        assert_eq!(entity_names(&got), ["Varga", "James Okafor"], "{got:?}");
    }

    #[test]
    fn a_generic_body_takes_the_demonym_before_it() {
        let s = "The Norwegian Foreign Ministry protested.";
        let got = with_mentions(
            s,
            &[
                ("Norwegian", MentionLabel::Misc),
                ("Foreign Ministry", MentionLabel::Org),
            ],
        );
        assert!(
            entity_names(&got).contains(&"Norwegian Foreign Ministry".to_string()),
            "{got:?}"
        );
    }

    #[test]
    fn a_place_is_no_short_form_of_a_group() {
        let s = "OSLO 2001-02-03\nShares in First Oslo rose in Oslo on Monday.";
        let got = with_mentions(
            s,
            &[
                ("OSLO", MentionLabel::Loc),
                ("First Oslo", MentionLabel::Org),
                ("Oslo", MentionLabel::Loc),
            ],
        );
        let kinds: Vec<(Kind, String)> = got
            .entities
            .iter()
            .map(|e| (e.kind, e.name.clone()))
            .collect();
        assert!(
            kinds.contains(&(Kind::Group, "First Oslo".into()))
                && kinds
                    .iter()
                    .any(|(k, n)| *k == Kind::Place && n.eq_ignore_ascii_case("oslo")),
            "{kinds:?}"
        );
    }

    #[test]
    fn relations_fit_the_kinds_of_their_ends() {
        use Relation::*;
        assert!(fits(LocatedIn, Kind::Place, Kind::Place));
        assert!(fits(LocatedIn, Kind::Group, Kind::Place));
        assert!(!fits(LocatedIn, Kind::Person, Kind::Place));
        assert!(!fits(LocatedIn, Kind::Place, Kind::Group));
        assert!(fits(HoldsOffice, Kind::Person, Kind::Place));
        assert!(!fits(HoldsOffice, Kind::Place, Kind::Place));
        assert!(!fits(NationalityOf, Kind::Person, Kind::Group));
        assert!(!fits(MetWith, Kind::Person, Kind::Place));
        assert!(fits(CoMention, Kind::Person, Kind::Place));
    }

    #[test]
    fn graph_does_not_depend_on_document_order() {
        let texts = [
            "Gen. Ana Ruiz flew to Peru. Ruiz met the NGU.",
            "The Northern Grain Union (NGU) met Mr. Ruiz in Lima, Peru.",
        ];
        let a = build(&texts, Options::default());
        let b = build(&[texts[1], texts[0]], Options::default());
        let dump = |g: &KnowledgeGraph| -> Vec<String> {
            g.nodes()
                .map(|n| format!("{} {} {:?} {}", n.id, n.label, n.aliases, n.mentions))
                .chain(
                    g.edges()
                        .map(|(s, t, e)| format!("{} {} {} {}", s.id, t.id, e.relation, e.count)),
                )
                .collect()
        };
        assert_eq!(dump(&a), dump(&b));
    }

    use proptest::prelude::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Resolution and relations never panic, whatever the text: odd
        /// quotes, dashes, titles alone, acronyms in brackets, non-ASCII.
        #[test]
        fn never_panics_on_any_text(words in proptest::collection::vec(
            proptest::prop_oneof![
                "[A-Z][a-z]{0,6}".prop_map(String::from),
                "[A-Z]{2,5}".prop_map(String::from),
                proptest::sample::select(vec![
                    "Gen.", "of", "State", "Secretary", "Prime", "Minister", "(", ")", ",", "—",
                    "’", "'s", "the", "al-", "Al", "U.S.", "Iraqi", "pro-", "-backed", "met",
                    "killed", "was", "by", "in", "province", "\n", ".", "sometimes", "called",
                    "Mr", "é", "😀", "\u{0}",
                ]).prop_map(String::from),
            ],
            0..40,
        )) {
            let text = words.join(" ");
            let g = build(&[&text, &text.to_uppercase()], Options::default());
            for n in g.nodes() {
                prop_assert!(!n.label.is_empty() || n.kind == Kind::Event);
            }
        }
    }
}
