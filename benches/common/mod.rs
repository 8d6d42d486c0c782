//! What the benchmarks share: the generated workspace they run on.

use claimdesk::store::Folder;
use std::path::PathBuf;
use std::sync::LazyLock;

/// How many claims the benchmarks' workspace holds.
pub const CLAIMS: usize = 100_000;

/// A generated workspace of [`CLAIMS`] claims (seed 1), written once per run into a temp
/// folder that lives as long as the process.
pub static WORKSPACE: LazyLock<(tempfile::TempDir, PathBuf)> = LazyLock::new(|| {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("w");
    Folder::create(&dir, &claimdesk::generate::workspace(CLAIMS, 1)).expect("generate");
    (tmp, dir)
});
