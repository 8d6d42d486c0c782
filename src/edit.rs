//! The one way a workspace changes. Every change is an [`Edit`] value; [`apply`] checks it,
//! carries it out and returns the edit that undoes it, with the claims it touched. The command
//! line, the window, imports and undo/redo all go through here, so history entries, dirty
//! tracking and undo come from one place.

use crate::model::{
    Claim, ClaimId, Evidence, HistoryEntry, Note, Relation, Source, Status, Timestamp, Workspace,
};
use std::fmt;

/// A change to a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Adds a new claim; its id must be free.
    AddClaim(Box<Claim>),
    /// Deletes a claim and the links other claims hold to it.
    DeleteClaim {
        /// The claim to delete.
        id: ClaimId,
    },
    /// Puts back this exact claim, replacing the one with its id or adding it: the inverse
    /// of most edits.
    Restore(Box<Claim>),
    /// Takes out a claim without touching links to it: the inverse of [`Edit::AddClaim`].
    Discard {
        /// The claim to take out.
        id: ClaimId,
    },
    /// Rewords the claim.
    SetText {
        /// The claim.
        id: ClaimId,
        /// The new wording.
        text: String,
    },
    /// Changes who the claim is attributed to.
    SetClaimant {
        /// The claim.
        id: ClaimId,
        /// The new claimant.
        claimant: String,
    },
    /// Says whether the claimant is a person or an organization (`None`: not said).
    SetClaimantKind {
        /// The claim.
        id: ClaimId,
        /// The kind.
        kind: Option<crate::model::ClaimantKind>,
    },
    /// Rewrites the verdict's explanation for readers.
    SetWriteUp {
        /// The claim.
        id: ClaimId,
        /// The new write-up; empty removes it.
        text: String,
    },
    /// Records a second reviewer's decision on the current verdict (`None`: clears it, so the
    /// verdict waits for sign-off again).
    SetSignOff {
        /// The claim.
        id: ClaimId,
        /// The decision, naming the verdict it is about.
        signoff: Option<crate::model::SignOff>,
    },
    /// Assigns the claim (`None`: takes the assignment away).
    Assign {
        /// The claim.
        id: ClaimId,
        /// Who, how urgently, by when.
        assignment: Option<crate::model::Assignment>,
    },
    /// Replaces the source block.
    SetSource {
        /// The claim.
        id: ClaimId,
        /// The new source.
        source: Source,
    },
    /// Moves the claim to another status and records the move in its history.
    SetStatus {
        /// The claim.
        id: ClaimId,
        /// The new status.
        status: Status,
        /// Who.
        by: String,
        /// When.
        time: Timestamp,
        /// Why; may be empty.
        reason: String,
    },
    /// Sets the verdict other reviewers agreed on (an import of review files): like
    /// [`Edit::SetStatus`], and the history entry names them, so the verdict is not taken for
    /// the importer's own.
    ApplyReview {
        /// The claim.
        id: ClaimId,
        /// Their verdict.
        status: Status,
        /// Who applied it.
        by: String,
        /// When.
        time: Timestamp,
        /// Why; may be empty.
        reason: String,
        /// Who judged.
        reviewers: Vec<String>,
    },
    /// Records that the claim keeps its status on purpose (a history entry from the status to
    /// itself): the desk saw a disagreement and settled it for its own verdict.
    KeepStatus {
        /// The claim.
        id: ClaimId,
        /// Who.
        by: String,
        /// When.
        time: Timestamp,
        /// Why; may be empty.
        reason: String,
    },
    /// Appends a note to the thread.
    AddNote {
        /// The claim.
        id: ClaimId,
        /// The note.
        note: Note,
    },
    /// Removes the note at `index`.
    RemoveNote {
        /// The claim.
        id: ClaimId,
        /// Position in the thread.
        index: usize,
    },
    /// Appends a piece of evidence.
    AddEvidence {
        /// The claim.
        id: ClaimId,
        /// The evidence.
        evidence: Evidence,
    },
    /// Replaces the evidence at `index` (a correction: its author and time stay as given).
    SetEvidence {
        /// The claim.
        id: ClaimId,
        /// Position in the list.
        index: usize,
        /// The corrected item.
        evidence: Evidence,
    },
    /// Removes the evidence at `index`.
    RemoveEvidence {
        /// The claim.
        id: ClaimId,
        /// Position in the list.
        index: usize,
    },
    /// Adds a tag.
    AddTag {
        /// The claim.
        id: ClaimId,
        /// The tag.
        tag: String,
    },
    /// Removes a tag.
    RemoveTag {
        /// The claim.
        id: ClaimId,
        /// The tag.
        tag: String,
    },
    /// Links the claim to another.
    AddRelation {
        /// The claim that stores the link.
        id: ClaimId,
        /// The link.
        relation: Relation,
    },
    /// Removes a link.
    RemoveRelation {
        /// The claim that stores the link.
        id: ClaimId,
        /// The link.
        relation: Relation,
    },
    /// Settles one field a merge left in conflict: keep ours (the claim's value) or take
    /// theirs (from the conflict record). The record goes when its last field is settled.
    ResolveConflict {
        /// The claim.
        id: ClaimId,
        /// The field.
        field: crate::model::merge::Field,
        /// True to take their value.
        theirs: bool,
    },
    /// Several edits as one step: all are applied, or none.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The workspace is unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

