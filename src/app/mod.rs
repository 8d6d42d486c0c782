//! The reviewer's window. Panels draw from the session and return [`Action`]s; the app
//! applies them after every panel has drawn, so a frame never sees half a change. The window
//! never touches files: opening and saving go through [`Session`].

mod claim_list;
mod claim_view;
mod commands;
mod dialogs;
mod document_view;
mod file_dialog;
mod prefs;
mod problems;
mod review_bar;
mod reviews_view;
mod status_badge;
mod welcome;

pub use claim_list::{ClaimList, SortOrder};
pub use commands::Command;
pub use file_dialog::{Ask, FileDialog, NativeFileDialog, ScriptedDialog};
pub use prefs::Prefs;

use crate::edit::Edit;
use crate::export::review::{self as review_files, Conflict};
use crate::model::{ClaimId, Manifest, Note, Timestamp, Workspace};
use crate::session::Session;
use crate::store::{Folder, SaveError, SaveOptions};
use dialogs::Dialog;
use document_view::DocumentView;
use reviews_view::ReviewsView;
use std::path::{Path, PathBuf};

/// Something a panel asks for; applied after the frame's panels have drawn.
#[derive(Clone, Debug)]
pub enum Action {
    /// Give a command.
    Command(Command),
    /// Select a claim (and show it in the list).
    Select(ClaimId),
    /// Apply an edit as its own undo step.
    Edit(Edit),
    /// Apply an edit merged with the previous one of the same key (typing in a field).
    EditMerging(Edit, String),
    /// A field lost focus: the next edit is a new undo step.
    EndMerge,
    /// Set the status by vocabulary position, with the composer's note as the reason.
    SetStatus(usize),
    /// Add the composer's note to the selected claim.
    AddNote,
    /// Open this workspace.
    Open(PathBuf),
    /// Create an empty workspace in this folder and open it.
    Create(PathBuf),
    /// Open a web address in the browser (only http and https are let through).
    OpenUrl(String),
    /// Show a dialog.
    Show(Dialog),
    /// Close the dialog.
    CloseDialog,
    /// Save, replacing these files although they changed on disk ("keep mine").
    SaveOverwriting(Vec<ClaimId>),
    /// Replace these claims with their files' content ("reload theirs").
    TakeTheirs(Vec<ClaimId>),
    /// Close the window without saving.
    DiscardAndQuit,
    /// Save, then close the window if the save succeeded.
    SaveAndQuit,
    /// Ask for an empty folder and make a workspace there.
    AskNewWorkspace,
    /// Ask for review files to import.
    AskImportReviews,
    /// Read these review files into the Reviews view.
    ImportReviews(Vec<PathBuf>),
    /// Ask where to export.
    AskExport(ExportKind),
    /// Ask where to write ClaimReview for this site.
    AskClaimReviewFile(String),
    /// Write an export there.
    Export(ExportKind, PathBuf),
    /// Apply the verdicts every reviewer agrees on, with their notes and evidence.
    ApplyAgreedReviews,
    /// Settle a disagreement by choosing `status`.
    ResolveReview {
        /// The claim.
        id: ClaimId,
        /// The verdict chosen.
        status: crate::model::Status,
        /// The disagreement being settled.
        from: Conflict,
    },
    /// Go to a claim in the Claims view.
    ShowClaim(ClaimId),
    /// Switch between the Claims, Reviews and Documents views.
    ShowView(View),
    /// Show this source document.
    ShowDocument(String),
}

/// What the central area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The selected claim.
    #[default]
    Claims,
    /// Imported review files, agreement and disagreements.
    Reviews,
    /// Source documents with the claims' quotes highlighted.
    Documents,
}

/// What File ▸ Export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// This reviewer's review file.
    Review,
    /// A CSV table.
    Csv,
    /// A Markdown report.
    Markdown,
    /// schema.org ClaimReview JSON-LD.
    ClaimReview,
}

