//! The quality report (`examples/score.rs`): its gold readers and scoring
//! on tiny documents written here, every number worked out by hand; and
//! its GUM reader on the shared corpus when that is present.

#[path = "../../examples/score.rs"]
#[allow(dead_code)]
mod example;

use crate::util::shared_dir;
use example::{
    EntityNode, GoldClass, GoldDoc, Ratio, Spread, conll_documents, lists, mark_countries,
    normalise, parse_conllu, read_gum, score, table,
};
use newsgraph::{DocId, Kind};
use std::collections::BTreeMap;

const HEADER: &str = "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity";

/// A mayor named with her title, a place, a board named "X of Place", a
/// pronoun, a common noun and a month.
fn doc_a() -> String {
    let rows = [
        "# newdoc id = doc_a",
        HEADER,
        "# meta::dateCreated = 2020-03-04",
        "# newpar",
        "# text = Mayor Lena Voss visits Portvale",
        "1\tMayor\tMayor\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-sssss-cf1-1,2,3-coref-Lena_Voss",
        "2\tLena\tLena\tPROPN\tNNP\t_\t4\tnsubj\t_\t_",
        "3\tVoss\tVoss\tPROPN\tNNP\t_\t2\tflat\t_\tEntity=1)",
        "4\tvisits\tvisit\tVERB\tVBZ\t_\t0\troot\t_\t_",
        "5\tPortvale\tPortvale\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=(2-place-new-sssss-cf2-1-coref-Portvale)",
        "",
        "# newpar",
        "# text = The Harbour Board of Portvale praised her.",
        "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(3-organization-new-sssss-cf1-2,3,5-coref",
        "2\tHarbour\tHarbour\tPROPN\tNNP\t_\t3\tcompound\t_\t_",
        "3\tBoard\tBoard\tPROPN\tNNP\t_\t6\tnsubj\t_\t_",
        "4\tof\tof\tADP\tIN\t_\t5\tcase\t_\t_",
        "5\tPortvale\tPortvale\tPROPN\tNNP\t_\t3\tnmod\t_\tEntity=(2-place-giv-sssss-cf2-1-coref-Portvale)3)",
        "6\tpraised\tpraise\tVERB\tVBD\t_\t0\troot\t_\t_",
        "7\ther\tshe\tPRON\tPRP\t_\t6\tobj\t_\tEntity=(1-person-giv-sssss-cf1-1-ana-Lena_Voss)|SpaceAfter=No",
        "8\t.\t.\tPUNCT\t.\t_\t6\tpunct\t_\t_",
        "",
        "# text = Officials said the board met in March.",
        "1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\tEntity=(4-person-new-nnnnn-cf1-1-sgl)",
        "2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_",
        "3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\tEntity=(3-organization-giv-sssss-cf1-2-coref",
        "4\tboard\tboard\tNOUN\tNN\t_\t5\tnsubj\t_\tEntity=3)",
        "5\tmet\tmeet\tVERB\tVBD\t_\t2\tccomp\t_\t_",
        "6\tin\tin\tADP\tIN\t_\t7\tcase\t_\t_",
        "7\tMarch\tMarch\tPROPN\tNNP\t_\t5\tobl\t_\tEntity=(5-time-new-nnnnn-cf1-1-sgl)|SpaceAfter=No",
        "8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_",
        "",
    ];
    rows.join("\n")
}

/// The mayor again, by surname and by full name; "Portvale" now a club.
fn doc_b() -> String {
    let rows = [
        "# newdoc id = doc_b",
        HEADER,
        "# meta::dateCreated = 2020-03-05",
        "# newpar",
        "# text = Voss backs Portvale",
        "1\tVoss\tVoss\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-sssss-cf1-1-coref-Lena_Voss)",
        "2\tbacks\tback\tVERB\tVBZ\t_\t0\troot\t_\t_",
        "3\tPortvale\tPortvale\tPROPN\tNNP\t_\t2\tobj\t_\tEntity=(2-organization-new-sssss-cf2-1-coref-Portvale_FC)",
        "",
        "# newpar",
        "# text = Lena Voss watched the Portvale match with Tom Reyes.",
        "1\tLena\tLena\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(1-person-giv-sssss-cf1-1,2-coref-Lena_Voss",
        "2\tVoss\tVoss\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)",
        "3\twatched\twatch\tVERB\tVBD\t_\t0\troot\t_\t_",
        "4\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\t_",
        "5\tPortvale\tPortvale\tPROPN\tNNP\t_\t6\tcompound\t_\tEntity=(2-organization-giv-sssss-cf2-1-coref-Portvale_FC)",
        "6\tmatch\tmatch\tNOUN\tNN\t_\t3\tobj\t_\t_",
        "7\twith\twith\tADP\tIN\t_\t8\tcase\t_\t_",
        "8\tTom\tTom\tPROPN\tNNP\t_\t3\tobl\t_\tEntity=(3-person-new-sssss-cf3-1,2-sgl",
        "9\tReyes\tReyes\tPROPN\tNNP\t_\t8\tflat\t_\tEntity=3)|SpaceAfter=No",
        "10\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_",
        "",
    ];
    rows.join("\n")
}

