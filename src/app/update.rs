//! The dispatcher: each [`Action`] becomes a call to the desk, and its outcome a message.
//! Nothing here needs an egui context; what does is left as an [`Effect`].

use super::dialogs::Dialog;
use super::file_dialog::{Answer, Ask, PathKind, Purpose};
use super::loading;
use super::notifications::Level;
use super::{Action, ClaimDeskApp, ClaimList, Command, Effect, View};
use crate::desk::{Desk, DeskError, ExportRequest, Format, Imported, Reviewer};
use crate::model::{ClaimId, Manifest, Workspace};
use crate::session::{Reloaded, Restored};
use crate::store::{Folder, SaveError};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

impl ClaimDeskApp {
    /// Applies one action: the app's whole logic, testable without a window.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::Command(c) => self.command(c),
            Action::Select(id) => {
                if self.selected.as_ref() != Some(&id) {
                    self.composer.clear();
                }
                // The open workspace is the one opened last: first in the recent list.
                if self.desk.is_some()
                    && let Some(dir) = self.prefs.recent.first().cloned()
                {
                    self.prefs.select(&dir, id.as_str());
                }
                self.selected = Some(id);
                self.list.reveal_selected();
            }
            Action::Edit(edit) => {
                let result = self.with_desk(|d| d.change(edit));
                self.report(result, None);
                self.keep_selection_valid();
            }
            Action::Typed(edit, key) => {
                let result = self.with_desk(|d| d.type_into(edit, key));
                self.report(result, None);
            }
            Action::EndTyping => {
                if let Some(d) = &mut self.desk {
                    d.end_typing();
                }
            }
            Action::SetStatus(i) => self.set_status(i),
            Action::Verdict(id, i, reason) => self.give_verdict(id, i, reason),
            Action::AddNote => self.add_note(),
            Action::SignOff(id, approve) => {
                let note = std::mem::take(&mut self.composer);
                let retry = Action::SignOff(id.clone(), approve);
                match self.with_desk(|d| d.sign_off(&id, approve, &note)) {
                    Ok(()) => self.info(if approve {
                        format!("Signed off the verdict on {id}")
                    } else {
                        format!("Sent the verdict on {id} back to its author")
                    }),
                    Err(e) => {
                        // The note is the reviewer's work: give it back.
                        self.composer = note;
                        self.fail(e, Some(retry));
                    }
                }
            }
            Action::BulkStatus(ids, index, reason) => {
                let Some(status) = self
                    .desk
                    .as_ref()
                    .and_then(|d| d.workspace().manifest.statuses.get(index))
                    .map(|d| d.key.clone())
                else {
                    return;
                };
                if self.desk.as_ref().is_some_and(|d| d.needs_reason(&reason)) {
                    self.dialog = Some(Dialog::reason(ids, index, true));
                    return;
                }
                let retry = Action::BulkStatus(ids.clone(), index, reason.clone());
                match self.with_desk(|d| d.set_verdicts(&ids, &status, &reason)) {
                    Ok(n) => self.info(format!("Set the status of {n} claim(s); one undo takes it back")),
                    Err(e) => self.fail_with(Some("Nothing changed"), e, Some(retry)),
                }
            }
            Action::BulkTag(ids, tag) => match self.with_desk(|d| d.tag_all(&ids, &tag)) {
                Ok(n) => self.info(format!("Tagged {n} claim(s) {tag}")),
                Err(e) => self.fail_with(Some("Nothing changed"), e, None),
            },
            Action::BulkAssign(ids, who) => {
                match self.with_desk(|d| d.assign_to(&ids, &who, None, None)) {
                    Ok(()) => self.info(format!("Assigned {} claim(s) to {who}", ids.len())),
                    Err(e) => self.fail_with(Some("Nothing changed"), e, None),
                }
            }
            Action::SaveView(name, filter) => {
                match self.with_desk(|d| d.save_view(&name, &filter)) {
                    Ok(()) => self.info(format!("Saved the view {name} in the workspace")),
                    Err(e) => self.fail_with(Some("View not saved"), e, None),
                }
            }
            Action::DeleteView(name) => match self.with_desk(|d| d.delete_view(&name)) {
                Ok(()) => self.info(format!("Deleted the view {name}")),
                Err(e) => self.fail_with(Some("View not deleted"), e, None),
            },
            Action::Resubmit(id) => {
                let note = std::mem::take(&mut self.composer);
                match self.with_desk(|d| d.resubmit(&id, &note)) {
                    Ok(()) => self.info(format!("Put the verdict on {id} up for sign-off again")),
                    Err(e) => {
                        self.composer = note;
                        self.fail(e, Some(Action::Resubmit(id)));
                    }
                }
            }
            Action::AddEvidence(id, draft) => {
                let retry = Action::AddEvidence(id.clone(), draft.clone());
                let result = self.with_desk(|d| d.add_evidence(&id, draft));
                self.report(result, Some(retry));
            }
            Action::EditEvidence {
                id,
                index,
                draft,
                typing,
            } => {
                let result = self.with_desk(|d| d.edit_evidence(&id, index, draft, typing));
                self.report(result, None);
            }
            Action::AddClaim(draft) => {
                match self.with_desk(|d| d.add_claim(draft)) {
                    Ok(id) => {
                        self.repeat_checks.push(id.clone());
                        self.check_repeats();
                        self.selected = Some(id);
                        self.list.reveal_selected();
                    }
                    Err(e) => self.fail(e, None),
                }
            }
            Action::Open(dir) => {
                if self
                    .desk
                    .as_ref()
                    .is_some_and(|d| d.session().has_unsaved_changes())
                {
                    self.error("Save or undo your changes before opening another workspace");
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
                    self.effects.push(Effect::OpenUrl(url));
                } else {
                    self.error(format!("Not opened: {url} is not an http or https address"));
                }
            }
            Action::Show(dialog) => self.dialog = Some(dialog),
            Action::CloseDialog => self.dialog = None,
            Action::SaveOverwriting(ids) => {
                self.dialog = None;
                self.save(ids.into_iter().collect());
            }
            Action::TakeTheirs(ids) => {
                self.dialog = None;
                match self.with_desk(|d| d.take_theirs(&ids)) {
                    Ok(()) => self.info(format!(
                        "Reloaded {} claim(s) from disk; undo brings yours back",
                        ids.len()
                    )),
                    Err(e) => self.fail(e, None),
                }
            }
            Action::Reload(stems) => {
                let asked = stems.is_none();
                match self.with_desk(|d| d.reload(stems)) {
                    Ok(reloaded) => self.reloaded(reloaded, asked),
                    Err(e) => self.fail(e, None),
                }
            }
            Action::LinkSameAs(id, other) => {
                let linked = self.with_desk(|d| d.link_same_as(&id, &other));
                self.report(linked, None);
            }
            Action::FindSimilar => {
                if self.similar_job.is_none()
                    && let Some(desk) = &self.desk
                    && !desk.session().similar_ready()
                {
                    if self.open_in_background {
                        self.similar_job = super::similar_job::SimilarJob::start(desk.session());
                    } else {
                        // Tests and benchmarks: built before this returns, like an open.
                        desk.session().with_similar(|_, _| ());
                    }
                }
            }
            Action::CancelOpen => {
                if let Some(loading) = self.loading.take() {
                    self.info(format!("Stopped opening {}", loading.dir().display()));
                }
            }
            Action::DiscardAndQuit => {
                self.dialog = None;
                self.recovery.clear();
                self.closing = true;
                self.effects.push(Effect::Close);
            }
            Action::SaveAndQuit => {
                self.dialog = None;
                if self.save(BTreeSet::new()) {
                    self.closing = true;
                    self.effects.push(Effect::Close);
                }
            }
            Action::AskNewWorkspace => self.ask(
                Purpose::Create,
                "Choose an empty folder for the new workspace",
                PathKind::Folder,
            ),
            Action::AskImport => self.ask(
                Purpose::Import,
                "Import review files or ClaimReview",
                PathKind::Files {
                    what: "review files (.ron) and ClaimReview (.json)",
                    extensions: vec!["ron", "json", "jsonld"],
                },
            ),
            Action::AskExport(Format::ClaimReview) => {
                self.dialog = Some(Dialog::ClaimReviewSite(self.prefs.site.clone()));
            }
            Action::AskExport(format) => {
                if format == Format::Review && self.reviewer.is_none() {
                    return self.ask_name(Some(Action::AskExport(format)));
                }
                let name = format.file_name(self.reviewer.as_ref().map(Reviewer::name));
                self.ask(
                    Purpose::Export(ExportRequest::all(format)),
                    &format!("Export {}", format.title()),
                    PathKind::NewFile(name),
                );
            }
            Action::AskClaimReviewFile(site) => {
                self.prefs.site = site.clone();
                let format = Format::ClaimReview;
                self.ask(
                    Purpose::Export(ExportRequest {
                        site: Some(site),
                        ..ExportRequest::all(format)
                    }),
                    "Export ClaimReview",
                    PathKind::NewFile(format.file_name(None)),
                );
            }
            Action::Answered(ask, answer) => self.answered(ask, answer),
            Action::Import(paths) => self.import(paths),
            Action::Export(request, path) => {
                let retry = Action::Export(request.clone(), path.clone());
                match self.with_desk(|d| d.export_to(&request, &path)) {
                    Ok(exported) => {
                        self.info(format!(
                            "Exported the {} to {}",
                            request.format.title(),
                            path.display()
                        ));
                        for w in exported.warnings {
                            self.notifications.push(Level::Warning, w);
                        }
                    }
                    Err(e) => self.fail(e, Some(retry)),
                }
            }
            Action::ApplyAgreedReviews => match self.with_desk(Desk::apply_agreed) {
                Ok(plan) if plan.statuses_set.is_empty() && plan.items_added == 0 => {
                    self.info("Nothing to apply: no agreed verdict, note or evidence is new")
                }
                Ok(plan) => self.info(format!(
                    "Applied {} agreed verdict(s) and {} note(s) or evidence item(s); {} disagreement(s) left; undo takes them back",
                    plan.statuses_set.len(),
                    plan.items_added,
                    plan.conflicts.len()
                )),
                Err(e) => self.fail_with(
                    Some("Nothing applied"),
                    e,
                    Some(Action::ApplyAgreedReviews),
                ),
            },
            Action::ResolveReview { status, from } => {
                let retry = Action::ResolveReview {
                    status: status.clone(),
                    from: from.clone(),
                };
                let result = self.with_desk(|d| d.resolve(&from, &status));
                self.report(result, Some(retry));
            }
            Action::ShowClaim(id) => {
                self.view = View::Claims;
                self.update(Action::Select(id));
            }
            Action::ShowView(view) => self.view = view,
            Action::ShowDocument(id) => {
                self.view = View::Documents;
                // Coming from a claim: scroll to its quote.
                let quote = self.desk.as_ref().and_then(|d| {
                    let ws = d.workspace();
                    let claim = ws.get(self.selected.as_ref()?)?;
                    let anchor = claim.anchor.as_ref().filter(|a| a.document == id)?;
                    let found = crate::model::locate(&ws.document(&id)?.text, &anchor.quote);
                    (found.state != crate::model::AnchorState::Orphaned)
                        .then_some((found.start, found.end))
                });
                self.documents.reveal = quote;
                self.documents.document = Some(id);
            }
            Action::AddSource(prepared, evidence) => self.add_source(*prepared, evidence),
            Action::ArchiveEvidence(id, index) => {
                let url = self.desk.as_ref().and_then(|d| {
                    Some(d.workspace().get(&id)?.evidence.get(index)?.url.to_string())
                });
                if let Some(url) = url {
                    self.add_source =
                        Some(super::archiving::AddSource::new(url, Some((id, index))));
                }
            }
            Action::SetReviewer(name, then) => {
                self.reviewer = Reviewer::new(&name);
                self.reviewer_field = name.trim().to_string();
                self.prefs.reviewer = self.reviewer_field.clone();
                if let Some(d) = &mut self.desk {
                    d.set_reviewer(self.reviewer.clone());
                }
                if let Some(then) = then.filter(|_| self.reviewer.is_some()) {
                    self.update(*then);
                }
            }
        }
    }

    fn command(&mut self, c: Command) {
        match c {
            Command::Save => {
                self.save(BTreeSet::new());
            }
            Command::Undo | Command::Redo => {
                let undo = c == Command::Undo;
                let Some(d) = &mut self.desk else { return };
                let label = match undo {
                    true => d.session().undo_label(),
                    false => d.session().redo_label(),
                }
                .map(str::to_string);
                let touched = match if undo { d.undo() } else { d.redo() } {
                    Ok(touched) => touched,
                    Err(e) => return self.fail(e, None),
                };
                // Show the claim the step changed, unless it is gone; undoing a deletion (which
                // also touches the claims that linked to it) shows the claim brought back: the
                // one the list did not show before.
                let back: Vec<&ClaimId> = touched
                    .iter()
                    .flatten()
                    .filter(|id| d.workspace().contains(id) && !self.list.shows(id))
                    .collect();
                if let Some([id]) = touched.as_deref()
                    && d.workspace().contains(id)
                {
                    self.selected = Some(id.clone());
                } else if let [id] = back.as_slice() {
                    self.selected = Some((*id).clone());
                }
                if self
                    .selected
                    .as_ref()
                    .is_some_and(|id| !d.workspace().contains(id))
                {
                    self.selected = None;
                }
                let label = label.unwrap_or_default();
                self.info(match (touched.is_some(), undo) {
                    (true, true) => format!("Undone: {label}"),
                    (true, false) => format!("Redone: {label}"),
                    (false, true) => "Nothing to undo".into(),
                    (false, false) => "Nothing to redo".into(),
                });
            }
            Command::Find => self.list.focus_search(),
            Command::NewClaim => {
                if self.desk.is_some() {
                    self.dialog = Some(Dialog::new_claim());
                }
            }
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
            Command::OpenWorkspace => self.ask(
                Purpose::Open,
                "Open a claimdesk workspace",
                PathKind::Folder,
            ),
            Command::NewWorkspace => self.update(Action::AskNewWorkspace),
            Command::AddSource => {
                if self.desk.is_some() {
                    self.add_source = Some(super::archiving::AddSource::new(String::new(), None));
                }
            }
            Command::Import => self.update(Action::AskImport),
            Command::Export(format) => self.update(Action::AskExport(format)),
            Command::ShowView(View::SignOff)
                if !self
                    .desk
                    .as_ref()
                    .is_some_and(|d| d.workspace().manifest.require_signoff) =>
            {
                self.info(
                    "This workspace does not ask for sign-off (require_signoff in workspace.ron)",
                );
            }
            Command::ShowView(view) => self.update(Action::ShowView(view)),
            Command::NextClaim | Command::PreviousClaim => {
                let step = if c == Command::NextClaim { 1 } else { -1 };
                if let Some(id) = self.list.neighbour(self.selected.as_ref(), step) {
                    self.update(Action::Select(id));
                }
            }
            Command::SetStatus(i) => self.set_status(i as usize),
            Command::CommandPalette => self.dialog = Some(Dialog::palette()),
            Command::ToggleTheme => {
                let dark = !self.prefs.dark.unwrap_or(false);
                self.prefs.dark = Some(dark);
                self.effects.push(Effect::Theme(self.prefs.dark));
            }
            Command::ShowMessages => self.notifications.toggle(),
            Command::Reload => self.update(Action::Reload(None)),
            Command::Quit => self.effects.push(Effect::Close),
        }
    }

    /// Warns about the new claims that repeat one already judged. Without a matcher yet
    /// (seconds to build at 100,000 claims), it is built on another thread and the claims
    /// are looked at once it is there.
    pub(super) fn check_repeats(&mut self) {
        let Some(desk) = &self.desk else {
            self.repeat_checks.clear();
            return;
        };
        if !desk.session().similar_ready() && self.open_in_background {
            return self.update(Action::FindSimilar);
        }
        for id in std::mem::take(&mut self.repeat_checks) {
            if let Some(checked) = desk.repeats_of(&id) {
                self.notifications.push(
                    Level::Warning,
                    format!(
                        "The new claim repeats {}, {}",
                        checked.id,
                        checked.describe()
                    ),
                );
            }
        }
    }

    /// Opens `dir`, on another thread in the window.
    fn open(&mut self, dir: &Path) {
        if !self.open_in_background {
            return self.open_now(dir);
        }
        self.leave();
        self.loading = Some(loading::Loading::new(
            dir.to_path_buf(),
            self.reviewer.clone(),
        ));
    }

    /// The workspace being left has nothing unsaved (opening another is refused otherwise):
    /// its recovery file must not outlive it with changes since undone.
    fn leave(&mut self) {
        if let Some(desk) = &self.desk {
            self.recovery.flush(desk.session());
        }
    }

    /// Opens `dir` before returning.
    fn open_now(&mut self, dir: &Path) {
        self.leave();
        let opened = Desk::open(dir, self.reviewer.clone()).map(|desk| loading::Opened {
            index: crate::model::SearchIndex::build(desk.workspace()),
            desk,
        });
        self.opened(dir, opened);
    }

    /// Takes in a finished open of `dir`.
    pub(super) fn opened(&mut self, dir: &Path, result: Result<loading::Opened, DeskError>) {
        match result {
            Ok(loading::Opened { mut desk, index }) => {
                // The reviewer may have been named while the files were read.
                desk.set_reviewer(self.reviewer.clone());
                self.prefs.opened(dir);
                let broken = desk.errors();
                if broken > 0 {
                    self.notifications.push(
                        Level::Warning,
                        format!(
                            "Opened {} — {broken} problem(s) listed below",
                            dir.display()
                        ),
                    );
                } else {
                    self.info(format!("Opened {}", dir.display()));
                }
                // The claim selected when the workspace was last open, else the first.
                let remembered = self
                    .prefs
                    .selected_in(dir)
                    .and_then(|id| crate::model::ClaimId::new(id).ok())
                    .filter(|id| desk.workspace().contains(id));
                self.selected =
                    remembered.or_else(|| desk.workspace().claims().next().map(|c| c.id.clone()));
                self.list = ClaimList::with_index(index, desk.session().generation());
                self.list.reveal_selected();
                // A matcher being built belongs to the workspace left.
                self.similar_job = None;
                self.repeat_checks.clear();
                self.desk = Some(desk);
                self.composer.clear();
                self.recover(dir);
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Says what a reload took in; a changed vocabulary opens the workspace again (when
    /// nothing is unsaved).
    fn reloaded(&mut self, r: Reloaded, asked: bool) {
        let names = |ids: &[ClaimId]| {
            ids.iter()
                .map(ClaimId::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        };
        if r.manifest_changed {
            let unsaved = self
                .desk
                .as_ref()
                .is_some_and(|d| d.session().has_unsaved_changes());
            if unsaved {
                self.notifications.push(
                    Level::Warning,
                    format!(
                        "{} changed on disk (the vocabulary?): save or undo your changes, then Reload from disk (Ctrl+R) to take it in",
                        crate::store::MANIFEST_FILE
                    ),
                );
            } else if let Some(root) = self
                .desk
                .as_ref()
                .map(|d| d.session().folder().root().to_path_buf())
            {
                let selected = self.selected.clone();
                self.open_now(&root);
                if let Some(id) = selected.filter(|id| {
                    self.desk
                        .as_ref()
                        .is_some_and(|d| d.workspace().contains(id))
                }) {
                    self.selected = Some(id);
                }
                return;
            }
        }
        let mut taken = Vec::new();
        if !r.updated.is_empty() {
            taken.push(format!(
                "{} changed ({})",
                r.updated.len(),
                names(&r.updated)
            ));
        }
        if !r.added.is_empty() {
            taken.push(format!("{} new ({})", r.added.len(), names(&r.added)));
        }
        if !taken.is_empty() {
            self.info(format!("Reloaded from disk: {}", taken.join("; ")));
        }
        if !r.removed.is_empty() {
            self.notifications.push(
                Level::Warning,
                format!("Deleted on disk: {}", names(&r.removed)),
            );
        }
        for stem in &r.broken {
            self.error(format!(
                "{stem}.ron changed on disk and no longer loads: it is listed under Problems and loads again once fixed"
            ));
        }
        if !r.waiting.is_empty() {
            self.notifications.push(
                Level::Warning,
                format!(
                    "Changed on disk while you have unsaved changes: {}. Your changes are merged with theirs when you save.",
                    names(&r.waiting)
                ),
            );
        }
        if asked && r.is_empty() {
            self.info("Nothing changed on disk");
        }
    }

    /// Puts back the unsaved work windows that crashed or were killed left for this
    /// workspace, and says so with a way to discard it.
    fn recover(&mut self, dir: &Path) {
        let found = match self.recovery.open(dir) {
            Ok(found) => found,
            Err(why) => return self.notifications.push(Level::Warning, why),
        };
        if found.live > 0 {
            self.notifications.push(
                Level::Info,
                format!(
                    "{} other claimdesk window(s) have this workspace open; their unsaved changes are theirs",
                    found.live
                ),
            );
        }
        let mut all = Restored::default();
        for left in found.left {
            let restored = match &left.recovery {
                // Two windows that are gone both changed a claim: the second one's version is
                // kept aside for a person to compare, never put over the first.
                Ok(recovery) if recovery.claims.iter().any(|c| all.claims.contains(&c.id)) => {
                    Err(DeskError::File(
                        "another window's unsaved work on the same claims was put back first"
                            .into(),
                    ))
                }
                Ok(recovery) => self.with_desk(|d| d.restore(recovery.clone())),
                Err(d) => Err(DeskError::File(d.to_string())),
            };
            // Their work now lives in this window: it must be in this window's recovery file
            // before theirs goes.
            let safe = match self.desk.as_ref().map(|d| self.recovery.write(d.session())) {
                Some(Err(problem)) => {
                    self.notifications.push(Level::Warning, problem);
                    false
                }
                _ => true,
            };
            let all_taken = safe && restored.as_ref().is_ok_and(|r| r.skipped.is_empty());
            let aside = self.recovery.finish(left, all_taken);
            let kept = aside
                .map(|p| format!("; the file is kept as {}", p.display()))
                .unwrap_or_default();
            match restored {
                Ok(restored) => {
                    for (id, why) in &restored.skipped {
                        self.notifications.push(
                            Level::Warning,
                            format!(
                                "Unsaved work on {id} from an earlier session was left out: {why}{kept}"
                            ),
                        );
                    }
                    all.claims.extend(restored.claims);
                    all.merged.extend(restored.merged);
                    all.unsettled.extend(restored.unsettled);
                    all.apart.extend(restored.apart);
                }
                Err(e) => self.notifications.push(
                    Level::Warning,
                    format!("Unsaved work from an earlier session was not put back: {e}{kept}"),
                ),
            }
        }
        if all.claims.is_empty() {
            return;
        }
        self.notifications.push(
            Level::Warning,
            format!(
                "Restored unsaved changes to {} claim(s) from a session that ended without saving",
                all.claims.len()
            ),
        );
        if let Some(id) = all.claims.first() {
            self.selected = Some(id.clone());
        }
        self.dialog = Some(Dialog::Recovered(all));
    }

    /// Writes a fetched source, records it on its evidence item, and shows it.
    fn add_source(
        &mut self,
        prepared: crate::desk::archive::Prepared,
        evidence: Option<(ClaimId, usize)>,
    ) {
        let id = match self.with_desk(|d| d.add_source(prepared, None)) {
            Ok(id) => id,
            Err(e) => return self.fail_with(Some("Not archived"), e, None),
        };
        self.info(format!("Archived as sources/{id}"));
        if let Some((claim, index)) = &evidence {
            let linked = self.with_desk(|d| d.set_evidence_archive(claim, *index, &id));
            self.report(linked, None);
        }
        self.update(Action::ShowDocument(id));
    }

    fn info(&mut self, m: impl Into<String>) {
        self.notifications.push(Level::Info, m);
    }

    fn error(&mut self, m: impl Into<String>) {
        self.notifications.push(Level::Error, m);
    }

    /// Runs a desk verb; "no workspace open" when there is none.
    fn with_desk<T>(
        &mut self,
        verb: impl FnOnce(&mut Desk) -> Result<T, DeskError>,
    ) -> Result<T, DeskError> {
        match &mut self.desk {
            Some(d) => verb(d),
            None => Err(DeskError::File("no workspace is open".into())),
        }
    }

    /// Shows a failure; a change that needs the reviewer's name asks for it first and then
    /// runs `retry`.
    fn report(&mut self, result: Result<(), DeskError>, retry: Option<Action>) {
        if let Err(e) = result {
            self.fail(e, retry);
        }
    }

    fn fail(&mut self, e: DeskError, retry: Option<Action>) {
        self.fail_with(None, e, retry);
    }

    /// Shows a failure, after `what` did not happen when given ("Nothing applied: …").
    fn fail_with(&mut self, what: Option<&str>, e: DeskError, retry: Option<Action>) {
        match (e, what) {
            (DeskError::NoReviewer, _) => self.ask_name(retry),
            (DeskError::Save(SaveError::ChangedOnDisk(ids)), _) => {
                self.dialog = Some(Dialog::Conflict(ids));
            }
            (DeskError::Save(SaveError::Unsettled(ids)), _) => {
                self.dialog = Some(Dialog::SaveMerge(ids));
            }
            (e, None) => self.error(e.to_string()),
            (e, Some(what)) => self.error(format!("{what}: {e}")),
        }
    }

    fn ask_name(&mut self, then: Option<Action>) {
        self.dialog = Some(Dialog::AskName {
            name: self.reviewer_field.clone(),
            then: then.map(Box::new),
        });
    }

    /// Asks for paths, once at a time, starting beside the last file used or beside the
    /// workspace.
    fn ask(&mut self, purpose: Purpose, title: &str, kind: PathKind) {
        if self.asking {
            self.notifications.push(
                Level::Warning,
                "A file dialog is already open: answer it first",
            );
            return;
        }
        let start = self
            .prefs
            .last_dir
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| {
                // Beside the workspace, not in it: files written there would be read as claims.
                let root = self
                    .desk
                    .as_ref()?
                    .session()
                    .folder()
                    .root()
                    .canonicalize()
                    .ok()?;
                root.parent().map(Path::to_path_buf)
            });
        self.asking = true;
        self.effects.push(Effect::Ask(Ask {
            purpose,
            title: title.to_string(),
            kind,
            start,
        }));
    }

    fn answered(&mut self, ask: Ask, answer: Answer) {
        self.asking = false;
        let paths = match answer {
            Answer::Chosen(paths) if !paths.is_empty() => paths,
            Answer::Chosen(_) | Answer::Cancelled => return,
            Answer::Unavailable => {
                self.notifications.push(
                    Level::Warning,
                    format!(
                        "No file dialog could be shown for \"{}\": type the path",
                        ask.title
                    ),
                );
                // A file to write starts as the name the dialog would have proposed.
                let text = match &ask.kind {
                    PathKind::NewFile(name) => name.clone(),
                    _ => String::new(),
                };
                self.dialog = Some(Dialog::PathPrompt { ask, text });
                return;
            }
        };
        let first = paths[0].clone();
        if !matches!(ask.kind, PathKind::Folder) {
            self.prefs.last_dir = first.parent().map(Path::to_path_buf);
        }
        match ask.purpose {
            Purpose::Open => self.update(Action::Open(first)),
            Purpose::Create => self.update(Action::Create(first)),
            Purpose::Import => self.update(Action::Import(paths)),
            Purpose::Export(request) => self.update(Action::Export(request, first)),
        }
    }

    fn import(&mut self, paths: Vec<PathBuf>) {
        let retry = Action::Import(paths.clone());
        match self.with_desk(|d| d.import(&paths)) {
            Ok(imports) => {
                for (path, what) in &imports.files {
                    let text = match what {
                        Imported::Review {
                            reviewer,
                            claims,
                            replaced,
                        } => format!(
                            "Imported {}: review by {reviewer}, {claims} claim(s){}",
                            path.display(),
                            if *replaced {
                                " (replaces their earlier file)"
                            } else {
                                ""
                            }
                        ),
                        Imported::ClaimReview {
                            added,
                            already_here,
                            without_claim,
                        } => format!(
                            "Imported {}: {added} claim(s) added from ClaimReview ({already_here} already here, {without_claim} without a claim text)",
                            path.display()
                        ),
                    };
                    self.info(text);
                }
                for (id, checked) in &imports.repeats {
                    self.notifications.push(
                        Level::Warning,
                        format!("{id} repeats {}, {}", checked.id, checked.describe()),
                    );
                }
                if imports.has_reviews() {
                    self.view = View::Reviews;
                }
            }
            Err(e) => self.fail(e, Some(retry)),
        }
    }

    /// After a change, a selected claim that no longer exists gives way to its neighbour.
    fn keep_selection_valid(&mut self) {
        let Some(d) = &self.desk else { return };
        if let Some(id) = &self.selected
            && !d.workspace().contains(id)
        {
            self.selected = self
                .list
                .neighbour(Some(id), 1)
                .or_else(|| self.list.neighbour(Some(id), -1))
                .filter(|n| d.workspace().contains(n));
        }
    }

    /// Gives the selected claim the `index`-th status, with the composer's note as reason.
    fn set_status(&mut self, index: usize) {
        let known = self
            .desk
            .as_ref()
            .is_some_and(|d| index < d.workspace().manifest.statuses.len());
        let Some(id) = self.selected.clone().filter(|_| known) else {
            return;
        };
        let reason = std::mem::take(&mut self.composer);
        self.give_verdict(id, index, reason);
    }

    /// Gives `id` the `index`-th status with `reason`; where the workspace requires a reason
    /// and this one is blank, asks for one first.
    fn give_verdict(&mut self, id: ClaimId, index: usize, reason: String) {
        let Some(d) = &self.desk else {
            return;
        };
        let Some(def) = d.workspace().manifest.statuses.get(index) else {
            return;
        };
        let status = def.key.clone();
        if d.needs_reason(&reason) {
            self.composer = reason;
            self.dialog = Some(Dialog::reason(vec![id], index, false));
            return;
        }
        let result = self.with_desk(|d| d.set_verdict(&id, &status, &reason));
        if let Err(e) = result {
            // The note is the reviewer's work: give it back.
            self.composer = reason;
            self.fail(e, Some(Action::SetStatus(index)));
        }
    }

    fn add_note(&mut self) {
        let Some(id) = self.selected.clone() else {
            return;
        };
        let text = self.composer.trim().to_string();
        if text.is_empty() {
            return;
        }
        match self.with_desk(|d| d.add_note(&id, &text)) {
            Ok(()) => self.composer.clear(),
            Err(e) => self.fail(e, Some(Action::AddNote)),
        }
    }

    /// Saves; on a conflict shows the reload-or-keep dialog. Returns true when saved.
    fn save(&mut self, overwrite: BTreeSet<ClaimId>) -> bool {
        // A note typed but not yet added is part of the work: keep it rather than lose it.
        if !self.composer.trim().is_empty() {
            self.add_note();
            if !self.composer.trim().is_empty() {
                return false;
            }
        }
        let saved = self.with_desk(|d| d.save(overwrite));
        if let Some(problem) = self
            .desk
            .as_ref()
            .and_then(|d| self.recovery.flush(d.session()))
        {
            self.notifications.push(Level::Warning, problem);
        }
        match saved {
            Ok(report) => {
                let n = report.written.len() + report.removed.len();
                self.info(match (n, report.merged.as_slice()) {
                    (0, _) => "Nothing to save".into(),
                    (n, []) => format!("Saved {n} file(s)"),
                    (n, merged) => format!(
                        "Saved {n} file(s), merged with changes made on disk meanwhile: {}",
                        merged
                            .iter()
                            .map(ClaimId::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                });
                true
            }
            Err(e) => {
                self.fail(e, Some(Action::Command(Command::Save)));
                false
            }
        }
    }
}

#[cfg(test)]
mod tests;
