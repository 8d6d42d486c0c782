//! The reviewer's window, a thin front end over the [`crate::desk`] layer. Panels draw and
//! return [`Action`]s; after every panel has drawn, [`ClaimDeskApp::update`] applies them by
//! calling the desk, and shows every failure in the message log. What needs egui itself
//! (opening a dialog, a URL, closing the window) comes out of `update` as an [`Effect`], so
//! the app's logic runs and is tested without an egui context.

mod archiving;
mod claim_list;
mod claim_view;
mod commands;
mod dialogs;
mod disk_watch;
mod document_view;
mod file_dialog;
mod loading;
mod notifications;
mod prefs;
mod problems;
mod queue_view;
mod recovery_journal;
mod review_bar;
mod reviews_view;
mod similar_job;
mod status_badge;
mod table_view;
mod theme;
mod update;
mod welcome;

pub use claim_list::{ClaimList, SortOrder};
pub use commands::Command;
pub use dialogs::Dialog;
pub use file_dialog::{
    Answer, Ask, FileDialog, NativeFileDialog, PathKind, Purpose, ScriptedDialog,
};
pub use notifications::{Level, Notification};
pub use prefs::Prefs;

use crate::desk::{ClaimDraft, Desk, EvidenceDraft, ExportRequest, Format, Reviewer};
use crate::edit::Edit;
use crate::export::review::Conflict;
use crate::model::{ClaimId, Status};
use crate::session::MergeKey;
use document_view::DocumentView;
use notifications::Notifications;
use reviews_view::ReviewsView;
use std::path::PathBuf;

/// Something a panel asks for; applied after the frame's panels have drawn.
#[derive(Clone, Debug)]
pub enum Action {
    /// Give a command.
    Command(Command),
    /// Select a claim (and show it in the list).
    Select(ClaimId),
    /// Apply an edit that records no name (tags, links, removals…) as its own undo step.
    Edit(Edit),
    /// Apply an edit typed into a field, merged with the previous one of the same field.
    Typed(Edit, MergeKey),
    /// A field lost focus: the next edit is a new undo step.
    EndTyping,
    /// Set the status by vocabulary position, with the composer's note as the reason.
    SetStatus(usize),
    /// Give this claim the n-th status of the vocabulary with this reason.
    Verdict(ClaimId, usize, String),
    /// Add the composer's note to the selected claim.
    AddNote,
    /// Add evidence to a claim.
    AddEvidence(ClaimId, EvidenceDraft),
    /// Correct the evidence item at `index` of a claim.
    EditEvidence {
        /// The claim.
        id: ClaimId,
        /// Which item.
        index: usize,
        /// Its new content.
        draft: EvidenceDraft,
        /// Typing into one of its fields (merged into one undo step).
        typing: bool,
    },
    /// Add a claim and select it.
    AddClaim(ClaimDraft),
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
    /// Approve (`true`) or send back this claim's verdict; the note box says why.
    SignOff(ClaimId, bool),
    /// Put a verdict that was sent back up for sign-off again; the note box says what was done.
    Resubmit(ClaimId),
    /// Give these claims the n-th status of the vocabulary with one reason (one undo step).
    BulkStatus(Vec<ClaimId>, usize, String),
    /// Tag these claims (one undo step).
    BulkTag(Vec<ClaimId>, String),
    /// Assign these claims to this reviewer (one undo step).
    BulkAssign(Vec<ClaimId>, String),
    /// Save this filter as a view of the workspace under this name.
    SaveView(String, crate::model::ClaimFilter),
    /// Delete the saved view of this name.
    DeleteView(String),
    /// Take in what changed on disk in these claim files (`None`: look at every file).
    Reload(Option<Vec<String>>),
    /// Close the window without saving.
    DiscardAndQuit,
    /// Save, then close the window if the save succeeded.
    SaveAndQuit,
    /// Ask for an empty folder and make a workspace there.
    AskNewWorkspace,
    /// Ask for review files and ClaimReview files to import.
    AskImport,
    /// Ask where to write this export.
    AskExport(Format),
    /// Ask where to write ClaimReview for this site.
    AskClaimReviewFile(String),
    /// A file request was answered.
    Answered(Ask, Answer),
    /// Import these files: review files for the Reviews view, ClaimReview as new claims.
    Import(Vec<PathBuf>),
    /// Write an export there.
    Export(ExportRequest, PathBuf),
    /// Apply the verdicts every reviewer agrees on, with their notes and evidence.
    ApplyAgreedReviews,
    /// Settle a disagreement by choosing `status`.
    ResolveReview {
        /// The verdict chosen.
        status: Status,
        /// The disagreement being settled.
        from: Conflict,
    },
    /// Go to a claim in the Claims view.
    ShowClaim(ClaimId),
    /// Switch between the Claims, Reviews and Documents views.
    ShowView(View),
    /// Show this source document.
    ShowDocument(String),
    /// Name the reviewer (and remember the name), then carry on with the action, if any.
    SetReviewer(String, Option<Box<Action>>),
    /// Stop the open under way (what was open before stays).
    CancelOpen,
    /// Build the similar-claims matcher on another thread, unless it exists or is being built.
    FindSimilar,
    /// Link the first claim to the second as the same assertion.
    LinkSameAs(ClaimId, ClaimId),
    /// Write a fetched source into `sources/` and show it; for an evidence item, record
    /// it there too.
    AddSource(
        Box<crate::desk::archive::Prepared>,
        Option<(ClaimId, usize)>,
    ),
    /// Open "Add source" for this evidence item, its address filled in.
    ArchiveEvidence(ClaimId, usize),
}

