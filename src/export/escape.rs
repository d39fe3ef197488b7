//! All the exporters' escaping, in one place: XML text (GraphML), JSON
//! strings (JSON-LD, and the JSON lists inside GraphML) and DOT quoted
//! strings. Each is tested by parsing what it writes back with an
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
    let mut rest = b;
    while let Some(p) = rest.iter().position(|&c| XML_SPECIAL[usize::from(c)]) {
        let (plain, tail) = rest.split_at(p);
        w.write_all(plain)?;
        let (rep, len): (&[u8], usize) = match tail {
            [b'<', ..] => (b"&lt;", 1),
            [b'>', ..] => (b"&gt;", 1),
            [b'&', ..] => (b"&amp;", 1),
            [b'\'', ..] => (b"&apos;", 1),
            [b'"', ..] => (b"&quot;", 1),
            [b'\r', ..] => (b"&#13;", 1),
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
