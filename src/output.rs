//! Writing output files so that an interrupted run never leaves a truncated
//! graph: every file of a run is first written in full to a hidden
//! temporary file in the target folder (`.graph.dot.<pid>.<n>.tmp`), flushed
//! and synced; only when *all* of them succeeded are they renamed over the
//! targets (a rename within one folder is atomic). On any error the
//! temporaries are removed and the previous outputs stay as they were, so
//! the folder never mixes files of two runs. A run killed with `kill -9`
//! can leave a hidden `.tmp` file behind, never a partial `graph.*`.

use crate::error::Error;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

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
/// the same folder never share a temporary).
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
/// and the temporary to remove.
fn write_temp(
    dir: &Path,
    name: &str,
    write: WriteFn<'_>,
) -> Result<PathBuf, (Option<PathBuf>, io::Error)> {
    let (path, file) = create_temp(dir, name).map_err(|e| (None, e))?;
    let trace = Trace::start();
    let result = (|| {
        let mut w = BufWriter::with_capacity(256 * 1024, file);
        write(&mut w)?;
        w.flush()?;
        w.get_ref().sync_all()
    })();
    if let Some(t) = trace {
        t.report(name, &path);
    }
    match result {
        Ok(()) => Ok(path),
        Err(e) => Err((Some(path), e)),
    }
}

/// Writes every job to a temporary file, then renames them all into place.
/// The jobs run in parallel, one thread each (formats are independent and
/// writing them is a large share of a build). Returns the paths written.
/// On error nothing under the target names has changed (unless a rename
/// itself fails midway, which the error says).
pub fn write_all(dir: &Path, jobs: Vec<Job<'_>>) -> Result<Vec<PathBuf>, Error> {
    let names: Vec<String> = jobs.iter().map(|(n, _)| n.clone()).collect();
    let results: Vec<Result<PathBuf, (Option<PathBuf>, io::Error)>> = std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|(name, write)| s.spawn(move || write_temp(dir, &name, write)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err((None, io::Error::other("writer thread panicked"))))
            })
            .collect()
    });
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

    #[test]
    fn all_or_nothing() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let d = dir.path();
        write_all(d, vec![job("a.txt", "old a"), job("b.txt", "old b")])?;
        let failing: Job<'_> = (
            "b.txt".to_string(),
            Box::new(|w: &mut dyn Write| {
                w.write_all(b"half")?;
                Err(io::Error::other("disk full"))
            }),
        );
        let err = write_all(d, vec![job("a.txt", "new a"), failing]);
        assert!(
            err.as_ref()
                .is_err_and(|e| e.to_string().contains("disk full")),
            "{err:?}"
        );
        assert_eq!(std::fs::read_to_string(d.join("a.txt"))?, "old a");
        assert_eq!(std::fs::read_to_string(d.join("b.txt"))?, "old b");
        assert_eq!(listing(d)?, ["a.txt", "b.txt"]);
        write_all(d, vec![job("a.txt", "new a"), job("b.txt", "new b")])?;
        assert_eq!(std::fs::read_to_string(d.join("b.txt"))?, "new b");
        assert_eq!(listing(d)?, ["a.txt", "b.txt"]);
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
