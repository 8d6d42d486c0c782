//! Crash recovery for the window: the unsaved claims are written to a recovery file in the
//! app's data folder half a second after each change, and the file is removed once nothing
//! is unsaved. Opening a workspace that has one puts the work back (see
//! [`crate::session::Session::restore`]).

use crate::session::{Recovery, Session, read_recovery, recovery_file, write_recovery};
use crate::store::Diagnostic;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long after a change its recovery file is written: typing is not written key by key.
pub const DELAY: Duration = Duration::from_millis(500);

/// The recovery file of the open workspace.
#[derive(Debug, Default)]
pub struct RecoveryJournal {
    /// Where recovery files go; `None`: no crash recovery.
    dir: Option<PathBuf>,
    /// The open workspace's file.
    path: Option<PathBuf>,
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

    /// Switches to the workspace in `root` and returns what an earlier session left there,
    /// if anything. A file that cannot be read is moved aside (never written over) and its
    /// problem returned.
    pub fn open(&mut self, root: &Path) -> Result<Option<Recovery>, Diagnostic> {
        self.path = self.dir.as_deref().map(|dir| recovery_file(dir, root));
        self.written = None;
        self.due = None;
        self.failing = false;
        let Some(path) = &self.path else {
            return Ok(None);
        };
        read_recovery(path).inspect_err(|_| {
            let aside = path.with_extension("ron.unreadable");
            // Kept for a person to look at; the next write must not take its place.
            let _ = std::fs::rename(path, &aside);
        })
    }

    /// Writes the recovery file when a change is due; returns how long until the next look
    /// is needed, if one is, and a problem the first time a write fails.
    pub fn tick(&mut self, session: &Session, now: Instant) -> (Option<Duration>, Option<String>) {
        if self.path.is_none() || self.written == Some(session.generation()) {
            return (None, None);
        }
        let due = *self.due.get_or_insert(now + DELAY);
        if now < due {
            return (Some(due - now), None);
        }
        (None, self.flush(session))
    }

    /// Writes the recovery file now (after a save: removes it when nothing is unsaved).
    pub fn flush(&mut self, session: &Session) -> Option<String> {
        let path = self.path.as_ref()?;
        self.due = None;
        self.written = Some(session.generation());
        match write_recovery(path, &session.recovery()) {
            Ok(()) => {
                self.failing = false;
                None
            }
            Err(e) if !self.failing => {
                self.failing = true;
                Some(format!(
                    "Unsaved changes cannot be kept for crash recovery ({}: {e}); save often",
                    path.display()
                ))
            }
            Err(_) => None,
        }
    }

    /// Removes the recovery file: the reviewer chose to discard the unsaved changes.
    pub fn clear(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
        self.path = None;
    }
}
