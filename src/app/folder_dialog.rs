//! Choosing a folder. The real dialog runs on a worker thread, so the window keeps drawing
//! while it is open; tests put in a dialog that answers at once.

use std::path::PathBuf;
use std::sync::mpsc;

/// Asks the reviewer for a folder.
pub trait FolderDialog {
    /// Starts asking; the answer comes from [`FolderDialog::poll`].
    fn ask(&mut self, title: &str, ctx: &egui::Context);
    /// The folder chosen, once: `Some(None)` when the reviewer cancelled.
    fn poll(&mut self) -> Option<Option<PathBuf>>;
}

/// The operating system's folder dialog (rfd).
#[derive(Default)]
pub struct NativeFolderDialog {
    pending: Option<mpsc::Receiver<Option<PathBuf>>>,
}

impl FolderDialog for NativeFolderDialog {
    fn ask(&mut self, title: &str, ctx: &egui::Context) {
        if self.pending.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let title = title.to_string();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let folder = rfd::FileDialog::new().set_title(&title).pick_folder();
            let _ = tx.send(folder);
            ctx.request_repaint();
        });
        self.pending = Some(rx);
    }

    fn poll(&mut self) -> Option<Option<PathBuf>> {
        let answer = match self.pending.as_ref()?.try_recv() {
            Ok(answer) => answer,
            Err(mpsc::TryRecvError::Empty) => return None,
            // The dialog thread died (no portal, no zenity): treat as cancelled.
            Err(mpsc::TryRecvError::Disconnected) => None,
        };
        self.pending = None;
        Some(answer)
    }
}

/// A dialog that answers with prepared folders, for tests.
#[derive(Default)]
pub struct ScriptedFolderDialog {
    /// Answers given in order; `None` is a cancel.
    pub answers: std::collections::VecDeque<Option<PathBuf>>,
    asked: bool,
}

impl FolderDialog for ScriptedFolderDialog {
    fn ask(&mut self, _title: &str, _ctx: &egui::Context) {
        self.asked = true;
    }

    fn poll(&mut self) -> Option<Option<PathBuf>> {
        if !std::mem::take(&mut self.asked) {
            return None;
        }
        Some(self.answers.pop_front().flatten())
    }
}
