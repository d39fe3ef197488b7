//! Writing output files so that an interrupted run never leaves a truncated
//! graph: every file of a run is first written in full to a hidden
//! temporary file in the target folder (`.graph.dot.<pid>.<n>.tmp`), flushed
//! and synced; only when *all* of them succeeded are they renamed over the
//! targets (a rename within one folder is atomic). On any error the
//! temporaries are removed and the previous outputs stay as they were, so
//! the folder never mixes files of two runs. A run killed with `kill -9`
//! can leave a hidden `.tmp` file behind, never a partial `graph.*`; the
//! next run into the folder removes it ([`lock::remove_stale_temps`]).
//!
//! Files are written through a plain [`BufWriter`] by default. With
//! `direct` (`build --direct-io`) they are written in 1 MB chunks with
//! direct I/O where the system allows it, from a thread of their own (see
//! [`DirectWriter`]): graph files are large, written once and not read
//! back by us. docs/tuning.md has what each costs.
//!
//! One run at a time writes into a folder, and the next run removes what a
//! killed one left: [`lock`].

pub mod lock;

use crate::error::Error;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

/// Writes one file's content into a writer.
pub type WriteFn<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + Send + 'a>;

/// A file to write: its name in the output folder and what writes it.
pub type Job<'a> = (String, WriteFn<'a>);

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Creates `dir` if needed and checks that a file can be created in it, so
/// that an unwritable output folder is reported before hours of work.
pub fn prepare_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Input {
        path: dir.to_path_buf(),
        message: format!("cannot create output folder: {e}"),
    })?;
    let (probe, file) = create_temp(dir, "probe").map_err(|e| Error::Input {
        path: dir.to_path_buf(),
        message: format!("cannot write in output folder: {e}"),
    })?;
    drop(file);
    let _ = std::fs::remove_file(probe);
    Ok(())
}

/// A new, unique hidden file in `dir` (create_new, so two runs writing to
/// the same folder never share a temporary). [`lock::stale_temp`] reads
/// these names back: keep the two in step.
fn create_temp(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".{name}.{pid}.{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Writes one job to a new temporary file; returns its path, or the error
/// and the temporary to remove. A name with folders (`csv/nodes.csv`) has
/// its temporary in its own folder, made if missing, so that the rename
/// stays within one folder.
fn write_temp(
    dir: &Path,
    name: &str,
    write: WriteFn<'_>,
    direct: bool,
) -> Result<PathBuf, (Option<PathBuf>, io::Error)> {
    let (folder, name) = match name.rsplit_once('/') {
        Some((sub, file)) => {
            let folder = dir.join(sub);
            std::fs::create_dir_all(&folder).map_err(|e| (None, e))?;
            (folder, file)
        }
        None => (dir.to_path_buf(), name),
    };
    let (path, file) = create_temp(&folder, name).map_err(|e| (None, e))?;
    let trace = Trace::start();
    let result = (|| {
        if direct {
            let mut w = DirectWriter::new(file, &path);
            write(&mut w)?;
            w.finish()?.sync_all()
        } else {
            let mut w = BufWriter::new(file);
            write(&mut w)?;
            w.into_inner()
                .map_err(io::IntoInnerError::into_error)?
                .sync_all()
        }
    })();
    if let Some(t) = trace {
        t.report(name, &path);
    }
    match result {
        Ok(()) => Ok(path),
        Err(e) => Err((Some(path), e)),
    }
}

/// Removes from `folder` the files `ours` recognises that are not in
/// `written`: what an earlier run wrote and this one no longer does (a
/// relation gone from the graph), so that the folder does not mix runs.
/// Other files are left alone. Best effort: a file that cannot be removed
/// is left.
pub fn remove_stale(folder: &Path, written: &[PathBuf], ours: impl Fn(&str) -> bool) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let is_ours = entry.file_name().to_str().is_some_and(&ours);
        if is_ours && !written.contains(&path) && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Writes every job to a temporary file, then renames them all into place.
/// The jobs run in parallel on one thread per core (formats are
/// independent and writing them is a large share of a build), each thread
/// taking the next job in the order given when it is free: put the longest
/// first, so that it has a core to itself while the others share the
/// rest (one thread per job made the longest share a core with the
/// others). Returns the paths written. On error nothing under the target
/// names has changed (unless a rename itself fails midway, which the error
/// says). `direct` writes with direct I/O (see [`DirectWriter`]).
pub fn write_all(dir: &Path, jobs: Vec<Job<'_>>, direct: bool) -> Result<Vec<PathBuf>, Error> {
    let names: Vec<String> = jobs.iter().map(|(n, _)| n.clone()).collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len())
        .max(1);
    let queue = std::sync::Mutex::new(
        jobs.into_iter()
            .enumerate()
            .collect::<std::collections::VecDeque<_>>(),
    );
    type Written = Result<PathBuf, (Option<PathBuf>, io::Error)>;
    let mut done: Vec<Option<Written>> = names.iter().map(|_| None).collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let next = queue
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .pop_front();
                        let Some((i, (name, write))) = next else {
                            break;
                        };
                        out.push((i, write_temp(dir, &name, write, direct)));
                    }
                    out
                })
            })
            .collect();
        for h in handles {
            // A thread that panicked leaves its jobs without a result.
            for (i, r) in h.join().unwrap_or_default() {
                if let Some(slot) = done.get_mut(i) {
                    *slot = Some(r);
                }
            }
        }
    });
    let results: Vec<Written> = done
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err((None, io::Error::other("writer thread panicked")))))
        .collect();
    let temps: Vec<PathBuf> = results
        .iter()
        .filter_map(|r| match r {
            Ok(p) | Err((Some(p), _)) => Some(p.clone()),
            Err((None, _)) => None,
        })
        .collect();
    let mut targets = Vec::new();
    for (name, r) in names.iter().zip(&results) {
        let target = dir.join(name);
        if let Err((_, e)) = r {
            cleanup(&temps);
            return Err(Error::Input {
                path: target,
                message: format!("cannot write: {e}; previous outputs left unchanged"),
            });
        }
        targets.push(target);
    }
    for (i, (tmp, target)) in temps.iter().zip(&targets).enumerate() {
        if let Err(e) = std::fs::rename(tmp, target) {
            cleanup(temps.get(i..).unwrap_or(&[]));
            return Err(Error::Input {
                path: target.clone(),
                message: format!("cannot replace: {e}"),
            });
        }
    }
    sync_dir(dir);
    Ok(targets)
}

