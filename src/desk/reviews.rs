//! Other reviewers' work coming in: review files and ClaimReview JSON-LD imported in one call,
//! the verdicts they agree on applied, disagreements settled, and agreement measured.

use super::{Desk, DeskError, same_person};
use crate::edit::Edit;
use crate::export::agreement::Ratings;
use crate::export::claimreview::ClaimReviewImport;
use crate::export::review::{self, Conflict, Merge, ReviewFile};
use crate::model::{Checked, ClaimId, Status, slugify};
use std::path::{Path, PathBuf};

/// A review file with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedReview {
    /// The file it was read from.
    pub path: PathBuf,
    /// What it holds.
    pub file: ReviewFile,
}

/// What one imported file brought.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imported {
    /// A review file, now among the desk's loaded reviews.
    Review {
        /// Whose.
        reviewer: String,
        /// How many claims it covers.
        claims: usize,
        /// True when it replaced an earlier file by the same reviewer.
        replaced: bool,
    },
    /// ClaimReview JSON-LD: its reviews became new claims, as one undo step.
    ClaimReview {
        /// How many claims were added.
        added: usize,
        /// Reviews of claims already here (same text and claimant): skipped, whatever their
        /// rating says.
        already_here: usize,
        /// Reviews with no claim text: nothing to add.
        without_claim: usize,
    },
}

/// The result of an import, one entry per file in the order given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imports {
    /// Each file and what it brought.
    pub files: Vec<(PathBuf, Imported)>,
    /// Claims ClaimReview added that repeat a claim already judged, with that verdict.
    pub repeats: Vec<(ClaimId, Checked)>,
}

impl Imports {
    /// True when some file was a review file.
    pub fn has_reviews(&self) -> bool {
        self.files
            .iter()
            .any(|(_, i)| matches!(i, Imported::Review { .. }))
    }
}

/// How a file to import is read: by its extension, `.json` being ClaimReview.
fn is_claimreview(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("jsonld"))
}

/// `PATH:LINE:COL: message` for an error in a file, `PATH: message` for the rest.
fn located(path: &Path, e: DeskError) -> String {
    match e {
        DeskError::File(why) => format!("{}:{why}", path.display()),
        other => format!("{}: {other}", path.display()),
    }
}

/// Reads review files; the first unreadable one is the error (`PATH:LINE:COL: message`).
pub fn read_review_files(paths: &[PathBuf]) -> Result<Vec<LoadedReview>, DeskError> {
    paths
        .iter()
        .map(|path| read_review(path).map_err(DeskError::File))
        .collect()
}

fn read_review(path: &Path) -> Result<LoadedReview, String> {
    let file = review::read(path).map_err(|d| d.to_string())?;
    Ok(LoadedReview {
        path: path.to_path_buf(),
        file,
    })
}

/// Refuses a reviewer who appears twice: their verdicts would be counted as two people's.
fn distinct(files: &[LoadedReview]) -> Result<(), DeskError> {
    let names: Vec<&str> = files.iter().map(|l| l.file.reviewer.as_str()).collect();
    match review::repeated_reviewer(&names) {
        Some((name, first, second)) => Err(DeskError::SameReviewer {
            name: name.to_string(),
            files: [files[first].path.clone(), files[second].path.clone()],
        }),
        None => Ok(()),
    }
}

/// Agreement between several reviewers' files, and what in them the files' own vocabularies
/// do not know.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// The verdict table.
    pub ratings: Ratings,
    /// Verdicts that are not in their own file's vocabulary: file, claim, status.
    pub unknown: Vec<(PathBuf, ClaimId, Status)>,
}

impl Agreement {
    /// How many claims at least two reviewers judged.
    pub fn judged_by_two(&self) -> usize {
        self.ratings
            .units
            .iter()
            .filter(|(_, r)| r.iter().flatten().count() >= 2)
            .count()
    }

