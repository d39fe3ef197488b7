//! All the exporters' escaping, in one place: XML text and attribute
//! values (GraphML, GEXF), JSON strings (JSON-LD, and the JSON lists inside
//! GraphML, GEXF and the property-graph files), DOT quoted strings, CSV
//! fields and Cypher string literals. Each is tested by parsing what it writes back with an
//! independent reader (quick-xml, serde_json; a DOT lexer in the
//! integration tests) over arbitrary text.
//!
//! JSON that needs escaping goes through serde_json ([`json_string`]).
//! XML is escaped here, not by quick-xml: its `escape` (after [`xml_safe`])
//! gives the same bytes, but made the GraphML export of the 100 MB
//! reference corpus about twice as slow (`cargo bench --bench export`, CPU
//! seconds, best of 5, interleaved runs: 2.10–2.53 against 1.07–1.46), far
//! over the 5% allowed. DOT has no library that escapes it safely (see
//! [`super::dot`]).

use std::borrow::Cow;
use std::io::{self, Write};

/// Text as XML 1.0 allows it: C0 control characters other than tab, LF and
/// CR, and the non-characters U+FFFE and U+FFFF, are refused by every XML
/// parser even as character references, so each becomes U+FFFD (�), the
/// documented replacement. Everything else is kept.
pub fn xml_safe(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    };
    if s.chars().any(bad) {
        s.chars()
            .map(|c| if bad(c) { '\u{FFFD}' } else { c })
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// U+FFFD, which replaces what XML 1.0 forbids.
const REPLACEMENT: &[u8] = "\u{FFFD}".as_bytes();

/// XML text, written as `quick_xml::escape::escape(xml_safe(s))` gives it in
/// one pass: `<>&'"` as entities, CR as `&#13;` (parsers would turn a
/// literal CR into LF), the C0 controls XML forbids (all but tab and LF,
/// CR being escaped) and U+FFFE/U+FFFF as U+FFFD. Also right in attribute
/// values that hold no tab or LF (which parsers would read as spaces).
pub(crate) fn xml_text<W: Write + ?Sized>(w: &mut W, s: &str) -> io::Result<()> {
    xml_text_bytes(w, s.as_bytes())
}

/// [`xml_text`] of UTF-8 bytes (the JSON serde_json wrote), with no check
/// that they are UTF-8: the escaping looks at single bytes and at the UTF-8
/// form of U+FFFE and U+FFFF only.
pub(crate) fn xml_text_bytes<W: Write + ?Sized>(w: &mut W, b: &[u8]) -> io::Result<()> {
    xml_escape(w, b, &XML_SPECIAL)
}

/// XML for an attribute value that may hold any text: [`xml_text`], and
/// also tab and LF as character references, which parsers would otherwise
/// read as spaces (attribute-value normalisation).
pub(crate) fn xml_attr<W: Write + ?Sized>(w: &mut W, s: &str) -> io::Result<()> {
    xml_escape(w, s.as_bytes(), &XML_ATTR_SPECIAL)
}

/// The escaping of [`xml_text_bytes`], stopping at the bytes `special`
/// marks.
#[inline]
fn xml_escape<W: Write + ?Sized>(w: &mut W, b: &[u8], special: &[bool; 256]) -> io::Result<()> {
    let mut rest = b;
    while let Some(p) = rest.iter().position(|&c| special[usize::from(c)]) {
        let (plain, tail) = rest.split_at(p);
        w.write_all(plain)?;
        let (rep, len): (&[u8], usize) = match tail {
            [b'<', ..] => (b"&lt;", 1),
            [b'>', ..] => (b"&gt;", 1),
            [b'&', ..] => (b"&amp;", 1),
            [b'\'', ..] => (b"&apos;", 1),
            [b'"', ..] => (b"&quot;", 1),
            [b'\r', ..] => (b"&#13;", 1),
            [b'\n', ..] => (b"&#10;", 1),
            [b'\t', ..] => (b"&#9;", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            [0xEF, 0xBF, 0xBE | 0xBF, ..] => (REPLACEMENT, 3),
            [0xEF, ..] => (b"\xEF", 1),
            // The other C0 controls.
            [_, ..] => (REPLACEMENT, 1),
            [] => break,
        };
        w.write_all(rep)?;
        rest = tail.get(len..).unwrap_or_default();
    }
    w.write_all(rest)
}

/// The bytes [`xml_text_bytes`] stops at: markup characters, the C0
/// controls but tab and LF, and 0xEF, which starts U+FFFE and U+FFFF. A
/// table, so that the scan between them is a tight loop.
static XML_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = c != 0x09 && c != 0x0A;
        c += 1;
    }
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'"' as usize] = true;
    t[0xEF] = true;
    t
};

