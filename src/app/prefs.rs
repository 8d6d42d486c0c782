//! What the window remembers between runs: UI preferences only, never claims (eframe's store
//! resets silently when it cannot decode, which is fine for these and not for data).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The storage key.
pub const KEY: &str = "claimdesk-prefs";

/// How many recent workspaces the menu lists.
const RECENT: usize = 8;

/// Remembered preferences.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Workspaces opened, most recent first.
    pub recent: Vec<PathBuf>,
    /// The reviewer's name, put on notes and status changes.
    pub reviewer: String,
    /// Dark, light, or follow the system (`None`).
    pub dark: Option<bool>,
    /// Where the desk publishes its fact-checks (ClaimReview `url`s start with it).
    pub site: String,
    /// The folder of the last file imported or exported: file dialogs start there.
    pub last_dir: Option<PathBuf>,
}

impl Prefs {
    /// Puts `dir` first in the recent list.
    pub fn opened(&mut self, dir: &Path) {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        self.recent.retain(|d| *d != dir);
        self.recent.insert(0, dir);
        self.recent.truncate(RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_workspaces_are_unique_and_bounded() {
        let mut p = Prefs::default();
        for i in 0..12 {
            p.opened(Path::new(&format!("/nonexistent/w{i}")));
        }
        p.opened(Path::new("/nonexistent/w5"));
        assert_eq!(p.recent.len(), RECENT);
        assert_eq!(p.recent[0], Path::new("/nonexistent/w5"));
        assert_eq!(p.recent.iter().filter(|d| d.ends_with("w5")).count(), 1);
    }
}
