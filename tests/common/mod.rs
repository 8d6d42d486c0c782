//! Helpers shared by the integration tests.

use std::fs;
use std::path::{Path, PathBuf};

/// The sample workspace in the repository.
pub fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("claims")
}

/// A private copy of the sample workspace, removed when dropped.
pub fn sample_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(sample_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    dir
}
