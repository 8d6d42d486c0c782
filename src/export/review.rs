//! Review files: one reviewer's verdicts on a set of claims, in RON, readable on their own.
//! Exported from a reviewer's copy of the workspace, merged into the desk's copy by
//! [`merge`], which applies what reviewers agree on and reports every disagreement.

use crate::edit::Edit;
use crate::model::{ClaimId, Evidence, Note, Source, Status, Timestamp, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version of review files.
pub const REVIEW_VERSION: u32 = 1;

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
    /// The reviewer's verdict.
    pub status: Status,
    /// When the verdict was given (the last status change), if it was.
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

/// Reads the review file at `path`.
pub fn read(path: &std::path::Path) -> Result<ReviewFile, crate::store::Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| crate::store::Diagnostic::error(path, (1, 1), format!("cannot read: {e}")))?;
    decode(path, &bytes)
}

/// The reason a history entry gets when a reviewer picks one of several verdicts.
pub const RESOLVED: &str = "resolved a review disagreement";

/// The note text that records keeping the desk's verdict against the reviewers'.
pub const KEPT: &str = "Kept the desk's verdict against the review";

/// Builds `reviewer`'s review file from their copy of the workspace: every claim whose status
/// is in `statuses` (all claims when empty). Notes and evidence are the reviewer's own.
pub fn export(ws: &Workspace, reviewer: &str, statuses: &[Status]) -> ReviewFile {
    let reviews = ws
        .claims()
        .filter(|c| statuses.is_empty() || statuses.contains(&c.status))
        .map(|c| ReviewEntry {
            id: c.id.clone(),
            text: c.text.clone(),
            claimant: c.claimant.clone(),
            source: c.source.clone(),
            status: c.status.clone(),
            when: c.history.last().map(|h| h.time),
            notes: c
                .notes
                .iter()
                .filter(|n| n.author == reviewer)
                .cloned()
                .collect(),
            evidence: c
                .evidence
                .iter()
                .filter(|e| e.added_by == reviewer)
                .cloned()
                .collect(),
        })
        .collect();
    ReviewFile {
        version: REVIEW_VERSION,
        workspace: ws.manifest.name.clone(),
        reviewer: reviewer.to_string(),
        reviews,
    }
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
    /// Verdicts not applied.
    pub conflicts: Vec<Conflict>,
    /// Claims in the files that the workspace does not have.
    pub unknown: Vec<ClaimId>,
}

/// Plans the merge of `files` into `ws`. Where every reviewer who gave a verdict on a claim
/// agrees and the workspace holds no other verdict, the status is set, with a history entry
/// naming the reviewers; where they disagree, nothing about that claim is applied. Notes and
/// evidence from the files are added unless already there, so merging a file twice changes
/// nothing. `by` and `time` stamp the history entries.
pub fn merge(ws: &Workspace, files: &[ReviewFile], by: &str, time: Timestamp) -> Merge {
    let initial = ws.manifest.initial_status();
    let mut per_claim: BTreeMap<&ClaimId, Vec<(&ReviewFile, &ReviewEntry)>> = BTreeMap::new();
    for file in files {
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
            .filter(|(_, e)| e.status != initial)
            .map(|(f, e)| (f.reviewer.clone(), e.status.clone()))
            .collect();
        let agreed = match verdicts.first() {
            Some((_, first)) if verdicts.iter().all(|(_, s)| s == first) => Some(first.clone()),
            Some(_) => {
                merge.conflicts.push(Conflict::Reviewers {
                    id: id.clone(),
                    verdicts,
                });
                continue;
            }
            None => None,
        };
        if let Some(status) = agreed {
            let reviewers: Vec<String> = verdicts.iter().map(|(r, _)| r.clone()).collect();
            if claim.status == initial {
                if ws.manifest.knows(&status) {
                    merge.edits.push(Edit::SetStatus {
                        id: id.clone(),
                        status: status.clone(),
                        by: by.to_string(),
                        time,
                        reason: format!("review by {}", reviewers.join(", ")),
                    });
                    merge.statuses_set.push((id.clone(), status));
                }
            } else if claim.status != status {
                merge.conflicts.push(Conflict::Workspace {
                    id: id.clone(),
                    current: claim.status.clone(),
                    theirs: status,
                    reviewers,
                });
                continue;
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
                        text: format!("{reviewer} on {claim}"),
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
        assert_eq!(file.reviews.len(), 4);
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
        assert_eq!(a.history[0].reason, "review by ana, bilal");
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
        // Ana's copy: verdicts, and notes and evidence that are all hers.
        let mut theirs = crate::generate::workspace(300, 9);
        for id in theirs.claims().map(|c| c.id.clone()).collect::<Vec<_>>() {
            let mut c = theirs.get(&id).unwrap().clone();
            c.notes.retain(|n| n.author == "ana");
            c.evidence.retain(|e| e.added_by == "ana");
            theirs.insert(c);
        }
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
