//! JSON Lines input: one record per line, `{"text": ..., "id", "date",
//! "url", "title"}` (only `text` is required; other fields are ignored).
//! `date`, `url` and `title` become the document's provenance
//! ([`crate::model::DocMeta`]). A bad record is reported with its line and
//! column and skipped; reading goes on with the next line.

use super::{Event, Notice, decode};
use crate::error::Error;
use crate::model::Document;
use serde::Deserialize;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

#[derive(Debug, Deserialize)]
struct Record {
    text: String,
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
}

/// Streams the records of one JSON Lines source.
pub struct Records {
    path: PathBuf,
    reader: BufReader<Box<dyn Read + Send>>,
    line_no: usize,
    max_doc_bytes: usize,
    pending: VecDeque<Event>,
    done: bool,
}

impl Records {
    pub fn new(path: PathBuf, reader: Box<dyn Read + Send>, max_doc_bytes: usize) -> Self {
        Records {
            path,
            reader: BufReader::with_capacity(64 * 1024, reader),
            line_no: 0,
            max_doc_bytes,
            pending: VecDeque::new(),
            done: false,
        }
    }

    /// A record may be longer than the document cap because of JSON
    /// escapes (`\u00e9` is 6 bytes for 2): allow 6× the cap for the line.
    fn max_line(&self) -> usize {
        self.max_doc_bytes.saturating_mul(6).saturating_add(4096)
    }

    fn notice(&mut self, column: usize, message: String, skipped: bool) {
        self.pending.push_back(Event::Notice(Notice {
            error: Error::Parse {
                path: self.path.clone(),
                line: self.line_no,
                column,
                message,
            },
            skipped,
        }));
    }

    /// Reads the next line into `buf` without letting it grow past the
    /// limit; returns Ok(None) at end of input, Ok(Some(false)) for a line
    /// that was too long (and was consumed to its end).
    fn read_line(&mut self, buf: &mut Vec<u8>) -> std::io::Result<Option<bool>> {
        buf.clear();
        let limit = self.max_line();
        let mut fits = true;
        let mut any = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(if any { Some(fits) } else { None });
            }
            any = true;
            let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            if fits {
                let part = chunk.get(..take).unwrap_or(chunk);
                if buf.len() + part.len() > limit {
                    fits = false;
                    buf.clear();
                } else {
                    buf.extend_from_slice(part);
                }
            }
            self.reader.consume(take);
            if end {
                return Ok(Some(fits));
            }
        }
    }

    fn parse(&mut self, line: &[u8]) {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let text = match std::str::from_utf8(line) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(e) => {
                self.notice(
                    e.valid_up_to() + 1,
                    "invalid UTF-8 in the record, bad bytes replaced".into(),
                    false,
                );
                String::from_utf8_lossy(line)
            }
        };
        let record: Record = match serde_json::from_str(&text) {
            Ok(r) => r,
            Err(e) => {
                // serde_json appends "at line 1 column N": we give the
                // file's line and the column in front instead.
                let full = e.to_string();
                let what = full.split(" at line ").next().unwrap_or(&full);
                self.notice(e.column(), format!("bad record ({what}); skipped"), true);
                return;
            }
        };
        let decoded = match decode::decode(record.text.as_bytes(), self.max_doc_bytes, false) {
            Ok(d) => d,
            Err(_) => {
                self.notice(1, "record has no text; skipped".into(), true);
                return;
            }
        };
        if !decoded.notes.is_empty() {
            let notes = decoded.notes.join("; ");
            self.notice(1, notes, decoded.truncated);
        }
        let origin = match &record.id {
            Some(serde_json::Value::String(id)) => {
                format!("{}:{} (id {id})", self.path.display(), self.line_no)
            }
            Some(v) if !v.is_null() => {
                format!("{}:{} (id {v})", self.path.display(), self.line_no)
            }
            _ => format!("{}:{}", self.path.display(), self.line_no),
        };
        let mut doc = Document::new(origin, decoded.text);
        doc.meta.title = record
            .title
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .map(|t| crate::model::cap_text(&t, 500));
        doc.meta.url = record
            .url
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        match record.date.as_deref().map(str::trim) {
            None | Some("") => {}
            Some(d) => match iso_date(d) {
                Some(iso) => doc.meta.date = Some(iso),
                None => self.notice(
                    1,
                    format!("date {d:?} is not ISO 8601 (YYYY-MM-DD...); ignored"),
                    false,
                ),
            },
        }
        self.pending.push_back(Event::Document(doc));
    }
}

