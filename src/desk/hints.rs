//! Check-worthy sentences of a document that is not (yet) in a workspace: read through the
//! guarded reader, scored by [`crate::model::hints`].

use super::DeskError;
use crate::model::hints::{self, Hint};
use crate::store::{MAX_DOCUMENT_BYTES, guarded};
use std::path::Path;

/// The text of the file at `path`: a regular file of UTF-8 text, at most the size of a
/// source document.
pub fn read_text_file(path: &Path) -> Result<String, DeskError> {
    let bytes = guarded::read(path, MAX_DOCUMENT_BYTES)
        .map_err(|e| DeskError::File(format!("{}: {e}", path.display())))?;
    guarded::utf8_text(path, bytes, "document").map_err(|d| DeskError::File(d.to_string()))
}

/// The document at `path` and its sentences scoring at least `threshold`.
pub fn document_hints(path: &Path, threshold: i32) -> Result<(String, Vec<Hint>), DeskError> {
    let text = read_text_file(path)?;
    let found = hints::check_worthy_at(&text, &[], threshold);
    Ok((text, found))
}