fn gold() -> Vec<GoldDoc> {
    let mut docs = vec![
        parse_conllu("doc_a", &doc_a()),
        parse_conllu("doc_b", &doc_b()),
    ];
    mark_countries(&mut docs, |_| false);
    docs
}

fn node(label: &str, kind: Kind, docs: &[DocId]) -> EntityNode {
    EntityNode {
        label: label.into(),
        kind,
        names: vec![label.into()],
        docs: docs.to_vec(),
        mentions: 1,
    }
}

fn r(hit: usize, total: usize) -> Ratio {
    Ratio { hit, total }
}

#[test]
fn conllu_text_forms_and_named_mentions() {
    let docs = gold();
    let [a, b] = &docs[..] else {
        panic!("two documents expected");
    };
    // The headline alone, then a line per paragraph.
    assert_eq!(
        a.text,
        "Mayor Lena Voss visits Portvale\nThe Harbour Board of Portvale praised her. \
         Officials said the board met in March.\n"
    );
    assert_eq!(a.id, DocId::from_text(&a.text));
    assert_eq!(a.date.as_deref(), Some("2020-03-04"));
    let shown: Vec<(&str, bool)> = a
        .mentions
        .iter()
        .map(|m| (m.shown.as_str(), m.named))
        .collect();
    assert_eq!(
        shown,
        [
            ("Mayor Lena Voss", true),
            ("Portvale", true),
            ("Portvale", true),
            ("Harbour Board of Portvale", true),
            ("her", false),
            ("Officials", false),
            ("board", false),
            ("March", true),
        ]
    );
    // The name proper without the title; "X of Y" through its link word.
    assert_eq!(a.mentions[0].forms, ["lena voss", "mayor lena voss"]);
    assert_eq!(
        a.mentions[3].forms,
        ["harbour board", "harbour board of portvale"]
    );
    // A place identity accepts a group too; the pronoun keeps its
    // identity (for splits) without being a name.
    assert_eq!(a.mentions[1].class, GoldClass::PlaceOrGroup);
    assert_eq!(a.mentions[4].identity.as_deref(), Some("Lena_Voss"));
    assert_eq!(a.mentions[7].class, GoldClass::Other);
    // A club called like the place stays a group.
    assert_eq!(b.mentions[1].class, GoldClass::Group);
    assert_eq!(b.mentions[4].forms, ["tom reyes"]);
}

#[test]
fn scores_match_hand_counts() {
    let docs = gold();
    let (a, b) = (docs[0].id, docs[1].id);
    let nodes = [
        node("Lena Voss", Kind::Person, &[a, b]),
        node("Voss", Kind::Person, &[b]),
        node("Harbour Board", Kind::Group, &[a]),
        node("Portvale", Kind::Group, &[a, b]),
        node("March", Kind::Place, &[a]),
        node("Board", Kind::Group, &[a]),
        node("Harbour Police", Kind::Group, &[a]),
    ];
    let dates = BTreeMap::from([(a, Some("2020-03-04".to_string())), (b, None)]);
    let s = score(&docs, &nodes, &dates);
    assert_eq!(s.nodes, 7);
    // Right name of an accepted kind: the first four ("Portvale" is a
    // place of doc_a, a group in doc_b: a group is right for both).
    assert_eq!(s.precision, r(4, 7));
    assert_eq!(s.junk, r(1, 7));
    // Five nodes match a named mention; "March" is a month.
    assert_eq!(s.kind, r(4, 5));
    // Nine named persons/organizations/places; only Tom Reyes missed.
    assert_eq!(s.recall, r(8, 9));
    assert_eq!(s.recall_by["person"], r(3, 4));
    assert_eq!(s.recall_by["organization"], r(3, 3));
    assert_eq!(s.recall_by["place"], r(2, 2));
    assert_eq!(s.kind_recall, r(8, 9));
    // Identities matched: Lena_Voss, Portvale, Portvale_FC, the board of
    // doc_a. Lena Voss is two nodes in doc_b.
    let splits = Spread {
        any: r(1, 4),
        within: r(1, 4),
        across: r(0, 4),
    };
    assert_eq!(s.splits, Some(splits));
    // "Portvale" is the town in one document and the club in the other.
    let merges = Spread {
        any: r(1, 5),
        within: r(0, 5),
        across: r(1, 5),
    };
    assert_eq!(s.merges, Some(merges));
    assert_eq!(s.dates, Some(r(1, 2)));
    let l = &s.lists;
    assert_eq!(l.junk, ["Harbour Police (group) ×1 in doc_a"]);
    assert_eq!(l.unnamed, ["Board (group) = unnamed board"]);
    assert_eq!(l.wrong_kind, ["March (place), gold time ×1"]);
    assert_eq!(l.splits, ["Lena_Voss → Lena Voss (person) / Voss (person)"]);
    assert_eq!(l.merges, ["Portvale (group) → Portvale + Portvale_FC"]);
    assert_eq!(l.missed, ["Tom Reyes (person) ×1 in doc_b"]);
    assert_eq!(l.undated, ["doc_b: gold 2020-03-05, graph none"]);

    let t = table(Some(&s), None);
    assert!(
        t.contains("| Node precision | 0.571 (4/7) | absent | ≥ 0.92 |"),
        "{t}"
    );
    assert!(
        t.contains("| Junk nodes | 14.3% (1/7) | absent | ≤ 2% |"),
        "{t}"
    );
    assert!(lists("GUM", &s).contains("### GUM: merging nodes"));
}

