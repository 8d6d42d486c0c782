//! Choosing folders and files. The real dialogs (rfd) run on a worker thread, so the window
//! keeps drawing while one is open; tests put in a dialog that answers at once.

use std::path::PathBuf;
use std::sync::mpsc;

/// What to ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ask {
    /// One folder.
    Folder {
        /// The dialog's title.
        title: String,
    },
    /// One or more existing files with one of these extensions.
    OpenFiles {
        /// The dialog's title.
        title: String,
        /// Extensions offered, without dots.
        extensions: Vec<&'static str>,
    },
    /// A file to write.
    SaveFile {
        /// The dialog's title.
        title: String,
        /// The name proposed.
        name: String,
    },
}

/// Asks the reviewer for folders or files.
pub trait FileDialog {
    /// Starts asking; the answer comes from [`FileDialog::poll`].
    fn ask(&mut self, ask: Ask, ctx: &egui::Context);
    /// The paths chosen, once: `Some(None)` when the reviewer cancelled.
    fn poll(&mut self) -> Option<Option<Vec<PathBuf>>>;
}

/// The operating system's dialogs (rfd).
#[derive(Default)]
pub struct NativeFileDialog {
    pending: Option<mpsc::Receiver<Option<Vec<PathBuf>>>>,
}

impl FileDialog for NativeFileDialog {
    fn ask(&mut self, ask: Ask, ctx: &egui::Context) {
        if self.pending.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let answer = match ask {
                Ask::Folder { title } => rfd::FileDialog::new()
                    .set_title(&title)
                    .pick_folder()
                    .map(|p| vec![p]),
                Ask::OpenFiles { title, extensions } => rfd::FileDialog::new()
                    .set_title(&title)
                    .add_filter("review files", &extensions)
                    .pick_files(),
                Ask::SaveFile { title, name } => rfd::FileDialog::new()
                    .set_title(&title)
                    .set_file_name(&name)
                    .save_file()
                    .map(|p| vec![p]),
            };
            let _ = tx.send(answer);
            ctx.request_repaint();
        });
        self.pending = Some(rx);
    }

    fn poll(&mut self) -> Option<Option<Vec<PathBuf>>> {
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

/// A dialog that answers with prepared paths, for tests.
#[derive(Default)]
pub struct ScriptedDialog {
    /// Answers given in order; `None` is a cancel.
    pub answers: std::collections::VecDeque<Option<Vec<PathBuf>>>,
    /// What was asked, in order.
    pub asked: Vec<Ask>,
    waiting: bool,
}

impl FileDialog for ScriptedDialog {
    fn ask(&mut self, ask: Ask, _ctx: &egui::Context) {
        self.asked.push(ask);
        self.waiting = true;
    }

    fn poll(&mut self) -> Option<Option<Vec<PathBuf>>> {
        if !std::mem::take(&mut self.waiting) {
            return None;
        }
        Some(self.answers.pop_front().flatten())
    }
}
