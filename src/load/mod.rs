//! Loading documents from dirty real-world inputs: files, folders (walked
//! recursively, `*.txt` and `*.jsonl`), JSON Lines files of records and
//! stdin (`-`). Inputs are listed first (paths only, sorted, so messages come
//! in a reproducible order), then read lazily one document at a time by
//! [`Loader`], an iterator, so only the documents being processed are in
//! memory.
//!
//! Nothing here fails the whole run: each problem with one input becomes a
//! [`Notice`] (a one-line message naming the input and what was done) and
//! loading goes on with the rest.

pub mod ahead;
pub mod decode;
pub mod jsonl;

use crate::error::Error;
use crate::model::Document;
use std::collections::{BTreeSet, VecDeque};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Default cap on one document: 10 MiB of text (a long news article is
/// ~50 KB; anything beyond this is a dump, not an article).
pub const DEFAULT_MAX_DOC_BYTES: usize = 10 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Documents longer than this (in UTF-8 bytes) are cut at a sentence
    /// end before the cap, with a notice.
    pub max_doc_bytes: usize,
    /// Read every input file (and stdin) as JSON Lines records, whatever its
    /// extension.
    pub jsonl: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
            jsonl: false,
        }
    }
}

/// Something said about one input.
#[derive(Debug)]
pub struct Notice {
    pub error: Error,
    /// The input (or part of it) was not used: the run is partial.
    pub skipped: bool,
}

impl Notice {
    fn skip(error: Error) -> Self {
        Notice {
            error,
            skipped: true,
        }
    }
    fn info(error: Error) -> Self {
        Notice {
            error,
            skipped: false,
        }
    }
    pub(crate) fn input(path: &Path, message: impl Into<String>, skipped: bool) -> Self {
        Notice {
            error: Error::Input {
                path: path.to_path_buf(),
                message: message.into(),
            },
            skipped,
        }
    }
}

/// An input found by [`list_inputs`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// One document per file.
    Text(PathBuf),
    /// One document per JSON Lines record.
    Jsonl(PathBuf),
    /// Standard input, as one document.
    Stdin,
    /// Standard input, as JSON Lines records.
    StdinJsonl,
}

/// What [`Loader`] yields: a document, or a notice about an input.
#[derive(Debug)]
pub enum Event {
    Document(Document),
    Notice(Notice),
}

/// The inputs found, their total size in bytes (for progress), and the
/// notices raised while looking.
#[derive(Debug, Default)]
pub struct Listing {
    pub inputs: Vec<Input>,
    pub total_bytes: u64,
    pub notices: Vec<Notice>,
}

impl Listing {
    /// True when no path given on the command line exists or could be used.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }
}

fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl") || e.eq_ignore_ascii_case("ndjson"))
}

fn is_text(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// Lists the inputs: files as given (any extension; `.jsonl` and `.ndjson`
/// as records), folders recursively (`*.txt` and `*.jsonl`, hidden entries
/// skipped, symbolic links followed once), `-` for stdin. Sorted and
/// deduplicated; memory is one path per file, so folders of 100,000 files
/// are fine.
pub fn list_inputs(paths: &[PathBuf], options: &LoadOptions) -> Listing {
    let mut listing = Listing::default();
    let mut files: BTreeSet<Input> = BTreeSet::new();
    let mut visited = Visited::default();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin_seen {
                stdin_seen = true;
                listing.inputs.push(if options.jsonl {
                    Input::StdinJsonl
                } else {
                    Input::Stdin
                });
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, options, &mut visited, &mut files, &mut listing, 0),
            Ok(m) => {
                // Named explicitly: read even pipes and devices, so that
                // `newsgraph build <(curl ...)` works.
                listing.total_bytes += m.len();
                files.insert(file_input(path, options));
            }
            Err(e) => listing.notices.push(Notice::skip(link_error(path, e))),
        }
    }
    listing.inputs.extend(files);
    listing
}

fn file_input(path: &Path, options: &LoadOptions) -> Input {
    if options.jsonl || is_jsonl(path) {
        Input::Jsonl(path.to_path_buf())
    } else {
        Input::Text(path.to_path_buf())
    }
}

