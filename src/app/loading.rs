//! Opening a workspace on another thread. At 100,000 claims reading and checking the files
//! takes seconds (many more when they are not in the page cache yet): the window stays
//! responsive and shows how far the open has got, instead of a black or frozen frame.

use super::Action;
use crate::desk::{Desk, DeskError, Reviewer};
use crate::model::SearchIndex;
use crate::store::OpenProgress;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

/// What the open thread hands back: the desk, and the claim list's search index built
/// beside it, so that the first frame after the open does not stall on it either.
pub struct Opened {
    /// The open workspace.
    pub desk: Desk,
    /// The index of its claims, for the claim list.
    pub index: SearchIndex,
}

/// An open under way.
pub struct Loading {
    dir: PathBuf,
    reviewer: Option<Reviewer>,
    progress: Arc<OpenProgress>,
    /// The open's result, once [`Loading::begin`] has started it. It waits so that the
    /// window's first frame (shaders, fonts) does not share two cores with two threads
    /// parsing files; an open cancelled before then leaves no thread behind.
    done: Option<mpsc::Receiver<Result<Opened, DeskError>>>,
}

impl Loading {
    /// An open of `dir`, to be started by [`Loading::begin`].
    pub fn new(dir: PathBuf, reviewer: Option<Reviewer>) -> Self {
        Self {
            dir,
            reviewer,
            progress: Arc::new(OpenProgress::default()),
            done: None,
        }
    }

    /// Starts the open on another thread; later calls do nothing.
    pub fn begin(&mut self) {
        if self.done.is_some() {
            return;
        }
        let (send, done) = mpsc::channel();
        let (path, reviewer) = (self.dir.clone(), self.reviewer.clone());
        let counter = Arc::clone(&self.progress);
        let failed = send.clone();
        let spawned = std::thread::Builder::new()
            .name("open workspace".into())
            .spawn(move || {
                let opened = Desk::open_with_progress(&path, reviewer, &counter).map(|desk| {
                    let index = SearchIndex::build(desk.workspace());
                    Opened { desk, index }
                });
                // Nobody listens when the open was cancelled: its result is dropped.
                let _ = send.send(opened);
            });
        if let Err(e) = spawned {
            let _ = failed.send(Err(DeskError::File(format!(
                "cannot start opening the workspace: {e}"
            ))));
        }
        self.done = Some(done);
    }

    /// True until [`Loading::begin`] is called.
    pub fn waiting(&self) -> bool {
        self.done.is_none()
    }

    /// The folder being opened.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The result, once the open has finished.
    pub fn poll(&self) -> Option<Result<Opened, DeskError>> {
        match self.done.as_ref()?.try_recv() {
            Ok(result) => Some(result),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(stopped())),
        }
    }

    /// Begins and waits for the result.
    #[cfg(test)]
    pub fn wait(mut self) -> Result<Opened, DeskError> {
        self.begin();
        let done = self.done.as_ref().expect("begun above");
        done.recv().unwrap_or_else(|_| Err(stopped()))
    }

    /// What the progress line says: files read of how many.
    pub fn status(&self) -> String {
        match self.progress.files() {
            (_, 0) => "Listing the claim files…".to_string(),
            (read, total) if read < total => format!(
                "Read {} of {} claim files",
                thousands(read),
                thousands(total)
            ),
            (_, total) => format!(
                "Read all {} claim files; checking links and indexing…",
                thousands(total)
            ),
        }
    }

    fn fraction(&self) -> f32 {
        match self.progress.files() {
            (_, 0) => 0.0,
            (read, total) => read as f32 / total as f32,
        }
    }
}

/// The open's thread ended without saying how.
fn stopped() -> DeskError {
    DeskError::File("the open stopped without a result (a bug: please report it)".into())
}

/// `n` with a comma every three digits.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Draws the open's progress in the central area, with a way to stop it.
pub fn show(ui: &mut egui::Ui, loading: &Loading, actions: &mut Vec<Action>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.3);
            ui.heading(format!("Opening {}", loading.dir().display()));
            ui.add_space(8.0);
            ui.add(
                egui::ProgressBar::new(loading.fraction())
                    .desired_width(420.0)
                    .show_percentage(),
            );
            ui.label(loading.status());
            ui.add_space(8.0);
            if ui.button("Cancel").clicked() {
                actions.push(Action::CancelOpen);
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn an_open_in_the_background_ends_with_the_workspace_and_its_index() {
        let dir = tempfile::tempdir().unwrap();
        crate::store::Folder::create(dir.path(), &crate::generate::workspace(50, 3)).unwrap();
        let loading = Loading::new(dir.path().to_path_buf(), None);
        let opened = loading.wait().unwrap();
        assert_eq!(opened.desk.workspace().len(), 50);
        assert_eq!(opened.index.len(), 50);
    }

    #[test]
    fn the_open_waits_to_be_begun() {
        let dir = tempfile::tempdir().unwrap();
        crate::store::Folder::create(dir.path(), &crate::generate::workspace(5, 3)).unwrap();
        let mut loading = Loading::new(dir.path().to_path_buf(), None);
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(loading.waiting());
        assert!(loading.poll().is_none());
        assert_eq!(loading.progress.files(), (0, 0), "no file is listed yet");
        loading.begin();
        assert!(!loading.waiting());
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let opened = loop {
            if let Some(result) = loading.poll() {
                break result.unwrap();
            }
            assert!(std::time::Instant::now() < deadline, "the open never ended");
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        assert_eq!(opened.desk.workspace().len(), 5);
    }

    #[test]
    fn a_folder_that_is_not_a_workspace_fails_in_the_background_too() {
        let dir = tempfile::tempdir().unwrap();
        let loading = Loading::new(dir.path().to_path_buf(), None);
        assert!(loading.wait().is_err());
    }
}