/// Writes one file at `path` through a temporary file in its folder,
/// renamed over it only when complete (for single outputs such as
/// predictions files).
pub fn write_one(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let fail = |e: io::Error| Error::Input {
        path: path.to_path_buf(),
        message: format!("cannot write: {e}"),
    };
    let (tmp, file) = create_temp(dir, &name).map_err(fail)?;
    let result = (|| {
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Direct writes are aligned to this many bytes, in memory, in the file
/// and in length: the largest logical block size disks use.
const BLOCK: usize = 4096;
/// Bytes gathered before each write.
const CHUNK: usize = 1 << 20;

/// Writes a new file in large chunks with `O_DIRECT` on Linux: the data
/// goes from our buffer to the disk without a copy into the page cache.
/// Graph files are gigabytes written once; copying them into freshly
/// allocated cache pages cost the writing threads about as much CPU as
/// producing the text (2 s per GB here, against 0.1 s direct). Where the
/// filesystem refuses direct I/O (tmpfs, some network filesystems) it
/// writes through the normal handle instead; the bytes are the same.
///
/// A thread of its own does the writes, so that the format is produced
/// while the disk takes the chunk before: a direct write returns only
/// when the disk has the data, and writing in the producing thread left
/// it waiting a quarter of the time (4 s of 18 at a gigabyte of text).
/// [`CHUNKS`] buffers go round between the two.
///
/// The last, partial block is written padded with zeros and the file is
/// then cut to its length. [`Write::flush`] does nothing (only whole
/// blocks can be written directly): [`DirectWriter::finish`] writes the
/// rest and reports any error of the writes.
struct DirectWriter {
    /// The chunk being filled, and how many bytes it holds.
    chunk: Chunk,
    len: usize,
    /// Chunks allocated so far (at most [`CHUNKS`]).
    made: usize,
    /// How a new chunk is misaligned (tests only: makes the kernel refuse
    /// direct writes).
    skew: usize,
    /// Full chunks to the disk thread, and empty ones back.
    to_disk: Option<mpsc::Sender<(Chunk, usize, bool)>>,
    back: mpsc::Receiver<Chunk>,
    disk: Option<std::thread::JoinHandle<io::Result<File>>>,
}

/// Chunks in flight per file: one filling, one waiting, one being written.
const CHUNKS: usize = 3;

/// `CHUNK + BLOCK` bytes, of which `CHUNK` from `start` are aligned.
struct Chunk {
    storage: Vec<u8>,
    start: usize,
}

impl Chunk {
    fn new(skew: usize) -> Chunk {
        let storage = vec![0u8; CHUNK + BLOCK];
        // Where the aligned chunk starts (a pointer's address, not a read).
        let start = (BLOCK - storage.as_ptr() as usize % BLOCK) % BLOCK + skew;
        Chunk { storage, start }
    }
}

/// The disk thread's side: the two handles and what is written.
struct Disk {
    /// The handle opened with `O_DIRECT`, if the filesystem allows it.
    direct: Option<File>,
    /// The normal handle: fallback writes, the final length, sync.
    file: File,
    /// Bytes of content written to the file so far.
    written: u64,
}

impl Disk {
    /// Writes the first `n` bytes of the chunk (`n` a multiple of
    /// [`BLOCK`] while writing directly), of which `content` are the file's.
    fn write_chunk(&mut self, chunk: &Chunk, n: usize, content: usize) -> io::Result<()> {
        let data = chunk
            .storage
            .get(chunk.start..chunk.start + n)
            .ok_or_else(|| io::Error::other("chunk out of range"))?;
        match &mut self.direct {
            Some(d) => match d.write_all(data) {
                Ok(()) => {}
                // Refused before anything was written (alignment or
                // filesystem): the normal handle, at the same offset 0.
                Err(e) if self.written == 0 && e.kind() == io::ErrorKind::InvalidInput => {
                    self.direct = None;
                    self.file
                        .write_all(data.get(..content).unwrap_or_default())?;
                }
                Err(e) => return Err(e),
            },
            None => self
                .file
                .write_all(data.get(..content).unwrap_or_default())?,
        }
        self.written += content as u64;
        Ok(())
    }

    /// Writes the last `content` bytes, padded to a block when direct.
    fn write_last(&mut self, chunk: &mut Chunk, content: usize) -> io::Result<()> {
        if content == 0 {
            return Ok(());
        }
        let padded = if self.direct.is_some() {
            content.div_ceil(BLOCK) * BLOCK
        } else {
            content
        };
        if let Some(pad) = chunk
            .storage
            .get_mut(chunk.start + content..chunk.start + padded)
        {
            pad.fill(0);
        }
        self.write_chunk(chunk, padded, content)?;
        if padded != content {
            self.file.set_len(self.written)?;
        }
        Ok(())
    }

    /// Writes the chunks as they come, sending each back when written,
    /// until the last; stops at the first error.
    fn run(
        mut self,
        chunks: mpsc::Receiver<(Chunk, usize, bool)>,
        back: mpsc::Sender<Chunk>,
    ) -> io::Result<File> {
        for (mut chunk, content, last) in chunks {
            if last {
                self.write_last(&mut chunk, content)?;
                return Ok(self.file);
            }
            self.write_chunk(&chunk, CHUNK, content)?;
            // The writer may be gone (it stopped on an error of its own).
            let _ = back.send(chunk);
        }
        Err(io::Error::other("the writer stopped before the end"))
    }
}

impl DirectWriter {
    fn new(file: File, path: &Path) -> DirectWriter {
        DirectWriter::start(file, open_direct(path), 0)
    }

    fn start(file: File, direct: Option<File>, skew: usize) -> DirectWriter {
        let (to_disk, chunks) = mpsc::channel();
        let (sent_back, back) = mpsc::channel();
        let disk = Disk {
            direct,
            file,
            written: 0,
        };
        DirectWriter {
            chunk: Chunk::new(skew),
            len: 0,
            made: 1,
            skew,
            to_disk: Some(to_disk),
            back,
            disk: Some(std::thread::spawn(move || disk.run(chunks, sent_back))),
        }
    }

    /// Waits for the disk thread to end and returns what it returned.
    fn join_disk(&mut self) -> io::Result<File> {
        self.to_disk = None;
        match self.disk.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(io::Error::other("the disk writer panicked")),
            None => Err(io::Error::other("the disk writer stopped")),
        }
    }

    /// The disk thread's error, once it has stopped.
    fn disk_error(&mut self) -> io::Error {
        match self.join_disk() {
            Err(e) => e,
            Ok(_) => io::Error::other("the disk writer stopped"),
        }
    }

    /// Hands the full chunk to the disk thread and takes an empty one.
    fn send_full(&mut self) -> io::Result<()> {
        let next = match self.back.try_recv() {
            Ok(c) => c,
            Err(_) if self.made < CHUNKS => {
                self.made += 1;
                Chunk::new(self.skew)
            }
            Err(_) => match self.back.recv() {
                Ok(c) => c,
                Err(_) => return Err(self.disk_error()),
            },
        };
        let full = std::mem::replace(&mut self.chunk, next);
        let sent = self
            .to_disk
            .as_ref()
            .is_some_and(|tx| tx.send((full, CHUNK, false)).is_ok());
        if !sent {
            return Err(self.disk_error());
        }
        self.len = 0;
        Ok(())
    }

    /// Writes what is left and returns the file, complete.
    fn finish(mut self) -> io::Result<File> {
        let last = std::mem::replace(
            &mut self.chunk,
            Chunk {
                storage: Vec::new(),
                start: 0,
            },
        );
        if let Some(tx) = self.to_disk.take() {
            // A send that fails means the thread stopped: its error follows.
            let _ = tx.send((last, self.len, true));
        }
        self.join_disk()
    }
}

impl Drop for DirectWriter {
    /// A writer given up on (its content failed) stops its disk thread
    /// and waits for it, so that no write goes on behind the clean-up.
    fn drop(&mut self) {
        let _ = self.join_disk();
    }
}

impl Write for DirectWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = buf.len().min(CHUNK - self.len);
        let at = self.chunk.start + self.len;
        match (self.chunk.storage.get_mut(at..at + n), buf.get(..n)) {
            (Some(dst), Some(src)) => dst.copy_from_slice(src),
            _ => return Err(io::Error::other("chunk out of range")),
        }
        self.len += n;
        if self.len == CHUNK {
            self.send_full()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A second handle on `path` that bypasses the page cache, where the
/// platform and filesystem allow it.
fn open_direct(path: &Path) -> Option<File> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_DIRECT)
            .open(path)
            .ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = path;
        None
    }
}

