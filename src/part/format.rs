//! The partial graph file: writing it, and checking it whole before any of
//! it is used.
//!
//! ```text
//! 0      8 bytes   magic  89 4E 47 50 41 52 54 0A  ("\x89NGPART\n")
//! 8      u32 LE    format version (1)
//! 12     u32 LE    n, length of the header
//! 16     n bytes   header: JSON {"generator", "settings"}
//! 16+n   ...       one zstd frame (with its content checksum): JSON lines,
//!                  one document's result each, ids ascending, no id twice;
//!                  each line starts {"id":"<16 hex digits>",
//! end-20 u64 LE    number of documents
//! end-12 u32 LE    CRC-32 (IEEE) of every byte before the document count
//! end-8  8 bytes   end marker 89 4E 47 45 4E 44 0D 0A ("\x89NGEND\r\n")
//! ```
//!
//! JSON because the model's own serde attributes (fields skipped when
//! empty) need a self-describing encoding, which postcard and bincode are
//! not, and because `zstd -dc` and any language can read it; zstd makes it
//! compact (the lines repeat sentences and names, which it shares).

use crate::error::{Error, PartProblem};
use crate::model::{DocId, Kind};
use crate::resolve::AliasTable;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub const MAGIC: &[u8; 8] = b"\x89NGPART\n";
pub const END: &[u8; 8] = b"\x89NGEND\r\n";
/// The format version this build writes and reads. Bump it on any change
/// to the bytes or to what a record holds.
pub const VERSION: u32 = 1;
const FOOTER: u64 = 20;
/// zstd's default level: about as fast as the JSON is written.
const LEVEL: i32 = 3;
/// A header larger than this is not one of ours.
const MAX_HEADER: u32 = 64 << 20;

/// What changes the per-document results besides the text: parts made
/// with different settings are refused by `merge`, and the alias file,
/// which the cross-document merge applies too, travels with the parts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The mention finder: `rules`, `builtin`, or `model <hash of the file>`.
    pub finder: String,
    /// "Named in the same sentence" edges kept.
    pub comention: bool,
    /// Publication date of documents that carry none.
    pub date: Option<String>,
    pub aliases: Aliases,
}

/// [`AliasTable`] as stored (its keys already normalised).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Aliases {
    pub merge: BTreeMap<String, String>,
    pub rename: BTreeMap<String, String>,
    pub drop: BTreeSet<String>,
    pub kinds: BTreeMap<String, Kind>,
}

impl From<&AliasTable> for Aliases {
    fn from(t: &AliasTable) -> Self {
        Aliases {
            merge: t.merge.clone(),
            rename: t.rename.clone(),
            drop: t.drop.clone(),
            kinds: t.kinds.clone(),
        }
    }
}

impl Settings {
    pub fn alias_table(&self) -> AliasTable {
        AliasTable {
            merge: self.aliases.merge.clone(),
            rename: self.aliases.rename.clone(),
            drop: self.aliases.drop.clone(),
            kinds: self.aliases.kinds.clone(),
            // Where the file said what is not kept in a part: the merge's
            // warnings name the names, not the lines.
            origin: Default::default(),
        }
    }