impl ExportKind {
    fn label(self) -> &'static str {
        match self {
            ExportKind::Review => "Export review file…",
            ExportKind::Csv => "Export CSV…",
            ExportKind::Markdown => "Export Markdown report…",
            ExportKind::ClaimReview => "Export ClaimReview…",
        }
    }

    fn file_name(self, reviewer: &str) -> String {
        match self {
            ExportKind::Review => format!("review-{}.ron", crate::model::slugify(reviewer)),
            ExportKind::Csv => "claims.csv".into(),
            ExportKind::Markdown => "report.md".into(),
            ExportKind::ClaimReview => "claimreview.json".into(),
        }
    }
}

/// How the app starts.
pub struct Options {
    /// The workspace to open first; `None` tries the last one, then `./claims`.
    pub workspace: Option<PathBuf>,
    /// The folder dialog to use.
    pub dialog: Box<dyn FileDialog>,
    /// The reviewer's name, when not remembered.
    pub reviewer: String,
}

/// The window's state.
pub struct ClaimDeskApp {
    session: Option<Session>,
    prefs: Prefs,
    selected: Option<ClaimId>,
    list: ClaimList,
    /// The note being written for the selected claim.
    composer: String,
    dialog: Option<Dialog>,
    file_dialog: Box<dyn FileDialog>,
    /// What the folder dialog is being asked for.
    asking_for: Option<Asking>,
    /// Messages for the status bar, newest last.
    message: Option<(String, bool)>,
    /// True once the reviewer has agreed to close.
    closing: bool,
    view: View,
    reviews: ReviewsView,
    documents: DocumentView,
    shown_title: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Asking {
    Open,
    Create,
    ImportReviews,
    Export(ExportKind),
}

impl ClaimDeskApp {
    /// Builds the app, reading remembered preferences from eframe's storage if there is one.
    pub fn new(cc: &eframe::CreationContext<'_>, options: Options) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, prefs::KEY))
            .unwrap_or_default();
        Self::with_prefs(&cc.egui_ctx, prefs, options)
    }

    /// Builds the app from given preferences (tests, benchmarks).
    pub fn with_prefs(ctx: &egui::Context, mut prefs: Prefs, options: Options) -> Self {
        if prefs.reviewer.trim().is_empty() {
            prefs.reviewer = options.reviewer;
        }
        apply_theme(ctx, prefs.dark);
        let mut app = Self {
            session: None,
            prefs,
            selected: None,
            list: ClaimList::default(),
            composer: String::new(),
            dialog: None,
            file_dialog: options.dialog,
            asking_for: None,
            message: None,
            closing: false,
            view: View::Claims,
            reviews: ReviewsView::default(),
            documents: DocumentView::default(),
            shown_title: String::new(),
        };
        let start = options
            .workspace
            .or_else(|| {
                app.prefs
                    .recent
                    .first()
                    .filter(|d| d.join(crate::store::MANIFEST_FILE).is_file())
                    .cloned()
            })
            .or_else(|| {
                Some(PathBuf::from("claims"))
                    .filter(|d| d.join(crate::store::MANIFEST_FILE).is_file())
            });
        if let Some(dir) = start {
            app.open(&dir);
        }
        app
    }

    /// The open session, if any.
    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The selected claim's id.
    pub fn selected(&self) -> Option<&ClaimId> {
        self.selected.as_ref()
    }

    /// The claim list's state (filter, sort, visible rows).
    pub fn list(&self) -> &ClaimList {
        &self.list
    }

    /// What the central area shows.
    pub fn view(&self) -> View {
        self.view
    }

    /// The quotes highlighted in the document view, as of the last frame.
    pub fn document_highlights(&self) -> &[document_view::Highlight] {
        self.documents.highlights()
    }

    /// The status bar's message, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|(m, _)| m.as_str())
    }

