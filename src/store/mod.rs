//! A workspace folder on disk: `workspace.ron` and one `ID.ron` per claim.
//!
//! [`Folder::open`] reads everything it can and reports the rest as [`Diagnostic`]s; broken
//! files are remembered and never written. [`Folder::save`] writes only the claims it is told
//! changed, each atomically, and refuses to overwrite a file that changed on disk since it was
//! read unless the caller says to.

mod atomic;
mod codec;
mod diagnostic;
pub mod guarded;
mod journal;
mod legacy;
mod reload;
mod sources;
pub mod watch;

pub use atomic::{LOCK_FILE, TEMP_PREFIX};
pub use codec::{
    Decoded, MAX_DEPTH, MAX_FILE_BYTES, SCHEMA_VERSION, decode_claim, decode_manifest, decode_ron,
    encode_claim, encode_manifest, encode_ron,
};
pub use diagnostic::{Diagnostic, Severity, position_of};
pub use journal::JOURNAL_FILE;
pub use reload::{OnDisk, claim_stem};
pub use sources::{MAX_DOCUMENT_BYTES, NewSource, SOURCES_DIR, decode_meta, encode_meta};

use crate::model::{Claim, ClaimId, Document, Manifest, Workspace};
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a file of a newer schema is told, in its diagnostic.
const NEWER_SCHEMA: &str = "newer than this claimdesk";

/// How a link's diagnostic ends: to the claim itself, to a file that did not load, to nothing.
const LINK_PROBLEMS: [&str; 3] = [
    ", which is this claim itself",
    ", whose file did not load",
    ", which does not exist",
];

/// Replaces the file at `path` with `bytes` atomically (temp file beside it, flush, rename,
/// flush the folder): for exports, which must never leave a half-written file.
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    atomic::write_atomic(&dir, &name.to_string_lossy(), bytes)?;
    atomic::sync_dir(&dir)
}

/// What `.gitattributes` of a new workspace says: its text files keep `\n` line ends.
pub const GITATTRIBUTES: &str = "*.ron text eol=lf\n*.md text eol=lf\n*.txt text eol=lf\n";

/// The manifest's file name.
pub const MANIFEST_FILE: &str = "workspace.ron";

/// What a workspace folder looked like when it was read, and what has been written since.
#[derive(Debug)]
pub struct Folder {
    root: PathBuf,
    /// Hash of each loaded claim file's bytes as last read or written.
    hashes: HashMap<ClaimId, u64>,
    manifest_hash: Option<u64>,
    /// Stems of `.ron` files that did not load: never written, and their ids are not reused.
    broken: BTreeSet<String>,
    diagnostics: Vec<Diagnostic>,
    read_only: Option<String>,
    /// Counts [`Folder::took_in`] calls, so that views can tell when files broke or loaded.
    looks: u64,
}

/// Free ids for a batch of new claims: see [`Folder::ids`].
pub struct IdAllocator<'a> {
    folder: &'a Folder,
    ws: &'a Workspace,
    given: std::collections::HashSet<ClaimId>,
    /// Per stem, the suffix to try next: a batch of claims sharing one stem does not test
    /// `-2`, `-3`, … again for every claim.
    next_suffix: HashMap<String, usize>,
}

impl IdAllocator<'_> {
    /// A free id made from `stem` (`claim` when it makes no valid id): `stem`, else `stem-2`,
    /// `stem-3`, …, never one given before by this allocator.
    pub fn next(&mut self, stem: &str) -> ClaimId {
        let base = ClaimId::new(stem)
            .or_else(|_| ClaimId::new("claim"))
            .unwrap_or_else(|_| unreachable!("\"claim\" is a valid id"));
        let free = |this: &Self, id: &ClaimId| {
            this.folder.is_free(this.ws, id) && !this.given.contains(id)
        };
        if !self.next_suffix.contains_key(base.as_str()) && free(self, &base) {
            self.given.insert(base.clone());
            self.next_suffix.insert(base.as_str().to_string(), 2);
            return base;
        }
        let mut n = self.next_suffix.get(base.as_str()).copied().unwrap_or(2);
        loop {
            let suffix = format!("-{n}");
            let keep = ClaimId::MAX_LEN.saturating_sub(suffix.len());
            let head = base.as_str()[..base.as_str().len().min(keep)].trim_end_matches('-');
            n += 1;
            if let Ok(id) = ClaimId::new(format!("{head}{suffix}"))
                && free(self, &id)
            {
                self.next_suffix.insert(base.as_str().to_string(), n);
                self.given.insert(id.clone());
                return id;
            }
        }
    }
}

