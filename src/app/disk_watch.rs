//! The window's eye on the workspace folder: files someone else changes while it is open are
//! taken in within a second (see [`crate::session::Session::reload`]).

use crate::store::watch::{Changes, FolderWatcher};
use std::path::Path;
use std::time::{Duration, Instant};

/// How long the folder must be quiet before changed files are read: a `git checkout` is a
/// burst of events, and a file an editor is still writing must not be read half-written.
const QUIET: Duration = Duration::from_millis(250);

/// Watches the open workspace's folder.
#[derive(Debug, Default)]
pub struct DiskWatch {
    watcher: Option<FolderWatcher>,
    /// The folder that could not be watched (it is not tried again every frame).
    failed: Option<std::path::PathBuf>,
}

impl DiskWatch {
    /// What changed in `root` since the last call, once settled; starts watching `root` on
    /// the first call, and again when another workspace is opened. An error says why the
    /// folder cannot be watched (once): then only a Reload takes in changes.
    pub fn poll(&mut self, ctx: &egui::Context, root: &Path) -> Result<Option<Changes>, String> {
        if self.watcher.as_ref().is_none_or(|w| w.root() != root) {
            self.watcher = None;
            if self.failed.as_deref() == Some(root) {
                return Ok(None);
            }
            let wake = ctx.clone();
            match FolderWatcher::new(root, move || wake.request_repaint_after(QUIET)) {
                Ok(w) => self.watcher = Some(w),
                Err(e) => {
                    self.failed = Some(root.to_path_buf());
                    return Err(format!(
                        "Changes on disk are not watched ({e}); use Reload from disk (Ctrl+R) after a git pull"
                    ));
                }
            }
        }
        let Some(watcher) = &mut self.watcher else {
            return Ok(None);
        };
        let changes = watcher.settled(Instant::now(), QUIET);
        if watcher.is_settling() {
            // Look again once the folder is quiet; an idle window is not woken.
            ctx.request_repaint_after(QUIET);
        }
        Ok(changes)
    }
}
