//! What leaves and enters a workspace besides its own files: review files for other reviewers
//! and editors, and the agreement between reviewers.

pub mod agreement;
pub mod claimreview;
pub mod markdown;
pub mod review;
pub mod table;

/// Writes an export to `path`, replacing any file there atomically: an export never leaves a
/// half-written file and never writes anywhere else.
pub fn write(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    crate::store::write_file_atomic(path, text.as_bytes())
}