    /// The figures, labelled, as both front ends show them.
    pub fn figures(&self) -> Vec<(&'static str, String)> {
        let show = |v: Option<f64>, percent: bool| match v {
            Some(v) if percent => format!("{:.1}%", v * 100.0),
            Some(v) => format!("{v:.3}"),
            None => "undefined (too few verdicts, or no variation)".to_string(),
        };
        let mut out = vec![(
            "Percent agreement",
            show(self.ratings.percent_agreement(), true),
        )];
        if self.ratings.reviewers.len() == 2 {
            out.push(("Cohen's kappa", show(self.ratings.cohens_kappa(), false)));
        }
        out.push((
            "Krippendorff's alpha (nominal)",
            show(self.ratings.krippendorff_alpha(), false),
        ));
        out
    }

    /// One line per unknown verdict.
    pub fn warnings(&self) -> Vec<String> {
        self.unknown
            .iter()
            .map(|(path, id, status)| {
                format!(
                    "{}: claim {id} has the verdict {:?}, which the file's vocabulary does not list",
                    path.display(),
                    status.as_str()
                )
            })
            .collect()
    }
}

/// Measures agreement between `files`, one per reviewer. "No verdict" is each file's own first
/// status, so a desk whose first status is `todo` is read right.
pub fn agreement(files: &[LoadedReview]) -> Result<Agreement, DeskError> {
    distinct(files)?;
    let plain: Vec<&ReviewFile> = files.iter().map(|l| &l.file).collect();
    let unknown = files
        .iter()
        .flat_map(|l| {
            l.file
                .reviews
                .iter()
                .filter(|e| !l.file.knows(&e.status))
                .map(|e| (l.path.clone(), e.id.clone(), e.status.clone()))
        })
        .collect();
    Ok(Agreement {
        ratings: Ratings::from_files(&plain),
        unknown,
    })
}

impl Desk {
    /// The review files loaded so far.
    pub fn reviews(&self) -> &[LoadedReview] {
        &self.reviews
    }

    /// Grows whenever [`Desk::reviews`] changes.
    pub fn reviews_revision(&self) -> u64 {
        self.reviews_revision
    }

    /// Imports files in one call: review files (`.ron`) join the loaded reviews (replacing
    /// an earlier file by the same reviewer), ClaimReview (`.json`) adds its claims. Every
    /// file is read first: when any cannot be, nothing is imported and the error lists each
    /// failure.
    pub fn import(&mut self, paths: &[PathBuf]) -> Result<Imports, DeskError> {
        let mut failures = Vec::new();
        let mut reviews = Vec::new();
        let mut feeds = Vec::new();
        for path in paths {
            if is_claimreview(path) {
                match crate::export::read_text(path) {
                    Ok(text) => feeds.push((path.clone(), text)),
                    Err(d) => failures.push((path.clone(), d.to_string())),
                }
            } else {
                match read_review(path) {
                    Ok(review) => reviews.push(review),
                    Err(why) => failures.push((path.clone(), why)),
                }
            }
        }
        if !feeds.is_empty() {
            self.writable()?;
            // Every feed is checked before any is applied, so that each bad one is named.
            for (path, text) in &feeds {
                if let Err(e) = self.claimreview_edits(text) {
                    failures.push((path.clone(), located(path, e)));
                }
            }
        }
        if !failures.is_empty() {
            failures.sort_by_key(|(p, _)| paths.iter().position(|q| q == p));
            return Err(DeskError::Import(failures));
        }
        distinct(&reviews)?;
        let mut results: Vec<(PathBuf, Imported)> = Vec::new();
        let mut applied = 0;
        let mut added: Vec<ClaimId> = Vec::new();
        for (path, text) in &feeds {
            match self.import_claimreview(text) {
                Ok(imported) => {
                    added.extend(imported.edits.iter().filter_map(|e| match e {
                        Edit::AddClaim(claim) => Some(claim.id.clone()),
                        _ => None,
                    }));
                    applied += usize::from(imported.added > 0);
                    results.push((
                        path.clone(),
                        Imported::ClaimReview {
                            added: imported.added,
                            already_here: imported.already_here,
                            without_claim: imported.without_claim,
                        },
                    ));
                }
                Err(e) => {
                    // All or nothing: the feeds already added are taken back.
                    for _ in 0..applied {
                        self.session.undo().map_err(DeskError::Refused)?;
                    }
                    return Err(DeskError::Import(vec![(path.clone(), located(path, e))]));
                }
            }
        }
        for review in reviews {
            let replaced = self
                .reviews
                .iter()
                .any(|l| same_person(&l.file.reviewer, &review.file.reviewer));
            self.reviews
                .retain(|l| !same_person(&l.file.reviewer, &review.file.reviewer));
            results.push((
                review.path.clone(),
                Imported::Review {
                    reviewer: review.file.reviewer.clone(),
                    claims: review.file.reviews.len(),
                    replaced,
                },
            ));
            self.reviews.push(review);
            self.reviews_revision += 1;
        }
        // Report in the order the files were given.
        results.sort_by_key(|(p, _)| paths.iter().position(|q| q == p));
        let repeats = added
            .into_iter()
            .filter_map(|id| Some((id.clone(), self.repeats_of(&id)?)))
            .collect();
        Ok(Imports {
            files: results,
            repeats,
        })
    }