    /// The first setting in which `self` and `other` differ, named.
    pub fn difference(&self, other: &Settings) -> Option<String> {
        if self.finder != other.finder {
            return Some(format!("finder {} against {}", self.finder, other.finder));
        }
        if self.comention != other.comention {
            return Some("--no-comention in one and not the other".into());
        }
        if self.date != other.date {
            return Some(format!("--date {:?} against {:?}", self.date, other.date));
        }
        (self.aliases != other.aliases).then(|| "another alias file".into())
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    generator: String,
    settings: Settings,
}

/// Counts the CRC of what goes through it.
struct Crc<W> {
    inner: W,
    crc: crc32fast::Hasher,
}

impl<W: Write> Write for Crc<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes a partial graph into any writer: [`PartWriter::record`] for each
/// document in ascending id order, then [`PartWriter::finish`].
pub struct PartWriter<W: Write> {
    zstd: zstd::Encoder<'static, Crc<W>>,
    documents: u64,
    last: Option<DocId>,
}

impl<W: Write> PartWriter<W> {
    pub fn new(inner: W, settings: &Settings) -> io::Result<Self> {
        let mut w = Crc {
            inner,
            crc: crc32fast::Hasher::new(),
        };
        let header = serde_json::to_vec(&Header {
            generator: format!("newsgraph {}", env!("CARGO_PKG_VERSION")),
            settings: settings.clone(),
        })?;
        w.write_all(MAGIC)?;
        w.write_all(&VERSION.to_le_bytes())?;
        let len = u32::try_from(header.len()).map_err(io::Error::other)?;
        w.write_all(&len.to_le_bytes())?;
        w.write_all(&header)?;
        let mut zstd = zstd::Encoder::new(w, LEVEL)?;
        zstd.include_checksum(true)?;
        Ok(PartWriter {
            zstd,
            documents: 0,
            last: None,
        })
    }

    /// Appends one document's record: a JSON line (without its newline)
    /// starting with its id. Ids must ascend.
    pub fn record(&mut self, id: DocId, line: &[u8]) -> io::Result<()> {
        if self.last.is_some_and(|l| l >= id) || record_id(line) != Some(id) {
            return Err(io::Error::other(format!(
                "record {id} out of order or without its id"
            )));
        }
        self.last = Some(id);
        self.documents += 1;
        self.zstd.write_all(line)?;
        self.zstd.write_all(b"\n")
    }

    /// Closes the frame and writes the footer; returns the writer.
    pub fn finish(self) -> io::Result<W> {
        let w = self.zstd.finish()?;
        let crc = w.crc.clone().finalize();
        let mut inner = w.inner;
        inner.write_all(&self.documents.to_le_bytes())?;
        inner.write_all(&crc.to_le_bytes())?;
        inner.write_all(END)?;
        Ok(inner)
    }
}

/// The document id a record line starts with (`{"id":"<16 hex>"`).
pub fn record_id(line: &[u8]) -> Option<DocId> {
    let hex = line.strip_prefix(b"{\"id\":\"")?.get(..16)?;
    let hex = std::str::from_utf8(hex).ok()?;
    if line.get(7 + 16) != Some(&b'"') {
        return None;
    }
    u64::from_str_radix(hex, 16).ok().map(DocId)
}

/// A partial graph checked whole (magic, version, end marker, checksum),
/// ready to stream its records.
pub struct PartReader {
    pub path: PathBuf,
    pub settings: Settings,
    pub generator: String,
    pub documents: u64,
    /// Where the zstd frame starts and its length.
    body: (u64, u64),
}

fn problem(path: &Path, problem: PartProblem) -> Error {
    Error::Part {
        path: path.to_path_buf(),
        problem,
    }
}

impl PartReader {
    /// Opens and checks `path`; nothing of a file that fails is used.
    pub fn open(path: &Path) -> Result<PartReader, Error> {
        let io = |e| Error::io(path, e);
        let mut f = std::fs::File::open(path).map_err(io)?;
        let len = f.metadata().map_err(io)?.len();
        let mut head = [0u8; 16];
        let got = read_up_to(&mut f, &mut head).map_err(io)?;
        if got < 8 || &head[..8] != MAGIC {
            return Err(problem(path, PartProblem::NotAPart));
        }
        if got < 16 {
            return Err(problem(path, PartProblem::Truncated));
        }
        let version = u32::from_le_bytes([head[8], head[9], head[10], head[11]]);
        if version != VERSION {
            return Err(problem(
                path,
                PartProblem::Version {
                    found: version,
                    supported: VERSION,
                },
            ));
        }
        let hlen = u32::from_le_bytes([head[12], head[13], head[14], head[15]]);
        let body_start = 16 + u64::from(hlen);
        if hlen > MAX_HEADER || len < body_start + FOOTER {
            return Err(problem(path, PartProblem::Truncated));
        }
        let mut footer = [0u8; FOOTER as usize];
        f.seek(SeekFrom::Start(len - FOOTER)).map_err(io)?;
        f.read_exact(&mut footer).map_err(io)?;
        if &footer[12..] != END {
            return Err(problem(path, PartProblem::Truncated));
        }
        let mut n = [0u8; 8];
        n.copy_from_slice(&footer[..8]);
        let documents = u64::from_le_bytes(n);
        let crc = u32::from_le_bytes([footer[8], footer[9], footer[10], footer[11]]);
        // The whole file is read once for its checksum before any of it
        // is used: a corrupt part is refused, never half merged.
        f.seek(SeekFrom::Start(0)).map_err(io)?;
        let mut hasher = crc32fast::Hasher::new();
        let mut rest = (&mut f).take(len - FOOTER);
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let k = rest.read(&mut buf).map_err(io)?;
            if k == 0 {
                break;
            }
            hasher.update(&buf[..k]);
        }
        if hasher.finalize() != crc {
            return Err(problem(path, PartProblem::Checksum));
        }
        f.seek(SeekFrom::Start(16)).map_err(io)?;
        let mut header = vec![0u8; hlen as usize];
        f.read_exact(&mut header).map_err(io)?;
        let header: Header = serde_json::from_slice(&header)
            .map_err(|e| problem(path, PartProblem::Corrupt(format!("header: {e}"))))?;
        Ok(PartReader {
            path: path.to_path_buf(),
            settings: header.settings,
            generator: header.generator,
            documents,
            body: (body_start, len - FOOTER - body_start),
        })
    }

