//! Review files: one reviewer's verdicts on a set of claims, in RON, readable on their own.
//! Exported from a reviewer's copy of the workspace, merged into the desk's copy by
//! [`merge`], which applies what reviewers agree on and reports every disagreement.

use crate::edit::Edit;
use crate::model::{
    Claim, ClaimId, Evidence, Manifest, Note, Source, Status, StatusDef, Timestamp, Workspace,
};
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::BTreeMap;

/// The newest schema version of review files this build reads. Version 2 added the status
/// vocabulary and holds only the reviewer's own verdicts; version 1 files still read, with
/// the default vocabulary. Version 3 may hold context evidence; a file is written as version
/// 3 only when it does, so older claimdesks read the rest.
pub const REVIEW_VERSION: u32 = 3;

/// One reviewer's review of some claims.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    /// Schema version, [`REVIEW_VERSION`].
    pub version: u32,
    /// The workspace the review was made in (its manifest name).
    pub workspace: String,
    /// Who reviewed.
    pub reviewer: String,
    /// The status vocabulary of the workspace the review was made in: its first status means
    /// "no verdict", and the others are the verdicts the reviewer could give.
    #[serde(default = "Manifest::default_statuses")]
    pub statuses: Vec<StatusDef>,
    /// One entry per claim, sorted by id.
    pub reviews: Vec<ReviewEntry>,
}

/// A reviewer's verdict on one claim, with a copy of the claim so the file reads on its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewEntry {
    /// The claim.
    pub id: ClaimId,
    /// A copy of its text.
    pub text: String,
    /// A copy of its claimant.
    pub claimant: String,
    /// A copy of its source.
    pub source: Source,
    /// The reviewer's verdict: their latest status change on the claim, or the vocabulary's
    /// first status when they gave none (the entry is there for their notes or evidence).
    pub status: Status,
    /// When the reviewer gave the verdict, if they did.
    #[serde(default)]
    pub when: Option<Timestamp>,
    /// The reviewer's notes on the claim.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// The evidence the reviewer added.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// The canonical bytes of a review file.
pub fn encode(file: &ReviewFile) -> String {
    crate::store::encode_ron(file)
}

/// Reads a review file; `path` names it in diagnostics.
pub fn decode(
    path: &std::path::Path,
    bytes: &[u8],
) -> Result<ReviewFile, crate::store::Diagnostic> {
    let file: ReviewFile = crate::store::decode_ron(path, bytes)?;
    if file.version > REVIEW_VERSION {
        return Err(crate::store::Diagnostic::error(
            path,
            (1, 1),
            format!(
                "review file version {} is newer than this claimdesk reads ({REVIEW_VERSION})",
                file.version
            ),
        ));
    }
    Ok(file)
}

/// Reads the review file at `path` through the guarded reader.
pub fn read(path: &std::path::Path) -> Result<ReviewFile, crate::store::Diagnostic> {
    let text = super::read_text(path)?;
    decode(path, text.as_bytes())
}

impl ReviewFile {
    /// The status that means "no verdict" in this file: the first of its vocabulary.
    pub fn no_verdict(&self) -> Status {
        self.statuses
            .first()
            .map_or_else(|| Status::new("unreviewed"), |d| d.key.clone())
    }

    /// True when the file's vocabulary has `status`.
    pub fn knows(&self, status: &Status) -> bool {
        self.statuses.iter().any(|d| &d.key == status)
    }

    /// The verdict given on `entry`, if one was.
    pub fn verdict<'a>(&self, entry: &'a ReviewEntry) -> Option<&'a Status> {
        (entry.status != self.no_verdict()).then_some(&entry.status)
    }
}

/// The reason a history entry gets when a reviewer picks one of several verdicts.
pub const RESOLVED: &str = "resolved a review disagreement";

/// The reason a history entry gets when the desk keeps its verdict against the reviewers'.
pub const KEPT: &str = "kept the desk's verdict against the review";

/// True when `name` is the reviewer (see [`crate::desk::same_person`]).
fn by(reviewer: &str, name: &str) -> bool {
    crate::desk::same_person(reviewer, name)
}