/// With `NEWSGRAPH_TRACE` set, how long one file took to write: wall time
/// and the writing thread's own CPU time, which the other writers and
/// other processes on the machine do not inflate (Linux only).
struct Trace {
    wall: std::time::Instant,
    cpu: Option<f64>,
    waited: Option<f64>,
}

impl Trace {
    fn start() -> Option<Trace> {
        std::env::var_os("NEWSGRAPH_TRACE").map(|_| Trace {
            wall: std::time::Instant::now(),
            cpu: thread_cpu_secs(),
            waited: thread_runqueue_secs(),
        })
    }

    fn report(self, name: &str, path: &Path) {
        let secs = self.wall.elapsed().as_secs_f64();
        let since = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => format!("{:.2} s", b - a),
            _ => "?".into(),
        };
        let cpu = since(self.cpu, thread_cpu_secs());
        let waited = since(self.waited, thread_runqueue_secs());
        let mb = std::fs::metadata(path).map_or(0, |m| m.len()) / 1_000_000;
        eprintln!(
            "newsgraph: trace   {name}: {mb} MB in {secs:.2} s, thread cpu {cpu}, \
             waiting for a cpu {waited}"
        );
    }
}

/// Time the calling thread was ready to run but waited for a CPU, from
/// `/proc/thread-self/schedstat` (second field, in nanoseconds).
fn thread_runqueue_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().nth(1)?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// User plus system time of the calling thread, from
/// `/proc/thread-self/stat` (fields 14 and 15, in clock ticks; Linux's are
/// 1/100 s on every mainstream architecture).
fn thread_cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The command name (field 2) may contain spaces: count from its `)`.
    let rest = stat.get(stat.rfind(')')? + 1..)?;
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / 100.0)
}