    /// The records, in ascending id order: (id, JSON line without its
    /// newline). An error names the file.
    pub fn records(&self) -> Result<Lines, Error> {
        let mut f = std::fs::File::open(&self.path).map_err(|e| Error::io(&self.path, e))?;
        f.seek(SeekFrom::Start(self.body.0))
            .map_err(|e| Error::io(&self.path, e))?;
        let zstd = zstd::Decoder::new(f.take(self.body.1)).map_err(|e| Error::io(&self.path, e))?;
        Ok(Lines {
            path: self.path.clone(),
            reader: BufReader::with_capacity(1 << 16, zstd),
            expected: self.documents,
            seen: 0,
            last: None,
        })
    }
}

/// Reads into `buf` until it is full or the reader ends; the bytes read.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut at = 0;
    while at < buf.len() {
        match r.read(&mut buf[at..])? {
            0 => break,
            k => at += k,
        }
    }
    Ok(at)
}

type Body = BufReader<zstd::Decoder<'static, BufReader<io::Take<std::fs::File>>>>;

/// The record lines of one part, checked as they come (ids ascend, each
/// line starts with its id, as many as the footer says).
pub struct Lines {
    path: PathBuf,
    reader: Body,
    expected: u64,
    seen: u64,
    last: Option<DocId>,
}

impl Lines {
    fn corrupt(&self, what: String) -> Error {
        problem(&self.path, PartProblem::Corrupt(what))
    }

    fn next_line(&mut self) -> Result<Option<(DocId, Vec<u8>)>, Error> {
        let mut line = Vec::new();
        let n = self
            .reader
            .read_until(b'\n', &mut line)
            .map_err(|e| self.corrupt(format!("compressed body: {e}")))?;
        if n == 0 {
            if self.seen != self.expected {
                let what = format!(
                    "{} records where the footer says {}",
                    self.seen, self.expected
                );
                return Err(self.corrupt(what));
            }
            return Ok(None);
        }
        if line.pop() != Some(b'\n') {
            return Err(self.corrupt("last record has no newline".into()));
        }
        let Some(id) = record_id(&line) else {
            let what = format!("record {} does not start with its id", self.seen + 1);
            return Err(self.corrupt(what));
        };
        if self.last.is_some_and(|l| l >= id) {
            return Err(self.corrupt(format!("record {id} out of order")));
        }
        self.last = Some(id);
        self.seen += 1;
        Ok(Some((id, line)))
    }
}

impl Iterator for Lines {
    type Item = Result<(DocId, Vec<u8>), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_line().transpose()
    }
}