/// The `YYYY-MM-DD` prefix of an ISO 8601 date or date-time, if valid.
fn iso_date(s: &str) -> Option<String> {
    let head = s.get(..10)?;
    let b = head.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
            .then(|| head.get(r).and_then(|x| x.parse::<u32>().ok()))
            .flatten()
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let rest_ok = s.len() == 10 || s.get(10..11).is_some_and(|c| c == "T" || c == " ");
    (b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && y > 0
        && (1..=12).contains(&m)
        && (1..=31).contains(&d)
        && rest_ok)
        .then(|| head.to_string())
}

impl Iterator for Records {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        let mut buf = Vec::new();
        loop {
            if let Some(ev) = self.pending.pop_front() {
                return Some(ev);
            }
            if self.done {
                return None;
            }
            match self.read_line(&mut buf) {
                Ok(None) => self.done = true,
                Ok(Some(fits)) => {
                    self.line_no += 1;
                    if !fits {
                        let limit = self.max_line();
                        self.notice(
                            1,
                            format!("record longer than {limit} bytes (--max-doc-bytes); skipped"),
                            true,
                        );
                    } else if !buf.iter().all(u8::is_ascii_whitespace) {
                        let line = std::mem::take(&mut buf);
                        self.parse(&line);
                    }
                }
                Err(e) => {
                    self.line_no += 1;
                    self.notice(1, format!("cannot read: {e}; rest of input skipped"), true);
                    self.done = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str, cap: usize) -> (Vec<Document>, Vec<String>) {
        let records = Records::new(
            PathBuf::from("in.jsonl"),
            Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            cap,
        );
        let mut docs = Vec::new();
        let mut notes = Vec::new();
        for ev in records {
            match ev {
                Event::Document(d) => docs.push(d),
                Event::Notice(n) => notes.push(n.error.to_string()),
            }
        }
        (docs, notes)
    }

    #[test]
    fn records_carry_provenance() {
        let (docs, notes) = read(
            "{\"id\": 7, \"text\": \"Lena Falk won in Bern.\", \"date\": \"2021-03-04T10:00:00Z\", \"url\": \"https://example.org/a\", \"title\": \" Falk  wins \"}\n\n",
            1000,
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "Lena Falk won in Bern.");
        assert_eq!(d.origin, "in.jsonl:1 (id 7)");
        assert_eq!(d.meta.date.as_deref(), Some("2021-03-04"));
        assert_eq!(d.meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(d.meta.title.as_deref(), Some("Falk wins"));
    }

    #[test]
    fn bad_records_give_line_and_column_and_are_skipped() {
        let input = "{\"text\": \"Good one.\"}\n{\"text\": \"Broken\n{\"txt\": \"no text\"}\n{\"text\": 5}\n{\"text\": \"Also good.\", \"date\": \"March 3\"}";
        let (docs, notes) = read(input, 1000);
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["Good one.", "Also good."]);
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(
            notes[0].starts_with("in.jsonl:2:16: bad record"),
            "{}",
            notes[0]
        );
        assert!(notes[1].starts_with("in.jsonl:3:"), "{}", notes[1]);
        assert!(notes[1].contains("missing field `text`"), "{}", notes[1]);
        assert!(notes[2].starts_with("in.jsonl:4:"), "{}", notes[2]);
        assert!(
            notes[3].contains("\"March 3\" is not ISO 8601"),
            "{}",
            notes[3]
        );
    }

    #[test]
    fn overlong_records_are_skipped_without_reading_them_whole() {
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"Short.\"}}\n",
            "a".repeat(10_000)
        );
        let (docs, notes) = read(&long, 10);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Short.");
        assert!(
            notes[0].starts_with("in.jsonl:1:1: record longer than"),
            "{notes:?}"
        );
    }

    #[test]
    fn iso_dates() {
        assert_eq!(iso_date("2020-01-31").as_deref(), Some("2020-01-31"));
        assert_eq!(iso_date("2020-01-31 08:00").as_deref(), Some("2020-01-31"));
        assert_eq!(iso_date("2020-13-01"), None);
        assert_eq!(iso_date("20200131"), None);
        assert_eq!(iso_date("2020-01-3é"), None);
    }
}
