//! Looking at claim files again while the workspace is open: what changed on disk since it
//! was read (a `git pull`, a colleague, an editor), file by file.

use super::{
    Diagnostic, Folder, MANIFEST_FILE, SCHEMA_VERSION, TEMP_PREFIX, codec, decode_loaded, hash,
    read_capped,
};
use crate::model::{Claim, ClaimId, Manifest, Workspace};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::PathBuf;

/// A claim file as it is now, compared with what was last read or written.
#[derive(Debug)]
pub enum OnDisk {
    /// The same bytes (or still no file).
    Unchanged,
    /// New or changed: this claim, and the file's hash for [`Folder::set_known_hash`].
    Changed(Box<Claim>, u64),
    /// The file is gone.
    Gone,
    /// The file does not load; it is listed in the diagnostics and never written.
    Broken(Diagnostic),
}

/// The claim-file stem a workspace file name stands for: `None` for the manifest, temp files,
/// hidden files and anything that is not `*.ron`.
pub fn claim_stem(name: &str) -> Option<&str> {
    if name == MANIFEST_FILE || name.starts_with(TEMP_PREFIX) || name.starts_with('.') {
        return None;
    }
    name.strip_suffix(".ron")
}

impl Folder {
    /// Reads the claim file `STEM.ron` again and says how it differs from what this folder
    /// last read or wrote. Nothing is taken in here: what was read becomes known through
    /// [`Folder::set_known_hash`] once the caller has decided to take it, and problems
    /// through [`Folder::took_in`]. (A file of a newer schema makes the workspace read-only
    /// at once.)
    pub fn look(&mut self, stem: &str, manifest: &Manifest) -> OnDisk {
        let path = self.root.join(format!("{stem}.ron"));
        let id = ClaimId::new(stem).ok();
        let known = id.as_ref().and_then(|id| self.known_hash(id));
        match fs::symlink_metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if known.is_some() || self.broken.contains(stem) {
                    OnDisk::Gone
                } else {
                    OnDisk::Unchanged
                }
            }
            _ => match read_capped(&path) {
                // Most files a full reload looks at are as they were: no decoding for those.
                Ok(Ok(bytes)) if known == Some(hash(&bytes)) => OnDisk::Unchanged,
                Ok(Ok(bytes)) => match decode_loaded(&path, stem, Some(manifest), &bytes) {
                    Ok((claim, h, version)) => {
                        if version > SCHEMA_VERSION {
                            self.newer_schema(&path, version);
                        }
                        OnDisk::Changed(Box::new(claim), h)
                    }
                    Err((diag, newer)) => {
                        if let Some(version) = newer {
                            self.newer_schema(&path, version);
                        }
                        OnDisk::Broken(diag)
                    }
                },
                Ok(Err(len)) => OnDisk::Broken(codec::too_big(&path, len)),
                Err(e) => OnDisk::Broken(Diagnostic::error(
                    &path,
                    (1, 1),
                    format!("cannot read: {e}"),
                )),
            },
        }
    }

    /// Takes in what [`Folder::look`] found, for all the files looked at in one go (one pass
    /// over the diagnostics, however many files a `git pull` changed): `looked` holds each
    /// file that changed, went, or loads again, with its new problem if it does not load.
    /// Links are checked again, since their targets may have come or gone.
    pub fn took_in(&mut self, looked: Vec<(String, Option<Diagnostic>)>, ws: &Workspace) {
        if looked.is_empty() {
            return;
        }
        let paths: HashSet<PathBuf> = looked
            .iter()
            .map(|(stem, _)| self.root.join(format!("{stem}.ron")))
            .collect();
        // A newer schema, found by this very look, stays said: it is why the workspace is
        // read-only.
        self.diagnostics
            .retain(|d| !paths.contains(&d.path) || d.message.contains(super::NEWER_SCHEMA));
        self.looks += 1;
        let stems: Vec<String> = looked.iter().map(|(stem, _)| stem.clone()).collect();
        for (stem, problem) in looked {
            match problem {
                Some(diag) => {
                    self.diagnostics.push(diag);
                    self.broken.insert(stem);
                }
                None => {
                    self.broken.remove(&stem);
                }
            }
        }
        self.recheck_links(ws, &stems);
    }

    /// The stems of every `*.ron` claim file in the folder now, for a reload of everything.
    pub fn list_stems(&self) -> io::Result<Vec<String>> {
        let mut stems = Vec::new();
        for entry in fs::read_dir(&self.root)? {
            let entry = entry?;
            if let Some(stem) = entry.file_name().to_str().and_then(claim_stem) {
                stems.push(stem.to_string());
            }
        }
        stems.sort_unstable();
        Ok(stems)
    }

    /// Grows with every [`Folder::took_in`]: what loads may have changed.
    pub fn looks(&self) -> u64 {
        self.looks
    }

    /// The stems of the files that did not load.
    pub fn broken_stems(&self) -> impl Iterator<Item = &str> {
        self.broken.iter().map(String::as_str)
    }

    /// True when `workspace.ron` is no longer what was read (the vocabulary changed).
    pub fn manifest_changed(&self) -> bool {
        let path = self.root.join(MANIFEST_FILE);
        match super::read_capped(&path) {
            Ok(Ok(bytes)) => Some(hash(&bytes)) != self.manifest_hash,
            _ => true,
        }
    }

    /// Forgets what `id`'s file held (it no longer loads): a save treats it as broken.
    pub fn forget(&mut self, id: &ClaimId) {
        self.hashes.remove(id);
    }
}