/// Builds `reviewer`'s review file: for each claim, their latest status change (their
/// verdict; not a verdict they applied from other reviewers' files), their notes and their
/// evidence, and nobody else's. Claims they did nothing on are
/// left out; so are claims whose verdict is not in `statuses`, when it is not empty.
pub fn export(ws: &Workspace, reviewer: &str, statuses: &[Status]) -> ReviewFile {
    let no_verdict = ws.manifest.initial_status();
    let reviews: Vec<ReviewEntry> = ws
        .claims()
        .filter_map(|c| entry_of(c, reviewer, &no_verdict))
        .filter(|e| statuses.is_empty() || statuses.contains(&e.status))
        .collect();
    let context = reviews
        .iter()
        .flat_map(|r| &r.evidence)
        .any(|e| e.stance == crate::model::Stance::Context);
    ReviewFile {
        version: if context { 3 } else { 2 },
        workspace: ws.manifest.name.clone(),
        reviewer: reviewer.trim().to_string(),
        statuses: ws.manifest.statuses.clone(),
        reviews,
    }
}

/// `reviewer`'s entry for `claim`, if they gave a verdict, a note or evidence on it.
fn entry_of(claim: &Claim, reviewer: &str, no_verdict: &Status) -> Option<ReviewEntry> {
    // A verdict the reviewer merged from others' files is theirs, not the reviewer's.
    let verdict = claim
        .history
        .iter()
        .rev()
        .find(|h| h.reviewers.is_empty() && by(reviewer, &h.by));
    let notes: Vec<Note> = claim
        .notes
        .iter()
        .filter(|n| by(reviewer, &n.author))
        .cloned()
        .collect();
    let evidence: Vec<Evidence> = claim
        .evidence
        .iter()
        .filter(|e| by(reviewer, &e.added_by))
        .cloned()
        .collect();
    if verdict.is_none() && notes.is_empty() && evidence.is_empty() {
        return None;
    }
    Some(ReviewEntry {
        id: claim.id.clone(),
        text: claim.text.to_string(),
        claimant: claim.claimant.to_string(),
        source: claim.source.clone(),
        status: verdict.map_or_else(|| no_verdict.clone(), |h| h.to.clone()),
        when: verdict.map(|h| h.time),
        notes,
        evidence,
    })
}

/// The first name that appears twice among `reviewers` (as the same person), with the two
/// indexes. Quadratic in the number of files, which a person lists by hand.
pub fn repeated_reviewer<'a>(reviewers: &[&'a str]) -> Option<(&'a str, usize, usize)> {
    reviewers.iter().enumerate().find_map(|(i, a)| {
        reviewers[..i]
            .iter()
            .position(|b| by(a, b))
            .map(|j| (*a, j, i))
    })
}

/// Why a claim's verdicts were not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The reviewers gave different verdicts.
    Reviewers {
        /// The claim.
        id: ClaimId,
        /// Each reviewer's verdict.
        verdicts: Vec<(String, Status)>,
    },
    /// The reviewers agree with each other but the workspace already holds another verdict.
    Workspace {
        /// The claim.
        id: ClaimId,
        /// The verdict in the workspace.
        current: Status,
        /// The reviewers' verdict and who gave it.
        theirs: Status,
        /// Who gave it.
        reviewers: Vec<String>,
    },
    /// A reviewer gave a verdict this workspace has no status for: nothing about the claim
    /// is applied until the vocabulary has it or the file is corrected.
    UnknownStatus {
        /// The claim.
        id: ClaimId,
        /// Who gave it.
        reviewer: String,
        /// The verdict.
        status: Status,
    },
}

impl Conflict {
    /// The claim in question.
    pub fn id(&self) -> &ClaimId {
        match self {
            Conflict::Reviewers { id, .. }
            | Conflict::Workspace { id, .. }
            | Conflict::UnknownStatus { id, .. } => id,
        }
    }

