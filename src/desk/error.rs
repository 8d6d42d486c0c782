//! Why a desk verb did nothing.

use crate::edit::EditError;
use crate::model::ClaimId;
use crate::store::{OpenError, SaveError};
use std::fmt;
use std::path::PathBuf;

/// Why a desk verb did nothing. In every case the workspace is as it was before the call.
#[derive(Debug)]
pub enum DeskError {
    /// The change records who made it, and nobody is named.
    NoReviewer,
    /// The workspace must not be written.
    ReadOnly(String),
    /// The workspace could not be opened.
    Open(OpenError),
    /// The edit was refused (empty text, a duplicate link, …).
    Refused(EditError),
    /// Saving wrote nothing.
    Save(SaveError),
    /// Not a well-formed claim id.
    BadId(String),
    /// No claim has this id.
    NoClaim(ClaimId),
    /// The claim's file did not load.
    BrokenClaim(PathBuf),
    /// The workspace has no status by this key or label.
    UnknownStatus {
        /// What was typed.
        typed: String,
        /// The keys the workspace knows.
        known: Vec<String>,
    },
    /// An edit that records a name reached [`super::Desk::change`]: a bug in a front end.
    NeedsVerb,
    /// The same reviewer appears in two review files.
    SameReviewer {
        /// The name, as the second file writes it.
        name: String,
        /// The two files.
        files: [PathBuf; 2],
    },
    /// Some input files could not be read; nothing was imported. Each entry is a file and
    /// why.
    Import(Vec<(PathBuf, String)>),
    /// ClaimReview needs the address where the desk publishes.
    NeedsSite,
    /// This disagreement cannot be settled by choosing a verdict here.
    NotSettleable(String),
    /// The workspace asks for a reason with every status change (`require_reason` in
    /// `workspace.ron`) and none was given.
    NeedsReason,
    /// A file could not be read or written: `PATH: message` or `PATH:LINE:COL: message`.
    File(String),
}

impl fmt::Display for DeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeskError::NoReviewer => f.write_str(super::HOW_TO_NAME),
            DeskError::ReadOnly(why) => write!(f, "cannot change this workspace: {why}"),
            DeskError::Open(e) => e.fmt(f),
            DeskError::Refused(e) => e.fmt(f),
            DeskError::Save(e) => e.fmt(f),
            DeskError::BadId(why) => f.write_str(why),
            DeskError::NoClaim(id) => write!(f, "no claim has the id {id}"),
            DeskError::BrokenClaim(path) => write!(
                f,
                "{} did not load; `claimdesk validate` says why",
                path.display()
            ),
            DeskError::UnknownStatus { typed, known } => write!(
                f,
                "unknown status {typed:?}; this workspace knows {}",
                known.join(", ")
            ),
            DeskError::NeedsVerb => {
                f.write_str("this change records a name and a time: make it through its verb")
            }
            DeskError::SameReviewer { name, files } => write!(
                f,
                "{} and {} are both by {}: give one file per reviewer",
                files[0].display(),
                files[1].display(),
                name.trim()
            ),
            DeskError::Import(failures) => {
                write!(f, "nothing imported: ")?;
                let all: Vec<String> = failures
                    .iter()
                    .map(|(path, why)| {
                        if why.starts_with(&path.display().to_string()) {
                            why.clone()
                        } else {
                            format!("{}: {why}", path.display())
                        }
                    })
                    .collect();
                f.write_str(&all.join("; "))
            }
            DeskError::NeedsSite => f.write_str(
                "ClaimReview needs the http(s) address where the desk publishes its fact-checks",
            ),
            DeskError::NotSettleable(why) => f.write_str(why),
            DeskError::NeedsReason => f.write_str(
                "this workspace asks for a reason with every status change (require_reason in workspace.ron): say why",
            ),
            DeskError::File(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for DeskError {}