/// [`XML_SPECIAL`], and tab and LF.
static XML_ATTR_SPECIAL: [bool; 256] = {
    let mut t = XML_SPECIAL;
    t[b'\t' as usize] = true;
    t[b'\n' as usize] = true;
    t
};

/// `s` as a JSON string, byte for byte as serde_json writes it: a string
/// with nothing to escape (most names and sentences) is written as is
/// between quotes, any other goes through serde_json. Sending every string
/// through serde_json cost 8% more instructions in the GraphML export and
/// 11% more in the JSON-LD one (callgrind, 1,000 files of the reference
/// corpus).
pub(crate) fn json_string<W: Write + ?Sized>(w: &mut W, s: &str) -> io::Result<()> {
    if find_special(s.as_bytes(), json_special).is_none() {
        w.write_all(b"\"")?;
        w.write_all(s.as_bytes())?;
        return w.write_all(b"\"");
    }
    serde_json::to_writer(w, s).map_err(io::Error::from)
}

/// The bytes serde_json escapes in a string: the C0 controls, `"` and `\`.
fn json_special(c: u8) -> bool {
    (c < 0x20) | (c == b'"') | (c == b'\\')
}

/// Index of the first byte of `b` for which `special` holds.
///
/// Text to escape is mostly plain: whole blocks of 32 bytes are tested
/// without stopping at each byte, a loop the compiler turns into vector
/// compares when `special` is made of comparisons (not a table look-up),
/// and only a block with a hit is searched byte by byte.
#[inline]
fn find_special(b: &[u8], special: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    let mut blocks = b.chunks_exact(32);
    let mut base = 0;
    for block in &mut blocks {
        if block.iter().fold(false, |hit, &c| hit | special(c)) {
            return block.iter().position(|&c| special(c)).map(|p| base + p);
        }
        base += 32;
    }
    blocks
        .remainder()
        .iter()
        .position(|&c| special(c))
        .map(|p| base + p)
}

/// A JSON array of strings, as serde_json writes a `Vec<String>`.
pub(crate) fn json_list<I, S>(out: &mut Vec<u8>, items: I) -> io::Result<()>
where
    I: Iterator<Item = S>,
    S: AsRef<str>,
{
    out.push(b'[');
    for (i, s) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        json_string(out, s.as_ref())?;
    }
    out.push(b']');
    Ok(())
}

/// Evidence as a JSON array of `{doc, sentence, start, end, text}` (keys
/// in serde_json's sorted order), appended to `s`.
pub(crate) fn evidence_json(
    s: &mut Vec<u8>,
    evidence: &[crate::model::Evidence],
) -> io::Result<()> {
    s.push(b'[');
    let mut num = itoa::Buffer::new();
    for (i, e) in evidence.iter().enumerate() {
        if i > 0 {
            s.push(b',');
        }
        s.extend_from_slice(b"{\"doc\":\"");
        s.extend_from_slice(&super::hex16(&e.doc));
        s.extend_from_slice(b"\",\"end\":");
        s.extend_from_slice(num.format(e.span.end).as_bytes());
        s.extend_from_slice(b",\"sentence\":");
        s.extend_from_slice(num.format(e.sentence).as_bytes());
        s.extend_from_slice(b",\"start\":");
        s.extend_from_slice(num.format(e.span.start).as_bytes());
        s.extend_from_slice(b",\"text\":");
        json_string(&mut *s, &e.text)?;
        s.push(b'}');
    }
    s.push(b']');
    Ok(())
}

/// Text as the property-graph files (CSV, Cypher) carry it: NUL, at which
/// the C-based databases (FalkorDB) cut a string, becomes U+FFFD; CR LF
/// and a lone CR become LF, because Kùzu and FalkorDB end a CSV row at a
/// CR even inside quotes. Everything else is kept. What [`csv_quoted`]
/// and [`cypher_quoted`] write reads back as this.
pub fn pg_text(s: &str) -> Cow<'_, str> {
    if !s.bytes().any(|b| b == 0 || b == b'\r') {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 2);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            c => out.push(c),
        }
    }
    out.into()
}

/// A CSV field for any text, RFC 4180: always quoted (FalkorDB trims
/// spaces around an unquoted field), a quote doubled, no backslash
/// escape (a backslash is itself); NUL and CR as [`pg_text`] makes them.
/// Line breaks stay inside the quotes (Neo4j's importer needs
/// `--multiline-fields=true`, Kùzu `PARALLEL=false`).
pub(crate) fn csv_quoted<W: Write + ?Sized>(w: &mut W, s: &str) -> io::Result<()> {
    w.write_all(b"\"")?;
    let mut rest = s.as_bytes();
    while let Some(p) = rest.iter().position(|&c| matches!(c, b'"' | b'\r' | 0)) {
        let (plain, tail) = rest.split_at(p);
        w.write_all(plain)?;
        let (rep, len): (&[u8], usize) = match tail {
            [b'"', ..] => (b"\"\"", 1),
            [b'\r', b'\n', ..] => (b"\n", 2),
            [b'\r', ..] => (b"\n", 1),
            [_, ..] => (REPLACEMENT, 1),
            [] => break,
        };
        w.write_all(rep)?;
        rest = tail.get(len..).unwrap_or_default();
    }
    w.write_all(rest)?;
    w.write_all(b"\"")
}