    /// One line saying what disagrees, in the workspace's words.
    pub fn describe(&self, m: &Manifest) -> String {
        match self {
            Conflict::Reviewers { verdicts, .. } => format!(
                "reviewers disagree ({})",
                verdicts
                    .iter()
                    .map(|(r, s)| format!("{r}: {}", m.label(s)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Conflict::Workspace {
                current,
                theirs,
                reviewers,
                ..
            } => format!(
                "the desk says {}, {} {} {}",
                m.label(current),
                reviewers.join(", "),
                if reviewers.len() == 1 { "says" } else { "say" },
                m.label(theirs)
            ),
            Conflict::UnknownStatus {
                reviewer, status, ..
            } => format!(
                "{reviewer} gave the verdict {:?}, which this workspace has no status for",
                status.as_str()
            ),
        }
    }

    /// The verdicts one may choose to settle it, each with who gave it ("the desk" for the
    /// workspace's own). Empty when no choice settles it here.
    pub fn choices(&self) -> Vec<(Status, Vec<String>)> {
        match self {
            Conflict::Reviewers { verdicts, .. } => {
                let mut choices: Vec<(Status, Vec<String>)> = Vec::new();
                for (who, status) in verdicts {
                    match choices.iter_mut().find(|(s, _)| s == status) {
                        Some((_, names)) => names.push(who.clone()),
                        None => choices.push((status.clone(), vec![who.clone()])),
                    }
                }
                choices
            }
            Conflict::Workspace {
                current,
                theirs,
                reviewers,
                ..
            } => vec![
                (current.clone(), vec!["the desk".to_string()]),
                (theirs.clone(), reviewers.clone()),
            ],
            Conflict::UnknownStatus { .. } => Vec::new(),
        }
    }

    /// A short account of who said what, for the history entry that settles it.
    pub fn summary(&self, m: &Manifest) -> String {
        self.choices()
            .iter()
            .map(|(s, who)| format!("{}: {}", who.join(", "), m.label(s)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// What a merge would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Merge {
    /// The edits to apply, as one step (empty when nothing changes).
    pub edits: Vec<Edit>,
    /// Claims whose status the merge sets.
    pub statuses_set: Vec<(ClaimId, Status)>,
    /// Notes and evidence items added.
    pub items_added: usize,
    /// Verdicts not applied, still to be settled.
    pub conflicts: Vec<Conflict>,
    /// Claims in the files that the workspace does not have.
    pub unknown: Vec<ClaimId>,
    /// Claims whose text differs from the copy a reviewer judged, with who: the verdict may
    /// be about other wording.
    pub reworded: Vec<(ClaimId, String)>,
}

/// True when the claim's latest history entry kept its status on purpose (from and to the
/// same): the desk has seen the disagreement and settled it.
fn kept(claim: &Claim) -> bool {
    claim
        .history
        .last()
        .is_some_and(|h| h.from == h.to && h.to == claim.status)
}

/// Plans the merge of `files` (one per reviewer) into `ws`. Where every reviewer who gave a
/// verdict on a claim agrees and the workspace holds none, the status is set, with a history
/// entry naming the reviewers. A disagreement among them, a verdict against the workspace's,
/// or a verdict the workspace has no status for applies nothing about that claim and is
/// reported, until the desk settles it (sets one of their verdicts, or keeps its own with a
/// history entry). Notes and evidence are added unless already there, so merging a file twice
/// changes nothing. `by` and `time` stamp the history entries.
pub fn merge<F: Borrow<ReviewFile>>(
    ws: &Workspace,
    files: &[F],
    by: &str,
    time: Timestamp,
) -> Merge {
    let initial = ws.manifest.initial_status();
    let mut per_claim: BTreeMap<&ClaimId, Vec<(&ReviewFile, &ReviewEntry)>> = BTreeMap::new();
    for file in files.iter().map(Borrow::borrow) {
        for entry in &file.reviews {
            per_claim.entry(&entry.id).or_default().push((file, entry));
        }
    }
    let mut merge = Merge::default();
    for (id, entries) in per_claim {
        let Some(claim) = ws.get(id) else {
            merge.unknown.push(id.clone());
            continue;
        };
        let verdicts: Vec<(String, Status)> = entries
            .iter()
            .filter_map(|(f, e)| f.verdict(e).map(|s| (f.reviewer.clone(), s.clone())))
            .collect();
        for (f, e) in &entries {
            if f.verdict(e).is_some() && e.text.trim() != claim.text.trim() {
                merge.reworded.push((id.clone(), f.reviewer.clone()));
            }
        }
        let unknown: Vec<Conflict> = verdicts
            .iter()
            .filter(|(_, s)| !ws.manifest.knows(s))
            .map(|(reviewer, status)| Conflict::UnknownStatus {
                id: id.clone(),
                reviewer: reviewer.clone(),
                status: status.clone(),
            })
            .collect();
        if !unknown.is_empty() {
            merge.conflicts.extend(unknown);
            continue;
        }
        let decided = claim.status != initial;
        let agreed = verdicts
            .first()
            .map(|(_, s)| s)
            .filter(|first| verdicts.iter().all(|(_, s)| s == *first));
        match agreed {
            None if verdicts.is_empty() => {}
            None => {
                let sided = verdicts.iter().any(|(_, s)| *s == claim.status);
                if !decided || !(sided || kept(claim)) {
                    merge.conflicts.push(Conflict::Reviewers {
                        id: id.clone(),
                        verdicts,
                    });
                    continue;
                }
            }
            Some(status) if !decided => {
                let reviewers: Vec<&str> = verdicts.iter().map(|(r, _)| r.as_str()).collect();
                merge.edits.push(Edit::ApplyReview {
                    id: id.clone(),
                    status: status.clone(),
                    by: by.to_string(),
                    time,
                    reason: format!("review by {}", reviewers.join(", ")),
                    reviewers: reviewers.iter().map(|r| r.to_string()).collect(),
                });
                merge.statuses_set.push((id.clone(), status.clone()));
            }
            Some(status) => {
                if claim.status != *status && !kept(claim) {
                    merge.conflicts.push(Conflict::Workspace {
                        id: id.clone(),
                        current: claim.status.clone(),
                        theirs: status.clone(),
                        reviewers: verdicts.into_iter().map(|(r, _)| r).collect(),
                    });
                    continue;
                }
            }
        }
        let mut notes: Vec<&Note> = Vec::new();
        let mut evidence: Vec<&Evidence> = Vec::new();
        for (_, entry) in &entries {
            for note in &entry.notes {
                if !claim.notes.contains(note) && !notes.contains(&note) {
                    notes.push(note);
                }
            }
            for item in &entry.evidence {
                if !claim.evidence.contains(item) && !evidence.contains(&item) {
                    evidence.push(item);
                }
            }
        }
        merge.items_added += notes.len() + evidence.len();
        merge.edits.extend(notes.into_iter().map(|n| Edit::AddNote {
            id: id.clone(),
            note: n.clone(),
        }));
        merge
            .edits
            .extend(evidence.into_iter().map(|e| Edit::AddEvidence {
                id: id.clone(),
                evidence: e.clone(),
            }));
    }
    merge
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::fixtures::id;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn workspace() -> Workspace {
        crate::model::fixtures::workspace(&["a", "b", "c", "d"])
    }

    /// A reviewer's copy: `verdicts` set with a note each.
    fn reviewed(reviewer: &str, verdicts: &[(&str, &str)]) -> ReviewFile {
        let mut ws = workspace();
        for (claim, status) in verdicts {
            let edit = Edit::Batch(vec![
                Edit::SetStatus {
                    id: id(claim),
                    status: Status::new(*status),
                    by: reviewer.into(),
                    time: t("2024-05-01T10:00:00Z"),
                    reason: String::new(),
                },
                Edit::AddNote {
                    id: id(claim),
                    note: Note {
                        author: reviewer.into(),
                        time: t("2024-05-01T10:00:00Z"),
                        text: format!("{reviewer} on {claim}").into(),
                    },
                },
            ]);
            apply(&mut ws, edit).unwrap();
        }
        export(&ws, reviewer, &[])
    }

    #[test]
    fn export_copies_the_claim_and_the_reviewers_own_notes() {
        let file = reviewed("ana", &[("a", "confirmed")]);
        assert_eq!(file.reviews.len(), 1, "only the claim Ana worked on");
        let a = &file.reviews[0];
        assert_eq!(
            (a.id.as_str(), a.status.as_str(), a.text.as_str()),
            ("a", "confirmed", "claim a")
        );
        assert_eq!(a.when, Some(t("2024-05-01T10:00:00Z")));
        assert_eq!(a.notes.len(), 1);
        let only = export(&workspace(), "ana", &[Status::new("confirmed")]);
        assert!(only.reviews.is_empty());
    }

    #[test]
    fn agreement_is_applied_disagreement_reported_and_a_second_merge_changes_nothing() {
        let ana = reviewed(
            "ana",
            &[("a", "confirmed"), ("b", "false"), ("c", "disputed")],
        );
        let bilal = reviewed("bilal", &[("a", "confirmed"), ("b", "misleading")]);
        let mut ws = workspace();
        let plan = merge(
            &ws,
            &[ana.clone(), bilal.clone()],
            "desk",
            t("2024-05-02T09:00:00Z"),
        );
        assert_eq!(
            plan.statuses_set,
            [
                (id("a"), Status::new("confirmed")),
                (id("c"), Status::new("disputed"))
            ]
        );
        assert_eq!(plan.conflicts.len(), 1);
        assert!(
            matches!(&plan.conflicts[0], Conflict::Reviewers { id: c, verdicts } if c.as_str() == "b" && verdicts.len() == 2)
        );
        apply(&mut ws, Edit::Batch(plan.edits)).unwrap();
        let a = ws.get(&id("a")).unwrap();
        assert_eq!(a.status, Status::new("confirmed"));
        assert_eq!(&*a.history[0].reason, "review by ana, bilal");
        assert_eq!(a.notes.len(), 2);
        assert_eq!(
            ws.get(&id("b")).unwrap().status,
            Status::new("unreviewed"),
            "nothing applied on b"
        );
        assert!(ws.get(&id("b")).unwrap().notes.is_empty());

        let again = merge(&ws, &[ana, bilal], "desk", t("2024-05-03T09:00:00Z"));
        assert!(again.edits.is_empty(), "{:?}", again.edits);
    }

    /// Everything a reviewer did on their copy (verdicts, notes, evidence) arrives in a copy
    /// that had none of it.
    #[test]
    fn export_then_merge_is_lossless() {
        // Ana's copy: verdicts, notes and evidence that are all hers.
        let mut theirs = crate::generate::workspace(300, 9);
        for id in theirs.claims().map(|c| c.id.clone()).collect::<Vec<_>>() {
            let mut c = theirs.get(&id).unwrap().clone();
            c.notes.retain(|n| n.author == "ana");
            c.evidence.retain(|e| e.added_by == "ana");
            c.history.retain(|h| h.by == "ana");
            c.status = c
                .history
                .last()
                .map_or_else(|| Status::new("unreviewed"), |h| h.to.clone());
            theirs.insert(c);
        }
        assert!(theirs.claims().any(|c| !c.history.is_empty()));
        // The desk's copy: the same claims, none of her work.
        let mut pristine = theirs.clone();
        for id in pristine.claims().map(|c| c.id.clone()).collect::<Vec<_>>() {
            let mut c = pristine.get(&id).unwrap().clone();
            c.status = Status::new("unreviewed");
            c.history.clear();
            c.notes.clear();
            c.evidence.clear();
            pristine.insert(c);
        }
        assert!(
            theirs.claims().any(|c| !c.notes.is_empty())
                && theirs.claims().any(|c| !c.evidence.is_empty())
        );
        let file = export(&theirs, "ana", &[]);
        let file = decode(std::path::Path::new("ana.ron"), encode(&file).as_bytes()).unwrap();
        let mut desk = pristine.clone();
        let plan = merge(&desk, &[file], "desk", t("2024-06-01T00:00:00Z"));
        assert!(plan.conflicts.is_empty());
        apply(&mut desk, Edit::Batch(plan.edits)).unwrap();
        for mine in theirs.claims() {
            let got = desk.get(&mine.id).unwrap();
            assert_eq!(got.status, mine.status, "{}", mine.id);
            assert_eq!(got.notes, mine.notes, "{}", mine.id);
            assert_eq!(got.evidence, mine.evidence, "{}", mine.id);
        }
    }

    #[test]
    fn a_verdict_against_the_workspace_is_a_conflict() {
        let mut ws = workspace();
        apply(
            &mut ws,
            Edit::SetStatus {
                id: id("a"),
                status: Status::new("false"),
                by: "desk".into(),
                time: t("2024-05-01T00:00:00Z"),
                reason: String::new(),
            },
        )
        .unwrap();
        let ana = reviewed("ana", &[("a", "confirmed")]);
        let plan = merge(&ws, &[ana], "desk", t("2024-05-02T00:00:00Z"));
        assert!(plan.edits.is_empty());
        assert!(
            matches!(&plan.conflicts[0], Conflict::Workspace { current, theirs, .. } if current.as_str() == "false" && theirs.as_str() == "confirmed")
        );
    }

    #[test]
    fn review_files_round_trip_through_ron() {
        let file = reviewed("ana", &[("a", "confirmed")]);
        let text = encode(&file);
        let back = decode(std::path::Path::new("r.ron"), text.as_bytes()).unwrap();
        assert_eq!(back, file);
        assert_eq!(encode(&back), text);
    }
}
