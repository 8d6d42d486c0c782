//! What leaves the desk: one format type for every export, for the command line and the
//! window alike.

use super::{Desk, DeskError, same_person};
use crate::export::{claimreview, markdown, review, table};
use crate::model::{Status, Workspace};
use std::path::Path;

/// A format the desk exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The reviewer's own review file (RON), for other reviewers and editors.
    Review,
    /// A CSV table of the claims.
    Csv,
    /// A Markdown report grouped by status.
    Markdown,
    /// schema.org ClaimReview JSON-LD, for publishing.
    ClaimReview,
}

impl Format {
    /// Every format, in menu order.
    pub const ALL: [Format; 4] = [
        Format::Review,
        Format::Csv,
        Format::Markdown,
        Format::ClaimReview,
    ];

    /// The name on the command line (`--format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Review => "review",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::ClaimReview => "claimreview",
        }
    }

    /// The format with this command-line name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// What it is, for a menu: "review file", "CSV table", …
    pub fn title(self) -> &'static str {
        match self {
            Format::Review => "review file",
            Format::Csv => "CSV table",
            Format::Markdown => "Markdown report",
            Format::ClaimReview => "ClaimReview JSON-LD",
        }
    }

    /// The file name proposed for it.
    pub fn file_name(self, reviewer: Option<&str>) -> String {
        match self {
            Format::Review => match reviewer.map(crate::model::slugify) {
                Some(slug) if !slug.is_empty() => format!("review-{slug}.ron"),
                _ => "review.ron".into(),
            },
            Format::Csv => "claims.csv".into(),
            Format::Markdown => "report.md".into(),
            Format::ClaimReview => "claimreview.json".into(),
        }
    }
}

/// An export to make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    /// Which format.
    pub format: Format,
    /// Only claims with these statuses (for a review file: these verdicts); all when empty.
    pub statuses: Vec<Status>,
    /// Where the desk publishes (ClaimReview only): each review's `url` is `SITE#id`.
    pub site: Option<String>,
}

impl ExportRequest {
    /// Every claim in `format`.
    pub fn all(format: Format) -> Self {
        Self {
            format,
            statuses: Vec::new(),
            site: None,
        }
    }
}

/// An export's text, with what the reviewer should know about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exported {
    /// The file's content.
    pub text: String,
    /// Things that may not be what was meant (a reviewer name found nowhere).
    pub warnings: Vec<String>,
}

impl Desk {
    /// Makes an export.
    pub fn export(&self, request: &ExportRequest) -> Result<Exported, DeskError> {
        let ws = self.workspace();
        let statuses = &request.statuses;
        let mut warnings = Vec::new();
        let text = match request.format {
            Format::Review => {
                let who = self.reviewer.as_ref().ok_or(DeskError::NoReviewer)?;
                // The file names the reviewer as the workspace spells them, so that history
                // entries made from it read the same as their own.
                let name = match spelling_in(ws, who.name()) {
                    Ok(spelled) => spelled,
                    Err(warning) => {
                        warnings.push(warning);
                        who.name()
                    }
                };
                review::encode(&review::export(ws, name, statuses))
            }
            Format::Csv => table::export(ws, statuses),
            Format::Markdown => {
                held_back(ws, "this report", &mut warnings);
                markdown::export(ws, statuses)
            }
            Format::ClaimReview => {
                held_back(ws, "ClaimReview", &mut warnings);
                let site = request
                    .site
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| crate::model::is_web_address(s))
                    .ok_or(DeskError::NeedsSite)?;
                claimreview::export(ws, site, statuses)
            }
        };
        Ok(Exported { text, warnings })
    }

    /// Makes an export and writes it to `path`, replacing any file there atomically.
    /// A path inside the workspace is refused: the file would be read back as a claim file
    /// (or replace one, or the manifest).
    pub fn export_to(&self, request: &ExportRequest, path: &Path) -> Result<Exported, DeskError> {
        if self.is_inside(path) {
            return Err(DeskError::File(format!(
                "{}: inside the workspace folder, which holds only its own files (an export there could be read as a claim or replace one); write it elsewhere",
                path.display()
            )));
        }
        let exported = self.export(request)?;
        crate::export::write(path, &exported.text)
            .map_err(|e| DeskError::File(format!("{}: {e}", path.display())))?;
        Ok(exported)
    }
}

/// Says how many verdicts wait for sign-off and so are left out of a publication.
fn held_back(ws: &crate::model::Workspace, what: &str, warnings: &mut Vec<String>) {
    let waiting = crate::export::waiting_for_signoff(ws);
    if waiting > 0 {
        warnings.push(format!(
            "{waiting} verdict(s) wait for sign-off and are left out of {what}"
        ));
    }
}

impl Desk {
    /// True when `path` would land inside the workspace folder (symbolic links resolved).
    fn is_inside(&self, path: &Path) -> bool {
        let Ok(root) = self.session.folder().root().canonicalize() else {
            return false;
        };
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let real = match path.canonicalize() {
            Ok(real) => real,
            Err(_) => match parent.canonicalize() {
                Ok(dir) => dir.join(path.file_name().unwrap_or_default()),
                Err(_) => return false,
            },
        };
        real.starts_with(&root)
    }
}

/// How the workspace spells `name` (the first verdict, note or evidence by that person), or
/// a warning when nothing in it is by them: names must match whole, so "ana" does not find
/// Ana Ferreira's work. The warning suggests names that have `name` as one of their words.
fn spelling_in<'a>(ws: &'a Workspace, name: &str) -> Result<&'a str, String> {
    let mut names: Vec<&str> = Vec::new();
    for c in ws.claims() {
        let by = c.history.iter().map(|h| h.by.as_str());
        let notes = c.notes.iter().map(|n| n.author.as_str());
        let evidence = c.evidence.iter().map(|e| e.added_by.as_str());
        for n in by.chain(notes).chain(evidence) {
            if same_person(n, name) {
                return Ok(n.trim());
            }
            // A few suggestions are enough, and keep this linear in the workspace.
            if names.len() < 5
                && n.split_whitespace().any(|word| same_person(word, name))
                && !names.iter().any(|m| same_person(m, n))
            {
                names.push(n);
            }
        }
    }
    let mut warning = format!(
        "no verdict, note or evidence in this workspace is by {name:?}, so the review file is empty; names must match whole (any case)"
    );
    if !names.is_empty() {
        names.sort_unstable();
        warning.push_str(&format!("; did you mean {}?", names.join(" or ")));
    }
    Err(warning)
}
