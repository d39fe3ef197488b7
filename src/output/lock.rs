//! One run at a time per output folder, and what killed runs left behind.
//!
//! A run holds an exclusive advisory lock (`flock` on Unix, `LockFileEx`
//! on Windows, through fs4) on `DIR/.newsgraph.lock` from before it writes
//! anything until it ends; a second run into the same folder waits for it,
//! or fails at once when asked not to wait. The system drops the lock when
//! its process dies, however it dies, so a run that holds it knows that
//! no other (live) run is writing into the folder: every temporary file
//! of ours there that another process made ([`stale_temp`]) was left by a
//! dead run, and is removed ([`remove_stale_temps`]).
//!
//! The lock file is removed when the run ends, so the folder holds only the
//! graph files between runs. Removing a lock file races with a run that
//! opened it and waits: that run would then lock a file no longer in the
//! folder while a third one locks a new one. So a run that gets the lock
//! checks that the file it locked is still the one at the path (same
//! device and inode), and starts again if not.

use crate::error::Error;
use fs4::FileExt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};

/// The lock file's name in an output folder.
pub const LOCK_FILE: &str = ".newsgraph.lock";

/// The folder is ours while this lives; dropping it removes the lock file
/// and lets the next run in.
#[derive(Debug)]
pub struct FolderLock {
    /// The locked file and its path; `None` where the filesystem has no
    /// locks (the run then goes on unlocked, as it was told).
    held: Option<(File, PathBuf)>,
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        if let Some((file, path)) = self.held.take() {
            // Removed while still locked (see the module doc), then closed,
            // which releases the lock.
            let _ = std::fs::remove_file(&path);
            drop(file);
        }
    }
}

/// How [`lock_folder`] went, for the caller to tell the user.
#[derive(Debug)]
pub enum LockNote {
    /// Another run holds the folder; this one waits (process id if known).
    Waiting(Option<u32>),
    /// The filesystem refused to lock: the run goes on without the lock.
    Unlocked(io::Error),
}

/// Takes the folder's lock. Another run holding it: with `wait`, tells
/// `note` and blocks until it ends; without, fails with [`Error::Busy`].
/// A filesystem without locks (some network filesystems) is told to
/// `note` and the run goes on unlocked.
pub fn lock_folder(
    dir: &Path,
    wait: bool,
    note: &mut dyn FnMut(LockNote),
) -> Result<FolderLock, Error> {
    let path = dir.join(LOCK_FILE);
    let fail = |e: io::Error| Error::Input {
        path: path.clone(),
        message: format!("cannot make the output folder's lock file: {e}"),
    };
    let mut told = false;
    loop {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(fail)?;
        match FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => {
                if !wait {
                    return Err(Error::Busy {
                        dir: dir.to_path_buf(),
                        holder: holder(&file),
                    });
                }
                if !told {
                    note(LockNote::Waiting(holder(&file)));
                    told = true;
                }
                if let Err(e) = FileExt::lock(&file) {
                    note(LockNote::Unlocked(e));
                    return Ok(FolderLock { held: None });
                }
            }
            Err(fs4::TryLockError::Error(e)) => {
                note(LockNote::Unlocked(e));
                return Ok(FolderLock { held: None });
            }
        }
        if !same_file(&file, &path) {
            // The run before removed it as we waited: lock the new one.
            continue;
        }
        write_pid(&file);
        return Ok(FolderLock {
            held: Some((file, path)),
        });
    }
}

/// The process id the lock's holder wrote in it, if readable.
fn holder(mut file: &File) -> Option<u32> {
    let mut s = String::new();
    file.read_to_string(&mut s).ok()?;
    s.trim().parse().ok()
}

/// Our process id in the lock file, for a waiting run to name us. Best
/// effort: the lock works without it.
fn write_pid(mut file: &File) {
    let _ = file
        .set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| writeln!(file, "{}", std::process::id()));
}

/// True when `path` still names the open `file` (not removed, not
/// replaced by another run's).
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Windows does not remove a file that is open, so the path is the file.
#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// The process id in a temporary file name of ours,
/// `.<name>.<pid>.<n>.tmp` (as `create_temp` makes them), or `None` for
/// any other name.
pub fn stale_temp(file_name: &str) -> Option<u32> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = inner.rsplitn(3, '.');
    let n = parts.next()?;
    let pid = parts.next()?;
    let name = parts.next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if name.is_empty() || !digits(n) || !digits(pid) {
        return None;
    }
    pid.parse().ok()
}