/// What `update` needs egui for, done after it by the frame that has a context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Show a file dialog.
    Ask(Ask),
    /// Open a web address in the browser.
    OpenUrl(String),
    /// Close the window.
    Close,
    /// Dark, light, or follow the system.
    Theme(Option<bool>),
}

/// What the central area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum View {
    /// The selected claim.
    #[default]
    Claims,
    /// Imported review files, agreement and disagreements.
    Reviews,
    /// Source documents with the claims' quotes highlighted.
    Documents,
    /// The claims assigned to the reviewer that wait for a verdict.
    Queue,
    /// The verdicts that wait for the reviewer's sign-off.
    SignOff,
    /// Every claim the filter keeps, in sortable columns, with bulk actions.
    Table,
}

/// How the app starts.
pub struct Options {
    /// The workspace to open first; `None` tries the last one, then `./claims`.
    pub workspace: Option<PathBuf>,
    /// The file dialog to use.
    pub dialog: Box<dyn FileDialog>,
    /// The reviewer named on the command line, if any.
    pub reviewer: Option<String>,
    /// Where unsaved work is kept for crash recovery (`None`: it is not).
    pub recovery: Option<PathBuf>,
}

/// The window's state.
pub struct ClaimDeskApp {
    desk: Option<Desk>,
    prefs: Prefs,
    /// Who is reviewing; `None` until named (then the first change that records a name asks).
    reviewer: Option<Reviewer>,
    /// The reviewer box in the menu bar.
    reviewer_field: String,
    selected: Option<ClaimId>,
    list: ClaimList,
    /// The note being written for the selected claim.
    composer: String,
    dialog: Option<Dialog>,
    file_dialog: Box<dyn FileDialog>,
    /// A file request is out: one at a time.
    asking: bool,
    notifications: Notifications,
    /// What `update` left for the frame to do with egui.
    effects: Vec<Effect>,
    /// True once the reviewer has agreed to close.
    closing: bool,
    view: View,
    reviews: ReviewsView,
    documents: DocumentView,
    shown_title: String,
    disk: disk_watch::DiskWatch,
    recovery: recovery_journal::RecoveryJournal,
    queue: queue_view::QueueView,
    signoffs: queue_view::QueueView,
    table: table_view::TableView,
    /// An open under way on another thread.
    loading: Option<loading::Loading>,
    /// The similar-claims matcher being built on another thread.
    similar_job: Option<similar_job::SimilarJob>,
    /// New claims to look at for repeats once the matcher is built.
    repeat_checks: Vec<ClaimId>,
    /// The "Add source" dialog, with its fetch under way on another thread.
    add_source: Option<archiving::AddSource>,
    /// Whether slow work (opening a workspace, building the similar-claims matcher for a
    /// new claim's check) runs on another thread (the window) or before `update` returns
    /// (tests, benchmarks).
    open_in_background: bool,
}

