//! The desk: every workflow a reviewer runs, written once, for the command line and the window
//! alike. A [`Desk`] is an open workspace ([`Session`]) with the reviewer's name and a clock;
//! each verb checks its request, stamps what it records with who and when, applies it as one
//! undoable edit, and returns a typed [`DeskError`] when it cannot. No egui here.
//!
//! Edits that record a name (status changes, notes, evidence) are built only by the verbs in
//! this module, so the name and the time come from one place; [`Desk::change`] takes the other
//! edits as they are and refuses these.

pub mod archive;
mod error;
mod git;
mod hints;
mod identity;
mod publish;
mod reviews;
mod similar;
mod workflow;

pub use error::DeskError;
pub use git::{DriverOutcome, git_setup, merge_files};
pub use hints::{document_hints, read_text_file};
pub use identity::{
    HOW_TO_NAME, MAX_NAME_CHARS, NAME_RULE, NameSource, REVIEWER_VAR, Reviewer,
    resolve as resolve_reviewer, same_person,
};
pub use publish::{ExportRequest, Exported, Format};
pub use reviews::{Agreement, Imported, Imports, LoadedReview, agreement, read_review_files};
pub use workflow::{AssignmentFilter, queue_of, signoff_queue};

use crate::edit::Edit;
use crate::model::{
    Anchor, Claim, ClaimId, Evidence, Note, Source, Stance, Status, Timestamp, Workspace, slugify,
};
use crate::session::{MergeKey, Session};
use crate::store::{SaveOptions, SaveReport};
use std::collections::BTreeSet;
use std::path::Path;

/// Where the time of a change comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system clock.
    #[default]
    System,
    /// Always this time (tests, reproducible runs).
    Fixed(Timestamp),
}

impl Clock {
    /// Now, to the second: sub-second digits would only add noise to the files.
    pub fn now(self) -> Timestamp {
        match self {
            Clock::Fixed(t) => t,
            Clock::System => {
                let now = Timestamp::now();
                Timestamp::from_second(now.as_second()).unwrap_or(now)
            }
        }
    }
}

/// A new claim as a person describes it; the desk gives it an id and the first status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimDraft {
    /// The assertion.
    pub text: String,
    /// Who asserts it.
    pub claimant: String,
    /// Where.
    pub source: Source,
    /// Labels.
    pub tags: Vec<String>,
    /// Where its quote sits in a source document.
    pub anchor: Option<Anchor>,
}

/// A piece of evidence as a person describes it; the desk records who added it and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvidenceDraft {
    /// Which way it points.
    pub stance: Stance,
    /// What it is.
    pub title: String,
    /// Where to find it.
    pub url: String,
    /// Why it matters.
    pub note: String,
}

/// An open workspace, the reviewer working on it, and the clock that dates their changes.
#[derive(Debug)]
pub struct Desk {
    session: Session,
    reviewer: Option<Reviewer>,
    clock: Clock,
    reviews: Vec<LoadedReview>,
    /// Grows whenever the loaded review files change, so views can cache what they derive.
    reviews_revision: u64,
}

impl Desk {
    /// Opens the workspace in `dir` for `reviewer` (who may be unknown until the first change
    /// that records a name).
    pub fn open(dir: &Path, reviewer: Option<Reviewer>) -> Result<Self, DeskError> {
        Self::open_with_progress(dir, reviewer, &crate::store::OpenProgress::default())
    }

    /// [`Desk::open`], counting the files read in `progress` as it goes (the window opens
    /// on another thread and shows it).
    pub fn open_with_progress(
        dir: &Path,
        reviewer: Option<Reviewer>,
        progress: &crate::store::OpenProgress,
    ) -> Result<Self, DeskError> {
        let session = Session::open_with_progress(dir, progress).map_err(DeskError::Open)?;
        Ok(Self {
            session,
            reviewer,
            clock: Clock::System,
            reviews: Vec::new(),
            reviews_revision: 0,
        })
    }

    /// Dates every change with `clock` from now on.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The open workspace with its undo history.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The claims.
    pub fn workspace(&self) -> &Workspace {
        self.session.workspace()
    }

    /// How many of the workspace's files did not load (each is listed in the diagnostics).
    pub fn errors(&self) -> usize {
        self.session
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .count()
    }

    /// Who is working, if known.
    pub fn reviewer(&self) -> Option<&Reviewer> {
        self.reviewer.as_ref()
    }

    /// Names who is working from now on.
    pub fn set_reviewer(&mut self, reviewer: Option<Reviewer>) {
        self.reviewer = reviewer;
    }

    /// The time the next change gets.
    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// Who and when, for a change that records them.
    fn stamp(&self) -> Result<(String, Timestamp), DeskError> {
        let who = self.reviewer.as_ref().ok_or(DeskError::NoReviewer)?;
        Ok((who.name().to_string(), self.clock.now()))
    }