/// Explains a failed `metadata` on a path, naming broken links and link
/// loops, which the bare OS message does not make obvious.
fn link_error(path: &Path, e: io::Error) -> Error {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    let message = if is_link && e.kind() == io::ErrorKind::NotFound {
        "broken symbolic link (its target does not exist); skipped".to_string()
    } else if is_link && e.raw_os_error() == Some(40) {
        // ELOOP on Linux.
        "symbolic link loop; skipped".to_string()
    } else if e.kind() == io::ErrorKind::NotFound {
        "no such file or folder".to_string()
    } else {
        format!("{e}; skipped")
    };
    Error::Input {
        path: path.to_path_buf(),
        message,
    }
}

/// Folders already walked, by device and inode, so that a link to a parent
/// folder does not recurse forever.
#[derive(Default)]
struct Visited {
    #[cfg(unix)]
    seen: std::collections::HashSet<(u64, u64)>,
}

impl Visited {
    #[cfg(unix)]
    fn first_visit(&mut self, m: &std::fs::Metadata) -> bool {
        use std::os::unix::fs::MetadataExt;
        self.seen.insert((m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    fn first_visit(&mut self, _m: &std::fs::Metadata) -> bool {
        true
    }
}

/// Deeper than this is taken for a cycle the inode check cannot see (on
/// systems without inodes).
const MAX_DEPTH: usize = 256;

fn walk(
    dir: &Path,
    options: &LoadOptions,
    visited: &mut Visited,
    files: &mut BTreeSet<Input>,
    listing: &mut Listing,
    depth: usize,
) {
    match std::fs::metadata(dir) {
        Ok(m) if !visited.first_visit(&m) => {
            listing.notices.push(Notice::info(Error::Input {
                path: dir.to_path_buf(),
                message: "folder already read (linked twice or a link cycle); not read again"
                    .into(),
            }));
            return;
        }
        _ if depth > MAX_DEPTH => {
            listing.notices.push(Notice::skip(Error::Input {
                path: dir.to_path_buf(),
                message: format!("more than {MAX_DEPTH} folders deep; skipped"),
            }));
            return;
        }
        _ => {}
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            listing.notices.push(Notice::skip(Error::Input {
                path: dir.to_path_buf(),
                message: format!("cannot read folder: {e}; skipped"),
            }));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                listing.notices.push(Notice::skip(Error::io(dir, e)));
                continue;
            }
        };
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, options, visited, files, listing, depth + 1),
            Ok(m) if is_text(&path) || is_jsonl(&path) => {
                if m.is_file() {
                    listing.total_bytes += m.len();
                    files.insert(file_input(&path, options));
                } else {
                    // A pipe or device inside a folder would block or never
                    // end: only regular files are read from folders.
                    listing.notices.push(Notice::input(
                        &path,
                        "not a regular file (pipe, socket or device); skipped",
                        true,
                    ));
                }
            }
            Ok(_) => {}
            Err(e) if is_text(&path) || is_jsonl(&path) => {
                listing.notices.push(Notice::skip(link_error(&path, e)));
            }
            Err(e) => {
                // A broken link with another extension would not have been
                // read anyway; a loop is still worth a word.
                if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
                    && e.raw_os_error() == Some(40)
                {
                    listing.notices.push(Notice::info(link_error(&path, e)));
                }
            }
        }
    }
}

/// Reads at most `cap + 1` bytes (so the caller knows if there was more),
/// without ever holding more than that in memory. `size` is the expected
/// length, if known: room for it is made at once, so that a file is read
/// in one call and a second that finds its end (growing the buffer from
/// nothing took eight or nine reads for a typical article).
fn read_capped(mut r: impl Read, cap: usize, size: Option<u64>) -> io::Result<(Vec<u8>, bool)> {
    // Not trusted beyond 64 MB: a size is a hint (the file may shrink).
    let room = size.map_or(0, |n| {
        usize::try_from(n)
            .unwrap_or(usize::MAX)
            .min(cap)
            .min(1 << 26)
    });
    let mut buf = Vec::with_capacity(room.saturating_add(1));
    let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
    r.by_ref().take(limit).read_to_end(&mut buf)?;
    let had_more = buf.len() > cap;
    buf.truncate(cap);
    Ok((buf, had_more))
}

