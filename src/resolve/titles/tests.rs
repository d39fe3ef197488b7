use super::*;
use crate::model::Document;
use crate::model::stage::MentionFinder;
use crate::ner::rules::RuleFinder;

#[test]
fn title_check_is_bounded_on_a_huge_sentence() {
    // 200,000 tokens in one sentence: recursion per token used to
    // overflow the stack here.
    let doc = Document::new("t", "acting ".repeat(200_000));
    let a = crate::text::analyze(&doc);
    assert!(!is_title_token(&a, 0, a.tokens.len()));
    let doc = Document::new("t", "acting assistant minister Ana Lee".into());
    let a = crate::text::analyze(&doc);
    assert!(is_title_token(&a, 0, a.tokens.len()));
}

fn roles(s: &str) -> Vec<(String, String, Option<String>)> {
    let doc = Document::new("t", s.to_string());
    let a = crate::text::analyze(&doc);
    let ms = RuleFinder.find(&a);
    let cleaned: Vec<Cleaned> = ms.iter().map(|m| clean_mention(&a, m)).collect();
    find_roles(&a, &ms, &cleaned)
        .into_iter()
        .map(|r| {
            let who = cleaned[r.mention].name.clone();
            let of = r.of.map(|o| match o {
                OfRef::Mention(i) => ms[i].span.text(s).to_string(),
                OfRef::Country(c) => c.to_string(),
            });
            (who, r.title, of)
        })
        .collect()
}

fn t(who: &str, title: &str, of: Option<&str>) -> (String, String, Option<String>) {
    (who.into(), title.into(), of.map(Into::into))
}

#[test]
fn lowercase_role_nouns_before_names() {
    assert_eq!(
        roles("Chilean rebel leader Tomas Vidal spoke."),
        [t("Tomas Vidal", "rebel leader", Some("Chilean"))]
    );
    // Time words are no part of the role; verbs are none of it.
    assert_eq!(
        roles("Fans cheered former leader Tomas Vidal."),
        [t("Tomas Vidal", "former leader", None)]
    );
    assert_eq!(
        roles("Then Tomas Vidal, the late leader of the Farm Union, was named."),
        [t("Tomas Vidal", "former leader", Some("Farm Union"))]
    );
    assert!(roles("Fans said Tomas Vidal spoke.").is_empty());
}

#[test]
fn titles_before_names() {
    assert_eq!(
        roles("Chilean Prime Minister Rosa Vidal spoke."),
        [t("Rosa Vidal", "prime minister", Some("Chilean Prime"))]
    );
    assert_eq!(
        roles("On Monday Secretary of State Paul Okafor flew home."),
        [t("Paul Okafor", "secretary of state", None)]
    );
    assert_eq!(
        roles("Later U.S. Assistant Secretary of State Ida Holm spoke."),
        [t(
            "Ida Holm",
            "assistant secretary of state",
            Some("U.S. Assistant")
        )]
    );
    assert_eq!(
        roles("Later Lieutenant-Colonel Ida Holm spoke."),
        [t("Ida Holm", "lieutenant-colonel", None)]
    );
    assert_eq!(
        roles("The Farmers Union spokesman Colonel Ida Holm spoke."),
        [
            t("Ida Holm", "spokesman", Some("Farmers Union")),
            t("Ida Holm", "colonel", None)
        ]
    );
    assert_eq!(
        roles("Later Marine Lt. Gen. Ida Holm arrived."),
        [t("Ida Holm", "lieutenant general", None)]
    );
    assert_eq!(
        roles("Then Mr. Tom Ash left."),
        Vec::<(String, String, Option<String>)>::new()
    );
}

#[test]
fn appositions_after_names() {
    assert_eq!(
        roles("Then Lena Park, the head of the Harbor Authority, resigned."),
        [t("Lena Park", "head", Some("Harbor Authority"))]
    );
    assert_eq!(
        roles("We met Omar Diaz, a spokesman for the Farmers Union, on Friday."),
        [t("Omar Diaz", "spokesman", Some("Farmers Union"))]
    );
    assert_eq!(
        roles("We met Omar Diaz, who said little."),
        Vec::<(String, String, Option<String>)>::new()
    );
}

#[test]
fn cleaning_cuts_titles_demonyms_and_modifiers() {
    let s = "Peruvian-backed Sunni fighters met Norwegian Coast Guard crews and the Peruvian Tigers Brigade near LIMA.";
    let doc = Document::new("t", s.to_string());
    let a = crate::text::analyze(&doc);
    let got: Vec<(String, Option<&str>, Option<&str>, bool)> = RuleFinder
        .find(&a)
        .iter()
        .map(|m| {
            let c = clean_mention(&a, m);
            (c.name, c.country, c.nationality, c.junk)
        })
        .collect();
    assert!(
        got.contains(&(String::new(), None, None, true)) || got.iter().any(|g| g.3),
        "{got:?}"
    );
    assert!(
        got.contains(&("Norwegian Coast Guard".into(), None, Some("Norway"), false)),
        "{got:?}"
    );
    assert!(
        got.contains(&("Peruvian Tigers Brigade".into(), None, Some("Peru"), false)),
        "{got:?}"
    );
}

#[test]
fn title_case_headlines_only_join_names_typed_elsewhere() {
    let s = "Grain Exports Slump As Farmers Protest In Lima\nFarmers in Lima protested on Monday.";
    let doc = Document::new("t", s.to_string());
    let a = crate::text::analyze(&doc);
    assert!(is_title_case_sentence(&a, 0));
    assert!(!is_title_case_sentence(&a, 1));
    let ms = RuleFinder.find(&a);
    let d =
        crate::model::stage::Resolver::resolve(&crate::resolve::DocResolver::default(), &a, &ms);
    let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Lima"], "{names:?}");
}

#[test]
fn context_fixes_kinds() {
    let s = "Envoys met in New Haven with the Harbor Nations and a rebel group, the Tano Hewa.";
    let doc = Document::new("t", s.to_string());
    let a = crate::text::analyze(&doc);
    let got: Vec<(String, Option<Kind>)> = RuleFinder
        .find(&a)
        .iter()
        .map(|m| {
            let c = clean_mention(&a, m);
            (c.name, c.kind)
        })
        .collect();
    assert!(
        got.contains(&("New Haven".into(), Some(Kind::Place))),
        "{got:?}"
    );
    assert!(
        got.contains(&("Harbor Nations".into(), Some(Kind::Group))),
        "{got:?}"
    );
    assert!(
        got.contains(&("Tano Hewa".into(), Some(Kind::Group))),
        "{got:?}"
    );
}

/// (name, kind, junk) of each mention the rule finder finds in `s`.
fn cleaned_kinds(s: &str) -> Vec<(String, Option<Kind>, bool)> {
    let doc = Document::new("t", s.to_string());
    let a = crate::text::analyze(&doc);
    RuleFinder
        .find(&a)
        .iter()
        .map(|m| {
            let c = clean_mention(&a, m);
            (c.name, c.kind, c.junk)
        })
        .collect()
}

#[test]
fn a_name_that_says_it_is_a_body_and_an_illness_is_none() {
    let got = cleaned_kinds("Shares fell after Zorvana said it would close two plants.");
    assert!(
        got.iter()
            .any(|g| g.0 == "Zorvana" && g.1 == Some(Kind::Group)),
        "{got:?}"
    );
    let got = cleaned_kinds("Sales in Peru fell as Covid-19 kept shoppers at home.");
    assert!(got.iter().all(|g| g.0 != "Covid-19" || g.2), "{got:?}");
}