impl ClaimDeskApp {
    /// Builds the app with remembered preferences from eframe's storage. The reviewer is the
    /// one named on the command line, else `$CLAIMDESK_REVIEWER`, else the name the window
    /// remembers, else git's `user.name` for the workspace; else the window asks when needed.
    pub fn new(cc: &eframe::CreationContext<'_>, mut options: Options) -> Self {
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, prefs::KEY))
            .unwrap_or_default();
        let dir = options
            .workspace
            .clone()
            .or_else(|| prefs.recent.first().cloned());
        options.reviewer = crate::desk::resolve_reviewer(
            options.reviewer.as_deref(),
            Some(prefs.reviewer.as_str()),
            dir.as_deref(),
        )
        .map(|(r, _)| r.name().to_string());
        Self::build(prefs, options, true)
    }

    /// Builds the app from given preferences, without looking at the environment or git
    /// (tests, benchmarks): the reviewer is `options.reviewer`, else the remembered name.
    pub fn with_prefs(prefs: Prefs, options: Options) -> Self {
        Self::build(prefs, options, false)
    }

    fn build(prefs: Prefs, options: Options, open_in_background: bool) -> Self {
        let reviewer = options
            .reviewer
            .as_deref()
            .and_then(Reviewer::new)
            .or_else(|| Reviewer::new(&prefs.reviewer));
        let mut app = Self {
            desk: None,
            reviewer_field: reviewer
                .as_ref()
                .map(|r| r.name().to_string())
                .unwrap_or_default(),
            reviewer,
            effects: vec![Effect::Theme(prefs.dark)],
            prefs,
            selected: None,
            list: ClaimList::default(),
            composer: String::new(),
            dialog: None,
            file_dialog: options.dialog,
            asking: false,
            notifications: Notifications::default(),
            closing: false,
            view: View::Claims,
            reviews: ReviewsView::default(),
            documents: DocumentView::default(),
            shown_title: String::new(),
            disk: disk_watch::DiskWatch::default(),
            recovery: recovery_journal::RecoveryJournal::new(options.recovery),
            queue: queue_view::QueueView::mine(),
            signoffs: queue_view::QueueView::signoff(),
            table: table_view::TableView::default(),
            loading: None,
            similar_job: None,
            repeat_checks: Vec::new(),
            add_source: None,
            open_in_background,
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
            app.update(Action::Open(dir));
        }
        app
    }

    /// Orders the table by `key` (the same key again: the other way round), as a click on
    /// its column header does.
    pub fn sort_table(&mut self, key: crate::model::SortKey) {
        self.table.sort_by(key);
    }

    /// Opens workspaces on another thread from now on, as the window does (`false`: before
    /// [`ClaimDeskApp::update`] returns).
    pub fn set_open_in_background(&mut self, on: bool) {
        self.open_in_background = on;
    }

    /// True while a workspace is being opened on another thread.
    pub fn is_opening(&self) -> bool {
        self.loading.is_some()
    }

    /// The open desk, if any.
    pub fn desk(&self) -> Option<&Desk> {
        self.desk.as_ref()
    }

    /// The open session, if any.
    pub fn session(&self) -> Option<&crate::session::Session> {
        self.desk.as_ref().map(Desk::session)
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

    /// The open dialog, if any.
    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// Who is reviewing, if known.
    pub fn reviewer(&self) -> Option<&Reviewer> {
        self.reviewer.as_ref()
    }

    /// The quotes highlighted in the document view, as of the last frame.
    pub fn document_highlights(&self) -> &[document_view::Highlight] {
        self.documents.highlights()
    }

    /// The newest message's text, if any.
    pub fn message(&self) -> Option<&str> {
        self.notifications.latest().map(|n| n.text.as_str())
    }

    /// Every message of this session, oldest first.
    pub fn notifications(&self) -> &[Notification] {
        self.notifications.all()
    }

    /// What `update` has left for the frame to do with egui (drained by each frame).
    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.shown_title
    }

    /// Draws one frame; everything but eframe's window handling.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        let statuses = self
            .desk
            .as_ref()
            .map_or(0, |d| d.workspace().manifest.statuses.len());
        if self.dialog.is_none()
            && self.add_source.is_none()
            && self.loading.is_none()
            && let Some(c) = commands::pressed(&ctx, &Command::all(statuses))
        {
            actions.push(Action::Command(c));
        }
        if let Some((ask, answer)) = self.file_dialog.poll() {
            actions.push(Action::Answered(ask, answer));
        }
        if let Some(desk) = &self.desk {
            match self.disk.poll(&ctx, desk.session().folder().root()) {
                Ok(Some(changes)) => actions.push(Action::Reload(
                    (!changes.everything).then_some(changes.stems),
                )),
                Ok(None) => {}
                Err(why) => self.notifications.push(Level::Warning, why),
            }
            let (again, problem) = self
                .recovery
                .tick(desk.session(), std::time::Instant::now());
            if let Some(wait) = again {
                ctx.request_repaint_after(wait);
            }
            if let Some(problem) = problem {
                self.notifications.push(Level::Warning, problem);
            }
        }
        self.menu_bar(ui, &mut actions);
        self.status_bar(ui);
        if self.notifications.open {
            egui::Panel::bottom("messages").show(ui, |ui| {
                notifications::panel(ui, &self.notifications);
            });
        }
        let dark = ui.visuals().dark_mode;
        match (&self.loading, &self.desk) {
            (Some(loading), _) => loading::show(ui, loading, &mut actions),
            (None, None) => welcome::show(
                ui,
                &self.prefs.recent,
                self.notifications.latest(),
                &mut actions,
            ),
            (None, Some(desk)) => {
                let session = desk.session();
                problems::show(ui, session.diagnostics());
                // A third of the window, within bounds: at 1024 pixels the claim keeps room
                // for its verdict buttons on one row.
                let list_width = (ui.available_width() / 3.0).clamp(260.0, 420.0);
                egui::Panel::left("claim-list")
                    .resizable(true)
                    .default_size(list_width)
                    .min_size(260.0)
                    .show(ui, |ui| {
                        self.list
                            .show(ui, session, self.selected.as_ref(), dark, &mut actions);
                    });
                let (view, selected) = (self.view, self.selected.as_ref());
                let (list, composer) = (&self.list, &mut self.composer);
                let (documents, reviews) = (&mut self.documents, &mut self.reviews);
                let (queue, signoffs) = (&mut self.queue, &mut self.signoffs);
                let table = &mut self.table;
                egui::CentralPanel::default().show(ui, |ui| {
                    let queued = queue.rows(desk).len();
                    let to_sign = desk
                        .workspace()
                        .manifest
                        .require_signoff
                        .then(|| signoffs.rows(desk).len());
                    view_tabs(ui, view, (queued, to_sign), &mut actions);
                    match view {
                        View::Queue => queue_view::show(ui, queue, desk, &mut actions),
                        View::SignOff => {
                            queue_view::show_signoff(ui, signoffs, desk, &mut actions);
                        }
                        View::Table => table_view::show(
                            ui,
                            table,
                            session,
                            &list.filter,
                            list.filtered(),
                            &mut actions,
                        ),
                        View::Documents => {
                            document_view::show(ui, documents, session, dark, &mut actions);
                        }
                        View::Reviews => {
                            egui::ScrollArea::vertical()
                                .auto_shrink([false, false])
                                .show(ui, |ui| {
                                    reviews_view::show(ui, reviews, desk, dark, &mut actions);
                                });
                        }
                        View::Claims => {
                            match selected.and_then(|id| session.workspace().get(id)) {
                                Some(claim) => {
                                    claim_pane(ui, list, session, claim, composer, dark, &mut actions);
                                }
                                None => {
                                    ui.centered_and_justified(|ui| {
                                        ui.label("No claim selected. Pick one from the list, or press Ctrl+N for a new claim.")
                                    });
                                }
                            }
                        }
                    }
                });
            }
        }
        if let Some(dialog) = &mut self.dialog {
            match &self.desk {
                Some(desk) => {
                    let session = desk.session();
                    let index = self.list.index_at(session.generation());
                    dialogs::show(&ctx, dialog, session, index, &mut actions)
                }
                None => dialogs::show_without_session(&ctx, dialog, &mut actions),
            }
        }
        if let Some(form) = &mut self.add_source {
            let clock = self
                .desk
                .as_ref()
                .map_or_else(Default::default, Desk::clock);
            if !archiving::show(&ctx, form, clock, &mut actions) {
                self.add_source = None;
            }
        }
        for action in actions {
            self.update(action);
        }
        if let (Some(job), Some(desk)) = (&self.similar_job, &self.desk) {
            if job.poll(desk.session()) {
                self.similar_job = None;
                if !self.repeat_checks.is_empty() {
                    self.check_repeats();
                }
                ctx.request_repaint();
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
        }
        // The open begins once the first frame is on screen: eframe paints one frame before
        // it shows the window, so this is the third. Begun at once, the open's two threads
        // shared the two cores with the window's start-up (shaders, fonts), and the first
        // frame came 0.1 s later at 100,000 claims than with none.
        // Looked at after the frame has drawn, so that even an open that ends at once shows
        // its progress for a frame rather than nothing.
        if let Some(loading) = &mut self.loading {
            if ctx.cumulative_frame_nr() > 1 {
                loading.begin();
            }
            if let Some(result) = loading.poll() {
                let dir = loading.dir().to_path_buf();
                self.loading = None;
                self.opened(&dir, result);
                ctx.request_repaint();
            } else if loading.waiting() {
                ctx.request_repaint();
            } else {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
            }
        }
        for effect in std::mem::take(&mut self.effects) {
            match effect {
                Effect::Ask(ask) => self.file_dialog.ask(ask, &ctx),
                Effect::OpenUrl(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
                Effect::Close => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Effect::Theme(dark) => theme::apply(&ctx, dark),
            }
        }
        self.update_title(&ctx);
    }
}