/// An openCypher string literal for any text, on one line: in double
/// quotes, `\` and `"` escaped with a backslash, a line break as `\n`
/// (after [`pg_text`]: CR LF and CR are line breaks, NUL is U+FFFD); every
/// other character as it is, because FalkorDB and Kùzu read no `\u`
/// escape. Neo4j, Memgraph, FalkorDB and Apache AGE read `\n` as a line
/// break; Kùzu reads it as the letter `n`.
pub(crate) fn cypher_quoted<W: Write + ?Sized>(w: &mut W, s: &str) -> io::Result<()> {
    w.write_all(b"\"")?;
    let mut rest = s.as_bytes();
    while let Some(p) = rest
        .iter()
        .position(|&c| matches!(c, b'"' | b'\\' | b'\r' | b'\n' | 0))
    {
        let (plain, tail) = rest.split_at(p);
        w.write_all(plain)?;
        let (rep, len): (&[u8], usize) = match tail {
            [b'"', ..] => (b"\\\"", 1),
            [b'\\', ..] => (b"\\\\", 1),
            [b'\r', b'\n', ..] => (b"\\n", 2),
            [b'\r' | b'\n', ..] => (b"\\n", 1),
            [_, ..] => (REPLACEMENT, 1),
            [] => break,
        };
        w.write_all(rep)?;
        rest = tail.get(len..).unwrap_or_default();
    }
    w.write_all(rest)?;
    w.write_all(b"\"")
}

/// A DOT quoted string for any text: `\` → `\\` first, then `"` → `\"`, so
/// that Graphviz's own escapes (`\N`, `\G`, `\n`, `\l`...) in names are shown
/// as written; LF → `\n` (a centred line break); CR, the other C0 controls
/// and U+FFFE/U+FFFF are dropped, because Graphviz passes them into SVG,
/// where XML forbids them. Tabs are kept. The result is always quoted, so
/// the keywords `node`, `edge`, `graph`, `digraph`, `subgraph` and `strict`
/// are plain strings.
pub fn dot_quote(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    // Writing into a Vec cannot fail.
    let _ = dot_quote_to(&mut out, s, usize::MAX);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `dot_quote(&cap_text(s, cap))` without building either string.
pub(crate) fn dot_quote_to<W: Write>(w: &mut W, s: &str, cap: usize) -> io::Result<()> {
    w.write_all(b"\"")?;
    dot_escape_capped(w, s, cap)?;
    w.write_all(b"\"")
}

/// The inside of `dot_quote(&cap_text(s, cap))`. Escaping is character by
/// character, so pieces escaped apart and written one after the other
/// equal the quoted whole.
pub(crate) fn dot_escape_capped<W: Write>(w: &mut W, s: &str, cap: usize) -> io::Result<()> {
    if s.len() <= cap {
        return dot_escape(w, s);
    }
    let mut end = cap;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    dot_escape(w, s.get(..end).unwrap_or_default())?;
    w.write_all("…".as_bytes())
}

/// The inside of [`dot_quote`]: the same rules, in one pass over the bytes.
pub(crate) fn dot_escape<W: Write>(w: &mut W, s: &str) -> io::Result<()> {
    let mut rest = s.as_bytes();
    while let Some(p) = rest.iter().position(|&c| DOT_SPECIAL[usize::from(c)]) {
        let (plain, tail) = rest.split_at(p);
        w.write_all(plain)?;
        let (rep, len): (&[u8], usize) = match tail {
            [b'\\', ..] => (b"\\\\", 1),
            [b'"', ..] => (b"\\\"", 1),
            [b'\n', ..] => (b"\\n", 1),
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF in UTF-8.
            [0xEF, 0xBF, 0xBE | 0xBF, ..] => (b"", 3),
            [0xEF, ..] => (b"\xEF", 1),
            // The other C0 controls, CR included, are dropped.
            [_, ..] => (b"", 1),
            [] => break,
        };
        w.write_all(rep)?;
        rest = tail.get(len..).unwrap_or_default();
    }
    w.write_all(rest)
}

/// The bytes [`dot_escape`] stops at: `\`, `"`, the C0 controls but tab,
/// and 0xEF, which starts U+FFFE and U+FFFF.
static DOT_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = c != 0x09;
        c += 1;
    }
    t[b'\\' as usize] = true;
    t[b'"' as usize] = true;
    t[0xEF] = true;
    t
};

#[cfg(test)]
mod tests;