    fn writable(&self) -> Result<(), DeskError> {
        match self.session.folder().read_only_reason() {
            Some(why) => Err(DeskError::ReadOnly(why.to_string())),
            None => Ok(()),
        }
    }

    fn apply(&mut self, edit: Edit) -> Result<(), DeskError> {
        self.writable()?;
        self.session.apply(edit).map_err(DeskError::Refused)
    }

    /// The claim with this id, as a person typed it; a clear error when there is none or its
    /// file did not load.
    pub fn find_claim(&self, typed: &str) -> Result<ClaimId, DeskError> {
        let id = ClaimId::new(typed.trim()).map_err(DeskError::BadId)?;
        if self.workspace().contains(&id) {
            return Ok(id);
        }
        let folder = self.session.folder();
        if folder.is_broken(id.as_str()) {
            Err(DeskError::BrokenClaim(folder.path_of(&id)))
        } else {
            Err(DeskError::NoClaim(id))
        }
    }

    /// A status of this workspace by key or label, as a person typed it.
    pub fn find_status(&self, typed: &str) -> Result<Status, DeskError> {
        let m = &self.workspace().manifest;
        m.find_status(typed)
            .ok_or_else(|| DeskError::UnknownStatus {
                typed: typed.to_string(),
                known: m.statuses.iter().map(|d| d.key.to_string()).collect(),
            })
    }

    /// True when a status change with this `reason` would be refused for want of one: the
    /// workspace requires reasons and `reason` is blank. Front ends ask for one first.
    pub fn needs_reason(&self, reason: &str) -> bool {
        self.workspace().manifest.require_reason && reason.trim().is_empty()
    }

    /// Refuses a blank reason where the workspace requires one.
    fn check_reason(&self, reason: &str) -> Result<(), DeskError> {
        if self.needs_reason(reason) {
            Err(DeskError::NeedsReason)
        } else {
            Ok(())
        }
    }

    /// Gives `id` the verdict `status`. A non-blank `reason` goes into the history entry and
    /// joins the notes thread, so the reasoning stays beside the claim; a workspace with
    /// `require_reason` refuses a blank one ([`DeskError::NeedsReason`]).
    pub fn set_verdict(
        &mut self,
        id: &ClaimId,
        status: &Status,
        reason: &str,
    ) -> Result<(), DeskError> {
        let (by, time) = self.stamp()?;
        self.check_reason(reason)?;
        let mut steps = vec![Edit::SetStatus {
            id: id.clone(),
            status: status.clone(),
            by: by.clone(),
            time,
            reason: reason.to_string(),
        }];
        let reason = reason.trim();
        if !reason.is_empty() {
            steps.push(Edit::AddNote {
                id: id.clone(),
                note: Note {
                    author: by.into(),
                    time,
                    text: reason.into(),
                },
            });
        }
        self.apply(Edit::Batch(steps))
    }

    /// Adds a note by the reviewer.
    pub fn add_note(&mut self, id: &ClaimId, text: &str) -> Result<(), DeskError> {
        let (author, time) = self.stamp()?;
        let note = Note {
            author: author.into(),
            time,
            text: text.trim().into(),
        };
        self.apply(Edit::AddNote {
            id: id.clone(),
            note,
        })
    }

    /// Adds evidence, recorded as the reviewer's.
    pub fn add_evidence(&mut self, id: &ClaimId, draft: EvidenceDraft) -> Result<(), DeskError> {
        let (added_by, added) = self.stamp()?;
        let evidence = Evidence {
            stance: draft.stance,
            title: draft.title.trim().into(),
            url: draft.url.trim().into(),
            note: draft.note.trim().into(),
            added_by: added_by.into(),
            added,
            archived: None,
        };
        self.apply(Edit::AddEvidence {
            id: id.clone(),
            evidence,
        })
    }

    /// Corrects the evidence item at `index`; who added it and when stay as they were.
    /// Consecutive corrections of one item while typing are one undo step when `typing`.
    pub fn edit_evidence(
        &mut self,
        id: &ClaimId,
        index: usize,
        draft: EvidenceDraft,
        typing: bool,
    ) -> Result<(), DeskError> {
        let claim = self
            .workspace()
            .get(id)
            .ok_or_else(|| DeskError::NoClaim(id.clone()))?;
        let old = claim.evidence.get(index).ok_or_else(|| {
            DeskError::Refused(crate::edit::EditError(format!(
                "claim {id} has no evidence item {}",
                index.saturating_add(1)
            )))
        })?;
        let edit = Edit::SetEvidence {
            id: id.clone(),
            index,
            evidence: Evidence {
                stance: draft.stance,
                title: draft.title.into(),
                url: draft.url.into(),
                note: draft.note.into(),
                added_by: old.added_by.clone(),
                added: old.added,
                archived: old.archived.clone(),
            },
        };
        if typing {
            self.type_into(edit, MergeKey::Evidence(id.clone(), index))
        } else {
            self.apply(edit)
        }
    }

