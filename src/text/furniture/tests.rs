//! Page furniture on lines written for these tests: every pattern, and
//! the story sentences that look like one and are not.

use crate::model::{Document, Kind};
use crate::text::credits::{
    Byline, byline, copyright_holder, credit_authors, outlet_line, trailing_credit,
};
use crate::text::dateline::{Dateline, parse};
use crate::text::{analyze, boilerplate::is_furniture_line, tokenize};

fn words(s: &str) -> Vec<&str> {
    tokenize(s).iter().map(|t| t.span.text(s)).collect()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The dateline of `line` and the story after it.
fn dateline(line: &str, top: bool) -> Option<(Dateline, String)> {
    let toks = tokenize(line);
    let w: Vec<&str> = toks.iter().map(|t| t.span.text(line)).collect();
    let d = parse(&w, top)?;
    let rest = toks.get(d.end).map_or("", |t| &line[t.span.start..]);
    Some((d, rest.to_string()))
}

#[test]
fn bylines_name_people_and_outlets() {
    let b = |s: &str| byline(&words(s));
    assert_eq!(
        b("By Ana Ruiz"),
        Some(Byline {
            authors: strings(&["Ana Ruiz"]),
            outlet: None
        })
    );
    assert_eq!(
        b("By Ana Ruiz and Li Wei, Reuters"),
        Some(Byline {
            authors: strings(&["Ana Ruiz", "Li Wei"]),
            outlet: Some("Reuters".into())
        })
    );
    assert_eq!(
        b("By Ana Ruiz, Li Wei and Tomas de la Vega").map(|b| b.authors),
        Some(strings(&["Ana Ruiz", "Li Wei", "Tomas de la Vega"]))
    );
    assert_eq!(
        b("BY ANA RUIZ").map(|b| b.authors),
        Some(strings(&["Ana Ruiz"]))
    );
    assert_eq!(
        b("By Ana Ruiz Dec 7, 2020").map(|b| b.authors),
        Some(strings(&["Ana Ruiz"]))
    );
    assert_eq!(
        b("By Kofi Mensah | Updated 10:32 AM").map(|b| b.authors),
        Some(strings(&["Kofi Mensah"]))
    );
    assert_eq!(
        b("By Reuters Staff"),
        Some(Byline {
            authors: vec![],
            outlet: Some("Reuters".into())
        })
    );
    assert_eq!(
        b("By Ana Ruiz, AP").and_then(|b| b.outlet),
        Some("Associated Press".into())
    );
    assert_eq!(
        b("By ANA RUIZ Associated Press"),
        Some(Byline {
            authors: strings(&["Ana Ruiz"]),
            outlet: Some("Associated Press".into())
        })
    );
    assert_eq!(
        b("By Ana Ruiz, Staff Writer").map(|b| b.authors),
        Some(strings(&["Ana Ruiz"]))
    );
    for story in [
        "By the end of the year, prices had doubled",
        "By Friday the talks had failed",
        "By March, the river had risen",
        "By Christmas, most shops had closed",
        "By then the army had left",
        "By Lake Tana the farmers waited",
    ] {
        assert_eq!(b(story), None, "{story}");
        assert!(!is_furniture_line(story), "{story}");
    }
}

#[test]
fn credit_lines_name_writers_not_editors() {
    let c = |s: &str| credit_authors(&words(s));
    assert_eq!(
        c("Reporting by Ana Ruiz in Lagos and Li Wei in Accra; Editing by Tom Okafor"),
        strings(&["Ana Ruiz", "Li Wei"])
    );
    assert_eq!(
        c("Additional reporting by Sam Berg; Writing by Ola Dada; Editing by Jo Kim"),
        strings(&["Ola Dada"])
    );
    assert_eq!(
        c("Reporting by Ana Ruiz and Li Wei in Lagos and Accra"),
        strings(&["Ana Ruiz", "Li Wei"])
    );
    assert!(c("Editing by Tom Okafor and Jo Kim").is_empty());
    assert_eq!(
        c("(Reporting by Ana Ruiz; Editing by Jo Kim)"),
        strings(&["Ana Ruiz"])
    );
    assert!(c("The bond indices were compiled by Lagos Capital Ltd for the week.").is_empty());
    for line in [
        "Reporting by Ana Ruiz; Editing by Tom Okafor",
        "Additional reporting by Sam Berg in Oslo",
        "Written by Ola Dada",
        "Edited by Jo Kim",
    ] {
        assert!(is_furniture_line(line), "{line}");
    }
}

#[test]
fn trailing_credits_outlet_lines_and_copyright() {
    let t = |s: &str| trailing_credit(&words(s));
    assert_eq!(t("-- Field Level Media"), Some("Field Level Media".into()));
    assert_eq!(t("--Field Level Media"), Some("Field Level Media".into()));
    assert_eq!(
        t("— Lagos Evening Herald."),
        Some("Lagos Evening Herald".into())
    );
    assert_eq!(t("- 30 -"), None);
    assert_eq!(t("-- and then it rained"), None);
    let o = |s: &str| outlet_line(&words(s));
    assert_eq!(o("(Reuters)"), Some("Reuters".into()));
    assert_eq!(o("(AP)"), Some("Associated Press".into()));
    assert_eq!(o("(KTLA)"), Some("KTLA".into()));
    assert_eq!(o("Xinhua"), Some("Xinhua".into()));
    assert_eq!(o("(Lagos)"), None);
    assert_eq!(o("Lagos"), None);
    let c = |s: &str| copyright_holder(&words(s));
    assert_eq!(
        c("Copyright 2021 The Associated Press. All rights reserved."),
        Some("Associated Press".into())
    );
    assert_eq!(
        c("© 2020 Lagos Post Media"),
        Some("Lagos Post Media".into())
    );
    assert_eq!(
        c("(c) Copyright Thomson Reuters 2020. Click for restrictions"),
        Some("Reuters".into())
    );
    assert_eq!(c("The copyright case went to court."), None);
}

#[test]
fn datelines_across_outlets() {
    let d = |s: &str| dateline(s, false);
    let (x, rest) = d("LAGOS (Reuters) - The central bank raised rates.").expect("wire");
    assert_eq!(x.place.as_deref(), Some("Lagos"));
    assert_eq!(x.agency.as_deref(), Some("Reuters"));
    assert_eq!(rest, "The central bank raised rates.");
    let (x, rest) = d("ACCRA, Ghana (AFP) – Police said on Monday.").expect("afp");
    assert_eq!(x.place.as_deref(), Some("Accra, Ghana"));
    assert_eq!(x.agency.as_deref(), Some("Agence France-Presse"));
    assert_eq!(rest, "Police said on Monday.");
    let (x, rest) = d("Dec 7 (Reuters) - Shares fell.").expect("date only");
    assert_eq!((x.place, x.date.is_some()), (None, true));
    assert_eq!(rest, "Shares fell.");
    let (x, _) = d("PORT HARCOURT, Dec 7 (Reuters) - Oil rose.").expect("place and date");
    assert_eq!(x.place.as_deref(), Some("Port Harcourt"));
    assert_eq!(x.date, Some(3..5));
    let (x, rest) =
        d("NEW YORK, Dec. 7, 2020 /PRNewswire/ -- Acme Corp said.").expect("press release");
    assert_eq!(x.agency.as_deref(), Some("PR Newswire"));
    assert_eq!(x.date, Some(3..7));
    assert_eq!(rest, "Acme Corp said.");
    let (x, rest) = d("KANO — Gunmen kidnapped 30 pupils.").expect("caps, long dash");
    assert_eq!((x.place.as_deref(), x.agency), (Some("Kano"), None));
    assert_eq!(rest, "Gunmen kidnapped 30 pupils.");
    let (x, _) = d("SAN MARINO, Calif. (AP) — A fire spread.").expect("ap");
    assert_eq!(x.place.as_deref(), Some("San Marino, Calif."));
    assert_eq!(x.agency.as_deref(), Some("Associated Press"));
    let (x, _) = d("RIO DE JANEIRO (Reuters) - Rain fell.").expect("particle");
    assert_eq!(x.place.as_deref(), Some("Rio de Janeiro"));
    let (x, _) = d("THE HAGUE (Reuters) - Judges met.").expect("the");
    assert_eq!(x.place.as_deref(), Some("The Hague"));
    let (x, rest) = d("(Bloomberg) -- Oil rose.").expect("agency only");
    assert_eq!(x.agency.as_deref(), Some("Bloomberg"));
    assert_eq!(rest, "Oil rose.");
    let (x, rest) = d("Lima (CNN)President Ana Ruiz spoke.").expect("no dash");
    assert_eq!(x.place.as_deref(), Some("Lima"));
    assert_eq!(rest, "President Ana Ruiz spoke.");
    let (x, rest) = d("NAIROBI, Kenya (KTLA) — Floods rose.").expect("call sign");
    assert_eq!(x.agency.as_deref(), Some("KTLA"));
    assert_eq!(rest, "Floods rose.");
    let (x, _) = dateline("NEW DELHI: The ministry said on Monday it would act.", true)
        .expect("colon after capitals, at the top");
    assert_eq!(x.place.as_deref(), Some("New Delhi"));
    let (x, rest) = d("Pune [India], December 7 (ANI): The state said.").expect("ani");
    assert_eq!(x.place.as_deref(), Some("Pune, India"));
    assert_eq!(x.agency.as_deref(), Some("Asian News International"));
    assert_eq!(rest, "The state said.");
    let (x, rest) = d("KAZAN, December 7. /TASS/. The mayor said.").expect("tass");
    assert_eq!(x.agency.as_deref(), Some("TASS"));
    assert_eq!(rest, "The mayor said.");
    let (x, rest) = d("Bilbao, Dec 7 (EFE).- The port closed.").expect("efe");
    assert_eq!(x.agency.as_deref(), Some("EFE"));
    assert_eq!(rest, "The port closed.");
    let (x, _) = d("GDANSK, Dec. 7 (Xinhua) -- The port closed.").expect("xinhua");
    assert_eq!(x.agency.as_deref(), Some("Xinhua"));
    let (x, _) = d("OSAKA (Kyodo) -- The port closed.").expect("kyodo");
    assert_eq!(x.agency.as_deref(), Some("Kyodo News"));
    let (x, _) = d("LONDON/FRANKFURT (Reuters) - Banks rose.").expect("two places");
    assert_eq!(x.place.as_deref(), Some("London/Frankfurt"));
}

#[test]
fn notes_and_bylines_before_datelines() {
    let d = |s: &str| dateline(s, false);
    let (x, rest) =
        d("By Ana Ruiz Dec 7 (Reuters) - Acme Corp said on Monday.").expect("byline, date");
    assert_eq!(x.authors, strings(&["Ana Ruiz"]));
    assert!(x.date.is_some());
    assert_eq!(rest, "Acme Corp said on Monday.");
    let (x, _) = d("By Ana Ruiz and Li Wei LAGOS (Reuters) - Rain fell.").expect("caps place");
    assert_eq!(x.authors, strings(&["Ana Ruiz", "Li Wei"]));
    assert_eq!(x.place.as_deref(), Some("Lagos"));
    // A mixed-case place may be glued to the names: no author is trusted.
    let (x, _) = d("By Ana Ruiz Lima (AFP) - Rain fell.").expect("glued");
    assert!(x.authors.is_empty());
    let (x, rest) = d("(Adds quotes) LAGOS (Reuters) - Rain fell.").expect("note");
    assert_eq!(x.place.as_deref(), Some("Lagos"));
    assert_eq!(rest, "Rain fell.");
    let (x, _) = d("(This Dec 7 story corrects a name) LAGOS (Reuters) - Rain.").expect("this");
    assert_eq!(x.place.as_deref(), Some("Lagos"));
    let (x, rest) = d("(Updates with vote count) The senate voted.").expect("note alone");
    assert_eq!((x.place, x.agency), (None, None));
    assert_eq!(rest, "The senate voted.");
}

#[test]
fn story_openings_that_are_no_dateline() {
    for line in [
        "Paris (France) is a city of two million people.",
        "Lagos (Nigeria) - the largest city - grew fast.",
        "BREAKING — Fire at the port",
        "KANO — gunmen came at night.",
        "Lagos is calm after the vote.",
        "By the end of the year, the bank had lent more.",
        "The minister — who spoke on Monday — left.",
        "Ana Ruiz (AP) is not a dateline either",
        "US officials met in Lagos.",
        "SOCCER - LAGOS CLUB WINS CUP.",
        "EUROBOND (SEP) 97.79 97.80 97.82",
        "LAGOS (KTLA) Police said on Monday.",
        "OFFICIAL NOTICES - LAGOS PORT TARIFFS FOR 2021.",
        "AMT: 3,250,000 DATE: 09/04/96",
        "WEATHER - Lagos 31 Accra 30 Lome 29",
        "WHEAT SALES - Egypt bought 120,000 tonnes of wheat on Monday.",
        "NEW DELHI: The ministry said on Monday it would act.",
        "SOCCER - LAGOS CLUB WINS The match was played on Sunday in the rain.",
    ] {
        assert!(dateline(line, false).is_none(), "{line}");
    }
    // A hyphen after capitals at the top of the story.
    let (x, _) = dateline("ABUJA - The senate passed the budget on Monday.", true).expect("top");
    assert_eq!(x.place.as_deref(), Some("Abuja"));
    // A heading is no dateline, even at the top.
    assert!(dateline("Group F — Sweden 2 – 1 Peru", true).is_none());
    // A place in mixed case with a dash only at the top of the story.
    let line = "Accra, Ghana — The festival opened on Saturday with a parade.";
    assert!(dateline(line, false).is_none());
    let (x, rest) = dateline(line, true).expect("top of the story");
    assert_eq!(x.place.as_deref(), Some("Accra, Ghana"));
    assert_eq!(rest, "The festival opened on Saturday with a parade.");
}

#[test]
fn credits_captions_and_markers_are_furniture() {
    for line in [
        "A man walks past the bank in Lagos, December 6, 2020. REUTERS/Ana Ruiz",
        "Flooded streets in Accra. AP Photo/Li Wei/File",
        "Delegates arrive for the summit. Xinhua/Li Wei",
        "Fans queue at the stadium. EPA-EFE/KOFI MENSAH",
        "FILE PHOTO: The logo of Acme Corp is seen in Lagos",
        "Police at the scene. File Photo",
        "Photo: Ana Ruiz",
        "Picture: Ana Ruiz/Lagos Post",
        "Slideshow (5 images)",
        "Related: Floods across the region",
        "Related Topics",
        "Copyright 2021 The Associated Press. All rights reserved.",
        "(c) 2020 Lagos Post Media",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Follow Ana Ruiz on Twitter @anaruiz",
        "Twitter: @anaruiz",
        "@anaruiz @liwei",
        "(Adds details on vote count, quotes from minister)",
        "(Reuters)",
        "Play Video",
        "Video 2:31",
    ] {
        assert!(is_furniture_line(line), "{line}");
    }
    for line in [
        "The AC/DC concert in Lagos drew 40,000 fans.",
        "Rates rose by 1/4 point, the bank said on Monday.",
        "The ministry said the file photo was not of the suspect.",
        "Rights groups said all rights of the detainees were ignored.",
        "The band followed the crowd into the square.",
        "Reuters reported that the talks had stalled.",
        "(The talks were later moved to Accra.)",
    ] {
        assert!(!is_furniture_line(line), "{line}");
    }
}

/// The kept sentences of `text` and what its furniture says.
fn kept(text: &str) -> (Vec<String>, crate::model::Furniture) {
    let doc = Document::new("t", text.to_string());
    let a = analyze(&doc);
    let kept = a
        .sentences
        .iter()
        .filter(|s| !s.boilerplate)
        .map(|s| s.span.text(text).to_string())
        .collect();
    (kept, a.furniture)
}

const WIRE_STORY: &str = "Floods close schools in Lagos\n\
    By Ana Ruiz\n\
    3 Min Read\n\
    LAGOS, Dec 7 (Reuters) - Heavy rain closed schools across Lagos on Monday. \
    Governor Tunde Bako told Reuters the schools would reopen.\n\
    Pupils wade through water in Lagos. REUTERS/Kofi Mensah\n\
    Slideshow (3 images)\n\
    The state asked the federal government for help.\n\
    Reporting by Ana Ruiz and Li Wei in Lagos; Editing by Tom Okafor\n";

#[test]
fn a_wire_story_keeps_its_story_and_gives_its_furniture() {
    let (kept, f) = kept(WIRE_STORY);
    assert_eq!(
        kept,
        [
            "Floods close schools in Lagos",
            "Heavy rain closed schools across Lagos on Monday.",
            "Governor Tunde Bako told Reuters the schools would reopen.",
            "The state asked the federal government for help."
        ]
    );
    assert_eq!(f.publisher.as_deref(), Some("Reuters"));
    assert_eq!(f.authors, strings(&["Ana Ruiz", "Li Wei"]));
    assert_eq!(f.dateline_place.as_deref(), Some("Lagos"));
    let doc = Document::new("t", WIRE_STORY.to_string());
    let a = analyze(&doc);
    assert_eq!(a.dateline_date.map(|s| s.text(WIRE_STORY)), Some("Dec 7"));
    // Sentences still cover every token once, in order.
    let mut next = 0;
    for s in &a.sentences {
        assert_eq!(s.tokens.start, next);
        next = s.tokens.end;
    }
    assert_eq!(next, a.tokens.len());
}

#[test]
fn a_credit_label_inside_a_caption_cuts_only_the_credit() {
    let (kept_, _) = kept(
        "Bridge opens\nThe new bridge in Accra image: Li Wei.\n\
         Delegates at the summit in Lomé. Photo: Kofi Mensah\nIt opened on Monday.\n",
    );
    assert_eq!(
        kept_,
        [
            "Bridge opens",
            "The new bridge in Accra",
            "Delegates at the summit in Lomé.",
            "It opened on Monday."
        ]
    );
}

#[test]
fn publishers_from_bylines_credits_and_copyright() {
    let (_, f) = kept("Storm hits coast\nBy Ana Ruiz, CNN\nThe storm hit the coast on Monday.\n");
    assert_eq!(f.publisher.as_deref(), Some("CNN"));
    let (_, f) = kept(
        "Hawks beat Owls\nThe Hawks beat the Owls 3-1 on Sunday.\nTheir coach was pleased.\n\
         -- Field Level Media\n",
    );
    assert_eq!(f.publisher.as_deref(), Some("Field Level Media"));
    let (kept_, f) = kept(
        "Port reopens\nThe port reopened on Monday.\n\
         Copyright 2021 Lagos Post Media. All rights reserved.\n",
    );
    assert_eq!(kept_, ["Port reopens", "The port reopened on Monday."]);
    assert_eq!(f.publisher.as_deref(), Some("Lagos Post Media"));
    // A dash line that is not near the end is a quote's attribution, kept.
    let (kept_, _) = kept(
        "Poem of the day\n— Ola Dada\nThe poem was read at the festival.\nIt was cold.\nPeople came.\n",
    );
    assert!(kept_.contains(&"— Ola Dada".to_string()), "{kept_:?}");
}

fn graph_of(texts: &[&str]) -> crate::graph::KnowledgeGraph {
    let finder = crate::ner::Finder::builtin().expect("built-in model");
    let p = crate::pipeline::Pipeline::new(finder, crate::pipeline::Options::default());
    p.run(
        texts
            .iter()
            .map(|t| Document::new("t", t.to_string()))
            .collect(),
    )
}

fn labels(g: &crate::graph::KnowledgeGraph, kind: Kind) -> Vec<String> {
    g.nodes()
        .filter(|n| n.kind == kind)
        .map(|n| n.label.clone())
        .collect()
}

#[test]
fn furniture_makes_no_nodes_and_the_story_does() {
    let g = graph_of(&[WIRE_STORY]);
    let people = labels(&g, Kind::Person);
    assert!(people.contains(&"Tunde Bako".to_string()), "{people:?}");
    for credited in ["Ana Ruiz", "Li Wei", "Tom Okafor", "Kofi Mensah"] {
        assert!(
            !people.iter().any(|p| p.contains(credited)),
            "{credited}: {people:?}"
        );
    }
    // "told Reuters" in the story makes the node.
    assert!(
        labels(&g, Kind::Group).contains(&"Reuters".to_string()),
        "{:?}",
        labels(&g, Kind::Group)
    );
    // An agency only in the dateline and credits makes none.
    let g = graph_of(&[
        "Rates rise\nACCRA, Dec 7 (Reuters) - Ghana's central bank raised rates on Monday.\n\
         A trader in Accra. REUTERS/Kofi Mensah\nReporting by Li Wei; Editing by Tom Okafor\n",
    ]);
    let all: Vec<String> = g.nodes().map(|n| n.label.clone()).collect();
    assert!(!all.iter().any(|l| l.contains("Reuters")), "{all:?}");
    assert!(!all.iter().any(|l| l.contains("Li Wei")), "{all:?}");
    assert!(!all.iter().any(|l| l.contains("Accra")), "{all:?}");
}

#[test]
fn the_dateline_dates_the_document_only_with_a_year() {
    let g = graph_of(&[WIRE_STORY]);
    let meta = g.documents.values().next().expect("one document");
    let f = meta.furniture.as_deref().expect("furniture");
    assert_eq!(f.dateline_date.as_deref(), Some("--12-07"));
    assert_eq!(meta.date, None);
    // A year from another date of the story, the nearest one.
    let with_year = WIRE_STORY.replace(
        "The state asked",
        "Rains began on November 30, 2020. The state asked",
    );
    let g = graph_of(&[&with_year]);
    let meta = g.documents.values().next().expect("one document");
    let f = meta.furniture.as_deref().expect("furniture");
    assert_eq!(f.dateline_date.as_deref(), Some("2020-12-07"));
    assert_eq!(meta.date.as_deref(), Some("2020-12-07"));
    // Across a new year.
    let g = graph_of(&[
        "Markets\nLAGOS, Dec 31 (Reuters) - Shares rose. Trading resumes on January 4, 2021.\n",
    ]);
    let meta = g.documents.values().next().expect("one document");
    assert_eq!(meta.date.as_deref(), Some("2020-12-31"));
    // A date line near the top is the better date; the dateline keeps its own.
    let g =
        graph_of(&["Markets\nMonday 14 December 2020\nLAGOS, Dec 11 (Reuters) - Shares rose.\n"]);
    let meta = g.documents.values().next().expect("one document");
    assert_eq!(meta.date.as_deref(), Some("2020-12-14"));
    let f = meta.furniture.as_deref().expect("furniture");
    assert_eq!(f.dateline_date.as_deref(), Some("2020-12-11"));
}

#[test]
fn the_dateline_date_anchors_relative_dates() {
    let g = graph_of(&[
        "Talks in Lagos\nLAGOS, Dec. 7, 2020 (Reuters) - Ministers Ana Ruiz and Tunde Bako met \
         in Lagos on Friday to discuss the floods.\n",
    ]);
    let times: Vec<String> = g
        .nodes()
        .filter_map(|n| n.event.as_ref()?.time.as_ref().map(|t| t.start.clone()))
        .collect();
    assert!(times.contains(&"2020-12-04".to_string()), "{times:?}");
}

proptest::proptest! {
    /// Any mix of furniture-like pieces: no panic, the sentences still
    /// cover every token once and in order, within the text.
    #[test]
    fn furniture_never_breaks_the_sentences(
        pieces in proptest::collection::vec(proptest::sample::select(vec![
            "LAGOS", "Lagos", ",", "Dec", "7", "2020", "(", ")", "Reuters", "AP", "KTLA",
            "-", "—", "--", ":", ".", "By", "Ana", "Ruiz", "and", "the", "The", "rain",
            "fell", "Image:", "REUTERS/Li", "©", "Copyright", "Reporting", "by", ";",
            "/PRNewswire/", "[", "]", "Adds", "\n", "\n", "é", "Slideshow", "@ana",
        ]), 0..60),
    ) {
        let text = pieces.join(" ");
        let doc = Document::new("t", text.clone());
        let a = analyze(&doc);
        let mut next = 0;
        for s in &a.sentences {
            proptest::prop_assert_eq!(s.tokens.start, next);
            proptest::prop_assert!(s.tokens.start < s.tokens.end);
            next = s.tokens.end;
            proptest::prop_assert!(text.get(s.span.range()).is_some());
            proptest::prop_assert_eq!(s.span.start, a.tokens[s.tokens.start].span.start);
            proptest::prop_assert_eq!(s.span.end, a.tokens[s.tokens.end - 1].span.end);
        }
        proptest::prop_assert_eq!(next, a.tokens.len());
        if let Some(d) = a.dateline_date {
            proptest::prop_assert!(text.get(d.range()).is_some());
        }
    }
}