/// What applying an edit did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// Applying this puts the workspace back as it was.
    pub inverse: Edit,
    /// The claims whose stored content may have changed (the files a save must look at).
    pub touched: Vec<ClaimId>,
}

impl Edit {
    /// What the edit does, in words, for the undo and redo commands ("Dispute: The
    /// delegation is visiting Iran for military talks"). Asked of the workspace the edit
    /// is about to be applied to, which names the claim and the status's verb.
    pub fn describe(&self, ws: &Workspace) -> String {
        match self {
            Edit::AddClaim(c) => format!("New claim: {}", shorten(&c.text, 60)),
            Edit::Restore(c) => format!("Restore: {}", shorten(&c.text, 60)),
            Edit::Batch(edits) => describe_batch(edits, ws),
            _ => match self.action(ws) {
                Some((what, id)) => {
                    let text = ws.get(id).map_or(id.as_str(), |c| &*c.text);
                    format!("{what}: {}", shorten(text, 60))
                }
                None => "Change".into(),
            },
        }
    }

    /// What the edit does ("Dispute") and to which claim; `None` for a new or restored claim
    /// and a batch, which are named otherwise.
    fn action(&self, ws: &Workspace) -> Option<(String, &ClaimId)> {
        Some(match self {
            Edit::AddClaim(_) | Edit::Restore(_) | Edit::Batch(_) => return None,
            Edit::DeleteClaim { id } => ("Delete".into(), id),
            Edit::Discard { id } => ("Remove".into(), id),
            Edit::SetText { id, .. } => ("Edit text".into(), id),
            Edit::SetClaimant { id, .. } => ("Edit claimant".into(), id),
            Edit::SetClaimantKind { id, .. } => ("Set claimant kind".into(), id),
            Edit::SetWriteUp { id, .. } => ("Edit write-up".into(), id),
            Edit::SetSignOff { id, signoff } => (
                match signoff.as_ref().map(|s| s.decision) {
                    Some(crate::model::SignOffDecision::Approved) => "Approve".into(),
                    Some(crate::model::SignOffDecision::SentBack) => "Send back".into(),
                    None => "Clear sign-off".into(),
                },
                id,
            ),
            Edit::Assign { id, assignment } => (
                match assignment {
                    Some(a) => format!("Assign to {}", a.assignee.trim()),
                    None => "Unassign".into(),
                },
                id,
            ),
            Edit::SetSource { id, .. } => ("Edit source".into(), id),
            Edit::SetStatus { id, status, .. } => (ws.manifest.verb(status), id),
            Edit::ApplyReview { id, .. } => ("Apply the reviewers' verdict".into(), id),
            Edit::KeepStatus { id, .. } => ("Keep the verdict".into(), id),
            Edit::AddNote { id, .. } => ("Add note".into(), id),
            Edit::RemoveNote { id, .. } => ("Remove note".into(), id),
            Edit::AddEvidence { id, .. } => ("Add evidence".into(), id),
            Edit::SetEvidence { id, .. } => ("Edit evidence".into(), id),
            Edit::RemoveEvidence { id, .. } => ("Remove evidence".into(), id),
            Edit::AddTag { id, tag } => (format!("Tag {tag:?}"), id),
            Edit::RemoveTag { id, tag } => (format!("Untag {tag:?}"), id),
            Edit::AddRelation { id, relation } => (format!("Link ({})", relation.kind.name()), id),
            Edit::RemoveRelation { id, .. } => ("Unlink".into(), id),
            Edit::ResolveConflict { id, .. } => ("Settle a conflict".into(), id),
        })
    }
}