    /// Adds a claim; returns the id it got (free, made from its text).
    pub fn add_claim(&mut self, draft: ClaimDraft) -> Result<ClaimId, DeskError> {
        let ws = self.workspace();
        let id = self.session.folder().free_id(ws, &slugify(&draft.text));
        let mut claim = Claim::new(
            id.clone(),
            draft.text.trim().to_string(),
            draft.claimant.trim().to_string(),
            ws.manifest.initial_status(),
        );
        claim.source = draft.source;
        claim.anchor = draft.anchor.map(Box::new);
        let mut tags: Vec<String> = Vec::new();
        for tag in draft
            .tags
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            // One tag in any case: "Iran" and "iran" are the same label.
            if !tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) {
                tags.push(tag.to_string());
            }
        }
        claim.tags = tags.into_iter().map(Into::into).collect();
        claim.normalize();
        self.apply(Edit::AddClaim(Box::new(claim)))?;
        Ok(id)
    }

    /// Applies an edit that records no name (text, claimant, source, tags, links, removing a
    /// note or evidence, correcting evidence, adding or deleting a claim), as one undo step.
    /// Edits that record who and when are refused: use the verb for them.
    pub fn change(&mut self, edit: Edit) -> Result<(), DeskError> {
        check_unstamped(&edit)?;
        self.apply(edit)
    }

    /// Like [`Desk::change`], merged with the previous edit when it has the same `key`: a
    /// burst of typing in one field is one undo step.
    pub fn type_into(&mut self, edit: Edit, key: MergeKey) -> Result<(), DeskError> {
        check_unstamped(&edit)?;
        self.writable()?;
        self.session
            .apply_merging(edit, key)
            .map_err(DeskError::Refused)
    }

    /// Settles a field a git merge left in conflict: keep ours, or take theirs.
    pub fn settle(
        &mut self,
        id: &ClaimId,
        field: crate::model::merge::Field,
        theirs: bool,
    ) -> Result<(), DeskError> {
        self.apply(Edit::ResolveConflict {
            id: id.clone(),
            field,
            theirs,
        })
    }

    /// Ends a burst of typing: the next edit is a new undo step.
    pub fn end_typing(&mut self) {
        self.session.end_merge();
    }

    /// Undoes the last step; returns the claims it touched (`None`: nothing to undo).
    pub fn undo(&mut self) -> Result<Option<Vec<ClaimId>>, DeskError> {
        self.session.undo().map_err(DeskError::Refused)
    }

    /// Redoes the last undone step; returns the claims it touched (`None`: nothing to redo).
    pub fn redo(&mut self) -> Result<Option<Vec<ClaimId>>, DeskError> {
        self.session.redo().map_err(DeskError::Refused)
    }

    /// Puts back the unsaved work a crashed session left (see [`Session::restore`]), as one
    /// undo step.
    pub fn restore(
        &mut self,
        recovery: crate::session::Recovery,
    ) -> Result<crate::session::Restored, DeskError> {
        self.session.restore(recovery).map_err(DeskError::Refused)
    }

    /// Takes in what changed on disk (see [`Session::reload`]).
    pub fn reload(
        &mut self,
        stems: Option<Vec<String>>,
    ) -> Result<crate::session::Reloaded, DeskError> {
        self.session.reload(stems).map_err(|e| {
            DeskError::File(format!("{}: {e}", self.session.folder().root().display()))
        })
    }

    /// Writes the unsaved claims, merged with any change someone else made to their files
    /// meanwhile (see [`Session::save`]); files in `overwrite` are replaced although they
    /// changed on disk (the reviewer chose "keep mine").
    pub fn save(&mut self, overwrite: BTreeSet<ClaimId>) -> Result<SaveReport, DeskError> {
        self.session
            .save(&SaveOptions { overwrite })
            .map_err(DeskError::Save)
    }

    /// Replaces these claims with their files' content ("reload theirs"), as one undo step.
    pub fn take_theirs(&mut self, ids: &[ClaimId]) -> Result<(), DeskError> {
        self.session
            .take_theirs(ids)
            .map_err(|d| DeskError::File(d.to_string()))
    }
}

/// Refuses edits that carry a name and a time: only the desk's verbs make those.
fn check_unstamped(edit: &Edit) -> Result<(), DeskError> {
    match edit {
        Edit::Batch(edits) => edits.iter().try_for_each(check_unstamped),
        Edit::SetStatus { .. }
        | Edit::ApplyReview { .. }
        | Edit::KeepStatus { .. }
        | Edit::AddNote { .. }
        | Edit::AddEvidence { .. }
        | Edit::SetSignOff { .. }
        | Edit::Restore(_)
        | Edit::Discard { .. } => Err(DeskError::NeedsVerb),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