/// Removes from each of `folders` the temporary files of ours that another
/// process made: call it only while holding the folder's lock, which
/// proves that process dead (see the module doc). Returns the paths
/// removed; one that cannot be removed is left (and not returned).
pub fn remove_stale_temps(folders: &[PathBuf]) -> Vec<PathBuf> {
    let me = std::process::id();
    let mut removed = Vec::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .and_then(stale_temp)
                    .is_some_and(|pid| pid != me)
            })
            .map(|e| e.path())
            .collect();
        // Reported in a stable order.
        found.sort();
        for path in found {
            if std::fs::remove_file(&path).is_ok() {
                removed.push(path);
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_recognised_and_nothing_else() {
        assert_eq!(stale_temp(".graph.dot.4242.0.tmp"), Some(4242));
        assert_eq!(stale_temp(".nodes_person.csv.17.3.tmp"), Some(17));
        assert_eq!(stale_temp(".probe.9.12.tmp"), Some(9));
        for other in [
            "graph.dot",
            ".graph.dot.tmp",
            ".graph.dot.x.1.tmp",
            ".graph.dot.1.x.tmp",
            "graph.dot.1.2.tmp",
            "..1.2.tmp",
            ".1.2.tmp",
            ".graph.dot.1.2.tmp.bak",
            ".graph.dot.99999999999.2.tmp",
        ] {
            assert_eq!(stale_temp(other), None, "{other}");
        }
    }

    #[test]
    fn stale_temps_of_others_go_ours_and_foreign_files_stay()
    -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let d = dir.path();
        let mine = format!(".graph.dot.{}.0.tmp", std::process::id());
        for name in [
            ".graph.dot.1.0.tmp",
            mine.as_str(),
            "notes.tmp",
            "graph.dot",
        ] {
            std::fs::write(d.join(name), "x")?;
        }
        let removed = remove_stale_temps(&[d.to_path_buf(), d.join("missing")]);
        assert_eq!(removed, [d.join(".graph.dot.1.0.tmp")]);
        let mut left: Vec<String> = std::fs::read_dir(d)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<io::Result<_>>()?;
        left.sort();
        assert_eq!(left, [mine.as_str(), "graph.dot", "notes.tmp"]);
        Ok(())
    }

    /// A second lock on the folder fails while the first is held (flock
    /// locks are per open file, so this holds within one process too),
    /// and succeeds once it is dropped; the lock file goes with it.
    #[test]
    fn one_lock_at_a_time() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let d = dir.path();
        let mut notes = Vec::new();
        let first = lock_folder(d, false, &mut |n| notes.push(format!("{n:?}")))?;
        assert!(d.join(LOCK_FILE).exists());
        let second = lock_folder(d, false, &mut |n| notes.push(format!("{n:?}")));
        match second {
            Err(Error::Busy { holder, .. }) => assert_eq!(holder, Some(std::process::id())),
            other => panic!("expected busy, got {other:?}"),
        }
        drop(first);
        assert!(!d.join(LOCK_FILE).exists());
        let third = lock_folder(d, false, &mut |n| notes.push(format!("{n:?}")))?;
        drop(third);
        assert!(notes.is_empty(), "{notes:?}");
        Ok(())
    }

    /// A waiting lock gets the folder when the holder lets go, after
    /// saying that it waits.
    #[test]
    fn a_waiting_lock_gets_in_after_the_holder() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let d = dir.path().to_path_buf();
        let first = lock_folder(&d, false, &mut |_| {})?;
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let mut waited = false;
            let got = lock_folder(&d, true, &mut |n| {
                waited = matches!(n, LockNote::Waiting(Some(_)));
                let _ = tx.send(());
            });
            (got.is_ok(), waited)
        });
        // The waiter has said it waits before the holder lets go.
        rx.recv_timeout(std::time::Duration::from_secs(20))?;
        drop(first);
        let (got, waited) = waiter.join().map_err(|_| "waiter panicked")?;
        assert!(got && waited);
        Ok(())
    }
}
