//! Bytes → text for scraped, dirty files: byte-order marks (UTF-8, UTF-16
//! LE/BE), UTF-16 without a mark, invalid UTF-8 read as Windows-1252,
//! binaries refused, NUL and control bytes removed, and a size cap. Every
//! change made to the text is reported as a note, so the caller can tell
//! the user in one line. Windows-1252 and UTF-16 are decoded by
//! encoding_rs (what browsers use); UTF-8 by the standard library.

/// How many bytes at the start are inspected to tell text from binary.
const SNIFF: usize = 8192;

/// The text of a file, and what was done to get it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// One short phrase per change ("decoded as Windows-1252", ...).
    pub notes: Vec<String>,
    /// True when the text was cut at the size cap (part of the input unused).
    pub truncated: bool,
}

/// Why a file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    Blank,
    Binary(&'static str),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Empty => f.write_str("empty file; skipped"),
            Refusal::Blank => f.write_str("no text (only whitespace or control bytes); skipped"),
            Refusal::Binary(what) => write!(f, "binary file ({what}); skipped"),
        }
    }
}

/// Signatures of common binary formats found among scraped files. Checked
/// before the byte statistics because some (PDF, RTF-less archives) start
/// with printable bytes.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP/Office"),
    (b"\x89PNG", "PNG"),
    (b"GIF8", "GIF"),
    (b"\xFF\xD8\xFF", "JPEG"),
    (b"\x1F\x8B", "gzip"),
    (b"BZh", "bzip2"),
    (b"\xFD7zXZ\x00", "xz"),
    (b"7z\xBC\xAF\x27\x1C", "7z"),
    (b"\x7FELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\xD0\xCF\x11\xE0", "OLE/Office"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"OggS", "Ogg"),
    (b"ID3", "MP3"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"\x28\xB5\x2F\xFD", "zstd"),
    (b"wOFF", "font"),
];

/// Decodes `bytes`, cutting the result to at most `cap` bytes of UTF-8.
/// `had_more` says the reader stopped early (the input is longer than what
/// was read), so the text counts as truncated even if it fits.
pub fn decode(bytes: &[u8], cap: usize, had_more: bool) -> Result<Decoded, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    let mut notes = Vec::new();
    let mut text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_or_fallback(rest, had_more, &mut notes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        notes.push("decoded from UTF-16LE (byte-order mark)".to_string());
        utf16(rest, false)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        notes.push("decoded from UTF-16BE (byte-order mark)".to_string());
        utf16(rest, true)
    } else {
        if let Some((_, what)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
            // "MZ" and "ID3" are also plausible first letters of text: only
            // trust those two when the bytes statistics agree.
            if !matches!(*what, "Windows executable" | "MP3") || looks_binary(bytes) {
                return Err(Refusal::Binary(what));
            }
        }
        if let Some(big_endian) = utf16_without_bom(bytes) {
            notes.push(format!(
                "decoded from UTF-16{} (no byte-order mark)",
                if big_endian { "BE" } else { "LE" }
            ));
            utf16(bytes, big_endian)
        } else if looks_binary(bytes) {
            return Err(Refusal::Binary("control bytes"));
        } else {
            utf8_or_fallback(bytes, had_more, &mut notes)
        }
    };
    let removed = strip_controls(&mut text);
    if removed > 0 {
        notes.push(format!("removed {removed} NUL/control characters"));
    }
    if text.trim().is_empty() {
        return Err(Refusal::Blank);
    }
    let mut truncated = had_more;
    if text.len() > cap {
        let end = cut_point(&text, cap);
        text.truncate(end);
        truncated = true;
    }
    if truncated {
        notes.push(format!(
            "longer than the {cap}-byte cap (--max-doc-bytes): cut after {} bytes",
            text.len()
        ));
    }
    Ok(Decoded {
        text,
        notes,
        truncated,
    })
}

