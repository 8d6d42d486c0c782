//! Choosing folders and files. Each request says what it is for, and its answer comes back
//! with it, so an answer can never reach the wrong action. The real dialogs (rfd) run on a
//! worker thread, so the window keeps drawing while one is open; tests put in a dialog that
//! answers at once. When no native dialog can be shown, the answer says so, and the window
//! offers a path field of its own.

use crate::desk::ExportRequest;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// What the chosen paths will be used for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Open this workspace.
    Open,
    /// Make a new workspace in this folder.
    Create,
    /// Import review files and ClaimReview.
    Import,
    /// Write this export.
    Export(ExportRequest),
}

/// What kind of path to ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// One folder.
    Folder,
    /// One or more existing files, offered by these extensions (without dots).
    Files {
        /// What the files are, for the filter's name.
        what: &'static str,
        /// Extensions offered.
        extensions: Vec<&'static str>,
    },
    /// A file to write, with the name proposed.
    NewFile(String),
}

/// One request for paths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ask {
    /// What the answer is for.
    pub purpose: Purpose,
    /// The dialog's title.
    pub title: String,
    /// What to pick.
    pub kind: PathKind,
    /// The folder the dialog starts in.
    pub start: Option<PathBuf>,
}

/// How a request ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// These paths were chosen.
    Chosen(Vec<PathBuf>),
    /// The reviewer cancelled.
    Cancelled,
    /// No dialog could be shown (no desktop portal, no zenity): ask some other way.
    Unavailable,
}

/// Asks the reviewer for folders or files.
pub trait FileDialog {
    /// Starts asking; the answer comes from [`FileDialog::poll`]. One request at a time:
    /// the caller waits for the answer before asking again.
    fn ask(&mut self, ask: Ask, ctx: &egui::Context);
    /// The request and its answer, once.
    fn poll(&mut self) -> Option<(Ask, Answer)>;
}

/// An answer of "nothing" sooner than this after asking came from a dialog that never
/// showed: nobody cancels a file dialog that fast.
const TOO_FAST_TO_BE_A_PERSON: Duration = Duration::from_millis(250);

/// The operating system's dialogs (rfd).
#[derive(Default)]
pub struct NativeFileDialog {
    pending: Option<(Ask, mpsc::Receiver<Answer>)>,
}

impl FileDialog for NativeFileDialog {
    fn ask(&mut self, ask: Ask, ctx: &egui::Context) {
        if self.pending.is_some() {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let ctx = ctx.clone();
        let request = ask.clone();
        std::thread::spawn(move || {
            let asked = Instant::now();
            let mut dialog = rfd::FileDialog::new().set_title(&request.title);
            if let Some(dir) = &request.start {
                dialog = dialog.set_directory(dir);
            }
            let chosen = match &request.kind {
                PathKind::Folder => dialog.pick_folder().map(|p| vec![p]),
                PathKind::Files { what, extensions } => {
                    dialog.add_filter(*what, extensions).pick_files()
                }
                PathKind::NewFile(name) => dialog.set_file_name(name).save_file().map(|p| vec![p]),
            };
            let answer = match chosen {
                Some(paths) => Answer::Chosen(paths),
                None if asked.elapsed() < TOO_FAST_TO_BE_A_PERSON => Answer::Unavailable,
                None => Answer::Cancelled,
            };
            let _ = tx.send(answer);
            ctx.request_repaint();
        });
        self.pending = Some((ask, rx));
    }

    fn poll(&mut self) -> Option<(Ask, Answer)> {
        let answer = match self.pending.as_ref()?.1.try_recv() {
            Ok(answer) => answer,
            Err(mpsc::TryRecvError::Empty) => return None,
            // The dialog thread died before answering: it could not show a dialog.
            Err(mpsc::TryRecvError::Disconnected) => Answer::Unavailable,
        };
        let (ask, _) = self.pending.take()?;
        Some((ask, answer))
    }
}

/// A dialog that gives prepared answers, for tests.
#[derive(Default)]
pub struct ScriptedDialog {
    /// Answers given in order; when they run out, every request is cancelled.
    pub answers: std::collections::VecDeque<Answer>,
    /// What was asked, in order.
    pub asked: Vec<Ask>,
    waiting: Option<Ask>,
}

impl ScriptedDialog {
    /// A dialog that chooses these paths, one answer per request, in order.
    pub fn choosing(answers: impl IntoIterator<Item = Vec<PathBuf>>) -> Self {
        Self {
            answers: answers.into_iter().map(Answer::Chosen).collect(),
            ..Default::default()
        }
    }
}

impl FileDialog for ScriptedDialog {
    fn ask(&mut self, ask: Ask, _ctx: &egui::Context) {
        self.asked.push(ask.clone());
        self.waiting = Some(ask);
    }

    fn poll(&mut self) -> Option<(Ask, Answer)> {
        let ask = self.waiting.take()?;
        Some((ask, self.answers.pop_front().unwrap_or(Answer::Cancelled)))
    }
}