/// A batch is named by its one edit, by what all its edits do ("Dispute 12 claims"), or
/// by its size. A note that comes with other edits (a verdict's reason, a sign-off's
/// comment) goes with them and does not count as a change of its own.
fn describe_batch(edits: &[Edit], ws: &Workspace) -> String {
    let mut main: Vec<&Edit> = (edits.iter())
        .filter(|e| !matches!(e, Edit::AddNote { .. }))
        .collect();
    if main.is_empty() {
        main = edits.iter().collect();
    }
    match main.as_slice() {
        [] => "Nothing".into(),
        [one] => one.describe(ws),
        [first, rest @ ..] => {
            let what = |e: &Edit| e.action(ws).map(|(what, _)| what);
            match what(first) {
                Some(first) if rest.iter().all(|e| what(e).as_ref() == Some(&first)) => {
                    format!("{first} {} claims", main.len())
                }
                _ => format!("{} changes", main.len()),
            }
        }
    }
}

/// `text` on one line, cut after `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", line[..at].trim_end()),
        None => line,
    }
}

/// Checks `edit` against `ws` and carries it out.
pub fn apply(ws: &mut Workspace, edit: Edit) -> Result<Applied, EditError> {
    match edit {
        Edit::Batch(edits) => apply_batch(ws, edits),
        Edit::AddClaim(claim) => {
            if ws.contains(&claim.id) {
                return fail(format!("a claim with id {} exists already", claim.id));
            }
            check_new_claim(ws, &claim)?;
            let id = claim.id.clone();
            ws.insert(*claim);
            Ok(Applied {
                inverse: Edit::Discard { id: id.clone() },
                touched: vec![id],
            })
        }
        Edit::Restore(claim) => {
            let id = claim.id.clone();
            let inverse = match ws.insert(*claim) {
                Some(old) => Edit::Restore(Box::new(old)),
                None => Edit::Discard { id: id.clone() },
            };
            Ok(Applied {
                inverse,
                touched: vec![id],
            })
        }
        Edit::Discard { id } => {
            let old = ws.remove(&id).ok_or_else(|| no_claim(&id))?;
            Ok(Applied {
                inverse: Edit::Restore(Box::new(old)),
                touched: vec![id],
            })
        }
        Edit::DeleteClaim { id } => delete_claim(ws, id),
        other => change_one(ws, other),
    }
}