/// "Undo Dispute: …" and "Redo …": what the next undo or redo does, for the menu.
fn named_step(command: Command, session: Option<&crate::session::Session>) -> Option<String> {
    let session = session?;
    match command {
        Command::Undo => session.undo_label().map(|l| format!("Undo {l}")),
        Command::Redo => session.redo_label().map(|l| format!("Redo {l}")),
        _ => None,
    }
}

fn view_tabs(
    ui: &mut egui::Ui,
    current: View,
    (queued, to_sign): (usize, Option<usize>),
    actions: &mut Vec<Action>,
) {
    let queue = format!("My queue ({queued})");
    let sign = to_sign.map(|n| format!("Sign-off ({n})"));
    ui.horizontal(|ui| {
        let signoff = sign.as_deref().map(|name| (View::SignOff, name));
        for (view, name) in [
            Some((View::Claims, "Claims")),
            Some((View::Table, "Table")),
            Some((View::Queue, queue.as_str())),
            signoff,
            Some((View::Reviews, "Reviews")),
            Some((View::Documents, "Documents")),
        ]
        .into_iter()
        .flatten()
        {
            if ui.selectable_label(current == view, name).clicked() {
                actions.push(Action::ShowView(view));
            }
        }
    });
    ui.separator();
}

/// The selected claim: the review bar, then its fields.
fn claim_pane(
    ui: &mut egui::Ui,
    list: &ClaimList,
    session: &crate::session::Session,
    claim: &crate::model::Claim,
    composer: &mut String,
    dark: bool,
    actions: &mut Vec<Action>,
) {
    if !list.shows(&claim.id) {
        ui.label(
            egui::RichText::new("This claim is hidden by the list's search or filters.")
                .color(ui.visuals().warn_fg_color),
        );
    }
    // The verdict buttons and the note box stay in view while the details scroll under
    // them: a reviewer reads down to the evidence, then gives the verdict.
    review_bar::show(ui, session, claim, composer, dark, actions);
    ui.separator();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .id_salt("claim-details")
        .show(ui, |ui| {
            // Room for the scroll bar: full-width fields stop short of it.
            ui.set_max_width(ui.available_width() - 14.0);
            claim_view::show(ui, session, claim, dark, actions);
        });
}

