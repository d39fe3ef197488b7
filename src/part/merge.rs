//! The records of several parts as one stream in ascending id order, each
//! document once: a k-way merge of the parts' sorted records, each part
//! read (decompressed and, when asked, parsed) by a thread of its own a few
//! batches ahead.

use super::format::PartReader;
use crate::error::{Error, PartProblem};
use crate::model::{DocId, DocResult};
use std::sync::mpsc::{Receiver, sync_channel};

/// One document's record.
pub struct Record {
    pub id: DocId,
    /// The JSON line, without its newline.
    pub line: Vec<u8>,
    /// The line parsed, when the stream was asked to parse.
    pub result: Option<DocResult>,
}

/// Records handed over at once, and batches read ahead per part: a few
/// hundred kilobytes per part in flight.
const BATCH: usize = 16;
const AHEAD: usize = 2;

type Batch = Result<Vec<Record>, Error>;

/// One part's batches as they come from its reader thread.
struct Source {
    rx: Receiver<Batch>,
    batch: std::vec::IntoIter<Record>,
    head: Option<Record>,
}

impl Source {
    /// Moves the next record into `head` (None at the end).
    fn advance(&mut self) -> Result<(), Error> {
        loop {
            if let Some(r) = self.batch.next() {
                self.head = Some(r);
                return Ok(());
            }
            match self.rx.recv() {
                Ok(batch) => self.batch = batch?.into_iter(),
                // The thread is done (it sends an error before ending on one).
                Err(_) => {
                    self.head = None;
                    return Ok(());
                }
            }
        }
    }
}

/// The merged stream; see [`merged`].
pub struct MergedRecords {
    sources: Vec<Source>,
    started: bool,
}

/// Streams the records of `parts` merged: ascending ids, each document
/// once. When two parts hold the same document, the smaller record (by
/// bytes) is kept, so the choice does not depend on the order of the parts;
/// records of one document are the same unless its metadata differs.
pub fn merged(parts: &[PartReader], parse: bool) -> Result<MergedRecords, Error> {
    let mut sources = Vec::with_capacity(parts.len());
    for part in parts {
        let mut lines = part.records()?;
        let path = part.path.clone();
        let (tx, rx) = sync_channel::<Batch>(AHEAD);
        std::thread::spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            loop {
                let next = match lines.next() {
                    None => break,
                    Some(Err(e)) => Err(e),
                    Some(Ok((id, line))) => read(&path, id, line, parse),
                };
                match next {
                    Ok(r) => batch.push(r),
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
                if batch.len() == BATCH {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                    if tx.send(Ok(full)).is_err() {
                        // The stream was dropped: nobody reads on.
                        return;
                    }
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(Ok(batch));
            }
        });
        sources.push(Source {
            rx,
            batch: Vec::new().into_iter(),
            head: None,
        });
    }
    Ok(MergedRecords {
        sources,
        started: false,
    })
}

fn read(path: &std::path::Path, id: DocId, line: Vec<u8>, parse: bool) -> Result<Record, Error> {
    let result = if parse {
        let r: DocResult = super::record::from_line(&line).map_err(|e| Error::Part {
            path: path.to_path_buf(),
            problem: PartProblem::Corrupt(format!("record {id}: {e}")),
        })?;
        if r.id != id {
            return Err(Error::Part {
                path: path.to_path_buf(),
                problem: PartProblem::Corrupt(format!("record {id} holds document {}", r.id)),
            });
        }
        Some(r)
    } else {
        None
    };
    Ok(Record { id, line, result })
}

impl MergedRecords {
    fn next_record(&mut self) -> Result<Option<Record>, Error> {
        if !self.started {
            self.started = true;
            for s in &mut self.sources {
                s.advance()?;
            }
        }
        // Few parts are merged at once (hierarchically beyond that): a scan
        // for the smallest head costs less than keeping a heap.
        let mut best: Option<usize> = None;
        for (i, s) in self.sources.iter().enumerate() {
            let Some(h) = &s.head else { continue };
            let better = match best.and_then(|b| self.sources[b].head.as_ref()) {
                None => true,
                Some(b) => (h.id, &h.line) < (b.id, &b.line),
            };
            if better {
                best = Some(i);
            }
        }
        let Some(b) = best else { return Ok(None) };
        let Some(record) = self.sources[b].head.take() else {
            return Ok(None);
        };
        self.sources[b].advance()?;
        // The same document in other parts: already given.
        for s in &mut self.sources {
            while s.head.as_ref().is_some_and(|h| h.id == record.id) {
                s.advance()?;
            }
        }
        Ok(Some(record))
    }
}

impl Iterator for MergedRecords {
    type Item = Result<Record, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_record().transpose()
    }
}
