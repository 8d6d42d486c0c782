//! What the window remembers between runs: UI preferences only, never claims (eframe's store
//! resets silently when it cannot decode, which is fine for these and not for data).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
    /// The claim last selected in each recent workspace: reopening shows it again.
    pub selected: BTreeMap<PathBuf, String>,
}

impl Prefs {
    /// Puts `dir` first in the recent list.
    pub fn opened(&mut self, dir: &Path) {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        self.recent.retain(|d| *d != dir);
        self.recent.insert(0, dir);
        self.recent.truncate(RECENT);
        let recent = &self.recent;
        self.selected.retain(|d, _| recent.contains(d));
    }

    /// Remembers `claim` as the one selected in the workspace `dir` (opened before).
    /// `dir` is named as the recent list holds it (no look at the disk: this runs at every
    /// click and arrow key in the claim list).
    pub fn select(&mut self, dir: &Path, claim: &str) {
        if self.recent.iter().any(|d| d == dir) {
            self.selected.insert(dir.to_path_buf(), claim.to_string());
        }
    }

    /// The claim last selected in the workspace `dir`, if remembered.
    pub fn selected_in(&self, dir: &Path) -> Option<&str> {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        self.selected.get(&dir).map(String::as_str)
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

    #[test]
    fn the_selected_claim_is_remembered_per_recent_workspace() {
        let mut p = Prefs::default();
        p.opened(Path::new("/nonexistent/a"));
        p.select(Path::new("/nonexistent/a"), "claim-one");
        p.select(Path::new("/nonexistent/never-opened"), "x");
        assert_eq!(
            p.selected_in(Path::new("/nonexistent/a")),
            Some("claim-one")
        );
        assert_eq!(p.selected.len(), 1, "only workspaces in the recent list");
        for i in 0..RECENT {
            p.opened(Path::new(&format!("/nonexistent/w{i}")));
        }
        assert_eq!(
            p.selected_in(Path::new("/nonexistent/a")),
            None,
            "forgotten with it"
        );
    }
}