/// Turns raw bytes into a document, or the notices saying why not.
fn document_from_bytes(
    origin: &Path,
    bytes: &[u8],
    had_more: bool,
    options: &LoadOptions,
    out: &mut VecDeque<Event>,
) {
    match decode::decode(bytes, options.max_doc_bytes, had_more) {
        Ok(d) => {
            if !d.notes.is_empty() {
                out.push_back(Event::Notice(Notice::input(
                    origin,
                    d.notes.join("; "),
                    d.truncated,
                )));
            }
            out.push_back(Event::Document(Document::new(
                origin.display().to_string(),
                d.text,
            )));
        }
        Err(refusal) => out.push_back(Event::Notice(Notice::input(
            origin,
            refusal.to_string(),
            true,
        ))),
    }
}

/// Reads one text file (capped) as a document, with any notices.
pub fn read_text(path: &Path, options: &LoadOptions) -> Vec<Event> {
    let mut out = VecDeque::new();
    let read = |f: File| {
        let size = f.metadata().ok().map(|m| m.len());
        read_capped(f, options.max_doc_bytes, size)
    };
    match File::open(path).and_then(read) {
        Ok((bytes, had_more)) => document_from_bytes(path, &bytes, had_more, options, &mut out),
        Err(e) => out.push_back(Event::Notice(Notice::input(
            path,
            format!("cannot read: {e}; skipped"),
            true,
        ))),
    }
    out.into()
}

/// Reads one file as a document (kept for callers that want a `Result`):
/// notices that leave a usable document are dropped.
pub fn read_file(path: &Path) -> Result<Document, Error> {
    let mut notice = None;
    for ev in read_text(path, &LoadOptions::default()) {
        match ev {
            Event::Document(d) => return Ok(d),
            Event::Notice(n) => notice = Some(n.error),
        }
    }
    Err(notice.unwrap_or_else(|| Error::Input {
        path: path.to_path_buf(),
        message: "no document".into(),
    }))
}

/// The lazy document source: yields documents (and notices) one input, or
/// one JSON Lines record, at a time.
pub struct Loader {
    options: LoadOptions,
    inputs: std::vec::IntoIter<Input>,
    pending: VecDeque<Event>,
    records: Option<jsonl::Records>,
}

impl Loader {
    pub fn new(listing_inputs: Vec<Input>, options: LoadOptions) -> Self {
        Loader {
            options,
            inputs: listing_inputs.into_iter(),
            pending: VecDeque::new(),
            records: None,
        }
    }

    fn open(&mut self, input: Input) {
        match input {
            Input::Text(path) => self.pending.extend(read_text(&path, &self.options)),
            Input::Jsonl(path) => match File::open(&path) {
                Ok(f) => {
                    self.records = Some(jsonl::Records::new(
                        path,
                        Box::new(f),
                        self.options.max_doc_bytes,
                    ));
                }
                Err(e) => self.pending.push_back(Event::Notice(Notice::input(
                    &path,
                    format!("cannot read: {e}; skipped"),
                    true,
                ))),
            },
            Input::Stdin => {
                let path = Path::new("<stdin>");
                match read_capped(io::stdin().lock(), self.options.max_doc_bytes, None) {
                    Ok((bytes, more)) => {
                        document_from_bytes(path, &bytes, more, &self.options, &mut self.pending)
                    }
                    Err(e) => self.pending.push_back(Event::Notice(Notice::input(
                        path,
                        format!("cannot read: {e}; skipped"),
                        true,
                    ))),
                }
            }
            Input::StdinJsonl => {
                self.records = Some(jsonl::Records::new(
                    PathBuf::from("<stdin>"),
                    Box::new(io::stdin()),
                    self.options.max_doc_bytes,
                ));
            }
        }
    }
}

impl Iterator for Loader {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(ev) = self.pending.pop_front() {
                return Some(ev);
            }
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(ev) => return Some(ev),
                    None => self.records = None,
                }
                continue;
            }
            let input = self.inputs.next()?;
            self.open(input);
        }
    }
}