fn apply_batch(ws: &mut Workspace, edits: Vec<Edit>) -> Result<Applied, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    let mut touched = Vec::new();
    for edit in edits {
        match apply(ws, edit) {
            Ok(applied) => {
                inverses.push(applied.inverse);
                touched.extend(applied.touched);
            }
            Err(err) => {
                for inverse in inverses.into_iter().rev() {
                    apply(ws, inverse).expect("the inverse of an applied edit applies");
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    touched.sort();
    touched.dedup();
    Ok(Applied {
        inverse: Edit::Batch(inverses),
        touched,
    })
}

fn delete_claim(ws: &mut Workspace, id: ClaimId) -> Result<Applied, EditError> {
    if !ws.contains(&id) {
        return Err(no_claim(&id));
    }
    // Links held by others would dangle: strip them in the same step, so undo puts them back.
    let mut steps = Vec::new();
    let mut holders: Vec<ClaimId> = ws.incoming(&id).iter().map(|i| i.from.clone()).collect();
    holders.dedup();
    for holder in holders.into_iter().filter(|h| *h != id) {
        if let Some(claim) = ws.get(&holder) {
            let mut changed = claim.clone();
            changed.relations.retain(|r| r.target != id);
            steps.push(Edit::Restore(Box::new(changed)));
        }
    }
    steps.push(Edit::Discard { id });
    apply_batch(ws, steps)
}

/// Edits that change one existing claim: the inverse is that claim as it was.
fn change_one(ws: &mut Workspace, edit: Edit) -> Result<Applied, EditError> {
    let id = match &edit {
        Edit::SetText { id, .. }
        | Edit::SetClaimant { id, .. }
        | Edit::SetSource { id, .. }
        | Edit::SetClaimantKind { id, .. }
        | Edit::SetWriteUp { id, .. }
        | Edit::Assign { id, .. }
        | Edit::SetSignOff { id, .. }
        | Edit::SetStatus { id, .. }
        | Edit::ApplyReview { id, .. }
        | Edit::ResolveConflict { id, .. }
        | Edit::KeepStatus { id, .. }
        | Edit::SetEvidence { id, .. }
        | Edit::AddNote { id, .. }
        | Edit::RemoveNote { id, .. }
        | Edit::AddEvidence { id, .. }
        | Edit::RemoveEvidence { id, .. }
        | Edit::AddTag { id, .. }
        | Edit::RemoveTag { id, .. }
        | Edit::AddRelation { id, .. }
        | Edit::RemoveRelation { id, .. } => id.clone(),
        Edit::AddClaim(_)
        | Edit::DeleteClaim { .. }
        | Edit::Restore(_)
        | Edit::Discard { .. }
        | Edit::Batch(_) => unreachable!("handled by apply"),
    };
    let mut claim = ws.get(&id).ok_or_else(|| no_claim(&id))?.clone();
    match edit {
        Edit::SetText { text, .. } => {
            claim.text = required("the claim text", text)?.into();
        }
        Edit::SetClaimant { claimant, .. } => {
            claim.claimant = required("the claimant", claimant)?.into();
        }
        Edit::SetSource { source, .. } => claim.source = source,
        Edit::SetClaimantKind { kind, .. } => claim.claimant_kind = kind,
        Edit::SetWriteUp { text, .. } => {
            // What readers are told is part of what a second reviewer approved: a changed
            // write-up needs a sign-off of its own.
            if *text != *claim.write_up
                && claim
                    .signoff
                    .as_ref()
                    .is_some_and(|s| s.decision == crate::model::SignOffDecision::Approved)
            {
                claim.signoff = None;
            }
            claim.write_up = text.into();
        }
        Edit::SetSignOff { signoff, .. } => {
            if let Some(s) = &signoff
                && claim.verdict().map(|v| v.time) != Some(s.verdict)
            {
                return fail(format!(
                    "claim {id}'s verdict changed since; sign off the verdict it has now"
                ));
            }
            claim.signoff = signoff.map(Box::new);
        }
        Edit::Assign { assignment, .. } => {
            if let Some(a) = &assignment
                && a.assignee.trim().is_empty()
            {
                return fail("an assignment needs the name of the reviewer it goes to");
            }
            claim.assignment = assignment.map(Box::new);
        }
        Edit::SetStatus {
            status,
            by,
            time,
            reason,
            ..
        } => set_status(ws, &mut claim, status, by, time, reason, Vec::new())?,
        Edit::ApplyReview {
            status,
            by,
            time,
            reason,
            reviewers,
            ..
        } => set_status(ws, &mut claim, status, by, time, reason, reviewers)?,
        Edit::KeepStatus {
            by, time, reason, ..
        } => {
            claim.history.push(HistoryEntry {
                time,
                by: by.into(),
                from: claim.status.clone(),
                to: claim.status.clone(),
                reason: reason.trim().into(),
                reviewers: Default::default(),
            });
        }
        Edit::ResolveConflict { field, theirs, .. } => {
            let Some(conflict) = claim.conflict.as_mut() else {
                return fail(format!("claim {id} has no merge conflict"));
            };
            let Some(at) = conflict.fields.iter().position(|f| *f == field) else {
                return fail(format!(
                    "claim {id} has no conflict in its {}",
                    field.name()
                ));
            };
            conflict.fields.remove(at);
            let done = conflict.fields.is_empty();
            if theirs {
                let other = conflict.theirs.clone();
                field.take(&mut claim, &other);
            }
            if done {
                claim.conflict = None;
            }
            if field == crate::model::merge::Field::Status && !ws.manifest.knows(&claim.status) {
                return fail(format!(
                    "{:?} is not a status of this workspace",
                    claim.status.as_str()
                ));
            }
        }
        Edit::SetEvidence {
            index, evidence, ..
        } => {
            check_evidence(&evidence)?;
            let Some(slot) = claim.evidence.get_mut(index) else {
                return fail(format!("claim {id} has no evidence item {}", index + 1));
            };
            *slot = evidence;
        }
        Edit::AddNote { note, .. } => {
            if note.text.trim().is_empty() {
                return fail("a note cannot be empty");
            }
            claim.notes.push(note);
        }
        Edit::RemoveNote { index, .. } => {
            if index >= claim.notes.len() {
                return fail(format!("claim {id} has no note {}", index + 1));
            }
            claim.notes.remove(index);
        }
        Edit::AddEvidence { evidence, .. } => {
            check_evidence(&evidence)?;
            claim.evidence.push(evidence);
        }
        Edit::RemoveEvidence { index, .. } => {
            if index >= claim.evidence.len() {
                return fail(format!("claim {id} has no evidence item {}", index + 1));
            }
            claim.evidence.remove(index);
        }
        Edit::AddTag { tag, .. } => {
            let tag = tag.trim().to_string();
            check_tag(&tag)?;
            if claim.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                return fail(format!("claim {id} already has the tag {tag:?}"));
            }
            claim.tags.push(tag.into());
        }
        Edit::RemoveTag { tag, .. } => {
            let before = claim.tags.len();
            claim.tags.retain(|t| *t != tag);
            if claim.tags.len() == before {
                return fail(format!("claim {id} has no tag {tag:?}"));
            }
        }
        Edit::AddRelation { relation, .. } => {
            if relation.target == id {
                return fail("a claim cannot be linked to itself");
            }
            if !ws.contains(&relation.target) {
                return Err(no_claim(&relation.target));
            }
            if claim.relations.contains(&relation) {
                return fail(format!(
                    "claim {id} already {} {}",
                    relation.kind.name(),
                    relation.target
                ));
            }
            claim.relations.push(relation);
        }
        Edit::RemoveRelation { relation, .. } => {
            let before = claim.relations.len();
            claim.relations.retain(|r| *r != relation);
            if claim.relations.len() == before {
                return fail(format!(
                    "claim {id} has no link {} {}",
                    relation.kind.name(),
                    relation.target
                ));
            }
        }
        _ => unreachable!("only single-claim edits reach here"),
    }
    let old = ws.insert(claim).expect("the claim was there");
    Ok(Applied {
        inverse: Edit::Restore(Box::new(old)),
        touched: vec![id],
    })
}

/// Moves `claim` to `status` with a history entry; `reviewers` names who judged when the
/// verdict is theirs, not `by`'s.
fn set_status(
    ws: &Workspace,
    claim: &mut Claim,
    status: Status,
    by: String,
    time: Timestamp,
    reason: String,
    reviewers: Vec<String>,
) -> Result<(), EditError> {
    if !ws.manifest.knows(&status) {
        return fail(format!("{status:?} is not a status of this workspace"));
    }
    if claim.status == status {
        return fail(format!(
            "claim {} is already {}",
            claim.id,
            ws.manifest.label(&status)
        ));
    }
    claim.history.push(HistoryEntry {
        time,
        by: by.into(),
        from: claim.status.clone(),
        to: status.clone(),
        reason: reason.trim().into(),
        reviewers: reviewers.into(),
    });
    claim.status = status;
    Ok(())
}

fn check_new_claim(ws: &Workspace, claim: &Claim) -> Result<(), EditError> {
    required("the claim text", claim.text.to_string())?;
    required("the claimant", claim.claimant.to_string())?;
    if !ws.manifest.knows(&claim.status) {
        return fail(format!(
            "{:?} is not a status of this workspace",
            claim.status
        ));
    }
    if let Some(rel) = claim.relations.iter().find(|r| !ws.contains(&r.target)) {
        return Err(no_claim(&rel.target));
    }
    // The same rules as adding tags one by one.
    let mut seen = std::collections::HashSet::new();
    for tag in &claim.tags {
        check_tag(tag)?;
        if !seen.insert(tag.to_ascii_lowercase()) {
            return fail(format!("the tag {tag:?} is given twice"));
        }
    }
    Ok(())
}

/// Refuses blank text. Text is kept as typed: a field edited live would lose the space
/// the reviewer just typed at its end if it were trimmed here.
fn required(what: &str, value: String) -> Result<String, EditError> {
    if value.trim().is_empty() {
        return fail(format!("{what} cannot be empty"));
    }
    Ok(value)
}

fn check_evidence(evidence: &Evidence) -> Result<(), EditError> {
    if evidence.title.trim().is_empty() && evidence.url.trim().is_empty() {
        return fail("evidence needs a title or a URL");
    }
    Ok(())
}

/// A tag is a trimmed, non-empty single line.
fn check_tag(tag: &str) -> Result<(), EditError> {
    if tag.trim().is_empty() {
        return fail("a tag cannot be empty");
    }
    if tag.contains(['\n', '\r']) {
        return fail("a tag is one line");
    }
    if tag.trim() != tag {
        return fail(format!("the tag {tag:?} has spaces around it"));
    }
    Ok(())
}

fn no_claim(id: &ClaimId) -> EditError {
    EditError(format!("no claim has the id {id}"))
}

fn fail<T>(message: impl Into<String>) -> Result<T, EditError> {
    Err(EditError(message.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::id;
    use crate::model::{RelationKind, Stance};

    fn time() -> Timestamp {
        "2024-04-25T10:00:00Z".parse().unwrap()
    }

    fn workspace() -> Workspace {
        let mut ws = crate::model::fixtures::workspace(&["a", "b", "c"]);
        apply(
            &mut ws,
            Edit::AddRelation {
                id: id("b"),
                relation: Relation {
                    kind: RelationKind::Contradicts,
                    target: id("a"),
                },
            },
        )
        .unwrap();
        ws
    }

    #[test]
    fn an_edit_is_named_by_what_it_does_and_the_claim_it_is_about() {
        let ws = workspace();
        let text = ws.get(&id("a")).unwrap().text.clone();
        let status = |s: &str| Edit::SetStatus {
            id: id("a"),
            status: Status::new(s),
            by: "x".into(),
            time: time(),
            reason: String::new(),
        };
        assert_eq!(status("disputed").describe(&ws), format!("Dispute: {text}"));
        assert_eq!(
            Edit::Batch(vec![status("false"), status("false")]).describe(&ws),
            format!("{} 2 claims", ws.manifest.verb(&Status::new("false")))
        );
        let mixed = Edit::Batch(vec![
            status("false"),
            Edit::AddTag {
                id: id("b"),
                tag: "t".into(),
            },
        ]);
        assert_eq!(mixed.describe(&ws), "2 changes");
        // A verdict given with its reason is named as the verdict.
        let with_reason = Edit::Batch(vec![
            status("disputed"),
            Edit::AddNote {
                id: id("a"),
                note: crate::model::Note {
                    author: "x".into(),
                    time: time(),
                    text: "the ministry denies it".into(),
                },
            },
        ]);
        assert_eq!(with_reason.describe(&ws), format!("Dispute: {text}"));
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten(&"word ".repeat(30), 12), "word word wo…");
    }

    /// Applies `edit`, checks that its inverse restores the workspace exactly and that
    /// re-applying the inverse's inverse gives the edited state again.
    fn round_trip(edit: Edit) -> Workspace {
        let mut ws = workspace();
        let before = ws.clone();
        let applied = apply(&mut ws, edit).unwrap();
        let after = ws.clone();
        assert_ne!(before, after, "the edit changed nothing");
        let redo = apply(&mut ws, applied.inverse).unwrap();
        assert_eq!(ws, before, "undo did not restore the workspace");
        apply(&mut ws, redo.inverse).unwrap();
        assert_eq!(ws, after, "redo did not give the edited state");
        after
    }

    #[test]
    fn every_edit_has_an_exact_inverse() {
        let note = Note {
            author: "ana".into(),
            time: time(),
            text: "first note".into(),
        };
        let evidence = Evidence {
            stance: Stance::Refutes,
            title: "Ministry statement".into(),
            url: "https://example.org/statement".into(),
            note: Default::default(),
            added_by: "ana".into(),
            added: time(),
            archived: None,
        };
        let mut with_note = workspace().get(&id("a")).unwrap().clone();
        with_note.notes.push(note.clone());
        let edits = vec![
            Edit::AddClaim(Box::new(Claim::new(
                id("d"),
                "new".into(),
                "x".into(),
                Status::new("unreviewed"),
            ))),
            Edit::DeleteClaim { id: id("a") },
            Edit::DeleteClaim { id: id("b") },
            Edit::Restore(Box::new(with_note)),
            Edit::Discard { id: id("c") },
            Edit::SetText {
                id: id("a"),
                text: "reworded".into(),
            },
            Edit::SetClaimant {
                id: id("a"),
                claimant: "another".into(),
            },
            Edit::SetSource {
                id: id("a"),
                source: Source {
                    outlet: "Outlet".into(),
                    ..Default::default()
                },
            },
            Edit::SetStatus {
                id: id("a"),
                status: Status::new("disputed"),
                by: "ana".into(),
                time: time(),
                reason: "why".into(),
            },
            Edit::KeepStatus {
                id: id("a"),
                by: "ana".into(),
                time: time(),
                reason: "kept".into(),
            },
            Edit::ApplyReview {
                id: id("a"),
                status: Status::new("false"),
                by: "desk".into(),
                time: time(),
                reason: "review by ana".into(),
                reviewers: vec!["ana".into()],
            },
            Edit::AddNote { id: id("a"), note },
            Edit::AddEvidence {
                id: id("a"),
                evidence: evidence.clone(),
            },
            Edit::Batch(vec![
                Edit::AddEvidence {
                    id: id("a"),
                    evidence: evidence.clone(),
                },
                Edit::SetEvidence {
                    id: id("a"),
                    index: 0,
                    evidence: Evidence {
                        stance: Stance::Supports,
                        title: "Corrected title".into(),
                        ..evidence
                    },
                },
            ]),
            Edit::AddTag {
                id: id("a"),
                tag: "iran".into(),
            },
            Edit::RemoveRelation {
                id: id("b"),
                relation: Relation {
                    kind: RelationKind::Contradicts,
                    target: id("a"),
                },
            },
            Edit::AddRelation {
                id: id("c"),
                relation: Relation {
                    kind: RelationKind::Supports,
                    target: id("a"),
                },
            },
            Edit::Batch(vec![
                Edit::AddTag {
                    id: id("c"),
                    tag: "x".into(),
                },
                Edit::SetText {
                    id: id("b"),
                    text: "batch".into(),
                },
            ]),
        ];
        for edit in edits {
            round_trip(edit);
        }
    }

    #[test]
    fn set_status_records_history() {
        let ws = round_trip(Edit::SetStatus {
            id: id("a"),
            status: Status::new("disputed"),
            by: "ana".into(),
            time: time(),
            reason: "  ministry denies it \n".into(),
        });
        let a = ws.get(&id("a")).unwrap();
        assert_eq!(a.status, Status::new("disputed"));
        assert_eq!(a.history.len(), 1);
        let h = &a.history[0];
        assert_eq!(
            (h.from.as_str(), h.to.as_str(), h.by.as_str()),
            ("unreviewed", "disputed", "ana")
        );
        assert_eq!(&*h.reason, "ministry denies it");
    }

    #[test]
    fn delete_strips_incoming_links() {
        let ws = round_trip(Edit::DeleteClaim { id: id("a") });
        assert!(ws.get(&id("b")).unwrap().relations.is_empty());
        let mut ws = workspace();
        let applied = apply(&mut ws, Edit::DeleteClaim { id: id("a") }).unwrap();
        assert_eq!(applied.touched, [id("a"), id("b")]);
    }

    #[test]
    fn bad_edits_are_refused_and_change_nothing() {
        let bad = vec![
            Edit::SetText {
                id: id("zz"),
                text: "x".into(),
            },
            Edit::SetText {
                id: id("a"),
                text: "  ".into(),
            },
            Edit::SetClaimant {
                id: id("a"),
                claimant: "".into(),
            },
            Edit::SetStatus {
                id: id("a"),
                status: Status::new("bogus"),
                by: "x".into(),
                time: time(),
                reason: String::new(),
            },
            Edit::SetStatus {
                id: id("a"),
                status: Status::new("unreviewed"),
                by: "x".into(),
                time: time(),
                reason: String::new(),
            },
            Edit::AddNote {
                id: id("a"),
                note: Note {
                    author: "x".into(),
                    time: time(),
                    text: " ".into(),
                },
            },
            Edit::RemoveNote {
                id: id("a"),
                index: 0,
            },
            Edit::RemoveEvidence {
                id: id("a"),
                index: 3,
            },
            Edit::SetEvidence {
                id: id("a"),
                index: 0,
                evidence: Evidence {
                    stance: Stance::Refutes,
                    title: "no such item".into(),
                    url: Default::default(),
                    note: Default::default(),
                    added_by: "x".into(),
                    added: time(),
                    archived: None,
                },
            },
            Edit::AddTag {
                id: id("a"),
                tag: "two\nlines".into(),
            },
            Edit::RemoveTag {
                id: id("a"),
                tag: "none".into(),
            },
            Edit::AddRelation {
                id: id("a"),
                relation: Relation {
                    kind: RelationKind::Supports,
                    target: id("a"),
                },
            },
            Edit::AddRelation {
                id: id("a"),
                relation: Relation {
                    kind: RelationKind::Supports,
                    target: id("nope"),
                },
            },
            Edit::AddRelation {
                id: id("b"),
                relation: Relation {
                    kind: RelationKind::Contradicts,
                    target: id("a"),
                },
            },
            Edit::AddClaim(Box::new(Claim::new(
                id("a"),
                "dup".into(),
                "x".into(),
                Status::new("unreviewed"),
            ))),
            Edit::DeleteClaim { id: id("zz") },
            Edit::Batch(vec![
                Edit::AddTag {
                    id: id("a"),
                    tag: "ok".into(),
                },
                Edit::SetText {
                    id: id("zz"),
                    text: "fails".into(),
                },
            ]),
        ];
        for edit in bad {
            let mut ws = workspace();
            let before = ws.clone();
            assert!(
                apply(&mut ws, edit.clone()).is_err(),
                "{edit:?} was accepted"
            );
            assert_eq!(ws, before, "{edit:?} changed the workspace");
        }
    }
}
