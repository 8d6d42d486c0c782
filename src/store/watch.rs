//! Watching a workspace folder for files someone else changes while it is open (a `git pull`,
//! a colleague on a shared folder, a text editor), so the window can take them in.

use super::{MANIFEST_FILE, reload::claim_stem};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What changed in the folder since the last [`FolderWatcher::settled`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// The stems of the claim files created, changed or deleted, sorted.
    pub stems: Vec<String>,
    /// `workspace.ron` changed.
    pub manifest: bool,
    /// Events were lost (the watcher overflowed or failed): look at every file.
    pub everything: bool,
}

/// Watches one folder (not its subfolders: claim files live at the top).
pub struct FolderWatcher {
    root: PathBuf,
    // Kept for its drop, which stops the watching.
    _watcher: RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<Event>>,
    pending: Changes,
    stems: BTreeSet<String>,
    last_event: Option<Instant>,
}

impl std::fmt::Debug for FolderWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderWatcher")
            .field("root", &self.root)
            .finish_non_exhaustive()
    }
}

impl FolderWatcher {
    /// Starts watching `root`. `wake` runs on the watcher's thread after each event, so that
    /// a window that sleeps between frames comes back to look.
    pub fn new(root: &Path, wake: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let (tx, events) = mpsc::channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when the watcher is being dropped.
            let _ = tx.send(event);
            wake();
        })?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        Ok(Self {
            root: root.to_path_buf(),
            _watcher: watcher,
            events,
            pending: Changes::default(),
            stems: BTreeSet::new(),
            last_event: None,
        })
    }

    /// The folder watched.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What changed, once no event has come for `quiet` (a `git checkout` or an editor's save
    /// is a burst of events; a file half-written is not read). `None` while events are still
    /// coming, or when nothing changed.
    pub fn settled(&mut self, now: Instant, quiet: Duration) -> Option<Changes> {
        while let Ok(event) = self.events.try_recv() {
            self.note(event);
            self.last_event = Some(now);
        }
        let last = self.last_event?;
        if now.duration_since(last) < quiet {
            return None;
        }
        self.last_event = None;
        let mut changes = std::mem::take(&mut self.pending);
        changes.stems = std::mem::take(&mut self.stems).into_iter().collect();
        (changes != Changes::default()).then_some(changes)
    }

    /// True when events came in that [`FolderWatcher::settled`] has not yet given out.
    pub fn is_settling(&self) -> bool {
        self.last_event.is_some()
    }

    fn note(&mut self, event: notify::Result<Event>) {
        let event = match event {
            Ok(event) => event,
            Err(_) => {
                self.pending.everything = true;
                return;
            }
        };
        if event.need_rescan() {
            self.pending.everything = true;
        }
        // Reading a file (this program's own reloads among them) is not a change.
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name == MANIFEST_FILE {
                self.pending.manifest = true;
            } else if let Some(stem) = claim_stem(name) {
                self.stems.insert(stem.to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Waits up to `limit` for the changes to settle.
    fn wait_up_to(w: &mut FolderWatcher, limit: Duration) -> Changes {
        let start = Instant::now();
        while start.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(20));
            if let Some(changes) = w.settled(Instant::now(), Duration::from_millis(50)) {
                return changes;
            }
        }
        Changes::default()
    }

    fn wait(w: &mut FolderWatcher) -> Changes {
        wait_up_to(w, Duration::from_secs(5))
    }

    #[test]
    fn claim_files_and_the_manifest_are_told_apart_from_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = FolderWatcher::new(dir.path(), || {}).unwrap();
        fs::write(dir.path().join("a-claim.ron"), "x").unwrap();
        fs::write(dir.path().join("other.txt"), "x").unwrap();
        fs::write(dir.path().join(".hidden.ron"), "x").unwrap();
        fs::write(dir.path().join(MANIFEST_FILE), "x").unwrap();
        // An atomic save: a temp file renamed over the claim file.
        let temp = dir.path().join(format!("{}b", super::super::TEMP_PREFIX));
        fs::write(&temp, "x").unwrap();
        fs::rename(&temp, dir.path().join("b-claim.ron")).unwrap();
        let changes = wait(&mut w);
        assert_eq!(changes.stems, ["a-claim", "b-claim"]);
        assert!(changes.manifest);
        fs::remove_file(dir.path().join("a-claim.ron")).unwrap();
        assert_eq!(wait(&mut w).stems, ["a-claim"]);
        // Reading is no change.
        fs::read(dir.path().join("b-claim.ron")).unwrap();
        assert_eq!(
            wait_up_to(&mut w, Duration::from_millis(500)),
            Changes::default()
        );
    }
}