    fn open(&mut self, dir: &Path) {
        match Session::open(dir) {
            Ok(session) => {
                self.prefs.opened(dir);
                let broken = session
                    .diagnostics()
                    .iter()
                    .filter(|d| d.is_error())
                    .count();
                self.info(if broken > 0 {
                    format!(
                        "Opened {} — {broken} problem(s) listed below",
                        dir.display()
                    )
                } else {
                    format!("Opened {}", dir.display())
                });
                self.selected = session.workspace().claims().next().map(|c| c.id.clone());
                self.session = Some(session);
                self.list = ClaimList::default();
                self.composer.clear();
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn info(&mut self, m: String) {
        self.message = Some((m, false));
    }

    fn error(&mut self, m: String) {
        self.message = Some((m, true));
    }

    /// Draws one frame; everything but eframe's window handling.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        let statuses = self
            .session
            .as_ref()
            .map_or(0, |s| s.workspace().manifest.statuses.len());
        if self.dialog.is_none()
            && let Some(c) = commands::pressed(&ctx, &Command::all(statuses))
        {
            actions.push(Action::Command(c));
        }
        if let Some(answer) = self.file_dialog.poll() {
            let first = answer.as_ref().and_then(|paths| paths.first().cloned());
            match (self.asking_for.take(), first) {
                (Some(Asking::Open), Some(dir)) => actions.push(Action::Open(dir)),
                (Some(Asking::Create), Some(dir)) => actions.push(Action::Create(dir)),
                (Some(Asking::ImportReviews), Some(_)) => {
                    actions.push(Action::ImportReviews(answer.unwrap_or_default()));
                }
                (Some(Asking::Export(format)), Some(path)) => {
                    actions.push(Action::Export(format, path))
                }
                _ => {}
            }
        }
        self.menu_bar(ui, &mut actions);
        self.status_bar(ui);
        match &self.session {
            None => welcome::show(ui, &self.prefs.recent, self.message.as_ref(), &mut actions),
            Some(session) => {
                problems::show(ui, session.diagnostics());
                let dark = ui.visuals().dark_mode;
                egui::Panel::left("claim-list")
                    .resizable(true)
                    .default_size(420.0)
                    .min_size(260.0)
                    .show(ui, |ui| {
                        self.list
                            .show(ui, session, self.selected.as_ref(), dark, &mut actions);
                    });
                let reviewer = self.reviewer();
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.horizontal(|ui| {
                        for (view, name) in
                            [(View::Claims, "Claims"), (View::Reviews, "Reviews"), (View::Documents, "Documents")]
                        {
                            if ui.selectable_label(self.view == view, name).clicked() {
                                actions.push(Action::ShowView(view));
                            }
                        }
                    });
                    ui.separator();
                    if self.view == View::Documents {
                        document_view::show(ui, &mut self.documents, session, dark, &mut actions);
                        return;
                    }
                    if self.view == View::Reviews {
                        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                            reviews_view::show(ui, &mut self.reviews, session, &reviewer, dark, &mut actions);
                        });
                        return;
                    }
                    match self.selected.as_ref().and_then(|id| session.workspace().get(id)) {
                    Some(claim) => {
                        egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                            // Room for the scroll bar: full-width fields stop short of it.
                            ui.set_max_width(ui.available_width() - 14.0);
                            if !self.list.shows(&claim.id) {
                                ui.label(
                                    egui::RichText::new("This claim is hidden by the list's search or filters.")
                                        .color(ui.visuals().warn_fg_color),
                                );
                            }
                            review_bar::show(ui, session, claim, &mut self.composer, dark, &mut actions);
                            ui.separator();
                            claim_view::show(ui, session, claim, dark, &mut actions);
                        });
                    }
                    None => {
                        ui.centered_and_justified(|ui| ui.label("No claim selected. Pick one from the list, or press Ctrl+N for a new claim."));
                    }
                    }
                });
            }
        }
        if let Some(dialog) = &mut self.dialog
            && let Some(session) = &self.session
        {
            dialogs::show(&ctx, dialog, session, &mut actions);
        } else if let Some(dialog) = &mut self.dialog {
            dialogs::show_without_session(&ctx, dialog, &mut actions);
        }
        for action in actions {
            self.apply(&ctx, action);
        }
        self.update_title(&ctx);
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    for c in [Command::OpenWorkspace, Command::Save] {
                        command_button(ui, &ctx, c, c.label(), actions);
                    }
                    if ui.button("New workspace…").clicked() {
                        actions.push(Action::AskNewWorkspace);
                        ui.close();
                    }
                    ui.menu_button("Recent workspaces", |ui| {
                        if self.prefs.recent.is_empty() {
                            ui.label("None yet");
                        }
                        for dir in &self.prefs.recent {
                            if ui.button(dir.display().to_string()).clicked() {
                                actions.push(Action::Open(dir.clone()));
                            }
                        }
                    });
                    ui.separator();
                    if ui.button("Import review files or ClaimReview…").clicked() {
                        actions.push(Action::AskImportReviews);
                        ui.close();
                    }
                    for kind in [
                        ExportKind::Review,
                        ExportKind::Csv,
                        ExportKind::Markdown,
                        ExportKind::ClaimReview,
                    ] {
                        if ui.button(kind.label()).clicked() {
                            actions.push(Action::AskExport(kind));
                            ui.close();
                        }
                    }
                    ui.separator();
                    command_button(ui, &ctx, Command::Quit, Command::Quit.label(), actions);
                });
                ui.menu_button("Edit", |ui| {
                    for c in [
                        Command::Undo,
                        Command::Redo,
                        Command::Find,
                        Command::NewClaim,
                        Command::AddRelation,
                        Command::DeleteClaim,
                    ] {
                        command_button(ui, &ctx, c, c.label(), actions);
                    }
                });
                if let Some(session) = &self.session {
                    ui.menu_button("Status", |ui| {
                        for (i, def) in session.workspace().manifest.statuses.iter().enumerate() {
                            command_button(
                                ui,
                                &ctx,
                                Command::SetStatus(i as u8),
                                &session.workspace().manifest.verb(&def.key),
                                actions,
                            );
                        }
                    });
                }
                ui.menu_button("View", |ui| {
                    for c in [
                        Command::NextClaim,
                        Command::PreviousClaim,
                        Command::ToggleTheme,
                        Command::CommandPalette,
                    ] {
                        command_button(ui, &ctx, c, c.label(), actions);
                    }
                });
                ui.separator();
                let label = ui.label("Reviewer:");
                ui.add(egui::TextEdit::singleline(&mut self.prefs.reviewer).desired_width(140.0))
                    .labelled_by(label.id)
                    .on_hover_text("Your name: it goes into every note and status change you make");
            });
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(session) = &self.session {
                    let ws = session.workspace();
                    ui.label(format!("{} — {} claims", ws.manifest.name, ws.len()));
                    if session.has_unsaved_changes() {
                        ui.label(egui::RichText::new("Unsaved changes").italics());
                    }
                    if let Some(why) = session.folder().read_only_reason() {
                        ui.label(
                            egui::RichText::new(format!("Read-only: {why}"))
                                .color(ui.visuals().warn_fg_color),
                        );
                    }
                }
                if let Some((message, is_error)) = &self.message {
                    ui.separator();
                    let text = egui::RichText::new(message);
                    ui.label(if *is_error {
                        text.color(ui.visuals().error_fg_color)
                    } else {
                        text
                    });
                }
            });
        });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.session {
            None => "claimdesk".to_string(),
            Some(s) => {
                let dirty = if s.has_unsaved_changes() {
                    " • unsaved"
                } else {
                    ""
                };
                format!("{}{dirty} — claimdesk", s.workspace().manifest.name)
            }
        };
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.shown_title
    }

    fn now() -> Timestamp {
        Timestamp::from_second(Timestamp::now().as_second()).expect("now is in range")
    }

    fn reviewer(&self) -> String {
        let name = self.prefs.reviewer.trim();
        if name.is_empty() {
            "unknown".to_string()
        } else {
            name.to_string()
        }
    }

    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Command(c) => self.command(ctx, c),
            Action::Select(id) => {
                if self.selected.as_ref() != Some(&id) {
                    self.composer.clear();
                }
                self.selected = Some(id);
                self.list.reveal_selected();
            }
            Action::Edit(edit) => self.edit(edit, None),
            Action::EditMerging(edit, key) => self.edit(edit, Some(key)),
            Action::EndMerge => {
                if let Some(s) = &mut self.session {
                    s.end_merge();
                }
            }
            Action::SetStatus(i) => self.set_status(i),
            Action::AddNote => self.add_note(),
            Action::Open(dir) => {
                if self
                    .session
                    .as_ref()
                    .is_some_and(Session::has_unsaved_changes)
                {
                    self.error("Save or undo your changes before opening another workspace".into());
                } else {
                    self.open(&dir);
                }
            }
            Action::Create(dir) => {
                let name = dir
                    .file_name()
                    .map_or("New workspace".into(), |n| n.to_string_lossy().into_owned());
                let ws = Workspace::new(Manifest::new(name, ""));
                match Folder::create(&dir, &ws) {
                    Ok(_) => self.open(&dir),
                    Err(e) => self.error(e.to_string()),
                }
            }
            Action::OpenUrl(url) => {
                if crate::model::is_web_address(&url) {
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                } else {
                    self.error(format!("Not opened: {url} is not an http or https address"));
                }
            }
            Action::Show(dialog) => self.dialog = Some(dialog),
            Action::AskNewWorkspace => {
                self.asking_for = Some(Asking::Create);
                let title = "Choose an empty folder for the new workspace".into();
                self.file_dialog.ask(Ask::Folder { title }, ctx);
            }
            Action::CloseDialog => self.dialog = None,
            Action::SaveOverwriting(ids) => {
                self.dialog = None;
                self.save(ids.into_iter().collect());
            }
            Action::TakeTheirs(ids) => {
                self.dialog = None;
                if let Some(s) = &mut self.session {
                    match s.take_theirs(&ids) {
                        Ok(()) => self.info(format!(
                            "Reloaded {} claim(s) from disk; undo brings yours back",
                            ids.len()
                        )),
                        Err(e) => self.error(e.to_string()),
                    }
                }
            }
            Action::AskImportReviews => {
                self.asking_for = Some(Asking::ImportReviews);
                let ask = Ask::OpenFiles {
                    title: "Import review files".into(),
                    extensions: vec!["ron"],
                };
                self.file_dialog.ask(ask, ctx);
            }
            Action::ImportReviews(paths) => {
                let (json, paths): (Vec<PathBuf>, Vec<PathBuf>) =
                    paths.into_iter().partition(|p| {
                        p.extension()
                            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                    });
                for path in json {
                    self.import_claimreview(&path);
                }
                if paths.is_empty() {
                    return;
                }
                let mut read = 0;
                for path in paths {
                    match review_files::read(&path) {
                        Ok(file) => {
                            // A newer file from the same reviewer replaces the older one.
                            self.reviews.add(file);
                            read += 1;
                        }
                        Err(e) => self.error(e.to_string()),
                    }
                }
                self.view = View::Reviews;
                if read > 0 {
                    self.info(format!("Imported {read} review file(s)"));
                }
            }
            Action::AskExport(ExportKind::ClaimReview) => {
                self.dialog = Some(Dialog::ClaimReviewSite(self.prefs.site.clone()));
            }
            Action::AskClaimReviewFile(site) => {
                self.prefs.site = site;
                let kind = ExportKind::ClaimReview;
                self.asking_for = Some(Asking::Export(kind));
                let ask = Ask::SaveFile {
                    title: "Export ClaimReview".into(),
                    name: kind.file_name(""),
                };
                self.file_dialog.ask(ask, ctx);
            }
            Action::AskExport(kind) => {
                self.asking_for = Some(Asking::Export(kind));
                let ask = Ask::SaveFile {
                    title: kind.label().trim_end_matches('…').into(),
                    name: kind.file_name(&self.reviewer()),
                };
                self.file_dialog.ask(ask, ctx);
            }
            Action::Export(kind, path) => {
                let Some(s) = &self.session else { return };
                let ws = s.workspace();
                let text = match kind {
                    ExportKind::Review => {
                        review_files::encode(&review_files::export(ws, &self.reviewer(), &[]))
                    }
                    ExportKind::Csv => crate::export::table::export(ws, &[]),
                    ExportKind::Markdown => crate::export::markdown::export(ws, &[]),
                    ExportKind::ClaimReview => {
                        crate::export::claimreview::export(ws, &self.prefs.site, &[])
                    }
                };
                match crate::export::write(&path, &text) {
                    Ok(()) => self.info(format!("Exported to {}", path.display())),
                    Err(e) => self.error(format!("{}: {e}", path.display())),
                }
            }
            Action::ApplyAgreedReviews => {
                let Some(s) = &self.session else { return };
                let plan = review_files::merge(
                    s.workspace(),
                    &self.reviews.files,
                    &self.reviewer(),
                    Self::now(),
                );
                let n = plan.statuses_set.len();
                if !plan.edits.is_empty() {
                    self.edit(Edit::Batch(plan.edits), None);
                    self.info(format!(
                        "Applied {n} agreed verdict(s); undo takes them back"
                    ));
                }
            }
            Action::ResolveReview { id, status, from } => self.resolve_review(id, status, &from),
            Action::ShowClaim(id) => {
                self.view = View::Claims;
                self.apply(ctx, Action::Select(id));
            }
            Action::ShowView(view) => self.view = view,
            Action::ShowDocument(id) => {
                self.view = View::Documents;
                // Coming from a claim: scroll to its quote.
                let quote = self.session.as_ref().and_then(|s| {
                    let claim = s.workspace().get(self.selected.as_ref()?)?;
                    let anchor = claim.anchor.as_ref().filter(|a| a.document == id)?;
                    let found =
                        crate::model::locate(&s.workspace().document(&id)?.text, &anchor.quote);
                    (found.state != crate::model::AnchorState::Orphaned)
                        .then_some((found.start, found.end))
                });
                self.documents.reveal = quote;
                self.documents.document = Some(id);
            }
            Action::DiscardAndQuit => {
                self.dialog = None;
                self.closing = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Action::SaveAndQuit => {
                self.dialog = None;
                if self.save(Default::default()) {
                    self.closing = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    fn command(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::Save => {
                self.save(Default::default());
            }
            Command::Undo | Command::Redo => {
                let undo = c == Command::Undo;
                let Some(s) = &mut self.session else { return };
                let touched = if undo { s.undo() } else { s.redo() };
                // Show the claim the step changed, unless it is gone.
                if let Some([id]) = touched.as_deref()
                    && s.workspace().contains(id)
                {
                    self.selected = Some(id.clone());
                }
                if self
                    .selected
                    .as_ref()
                    .is_some_and(|id| !s.workspace().contains(id))
                {
                    self.selected = None;
                }
                self.info(match (touched.is_some(), undo) {
                    (true, true) => "Undone".into(),
                    (true, false) => "Redone".into(),
                    (false, true) => "Nothing to undo".into(),
                    (false, false) => "Nothing to redo".into(),
                });
            }
            Command::Find => self.list.focus_search(),
            Command::NewClaim if self.session.is_some() => self.dialog = Some(Dialog::new_claim()),
            Command::DeleteClaim => {
                if let Some(id) = self.selected.clone() {
                    self.dialog = Some(Dialog::ConfirmDelete(id));
                }
            }
            Command::AddRelation => {
                if let Some(id) = self.selected.clone() {
                    self.dialog = Some(Dialog::add_relation(id));
                }
            }
            Command::OpenWorkspace => {
                self.asking_for = Some(Asking::Open);
                self.file_dialog.ask(
                    Ask::Folder {
                        title: "Open a claimdesk workspace".into(),
                    },
                    ctx,
                );
            }
            Command::NextClaim | Command::PreviousClaim => {
                let step = if c == Command::NextClaim { 1 } else { -1 };
                if let Some(id) = self.list.neighbour(self.selected.as_ref(), step) {
                    self.apply(ctx, Action::Select(id));
                }
            }
            Command::SetStatus(i) => self.set_status(i as usize),
            Command::CommandPalette => self.dialog = Some(Dialog::palette()),
            Command::ToggleTheme => {
                let dark = !ctx.global_style().visuals.dark_mode;
                self.prefs.dark = Some(dark);
                apply_theme(ctx, self.prefs.dark);
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::NewClaim => {}
        }
    }

    /// After a change, a selected claim that no longer exists gives way to its neighbour.
    fn keep_selection_valid(&mut self) {
        let Some(s) = &self.session else { return };
        if let Some(id) = &self.selected
            && !s.workspace().contains(id)
        {
            self.selected = self
                .list
                .neighbour(Some(id), 1)
                .or_else(|| self.list.neighbour(Some(id), -1))
                .filter(|n| s.workspace().contains(n));
        }
    }

    fn edit(&mut self, mut edit: Edit, merge: Option<String>) {
        if let Edit::AddEvidence { evidence, .. } = &mut edit {
            evidence.added_by = self.reviewer();
            evidence.added = Self::now();
        }
        let Some(s) = &mut self.session else { return };
        let result = match merge {
            Some(key) => s.apply_merging(edit, &key),
            None => s.apply(edit),
        };
        if let Err(e) = result {
            self.error(e.to_string());
        }
        self.keep_selection_valid();
    }

    fn set_status(&mut self, index: usize) {
        let (Some(s), Some(id)) = (&self.session, self.selected.clone()) else {
            return;
        };
        let Some(def) = s.workspace().manifest.statuses.get(index) else {
            return;
        };
        let status = def.key.clone();
        let by = self.reviewer();
        let time = Self::now();
        let reason = std::mem::take(&mut self.composer);
        let mut steps = vec![Edit::SetStatus {
            id: id.clone(),
            status,
            by: by.clone(),
            time,
            reason: reason.clone(),
        }];
        if !reason.trim().is_empty() {
            steps.push(Edit::AddNote {
                id,
                note: Note {
                    author: by,
                    time,
                    text: reason.trim().to_string(),
                },
            });
        }
        let failed = self.session.as_mut().map(|s| s.apply(Edit::Batch(steps)));
        if let Some(Err(e)) = failed {
            self.composer = reason;
            self.error(e.to_string());
        }
    }

    /// Reads ClaimReview JSON-LD into new claims, as one undoable step.
    fn import_claimreview(&mut self, path: &Path) {
        let Some(s) = &self.session else { return };
        let text = match crate::export::read_text(path) {
            Ok(text) => text,
            Err(e) => return self.error(e.to_string()),
        };
        let fresh = |claim_text: &str, taken: &[ClaimId]| {
            s.folder()
                .free_id_except(s.workspace(), &crate::model::slugify(claim_text), taken)
        };
        match crate::export::claimreview::import(
            s.workspace(),
            &text,
            &self.reviewer(),
            Self::now(),
            fresh,
        ) {
            Ok(edits) => {
                let added = edits
                    .iter()
                    .filter(|e| matches!(e, Edit::AddClaim(_)))
                    .count();
                if !edits.is_empty() {
                    self.edit(Edit::Batch(edits), None);
                }
                self.info(format!("{added} claim(s) added from {}", path.display()));
            }
            Err(e) => self.error(format!("{}:{e}", path.display())),
        }
    }

    /// Settles a disagreement: a verdict that differs from the claim's is set with a history
    /// entry naming the choice; keeping the desk's verdict is recorded as a note.
    fn resolve_review(&mut self, id: ClaimId, status: crate::model::Status, from: &Conflict) {
        let Some(s) = &self.session else { return };
        let Some(claim) = s.workspace().get(&id) else {
            return;
        };
        let m = &s.workspace().manifest;
        let summary = match from {
            Conflict::Reviewers { verdicts, .. } => verdicts
                .iter()
                .map(|(who, v)| format!("{who}: {}", m.label(v)))
                .collect::<Vec<_>>()
                .join(", "),
            Conflict::Workspace {
                current,
                theirs,
                reviewers,
                ..
            } => {
                format!(
                    "desk: {}, {}: {}",
                    m.label(current),
                    reviewers.join(", "),
                    m.label(theirs)
                )
            }
        };
        let (by, time) = (self.reviewer(), Self::now());
        let edit = if claim.status == status {
            let text = format!("{} ({summary})", review_files::KEPT);
            Edit::AddNote {
                id,
                note: Note {
                    author: by,
                    time,
                    text,
                },
            }
        } else {
            let reason = format!("{} ({summary})", review_files::RESOLVED);
            Edit::SetStatus {
                id,
                status,
                by,
                time,
                reason,
            }
        };
        self.edit(edit, None);
    }

    fn add_note(&mut self) {
        let Some(id) = self.selected.clone() else {
            return;
        };
        let text = self.composer.trim().to_string();
        if text.is_empty() {
            return;
        }
        let note = Note {
            author: self.reviewer(),
            time: Self::now(),
            text,
        };
        self.edit(Edit::AddNote { id, note }, None);
        self.composer.clear();
    }

    /// Saves; on a conflict shows the reload-or-keep dialog. Returns true when saved.
    fn save(&mut self, overwrite: std::collections::BTreeSet<ClaimId>) -> bool {
        // A note typed but not yet added is part of the work: keep it rather than lose it.
        if !self.composer.trim().is_empty() {
            self.add_note();
        }
        let Some(s) = &mut self.session else {
            return false;
        };
        match s.save(&SaveOptions { overwrite }) {
            Ok(report) => {
                let n = report.written.len() + report.removed.len();
                self.info(if n == 0 {
                    "Nothing to save".into()
                } else {
                    format!("Saved {n} file(s)")
                });
                true
            }
            Err(SaveError::ChangedOnDisk(ids)) => {
                self.dialog = Some(Dialog::Conflict(ids));
                false
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }
}

fn command_button(
    ui: &mut egui::Ui,
    ctx: &egui::Context,
    c: Command,
    label: &str,
    actions: &mut Vec<Action>,
) {
    let shortcut = c
        .shortcuts()
        .first()
        .map(|s| ctx.format_shortcut(s))
        .unwrap_or_default();
    if ui
        .add(egui::Button::new(label).shortcut_text(shortcut))
        .clicked()
    {
        actions.push(Action::Command(c));
        ui.close();
    }
}

fn apply_theme(ctx: &egui::Context, dark: Option<bool>) {
    ctx.set_theme(match dark {
        None => egui::ThemePreference::System,
        Some(true) => egui::ThemePreference::Dark,
        Some(false) => egui::ThemePreference::Light,
    });
}

impl eframe::App for ClaimDeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested())
            && !self.closing
            && self
                .session
                .as_ref()
                .is_some_and(Session::has_unsaved_changes)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedOnClose);
        }
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::KEY, &self.prefs);
    }
}

/// Opens the window; `dir` is the workspace named on the command line.
pub fn run(dir: Option<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("claimdesk")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    let reviewer = crate::cli::default_reviewer();
    eframe::run_native(
        "claimdesk",
        options,
        Box::new(move |cc| {
            Ok(Box::new(ClaimDeskApp::new(
                cc,
                Options {
                    workspace: dir,
                    dialog: Box::new(NativeFileDialog::default()),
                    reviewer,
                },
            )))
        }),
    )
    .map_err(|e| format!("cannot open the window: {e}"))
}
