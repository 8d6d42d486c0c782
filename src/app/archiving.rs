//! "Add source…": an address or a file becomes a document in `sources/`. The fetch and the
//! extraction run on another thread (a slow server must not freeze the window), with the
//! stage and the bytes received shown and a Cancel button; only the final write, which is
//! quick, happens on the window's thread, through the desk.

use super::Action;
use crate::desk::archive::{self, ArchiveProgress, Limits, Origin, Prepared, Stage};
use crate::desk::{Clock, DeskError};
use crate::model::ClaimId;
use std::sync::{Arc, mpsc};

/// The "Add source" dialog: what is typed, and the archive under way, if any.
pub struct AddSource {
    /// The address or file path.
    pub typed: String,
    /// The evidence item the source is archived for: it records the source's id.
    pub evidence: Option<(ClaimId, usize)>,
    /// Why the last try failed.
    pub error: Option<String>,
    job: Option<Job>,
}

/// A fetch under way on another thread.
struct Job {
    progress: Arc<ArchiveProgress>,
    done: mpsc::Receiver<Result<Prepared, DeskError>>,
}

impl AddSource {
    /// An empty dialog, or one for an evidence item with its address filled in.
    pub fn new(typed: String, evidence: Option<(ClaimId, usize)>) -> Self {
        Self {
            typed,
            evidence,
            error: None,
            job: None,
        }
    }

    /// True while a fetch runs.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Starts fetching what is typed; a refused address is an error at once.
    fn start(&mut self, clock: Clock) {
        self.error = None;
        let origin = match Origin::parse(&self.typed) {
            Ok(origin) => origin,
            Err(e) => {
                self.error = Some(e.to_string());
                return;
            }
        };
        let progress = Arc::new(ArchiveProgress::default());
        let (send, done) = mpsc::channel();
        let counter = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name("archive source".into())
            // Room for the page parser's recursion up to the deepest page accepted.
            .stack_size(16 << 20)
            .spawn(move || {
                let result = archive::fetch(&origin, &Limits::default(), &counter, clock)
                    .and_then(archive::prepare);
                // Nobody listens when the archive was cancelled: its result is dropped and
                // nothing is written.
                let _ = send.send(result);
            });
        match spawned {
            Ok(_) => self.job = Some(Job { progress, done }),
            Err(e) => self.error = Some(format!("cannot start the download: {e}")),
        }
    }

    /// Stops the fetch under way; what it fetched is dropped.
    fn cancel(&mut self) {
        if let Some(job) = self.job.take() {
            job.progress.cancel();
        }
    }

    /// The prepared source once the fetch has finished well; a failure is kept to show.
    fn poll(&mut self) -> Option<Prepared> {
        let job = self.job.as_ref()?;
        let result = match job.done.try_recv() {
            Ok(result) => result,
            Err(mpsc::TryRecvError::Empty) => return None,
            Err(mpsc::TryRecvError::Disconnected) => Err(DeskError::File(
                "the download stopped without a result (a bug: please report it)".into(),
            )),
        };
        self.job = None;
        match result {
            Ok(prepared) => Some(prepared),
            Err(e) => {
                self.error = Some(e.to_string());
                None
            }
        }
    }

    /// What the progress line says.
    pub fn status(&self) -> Option<String> {
        let job = self.job.as_ref()?;
        Some(match job.progress.stage() {
            Stage::Connecting => "Connecting…".to_string(),
            Stage::Receiving => format!("Received {} KB…", job.progress.received() / 1024),
            Stage::Extracting => "Finding the article…".to_string(),
        })
    }
}

/// Draws the dialog; `false` once it is to close. A finished archive comes out as
/// [`Action::AddSource`].
pub fn show(
    ctx: &egui::Context,
    form: &mut AddSource,
    clock: Clock,
    actions: &mut Vec<Action>,
) -> bool {
    if let Some(prepared) = form.poll() {
        actions.push(Action::AddSource(Box::new(prepared), form.evidence.clone()));
        return false;
    }
    let mut open = true;
    let escape = super::dialogs::modal(ctx, "add-source", |ui| {
        ui.heading("Add source");
        ui.label(
            "An http(s) address, or an .html, .md or .txt file. The page is kept as it \
                 came, its article becomes a document in sources/.",
        );
        if let Some((id, index)) = &form.evidence {
            ui.label(format!("For evidence item {} of {id}", index + 1));
        }
        let running = form.is_running();
        let label = ui.label("Address or file");
        let field = ui
            .add_enabled(
                !running,
                egui::TextEdit::singleline(&mut form.typed)
                    .hint_text("https://…")
                    .desired_width(480.0),
            )
            .labelled_by(label.id);
        if !running && ui.memory(|m| m.focused().is_none()) {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let ready = !form.typed.trim().is_empty();
        if let Some(status) = form.status() {
            // Text, not a spinner: the line changes as bytes arrive, and a spinner
            // would repaint every frame for as long as a slow server takes.
            ui.label(status);
        }
        if let Some(error) = &form.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.horizontal(|ui| {
            if running {
                if ui.button("Cancel").clicked() {
                    form.cancel();
                }
            } else {
                if ui
                    .add_enabled(ready, egui::Button::new("Archive"))
                    .clicked()
                    || (enter && ready)
                {
                    form.start(clock);
                }
                if ui.button("Close").clicked() {
                    open = false;
                }
            }
        });
    });
    if escape {
        if form.is_running() {
            form.cancel();
        } else {
            open = false;
        }
    }
    if form.is_running() {
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(form: &mut AddSource) -> Option<Prepared> {
        for _ in 0..500 {
            if let Some(p) = form.poll() {
                return Some(p);
            }
            if !form.is_running() {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the archive did not end");
    }

    #[test]
    fn a_file_is_read_in_the_background() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        std::fs::write(&path, "# A note\n\nText.\n").unwrap();
        let mut form = AddSource::new(path.display().to_string(), None);
        form.start(Clock::System);
        assert!(form.status().is_some());
        let prepared = wait(&mut form).unwrap();
        assert_eq!(prepared.meta.title, "A note");
    }

    #[test]
    fn a_refused_address_fails_at_once_and_a_cancel_drops_the_result() {
        let mut form = AddSource::new("file:///etc/passwd".into(), None);
        form.start(Clock::System);
        assert!(!form.is_running());
        assert!(form.error.as_deref().unwrap().contains("only http"));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.txt");
        std::fs::write(&path, "Text.\n").unwrap();
        let mut form = AddSource::new(path.display().to_string(), None);
        form.start(Clock::System);
        form.cancel();
        assert!(!form.is_running());
        assert!(form.poll().is_none());
    }
}