/// Binary when the first block has more than 1 in 20 bytes that no text
/// has: NUL and C0 controls other than tab, newlines and form feed.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = bytes.get(..SNIFF).unwrap_or(bytes);
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B))
        .count();
    odd * 20 > head.len()
}

/// UTF-16 without a byte-order mark shows as a NUL in every other byte for
/// Latin-script text. Returns Some(big_endian) when at least 90% of the
/// even (BE) or odd (LE) bytes of the first block are NUL and the others
/// mostly are not.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let head = bytes.get(..SNIFF).unwrap_or(bytes);
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even0, mut odd0) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        if let [a, b] = pair {
            even0 += usize::from(*a == 0);
            odd0 += usize::from(*b == 0);
        }
    }
    let mostly = |n: usize| n * 10 >= pairs * 9;
    let rarely = |n: usize| n * 10 <= pairs;
    if mostly(odd0) && rarely(even0) {
        Some(false)
    } else if mostly(even0) && rarely(odd0) {
        Some(true)
    } else {
        None
    }
}

/// UTF-16 through encoding_rs. A last odd byte is dropped, not decoded as
/// U+FFFD (the half unit of a file cut short, as before encoding_rs); an
/// unpaired surrogate becomes U+FFFD, one per unit, as `char::decode_utf16`
/// reads it.
fn utf16(bytes: &[u8], big_endian: bool) -> String {
    let whole_units = bytes.get(..bytes.len() & !1).unwrap_or_default();
    let encoding = if big_endian {
        encoding_rs::UTF_16BE
    } else {
        encoding_rs::UTF_16LE
    };
    encoding
        .decode_without_bom_handling(whole_units)
        .0
        .into_owned()
}

/// UTF-8 when it is; otherwise Windows-1252 (what "Latin-1" web pages
/// really are), unless the file is UTF-8 with a few damaged bytes, where
/// re-reading everything as Windows-1252 would garble the good characters.
fn utf8_or_fallback(bytes: &[u8], had_more: bool, notes: &mut Vec<String>) -> String {
    let bytes = if had_more {
        // A read cut off mid-character is not an encoding problem.
        trim_partial_utf8(bytes)
    } else {
        bytes
    };
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes);
            let bad = lossy.matches(char::REPLACEMENT_CHARACTER).count();
            let multibyte = lossy
                .chars()
                .filter(|&c| c != char::REPLACEMENT_CHARACTER && !c.is_ascii())
                .count();
            if multibyte > 0 && bad * 100 <= multibyte {
                notes.push(format!(
                    "{bad} invalid UTF-8 sequences replaced with U+FFFD"
                ));
                lossy.into_owned()
            } else {
                notes.push("not UTF-8: decoded as Windows-1252 (Latin-1)".to_string());
                windows_1252(bytes)
            }
        }
    }
}

/// Drops an incomplete UTF-8 sequence (at most 3 bytes) at the end.
fn trim_partial_utf8(bytes: &[u8]) -> &[u8] {
    match std::str::from_utf8(bytes) {
        Err(e) if e.error_len().is_none() => bytes.get(..e.valid_up_to()).unwrap_or(bytes),
        _ => bytes,
    }
}

/// Windows-1252 as browsers read it (encoding_rs, the WHATWG Encoding
/// Standard): 0x80–0x9F are the curly quotes, dashes, € and so on, the rest
/// Latin-1. The five bytes Windows leaves unassigned (0x81, 0x8D, 0x8F,
/// 0x90, 0x9D) become the C1 controls of the same value, which
/// [`strip_controls`] then removes and counts.
pub fn windows_1252(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// Removes NUL, C0 controls other than tab/newlines/form feed, DEL and C1
/// controls: no reader wants them and XML 1.0 cannot carry most of them.
/// Form feed becomes a newline (page break in old wire copy). Returns how
/// many characters were removed.
fn strip_controls(text: &mut String) -> usize {
    let is_bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}')) || c == '\u{FEFF}'
    };
    if !text.chars().any(|c| is_bad(c) || c == '\u{0C}') {
        return 0;
    }
    let mut removed = 0;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\u{0C}' {
            out.push('\n');
        } else if is_bad(c) {
            removed += 1;
        } else {
            out.push(c);
        }
    }
    *text = out;
    removed
}