    /// The edits that add the claims of one ClaimReview document to the workspace as it is.
    fn claimreview_edits(&self, text: &str) -> Result<ClaimReviewImport, DeskError> {
        let (by, time) = self.stamp()?;
        let ws = self.session.workspace();
        let folder = self.session.folder();
        let mut ids = folder.ids(ws);
        let fresh = |claim_text: &str| ids.next(&slugify(claim_text));
        crate::export::claimreview::import(ws, text, &by, time, fresh).map_err(DeskError::File)
    }

    /// Adds the claims of one ClaimReview document; returns how many.
    fn import_claimreview(&mut self, text: &str) -> Result<ClaimReviewImport, DeskError> {
        let imported = self.claimreview_edits(text)?;
        if !imported.edits.is_empty() {
            // The edits are kept in the answer: the caller reads the ids of the claims added.
            self.apply(Edit::Batch(imported.edits.clone()))?;
        }
        Ok(imported)
    }

    /// Forgets the loaded review files.
    pub fn clear_reviews(&mut self) {
        self.reviews.clear();
        self.reviews_revision += 1;
    }

    /// What merging the loaded reviews would do now: the verdicts all reviewers agree on,
    /// their notes and evidence, and the disagreements still open.
    pub fn review_plan(&self) -> Merge {
        let by = self.reviewer.as_ref().map_or("", |r| r.name());
        let files: Vec<&ReviewFile> = self.reviews.iter().map(|l| &l.file).collect();
        review::merge(self.workspace(), &files, by, self.clock.now())
    }

    /// Applies what the loaded reviews agree on, with their notes and evidence, as one undo
    /// step; returns the plan that was applied (its conflicts were not). An error means
    /// nothing was applied.
    pub fn apply_agreed(&mut self) -> Result<Merge, DeskError> {
        let (by, time) = self.stamp()?;
        let files: Vec<&ReviewFile> = self.reviews.iter().map(|l| &l.file).collect();
        let mut plan = review::merge(self.workspace(), &files, &by, time);
        if !plan.edits.is_empty() {
            self.apply(Edit::Batch(std::mem::take(&mut plan.edits)))?;
        }
        Ok(plan)
    }

    /// Settles a disagreement by choosing `status`: a verdict that differs from the claim's
    /// is set; keeping the claim's own is recorded in its history. Either names who said what.
    pub fn resolve(&mut self, conflict: &Conflict, status: &Status) -> Result<(), DeskError> {
        if !conflict.choices().iter().any(|(s, _)| s == status) {
            return Err(DeskError::NotSettleable(format!(
                "{} is not one of the verdicts in this disagreement: {}",
                self.workspace().manifest.label(status),
                conflict.describe(&self.workspace().manifest)
            )));
        }
        let id = conflict.id().clone();
        let claim = self
            .workspace()
            .get(&id)
            .ok_or_else(|| DeskError::NoClaim(id.clone()))?;
        let summary = conflict.summary(&self.workspace().manifest);
        let (by, time) = self.stamp()?;
        let edit = if claim.status == *status {
            Edit::KeepStatus {
                id,
                by,
                time,
                reason: format!("{} ({summary})", review::KEPT),
            }
        } else {
            Edit::SetStatus {
                id,
                status: status.clone(),
                by,
                time,
                reason: format!("{} ({summary})", review::RESOLVED),
            }
        };
        self.apply(edit)
    }
}