impl ClaimDeskApp {
    fn menu_bar(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("menu").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| {
                ui.menu_button("File", |ui| {
                    for c in [Command::OpenWorkspace, Command::Save, Command::NewWorkspace] {
                        command_button(ui, &ctx, c, c.label(), actions);
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
                    let import = [Command::AddSource, Command::Import].into_iter();
                    for c in import.chain(Format::ALL.map(Command::Export)) {
                        command_button(ui, &ctx, c, c.label(), actions);
                    }
                    ui.separator();
                    command_button(ui, &ctx, Command::Quit, Command::Quit.label(), actions);
                });
                ui.menu_button("Edit", |ui| {
                    let session = self.desk.as_ref().map(Desk::session);
                    for c in [
                        Command::Undo,
                        Command::Redo,
                        Command::Find,
                        Command::NewClaim,
                        Command::AddRelation,
                        Command::DeleteClaim,
                    ] {
                        let named = named_step(c, session);
                        command_button(ui, &ctx, c, named.as_deref().unwrap_or(c.label()), actions);
                    }
                });
                if let Some(desk) = &self.desk {
                    ui.menu_button("Status", |ui| {
                        for (i, def) in desk.workspace().manifest.statuses.iter().enumerate() {
                            command_button(
                                ui,
                                &ctx,
                                Command::SetStatus(i as u8),
                                &desk.workspace().manifest.verb(&def.key),
                                actions,
                            );
                        }
                    });
                }
                ui.menu_button("View", |ui| {
                    for c in Command::FIXED {
                        if matches!(c, Command::ShowView(_)) {
                            command_button(ui, &ctx, c, c.label(), actions);
                        }
                    }
                    ui.separator();
                    for c in [
                        Command::NextClaim,
                        Command::PreviousClaim,
                        Command::ToggleTheme,
                        Command::ShowMessages,
                        Command::Reload,
                        Command::CommandPalette,
                    ] {
                        command_button(ui, &ctx, c, c.label(), actions);
                    }
                });
                ui.separator();
                let label = ui.label("Reviewer:");
                let field = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.reviewer_field)
                            .desired_width(140.0)
                            .hint_text("your name"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(
                        "Your name: it goes into every status change, note and evidence item you \
                         make, and finds your work when you export a review file. Use the same \
                         name every time.",
                    );
                if field.changed() {
                    actions.push(Action::SetReviewer(self.reviewer_field.clone(), None));
                }
            });
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(desk) = &self.desk {
                    let session = desk.session();
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
                    ui.separator();
                }
                notifications::status_line(ui, &mut self.notifications);
            });
        });
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.desk {
            None => "claimdesk".to_string(),
            Some(d) => {
                let dirty = if d.session().has_unsaved_changes() {
                    " • unsaved"
                } else {
                    ""
                };
                format!("{}{dirty} — claimdesk", d.workspace().manifest.name)
            }
        };
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
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
    let mut button = egui::Button::new(label);
    // Without a shortcut the button stays as its label alone (to screen readers as well).
    if let Some(shortcut) = c.shortcuts().first() {
        button = button.shortcut_text(ctx.format_shortcut(shortcut));
    }
    if ui.add(button).clicked() {
        actions.push(Action::Command(c));
        ui.close();
    }
}