/// Where to cut text longer than `cap`: after the last sentence end or line
/// break in the final 64 KiB before the cap, else at the last whitespace,
/// else at a character boundary.
fn cut_point(text: &str, cap: usize) -> usize {
    let mut end = cap.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or("");
    let window_start = end.saturating_sub(64 * 1024);
    let mut from = window_start;
    while from < end && !head.is_char_boundary(from) {
        from += 1;
    }
    let window = head.get(from..).unwrap_or("");
    if let Some(i) = window.rfind(['\n', '.', '!', '?']) {
        return from + i + 1;
    }
    if let Some(i) = window.rfind(char::is_whitespace) {
        return from + i;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAP: usize = 1 << 20;

    fn ok(bytes: &[u8]) -> Decoded {
        match decode(bytes, CAP, false) {
            Ok(d) => d,
            Err(r) => panic!("refused: {r}"),
        }
    }

    #[test]
    fn plain_utf8_is_unchanged() {
        let d = ok("Mayor Inés Roca opened the bridge.".as_bytes());
        assert_eq!(d.text, "Mayor Inés Roca opened the bridge.");
        assert!(d.notes.is_empty());
        assert!(!d.truncated);
    }

    #[test]
    fn latin1_and_cp1252_are_decoded_with_a_note() {
        let d = ok(b"Caf\xe9 owner \x93Jos\xe9\x94 said \x80 5.");
        assert_eq!(d.text, "Café owner “José” said € 5.");
        assert_eq!(d.notes, ["not UTF-8: decoded as Windows-1252 (Latin-1)"]);
    }

    #[test]
    fn cp1252_unassigned_bytes_are_c1_controls_then_removed() {
        // The five bytes Windows-1252 leaves unassigned: encoding_rs maps
        // each to the C1 control of the same value, as the table it
        // replaced did, and those are removed with a count.
        let odd = [0x81u8, 0x8D, 0x8F, 0x90, 0x9D];
        assert_eq!(windows_1252(&odd), "\u{81}\u{8D}\u{8F}\u{90}\u{9D}");
        let d = ok(b"Caf\xe9\x81 \x8d\x8f\x90\x9d\x80.");
        assert_eq!(d.text, "Café €.");
        assert_eq!(
            d.notes,
            [
                "not UTF-8: decoded as Windows-1252 (Latin-1)",
                "removed 5 NUL/control characters"
            ]
        );
    }

    /// The decoders encoding_rs replaced, kept as the reference.
    mod by_hand {
        const CP1252_HIGH: [char; 32] = [
            '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
            '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ',
            '\u{9D}', 'ž', 'Ÿ',
        ];

        pub fn windows_1252(bytes: &[u8]) -> String {
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect()
        }

        pub fn utf16(bytes: &[u8], big_endian: bool) -> String {
            let units = bytes.chunks_exact(2).map(|p| {
                if big_endian {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            });
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
    }

    /// Bytes that make UTF-16 hard: surrogates (paired, lone, reversed),
    /// NULs, BOM halves, and any byte.
    fn utf16_bytes() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
        use proptest::prelude::*;
        proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(vec![0x00u8, 0xD8, 0xDB, 0xDC, 0xDF, 0xFE, 0xFF, b'a']),
                any::<u8>(),
            ],
            0..64,
        )
    }

    proptest::proptest! {
        #[test]
        fn windows_1252_decodes_as_the_table_did(b in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            proptest::prop_assert_eq!(windows_1252(&b), by_hand::windows_1252(&b));
        }

        #[test]
        fn utf16_decodes_as_decode_utf16_did(b in utf16_bytes(), big_endian: bool) {
            proptest::prop_assert_eq!(utf16(&b, big_endian), by_hand::utf16(&b, big_endian));
        }
    }

    #[test]
    fn every_byte_decodes_as_the_table_did() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(windows_1252(&all), by_hand::windows_1252(&all));
    }

    #[test]
    fn utf16_drops_a_last_odd_byte_and_replaces_lone_surrogates() {
        // "Hi" then a lone high surrogate, a lone low one, and half a unit.
        let le = [b'H', 0, b'i', 0, 0x00, 0xD8, b'!', 0, 0x00, 0xDC, b'x'];
        assert_eq!(utf16(&le, false), "Hi\u{FFFD}!\u{FFFD}");
    }

    #[test]
    fn utf8_with_one_bad_byte_keeps_the_good_characters() {
        let mut s = "Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø Ærø ".as_bytes().to_vec();
        s.push(0xFF);
        let d = ok(&s);
        assert!(d.text.starts_with("Ærø Ærø"));
        assert!(d.text.ends_with('\u{FFFD}'));
        assert_eq!(d.notes, ["1 invalid UTF-8 sequences replaced with U+FFFD"]);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let words = "Port of Tema reopened.";
        let le: Vec<u8> = words.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = words.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = |bom: &[u8], body: &[u8]| [bom, body].concat();
        assert_eq!(ok(&with_bom(b"\xFF\xFE", &le)).text, words);
        assert_eq!(ok(&with_bom(b"\xFE\xFF", &be)).text, words);
        let d = ok(&le);
        assert_eq!(d.text, words);
        assert_eq!(d.notes, ["decoded from UTF-16LE (no byte-order mark)"]);
        assert_eq!(ok(&be).text, words);
        assert_eq!(ok(b"\xEF\xBB\xBFHello.").text, "Hello.");
    }

    #[test]
    fn binaries_empty_and_blank_are_refused() {
        assert_eq!(decode(b"", CAP, false), Err(Refusal::Empty));
        let blank = [[b' '; 40].as_slice(), b"\n\t\0"].concat();
        assert_eq!(decode(&blank, CAP, false), Err(Refusal::Blank));
        assert_eq!(
            decode(b"%PDF-1.7 ...", CAP, false),
            Err(Refusal::Binary("PDF"))
        );
        let noise: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(
            decode(&noise, CAP, false),
            Err(Refusal::Binary("control bytes"))
        );
        // Text that merely starts like a magic number is still text.
        assert_eq!(
            ok(b"MZ Holdings bought a mill.").text,
            "MZ Holdings bought a mill."
        );
    }

    #[test]
    fn stray_nul_bytes_are_removed_with_a_note() {
        let d = ok(b"The council\0 met on Monday\0 and voted.\x0cNext page.");
        assert_eq!(d.text, "The council met on Monday and voted.\nNext page.");
        assert_eq!(d.notes, ["removed 2 NUL/control characters"]);
    }

    #[test]
    fn long_text_is_cut_after_a_sentence() {
        let text = "One short sentence. ".repeat(100);
        let d = match decode(text.as_bytes(), 50, false) {
            Ok(d) => d,
            Err(r) => panic!("{r}"),
        };
        assert_eq!(d.text, "One short sentence. One short sentence.");
        assert!(d.truncated);
        assert!(d.notes[0].contains("50-byte cap"), "{:?}", d.notes);
        // One huge word: cut at a character boundary.
        let word = "é".repeat(100);
        let d = decode(word.as_bytes(), 51, false).map(|d| d.text);
        assert_eq!(d, Ok("é".repeat(25)));
    }

    #[test]
    fn a_read_cut_mid_character_is_not_an_encoding_error() {
        let bytes = "Zoë Zoë".as_bytes();
        let cut = &bytes[..bytes.len() - 1];
        let d = match decode(cut, CAP, true) {
            Ok(d) => d,
            Err(r) => panic!("{r}"),
        };
        assert_eq!(d.text, "Zoë Zo");
        assert!(d.truncated);
        assert_eq!(d.notes.len(), 1, "{:?}", d.notes);
    }
}
