//! Crash recovery for the window: the unsaved claims are written to a recovery file in the
//! app's data folder half a second after each change, and the file is removed once nothing
//! is unsaved. Opening a workspace that has one left by a window that is gone puts the work
//! back (see [`crate::session::Session::restore`]).
//!
//! Each window has its own file, `KEY-PID-N.ron` (KEY names the workspace), and holds a lock
//! on `KEY-PID-N.lock` while it runs. The lock, not the process id, tells a live window from a
//! dead one: the system releases it when the process dies, however it dies, and a reused
//! process id cannot fool it. A second window on the same workspace leaves the first one's
//! file alone.

use crate::session::{Recovery, Session, read_recovery, recovery_key, write_recovery};
use crate::store::Diagnostic;
use std::fs::{self, File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Workspaces opened by this process so far, to name each one's recovery file.
static OPENED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How long after a change its recovery file is written: typing is not written key by key.
pub const DELAY: Duration = Duration::from_millis(500);

/// Work a window that is gone left for a workspace.
#[derive(Debug)]
pub struct Left {
    /// Its recovery file.
    pub path: PathBuf,
    /// What it holds, or why it cannot be read.
    pub recovery: Result<Recovery, Diagnostic>,
    /// Held until the work is taken over, so that two windows opening at once do not both
    /// take it.
    _lock: File,
}

/// What opening a workspace found in the recovery folder.
#[derive(Debug, Default)]
pub struct Found {
    /// Work left by windows that are gone.
    pub left: Vec<Left>,
    /// Windows still running on this workspace with unsaved work of their own.
    pub live: usize,
}

/// The recovery file of this window's open workspace.
#[derive(Debug, Default)]
pub struct RecoveryJournal {
    /// Where recovery files go; `None`: no crash recovery.
    dir: Option<PathBuf>,
    /// This window's file for the open workspace, and the lock that says the window runs.
    own: Option<(PathBuf, File, PathBuf)>,
    /// The session generation last written.
    written: Option<u64>,
    /// When the next write is due.
    due: Option<Instant>,
    /// A write failed: said once, not every half second.
    failing: bool,
}

impl RecoveryJournal {
    /// Recovery files in `dir` (`None`: none at all).
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            ..Self::default()
        }
    }

    /// Switches to the workspace in `root`: takes this window's lock for it and returns the
    /// work windows that are gone left there. An error says why crash recovery is off.
    pub fn open(&mut self, root: &Path) -> Result<Found, String> {
        self.close();
        self.written = None;
        self.due = None;
        self.failing = false;
        let Some(dir) = self.dir.clone() else {
            return Ok(Found::default());
        };
        let key = recovery_key(root);
        // Unique among the windows (and workspaces opened) of every process that runs.
        let name = format!(
            "{key}-{}-{}",
            std::process::id(),
            OPENED.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        );
        let own = dir.join(format!("{name}.ron"));
        let own_lock = dir.join(format!("{name}.lock"));
        let lock = fs::create_dir_all(&dir)
            .and_then(|()| File::create(&own_lock))
            .and_then(|file| file.try_lock().map(|()| file).map_err(io_error))
            .map_err(|e| {
                format!(
                    "Unsaved changes are not kept for crash recovery ({}: {e}); save often",
                    own_lock.display()
                )
            })?;
        self.own = Some((own.clone(), lock, own_lock));
        let mut found = Found::default();
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(found);
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                // KEY.ron is what the first version of crash recovery wrote.
                let ours = p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    n.starts_with(&format!("{key}-")) || n == format!("{key}.ron")
                });
                p != &own && ours
            })
            .collect();
        paths.sort();
        for path in paths {
            if path.extension().is_some_and(|x| x == "lock") {
                // The lock of a window that is gone and left nothing: tidied away.
                if !path.with_extension("ron").exists()
                    && File::open(&path).is_ok_and(|f| f.try_lock().is_ok())
                {
                    let _ = fs::remove_file(&path);
                }
                continue;
            }
            if path.extension().is_none_or(|x| x != "ron") {
                continue;
            }
            let Ok(lock) = File::create(path.with_extension("lock")) else {
                continue;
            };
            match lock.try_lock() {
                Ok(()) => found.left.push(Left {
                    recovery: read_recovery(&path)
                        .and_then(|r| r.ok_or_else(|| Diagnostic::error(&path, (1, 1), "gone"))),
                    path,
                    _lock: lock,
                }),
                Err(TryLockError::WouldBlock) => found.live += 1,
                Err(TryLockError::Error(_)) => {}
            }
        }
        Ok(found)
    }

    /// Done with work a gone window left: its file is removed, or, when not all of it could
    /// be put back, set aside beside it (`.ron.unrestored`) for a person to look at.
    /// Returns where it was set aside.
    pub fn finish(&mut self, left: Left, all_taken: bool) -> Option<PathBuf> {
        let lock = left.path.with_extension("lock");
        let aside = (!all_taken).then(|| left.path.with_extension("ron.unrestored"));
        let _ = match &aside {
            Some(aside) => fs::rename(&left.path, aside),
            None => fs::remove_file(&left.path),
        };
        drop(left);
        let _ = fs::remove_file(lock);
        aside
    }

    /// Writes the recovery file when a change is due; returns how long until the next look
    /// is needed, if one is, and a problem the first time a write fails.
    pub fn tick(&mut self, session: &Session, now: Instant) -> (Option<Duration>, Option<String>) {
        if self.own.is_none() || self.written == Some(session.generation()) {
            return (None, None);
        }
        let due = *self.due.get_or_insert(now + DELAY);
        if now < due {
            return (Some(due - now), None);
        }
        (None, self.flush(session))
    }

    /// Writes the recovery file now (when nothing is unsaved: removes it); a problem is told
    /// the first time in a row a write fails.
    pub fn flush(&mut self, session: &Session) -> Option<String> {
        match self.write(session) {
            Ok(()) => {
                self.failing = false;
                None
            }
            Err(e) if !self.failing => {
                self.failing = true;
                Some(e)
            }
            Err(_) => None,
        }
    }

    /// Writes the recovery file now: `Ok` once the unsaved work is safe in it (or there is
    /// no crash recovery, or nothing unsaved).
    pub fn write(&mut self, session: &Session) -> Result<(), String> {
        let Some((path, _, _)) = self.own.as_ref() else {
            return Ok(());
        };
        self.due = None;
        self.written = Some(session.generation());
        write_recovery(path, &session.recovery()).map_err(|e| {
            format!(
                "Unsaved changes cannot be kept for crash recovery ({}: {e}); save often",
                path.display()
            )
        })
    }

    /// Removes this window's recovery file: the reviewer chose to discard the unsaved
    /// changes.
    pub fn clear(&mut self) {
        if let Some((path, _, _)) = &self.own {
            let _ = fs::remove_file(path);
        }
        self.close();
    }

    /// Lets go of the workspace: the lock is released and its file removed (the recovery
    /// file itself stays if it holds anything).
    pub fn close(&mut self) {
        if let Some((_, lock, lock_path)) = self.own.take() {
            drop(lock);
            let _ = fs::remove_file(lock_path);
        }
    }
}

fn io_error(e: TryLockError) -> std::io::Error {
    match e {
        TryLockError::Error(e) => e,
        TryLockError::WouldBlock => std::io::Error::other("locked by another window"),
    }
}