/// Why a folder could not be opened at all.
#[derive(Debug)]
pub enum OpenError {
    /// The folder has no `workspace.ron`.
    NotAWorkspace(PathBuf),
    /// The folder could not be read.
    Io(PathBuf, io::Error),
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenError::NotAWorkspace(dir) => write!(
                f,
                "{} is not a claimdesk workspace (it has no {MANIFEST_FILE})",
                dir.display()
            ),
            OpenError::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

impl std::error::Error for OpenError {}

/// Why a save wrote nothing.
#[derive(Debug)]
pub enum SaveError {
    /// The workspace must not be written (a newer schema, a broken manifest).
    ReadOnly(String),
    /// These claims' files did not load; fix them by hand first.
    Broken(Vec<PathBuf>),
    /// These files changed on disk since they were read. Save again with them in
    /// [`SaveOptions::overwrite`] to keep this version, or reload to take theirs.
    ChangedOnDisk(Vec<ClaimId>),
    /// This claim would make a file over [`MAX_FILE_BYTES`], which no claimdesk would read.
    TooBig(ClaimId, usize),
    /// This file is a symbolic link that leads out of the workspace: it is not written
    /// through.
    Outside(PathBuf),
    /// These claims changed here and, meanwhile, in their files, in the same fields: each
    /// holds both values until the reviewer chooses one per field.
    Unsettled(Vec<ClaimId>),
    /// `workspace.ron` changed on disk since it was read (someone edited the vocabulary).
    ManifestChanged(PathBuf),
    /// Writing failed part-way; files already written hold their new content, the rest
    /// their old content.
    Io(PathBuf, io::Error),
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |paths: &[PathBuf]| {
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            SaveError::ReadOnly(why) => write!(f, "nothing saved: {why}"),
            SaveError::Broken(paths) => write!(
                f,
                "nothing saved: {} did not load; fix it by hand first",
                list(paths)
            ),
            SaveError::ChangedOnDisk(ids) => write!(
                f,
                "nothing saved: changed on disk since it was read, or created there by someone else meanwhile: {}",
                ids.iter()
                    .map(|i| format!("{i}.ron"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            SaveError::Unsettled(ids) => write!(
                f,
                "nothing saved: someone else changed the same fields of {} meanwhile; choose mine or theirs for each, then save",
                ids.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            SaveError::TooBig(id, len) => write!(
                f,
                "nothing saved: claim {id} would take {len} bytes, over the {MAX_FILE_BYTES}-byte limit of a claim file; shorten its notes or text"
            ),
            SaveError::Outside(path) => write!(
                f,
                "nothing saved: {} is a symbolic link that leads out of the workspace; claimdesk writes only inside it",
                path.display()
            ),
            SaveError::ManifestChanged(path) => write!(
                f,
                "nothing saved: {} changed on disk since it was read; open the workspace again",
                path.display()
            ),
            SaveError::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

impl std::error::Error for SaveError {}

/// Choices for one save.
#[derive(Clone, Debug, Default)]
pub struct SaveOptions {
    /// Claims whose files may be replaced although they changed on disk ("keep mine").
    pub overwrite: BTreeSet<ClaimId>,
}

/// What a save did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SaveReport {
    /// Claims whose files were written.
    pub written: Vec<ClaimId>,
    /// Claims whose files were removed.
    pub removed: Vec<ClaimId>,
    /// Claims merged with a change someone else made to their file meanwhile (the merge is
    /// what was written).
    pub merged: Vec<ClaimId>,
}

/// How far an open has got, for another thread to show while it runs.
#[derive(Debug, Default)]
pub struct OpenProgress {
    read: AtomicUsize,
    total: AtomicUsize,
}

impl OpenProgress {
    /// Claim files read so far, and how many there are (0 until they are listed).
    pub fn files(&self) -> (usize, usize) {
        (
            self.read.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }
}

impl Folder {
    /// Reads the workspace in `root`. Files that do not load are left out of the workspace and
    /// listed in [`Folder::diagnostics`]; only a missing or unreadable folder or manifest fails.
    pub fn open(root: impl Into<PathBuf>) -> Result<(Folder, Workspace), OpenError> {
        Self::open_with_progress(root, &OpenProgress::default())
    }

    /// [`Folder::open`], counting the files read in `progress` as it goes.
    pub fn open_with_progress(
        root: impl Into<PathBuf>,
        progress: &OpenProgress,
    ) -> Result<(Folder, Workspace), OpenError> {
        let root = root.into();
        let manifest_path = root.join(MANIFEST_FILE);
        if !manifest_path.is_file() {
            if fs::symlink_metadata(&manifest_path).is_ok() {
                return Err(OpenError::Io(
                    manifest_path,
                    io::Error::other("not a regular file (a link to a device, a FIFO, a folder?)"),
                ));
            }
            return Err(OpenError::NotAWorkspace(root));
        }
        let mut folder = Folder {
            root,
            hashes: HashMap::new(),
            manifest_hash: None,
            broken: BTreeSet::new(),
            diagnostics: Vec::new(),
            read_only: None,
            looks: 0,
        };
        folder.recover();
        let manifest = folder.read_manifest(&manifest_path)?;
        let (stems, stale) = folder.claim_files()?;
        if stale {
            folder.remove_stale_temp_files();
        }
        progress.total.store(stems.len(), Ordering::Relaxed);
        let loaded = load_parallel(&folder.root, &stems, manifest.as_ref(), progress);
        let mut claims = Vec::with_capacity(loaded.len());
        folder.hashes.reserve(loaded.len());
        for (stem, result) in loaded {
            match result {
                Ok((claim, hash, version)) => {
                    if version > SCHEMA_VERSION {
                        folder.newer_schema(&folder.path_of(&claim.id), version);
                    }
                    folder.hashes.insert(claim.id.clone(), hash);
                    claims.push(claim);
                }
                Err((diag, newer)) => {
                    if let Some(version) = newer {
                        folder.newer_schema(&diag.path.clone(), version);
                    }
                    folder.diagnostics.push(diag);
                    folder.broken.insert(stem);
                }
            }
        }
        let manifest = manifest.unwrap_or_default();
        let mut ws = Workspace::from_claims(manifest, claims);
        for document in sources::load(&folder.root, &mut folder.diagnostics) {
            ws.put_document(document);
        }
        folder.check_links(&ws);
        folder.check_anchors(&ws);
        folder.check_signoffs(&ws);
        folder.diagnostics.sort();
        Ok((folder, ws))
    }

    /// The manifest, or `None` when it is broken (then the workspace is read-only and claim
    /// statuses are not checked: the vocabulary is unknown).
    fn read_manifest(&mut self, path: &Path) -> Result<Option<Manifest>, OpenError> {
        let bytes = read_capped(path).map_err(|e| OpenError::Io(path.to_path_buf(), e))?;
        let decoded = match bytes {
            Ok(bytes) => {
                self.manifest_hash = Some(hash(&bytes));
                codec::decode_manifest(path, &bytes).map_err(|d| {
                    let newer = codec::newer_version(&bytes);
                    (d, newer)
                })
            }
            Err(len) => Err((codec::too_big(path, len), None)),
        };
        match decoded {
            Ok(d) => {
                if d.version > SCHEMA_VERSION {
                    self.newer_schema(path, d.version);
                }
                let problems = d.value.problems();
                if problems.is_empty() {
                    return Ok(Some(d.value));
                }
                let text = fs::read_to_string(path).unwrap_or_default();
                let statuses = codec::find_key(&text, "statuses").unwrap_or((1, 1));
                for p in problems {
                    let at = p
                        .value
                        .as_deref()
                        .and_then(|v| codec::find_string(&text, v));
                    self.diagnostics.push(Diagnostic::error(
                        path,
                        at.unwrap_or(statuses),
                        p.message,
                    ));
                }
            }
            Err((diag, newer)) => {
                if let Some(v) = newer {
                    self.newer_schema(path, v);
                }
                self.diagnostics.push(diag);
            }
        }
        self.read_only
            .get_or_insert_with(|| format!("{} has errors; fix it before saving", path.display()));
        Ok(None)
    }

    fn newer_schema(&mut self, path: &Path, version: u32) {
        let message = format!(
            "schema version {version}, {NEWER_SCHEMA} ({SCHEMA_VERSION}): the workspace is read-only; update claimdesk to save it"
        );
        self.diagnostics
            .push(Diagnostic::warning(path, (1, 1), message.clone()));
        self.read_only
            .get_or_insert_with(|| format!("{} has {message}", path.display()));
    }

    /// Removes temp files that interrupted saves left. Another process may be saving right
    /// now: its temp file is stale only if nobody holds the lock.
    fn remove_stale_temp_files(&mut self) {
        let Ok(Some(_lock)) = atomic::Lock::try_acquire_existing(&self.root) else {
            return;
        };
        if let Err(e) = atomic::remove_stale_temp_files(&self.root) {
            self.diagnostics.push(Diagnostic::warning(
                &self.root,
                (1, 1),
                format!("could not remove temp files of interrupted saves: {e}"),
            ));
        }
    }

    /// The stems of the `*.ron` entries of the folder other than the manifest, sorted, and
    /// whether there are temp files. Entries that look like claim files but cannot be are
    /// reported here.
    fn claim_files(&mut self) -> Result<(Vec<String>, bool), OpenError> {
        let root = self.root.clone();
        let io_err = |e| OpenError::Io(root.clone(), e);
        let mut stems = Vec::new();
        let mut stale = false;
        for entry in fs::read_dir(&self.root).map_err(io_err)? {
            let entry = entry.map_err(io_err)?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                if name
                    .to_string_lossy()
                    .to_ascii_lowercase()
                    .ends_with(".ron")
                {
                    self.diagnostics.push(Diagnostic::error(
                        &entry.path(),
                        (1, 1),
                        "the file name is not UTF-8; rename the file to its claim's id",
                    ));
                }
                continue;
            };
            if name.starts_with(TEMP_PREFIX) {
                stale = true;
                continue;
            }
            if name == MANIFEST_FILE {
                continue;
            }
            let Some(stem) = name.strip_suffix(".ron") else {
                if name.to_ascii_lowercase().ends_with(".ron") {
                    self.diagnostics.push(Diagnostic::warning(
                        &entry.path(),
                        (1, 1),
                        "ignored: claim files end in lower-case .ron",
                    ));
                }
                continue;
            };
            if name.starts_with('.') {
                self.diagnostics.push(Diagnostic::warning(
                    &entry.path(),
                    (1, 1),
                    "ignored: a hidden file",
                ));
                continue;
            }
            // The type comes with the listing, so regular files cost no extra system call;
            // a FIFO must never be opened (reading it would wait forever).
            let mut file_type = entry.file_type().map_err(io_err)?;
            if file_type.is_symlink() {
                match fs::metadata(entry.path()) {
                    Ok(meta) => file_type = meta.file_type(),
                    Err(_) => {
                        self.diagnostics.push(Diagnostic::error(
                            &entry.path(),
                            (1, 1),
                            "a symbolic link to a file that does not exist",
                        ));
                        self.broken.insert(stem.to_string());
                        continue;
                    }
                }
            }
            if file_type.is_dir() {
                self.diagnostics.push(Diagnostic::warning(
                    &entry.path(),
                    (1, 1),
                    "ignored: a folder, not a claim file",
                ));
                continue;
            }
            if !file_type.is_file() {
                self.diagnostics.push(Diagnostic::error(
                    &entry.path(),
                    (1, 1),
                    "not a regular file (a device, FIFO or socket)",
                ));
                self.broken.insert(stem.to_string());
                continue;
            }
            stems.push(stem.to_string());
        }
        stems.sort_unstable();
        Ok((stems, stale))
    }

    /// Checks again the links of the claims in `stems` and of the claims that link to them:
    /// the only links a change to those files can have made or mended. A pass over every
    /// claim cost 20 ms a reload at 100,000 claims.
    fn recheck_links(&mut self, ws: &Workspace, stems: &[String]) {
        let mut affected: BTreeSet<ClaimId> = BTreeSet::new();
        for id in stems.iter().filter_map(|s| ClaimId::new(s.as_str()).ok()) {
            affected.extend(ws.incoming(&id).iter().map(|i| i.from.clone()));
            affected.insert(id);
        }
        let paths: std::collections::HashSet<PathBuf> =
            affected.iter().map(|id| self.path_of(id)).collect();
        self.diagnostics.retain(|d| {
            !(paths.contains(&d.path) && LINK_PROBLEMS.iter().any(|why| d.message.ends_with(why)))
        });
        for claim in affected.iter().filter_map(|id| ws.get(id)) {
            self.check_links_of(ws, claim);
        }
        self.diagnostics.sort();
    }

    fn check_links(&mut self, ws: &Workspace) {
        for claim in ws.claims() {
            self.check_links_of(ws, claim);
        }
    }

    /// Reports `claim`'s links to itself or to claims that are not in `ws`.
    fn check_links_of(&mut self, ws: &Workspace, claim: &Claim) {
        let dangling: Vec<_> = claim
            .relations
            .iter()
            .filter(|r| !ws.contains(&r.target) || r.target == claim.id)
            .collect();
        if dangling.is_empty() {
            return;
        }
        let path = self.path_of(&claim.id);
        let text = fs::read_to_string(&path).unwrap_or_default();
        for rel in dangling {
            let [itself, broken, missing] = LINK_PROBLEMS;
            let why = if rel.target == claim.id {
                itself
            } else if self.broken.contains(rel.target.as_str()) {
                broken
            } else {
                missing
            };
            self.diagnostics.push(Diagnostic::error(
                &path,
                codec::find_string(&text, rel.target.as_str()).unwrap_or((1, 1)),
                format!("{} {}{why}", rel.kind.name(), rel.target),
            ));
        }
    }

    /// Sign-offs a file claims that no second reviewer gave: by the verdict's own author (a
    /// hand edit, or a forged one), as errors; `validate` fails on them.
    fn check_signoffs(&mut self, ws: &Workspace) {
        for claim in ws.claims() {
            let (Some(s), Some(v)) = (&claim.signoff, claim.verdict()) else {
                continue;
            };
            if s.verdict == v.time && v.is_by(&s.by) {
                let path = self.path_of(&claim.id);
                let text = fs::read_to_string(&path).unwrap_or_default();
                self.diagnostics.push(Diagnostic::error(
                    &path,
                    codec::find_key(&text, "signoff").unwrap_or((1, 1)),
                    format!(
                        "signed off by {}, who gave the verdict: a second reviewer must sign it off",
                        s.by
                    ),
                ));
            }
        }
    }

    /// Anchors to missing documents, and orphaned quotes, as warnings: the claim itself is
    /// fine, and its quote is shown as orphaned rather than guessed.
    fn check_anchors(&mut self, ws: &Workspace) {
        for claim in ws.claims() {
            let Some(anchor) = &claim.anchor else {
                continue;
            };
            let message = match ws.document(&anchor.document) {
                None => format!(
                    "anchored to {SOURCES_DIR}/{}, which is not there",
                    anchor.document
                ),
                Some(doc) => match crate::model::locate(&doc.text, &anchor.quote).state {
                    crate::model::AnchorState::Orphaned => format!(
                        "the quote is orphaned: it is no longer in {SOURCES_DIR}/{}",
                        anchor.document
                    ),
                    _ => continue,
                },
            };
            let path = self.path_of(&claim.id);
            let text = fs::read_to_string(&path).unwrap_or_default();
            let at = codec::find_key(&text, "anchor").unwrap_or((1, 1));
            self.diagnostics
                .push(Diagnostic::warning(&path, at, message));
        }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file that holds (or will hold) the claim `id`.
    pub fn path_of(&self, id: &ClaimId) -> PathBuf {
        self.root.join(format!("{id}.ron"))
    }

    /// True when the file `STEM.ron` is in the folder but did not load.
    pub fn is_broken(&self, stem: &str) -> bool {
        self.broken.contains(stem)
    }

    /// Every problem found when opening, sorted by file and position.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Why the workspace must not be written, if it must not.
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// True when `id` is free: no claim has it and nothing in the folder is named after it.
    pub fn is_free(&self, ws: &Workspace, id: &ClaimId) -> bool {
        !ws.contains(id)
            && !self.broken.contains(id.as_str())
            && fs::symlink_metadata(self.path_of(id)).is_err()
    }

    /// A free id made from `stem`: `stem`, else `stem-2`, `stem-3`, …
    pub fn free_id(&self, ws: &Workspace, stem: &str) -> ClaimId {
        self.ids(ws).next(stem)
    }

    /// Gives free ids to the claims of one batch, none given twice; O(1) amortised per id
    /// however many of them share a stem.
    pub fn ids<'a>(&'a self, ws: &'a Workspace) -> IdAllocator<'a> {
        IdAllocator {
            folder: self,
            ws,
            given: std::collections::HashSet::new(),
            next_suffix: HashMap::new(),
        }
    }

    /// True when `id`'s content differs from its file as last read or written: a changed,
    /// new or deleted claim.
    pub fn differs_from_file(&self, ws: &Workspace, id: &ClaimId) -> bool {
        let now = ws.get(id).map(|c| hash(encode_claim(c).as_bytes()));
        now != self.hashes.get(id).copied()
    }

    /// The hash of `id`'s file as last read or written (`None`: no file).
    pub fn known_hash(&self, id: &ClaimId) -> Option<u64> {
        self.hashes.get(id).copied()
    }

    /// Takes `hash` as the known content of `id`'s file (after reading it with
    /// [`Folder::read_current`]), so that the next save compares against it. Whether the
    /// file loads is not changed here: see [`Folder::took_in`].
    pub fn set_known_hash(&mut self, id: &ClaimId, hash: Option<u64>) {
        match hash {
            Some(hash) => {
                self.hashes.insert(id.clone(), hash);
            }
            None => {
                self.hashes.remove(id);
            }
        }
    }

    /// Reads `id`'s file as it is now on disk, with its hash: `(None, None)` if it is gone.
    /// Nothing is remembered: see [`Folder::set_known_hash`].
    pub fn read_current(&self, id: &ClaimId) -> Result<(Option<Claim>, Option<u64>), Diagnostic> {
        let path = self.path_of(id);
        let bytes = match read_capped(&path) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(len)) => return Err(codec::too_big(&path, len)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((None, None)),
            Err(e) => {
                return Err(Diagnostic::error(
                    &path,
                    (1, 1),
                    format!("cannot read: {e}"),
                ));
            }
        };
        let claim = codec::decode_claim(&path, &bytes)?.value;
        if &claim.id != id {
            let at = codec::find_key(&String::from_utf8_lossy(&bytes), "id").unwrap_or((1, 1));
            return Err(Diagnostic::error(
                &path,
                at,
                "the id no longer matches the file name",
            ));
        }
        Ok((Some(claim), Some(hash(&bytes))))
    }

    /// Writes the claims in `changed` whose content differs from their file: new and changed
    /// claims are written, deleted ones removed. All checks run before anything is written:
    /// if one file may not be written, none is.
    pub fn save<'a>(
        &mut self,
        ws: &Workspace,
        changed: impl IntoIterator<Item = &'a ClaimId>,
        options: &SaveOptions,
    ) -> Result<SaveReport, SaveError> {
        self.save_with(ws, changed, options, None)
    }

    /// Writes `manifest` as `workspace.ron`, atomically and only over the manifest this folder
    /// read: a colleague's change to it is reported ([`SaveError::ManifestChanged`]), never
    /// lost. Claims are not touched.
    pub fn save_manifest(&mut self, ws: &Workspace, manifest: &Manifest) -> Result<(), SaveError> {
        let none: [&ClaimId; 0] = [];
        self.save_with(
            ws,
            none,
            &SaveOptions::default(),
            Some(encode_manifest(manifest)),
        )
        .map(drop)
    }

    /// [`Folder::save`], with the manifest's new text when it is rewritten too (`fmt`). Several
    /// files are written through the journal: all of them land, or (killed before the
    /// journal is there) none.
    fn save_with<'a>(
        &mut self,
        ws: &Workspace,
        changed: impl IntoIterator<Item = &'a ClaimId>,
        options: &SaveOptions,
        manifest: Option<String>,
    ) -> Result<SaveReport, SaveError> {
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        let changed: BTreeSet<&ClaimId> = changed.into_iter().collect();
        let broken: Vec<PathBuf> = changed
            .iter()
            .filter(|id| self.broken.contains(id.as_str()))
            .map(|id| self.path_of(id))
            .collect();
        if !broken.is_empty() {
            return Err(SaveError::Broken(broken));
        }
        // What would be written, before touching the disk: a save with nothing to write
        // costs no system call.
        let mut wanted = Vec::new();
        let mut too_big = Vec::new();
        for id in changed {
            let bytes = ws.get(id).map(encode_claim);
            if let Some(text) = &bytes
                && text.len() as u64 > MAX_FILE_BYTES
            {
                too_big.push((id.clone(), text.len()));
                continue;
            }
            let known = self.hashes.get(id).copied();
            if bytes.as_ref().map(|b| hash(b.as_bytes())) != known {
                wanted.push((id, bytes, known));
            }
        }
        if wanted.is_empty() && too_big.is_empty() && manifest.is_none() {
            return Ok(SaveReport::default());
        }
        // Held from the first check to the last rename: another claimdesk saving the same
        // folder waits, then finds our files changed and reports a conflict instead of
        // overwriting them.
        let _lock = atomic::Lock::acquire(&self.root)
            .map_err(|e| SaveError::Io(self.root.join(LOCK_FILE), e))?;
        if manifest.is_some() {
            // Only over the manifest this process read: a colleague's change to the
            // vocabulary is never lost to a reformat.
            let path = self.root.join(MANIFEST_FILE);
            match read_capped(&path) {
                Ok(Ok(on_disk)) if Some(hash(&on_disk)) == self.manifest_hash => {}
                _ => return Err(SaveError::ManifestChanged(path)),
            }
            self.write_target(&path)?;
        }
        let mut plan = Vec::new();
        let mut conflicts = Vec::new();
        let mut vanished = Vec::new();
        for (id, bytes, known) in wanted {
            let path = self.path_of(id);
            let changed_on_disk = match read_capped(&path) {
                Ok(Ok(on_disk)) => Some(hash(&on_disk)) != known,
                // Every loaded file was under the cap: this one is not what was read.
                Ok(Err(_too_big)) => true,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    if bytes.is_none() {
                        // Deleted here and there alike: nothing to write, and it is gone.
                        self.hashes.remove(id);
                        vanished.push(id.clone());
                        continue;
                    }
                    known.is_some()
                }
                Err(e) => return Err(SaveError::Io(path, e)),
            };
            if changed_on_disk && !options.overwrite.contains(id) {
                conflicts.push(id.clone());
            }
            if bytes.is_some() {
                // Refused before anything is written, so the batch lands whole or not at all.
                self.write_target(&path)?;
            }
            plan.push((id.clone(), bytes));
        }
        if let Some((id, len)) = too_big.first() {
            return Err(SaveError::TooBig(id.clone(), *len));
        }
        if !conflicts.is_empty() {
            return Err(SaveError::ChangedOnDisk(conflicts));
        }
        let mut entries: Vec<journal::Entry> = plan
            .iter()
            .map(|(id, bytes)| (format!("{id}.ron"), bytes.clone()))
            .collect();
        if let Some(text) = &manifest {
            entries.push((MANIFEST_FILE.to_string(), Some(text.clone())));
        }
        self.commit(&entries)?;
        let mut report = SaveReport {
            removed: vanished,
            ..SaveReport::default()
        };
        for (id, bytes) in plan {
            match bytes {
                Some(text) => {
                    self.hashes.insert(id.clone(), hash(text.as_bytes()));
                    report.written.push(id);
                }
                None => {
                    self.hashes.remove(&id);
                    report.removed.push(id);
                }
            }
        }
        if let Some(text) = &manifest {
            self.manifest_hash = Some(hash(text.as_bytes()));
        }
        Ok(report)
    }

    /// Writes `entries` so that all land or none: one file is replaced atomically on its
    /// own; several go through the journal first.
    fn commit(&self, entries: &[journal::Entry]) -> Result<(), SaveError> {
        let journaled = entries.len() > 1;
        if journaled {
            atomic::write_atomic(&self.root, JOURNAL_FILE, &journal::encode(entries))
                .and_then(|()| atomic::sync_dir(&self.root))
                .map_err(|e| SaveError::Io(self.root.join(JOURNAL_FILE), e))?;
        }
        self.apply_entries(entries)?;
        if journaled {
            fs::remove_file(self.root.join(JOURNAL_FILE))
                .and_then(|()| atomic::sync_dir(&self.root))
                .map_err(|e| SaveError::Io(self.root.join(JOURNAL_FILE), e))?;
        }
        Ok(())
    }

    /// An id for a new source document made from `stem` (a slug), used by no file in
    /// `sources/` nor by a document already loaded: `stem`, else `stem-2`, `stem-3`, …
    pub fn free_source_id(&self, ws: &Workspace, stem: &str) -> String {
        let base = ClaimId::new(stem).map_or_else(|_| "source".to_string(), String::from);
        let taken: BTreeSet<String> = fs::read_dir(self.root.join(SOURCES_DIR))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .filter_map(|e| {
                        e.file_name()
                            .to_str()
                            .map(|n| sources::stem_of(n).to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        let free = |id: &str| !taken.contains(id) && ws.document(id).is_none();
        if free(&base) {
            return base;
        }
        // Bounded: at most one more candidate than there are names taken.
        for n in 2..=taken.len() + 2 {
            let suffix = format!("-{n}");
            let keep = ClaimId::MAX_LEN.saturating_sub(suffix.len());
            let head = base[..base.len().min(keep)].trim_end_matches('-');
            let id = format!("{head}{suffix}");
            if free(&id) {
                return id;
            }
        }
        base
    }

    /// Adds a source document to `sources/`: its original bytes (when they are not the text
    /// itself), its metadata and its text. The folder's lock is held throughout; a file
    /// already there by that id is never replaced. The metadata and the text land together
    /// through the journal, the text last in order, so a failure leaves no document; the
    /// original, written first, is removed again when the rest fails.
    pub fn add_source(&mut self, source: &NewSource) -> Result<Document, SaveError> {
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        let dir = self.root.join(SOURCES_DIR);
        let refuse = |path: PathBuf, kind: io::ErrorKind, why: &str| {
            SaveError::Io(path, io::Error::new(kind, why.to_string()))
        };
        if ClaimId::new(source.id.as_str()).is_err() {
            return Err(refuse(
                dir.join(&source.id),
                io::ErrorKind::InvalidInput,
                "a document's id may hold only a-z, 0-9 and inner dashes",
            ));
        }
        match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(meta) if meta.file_type().is_symlink() => {
                let real = fs::canonicalize(&dir).map_err(|e| SaveError::Io(dir.clone(), e))?;
                let root = fs::canonicalize(&self.root)
                    .map_err(|e| SaveError::Io(self.root.clone(), e))?;
                if !real.starts_with(&root) || !real.is_dir() {
                    return Err(SaveError::Outside(dir));
                }
            }
            Ok(_) => {
                return Err(refuse(
                    dir,
                    io::ErrorKind::InvalidInput,
                    "not a folder; sources are kept in a folder of this name",
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir(&dir)
                    .and_then(|()| atomic::sync_dir(&self.root))
                    .map_err(|e| SaveError::Io(dir.clone(), e))?;
            }
            Err(e) => return Err(SaveError::Io(dir, e)),
        }
        let _lock = atomic::Lock::acquire(&self.root)
            .map_err(|e| SaveError::Io(self.root.join(LOCK_FILE), e))?;
        let text_name = source.text_name();
        let original_name = source
            .original
            .as_ref()
            .map(|(ext, _)| format!("{}.{ext}", source.id));
        let taken = fs::read_dir(&dir)
            .map_err(|e| SaveError::Io(dir.clone(), e))?
            .filter_map(Result::ok)
            .filter_map(|e| e.file_name().to_str().map(str::to_string))
            .find(|name| sources::stem_of(name) == source.id);
        if let Some(name) = taken {
            return Err(refuse(
                dir.join(name),
                io::ErrorKind::AlreadyExists,
                "a source by this id is there already; choose another id",
            ));
        }
        if let (Some(name), Some((_, bytes))) = (&original_name, &source.original) {
            atomic::write_atomic(&dir, name, bytes)
                .map_err(|e| SaveError::Io(dir.join(name), e))?;
        }
        let entries: Vec<journal::Entry> = vec![
            (
                format!("{SOURCES_DIR}/{}.ron", source.id),
                Some(sources::encode_meta(&source.meta)),
            ),
            (
                format!("{SOURCES_DIR}/{text_name}"),
                Some(source.text.clone()),
            ),
        ];
        if let Err(e) = self.commit(&entries) {
            // With its journal in place the document is committed (the next open completes
            // it) and keeps its original; without, nothing of it may stay behind.
            let committed = fs::symlink_metadata(self.root.join(JOURNAL_FILE)).is_ok()
                || fs::symlink_metadata(dir.join(&text_name)).is_ok();
            if let (Some(name), false) = (&original_name, committed) {
                let _ = fs::remove_file(dir.join(name));
            }
            return Err(e);
        }
        let text = match source.text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => source.text.clone(),
        };
        Ok(Document {
            id: source.id.clone(),
            meta: source.meta.clone(),
            text,
            format: source.format,
        })
    }

    /// Writes (atomically, each) or removes the files of a committed save, then makes the
    /// folder durable. Running it twice gives the same files: a journal is rolled forward
    /// with it.
    fn apply_entries(&self, entries: &[journal::Entry]) -> Result<(), SaveError> {
        for (name, content) in entries {
            let path = self.root.join(name);
            match content {
                Some(text) => {
                    let (dir, file) = self.write_target(&path)?;
                    atomic::write_atomic(&dir, &file, text.as_bytes())
                        .map_err(|e| SaveError::Io(path.clone(), e))?;
                    if dir != self.root {
                        atomic::sync_dir(&dir).map_err(|e| SaveError::Io(dir.clone(), e))?;
                    }
                }
                None => match fs::remove_file(&path) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => return Err(SaveError::Io(path, e)),
                },
            }
        }
        if !entries.is_empty() {
            atomic::sync_dir(&self.root).map_err(|e| SaveError::Io(self.root.clone(), e))?;
        }
        Ok(())
    }

    /// Completes a save that a kill interrupted after its journal landed, before anything
    /// is read, and says so in the diagnostics. A journal that cannot be completed makes the
    /// workspace read-only and is left for a person to look at.
    fn recover(&mut self) {
        let path = self.root.join(JOURNAL_FILE);
        if fs::symlink_metadata(&path).is_err() {
            return;
        }
        // A save under way in another process holds the lock and removes its own journal.
        let lock = match atomic::Lock::acquire(&self.root) {
            Ok(lock) => lock,
            Err(e) => {
                self.cannot_recover(&path, &e.to_string());
                return;
            }
        };
        if fs::symlink_metadata(&path).is_err() {
            return;
        }
        let entries = guarded::read_inside(&self.root, &path, u64::MAX)
            .map_err(|e| e.to_string())
            .and_then(|bytes| journal::decode(&bytes).map_err(|e| e.to_string()));
        let entries = match entries {
            Ok(entries) => entries,
            Err(why) => return self.cannot_recover(&path, &why),
        };
        if let Err(e) = self.apply_entries(&entries) {
            return self.cannot_recover(&path, &e.to_string());
        }
        if let Err(e) = fs::remove_file(&path).and_then(|()| atomic::sync_dir(&self.root)) {
            return self.cannot_recover(&path, &e.to_string());
        }
        drop(lock);
        self.diagnostics.push(Diagnostic::warning(
            &path,
            (1, 1),
            format!(
                "a save of {} file(s) was interrupted; it has been completed",
                entries.len()
            ),
        ));
    }

    fn cannot_recover(&mut self, path: &Path, why: &str) {
        self.diagnostics.push(Diagnostic::error(
            path,
            (1, 1),
            format!("an interrupted save could not be completed: {why}"),
        ));
        self.read_only = Some(format!(
            "an interrupted save could not be completed ({}); see {}",
            why,
            path.display()
        ));
    }

    /// Where writing the workspace file at `path` goes: the folder and name of the file
    /// itself, or of what a symbolic link names, which stays a link. A link that leads out of
    /// the workspace is refused: a cloned workspace must not make the program write elsewhere.
    fn write_target(&self, path: &Path) -> Result<(PathBuf, String), SaveError> {
        let target = match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let real = fs::canonicalize(path).map_err(|e| SaveError::Io(path.into(), e))?;
                let root = fs::canonicalize(&self.root)
                    .map_err(|e| SaveError::Io(self.root.clone(), e))?;
                if !real.starts_with(&root) {
                    return Err(SaveError::Outside(path.to_path_buf()));
                }
                real
            }
            _ => path.to_path_buf(),
        };
        // A file made read-only on purpose is not replaced behind the owner's back.
        if fs::metadata(&target).is_ok_and(|m| m.permissions().readonly()) {
            return Err(SaveError::Io(
                path.to_path_buf(),
                io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "the file is read-only; make it writable to save it",
                ),
            ));
        }
        match (target.parent(), target.file_name()) {
            (Some(dir), Some(name)) => Ok((dir.to_path_buf(), name.to_string_lossy().into_owned())),
            _ => Err(SaveError::Io(
                path.to_path_buf(),
                io::Error::new(io::ErrorKind::InvalidInput, "not a file name"),
            )),
        }
    }

    /// The files whose bytes are not in canonical form (including files of an older schema),
    /// as `fmt --check` lists them. Broken files are not listed: they are in the diagnostics.
    pub fn unformatted(&self, ws: &Workspace) -> Vec<PathBuf> {
        let mut out = Vec::new();
        if self.manifest_is_unformatted(ws) {
            out.push(self.root.join(MANIFEST_FILE));
        }
        for claim in ws.claims() {
            if self.hashes.get(&claim.id) != Some(&hash(encode_claim(claim).as_bytes())) {
                out.push(self.path_of(&claim.id));
            }
        }
        out
    }

    fn manifest_is_unformatted(&self, ws: &Workspace) -> bool {
        self.manifest_hash.is_some()
            && self.manifest_hash != Some(hash(encode_manifest(&ws.manifest).as_bytes()))
    }

    /// Rewrites every loaded file that is not in canonical form; returns their paths.
    pub fn format(&mut self, ws: &Workspace) -> Result<Vec<PathBuf>, SaveError> {
        if let Some(why) = &self.read_only {
            return Err(SaveError::ReadOnly(why.clone()));
        }
        let mut written = Vec::new();
        let manifest = self
            .manifest_is_unformatted(ws)
            .then(|| encode_manifest(&ws.manifest));
        if manifest.is_some() {
            written.push(self.root.join(MANIFEST_FILE));
        }
        let stale: Vec<ClaimId> = ws
            .claims()
            .filter(|c| self.hashes.get(&c.id) != Some(&hash(encode_claim(c).as_bytes())))
            .map(|c| c.id.clone())
            .collect();
        // Formatting rewrites files as this process read them; the usual on-disk check
        // applies, and all of them land or none.
        let report = self.save_with(ws, &stale, &SaveOptions::default(), manifest)?;
        written.extend(report.written.iter().map(|id| self.path_of(id)));
        Ok(written)
    }

    /// Writes `ws` into `root` as a new workspace. `root` must not exist or be empty. The
    /// files are written plainly, not one by one atomically: a new folder has nothing to lose,
    /// and at 100,000 claims a flush per file would take minutes.
    pub fn create(root: impl Into<PathBuf>, ws: &Workspace) -> Result<Folder, SaveError> {
        let root = root.into();
        let io_err = |p: &Path, e| SaveError::Io(p.to_path_buf(), e);
        if root.exists() {
            let mut entries = fs::read_dir(&root).map_err(|e| io_err(&root, e))?;
            if entries.next().is_some() {
                return Err(SaveError::Io(
                    root.clone(),
                    io::Error::new(io::ErrorKind::AlreadyExists, "the folder is not empty"),
                ));
            }
        }
        fs::create_dir_all(&root).map_err(|e| io_err(&root, e))?;
        let mut folder = Folder {
            root: root.clone(),
            hashes: HashMap::with_capacity(ws.len()),
            manifest_hash: None,
            broken: BTreeSet::new(),
            diagnostics: Vec::new(),
            read_only: None,
            looks: 0,
        };
        let gitignore = root.join(".gitignore");
        fs::write(
            &gitignore,
            format!("{TEMP_PREFIX}*\n{LOCK_FILE}\n{JOURNAL_FILE}\n"),
        )
        .map_err(|e| io_err(&gitignore, e))?;
        // git keeps `\n` line ends in the files whatever a reviewer's `autocrlf` says, so a
        // Windows checkout does not put carriage returns into notes.
        let gitattributes = root.join(".gitattributes");
        fs::write(&gitattributes, GITATTRIBUTES).map_err(|e| io_err(&gitattributes, e))?;
        let manifest = encode_manifest(&ws.manifest);
        let path = root.join(MANIFEST_FILE);
        fs::write(&path, &manifest).map_err(|e| io_err(&path, e))?;
        folder.manifest_hash = Some(hash(manifest.as_bytes()));
        for claim in ws.claims() {
            let text = encode_claim(claim);
            let path = folder.path_of(&claim.id);
            fs::write(&path, &text).map_err(|e| io_err(&path, e))?;
            folder
                .hashes
                .insert(claim.id.clone(), hash(text.as_bytes()));
        }
        atomic::sync_dir(&root).map_err(|e| io_err(&root, e))?;
        Ok(folder)
    }
}

/// A loaded claim with its file's hash and schema version, or why not (and the schema version
/// the file declares when that is newer than this build's).
/// A claim is boxed as soon as it is read, so that collecting 100,000 of them moves
/// pointers, not claims.
type Loaded = (
    String,
    Result<(Box<Claim>, u64, u32), (Diagnostic, Option<u32>)>,
);

/// Reads and checks the claim files on all cores: at 100,000 files parsing dominates.
fn load_parallel(
    root: &Path,
    stems: &[String],
    manifest: Option<&Manifest>,
    progress: &OpenProgress,
) -> Vec<Loaded> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let chunk = stems.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = stems
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    let mut buffer = Vec::new();
                    part.iter()
                        .map(|stem| {
                            let path = root.join(format!("{stem}.ron"));
                            let loaded = load_claim(&path, stem, manifest, &mut buffer)
                                .map(|(claim, hash, version)| (Box::new(claim), hash, version));
                            progress.read.fetch_add(1, Ordering::Relaxed);
                            (stem.clone(), loaded)
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("claim loading does not panic"))
            .collect()
    })
}