impl eframe::App for ClaimDeskApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested())
            && !self.closing
            && self
                .desk
                .as_ref()
                .is_some_and(|d| d.session().has_unsaved_changes())
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedOnClose);
        }
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::KEY, &self.prefs);
    }

    fn on_exit(&mut self) {
        // A change undone in the last half second must not come back at the next start.
        if let Some(desk) = &self.desk {
            self.recovery.flush(desk.session());
        }
        self.recovery.close();
    }
}

/// Opens the window on `dir` (the workspace named on the command line) for `reviewer` (named
/// on the command line); returns the process's exit code.
pub fn main(dir: Option<PathBuf>, reviewer: Option<String>) -> std::process::ExitCode {
    let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png"));
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("claimdesk")
        // The desktop entry's StartupWMClass: the taskbar groups the window under its icon.
        .with_app_id("claimdesk");
    if let Ok(icon) = icon {
        viewport = viewport.with_icon(std::sync::Arc::new(icon));
    }
    let options = eframe::NativeOptions {
        viewport: viewport
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "claimdesk",
        options,
        Box::new(move |cc| {
            Ok(Box::new(ClaimDeskApp::new(
                cc,
                Options {
                    workspace: dir,
                    dialog: Box::new(NativeFileDialog::default()),
                    reviewer,
                    recovery: eframe::storage_dir("claimdesk").map(|d| d.join("recovery")),
                },
            )))
        }),
    );
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimdesk: cannot open the window: {e}");
            std::process::ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_window_icon_decodes_and_the_desktop_entry_names_it() {
        let icon = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png"))
            .expect("the icon is a PNG");
        assert_eq!((icon.width, icon.height), (256, 256));
        let entry = include_str!("../../assets/claimdesk.desktop");
        for line in [
            "[Desktop Entry]",
            "Type=Application",
            "Exec=claimdesk %f",
            "Icon=claimdesk",
            "StartupWMClass=claimdesk",
        ] {
            assert!(entry.lines().any(|l| l == line), "{line}");
        }
    }
}
