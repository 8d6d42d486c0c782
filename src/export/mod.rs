//! What leaves and enters a workspace besides its own files: review files for other reviewers
//! and editors, and the agreement between reviewers.

pub mod agreement;
pub mod claimreview;
pub mod markdown;
pub mod review;
pub mod table;

/// Writes an export to `path`, replacing any file there atomically: an export never leaves a
/// half-written file. A symbolic link is written through to the regular file it names (and
/// stays a link); a device, a FIFO or a folder is refused, never replaced.
pub fn write(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::{Error, ErrorKind};
    let refuse = |what: &str| {
        Err(Error::new(
            ErrorKind::InvalidInput,
            format!("not written: {what}, not a regular file"),
        ))
    };
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let real = std::fs::canonicalize(path).map_err(|e| {
                Error::new(e.kind(), format!("not written: a link to nothing ({e})"))
            })?;
            if !std::fs::metadata(&real)?.is_file() {
                return refuse("a link to a special file or a folder");
            }
            real
        }
        Ok(meta) if meta.is_dir() => return refuse("a folder"),
        Ok(meta) if !meta.is_file() => return refuse("a device, FIFO or socket"),
        _ => path.to_path_buf(),
    };
    crate::store::write_file_atomic(&target, text.as_bytes())
}

/// The largest file imported (a review file or a ClaimReview feed): room for a review of
/// 100,000 claims with their copies, notes and evidence.
pub const MAX_IMPORT_BYTES: u64 = 512 << 20;

/// Reads a file to import through the guarded reader (regular files only, at most
/// [`MAX_IMPORT_BYTES`]), as UTF-8 text without a byte-order mark.
pub fn read_text(path: &std::path::Path) -> Result<String, crate::store::Diagnostic> {
    let fail = |m: String| crate::store::Diagnostic::error(path, (1, 1), m);
    let bytes =
        crate::store::guarded::read(path, MAX_IMPORT_BYTES).map_err(|e| fail(e.to_string()))?;
    crate::store::guarded::utf8_text(path, bytes, "file")
}

/// How many verdicts a workspace that asks for sign-off holds back from publication: those
/// waiting for a second reviewer and those sent back.
pub fn waiting_for_signoff(ws: &crate::model::Workspace) -> usize {
    use crate::model::SignOffState;
    ws.claims()
        .filter(|c| {
            matches!(
                c.signoff_state(&ws.manifest),
                SignOffState::Awaiting | SignOffState::SentBack
            )
        })
        .count()
}