/// Reads and checks one claim file, reading it into `buffer`, which a loop reuses.
fn load_claim(
    path: &Path,
    stem: &str,
    manifest: Option<&Manifest>,
    buffer: &mut Vec<u8>,
) -> Result<(Claim, u64, u32), (Diagnostic, Option<u32>)> {
    match read_capped_into(path, buffer) {
        Ok(Ok(())) => {}
        Ok(Err(len)) => return Err((codec::too_big(path, len), None)),
        Err(e) => {
            return Err((
                Diagnostic::error(path, (1, 1), format!("cannot read: {e}")),
                None,
            ));
        }
    }
    decode_loaded(path, stem, manifest, buffer)
}

/// Decodes the bytes of a claim file read from `path` and checks them as [`load_claim`] does.
fn decode_loaded(
    path: &Path,
    stem: &str,
    manifest: Option<&Manifest>,
    bytes: &[u8],
) -> Result<(Claim, u64, u32), (Diagnostic, Option<u32>)> {
    let fail = |at, message: String| Err((Diagnostic::error(path, at, message), None));
    let decoded = codec::decode_claim(path, bytes).map_err(|d| (d, codec::newer_version(bytes)))?;
    let mut claim = decoded.value;
    // The file parsed, so it is UTF-8; the text is needed only to point at a field.
    let text = || String::from_utf8_lossy(bytes).into_owned();
    if claim.id.as_str() != stem {
        let at = codec::find_key(&text(), "id").unwrap_or((1, 1));
        let message = if ClaimId::new(stem).is_ok() {
            format!(
                "id {:?} does not match the file name; the id is the file name, so two files cannot share an id (rename the file or set the id to {stem:?})",
                claim.id.as_str()
            )
        } else {
            format!(
                "the file name {stem:?} is not a valid id (a-z, 0-9 and inner dashes); rename the file after its id"
            )
        };
        return fail(at, message);
    }
    if let Some(manifest) = manifest
        && !manifest.knows(&claim.status)
    {
        let text = text();
        let at = codec::find_key(&text, "status").unwrap_or((1, 1));
        let known: Vec<&str> = manifest.statuses.iter().map(|d| d.key.as_str()).collect();
        return fail(
            at,
            format!(
                "unknown status {:?}; this workspace knows {}",
                claim.status.as_str(),
                known.join(", ")
            ),
        );
    }
    claim.shrink_to_fit();
    Ok((claim, hash(bytes), decoded.version))
}

/// Reads a file unless it is over [`MAX_FILE_BYTES`] (then `Err(length)`), without trusting
/// the length the file system reports: the file may grow while it is read.
fn read_capped(path: &Path) -> io::Result<Result<Vec<u8>, u64>> {
    let mut bytes = Vec::new();
    Ok(read_capped_into(path, &mut bytes)?.map(|()| bytes))
}

/// [`read_capped`] into `bytes`, which a loop over many files reuses.
fn read_capped_into(path: &Path, bytes: &mut Vec<u8>) -> io::Result<Result<(), u64>> {
    match guarded::read_into(path, MAX_FILE_BYTES, bytes) {
        Ok(()) => Ok(Ok(())),
        Err(guarded::ReadError::TooBig(len, _)) => Ok(Err(len)),
        Err(guarded::ReadError::Io(e)) => Err(e),
        Err(other) => Err(io::Error::other(other.to_string())),
    }
}

/// A fingerprint of a file's bytes, to notice changes made by others. XXH3 because every
/// file is hashed on open: at 100,000 files SipHash cost a tenth of the load time.
fn hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
