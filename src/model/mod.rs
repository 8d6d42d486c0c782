//! The data model: claims, their sources, statuses and links, and the workspace that holds
//! them. Pure data with serde derives: no files, no clock, no GUI.

mod anchor;
pub mod attribution;
mod claim;
mod document;
mod filter;
#[cfg(test)]
pub(crate) mod fixtures;
pub mod hints;
mod ids;
mod manifest;
pub mod merge;
mod pubdate;
mod rgb;
mod search_index;
pub mod similar;
mod spans;
mod workflow;
mod workspace;

pub use anchor::{AnchorState, CONTEXT_CHARS, Found, QuoteAnchor, SIMILARITY_THRESHOLD, locate};
pub use claim::{
    Claim, Evidence, HistoryEntry, MergeConflict, Note, Relation, RelationKind, Source, Stance,
};
pub use document::{Anchor, Document, DocumentFormat, DocumentMeta};
pub use filter::{ClaimFilter, Matcher};
pub use ids::{ClaimId, slugify};
pub use manifest::{Manifest, ManifestProblem, SavedView, Status, StatusDef};
pub use pubdate::PubDate;
pub use rgb::{MIN_CONTRAST, Rgb};
pub use search_index::{SearchIndex, SortKey};
pub use similar::{Checked, Hit, Pair, Pairs, SimilarIndex, checked};
pub use workflow::{
    Assignment, ClaimantKind, Priority, SignOff, SignOffDecision, SignOffState, same_person,
};
pub use workspace::{Incoming, Workspace};

/// Points in time are UTC timestamps, written as RFC 3339 (`2024-04-24T09:30:00Z`).
pub type Timestamp = jiff::Timestamp;

/// A point in time as people read it: `2024-04-25 10:00 UTC`.
pub fn display_time(t: Timestamp) -> String {
    t.strftime("%Y-%m-%d %H:%M UTC").to_string()
}

/// True for the addresses claimdesk hands to a browser or publishes as links: http and https
/// only, never `file:` or `javascript:`.
pub fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
