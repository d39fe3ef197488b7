//! Escaped output parsed back by independent readers (quick-xml,
//! serde_json) over arbitrary text, and the one-pass escapers compared
//! with the rules they implement.

use super::*;
use proptest::prelude::*;
use quick_xml::events::Event;

/// Characters each escaper treats apart, and any character: quotes,
/// backslashes, markup, newlines, controls, the non-characters, non-BMP.
fn tricky() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            proptest::sample::select(vec![
                '<',
                '>',
                '&',
                '\'',
                '"',
                '\\',
                '\r',
                '\n',
                '\t',
                '\u{0}',
                '\u{1B}',
                '\u{1F}',
                '\u{7F}',
                '\u{85}',
                '\u{2028}',
                '\u{FFFD}',
                '\u{FFFE}',
                '\u{FFFF}',
                '\u{EFFF}',
                'é',
                '😀',
                '\u{10FFFF}',
                ' ',
                'N',
            ]),
            any::<char>(),
        ],
        0..48,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// The text of `<t>...</t>` as quick-xml reads it, references resolved.
fn read_xml_text(xml: &[u8]) -> String {
    let mut r = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut text = String::new();
    loop {
        match r.read_event_into(&mut buf).expect("well-formed XML") {
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref().expect("valid reference") {
                    Some(c) => c,
                    None => match g.as_ref() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity {other:?}"),
                    },
                };
                text.push(c);
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    text
}

/// `xml_text` of `s` inside an element.
fn xml_element(s: &str) -> Vec<u8> {
    let mut v = b"<t>".to_vec();
    xml_text(&mut v, s).expect("in memory");
    v.extend_from_slice(b"</t>");
    v
}

/// The DOT quoting rules as first written, one character at a time.
fn dot_quote_by_chars(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    /// quick-xml reads back exactly the XML-safe text.
    #[test]
    fn xml_text_parses_back(s in tricky()) {
        prop_assert_eq!(read_xml_text(&xml_element(&s)), xml_safe(&s));
    }

    /// The one-pass escaper gives what quick-xml's own escaping of the
    /// XML-safe text gives (the escaping it replaces for speed).
    #[test]
    fn xml_text_escapes_like_quick_xml(s in tricky()) {
        let mut v = Vec::new();
        xml_text(&mut v, &s).expect("in memory");
        let want = quick_xml::escape::escape(xml_safe(&s));
        prop_assert_eq!(String::from_utf8_lossy(&v), want);
    }

    /// serde_json reads back exactly the text, which was written as
    /// serde_json writes it.
    #[test]
    fn json_strings_parse_back(s in tricky()) {
        let mut v = Vec::new();
        json_string(&mut v, &s).expect("in memory");
        prop_assert_eq!(&v, &serde_json::to_vec(&s).expect("a str serialises"));
        prop_assert_eq!(serde_json::from_slice::<String>(&v).expect("a JSON string"), s);
    }

    #[test]
    fn find_special_finds_the_first_hit(b in proptest::collection::vec(proptest::num::u8::ANY, 0..100)) {
        let special = |c: u8| (c < 0x20) | (c == b'<');
        prop_assert_eq!(find_special(&b, special), b.iter().position(|&c| special(c)));
    }

    /// JSON inside GraphML text (lists, evidence): read back as XML, then
    /// as JSON, it is the text; JSON has escaped the controls XML forbids,
    /// and only the non-characters U+FFFE/U+FFFF become U+FFFD.
    #[test]
    fn json_inside_xml_parses_back(s in tricky()) {
        let mut json = Vec::new();
        json_string(&mut json, &s).expect("in memory");
        let mut xml = b"<t>".to_vec();
        xml_text_bytes(&mut xml, &json).expect("in memory");
        xml.extend_from_slice(b"</t>");
        let back: String = serde_json::from_str(&read_xml_text(&xml)).expect("a JSON string");
        let want: String = s
            .chars()
            .map(|c| if matches!(c, '\u{FFFE}' | '\u{FFFF}') { '\u{FFFD}' } else { c })
            .collect();
        prop_assert_eq!(back, want);
    }

    /// The one-pass DOT escaper keeps the rules, capped or not.
    #[test]
    fn dot_quoting_in_one_pass_keeps_the_rules(s in tricky(), cap in 0usize..40) {
        prop_assert_eq!(dot_quote(&s), dot_quote_by_chars(&s));
        let mut v = Vec::new();
        dot_quote_to(&mut v, &s, cap).expect("in memory");
        let want = dot_quote_by_chars(&crate::model::cap_text(&s, cap));
        prop_assert_eq!(String::from_utf8_lossy(&v), want);
    }
}

#[test]
fn xml_safe_replaces_only_forbidden_characters() {
    assert_eq!(xml_safe("a\tb\nc\rd"), "a\tb\nc\rd");
    assert_eq!(
        xml_safe("a\u{0}b\u{7}c\u{1F}\u{FFFE}"),
        "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}"
    );
    assert_eq!(xml_safe("ok 北京 😀 \u{202E}"), "ok 北京 😀 \u{202E}");
}

#[test]
fn carriage_returns_survive_xml_as_references() {
    let xml = xml_element("A & B\r\n");
    assert_eq!(xml, b"<t>A &amp; B&#13;\n</t>");
    assert_eq!(read_xml_text(&xml), "A & B\r\n");
}

/// The Cypher literal rules, one character at a time after [`pg_text`].
fn cypher_by_chars(s: &str) -> String {
    let mut out = String::from("\"");
    for c in pg_text(s).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    /// An attribute value comes back as the XML-safe text once a parser
    /// has normalised it (tabs and line breaks kept as references).
    #[test]
    fn xml_attributes_parse_back(s in tricky()) {
        let mut v = b"<t a=\"".to_vec();
        xml_attr(&mut v, &s).expect("in memory");
        v.extend_from_slice(b"\"/>");
        let mut r = quick_xml::Reader::from_reader(v.as_slice());
        let mut buf = Vec::new();
        let Ok(Event::Empty(e)) = r.read_event_into(&mut buf) else {
            panic!("not an empty element: {}", String::from_utf8_lossy(&v));
        };
        let a = e.try_get_attribute("a").expect("attribute").expect("a");
        let back = a
            .normalized_value(quick_xml::XmlVersion::Explicit1_0)
            .expect("a value");
        prop_assert_eq!(back, xml_safe(&s));
    }

    /// The `csv` crate reads a quoted field back as [`pg_text`] says, and
    /// the field holds no CR and no NUL.
    #[test]
    fn csv_fields_parse_back(s in tricky()) {
        let mut v = Vec::new();
        csv_quoted(&mut v, &s).expect("in memory");
        prop_assert!(!v.contains(&b'\r') && !v.contains(&0));
        v.extend_from_slice(b",x\n");
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(v.as_slice());
        let rec = r.records().next().expect("a record").expect("valid CSV");
        prop_assert_eq!(rec.len(), 2);
        let want = pg_text(&s);
        prop_assert_eq!(&rec[0], want.as_ref());
    }

    /// A Cypher literal is on one line and follows the rules.
    #[test]
    fn cypher_literals_keep_the_rules(s in tricky()) {
        let mut v = Vec::new();
        cypher_quoted(&mut v, &s).expect("in memory");
        prop_assert!(!v.contains(&b'\n') && !v.contains(&b'\r') && !v.contains(&0));
        prop_assert_eq!(String::from_utf8_lossy(&v), cypher_by_chars(&s));
    }
}

#[test]
fn pg_text_replaces_nul_and_ends_lines_with_lf() {
    assert_eq!(pg_text("a\r\nb\rc\n\r\r\nd"), "a\nb\nc\n\n\nd");
    assert_eq!(pg_text("x\u{0}y"), "x\u{FFFD}y");
    assert_eq!(pg_text("\t\u{7}\u{FFFE}\\\""), "\t\u{7}\u{FFFE}\\\"");
}