fn cleanup(temps: &[PathBuf]) {
    for t in temps {
        let _ = std::fs::remove_file(t);
    }
}

/// Makes the renames durable (a crash right after could otherwise lose
/// them on some filesystems). Best effort: not every platform allows it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job<'a>(name: &str, body: &'a str) -> Job<'a> {
        (
            name.to_string(),
            Box::new(move |w: &mut dyn Write| w.write_all(body.as_bytes())),
        )
    }

    fn listing(dir: &Path) -> io::Result<Vec<String>> {
        let mut v: Vec<String> = std::fs::read_dir(dir)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<io::Result<_>>()?;
        v.sort();
        Ok(v)
    }

    /// Buffered (the default) and direct alike.
    #[test]
    fn all_or_nothing() -> Result<(), Box<dyn std::error::Error>> {
        for direct in [false, true] {
            let dir = tempfile::tempdir()?;
            let d = dir.path();
            write_all(
                d,
                vec![job("a.txt", "old a"), job("b.txt", "old b")],
                direct,
            )?;
            let failing: Job<'_> = (
                "b.txt".to_string(),
                Box::new(|w: &mut dyn Write| {
                    w.write_all(b"half")?;
                    Err(io::Error::other("disk full"))
                }),
            );
            let err = write_all(d, vec![job("a.txt", "new a"), failing], direct);
            assert!(
                err.as_ref()
                    .is_err_and(|e| e.to_string().contains("disk full")),
                "{err:?}"
            );
            assert_eq!(std::fs::read_to_string(d.join("a.txt"))?, "old a");
            assert_eq!(std::fs::read_to_string(d.join("b.txt"))?, "old b");
            assert_eq!(listing(d)?, ["a.txt", "b.txt"]);
            write_all(
                d,
                vec![job("a.txt", "new a"), job("b.txt", "new b")],
                direct,
            )?;
            assert_eq!(std::fs::read_to_string(d.join("b.txt"))?, "new b");
            assert_eq!(listing(d)?, ["a.txt", "b.txt"]);
        }
        Ok(())
    }

    /// A name with a folder is written in that folder, made if missing;
    /// a later run removes the files of ours it no longer writes, and
    /// nothing else.
    #[test]
    fn files_in_folders_and_stale_ones() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let d = dir.path();
        write_all(d, vec![job("sub/a.csv", "a"), job("sub/b.csv", "b")], false)?;
        std::fs::write(d.join("sub/notes.txt"), "mine")?;
        assert_eq!(listing(&d.join("sub"))?, ["a.csv", "b.csv", "notes.txt"]);
        let written = write_all(d, vec![job("sub/a.csv", "a2"), job("top.txt", "t")], false)?;
        remove_stale(&d.join("sub"), &written, |n| n.ends_with(".csv"));
        assert_eq!(listing(&d.join("sub"))?, ["a.csv", "notes.txt"]);
        assert_eq!(std::fs::read_to_string(d.join("sub/a.csv"))?, "a2");
        assert_eq!(listing(d)?, ["sub", "top.txt"]);
        Ok(())
    }

    /// Contents of every length around the block and chunk sizes, written
    /// in uneven pieces, read back the same, in the temporary folder and on
    /// the filesystem the tests are built on (where direct I/O may differ).
    #[test]
    fn direct_writes_keep_every_length() -> Result<(), Box<dyn std::error::Error>> {
        let build_dir = std::env::current_exe()?
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(std::env::temp_dir);
        let lengths = [
            0,
            1,
            BLOCK - 1,
            BLOCK,
            BLOCK + 1,
            CHUNK - 1,
            CHUNK,
            CHUNK + 1,
            3 * CHUNK + 4321,
        ];
        for base in [std::env::temp_dir(), build_dir] {
            let dir = tempfile::tempdir_in(base)?;
            for len in lengths {
                let body: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
                // Direct where allowed; never; and refused by the kernel
                // (a misaligned buffer gives EINVAL) on the first write.
                for mode in ["direct", "buffered", "refused"] {
                    let path = dir.path().join(format!("f{len}-{mode}"));
                    let file = File::create(&path)?;
                    let mut w = match mode {
                        "buffered" => DirectWriter::start(file, None, 0),
                        "refused" => DirectWriter::start(file, open_direct(&path), 1),
                        _ => DirectWriter::new(file, &path),
                    };
                    for piece in body.chunks(7919) {
                        w.write_all(piece)?;
                    }
                    w.flush()?;
                    w.finish()?.sync_all()?;
                    assert!(std::fs::read(&path)? == body, "{len} bytes, {mode}");
                }
            }
        }
        Ok(())
    }

    /// A write the disk refuses comes back as an error, from the writes
    /// or from `finish`, and nothing hangs.
    #[test]
    fn a_failed_write_is_reported() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("f");
        std::fs::write(&path, b"")?;
        for len in [10, 5 * CHUNK + 7] {
            // Opened for reading only: every write fails.
            let mut w = DirectWriter::start(File::open(&path)?, None, 0);
            let body = vec![b'x'; len];
            let result = w.write_all(&body).and_then(|()| w.finish().map(|_| ()));
            assert!(result.is_err(), "{len} bytes");
        }
        Ok(())
    }

    #[test]
    fn prepare_dir_creates_and_rejects() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let nested = dir.path().join("x/y");
        prepare_dir(&nested)?;
        assert!(nested.is_dir());
        assert!(listing(&nested)?.is_empty());
        let file = dir.path().join("plain");
        std::fs::write(&file, "")?;
        let err = prepare_dir(&file.join("sub"));
        assert!(err.is_err_and(|e| e.to_string().contains("cannot create output folder")),);
        Ok(())
    }
}
