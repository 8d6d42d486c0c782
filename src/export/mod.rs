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

/// Reads a file to import (at most [`crate::store::MAX_FILE_BYTES`] times 64: a ClaimReview
/// feed can hold many reviews), as text.
pub fn read_text(path: &std::path::Path) -> Result<String, crate::store::Diagnostic> {
    let limit = crate::store::MAX_FILE_BYTES * 64;
    let fail = |m: String| crate::store::Diagnostic::error(path, (1, 1), m);
    let meta = std::fs::metadata(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    // A FIFO or a device would block or never end: only regular files are read.
    if !meta.is_file() {
        return Err(fail("not a regular file".into()));
    }
    let len = meta.len();
    if len > limit {
        return Err(fail(format!(
            "the file is {len} bytes; files over {limit} bytes are not read"
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|_| fail("the file is not UTF-8 text".into()))
}
