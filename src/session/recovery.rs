//! Crash recovery: the unsaved claims of a session, written beside the workspace's own files
//! (in the app's data folder) within a second of each change, and put back as unsaved changes
//! when the workspace is next opened after a crash or a kill.
//!
//! Each claim carries its base, the file version its change started from, so that a claim
//! whose file changed since (a `git pull` after the crash) is merged with it as a save would,
//! never put back blind over it.

use super::{Base, Session};
use crate::edit::{Edit, EditError};
use crate::model::{Claim, ClaimId};
use crate::store::{Diagnostic, SaveError, SaveOptions, guarded};
use serde::{Deserialize, Serialize};
use std::io;
use std::path::{Path, PathBuf};

/// The largest recovery file read (many claims can be unsaved after a large import).
const MAX_RECOVERY_BYTES: u64 = 512 << 20;

/// What the recovery files of the workspace in `root` are named by: a hash of the
/// workspace's full path, so that each workspace has its own.
pub fn recovery_key(root: &Path) -> String {
    let full = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(full.to_string_lossy().as_bytes())
    )
}

/// Writes `recovery` to `path` atomically, or removes the file when nothing is unsaved.
pub fn write_recovery(path: &Path, recovery: &Recovery) -> io::Result<()> {
    if recovery.claims.is_empty() {
        return match std::fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::store::write_file_atomic(path, crate::store::encode_ron(recovery).as_bytes())
}

/// Reads the recovery file at `path`: `Ok(None)` when there is none.
pub fn read_recovery(path: &Path) -> Result<Option<Recovery>, Diagnostic> {
    let bytes = match guarded::read(path, MAX_RECOVERY_BYTES) {
        Ok(bytes) => bytes,
        Err(guarded::ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Diagnostic::error(path, (1, 1), e.to_string())),
    };
    let recovery: Recovery = crate::store::decode_ron(path, &bytes)?;
    if recovery.version > RECOVERY_VERSION {
        return Err(Diagnostic::error(
            path,
            (1, 1),
            format!(
                "recovery file version {}, newer than this claimdesk ({RECOVERY_VERSION})",
                recovery.version
            ),
        ));
    }
    Ok(Some(recovery))
}

/// The version of the recovery file's layout.
pub const RECOVERY_VERSION: u32 = 1;

/// The unsaved work of one session on one workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recovery {
    /// [`RECOVERY_VERSION`].
    pub version: u32,
    /// The workspace folder, as opened.
    pub workspace: PathBuf,
    /// Each unsaved claim.
    pub claims: Vec<UnsavedClaim>,
}

/// One claim with unsaved changes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnsavedClaim {
    /// The claim.
    pub id: ClaimId,
    /// Its content here; `None` when it was deleted here.
    pub ours: Option<Claim>,
    /// The file's content its change started from; `None` when there was no file.
    pub base: Option<Claim>,
    /// That file's hash, to tell whether the file changed since.
    pub base_hash: Option<u64>,
    /// The base is a state the file includes rather than a file version: the save must
    /// merge whatever the file holds.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub always_merge: bool,
}

/// What putting recovered work back did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Restored {
    /// Claims put back as unsaved changes (all of these below included).
    pub claims: Vec<ClaimId>,
    /// Claims whose files changed since, merged with them.
    pub merged: Vec<ClaimId>,
    /// Claims whose files changed since in the same fields: both values wait for a choice.
    pub unsettled: Vec<ClaimId>,
    /// Claims deleted on one side and changed on the other: the save asks.
    pub apart: Vec<ClaimId>,
    /// Claims left out, with why (a status this workspace no longer knows, …).
    pub skipped: Vec<(ClaimId, String)>,
}

impl Session {
    /// The unsaved claims, for a recovery file.
    pub fn recovery(&self) -> Recovery {
        let claims = self
            .unsaved
            .iter()
            .map(|id| {
                let base = self.bases.get(id);
                UnsavedClaim {
                    id: id.clone(),
                    ours: self.ws.get(id).cloned(),
                    base: base.and_then(|b| b.claim.clone()),
                    base_hash: base.and_then(|b| b.hash),
                    always_merge: base.is_some_and(|b| b.always_merge),
                }
            })
            .collect();
        Recovery {
            version: RECOVERY_VERSION,
            workspace: self.folder.root().to_path_buf(),
            claims,
        }
    }

    /// Puts recovered work back as unsaved changes, in one undo step (undo takes it away
    /// again). Where a file changed since, the claim is merged with it at once.
    pub fn restore(&mut self, recovery: Recovery) -> Result<Restored, EditError> {
        let mut out = Restored::default();
        let mut steps = Vec::new();
        let mut bases = Vec::new();
        for unsaved in recovery.claims {
            let id = unsaved.id;
            let why = match &unsaved.ours {
                Some(claim) if claim.id != id => Some("its content has another id".to_string()),
                Some(claim) if !self.ws.manifest.knows(&claim.status) => Some(format!(
                    "its status {:?} is not in this workspace's vocabulary",
                    claim.status.as_str()
                )),
                None if !self.ws.contains(&id) => continue,
                _ if self.folder.is_broken(id.as_str()) => {
                    Some("its file does not load; fix it first".to_string())
                }
                _ => None,
            };
            if let Some(why) = why {
                out.skipped.push((id, why));
                continue;
            }
            steps.push(match unsaved.ours {
                Some(claim) => Edit::Restore(Box::new(claim)),
                None => Edit::Discard { id: id.clone() },
            });
            bases.push((
                id.clone(),
                Base {
                    claim: unsaved.base,
                    hash: unsaved.base_hash,
                    always_merge: unsaved.always_merge,
                },
            ));
            out.claims.push(id);
        }
        if steps.is_empty() {
            return Ok(out);
        }
        self.end_merge();
        let label = format!("Restore unsaved work ({} claims)", steps.len());
        self.apply_with_bases(Edit::Batch(steps), None, bases, Some(label))?;
        self.end_merge();
        // A claim saved after the last recovery write, just before the crash, is no change.
        out.claims.retain(|id| self.unsaved.contains(id));
        let stale = self.contested(&SaveOptions::default());
        if !stale.is_empty() {
            // Whatever happens here, the work is back; a merge that cannot run now (a file
            // that does not load) runs at the save, which refuses until it can.
            match self.merge_from_disk(&stale) {
                Ok(merged) => out.merged = merged,
                Err(SaveError::Unsettled(ids)) => {
                    out.unsettled = ids;
                    out.merged = stale;
                }
                Err(SaveError::ChangedOnDisk(ids)) => out.apart = ids,
                Err(_) => {}
            }
        }
        Ok(out)
    }
}