/// The files [`list_inputs`] finds (text and JSON Lines), sorted, and the
/// notices raised while looking; stdin is left out. For callers that read
/// files one by one with [`read_file`].
pub fn list_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Notice>) {
    let listing = list_inputs(paths, &LoadOptions::default());
    let files = listing
        .inputs
        .into_iter()
        .filter_map(|i| match i {
            Input::Text(p) | Input::Jsonl(p) => Some(p),
            Input::Stdin | Input::StdinJsonl => None,
        })
        .collect();
    (files, listing.notices)
}

/// Lists and loads every input eagerly (for tests and small corpora).
pub fn load_all(paths: &[PathBuf], options: &LoadOptions) -> (Vec<Document>, Vec<Notice>) {
    let listing = list_inputs(paths, options);
    let mut notices = listing.notices;
    let mut docs = Vec::new();
    for ev in Loader::new(listing.inputs, options.clone()) {
        match ev {
            Event::Document(d) => docs.push(d),
            Event::Notice(n) => notices.push(n),
        }
    }
    (docs, notices)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(notices: &[Notice]) -> Vec<String> {
        notices.iter().map(|n| n.error.to_string()).collect()
    }

    #[test]
    fn folders_are_walked_sorted_and_other_files_ignored() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let d = dir.path();
        std::fs::create_dir(d.join("sub"))?;
        std::fs::write(d.join("b.txt"), "Bea Lind spoke in Oslo.")?;
        std::fs::write(d.join("sub/a.txt"), "Ana Ruiz flew to Lima.")?;
        std::fs::write(d.join("photo.jpg"), [0xFF, 0xD8, 0xFF])?;
        std::fs::write(d.join(".hidden.txt"), "Not read.")?;
        let (docs, notices) = load_all(&[d.to_path_buf()], &LoadOptions::default());
        assert!(notices.is_empty(), "{:?}", messages(&notices));
        let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["Bea Lind spoke in Oslo.", "Ana Ruiz flew to Lima."]);
        Ok(())
    }

    #[cfg(unix)]
    #[test]
    fn broken_links_loops_and_cycles_are_reported_not_followed() -> io::Result<()> {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir()?;
        let d = dir.path();
        std::fs::write(d.join("ok.txt"), "Kofi Mensah won.")?;
        symlink(d.join("missing.txt"), d.join("broken.txt"))?;
        symlink(d.join("loop2.txt"), d.join("loop1.txt"))?;
        symlink(d.join("loop1.txt"), d.join("loop2.txt"))?;
        symlink(d, d.join("parent"))?;
        let (docs, notices) = load_all(&[d.to_path_buf()], &LoadOptions::default());
        assert_eq!(docs.len(), 1);
        let msgs = messages(&notices).join("\n");
        assert!(msgs.contains("broken.txt: broken symbolic link"), "{msgs}");
        assert!(msgs.contains("loop1.txt: symbolic link loop"), "{msgs}");
        assert!(msgs.contains("parent: folder already read"), "{msgs}");
        Ok(())
    }

    #[test]
    fn missing_path_is_a_notice() {
        let listing = list_inputs(
            &[PathBuf::from("/no/such/newsgraph/input")],
            &LoadOptions::default(),
        );
        assert!(listing.is_empty());
        assert_eq!(
            messages(&listing.notices),
            ["/no/such/newsgraph/input: no such file or folder"]
        );
    }

    #[test]
    fn read_capped_reports_more() -> io::Result<()> {
        assert_eq!(
            read_capped(&b"abcdef"[..], 4, None)?,
            (b"abcd".to_vec(), true)
        );
        assert_eq!(
            read_capped(&b"abcd"[..], 4, None)?,
            (b"abcd".to_vec(), false)
        );
        // A size that is wrong (the file changed) changes nothing but speed.
        for size in [0, 2, 4, 6, 100, u64::MAX] {
            assert_eq!(
                read_capped(&b"abcdef"[..], 4, Some(size))?,
                (b"abcd".to_vec(), true)
            );
            assert_eq!(
                read_capped(&b"abc"[..], 4, Some(size))?,
                (b"abc".to_vec(), false)
            );
        }
        Ok(())
    }
}