#[test]
fn conll_documents_spans_and_loc_leniency() {
    let text = "-DOCSTART- -X- -X- O\n\n\
                Ana NNP B-NP I-PER\nRuiz NNP I-NP I-PER\nleft VBD B-VP O\n\
                Lima NNP B-NP I-LOC\n( ( O O\nPeru NNP B-NP I-LOC\n) ) O O\n. . O O\n\n\
                -DOCSTART- -X- -X- O\n\n\
                Red NNP B-NP I-ORG\nCross NNP I-NP I-ORG\nmet VBD B-VP O\n\
                Lima NNP B-NP I-LOC\nOslo NNP I-NP B-LOC\nfans NNS I-NP O\n\
                of IN B-PP O\nBrazilian JJ B-NP I-MISC\nfootball NN I-NP O\n. . O O\n";
    let docs = conll_documents(text, "t");
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].text, "Ana Ruiz left Lima (Peru).\n");
    let spans: Vec<(&str, GoldClass)> = docs
        .iter()
        .flat_map(|d| &d.mentions)
        .map(|m| (m.shown.as_str(), m.class))
        .collect();
    assert_eq!(
        spans,
        [
            ("Ana Ruiz", GoldClass::Person),
            ("Lima", GoldClass::PlaceOrGroup),
            ("Peru", GoldClass::PlaceOrGroup),
            ("Red Cross", GoldClass::Group),
            ("Lima", GoldClass::PlaceOrGroup),
            ("Oslo", GoldClass::PlaceOrGroup),
            ("Brazilian", GoldClass::Other),
        ]
    );
    let (d0, d1) = (docs[0].id, docs[1].id);
    let nodes = [
        node("Ana Ruiz", Kind::Person, &[d0]),
        node("Lima", Kind::Group, &[d0, d1]),
        node("Brazilian", Kind::Group, &[d1]),
    ];
    let s = score(&docs, &nodes, &BTreeMap::new());
    // A LOC may be a group; MISC is a name of no entity kind.
    assert_eq!(s.precision, r(2, 3));
    assert_eq!(s.junk, r(0, 3));
    assert_eq!(s.kind, r(2, 3));
    assert_eq!(s.recall, r(3, 6));
    assert_eq!(s.splits, None);
    assert_eq!(s.merges, None);
    assert_eq!(s.dates, None);
    assert_eq!(
        s.lists.missed,
        [
            "Oslo (place) ×1 in t#1",
            "Peru (place) ×1 in t#0",
            "Red Cross (organization) ×1 in t#1"
        ]
    );
}

#[test]
fn normalising_and_bad_input() {
    assert_eq!(
        normalise("The  \u{201c}Big\u{201d}\tApple"),
        "\"big\" apple"
    );
    assert_eq!(normalise("The"), "the");
    assert_eq!(normalise("O\u{2019}Neil"), "o'neil");
    // Short lines, stray and unclosed brackets, bad heads: read, not fatal.
    let junk = "# text = x\n1\tx\n2\ty\ty\tX\tNNP\t_\tz\tdep\t_\tEntity=9)((1-person\n\
                1-3\tab\t_\n3.1\tq\tq\tX\tX\t_\t_\t_\t_\tEntity=(7-place-1)\n";
    let d = parse_conllu("junk", junk);
    assert!(d.mentions.is_empty());
    assert_eq!(d.text, "x\n");
    assert!(conll_documents("", "e").is_empty());
}

#[test]
fn reads_the_shared_gum_corpus() {
    let dir = shared_dir().join("corpora/gum-wikinews");
    if !dir.is_dir() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("GUM Wikinews corpus is required under CI");
        }
        eprintln!("SKIP: {} not found; GUM reader not checked", dir.display());
        return;
    }
    let docs = read_gum(&dir).unwrap();
    assert_eq!(docs.len(), 43);
    for d in &docs {
        assert!(d.date.is_some(), "{} has no date", d.name);
        let named = d.mentions.iter().filter(|m| m.named).count();
        assert!(named > 0, "{} has no named mention", d.name);
        assert!(d.text.lines().count() > 2, "{}", d.name);
    }
    // Every mention of a linked entity carries its identity, pronouns
    // included, and those are not names.
    assert!(
        docs.iter()
            .flat_map(|d| &d.mentions)
            .any(|m| m.identity.is_some() && !m.named && m.shown.to_lowercase() == "he")
    );
}
